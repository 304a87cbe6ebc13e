"""Input shards (JSONL, JSONL.gz, Parquet) found, cut into partitions, and read back record by record.

A partition is a run of records of one file: lines ``first..first+count-1`` of a JSONL file
(with the byte offset of its first line, so a worker seeks straight to it; gzip cannot seek,
so a worker reads a .gz from the start and skips), or rows ``first..first+count-1`` of a
Parquet file. Records are read and finalized by the same code as ``watchfloor ingest``
(ingest/bulk.py, ingest/articles.py), so an article read here is the article ingest stores.
"""

from __future__ import annotations

import gzip
import itertools
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from ..ingest.articles import Failure, finalize
from ..ingest.bulk import Overlong, byte_lines, read_jsonl, row_article
from ..models import Article, IngestError
from . import EngineError

SUFFIXES = (".jsonl", ".jsonl.gz", ".parquet")
PARQUET_COLUMNS = ("id", "text", "title", "url", "publisher", "published")  # read when present
_READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class Partition:
    name: str  # part-00000: its shards' file name, in input order
    path: str  # absolute: the workers open it (shared storage on a cluster)
    label: str  # the path as given, for sources ("data/a.jsonl:17"), as ingest names them
    kind: str  # "jsonl" or "parquet"
    first: int  # first line (JSONL) or row (Parquet), from 1
    count: int
    offset: int | None = None  # byte offset of the first line (plain JSONL only)
    whole_file: bool = False  # the file's only partition (an empty file is reported here)

    def to_dict(self) -> dict:
        return asdict(self)


def find_inputs(specs: list[str]) -> list[tuple[str, str]]:
    """(path as given, kind) of every input shard the INPUT arguments name, in order: files as
    given, folders walked in sorted order. Raises EngineError naming the first bad input."""
    found: list[tuple[str, str]] = []
    for spec in specs:
        if os.path.isdir(spec):
            inside = [os.path.join(root, name) for root, dirs, files in sorted(os.walk(spec))
                      for name in sorted(files) if _kind(name) and not name.startswith(".")]
            if not inside:
                raise EngineError(f"{spec}: no {', '.join('*' + s for s in SUFFIXES)} files in folder")
            found += [(path, _kind(path)) for path in sorted(inside)]
        elif os.path.isfile(spec):
            if not _kind(spec):
                raise EngineError(f"{spec}: not a JSONL or Parquet shard (expected a name ending in "
                                  f"{', '.join(SUFFIXES)})")
            found.append((spec, _kind(spec)))
        elif spec == "-":
            raise EngineError("the dask engine reads files or folders, not stdin ('-')")
        else:
            raise EngineError(f"{spec}: no such file or directory")
    return found


def _kind(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".parquet"):
        return "parquet"
    return "jsonl" if lower.endswith((".jsonl", ".jsonl.gz")) else ""


def plan_partitions(inputs: list[tuple[str, str]], size: int) -> list[Partition]:
    """Every input cut into partitions of ``size`` records, numbered in input order."""
    spans: list[tuple[str, str, int, int, int | None, bool]] = []
    for label, kind in inputs:
        cuts = _parquet_cuts(label, size) if kind == "parquet" else _jsonl_cuts(label, size)
        spans += [(label, kind, first, count, offset, len(cuts) == 1) for first, count, offset in cuts]
    return [Partition(f"part-{number:05d}", os.path.abspath(label), label, kind, first, count, offset, whole)
            for number, (label, kind, first, count, offset, whole) in enumerate(spans)]


def _jsonl_cuts(path: str, size: int) -> list[tuple[int, int, int | None]]:
    """(first line, lines, byte offset) per partition; one pass counting newlines in 1 MB chunks."""
    starts, lines, position, ends_with_newline = [0], 0, 0, True
    try:
        with _open(path) as stream:
            while chunk := stream.read(_READ_CHUNK):
                at = 0
                while chunk.count(b"\n", at) >= (need := len(starts) * size - lines):
                    for _ in range(need):  # a partition starts inside this chunk: find its first byte
                        at = chunk.find(b"\n", at) + 1
                    lines += need
                    starts.append(position + at)
                lines += chunk.count(b"\n", at)
                position += len(chunk)
                ends_with_newline = chunk.endswith(b"\n")
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise EngineError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    total = lines + (0 if ends_with_newline else 1)  # a last line without its newline counts
    parts = max(1, -(-total // size))
    compressed = path.lower().endswith(".gz")
    return [(index * size + 1, max(0, min(size, total - index * size)), None if compressed else starts[index])
            for index in range(parts)]


def _parquet_cuts(path: str, size: int) -> list[tuple[int, int, None]]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for files that are not Parquet
        raise EngineError(f"{path}: not a readable Parquet file ({exc})") from None
    names = meta.schema_arrow.names
    if "text" not in names:
        raise EngineError(f"{path}: Parquet shard has no 'text' column (columns: {', '.join(names[:12]) or 'none'})")
    rows = meta.metadata.num_rows
    return [(first, min(size, rows - first + 1), None) for first in range(1, rows + 1, size)] or [(1, 0, None)]


def _open(path: str):
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def read_partition(part: Partition, settings: dict) -> Iterator[tuple[int, Article | IngestError]]:
    """(line or row number, finalized Article or the IngestError saying why the record is bad)."""
    drafts = _jsonl_drafts(part, settings) if part.kind == "jsonl" else _parquet_drafts(part)
    what = "JSONL record" if part.kind == "jsonl" else "Parquet row"
    for number, draft in drafts:
        if isinstance(draft, IngestError):
            if draft.reason != "empty file" or part.whole_file:  # a blank stretch of a longer file is not
                yield number, draft
            continue
        try:
            yield number, finalize(draft, settings, what=what)
        except Failure as exc:
            yield number, exc.to_error(draft.source or part.label)


def _jsonl_drafts(part: Partition, settings: dict) -> Iterator[tuple[int, Article | IngestError]]:
    cap = int(settings["ingest"]["max_record_bytes"])
    with _open(part.path) as stream:
        if part.offset is not None:
            stream.seek(part.offset)
            numbered = ((part.first - 1 + n, raw) for n, raw in byte_lines(stream, b"", cap))
        else:  # gzip: read from the start, skipping the lines before the partition
            numbered = ((n, raw) for n, raw in byte_lines(stream, b"", cap) if n >= part.first)
        lines = list(itertools.islice(numbered, part.count))
    current = [part.first]

    def tracked() -> Iterator[tuple[int, bytes | Overlong]]:
        for number, raw in lines:
            current[0] = number  # read_jsonl yields a line's record before it reads the next
            yield number, raw

    for record in read_jsonl(tracked(), part.label, cap):
        yield current[0], record


def _parquet_drafts(part: Partition) -> Iterator[tuple[int, Article | IngestError]]:
    """Only the row groups that hold the partition's rows are read."""
    import pyarrow.parquet as pq

    shard = pq.ParquetFile(part.path)
    columns = [c for c in PARQUET_COLUMNS if c in shard.schema_arrow.names]
    start, stop = part.first - 1, part.first - 1 + part.count
    groups, first_row, seen = [], None, 0
    for index in range(shard.metadata.num_row_groups):
        rows = shard.metadata.row_group(index).num_rows
        if seen < stop and seen + rows > start:
            groups.append(index)
            first_row = seen if first_row is None else first_row
        seen += rows
    if not groups:
        return
    table = shard.read_row_groups(groups, columns=columns).slice(start - first_row, part.count)
    for number, row in enumerate(table.to_pylist(), start=part.first):
        where = f"{part.label}:{number}"
        try:
            yield number, row_article(row, where, f"row {number}", [])
        except Failure as exc:
            yield number, exc.to_error(where)
