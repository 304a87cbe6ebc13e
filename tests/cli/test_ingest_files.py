"""`watchfloor ingest` of files and folders: bad input never stops a run nor touches stored data."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from cli_support import connect_ro, count, snapshot

FIRST = ("Blast at Quetta market\n"
         "A bomb exploded at a crowded market in Quetta on Monday, killing six people and "
         "wounding twenty others, police said.\n")
GOOD_TXT = ("Roadside bomb in Kurram\n"
            "A roadside bomb killed five soldiers in Kurram district on Sunday, the military said.\n")
LATIN1 = ("Caf\xe9 owner shot in Bannu\nGunmen shot dead a caf\xe9 owner in Bannu on Friday, "
          "police said, and fled on a motorcycle.\n").encode("latin-1")
JSONL = [
    {"id": "j1", "title": "Attack in Zhob", "published": "2023-05-03",
     "text": "Gunmen attacked a checkpost in Zhob on Wednesday, killing four soldiers, officials said."},
    "{this is not json",
    {"id": "j2", "title": "Grenade attack in Turbat", "published": "2023-05-04",
     "text": "A grenade was hurled at a police station in Turbat on Thursday, injuring two policemen."},
]
MALFORMED_HTML = ("<html><head><title>Police station attacked in Lakki Marwat</title><body><div><p>"
                  "Militants attacked a police station in Lakki Marwat on Friday night, killing two "
                  "policemen, district police officials said.<p>The attack lasted two hours <b><i>"
                  "<table><tr><td>and the militants escaped</div></span>")


def _bad_batch(folder: Path) -> None:
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00 binary \x00\x00" * 10)
    (folder / "latin1.txt").write_bytes(LATIN1)
    (folder / "records.jsonl").write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in JSONL) + "\n", encoding="utf-8")
    (folder / "broken.html").write_text(MALFORMED_HTML, encoding="utf-8")
    (folder / "huge.txt").write_text("Huge file\n" + "word " * 5000, encoding="utf-8")
    (folder / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    (folder / "ignored.pdf").write_bytes(b"%PDF-1.4 not a pattern we read")


def _first_then_bad(run, tmp_path: Path, *bad_args: str, env: dict | None = None):
    db = tmp_path / "w.db"
    first_file = tmp_path / "first.txt"
    first_file.write_text(FIRST, encoding="utf-8")
    first = run("--db", db, "ingest", first_file)
    assert first.code == 0, first
    assert count(db, "articles") == 1 and count(db, "events") >= 1
    before = snapshot(db)
    _bad_batch(tmp_path / "batch")
    return db, before, run("--db", db, *bad_args, "ingest", tmp_path / "batch", env=env)


def _check_bad_batch(db: Path, before: dict, result, batch: Path) -> None:
    assert result.code == 1, result
    errors = result.error_lines()
    # One line per failure, each naming its source, and nothing else on stderr.
    assert len(errors) == 4, result
    assert result.stderr.count("\n") == 4, result
    by_source = {line.split(": ", 2)[1]: line.split(": ", 2)[2] for line in errors}
    assert set(by_source) == {str(batch / "empty.txt"), str(batch / "binary.txt"),
                              str(batch / "huge.txt"), f"{batch / 'records.jsonl'}:2"}, errors
    assert "empty" in by_source[str(batch / "empty.txt")]
    assert "binary" in by_source[str(batch / "binary.txt")]
    assert "ingest.max_file_bytes" in by_source[str(batch / "huge.txt")]
    assert "line 2" in by_source[f"{batch / 'records.jsonl'}:2"]

    db_ = connect_ro(db)
    try:
        titles = {r[0]: json.loads(r[1]) for r in db_.execute("SELECT title, flags FROM articles")}
        unextracted = db_.execute("SELECT count(*) FROM articles WHERE extractor_version IS NULL").fetchone()[0]
    finally:
        db_.close()
    # The good ones are stored (invalid UTF-8 is decoded with replacement and flagged, not refused;
    # malformed HTML is parsed leniently) and extracted ...
    assert set(titles) == {"Blast at Quetta market", "Roadside bomb in Kurram", "Attack in Zhob",
                           "Grenade attack in Turbat", "Caf\ufffd owner shot in Bannu",
                           "Police station attacked in Lakki Marwat"}, titles
    assert "invalid-utf8" in titles["Caf\ufffd owner shot in Bannu"]
    assert unextracted == 0
    # ... and what was stored before is untouched, with its events.
    after = snapshot(db)
    for table, rows in before.items():
        if table == "publishers":
            continue
        kept = set(after[table])
        assert all(row in kept for row in rows), table
    first_id = before["articles"][0][1]
    assert [r for r in after["event_reports"] if r[1] == first_id] == \
        [r for r in before["event_reports"] if r[1] == first_id]


def test_bad_batch_in_a_real_process(run_cli, tmp_path: Path) -> None:
    """Size limit from the environment variable; everything through a real subprocess."""
    db, before, result = _first_then_bad(run_cli, tmp_path, env={"WATCHFLOOR_INGEST_MAX_FILE_BYTES": "20000"})
    assert "5 articles read, 5 new, 0 already stored; 5 extracted" in result.stdout, result
    assert "4 failed" in result.stdout
    _check_bad_batch(db, before, result, tmp_path / "batch")


def test_bad_batch_with_config_file_and_json(cli, tmp_path: Path) -> None:
    """Size limit from a --config TOML file; --json gives the same failures on stdout."""
    config = tmp_path / "small.toml"
    config.write_text("[ingest]\nmax_file_bytes = 20000\n", encoding="utf-8")
    db, before, result = _first_then_bad(cli, tmp_path, "--config", str(config), "--json")
    report = result.json()
    assert (report["read"], report["added"], report["extracted"]) == (5, 5, 5)
    assert len(report["errors"]) == 4
    _check_bad_batch(db, before, result, tmp_path / "batch")

    again = cli("--db", db, "--config", str(config), "--json", "ingest", tmp_path / "batch")
    assert again.code == 1
    assert again.json()["added"] == 0 and again.json()["duplicates"] == 5
    assert count(db, "articles") == 6


def test_one_line_per_error_even_when_long(cli, tmp_path: Path) -> None:
    # A long path must not be wrapped onto two lines by the console (80 columns when piped).
    deep = tmp_path / ("a-rather-long-folder-name-for-testing-line-wrapping-" * 3)
    deep.mkdir()
    (deep / "empty.txt").write_bytes(b"")
    result = cli("--db", tmp_path / "w.db", "ingest", deep / "empty.txt")
    assert result.code == 1
    assert result.stderr.splitlines() == [f"error: {deep / 'empty.txt'}: empty file"]


def test_glob_matching_nothing(cli, tmp_path: Path) -> None:
    result = cli("--db", tmp_path / "w.db", "ingest", str(tmp_path / "nowhere" / "*.txt"))
    assert result.code == 1
    assert result.error_lines() == [f"error: {tmp_path / 'nowhere' / '*.txt'}: glob matched no files"]
    assert "0 articles read" in result.stdout


def test_glob_stdin_and_no_extract_then_extract_stored(cli, tmp_path: Path) -> None:
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD_TXT, encoding="utf-8")
    (folder / "b.txt").write_text(FIRST, encoding="utf-8")
    db = tmp_path / "w.db"
    result = cli("--db", db, "--json", "ingest", "--no-extract", str(folder / "*.txt"))
    assert result.code == 0, result
    assert result.json()["added"] == 2 and result.json()["extracted"] == 0
    assert count(db, "events") == 0

    piped = cli("--db", db, "--json", "ingest", "-",
                stdin="Suicide attack in Peshawar\nA suicide bomber blew himself up at a police "
                      "checkpoint in Peshawar on Tuesday, killing three policemen.\n")
    assert piped.code == 0, piped
    assert piped.json()["added"] == 1 and piped.json()["extracted"] == 1

    stored = cli("--db", db, "--json", "extract", "--stored")
    assert stored.code == 0, stored
    assert stored.json()["extracted"] == 2
    assert count(db, "articles", "WHERE extractor_version IS NULL") == 0
    events = count(db, "events")
    assert events >= 3
    assert cli("--db", db, "--json", "extract", "--stored").json()["extracted"] == 0
    everything = cli("--db", db, "--json", "extract", "--stored", "--all")
    assert everything.json()["extracted"] == 3
    assert count(db, "events") == events  # re-extraction replaces, never duplicates


def test_ingest_writes_nothing_when_the_db_is_unusable(cli, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    (tmp_path / "a.txt").write_text(GOOD_TXT, encoding="utf-8")
    sqlite3.connect(db).executescript("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
    result = cli("--db", db, "ingest", tmp_path / "a.txt")
    assert result.code == 3
    assert result.stderr.strip() == f"watchfloor: {db}: an SQLite file, but not a watchfloor database"
    assert snapshot_tables(db) == ["t"]


def snapshot_tables(db: Path) -> list[str]:
    con = connect_ro(db)
    try:
        return [r[0] for r in con.execute("SELECT name FROM sqlite_master ORDER BY name")]
    finally:
        con.close()
