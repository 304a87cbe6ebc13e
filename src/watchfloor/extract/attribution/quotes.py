"""Quotations: pairing quote marks once per article, and reading quoted content.

``find_quotes`` pairs straight and curly double quotes (a quote left open at a paragraph end
continues only into a paragraph that opens with a quote mark; otherwise it is unbalanced and
ends there), then short single-quoted passages outside them. ``quote_content``,
``continuation`` and ``split_tail`` turn quotes into content spans: a quote split around its
cue, and the quoted sentences that follow a direct claim in the same paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .tokens import MAX_CONTENT, MAX_QUOTE_PARAGRAPHS, Span

if TYPE_CHECKING:
    from .article import Article


@dataclass
class Quote:
    """A quotation: from its opening mark to its closing mark (both included)."""

    start: int
    end: int
    spans: list[Span]  # one per paragraph it runs through
    closed: bool
    single: bool = False


def paragraphs(text: str) -> list[Span]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


_DQ_MARK = re.compile(r"[“”\"]|''|``")


def _is_opening(text: str, i: int, n: int = 1) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + n] if i + n < len(text) else " "
    return (prev.isspace() or prev in "([{—–-/:“‘\"'") and not nxt.isspace()


def find_quotes(text: str) -> list[Quote]:
    """Double-quoted passages (straight or curly), then single-quoted ones outside them.

    A quote still open at the end of its paragraph continues into the next paragraph only if
    that paragraph opens with a quote mark (the newspaper convention); otherwise it is
    unbalanced and ends (``closed=False``) at its paragraph's end.
    """
    quotes: list[Quote] = []
    paras = paragraphs(text)
    carry: tuple[int, list[Span], int] | None = None  # (first open, spans so far, paragraphs)
    for pi, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        spans: list[Span] = []
        first_open: int | None = None
        skip = -1
        if carry is not None:
            lead = ps + (len(text[ps:pe]) - len(text[ps:pe].lstrip()))
            if (text[lead:lead + 1] in "“\"" or text[lead:lead + 2] in ("''", "``")) and carry[2] < MAX_QUOTE_PARAGRAPHS:
                first_open, spans, open_at, skip = carry[0], list(carry[1]), lead, lead
            else:
                quotes.append(Quote(carry[0], carry[1][-1][1], carry[1], closed=False))
            carry = None
        seg_start = open_at
        for m in _DQ_MARK.finditer(text, ps, pe):
            i = m.start()
            if i == skip:
                continue
            ch = m.group(0)
            n = len(ch)
            straight = ch in ('"', "''", "``")
            if open_at is None:
                if ch in ("“", "``") or (straight and _is_opening(text, i, n)):
                    open_at, seg_start, first_open, spans = i, i, i, []
                continue
            # A quote is open.
            if ch == "”" or (straight and ch != "``" and not (text[i - 1].isspace() and not text[i + n:i + n + 1].isspace())):
                spans.append((seg_start, i + n))
                quotes.append(Quote(first_open, i + n, spans, closed=True))
                open_at = None
            else:
                # A new opening mark while one is open: the earlier one was never closed.
                spans.append((seg_start, i))
                quotes.append(Quote(first_open, i, spans, closed=False))
                open_at, seg_start, first_open, spans = i, i, i, []
        if open_at is not None:
            spans.append((seg_start, pe))
            carry = (first_open, spans, len(spans))
    if carry is not None:
        quotes.append(Quote(carry[0], carry[1][-1][1], carry[1], closed=False))
    doubles = sorted(quotes, key=lambda q: q.start)
    # Single quotes (‘...’ and '...'), outside double quotes, within a paragraph, short.
    for ps, pe in paras:
        para = text[ps:pe]
        for m in re.finditer(r"[‘']", para):
            i = ps + m.start()
            if not _is_opening(text, i) or not text[i + 1:i + 2].isalnum() or text[i - 1:i] in "'`":
                continue
            if any(q.start <= i < q.end for q in doubles):
                continue
            close = re.compile(r"[’'](?![\w])" if text[i] == "‘" else r"'(?![\w])")
            for c in close.finditer(text, i + 2, min(pe, i + 300)):
                j = c.start()
                if text[j - 1].isspace():
                    continue
                quotes.append(Quote(i, j + 1, [(i, j + 1)], closed=True, single=True))
                break
    quotes.sort(key=lambda q: q.start)
    # Drop single quotes nested in an earlier single quote.
    out: list[Quote] = []
    for q in quotes:
        if q.single and out and any(o.single and o.start < q.start < o.end for o in out[-3:]):
            continue
        out.append(q)
    return out


def quote_content(art: Article, q: Quote) -> list[Span]:
    spans = [tuple(s) for s in q.spans]
    return [s for s in spans if s[1] > s[0]]


def continuation(art: Article, after: int, cue_sentence: Span) -> list[Span]:
    """Quoted sentences right after a direct claim, in the same paragraph, with no cue of their
    own: they are more of the same speaker's words."""
    out: list[Span] = []
    text = art.text
    ps, pe = art.para_of(cue_sentence[0])
    p = after
    total = 0
    while True:
        while p < pe and text[p] in " \t.":
            p += 1
        if p >= pe or text[p] not in "“\"'`":
            break
        q = art.by_start.get(p)
        if q is None or q.end > pe or len(q.spans) > 1:
            break
        tail = text[q.end:min(pe, q.end + 60)]
        if re.match(r"\s*,?\s*(?:[\w.'’-]+\s+){0,5}?(?:" + "|".join(("said", "says", "added", "adds", "told",
                                                                   "wrote", "insisted", "continued", "warned",
                                                                   "argued", "asked", "noted")) + r")\b", tail, re.I):
            break
        total += q.end - q.start
        if total > MAX_CONTENT:
            break
        out.append((q.start, q.end))
        p = q.end
    return out


def split_tail(art: Article, b: int, se: int, skip_from: int | None = None) -> list[Span]:
    """After '“A,” he said': a second quote part (', “B.”') and quoted sentences that follow."""
    p = skip_from if skip_from is not None else b
    text = art.text
    m = re.match(r"\s*,\s*", text[p:se])
    out: list[Span] = []
    if m:
        q = art.quote_starting_at(p + m.end(), limit=1)
        if q is not None:
            out = quote_content(art, q)
            return out + continuation(art, q.end, (art.para_of(b)[0], se))
    # '“A,” he said at a rally. “B.”': the next quoted sentences, if nothing else follows the cue.
    tail = text[p:se]
    cont = None
    if re.fullmatch(r"\s*[.!?]?\s*", tail):
        cont = se
    else:
        m = re.match(r"[^.!?“\"]{0,120}?[.!?]\s*(?=[“\"]|$)", tail)
        if m is not None:
            cont = p + m.end()
    if cont is not None:
        out = continuation(art, cont, (art.para_of(b)[0], se))
    return out
