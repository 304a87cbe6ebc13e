"""An updated article at the same URL replaces the stored one, which is kept as history:
real HTTP server on 127.0.0.1, real processes, real SQLite files."""

from __future__ import annotations

import json
from pathlib import Path

from watchfloor.store.versions import url_key


def test_an_updated_page_replaces_the_stored_version(run_cli, site, tmp_path: Path) -> None:
    db, url = tmp_path / "v.db", site.base + "/news/updated-story.html"
    first = run_cli("--db", db, "--json", "ingest", "--allow-private", url)
    assert first.code == 0, first
    assert run_cli("--db", db, "--json", "stats").json()["fatalities"] == 3

    second = run_cli("--db", db, "--json", "ingest", "--allow-private", url + "?utm_source=feed#top")
    assert second.code == 0, second
    assert (second.json()["added"], second.json()["superseded"]) == (1, 1)
    stats = run_cli("--db", db, "--json", "stats").json()
    assert (stats["articles"], stats["superseded_versions"], stats["events"], stats["fatalities"]) == (2, 1, 1, 5)

    versions = run_cli("--db", db, "--json", "history", url).json()
    assert [v["current"] for v in versions] == [False, True]
    assert versions[1]["characters"] > versions[0]["characters"]
    # re-extracting everything leaves the older version alone
    again = run_cli("--db", db, "--json", "extract", "--stored", "--all")
    assert again.json()["extracted"] == 1
    assert run_cli("--db", db, "--json", "stats").json()["fatalities"] == 5


def test_an_older_version_arriving_late_is_history(run_cli, tmp_path: Path) -> None:
    db, src = tmp_path / "late.db", tmp_path / "rows.jsonl"
    url = "https://news.example.org/2024/05/06/blast"
    text = "A bomb exploded near a police van in Lakki Marwat district on Monday, killing {} policemen, police said."
    src.write_text(json.dumps({"id": "new", "url": url, "published": "2024-05-07", "text": text.format("five")}) + "\n")
    assert run_cli("--db", db, "--json", "ingest", src).code == 0
    src.write_text(json.dumps({"id": "old", "url": url, "published": "2024-05-06", "text": text.format("three")}) + "\n")
    report = run_cli("--db", db, "--json", "ingest", src).json()
    assert (report["added"], report["history"], report["extracted"]) == (1, 1, 0)
    stats = run_cli("--db", db, "--json", "stats").json()
    assert (stats["events"], stats["fatalities"]) == (1, 5)
    assert [v["published"] for v in run_cli("--db", db, "--json", "history", url).json()] == ["2024-05-06", "2024-05-07"]


def test_url_keys_ignore_what_marks_a_visit_not_a_page() -> None:
    assert url_key("HTTPS://News.Example.org:443/a/b/?utm_source=x&id=7&fbclid=y#comments") == \
        "https://news.example.org/a/b?id=7"
    assert url_key("http://example.org:8080/") == "http://example.org:8080/"
    assert url_key("https://example.org/a?page=2") != url_key("https://example.org/a?page=3")
    assert url_key(None) is None and url_key("not a url") == "not a url"
