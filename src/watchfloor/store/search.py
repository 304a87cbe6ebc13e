"""Full-text search over stored articles, in each backend's own engine: SQLite's FTS5 table,
PostgreSQL's text search over an expression index (store/postgres.py). Either way the
query is words, never search syntax."""

from __future__ import annotations

from typing import Any

from .postgres import fts_document


def words(query: str) -> list[str]:
    return [t for t in query.replace('"', " ").split() if t]


def articles(db, query: str, limit: int = 20) -> list[dict[str, Any]]:
    terms = words(query)
    if not terms:
        return []
    if db.dialect == "postgresql":
        return _postgres(db, " ".join(terms), limit)
    match = " ".join(f'"{t}"' for t in terms)  # each word a quoted phrase: no operators
    rows = db.execute(
        """SELECT a.id, a.title, a.published, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet
           FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
           WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?""",
        (match, limit),
    ).fetchall()
    return [dict(r) for r in rows]


def _postgres(db, text: str, limit: int) -> list[dict[str, Any]]:
    # plainto_tsquery reads words and ignores operators; the document expression is the
    # indexed one, so the GIN index answers the match.
    rows = db.execute(
        f"""SELECT a.id, a.title, a.published,
                  ts_headline('simple', a.text, q, 'StartSel=[, StopSel=], MaxWords=12, MinWords=4') AS snippet
           FROM articles a, plainto_tsquery('simple', ?) q
           WHERE {fts_document('a.')} @@ q
           ORDER BY ts_rank({fts_document('a.')}, q) DESC, a.rowid
           LIMIT ?""",
        (text, limit),
    ).fetchall()
    return [dict(r) for r in rows]
