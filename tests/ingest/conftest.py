"""Fixtures for the ingest tests: fast settings and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from watchfloor.settings import load_settings

SAMPLES = Path(__file__).parent / "samples"
SLOW_SECONDS = 1.5  # the slow endpoint; test settings time out after 0.5 s
HUGE_BYTES = 1_000_000  # the huge endpoints; test settings cap responses at 200 000 bytes

Route = Callable[[BaseHTTPRequestHandler], None]


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


@pytest.fixture
def settings() -> dict:
    """Defaults with small limits and short timeouts so failures are quick to provoke."""
    s = copy.deepcopy(load_settings(env={}))
    s["ingest"]["max_file_bytes"] = 50_000
    s["fetch"].update(timeout=0.5, max_bytes=200_000, per_host_interval=0.0, allow_private=True)
    return s


def _reply(status: int, body: bytes | str, ctype: str = "text/html; charset=utf-8",
           headers: dict[str, str] | None = None, length: bool = True) -> Route:
    data = body.encode("utf-8") if isinstance(body, str) else body

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        if length:
            h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    return route


def _redirect(target: str) -> Route:
    return _reply(302, b"", headers={"Location": target})


def _slow(h: BaseHTTPRequestHandler) -> None:
    time.sleep(SLOW_SECONDS)
    _reply(200, "<html><body><p>Too late to matter.</p></body></html>")(h)


def _huge_stream(h: BaseHTTPRequestHandler) -> None:
    """No Content-Length: only the streaming limit can stop this one."""
    h.send_response(200)
    h.send_header("Content-Type", "text/plain")
    h.end_headers()
    chunk = b"word " * 2000
    for _ in range(HUGE_BYTES // len(chunk)):
        h.wfile.write(chunk)


def _echo_agent(h: BaseHTTPRequestHandler) -> None:
    agent = h.headers.get("User-Agent", "")
    _reply(200, f"Agent check\nThis request was sent by the client {agent}.", "text/plain")(h)


HITS: dict[str, int] = {}  # path -> requests served, for the robots.txt cache test


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        path = self.path.split("?")[0]
        HITS[path] = HITS.get(path, 0) + 1
        route = self.routes.get(path)
        try:
            if route is None:
                _reply(404, "<html><body><p>Not found</p></body></html>")(self)
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout or size limit): expected in these tests

    def log_message(self, *args: object) -> None:
        pass


def start_server(routes: dict[str, Route]) -> tuple[ThreadingHTTPServer, str]:
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def site() -> Iterator[str]:
    """Base URL of a local news site with feeds, pages and every misbehaviour tested."""
    routes: dict[str, Route] = {}
    server, base = start_server(routes)
    routes.update({
        "/robots.txt": _reply(200, "User-agent: *\nDisallow: /private/\n", "text/plain"),
        "/feed.rss": _reply(200, sample("feed.rss").replace("{base}", base), "application/rss+xml"),
        # served as generic XML so feed detection has to sniff the content
        "/atom.xml": _reply(200, sample("feed.atom").replace("{base}", base), "text/xml"),
        "/articles/one.html": _reply(200, sample("article_one.html")),
        "/articles/two.html": _reply(200, sample("article_two.html")),
        "/2023/09/02/police-post-attack/": _reply(200, sample("aggregator.html")),
        # a Wayback-style archived copy: capture stamp 2025 in the path, published 2023-05-10
        "/web/20250114093000/https://www.harbour-gazette.example/news/ferry-service-resumes":
            _reply(200, sample("archived_wayback.html")),
        "/private/secret.html": _reply(200, sample("article_one.html")),
        "/plain.txt": _reply(200, "Curfew lifted in Parachinar\nThe district administration lifted"
                             " the curfew in Parachinar on Sunday after five days.", "text/plain"),
        "/empty": _reply(200, b""),
        "/echo-ua": _echo_agent,
        "/slow": _slow,
        "/loop/a": _redirect("/loop/b"),
        "/loop/b": _redirect("/loop/a"),
        "/moved": _redirect("/articles/one.html"),
        "/to-file": _redirect("file:///etc/passwd"),
        "/huge": _reply(200, b"x" * HUGE_BYTES, "text/plain"),
        "/huge-stream": _huge_stream,
    })
    for i in range(10):
        routes[f"/chain/{i}"] = _redirect(f"/chain/{i + 1}")
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def bare_site() -> Iterator[str]:
    """A server with no robots.txt at all (missing robots.txt means allowed)."""
    server, base = start_server({"/page.html": _reply(200, sample("article_two.html"))})
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture
def ingest(settings: dict) -> Callable[..., tuple[list, list]]:
    """Run read_sources and split its output into (articles, errors)."""
    from watchfloor.ingest import read_sources
    from watchfloor.models import Article, IngestError

    def run(specs: list[str], cfg: dict | None = None, **kwargs: object) -> tuple[list, list]:
        out = list(read_sources([str(s) for s in specs], cfg or settings, **kwargs))
        assert all(isinstance(r, (Article, IngestError)) for r in out)
        return [r for r in out if isinstance(r, Article)], [r for r in out if isinstance(r, IngestError)]

    return run


@pytest.fixture
def read_sample() -> Callable[[str], str]:
    """The text of a file in tests/ingest/samples."""
    return sample


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture
def hits() -> dict[str, int]:
    """Requests served per path by the test servers (shared, so compare before/after)."""
    return HITS


@pytest.fixture(scope="module")
def serve() -> Iterator[Callable[[dict[str, Route]], str]]:
    """Start a server for a test module's own routes; returns its base URL."""
    servers = []

    def start(routes: dict[str, Route]) -> str:
        server, base = start_server(routes)
        servers.append(server)
        return base

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
