"""Versions of one page: an updated article at the same URL replaces the one stored before.

News pages are edited after publication (a toll of 3 becomes 5). Each version is kept, but
only the current one counts: its extraction is the page's, and an older version's extraction
is removed so nothing is counted twice. Which version is current: the one with the later
publication date when both carry one and they differ, else the one stored last.
"""

from __future__ import annotations

import sqlite3
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that mark a visit, not a page: links to one page differ only in these.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")

def url_key(url: str | None) -> str | None:
    """One key for the links to one page: scheme and host in lower case, no default port, no
    fragment, no tracking parameters, no trailing slash."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url.strip()
    if not host:
        return url.strip()
    scheme = parts.scheme.lower()
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(_TRACKING)])
    return urlunsplit((scheme, host, parts.path.rstrip("/") or "/", query, ""))


def _newer(published: str | None, other_published: str | None) -> bool:
    """Is a version published on ``published`` newer than one published on ``other_published``?
    Only a later date says so; without two dates, the version stored last is newer."""
    if published and other_published and published[:19] != other_published[:19]:
        return published[:19] > other_published[:19]
    return True


def link_versions(db: sqlite3.Connection, article_id: str, key: str | None,
                  published: str | None) -> tuple[bool, list[str]]:
    """Place a just-inserted article among the stored versions of its page (inside the caller's
    transaction). Returns whether it is the current version, and the ids it superseded, whose
    extractions the caller removes."""
    if key is None:
        return True, []
    rows = db.execute("SELECT id, published FROM articles WHERE url_key = ? AND superseded_by IS NULL "
                      "AND id != ?", (key, article_id)).fetchall()
    superseded = []
    for other_id, other_published in rows:
        if _newer(published, other_published):
            superseded.append(other_id)
        else:  # an older version arriving late: history from the start
            db.execute("UPDATE articles SET superseded_by = ? WHERE id = ?", (other_id, article_id))
            return False, []
    for other_id in superseded:
        db.execute("UPDATE articles SET superseded_by = ? WHERE id = ?", (article_id, other_id))
        db.execute("UPDATE articles SET superseded_by = ? WHERE superseded_by = ?", (article_id, other_id))
    return True, superseded


def history(db: sqlite3.Connection, url: str) -> list[dict]:
    """Every stored version of the page at ``url``, oldest first, the current one marked."""
    rows = db.execute(
        """SELECT id, title, published, ingested_at, superseded_by IS NULL AS current,
                  length(text) AS characters FROM articles WHERE url_key = ?
           ORDER BY current, coalesce(published, ''), ingested_at, rowid""", (url_key(url),)).fetchall()
    return [dict(r) | {"current": bool(r["current"])} for r in rows]
