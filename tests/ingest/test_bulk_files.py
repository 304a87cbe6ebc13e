"""Bulk JSONL and CSV files are streamed record by record: no per-file cap, a per-record cap,
memory bounded by the record cap rather than the file. Real files through read_sources."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from pathlib import Path

from watchfloor.ingest import read_sources
from watchfloor.ingest.bulk import Overlong, byte_lines
from watchfloor.models import Article, IngestError

BODY = "Gunmen shot dead a shopkeeper in Kano on Tuesday, police said, in report number {n}."


def _read(path: Path, settings: dict) -> tuple[list[Article], list[IngestError]]:
    items = list(read_sources([str(path)], settings))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


def test_a_jsonl_file_over_the_file_cap_is_read_whole(tmp_path: Path, settings: dict):
    path = tmp_path / "export.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for n in range(3000):
            fh.write(json.dumps({"id": f"r{n}", "title": f"Report {n}", "text": BODY.format(n=n)}) + "\n")
    assert path.stat().st_size > 4 * settings["ingest"]["max_file_bytes"]
    articles, errors = _read(path, settings)
    assert errors == []
    assert len(articles) == 3000 and articles[-1].external_id == "r2999"
    assert articles[1234].source == f"{path}:1235"


def test_a_csv_file_over_the_file_cap_is_read_whole(tmp_path: Path, settings: dict):
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "title", "text"])
        for n in range(2000):
            out.writerow([f"c{n}", f"Report {n}", BODY.format(n=n) + "\nA second paragraph, \"quoted\"."])
    assert path.stat().st_size > 3 * settings["ingest"]["max_file_bytes"]
    articles, errors = _read(path, settings)
    assert errors == []
    assert len(articles) == 2000 and articles[-1].external_id == "c1999"
    assert articles[10].source == f"{path}:22"  # rows take two lines each after the header
    assert articles[10].text.endswith('A second paragraph, "quoted".')


def test_a_record_over_the_record_cap_is_reported_and_the_rest_are_read(tmp_path: Path, settings: dict):
    settings["ingest"]["max_record_bytes"] = 20_000
    huge = "word " * 10_000
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text("\n".join(json.dumps({"id": str(n), "text": huge if n == 2 else BODY.format(n=n)})
                               for n in range(1, 5)) + "\n", encoding="utf-8")
    articles, errors = _read(jsonl, settings)
    assert [a.external_id for a in articles] == ["1", "3", "4"]
    assert [(e.source, e.reason) for e in errors] == [
        (f"{jsonl}:2", "line 2: record is over the 20000-byte limit (ingest.max_record_bytes); skipped")]

    table = tmp_path / "rows.csv"
    table.write_text("id,text\n1,one " + BODY.format(n=1) + f'\n2,"{huge}\n{huge}"\n3,' + BODY.format(n=3)
                     + "\n", encoding="utf-8")
    articles, errors = _read(table, settings)
    assert [a.external_id for a in articles] == ["1", "3"]
    assert [(e.source, e.reason.split("; ")[1]) for e in errors] == [(f"{table}:3", "skipped (lines 3-4)")]

    # each line under the cap, the field over it: the record is dropped through its closing quote
    part = "word " * 3_000
    table.write_text("id,text\n1,one " + BODY.format(n=1) + f'\n2,"{part}\n{part}\n{part}\n{part}"\n3,'
                     + BODY.format(n=3) + "\n", encoding="utf-8")
    articles, errors = _read(table, settings)
    assert [a.external_id for a in articles] == ["1", "3"]
    assert [(e.source, e.reason.split("; ")[1]) for e in errors] == [(f"{table}:3", "skipped (lines 3-6)")]


def test_a_bulk_file_on_stdin_is_streamed_too(settings: dict):
    data = "".join(json.dumps({"id": str(n), "text": BODY.format(n=n)}) + "\n" for n in range(1500))
    assert len(data) > settings["ingest"]["max_file_bytes"]
    items = list(read_sources(["-"], settings, stdin=io.BytesIO(data.encode())))
    assert len(items) == 1500 and all(isinstance(i, Article) for i in items)


def test_invalid_utf8_is_flagged_on_its_own_record(tmp_path: Path, settings: dict):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "a", "text": BODY.format(n=1)}).encode()
    bad = json.dumps({"id": "b", "text": BODY.format(n=2) + " caf_"}).encode().replace(b"caf_", b"caf\xe9")
    path.write_bytes(good + b"\n" + bad + b"\n")
    articles, errors = _read(path, settings)
    assert errors == []
    assert [(a.external_id, a.flags) for a in articles] == [("a", []), ("b", ["invalid-utf8"])]


def test_a_huge_line_is_never_held_whole(tmp_path: Path):
    """A 40 MB line with a 1 MB cap: the reader's peak allocation stays near the cap."""
    path = tmp_path / "one-line.jsonl"
    with path.open("wb") as fh:
        fh.write(b'{"text": "' + b"x" * 40_000_000 + b'"}\n{"text": "short"}\n')
    tracemalloc.start()
    with path.open("rb") as fh:
        lines = [(n, raw) for n, raw in byte_lines(fh, fh.read(8192), 1_000_000)]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert lines == [(1, Overlong(quotes=4)), (2, b'{"text": "short"}')]
    assert peak < 3_000_000


def test_lines_split_across_chunks_and_crlf_and_no_final_newline():
    data = b"".join(b"line %d " % n + b"y" * (n * 997 % 5000) + b"\r\n" for n in range(200)) + b"last"
    got = list(byte_lines(io.BytesIO(data[100:]), data[:100], 10_000))
    assert got == [(n + 1, raw) for n, raw in enumerate(data.replace(b"\r\n", b"\n").split(b"\n"))]


def test_a_byte_order_mark_before_the_first_record_is_dropped(tmp_path: Path, settings: dict):
    jsonl, table = tmp_path / "bom.jsonl", tmp_path / "bom.csv"
    jsonl.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": BODY.format(n=1)}).encode() + b"\n")
    table.write_bytes(b"\xef\xbb\xbfid,text\nb," + BODY.format(n=2).replace(",", ";").encode() + b"\n")
    for path, ident in ((jsonl, "a"), (table, "b")):
        articles, errors = _read(path, settings)
        assert errors == [] and [a.external_id for a in articles] == [ident]
