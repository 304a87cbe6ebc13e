"""The network under the HTTP client: vetted addresses, a wall-clock deadline, bounded inflation.

Three things a hostile server can do that a per-read timeout and a byte cap do not stop:

- **DNS rebinding.** Checking a host's address and then letting the client resolve it again
  to connect leaves a window: a TTL-0 answer passes the check and the second points at
  127.0.0.1. Here the address that is checked is the address connected to.
- **Trickling.** A server that sends a byte every few seconds never trips a per-read timeout.
  Every read and write here is also bounded by the request's overall deadline.
- **Decompression bombs.** A few kilobytes of stacked gzip inflate to gigabytes before a cap
  on the decoded body is checked. Bodies are inflated here with a bound, and stacked or
  unknown encodings are refused.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable

import httpcore

# Prefixes that carry an IPv4 address inside an IPv6 one (RFC 6052 NAT64, its local-use
# block, and 6to4); the embedded address is what the packet reaches.
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
_ENCODINGS = ("gzip", "x-gzip", "deflate")


class RefusedAddress(Exception):
    """A host that resolves to an address watchfloor must not connect to."""


class BodyRefused(Exception):
    """A body that cannot be decoded within the limits (the reason is user-facing)."""


def addresses_inside(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list:
    """The address itself and every IPv4 address embedded in it (mapped, compatible,
    NAT64, 6to4, Teredo): each must be public for the host to be fetched."""
    out: list = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            out.append(ip.ipv4_mapped)
        if int(ip) >> 32 == 0:  # "::127.0.0.1", the deprecated IPv4-compatible form
            out.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if any(ip in net for net in _NAT64):
            out.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if ip.sixtofour:
            out.append(ip.sixtofour)
        if ip.teredo:
            out.extend(ip.teredo)
    return out


def check_public(ip_text: str) -> None:
    """Raise RefusedAddress unless the address, and any IPv4 inside it, is public unicast."""
    ip = ipaddress.ip_address(ip_text.split("%")[0])
    for inner in addresses_inside(ip):
        if not inner.is_global or inner.is_multicast:
            raise RefusedAddress(
                f"refused: {ip} is a private/loopback address (use --allow-private or set "
                f"fetch.allow_private to allow)")


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the backend's current deadline."""

    def __init__(self, inner: httpcore.NetworkStream, backend: VettedBackend) -> None:
        self._inner = inner
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._backend.bound(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._backend.bound(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._backend.bound(timeout))
        return _DeadlineStream(inner, self._backend)

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


class VettedBackend(httpcore.SyncBackend):
    """Resolves each host once, refuses non-public addresses (unless allowed), connects to the
    address it vetted, and bounds all I/O by ``deadline`` (a ``clock`` time, set per request)."""

    def __init__(self, *, allow_private: bool, clock: Callable[[], float] = time.monotonic) -> None:
        self.allow_private = allow_private
        self.clock = clock
        self._local = threading.local()  # each fetching thread has its own request deadline

    @property
    def deadline(self) -> float | None:
        return getattr(self._local, "deadline", None)

    @deadline.setter
    def deadline(self, value: float | None) -> None:
        self._local.deadline = value

    def bound(self, timeout: float | None) -> float | None:
        if self.deadline is None:
            return timeout
        remaining = self.deadline - self.clock()
        if remaining <= 0:
            raise httpcore.ReadTimeout("request deadline passed")
        return remaining if timeout is None else min(timeout, remaining)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError):
            raise RefusedAddress(f"unreachable: cannot resolve host {host}") from None
        addresses = [str(info[4][0]) for info in infos]
        if not self.allow_private:
            for address in addresses:
                check_public(address)
        stream = super().connect_tcp(addresses[0], port, self.bound(timeout), local_address, socket_options)
        return _DeadlineStream(stream, self)


def content_decoder(header: str, limit: int) -> Callable[[bytes], bytes]:
    """A function that inflates successive raw chunks of a body sent with ``Content-Encoding:
    header``, raising BodyRefused once the decoded body passes ``limit`` bytes. At most
    ``limit + 1`` decoded bytes are ever held, however small the compressed input."""
    codings = [c.strip().lower() for c in header.split(",") if c.strip() and c.strip().lower() != "identity"]
    if len(codings) > 1:
        raise BodyRefused(f"refused: stacked content encodings ({', '.join(codings)})")
    if codings and codings[0] not in _ENCODINGS:
        raise BodyRefused(f"refused: unsupported content encoding {codings[0]!r}")
    total = 0

    def count(piece: bytes) -> bytes:
        nonlocal total
        total += len(piece)
        if total > limit:
            raise BodyRefused(f"response over the {limit}-byte limit")
        return piece

    if not codings:
        return count
    wbits = 31 if codings[0] in ("gzip", "x-gzip") else 15
    state = {"d": zlib.decompressobj(wbits), "first": True}

    def inflate(chunk: bytes) -> bytes:
        out = []
        data = chunk
        while data:
            d = state["d"]
            try:
                piece = d.decompress(data, limit - total + 1)
            except zlib.error:
                if state["first"] and wbits == 15:  # "deflate" sent raw, without the zlib header
                    state["d"], state["first"] = zlib.decompressobj(-15), False
                    continue
                raise BodyRefused("refused: the compressed body is corrupt") from None
            state["first"] = False
            out.append(count(piece))
            if d.unconsumed_tail:
                data = d.unconsumed_tail
            elif d.eof and d.unused_data:  # another gzip member follows
                data = d.unused_data
                state["d"] = zlib.decompressobj(wbits)
            else:
                data = b""
        return b"".join(out)

    return inflate
