"""The SQL of the stored claims ledger: a new claim's candidate propositions (by concept term,
most recently updated first), term frequencies, membership, and the ledger query itself."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

_CLAIM_SQL = """SELECT c.id, c.article_id, c.ordinal, c.data, a.title AS article_title, a.published AS article_published
                FROM claims c JOIN articles a ON a.id = c.article_id"""


def _claim(row: sqlite3.Row) -> dict[str, Any]:
    d = json.loads(row["data"])
    d.update(claim_id=row["id"], article_id=row["article_id"], ordinal=row["ordinal"],
             article_title=row["article_title"], article_published=row["article_published"])
    return d


def article_claims(db: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    return [_claim(r) for r in db.execute(_CLAIM_SQL + " WHERE c.article_id = ? ORDER BY c.ordinal", (article_id,))]


def propositions_of(db: sqlite3.Connection, article_id: str) -> set[str]:
    return {r[0] for r in db.execute(
        "SELECT DISTINCT pc.proposition_id FROM proposition_claims pc JOIN claims c ON c.id = pc.claim_id "
        "WHERE c.article_id = ?", (article_id,))}


def candidates(db: sqlite3.Connection, terms: set[str], concepts: set[str], props: int = 200,
               members: int = 10, keep: int = 50) -> dict[str, list[set[str]]]:
    """Propositions that hold two of ``terms``, one of them among ``concepts`` (what the
    ledger's similarity needs before it compares), found through the term index: for each term
    the ``props`` propositions that used it last. Each comes with the terms of its ``members``
    most recent claims. Only the ``keep`` sharing most terms are compared: the work per claim
    stays bounded however many claims are stored."""
    if not concepts:
        return {}
    hits: dict[str, set[str]] = {}
    for term in sorted(terms):
        for (pid,) in db.execute(
                "SELECT proposition_id FROM proposition_terms WHERE term = ? ORDER BY updated DESC, proposition_id LIMIT ?", (term, props)):
            hits.setdefault(pid, set()).add(term)
    out: dict[str, list[set[str]]] = {}
    eligible = [(len(found), pid) for pid, found in hits.items() if len(found) >= 2 and found & concepts]
    for _, pid in sorted(eligible, key=lambda e: (-e[0], e[1]))[:keep]:
        rows = db.execute("SELECT terms FROM proposition_claims WHERE proposition_id = ? ORDER BY claim_id DESC LIMIT ?",
                          (pid, members)).fetchall()
        out[pid] = [set(r[0].split()) for r in rows]
    return out


_TOTAL = "#claims"  # the row of ledger_terms that counts every grouped claim (no term has a "#")


def frequencies(db: sqlite3.Connection, terms: set[str]) -> tuple[dict[str, int], int]:
    """How many grouped claims hold each term, and how many claims are grouped."""
    row = db.execute("SELECT claims FROM ledger_terms WHERE term = ?", (_TOTAL,)).fetchone()
    total = row[0] if row else 0
    if not terms:
        return {}, total
    marks = ",".join("?" * len(terms))
    df = {r[0]: r[1] for r in db.execute(f"SELECT term, claims FROM ledger_terms WHERE term IN ({marks})", tuple(terms))}
    return df, total


def add_member(db: sqlite3.Connection, claim_id: int, proposition_id: str, terms: set[str], index: set[str],
               stamp: int) -> None:
    """``index``: the terms to find the proposition by (all of the claim's)."""
    db.execute("INSERT INTO proposition_claims(claim_id, proposition_id, side, terms) VALUES (?,?,'asserts',?) "
               "ON CONFLICT(claim_id) DO UPDATE SET proposition_id = excluded.proposition_id, side = excluded.side, "
               "terms = excluded.terms",
               (claim_id, proposition_id, " ".join(sorted(terms))))
    db.executemany("INSERT INTO ledger_terms(term, claims) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET claims = ledger_terms.claims + 1",
                   [(t,) for t in [_TOTAL, *sorted(terms)]])
    db.executemany("INSERT INTO proposition_terms(term, proposition_id, updated) VALUES (?,?,?) "
                   "ON CONFLICT(term, proposition_id) DO UPDATE SET updated = excluded.updated",
                   [(t, proposition_id, stamp) for t in sorted(index)])
    db.execute("INSERT INTO propositions(id, label) VALUES (?, '') ON CONFLICT(id) DO NOTHING", (proposition_id,))


def members(db: sqlite3.Connection, proposition_id: str, limit: int = 200) -> list[dict[str, Any]]:
    """A proposition's claims, oldest first; of a larger one, the first and the latest
    ``limit // 2`` (its label comes from how it began, its sides and speakers from both ends)."""
    base = (_CLAIM_SQL.replace("SELECT ", "SELECT pc.terms AS key_terms, ", 1)
            + " JOIN proposition_claims pc ON pc.claim_id = c.id WHERE pc.proposition_id = ? ")
    first = db.execute(base + "ORDER BY coalesce(c.date, a.published), c.id LIMIT ?", (proposition_id, limit)).fetchall()
    if len(first) == limit:
        half = limit // 2
        latest = db.execute(base + "ORDER BY c.id DESC LIMIT ?", (proposition_id, half)).fetchall()
        seen = {r["id"] for r in first[:half]}
        first = first[:half] + sorted((r for r in latest if r["id"] not in seen),
                                      key=lambda r: (r["article_published"] or "", r["id"]))
    return [dict(_claim(r), key_terms=set(r["key_terms"].split())) for r in first]


def save_description(db: sqlite3.Connection, proposition_id: str, d: dict[str, Any], claim_ids: list[int], at: str) -> None:
    if not claim_ids:
        db.execute("DELETE FROM propositions WHERE id = ?", (proposition_id,))
        db.execute("DELETE FROM proposition_terms WHERE proposition_id = ?", (proposition_id,))
        return
    count = db.execute("SELECT count(*) FROM proposition_claims WHERE proposition_id = ?", (proposition_id,)).fetchone()[0]
    db.execute(
        """UPDATE propositions SET label = ?, terms = ?, asserted_by = ?, denied_by = ?, contested = ?, speakers = ?,
               claim_count = ?, first = ?, last = ?, updated_at = ? WHERE id = ?""",
        (d["label"], json.dumps(d["terms"]), json.dumps(d["asserted_by"], ensure_ascii=False),
         json.dumps(d["denied_by"], ensure_ascii=False), int(d["contested"]), d["speakers"], count,
         d["first"], d["last"], at, proposition_id))
    db.executemany("UPDATE proposition_claims SET side = ? WHERE claim_id = ?",
                   [(side, cid) for side, cid in zip(d["sides"], claim_ids)])


def ledger(db: sqlite3.Connection, *, contested: bool = False, needle: str | None = None, limit: int = 50,
           claims_each: int = 50) -> list[dict[str, Any]]:
    """The stored propositions, most discussed first (by distinct speakers, contested first among
    equals), each with up to ``claims_each`` of its claims and their sides."""
    where, params = ["claim_count > 0"], []
    if contested:
        where.append("contested = 1")
    if needle:
        where.append("(label LIKE ? OR terms LIKE ?)")
        params += [f"%{needle}%", f"%{needle}%"]
    rows = db.execute(f"SELECT * FROM propositions WHERE {' AND '.join(where)} "
                      "ORDER BY speakers DESC, contested DESC, label, id LIMIT ?", (*params, limit)).fetchall()
    out = []
    for r in rows:
        claims = db.execute(_CLAIM_SQL + ", proposition_claims pc WHERE pc.claim_id = c.id AND pc.proposition_id = ? "
                            "ORDER BY coalesce(c.date, a.published), c.id LIMIT ?", (r["id"], claims_each)).fetchall()
        sides = {row[0]: row[1] for row in db.execute(
            "SELECT claim_id, side FROM proposition_claims WHERE proposition_id = ?", (r["id"],))}
        out.append({"id": r["id"], "label": r["label"], "terms": json.loads(r["terms"]),
                    "asserted_by": json.loads(r["asserted_by"]), "denied_by": json.loads(r["denied_by"]),
                    "contested": bool(r["contested"]), "claim_count": r["claim_count"], "first": r["first"],
                    "last": r["last"], "claims": [_claim(c) for c in claims],
                    "sides": [sides.get(c["id"], "asserts") for c in claims]})
    return out
