"""Phrases that state a toll or its absence, for extract/numbers.py: an updated toll ("rose to
12", "bringing the number of dead to seven", "a fourth person has died"), deaths without a
number, no deaths at all, and who claims a figure."""

from __future__ import annotations

import re

# Ordinal deaths: "a fourth person has died" means four dead so far.
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}


def own_dead_pattern(FIGURE: str) -> re.Pattern:  # noqa: N803
    """"the attackers left at least three of their own dead": the attackers' dead."""
    return re.compile(rf"\b(?:left|leaving|abandoned)\s+(?:at\s+least\s+|some\s+|about\s+)?(?P<fig>{FIGURE})\s+of\s+"
                      rf"their\s+(?:own|comrades|fighters|men)\s+(?:dead|bodies|killed)\b", re.I)


def toll_pattern(FIGURE: str) -> re.Pattern:  # noqa: N803 (the number grammar of numbers.py)
    """"the death toll rose to 12", "toll climbed to 59", and the forms above."""
    return re.compile(
        rf"\b(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?dead|fatalities)\s+(?:\w+\s+){{0,3}}?"
        rf"(?:rose|rises|climbed|climbs|jumped|increased|reached|reaches|stood|stands|is|was|went\s+up|risen|has\s+risen)\s+(?:to\s+|at\s+)?"
        rf"(?P<fig>{FIGURE})\b"
        # "the death toll from an Israeli strike on a car in Habbouch on Thursday rose to two"
        rf"|\b(?:death\s+)?toll\s+(?:from|of|in)\s+[^.;]{{0,120}}?\b(?:rose|climbed|jumped|increased|risen)\s+to\s+"
        rf"(?P<fig5>{FIGURE})\b"
        rf"|\b(?:revised|raised|lowered|put|updated|brought)\s+the\s+(?:death\s+)?toll\b[^.;]{{0,90}}?\bto\s+(?P<fig2>{FIGURE})\b"
        rf"|\b(?:number|count|tally)\s+of\s+(?:people|persons|those|victims|dead|deaths|fatalities|soldiers|civilians)"
        rf"(?:\s+(?:killed|dead|who\s+died))?[^.;]{{0,90}}?\b(?:risen|rose|rises|climbed|climbs|reached|jumped|increased)\s+to\s+(?P<fig3>{FIGURE})\b"
        # "bringing the number of dead to seven", "taking the death toll to 12"
        rf"|\b(?:bringing|taking|pushing|raising)\s+(?:the\s+)?(?:overall\s+|total\s+)?(?:death\s+toll|toll|death\s+count|"
        rf"number\s+of\s+(?:the\s+)?(?:dead|deaths|people\s+killed|fatalities|victims))\s+(?:\w+\s+){{0,2}}?to\s+(?P<fig4>{FIGURE})\b"
        # "a fourth person has died", "the fifth victim died in hospital": the count so far
        rf"|\b(?:a|the)\s+(?P<ordinal>{'|'.join(ORDINALS)})\s+(?P<who>(?:[\w-]+\s+){{0,2}}?)(?:has\s+|had\s+|later\s+)?"
        rf"(?:died|succumbed|was\s+killed|was\s+confirmed\s+dead)\b",
        re.I,
    )


# Casualties claimed or reported without a number: ACLED's coders use 3 (the vague default).
# Deaths claimed or reported without a number: ACLED's coders use 3 (the vague default).
# "Casualties" alone is not a death figure: it counts the wounded too.
UNSPECIFIED = re.compile(
    r"\b(?:(?:heavy|significant|multiple|several|many|numerous|unspecified|unknown|considerable|huge|large)\s+"
    r"(?:number\s+of\s+)?(?:fatalities|losses(?:\s+of\s+life)?|deaths|loss\s+of\s+life)|"
    r"(?:an\s+)?(?:unspecified|unknown|undisclosed)\s+number\s+(?:of\s+)?(?:\w+\s+){0,3}?(?:were\s+)?(?:(?:claimed\s+to\s+be\s+)?killed|fatalities|deaths|dead)|"
    r"(?:causing|inflicting|inflicted|suffered|sustained)\s+(?:\w+\s+){0,2}?(?:losses|fatalities)|"
    r"loss(?:es)?\s+of\s+(?:life|lives)|killed\s+and\s+(?:injured|wounded)\s+(?:several|many|multiple|dozens)|"
    r"claimed\s+(?:to\s+have\s+)?killed\s+(?!\d)(?:several|many|multiple|dozens|an\s+unspecified))",
    re.I,
)
NONE = re.compile(
    r"\b(?:no\s+(?:one|body|casualt(?:y|ies)|fatalit(?:y|ies)|loss\s+of\s+(?:life|lives)|deaths?|injur(?:y|ies)|"
    r"one\s+was\s+(?:hurt|injured|killed|harmed))|nobody\s+was\s+(?:hurt|injured|killed|harmed)|"
    r"(?:escaped|remained)\s+(?:unhurt|unharmed|unscathed)|without\s+(?:any\s+)?casualt(?:y|ies)|"
    r"none\s+(?:was|were)\s+(?:hurt|injured|killed))\b",
    re.I,
)
GROUP_CLAIM = re.compile(
    r"\b(?:[A-Z]{2,5}|militants?|insurgents?|separatists?|the\s+group|rebels?|(?:Baloch|militant|insurgent)\s+sources|"
    r"(?:group's|militants')\s+spokes(?:man|person))\b[^.;]{0,30}?"
    r"\b(?:claimed|claims|claiming|said\s+in\s+a\s+statement|statement\s+(?:said|claimed)|spokesman\s+(?:said|claimed))\b"
    r"[^.;]{0,25}$"
)
STATE_CLAIMANT = re.compile(r"\b(?:ISPR|CTD|FC|police|army|military|security\s+forces|officials?|government|authorities)\b[^.;]{0,30}$", re.I)
NEG_BEFORE = re.compile(r"\b(?:no|not|never|none\s+of\s+the)\s+(?:\w+\s+){0,2}$", re.I)
