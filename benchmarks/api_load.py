"""The API under load: concurrent readers against `watchfloor serve` while an ingest writes,
then a server killed during an ingest and restarted.

A store is filled with ``--events`` synthetic merged events (default 100,000: 20 countries,
10 provinces each, 10 districts each, ten years of dates, ACLED types; rows written straight
into the events table, the way an ACLED import lands). The real server runs as a subprocess
on 127.0.0.1. ``--readers`` threads then ask, for ``--seconds``:

* ``events``: a filtered page (a country, a date range of a year, 100 rows);
* ``events+type``: a province, an event type and a minimum toll;
* ``facets``: events per province of one country;
* ``event``: one event by id.

Meanwhile ``watchfloor ingest`` stores and extracts the demo corpus into the same file. Printed:
requests per second, p50/p95/p99 latency per kind, and every error.

Then the crash check: an ingest of the demo corpus through ``POST /api/ingest``, the server
killed (SIGKILL) while it runs, and restarted. ``PRAGMA integrity_check`` must say ok, and
every stored article must be either extracted with its reports or not extracted at all.

    .venv/bin/python benchmarks/api_load.py [--events 100000] [--readers 8] [--seconds 30] [--workers 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import httpx

from watchfloor.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "src" / "watchfloor" / "demo" / "corpus"
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Violence against civilians", "Attack"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration")]


def fill(path: Path, n: int, rng: random.Random) -> list[str]:
    """n synthetic events; returns their ids."""
    with Store(path) as store:
        ids, rows = [], []
        start = date(2015, 1, 1)
        for i in range(n):
            c, a1, a2 = rng.randrange(20), rng.randrange(10), rng.randrange(10)
            kind, sub = rng.choice(TYPES)
            eid = f"s{i:07d}"
            ids.append(eid)
            day = (start + timedelta(days=rng.randrange(3650))).isoformat()
            rows.append((eid, kind, sub, "Political violence", day, 1, f"Town {c}-{a1}-{a2}", f"Province {c}-{a1}",
                         f"District {c}-{a1}-{a2}", f"Country {c}", 30 + c + rng.random(), 60 + a1 + rng.random(),
                         2, rng.choice([0, 0, 1, 2, 3, 5, 8, 13]), "synthetic", day + "T00:00:00+00:00"))
        with store.transaction():
            store.db.executemany(
                "INSERT INTO events(id, event_type, sub_event_type, disorder_type, date, time_precision, location, "
                "admin1, admin2, country, latitude, longitude, geo_precision, fatalities, origin, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        store.db.execute("ANALYZE")
    return ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int = 1) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "watchfloor.cli", "--db", str(db), "-q", "serve", "--port",
                             str(port), "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1)
            return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("the server did not start: " + proc.stderr.read().decode()[-500:])


def reader(base: str, ids: list[str], until: float, seed: int, out: dict, errors: list) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < until:
            kind = rng.choice(["events", "events+type", "facets", "event"])
            c, a1, y = rng.randrange(20), rng.randrange(10), 2015 + rng.randrange(9)
            if kind == "events":
                url, q = "/api/events", {"country": f"Country {c}", "event_date": f"{y}-01-01|{y}-12-31"}
            elif kind == "events+type":
                url, q = "/api/events", {"admin1": f"Province {c}-{a1}", "event_type": "Battles", "min_fatalities": 2}
            elif kind == "facets":
                url, q = "/api/facets", {"field": "admin1", "country": f"Country {c}"}
            else:
                url, q = f"/api/events/{rng.choice(ids)}", None
            began = time.perf_counter()
            try:
                got = client.get(url, params=q)
                if got.status_code != 200:
                    errors.append(f"{kind}: HTTP {got.status_code} {got.text[:100]}")
            except httpx.HTTPError as exc:
                errors.append(f"{kind}: {type(exc).__name__}")
                continue
            out[kind].append((time.perf_counter() - began) * 1000)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def load(db: Path, ids: list[str], readers: int, seconds: float, workers: int) -> None:
    port = free_port()
    server = start_server(db, port, workers)
    base = f"http://127.0.0.1:{port}"
    writer = subprocess.Popen([sys.executable, "-m", "watchfloor.cli", "--db", str(db), "-q", "ingest", "--jobs", "1",
                               str(CORPUS)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=reader, args=(base, ids, until, i, times, errors)) for i in range(readers)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    writing = writer.poll() is None
    writer.wait(600)
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(30)
    total = sum(len(v) for v in times.values())
    print(f"{workers} server processes, {readers} readers for {elapsed:.0f} s ({'an ingest writing throughout' if writing else 'the ingest ended before the readers'}): "
          f"{total / elapsed:.0f} requests/s, {len(errors)} errors")
    for kind, values in sorted(times.items()):
        print(f"  {kind:<12} {len(values):>6} requests  p50 {pct(values, 50):6.1f} ms  p95 {pct(values, 95):6.1f} ms  "
              f"p99 {pct(values, 99):6.1f} ms")
    for e in errors[:10]:
        print("  error:", e)


def crash(db: Path) -> None:
    """Kill the server during an API ingest, restart it, and check nothing is half-written."""
    from watchfloor.settings import load_settings  # noqa: F401  (the server reads the same settings)

    with Store(db) as store:
        token = store.tokens.create("load")
    lines = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            lines.append(line)
    port = free_port()
    server = start_server(db, port)
    before = _articles(db)
    sender = threading.Thread(target=lambda: _post(port, token, "\n".join(lines)), daemon=True)
    sender.start()
    time.sleep(4)
    os.kill(server.pid, signal.SIGKILL)
    server.wait(10)
    middle = _articles(db)
    server = start_server(db, port)
    server.send_signal(signal.SIGTERM)
    server.wait(30)
    with sqlite3.connect(db) as con:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        half = con.execute("SELECT count(*) FROM articles a WHERE a.extracted_at IS NULL AND EXISTS "
                           "(SELECT 1 FROM event_reports r WHERE r.article_id = a.id)").fetchone()[0]
        unextracted = con.execute("SELECT count(*) FROM articles WHERE extracted_at IS NULL "
                                  "AND copy_of IS NULL").fetchone()[0]
    print(f"crash during an API ingest: {middle - before} of {len(lines)} articles stored before the kill; "
          f"integrity_check {ok}; {half} articles with reports but not marked extracted; {unextracted} stored "
          f"but not yet extracted (`watchfloor extract --stored` finishes them)")


def _post(port: int, token: str, body: str) -> None:
    try:
        httpx.post(f"http://127.0.0.1:{port}/api/ingest", content=body.encode(), timeout=600,
                   headers={"Authorization": f"Bearer {token}", "Content-Type": "application/x-ndjson"})
    except httpx.HTTPError:
        pass  # the server was killed under it: expected


def _articles(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--readers", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "load.db"
        began = time.monotonic()
        ids = fill(db, args.events, random.Random(1))
        print(f"{args.events} synthetic events stored in {time.monotonic() - began:.0f} s")
        crash_db = Path(folder) / "crash.db"  # the same events, and no article yet
        with sqlite3.connect(db) as src, sqlite3.connect(crash_db) as dst:
            src.backup(dst)
        load(db, ids, args.readers, args.seconds, args.workers)
        crash(crash_db)


if __name__ == "__main__":
    main()
