"""Actors: find mentions of armed groups, forces and civilians, and name them canonically.

The catalogue is data: ``data/actors.toml`` (generic actors and South Asian groups) and
``data/groups.toml`` (named groups worldwide, each with the country it operates in and the
source of its naming), plus an optional user file. A generic name carries ``{country}``
("Military Forces of {country}"), filled with the actor's own nationality when the text gives
one ("Russian troops", "an Israeli strike", "Mexico's army") and otherwise with the event's
country; with neither, the name is left without a country rather than given a default one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..geo.demonyms import after_preposition
from ..geo.national_terms import find_national_terms, people_singular
from ..textmatch import trie_alternation

# ACLED actor types (the digit in the interaction code).
STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)
_CATALOGUES = ("actors.toml", "groups.toml")


@dataclass(frozen=True)
class ActorMention:
    name: str  # canonical, with "{country}" still unfilled
    kind: int
    start: int
    end: int
    text: str
    nation: str | None = None  # ISO2 the text gives the actor ("Russian troops" -> RU)
    by_country: tuple[tuple[str, str], ...] = ()  # branch names of a movement, by ISO2

    def canonical(self, country: str | None, country_code: str | None = None) -> str:
        """The name with ``{country}`` filled: the actor's own nationality first, then the
        event's ``country`` (a name); a movement's branch by ``country_code``."""
        code = self.nation or country_code
        for branch_code, branch in self.by_country:
            if branch_code == code:
                return branch
        if "{country}" not in self.name:
            return self.name
        if self.nation:
            from ..geo import get_gazetteer

            country = get_gazetteer().country_name(self.nation) or country
        if not country:
            return re.sub(r"\s*(?:\(\{country\}\)|of \{country\})", "", self.name)
        return self.name.replace("of {country}", f"of {after_preposition(country)}").replace("{country}", country)

    @property
    def named_group(self) -> bool:
        """A specific organization, not a generic description like "gunmen" (a people's
        militia, "Fulani Ethnic Militia (Nigeria)", is specific)."""
        return "{country}" not in self.name or self.kind in (STATE, IDENTITY_MILITIA)


@dataclass
class ActorTable:
    entries: list[dict]
    pattern_ci: re.Pattern  # aliases, case-insensitive
    pattern_cs: re.Pattern | None  # acronyms, capitals only
    lookup: dict[str, dict]


def _load_entries(extra_file: str | Path | None) -> list[dict]:
    entries: list[dict] = []
    for name in _CATALOGUES:
        text = resources.files("watchfloor.data").joinpath(name).read_text(encoding="utf-8")
        entries += tomllib.loads(text).get("actor", [])
    if extra_file:
        with open(extra_file, "rb") as fh:
            entries = tomllib.load(fh).get("actor", []) + entries  # user entries win
    return entries


def _alternation(words, fold: bool = False) -> str:
    return trie_alternation(words, fold=fold)


@lru_cache(maxsize=4)
def actor_table(extra_file: str | None = None) -> ActorTable:
    entries = _load_entries(extra_file)
    lookup: dict[str, dict] = {}
    acronyms: dict[str, dict] = {}
    for entry in entries:
        for alias in [entry["name"].split(":")[-1].strip(), *entry.get("aliases", [])]:
            if "{country}" not in alias:
                lookup.setdefault(alias.casefold(), entry)
        for acr in entry.get("acronyms", []):
            acronyms.setdefault(acr, entry)
            lookup.setdefault(acr.casefold(), entry)
    # Longest alias first so "Pakistani Taliban" wins over "Taliban".
    pattern_ci = re.compile(r"(?<![\w-])(?:" + _alternation(lookup, fold=True) + r")(?![\w-])", re.I)
    pattern_cs = re.compile(r"(?<![\w-])(?:" + _alternation(acronyms) + r")(?![\w-])") if acronyms else None
    return ActorTable(entries, pattern_ci, pattern_cs, {**lookup, **acronyms})


def _mention(entry: dict, start: int, end: int, text: str) -> ActorMention:
    by_country = tuple(sorted(entry.get("by_country", {}).items()))
    return ActorMention(entry["name"], entry["kind"], start, end, text, nation=entry.get("nation"),
                        by_country=by_country)


# A people's name as the one acting ("Fulani herders attacked", "Maasai raid a village",
# "Dinka youths") names an identity militia, as ACLED names them: "<People> Ethnic Militia (<country>)".
_PEOPLE_ACTING = re.compile(
    r"\s+(?:(?:ethnic|armed|tribal)\s+)?(?:raiders|herders|herdsmen|militias?|militiamen|gunmen|youths|fighters|warriors|"
    r"tribesmen|attackers|assailants|armed\s+(?:groups?|men)|(?:attack|raid|kill|clash)(?:ed|s)?|ambush(?:ed|es)?|"
    r"burn(?:ed|t|s)?)\b", re.I)
# "killed by Maasai", "attacked by suspected Fulani": the people named as the agent.
_BY_PEOPLE = re.compile(r"\b(?:killed|attacked|ambushed|abducted|raided|burn(?:ed|t)|wounded|injured)\s+by\s+"
                        r"(?:(?:suspected|armed|alleged)\s+)?$", re.I)


def people_militias(text: str, offset: int = 0, lowercase: bool = False) -> list[ActorMention]:
    out = []
    for t in find_national_terms(text, lowercase=lowercase):
        if t.kind == "people" and (_PEOPLE_ACTING.match(text, t.end) or _BY_PEOPLE.search(text[max(0, t.start - 40):t.start])):
            name = people_singular(t.text)
            out.append(ActorMention(f"{name} Ethnic Militia ({{country}})", IDENTITY_MILITIA,
                                    offset + t.start, offset + t.end, t.text))
    return out


def find_actors(text: str, offset: int = 0, extra_file: str | None = None,
                lowercase: bool = False) -> list[ActorMention]:
    """Actor mentions in text order; an acronym counts only in capitals (TTP, not "ttp"),
    unless the whole text is lower-cased (some wire archives are), when case says nothing.
    A nationality before a force ("Nigerian troops") gives the force its country."""
    table = actor_table(extra_file)
    found: dict[int, ActorMention] = {}
    for m in national_forces().finditer(text):
        found[m.start()] = _national_force(m, offset, lowercase)
    for m in states_acting().finditer(text):
        found.setdefault(m.start(), _national_force(m, offset, lowercase))
    for m in forces_of_states().finditer(text):  # "military forces of Armenia", as coders write it
        found.setdefault(m.start(), _national_force(m, offset, lowercase))
    for m in paired_forces().finditer(text):  # "Armenian and Azerbaijani forces": the first nation's too
        found.setdefault(m.start(), _national_force(m, offset, lowercase))
    if table.pattern_cs:
        for m in table.pattern_cs.finditer(text):
            if m.start() not in found:
                found[m.start()] = _mention(table.lookup[m.group(0)], offset + m.start(), offset + m.end(), m.group(0))
    for m in table.pattern_ci.finditer(text):
        key = m.group(0).casefold()
        e = table.lookup.get(key)
        if e is None or (m.start() in found and found[m.start()].end - offset >= m.end()):
            continue  # a longer alias at the same place wins ("FARC dissidents" over "FARC")
        # Lower-case acronyms in running text are usually ordinary words ("bra", "fc").
        if not lowercase and key.upper() in e.get("acronyms", []) and not m.group(0).isupper() and len(key) <= 5 \
                and m.group(0) not in e.get("aliases", []):  # unless written as an alias spells it ("Unita")
            continue
        found[m.start()] = _mention(e, offset + m.start(), offset + m.end(), m.group(0))
    for m in people_militias(text, offset, lowercase):
        found.setdefault(m.start - offset, m)
    if not lowercase:  # a community's name is known only by its capital letter
        from .communities import community_militias

        for m in community_militias(text, offset):
            found.setdefault(m.start - offset, m)
    found = {k: v for k, v in found.items() if v is not None}
    # Drop mentions nested inside a longer one.
    out: list[ActorMention] = []
    for mention in sorted(found.values(), key=lambda a: (a.start, -(a.end - a.start))):
        if out and mention.start < out[-1].end:
            continue
        if out and _names_the_men(out[-1], mention, text, offset):
            prev = out[-1]  # "Houthi gunmen", "Taliban fighters": the group's own men, one mention
            out[-1] = replace(prev, end=mention.end, text=text[prev.start - offset: mention.end - offset])
            continue
        out.append(mention)
    return out


def _names_the_men(named: ActorMention, generic: ActorMention, text: str, offset: int) -> bool:
    return (named.named_group and not generic.named_group and generic.name.startswith("Unidentified Armed Group")
            and text[named.end - offset: generic.start - offset] == " ")


# What a nationality can qualify to name a state's forces. Police nouns give police forces.
_POLICE_NOUNS = r"police(?:\s+(?:officers?|forces|personnel))?|policem[ae]n|gendarmes?|gendarmerie|riot\s+police"
_MILITARY_NOUNS = (
    r"(?:armed|security|defen[cs]e|special|government|regime|ground|air|naval|occupation|coalition)\s+forces|"
    r"forces|troops|soldiers?|army|military|navy|air\s+force|marines|paratroopers|commandos|border\s+guards?|elements|coalition|"
    r"coast\s+guard|jets|warplanes|fighter\s+jets|aircraft|drones?|(?:air|drone|missile)\s*strikes?|strikes?|"
    r"airstrikes?|air\s+raids?|missiles?|rockets?|artillery|shelling|shells|bombardment|helicopters?|gunships?|tanks|"
    r"servicem[ae]n|units?|snipers?|(?:sniper|small[- ]arms|artillery|mortar|machine[- ]gun)\s+fire|fire|gunfire|"
    r"mortars?|positions|(?:military\s+|army\s+|border\s+)?(?:posts|outposts)")
_QUALIFIERS = r"(?:(?:army|military|government|state|federal|national|regime|junta|allied|border)\s+){0,2}"
_NOT_OWN = re.compile(r"^-(?:backed|led|trained|made|funded|allied|supplied|built|designed|based|born)", re.I)


@lru_cache(maxsize=1)
def national_forces() -> re.Pattern:
    """'Nigerian troops', 'the Russian military', 'an Israeli strike', "Mexico's army"."""
    from ..geo.demonyms import nation_table

    table = nation_table()
    adjectives = [w for w, (_, kind) in table.by_word.items() if kind in ("adjective", "name", "abbreviation")]
    words = _alternation(adjectives, fold=True)
    return re.compile(
        rf"(?<![\w-])(?P<nation>{words})(?:'s|’s)?(?P<gap>-\w+)?\s+{_QUALIFIERS}"
        rf"(?:(?P<police>{_POLICE_NOUNS})|(?P<military>{_MILITARY_NOUNS}))(?![\w-])", re.I)


# What a state does with its forces, said of the state: "Ethiopia bombs civilian targets",
# "Russia shelled Kharkiv", "Israel struck a school": the country's name is its military.
_FORCE_VERBS = (r"bomb(?:s|ed)|shell(?:s|ed)|strikes|struck|pound(?:s|ed)|attack(?:s|ed)|raid(?:s|ed)|"
                r"launch(?:es|ed)\s+(?:\w+\s+)?(?:strikes?|airstrikes?|attacks?|missiles?|rockets?|drones?|raids?|offensive)|"
                r"fir(?:es|ed)\s+(?:\w+\s+)?(?:missiles?|rockets?|shells|drones?)")


@lru_cache(maxsize=1)
def paired_forces() -> re.Pattern:
    """The first of two nationalities that share one force noun: "Armenian and Azerbaijani forces"."""
    from ..geo.demonyms import nation_table

    adjectives = [w for w, (_, kind) in nation_table().by_word.items() if kind == "adjective"]
    words = _alternation(adjectives, fold=True)
    return re.compile(rf"(?<![\w-])(?P<nation>{words})(?=\s+and\s+(?:{words})\s+{_QUALIFIERS}"
                      rf"(?:(?P<police>{_POLICE_NOUNS})|(?P<military>{_MILITARY_NOUNS}))(?![\w-]))", re.I)


@lru_cache(maxsize=1)
def forces_of_states() -> re.Pattern:
    """A force named before its country: "the military forces of Armenia", "police of Kenya"."""
    from ..geo.demonyms import nation_table

    names = [w for w, (_, kind) in nation_table().by_word.items() if kind == "name"]
    return re.compile(rf"(?<![\w-])(?:(?P<police>police(?:\s+forces)?)|(?P<military>(?:military|armed|security|defen[cs]e)\s+forces|"
                      rf"army|troops|military))\s+of\s+(?:the\s+)?(?P<nation>{_alternation(names, fold=True)})(?![\w-])", re.I)


@lru_cache(maxsize=1)
def states_acting() -> re.Pattern:
    """A country's name, then a verb of force: the name is the mention (``nation``, ``military``)."""
    from ..geo.demonyms import nation_table

    names = [w for w, (_, kind) in nation_table().by_word.items() if kind in ("name", "abbreviation")]
    return re.compile(rf"(?<![\w-])(?P<nation>(?P<military>{_alternation(names, fold=True)}))(?=\s+(?:{_FORCE_VERBS})\b)",
                      re.I)


def _national_force(m: re.Match, offset: int, lowercase: bool) -> ActorMention | None:
    from ..geo.demonyms import nation_table

    word = m.group("nation")
    gap = m.groupdict().get("gap")
    if gap and _NOT_OWN.match(gap) and not (gap.lower() == "-led" and m.group(0).lower().endswith("coalition")):
        return None  # "US-backed forces" are not US forces; a "Saudi-led coalition" is Saudi Arabia's
    codes, kind = nation_table().by_word[word.casefold()]
    if len(codes) != 1 or (not lowercase and not word[0].isupper()):
        return None
    if kind == "abbreviation" and not word.isupper():
        return None
    name = "Police Forces of {country}" if m.groupdict().get("police") else "Military Forces of {country}"
    return ActorMention(name, STATE, offset + m.start(), offset + m.end(), m.group(0), nation=codes[0])


def interaction(kind1: int | None, kind2: int | None) -> int | None:
    """ACLED interaction code: the two actor types, lower first; one-sided events end in 0."""
    if kind1 is None:
        return None
    if kind2 is None:
        return kind1 * 10
    a, b = sorted((kind1, kind2))
    return a * 10 + b
