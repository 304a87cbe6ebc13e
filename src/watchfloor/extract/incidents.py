"""Out-of-scope incidents: disasters, accidents, organized crime and diplomatic acts.

They kill, destroy and get arrested like political violence, so an event extractor must
recognise them to leave them out; they are kept, not dropped, in the extraction's
``other_incidents`` list. The cue words are data (``rules/out_of_scope.toml``).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from ..models import OtherIncident
from .lexicon import PROTEST_HINTS, RAID_WORD

CATEGORIES = ("natural_disaster", "man_made_disaster", "organized_crime", "diplomatic")
# Trigger hints a crime story carries without being violence: the seizure, the arrest.
NON_VIOLENT_HINTS = frozenset({"Arrests", "Disrupted weapons use", "Looting/property destruction"})


@lru_cache(maxsize=1)
def cue_patterns() -> dict[str, re.Pattern]:
    with open(Path(__file__).parent / "rules" / "out_of_scope.toml", "rb") as fh:
        table = tomllib.load(fh)
    return {cat: re.compile(r"\b(?:" + "|".join(f"(?:{c})" for c in table[cat]["cues"]) + r")\b", re.I)
            for cat in CATEGORIES}


def category_of(sentence: str) -> str | None:
    """The out-of-scope category a sentence's cues name, most specific first."""
    pats = cue_patterns()
    for cat in ("man_made_disaster", "organized_crime", "diplomatic", "natural_disaster"):
        if pats[cat].search(sentence):
            return cat
    return None


def is_diplomatic(sentence: str) -> bool:
    return bool(cue_patterns()["diplomatic"].search(sentence))




# Shooting someone is never an accident or a disaster: "shot dead by police as he helped
# the victims of a road accident".
_SHOOTING = re.compile(r"\b(?:shot\s+(?:dead|and\s+killed)|gunned\s+down|opened\s+fire|fired\s+(?:at|on|into)|"
                       r"shot\s+(?:him|her|them))\b", re.I)


_RAID = re.compile(rf"^{RAID_WORD}$", re.I)


def scope_hints(triggers) -> set[str]:
    """The trigger hints that decide scope: a raid alone is how police make a seizure, not violence."""
    return {t.hint for t in triggers if not (t.hint == "Violence" and _RAID.match(t.text))}


def is_shooting(sentence: str) -> bool:
    return bool(_SHOOTING.search(sentence))


def is_out_of_scope(sentence: str, hints: set[str], armed_actor: bool, forces: bool = False) -> str | None:
    """The category when a sentence with trigger ``hints`` reports an out-of-scope incident.

    Disasters and accidents are out of scope unless an armed actor is named ("militants
    blew up a gas pipeline" is violence); crime only while nothing violent happens in it
    (a cartel's ambush is violence, its drug haul is not); diplomacy always."""
    cat = category_of(sentence)
    if cat is None:
        return None
    if hints and hints <= PROTEST_HINTS:
        return None  # "students protested over the forest fires": the incident is the protest
    if cat in ("natural_disaster", "man_made_disaster"):
        return None if armed_actor or _SHOOTING.search(sentence) else cat
    if cat == "organized_crime":
        if "Looting/property destruction" in hints and (armed_actor or forces):
            return None  # soldiers or militants robbing villagers: looting, not crime for profit
        return cat if hints <= NON_VIOLENT_HINTS else None
    return cat


def group_incidents(found: list[tuple[str, int, int]], text: str, published: str | None) -> list[OtherIncident]:
    """Consecutive sentences of one category are one incident (the story goes on about it)."""
    out: list[OtherIncident] = []
    last_end = -1
    for cat, s, e in found:
        if out and out[-1].category == cat and _adjacent(text, last_end, s):
            out[-1].evidence.append((s, e))
        else:
            out.append(OtherIncident(category=cat, text=text[s:e].strip(), evidence=[(s, e)], date=published))
        last_end = e
    return out


def _adjacent(text: str, end: int, start: int) -> bool:
    return start - end < 400 and text.count("\n\n", end, start) <= 1
