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


def event_filters(*, since: str | None = None, until: str | None = None, country: str | None = None,
                  admin1: str | None = None, admin2: str | None = None, event_type: str | None = None,
                  actor: str | None = None, origin: str | None = None) -> tuple[list[str], list]:
    """WHERE terms and parameters over ``events e`` for the filters every event query takes."""
    where, params = [], []
    for column, op, value in (
        ("e.date", ">=", since), ("e.date", "<=", until), ("e.country", "=", country), ("e.admin1", "=", admin1),
        ("e.admin2", "=", admin2), ("e.event_type", "=", event_type), ("e.origin", "=", origin),
    ):
        if value is not None:
            where.append(f"{column} {op} ?")
            params.append(value)
    if actor:
        where.append("(e.actor1 LIKE ? OR e.actor2 LIKE ?)")
        params += [f"%{actor}%", f"%{actor}%"]
    return where, params


def events(db: sqlite3.Connection, *, ids: list[str] | None = None, limit: int | None = None,
           **filters: str | None) -> list[dict[str, Any]]:
    """Merged events (imported ones too), newest first, each with ``articles``: the ids of the
    articles that report it, oldest report first (filters: see ``event_filters``)."""
    where, params = event_filters(**filters)
    if ids is not None:
        where.append(f"e.id IN ({','.join('?' * len(ids))})")
        params += list(ids)
    sql = (
        "SELECT e.*, (SELECT group_concat(article_id) FROM (SELECT DISTINCT r.article_id FROM event_reports r "
        "JOIN articles a ON a.id = r.article_id WHERE r.event_id = e.id ORDER BY a.published, a.rowid)) "
        "AS articles FROM events e"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY e.date DESC, e.id"
    )
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [_event_dict(row) for row in db.execute(sql, params)]


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
