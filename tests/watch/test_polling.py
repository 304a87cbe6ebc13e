"""Polling against a real HTTP server on 127.0.0.1: conditional GETs, the server's pace,
Retry-After, backoff, 410, permanent and temporary redirects. Fixed clock, seeded jitter."""

from __future__ import annotations

import copy
import json
import random
import socket
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from watchfloor.ingest import Fetcher
from watchfloor.settings import SettingsError, load_settings
from watchfloor.watch.polling import DUE_NOW, FeedState, PollPolicy, due, next_due, poll

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
SERVER_DATE = "Wed, 01 May 2024 12:00:00 GMT"  # the Date every response carries: NOW
STEADY = PollPolicy(jitter=0.0)  # exact next_poll values; jitter has its own test

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Border Desk</title><link>http://example.org/</link>
<description>Security news from the border districts</description>
<item><title>Checkpoint attacked, edition {version}</title><link>http://example.org/{version}</link>
<description>Gunmen fired on a checkpoint overnight, officials said (edition {version}).</description></item>
</channel></rss>"""


class FeedSite:
    """A news site whose feed changes when ``version`` does; it records what it was asked."""

    def __init__(self) -> None:
        self.version = 1
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.requests if p == path)

    def last_headers(self, path: str) -> dict[str, str]:
        with self.lock:
            return [h for p, h in self.requests if p == path][-1]


def _handler(site: FeedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def date_time_string(self, timestamp: float | None = None) -> str:
            return SERVER_DATE  # so freshness and Retry-After dates are measured from NOW

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            path = self.path.split("?")[0]
            with site.lock:
                site.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
            route = ROUTES.get(path)
            if route is None:
                self.reply(404, b"not here", {})
            else:
                route(self, site)

        def reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def _feed(h, site: FeedSite) -> None:
    etag = f'"v{site.version}"'
    modified = f"Tue, 30 Apr 2024 0{site.version}:00:00 GMT"
    common = {"ETag": etag, "Last-Modified": modified, "Cache-Control": "public, max-age=1200"}
    if h.headers.get("If-None-Match") == etag:
        h.reply(304, b"", common)
    else:
        body = RSS.format(version=site.version).encode()
        h.reply(200, body, {**common, "Content-Type": "application/rss+xml; charset=utf-8"})


def _fixed(status: int, headers: dict[str, str] | None = None, body: bytes = b""):
    def route(h, site: FeedSite) -> None:
        h.reply(status, body, headers or {})
    return route


def _page(headers: dict[str, str]):
    return _fixed(200, {"Content-Type": "application/rss+xml", **headers}, RSS.format(version="static").encode())


ROUTES = {
    "/robots.txt": _fixed(200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"),
    "/feed.xml": _feed,
    "/private/feed.xml": _feed,
    "/busy": _fixed(503, {"Retry-After": "120"}),
    "/busy-until": _fixed(503, {"Retry-After": "Wed, 01 May 2024 12:05:00 GMT"}),
    "/busy-for-days": _fixed(429, {"Retry-After": "999999"}),
    "/throttled": _fixed(429),
    "/removed": _fixed(410),
    "/old-feed": _fixed(301, {"Location": "/feed.xml"}),
    "/older-feed": _fixed(308, {"Location": "/old-feed"}),
    "/detour": _fixed(302, {"Location": "/feed.xml"}),
    "/expires": _page({"Expires": "Wed, 01 May 2024 13:00:00 GMT"}),
    "/expired": _page({"Expires": "0"}),
    "/no-cache": _page({"Cache-Control": "no-cache, max-age=3000"}),
    "/max-age-tiny": _page({"Cache-Control": "max-age=5"}),
    "/max-age-huge": _page({"Cache-Control": "max-age=99999999999999999999"}),
    "/max-age-zero": _page({"Cache-Control": "max-age=0", "Expires": "Wed, 01 May 2024 13:00:00 GMT"}),
    "/no-validators": _page({}),
    "/odd-validators": _page({"ETag": '"caf\u00e9"', "Last-Modified": "x" * 2000}),
    "/empty": _fixed(200, {"Content-Type": "application/rss+xml"}),
}


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, FeedSite]]:
    site = FeedSite()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", site
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def base(server) -> str:
    return server[0]


@pytest.fixture
def site(server) -> FeedSite:
    server[1].version = 1
    return server[1]


def _settings(**fetch: object) -> dict:
    settings = copy.deepcopy(load_settings(env={}))
    settings["fetch"].update({"timeout": 2.0, "per_host_interval": 0.0, "allow_private": True, **fetch})
    return settings


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(_settings()) as f:
        yield f


def seconds_after(when: datetime | None, start: datetime = NOW) -> float:
    assert when is not None
    return (when - start).total_seconds()


def test_conditional_get_304_then_changed_content(base, site, fetcher):
    url = f"{base}/feed.xml"
    first = poll(fetcher, FeedState(url), NOW, STEADY)
    assert first.status == 200 and first.changed and b"edition 1" in first.body
    assert first.content_type == "application/rss+xml" and first.charset == "utf-8" and first.url == url
    assert first.note == "HTTP 200 OK: new content"
    state = first.state
    assert state.etag == '"v1"' and state.last_modified == "Tue, 30 Apr 2024 01:00:00 GMT"
    assert state.status == "ok" and state.last_poll == NOW and state.failures == 0
    assert seconds_after(state.next_poll) == 1200  # Cache-Control max-age
    assert "if-none-match" not in site.last_headers("/feed.xml")

    later = NOW + timedelta(minutes=20)
    second = poll(fetcher, state, later, STEADY)
    asked = site.last_headers("/feed.xml")
    assert asked["if-none-match"] == '"v1"' and asked["if-modified-since"] == "Tue, 30 Apr 2024 01:00:00 GMT"
    assert second.status == 304 and not second.changed and second.body is None
    assert second.note == "304 not modified"
    assert second.state.etag == '"v1"' and second.state.last_poll == later
    assert seconds_after(second.state.next_poll, later) == 1200

    site.version = 2
    third = poll(fetcher, second.state, later, STEADY)
    assert third.status == 200 and third.changed and b"edition 2" in third.body
    assert third.state.etag == '"v2"' and third.state.last_modified == "Tue, 30 Apr 2024 02:00:00 GMT"
    assert first.state.etag == '"v1"'  # poll returns a new state; the one given is untouched


def test_jitter_only_adds_and_is_reproducible(base, site, fetcher):
    policy = PollPolicy(jitter=0.1)
    result = poll(fetcher, FeedState(f"{base}/feed.xml"), NOW, policy, random.Random(7))
    expected = 1200 * (1 + 0.1 * random.Random(7).random())
    assert seconds_after(result.state.next_poll) == pytest.approx(expected)
    assert 1200 <= expected <= 1320
    again = poll(fetcher, FeedState(f"{base}/feed.xml"), NOW, policy, random.Random(7))
    assert again.state.next_poll == result.state.next_poll


def test_retry_after_in_seconds_and_as_a_date(base, fetcher):
    busy = poll(fetcher, FeedState(f"{base}/busy"), NOW, STEADY)
    assert busy.status == 503 and not busy.changed and busy.body is None
    assert busy.state.status == "error" and busy.state.failures == 1
    assert busy.state.last_error == "HTTP 503 Service Unavailable"
    assert busy.note == "HTTP 503 Service Unavailable, retry after 120 s"
    assert seconds_after(busy.state.next_poll) == 120

    until = poll(fetcher, FeedState(f"{base}/busy-until"), NOW, STEADY)
    assert seconds_after(until.state.next_poll) == 300  # measured from the response's Date
    days = poll(fetcher, FeedState(f"{base}/busy-for-days"), NOW, STEADY)
    assert days.status == 429 and seconds_after(days.state.next_poll) == STEADY.max_interval


def test_errors_back_off_exponentially_and_success_resets(base, fetcher):
    state = FeedState(f"{base}/throttled")  # a 429 without Retry-After backs off like any error
    waits = []
    for _ in range(7):
        state = poll(fetcher, state, NOW, STEADY).state
        waits.append(seconds_after(state.next_poll))
    assert waits == [600, 1200, 2400, 4800, 9600, 19200, 21600]
    assert state.failures == 7 and state.last_error == "HTTP 429 Too Many Requests"

    missing = poll(fetcher, FeedState(f"{base}/missing", failures=2), NOW, STEADY)
    assert missing.state.failures == 3 and missing.state.last_error == "HTTP 404 Not Found"
    assert missing.note == "HTTP 404 Not Found (failure 3 in a row, next try in 2400 s)"
    forever = FeedState(f"{base}/missing", failures=10_000)  # no overflow, just the cap
    assert seconds_after(poll(fetcher, forever, NOW, STEADY).state.next_poll) == STEADY.max_interval
    impatient = PollPolicy(jitter=0.0, slowest_after_failures=3)
    assert seconds_after(poll(fetcher, missing.state, NOW, impatient).state.next_poll) == 21600

    state.url = f"{base}/feed.xml"
    recovered = poll(fetcher, state, NOW, STEADY).state
    assert (recovered.status, recovered.failures, recovered.last_error) == ("ok", 0, None)


def test_gone_is_never_polled_again(base, site, fetcher):
    result = poll(fetcher, FeedState(f"{base}/removed"), NOW, STEADY)
    gone = result.state
    assert result.status == 410 and result.note == "gone (410): no longer polled"
    assert gone.status == "gone" and gone.next_poll is None and gone.last_error == "HTTP 410 Gone"
    assert not due(gone, NOW + timedelta(days=365))
    assert next_due([gone]) is None
    asked = site.hits("/removed")
    assert poll(fetcher, gone, NOW, STEADY).state is gone and site.hits("/removed") == asked


def test_permanent_redirect_moves_the_url(base, site, fetcher):
    result = poll(fetcher, FeedState(f"{base}/old-feed"), NOW, STEADY)
    state = result.state
    assert result.status == 200 and result.changed
    assert state.url == f"{base}/feed.xml" and state.moved_from == f"{base}/old-feed"
    assert result.note == f"moved permanently to {base}/feed.xml; HTTP 200 OK: new content"
    asked = site.hits("/old-feed")
    poll(fetcher, state, NOW, STEADY)
    assert site.hits("/old-feed") == asked  # the next poll goes to the new address

    chain = poll(fetcher, FeedState(f"{base}/older-feed"), NOW, STEADY).state  # 308 then 301
    assert chain.url == f"{base}/feed.xml" and chain.moved_from == f"{base}/older-feed"


def test_temporary_redirect_keeps_the_url(base, fetcher):
    result = poll(fetcher, FeedState(f"{base}/detour"), NOW, STEADY)
    assert result.status == 200 and result.changed and result.url == f"{base}/feed.xml"
    assert result.state.url == f"{base}/detour" and result.state.moved_from is None
    assert result.note.startswith(f"temporarily redirected to {base}/feed.xml")


def test_no_response_is_an_error_with_backoff(base, fetcher):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    down = poll(fetcher, FeedState(f"http://127.0.0.1:{closed}/feed.xml"), NOW, STEADY)
    assert down.status is None and down.state.status == "error" and down.state.last_error.startswith("unreachable: ")
    assert seconds_after(down.state.next_poll) == 600

    robots = poll(fetcher, FeedState(f"{base}/private/feed.xml"), NOW, STEADY)
    assert robots.state.last_error == "blocked by robots.txt" and robots.state.failures == 1

    with Fetcher(_settings(allow_private=False)) as strict:
        refused = poll(strict, FeedState(f"{base}/feed.xml"), NOW, STEADY)
    assert refused.state.last_error.startswith("refused: 127.0.0.1 is a private/loopback address")

    empty = poll(fetcher, FeedState(f"{base}/empty"), NOW, STEADY)
    assert empty.status == 200 and empty.state.last_error == "empty response" and not empty.changed


@pytest.mark.parametrize("path, seconds", [
    ("/expires", 3600),  # Expires minus the response's Date
    ("/expired", STEADY.interval),  # an unparsable or past Expires says nothing
    ("/no-cache", STEADY.interval),  # revalidate-always is a rule for caches, not a pace
    ("/max-age-zero", STEADY.interval),  # max-age wins over Expires, even when it is 0
    ("/max-age-tiny", STEADY.min_interval),
    ("/max-age-huge", STEADY.max_interval),
    ("/no-validators", STEADY.interval),
])
def test_next_poll_follows_the_server_within_bounds(base, fetcher, path, seconds):
    assert seconds_after(poll(fetcher, FeedState(base + path), NOW, STEADY).state.next_poll) == seconds


def test_unchanged_body_without_validators_is_no_change(base, site, fetcher):
    first = poll(fetcher, FeedState(f"{base}/no-validators"), NOW, STEADY)
    assert first.changed and first.state.etag is None and first.state.content_sha256
    second = poll(fetcher, first.state, NOW, STEADY)
    assert "if-none-match" not in site.last_headers("/no-validators")
    assert second.status == 200 and not second.changed and second.body is None
    assert second.note == "HTTP 200 OK: same content as last time"


def test_odd_validators_are_not_sent_back(base, site, fetcher):
    state = poll(fetcher, FeedState(f"{base}/odd-validators"), NOW, STEADY).state
    assert state.etag is None and state.last_modified is None  # non-ASCII; 2000 characters
    edited = FeedState(f"{base}/feed.xml", etag='"caf\u00e9"', last_modified="Tue,\r\nX-Evil: 1")
    result = poll(fetcher, edited, NOW, STEADY)  # a hand-edited state is asked unconditionally
    asked = site.last_headers("/feed.xml")
    assert result.status == 200 and "if-none-match" not in asked and "x-evil" not in asked
    assert "if-modified-since" not in asked


def test_state_round_trips_through_json():
    state = FeedState("https://news.example/feed", etag='W/"7"', last_modified=SERVER_DATE, last_poll=NOW,
                      next_poll=NOW + timedelta(minutes=15), failures=2, status="error",
                      last_error="HTTP 502 Bad Gateway", moved_from="http://news.example/rss", items_seen=40)
    stored = json.loads(json.dumps(state.to_dict()))
    assert stored["next_poll"] == "2024-05-01T12:15:00+00:00"
    assert FeedState.from_dict({**stored, "id": 3}) == state  # a store's own columns are ignored


@pytest.mark.parametrize("data, message", [
    ({"etag": "x"}, "feed state: no url"),
    ({"url": "https://a.example/", "status": "paused"}, "status must be one of ok, error, gone"),
    ({"url": "https://a.example/", "failures": -1}, "failures must be a whole number"),
    ({"url": "https://a.example/", "last_poll": "yesterday"}, "last_poll is not an ISO 8601 date-time"),
    ({"url": "https://a.example/", "next_poll": "2024-05-01T12:00:00"}, "next_poll must be timezone-aware"),
])
def test_bad_state_records_say_what_is_wrong(data, message):
    with pytest.raises(ValueError, match=message):
        FeedState.from_dict(data)


def test_due_and_next_due():
    fresh = FeedState("https://a.example/feed")
    later = FeedState("https://b.example/feed", next_poll=NOW + timedelta(hours=1))
    soon = FeedState("https://c.example/feed", next_poll=NOW + timedelta(minutes=5), status="error")
    gone = FeedState("https://d.example/feed", status="gone")
    assert due(fresh, NOW) and not due(later, NOW) and due(later, NOW + timedelta(hours=1))
    assert next_due([later, soon, gone]) == NOW + timedelta(minutes=5)
    assert next_due([later, fresh]) == DUE_NOW
    assert next_due([]) is None
    with pytest.raises(ValueError, match="timezone-aware"):
        due(fresh, datetime(2024, 5, 1, 12, 0))


def test_policy_from_settings():
    assert PollPolicy.from_settings(None) == PollPolicy()
    policy = PollPolicy.from_settings({"interval": 300, "jitter": 0, "feeds": ["https://a.example/"]})
    assert policy.interval == 300 and policy.jitter == 0 and policy.max_interval == 21600
    for section, message in [({"interval": "often"}, "watch.interval: expected a number"),
                             ({"min_interval": 0}, "min_interval must be above 0"),
                             ({"interval": 30}, "interval must lie between"),
                             ({"backoff_factor": 0.5}, "backoff_factor must be at least 1"),
                             ({"jitter": 2}, "jitter must be a fraction"),
                             ({"slowest_after_failures": 2.5}, "slowest_after_failures must be a whole")]:
        with pytest.raises(SettingsError, match=message):
            PollPolicy.from_settings(section)
