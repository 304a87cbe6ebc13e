"""trends, trends --compare, trends --plot and surges through the real CLI on real SQLite
files: the demo corpus (extracted, merged events and their articles), and an ACLED-layout file
we generate here for an invented country, whose one province goes from quiet to violent."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from watchfloor.exchange.acled import COLUMNS as ACLED_COLUMNS

START = date(2021, 1, 4)
ONSET_WEEK = 70


def _row(n: int, day: date, admin1: str, killed: int) -> dict:
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update(event_id_cnty=f"XYZ{n}", event_date=day.isoformat(), year=str(day.year), time_precision="1",
               disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
               actor1="Military Forces of Exampleland (2020-)", inter1="State forces",
               actor2="Unidentified Armed Group (Exampleland)", inter2="Rebel group", iso="999",
               region="Southern Asia", country="Exampleland", admin1=admin1, admin2=f"{admin1} District",
               location=f"{admin1} Town", latitude="31.5", longitude="-70.2", geo_precision="1",
               source="Example Times", notes=f"Soldiers and militants clashed in {admin1}.", fatalities=str(killed),
               timestamp="1700000000")
    return row


@pytest.fixture(scope="module")
def onset_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two provinces over 100 weeks: Hill steady at about two clashes a week; Plain with one
    clash a season, then from week 70 about four a week for 15 weeks."""
    rng = random.Random(3)
    rows, n = [], 0
    for week in range(100):
        monday = START + timedelta(weeks=week)
        plain = 4 if ONSET_WEEK <= week < ONSET_WEEK + 15 else (1 if week % 13 == 0 else 0)
        for admin1, count in (("Hill", rng.choice([1, 2, 2, 3])), ("Plain", plain)):
            for _ in range(count):
                n += 1
                rows.append(_row(n, monday + timedelta(days=rng.randrange(7)), admin1, rng.randrange(4)))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    folder = tmp_path_factory.mktemp("onset")
    (folder / "exampleland.csv").write_text(buf.getvalue(), encoding="utf-8")
    from typer.testing import CliRunner

    from watchfloor.cli import app

    db = folder / "onset.db"
    result = CliRunner().invoke(app, ["--db", str(db), "--quiet", "import", "acled", str(folder / "exampleland.csv")])
    assert result.exit_code == 0, result.output
    return db


def test_surges_find_the_onset_from_quiet_and_say_since_when(cli, onset_db: Path) -> None:
    result = cli("--db", onset_db, "surges", "--by", "admin1", "--json")
    assert result.code == 0, result
    surges = result.json()
    assert [s["region"] for s in surges] == [{"country": "Exampleland", "admin1": "Plain", "admin2": None}]
    s = surges[0]
    onset = START + timedelta(weeks=ONSET_WEEK)
    low, high = (date.fromisoformat(d) for d in s["start_interval"])
    assert low <= onset <= high + timedelta(days=6) and s["measure"] == "events"
    assert date.fromisoformat(s["first_alarm"]) <= onset + timedelta(weeks=2)
    assert s["end"] is not None and s["observed"] >= 55 and s["ratio"] > 5 and len(s["events"]) == s["observed"]
    table = cli("--db", onset_db, "surges", "--by", "admin1")
    assert "Plain" in table.stdout and "1 surges of events by admin1" in table.stdout


def test_compare_gives_rate_ratios_with_intervals(cli, onset_db: Path) -> None:
    onset = START + timedelta(weeks=ONSET_WEEK)
    during = f"{onset}..{onset + timedelta(weeks=15, days=-1)}"
    before = f"{onset - timedelta(weeks=30)}..{onset - timedelta(days=1)}"
    result = cli("--db", onset_db, "--json", "trends", "--by", "admin1", "--compare", during, "--compare", before)
    assert result.code == 0, result
    groups = {g["admin1"]: g for g in result.json()["groups"]}
    plain, hill = groups["Plain"]["events"], groups["Hill"]["events"]
    assert plain["rate_ratio"] > 5 and plain["ci_low"] > 2
    assert hill["ci_low"] < 1 < hill["ci_high"]  # no change in the steady province
    assert plain["days_a"] == 105 and plain["days_b"] == 210
    bad = cli("--db", onset_db, "trends", "--compare", "2023-01-01", "--compare", before)
    assert bad.code == 2 and "is not FIRST..LAST" in bad.stderr


def test_trends_by_month_as_json_csv_and_a_chart(cli, onset_db: Path, tmp_path: Path) -> None:
    result = cli("--db", onset_db, "--json", "trends", "--every", "month", "--by", "admin1")
    rows = result.json()["rows"]
    assert {r["admin1"] for r in rows} == {"Hill", "Plain"}
    stored = cli("--db", onset_db, "--json", "events", "--limit", "100000").json()
    assert sum(r["events"] for r in rows) == len(stored)
    assert sum(r["fatalities"] for r in rows) == sum(e["fatalities"] for e in stored)
    csv_out = cli("--db", onset_db, "trends", "--every", "week", "--csv")
    lines = csv_out.stdout.splitlines()
    assert lines[0] == "period,events,fatalities,articles" and len(lines) == 101
    chart = tmp_path / "trend.png"
    drawn = cli("--db", onset_db, "trends", "--by", "admin1", "--plot", chart)
    assert drawn.code == 0 and chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    unknown = cli("--db", onset_db, "trends", "--by", "weather")
    assert unknown.code == 2 and "cannot group events by 'weather'" in unknown.stderr


def test_trends_on_the_demo_count_merged_events_and_articles_apart(cli, demo_db: Path) -> None:
    result = cli("--db", demo_db, "--json", "trends", "--every", "month")
    data = result.json()
    events = sum(r["events"] for r in data["rows"])
    listed = cli("--db", demo_db, "--json", "events", "--limit", "100000").json()
    assert events == len([e for e in listed if e["date"]])  # merged events, not reports
    assert sum(a["articles"] for a in data["articles"]) > events  # several reports per incident


def test_late_reports_of_a_past_week_change_the_surges(cli, onset_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "late.db"
    db.write_bytes(onset_db.read_bytes())
    monday = START + timedelta(weeks=40)
    late = [_row(90_000 + i, monday + timedelta(days=i % 7), "Hill", 1) for i in range(14)]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(late)
    (tmp_path / "late.csv").write_text(buf.getvalue(), encoding="utf-8")
    assert cli("--db", db, "import", "acled", tmp_path / "late.csv").code == 0
    regions = [s["region"]["admin1"] for s in cli("--db", db, "--json", "surges").json()]
    assert regions.count("Hill") == 1 and "Plain" in regions


def test_bad_options_name_what_is_wrong(cli, onset_db: Path) -> None:
    for args, message in ((("trends", "--since", "2023-13-01"), "since: '2023-13-01' is not a date"),
                          (("trends", "--every", "year"), "unknown interval 'year'"),
                          (("surges", "--measure", "deaths"), "surges measure events or fatalities, not 'deaths'"),
                          (("surges", "--by", "district"), "not 'district'")):
        got = cli("--db", onset_db, *args)
        assert got.code == 2 and message in got.stderr, (args, got)
