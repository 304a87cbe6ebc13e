"""Deleting an article and what only it supported: its extraction, the events no other article
reports (recorded as dropped), its place in the copy index. Its syndicated copies and the
older versions of its page become plain stored articles again, to be extracted on their own."""

from __future__ import annotations

import sqlite3


def delete_article(db: sqlite3.Connection, article_id: str, drop_extraction) -> set[str] | None:
    """Delete one article (inside the caller's transaction); the events its reports were in,
    or None when no such article is stored. ``drop_extraction(article_id)`` removes its
    reports and what hangs off them, dropping the events only it reported."""
    row = db.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    touched = set(drop_extraction(article_id).values())
    # copies and older versions pointed at it: they stand alone now, waiting to be extracted
    db.execute("UPDATE articles SET copy_of = NULL, extracted_at = NULL, extractor_version = NULL "
               "WHERE copy_of = ?", (article_id,))
    db.execute("UPDATE articles SET superseded_by = NULL, extracted_at = NULL, extractor_version = NULL "
               "WHERE superseded_by = ?", (article_id,))
    db.execute("DELETE FROM article_buckets WHERE article_rowid = ?", (row[0],))
    db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    return {e for e in touched if db.execute("SELECT 1 FROM events WHERE id = ?", (e,)).fetchone()}
