"""The ledger kept as claims arrive: each new claim joins a stored proposition or starts one.

``build_ledger`` (analyze/ledger.py) regroups a list of claims from scratch, comparing every
claim with every group. Kept up to date in the store, the same rules run on a handful of
candidates instead: the propositions that share one of the claim's concept terms (an index in
the store), and of each only its most recent members. Term weights come from the document
frequencies of the claims stored so far. Pure functions; service.py hands them what the store
returns and writes back what they decide.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

from .ledger import (CONCEPTS, NOT_PROPOSITIONS, _sides, _speakers, _when, key_terms, proposition_label, similarity,
                     speaker_name, top_terms)

THRESHOLD = 0.4
MIN_TERMS = 2
PRIOR_CLAIMS = 400


def groupable(claim: dict[str, Any]) -> set[str] | None:
    """The claim's key terms, or None when it stays out of the ledger (an endorsement, an
    impression, or too few terms to state anything)."""
    if claim.get("cue_class") in NOT_PROPOSITIONS:
        return None
    terms = key_terms((claim.get("content") or {}).get("text", ""))
    return terms if len(terms) >= MIN_TERMS else None


def weights(df: dict[str, int], total: int) -> dict[str, float]:
    # A prior of PRIOR_CLAIMS unseen claims keeps the first claims of a new store from weighing
    # every term alike.
    return {t: math.log(1 + max(total, 1) / n) for t, n in df.items() if n}


def new_proposition_id(article_id: str, ordinal: int) -> str:
    return "p" + hashlib.sha256(f"{article_id}:{ordinal}".encode()).hexdigest()[:16]


def place(terms: set[str], candidates: dict[str, list[set[str]]], idf: dict[str, float], new_id: str) -> str:
    """Join the candidate holding the most similar member (at least THRESHOLD), or start
    ``new_id``."""
    best, best_score = None, THRESHOLD
    for pid, members in sorted(candidates.items()):
        score = max((similarity(terms, m, idf) for m in members), default=0.0)
        if score >= best_score:
            best, best_score = pid, score
    return best or new_id


def index_terms(terms: set[str]) -> set[str]:
    """The terms a candidate must share one of: its concepts (the similarity's gate)."""
    return terms & CONCEPTS


def describe(claims: list[dict[str, Any]], idf: dict[str, float]) -> dict[str, Any]:
    """A stored proposition's summary from its member claims (oldest first; ``key_terms`` on a
    claim saves reading its content again)."""
    terms = [c.get("key_terms") or key_terms((c.get("content") or {}).get("text", "")) for c in claims]
    sides = _sides(claims, terms)
    ranked = top_terms(terms, idf)
    asserted = _speakers(c for c, s in zip(claims, sides) if s == "asserts")
    denied = _speakers(c for c, s in zip(claims, sides) if s != "asserts")
    dates = [d for d in (_when(c) for c in claims) if d]
    return {
        "label": proposition_label(claims, terms, sides, idf), "terms": ranked, "sides": sides,
        "asserted_by": asserted, "denied_by": denied, "contested": bool(asserted and denied),
        "speakers": len({speaker_name(c) for c in claims}), "claim_count": len(claims),
        "first": min(dates, default=None), "last": max(dates, default=None),
    }
