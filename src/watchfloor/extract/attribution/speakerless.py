"""Attributions without a speaker: raising passives and "reportedly".

"The convoy is expected to reach Quetta on Monday", "Rubio is widely seen as the favourite",
"The attackers are believed to have crossed from Afghanistan", "Crows are considered the
detectives of the bird world", "The minister reportedly resigned": someone expects, sees,
believes or reports it, and the text does not say who. The claim has ``speaker`` None; its
cue is the verb group ("is widely expected", "reportedly"); its content is the subject noun
phrase plus the rest of the clause ("The convoy" + "to reach Quetta on Monday"), the way
attribution corpora such as PolNeAR annotate it. "it was reported that ..." (impersonal, with
a "that" clause) is read by the ordinary frame, not here.
"""

from __future__ import annotations

import re

from .article import Article, RawClaim
from .content import content_after
from .lexicon import ASSERTS, FORM, PREDICTS
from .sources import np_before
from .tokens import Tok

# A cheap test before the sentence is tokenized.
HINT = re.compile(r"\b(?:expected|said|believed|thought|reported|rumou?red|alleged|seen|considered|viewed|regarded|"
                  r"understood|projected|predicted|tipped|deemed|presumed|reportedly)\b")

_RAISING = re.compile(
    r"\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been|will\s+be|would\s+be)\s+"
    r"(?:(?:not|widely|also|still|now|generally|largely|broadly|long|increasingly|privately|publicly|"
    r"initially|originally)\s+){0,2}"
    r"(expected|said|believed|thought|reported|rumou?red|alleged|seen|considered|viewed|regarded|understood|"
    r"projected|predicted|tipped|deemed|presumed)"
    r"(?=\s+(?:to\s+\w|as\s+\w|(?:the|a|an)\s+\w))", re.I)
_PREDICTING = {"expected", "projected", "predicted", "tipped"}
# Only "considered/deemed" take a bare noun phrase ("are considered the ..."); the others need to/as.
_BARE_NP_OK = {"considered", "deemed"}


def speakerless(art: Article, toks: list[Tok], ss: int, se: int, others: list[RawClaim]) -> list[RawClaim]:
    """Speakerless claims in the sentence ``[ss, se)``, given the claims ``others`` found there.

    One inside another claim's content ("The convoy was expected to ..., two officials said")
    is left out: that claim already says who expects it."""
    text = art.text
    taken = {r.cue for r in others}
    inside = [sp for r in others for sp in r.content]
    out: list[RawClaim] = []
    for m in _RAISING.finditer(text, ss, se):
        verb = m.group(1).lower()
        rest = text[m.end():m.end() + 4].lstrip().lower()
        if not rest.startswith(("to", "as")) and verb not in _BARE_NP_OK:
            continue
        if art.inside_quote(m.start(), m.end()) is not None:
            continue
        cue = (m.start(), m.end())
        if any(a < cue[1] and cue[0] < b for a, b in taken) or any(a <= cue[0] < b for a, b in inside):
            continue
        k = next((x for x, t in enumerate(toks) if t.start >= m.start()), None)
        if k is None or k == 0:
            continue
        rng = np_before(toks, k)
        if rng is None:
            continue
        i, j = rng
        subject = (toks[i].start, toks[j].end)
        if toks[i].low in ("it", "this") and i == j:
            continue  # "it is expected to rain", "it is said to be": no proposition to attribute
        content = content_after(art, m.end(), se, "expect")
        if not content:
            continue
        if toks[i].low in ("which", "who", "that") and i == j:
            # "The vote, which is widely expected to be close, ...": the relative clause ends at its comma.
            comma = text.find(",", m.end(), content[-1][1])
            if comma > 0:
                content = [(content[0][0], comma)]
        stance = PREDICTS if verb in _PREDICTING else ASSERTS
        out.append(RawClaim(cue, verb, stance, 0, None, [subject] + content, (ss, se)))
    for m in re.finditer(r"\breportedly\b", text[ss:se]):
        a, b = ss + m.start(), ss + m.end()
        if art.inside_quote(a, b) is not None or any(x < b and a < y for x, y in taken) or \
                any(x <= a < y for x, y in inside):
            continue
        k = next((x for x, t in enumerate(toks) if t.start >= a), None)
        if k is None or k == 0 or k + 1 >= len(toks):
            continue
        nxt = toks[k + 1]
        if nxt.low in FORM or (k + 2 < len(toks) and toks[k + 2].low in FORM) or not nxt.text[:1].isalpha():
            continue  # "Trump reportedly told aides that ...": the cue "told" has it
        y = k
        while y - 1 >= 0 and toks[y - 1].low in ("has", "have", "had", "is", "are", "was", "were", "will",
                                                  "would", "also", "still"):
            y -= 1
        rng = np_before(toks, y)
        if rng is None:
            continue
        i, _ = rng
        head = (toks[i].start, toks[k - 1].end)
        content = content_after(art, b, se, "report")
        if not content:
            continue
        out.append(RawClaim((a, b), "reportedly", ASSERTS, 0, None, [head] + content, (ss, se)))
    return out
