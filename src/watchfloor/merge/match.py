"""Is this report the same incident as that one? A table of named rules, each weighing one kind
of evidence: date, place, type, actors, target, time of day, toll, and whether both come from
one article.

Each rule returns a score (positive supports, negative speaks against) or ``CONTRADICTS``,
which no other evidence outweighs. Two reports are one incident when nothing contradicts,
the date and the place both support it, and the total reaches ``MATCH_SCORE``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as Date

from ..extract.timeofday import HOURS, hours_apart

CONTRADICTS = float("-inf")
MATCH_SCORE = 4.0


@dataclass(frozen=True)
class Report:
    """One article's coding of one incident, as the merge sees it."""

    article_id: str
    ordinal: int
    event: dict  # the event as that article coded it (extraction record shape)
    published: str | None = None
    publisher: str | None = None
    original_source: str | None = None
    url: str | None = None
    event_id: str | None = None  # the merged event it belongs to now; None when new
    copies: tuple[dict, ...] = ()  # syndicated copies of its article: {article_id, publisher, ...}

    @property
    def key(self) -> tuple[str, int]:
        return (self.article_id, self.ordinal)


@dataclass
class Comparison:
    score: float = 0.0
    reasons: dict[str, float] = field(default_factory=dict)

    @property
    def contradicted(self) -> bool:
        return self.score == CONTRADICTS

    @property
    def same_incident(self) -> bool:
        r = self.reasons
        return (not self.contradicted and r.get("date", 0) > 0 and r.get("place", 0) > 0
                and self.score >= MATCH_SCORE)


def _day(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


# Days two reports' dates may differ for each time precision (1 day, week, month): "late
# Monday" in one report is "on Tuesday" in another, and a coarse date covers its whole span.
_DATE_SLACK = {1: 1, 2: 7, 3: 31}


def date_rule(a: dict, b: dict) -> float:
    da, db = _day(a.get("date")), _day(b.get("date"))
    if da is None or db is None:
        return 0.0
    gap = abs((da - db).days)
    slack = max(_DATE_SLACK.get(a.get("time_precision") or 3, 31), _DATE_SLACK.get(b.get("time_precision") or 3, 31))
    if gap > slack:
        return CONTRADICTS
    return 2.0 if gap == 0 else 1.0 if gap <= 1 else 0.5


def _km(a: dict, b: dict) -> float | None:
    try:
        lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in
                                  (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    except (KeyError, TypeError, ValueError):
        return None
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# Kilometres within which two places of the given geo precision (1: the town itself, 2: near it
# or part of a district, 3: a province) can be the same scene.
_PLACE_RADIUS = {1: 5.0, 2: 50.0, 3: 250.0}


def _fold(value) -> str:
    return " ".join(str(value or "").casefold().split())


def place_rule(a: dict, b: dict) -> float:
    if a.get("iso3") and b.get("iso3") and a["iso3"] != b["iso3"]:
        return CONTRADICTS
    if a.get("geonameid") and a.get("geonameid") == b.get("geonameid"):
        return 3.0
    if _fold(a.get("location")) and _fold(a.get("location")) == _fold(b.get("location")):
        return 3.0
    if a.get("admin2") and b.get("admin2") and _fold(a["admin2"]) != _fold(b["admin2"]):
        return CONTRADICTS
    km = _km(a, b)
    radius = max(_PLACE_RADIUS.get(a.get("geo_precision") or 3, 250.0),
                 _PLACE_RADIUS.get(b.get("geo_precision") or 3, 250.0))
    if km is not None:
        if km > radius:
            return CONTRADICTS
        if km <= _PLACE_RADIUS[1]:
            return 2.0
    if a.get("admin2") and b.get("admin2"):  # same district, different or unknown spots
        precise = (a.get("geo_precision") or 3) == 1 and (b.get("geo_precision") or 3) == 1
        return CONTRADICTS if precise else 1.0  # two named towns apart are two scenes
    if a.get("admin1") and _fold(a.get("admin1")) == _fold(b.get("admin1")):
        return 0.5
    return 0.0


# Event types that one incident can be coded as by different reports: an ambush is a clash to
# one outlet and an attack on civilians to another; a bombing followed by gunfire is either.
_NEIGHBOUR_TYPES = [
    {"Battles", "Violence against civilians", "Explosions/Remote violence"},
    {"Protests", "Riots"},
]


def type_rule(a: dict, b: dict) -> float:
    if a.get("sub_event_type") == b.get("sub_event_type"):
        return 2.0
    if a.get("event_type") == b.get("event_type"):
        return 1.0
    if any({a.get("event_type"), b.get("event_type")} <= group for group in _NEIGHBOUR_TYPES):
        return 0.0
    return CONTRADICTS


_GENERIC_ACTOR = ("unidentified", "civilians", "protesters", "rioters")


def _named(actor) -> str | None:
    folded = _fold(actor)
    return folded if folded and not folded.startswith(_GENERIC_ACTOR) else None


def actors_rule(a: dict, b: dict) -> float:
    """Shared named actors support; named actors with nothing in common speak against, but do not
    contradict: outlets credit different groups with one attack."""
    na = {n for n in (_named(a.get("actor1")), _named(a.get("actor2"))) if n}
    nb = {n for n in (_named(b.get("actor1")), _named(b.get("actor2"))) if n}
    if not na or not nb:
        return 0.0
    if na & nb or any(x.startswith(y) or y.startswith(x) for x in na for y in nb):
        return 1.0
    return -1.5


def _heads(targets) -> set[str]:
    return {_fold(t).split()[-1].rstrip("s") for t in targets or [] if _fold(t)}


def target_rule(a: dict, b: dict) -> float:
    ha, hb = _heads(a.get("targets")), _heads(b.get("targets"))
    if not ha or not hb:
        return 0.0
    return 1.0 if ha & hb else -1.0


def time_of_day_rule(a: dict, b: dict) -> float:
    """Morning against evening, or dawn against afternoon, on one day are two incidents; a
    neighbouring part of the day ("late Monday night", "early Tuesday") is not."""
    ta, tb = a.get("time_of_day"), b.get("time_of_day")
    if ta not in HOURS or tb not in HOURS:
        return 0.0
    gap = hours_apart(ta, tb)
    return 0.5 if gap <= 4 else CONTRADICTS if gap >= 8 else -1.0


def toll_rule(a: dict, b: dict) -> float:
    fa, fb = a.get("fatalities"), b.get("fatalities")
    if fa is None or fb is None:
        return 0.0
    if fa == fb:
        return 0.5
    low, high = sorted((fa, fb))
    return -1.0 if high >= 10 and high > 4 * max(low, 1) else 0.0  # a toll can rise, not tenfold


RULES: list[tuple[str, Callable[[dict, dict], float]]] = [
    ("date", date_rule),
    ("place", place_rule),
    ("type", type_rule),
    ("actors", actors_rule),
    ("target", target_rule),
    ("time_of_day", time_of_day_rule),
    ("toll", toll_rule),
]


def compare(a: Report, b: Report) -> Comparison:
    if a.article_id == b.article_id and a.ordinal != b.ordinal:
        # One article reporting two incidents means two incidents.
        return Comparison(CONTRADICTS, {"same_article": CONTRADICTS})
    out = Comparison()
    for name, rule in RULES:
        value = rule(a.event, b.event)
        out.reasons[name] = value
        if value == CONTRADICTS:
            out.score = CONTRADICTS
            return out
        out.score += value
    return out
