"""`watchfloor demo`: summary, idempotence, --json, --quiet; and the progress bar vs stdout."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

from cli_support import clean_env, count, snapshot

from watchfloor.eval.demo import load_gold

DEMO_ARTICLES = len(load_gold())  # every file, feed entry and JSONL line of the demo corpus
COPIES = sum(bool(g.get("copy_of")) for g in load_gold())  # syndicated copies: stored, not extracted


def test_demo_twice_in_a_real_process_is_idempotent(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    first = run_cli("--db", db, "demo")
    assert first.code == 0, first
    assert f"demo corpus ingested into {db}" in first.stdout
    assert (f"ingest: {DEMO_ARTICLES} articles read, {DEMO_ARTICLES} new, 0 already stored, {COPIES} syndicated "
            f"copies of stored articles; {DEMO_ARTICLES - COPIES} extracted") in first.stdout
    for word in ("articles from", "events", "claims", "Busiest districts", "Balochistan"):
        assert word in first.stdout, first
    assert first.stderr == ""
    events = count(db, "events")
    assert count(db, "articles") == DEMO_ARTICLES and events > 0
    before = snapshot(db)

    second = run_cli("--db", db, "demo")
    assert second.code == 0, second
    assert f"{DEMO_ARTICLES} articles read, 0 new, {DEMO_ARTICLES} already stored; 0 extracted" in second.stdout
    assert count(db, "articles") == DEMO_ARTICLES
    assert count(db, "events") == events
    after = snapshot(db)
    assert after["events"] == before["events"] and after["event_reports"] == before["event_reports"]
    assert after["places"] == before["places"] and after["evidence"] == before["evidence"]


def test_demo_json_and_quiet(cli, demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    result = cli("--db", db, "--json", "demo")
    assert result.code == 0, result
    data = result.json()  # stdout is nothing but the JSON document
    assert set(data) == {"ingest", "summary"}
    assert data["ingest"] == {"read": DEMO_ARTICLES, "added": 0, "duplicates": DEMO_ARTICLES, "superseded": 0,
                              "history": 0, "copies": 0, "extracted": 0, "events": 0, "cut": [],
                              "claims": 0, "errors": []}
    summary = data["summary"]
    for key in ("articles", "articles_extracted", "publishers", "events", "fatalities", "claims",
                "statistics", "places", "first_event", "last_event", "events_by_type", "busiest_districts"):
        assert key in summary
    assert summary["articles"] == summary["articles_extracted"] + COPIES == DEMO_ARTICLES
    assert summary["busiest_districts"] and {"admin1", "admin2", "events", "fatalities"} <= set(
        summary["busiest_districts"][0])

    quiet = cli("--db", db, "--quiet", "demo")
    assert quiet.code == 0 and quiet.stdout == "", quiet
    assert count(db, "articles") == DEMO_ARTICLES


def test_demo_reports_failures_with_exit_1_also_with_json(cli, tmp_path: Path) -> None:
    # A tiny file-size limit makes the bigger demo files fail: each one error line, exit 1,
    # and --json still gives pure JSON on stdout that lists the same failures.
    db = tmp_path / "small.db"
    result = cli("--db", db, "--json", "demo", env={"WATCHFLOOR_INGEST_MAX_FILE_BYTES": "3000"})
    assert result.code == 1, result
    data = result.json()
    failed = data["ingest"]["errors"]
    assert failed and len(result.error_lines()) == len(failed)
    assert all("ingest.max_file_bytes" in e["reason"] for e in failed)
    assert 0 < data["summary"]["articles"] < DEMO_ARTICLES


def _run_with_tty_stderr(args: list[str], stdin: bytes = b"") -> tuple[int, bytes, bytes]:
    """Run the CLI with stderr on a pseudo-terminal (so rich shows its progress bar)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "watchfloor.cli", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=slave, env=clean_env())
    os.close(slave)
    proc.stdin.write(stdin)
    proc.stdin.close()
    tty = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        tty += chunk
    os.close(master)
    stdout = proc.stdout.read()
    return proc.wait(timeout=60), stdout, tty


def test_progress_bar_never_reaches_stdout(tmp_path: Path) -> None:
    """With stderr on a terminal: `--json ingest` stdout is pure JSON, and `extract` (which does
    show a bar on stderr) writes only JSONL lines to stdout."""
    lines = [json.dumps({"id": f"p{i}", "text": f"Militants attacked a police post in Bannu on Monday, "
                                                  f"killing {i + 2} policemen.", "published": "2023-05-01"})
             for i in range(20)]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")

    code, stdout, _ = _run_with_tty_stderr(["--db", str(tmp_path / "p.db"), "--json", "ingest", str(src)])
    assert code == 0, stdout
    assert json.loads(stdout)["added"] == 20

    code, stdout, tty = _run_with_tty_stderr(["--db", str(tmp_path / "p.db"), "extract", "-"],
                                             stdin="\n".join(lines).encode())
    assert code == 0
    assert b"extracting" in tty  # the bar was really drawn, on the terminal
    out = stdout.decode().splitlines()
    assert [json.loads(line)["id"] for line in out] == [f"p{i}" for i in range(20)]
