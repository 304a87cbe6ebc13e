"""Hostile servers: stacked and bomb-sized encodings, trickled headers and bodies, DNS
rebinding and IPv6 forms that embed a private IPv4 address. A real HTTP server on 127.0.0.1."""

from __future__ import annotations

import copy
import gzip
import socket
import time
import zlib
from http.server import BaseHTTPRequestHandler

import pytest

from watchfloor.ingest.fetch import Fetcher, FetchError
from watchfloor.ingest.transport import BodyRefused, RefusedAddress, check_public, content_decoder

BOMB = gzip.compress(b"\0" * 20_000_000)  # 20 MB of zeros in about 20 KB
PAGE = b"<html><body><p>Curfew lifted in Parachinar after five days.</p></body></html>"


def _send(h: BaseHTTPRequestHandler, body: bytes, encoding: str | None) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    if encoding:
        h.send_header("Content-Encoding", encoding)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def _trickle_headers(h: BaseHTTPRequestHandler) -> None:
    h.wfile.write(b"HTTP/1.1 200 OK\r\n")
    for ch in b"X-Slow: " + b"a" * 40:  # one byte every 0.2 s: under any per-read timeout
        h.wfile.write(bytes([ch]))
        h.wfile.flush()
        time.sleep(0.2)


def _trickle_body(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/plain")
    h.end_headers()
    for _ in range(40):
        h.wfile.write(b"x")
        h.wfile.flush()
        time.sleep(0.2)


@pytest.fixture(scope="module")
def hostile(serve) -> str:
    routes = {
        "/double-gzip": lambda h: _send(h, gzip.compress(BOMB), "gzip, gzip"),
        "/bomb": lambda h: _send(h, BOMB, "gzip"),
        "/gzip-page": lambda h: _send(h, gzip.compress(PAGE), "gzip"),
        "/deflate-page": lambda h: _send(h, zlib.compress(PAGE), "deflate"),
        "/raw-deflate-page": lambda h: _send(h, zlib.compress(PAGE)[2:-4], "deflate"),
        "/brotli": lambda h: _send(h, PAGE, "br"),
        "/corrupt": lambda h: _send(h, b"\x1f\x8b\x08\x00garbage-not-gzip", "gzip"),
        "/trickle-headers": _trickle_headers,
        "/trickle-body": _trickle_body,
        "/page": lambda h: _send(h, PAGE, None),
    }
    return serve(routes)


@pytest.fixture
def fetch_settings(settings) -> dict:
    cfg = copy.deepcopy(settings)
    cfg["fetch"].update(respect_robots=False, deadline=1.5)
    return cfg


def test_stacked_encodings_are_refused_before_inflating(hostile, fetch_settings):
    with Fetcher(fetch_settings) as f, pytest.raises(FetchError, match="stacked content encodings"):
        f.get(f"{hostile}/double-gzip")


def test_a_gzip_bomb_stops_at_the_cap(hostile, fetch_settings):
    with Fetcher(fetch_settings) as f, pytest.raises(FetchError, match="over the 200000-byte limit"):
        f.get(f"{hostile}/bomb")


def test_the_decoder_never_holds_more_than_the_cap():
    decode = content_decoder("gzip", 1000)
    held = 0
    with pytest.raises(BodyRefused):
        for i in range(0, len(BOMB), 4096):
            held += len(decode(BOMB[i:i + 4096]))
            assert held <= 1001


@pytest.mark.parametrize("path", ["/gzip-page", "/deflate-page", "/raw-deflate-page", "/page"])
def test_ordinary_encodings_are_inflated(hostile, fetch_settings, path):
    with Fetcher(fetch_settings) as f:
        assert f.get(f"{hostile}{path}").content == PAGE


@pytest.mark.parametrize("path, reason", [("/brotli", "unsupported content encoding 'br'"),
                                          ("/corrupt", "compressed body is corrupt")])
def test_unknown_or_corrupt_encodings_are_refused(hostile, fetch_settings, path, reason):
    with Fetcher(fetch_settings) as f, pytest.raises(FetchError, match=reason):
        f.get(f"{hostile}{path}")


@pytest.mark.parametrize("path", ["/trickle-headers", "/trickle-body"])
def test_a_trickling_server_is_cut_at_the_deadline(hostile, fetch_settings, path):
    started = time.monotonic()
    with Fetcher(fetch_settings) as f, pytest.raises(FetchError, match="within 1.5s"):
        f.get(f"{hostile}{path}")
    assert time.monotonic() - started < 4.0  # the trickle alone would take 8 s


def test_the_address_checked_is_the_address_connected_to(hostile, fetch_settings, monkeypatch):
    """DNS rebinding: the first answer is our server, any later one a port nobody listens on.
    The fetch must resolve once and connect to that first answer."""
    port = int(hostile.rsplit(":", 1)[1])
    real = socket.getaddrinfo
    calls: list[str] = []

    def rebinding(host, *args, **kwargs):
        if host != "news.rebind.test":
            return real(host, *args, **kwargs)
        calls.append(host)
        target = "127.0.0.1" if len(calls) == 1 else "127.0.0.3"
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (target, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with Fetcher(fetch_settings) as f:
        assert f.get(f"http://news.rebind.test:{port}/page").content == PAGE
    assert calls == ["news.rebind.test"]


@pytest.mark.parametrize("address", ["127.0.0.1", "::1", "::127.0.0.1", "::ffff:127.0.0.1", "64:ff9b::7f00:1",
                                     "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2002:a9fe:a9fe::", "10.1.2.3",
                                     "169.254.169.254", "fe80::1", "ff02::1"])
def test_private_addresses_and_their_ipv6_wrappings_are_refused(address):
    with pytest.raises(RefusedAddress, match="private/loopback"):
        check_public(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808"])
def test_public_addresses_pass(address):
    check_public(address)


@pytest.mark.parametrize("host", ["[::ffff:127.0.0.1]", "[::127.0.0.1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]"])
def test_embedded_loopback_urls_are_refused_by_the_fetcher(hostile, fetch_settings, host):
    cfg = copy.deepcopy(fetch_settings)
    cfg["fetch"]["allow_private"] = False
    port = hostile.rsplit(":", 1)[1]
    with Fetcher(cfg) as f, pytest.raises(FetchError, match="private/loopback"):
        f.get(f"http://{host}:{port}/page")
