"""Read queries over events and claims: filters in, plain dicts out."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .merged import JSON_COLUMNS


def _event_dict(row: sqlite3.Row) -> dict[str, Any]:
    d = dict(row)
    d["civilian_targeting"] = bool(d["civilian_targeting"])
    d["disputed"] = bool(d["disputed"])
    for column in JSON_COLUMNS:
        d[column] = json.loads(d[column]) if d.get(column) else ([] if column != "extra" else {})
    d["articles"] = [a for a in (d["articles"] or "").split(",") if a]
    return d


# Filters naming one column, each taking one value or several (any of them).
_EQUAL = {"country": "e.country", "admin1": "e.admin1", "admin2": "e.admin2", "event_type": "e.event_type",
          "sub_event_type": "e.sub_event_type", "origin": "e.origin"}
# Orders of the event list (``-`` = largest first), each with the key a keyset page resumes
# after: (that key's value, id). Undated events sort as "" and unknown tolls as 0.
# Each order: what to sort by, the same value as the cursor compares it (SQLite sorts a NULL
# date last when descending and first when ascending, as "" does), and the direction. Sorting
# on the bare column lets an index deliver rows in order, so a page stops after its rows.
ORDERS = {"-date": ("e.date", "coalesce(e.date, '')", "DESC"), "date": ("e.date", "coalesce(e.date, '')", "ASC"),
          "-fatalities": ("coalesce(e.fatalities, 0)", "coalesce(e.fatalities, 0)", "DESC"),
          "fatalities": ("coalesce(e.fatalities, 0)", "coalesce(e.fatalities, 0)", "ASC")}


def sort_value(row: dict, order: str):
    """The value a page's last row gives the cursor under ``order``."""
    return (row.get("fatalities") or 0) if order.endswith("fatalities") else (row.get("date") or "")


def event_filters(*, since: str | None = None, until: str | None = None, actor: str | None = None,
                  min_fatalities: int | None = None, disputed: bool | None = None,
                  bbox: tuple[float, float, float, float] | None = None, updated_since: str | None = None,
                  source: str | None = None, postgis: bool = False,
                  **equal: str | list[str] | None) -> tuple[list[str], list]:
    """WHERE terms and parameters over ``events e``: date range, the columns of ``_EQUAL`` (one
    value or a list), part of an actor's name, a minimum toll, disputed or not, a bounding box
    (min lon, min lat, max lon, max lat; with ``postgis``, answered by the spatial index) and
    the time of the last change."""
    where, params = [], []
    for key, value in equal.items():
        if key not in _EQUAL:
            raise ValueError(f"unknown event filter {key!r}")
        if value is None:
            continue
        values = [value] if isinstance(value, str) else list(value)
        where.append(f"{_EQUAL[key]} IN ({','.join('?' * len(values))})")
        params += values
    for column, op, value in (("e.date", ">=", since), ("e.date", "<=", until),
                              ("coalesce(e.fatalities, 0)", ">=", min_fatalities), ("e.updated_at", ">=", updated_since)):
        if value is not None:
            where.append(f"{column} {op} ?")
            params.append(value)
    if actor:
        where.append("(e.actor1 LIKE ? OR e.actor2 LIKE ?)")
        params += [f"%{actor}%", f"%{actor}%"]
    if source:  # part of a source's name or address, as the event's sources list them
        where.append("e.sources LIKE ?")
        params.append(f"%{source}%")
    if disputed is not None:
        where.append("e.disputed = ?" if disputed else "coalesce(e.disputed, 0) = ?")
        params.append(1 if disputed else 0)
    if bbox is not None and postgis:  # the expression of store/postgres.py's events_point index
        where.append("ST_SetSRID(ST_MakePoint(e.longitude, e.latitude), 4326) && ST_MakeEnvelope(?, ?, ?, ?, 4326)")
        params += [float(v) for v in bbox]
    elif bbox is not None:
        where.append("e.longitude BETWEEN ? AND ? AND e.latitude BETWEEN ? AND ?")
        params += [bbox[0], bbox[2], bbox[1], bbox[3]]
    return where, params


def _nulls_as_sqlite(db, direction: str) -> str:
    """SQLite sorts NULL before every value; PostgreSQL after, unless told."""
    if db.dialect != "postgresql":
        return ""
    return " NULLS LAST" if direction == "DESC" else " NULLS FIRST"


def events(db: sqlite3.Connection, *, ids: list[str] | None = None, limit: int | None = None,
           after: tuple | None = None, order: str = "-date", **filters) -> list[dict[str, Any]]:
    """Merged events (imported ones too), newest first (or by ``order``, see ``ORDERS``), each
    with ``articles``: the ids of the articles that report it, oldest report first (filters:
    see ``event_filters``). ``after``: the (sort value, id) of the previous page's last event."""
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}; choose from {', '.join(ORDERS)}")
    key, value, direction = ORDERS[order]
    where, params = event_filters(postgis=db.postgis, **filters)
    if ids is not None:
        where.append(f"e.id IN ({','.join('?' * len(ids))})")
        params += list(ids)
    if after is not None:
        beyond = "<" if direction == "DESC" else ">"
        where.append(f"({value} {beyond} ? OR ({value} = ? AND e.id > ?))")
        params += [after[0], after[0], after[1]]
    # PostgreSQL orders an aggregate's input only when told; SQLite keeps the subquery's order.
    joined = ("string_agg(article_id, ',' ORDER BY first, k)" if db.dialect == "postgresql"
              else "group_concat(article_id)")
    sql = (
        f"SELECT e.*, (SELECT {joined} FROM (SELECT r.article_id, coalesce(min(a.published), '') AS first, "
        "min(a.rowid) AS k FROM event_reports r JOIN articles a ON a.id = r.article_id WHERE r.event_id = e.id "
        "GROUP BY r.article_id ORDER BY first, k) AS reporting) AS articles FROM events e"
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY {key} {direction}{_nulls_as_sqlite(db, direction)}, e.id"
    )
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [_event_dict(row) for row in db.execute(sql, params)]


def merges_since(db: sqlite3.Connection, since: str | None, limit: int = 10_000) -> list[dict[str, Any]]:
    """Event ids merged into others (``merged_into``, detail ``into``) or dropped since a time:
    what a mirror must redirect or delete."""
    sql = ("SELECT h.event_id AS id, h.at, h.change, h.detail FROM event_history h "
           "WHERE h.change IN ('merged_into', 'dropped')" + (" AND h.at >= ?" if since else "") + " ORDER BY h.at LIMIT ?")
    rows = db.execute(sql, ([since] if since else []) + [limit])
    return [{**dict(r), "detail": json.loads(r["detail"]) if r["detail"] else None} for r in rows]


def claims(
    db: sqlite3.Connection,
    *,
    speaker: str | None = None,
    stance: str | None = None,
    text: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    where, params = [], []
    if speaker:
        where.append("(c.speaker_name LIKE ? OR c.speaker_text LIKE ?)")
        params += [f"%{speaker}%", f"%{speaker}%"]
    if stance:
        where.append("c.stance = ?")
        params.append(stance)
    if text:
        where.append("c.content LIKE ?")
        params.append(f"%{text}%")
    if since:
        where.append("coalesce(c.date, a.published) >= ?")
        params.append(since)
    if until:
        # published may carry a time ("2023-08-09T04:15:00+00:00"): compare the day only.
        where.append("substr(coalesce(c.date, a.published), 1, 10) <= ?")
        params.append(until)
    sql = (
        "SELECT c.*, a.title AS article_title, a.published AS article_published "
        "FROM claims c JOIN articles a ON a.id = c.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY coalesce(c.date, a.published) DESC, c.article_id, c.ordinal"
    )
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    out = []
    for row in db.execute(sql, params):
        d = json.loads(row["data"])
        d.update(article_id=row["article_id"], article_title=row["article_title"],
                 article_published=row["article_published"])
        out.append(d)
    return out


def load_extraction(db: sqlite3.Connection, article_id: str, place_columns) -> dict[str, list[dict]]:
    """The stored extraction of one article, in the JSONL output shape."""
    events = [
        json.loads(r[0]) for r in db.execute(
            "SELECT data FROM event_reports WHERE article_id = ? ORDER BY ordinal", (article_id,)
        )
    ]
    places = [
        {c: r[c] for c in place_columns}
        for r in db.execute("SELECT * FROM places WHERE article_id = ? ORDER BY id", (article_id,))
    ]
    stats = [
        dict(r) for r in db.execute(
            """SELECT quantity, quantity_text, counted, period_start, period_end, place
               FROM statistics WHERE article_id = ? ORDER BY ordinal""", (article_id,)
        )
    ]
    claims = [
        json.loads(r[0]) for r in db.execute(
            "SELECT data FROM claims WHERE article_id = ? ORDER BY ordinal", (article_id,)
        )
    ]
    incidents = [
        json.loads(r[0]) for r in db.execute(
            "SELECT data FROM other_incidents WHERE article_id = ? ORDER BY ordinal", (article_id,)
        )
    ]
    return {"events": events, "places": places, "statistics": stats, "claims": claims,
            "other_incidents": incidents}


def summary(db: sqlite3.Connection, top: int = 5) -> dict[str, Any]:
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    busiest = db.execute(
        """SELECT admin1, admin2, count(*) AS events, coalesce(sum(fatalities), 0) AS fatalities
           FROM events WHERE admin2 IS NOT NULL GROUP BY admin1, admin2
           ORDER BY events DESC, fatalities DESC, admin2 LIMIT ?""",
        (top,),
    ).fetchall()
    by_type = db.execute(
        "SELECT event_type, count(*) FROM events GROUP BY event_type ORDER BY count(*) DESC"
    ).fetchall()
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "superseded_versions": one("SELECT count(*) FROM articles WHERE superseded_by IS NOT NULL"),
        "articles_extracted": one("SELECT count(*) FROM articles WHERE extracted_at IS NOT NULL"),
        "publishers": one("SELECT count(*) FROM publishers"),
        "events": one("SELECT count(*) FROM events"),
        "fatalities": one("SELECT coalesce(sum(fatalities), 0) FROM events"),
        "claims": one("SELECT count(*) FROM claims"),
        "statistics": one("SELECT count(*) FROM statistics"),
        "other_incidents": one("SELECT count(*) FROM other_incidents"),
        "places": one("SELECT count(DISTINCT coalesce(CAST(geonameid AS TEXT), name)) FROM places WHERE name IS NOT NULL"),
        "first_event": one("SELECT min(date) FROM events"),
        "last_event": one("SELECT max(date) FROM events"),
        "events_by_type": {r[0]: r[1] for r in by_type},
        "busiest_districts": [dict(r) for r in busiest],
    }
