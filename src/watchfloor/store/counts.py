"""Daily counts of merged events for trends and surges: filters and group columns in, one row
per day and group out. Counting happens in SQL so a store of a million events returns days,
not events."""

from __future__ import annotations

import sqlite3
from typing import Any

from .queries import event_filters

# What events can be grouped by; "actor" counts an event once under each of its two actors.
GROUP_COLUMNS = ("country", "admin1", "admin2", "event_type", "sub_event_type", "actor")


def event_counts(db: sqlite3.Connection, *, group: tuple[str, ...] = (), since: str | None = None,
                 until: str | None = None, country: str | None = None, admin1: str | None = None,
                 admin2: str | None = None, event_type: str | None = None, actor: str | None = None,
                 origin: str | None = None, with_ids: bool = False) -> list[dict[str, Any]]:
    """Rows of ``day``, each group column, ``events``, ``fatalities`` (ACLED's conservative
    figure, unknown as 0) and, with ``with_ids``, ``ids`` (the day's event ids)."""
    unknown = [g for g in group if g not in GROUP_COLUMNS]
    if unknown:
        raise ValueError(f"cannot group events by {unknown[0]!r}; choose from {', '.join(GROUP_COLUMNS)}")
    where, params = event_filters(since=since, until=until, country=country, admin1=admin1, admin2=admin2,
                                  event_type=event_type, actor=actor, origin=origin)
    where.insert(0, "e.date IS NOT NULL")
    source = "events e"
    columns = [g for g in group if g != "actor"]
    if "actor" in group:
        # one row per (event, actor): an event between two actors counts for each
        source = ("(SELECT e.*, e.actor1 AS actor FROM events e UNION ALL "
                  "SELECT e.*, e.actor2 AS actor FROM events e WHERE e.actor2 IS NOT NULL) e")
        columns.append("actor")
    keys = "".join(f", e.{c} AS {c}" for c in columns)
    ids = ", group_concat(e.id) AS ids" if with_ids else ""
    sql = (f"SELECT substr(e.date, 1, 10) AS day{keys}, count(*) AS events, "
           f"coalesce(sum(e.fatalities), 0) AS fatalities{ids} FROM {source} WHERE {' AND '.join(where)} "
           f"GROUP BY day{''.join(', ' + c for c in columns)} "
           f"ORDER BY day{''.join(f', coalesce({c}, {chr(39) * 2})' for c in columns)}")  # unknown first, on both backends
    rows = []
    for row in db.execute(sql, params):
        d = dict(row)
        if with_ids:
            d["ids"] = d["ids"].split(",") if d["ids"] else []
        rows.append(d)
    return rows


def article_counts(db: sqlite3.Connection, *, since: str | None = None, until: str | None = None) -> list[dict]:
    """Articles stored per publication day (syndicated copies included): reporting volume."""
    where, params = ["published IS NOT NULL"], []
    if since:
        where.append("published >= ?")
        params.append(since)
    if until:
        where.append("substr(published, 1, 10) <= ?")
        params.append(until)
    sql = (f"SELECT substr(published, 1, 10) AS day, count(*) AS articles FROM articles "
           f"WHERE {' AND '.join(where)} GROUP BY day ORDER BY day")
    return [dict(r) for r in db.execute(sql, params)]


FACET_COLUMNS = ("country", "admin1", "admin2", "event_type", "sub_event_type", "origin", "disorder_type", "actor1")


def facet_counts(db: sqlite3.Connection, field: str, *, limit: int = 50, **filters) -> list[dict[str, Any]]:
    """Events and fatalities per value of one column, most events first, under the same filters
    as the event list."""
    if field not in FACET_COLUMNS:
        raise ValueError(f"cannot count events by {field!r}; choose from {', '.join(FACET_COLUMNS)}")
    where, params = event_filters(postgis=db.postgis, **filters)
    sql = (f"SELECT e.{field} AS value, count(*) AS events, coalesce(sum(e.fatalities), 0) AS fatalities "
           f"FROM events e{' WHERE ' + ' AND '.join(where) if where else ''} GROUP BY e.{field} "
           "ORDER BY events DESC, value LIMIT ?")
    return [dict(r) for r in db.execute(sql, [*params, limit])]


def actor_counts(db: sqlite3.Connection, needle: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Actors by the events they are in (as either side), most first; ``needle``: part of the name."""
    where, params = ("WHERE actor LIKE ?", [f"%{needle}%"]) if needle else ("", [])
    sql = ("SELECT actor AS name, count(*) AS events, coalesce(sum(fatalities), 0) AS fatalities FROM ("
           "SELECT actor1 AS actor, fatalities FROM events WHERE actor1 IS NOT NULL UNION ALL "
           f"SELECT actor2, fatalities FROM events WHERE actor2 IS NOT NULL) {where} "
           "GROUP BY actor ORDER BY events DESC, name LIMIT ?")
    return [dict(r) for r in db.execute(sql, [*params, limit])]


def place_counts(db: sqlite3.Connection, needle: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Places the articles name (one row per gazetteer place), most mentioned first."""
    where, params = ("AND name LIKE ?", [f"%{needle}%"]) if needle else ("", [])
    # Each column of a place's rows through an aggregate (the same for a gazetteer place): both
    # backends accept it, and the row shown does not depend on which mention came first.
    shown = ", ".join(f"min({c}) AS {c}" for c in "name admin2 admin1 country geonameid latitude longitude feature".split())
    sql = (f"SELECT {shown}, count(*) AS mentions, count(DISTINCT article_id) AS articles, "
           "sum(CASE WHEN role = 'event' THEN 1 ELSE 0 END) AS as_event_place FROM places "
           f"WHERE name IS NOT NULL {where} GROUP BY coalesce(CAST(geonameid AS TEXT), name) "
           "ORDER BY mentions DESC, name, geonameid NULLS FIRST LIMIT ?")
    return [dict(r) for r in db.execute(sql, [*params, limit])]
