"""Tokens, spans and the word classes every attribution rule shares.

Offsets are character offsets into the article text, end exclusive. ``MAX_CONTENT`` caps the
content of one claim; ``MAX_QUOTE_PARAGRAPHS`` caps how far a quote may run across paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]
MAX_CONTENT = 1500  # characters of content per claim; a longer quote falls back to its sentence
MAX_QUOTE_PARAGRAPHS = 6
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
RELATIVES = {"who", "which", "that"}
BOUNDARY_TOK = {",", ";", ":", "—", "–", "“", "”", '"', "(", ")", "!", "?", ".", "‘", "[", "]", "…", "--", "'", "`"}
CLOSE_Q = "”\"’'"
_OPEN_Q = "“\"‘'"
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|[A-Z]\.(?=\s+[A-Z])|(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sen|Rep|Gov|Sgt|Brig|St|Jr|Sr|Prof|Adm|Insp|Supt|Mt|"
    r"Ft|Rev|Del|Cpl|Pvt|Cmdr|Hon|Ret|Fr|Sheikh|Amb|Atty|Dept|Govt|No)\.|\w+(?:[-’'.&/]\w+)*(?:[’']s\b|(?<=s)[’'](?=\s))?|"
    r"--|[^\w\s]")


@dataclass
class Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    return [Tok(start + m.start(), start + m.end(), m.group(0)) for m in _TOKEN.finditer(text[start:end])]


def strip_span(text: str, a: int, b: int) -> Span:
    """Trim spaces, and final punctuation outside quote marks (". , ; : ! ? —"), from a span."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;:!?—–-"):
        b -= 1
    return a, b
