"""Syndicated copies: the same wire text re-posted by another site, with its own headline,
boilerplate and trimming.

A text's MinHash signature over word shingles estimates the Jaccard similarity of two texts;
locality-sensitive hashing cuts the signature into bands, and two texts that share any band
bucket are candidates. The store keeps the buckets in an index, so finding the candidates of
a new article is a handful of indexed lookups however many articles are stored; no pairwise
scan ever runs.

Similar text is not the same report: agencies and armies write many incidents from one
template ("a blast in X killed N"). A candidate is a copy only when the estimated similarity
is high *and* the two ledes state the same figures and names (``lede_facts``). A copy adds a
source to its original's events; it never stands in for event merging (merge/cluster.py).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: a pair with Jaccard 0.5 shares a band 87% of the time, 0.6: 99%
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
LEDE_WORDS = 60
WIDE_WORDS = 100  # a re-poster's dateline or credit shifts the lede by a few words

_WORD = re.compile(r"\w+", re.UNICODE)
# A dateline ("MAIDUGURI, Nigeria —", "KONDUGA (NNA) -"): re-posters replace it with their own.
_DATELINE = re.compile(r"^\s*[A-Z][\w'.]*(?:[ ,]+[\w'.()]+){0,6}?\s*[—–-]{1,2}\s", re.UNICODE)
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds dozen dozens".split()
)


@dataclass(frozen=True)
class Fingerprint:
    """What the store keeps of an article to find its copies."""

    signature: bytes  # NUM_PERM uint32 MinHash values
    buckets: tuple[int, ...]  # one signed 63-bit key per band (band number mixed in)
    facts: str  # word count, then the opening's figures and capitalised words (lede_facts)


def _shingles(words: list[str]) -> list[bytes]:
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)]


def lede_facts(text: str) -> str:
    """The figures (digits and number words) and capitalised words of the first WIDE_WORDS
    words, as "position:word" tokens after the text's word count: the who, where and how many
    that a template changes from one incident to the next. Lines before the story that are
    not sentences (a breadcrumb, a kicker) and a leading dateline are skipped: a re-poster
    adds or replaces them."""
    lines = text.strip().split("\n")
    while len(lines) > 1 and _not_a_sentence(lines[0]):
        lines.pop(0)
    text = "\n".join(lines).lstrip()
    head = _DATELINE.match(text[:120])
    if head and head.group().split()[0].rstrip(",").isupper():
        text = text[head.end():]
    words = _WORD.findall(text)
    facts = [f"{i}:{w.casefold()}" for i, w in enumerate(words[:WIDE_WORDS])
             if w.isdigit() or w.casefold() in _NUMBER_WORDS or (w[:1].isupper() and len(w) > 1)]
    return " ".join([str(len(words)), *facts])


def _not_a_sentence(line: str) -> bool:
    line = line.strip()
    return not line or (len(line.split()) < 10 and not line.endswith((".", "!", "?", '"', "\u201d")))


def _window(facts: str, words: int) -> set[str]:
    count, *tokens = facts.split()
    return {t.split(":", 1)[1] for t in tokens if int(t.split(":", 1)[0]) < words}


def _bucket(band: int, values: np.ndarray) -> int:
    digest = hashlib.blake2b(values.tobytes(), digest_size=8, person=band.to_bytes(2, "big") * 8).digest()
    return int.from_bytes(digest, "big") >> 1  # SQLite integers are signed 64-bit


def fingerprint(text: str) -> Fingerprint:
    words = [w.casefold() for w in _WORD.findall(text)]
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch(_shingles(words))
    values = np.asarray(mh.digest(), dtype=np.uint32)
    buckets = tuple(_bucket(b, values[b * ROWS:(b + 1) * ROWS]) for b in range(BANDS))
    return Fingerprint(values.tobytes(), buckets, lede_facts(text))


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal MinHash values."""
    va, vb = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.mean(va == vb)) if len(va) == len(vb) and len(va) else 0.0


def same_lede(a: str, b: str, *, added: int = 2) -> bool:
    """One lede's figures and names are all found near the start of the other, which may add
    ``added`` of its own (a re-poster's credit). A re-post adds words; a template reused for
    another incident substitutes them (another town, another toll), and each side then has a
    word the other lacks. The lede is the first LEDE_WORDS words, or the shorter text whole."""
    if not a or not b:
        return False
    lede = min(LEDE_WORDS, int(a.split()[0]), int(b.split()[0]))
    only_a = len(_window(a, lede) - _window(b, lede + WIDE_WORDS - LEDE_WORDS))
    only_b = len(_window(b, lede) - _window(a, lede + WIDE_WORDS - LEDE_WORDS))
    return min(only_a, only_b) == 0 and max(only_a, only_b) <= added


@dataclass(frozen=True)
class Candidate:
    article_id: str
    signature: bytes
    facts: str


def find_original(print_: Fingerprint, candidates: list[Candidate], threshold: float) -> str | None:
    """The stored article ``print_`` is a copy of, or None: the most similar candidate at or
    above ``threshold`` whose lede agrees."""
    best, best_score = None, threshold
    for cand in candidates:
        score = similarity(print_.signature, cand.signature)
        if score >= best_score and same_lede(print_.facts, cand.facts):
            best, best_score = cand.article_id, score
    return best
