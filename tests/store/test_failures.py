"""The store under failure: a foreign file left untouched, processes racing the first
migration, a lock held past the busy timeout. Real SQLite files and real processes."""

from __future__ import annotations

import hashlib
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from watchfloor.models import Article
from watchfloor.normalize import article_id, content_hash, normalize_text
from watchfloor.store import DatabaseFailure, Store, StoreError
from watchfloor.store.schema import MIGRATIONS


def make_article(text: str) -> Article:
    text = normalize_text(text)
    h = content_hash(text)
    return Article(text=text, content_hash=h, id=article_id(h), title="A title")


def test_a_foreign_database_is_refused_without_being_changed(tmp_path: Path):
    path = tmp_path / "other-app.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes(body TEXT)")
    db.execute("INSERT INTO notes VALUES ('mine')")
    db.commit()
    db.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="not a watchfloor database"):
        Store(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not switched to WAL
    assert not Path(f"{path}-wal").exists()


def _open_and_add(path: str, n: int, start, results) -> None:
    start.wait()  # every process opens the new file at the same moment
    try:
        with Store(path) as store:
            store.add_articles([make_article(f"Report {n}: a convoy was attacked near the river crossing.")])
        results.put(("ok", n))
    except Exception as exc:  # noqa: BLE001 - the failure is the test's result
        results.put(("failed", f"{type(exc).__name__}: {exc}"))


def _race_first_migration(target: str, n: int = 6) -> None:
    """``n`` processes open a new store at the same moment and each adds an article: every
    one succeeds, the schema is current, and every article is stored."""
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(n), ctx.Queue()
    procs = [ctx.Process(target=_open_and_add, args=(target, i, start, results)) for i in range(n)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert [o for o in outcomes if o[0] != "ok"] == []
    with Store(target) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert len(list(store.iter_articles())) == n


@pytest.mark.parametrize("round_", range(3))
def test_processes_racing_the_first_migration_all_succeed(tmp_path: Path, round_: int):
    _race_first_migration(str(tmp_path / f"new-{round_}.db"))


def test_a_lock_held_past_the_busy_timeout_is_a_database_failure(tmp_path: Path):
    path = tmp_path / "locked.db"
    with Store(path) as store:
        store.add_articles([make_article("Police said the road was reopened after the blast.")])
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store(path, busy_timeout=0.2) as store, pytest.raises(DatabaseFailure, match="database is locked"):
            store.add_articles([make_article("A second report arrives while another process writes.")])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store(path) as store:
        assert len(list(store.iter_articles())) == 1  # nothing already stored was lost


def test_processes_racing_the_first_migration_of_a_postgres_database_all_succeed(postgres_url):
    _race_first_migration(postgres_url)
    with Store(postgres_url) as store:
        assert store.db.execute("SELECT count(*) FROM watchfloor_schema").fetchone()[0] == len(MIGRATIONS)


def test_a_postgres_writer_waiting_past_the_busy_timeout_is_a_database_failure(postgres_url):
    with Store(postgres_url) as store:
        store.add_articles([make_article("Police said the road was reopened after the blast.")])
    with Store(postgres_url) as holder, holder.transaction():  # another writer holds the lock
        with Store(postgres_url, busy_timeout=0.3) as store, pytest.raises(DatabaseFailure, match="lock timeout"):
            store.add_articles([make_article("A second report arrives while another process writes.")])
    with Store(postgres_url) as store:
        assert len(list(store.iter_articles())) == 1  # nothing already stored was lost
