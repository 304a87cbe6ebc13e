"""Alert delivery to real receivers: an HTTP server on 127.0.0.1 that fails, refuses and
throttles; aiosmtpd's SMTP server; a log file. Hostile titles must not forge headers."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from watchfloor.watch.delivery import (Alert, clean_line, clean_text, send_email, send_webhook, verify_signature,
                                       write_log)

SECRET = "correct horse battery staple"
HOSTILE_TITLE = "Convoy ambushed near Tal Afar\r\nBcc: x@y.example\x1b[31m, 4 killed\x1b[0m \u202egnp.exe"


def _alert(title: str = "Convoy ambushed near Tal Afar, 4 killed", **payload: object) -> Alert:
    fields = {"event_id": "e3f2", "fatalities": 4, "sources": ["Border Desk", "Valley Courier"], **payload}
    return Alert("event", "event:e3f2", 1, title, fields)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Receiver:
    """A webhook receiver: what it was sent, and how it answers each path."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, dict[str, str], bytes]] = []
        self.lock = threading.Lock()

    def sent(self, path: str) -> list[tuple[dict[str, str], bytes]]:
        with self.lock:
            return [(h, b) for p, h, b in self.posts if p == path]

    def answer(self, path: str, seen: int) -> tuple[int, dict[str, str]]:
        if path == "/flaky":
            return (500, {}) if seen == 1 else (204, {})
        return {"/ok": (200, {}), "/bad": (400, {}), "/busy": (503, {"Retry-After": "7"}),
                "/moved": (302, {"Location": "/ok"})}.get(path, (404, {}))


@pytest.fixture(scope="module")
def receiver() -> Iterator[tuple[str, Receiver]]:
    rec = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server naming
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with rec.lock:
                rec.posts.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                seen = sum(1 for p, _, _ in rec.posts if p == self.path)
            status, headers = rec.answer(self.path, seen)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", rec
    httpd.shutdown()
    httpd.server_close()


class Inbox:
    """An aiosmtpd handler that keeps every envelope it is given."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd naming
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller.port, inbox
    controller.stop()


def test_webhook_retries_a_500_then_delivers_signed(receiver):
    base, rec = receiver
    naps: list[float] = []
    alert = _alert()
    result = send_webhook(f"{base}/flaky", alert, secret=SECRET, allow_private=True, sleep=naps.append)
    assert (result.channel, result.ok, result.attempts, result.detail) == ("webhook", True, 2, "HTTP 204 No Content")
    assert naps == [1.0]
    posts = rec.sent("/flaky")
    assert len(posts) == 2 and posts[0][1] == posts[1][1]  # the same bytes, signed the same
    headers, body = posts[-1]
    assert headers["content-type"] == "application/json" and headers["x-watchfloor-alert"] == "event:e3f2"
    assert verify_signature(body, headers["x-watchfloor-signature"], SECRET)
    assert not verify_signature(body, headers["x-watchfloor-signature"], "another secret")
    assert not verify_signature(body + b" ", headers["x-watchfloor-signature"], SECRET)
    assert not verify_signature(body, "sha256=caf\u00e9", SECRET) and not verify_signature(body, "", SECRET)
    assert json.loads(body) == alert.to_dict() and body.decode() == alert.to_json()


def test_webhook_without_secret_is_unsigned(receiver):
    base, rec = receiver
    assert send_webhook(f"{base}/ok", _alert(), allow_private=True, sleep=lambda s: None).ok
    headers, _ = rec.sent("/ok")[-1]
    assert "x-watchfloor-signature" not in headers


def test_webhook_client_errors_and_redirects_are_not_retried(receiver):
    base, rec = receiver
    naps: list[float] = []
    ok_before = len(rec.sent("/ok"))
    bad = send_webhook(f"{base}/bad", _alert(), allow_private=True, sleep=naps.append)
    assert (bad.ok, bad.attempts, bad.detail) == (False, 1, "HTTP 400 Bad Request (not retried)")
    moved = send_webhook(f"{base}/moved", _alert(), allow_private=True, sleep=naps.append)
    assert not moved.ok and moved.attempts == 1 and "redirects are not followed" in moved.detail
    assert naps == [] and len(rec.sent("/bad")) == 1 and len(rec.sent("/moved")) == 1
    assert len(rec.sent("/ok")) == ok_before  # the redirect's target was never posted to


def test_webhook_honours_retry_after_within_its_cap(receiver):
    base, rec = receiver
    naps: list[float] = []
    busy = send_webhook(f"{base}/busy", _alert(), attempts=3, allow_private=True, sleep=naps.append)
    assert (busy.ok, busy.attempts, busy.detail) == (False, 3, "HTTP 503 Service Unavailable")
    assert naps == [7.0, 7.0]
    naps.clear()
    send_webhook(f"{base}/busy", _alert(), attempts=2, allow_private=True, sleep=naps.append, max_wait=5)
    assert naps == [5.0]


def test_webhook_connection_failures_back_off():
    naps: list[float] = []
    result = send_webhook(f"http://127.0.0.1:{_free_port()}/hook", _alert(), attempts=3, backoff=0.5,
                          allow_private=True, sleep=naps.append)
    assert not result.ok and result.attempts == 3 and result.detail.startswith("unreachable: ")
    assert naps == [0.5, 1.0]


def test_webhook_refuses_private_addresses_and_other_schemes(receiver):
    base, rec = receiver
    before = len(rec.sent("/ok"))
    refused = send_webhook(f"{base}/ok", _alert(), sleep=lambda s: None)
    assert not refused.ok and refused.attempts == 1
    assert refused.detail.startswith("refused: 127.0.0.1 is a private/loopback address")
    assert len(rec.sent("/ok")) == before  # nothing reached the receiver
    scheme = send_webhook("file:///etc/passwd", _alert(), allow_private=True)
    assert not scheme.ok and scheme.attempts == 0 and "only http and https" in scheme.detail
    with pytest.raises(ValueError, match="attempts must be a whole number >= 1"):
        send_webhook(f"{base}/ok", _alert(), attempts=0)


def test_email_reaches_a_real_smtp_server(smtp):
    port, inbox = smtp
    alert = _alert()
    result = send_email(alert, host="127.0.0.1", port=port, sender="watch@desk.example",
                        to=["analyst@desk.example", "duty@desk.example"])
    assert (result.channel, result.ok, result.attempts) == ("email", True, 1)
    (envelope,) = inbox.envelopes
    assert envelope.mail_from == "watch@desk.example"
    assert envelope.rcpt_tos == ["analyst@desk.example", "duty@desk.example"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Subject"] == "Convoy ambushed near Tal Afar, 4 killed"
    assert message["X-Watchfloor-Alert"] == "event:e3f2"
    text = message.get_body(("plain",)).get_content()
    assert "fatalities: 4" in text and 'sources: ["Border Desk", "Valley Courier"]' in text
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "alert.json"
    assert json.loads(attachment.get_content()) == alert.to_dict()


def test_hostile_title_injects_no_header_and_no_escape(smtp):
    port, inbox = smtp
    alert = _alert(HOSTILE_TITLE, note="line one\x1b]0;owned\x07\nline two\x9b2J")
    assert send_email(alert, host="127.0.0.1", port=port, sender="watch@desk.example",
                      to=["analyst@desk.example"]).ok
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == ["analyst@desk.example"]  # no Bcc added
    raw = envelope.content
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    assert not [line for line in head if line.lower().startswith(b"bcc")] and b"\x1b" not in raw
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Bcc"] is None
    assert message["Subject"] == "Convoy ambushed near Tal Afar Bcc: x@y.example, 4 killed gnp.exe"
    payload = json.loads(list(message.iter_attachments())[0].get_content())["payload"]
    assert payload["note"] == "line one\nline two"


def test_bad_mail_addresses_and_unreachable_server():
    sent = send_email(_alert(), host="127.0.0.1", port=_free_port(), sender="watch@desk.example",
                      to=["analyst@desk.example\r\nBcc: x@y.example"])
    assert not sent.ok and sent.attempts == 0 and sent.detail.startswith("invalid mail address: ")
    assert not send_email(_alert(), host="127.0.0.1", port=1, sender="watch@desk.example", to=[]).ok
    down = send_email(_alert(), host="127.0.0.1", port=_free_port(), sender="watch@desk.example",
                      to=["analyst@desk.example"], timeout=2)
    assert not down.ok and down.attempts == 1 and down.detail.startswith("ConnectionRefusedError")


def test_log_file_gets_one_clean_json_line_per_alert(tmp_path):
    path = tmp_path / "alerts" / "today" / "alerts.jsonl"
    first = write_log(_alert(), path)
    assert (first.channel, first.ok, first.attempts) == ("log", True, 1)
    write_log(Alert("toll", "event:e3f2", 2, HOSTILE_TITLE, {"fatalities": 6}), path)
    raw = path.read_bytes()
    assert raw.count(b"\n") == 2 and b"\x1b" not in raw and b"\r" not in raw and raw.isascii()
    lines = [json.loads(line) for line in raw.decode().splitlines()]
    assert [line["level"] for line in lines] == [1, 2] and all("logged_at" in line for line in lines)
    assert lines[1]["title"] == "Convoy ambushed near Tal Afar Bcc: x@y.example, 4 killed gnp.exe"
    blocked = tmp_path / "file"
    blocked.write_text("")
    failed = write_log(_alert(), blocked / "alerts.jsonl")  # its parent is a file
    assert not failed.ok and failed.detail.startswith("cannot write ")


def test_cleaning_and_alert_validation():
    assert clean_text("a\x1b[1;31mb\x1b[0m\x1b]8;;http://x.example\x1b\\c\x07\u202ed\r\ne") == "abcd\ne"
    assert clean_line("  two\n lines\t here ") == "two lines here"
    with pytest.raises(ValueError, match="kind must be one of event, surge, toll"):
        Alert("riot", "k", 1, "t")
    with pytest.raises(ValueError, match="level must be a whole number"):
        Alert("event", "k", -1, "t")
    with pytest.raises(ValueError, match="payload is not JSON-safe"):
        Alert("event", "k", 1, "t", {"places": {"Tal Afar"}}).to_json()
    with pytest.raises(ValueError, match="payload is not JSON-safe"):
        Alert("event", "k", 1, "t", {"fatalities": float("nan")}).to_json()
