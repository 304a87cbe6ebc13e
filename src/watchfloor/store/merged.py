"""The SQL of merged events: syndicated copies' fingerprints, the reports near a new one, and
writing a merge plan (merge/cluster.py) with its history. Functions over a connection, called
by Store inside its transactions."""

from __future__ import annotations

import json
import sqlite3
from datetime import date as Date, timedelta

from ..merge.cluster import Assignment
from ..merge.match import Report
from ..merge.neardup import Candidate, Fingerprint

# Columns of the events table a merge writes (besides id).
MERGED_COLUMNS = (
    "event_type sub_event_type disorder_type date time_precision location admin1 admin2 country "
    "iso3 latitude longitude geonameid geo_precision actor1 assoc_actor_1 actor2 assoc_actor_2 "
    "interaction fatalities injured civilian_targeting notes confidence sources source_count tolls "
    "fatalities_low fatalities_best fatalities_high disputed"
).split()
JSON_COLUMNS = ("sources", "tolls", "extra")  # lists and objects, kept as JSON text
# Fields whose change goes into an event's history.
_WATCHED = ("date", "location", "admin2", "event_type", "sub_event_type", "actor1", "actor2",
            "fatalities", "fatalities_best", "source_count", "disputed")


# -- syndicated copies ------------------------------------------------------------------------

def print_candidates(db: sqlite3.Connection, print_: Fingerprint, exclude: str, limit: int = 50) -> list[Candidate]:
    """Current (not superseded) stored articles sharing a band bucket with ``print_``."""
    marks = ",".join("?" * len(print_.buckets))
    rows = db.execute(
        f"""SELECT a.id, coalesce(a.copy_of, a.id) AS original, p.signature, p.facts
            FROM (SELECT DISTINCT article_rowid FROM article_buckets WHERE bucket IN ({marks})) b
            JOIN articles a ON a.rowid = b.article_rowid
            JOIN article_prints p ON p.article_id = a.id
            WHERE a.id != ? AND a.superseded_by IS NULL LIMIT ?""",
        (*print_.buckets, exclude, limit),
    ).fetchall()
    return [Candidate(r["original"], r["signature"], r["facts"]) for r in rows]


def save_print(db: sqlite3.Connection, article_id: str, print_: Fingerprint, copy_of: str | None) -> None:
    rowid = db.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    db.execute("INSERT INTO article_prints(article_id, signature, facts) VALUES (?,?,?) ON CONFLICT(article_id) "
               "DO UPDATE SET signature = excluded.signature, facts = excluded.facts",
               (article_id, print_.signature, print_.facts))
    db.executemany("INSERT INTO article_buckets(bucket, article_rowid) VALUES (?,?) ON CONFLICT DO NOTHING",
                   [(b, rowid) for b in print_.buckets])
    if copy_of:
        db.execute("UPDATE articles SET copy_of = ? WHERE id = ?", (copy_of, article_id))


# -- reports near a new one -------------------------------------------------------------------

_REPORT_SQL = """
    SELECT r.event_id, r.article_id, r.ordinal, r.data, a.published, a.url, a.original_source,
           p.name AS publisher
    FROM event_reports r JOIN articles a ON a.id = r.article_id
    LEFT JOIN publishers p ON p.id = a.publisher_id
"""


def _copies(db: sqlite3.Connection, article_ids: set[str]) -> dict[str, tuple[dict, ...]]:
    if not article_ids:
        return {}
    marks = ",".join("?" * len(article_ids))
    out: dict[str, list[dict]] = {}
    for r in db.execute(
        f"""SELECT a.id, a.copy_of, a.published, a.url, a.original_source, p.name AS publisher
            FROM articles a LEFT JOIN publishers p ON p.id = a.publisher_id
            WHERE a.copy_of IN ({marks}) ORDER BY a.rowid""", tuple(article_ids)):
        out.setdefault(r["copy_of"], []).append(
            {"article_id": r["id"], "publisher": r["publisher"], "original_source": r["original_source"],
             "url": r["url"], "published": r["published"]})
    return {k: tuple(v) for k, v in out.items()}


def _reports(db: sqlite3.Connection, where: str, params: tuple) -> list[Report]:
    rows = db.execute(_REPORT_SQL + " WHERE " + where + " ORDER BY r.article_id, r.ordinal", params).fetchall()
    copies = _copies(db, {r["article_id"] for r in rows})
    return [Report(r["article_id"], r["ordinal"], json.loads(r["data"]), r["published"], r["publisher"],
                   r["original_source"], r["url"], r["event_id"], copies.get(r["article_id"], ()))
            for r in rows]


def event_reports(db: sqlite3.Connection, event_id: str) -> list[Report]:
    return _reports(db, "r.event_id = ?", (event_id,))


def article_reports(db: sqlite3.Connection, article_id: str) -> list[Report]:
    return _reports(db, "r.article_id = ?", (article_id,))


def _shift(day: str, days: int) -> str:
    return (Date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()


def nearby_reports(db: sqlite3.Connection, reports: list[Report], also: set[str], limit: int = 400) -> list[Report]:
    """The reports of every extracted event close in time (and not in another country) to one
    of ``reports``, and of the events in ``also``: the candidates a merge considers."""
    ids = set(also) | {r.event_id for r in reports if r.event_id}
    for rep in reports:
        day, iso3 = rep.event.get("date"), rep.event.get("iso3")
        try:
            slack = {1: 1, 2: 7}.get(rep.event.get("time_precision") or 3, 31)
            near = (_shift(day, -slack), _shift(day, slack), _shift(day, -31), _shift(day, 31))
        except (TypeError, ValueError):
            continue
        rows = db.execute(
            """SELECT id FROM events WHERE origin = 'extracted'
                 AND (date BETWEEN ? AND ? OR (time_precision >= 2 AND date BETWEEN ? AND ?))
                 AND (CAST(? AS TEXT) IS NULL OR iso3 IS NULL OR iso3 = ?) LIMIT ?""",
            (*near, iso3, iso3, limit)).fetchall()
        ids.update(r[0] for r in rows)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return _reports(db, f"r.event_id IN ({marks})", tuple(sorted(ids)))


# -- writing a merge --------------------------------------------------------------------------

def _history(db, event_id: str, at: str, article_id: str | None, change: str, detail: dict | None = None) -> None:
    db.execute("INSERT INTO event_history(event_id, at, article_id, change, detail) VALUES (?,?,?,?,?)",
               (event_id, at, article_id, change, json.dumps(detail or {}, ensure_ascii=False, default=str)))


def _stored(db, event_id: str) -> dict | None:
    row = db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    return dict(row) if row else None


def cell(column: str, value):
    """An events column's value as stored."""
    return json.dumps(value, ensure_ascii=False) if column in JSON_COLUMNS else value


def apply(db: sqlite3.Connection, plan: Assignment, rows: dict[str, dict], because: str | None, at: str) -> None:
    """Write ``plan``: each event's reconciled row (``rows``), its reports, merges and splits,
    and a history line for every change."""
    for eid, reports in plan.events.items():
        row, old = rows[eid], _stored(db, eid)
        values = [cell(c, row.get(c)) for c in MERGED_COLUMNS]
        if old is None:
            db.execute(f"INSERT INTO events(id, {', '.join(MERGED_COLUMNS)}, created_at, updated_at) "
                       f"VALUES (?{', ?' * len(MERGED_COLUMNS)}, ?, ?)", [eid, *values, at, at])
        else:
            db.execute(f"UPDATE events SET {', '.join(c + ' = ?' for c in MERGED_COLUMNS)}, updated_at = ?, "
                       "created_at = coalesce(created_at, ?) WHERE id = ?", [*values, at, at, eid])
        if old is None or old["created_at"] is None:  # new, or a report's provisional event made real
            parent = plan.split_from.get(eid)
            _history(db, eid, at, because, "split" if parent else "created", {"from": parent} if parent else None)
        else:
            changed = {c: [old.get(c), row.get(c)] for c in _WATCHED
                       if cell(c, row.get(c)) != old.get(c) and not (c == "disputed" and bool(old[c]) == bool(row[c]))}
            if changed:
                _history(db, eid, at, because, "updated", changed)
        for rep in reports:
            if rep.event_id != eid:
                db.execute("UPDATE event_reports SET event_id = ? WHERE article_id = ? AND ordinal = ?",
                           (eid, rep.article_id, rep.ordinal))
                _history(db, eid, at, because, "report_added",
                         {"article_id": rep.article_id, "ordinal": rep.ordinal, "from": rep.event_id})
    for old_id, new_id in plan.merged.items():
        db.execute("INSERT INTO event_aliases(id, event_id, at, article_id) VALUES (?,?,?,?) ON CONFLICT(id) DO UPDATE "
                   "SET event_id = excluded.event_id, at = excluded.at, article_id = excluded.article_id",
                   (old_id, new_id, at, because))
        db.execute("UPDATE event_aliases SET event_id = ? WHERE event_id = ?", (new_id, old_id))
        _history(db, old_id, at, because, "merged_into", {"into": new_id})
        _history(db, new_id, at, because, "merged", {"from": old_id})
    drop_empty(db, {r.event_id for reps in plan.events.values() for r in reps if r.event_id}, at, because)


def save_own_event(db: sqlite3.Connection, eid: str, fields: dict, article_id: str, at: str) -> None:
    """Create a report's provisional event, or give an event that only ``article_id`` reports
    the article's new coding (a re-extraction), with a history line for what changed."""
    old = _stored(db, eid)
    if old is None:
        db.execute(f"INSERT INTO events(id, {', '.join(fields)}) VALUES (?{', ?' * len(fields)})",
                   [eid, *fields.values()])
        return
    others = db.execute("SELECT 1 FROM event_reports WHERE event_id = ? AND article_id != ?", (eid, article_id)).fetchone()
    if others or all(old.get(c) == v for c, v in fields.items()):
        return
    db.execute(f"UPDATE events SET {', '.join(c + ' = ?' for c in fields)} WHERE id = ?", [*fields.values(), eid])
    changed = {c: [old.get(c), v] for c, v in fields.items() if c in _WATCHED and old.get(c) != v}
    if changed and old.get("created_at") is not None:
        _history(db, eid, at, article_id, "updated", changed)


def drop_empty(db: sqlite3.Connection, event_ids: set[str], at: str, because: str | None) -> None:
    """Delete the extracted events among ``event_ids`` that no report holds any more."""
    for eid in sorted(event_ids):
        row = db.execute("SELECT created_at FROM events WHERE id = ?", (eid,)).fetchone()
        gone = db.execute(
            "DELETE FROM events WHERE id = ? AND origin = 'extracted' AND NOT EXISTS "
            "(SELECT 1 FROM event_reports WHERE event_id = ?)", (eid, eid)).rowcount
        provisional = row is not None and row[0] is None  # a report's own row, never an event
        if gone and not provisional and not db.execute("SELECT 1 FROM event_aliases WHERE id = ?", (eid,)).fetchone():
            _history(db, eid, at, because, "dropped")


def history(db: sqlite3.Connection, event_id: str) -> list[dict]:
    """Every change to ``event_id`` (or the event it was merged into), oldest first."""
    alias = db.execute("SELECT event_id FROM event_aliases WHERE id = ?", (event_id,)).fetchone()
    ids = [event_id] + ([alias[0]] if alias else [])
    marks = ",".join("?" * len(ids))
    rows = db.execute(f"SELECT * FROM event_history WHERE event_id IN ({marks}) ORDER BY id", ids).fetchall()
    return [dict(r, detail=json.loads(r["detail"])) for r in rows]


def resolve_id(db: sqlite3.Connection, event_id: str) -> str | None:
    """The current id of an event, following merges."""
    if db.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone():
        return event_id
    row = db.execute("SELECT event_id FROM event_aliases WHERE id = ?", (event_id,)).fetchone()
    return row[0] if row else None
