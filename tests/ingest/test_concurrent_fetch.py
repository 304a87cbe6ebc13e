"""Fetching at once within per-host politeness: a slow host never holds up the others, and one
host is asked one request at a time, per_host_interval apart. Real servers on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from watchfloor.ingest import read_sources
from watchfloor.models import Article, IngestError

PAGE = ("<html><head><title>{title}</title></head><body><article><p>Gunmen attacked a police post in "
        "a border district on {title}, killing two policemen, officials said.</p></article></body></html>")


class Recorder:
    """What one server saw: when each request came, and the most it served at once."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay, self.starts, self.busy, self.most = delay, [], 0, 0
        self.lock = threading.Lock()

    def route(self, title: str):
        def serve(h: BaseHTTPRequestHandler) -> None:
            with self.lock:
                self.starts.append(time.monotonic())
                self.busy += 1
                self.most = max(self.most, self.busy)
            time.sleep(self.delay)
            body = PAGE.format(title=title).encode()
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
            with self.lock:
                self.busy -= 1
        return serve


def start_server(routes: dict) -> tuple[ThreadingHTTPServer, str]:
    """A threading server on 127.0.0.1 (each port its own host for the fetcher)."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            routes[self.path](self)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def two_hosts():
    slow, fast = Recorder(delay=1.5), Recorder(delay=0.05)
    slow_server, slow_base = start_server({"/story": slow.route("Slowday")})
    fast_routes = {f"/story/{n}": fast.route(f"Fastday {n}") for n in range(4)}
    fast_server, fast_base = start_server(fast_routes)
    yield (slow, slow_base), (fast, fast_base)
    for server in (slow_server, fast_server):
        server.shutdown()
        server.server_close()


def test_a_slow_host_does_not_hold_up_the_others(two_hosts, settings):
    (slow, slow_base), (fast, fast_base) = two_hosts
    settings["fetch"].update(timeout=5.0, respect_robots=False, per_host_interval=0.2, concurrency=4)
    urls = [f"{slow_base}/story"] + [f"{fast_base}/story/{n}" for n in range(4)]
    start = time.monotonic()
    arrived = []
    for item in read_sources(urls, settings):
        assert isinstance(item, Article), item
        arrived.append((item.title, time.monotonic() - start))
    took = time.monotonic() - start
    titles = [t for t, _ in arrived]
    assert titles[-1] == "Slowday" and sorted(titles[:-1]) == [f"Fastday {n}" for n in range(4)]
    assert max(t for title, t in arrived if title != "Slowday") < 1.5  # none waited for the slow host
    assert took < 1.5 + 4 * 0.25 + 1.0  # at once, not one after another (1.5 + 4 x 0.25 and more)
    # politeness: the fast host was never asked twice at once, and never within the interval
    assert fast.most == 1
    gaps = [b - a for a, b in zip(fast.starts, fast.starts[1:])]
    assert len(gaps) == 3 and min(gaps) >= 0.19


def test_feed_entry_pages_are_fetched_at_once(two_hosts, settings, tmp_path):
    (slow, slow_base), (fast, fast_base) = two_hosts
    settings["fetch"].update(timeout=5.0, respect_robots=False, per_host_interval=0.0, concurrency=4)
    links = [f"{slow_base}/story"] + [f"{fast_base}/story/{n}" for n in range(4)]
    items = "".join(f"<item><title>Entry {i}</title><link>{link}</link><description>Entry {i} summary text "
                    f"that is long enough.</description></item>" for i, link in enumerate(links))
    feed = tmp_path / "f.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>')
    start = time.monotonic()
    got = list(read_sources([str(feed)], settings, fetch_local_feed_links=True))
    took = time.monotonic() - start
    assert not [g for g in got if isinstance(g, IngestError)]
    assert sorted(a.title for a in got) == [f"Entry {i}" for i in range(5)]
    assert got[-1].title == "Entry 0"  # the slow page came last
    assert all("feed-summary" not in a.flags for a in got)  # each is its fetched page
    assert took < 1.5 + 1.0
