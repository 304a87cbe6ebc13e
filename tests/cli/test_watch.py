"""`watchfloor watch` end to end: a real feed server on 127.0.0.1 that publishes new items
between polls, a real webhook receiver that checks the HMAC signature, and a real SMTP server
(aiosmtpd). A watch process is killed after its first alert and restarted: it resumes from the
stored state and never sends an alert twice, only an update when the event grows."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from cli_support import _Handler as SiteHandler, clean_env

from watchfloor.watch.delivery import verify_signature

SECRET = "test-shared-secret"

# Our own wording: one incident told twice (the toll rises), and an unrelated story abroad.
FIRST = ("Gunmen kill six soldiers at checkpoint near Zhob",
         "ZHOB: Gunmen attacked a security forces checkpoint near Zhob in Balochistan before dawn on Monday, "
         "killing six soldiers, officials said. The attackers fled towards the hills after a long exchange of fire, "
         "and a search operation was launched in the area.", "Mon, 06 Nov 2023 07:00:00 GMT")
UPDATE = ("Zhob checkpoint attack toll rises to eight",
          "ZHOB: The death toll from Monday's attack by gunmen on a security forces checkpoint near Zhob in "
          "Balochistan rose to eight on Tuesday after two wounded soldiers died in hospital, officials said. "
          "Six soldiers had been killed at the scene when the gunmen opened fire before dawn.",
          "Tue, 07 Nov 2023 09:00:00 GMT")
ELSEWHERE = ("Farmers protest over water prices in the capital",
             "Hundreds of farmers marched peacefully through the capital on Tuesday to demand lower water prices. "
             "The protest ended without incident, the organisers said.", "Tue, 07 Nov 2023 10:00:00 GMT")


class FeedSite:
    """An RSS feed whose items are published during the test, with ETag validation."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, str]] = []
        self.hits = 0
        site = self

        class Handler(SiteHandler):  # its _send and quiet log
            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/robots.txt":
                    return self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
                site.hits += 1
                body = site.rss().encode()
                etag = f'"v{len(site.items)}"'
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", "application/rss+xml", {"ETag": etag})
                self._send(200, body, "application/rss+xml", {"ETag": etag})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed.rss"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def rss(self) -> str:
        base = self.url.rsplit("/", 1)[0]
        entries = "".join(
            f"<item><title>{t}</title><link>{base}/news/{i}.html</link><guid>{base}/news/{i}.html</guid>"
            f"<pubDate>{d}</pubDate><description>{t}</description>"
            f"<content:encoded><![CDATA[<p>{body}</p>]]></content:encoded></item>"
            for i, (t, body, d) in enumerate(self.items))
        return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test Desk</title>'
                f"<link>{base}/</link><description>Security news</description>{entries}</channel></rss>")


class Hooks:
    """A webhook receiver: the first POST fails with 500 (the sender retries), the rest succeed."""

    def __init__(self) -> None:
        self.received: list[tuple[bytes, dict]] = []
        self.attempts = 0
        hooks = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                hooks.attempts += 1
                status = 500 if hooks.attempts == 1 else 200
                if status == 200:
                    hooks.received.append((body, dict(self.headers)))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


class Mailbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def desk(tmp_path: Path):
    feed, hooks, mailbox = FeedSite(), Hooks(), Mailbox()
    with socket.socket() as probe:  # aiosmtpd needs a port it can connect to when it starts
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(mailbox, hostname="127.0.0.1", port=port)
    smtp.start()
    config = tmp_path / "watchfloor.toml"
    config.write_text(
        "[fetch]\nfetch_feed_pages = false\nper_host_interval = 0.0\n"
        "[watch]\ninterval = 1.0\nmin_interval = 1.0\njitter = 0.0\n"
        f'[alerts]\nwebhook_secret = "{SECRET}"\nwebhook_backoff = 0.1\n'
        f'[alerts.smtp]\nhost = "127.0.0.1"\nport = {port}\n'
        'sender = "watchfloor@test.example"\n', encoding="utf-8")
    yield feed, hooks, mailbox, config
    smtp.stop()
    feed.server.shutdown()
    hooks.server.shutdown()


def _cli(tmp_path: Path, config: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "watchfloor.cli", "--db", str(tmp_path / "w.db"), "--config",
                           str(config), *args], capture_output=True, env=clean_env(), cwd=tmp_path, timeout=timeout)


def _wait_for(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_watch_alerts_once_by_webhook_and_mail_and_resumes_after_a_kill(desk, tmp_path: Path) -> None:
    feed, hooks, mailbox, config = desk
    added = _cli(tmp_path, config, "alerts", "add", "pakistan-attacks", "--kind", "event", "--country", "Pakistan",
                 "--webhook", hooks.url, "--email", "desk@test.example", "--log", str(tmp_path / "alerts.jsonl"))
    assert added.returncode == 0, added.stderr.decode()
    feed.items.append(FIRST)

    watcher = subprocess.Popen([sys.executable, "-m", "watchfloor.cli", "--db", str(tmp_path / "w.db"), "--config",
                                str(config), "watch", feed.url, "--allow-private"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env(), cwd=tmp_path)
    try:
        assert _wait_for(lambda: hooks.received and mailbox.messages, 150), "no alert arrived"
        time.sleep(2.5)  # it keeps polling (304s) and must not alert again
    finally:
        os.kill(watcher.pid, signal.SIGKILL)  # killed, not stopped: no chance to tidy up
        watcher.wait(10)
    assert hooks.attempts == 2 and len(hooks.received) == 1  # a 500, retried, then delivered once
    body, headers = hooks.received[0]
    assert verify_signature(body, headers["X-Watchfloor-Signature"], SECRET)
    alert = json.loads(body)
    assert alert["kind"] == "event" and alert["payload"]["event"]["fatalities"] == 6
    assert alert["payload"]["event"]["admin1"] == "Balochistan" and not alert["payload"]["update"]
    assert len(mailbox.messages) == 1 and "Zhob" in mailbox.messages[0]["Subject"]
    assert feed.hits >= 2

    # restarted with nothing new: it polls (not modified) and sends nothing
    again = _cli(tmp_path, config, "watch", "--once", "--allow-private")
    assert again.returncode == 0, again.stderr.decode()
    assert len(hooks.received) == 1 and len(mailbox.messages) == 1

    # the incident's toll grows and an unrelated story arrives: one update, nothing else
    feed.items += [UPDATE, ELSEWHERE]
    time.sleep(1.1)  # the feed is due again
    grown = _cli(tmp_path, config, "watch", "--once", "--allow-private")
    assert grown.returncode == 0, grown.stderr.decode()
    assert len(hooks.received) == 2 and len(mailbox.messages) == 2
    update = json.loads(hooks.received[1][0])
    assert update["key"] == alert["key"] and update["payload"]["update"] and update["level"] > alert["level"]
    assert update["payload"]["event"]["fatalities"] == 8
    log_lines = (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(log_lines) == 2

    health = _cli(tmp_path, config, "--json", "feeds")
    rows = json.loads(health.stdout)
    assert rows[0]["url"] == feed.url and rows[0]["status"] == "ok" and rows[0]["failures"] == 0
    sent = json.loads(_cli(tmp_path, config, "--json", "alerts", "sent").stdout)
    assert [s["rule"] for s in sent] == ["pakistan-attacks"] and sent[0]["level"] == update["level"]


def test_watch_refuses_nothing_to_watch_and_bad_urls(desk, tmp_path: Path) -> None:
    _, _, _, config = desk
    nothing = _cli(tmp_path, config, "watch", "--once")
    assert nothing.returncode == 2 and b"nothing to watch" in nothing.stderr
    bad = _cli(tmp_path, config, "watch", "ftp://example.org/feed", "--once")
    assert bad.returncode == 2 and b"ftp://example.org/feed" in bad.stderr
    rule = _cli(tmp_path, config, "alerts", "add", "x", "--kind", "toll")
    assert rule.returncode == 2 and b"needs toll = N" in rule.stderr
