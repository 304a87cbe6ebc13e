"""Claims of responsibility: "X claimed responsibility", "X denied involvement", "officials
blamed X". Each is a claim of kind ``responsibility`` linked (``about``) to the event it
concerns, so the ledger records who took or was given the blame, and who refused it.
"""

from __future__ import annotations

import re

from ..models import Claim, Event
from .actors import STATE, ActorMention

CLAIMED_RESPONSIBILITY = re.compile(
    r"\b(?:claimed|claims|claiming|claim|accepted|owned)\s+(?:the\s+)?(?:full\s+)?responsibility\b|"
    r"\bresponsibility\s+(?:was|has\s+been|had\s+been)\s+claimed\s+by\b|\bclaimed\s+(?:the\s+)?(?:attack|bombing|killing)s?\b|"
    # a group saying it did the violence: "X claims it killed ten soldiers", "claimed to have ambushed"
    r"\b(?:claimed|claims|claiming)\s+(?:that\s+)?(?:it|its\s+(?:fighters|men|militants|cadres)|they)\s+(?:had\s+|have\s+)?"
    r"(?:killed|attacked|ambushed|shot\s+down|carried\s+out|targeted|destroyed)\b|"
    r"\bclaimed\s+to\s+have\s+(?:killed|attacked|ambushed|carried\s+out|targeted|destroyed)\b|"
    # a group announcing the enemy's dead claims the attack: "BLF claimed that six soldiers were killed"
    r"\b(?:claimed|claims)\s+(?:that\s+)?(?:at\s+least\s+)?(?:\w+\s+){0,2}?(?:soldiers|troops|security\s+personnel|"
    r"policemen|police\s+officers|personnel)\s+(?:were|had\s+been|have\s+been)\s+killed\b",
    re.I)
DENIED_RESPONSIBILITY = re.compile(
    r"\b(?:denied|denies|deny|distanced\s+(?:itself|themselves)|rejected)\b[^.]{0,40}\b(?:involvement|responsibility|"
    r"role|carrying\s+out|any\s+hand|links?)\b", re.I)
BLAMED = re.compile(r"\b(?:blamed|blames|blaming|accused|accuses|held\s+responsible|attributed\s+the\s+\w+\s+to)\b", re.I)


def responsibility_claims(text: str, sents: list[tuple[int, int]], claims: list[Claim],
                          actors: list[ActorMention], events: list[Event]) -> list[Claim]:
    """``claims`` with every claim of responsibility marked (or added) and linked."""
    out = list(claims)
    for s, e in sents:
        sentence = text[s:e]
        cue = DENIED_RESPONSIBILITY.search(sentence) or CLAIMED_RESPONSIBILITY.search(sentence) \
            or BLAMED.search(sentence)
        if cue is None:
            continue
        groups = [a for a in actors if s <= a.start < e and a.named_group and a.kind != STATE]
        if not groups:
            continue
        stance = "denies" if cue.re is DENIED_RESPONSIBILITY else "asserts"
        about = _event_of(s, e, events)
        existing = [c for c in out if s <= c.cue.get("start", -1) < e]
        if existing:
            for c in existing:
                c.kind, c.stance = "responsibility", stance
                c.about = sorted(set(c.about) | set(about))
            continue
        speaker = groups[0] if cue.re is not BLAMED else None
        out.append(Claim(
            speaker=_speaker(speaker) if speaker else None,
            cue={"text": cue.group(0), "start": s + cue.start(), "end": s + cue.end()},
            content={"text": sentence.strip(), "spans": [[s, e]]},
            kind="responsibility", stance=stance, about=about, confidence=0.6,
        ))
    out.sort(key=lambda c: c.cue.get("start", 0))
    return out


def _speaker(a: ActorMention) -> dict:
    name = a.canonical(None)
    return {"text": a.text, "start": a.start, "end": a.end,
            "entity": {"name": name, "role": None, "affiliation": name, "type": "group",
                       "anonymous": False, "outlet": None}}


def _event_of(s: int, e: int, events: list[Event]) -> list[int]:
    """The event a sentence concerns: one whose evidence it holds, else the last event
    reported before it, else the article's first event."""
    for i, ev in enumerate(events):
        if any(s <= a < e for spans in ev.evidence.values() for a, _ in spans):
            return [i]
    before = [i for i, ev in enumerate(events) if min((a for spans in ev.evidence.values() for a, _ in spans),
                                                       default=e) < s]
    if before:
        return [before[-1]]
    return [0] if events else []
