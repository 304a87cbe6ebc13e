"""Helpers shared by the CLI tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from serving_support import serve_in_thread  # noqa: E402,F401 - the CLI tests import it from here

SRC = Path(__file__).resolve().parents[2] / "src"
SLOW_SECONDS = 1.5  # the /slow endpoint; tests set WATCHFLOOR_FETCH_TIMEOUT well below


def clean_env(**extra: str) -> dict[str, str]:
    """os.environ minus WATCHFLOOR_* (except the shared gazetteer cache), plus PYTHONPATH=src."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("WATCHFLOOR_") or k == "WATCHFLOOR_GEO_CACHE"}
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra)
    return env


@dataclass(repr=False)
class Run:
    """What one CLI run left behind."""

    code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("error: ")]

    def __repr__(self) -> str:  # shown by pytest when an assertion on a Run fails
        return f"exit {self.code}\n--- stdout ---\n{self.stdout[-3000:]}\n--- stderr ---\n{self.stderr[-3000:]}"


# -- databases ---------------------------------------------------------------------------------

def connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)


def count(path: Path, table: str, where: str = "") -> int:
    db = connect_ro(path)
    try:
        return db.execute(f"SELECT count(*) FROM {table} {where}").fetchone()[0]
    finally:
        db.close()


TABLES = ("publishers", "articles", "actors", "events", "event_reports", "places", "statistics",
          "claims", "evidence")


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every watchfloor table, for 'nothing changed' checks."""
    db = connect_ro(path)
    try:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
    finally:
        db.close()


# -- a local news site -------------------------------------------------------------------------

def page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (f"<!DOCTYPE html><html><head><title>{title}</title>"
            f'<meta property="og:title" content="{title}"></head><body>'
            f'<nav><a href="/">Home</a> | <a href="/security">Security</a></nav>'
            f"<article><h1>{title}</h1>{paragraphs}</article>"
            f"<footer>Copyright Frontier Test Courier</footer></body></html>")


PAGES = {
    "/news/kurram-checkpost.html": page(
        "Militants storm checkpost in Kurram",
        "PARACHINAR: Militants attacked a security forces checkpost in Kurram district on Tuesday, "
        "killing four soldiers, officials said.\n"
        "The attackers fled towards the border after an exchange of fire that lasted an hour, "
        "according to local police officials who spoke to reporters."),
    "/news/tank-police.html": page(
        "Policeman shot dead in Tank",
        "TANK: Unidentified gunmen shot dead a policeman in Tank district on Wednesday morning "
        "while he was on his way to duty, police said.\n"
        "A search operation was launched in the area and several suspects were questioned."),
    "/page.html": page(
        "Roadside bomb hits vehicle in Kech",
        "TURBAT: A roadside bomb struck a vehicle in Kech district on Thursday, killing two "
        "Frontier Corps personnel, officials said.\n"
        "No group immediately claimed responsibility for the blast, which damaged the vehicle."),
}


def updated_story(version: int) -> str:
    """A page edited after publication: its first version gives a toll of three, later ones five."""
    toll = "three" if version == 1 else "five"
    extra = "" if version == 1 else "\nTwo of the wounded died in hospital overnight, a doctor said."
    return page("Bomb kills police in Lakki Marwat",
                f"LAKKI MARWAT: A bomb planted on a motorcycle exploded near a police van in Lakki Marwat "
                f"district on Monday, killing {toll} policemen, officials said.{extra}\n"
                "The van was on its way to a checkpoint when the device went off at a crossing.")


def rss(base: str) -> str:
    items = [
        ("Militants storm checkpost in Kurram", "/news/kurram-checkpost.html", "Tue, 12 Sep 2023 08:00:00 GMT"),
        ("Policeman shot dead in Tank", "/news/tank-police.html", "Wed, 13 Sep 2023 09:30:00 GMT"),
    ]
    body = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><pubDate>{d}</pubDate>"
        f"<description>{t}.</description></item>" for t, p, d in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Frontier Test Courier</title><link>{base}/</link>"
            f"<description>Security news</description>{body}</channel></rss>")


class _Handler(BaseHTTPRequestHandler):
    base = ""
    hits: dict[str, int] = {}

    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        path = self.path.split("?")[0]
        self.hits[path] = self.hits.get(path, 0) + 1
        try:
            if path == "/robots.txt":
                self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
            elif path == "/feed.rss":
                self._send(200, rss(self.base).encode(), "application/rss+xml")
            elif path == "/news/updated-story.html":  # a new version on every request after the first
                body = updated_story(min(self.hits[path], 2)).encode()
                self._send(200, body, "text/html; charset=utf-8")
            elif path in PAGES:
                self._send(200, PAGES[path].encode(), "text/html; charset=utf-8")
            elif path == "/loop/a":
                self._send(302, b"", "text/html", {"Location": "/loop/b"})
            elif path == "/loop/b":
                self._send(302, b"", "text/html", {"Location": "/loop/a"})
            elif path == "/slow":
                time.sleep(SLOW_SECONDS)
                self._send(200, PAGES["/page.html"].encode(), "text/html; charset=utf-8")
            else:
                self._send(404, b"<html><body>Not found</body></html>", "text/html")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout): expected

    def log_message(self, *args: object) -> None:
        pass


@dataclass
class Site:
    base: str
    hits: dict[str, int]


def start_site() -> tuple[ThreadingHTTPServer, Site]:
    hits: dict[str, int] = {}
    handler = type("Handler", (_Handler,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    handler.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, Site(handler.base, hits)
