"""Local bytes: size-checked reading, decoding, format sniffing, and the plain-text reader.

Inputs come from scrapers, exports and copy-paste, so encodings and shapes vary; each
reader turns what it can into draft Articles and reports the rest per record.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from typing import BinaryIO

from watchfloor.models import Article

from .articles import Failure

_CONTROL_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 27)) | frozenset(range(28, 32))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_MARKUP = re.compile(
    r"<\s*(?:script|style|iframe|object|p|br|div|span|a\s|img|b|i|em|strong|ul|li|h[1-6]|table)\b",
    re.I,
)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|p|div|meta|title)[\s>/]", re.I)


HEAD_BYTES = 8192  # read first to tell the format: bulk files are streamed, others read whole


def open_regular(path: str) -> tuple[BinaryIO, int]:
    """A regular file opened for reading, with its size; missing and special files refused."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise Failure("not a regular file")
        return open(path, "rb"), info.st_size
    except FileNotFoundError:
        raise Failure("no such file or directory") from None
    except PermissionError:
        raise Failure("permission denied") from None
    except (OSError, ValueError) as exc:
        raise Failure(f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None


def read_rest(stream: BinaryIO, head: bytes, settings: dict, *, size: int | None = None,
              what: str = "file") -> bytes:
    """``head`` and the rest of ``stream`` as one input, refused over the file size limit."""
    limit = int(settings["ingest"]["max_file_bytes"])
    if size is not None and size > limit:
        raise Failure(_over_limit(size, limit))
    try:
        data = head + stream.read(limit + 1 - len(head))
    except OSError as exc:
        raise Failure(f"cannot read: {exc.strerror or exc}") from None
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > limit:  # stdin, or a file that grew after stat
        raise Failure(f"{what} is over the {limit}-byte limit (ingest.max_file_bytes)")
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
