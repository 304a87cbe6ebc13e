"""Events imported from ACLED or UCDP files: kept under their own ids (``acled:<event_id_cnty>``,
``ucdp:<id>``), so importing a file again updates its events and never duplicates them."""

from __future__ import annotations

import sqlite3

from .merged import MERGED_COLUMNS, _history, cell

_COLUMNS = [*MERGED_COLUMNS, "origin", "external_id", "extra"]


def upsert(db: sqlite3.Connection, events: list[dict], at: str) -> tuple[int, int]:
    """(new, updated) for a batch of imported events."""
    new = updated = 0
    for event in events:
        for actor in (event.get("actor1"), event.get("actor2")):
            if actor:
                db.execute("INSERT INTO actors(name) VALUES (?) ON CONFLICT(name) DO NOTHING", (actor,))
        values = [cell(c, event.get(c)) for c in _COLUMNS]
        old = db.execute("SELECT " + ", ".join(_COLUMNS) + " FROM events WHERE id = ?", (event["id"],)).fetchone()
        if old is None:
            db.execute(f"INSERT INTO events(id, {', '.join(_COLUMNS)}, created_at, updated_at) "
                       f"VALUES (?{', ?' * len(_COLUMNS)}, ?, ?)", [event["id"], *values, at, at])
            _history(db, event["id"], at, None, "imported", {"origin": event.get("origin")})
            new += 1
        elif list(old) != values:
            changed = [c for c, a, b in zip(_COLUMNS, old, values) if a != b]
            db.execute(f"UPDATE events SET {', '.join(c + ' = ?' for c in _COLUMNS)}, updated_at = ? WHERE id = ?",
                       [*values, at, event["id"]])
            _history(db, event["id"], at, None, "updated", {"fields": changed})
            updated += 1
    return new, updated
