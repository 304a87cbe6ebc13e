"""Communities, clans and tribes named as the side that fought: identity militias.

ACLED names a community's armed men after it, most often as an ethnic militia ("Orma Ethnic
Militia (Kenya)"), whether the text calls it a clan, a tribe or a community (on the tuned
slice of the world notes, "Ethnic Militia" is three times as common as "Clan" or "Communal").
News and coders write them as "members of the Marhani clan", "the Ejuona community attacked",
"clashes between the Orma and Wardei communities". A name is taken only where the text makes
the community the agent (after "by", before a violent verb, or as a side of a clash), so a
community that was attacked is never made the attacker. Peoples the nationality table knows
("Fulani herders") are read in ``actors.people_militias``.
"""

from __future__ import annotations

import re

from .actors import IDENTITY_MILITIA, ActorMention

_NAME = r"(?P<name>(?-i:[A-Z][a-z'-]+)(?:\s(?-i:[A-Z][a-z'-]+))?)"
_UNIT = r"(?P<unit>communit(?:y|ies)|clans?|clansmen|sub-?clans?|tribes?|tribesmen|ethnic\s+groups?)"
_VIOLENT = r"(?:attack(?:ed|s)?|kill(?:ed|s)?|raid(?:ed|s)?|clash(?:ed|es)?|burn(?:ed|t|s)?|ambush(?:ed|es)?|fought|torched)"
_FORMS = [
    # "by members of the Marhani clan", "by youths from the Ejuona community"
    re.compile(rf"\bby\s+(?:(?:suspected|armed)\s+)?(?:(?:members|youths?|men|gunmen|militiamen)\s+(?:of|from)\s+)?"
               rf"(?:the\s+)?{_NAME}\s+{_UNIT}\b", re.I),
    # "the Ikuruk clan attacks rivals", "members of the Ejuona community killed"
    re.compile(rf"(?:^|(?<=[.;]\s)|\b(?:members\s+of\s+|youths?\s+(?:of|from)\s+))(?:the\s+)?{_NAME}\s+{_UNIT}"
               rf"(?:\s+(?:members|youths|militia|militiamen))?\s+(?:\w+\s+)?{_VIOLENT}\b", re.I),
    # "clashes between the Orma and Wardei communities": the first side named
    re.compile(rf"\bbetween\s+(?:the\s+)?{_NAME}\s+and\s+(?:the\s+)?(?-i:[A-Z])[\w'-]+\s+{_UNIT}\b", re.I),
]
# Words that are no community's name here: religions, kinds of community, sentence openers.
_NOT_A_NAME = re.compile(r"^(?:the|a|an|local|host|rival|two|both|business|farming|fishing|pastoral|village|"
                         r"international|muslim|christian|hindu|sikh|buddhist|catholic|protestant|jewish|"
                         r"minority|majority|another|other|this|that|these|those|some|many|several)$", re.I)


def community_militias(text: str, offset: int = 0) -> list[ActorMention]:
    """Identity militias named after a community, clan or tribe that acted."""
    out: list[ActorMention] = []
    seen: set[int] = set()
    for form in _FORMS:
        for m in form.finditer(text):
            name = m.group("name")
            if _NOT_A_NAME.match(name.split()[0]) or m.start("name") in seen:
                continue
            seen.add(m.start("name"))
            out.append(ActorMention(f"{name} Ethnic Militia ({{country}})", IDENTITY_MILITIA,
                                    offset + m.start("name"), offset + m.end("name"), name))
    return out
