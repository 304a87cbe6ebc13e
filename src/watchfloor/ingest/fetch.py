"""Safe, polite HTTP GET: size-capped, redirect-checked, robots.txt-aware, rate-limited.

URLs come from feeds and users, so any of them may point at an internal service
(SSRF), redirect forever, trickle bytes forever or stream gigabytes; each hop is therefore
checked before it is requested, the address connected to is the one vetted, every request
has a wall-clock deadline, and every body is read and inflated in chunks against a hard
limit (``transport``).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .articles import Failure
from .transport import BodyRefused, RefusedAddress, VettedBackend, content_decoder

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})  # the others say "ask here again next time"
ROBOTS_MAX_BYTES = 512_000
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
ACCEPT_ENCODING = "gzip, deflate"  # the encodings transport.content_decoder inflates with a bound
MAX_VALIDATOR_CHARS = 1024


class FetchError(Failure):
    """A URL that could not (or must not) be fetched; the reason is user-facing."""


@dataclass
class Response:
    """A fetched body and what is needed to interpret it."""

    url: str  # the final address, after redirects
    status: int
    content_type: str  # media type only, lower case ("text/html")
    charset: str | None
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names; repeats joined by ", "
    redirects: tuple[tuple[int, str], ...] = ()  # (status, target) of each redirect followed, in order

    @property
    def permanent_url(self) -> str | None:
        """Where the request's leading permanent redirects (301, 308) lead: the address to ask
        from now on. The first temporary hop ends the run, since what follows it may change."""
        moved = None
        for status, target in self.redirects:
            if status not in PERMANENT_REDIRECTS:
                break
            moved = target
        return moved


def check_scheme(url: str) -> SplitResult:
    """Only http(s) URLs with a host are fetched; file:, ftp:, javascript: etc. are refused."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise FetchError(f"invalid URL: {url!r}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}:" if scheme else "URLs without a scheme"
        raise FetchError(f"refused: {shown} is not fetched (only http and https)")
    if not parts.hostname:
        raise FetchError(f"invalid URL (no host): {url!r}")
    return parts


class Fetcher:
    """One httpx client plus per-host robots.txt cache and request clock."""

    def __init__(
        self,
        settings: dict,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        cfg = settings["fetch"]
        self.timeout = float(cfg["timeout"])
        self.deadline = float(cfg["deadline"])
        self.max_bytes = int(cfg["max_bytes"])
        self.max_redirects = int(cfg["max_redirects"])
        self.interval = float(cfg["per_host_interval"])
        self.user_agent = str(cfg["user_agent"])
        self.respect_robots = bool(cfg["respect_robots"])
        self.allow_private = bool(cfg["allow_private"])
        self.concurrency = max(1, int(cfg.get("concurrency", 1)))
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._locks: dict[str, threading.Lock] = {}  # one per host (requests) and per robots.txt
        self._locks_guard = threading.Lock()
        self._backend = VettedBackend(allow_private=self.allow_private)
        self._client = httpx.Client(
            transport=vetted_transport(self._backend),
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
            headers={"User-Agent": self.user_agent, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get_many(self, urls: Iterable[str]) -> Iterator[tuple[int, Response | FetchError]]:
        """GET several URLs at once, ``fetch.concurrency`` at a time: (index, response or error)
        as each completes, so a slow host never holds up the others. Requests to one host still
        go one at a time, ``per_host_interval`` apart. At most twice ``concurrency`` responses
        are held at once."""
        todo = deque(enumerate(urls))
        if self.concurrency == 1:
            for index, url in todo:
                yield index, self._get_or_error(url)
            return
        with ThreadPoolExecutor(self.concurrency, thread_name_prefix="watchfloor-fetch") as pool:
            running: dict[Future, int] = {}
            while todo or running:
                while todo and len(running) < 2 * self.concurrency:
                    index, url = todo.popleft()
                    running[pool.submit(self._get_or_error, url)] = index
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    yield running.pop(future), future.result()

    def _get_or_error(self, url: str) -> Response | FetchError:
        try:
            return self.get(url)
        except FetchError as exc:
            return exc

    def _lock(self, key: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(key, threading.Lock())

    def get(self, url: str) -> Response:
        """GET a page or feed; raises FetchError with a one-line reason on any refusal."""
        response = self._follow(url, self.max_bytes, check_robots=self.respect_robots)
        if response.status >= 400:
            raise FetchError(http_status_text(response.status))
        return response

    def get_conditional(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET with the validators of an earlier response (If-None-Match, If-Modified-Since),
        returning every HTTP status (304, 410, 429, 503...) with its headers instead of raising,
        for callers that act on the status. Refusals, network failures and robots.txt still
        raise FetchError."""
        headers = {}
        if validator(etag):
            headers["If-None-Match"] = etag
        if validator(last_modified):
            headers["If-Modified-Since"] = last_modified
        return self._follow(url, self.max_bytes, check_robots=self.respect_robots, headers=headers)

    def _follow(self, url: str, limit: int, *, check_robots: bool,
                headers: dict[str, str] | None = None) -> Response:
        """Request ``url``, following redirects by hand so every hop is vetted."""
        seen: set[str] = set()
        hops: list[tuple[int, str]] = []
        current = url
        for _ in range(self.max_redirects + 1):
            parts = check_scheme(current)
            seen.add(current)
            if check_robots and not self._robots_allow(parts, current):
                raise FetchError("blocked by robots.txt")
            response, location = self._request(current, limit, headers)
            if location is None:
                response.redirects = tuple(hops)
                return response
            target = urljoin(current, location)
            if target in seen:
                raise FetchError(f"redirect loop: {current} redirects back to {target}")
            hops.append((response.status, target))
            current = target
        raise FetchError(f"too many redirects (max {self.max_redirects})")

    def _robots_allow(self, parts: SplitResult, url: str) -> bool:
        """robots.txt rules for this host, fetched once; missing or unreadable means allowed."""
        base = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock("robots " + base):  # fetched once, even when several threads ask at once
            if base not in self._robots:
                self._robots[base] = self._read_robots(base)
        parser = self._robots[base]
        return parser is None or parser.can_fetch(self.user_agent, url)

    def _read_robots(self, base: str) -> RobotFileParser | None:
        """robots.txt of one site; missing or unreadable means allowed (None)."""
        try:
            resp = self._follow(base + "/robots.txt", ROBOTS_MAX_BYTES, check_robots=False)
        except FetchError:
            return None
        parser = RobotFileParser()
        if resp.status in (401, 403):
            parser.disallow_all = True
        elif resp.status >= 400:
            parser.allow_all = True
        else:
            parser.parse(resp.content.decode("utf-8", errors="replace").splitlines())
        return parser

    def _wait_turn(self, host: str) -> None:
        """Sleep so a request to a host starts ``per_host_interval`` after its last one ended."""
        if self.interval > 0 and host in self._last:
            remaining = self._last[host] + self.interval - self._clock()
            if remaining > 0:
                self._sleep(remaining)

    def _request(self, url: str, limit: int,
                 headers: dict[str, str] | None = None) -> tuple[Response, str | None]:
        """One GET, the only one to its host at this moment; returns the response and the
        redirect target (None if not a redirect)."""
        host = urlsplit(url).netloc.lower()
        with self._lock(host):
            self._wait_turn(host)
            try:
                return self._request_now(url, limit, headers)
            finally:  # the interval runs from the end of one request to the start of the next
                self._last[host] = self._clock()

    def _request_now(self, url: str, limit: int,
                     headers: dict[str, str] | None = None) -> tuple[Response, str | None]:
        self._backend.deadline = self._backend.clock() + self.deadline
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                received = {name.lower(): value for name, value in r.headers.items()}
                location = r.headers.get("location")
                if r.status_code in REDIRECT_CODES and location:
                    return Response(str(r.url), r.status_code, "", None, b"", received), location
                declared = r.headers.get("content-length", "")
                if declared.strip().isdigit() and int(declared) > limit:
                    raise FetchError(f"response over the {limit}-byte limit")  # said so up front
                decode = content_decoder(r.headers.get("content-encoding", ""), limit)
                chunks = [decode(chunk) for chunk in r.iter_raw()]
                ctype = r.headers.get("content-type", "")
        except (RefusedAddress, BodyRefused) as exc:
            raise FetchError(str(exc)) from None
        except httpx.TimeoutException:
            if self._backend.deadline is not None and self._backend.clock() >= self._backend.deadline:
                raise FetchError(f"timed out: no complete response within {self.deadline:g}s") from None
            raise FetchError(f"timed out after {self.timeout:g}s") from None
        except httpx.ConnectError as exc:
            raise FetchError(f"unreachable: {_short(exc)}") from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL: {_short(exc)}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"request failed: {type(exc).__name__}: {_short(exc)}") from None
        finally:
            self._backend.deadline = None
        media, _, params = ctype.partition(";")
        charset = None
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip("\"'")
        body = b"".join(chunks)
        return Response(str(r.url), r.status_code, media.strip().lower(), charset, body, received), None


def vetted_transport(backend: VettedBackend) -> httpx.HTTPTransport:
    """An httpx transport whose connections go through ``backend`` (vetted addresses, deadlines)."""
    transport = httpx.HTTPTransport(retries=0)
    # httpx has no public hook for the network backend; the pinned httpcore names it so.
    assert hasattr(transport._pool, "_network_backend"), "httpcore changed: see ingest/transport.py"
    transport._pool._network_backend = backend
    return transport


def validator(value: str | None) -> str | None:
    """An ETag or Last-Modified value fit to send back, else None: a server's header is
    untrusted, and one that is not visible ASCII would fail the request rather than be sent."""
    if not isinstance(value, str) or not value or len(value) > MAX_VALIDATOR_CHARS:
        return None
    return value if all(" " <= ch <= "~" for ch in value) else None


def http_status_text(status: int) -> str:
    """A status as the user reads it: "HTTP 404 Not Found"."""
    phrase = _reason_phrase(status)
    return f"HTTP {status}{' ' + phrase if phrase else ''}"


def _reason_phrase(status: int) -> str:
    try:
        from http import HTTPStatus

        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _short(exc: BaseException) -> str:
    """An exception message on one line, bounded in length."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
