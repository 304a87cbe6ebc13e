"""Polite polling of one feed or page: conditional GETs, the server's own pace, backoff on errors.

A poll is one step over a ``FeedState``: the fetcher asks, and the response and the clock give
the next state; nothing here touches the database. Everything a server sends is untrusted:
numbers are bounded, dates that do not parse are ignored, validators that are not plain ASCII
are never sent back, and text kept for people to read is one line without control characters.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from watchfloor.ingest.fetch import Fetcher, FetchError, Response, http_status_text, validator
from watchfloor.normalize import strip_controls
from watchfloor.settings import SettingsError

STATUSES = ("ok", "error", "gone")
RETRY_AFTER_CODES = frozenset({429, 503})
DUE_NOW = datetime.min.replace(tzinfo=timezone.utc)  # what next_due() gives a state never polled
MAX_HEADER_SECONDS = 10**9  # bounds a header's number of seconds before it becomes a timedelta
_DATETIME_FIELDS = ("last_poll", "next_poll")
_TEXT_FIELDS = ("etag", "last_modified", "last_error", "moved_from", "content_sha256")


@dataclass
class FeedState:
    """What is remembered about one polled URL between polls (``to_dict`` for the store)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_poll: datetime | None = None
    next_poll: datetime | None = None  # None: due at once if never polled, never again if gone
    failures: int = 0  # failed polls in a row
    status: str = "ok"  # "ok"; "error": the last poll failed; "gone": HTTP 410, never polled again
    last_error: str | None = None
    moved_from: str | None = None  # the URL before the last permanent redirect
    items_seen: int = 0  # counted by the caller, which reads the entries; carried along here
    content_sha256: str | None = None  # of the last body: a 200 with the same bytes is no change

    def __post_init__(self) -> None:
        if not isinstance(self.url, str) or not self.url.strip():
            raise ValueError("feed state: url must be a non-empty string")
        if self.status not in STATUSES:
            raise ValueError(f"feed state: status must be one of {', '.join(STATUSES)}, not {self.status!r}")
        for name in ("failures", "items_seen"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"feed state: {name} must be a whole number >= 0, not {value!r}")
        for name in _DATETIME_FIELDS:
            if getattr(self, name) is not None:
                _require_aware(getattr(self, name), f"feed state: {name}")
        for name in _TEXT_FIELDS:
            if getattr(self, name) is not None and not isinstance(getattr(self, name), str):
                raise ValueError(f"feed state: {name} must be a string or null, not {getattr(self, name)!r}")

    def to_dict(self) -> dict:
        """JSON-safe: date-times as ISO 8601 strings with their UTC offset."""
        out = asdict(self)
        for name in _DATETIME_FIELDS:
            out[name] = out[name].isoformat() if out[name] is not None else None
        return out

    @classmethod
    def from_dict(cls, data: Mapping) -> FeedState:
        """The state ``to_dict`` wrote; keys it does not know (a store's own columns) are ignored."""
        if not isinstance(data, Mapping):
            raise ValueError(f"feed state: expected a mapping, got {type(data).__name__}")
        if "url" not in data:
            raise ValueError("feed state: no url")
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        for name in _DATETIME_FIELDS:
            values[name] = _parse_iso(values.get(name), f"feed state: {name}")
        return cls(**values)


@dataclass(frozen=True)
class PollPolicy:
    """How often a URL is asked. The fields are keys of the ``[watch]`` settings; times in seconds:

    - ``interval`` (900): between polls when the server gives no freshness (Cache-Control
      max-age, Expires).
    - ``min_interval`` (60): never sooner than this after a poll, whatever the server says.
    - ``max_interval`` (21600): never later than this; it caps max-age, Retry-After and backoff.
    - ``backoff_base`` (600): the wait after the first failure in a row.
    - ``backoff_factor`` (2.0): each further failure in a row multiplies the wait by this.
    - ``jitter`` (0.1): up to this fraction of the wait is added at random, so feeds added
      together drift apart instead of hitting their hosts in step.
    - ``slowest_after_failures`` (0): after this many failures in a row, wait ``max_interval``
      at once (0: off; backoff reaches it by itself).
    """

    interval: float = 900.0
    min_interval: float = 60.0
    max_interval: float = 21600.0
    backoff_base: float = 600.0
    backoff_factor: float = 2.0
    jitter: float = 0.1
    slowest_after_failures: int = 0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise SettingsError(f"watch.{f.name}: expected a number, got {value!r}")
        checks = [
            (self.min_interval > 0, "min_interval must be above 0"),
            (self.max_interval >= self.min_interval, "max_interval must be at least min_interval"),
            (self.min_interval <= self.interval <= self.max_interval,
             "interval must lie between min_interval and max_interval"),
            (self.backoff_base > 0, "backoff_base must be above 0"),
            (self.backoff_factor >= 1, "backoff_factor must be at least 1"),
            (0 <= self.jitter <= 1, "jitter must be a fraction between 0 and 1"),
            (self.slowest_after_failures >= 0 and float(self.slowest_after_failures).is_integer(),
             "slowest_after_failures must be a whole number >= 0"),
        ]
        for ok, message in checks:
            if not ok:
                raise SettingsError(f"watch.{message}")

    @classmethod
    def from_settings(cls, section: Mapping | None) -> PollPolicy:
        """The policy of a ``[watch]`` settings table; keys that are not a policy's are ignored."""
        if section is None:
            return cls()
        if not isinstance(section, Mapping):
            raise SettingsError("watch: must be a table")
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in section.items() if key in names})

    def clamp(self, seconds: float) -> float:
        return min(max(seconds, self.min_interval), self.max_interval)

    def backoff(self, failures: int) -> float:
        """Seconds to wait after ``failures`` (at least 1) failed polls in a row."""
        if self.slowest_after_failures and failures >= self.slowest_after_failures:
            return self.max_interval
        steps = max(failures - 1, 0)
        # compared in logs: factor ** steps overflows a float long before failures stop counting
        if steps and self.backoff_factor > 1 and (
                steps * math.log(self.backoff_factor) >= math.log(self.max_interval / self.backoff_base)):
            return self.max_interval
        return self.clamp(self.backoff_base * self.backoff_factor ** steps)


@dataclass
class PollResult:
    """One poll's outcome: the next state, and the body when there is something new to read."""

    state: FeedState
    body: bytes | None = None  # only when the content changed
    content_type: str | None = None
    charset: str | None = None
    url: str | None = None  # where the body came from (after redirects): its links are relative to it
    status: int | None = None  # the HTTP status; None when no response came (network, refusal, robots.txt)
    changed: bool = False
    note: str = ""  # one line for people: "304 not modified", "gone (410): no longer polled", ...


def poll(
    fetcher: Fetcher,
    state: FeedState,
    now: datetime,
    policy: PollPolicy | None = None,
    rng: random.Random | None = None,
) -> PollResult:
    """Ask ``state.url`` once, conditionally, and say what the next state and poll are. Never
    raises for what the network or the server does: failures become state. A gone state is not
    asked again (the result repeats that)."""
    _require_aware(now, "poll: now")
    policy = policy or PollPolicy()
    if state.status == "gone":
        return PollResult(state, note="gone (410): no longer polled")
    try:
        response = fetcher.get_conditional(state.url, state.etag, state.last_modified)
    except FetchError as exc:
        return _failed(state, now, policy, rng, _one_line(str(exc)))
    if response.status == 304 or 200 <= response.status < 300:
        return _succeeded(state, response, now, policy, rng)
    if response.status == 410:
        gone = replace(state, status="gone", next_poll=None, last_poll=now,
                       last_error=http_status_text(410))
        return PollResult(gone, status=410, note="gone (410): no longer polled")
    server_wait = None
    if response.status in RETRY_AFTER_CODES:
        server_wait = retry_after(response.headers, now)
    return _failed(state, now, policy, rng, http_status_text(response.status), response.status, server_wait)


def _succeeded(state: FeedState, response: Response, now: datetime, policy: PollPolicy,
               rng: random.Random | None) -> PollResult:
    """A 2xx or 304: failures forgotten, validators kept, the next poll at the server's pace."""
    if response.status != 304 and not response.content:
        return _failed(state, now, policy, rng, "empty response", response.status)
    new = replace(state, status="ok", failures=0, last_error=None, last_poll=now)
    notes = []
    moved = response.permanent_url
    if moved and moved != state.url:
        new.url, new.moved_from = moved, state.url
        notes.append(f"moved permanently to {_one_line(moved)}")
    elif response.redirects:
        notes.append(f"temporarily redirected to {_one_line(response.url)}")
    etag = validator(response.headers.get("etag"))
    last_modified = validator(response.headers.get("last-modified"))
    result = PollResult(new, status=response.status, url=response.url)
    if response.status == 304:  # a 304 may update the validators; absent ones stay as they were
        new.etag, new.last_modified = etag or state.etag, last_modified or state.last_modified
        notes.append("304 not modified")
    else:
        digest = hashlib.sha256(response.content).hexdigest()
        new.etag, new.last_modified, new.content_sha256 = etag, last_modified, digest
        result.changed = digest != state.content_sha256
        if result.changed:
            result.body, result.content_type, result.charset = (
                response.content, response.content_type, response.charset)
        notes.append(f"{http_status_text(response.status)}: "
                     f"{'new content' if result.changed else 'same content as last time'}")
    fresh = freshness(response.headers, now)
    new.next_poll = _after(now, policy.interval if fresh is None else fresh, policy, rng)
    result.note = "; ".join(notes)
    return result


def _failed(state: FeedState, now: datetime, policy: PollPolicy, rng: random.Random | None,
            reason: str, status: int | None = None, server_wait: float | None = None) -> PollResult:
    """One more failure in a row: the server's Retry-After if it gave one, else backoff."""
    failures = state.failures + 1
    wait = policy.backoff(failures) if server_wait is None else policy.clamp(server_wait)
    next_poll = _after(now, wait, policy, rng)
    if server_wait is not None:
        note = f"{reason}, retry after {wait:.0f} s"
    else:
        note = f"{reason} (failure {failures} in a row, next try in {(next_poll - now).total_seconds():.0f} s)"
    new = replace(state, status="error", failures=failures, last_error=reason, last_poll=now,
                  next_poll=next_poll)
    return PollResult(new, status=status, note=note)


def due(state: FeedState, now: datetime) -> bool:
    """Whether ``state`` should be polled at ``now``: never if gone, at once if never polled."""
    _require_aware(now, "due: now")
    if state.status == "gone":
        return False
    return state.next_poll is None or now >= state.next_poll


def next_due(states: Iterable[FeedState]) -> datetime | None:
    """The earliest next poll of the states still polled (``DUE_NOW`` for one never polled);
    None when none is left to poll."""
    times = [s.next_poll or DUE_NOW for s in states if s.status != "gone"]
    return min(times) if times else None


def freshness(headers: Mapping[str, str], now: datetime) -> float | None:
    """Seconds the server says its response stays fresh: Cache-Control max-age, else Expires.
    None when it says nothing usable, or asks for revalidation on every use (max-age=0, no-cache,
    no-store): those are rules for caches, not a request to be polled every minute."""
    directives = _cache_control(headers.get("cache-control") or "")
    if "no-store" in directives or "no-cache" in directives:
        return None
    if "max-age" in directives:  # it overrides Expires even when it is unusable
        age = _whole_seconds(directives["max-age"])
        return float(age) if age else None
    expires = _http_date(headers.get("expires"))
    if expires is None:
        return None
    seconds = (expires - (_http_date(headers.get("date")) or now)).total_seconds()
    return seconds if seconds > 0 else None


def retry_after(headers: Mapping[str, str], now: datetime) -> float | None:
    """Seconds a Retry-After header asks to wait (a number, or an HTTP date measured from the
    response's own Date, so a server's wrong clock does not matter); None without a usable one."""
    value = (headers.get("retry-after") or "").strip()
    if not value:
        return None
    seconds = _whole_seconds(value)
    if seconds is not None:
        return float(seconds)
    when = _http_date(value)
    if when is None:
        return None
    return max(0.0, (when - (_http_date(headers.get("date")) or now)).total_seconds())


def _after(now: datetime, seconds: float, policy: PollPolicy, rng: random.Random | None) -> datetime:
    """``now`` plus the clamped wait, plus jitter; jitter only adds, so a server's "not before"
    (max-age, Retry-After) is never undercut."""
    wait = policy.clamp(seconds) * (1 + policy.jitter * (rng or random).random())
    return now + timedelta(seconds=min(wait, policy.max_interval))


def _cache_control(value: str) -> dict[str, str]:
    directives = {}
    for part in value[:2000].split(","):
        name, _, arg = part.partition("=")
        if name.strip():
            directives[name.strip().lower()] = arg.strip().strip('"')
    return directives


def _whole_seconds(text: str) -> int | None:
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    return MAX_HEADER_SECONDS if len(text) > 12 else min(int(text), MAX_HEADER_SECONDS)


def _http_date(value: str | None) -> datetime | None:
    if not value or len(value) > 100:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _one_line(text: str, limit: int = 300) -> str:
    return " ".join(strip_controls(text).split())[:limit]


def _require_aware(value: object, what: str) -> None:
    if not isinstance(value, datetime):
        raise ValueError(f"{what} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware (e.g. datetime.now(timezone.utc)), not {value!r}")


def _parse_iso(value: object, what: str) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{what} must be an ISO 8601 date-time string, not {value!r}")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{what} is not an ISO 8601 date-time: {value[:60]!r}") from None
