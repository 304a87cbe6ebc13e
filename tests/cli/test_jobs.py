"""`--jobs N`: extraction in worker processes stores exactly what one process stores, and
`extract --stored --all` streams the stored articles through the workers. Real processes,
real SQLite files."""

from __future__ import annotations

import shutil
from pathlib import Path

from cli_support import connect_ro, snapshot

from watchfloor.service import demo_corpus_path

_EXTRACTED = ("events", "event_reports", "places", "statistics", "claims", "evidence")
_NUMBERED = ("places", "statistics", "claims", "evidence")


def _extracted(path: Path) -> dict[str, list[tuple]]:
    """The extracted rows, without the row ids a re-extraction renumbers and the times an
    event was created and last updated."""
    rows = snapshot(path)
    columns = [r[1] for r in connect_ro(path).execute("PRAGMA table_info(events)")]
    keep = [i for i, c in enumerate(columns) if c not in ("created_at", "updated_at")]
    rows["events"] = [tuple(r[i] for i in keep) for r in rows["events"]]
    return {t: sorted(r[1:] if t in _NUMBERED else r for r in rows[t]) for t in _EXTRACTED}


def test_two_workers_store_what_one_process_stores(run_cli, tmp_path: Path) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert run_cli("--db", one, "--quiet", "ingest", "--jobs", "1", demo_corpus_path()).code == 0
    result = run_cli("--db", two, "--quiet", "ingest", "--jobs", "2", demo_corpus_path())
    assert result.code == 0, result
    assert _extracted(one) == _extracted(two)
    assert _extracted(two)["events"]


def test_re_extracting_everything_with_workers_changes_nothing(run_cli, demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    shutil.copy(demo_db, db)
    before = _extracted(db)
    result = run_cli("--db", db, "--json", "extract", "--stored", "--all", "--jobs", "2")
    assert result.code == 0, result
    stored = connect_ro(db).execute(
        "SELECT count(*) FROM articles WHERE copy_of IS NULL AND superseded_by IS NULL").fetchone()[0]
    assert result.json()["extracted"] == stored  # syndicated copies are not extracted
    assert _extracted(db) == before


def test_jobs_must_be_a_positive_number(run_cli, tmp_path: Path) -> None:
    result = run_cli("--db", tmp_path / "x.db", "ingest", "--jobs", "0", demo_corpus_path())
    assert result.code == 2 and "--jobs" in result.stderr
