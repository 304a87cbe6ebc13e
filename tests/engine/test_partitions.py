"""Partitions and shards without a cluster: cutting inputs, reading records as ingest reads
them, extractions surviving the Parquet round trip, and inputs or folders refused by name."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from engine_support import CORPUS

from watchfloor.engine import EngineError
from watchfloor.engine.partitions import find_inputs, plan_partitions, read_partition
from watchfloor.engine.run import prepare_outdir
from watchfloor.settings import settings_copy

SAID = "Unknown assailants set fire to a village council office in the hills on Sunday, residents said ({})."


def _records(folder: Path) -> list[bytes]:
    lines = [json.dumps({"id": f"r{i}", "text": SAID.format(i)}).encode() for i in range(10)]
    lines[3:3] = [b"", b"[1, 2]"]  # a blank line and a bad record among them
    data = b"\n".join(lines)
    (folder / "no-final-newline.jsonl").write_bytes(data)
    (folder / "final-newline.jsonl").write_bytes(data + b"\n")
    with gzip.open(folder / "packed.jsonl.gz", "wb") as fh:
        fh.write(data)
    (folder / "ignored.txt").write_text("not a shard")
    return lines


@pytest.mark.parametrize("size", [1, 3, 4, 11, 12, 13, 1000])
def test_every_record_once_in_order_whatever_the_partition_size(tmp_path: Path, size: int) -> None:
    _records(tmp_path)
    settings = settings_copy()
    partitions = plan_partitions(find_inputs([str(tmp_path)]), size)
    assert [p.name for p in partitions] == [f"part-{n:05d}" for n in range(len(partitions))]
    seen: dict[str, list] = {}
    for part in partitions:
        assert part.count <= size
        for line, record in read_partition(part, settings):
            seen.setdefault(Path(part.label).name, []).append((line, getattr(record, "external_id", None)
                                                               or getattr(record, "reason", None)))
    expected = [(1, "r0"), (2, "r1"), (3, "r2"), (5, "line 5: not a JSON object")] + [
        (n + 3, f"r{n}") for n in range(3, 10)]
    assert seen == {"final-newline.jsonl": expected, "no-final-newline.jsonl": expected, "packed.jsonl.gz": expected}


def test_articles_read_as_ingest_reads_them(tmp_path: Path) -> None:
    from watchfloor.ingest import read_sources

    path = tmp_path / "corpus.jsonl"
    path.write_bytes((CORPUS / "articles.jsonl").read_bytes())
    settings = settings_copy()
    ours = [r for part in plan_partitions(find_inputs([str(path)]), 7) for _, r in read_partition(part, settings)]
    theirs = list(read_sources([str(path)], settings))
    for article in ours + theirs:
        article.ingested_at = None  # the moment of reading
    assert ours == theirs and len(ours) == 34


def test_extraction_survives_the_shard_round_trip() -> None:
    from watchfloor.engine.shards import article_row, extraction_from_dict
    from watchfloor.extract import get_extractor

    settings = settings_copy()
    rows = [r for part in plan_partitions(find_inputs([str(CORPUS / "articles.jsonl")]), 10)[:1]
            for _, r in read_partition(part, settings)]
    extractor = get_extractor()
    for art in rows[:6]:
        made = extractor.extract(art.text, art.published, art.title)
        row = article_row(1, art, made, None)
        assert extraction_from_dict(json.loads(row["extraction"])) == made


def test_bad_inputs_are_named(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "notes.txt").write_text("x")
    pq.write_table(pa.table({"body": ["a"]}), tmp_path / "untexted.parquet")
    (tmp_path / "empty").mkdir()
    cases = {str(tmp_path / "missing.jsonl"): "no such file or directory",
             str(tmp_path / "notes.txt"): "not a JSONL or Parquet shard",
             "-": "not stdin",
             str(tmp_path / "empty"): "no *.jsonl, *.jsonl.gz, *.parquet files in folder",
             str(tmp_path / "untexted.parquet"): "Parquet shard has no 'text' column (columns: body)"}
    for spec, message in cases.items():
        with pytest.raises(EngineError, match=message.replace("*", r"\*").replace("(", r"\(").replace(")", r"\)")):
            plan_partitions(find_inputs([spec]), 10)


def test_an_output_folder_of_another_run_is_refused(tmp_path: Path) -> None:
    _records(tmp_path)
    settings = settings_copy()
    first = prepare_outdir([str(tmp_path / "final-newline.jsonl")], str(tmp_path / "out"), settings, 4)
    again = prepare_outdir([str(tmp_path / "final-newline.jsonl")], str(tmp_path / "out"), settings, 4)
    assert first == again and len(first) == 3
    with pytest.raises(EngineError, match="holds the output of another run"):
        prepare_outdir([str(tmp_path / "final-newline.jsonl")], str(tmp_path / "out"), settings, 5)
    with pytest.raises(EngineError, match="holds the output of another run"):
        prepare_outdir([str(tmp_path / "packed.jsonl.gz")], str(tmp_path / "out"), settings, 4)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "thesis.pdf").write_bytes(b"%PDF")
    with pytest.raises(EngineError, match="folder is not empty and holds no manifest.json"):
        prepare_outdir([str(tmp_path / "final-newline.jsonl")], str(tmp_path / "busy"), settings, 4)
