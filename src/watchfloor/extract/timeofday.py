"""The time of day an event happened, when the sentence that reports it says ("before dawn",
"on Tuesday evening", "at 9:30 p.m."). Reports of one incident agree on it, and two same-day
incidents in one town often differ in it (merge/match.py)."""

from __future__ import annotations

import re

# Part of the day -> its middle hour, for comparing parts of the day (merge/match.py).
HOURS = {"dawn": 5, "morning": 9, "afternoon": 14, "evening": 19, "night": 0}

# Phrases naming a part of the day, most specific first. "Early morning" and "the early hours"
# are before sunrise as often as after it: dawn.
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_PARTS = [
    # "late on Saturday", "early Sunday": the night before, and the small hours
    ("night", rf"\blate\s+(?:on\s+)?{_DAY}\b(?!\s+(?:morning|afternoon|evening))"),
    ("dawn", rf"\bearly\s+(?:on\s+)?{_DAY}\b(?!\s+(?:morning|afternoon|evening|night))"),
    ("dawn", r"before\s+dawn|pre-?dawn|at\s+dawn|daybreak|first\s+light|early\s+(?:hours|morning)|sunrise|"
             r"\bdawn\b|sehri|suhoor"),
    ("night", r"late\s+(?:at\s+)?night|(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+night|overnight|midnight|"
              r"after\s+dark|\bnight\b|nighttime|night-time"),
    ("evening", r"\bevening\b|\bdusk\b|sunset|nightfall|\biftar\b"),
    ("afternoon", r"afternoon|midday|\bnoon\b|lunchtime|mid-day"),
    ("morning", r"\bmorning\b|mid-?morning"),
]
_PART_RE = [(part, re.compile(pattern, re.I)) for part, pattern in _PARTS]
_CLOCK = re.compile(r"\b(?:at|around|about|shortly\s+(?:before|after))\s+(\d{1,2})(?:[:.](\d{2}))?\s*"
                    r"(a\.?m\.?|p\.?m\.?)(?!\w)", re.I)


def _part_of_hour(hour: int) -> str:
    if 4 <= hour < 7:
        return "dawn"
    if 7 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 22:
        return "evening"
    return "night"


# What follows an attribution is when it was said: "..., the army said in a statement issued
# late in the evening".
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|announced|stated|statement|according\s+to|reported|confirmed|"
                          r"claimed|added)\b", re.I)


def time_of_day(sentence: str) -> str | None:
    """"dawn", "morning", "afternoon", "evening", "night" or None, from the sentence up to its
    first attribution."""
    said = _ATTRIBUTION.search(sentence)
    if said and said.start() > 0:
        sentence = sentence[:said.start()]
    clock = _CLOCK.search(sentence)
    if clock:
        hour = int(clock.group(1)) % 12 + (12 if clock.group(3).lower().startswith("p") else 0)
        return _part_of_hour(hour)
    found = [(m.start(), part) for part, rx in _PART_RE for m in [rx.search(sentence)] if m]
    # the earliest phrase in the sentence wins; at one position, the first rule listed
    return min(found)[1] if found else None


def hours_apart(a: str, b: str) -> int:
    """Hours between the middles of two parts of the day, around the clock."""
    gap = abs(HOURS[a] - HOURS[b]) % 24
    return min(gap, 24 - gap)
