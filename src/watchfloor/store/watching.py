"""The watch's tables: each feed's polling state, the alert rules, the alerts already sent and
the watch's bookmarks. A killed ``watch`` restarts from here: it polls each feed when its
state says, and never raises an alert it has sent unless the subject has grown."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Any

from . import queries


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class WatchTables:
    """Reads and writes of migration 6's tables; every write is its own small transaction
    unless the caller holds one (the store's transactions are re-entrant)."""

    def __init__(self, db: sqlite3.Connection, transaction) -> None:
        self.db = db
        self.transaction = transaction

    # -- feeds ---------------------------------------------------------------------------------

    def add_feed(self, url: str, state: dict) -> bool:
        """Register a feed; False when it is already watched (its state is kept)."""
        with self.transaction():
            cur = self.db.execute("INSERT INTO feeds(url, state, next_poll, added_at) VALUES (?, ?, ?, ?) "
                                  "ON CONFLICT(url) DO NOTHING",
                                  (url, json.dumps(state), state.get("next_poll"), _now()))
            return cur.rowcount == 1

    def save_feed(self, key: str, state: dict) -> None:
        """Store a feed's new state under its registered URL ``key`` (the state's own url may
        have moved; the row keeps the URL it was added as, and the state says where it went)."""
        with self.transaction():
            self.db.execute("UPDATE feeds SET state = ?, next_poll = ? WHERE url = ?",
                            (json.dumps(state), state.get("next_poll"), key))

    def feeds(self) -> list[tuple[str, dict]]:
        """Every watched feed as (registered URL, state), soonest due first."""
        rows = self.db.execute("SELECT url, state FROM feeds ORDER BY next_poll IS NULL, next_poll, url")
        return [(r[0], json.loads(r[1])) for r in rows]

    def remove_feed(self, url: str) -> bool:
        with self.transaction():
            return self.db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount == 1

    # -- alert rules ---------------------------------------------------------------------------

    def add_rule(self, name: str, kind: str, spec: dict) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO alert_rules(name, kind, spec, created_at) VALUES (?, ?, ?, ?) "
                            "ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, spec = excluded.spec",
                            (name, kind, json.dumps(spec), _now()))

    def rules(self) -> list[dict[str, Any]]:
        return [{"name": r[0], "kind": r[1], **json.loads(r[2])}
                for r in self.db.execute("SELECT name, kind, spec FROM alert_rules ORDER BY id")]

    def remove_rule(self, name: str) -> bool:
        with self.transaction():
            return self.db.execute("DELETE FROM alert_rules WHERE name = ?", (name,)).rowcount == 1

    # -- alerts sent ---------------------------------------------------------------------------

    def sent_level(self, rule: str, subject: str) -> int | None:
        row = self.db.execute("SELECT level FROM alerts_sent WHERE rule = ? AND subject = ?", (rule, subject)).fetchone()
        return row[0] if row else None

    def record_sent(self, rule: str, subject: str, level: int, detail: dict) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO alerts_sent(rule, subject, level, sent_at, detail) VALUES (?, ?, ?, ?, ?) "
                            "ON CONFLICT(rule, subject) DO UPDATE SET level = excluded.level, "
                            "sent_at = excluded.sent_at, detail = excluded.detail",
                            (rule, subject, level, _now(), json.dumps(detail)))

    def alerts_sent(self, limit: int = 100) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT rule, subject, level, sent_at, detail FROM alerts_sent "
                               "ORDER BY sent_at DESC LIMIT ?", (limit,))
        return [{"rule": r[0], "subject": r[1], "level": r[2], "sent_at": r[3], "detail": json.loads(r[4] or "{}")}
                for r in rows]

    # -- bookmarks and changed events ----------------------------------------------------------

    def mark(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM watch_marks WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_mark(self, name: str, value: str) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO watch_marks(name, value) VALUES (?, ?) "
                            "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (name, value))

    def events_changed_since(self, since: str | None, limit: int = 10_000) -> list[dict[str, Any]]:
        """Merged events created or updated at or after ``since`` (all, when None), oldest change first."""
        if since is None:
            ids = [r[0] for r in self.db.execute("SELECT id FROM events ORDER BY updated_at NULLS FIRST, id LIMIT ?", (limit,))]
        else:
            ids = [r[0] for r in self.db.execute("SELECT id FROM events WHERE updated_at >= ? ORDER BY updated_at, id "
                                                 "LIMIT ?", (since, limit))]
        return queries.events(self.db, ids=ids) if ids else []

    def merged_into(self, event_id: str) -> list[str]:
        """The ids merged into this event (an alert sent for one of them was sent for it)."""
        return [r[0] for r in self.db.execute("SELECT id FROM event_aliases WHERE event_id = ?", (event_id,))]
