"""Text normalization. Evidence offsets always refer to the text this returns."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Control characters other than newline and tab (C0, DEL, C1) carry no meaning in news text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# Invisible marks, the soft hyphen among them: "con\u00adtrol" is "control".
_ZERO_WIDTH = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# Line breaks that are not "\n": NEL (a C1 control, which would otherwise be deleted and glue
# two words together), the line and paragraph separators.
_LINE_BREAKS = re.compile(r"[\x85\u2028\u2029]")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(\n\s*)+")


def strip_controls(text: str) -> str:
    """Control characters removed (NEL and the Unicode separators become line breaks) before a
    parser sees the text: libxml2 refuses a form feed before a tag and drops the document."""
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


def normalize_text(text: str) -> str:
    """NFKC, one kind of space, no stray control characters, at most one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_BREAKS.sub("\n", text)
    text = _ZERO_WIDTH.sub("", text)
    # Non-breaking spaces become plain spaces before NFKC (which would keep U+00A0 as a space
    # but not U+202F in all cases).
    text = _SPACES.sub(" ", text)
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub("", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def content_hash(text: str) -> str:
    """The idempotency key: the same normalized text always hashes the same."""
    folded = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def article_id(hash_hex: str) -> str:
    """Stable short id for an article, derived from its content hash."""
    return "a" + hash_hex[:16]
