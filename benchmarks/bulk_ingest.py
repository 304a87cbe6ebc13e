"""End-to-end bulk ingest: throughput with worker processes, and memory against file size.

    cd /work/main   # the project root
    PYTHONPATH=src python benchmarks/bulk_ingest.py                  # 1000 articles, 3 repeats
    PYTHONPATH=src python benchmarks/bulk_ingest.py --articles 400 --repeat 1 --sizes 1000,4000

What is measured, each in a fresh ``python -m watchfloor.cli`` process on a fresh database:

1. Throughput. ``watchfloor ingest FILE.jsonl --jobs J`` for J = 1 and 2 (reading, storing,
   extracting and saving; the process start and model load included), then
   ``watchfloor extract --stored --all --jobs 2`` on the J = 2 database. The baseline, in the
   same session: ``benchmarks/extract_speed.py --processes 2 --no-baseline`` on the same
   articles (extraction alone, the corpus split over two workers, model load excluded).
   Passes alternate (ingest 1, ingest 2, baseline; then again) and medians are quoted, with
   the ratio of ingest --jobs 2 to the baseline.
2. Memory against file size. ``watchfloor ingest --no-extract`` of JSONL and CSV files of
   ``--sizes`` articles; the peak RSS of that process (``ru_maxrss`` from ``wait4``).

The corpus is the extraction benchmark's: articles of about ``--words`` words mixed from the
bundled demo corpus with a seeded order (``build_corpus`` in extract_speed.py). Each text
gets its number in a last line, so none is a duplicate of another.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from extract_speed import build_corpus, read_jsonl  # noqa: E402

from watchfloor.service import demo_corpus_path  # noqa: E402


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHFLOOR_") or k == "WATCHFLOOR_GEO_CACHE"}
    env["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def stdout_of(args: list[str], cwd: Path) -> str:
    proc = subprocess.run(args, capture_output=True, cwd=cwd, env=_env())
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return proc.stdout.decode()


def peak_rss(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process, read from its own rusage."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=_env())
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    errors = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed: {errors[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def write_corpus(rows: list[dict], folder: Path, fmt: str) -> Path:
    path = folder / f"corpus-{len(rows)}.{fmt}"
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        with path.open("w", encoding="utf-8", newline="") as fh:
            out = csv.DictWriter(fh, fieldnames=["id", "title", "text", "published"])
            out.writeheader()
            out.writerows(rows)
    return path


def corpus(n: int, words: int, seed: int) -> list[dict]:
    rows = build_corpus(read_jsonl(demo_corpus_path() / "articles.jsonl"), n, words, seed)
    for i, row in enumerate(rows):
        row["text"] += f"\n\nBenchmark article {i}."
    return rows


def cli(*args: object) -> list[str]:
    return [sys.executable, "-m", "watchfloor.cli", *map(str, args)]


def throughput(args, folder: Path) -> dict:
    rows = corpus(args.articles, args.words, args.seed)
    source = write_corpus(rows, folder, "jsonl")
    runs: dict[str, list[float]] = {"ingest --jobs 1": [], "ingest --jobs 2": [], "extract --stored --all --jobs 2": [],
                                    "extract_speed --processes 2": []}
    for r in range(args.repeat):
        for jobs in (1, 2):
            db = folder / f"r{r}-j{jobs}.db"
            wall, _ = peak_rss(cli("--db", db, "--quiet", "ingest", "--jobs", jobs, source), folder)
            runs[f"ingest --jobs {jobs}"].append(len(rows) / wall)
            _progress(args, f"ingest --jobs {jobs}: {len(rows) / wall:.1f} articles/s")
        wall, _ = peak_rss(cli("--db", folder / f"r{r}-j2.db", "--quiet", "extract", "--stored", "--all",
                               "--jobs", 2), folder)
        runs["extract --stored --all --jobs 2"].append(len(rows) / wall)
        out = stdout_of([sys.executable, str(ROOT / "benchmarks" / "extract_speed.py"), "--input", source,
                                  "--processes", "2", "--no-baseline", "--repeat", "1", "--json", "--quiet"], folder)
        rate = json.loads(out)["watchfloor"]["articles_per_s"]
        runs["extract_speed --processes 2"].append(rate)
        _progress(args, f"baseline extract_speed --processes 2: {rate:.1f} articles/s")
    return {name: statistics.median(values) for name, values in runs.items()} | {"runs": runs}


def memory(args, folder: Path) -> list[dict]:
    out = []
    biggest = corpus(max(args.sizes), args.words, args.seed + 1)
    for fmt in ("jsonl", "csv"):
        for size in args.sizes:
            source = write_corpus(biggest[:size], folder, fmt)
            wall, peak = peak_rss(cli("--db", folder / f"mem-{fmt}-{size}.db", "--quiet", "ingest", "--no-extract",
                                      source), folder)
            out.append({"format": fmt, "articles": size, "file_mb": source.stat().st_size / 2**20,
                        "seconds": wall, "peak_rss_mb": peak})
            _progress(args, f"{fmt} {size}: {peak:.0f} MiB")
            source.unlink()
    return out


def _progress(args, line: str) -> None:
    if not args.quiet:
        print(line, file=sys.stderr, flush=True)


def report(result: dict) -> str:
    t = result["throughput"]
    base = t["extract_speed --processes 2"]
    lines = [f"{result['articles']} articles of about {result['words']} words, {result['repeat']} repeats, medians "
             f"({os.cpu_count()} CPUs, {len(os.sched_getaffinity(0))} usable)", ""]
    for name in ("ingest --jobs 1", "ingest --jobs 2", "extract --stored --all --jobs 2", "extract_speed --processes 2"):
        lines.append(f"  {name:34} {t[name]:6.1f} articles/s   {t[name] / base:5.2f} x baseline")
    lines += ["", "  ingest --no-extract, peak RSS of the process:"]
    for m in result["memory"]:
        lines.append(f"  {m['format']:5} {m['articles']:6} articles {m['file_mb']:7.1f} MB  {m['peak_rss_mb']:6.0f} MiB"
                     f"  {m['seconds']:6.1f} s")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000, help="articles in the throughput corpus (default 1000)")
    ap.add_argument("--words", type=int, default=700, help="words per article (default 700)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--repeat", type=int, default=3, help="throughput passes (default 3)")
    ap.add_argument("--sizes", default="1000,4000,16000", help="articles per file in the memory runs")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="wf-bulk-") as tmp:
        folder = Path(tmp)
        result = {"articles": args.articles, "words": args.words, "repeat": args.repeat,
                  "throughput": throughput(args, folder), "memory": memory(args, folder)}
    print(json.dumps(result, indent=1) if args.json else report(result))


if __name__ == "__main__":
    main()
