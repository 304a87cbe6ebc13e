"""The stored claims ledger as it grows: the ledger query, and adding 1,000 claims.

A store is filled to 10,000, 100,000 and 1,000,000 claims (``--sizes``). The filler is
synthetic: claims written straight into the tables, in propositions of 2 to 8 claims whose
terms are drawn from a vocabulary with the ledger's concept terms, with the concept index and
term counts the real path keeps. At each size:

- the ledger query (``Store.ledger(limit=50)``: the 50 most discussed propositions with their
  claims) is timed, median of ``--repeat`` runs;
- 1,000 new claims (100 articles of 10) go through the real path, ``save_extraction`` then
  ``service.group_claims`` (candidates from the index, placement, descriptions), timed per
  batch of 1,000.

    .venv/bin/python benchmarks/ledger_scale.py [--sizes 10000,100000,1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from watchfloor.analyze.ledger import CONCEPTS
from watchfloor.models import Article, Claim, Extraction
from watchfloor.normalize import article_id, content_hash
from watchfloor.service import group_claims
from watchfloor.store import Store

# News vocabulary is large and skewed: a few words in every story, most words rare. Made-up
# words ("w1234") drawn with Zipf weights stand in for it.
WORDS = [f"w{i}" for i in range(20_000)]
ZIPF = [1 / (i + 1) for i in range(len(WORDS))]
CONCEPT_WORDS = ["weapons", "left", "shelter", "withdraw", "removed", "American", "increased", "decreased"]


def fill(store: Store, start: int, stop: int, rng: random.Random) -> None:
    """Synthetic claims start..stop-1 in synthetic propositions, written straight to the tables."""
    db = store.db
    concepts = sorted(CONCEPTS)
    db.execute("BEGIN")
    n = start
    while n < stop:
        art = f"s{n}"
        db.execute("INSERT INTO articles(id, content_hash, text, published, ingested_at) VALUES (?,?,?,?,?)",
                   (art, "h" + art, "synthetic", "2024-01-01", "2024-01-01"))
        size = min(rng.randint(2, 8), stop - n)
        pid = f"ps{n}"
        own = rng.sample(concepts, 2)
        terms_of = []
        for k in range(size):
            terms = set(rng.choices(WORDS, ZIPF, k=5)) | set(own)
            text = " ".join(sorted(terms))
            data = json.dumps({"speaker": {"text": f"speaker {k}", "entity": {"name": f"speaker {k}"}},
                               "cue": {"text": "said", "start": k}, "content": {"text": text, "spans": [[0, 1]]},
                               "kind": "indirect", "stance": "asserts" if k % 3 else "denies", "cue_class": "report"})
            cur = db.execute("INSERT INTO claims(article_id, ordinal, cue, content, kind, stance, data) "
                             "VALUES (?,?,?,?,?,?,?)", (art, k, "said", text, "indirect", "asserts", data))
            db.execute("INSERT INTO proposition_claims(claim_id, proposition_id, terms) VALUES (?,?,?)",
                       (cur.lastrowid, pid, text))
            terms_of.append(terms)
        db.executemany("INSERT INTO proposition_terms(term, proposition_id, updated) VALUES (?,?,?) "
                       "ON CONFLICT DO NOTHING", [(t, pid, n) for t in set().union(*terms_of)])
        db.execute("INSERT INTO propositions(id, label, terms, speakers, contested, claim_count) VALUES (?,?,?,?,?,?)",
                   (pid, f"synthetic statement {n}", json.dumps(own), size, int(size > 2), size))
        n += size
    counts: dict[str, int] = {}
    for (text,) in db.execute("SELECT terms FROM proposition_claims WHERE claim_id > ?", (start,)):
        for t in text.split():
            counts[t] = counts.get(t, 0) + 1
    counts["#claims"] = stop - start
    db.executemany("INSERT INTO ledger_terms(term, claims) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET "
                   "claims = claims + excluded.claims", list(counts.items()))
    db.execute("COMMIT")


def add_real(store: Store, rng: random.Random, batch: int) -> float:
    """1,000 claims (100 articles of 10) through save_extraction and group_claims."""
    t0 = time.perf_counter()
    for a in range(100):
        text = f"Article {batch}-{a}: " + " ".join(rng.choices(WORDS, ZIPF, k=12))
        h = content_hash(text)
        art = Article(text=text, content_hash=h, id=article_id(h), title=text[:20], published="2024-02-01")
        store.add_articles([art])
        claims = [Claim(speaker={"text": f"official {k}", "entity": {"name": f"official {k}"}},
                        cue={"text": "said", "start": k, "end": k + 4},
                        content={"text": " ".join(rng.choices(WORDS, ZIPF, k=6) + rng.sample(CONCEPT_WORDS, 2)),
                                 "spans": [[0, 1]]},
                        stance=rng.choice(["asserts", "denies"])) for k in range(10)]
        with store.transaction():
            store.save_extraction(art.id, Extraction(claims=claims), "bench")
            group_claims(store, art.id)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "ledger.db") as store:
        stored = 0
        print(f"{'claims':>10} {'ledger query ms':>16} {'add 1,000 claims s':>19} {'fill s':>7}")
        for batch, size in enumerate(int(s) for s in args.sizes.split(",")):
            t0 = time.perf_counter()
            fill(store, stored, size, rng)
            filled = time.perf_counter() - t0
            stored = store.db.execute("SELECT count(*) FROM claims").fetchone()[0]
            query = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                rows = store.ledger(limit=50, claims_each=50)
                query.append(time.perf_counter() - t0)
            assert len(rows) == 50
            added = add_real(store, rng, batch)
            stored = store.db.execute("SELECT count(*) FROM claims").fetchone()[0]
            print(f"{size:>10} {statistics.median(query) * 1000:>16.1f} {added:>19.2f} {filled:>7.0f}")


if __name__ == "__main__":
    main()
