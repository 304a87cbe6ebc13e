"""Names in apposition: "San Rafael town, Bulacan", "the Jani Khel area of Bannu district".

The second name is the unit the first lies in; read so, the pair says where the first is and
in which country, even when the first is too small for the gazetteer.
"""

from __future__ import annotations

import re


# "San Rafael town, Bulacan", "Ligao City, Albay", "the Jani Khel area of Bannu district",
# "Balite (Balete) in Magpet", "Leon (Leon)": the second name is the unit the first lies in.
_APPOSITION = re.compile(r"(?:\s+(?i:town|city|village|municipality|district|county))?\s*(?:,|\()\s*|"
                         r"\s+(?i:area|areas|locality|localities|sector|neighbou?rhood|outskirts)\s+of\s+(?:the\s+)?|"
                         r"\)?\s+in\s+(?:the\s+)?")


_ENDS_IN_UNIT_WORD = re.compile(r"\s(?:Province|District|Region|State|County|Prefecture|Governorate|Department|"
                                r"Division|Zone|Oblast|Regency|Municipality)$")


def appositions(text: str, spans, gaz) -> dict[int, tuple[object, object, int]]:
    """Span start -> (its reading inside the unit named right after it, that unit, the unit
    name's start), for names in apposition whose readings nest ("San Rafael town, Bulacan"):
    a pair that nests is read so, in whichever country has it. When none nests (the place is
    too small for the gazetteer) the reading is None and the unit still says the country."""
    out = {}
    for (s1, e1, name1), (s2, _, name2) in zip(spans, spans[1:]):
        m = _APPOSITION.match(text, e1)
        if not m or m.end() != s2:
            continue
        named = gaz.candidates(name2)
        if _ENDS_IN_UNIT_WORD.search(name2):  # "Soum Province" is the province, not a town named Soum
            named = [c for c in named if c.kind != "city"]
        units = [c for c in named if c.kind in ("admin1", "admin2")]
        if not units or any(c.kind == "country" for c in named):
            continue  # "Tbilisi, Georgia": the second name may be a country, not a unit
        towns = gaz.candidates(name1)
        pair = next(((t, u) for u in units for t in towns if t is not u and t.country == u.country
                     and t.admin1 == u.admin1 and (u.kind == "admin1" or t.admin2 == u.admin2)), None)
        if pair is not None:
            out[s1] = (pair[0], pair[1], s2)
        elif "(" in m.group(0):
            continue  # "Dessie town (Debub Wollo, Amhara)": a bracket that does not nest says nothing
        elif len({u.country for u in units}) == 1 and not (
                m.group(0).strip() == "," and any(c.kind == "city" for c in named)):
            out[s1] = (None, units[0], s2)  # after a bare comma, a unit that is also a town may be a list
    return out
