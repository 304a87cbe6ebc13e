"""`events`, `claims`, `stats`, `search` and `export` on the demo database."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from cli_support import connect_ro, count, snapshot

from watchfloor.eval.demo import load_gold

HOSTILE = ["'", '"', "NEAR(", "; DROP TABLE articles;", "convoy' OR 1=1 --", '"convoy" AND', "*", "^",
           "a:b", "title:convoy", "%", "_", "\\", "()", "NOT", "AND OR NEAR", "\u202e", "[/]", "[bold]x"]

DEMO_ARTICLES = len(load_gold())  # every file, feed entry and JSONL line of the demo corpus


@pytest.fixture(scope="module")
def db(demo_db: Path, tmp_path_factory) -> Path:
    """A copy of the demo database plus one hand-made claim (with console-markup-like text) on
    an article whose published value carries a time of day."""
    from watchfloor.extract import EXTRACTOR_VERSION, Extractor
    from watchfloor.models import Claim
    from watchfloor.store import Store

    path = tmp_path_factory.mktemp("query") / "q.db"
    shutil.copy(demo_db, path)
    with Store(path) as store:
        aid = store.db.execute(
            "SELECT id FROM articles WHERE published LIKE '2023-08-09T%' ORDER BY id LIMIT 1").fetchone()[0]
        art = store.get_article(aid)
        result = Extractor().extract(art.text, art.published, art.title)
        said = "hostile elements [on social media] were spreading false reports [/]"
        start = art.text.find("hostile") if "hostile" in art.text else 0
        result.claims.append(Claim(
            speaker={"text": "the spokesman", "start": None, "end": None, "entity": {"name": "Jan Achakzai"}},
            cue={"text": "said", "start": None, "end": None},
            content={"text": said, "spans": [[start, start + 7]]}, stance="denies", date=None))
        store.save_extraction(aid, result, EXTRACTOR_VERSION)
    return path


def _sql(db: Path, query: str, *params) -> list[tuple]:
    con = connect_ro(db)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def test_events_admin2_filter(cli, db: Path) -> None:
    result = cli("--db", db, "--json", "events", "--admin2", "Bannu", "--limit", "1000")
    assert result.code == 0, result
    rows = result.json()
    expected = _sql(db, "SELECT count(*) FROM events WHERE admin2 = 'Bannu'")[0][0]
    assert len(rows) == expected > 0
    assert all(r["admin2"] == "Bannu" for r in rows)
    assert all(r["articles"] and isinstance(r["civilian_targeting"], bool) for r in rows)
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)

    table = cli("--db", db, "events", "--admin2", "Bannu")
    assert table.code == 0
    assert f"{expected} events" in table.stdout
    assert rows[0]["date"] in table.stdout  # the date column is never cut short
    assert "Quetta" not in table.stdout

    none = cli("--db", db, "--json", "events", "--admin2", "Nowhere")
    assert none.code == 0 and none.json() == []


def test_events_date_and_other_filters(cli, db: Path) -> None:
    rows = cli("--db", db, "--json", "events", "--since", "2023-06-01", "--until", "2023-08-31",
               "--limit", "1000").json()
    expected = _sql(db, "SELECT count(*) FROM events WHERE date BETWEEN '2023-06-01' AND '2023-08-31'")[0][0]
    assert len(rows) == expected > 0
    assert all("2023-06-01" <= r["date"] <= "2023-08-31" for r in rows)

    one_day = cli("--db", db, "--json", "events", "--since", rows[0]["date"], "--until", rows[0]["date"]).json()
    assert one_day and all(r["date"] == rows[0]["date"] for r in one_day)

    kp = cli("--db", db, "--json", "events", "--admin1", "Balochistan", "--type", "Battles", "--limit", "1000").json()
    assert kp and all(r["admin1"] == "Balochistan" and r["event_type"] == "Battles" for r in kp)

    actor = cli("--db", db, "--json", "events", "--actor", "Police", "--limit", "1000").json()
    assert actor and all("Police" in f"{r['actor1']} {r['actor2']}" for r in actor)

    assert len(cli("--db", db, "--json", "events", "--limit", "3").json()) == 3


def _injected(rows: list[dict]) -> list[dict]:
    return [r for r in rows if (r["speaker"] or {}).get("entity", {}).get("name") == "Jan Achakzai"
            and "false reports [/]" in r["content"]["text"]]


def test_claims_filters(cli, db: Path) -> None:
    rows = cli("--db", db, "--json", "claims", "--limit", "100000").json()
    assert len(rows) == count(db, "claims") > 1
    [claim] = _injected(rows)
    assert claim["stance"] == "denies" and claim["article_published"].startswith("2023-08-09T")
    by_speaker = cli("--db", db, "--json", "claims", "--speaker", "Achakzai", "--limit", "1000").json()
    assert _injected(by_speaker) and all("Achakzai" in json.dumps(r["speaker"]) for r in by_speaker)
    denials = cli("--db", db, "--json", "claims", "--stance", "denies", "--limit", "1000").json()
    assert _injected(denials) and all(r["stance"] == "denies" for r in denials)
    assert _injected(cli("--db", db, "--json", "claims", "--stance", "denies", "--text", "false reports").json())
    asserts = cli("--db", db, "--json", "claims", "--stance", "asserts", "--limit", "1000").json()
    assert asserts and not _injected(asserts)
    # The article's published value has a time of day; --until that day must still include it.
    same_day = cli("--db", db, "--json", "claims", "--since", "2023-08-09", "--until", "2023-08-09",
                   "--limit", "1000").json()
    assert _injected(same_day)
    assert all((r.get("date") or r["article_published"])[:10] == "2023-08-09" for r in same_day)
    assert not _injected(cli("--db", db, "--json", "claims", "--until", "2023-08-08", "--limit", "1000").json())
    assert not _injected(cli("--db", db, "--json", "claims", "--since", "2023-08-10", "--limit", "1000").json())

    table = cli("--db", db, "claims", "--speaker", "Achakzai", env={"COLUMNS": "250"})
    assert table.code == 0 and "Jan Achakzai" in table.stdout
    # Text from the article is shown as it is, never read as console markup.
    assert "hostile elements [on social media] were spreading false reports [/]" in table.stdout


def test_stats(cli, db: Path) -> None:
    summary = cli("--db", db, "--json", "stats").json()
    assert summary["articles"] == DEMO_ARTICLES and summary["claims"] == count(db, "claims") > 1
    assert summary["events"] == count(db, "events")
    text = cli("--db", db, "stats")
    assert text.code == 0
    assert f"{DEMO_ARTICLES} articles from" in text.stdout and "Busiest districts" in text.stdout
    assert summary["busiest_districts"][0]["admin2"] in text.stdout


def test_export_events_csv_in_a_real_process(run_cli, db: Path, tmp_path: Path) -> None:
    target = tmp_path / "f.csv"
    result = run_cli("--db", db, "export", "events", "--format", "csv", "-o", target)
    assert result.code == 0, result
    n = count(db, "events")
    assert result.stdout == "" and result.stderr.strip() == f"exported {n} events to {target}"
    with target.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert {"id", "event_type", "date", "admin1", "admin2", "fatalities", "articles"} <= set(reader.fieldnames)
    assert len(rows) == n
    assert all(isinstance(json.loads(r["articles"]), list) for r in rows)
    assert {r["id"] for r in rows} == {r[0] for r in _sql(db, "SELECT id FROM events")}


def test_export_jsonl_and_other_kinds(cli, db: Path, tmp_path: Path) -> None:
    events = cli("--db", db, "export", "events", "--format", "jsonl")
    assert events.code == 0
    lines = [json.loads(line) for line in events.stdout.splitlines()]
    assert len(lines) == count(db, "events") and all("event_type" in r for r in lines)

    claims = cli("--db", db, "export", "claims", "--format", "jsonl", "-o", tmp_path / "c.jsonl")
    assert claims.code == 0
    exported = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text().splitlines()]
    assert len(exported) == count(db, "claims")
    [claim] = _injected(exported)
    assert claim["stance"] == "denies"

    articles = cli("--db", db, "export", "articles", "--format", "csv")
    assert articles.code == 0
    rows = list(csv.DictReader(io.StringIO(articles.stdout, newline="")))
    assert len(rows) == DEMO_ARTICLES and all(r["text"] and r["id"] for r in rows)


def test_export_errors(cli, db: Path, tmp_path: Path) -> None:
    unknown = cli("--db", db, "export", "widgets")
    assert unknown.code == 2
    assert unknown.stderr.strip() == "watchfloor: cannot export 'widgets': choose events, claims or articles"
    fmt = cli("--db", db, "export", "events", "--format", "xml")
    assert fmt.code == 2 and fmt.stderr.startswith("watchfloor: unknown format")

    nowhere = cli("--db", db, "export", "events", "-o", tmp_path / "no" / "f.csv")
    assert nowhere.code == 1
    assert len(nowhere.stderr.splitlines()) == 1 and "cannot write" in nowhere.stderr

    # A database that cannot be used: exit 3, and no half-made output file.
    bad = tmp_path / "bad.db"
    bad.write_text("not a database " * 100)
    out = tmp_path / "out.csv"
    failed = cli("--db", bad, "export", "events", "-o", out)
    assert failed.code == 3 and not out.exists()


def test_search_and_hostile_strings(cli, db: Path) -> None:
    found = cli("--db", db, "--json", "search", "convoy")
    assert found.code == 0
    hits = found.json()
    assert hits and all({"id", "title", "published", "snippet"} <= set(h) for h in hits)
    assert any("[convoy]" in h["snippet"].lower() for h in hits)
    assert cli("--db", db, "search", "convoy").stdout.count("\n") == 2 * len(hits)

    before = snapshot(db)
    for text in HOSTILE:
        for args in (["search", text], ["events", "--actor", text], ["events", "--admin2", text],
                     ["claims", "--text", text], ["claims", "--speaker", text]):
            result = cli("--db", db, "--json", *args)
            assert result.code == 0, (args, result)
            assert isinstance(result.json(), list)
            assert result.stderr == ""
        plain = cli("--db", db, "search", text)  # the human output must not choke on markup either
        assert plain.code == 0, (text, plain)
    assert snapshot(db) == before
    assert count(db, "articles") == DEMO_ARTICLES


@pytest.mark.parametrize("value", ["0", "-1", "99999999999999999999", "ten"])
@pytest.mark.parametrize("command", [["events"], ["claims"], ["search", "convoy"]])
def test_counts_out_of_range_are_usage_errors(cli, db: Path, command: list[str], value: str) -> None:
    r = cli("--db", db, *command, "--limit", value)
    assert r.code == 2, r
    assert "Traceback" not in r.stderr and "--limit" in r.stderr


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(cli, tmp_path: Path) -> None:
    (tmp_path / "formula.txt").write_text('=HYPERLINK("http://evil.example","open")\n'
                                          "Police said the road in Bannu reopened on Monday after a week.\n")
    assert cli("--db", tmp_path / "f.db", "ingest", "--no-extract", tmp_path / "formula.txt").code == 0
    out = cli("--db", tmp_path / "f.db", "export", "articles", "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(out.stdout, newline="")))
    assert row["title"] == "'" + '=HYPERLINK("http://evil.example","open")'
    jsonl = cli("--db", tmp_path / "f.db", "export", "articles", "--format", "jsonl")
    assert json.loads(jsonl.stdout)["title"].startswith("=HYPERLINK")  # JSON is data, left as it is
