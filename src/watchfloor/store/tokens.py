"""API tokens: created once and shown once; only their SHA-256 is stored (a token is 32 random
bytes, so a plain hash cannot be reversed by guessing)."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from datetime import datetime, timezone


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenTable:
    def __init__(self, db: sqlite3.Connection, transaction) -> None:
        self.db = db
        self.transaction = transaction

    def create(self, name: str) -> str:
        """A new token for ``name`` (replacing one of that name); the only time it is seen."""
        token = "wf_" + secrets.token_urlsafe(32)
        with self.transaction():
            self.db.execute("INSERT INTO api_tokens(name, sha256, created_at) VALUES (?, ?, ?) "
                            "ON CONFLICT(name) DO UPDATE SET sha256 = excluded.sha256, created_at = excluded.created_at",
                            (name, _digest(token), datetime.now(timezone.utc).isoformat(timespec="seconds")))
        return token

    def check(self, token: str) -> str | None:
        """The name of the token, or None when it is not one of ours."""
        row = self.db.execute("SELECT name FROM api_tokens WHERE sha256 = ?", (_digest(token),)).fetchone()
        return row[0] if row else None

    def names(self) -> list[dict]:
        return [{"name": r[0], "created_at": r[1]}
                for r in self.db.execute("SELECT name, created_at FROM api_tokens ORDER BY name")]

    def revoke(self, name: str) -> bool:
        with self.transaction():
            return self.db.execute("DELETE FROM api_tokens WHERE name = ?", (name,)).rowcount == 1
