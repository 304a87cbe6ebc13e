"""Bulk files (JSONL and CSV) read as a stream, record by record.

An export of 100,000 articles is one file, so the per-file size cap cannot apply to it;
instead each record is capped (``ingest.max_record_bytes``) and the file is read in chunks,
so memory stays flat however long the file is. Every bad record is reported with its line
and reading goes on after it.
"""

from __future__ import annotations

import csv
import json
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from watchfloor.models import Article, IngestError

from .articles import Failure
from .files import decode, strip_markup

_CHUNK = 1 << 16


@dataclass(frozen=True)
class Overlong:
    """A line longer than the record cap, whose bytes were skipped; its quote marks were
    counted, so a CSV reader can tell whether a quoted field is still open after it."""

    quotes: int


Line = tuple[int, "bytes | Overlong"]  # (line number, its bytes without the newline)


def byte_lines(stream: BinaryIO, head: bytes, cap: int) -> Iterator[Line]:
    """The lines of ``head`` followed by the rest of ``stream``, numbered from 1. A line longer
    than ``cap`` bytes is never held whole: it comes as an Overlong."""
    number, pending, skipped = 0, bytearray(), None  # skipped: quotes counted in an overlong line
    chunk = head
    while True:
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            if end < 0:
                break
            number += 1
            if skipped is None and len(pending) + end - start <= cap:
                pending += chunk[start:end]
                yield number, bytes(pending).removesuffix(b"\r")
            else:
                quotes = (skipped or 0) + (pending.count(b'"') if skipped is None else 0)
                yield number, Overlong(quotes + chunk.count(b'"', start, end))
            pending.clear()
            skipped, start = None, end + 1
        if skipped is None:
            pending += chunk[start:]
            if len(pending) > cap:
                skipped = pending.count(b'"')
                pending.clear()
        else:
            skipped += chunk.count(b'"', start)
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
    if skipped is not None:
        yield number + 1, Overlong(skipped)
    elif pending:
        yield number + 1, bytes(pending).removesuffix(b"\r")


def _over_cap(number: int, cap: int) -> str:
    return f"line {number}: record is over the {cap}-byte limit (ingest.max_record_bytes); skipped"


def row_article(row: dict, source: str, label: str, flags: list[str]) -> Article:
    """One JSONL object or CSV row as a draft; ``text`` is the only required field."""
    text = row.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        raise Failure(f"{label}: no 'text' field", source)
    if not isinstance(text, str):
        raise Failure(f"{label}: 'text' is not a string", source)

    def field(key: str) -> str | None:
        value = row.get(key)
        if value is None or isinstance(value, (dict, list)):
            return None
        value = str(value).strip()
        return value or None

    return Article(
        text=strip_markup(text), title=strip_markup(field("title") or ""), url=field("url"),
        publisher=field("publisher"), published=field("published"), external_id=field("id"),
        source=source, flags=list(flags),
    )


def read_jsonl(lines: Iterator[Line], source: str, cap: int, charset: str | None = None,
               flags: list[str] | None = None) -> Iterator[Article | IngestError]:
    """One JSON object per line; a bad line is reported with its number, the rest go on."""
    any_line = False
    for number, raw in lines:
        where = f"{source}:{number}"
        if isinstance(raw, Overlong):
            any_line = True
            yield IngestError(where, _over_cap(number, cap))
            continue
        if not raw.strip():
            continue
        any_line = True
        line, line_flags = decode(raw, charset)
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield IngestError(where, f"line {number}: not valid JSON ({msg})")
            continue
        if not isinstance(row, dict):
            yield IngestError(where, f"line {number}: not a JSON object")
            continue
        try:
            yield row_article(row, where, f"line {number}", [*(flags or []), *line_flags])
        except Failure as exc:
            yield exc.to_error(where)
    if not any_line:
        yield IngestError(source, "empty file")


class _TooLong(Exception):
    def __init__(self, number: int, quotes: int) -> None:
        super().__init__(number)
        self.number, self.quotes = number, quotes


class _Feed:
    """Decoded lines for ``csv.reader``, remembering those the current row took, so a row
    found broken can hand all but its first line back to be read again."""

    def __init__(self, lines: Iterator[Line], charset: str | None) -> None:
        self.lines, self.charset = lines, charset
        self.taken: list[tuple[int, str]] = []
        self.again: deque[tuple[int, str]] = deque()
        self.flags: set[str] = set()
        self.done = False

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        if self.again:
            number, text = self.again.popleft()
        else:
            try:
                number, raw = next(self.lines)
            except StopIteration:
                self.done = True
                raise
            if isinstance(raw, Overlong):
                raise _TooLong(number, raw.quotes)
            text, flags = decode(raw, self.charset)
            self.flags.update(flags)
        self.taken.append((number, text))
        return text + "\n"

    def start_row(self) -> None:
        self.taken.clear()
        self.flags.clear()

    def reread_after_first(self) -> None:
        """Queue the current row's lines after its first to be read again."""
        self.again.extendleft(reversed(self.taken[1:]))

    def skip_open_quote(self, quotes: int) -> int:
        """Skip lines until the quote marks counted so far (the current row's, plus ``quotes``)
        pair up, so an over-long record is dropped whole; the last line number read."""
        quotes += sum(text.count('"') for _, text in self.taken)
        last = self.taken[-1][0] if self.taken else 0
        while quotes % 2:
            try:
                last, raw = self.again.popleft() if self.again else next(self.lines)
            except StopIteration:
                self.done = True
                break
            quotes += raw.quotes if isinstance(raw, Overlong) else raw.count(b'"' if isinstance(raw, bytes) else '"')
        return last

    @property
    def exhausted(self) -> bool:
        return self.done and not self.again


def read_csv(lines: Iterator[Line], source: str, cap: int, charset: str | None = None,
             flags: list[str] | None = None) -> Iterator[Article | IngestError]:
    """A header row naming at least ``text``; each later row is one article."""
    csv.field_size_limit(cap)
    feed = _Feed(lines, charset)
    try:
        first = next(feed)
    except StopIteration:
        yield IngestError(source, "empty file")
        return
    except _TooLong:
        yield IngestError(source, f"CSV header is over the {cap}-byte limit (ingest.max_record_bytes)")
        return
    delimiter = max(",;\t", key=first.count)
    feed.again.appendleft(feed.taken[0])  # hand the header line back, whole, to the reader
    feed.start_row()
    reader = csv.reader(feed, delimiter=delimiter)
    try:
        columns = [c.strip().lower() for c in next(reader)]
    except (csv.Error, StopIteration) as exc:
        yield IngestError(source, f"not valid CSV ({exc})")
        return
    if "text" not in columns:
        shown = ", ".join(" ".join(c.split())[:40] for c in columns[:12]) or "none"
        yield IngestError(source, f"CSV has no 'text' column (columns: {shown})")
        return
    yield from _csv_rows(reader, feed, columns, source, cap, list(flags or []))


def _skipped_over_cap(source: str, line: int, last: int, cap: int) -> IngestError:
    through = f" (lines {line}-{last})" if last > line else ""
    return IngestError(f"{source}:{line}", _over_cap(line, cap) + through)


def _unbalanced(row: list[str], columns: list[str], feed: _Feed) -> bool:
    """A row over several lines with too many or too few fields holds an unbalanced quote that
    swallowed the rows after it; so does one that runs to the end of the file with an odd
    number of quote marks (escaped quotes come in pairs)."""
    if len(feed.taken) < 2:
        return False
    if len(row) != len(columns):
        return True
    return feed.exhausted and sum(text.count('"') for _, text in feed.taken) % 2 == 1


def _csv_rows(reader, feed: _Feed, columns: list[str], source: str, cap: int,
              flags: list[str]) -> Iterator[Article | IngestError]:
    while True:
        feed.start_row()
        try:
            row = next(reader)
        except StopIteration:
            return
        except _TooLong as exc:
            line = feed.taken[0][0] if feed.taken else exc.number
            yield _skipped_over_cap(source, line, max(exc.number, feed.skip_open_quote(exc.quotes)), cap)
            continue
        except csv.Error as exc:
            line = feed.taken[0][0] if feed.taken else 0
            if "field limit" in str(exc):
                yield _skipped_over_cap(source, line, feed.skip_open_quote(0), cap)
                continue
            yield IngestError(f"{source}:{line}", f"line {line}: not valid CSV ({exc}); row skipped")
            feed.reread_after_first()
            continue
        line = feed.taken[0][0]
        if _unbalanced(row, columns, feed):
            yield IngestError(f"{source}:{line}", f"line {line}: unbalanced quote (its field runs over the rows "
                              f"after it); row skipped, reading goes on at line {line + 1}")
            feed.reread_after_first()
            continue
        if not any(v.strip() for v in row):
            continue  # blank line
        where = f"{source}:{line}"
        try:
            yield row_article(dict(zip(columns, row)), where, f"line {line}", [*flags, *sorted(feed.flags)])
        except Failure as exc:
            yield exc.to_error(where)
