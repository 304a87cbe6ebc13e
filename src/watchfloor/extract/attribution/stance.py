"""Finishing a claim: kind, stance, channel, date and confidence (conventions in ``claims.py``)."""

from __future__ import annotations

import re

from .article import Article, RawClaim
from .lexicon import ASSERTS, DEMANDS, DENIES, PREDICTS, WARNS
from .tokens import Span

_FUTURE = re.compile(r"\b(?:will|won['’]t|would|shall|expects?|expected\s+to|(?:is|are|was|were)\s+(?:likely|"
                     r"unlikely|set|going|poised|due|about)\s+to|likely\s+to|in\s+the\s+coming\s+(?:days|weeks|"
                     r"months|years))\b", re.I)
_CHARACTERIZED_FALSE = re.compile(
    r"\b(?:allegations?|claims?|charges?|accusations?|reports?|assertions?|suggestions?|rumou?rs?|stor(?:y|ies)|"
    r"news)\b[^.;]{0,60}?\b(?:baseless|unfounded|false|untrue|fabricated|propaganda|lies|nonsense|rubbish|"
    r"misleading|groundless|fake|incorrect|not\s+true|without\s+(?:any\s+)?(?:basis|foundation|merit)|"
    r"far\s+from\s+(?:the\s+)?truth)\b", re.I)
ALLEGATION_HEAD = re.compile(
    r"(?:the|these|those|such|any|all|repeated|recent|fresh|latest|western|u\.s\.|pakistani|indian|"
    r"(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s)?\s*"
    r"(?:(?:\w+\s+){0,2})(?:allegations?|claims?|charges?|accusations?|reports?|suggestions?|assertions?|"
    r"notion|idea|impression|perception)\s+(?=that\b)", re.I)
_CHANNELS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\bstate(?:-run|-owned)?\s+(?:television|tv|broadcaster)\b|\bstate\s+media\b|\bptv\b", re.I),
     "state television"),
    (re.compile(r"\b(?:on|in\s+a\s+post\s+on|posted\s+on|wrote\s+on|via)\s+(?:the\s+)?(?:X|Twitter)\b|"
                r"\bX,\s*formerly\s+(?:known\s+as\s+)?Twitter\b|\btweet(?:ed|s)?\b"), "a post on X"),
    (re.compile(r"\b(?:facebook|telegram|whatsapp|instagram|tiktok|youtube|social\s+media|online\s+post)\b", re.I),
     "social media"),
    (re.compile(r"\bnews\s+conference\b", re.I), "a news conference"),
    (re.compile(r"\bpress\s+(?:conference|briefing|talk)\b|\bbriefing\b", re.I), "a press conference"),
    (re.compile(r"\b(?:told|telling|tells|tell|speaking\s+to|talking\s+to|remarks\s+to|comments\s+to)\s+"
                r"(?:(?:local|foreign|visiting)\s+)?(?:reporters|journalists|the\s+media|media\s+representatives|"
                r"the\s+press|newsmen)\b", re.I), "remarks to reporters"),
    (re.compile(r"\b(?:statement|press\s+release|communiqu[eé]|declaration)\b", re.I), "a statement"),
    (re.compile(r"\binterview\b", re.I), "an interview"),
    (re.compile(r"\b(?:speech|address(?:ing)?\s+(?:a|the)|rally|sermon)\b", re.I), "a speech"),
    (re.compile(r"\bvideo\b", re.I), "a video"),
    (re.compile(r"\bletter\b", re.I), "a letter"),
    (re.compile(r"\b(?:report|study|survey|assessment|audit)\b", re.I), "a report"),
    (re.compile(r"\b(?:television|tv|radio|broadcast)\b", re.I), "a broadcast"),
    (re.compile(r"\b(?:hearing|testimony|testified)\b", re.I), "a hearing"),
]
# A cheap test before the date parser runs on a sentence.
MAYBE_DATE = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
                         r"oct|nov|dec)[a-z]*\b|\b(?:yesterday|today|tonight|overnight|week|weekend|month|ago)\b|"
                         r"\b\d{4}-\d{2}-\d{2}\b", re.I)


def claim_kind(art: Article, spans: list[Span]) -> str:
    text = art.text
    quoted = {tuple(x) for q in art.quotes for x in q.spans}
    if all(tuple(sp) in quoted for sp in spans):
        return "direct"
    direct = all(text[a:a + 1] in "“\"‘'" and text[b - 1:b] in "”\"’'" for a, b in spans)
    if direct and all(art.by_start.get(a) is not None or any(q.start == a for q in art.quotes) for a, _ in spans):
        return "direct"
    for a, b in spans:
        if re.search(r"[“”\"‘]", text[a:b]) or re.search(r"(?<!\w)'\w[^']{0,80}'(?!\w)", text[a:b]):
            return "mixed"
    return "indirect"


def claim_stance(art: Article, raw: RawClaim, content_text: str) -> str:
    stance = raw.stance
    if raw.lemma == "ask" and re.match(r"\s*(?:[\w’'.-]+\s+){1,5}?to\s+\w+", art.text[raw.cue[1]:raw.cue[1] + 80]):
        stance = DEMANDS
    if raw.lemma in ("fear", "worry"):
        stance = WARNS
    if stance == ASSERTS and _CHARACTERIZED_FALSE.search(content_text[:300]):
        return DENIES
    if stance == ASSERTS:
        probe = content_text
        if raw.extra.get("kind") == "direct":
            probe = re.split(r"(?<=[.!?])\s", content_text, maxsplit=1)[0]
        if _FUTURE.search(probe[:260]):
            return PREDICTS
    return stance


def claim_channel(art: Article, raw: RawClaim, frame_text: str) -> str | None:
    for pat, name in _CHANNELS:
        if pat.search(frame_text):
            return name
    return None


def cue_frame_text(art: Article, raw: RawClaim) -> str:
    """The cue's clause without its content (where channel and date are read)."""
    ss, se = raw.sentence
    pieces = []
    cur = ss
    for a, b in sorted(raw.content):
        a, b = max(a, ss), min(b, se)
        if a >= b:
            continue
        if a > cur:
            pieces.append(art.text[cur:a])
        cur = max(cur, b)
    if cur < se:
        pieces.append(art.text[cur:se])
    return " ".join(pieces)


def claim_date(art: Article, raw: RawClaim, dates) -> str | None:
    ss, se = raw.sentence
    cands = []
    for d in dates:
        if not (ss <= d.start < se):
            continue
        if any(a <= d.start < b for a, b in raw.content):
            continue
        if raw.source and raw.source[0] <= d.start < raw.source[1] and not re.search(
                r"\b(?:released|published|issued|aired|broadcast)\b", art.text[raw.source[0]:d.start]):
            continue
        cands.append((abs(d.start - raw.cue[0]), d))
    if not cands:
        return None
    return min(cands, key=lambda t: t[0])[1].date


def claim_confidence(raw: RawClaim, speaker: dict | None, kind: str, content_text: str) -> float:
    c = {2: 0.8, 1: 0.65, 0: 0.5}[raw.strength]
    if speaker is None:
        c -= 0.15
    elif speaker["entity"].type in ("person", "institution", "document") and speaker["text"].lower() not in (
            "he", "she", "they", "it", "who", "which", "that"):
        c += 0.1
    if kind == "direct":
        c += 0.05
    if raw.source_copied:
        c -= 0.05
    if len(content_text.split()) < 3:
        c -= 0.15
    return round(max(0.05, min(0.99, c)), 2)
