"""Local bytes: size-checked reading, decoding, format sniffing, and text/JSONL/CSV readers.

Inputs come from scrapers, exports and copy-paste, so encodings and shapes vary; each
reader turns what it can into draft Articles and reports the rest per record.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import stat
from collections.abc import Iterator
from typing import BinaryIO

from watchfloor.models import Article, IngestError

from .articles import Failure

TEXT_FIELDS = ("id", "title", "text", "published", "url", "publisher")
_CONTROL_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 27)) | frozenset(range(28, 32))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_MARKUP = re.compile(
    r"<\s*(?:script|style|iframe|object|p|br|div|span|a\s|img|b|i|em|strong|ul|li|h[1-6]|table)\b",
    re.I,
)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|p|div|meta|title)[\s>/]", re.I)


def read_limited(path: str, settings: dict) -> bytes:
    """The bytes of a regular file, refusing missing, special and oversized files."""
    limit = int(settings["ingest"]["max_file_bytes"])
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise Failure("no such file or directory") from None
    except PermissionError:
        raise Failure("permission denied") from None
    except (OSError, ValueError) as exc:
        raise Failure(f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise Failure("not a regular file")
    if info.st_size > limit:
        raise Failure(_over_limit(info.st_size, limit))
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except PermissionError:
        raise Failure("permission denied") from None
    except OSError as exc:
        raise Failure(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:  # grew after stat
        raise Failure(f"file is over the {limit}-byte limit (ingest.max_file_bytes)")
    return data


def read_stream(stream: BinaryIO, settings: dict) -> bytes:
    """Read stdin (or any byte stream) up to the file size limit."""
    limit = int(settings["ingest"]["max_file_bytes"])
    buffer = getattr(stream, "buffer", stream)  # a text-mode sys.stdin has .buffer
    data = buffer.read(limit + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > limit:
        raise Failure(f"input is over the {limit}-byte limit (ingest.max_file_bytes)")
    return data


def _over_limit(size: int, limit: int) -> str:
    return f"file is {size} bytes, over the {limit}-byte limit (ingest.max_file_bytes)"


def check_content(data: bytes, what: str = "file") -> None:
    """Refuse empty and binary inputs before any parser sees them."""
    if not data.strip(b" \t\r\n\x0b\x0c\xef\xbb\xbf"):
        raise Failure(f"empty {what}")
    if _looks_binary(data):
        raise Failure(f"binary {what}, not text")


def _looks_binary(data: bytes) -> bool:
    """Mostly NULs/control bytes, or mostly invalid UTF-8 that no BOM explains."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = data[:8192]
    controls = sum(b in _CONTROL_BYTES for b in sample)
    if controls / len(sample) > 0.1:
        return True
    decoded = sample.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd") - sample.decode("utf-8", errors="ignore").count("\ufffd")
    return bad / max(len(decoded), 1) > 0.3


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML <meta> or XML declaration names, if Python knows it."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, charset: str | None = None) -> tuple[str, list[str]]:
    """UTF-8 (BOM aware), then the declared charset, else UTF-8 with replacement + flag."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), ["invalid-utf16"]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    for name in (charset, declared_charset(data)):
        if not name:
            continue
        try:
            if codecs.lookup(name).name in ("utf-8", "utf-16", "utf-32"):
                continue
            return data.decode(name), []
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace"), ["invalid-utf8"]


def sniff_format(data: bytes, name: str = "", content_type: str = "") -> str:
    """One of "feed", "html", "jsonl", "csv", "text": content first, then name/type hints."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    lower_name = name.lower()
    ctype = content_type.lower()
    if _FEED_ROOT.search(head[:1024]) and not re.match(rb"(?i)<!doctype\s+html|<html", head):
        return "feed"
    if any(t in ctype for t in ("rss", "atom")):
        return "feed"
    if head.startswith(b"<") and _HTML_ROOT.search(head) or "html" in ctype:
        return "html"
    if lower_name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower_name.endswith((".xml", ".rss", ".atom")) or "xml" in ctype:
        return "feed" if head.startswith(b"<") else "text"
    if lower_name.endswith((".jsonl", ".ndjson")) or "json" in ctype:
        return "jsonl"
    if lower_name.endswith(".csv") or "csv" in ctype:
        return "csv"
    if lower_name.endswith(".txt") or "text/plain" in ctype:
        return "text"
    if head.startswith(b"{"):
        return "jsonl"
    first = head.split(b"\n", 1)[0].strip().lower()
    if re.fullmatch(rb"[a-z_]+(?:[,;\t][a-z_]+)+", first) and b"text" in re.split(rb"[,;\t]", first):
        return "csv"
    if head.startswith(b"<"):
        return "html"
    return "text"


def strip_markup(text: str) -> str:
    """Text that carries HTML tags is treated as an HTML fragment (scripts dropped)."""
    if _MARKUP.search(text):
        from .pages import fragment_to_text

        return fragment_to_text(text)
    return text


def read_plain(text: str, source: str, flags: list[str]) -> Article:
    """First non-empty line is the title, the rest the body (a lone line is both)."""
    text = strip_markup(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise Failure("empty file")
    title = lines[0].strip()
    body = "\n".join(lines[1:]).strip() or title
    return Article(text=body, title=title, source=source, flags=list(flags))


def _row_article(row: dict, source: str, label: str, flags: list[str]) -> Article:
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
        text=strip_markup(text),
        title=strip_markup(field("title") or ""),
        url=field("url"),
        publisher=field("publisher"),
        published=field("published"),
        external_id=field("id"),
        source=source,
        flags=list(flags),
    )


def read_jsonl(text: str, source: str, flags: list[str]) -> Iterator[Article | IngestError]:
    """One JSON object per line; a bad line is reported with its number, the rest go on."""
    any_line = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        any_line = True
        where = f"{source}:{number}"
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
            yield _row_article(row, where, f"line {number}", flags)
        except Failure as exc:
            yield exc.to_error(where)
    if not any_line:
        yield IngestError(source, "empty file")


def read_csv(text: str, source: str, flags: list[str], settings: dict) -> Iterator[Article | IngestError]:
    """A header row naming at least ``text``; each later row is one article."""
    csv.field_size_limit(max(int(settings["ingest"]["max_file_bytes"]), 131072))
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        columns = [c.strip().lower() for c in reader.fieldnames or []]
    except csv.Error as exc:
        yield IngestError(source, f"not valid CSV ({exc})")
        return
    if "text" not in columns:
        shown = ", ".join(" ".join(c.split())[:40] for c in columns[:12]) or "none"
        yield IngestError(source, f"CSV has no 'text' column (columns: {shown})")
        return
    reader.fieldnames = columns
    yield from _csv_rows(reader, text, source, flags, delimiter, 0)


def _open_to_the_end(first_line: int, last_line: int, text: str) -> bool:
    """A quote opened and never closed: the row runs to the end of the file and its raw lines
    hold an odd number of quote marks (escaped quotes come in pairs)."""
    lines = text.rstrip("\n").split("\n")
    if last_line < len(lines):
        return False
    return "\n".join(lines[first_line - 1:]).count('"') % 2 == 1


def _csv_rows(reader: csv.DictReader, text: str, source: str, flags: list[str], delimiter: str,
              offset: int) -> Iterator[Article | IngestError]:
    """The data rows. A row that runs over several lines and comes out with too many or too few
    fields holds an unbalanced quote that swallowed the rows after it: it is reported, and
    reading goes on at its next line, so the swallowed rows are read after all."""
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield IngestError(f"{source}:{start + offset}", f"line {start + offset}: not valid CSV ({exc}); rest of file skipped")
            return
        if reader.line_num > start and (None in row or None in row.values() or _open_to_the_end(
                start + offset, reader.line_num + offset, text)):
            line = start + offset
            yield IngestError(f"{source}:{line}", f"line {line}: unbalanced quote (its field runs over the rows "
                              f"after it); row skipped, reading goes on at line {line + 1}")
            rest = "\n".join(text.split("\n")[line:])
            again = csv.DictReader(io.StringIO(rest, newline=""), fieldnames=reader.fieldnames, delimiter=delimiter)
            yield from _csv_rows(again, text, source, flags, delimiter, line)
            return
        start += offset
        where = f"{source}:{start}"
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # blank line
        try:
            yield _row_article(row, where, f"line {start}", flags)
        except Failure as exc:
            yield exc.to_error(where)
