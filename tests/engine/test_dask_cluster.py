"""extract --engine dask on a real two-worker LocalCluster, then load: the same events as a
single-process ingest, bad records in the errors shard, a killed worker retried, a killed
run resumed. The CLI runs in subprocesses, as users run it."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from engine_support import clean_env, cli_command, corpus_file, lines_of, manifest, run_cli, shard_rows

from watchfloor.engine import EngineError
from watchfloor.engine.load import load_outputs
from watchfloor.settings import settings_copy

PARTITION = 3  # 34 articles: 12 partitions, so runs can be cut between partitions


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask")
    corpus_file(folder)
    return folder


@pytest.fixture(scope="module")
def clean_run(cluster, work: Path) -> Path:
    """The reference: one uninterrupted run of the corpus on the cluster."""
    proc = run_cli(work, "extract", "--engine", "dask", "--scheduler", cluster[0], "--partition-size", PARTITION,
                   "corpus.jsonl", "-o", "clean")
    assert proc.returncode == 0, proc.stderr
    assert "12 partitions, 0 done before, 12 done now (34 articles, 0 bad records" in proc.stdout
    return work / "clean"


def _without_times(value):
    """Rows as stored, less the moments the rows were written (two runs cannot share those)."""
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if not k.endswith("_at")}
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def _stored(db: Path) -> dict:
    from watchfloor.store import Store

    store = Store(str(db))
    try:
        events = store.events()
        return {"events": _without_times(events), "details": _without_times([store.event(e["id"]) for e in events]),
                "summary": store.summary()}
    finally:
        store.close()


def test_same_events_as_single_process_ingest(work: Path, clean_run: Path) -> None:
    ingest = run_cli(work, "--db", "ingest.db", "ingest", "corpus.jsonl")
    assert ingest.returncode == 0, ingest.stderr
    loaded = run_cli(work, "--db", "dask.db", "load", clean_run)
    assert loaded.returncode == 0, loaded.stderr
    # the same counts as ingest: read, new, syndicated copies, extracted, event reports, claims
    assert loaded.stdout.replace("load:", "ingest:") == ingest.stdout
    again = run_cli(work, "--db", "dask.db", "--json", "load", clean_run)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["added"] == 0 and json.loads(again.stdout)["extracted"] == 0

    expected, got = _stored(work / "ingest.db"), _stored(work / "dask.db")
    assert len(expected["events"]) > 20 and any(len(e["articles"]) > 1 for e in expected["events"])  # merged
    assert got["events"] == expected["events"]  # every field of every event, ids included, in order
    assert got["details"] == expected["details"]  # each event's reports, evidence and sources
    assert got["summary"] == expected["summary"]


def test_bad_records_fail_alone(cluster, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    told = "Gunmen attacked a police checkpoint near the river town on Tuesday, killing two officers, a district official said."
    lines = [json.dumps({"id": "good-1", "text": told, "published": "2024-03-05"}).encode(), b"[1, 2, 3]",
             json.dumps({"id": "no-text", "title": "nothing here"}).encode(), b"\x00\x9f\xff PK\x03\x04 binary",
             json.dumps({"id": "good-2", "text": told.replace("two", "four"), "published": "2024-03-06"}).encode()]
    with gzip.open(tmp_path / "mixed.jsonl.gz", "wb") as fh:
        fh.write(b"\n".join(lines) + b"\n")
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": [told.replace("Tuesday", "Friday"), None],
                             "published": ["2024-04-01", "2024-04-02"]}), tmp_path / "rows.parquet")
    proc = run_cli(tmp_path, "extract", "--engine", "dask", "--scheduler", cluster[0], "mixed.jsonl.gz",
                   "rows.parquet", "-o", "out")
    assert proc.returncode == 1, proc.stderr  # like ingest: some input failed, the rest was done
    assert "2 partitions, 0 done before, 2 done now (3 articles, 4 bad records" in proc.stdout

    errors = shard_rows(tmp_path / "out", "errors")
    assert [(e["line"], e["stage"], e["reason"]) for e in errors["part-00000"]] == [
        (2, "read", "line 2: not a JSON object"), (3, "read", "line 3: no 'text' field"),
        (4, "read", "line 4: not valid JSON (Expecting value)")]
    assert [(e["source"], e["reason"]) for e in errors["part-00001"]] == [("rows.parquet:2", "row 2: no 'text' field")]
    articles = shard_rows(tmp_path / "out")
    assert [a["external_id"] for a in articles["part-00000"]] == ["good-1", "good-2"]
    assert [a["external_id"] for a in articles["part-00001"]] == ["p1"]
    for row in articles["part-00000"] + articles["part-00001"]:
        events = json.loads(row["extraction"])["events"]
        assert row["events"] == len(events) >= 1 and row["extraction_error"] is None

    loaded = run_cli(tmp_path, "--db", "out.db", "load", "out")
    assert loaded.returncode == 1
    assert "load: 3 articles read, 3 new" in loaded.stdout
    assert "error: mixed.jsonl.gz:3: line 3: no 'text' field" in loaded.stderr


def _saboteur(marker: str):
    """A worker plugin that, the first time any worker starts a partition, kills that worker's
    process 0.3 s into the task (os._exit: no cleanup, as a lost node or the OOM killer)."""
    from distributed import WorkerPlugin

    class KillOnce(WorkerPlugin):
        def transition(self, key, start, finish, **kwargs):
            if finish != "executing" or "watchfloor-part-" not in str(key):
                return
            try:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL))  # only the first, of all workers
            except FileExistsError:
                return
            import threading

            threading.Timer(0.3, os._exit, (1,)).start()

    return KillOnce()


def test_worker_killed_mid_run_is_retried(cluster, work: Path, clean_run: Path) -> None:
    address, client = cluster
    before = set(client.scheduler_info()["workers"])
    marker = work / "killed-once"
    client.register_plugin(_saboteur(str(marker)), name="kill-once")
    try:
        proc = run_cli(work, "extract", "--engine", "dask", "--scheduler", address, "--partition-size", PARTITION,
                       "corpus.jsonl", "-o", "crashed")
    finally:
        client.unregister_worker_plugin("kill-once")
    assert proc.returncode == 0, proc.stderr
    assert marker.exists()
    client.wait_for_workers(2, timeout=60)
    assert set(client.scheduler_info()["workers"]) != before  # one worker died and its nanny replaced it
    assert shard_rows(work / "crashed") == shard_rows(clean_run)
    assert shard_rows(work / "crashed", "errors") == shard_rows(clean_run, "errors")


def test_killed_run_resumes_without_redoing_or_duplicating(cluster, work: Path, clean_run: Path) -> None:
    # the first run starts its own LocalCluster (--workers 1) and is killed with its worker
    first = subprocess.Popen(cli_command("extract", "--engine", "dask", "--workers", 1, "--partition-size", PARTITION,
                                         "corpus.jsonl", "-o", "resumed"),
                             cwd=work, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    shards = work / "resumed" / "articles"
    deadline = time.monotonic() + 120
    try:
        while len(list(shards.glob("part-*.parquet"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    done = {p.name: p.stat().st_mtime_ns for p in shards.glob("part-*.parquet")}
    assert 2 <= len(done) < 12, "the run was to be cut between partitions"

    with pytest.raises(EngineError, match=f"{12 - len(done)} of 12 partitions are not extracted yet"):
        load_outputs(None, str(work / "resumed"), settings_copy())  # refused before the store is touched

    again = run_cli(work, "extract", "--engine", "dask", "--scheduler", cluster[0], "--partition-size", PARTITION,
                    "corpus.jsonl", "-o", "resumed")
    assert again.returncode == 0, again.stderr
    assert f"12 partitions, {len(done)} done before, {12 - len(done)} done now" in again.stdout
    assert {name: (shards / name).stat().st_mtime_ns for name in done} == done  # not one redone
    rows = shard_rows(work / "resumed")
    assert sum(len(r) for r in rows.values()) == lines_of(work / "corpus.jsonl")
    assert rows == shard_rows(clean_run)  # nothing twice, nothing missing, the same as a clean run
    assert not [p for p in (work / "resumed").rglob("*.tmp")]  # what the killed writers left is gone
    assert len(manifest(work / "resumed")["partitions"]) == 12
