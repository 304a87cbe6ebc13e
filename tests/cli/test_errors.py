"""Exit codes and one-line messages: unusable databases and settings, usage errors, eval, version."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest


def _one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("watchfloor: "), stderr
    return lines[0]


def test_unusable_database_in_a_real_process(run_cli, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not an SQLite database, only some text " * 50)
    result = run_cli("--db", junk, "stats")
    assert result.code == 3 and result.stdout == ""
    assert _one_line(result.stderr) == f"watchfloor: {junk}: not a usable SQLite database (file is not a database)"
    assert junk.read_bytes() == b"this is not an SQLite database, only some text " * 50

    missing = tmp_path / "no" / "such" / "folder" / "w.db"
    result = run_cli("--db", missing, "ingest", tmp_path)
    assert result.code == 3
    assert _one_line(result.stderr) == f"watchfloor: {missing}: folder {missing.parent} does not exist"
    assert not missing.parent.exists()


@pytest.mark.parametrize("command", [["stats"], ["events"], ["claims"], ["search", "x"], ["demo"],
                                     ["export", "events"], ["extract", "--stored"], ["ingest", "nothing.txt"]])
def test_every_command_refuses_a_bad_database(cli, tmp_path: Path, command: list[str]) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00garbage" * 100)
    result = cli("--db", junk, *command)
    assert result.code == 3, result
    _one_line(result.stderr)


def test_other_sqlite_file_and_newer_schema(cli, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes(x)")
    con.commit()
    con.close()
    result = cli("--db", other, "stats")
    assert result.code == 3
    assert "not a watchfloor database" in _one_line(result.stderr)

    newer = tmp_path / "newer.db"
    con = sqlite3.connect(newer)
    con.execute("PRAGMA user_version = 99")
    con.close()
    result = cli("--db", newer, "events")
    assert result.code == 3
    assert "newer than this watchfloor" in _one_line(result.stderr)


@pytest.mark.parametrize("content, reason", [
    ("[[[not toml", "not valid TOML"),
    ("[store]\nno_such_key = 1\n", "unknown setting 'no_such_key'"),
    ("store = 5\n", "'store' must be a table"),
])
def test_bad_config_file_exits_3_even_with_db(cli, tmp_path: Path, content: str, reason: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(content, encoding="utf-8")
    for args in (["--db", tmp_path / "w.db", "--config", config, "stats"], ["--config", config, "stats"]):
        result = cli(*args)
        assert result.code == 3, result
        assert reason in _one_line(result.stderr)
    assert not (tmp_path / "w.db").exists() and not (tmp_path / "watchfloor.db").exists()


def test_bad_settings_from_environment(cli, tmp_path: Path) -> None:
    missing = cli("--db", tmp_path / "w.db", "stats", env={"WATCHFLOOR_CONFIG": str(tmp_path / "nope.toml")})
    assert missing.code == 3 and "config file not found" in _one_line(missing.stderr)
    bad = cli("--db", tmp_path / "w.db", "stats", env={"WATCHFLOOR_STORE_BATCH_SIZE": "many"})
    assert bad.code == 3 and "WATCHFLOOR_STORE_BATCH_SIZE" in _one_line(bad.stderr)


def test_db_from_environment_and_config(cli, tmp_path: Path) -> None:
    via_env = tmp_path / "env.db"
    assert cli("stats", env={"WATCHFLOOR_DB": str(via_env)}).code == 0
    assert via_env.exists()
    config = tmp_path / "c.toml"
    via_config = tmp_path / "config.db"
    config.write_text(f'[store]\npath = "{via_config}"\n', encoding="utf-8")
    assert cli("--config", config, "stats").code == 0
    assert via_config.exists()
    assert cli("stats").code == 0
    assert (tmp_path / "watchfloor.db").exists()  # the default, in the working folder


def test_usage_errors_exit_2(cli, tmp_path: Path) -> None:
    assert cli("--db", tmp_path / "w.db", "no-such-command").code == 2
    assert cli("--db", tmp_path / "w.db", "events", "--limit", "many").code == 2
    assert cli("--db", tmp_path / "w.db", "ingest").code == 2  # SOURCE is required


def test_eval_unknown_set_needs_no_data(cli, tmp_path: Path) -> None:
    for path in ("/no/such/file.csv", str(tmp_path)):
        result = cli("eval", "nosuchset", path)
        assert result.code == 2, result
        assert _one_line(result.stderr) == "watchfloor: unknown evaluation set 'nosuchset'; choose from acled, ucdp, muc4, polnear, world, pitf, geo"
    missing = cli("eval", "acled", tmp_path / "missing.csv")
    assert missing.code == 1
    assert _one_line(missing.stderr) == f"watchfloor: {tmp_path / 'missing.csv'}: no such file"


def test_schema_and_version(cli) -> None:
    schema = cli("schema")
    assert schema.code == 0
    assert json.loads(schema.stdout)["title"].startswith("watchfloor extraction output")
    version = cli("--version")
    assert version.code == 0 and version.stdout.startswith("watchfloor ")


def test_a_database_failure_after_open_is_one_line_and_exit_3(run_cli, tmp_path: Path) -> None:
    """A lock held past the busy timeout: the partial report, then `watchfloor: DB: reason`, exit
    3, no traceback, and what was stored before stays stored."""
    import sqlite3

    db = tmp_path / "news.db"
    (tmp_path / "first.txt").write_text("Curfew lifted\nThe curfew in Parachinar was lifted on Sunday.\n")
    (tmp_path / "second.txt").write_text("Road reopened\nThe Karakoram highway reopened on Monday.\n")
    assert run_cli("--db", db, "ingest", "--no-extract", "first.txt").code == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = run_cli("--db", db, "ingest", "--no-extract", "second.txt", env={"WATCHFLOOR_STORE_BUSY_TIMEOUT": "0.2"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.code == 3, r.stderr
    assert "Traceback" not in r.stderr
    assert f"watchfloor: DB: database is locked ({db})" in r.stderr
    assert "1 articles read" in r.stdout or "1 article read" in r.stdout
    stats = run_cli("--db", db, "--json", "stats")
    assert stats.code == 0 and stats.json()["articles"] == 1


def test_control_characters_in_names_and_articles_are_shown_not_acted_on(run_cli, tmp_path: Path) -> None:
    """A file name can carry an escape sequence and a newline (forging a second `error:` line);
    a page title can carry an escape and Rich markup. Neither reaches the terminal raw."""
    hostile = tmp_path / "x\x1b[2J\x1b]0;pwned\x07\nerror: forged.txt"
    hostile.write_bytes(b"")  # empty: one error line, about this file
    r = run_cli("--db", tmp_path / "n.db", "ingest", "--no-extract", hostile)
    assert r.code == 1
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr
    assert "\\x1b[2J" in r.stderr
    assert [line for line in r.stderr.splitlines() if line.startswith("error:")] == [
        line for line in r.stderr.splitlines() if "forged" in line]  # one line, the forged part inside it

    page = tmp_path / "page.txt"
    page.write_text("Blast \x1b[2J[bold red]in Bannu[/bold red]\n"
                    "A bomb exploded in Bannu on Monday, killing two policemen, officials said.\n")
    assert run_cli("--db", tmp_path / "n.db", "ingest", page).code == 0
    for args in (["search", "Bannu"], ["events"], ["claims"]):
        shown = run_cli("--db", tmp_path / "n.db", *args)
        assert shown.code == 0 and "\x1b" not in shown.stdout, args
    found = run_cli("--db", tmp_path / "n.db", "search", "Bannu").stdout
    assert "[bold red]in Bannu[/bold red]" in found  # markup printed literally
