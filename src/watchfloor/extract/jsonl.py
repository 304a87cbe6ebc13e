"""The `watchfloor extract` contract: JSONL lines in, one JSONL line out per input, in order."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from .dates import parse_iso
from .pool import ExtractionPool, Job


def process_lines(lines: Iterable[bytes | str], pool: ExtractionPool) -> Iterator[dict]:
    """Yield {"id", "events", "places", "statistics", "claims", "other_incidents"} or {"id", "error"}
    per input line, in input order, extracted by the pool's workers."""
    for outcome in pool.run(_jobs(lines)):
        number, ident = outcome.key
        if outcome.extraction is None:
            error = outcome.error or "extraction failed"
            yield {"id": ident, "error": error if error.startswith("line ") else f"line {number}: {error}"}
        else:
            yield {"id": ident, **outcome.extraction.to_dict()}


def _jobs(lines: Iterable[bytes | str]) -> Iterator[Job]:
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8", errors="replace")
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield Job((number, None), "", refused=f"line {number}: not valid JSON ({reason})")
            continue
        if not isinstance(item, dict):
            yield Job((number, None), "", refused=f"line {number}: expected a JSON object")
            continue
        ident = item.get("id", number)
        text = item.get("text")
        published = item.get("published")
        if not isinstance(text, str) or not text.strip():
            yield Job((number, ident), "", refused=f"line {number}: no text")
        elif published is not None and (not isinstance(published, str) or parse_iso(published) is None):
            yield Job((number, ident), "", refused=f"line {number}: published must be a YYYY-MM-DD date, "
                                                   f"got {published!r:.40}")
        else:
            title = item.get("title")
            yield Job((number, ident), text, published, title if isinstance(title, str) else "")
