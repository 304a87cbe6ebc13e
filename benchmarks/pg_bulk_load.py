"""Bulk import into PostgreSQL: COPY into a staging table then one INSERT ... ON CONFLICT
(store/imported.py's copy_upsert, what `watchfloor import` does on PostgreSQL), against the
same rows written by batched INSERT ... ON CONFLICT statements (psycopg's executemany) and
event by event (the SQLite path's row_upsert, run on PostgreSQL). SQLite's own path is timed
as a reference. Each method loads ``--events`` synthetic imported events into a fresh database,
``--repeats`` times; medians are printed, and every method must leave the same rows.

    scripts/postgres-server.sh start /tmp/wf-bench-pg     # prints the server URL
    .venv/bin/python benchmarks/pg_bulk_load.py --server URL [--events 20000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from postgres_support import with_database  # noqa: E402

from watchfloor.store import Store  # noqa: E402
from watchfloor.store.imported import _COLUMNS, copy_upsert, row_upsert  # noqa: E402
from watchfloor.store.merged import cell  # noqa: E402

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest")]


def synthetic_events(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    events = []
    for i in range(n):
        kind, sub = rng.choice(TYPES)
        country = f"Country {i % 20}"
        events.append({
            "id": f"acled:BENCH{i}", "origin": "acled", "external_id": f"BENCH{i}", "event_type": kind,
            "sub_event_type": sub, "disorder_type": "Political violence",
            "date": f"20{10 + i % 14:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}", "time_precision": 1,
            "location": f"Town {i % 997}", "admin1": f"{country} province {i % 10}", "admin2": f"District {i % 100}",
            "country": country, "iso3": f"C{i % 20:02d}", "latitude": rng.uniform(-40, 60), "longitude": rng.uniform(-20, 120),
            "geonameid": None, "geo_precision": 1, "actor1": f"Armed group {i % 50}", "assoc_actor_1": None,
            "actor2": "Civilians" if kind == "Violence against civilians" else None, "assoc_actor_2": None,
            "interaction": 17, "fatalities": rng.randint(0, 30), "injured": None, "civilian_targeting": kind.startswith("Viol"),
            "notes": f"Synthetic benchmark event number {i}.", "confidence": 1.0, "sources": [f"Source {i % 30}"],
            "source_count": 1, "tolls": [], "fatalities_low": None, "fatalities_best": None, "fatalities_high": None,
            "disputed": False, "extra": {"tags": ""},
        })
    return events


def batched_upsert(db, events: list[dict], at: str) -> tuple[int, int]:
    """Batched INSERT ... ON CONFLICT (psycopg's executemany pipelines them): the comparison."""
    db.executemany("INSERT INTO actors(name) VALUES (?) ON CONFLICT(name) DO NOTHING",
                   sorted({(a,) for e in events for a in (e["actor1"], e["actor2"]) if a}))
    listed = ", ".join(["id", *_COLUMNS])
    db.executemany(f"INSERT INTO events({listed}, created_at, updated_at) VALUES (?{', ?' * len(_COLUMNS)}, ?, ?) "
                   f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _COLUMNS)}",
                   [[e["id"], *[cell(c, e.get(c)) for c in _COLUMNS], at, at] for e in events])
    return len(events), 0


def timed(target: str, method, events: list[dict], batch: int) -> tuple[float, int]:
    with Store(target) as store:
        start = time.perf_counter()
        for i in range(0, len(events), batch):
            with store.transaction():
                method(store.db, events[i:i + batch], "2026-12-01T00:00:00+00:00")
        seconds = time.perf_counter() - start
        rows = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
    return seconds, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="a postgresql:// URL of a server we may create databases on")
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch", type=int, default=500, help="rows per transaction (watchfloor import's batch)")
    args = parser.parse_args()
    events = synthetic_events(args.events)
    methods = {"postgres COPY + ON CONFLICT": ("pg", copy_upsert), "postgres batched INSERT": ("pg", batched_upsert),
               "postgres row by row": ("pg", row_upsert), "sqlite row by row (reference)": ("sqlite", row_upsert)}
    times: dict[str, list[float]] = {name: [] for name in methods}
    for _ in range(args.repeats):
        for name, (backend, method) in methods.items():
            if backend == "pg":
                database = f"wf_bench_{uuid.uuid4().hex[:10]}"
                with psycopg.connect(args.server, autocommit=True) as admin:
                    admin.execute(f'CREATE DATABASE "{database}"')
                try:
                    seconds, rows = timed(with_database(args.server, database), method, events, args.batch)
                finally:
                    with psycopg.connect(args.server, autocommit=True) as admin:
                        admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
            else:
                with tempfile.TemporaryDirectory() as tmp:
                    seconds, rows = timed(str(Path(tmp) / "bench.db"), method, events, args.batch)
            assert rows == len(events), (name, rows)
            times[name].append(seconds)
    copy = statistics.median(times["postgres COPY + ON CONFLICT"])
    print(f"{args.events} events in batches of {args.batch}, median of {args.repeats}:")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"  {name:32s} {median:7.2f} s  {args.events / median:9.0f} events/s  {median / copy:5.1f}x COPY's time")


if __name__ == "__main__":
    main()
