"""One huge article through the extractor with the default per-article budget.

    cd /work/main
    PYTHONPATH=src python benchmarks/long_article.py              # a 9.5 MB article
    PYTHONPATH=src python benchmarks/long_article.py --mb 2 --no-budget

The article is the bundled demo corpus's texts repeated until it reaches ``--mb`` megabytes
(characters), one paragraph after another. Printed: the wall time of ``extract`` (the model
and tables loaded before the clock starts), where the budget cut it, and what came out.
``--no-budget`` lifts both limits, to see what the budget saves (slow for large texts).
"""

from __future__ import annotations

import argparse
import json
import time

from watchfloor.extract import Extractor
from watchfloor.service import demo_corpus_path
from watchfloor.settings import settings_copy


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=9.5, help="size of the article in millions of characters")
    ap.add_argument("--no-budget", action="store_true", help="lift extract.max_text_chars and extract.time_budget")
    args = ap.parse_args()
    rows = [json.loads(line) for line in (demo_corpus_path() / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    parts, size, i = [], 0, 0
    while size < args.mb * 1_000_000:
        parts.append(rows[i % len(rows)]["text"])
        size += len(parts[-1]) + 2
        i += 1
    text = "\n\n".join(parts)
    settings = settings_copy()
    if args.no_budget:
        settings["extract"].update(max_text_chars=len(text) + 1, time_budget=1e9)
    extractor = Extractor(settings)
    extractor.extract(rows[0]["text"], rows[0].get("published"))  # load the model and tables
    start = time.perf_counter()
    result = extractor.extract(text, "2023-09-01")
    took = time.perf_counter() - start
    print(f"{len(text):,} characters: {took:.1f} s; {len(result.events)} events, {len(result.claims)} claims")
    print(f"cut: {result.cut['message'] if result.cut else 'none'}")


if __name__ == "__main__":
    main()
