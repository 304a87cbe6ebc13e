"""`watchfloor ingest` over HTTP against a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from cli_support import connect_ro, count

FAST = {"WATCHFLOOR_FETCH_PER_HOST_INTERVAL": "0"}


def test_feed_page_loop_and_slow_url_in_a_real_process(run_cli, site, tmp_path: Path) -> None:
    db = tmp_path / "web.db"
    before = dict(site.hits)
    result = run_cli("--db", db, "--json", "ingest", "--allow-private",
                     f"{site.base}/feed.rss", f"{site.base}/page.html", f"{site.base}/loop/a", f"{site.base}/slow",
                     env={**FAST, "WATCHFLOOR_FETCH_TIMEOUT": "0.4"})
    assert result.code == 1, result
    report = result.json()
    assert (report["read"], report["added"], report["extracted"]) == (3, 3, 3), report

    errors = sorted(result.error_lines())  # URLs are fetched at once and read as they arrive
    assert len(errors) == 2, result
    assert errors[0].startswith(f"error: {site.base}/loop/a: ") and "redirect" in errors[0], errors
    assert errors[1] == f"error: {site.base}/slow: timed out after 0.4s", errors
    assert sorted(e["source"] for e in report["errors"]) == [f"{site.base}/loop/a", f"{site.base}/slow"]

    # The feed's entries were followed to their pages on the same server.
    for path in ("/feed.rss", "/news/kurram-checkpost.html", "/news/tank-police.html", "/page.html"):
        assert site.hits.get(path, 0) > before.get(path, 0), path
    con = connect_ro(db)
    try:
        rows = {r[0]: r[1:] for r in con.execute(
            "SELECT a.url, a.title, a.published, a.text FROM articles a ORDER BY a.rowid")}
        publishers = [r[0] for r in con.execute("SELECT host FROM publishers")]
    finally:
        con.close()
    assert set(rows) == {f"{site.base}/news/kurram-checkpost.html", f"{site.base}/news/tank-police.html",
                         f"{site.base}/page.html"}
    kurram = rows[f"{site.base}/news/kurram-checkpost.html"]
    assert kurram[0] == "Militants storm checkpost in Kurram"
    assert kurram[1].startswith("2023-09-12")
    assert "killing four soldiers" in kurram[2] and "Copyright" not in kurram[2]
    assert publishers and all(h == f"127.0.0.1:{site.base.rsplit(':', 1)[1]}" for h in publishers)
    assert count(db, "events") >= 3

    # Running it again fetches again but stores nothing new.
    again = run_cli("--db", db, "--json", "ingest", "--allow-private", f"{site.base}/feed.rss", env=FAST)
    assert again.code == 0, again
    assert again.json()["added"] == 0 and again.json()["duplicates"] == 2
    assert count(db, "articles") == 3


def test_loopback_is_refused_without_allow_private(cli, site, tmp_path: Path) -> None:
    db = tmp_path / "web.db"
    before = site.hits.get("/page.html", 0)
    result = cli("--db", db, "ingest", f"{site.base}/page.html", env=FAST)
    assert result.code == 1
    assert result.stderr.splitlines() == [
        f"error: {site.base}/page.html: refused: 127.0.0.1 is a private/loopback address "
        "(use --allow-private or set fetch.allow_private to allow)"]
    assert site.hits.get("/page.html", 0) == before  # not even one request
    assert count(db, "articles") == 0

    allowed = cli("--db", db, "--json", "ingest", "--allow-private", f"{site.base}/page.html", env=FAST)
    assert allowed.code == 0, allowed
    assert allowed.json()["added"] == 1


def test_redirect_loop_alone(cli, site, tmp_path: Path) -> None:
    result = cli("--db", tmp_path / "w.db", "ingest", "--allow-private", f"{site.base}/loop/b", env=FAST)
    assert result.code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {site.base}/loop/b: redirect loop")
    assert "0 articles read" in result.stdout and "1 failed" in result.stdout
