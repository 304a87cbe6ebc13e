"""Events imported from ACLED or UCDP files: kept under their own ids (``acled:<event_id_cnty>``,
``ucdp:<id>``), so importing a file again updates its events and never duplicates them."""

from __future__ import annotations

import json
import sqlite3

from .merged import MERGED_COLUMNS, _history, cell

_COLUMNS = [*MERGED_COLUMNS, "origin", "external_id", "extra"]


def upsert(db: sqlite3.Connection, events: list[dict], at: str) -> tuple[int, int]:
    """(new, updated) for a batch of imported events."""
    if db.dialect == "postgresql":
        return copy_upsert(db, events, at)
    return row_upsert(db, events, at)


def row_upsert(db: sqlite3.Connection, events: list[dict], at: str) -> tuple[int, int]:
    """Event by event: SQLite's way (in-process, a statement costs microseconds)."""
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


def copy_upsert(db, events: list[dict], at: str) -> tuple[int, int]:
    """The same upsert as a bulk load on PostgreSQL: COPY the batch into a staging table, then
    one INSERT ... ON CONFLICT that changes only the rows that differ, with the same history."""
    latest = {e["id"]: e for e in events}  # an id twice in a batch: its last row, as row by row
    columns = ["id", *_COLUMNS]
    db.execute("CREATE TEMP TABLE IF NOT EXISTS import_staging (LIKE events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS")
    db.execute("DELETE FROM import_staging")
    db.copy_rows("import_staging", columns, ([e["id"], *[cell(c, e.get(c)) for c in _COLUMNS]] for e in latest.values()))
    db.execute("INSERT INTO actors(name) SELECT actor1 FROM import_staging WHERE actor1 IS NOT NULL UNION "
               "SELECT actor2 FROM import_staging WHERE actor2 IS NOT NULL ON CONFLICT(name) DO NOTHING")
    history = [(r[0], at, None, "imported", _detail({"origin": latest[r[0]].get("origin")})) for r in db.execute(
        "SELECT s.id FROM import_staging s LEFT JOIN events e ON e.id = s.id WHERE e.id IS NULL ORDER BY s.id")]
    new = len(history)
    # Which fields changed, asked only of the rows that differ at all (a first load has none).
    differs = ", ".join(f"s.{c} IS DISTINCT FROM e.{c}" for c in _COLUMNS)
    for row in db.execute(f"SELECT s.id, {differs} FROM import_staging s JOIN events e ON e.id = s.id "
                          f"WHERE {_row_of('s')} IS DISTINCT FROM {_row_of('e')} ORDER BY s.id"):
        history.append((row[0], at, None, "updated", _detail({"fields": [c for c, d in zip(_COLUMNS, row[1:]) if d]})))
    updated = len(history) - new
    listed = ", ".join(columns)
    db.execute(f"INSERT INTO events({listed}, created_at, updated_at) SELECT {listed}, ?, ? FROM import_staging "
               f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _COLUMNS)}, "
               f"updated_at = excluded.updated_at WHERE {_row_of('events')} IS DISTINCT FROM {_row_of('excluded')}",
               (at, at))
    db.copy_rows("event_history", ["event_id", "at", "article_id", "change", "detail"], history)
    return new, updated


def _row_of(table: str) -> str:
    return "(" + ", ".join(f"{table}.{c}" for c in _COLUMNS) + ")"


def _detail(detail: dict) -> str:
    return json.dumps(detail, ensure_ascii=False, default=str)  # as merged._history writes it
