"""ACLED and UCDP files in and out, and the other export formats, through the real CLI and a
real SQLite file. The fixtures (tests/fixtures/exchange) are our own: an invented country in
ACLED's current 31-column layout (with a byte-order mark, text inter codes, a quoted note and
a cell that looks like a formula), the pre-2023 layout (numeric inter codes, "31 December
2019" dates, one row with no date) and UCDP GED's layout."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pyogrio.raw

from watchfloor.exchange.acled import COLUMNS as ACLED_COLUMNS
from watchfloor.exchange.ucdp import COLUMNS as UCDP_COLUMNS

FIXTURES = Path(__file__).parent.parent / "fixtures" / "exchange"


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def test_acled_current_layout_round_trips_exactly(cli, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    result = cli("--db", db, "--json", "import", "acled", FIXTURES / "acled_current.csv")
    assert result.code == 0, result
    assert result.json() == {"rows": 3, "new": 3, "updated": 0, "unchanged": 0, "errors": []}
    exported = cli("--db", db, "export", "events", "--format", "acled")
    assert exported.code == 0, exported
    out, original = rows(exported.stdout), rows((FIXTURES / "acled_current.csv").read_text(encoding="utf-8"))
    assert list(out[0]) == ACLED_COLUMNS  # ACLED's 31 columns in ACLED's order
    by_id = {r["event_id_cnty"]: r for r in out}
    for row in original:
        got = dict(by_id[row["event_id_cnty"]])
        assert got.pop("notes").lstrip("'") == row.pop("notes")  # a formula-like note is guarded
        row.pop("notes", None)
        assert {k: got[k] for k in row} == row


def test_importing_again_updates_nothing_and_keeps_ids(cli, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    cli("--db", db, "import", "acled", FIXTURES / "acled_current.csv")
    again = cli("--db", db, "--json", "import", "acled", FIXTURES / "acled_current.csv")
    assert again.json()["unchanged"] == 3 and again.json()["new"] == 0
    events = cli("--db", db, "--json", "events").json()
    assert sorted(e["id"] for e in events) == ["acled:XYZ1001", "acled:XYZ1002", "acled:XYZ1003"]
    first = next(e for e in events if e["id"] == "acled:XYZ1001")
    assert first["origin"] == "acled" and first["external_id"] == "XYZ1001"
    assert first["interaction"] == 12 and first["fatalities"] == 4 and first["longitude"] == -70.25
    assert [s["publisher"] for s in first["sources"]] == ["Example Times", "Sample Radio"]
    assert '"a heavy clash"' in first["notes"]


def test_pre_2023_layout_with_numeric_codes_and_a_bad_row(cli, tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    result = cli("--db", db, "--json", "import", "acled", FIXTURES / "acled_pre2023.csv")
    assert result.code == 1  # one row failed; the others are stored
    report = result.json()
    assert report["new"] == 2 and len(report["errors"]) == 1
    assert report["errors"][0]["source"].endswith("acled_pre2023.csv:line 4")
    assert "event_date" in report["errors"][0]["reason"]
    events = {e["external_id"]: e for e in cli("--db", db, "--json", "events").json()}
    assert events["XYZ2001"]["date"] == "2019-12-31" and events["XYZ2001"]["interaction"] == 13
    assert events["XYZ2002"]["interaction"] == 50 and events["XYZ2001"]["iso3"] == "XYZ"
    out = {r["event_id_cnty"]: r for r in rows(cli("--db", db, "export", "events", "--format", "acled").stdout)}
    original = {r["event_id_cnty"]: r for r in rows((FIXTURES / "acled_pre2023.csv").read_text())}
    for eid in ("XYZ2001", "XYZ2002"):
        shared = [c for c in ACLED_COLUMNS if c in original[eid]]
        assert {c: out[eid][c] for c in shared} == {c: original[eid][c] for c in shared}


def test_ucdp_round_trips_and_maps_estimates_and_precision(cli, tmp_path: Path) -> None:
    db = tmp_path / "u.db"
    assert cli("--db", db, "import", "ucdp", FIXTURES / "ucdp_ged.csv").code == 0
    events = {e["external_id"]: e for e in cli("--db", db, "--json", "events").json()}
    clash, one_sided = events["90001"], events["90002"]
    assert (clash["fatalities_low"], clash["fatalities_best"], clash["fatalities_high"]) == (5, 6, 9)
    assert clash["date"] == "2015-03-01" and clash["time_precision"] == 1 and clash["geo_precision"] == 1
    assert clash["event_type"] == "Battles" and clash["actor2"] == "Example Front"
    assert one_sided["event_type"] == "Violence against civilians" and one_sided["time_precision"] == 3
    assert one_sided["geo_precision"] == 3
    out = {r["id"]: r for r in rows(cli("--db", db, "export", "events", "--format", "ucdp").stdout)}
    original = {r["id"]: r for r in rows((FIXTURES / "ucdp_ged.csv").read_text())}
    for key, row in original.items():
        shared = [c for c in UCDP_COLUMNS if c in row]
        assert {c: out[key][c] for c in shared} == {c: row[c] for c in shared}


def test_geojson_opens_in_gdal_and_parquet_in_pyarrow(cli, demo_db: Path, tmp_path: Path) -> None:
    geo, table = tmp_path / "events.geojson", tmp_path / "events.parquet"
    assert cli("--db", demo_db, "--quiet", "export", "events", "--format", "geojson", "-o", geo).code == 0
    assert cli("--db", demo_db, "--quiet", "export", "events", "--format", "parquet", "-o", table).code == 0
    events = cli("--db", demo_db, "--json", "events", "--limit", "100000").json()
    meta, _, geometry, fields = pyogrio.raw.read(geo)
    assert len(geometry) == len(events) and meta["geometry_type"] in ("Point", "Unknown")
    names = list(meta["fields"])
    assert {"id", "fatalities_best", "source_count", "articles"} <= set(names)
    parquet = pq.read_table(table)
    assert parquet.num_rows == len(events)
    assert {"id", "fatalities_low", "fatalities_best", "fatalities_high", "disputed", "articles"} <= set(parquet.column_names)
    ids = parquet.column("id").to_pylist()
    assert sorted(ids) == sorted(e["id"] for e in events)
    json.loads(parquet.column("sources").to_pylist()[0])  # nested fields are JSON text


def test_export_articles_gives_external_ids_and_bad_formats_are_usage_errors(cli, demo_db: Path) -> None:
    articles = [json.loads(line) for line in cli("--db", demo_db, "export", "articles").stdout.splitlines()]
    assert any(a["external_id"] == "demo-001" for a in articles)
    bad = cli("--db", demo_db, "export", "claims", "--format", "acled")
    assert bad.code == 2 and "acled" in bad.stderr
    missing = cli("--db", demo_db, "import", "acled", "/nonexistent/file.csv")
    assert missing.code == 1 and "no such file" in missing.stderr


def test_import_refuses_a_binary_file_with_a_clear_message(cli, tmp_path: Path) -> None:
    blob = tmp_path / "blob.csv"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x00garbage")
    result = cli("--db", tmp_path / "x.db", "import", "acled", blob)
    assert result.code == 1 and "not UTF-8" in result.stderr


def test_compare_pairs_an_imported_incident_with_the_extracted_one(cli, demo_db: Path, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "c.db"
    shutil.copy(demo_db, db)
    ours = tmp_path / "ours.csv"  # our own row for the demo's Bannu convoy bombing, and one nobody reported
    ours.write_text(
        ",".join(ACLED_COLUMNS) + "\n"
        "PAK9001,2023-09-01,2023,1,Political violence,Explosions/Remote violence,Suicide bomb,"
        "Unidentified Armed Group (Pakistan),,Rebel group,Military Forces of Pakistan,,State forces,"
        "Rebel group-State forces,,586,Southern Asia,Pakistan,Khyber Pakhtunkhwa,Bannu,,Bannu,32.9889,70.6056,"
        "1,Team notes,National,A suicide bomber hit an army convoy.,9,,1693600000\n"
        "PAK9002,2023-09-01,2023,1,Political violence,Battles,Armed clash,Unidentified Armed Group (Pakistan),,"
        "Rebel group,Police Forces of Pakistan,,State forces,Rebel group-State forces,,586,Southern Asia,Pakistan,"
        "Sindh,Karachi,,Karachi,24.86,67.01,1,Team notes,National,A clash nobody in the corpus reported.,0,,1693600000\n",
        encoding="utf-8")
    assert cli("--db", db, "import", "acled", ours).code == 0
    result = cli("--db", db, "--json", "compare", "--origin", "acled").json()
    both = [line for line in result["both"] if line.startswith("acled:PAK9001 = ")]
    assert both, result["both"]
    assert any(line.startswith("acled:PAK9002 ") for line in result["only_imported"])
    extracted_id = both[0].split(" = ")[1].split(" ")[0]
    shown = cli("--db", db, "--json", "event", extracted_id).json()
    assert shown["admin2"] == "Bannu" and len(shown["reports"]) >= 4
    assert shown["history"][0]["change"] == "created"
    only_imported = cli("--db", db, "--json", "events", "--origin", "acled").json()
    assert sorted(e["id"] for e in only_imported) == ["acled:PAK9001", "acled:PAK9002"]
    missing = cli("--db", db, "event", "enothere")
    assert missing.code == 1 and "no event" in missing.stderr


def test_an_oversized_field_stops_the_import_with_a_message_and_keeps_what_was_read(cli, tmp_path: Path) -> None:
    bad = tmp_path / "huge.csv"
    good = (FIXTURES / "acled_current.csv").read_text(encoding="utf-8-sig")
    bad.write_text(good + "XYZ9,2024-02-07,2024,1,Political violence,Battles,Armed clash,A,,State forces,B,,Rebel group,"
                   ",,999,R,C,D,E,,F,1,2,1,S,N,\"" + "x" * 200_000 + "\",1,,1\n", encoding="utf-8")
    result = cli("--db", tmp_path / "h.db", "--json", "import", "acled", bad)
    assert result.code == 1
    report = result.json()
    assert report["new"] == 3 and "not readable as CSV" in report["errors"][0]["reason"]


def test_delete_removes_an_article_and_what_only_it_supported(cli, demo_db: Path, tmp_path: Path) -> None:
    import shutil
    import sqlite3

    db = tmp_path / "del.db"
    shutil.copy(demo_db, db)
    events = cli("--db", db, "--json", "events", "--limit", "1000").json()
    alone = next(e for e in events if len(e["articles"]) == 1 and e["origin"] == "extracted")
    done = cli("--db", db, "--json", "delete", alone["articles"][0])
    assert done.code == 0 and done.json()["deleted"] == alone["articles"][0]
    assert cli("--db", db, "event", alone["id"]).code == 1
    again = cli("--db", db, "delete", alone["articles"][0])
    assert again.code == 1 and "no article has the id" in again.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
