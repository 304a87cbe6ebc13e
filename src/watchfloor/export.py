"""Export stored records: events as JSONL, CSV, ACLED's or UCDP's columns, GeoJSON or Parquet;
claims and articles as JSONL, CSV or Parquet.

Nested fields (sources, tolls, articles) are JSON strings in CSV, GeoJSON properties and
Parquet, so spreadsheets and GIS tools read one value per cell. A CSV cell that a spreadsheet
would run as a formula is prefixed with an apostrophe (numbers are left alone)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from .exchange import WRITERS
from .store import Store

FORMATS = {"events": ("jsonl", "csv", "acled", "ucdp", "geojson", "parquet"),
           "claims": ("jsonl", "csv", "parquet"), "articles": ("jsonl", "csv", "parquet")}
BINARY = {"parquet"}


def _rows(store: Store, what: str, filters: dict | None = None) -> Iterator[dict]:
    if what == "events":
        yield from store.events(**(filters or {}))
    elif what == "claims":
        yield from store.claims()
    else:
        for art in store.iter_articles():
            yield art.to_dict()


# A spreadsheet evaluates a cell that begins with one of these (CSV injection, OWASP): text
# from news pages is untrusted, so such a cell is written with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _is_number(value):
        return "'" + value
    return value


def _flat(row: dict) -> dict:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}


def _write_csv(rows: Iterator[dict], sink: TextIO, columns=None, convert=None) -> int:
    writer, n = None, 0
    for row in rows:
        flat = {k: _cell(v) for k, v in (convert(row) if convert else _flat(row)).items()}
        if writer is None:
            writer = csv.DictWriter(sink, fieldnames=list(columns or flat), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(flat)
        n += 1
    if writer is None and columns:
        csv.DictWriter(sink, fieldnames=list(columns)).writeheader()
    return n


def _write_geojson(rows: Iterator[dict], sink: TextIO) -> int:
    """A FeatureCollection of points (events without coordinates have a null geometry)."""
    sink.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for row in rows:
        lat, lon = row.get("latitude"), row.get("longitude")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        feature = {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": _flat(row)}
        sink.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False, default=str))
        n += 1
    sink.write("\n]}\n")
    return n


def _write_parquet(rows: Iterator[dict], sink: BinaryIO, batch: int = 5000) -> int:
    """Row groups of ``batch`` rows; a column's type is fixed by the first batch where it has a value."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer, schema, n, pending = None, None, 0, []

    def flush() -> None:
        nonlocal writer, schema
        columns = {k: [r.get(k) for r in pending] for k in pending[0]}
        if schema is None:
            schema = pa.Table.from_pydict(columns).schema
            schema = pa.schema([f.with_type(pa.string()) if pa.types.is_null(f.type) else f for f in schema])
            writer = pq.ParquetWriter(sink, schema)
        writer.write_table(pa.Table.from_pydict({k: columns.get(k) for k in schema.names}, schema=schema))
        pending.clear()

    for row in rows:
        pending.append(_flat(row))
        n += 1
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    if writer is not None:
        writer.close()
    return n


def write_export(store: Store, what: str, fmt: str, sink, filters: dict | None = None) -> int:
    """Write every stored ``what`` to ``sink`` (text, or binary for Parquet); the number written.
    ``filters``: for events, those of the event list (store.queries.event_filters, ``ids``)."""
    rows = _rows(store, what, filters)
    if fmt == "jsonl":
        n = 0
        for row in rows:
            sink.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            n += 1
        return n
    if fmt == "csv":
        return _write_csv(rows, sink)
    if fmt in WRITERS:
        columns, convert = WRITERS[fmt]
        return _write_csv(rows, sink, columns, convert)
    if fmt == "geojson":
        return _write_geojson(rows, sink)
    if fmt == "parquet":
        return _write_parquet(rows, sink)
    raise ValueError(f"unknown format {fmt!r}")
