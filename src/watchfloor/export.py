"""Export stored records as JSONL or CSV (nested fields as JSON strings in CSV; cells that a
spreadsheet would run as a formula are prefixed with an apostrophe)."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from .store import Store


def _rows(store: Store, what: str):
    if what == "events":
        yield from store.events()
    elif what == "claims":
        yield from store.claims()
    else:
        for art in store.iter_articles():
            yield art.to_dict()


# A spreadsheet evaluates a cell that begins with one of these (CSV injection, OWASP): text
# from news pages is untrusted, so such a cell is written with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_export(store: Store, what: str, fmt: str, sink: TextIO) -> int:
    n = 0
    writer = None
    for row in _rows(store, what):
        if fmt == "jsonl":
            sink.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        else:
            flat = {k: _cell(json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                    for k, v in row.items()}
            if writer is None:
                writer = csv.DictWriter(sink, fieldnames=list(flat))
                writer.writeheader()
            writer.writerow(flat)
        n += 1
    return n
