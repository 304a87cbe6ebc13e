"""Finding a new article's syndicated copies: lookup time as the store grows.

A store is filled to 10,000, then 100,000, then 1,000,000 articles (``--sizes``). At each size,
``--probes`` new texts are looked up the way ingest does (``service.find_copy`` without the
write: fingerprint, ``Store.copy_candidates``, ``neardup.find_original``): half are copies of
stored articles (re-posted with a credit line and a trimmed end), half are new stories. The
median time per lookup is printed with its ratio to the smallest size, and every copy must be
found and no new story mistaken for one.

The filler articles are synthetic: rows written straight into the tables with random MinHash
signatures (a random text's signature is uniformly random) and the band buckets computed from
them by ``merge.neardup``; the articles that copies are made of go through ``Store`` for real.
Synthetic text is what the issue allows; what grows is the index the lookup reads.

    .venv/bin/python benchmarks/neardup_lookup.py [--sizes 10000,100000,1000000] [--probes 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from watchfloor.merge import neardup
from watchfloor.models import Article
from watchfloor.normalize import article_id, content_hash, normalize_text
from watchfloor.store import Store

TOWNS = ["Konduga", "Gwoza", "Bama", "Dikwa", "Monguno", "Damboa", "Biu", "Askira", "Mafa", "Ngala"]
VERBS = ["attacked", "raided", "stormed", "ambushed", "bombed"]


def story(rng: random.Random, n: int) -> str:
    town, other = rng.sample(TOWNS, 2)
    words = " ".join(rng.choice(["market", "convoy", "village", "residents", "officials", "police", "army",
                                 "witnesses", "morning", "road", "camp", "farmers"]) for _ in range(120))
    return (f"{town.upper()} — Gunmen {rng.choice(VERBS)} {town} on Saturday, killing {rng.randint(2, 90)} "
            f"people and wounding {rng.randint(1, 60)}, officials said, story number {n}.\n\n{words}\n\n"
            f"Residents of {other} said they had fled. {words[::-1]}")


def fill(store: Store, start: int, stop: int, rng: np.random.Generator) -> None:
    """Synthetic stored articles start..stop-1, with random signatures and their buckets."""
    db = store.db
    batch = 20_000
    for first in range(start, stop, batch):
        last = min(stop, first + batch)
        sigs = rng.integers(0, 2**32, size=(last - first, neardup.NUM_PERM), dtype=np.uint32)
        db.execute("BEGIN")
        before = db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]
        db.executemany(
            "INSERT INTO articles(id, content_hash, text, ingested_at) VALUES (?, ?, ?, '2024-01-01')",
            ((f"s{n}", f"h{n}", f"synthetic {n}") for n in range(first, last)))
        rowids = dict(db.execute("SELECT id, rowid FROM articles WHERE rowid > ?", (before,)).fetchall())
        db.executemany("INSERT INTO article_prints(article_id, signature, facts) VALUES (?, ?, '120')",
                       ((f"s{n}", sigs[n - first].tobytes()) for n in range(first, last)))
        db.executemany(
            "INSERT OR IGNORE INTO article_buckets(bucket, article_rowid) VALUES (?, ?)",
            ((neardup._bucket(b, sigs[n - first][b * neardup.ROWS:(b + 1) * neardup.ROWS]), rowids[f"s{n}"])
             for n in range(first, last) for b in range(neardup.BANDS)))
        db.execute("COMMIT")


def real_article(text: str, publisher: str) -> Article:
    text = normalize_text(text)
    h = content_hash(text)
    return Article(text=text, content_hash=h, id=article_id(h), title=text[:30], publisher=publisher)


def lookup(store: Store, text: str, exclude: str) -> tuple[float, str | None]:
    t0 = time.perf_counter()
    fp = neardup.fingerprint(text)
    found = neardup.find_original(fp, store.copy_candidates(fp, exclude), 0.6)
    return time.perf_counter() - t0, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--probes", type=int, default=200)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng, nprng = random.Random(7), np.random.default_rng(7)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        originals = []
        for n in range(args.probes // 2):  # real stored articles the copies will copy
            art = real_article(story(rng, n), "Wire")
            store.add_articles([art])
            fp = neardup.fingerprint(art.text)
            store.save_print(art.id, fp, None)
            originals.append(art)
        stored, base = len(originals), None
        print(f"{'stored':>10} {'median ms':>10} {'p90 ms':>8} {'ratio':>6}  copies found  false copies  fill s")
        for size in sizes:
            t0 = time.perf_counter()
            fill(store, stored, size, nprng)
            filled, stored = time.perf_counter() - t0, size
            times, found, false = [], 0, 0
            for k, art in enumerate(originals):
                words = art.text.split(" ")
                copy = " ".join(words[:-15]) + "\n\nThis story was first published by Wire."  # end trimmed
                dt, hit = lookup(store, copy, f"probe-copy-{k}")
                times.append(dt)
                found += hit == art.id
                dt, hit = lookup(store, story(rng, 10**7 + k), f"probe-new-{k}")
                times.append(dt)
                false += hit is not None
            med = statistics.median(times) * 1000
            p90 = sorted(times)[int(0.9 * len(times))] * 1000
            base = base or med
            print(f"{size:>10} {med:>10.2f} {p90:>8.2f} {med / base:>6.2f}  {found:>5}/{len(originals):<6}"
                  f"  {false:>12}  {filled:>6.0f}")


if __name__ == "__main__":
    main()
