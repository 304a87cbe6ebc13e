"""The `watchfloor extract` contract: JSONL lines in, one JSONL line out per input, in order."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from .dates import parse_iso
from .pipeline import Extractor


def process_lines(lines: Iterable[bytes | str], extractor: Extractor) -> Iterator[dict]:
    """Yield {"id", "events", "places", "statistics", "claims", "other_incidents"} or {"id", "error"} per input line."""
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8", errors="replace")
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield {"id": None, "error": f"line {number}: not valid JSON ({reason})"}
            continue
        if not isinstance(item, dict):
            yield {"id": None, "error": f"line {number}: expected a JSON object"}
            continue
        ident = item.get("id", number)
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            yield {"id": ident, "error": f"line {number}: no text"}
            continue
        published = item.get("published")
        if published is not None and (not isinstance(published, str) or parse_iso(published) is None):
            yield {"id": ident, "error": f"line {number}: published must be a YYYY-MM-DD date, got {published!r:.40}"}
            continue
        try:
            result = extractor.extract(text, published, item.get("title") or "")
        except Exception as exc:  # keep going: one bad article must not stop a batch
            yield {"id": ident, "error": f"line {number}: extraction failed ({exc.__class__.__name__}: {exc})"}
            continue
        yield {"id": ident, **result.to_dict()}
