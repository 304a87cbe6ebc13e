"""Noun cues: "his claim that ...", "the allegation that ...", "Kabul's insistence that ...".

A reporting noun followed by a "that" clause attributes the clause to the noun's possessor, as
written ("his", "the Obama administration's"); with a plain determiner ("the allegation that",
"amid fears that") the claim has no speaker. The cue is the noun, the content the "that"
clause. A relative "that" ("the report that was released") is not a content clause.
"""

from __future__ import annotations

import re

from .article import Article, RawClaim
from .content import content_after
from .cues import clause_after
from .lexicon import ASSERTS, DEMANDS, DENIES, PREDICTS, WARNS
from .sources import np_before, np_ok
from .tokens import Span, Tok

_NOUNS: dict[str, str] = {}
for _stance, _words in (
        (ASSERTS, "claim claims allegation allegations assertion assertions contention view views belief beliefs "
                  "argument arguments suggestion suggestions insistence accusation accusations report "
                  "reports promise promises pledge pledges charge charges statement remark remarks comment "
                  "comments assurance assurances admission acknowledgment acknowledgement conclusion finding "
                  "findings assessment announcement confirmation position opinion theory rumor rumors rumour "
                  "rumours speculation impression perception conviction message guarantee boast hope hopes "
                  "complaint complaints testimony"),
        (WARNS, "warning warnings fear fears concern concerns worry worries threat threats"),
        (DENIES, "denial denials"),
        (DEMANDS, "demand demands call calls request requests"),
        (PREDICTS, "prediction predictions expectation expectations forecast forecasts estimate estimates")):
    for _w in _words.split():
        _NOUNS[_w] = _stance

HINT = re.compile(r"\b(?:" + "|".join(sorted(_NOUNS, key=len, reverse=True)) + r")\s+(?:[\w’'.-]+\s+){0,4}?that\b",
                  re.I)
_POSSESSIVE_PRONOUNS = {"his", "her", "their", "its", "my", "our", "your"}
_GAP = {"in", "on", "last", "this", "earlier", "week", "month", "year", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "again", "repeatedly", "yesterday", "today"}


def noun_claims(art: Article, toks: list[Tok], ss: int, se: int, others: list[RawClaim]) -> list[RawClaim]:
    """Claims of noun cues in the sentence ``[ss, se)``, given the verb cues' claims ``others``.

    A noun between a verb cue and its content is the channel ("said in a statement that ..."),
    not a cue. A noun inside another claim's content is a nested attribution ("rejected India's
    allegations that ...") and is kept when it has a possessor: without one it only repeats
    the proposition the outer claim is about."""
    taken = {r.cue for r in others}
    out: list[RawClaim] = []
    for k, tok in enumerate(toks):
        stance = _NOUNS.get(tok.low)
        if stance is None or tok.text[:1].isupper() and k > 0:
            continue
        x = k + 1
        while x < len(toks) and x - k <= 4 and toks[x].low in _GAP:
            x += 1  # "his claim in November that"
        if x >= len(toks) or toks[x].low != "that" or not clause_after(toks, x + 1):
            continue
        cue = (tok.start, tok.end)
        if any(a < cue[1] and cue[0] < b for a, b in taken) or art.inside_quote(*cue) is not None:
            continue
        if any(r.cue[1] <= cue[0] and r.content and cue[1] <= r.content[0][0] for r in others):
            continue  # the channel of a verb cue
        source = _possessor(toks, k)
        if source is None and any(a <= cue[0] < b for r in others for a, b in r.content):
            continue
        content = content_after(art, toks[x].start, se, "claim")
        if not content:
            continue
        out.append(RawClaim(cue, tok.low, stance, 1, source, content, (ss, se)))
    return out


def _possessor(toks: list[Tok], k: int) -> Span | None:
    """The possessor before the noun at ``k`` (over up to three modifiers): "his", "Kabul's"."""
    y = k - 1
    while y >= 0 and k - y <= 3 and toks[y].text[:1].islower() and np_ok(toks[y], toks[y + 1]) and \
            toks[y].low not in _POSSESSIVE_PRONOUNS and not toks[y].low.endswith(("'s", "s'")):
        y -= 1
    if y < 0:
        return None
    t = toks[y]
    if t.low in _POSSESSIVE_PRONOUNS:
        return t.start, t.end
    if t.low.endswith(("'s", "s'")):
        rng = np_before(toks, y + 1)
        if rng is not None:
            return toks[rng[0]].start, t.end
        return t.start, t.end
    return None
