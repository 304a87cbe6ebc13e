"""The per-article budget seen from the command line: a warning naming the cut, exit 0, and
the cut kept with the article. Real processes and SQLite files."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import connect_ro

PARAGRAPH = ("Gunmen attacked a police post in Bannu district on Monday, killing two policemen, officials said. "
             "The spokesman said the attackers fled and a search was launched in the area.\n")


def test_ingest_warns_and_stores_where_an_article_was_cut(run_cli, tmp_path: Path):
    src, db = tmp_path / "long.jsonl", tmp_path / "b.db"
    text = PARAGRAPH * 300
    src.write_text(json.dumps({"id": "long", "text": text, "published": "2023-05-02"}) + "\n")
    result = run_cli("--db", db, "--json", "ingest", src, env={"WATCHFLOOR_EXTRACT_MAX_TEXT_CHARS": "5000"})
    assert result.code == 0, result
    report = result.json()
    assert report["extracted"] == 1 and report["errors"] == [] and report["events"] >= 1
    [cut] = report["cut"]
    assert cut["source"] == f"{src}:1" and cut["reason"].startswith("text cut at character 4,")
    assert f"of {len(text.strip()):,} (extract.max_text_chars)" in cut["reason"]  # the stored text
    assert result.stderr.startswith(f"warning: {src}:1: text cut at character")
    stored = connect_ro(db).execute("SELECT extraction_cut FROM articles").fetchone()[0]
    assert stored == cut["reason"]


def test_extract_jsonl_carries_the_cut_and_warns(run_cli, tmp_path: Path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": PARAGRAPH * 300}) + "\n" + json.dumps({"id": "y", "text": PARAGRAPH}) + "\n")
    result = run_cli("extract", src, env={"WATCHFLOOR_EXTRACT_MAX_TEXT_CHARS": "5000"})
    assert result.code == 0, result
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["cut"]["reason"] == "size" and second["cut"] is None
    assert result.stderr.splitlines() == [f"warning: {src}: id x: {first['cut']['message']}"]
