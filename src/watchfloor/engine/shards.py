"""The output folder of ``extract --engine dask``: a manifest and two Parquet shards per partition.

    OUTDIR/manifest.json                  the inputs, the partitions, the extractor version
    OUTDIR/articles/part-00000.parquet    one row per record read: the article and its extraction
    OUTDIR/errors/part-00000.parquet      one row per bad record: where it was and why

Each shard is written under a temporary name in its own folder, flushed, and renamed into
place (``os.replace`` is atomic on POSIX file systems, NFS and Lustre included), so a shard
that exists is complete. The errors shard goes first: an articles shard marks its partition
done. A partition's shards hold no time or host of the run, so a partition done twice
(a retried task, a resumed run) writes the same rows.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..models import Article, Claim, Event, Extraction, OtherIncident, Place, Statistic
from . import EngineError

FORMAT = 1  # of the manifest and shards; a folder of another format is refused, never mixed

_TEXT = pa.string()
ARTICLE_SCHEMA = pa.schema([
    ("line", pa.int64()),  # line (JSONL) or row (Parquet) of the input, from 1
    ("source", _TEXT),  # "input.jsonl:17", as ingest names it
    ("id", _TEXT), ("content_hash", _TEXT), ("external_id", _TEXT),
    ("title", _TEXT), ("text", _TEXT), ("url", _TEXT), ("publisher", _TEXT), ("original_source", _TEXT),
    ("author", _TEXT), ("published", _TEXT), ("language", _TEXT),
    ("categories", pa.list_(_TEXT)), ("flags", pa.list_(_TEXT)),
    ("extraction", _TEXT),  # Extraction.to_dict() as JSON (the `watchfloor extract` line); null if it failed
    ("extraction_error", _TEXT),  # why extraction failed (also in the errors shard)
    ("events", pa.int32()),  # number of event reports, for a quick look without parsing
])
ERROR_SCHEMA = pa.schema([("line", pa.int64()), ("source", _TEXT), ("stage", _TEXT), ("reason", _TEXT)])
_ARTICLE_FIELDS = ("id", "content_hash", "external_id", "title", "text", "url", "publisher", "original_source",
                   "author", "published", "language", "categories", "flags")


def shard_path(outdir: str | Path, kind: str, name: str) -> Path:
    return Path(outdir) / kind / f"{name}.parquet"


def write_atomically(table: pa.Table, target: Path) -> None:
    """Write ``table`` beside ``target`` under a name no other writer uses, then rename it in."""
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "wb") as handle:
            pq.write_table(table, handle, compression="zstd")
            handle.flush()
            os.fsync(handle.fileno())  # the rename must never expose a shard whose bytes are not down
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def article_row(line: int, art: Article, extraction: Extraction | None, error: str | None) -> dict:
    row = {"line": line, "source": art.source, **{k: getattr(art, k) for k in _ARTICLE_FIELDS}}
    row["extraction"] = json.dumps(extraction.to_dict(), ensure_ascii=False) if extraction else None
    row["extraction_error"] = error
    row["events"] = len(extraction.events) if extraction else 0
    return row


def warm_up_parquet() -> None:
    pq.write_table(pa.Table.from_pylist([], schema=ERROR_SCHEMA), pa.BufferOutputStream(), compression="zstd")


def write_partition(outdir: str | Path, name: str, articles: list[dict], errors: list[dict]) -> None:
    write_atomically(pa.Table.from_pylist(errors, schema=ERROR_SCHEMA), shard_path(outdir, "errors", name))
    write_atomically(pa.Table.from_pylist(articles, schema=ARTICLE_SCHEMA), shard_path(outdir, "articles", name))


def read_articles(outdir: str | Path, name: str) -> list[tuple[Article, Extraction | None, str | None]]:
    """(article, extraction or None, why extraction failed) per row, in input order."""
    path = shard_path(outdir, "articles", name)
    try:
        rows = pq.read_table(path, schema=ARTICLE_SCHEMA).to_pylist()
    except (OSError, pa.ArrowException) as exc:
        raise EngineError(f"{path}: not a readable articles shard ({exc})") from None
    out = []
    for row in sorted(rows, key=lambda r: r["line"]):
        art = Article(**{k: row[k] for k in _ARTICLE_FIELDS}, source=row["source"])
        art.categories, art.flags = list(art.categories or []), list(art.flags or [])
        extraction = extraction_from_dict(json.loads(row["extraction"])) if row["extraction"] else None
        out.append((art, extraction, row["extraction_error"]))
    return out


def read_errors(outdir: str | Path, name: str) -> list[dict]:
    path = shard_path(outdir, "errors", name)
    try:
        return pq.read_table(path, schema=ERROR_SCHEMA).to_pylist()
    except (OSError, pa.ArrowException) as exc:
        raise EngineError(f"{path}: not a readable errors shard ({exc})") from None


def _spans(spans: list) -> list[tuple[int, int]]:
    return [tuple(s) for s in spans]


def extraction_from_dict(d: dict) -> Extraction:
    """The Extraction that ``Extraction.to_dict`` (then JSON) came from: spans are tuples again."""
    events = [Event(**{**e, "evidence": {k: _spans(v) for k, v in e["evidence"].items()}}) for e in d["events"]]
    return Extraction(
        events=events,
        places=[Place(**p) for p in d["places"]],
        statistics=[Statistic(**{**s, "evidence": _spans(s["evidence"])}) for s in d["statistics"]],
        claims=[Claim(**c) for c in d["claims"]],
        other_incidents=[OtherIncident(**{**o, "evidence": _spans(o["evidence"])}) for o in d["other_incidents"]],
        cut=d["cut"],
    )


def write_manifest(outdir: str | Path, manifest: dict) -> None:
    body = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    target = Path(outdir) / "manifest.json"
    temporary = target.with_name(f".manifest.{uuid.uuid4().hex}.tmp")
    try:
        temporary.write_bytes(body)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def read_manifest(outdir: str | Path) -> dict | None:
    """The folder's manifest; None when it has none. Raises EngineError for one we cannot use."""
    path = Path(outdir) / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise EngineError(f"{path}: not a readable manifest ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(
            manifest.get("partitions"), list):
        raise EngineError(f"{path}: not a watchfloor extract manifest of format {FORMAT}")
    return manifest


def finished(outdir: str | Path, name: str) -> bool:
    return shard_path(outdir, "articles", name).is_file()
