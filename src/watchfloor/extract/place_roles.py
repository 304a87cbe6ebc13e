"""What part a place plays in the sentence that names it: where something happened, or where
somebody spoke ("speaker"), filed ("dateline"), a point the scene is measured from or a road's
end ("near"), or a place named beside something else ("reference": "a Kampala-bound bus")."""

from __future__ import annotations

import re

# A place right after these words is where somebody spoke, not where something happened. A few
# words may come between ("told reporters on Thursday in"), not a clause ("the statement said
# the soldiers came under fire near al-Abbasi in Hawija").
_SPEAKER_BEFORE = re.compile(
    r"\b(?:said|says|told|tells|telling|spoke|speaking|addressing|addressed|announced|stated|remarked|"
    r"statement|press\s+conference|news\s+conference|press\s+briefing|briefing|remarks|interview|"
    r"news\s+briefing|presser|media\s+talk|talking\s+to\s+(?:reporters|journalists|the\s+media)|"
    r"representatives|reporters|journalists|media|meeting|summit|ceremony|event|session|parliament|assembly)"
    r"\b\s+(?:[^\s.;!?]+\s+){0,5}?(?:in|at|from)\s+(?:the\s+(?:capital|city\s+of|provincial\s+capital)\s*,?\s*)?$",
    re.I,
)
# A road named for the towns at its ends: "the Bishkek-Osh highway", "on the Baidoa-Mogadishu road".
_ROAD = r"\s+(?:road|highway|motorway|expressway|route|railway|corridor|axis|pipeline)\b"
_ROAD_FROM = re.compile(rf"-(?:[A-Z][\w'’]*)(?:\s+[A-Z][\w'’]*)?{_ROAD}")
_ROAD_TO = re.compile(_ROAD, re.I)


def road_end(text: str, start: int, end: int) -> bool:
    """A town a road is named for: an end of "the A-B road" (or the whole "A-B" read as one
    name), or the town "the Kilwa road" leads to."""
    return bool(_ROAD_FROM.match(text, end) or _ROAD_TO.match(text, end))


_REFERENCE_AFTER = re.compile(r"-(?:based|bound)\b")
# A place naming whom a person works for ("a Kirkuk police officer said", "the Nabatieh health
# official") says where the speaker serves, not where the attack was.
_AFFILIATION_AFTER = re.compile(
    r"\s+(?:(?:police|security|army|health|hospital|provincial|district|municipal|city|local)\s+)?"
    r"(?:officer|officers|official|officials|chief|spokesman|spokeswoman|spokesperson|commander|"
    r"commissioner|source|sources)\b", re.I)
# Where the wounded were taken or died is not where the attack happened: "shifted to a hospital
# in Peshawar", "died in a Peshawar hospital", "airlifted to Quetta".
_CARE = r"(?:hospital|hospitals|clinic|medical\s+(?:centre|center|complex|college)|mortuary|morgue|trauma\s+cent(?:re|er))"
_TAKEN = r"(?:taken|shifted|rushed|moved|referred|airlifted|flown|evacuated|transported|brought)"
_CARE_VERB = rf"(?:{_TAKEN[3:-1]}|admitted|treated|died|succumbed)"
_CARE_BEFORE = re.compile(
    rf"\b{_CARE_VERB}\b[^.;]{{0,40}}?{_CARE}\s+(?:in|at)\s+(?:the\s+)?(?:(?:provincial|regional|federal)\s+)?"
    rf"(?:capital\s*,?\s*|city\s+of\s+)?$|\b{_TAKEN}\s+to\s+(?:the\s+)?$", re.I)
_CARE_AFTER = re.compile(rf"^(?:'s)?\s+(?:[A-Z][\w-]*\s+){{0,2}}?{_CARE}\b", re.I)
# "the Tierra Blanca neighbourhood of Culiacán": a part of a city, which GeoNames rarely holds
# (and then often as a namesake elsewhere); the city after it is the place.
_PART_OF_CITY_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|suburbs?|quarter|colonia|barrio|borough)\b", re.I)
_PART_OF_PLACE_AFTER = re.compile(
    r"\s+(?:district|area|sector|zone)\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?"
    r"(?P<city>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+)?)(?!\s+(?:district|province|state|region|county|governorate|"
    r"oblast|department|division|agency|tehsil|township|municipality))")
_BIG_CITY = 200_000  # a city this size has districts of its own; a smaller one is a village's town
_CARE_ARTICLE_BEFORE = re.compile(rf"\b{_CARE_VERB}\s+(?:\w+\s+){{0,3}}?(?:in|at|to)\s+(?:a|the)\s+$", re.I)
# "a missile launched from the Belgorod area", "drones fired from Yemen": where the weapon came
# from, not where it struck.
_ORIGIN_BEFORE = re.compile(r"\b(?:launched|fired|flown|took\s+off|taken\s+off)\s+from\s+(?:the\s+)?$", re.I)
# "40 km south of Kabul", "north of the capital, Sanaa": a point to measure from, not the scene.
_BEARING_BEFORE = re.compile(
    r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|outside|km|kilometres|kilometers|miles)\s+"
    r"(?:of|from)\s+(?:the\s+(?:capital|city|town|provincial\s+capital)\s*,?\s*(?:of\s+)?)?$", re.I)
def _is_big_city(cand) -> bool:
    return cand.kind == "city" and (cand.population or 0) >= _BIG_CITY


def _part_of_big_city(text: str, end: int, gaz, country: str | None) -> bool:
    """"the Tierra Blanca district of Culiacán", "the Saltivskyi district of Kharkiv": a part of a
    big city named before it (but "the Jani Khel area of Bannu district" names a village)."""
    m = _PART_OF_PLACE_AFTER.match(text, end)
    if not m:
        return False
    return any(_is_big_city(c) for c in gaz.candidates(m.group("city"), country))


def _cared_for_in(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 60): start]
    return bool(_CARE_BEFORE.search(before)
                or (_CARE_ARTICLE_BEFORE.search(before) and _CARE_AFTER.match(text[end:end + 40])))


def _spoken_from(text: str, start: int) -> bool:
    """The place is where somebody spoke ("told reporters in Kabul"), not where what they
    told of happened ("said Pakistan launched airstrikes in Khost")."""
    from .lexicon import ANY_TRIGGER

    m = _SPEAKER_BEFORE.search(text, max(0, start - 90), start)
    return m is not None and not ANY_TRIGGER.search(text, m.start() + len(m.group(0).split()[0]), start)



def place_role(text: str, start: int, end: int, cand, gaz, in_dateline: bool) -> str:
    """The role of the place ``cand`` read at text[start:end]."""
    if in_dateline:
        return "dateline"
    if _spoken_from(text, start) or _AFFILIATION_AFTER.match(text, end):
        return "speaker"
    if (_PART_OF_CITY_AFTER.match(text, end) and not _is_big_city(cand)) or _part_of_big_city(text, end, gaz, cand.country):
        return "reference"  # the city it is part of stands for it ("the Nairobi suburb of" is the city)
    if (_BEARING_BEFORE.search(text[max(0, start - 60): start]) and cand.kind == "city") or (
            road_end(text, start, end) and cand.kind in ("city", "admin2")):
        return "near"  # the scene is near it ("north of Baghdad", "the Bishkek-Osh highway"): a last resort
    if (_REFERENCE_AFTER.match(text, end) or _cared_for_in(text, start, end)
            or _ORIGIN_BEFORE.search(text[max(0, start - 40): start])):
        return "reference"  # "a Kampala-bound bus", "a London-based monitor": not where it happened
    return "other"
