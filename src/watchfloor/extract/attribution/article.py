"""Per-article state shared by the rules, and the raw claim they produce.

:class:`Article` holds the text, its sentences, paragraphs and quotes with fast lookups
(the quote ending or starting at a position, the paragraph of a position). :class:`RawClaim`
is one cue's reading before finishing: cue, source and content spans, stance from the lexicon.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ...textmatch import LATIN_UPPER
from .quotes import Quote, find_quotes, paragraphs
from .tokens import Span

# A dateline opening a sentence: "QUETTA —", "LONDON (Reuters) -", "KABUL, Sept. 2 (AP) —".
_CAPS = rf"[{LATIN_UPPER}][{LATIN_UPPER} .'’-]{{2,40}}"
DATELINE = re.compile(rf"^\s*(?:{_CAPS}(?:,\s*[{LATIN_UPPER}][\w .'’-]{{1,40}})?(?:\s*\([\w .]+\))?\s*[—–-]{{1,2}}\s*|"
                      rf"{_CAPS},\s*[A-Z][a-z]{{2,9}}\.?\s+\d{{1,2}}\s*(?:\([\w .]+\))?\s*[—–-]{{1,2}}\s*)")


@dataclass
class RawClaim:
    cue: Span
    lemma: str
    stance: str
    strength: int
    source: Span | None
    content: list[Span]
    sentence: Span
    addressee: Span | None = None
    outlet: str | None = None
    impersonal: bool = False
    source_copied: bool = False
    extra: dict = field(default_factory=dict)


class Article:
    def __init__(self, text: str, sentences: list[Span], published: str | None):
        self.text = text
        self.sentences = sorted(sentences)
        self.published = published
        self.quotes = find_quotes(text)
        self.closed = [q for q in self.quotes if q.closed and not q.single]
        self.by_end = {q.end: q for q in self.closed}
        self.by_start = {q.start: q for q in self.closed}
        self.q_starts = [q.start for q in self.closed]
        self.paras = paragraphs(text)
        self.para_starts = [p[0] for p in self.paras]

    # ---- helpers

    def para_of(self, pos: int) -> Span:
        i = bisect_left(self.para_starts, pos + 1) - 1
        return self.paras[max(0, i)] if self.paras else (0, len(self.text))

    def inside_quote(self, a: int, b: int) -> Quote | None:
        i = bisect_left(self.q_starts, a + 1) - 1
        while i >= 0 and i >= bisect_left(self.q_starts, a + 1) - 3:
            q = self.closed[i]
            if q.start < a and b <= q.end and any(s <= a and b <= e for s, e in q.spans):
                return q
            i -= 1
        return None

    def quote_ending_at(self, pos: int) -> Quote | None:
        """The closed quote whose closing mark ends at ``pos`` (after skipping , and spaces back)."""
        p = pos
        while p > 0 and self.text[p - 1] in " \t,":
            p -= 1
        return self.by_end.get(p)

    def quote_starting_at(self, pos: int, limit: int = 4) -> Quote | None:
        p = pos
        while p < len(self.text) and p - pos < limit and self.text[p] in " \t,:\n":
            p += 1
        q = self.by_start.get(p)
        if q is None and p < len(self.text) and self.text[p] in "“\"'`":
            for u in self.quotes:
                if u.start == p and not u.single:
                    return u
        return q

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_left([s for s, _ in self.sentences], pos + 1) - 1)


def content_start_of_sentence(art: Article, ss: int, se: int) -> int:
    m = DATELINE.match(art.text, ss, se)
    return m.end() if m else ss
