"""Speaker labels: a short noun phrase and a colon opening a paragraph.

Headlines ("Sanders: Brexit's message could draw support", "Poll: Clinton leads in Ohio") and
transcripts ('Rep. Trey Gowdy (R-S.C.): "I have not heard ..."') attribute what follows the
colon to the label. The cue is the colon; the content is the quote that follows it, or the rest
of the sentence. Labels that name no speaker ("Note:", "Update:", "Photo:", "9:10 p.m.:",
"Q:") are left out.
"""

from __future__ import annotations

import re

from .article import Article, RawClaim
from .lexicon import ASSERTS
from .quotes import quote_content
from .sources import np_ok
from .tokens import Tok, strip_span

_LABEL = re.compile(r"[ \t]*([A-Z][^:\n!?“”\"]{0,70}?)[ \t]*:[ \t]*(?=\S)")
_NOT_SPEAKER = {
    "note", "notes", "update", "updated", "updates", "photo", "photos", "source", "sources", "related", "watch",
    "read", "read more", "see", "see also", "also", "correction", "disclaimer", "caption", "credit", "credits",
    "image", "images", "video", "listen", "transcript", "summary", "background", "breaking", "breaking news",
    "exclusive", "opinion", "analysis", "live", "timeline", "tags", "topics", "date", "time", "location", "where",
    "when", "what", "why", "who", "how", "editor's note", "editors note", "follow", "subscribe", "share", "email",
    "contact", "phone", "posted", "published", "by", "warning", "trigger warning", "spoiler", "fact",
    "facts", "key facts", "the facts", "bottom line", "the bottom line", "question", "answer", "quote",
    "quotes", "quote of the day", "more", "here", "example", "for example", "in short", "result", "results",
    "score", "final", "final score", "dead", "killed", "injured", "wounded", "age", "occupation", "status",
    "term", "party", "district", "population", "reporting", "additional reporting", "writing", "editing",
    "top", "bottom", "left", "right", "above", "below", "first", "second", "third", "then", "now", "today",
    "yesterday", "tomorrow", "tonight", "the latest", "latest", "ps", "p.s", "nb", "fyi", "re", "subject", "to", "from", "cc",
}


def label_claim(art: Article, toks: list[Tok], ss: int, se: int) -> RawClaim | None:
    """The claim of a paragraph-opening "Speaker: content" in the sentence ``[ss, se)``, if any."""
    text = art.text
    ps, _ = art.para_of(ss)
    if text[ps:ss].strip():
        return None  # not at the start of its paragraph
    m = _LABEL.match(text, ss, se)
    if m is None:
        return None
    label = m.group(1).strip()
    low = label.replace("’", "'").lower()
    if low in _NOT_SPEAKER or len(label) < 2 or re.search(r"\d", label) or len(label.split()) > 8 or \
            re.search(r"[a-z]{4}\.\s", label):
        return None  # not a label, or a sentence ends inside it
    words = [t for t in toks if t.start < m.end(1)]
    if not words or not all(np_ok(t, None) or t.text in {"(", ")", ",", "."} or t.low in {"and", "of", "the", "for"}
                            for t in words):
        return None
    if words[-1].text[:1].islower() and words[-1].low not in {"says", "say"}:
        return None  # "The reason is simple:", "Here is what we know:"
    colon = text.index(":", m.end(1))
    q = art.quote_starting_at(m.end(), limit=1)
    if q is not None:
        content = quote_content(art, q)
    else:
        a, b = strip_span(text, m.end(), se)
        if len(text[a:b].split()) < 3:
            return None
        content = [(a, b)]
    src = (m.start(1), m.start(1) + len(label))
    return RawClaim((colon, colon + 1), "label", ASSERTS, 1, src, content, (ss, se))
