"""A killed `watchfloor ingest` leaves a consistent database, and the same command finishes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_support import clean_env, connect_ro

N, BATCH = 300, 10
DISTRICTS = ["Bannu", "Quetta", "Zhob", "Kurram", "Peshawar", "Lakki Marwat", "Tank", "Kech", "Panjgur", "Khyber"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _corpus(path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(N):
            district = DISTRICTS[i % len(DISTRICTS)]
            fh.write(json.dumps({
                "id": f"k{i:03d}",
                "title": f"Police post attacked in {district} ({i})",
                "published": (date(2023, 1, 1) + timedelta(days=i)).isoformat(),
                "text": f"Militants attacked a police post in {district} on {DAYS[i % 7]}, killing "
                        f"{NUMBERS[i % len(NUMBERS)]} policemen, officials said. Report number {i}.",
            }) + "\n")


def _extracted(db: Path) -> int:
    try:
        con = connect_ro(db)
        try:
            return con.execute("SELECT count(*) FROM articles WHERE extracted_at IS NOT NULL").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:  # not created or not migrated yet, or busy
        return 0


def _state(db: Path) -> dict[str, list]:
    """article id -> [extractor_version, event ids, #places, #evidence]"""
    con = connect_ro(db)
    try:
        out = {}
        for aid, version in con.execute("SELECT id, extractor_version FROM articles"):
            events = [r[0] for r in con.execute(
                "SELECT event_id FROM event_reports WHERE article_id = ? ORDER BY ordinal", (aid,))]
            places = con.execute("SELECT count(*) FROM places WHERE article_id = ?", (aid,)).fetchone()[0]
            evidence = con.execute("SELECT count(*) FROM evidence WHERE article_id = ?", (aid,)).fetchone()[0]
            out[aid] = [version, events, places, evidence]
        return out
    finally:
        con.close()


def _processes_naming(db: Path) -> list[int]:
    """Live processes whose command line names the database (a killed run's workers would)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(db).encode() in (entry / "cmdline").read_bytes():
                if "Z" not in (entry / "stat").read_text().split(")")[-1].split()[0]:  # not a zombie
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_killed_ingest_resumes(run_cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus)
    db = tmp_path / "resume.db"
    env = {"WATCHFLOOR_STORE_BATCH_SIZE": str(BATCH)}
    args = ["--db", str(db), "--json", "ingest", str(corpus)]

    proc = subprocess.Popen([sys.executable, "-m", "watchfloor.cli", *args], cwd=tmp_path,
                            env=clean_env(**env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        # Kill it in the middle of things: a couple of batches stored and extracted, the next
        # one being extracted.
        while proc.poll() is None and _extracted(db) < 2 * BATCH + 3 and time.monotonic() < deadline:
            time.sleep(0.005)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    if proc.returncode != -signal.SIGKILL:
        pytest.fail(f"ingest ended (exit {proc.returncode}) before it could be killed")
    # Its extracting workers die with it rather than wait for work forever.
    deadline = time.monotonic() + 10
    while _processes_naming(db) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_naming(db) == []

    # The database opens, is intact, and holds whole batches only.
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()
    assert 0 < stored < N, stored
    assert stored % BATCH == 0, stored
    partial = _state(db)
    # Every article is either fully extracted (version, its event, places, evidence) or not at all.
    done = {aid: s for aid, s in partial.items() if s[0] is not None}
    for aid, (version, events, places, evidence) in partial.items():
        if version is None:
            assert (events, places, evidence) == ([], 0, 0), aid
        else:
            assert len(events) == 1 and places >= 1 and evidence >= 1, (aid, events, places, evidence)

    # The same command again: finishes the job, duplicates nothing.
    again = run_cli(*args, env=env)
    assert again.code == 0, again
    report = again.json()
    assert report["read"] == N and report["added"] == N - stored and report["duplicates"] == stored
    assert report["extracted"] == N - len(done)
    final = _state(db)
    assert len(final) == N
    assert all(s[0] is not None and len(s[1]) == 1 for s in final.values())
    for aid, s in done.items():
        assert final[aid] == s, aid  # what was extracted before the kill is unchanged
    con = connect_ro(db)
    try:
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == N
        assert con.execute("SELECT count(*) FROM event_reports").fetchone()[0] == N
        assert con.execute("SELECT count(DISTINCT content_hash) FROM articles").fetchone()[0] == N
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()

    # Nothing is left over for `extract --stored`.
    leftover = run_cli("--db", db, "--json", "extract", "--stored")
    assert leftover.code == 0, leftover
    assert leftover.json()["extracted"] == 0
    assert _state(db) == final
