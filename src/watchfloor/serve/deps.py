"""What every route needs: a store per request, the settings, and the write guard (a bearer
token, and a rate limit per client)."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterator

from fastapi import Depends, HTTPException, Request

from ..store import Store


def get_store(request: Request) -> Iterator[Store]:
    """One connection per request; SQLite serves the readers side by side while one writes."""
    settings = request.app.state.settings
    store = Store(request.app.state.db_path, busy_timeout=float(settings["store"]["busy_timeout"]), any_thread=True)
    try:
        yield store
    finally:
        store.close()


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _check_token(request: Request, store: Store) -> str:
    token = _bearer(request)
    if token is None:
        raise HTTPException(401, "this needs a token: Authorization: Bearer <token> (watchfloor token create NAME)",
                            headers={"WWW-Authenticate": "Bearer"})
    name = store.tokens.check(token)
    if name is None:
        raise HTTPException(403, "that token is not valid here")
    return name


class RateLimit:
    """At most ``per_minute`` writes per client address in any minute."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.seen: dict[str, deque] = defaultdict(deque)
        self.lock = threading.Lock()

    def check(self, client: str) -> None:
        now = time.monotonic()
        with self.lock:
            times = self.seen[client]
            while times and now - times[0] > 60:
                times.popleft()
            if len(times) >= self.per_minute:
                raise HTTPException(429, f"more than {self.per_minute} writes a minute from this address; "
                                         "wait and try again", headers={"Retry-After": "60"})
            times.append(now)


def writer(request: Request, store: Store = Depends(get_store)) -> str:
    """A write: a valid token, within the rate limit. Returns the token's name."""
    request.app.state.write_limit.check(request.client.host if request.client else "unknown")
    return _check_token(request, store)


def reader(request: Request, store: Store = Depends(get_store)) -> Store:
    """A read: open unless ``serve.private_reads`` is set."""
    if request.app.state.settings["serve"]["private_reads"]:
        _check_token(request, store)
    return store
