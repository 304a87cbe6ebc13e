"""Alert delivery: a signed webhook POST, a mail, a line in a log file.

Titles and fields of alerts come from news text, so wherever they reach a header, a subject or
a log line they are cleaned first: terminal escape sequences, control characters (CR and LF
forge headers) and bidirectional overrides go. A webhook URL is held to the fetcher's address
rules: no private, loopback or link-local address unless allowed, checked on the address
connected to.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from os import PathLike
from pathlib import Path
from typing import NamedTuple

import httpx

from watchfloor import __version__
from watchfloor.ingest.fetch import FetchError, check_scheme, http_status_text, vetted_transport
from watchfloor.ingest.transport import RefusedAddress, VettedBackend
from watchfloor.normalize import strip_controls

from .polling import retry_after

KINDS = ("event", "surge", "toll")
SIGNATURE_HEADER = "X-Watchfloor-Signature"
ALERT_HEADER = "X-Watchfloor-Alert"
USER_AGENT = f"watchfloor/{__version__} (alert delivery)"
MAX_RETRY_WAIT = 60.0  # a Retry-After longer than this would stall the watch loop
MAX_HEADER_CHARS = 200

# Escape sequences whole, so "\x1b[31mRed" becomes "Red" and not "[31mRed".
_ESCAPES = re.compile(r"""
      \x1b\[[0-?]*[ -/]*[@-~]            # CSI: colours, cursor moves, screen clears
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC: window titles, hyperlinks
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?       # DCS, SOS, PM, APC strings
    | \x1b[ -/]*[0-~]                     # two-character escapes
    | \x9b[0-?]*[ -/]*[@-~]               # CSI as its one-character C1 form
""", re.VERBOSE)
# Bidirectional marks and overrides: they reorder what a reader sees.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Escape sequences, control characters and bidi overrides removed; newlines and tabs kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return strip_controls(_BIDI.sub("", _ESCAPES.sub("", text)))


def clean_line(text: str, limit: int = 1000) -> str:
    """``clean_text`` on one line (every run of whitespace one space), at most ``limit`` characters."""
    return " ".join(clean_text(text).split())[:limit]


def header_value(text: str) -> str:
    """A value safe in a mail or HTTP header: one clean line of ASCII, bounded."""
    return clean_line(text, MAX_HEADER_CHARS).encode("ascii", "backslashreplace").decode("ascii")


@dataclass
class Alert:
    """Something worth telling people: a new event, a surge, a toll that grew."""

    kind: str  # "event", "surge" or "toll"
    key: str  # stable: the same incident keeps its key, so receivers can deduplicate
    level: int  # grows with each update of the same key
    title: str
    payload: dict = field(default_factory=dict)  # JSON-safe details

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"alert: kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        if not isinstance(self.key, str) or not self.key.strip():
            raise ValueError("alert: key must be a non-empty string")
        if isinstance(self.level, bool) or not isinstance(self.level, int) or self.level < 0:
            raise ValueError(f"alert {self.key}: level must be a whole number >= 0, not {self.level!r}")
        if not isinstance(self.title, str):
            raise ValueError(f"alert {self.key}: title must be a string")
        if not isinstance(self.payload, dict):
            raise ValueError(f"alert {self.key}: payload must be a dict, not {type(self.payload).__name__}")

    def to_dict(self) -> dict:
        """The alert with its text cleaned: the title one line, payload strings without escapes."""
        return {"kind": self.kind, "key": clean_line(self.key), "level": self.level,
                "title": clean_line(self.title), "payload": _cleaned(self.payload)}

    def to_json(self) -> str:
        """One line of ASCII JSON (keys sorted): what is signed, posted, mailed and logged."""
        return _dumps(self.to_dict(), self.key)


@dataclass
class Delivery:
    """What became of one alert on one channel."""

    channel: str  # "webhook", "email" or "log"
    ok: bool
    attempts: int
    detail: str  # one line for people: "HTTP 200 OK", "HTTP 400 Bad Request (not retried)", ...


class _Attempt(NamedTuple):
    ok: bool
    retry: bool
    wait: float | None  # the server's Retry-After, if it gave one
    detail: str


def sign(body: bytes, secret: str) -> str:
    """The signature header's value: ``sha256=`` and the HMAC-SHA256 of the exact body bytes."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, header: str, secret: str) -> bool:
    """Whether ``header`` (an ``X-Watchfloor-Signature`` value) signs ``body`` with ``secret``;
    compared in constant time, for receivers."""
    if not secret:
        raise ValueError("verify_signature: the secret must not be empty")
    if not isinstance(header, str) or not header.strip().startswith("sha256="):
        return False
    return hmac.compare_digest(sign(body, secret).encode("ascii"), header.strip().encode("utf-8", "replace"))


def send_webhook(
    url: str,
    alert: Alert,
    *,
    secret: str | None = None,
    attempts: int = 4,
    backoff: float = 1.0,
    timeout: float = 10,
    allow_private: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    max_wait: float = MAX_RETRY_WAIT,
) -> Delivery:
    """POST the alert's JSON to ``url``. Connection failures, 429 and 5xx are retried up to
    ``attempts`` tries in all, ``backoff`` seconds doubling between them (or the server's
    Retry-After; either at most ``max_wait``); other statuses are final. Redirects are not
    followed: a receiver's URL is configured, not discovered."""
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise ValueError(f"send_webhook: attempts must be a whole number >= 1, not {attempts!r}")
    try:
        check_scheme(url)
    except FetchError as exc:
        return Delivery("webhook", False, 0, f"webhook URL {exc}")
    body = alert.to_json().encode("ascii")
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT, ALERT_HEADER: header_value(alert.key)}
    if secret:
        headers[SIGNATURE_HEADER] = sign(body, secret)
    backend = VettedBackend(allow_private=allow_private)
    with httpx.Client(transport=vetted_transport(backend), timeout=httpx.Timeout(timeout),
                      follow_redirects=False) as client:
        attempt = 0
        while True:
            attempt += 1
            outcome = _post_once(client, backend, url, body, headers, timeout)
            if outcome.ok or not outcome.retry or attempt >= attempts:
                return Delivery("webhook", outcome.ok, attempt, outcome.detail)
            wait = backoff * 2 ** (attempt - 1) if outcome.wait is None else outcome.wait
            sleep(max(0.0, min(wait, max_wait)))


def _post_once(client: httpx.Client, backend: VettedBackend, url: str, body: bytes,
               headers: dict[str, str], timeout: float) -> _Attempt:
    backend.deadline = backend.clock() + timeout  # bounds the whole exchange, not each read
    try:
        with client.stream("POST", url, content=body, headers=headers) as response:
            status, received = response.status_code, response.headers
    except RefusedAddress as exc:  # a DNS failure may pass; a private address will not
        return _Attempt(False, not str(exc).startswith("refused"), None, str(exc))
    except httpx.TimeoutException:
        return _Attempt(False, True, None, f"timed out after {timeout:g}s")
    except httpx.LocalProtocolError as exc:
        return _Attempt(False, False, None, f"request refused: {_short(exc)}")
    except httpx.TransportError as exc:  # refused, reset, closed early: the receiver may be back soon
        return _Attempt(False, True, None, f"unreachable: {_short(exc)}")
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return _Attempt(False, False, None, f"request failed: {_short(exc)}")
    finally:
        backend.deadline = None
    text = http_status_text(status)
    if 200 <= status < 300:
        return _Attempt(True, False, None, text)
    if status == 429 or status >= 500:
        return _Attempt(False, True, retry_after(received, datetime.now(timezone.utc)), text)
    if 300 <= status < 400:
        return _Attempt(False, False, None, f"{text} (redirects are not followed: configure the final URL)")
    return _Attempt(False, False, None, f"{text} (not retried)")


def send_email(
    alert: Alert,
    *,
    host: str,
    port: int,
    sender: str,
    to: list[str],
    starttls: bool = False,
    username: str | None = None,
    password: str | None = None,
    timeout: float = 10,
) -> Delivery:
    """Mail the alert: its title as the subject, its fields as plain text, its JSON attached."""
    if isinstance(to, str):
        raise ValueError("send_email: to must be a list of addresses, not one string")
    bad = [address for address in [sender, *to] if not _plain_address(address)]
    if bad or not to:
        shown = ", ".join(repr(clean_line(str(a), 80)) for a in bad) or "no recipient"
        return Delivery("email", False, 0, f"invalid mail address: {shown}")
    message = build_email(alert, sender, to)
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            if starttls:
                smtp.starttls(context=ssl.create_default_context())
            if username:
                smtp.login(username, password or "")
            refused = smtp.send_message(message, from_addr=sender, to_addrs=list(to))
    except (smtplib.SMTPException, OSError) as exc:
        return Delivery("email", False, 1, f"{type(exc).__name__}: {_short(exc)}")
    if refused:
        return Delivery("email", True, 1, f"sent; refused by the server: {', '.join(sorted(refused))}")
    return Delivery("email", True, 1, f"sent to {', '.join(to)}")


def build_email(alert: Alert, sender: str, to: list[str]) -> EmailMessage:
    """The message ``send_email`` sends: every header value a cleaned single line."""
    message = EmailMessage()
    # non-ASCII letters stay in the subject: the mail policy encodes them (RFC 2047)
    message["Subject"] = clean_line(alert.title, MAX_HEADER_CHARS) or f"watchfloor {alert.kind} alert"
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "watchfloor")
    message[ALERT_HEADER] = header_value(alert.key)
    message.set_content(_plain_body(alert))
    message.add_attachment(alert.to_json().encode("ascii"), maintype="application", subtype="json",
                           filename="alert.json")
    return message


def write_log(alert: Alert, path: str | PathLike) -> Delivery:
    """Append the alert as one JSON line, with the time it was logged, to ``path``."""
    record = {**alert.to_dict(), "logged_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    line = _dumps(record, alert.key)
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="ascii") as log:
            log.write(line + "\n")
    except OSError as exc:
        return Delivery("log", False, 1, f"cannot write {target}: {exc.strerror or exc}")
    return Delivery("log", True, 1, f"appended to {target}")


def _plain_body(alert: Alert) -> str:
    data = alert.to_dict()
    lines = [data["title"], "", f"kind: {alert.kind}", f"level: {alert.level}", f"key: {data['key']}", ""]
    for name, value in data["payload"].items():
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
        lines.append(f"{clean_line(str(name), 100)}: {clean_line(shown)}")
    lines += ["", "The alert as JSON is attached (alert.json)."]
    return "\n".join(lines) + "\n"


def _cleaned(value: object) -> object:
    """``value`` with every string in it (keys too) cleaned of escapes and control characters."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(k) if isinstance(k, str) else k: _cleaned(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_cleaned(v) for v in value]
    return value


def _dumps(record: dict, key: str) -> str:
    # ASCII only, so a terminal showing the raw line meets no C1 control or bidi override.
    try:
        return json.dumps(record, ensure_ascii=True, sort_keys=True, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as exc:
        raise ValueError(f"alert {clean_line(key, 80)}: payload is not JSON-safe ({exc})") from None


def _plain_address(address: object) -> bool:
    """A bare mail address with nothing that could end its header: no whitespace or controls."""
    return (isinstance(address, str) and 3 <= len(address) <= 254 and "@" in address
            and address == clean_line(address) and " " not in address)


def _short(exc: BaseException) -> str:
    return clean_line(str(exc), 200) or type(exc).__name__
