"""Articles/s of extraction on Dask (1 and 2 local workers) against the single-process path.

    cd /work/main   # the project root
    PYTHONPATH=src python benchmarks/dask_extraction.py                  # 600 articles, 3 repeats
    PYTHONPATH=src python benchmarks/dask_extraction.py --articles 1200 --repeat 5 --json

Targets (issue 15, on this 2-core machine): 2 workers reach at least 1.7x one worker, and
Dask at one worker costs less than 10% over the single process.

What is measured, on the same JSONL input (built from the demo corpus as
benchmarks/extract_speed.py builds it: ``--articles`` articles of about ``--words`` words):

- single: ``watchfloor extract -j 1 corpus.jsonl -o out.jsonl`` done in-process
  (``ExtractionPool(settings, 1)`` and ``extract.jsonl.process_lines``, every result line
  written as JSON);
- dask 1w / dask 2w: ``watchfloor extract --engine dask --workers N corpus.jsonl -o OUTDIR``
  (``engine.run.run_extraction``): a LocalCluster of N one-thread worker processes on
  127.0.0.1, the extractor loaded by the worker plugin, ``--partition-size`` articles per
  task, one Parquet shard per partition.

Each measurement runs in a fresh interpreter (this script with ``--child``), so no model or
cache of one is warm for another; the kinds alternate within each repeat. Startup (imports,
spaCy model, gazetteer, the first extraction; for Dask also the cluster) is timed apart:
"work" articles/s leave it out, "total" articles/s count it. Medians over the repeats.
The default partition size (50) is far below the production default (engine.partition_size,
2000) so that 600 articles make 12 tasks and two workers share them evenly; a bigger input
with bigger partitions has less per-task overhead, not more.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_speed import build_corpus, code_fingerprint, demo_corpus_path, n_words, read_jsonl  # noqa: E402

TARGET_SCALING = 1.7  # 2 workers / 1 worker
TARGET_OVERHEAD = 0.10  # dask at 1 worker over the single process
KINDS = ("single", "dask1", "dask2")


# ----------------------------------------------------------------------------- children

def _child_single(corpus: Path, out: Path) -> dict:
    started = time.perf_counter()
    from watchfloor.extract.jsonl import process_lines
    from watchfloor.extract.pool import _WARM_UP, ExtractionPool, Job, extract_job
    from watchfloor.settings import settings_copy

    pool = ExtractionPool(settings_copy(), 1)
    extract_job(pool.extractor, Job(None, _WARM_UP))  # what the Dask plugin does on each worker
    ready = time.perf_counter()
    articles = 0
    with open(corpus, "rb") as source, open(out, "w", encoding="utf-8") as sink:
        for line in process_lines(source, pool):
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")
            articles += "error" not in line
    done = time.perf_counter()
    pool.close()
    return {"articles": articles, "startup_s": ready - started, "work_s": done - ready, "total_s": done - started}


def _child_dask(corpus: Path, out: Path, workers: int, partition_size: int) -> dict:
    started = time.perf_counter()
    from watchfloor.engine.run import run_extraction
    from watchfloor.settings import settings_copy

    report = run_extraction([str(corpus)], str(out), settings_copy(), workers=workers, partition_size=partition_size)
    done = time.perf_counter()
    if report.failed or report.done != report.partitions:
        raise SystemExit(f"dask run incomplete: {report.to_dict()}")
    # work: from the first partition submitted to the last shard written; startup: all before
    return {"articles": report.articles, "startup_s": done - started - report.seconds,
            "model_load_s": report.model_load_seconds, "work_s": report.seconds, "total_s": done - started,
            "partitions": report.partitions}


def _run_child(kind: str, corpus: Path, scratch: Path, args: argparse.Namespace, number: int) -> dict:
    out = scratch / f"{kind}-{number}"
    command = [sys.executable, __file__, "--child", kind, "--corpus", str(corpus), "--out",
               str(out if kind != "single" else out.with_suffix(".jsonl")), "--partition-size", str(args.partition_size)]
    proc = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
    if proc.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- the measurement

def measure(args: argparse.Namespace) -> dict:
    source = read_jsonl(demo_corpus_path())
    corpus_items = build_corpus(source, args.articles, args.words, args.seed)
    runs: dict[str, list[dict]] = {k: [] for k in KINDS}
    with tempfile.TemporaryDirectory(prefix="wf-dask-bench-") as scratch_name:
        scratch = Path(scratch_name)
        corpus = scratch / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(it, ensure_ascii=False) + "\n" for it in corpus_items), encoding="utf-8")
        for number in range(args.repeat):
            order = KINDS if number % 2 == 0 else tuple(reversed(KINDS))  # ABC CBA: drift spread evenly
            for kind in order:
                result = _run_child(kind, corpus, scratch, args, number)
                runs[kind].append(result)
                if not args.quiet:
                    print(f"  repeat {number + 1} {kind:6s}: {result['articles'] / result['work_s']:6.2f} articles/s "
                          f"work, startup {result['startup_s']:.1f} s", file=sys.stderr)
    summary = {}
    for kind, results in runs.items():
        summary[kind] = {
            "work_articles_per_s": statistics.median(r["articles"] / r["work_s"] for r in results),
            "total_articles_per_s": statistics.median(r["articles"] / r["total_s"] for r in results),
            "startup_s": statistics.median(r["startup_s"] for r in results),
            "model_load_s": statistics.median(r.get("model_load_s", r["startup_s"]) for r in results),
            "articles": results[0]["articles"], "runs": results,
        }
    work = {k: summary[k]["work_articles_per_s"] for k in KINDS}
    total = {k: summary[k]["total_articles_per_s"] for k in KINDS}
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "code": code_fingerprint(), "articles": args.articles, "words": n_words([i["text"] for i in corpus_items]),
        "partition_size": args.partition_size, "repeat": args.repeat, "kinds": summary,
        "scaling_2w_over_1w": work["dask2"] / work["dask1"],
        "scaling_2w_over_1w_total": total["dask2"] / total["dask1"],
        "overhead_dask1_over_single": work["single"] / work["dask1"] - 1,
        "overhead_dask1_over_single_total": total["single"] / total["dask1"] - 1,
    }


def report(res: dict) -> str:
    lines = [f"{res['articles']} articles, {res['words']} words; {res['partition_size']} per partition; "
             f"{res['repeat']} repeats, medians; {res['machine']}; code {res['code']}", "",
             f"{'':10s} {'work art/s':>11s} {'total art/s':>12s} {'startup s':>10s} {'model load s':>13s}"]
    names = {"single": "single", "dask1": "dask 1w", "dask2": "dask 2w"}
    for kind in KINDS:
        k = res["kinds"][kind]
        lines.append(f"{names[kind]:10s} {k['work_articles_per_s']:11.2f} {k['total_articles_per_s']:12.2f} "
                     f"{k['startup_s']:10.1f} {k['model_load_s']:13.1f}")
    scaling, overhead = res["scaling_2w_over_1w"], res["overhead_dask1_over_single"]
    lines += ["",
              f"2w/1w: {scaling:.2f}x work, {res['scaling_2w_over_1w_total']:.2f}x total "
              f"(target >= {TARGET_SCALING}x: {'met' if scaling >= TARGET_SCALING else 'MISSED'})",
              f"dask 1w over single: {overhead:+.1%} work, {res['overhead_dask1_over_single_total']:+.1%} total "
              f"(target < {TARGET_OVERHEAD:.0%}: {'met' if overhead < TARGET_OVERHEAD else 'MISSED'})"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=600, help="articles built from the demo corpus (default 600)")
    ap.add_argument("--words", type=int, default=700, help="words per built article (default 700)")
    ap.add_argument("--seed", type=int, default=13, help="seed of the corpus mix (default 13)")
    ap.add_argument("--repeat", type=int, default=3, help="measurements of each kind (default 3)")
    ap.add_argument("--partition-size", type=int, default=50, help="articles per Dask partition (default 50)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    ap.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        result = (_child_single(args.corpus, args.out) if args.child == "single"
                  else _child_dask(args.corpus, args.out, int(args.child[-1]), args.partition_size))
        print(json.dumps(result))
        return 0
    res = measure(args)
    print(json.dumps(res, indent=1) if args.json else report(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
