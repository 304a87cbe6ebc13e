"""The PostgreSQL store against a real server (WATCHFLOOR_TEST_POSTGRES; skipped without one):
the same demo gives the same events as SQLite, two ingests racing on one incident make one
event, bulk imports by COPY match SQLite's row-by-row upsert, the spatial filter, and what
it refuses. Each test has its own database."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from watchfloor.store import Store, StoreError
from watchfloor.store.schema import MIGRATIONS

from postgres_support import server_url
from serving_support import serve_in_thread

FIXTURES = Path(__file__).parent.parent / "fixtures" / "exchange"
CLI = [sys.executable, "-m", "watchfloor.cli"]

# Two outlets' reports of each of two incidents, in our own words.
OUTLET_ONE = [
    {"id": "race-a1", "title": "Bomb kills four police near Quetta", "published": "2024-03-03",
     "url": "https://outlet-one.example/quetta-bomb",
     "text": "QUETTA, March 3 — A roadside bomb struck a police van on the outskirts of Quetta on Sunday, "
             "killing four policemen and wounding two others, officials said. No group has claimed "
             "responsibility for the attack."},
    {"id": "race-a2", "title": "Gunmen kill three at Turbat checkpoint", "published": "2024-05-12",
     "url": "https://outlet-one.example/turbat-checkpoint",
     "text": "TURBAT, May 12 — Gunmen opened fire on a Levies checkpoint in Turbat on Sunday night, killing "
             "three personnel, a district official said. The attackers fled on motorcycles."},
]
OUTLET_TWO = [
    {"id": "race-b1", "title": "Four policemen die in Quetta blast", "published": "2024-03-03",
     "url": "https://outlet-two.example/police-van",
     "text": "Four police officers were killed on Sunday when an improvised explosive device hit their vehicle "
             "near Quetta, the provincial government said. Two more officers were injured in the blast, which "
             "no group claimed."},
    {"id": "race-b2", "title": "Three Levies men shot dead in Turbat", "published": "2024-05-12",
     "url": "https://outlet-two.example/levies-turbat",
     "text": "Three Levies personnel were shot dead when armed men attacked their checkpoint in Turbat on "
             "Sunday, officials said. Police said the assailants escaped on motorbikes."},
]


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHFLOOR_")}
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=600)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def comparable(events: list[dict]) -> list[dict]:
    """Events without the times they were written (the two stores were filled at different times)."""
    return [{k: v for k, v in e.items() if k not in ("created_at", "updated_at")} for e in events]


def api_pages(target: str, first: str) -> list[dict]:
    """Every event the API lists, page after page, from a real uvicorn server on 127.0.0.1."""
    import httpx

    server, thread, base = serve_in_thread(target)
    rows, url = [], first
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            while url:
                got = client.get(url)
                assert got.status_code == 200, got.text
                rows += got.json()["events"]
                url = got.json()["next_url"]
    finally:
        server.should_exit = True
        thread.join(10)
    return rows


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_the_demo_gives_the_same_events_claims_and_ledger_on_both_backends(postgres_url, tmp_path: Path):
    sqlite_path = str(tmp_path / "demo.db")
    for target in (sqlite_path, postgres_url):
        run("--db", target, "--quiet", "demo")
    with Store(sqlite_path) as lite, Store(postgres_url) as pg:
        assert pg.backend == "postgresql"
        events = comparable(lite.events())
        assert len(events) > 50
        assert comparable(pg.events()) == events
        assert comparable(pg.events(order="-fatalities", limit=20)) == comparable(lite.events(order="-fatalities", limit=20))
        assert pg.claims(limit=5000) == lite.claims(limit=5000)
        by_id = lambda props: sorted(props, key=lambda p: p["id"])  # noqa: E731
        strip = lambda props: [{k: v for k, v in p.items() if k != "updated_at"} for p in by_id(props)]  # noqa: E731
        assert strip(pg.ledger(limit=1000)) == strip(lite.ledger(limit=1000))
        assert pg.summary() == lite.summary()
        assert pg.event_counts(group=["admin1"]) == lite.event_counts(group=["admin1"])
        assert pg.facet("admin2") == lite.facet("admin2")
        assert pg.places(limit=500) == lite.places(limit=500)
        # Full-text search is each database's own engine: the same articles match.
        for words in ("Quetta police", "suicide bomber", "Mastung"):
            assert {r["id"] for r in pg.search_articles(words, 100)} == {r["id"] for r in lite.search_articles(words, 100)}
        box = (64.0, 27.0, 68.0, 31.0)  # min lon, min lat, max lon, max lat
        assert pg.db.postgis == bool(pg.db.execute(
            "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'").fetchone()[0])
        inside = comparable(pg.events(bbox=box))
        assert inside and inside == comparable(lite.events(bbox=box))
    # `watchfloor serve` on each: keyset pages of the API give the same events.
    pages = [comparable(api_pages(target, "/api/events?_size=9&_sort=-fatalities")) for target in (sqlite_path, postgres_url)]
    assert pages[0] == pages[1] and len(pages[0]) == len(events)


def test_extraction_on_dask_loaded_into_postgres_equals_an_ingest_into_sqlite(postgres_url, tmp_path: Path):
    """The issue's promise end to end: the same input, ingested in one process into SQLite, and
    extracted on a two-worker Dask cluster then loaded into PostgreSQL, gives the same events."""
    folder = Path(__file__).parent.parent.parent / "src" / "watchfloor" / "demo" / "corpus"
    corpus = [str(folder / "articles.jsonl"), str(folder / "merge-incidents-1.jsonl")]  # many outlets per incident
    sqlite_path = str(tmp_path / "ingest.db")
    run("--db", sqlite_path, "--quiet", "ingest", *corpus)
    shards = tmp_path / "shards"
    run("--quiet", "extract", "--engine", "dask", "--workers", "2", "--partition-size", "25", *corpus, "-o", str(shards))
    run("--db", postgres_url, "--quiet", "load", str(shards))
    with Store(sqlite_path) as lite, Store(postgres_url) as pg:
        events = comparable(lite.events())
        assert len(events) >= 20 and comparable(pg.events()) == events
        assert pg.claims(limit=5000) == lite.claims(limit=5000)
    run("--db", postgres_url, "--quiet", "load", str(shards))  # loading again adds nothing
    with Store(postgres_url) as pg:
        assert comparable(pg.events()) == events


@pytest.mark.parametrize("round_", range(2))
def test_two_ingests_racing_on_the_same_incidents_make_one_event_each(postgres_url, tmp_path: Path, round_: int):
    """Two processes ingest each outlet's reports of the same two incidents at the same time;
    writers hold the store's lock across saving and merging, so neither misses the other's event."""
    Store(postgres_url).close()  # migrated before the race: the race is on merging, not on creating tables
    files = [write_jsonl(tmp_path / "one.jsonl", OUTLET_ONE), write_jsonl(tmp_path / "two.jsonl", OUTLET_TWO)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHFLOOR_")}
    racers = [subprocess.Popen([*CLI, "--db", postgres_url, "--quiet", "ingest", str(f)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for f in (files if round_ == 0 else files[::-1])]
    for racer in racers:
        _, err = racer.communicate(timeout=600)
        assert racer.returncode == 0, err
    with Store(postgres_url) as store:
        events = store.events()
        assert len(events) == 2, [(e["id"], e["location"], e["articles"]) for e in events]
        assert sorted(len(e["articles"]) for e in events) == [2, 2]
        assert {e["location"] for e in events} == {"Quetta", "Turbat"}
        reported = store.db.execute("SELECT count(*), count(DISTINCT event_id) FROM event_reports").fetchone()
        assert tuple(reported) == (4, 2)


def test_bulk_import_by_copy_matches_the_row_by_row_upsert(postgres_url, tmp_path: Path):
    sqlite_path = str(tmp_path / "imported.db")
    for target in (sqlite_path, postgres_url):
        for name in ("acled_current.csv", "acled_pre2023.csv"):
            run("--db", target, "--quiet", "import", "acled", str(FIXTURES / name), check=False)
        run("--db", target, "--quiet", "import", "ucdp", str(FIXTURES / "ucdp_ged.csv"))
    # The same file changed in one row: an update, with the fields that changed in its history.
    with open(FIXTURES / "acled_current.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0]["fatalities"] = str(int(rows[0]["fatalities"]) + 5)
    changed = tmp_path / "acled_changed.csv"
    with open(changed, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    outputs = [run("--db", target, "--json", "import", "acled", str(changed)).stdout for target in (sqlite_path, postgres_url)]
    assert json.loads(outputs[0])["updated"] == json.loads(outputs[1])["updated"] == 1
    with Store(sqlite_path) as lite, Store(postgres_url) as pg:
        assert comparable(pg.events()) == comparable(lite.events())
        for event in lite.events():
            changes = lambda store: [(h["change"], h.get("detail")) for h in store.event_history(event["id"])]  # noqa: E731
            assert changes(pg) == changes(lite)


def test_what_the_postgres_store_refuses(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as other:
        other.execute("CREATE TABLE notes (body TEXT)")
        other.execute("INSERT INTO notes VALUES ('mine')")
    with pytest.raises(StoreError, match="not a watchfloor one"):
        Store(postgres_url)
    with psycopg.connect(postgres_url, autocommit=True) as other:
        assert other.execute("SELECT body FROM notes").fetchall() == [("mine",)]  # untouched
        assert other.execute("SELECT to_regclass('articles')").fetchone()[0] is None
        other.execute("DROP TABLE notes")
    with Store(postgres_url) as store:
        assert store.schema_version == len(MIGRATIONS)
        store.db.execute("INSERT INTO watchfloor_schema(version) VALUES (?)", (len(MIGRATIONS) + 3,))
    with pytest.raises(StoreError, match="newer than this watchfloor"):
        Store(postgres_url)


def test_an_unreachable_server_is_a_clear_message_without_the_password(tmp_path: Path):
    server_url()  # only where PostgreSQL tests run
    url = f"postgresql://someone:secret@/nowhere?host={tmp_path}&connect_timeout=2"
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as failure:
        Store(url, busy_timeout=2)
    assert "secret" not in str(failure.value)
    done = run("--db", url, "stats", check=False)
    assert done.returncode != 0 and "cannot connect to PostgreSQL" in done.stderr and "secret" not in done.stderr
