"""Place mentions: find them, resolve them with context, and say what role each plays.

A place can be where something happened ("event"), where somebody spoke ("speaker":
"told reporters in Islamabad"), the dateline ("dateline": "QUETTA —"), a destination or base
named beside something else ("reference": "a Kampala-bound bus"), a point the scene is measured
from ("near": "40 km south of Kabul"), or anything else.
Ambiguous names are resolved with the article's country and province mentions, never by
the first gazetteer hit.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ..geo import is_plausible_place, loose_key, norm
from ..geo.names import strip_generic
from ..geo.demonyms import find_nations, is_not_country, nation_table, nation_weight
from ..geo.national_terms import find_national_terms, is_people_name

from ..models import Place
from .appositions import appositions
from ..textmatch import LATIN_LETTER, LATIN_UPPER
from .place_roles import place_role, road_end

# "ISLAMABAD —", "QUETTA:", "Peshawar, Sept 2 (Reuters) -" at the start of a paragraph.
_DATELINE = re.compile(rf"^[ \t]*([{LATIN_UPPER}][{LATIN_LETTER} .'-]{{2,40}}?)(?:\s*,\s*[^\n]{{0,40}}?)?\s*"
                       r"(?:\([^)]{1,30}\)\s*)?[—–:-]+\s", re.M)


# A nationality word before a unit word names the unit: "the Somali region" of Ethiopia,
# "Afar State", "Kurdistan Region".
_UNIT_AFTER = re.compile(r"\s+(?:region|state|province|zone|regional\s+state)\b", re.I)
_DISTRICT_AFTER = re.compile(r"\s+(?:district|agency|tribal\s+district|division)\b", re.I)


def _dateline_spans(text: str) -> list[tuple[int, int]]:
    """The dateline of each opening paragraph, up to its dash: "CULIACAN, Mexico —" is one
    dateline, and its "Mexico" is where the reporter filed from, like the city."""
    spans = []
    for m in _DATELINE.finditer(text[:2000]):
        if m.start() > 600:  # only the first paragraphs carry a dateline
            break
        head = re.match(r"[^—–:(]*", text[m.start(1):m.end()])
        spans.append((m.start(1), m.start(1) + len(head.group().rstrip(" -"))))
    return spans


# A capitalized word right before a name ("Anwaar-ul-Haq Kakar", "Gen. Asim Munir") or a
# speech verb right after it ("Kakar said") makes the name a person's, wherever it recurs.
_NAME_BEFORE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Brig|Sgt|Justice|Senator|Minister|President|"
                          r"Premier|Chief|Commander|Spokesman|Spokesperson|Governor|Maulana|Mufti|Sheikh|Syed|Sardar|"
                          r"Nawab|Mir|Malik|Khan|Haji|Qari|Mullah|Hafiz)\.?|[A-Z][a-z]+(?:-[a-z]+-[A-Z][a-z]+)?)\s+$")
_NAME_AFTER = re.compile(r"^(?:'s)?\s*,?\s+(?:said|says|told|added|stated|claimed|noted|wrote|argued|asserted|denied|"
                         r"insisted|warned|explained|remarked|declared|who\s+(?:is|was|heads|leads))\b")
_NOT_NAMES = {"The", "In", "On", "At", "From", "Near", "Of", "And", "But", "For", "To", "By", "With", "As",
              "A", "An", "Northern", "Southern", "Eastern", "Western", "Central", "North", "South", "East",
              "Northeast", "Northwest", "Southeast", "Southwest", "Northeastern", "Northwestern",
              "Southeastern", "Southwestern", "Mid", "Midwest",
              "West", "Upper", "Lower", "Greater", "Old", "New",
              "Home", "Province", "District", "Capital", "City", "Town", "Village", "Tehsil", "Agency",
              "Road", "Street", "Avenue", "Highway", "Bazaar", "Market", "Square", "Chowk", "Bridge", "Camp",
              "Region", "Zone", "County", "Regency", "State", "Barangay", "Brgy", "Sitio", "Woreda",
              "Upazila", "Municipality", "Commune", "Department", "Governorate", "Oblast", "Island", "Lake"}


def _person_names(text: str, spans) -> tuple[set[str], set[int]]:
    """Place-name mentions that are people's names.

    Returns the surfaces that are names wherever they recur (a title before one mention,
    "Gen. Mali", or a speech verb after it, "Kakar said") and the starts of single mentions
    that only a capitalised word beside them makes a name ("Sarfraz Bugti"): one such
    mention says nothing about the others.
    """
    people, local = set(), set()
    for start, end, surface in spans:
        before = _NAME_BEFORE.search(text[max(0, start - 40): start])
        if before:
            word = before.group(0).strip().rstrip(".")
            line_start = text.rfind("\n", 0, start) + 1
            at_sentence_start = not text[line_start:start - len(before.group(0))].strip() or re.search(
                r"[.!?\"“]\s*$", text[max(0, start - len(before.group(0)) - 3): start - len(before.group(0))])
            if word not in _NOT_NAMES and not is_nation_word(word) and not (at_sentence_start and word in _NOT_NAMES):
                if not re.search(r"\b(?:in|at|of|from|near|to)\s+\S+\s+$", text[max(0, start - 40): start]):
                    (people.add(surface) if _TITLE.fullmatch(word) else local.add(start))
        if _NAME_AFTER.match(text[end: end + 30]) and not re.search(
                r"\b(?:in|at|from|near|of|to|across|outside|inside)\s+(?:the\s+)?$", text[max(0, start - 15): start], re.I):
            people.add(surface)  # "Kakar said"; but "an official in D.I. Khan told" names a place
    return people, local


_TITLE = re.compile(r"Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Brig|Sgt|Justice|Senator|Minister|President|Premier|"
                    r"Chief|Commander|Spokesman|Spokesperson|Governor|Maulana|Mufti|Sheikh|Syed|Sardar|Nawab|Mir|"
                    r"Malik|Haji|Qari|Mullah|Hafiz")
# A name right before these nouns names a weapon, a vehicle or a vessel ("a Browning machine
# gun"), a party or movement ("Jubilee supporters"), a street ("Burma Road") or an organization ("Midland Rolling Mills", "Paul VI Medical
# Center", "Negros Guerilla Front"), not the place itself.
_MAKE_AFTER = re.compile(
    r"[ -](?:machine[- ]?guns?|rifles?|pistols?|guns?|missiles?|drones?|rockets?|tanks?|"
    r"helicopters?|jets?|aircraft|warplanes?|fighters?|ships?|vessels?|frigates?|destroyers?|"
    r"submarines?|carriers?|launchers?|systems?|supporters|loyalists|cadres)\b|"
    r"-(?:born|backed|made|registered|producing|manufacturing|making|owned)\b|"
    r" (?:(?:[A-Z][\w'.-]*|of|and|for|the|de) ){0,3}(?:Road|Street|Avenue|Lane|Highway|Mills?|Company|Corporation|Corp|"
    r"Inc|Ltd|Limited|Group|Bank|University|College|School|Academy|Institute|Hospital|Medical|Clinic|Hotel|"
    r"Stadium|Hall|Church|Cathedral|Mosque|Temple|Front|Movement|Party|Brigade|Battalion|Regiment|Division|"
    r"Company|Association|Union|Council|Federation|Committee|Club|Foundation|Society|Times|Post|News|Daily|Tribune|"
    r"Systems|Industries|Airlines|Airways|Herald|Gazette|Journal|Chronicle|Telegraph|Magazine|Network|"
    r"Television|Broadcasting)\b")


# Of those, the institutions that stand in their own country ("Addis Ababa University", "East
# Delhi Municipal Corporation", "Ogaden National Liberation Front"): the name is not where
# anything happened, but says which country the article is about. Newspapers are left out
# ("the New York Times reported" is cited from anywhere).
_DOMESTIC_AFTER = re.compile(
    r" (?:(?:[A-Z][\w'.-]*|of|and|for|the|de) ){0,3}(?:Road|Street|Avenue|Lane|Highway|University|College|School|"
    r"Academy|Institute|Hospital|Medical|Clinic|Stadium|Church|Cathedral|Mosque|Temple|Municipal|Corporation|"
    r"Council|Front|Movement|Brigade|Battalion|Regiment|Division|Association)\b")


@lru_cache(maxsize=4)  # the country stage and find_places both scan the same article
def _match_spans(text: str, lowercase: bool) -> tuple:
    from ..geo import get_gazetteer

    return tuple(get_gazetteer().match_spans(text, case_sensitive=not lowercase))


def organization_votes(text: str, *, lowercase: bool = False) -> Counter:
    """Half a country vote for each place name inside a domestic institution's name."""
    from ..geo import get_gazetteer

    gaz = get_gazetteer()
    votes: Counter = Counter()
    for span in _match_spans(text, lowercase):
        if _DOMESTIC_AFTER.match(text, span[1]):
            for code, v in _span_votes(span, gaz.resolve(span[2], country=None)).items():
                votes[code] += 0.5 * v
    return votes


# "University of Santo Tomas", "Bank of Kigali": the name after an institution's "of" is part
# of the institution's name.
_ORG_BEFORE = re.compile(r"\b(?:University|College|Institute|Academy|Bank|Hospital|Church|Cathedral|Embassy|"
                         r"Department|Ministry|Bureau|Directorate|"
                         r"Consulate|Diocese|Archdiocese|Chamber)\s+of\s+(?:the\s+)?$")
# "pro-Ortega militants", "anti-Kabul protests": a leader or a government, not where it happened.
_PARTISAN_BEFORE = re.compile(r"\b(?i:pro|anti)-$")
# "Samburu raiders", "Kikuyu farmers": a people's name before a noun for its members.
_MEMBERS_AFTER = re.compile(r"\s+(?:raiders|herders|herdsmen|militias?|militiamen|tribesmen|tribe|clans?|"
                            r"communit(?:y|ies)|elders|warriors|pastoralists|farmers|people|villagers|youths?|"
                            r"men|women|fighters|gunmen|settlers)\b", re.I)


def _names_people(text: str, span) -> bool:
    """A place name that is also a people's, used for the people ("Samburu raiders")."""
    return is_people_name(span[2]) and bool(_MEMBERS_AFTER.match(text, span[1]))


def is_nation_word(word: str) -> bool:
    entry = nation_table().by_word.get(word.casefold())
    return entry is not None and entry[1] in ("adjective", "people")




def _span_votes(span, c) -> dict[str, float]:
    """What one place name says of the article's country. A name that is a district or a
    province somewhere votes for that country ("Bulacan", though a town of that name is small),
    shared among the countries that have such a unit; a town votes only if it is big or its name
    is found in one country alone. Names of several words are surer than one word."""
    from ..geo import get_gazetteer

    if c is None or not c.country:
        return {}
    cands = get_gazetteer().candidates(span[2])
    # A unit known by this very name votes in full; one that has it only as an alternate
    # name ("Taran" for a Kazakh district) is less sure.
    key = loose_key(norm(span[2]))
    units = {x.country for x in cands if x.kind in ("admin1", "admin2", "country") and x.country}
    if units:  # a district here and a real town there ("Santa"): either reading may be meant
        units |= {x.country for x in cands if x.kind == "city" and x.country and (x.population or 0) >= _SMALL_TOWN}
    units = sorted(units)
    named_units = {x.country for x in cands if x.kind in ("admin1", "admin2", "country") and key in loose_key(norm(x.name))}
    sure = 1.5 if " " in span[2] else 1.0
    if units and not named_units and c.kind != "country":
        sure /= 3.0
    if c.kind == "country":
        return {c.country: 1.0}
    if units:
        weight = 3.0 / len(units) * sure
        votes = {code: weight for code in units}
        if c.country in votes:
            votes[c.country] += 0.1  # ties go to the likeliest reading (the capital of Libya, not a town)
        return votes
    if c.population >= _KNOWN_TOWN or len({x.country for x in cands}) == 1:
        # a village abroad found only in one country's list, or only by another spelling
        # ("Pensa" for Russia's Penza), says less than the groups and peoples the story names
        if (c.population or 0) < _NEWS_TOWN:
            sure /= 2.0
        if strip_generic(norm(span[2])) != strip_generic(norm(c.name or "")):
            sure /= 2.0
        return {c.country: 1.0 * sure}
    return {}


def _country_votes(text: str, own_votes: dict[str, Counter], nations, country_prior: str | None,
                   evidence: Counter | None) -> Counter:
    """Which countries the article is about, from what it names.

    A province or district names its country more surely than the country's name does
    ("Afghanistan" is mentioned in most Pakistani security stories); nationality words count
    like a country's name, as do ``evidence`` votes that are not place names (named groups,
    unit words, parties); the publisher's country is only a weak prior."""
    votes: Counter = Counter()
    for by_country in own_votes.values():
        votes.update(by_country)
    for n in nations:
        if n.country:
            votes[n.country] += nation_weight(text, n)
    votes.update(evidence or {})
    if country_prior:
        votes[country_prior] += 0.5
    return votes


# A town this big is evidence of its country before any context says which country it is.
_KNOWN_TOWN = 100_000


def find_places(
    text: str,
    *,
    country_prior: str | None = None,
    lowercase: bool = False,
    exclude: list[tuple[int, int]] | None = None,
    evidence: Counter | None = None,
) -> list[Place]:
    """Every resolvable place mention in ``text`` with its role (event roles are set later).

    ``country_prior`` (ISO2, e.g. the publisher's country) only breaks ties; with no
    evidence at all the places are resolved without a country. ``exclude`` spans (names of
    organizations, people, weapons) hold no place. ``evidence``: country votes from what is
    not a place name (``country.context_votes``).
    """
    from ..geo import get_gazetteer  # loaded on first use: the index takes a second

    gaz = get_gazetteer()
    exclude = list(exclude or [])
    nations = find_nations(text, lowercase=lowercase)
    spans = list(_match_spans(text, lowercase))
    seen = [(s[0], s[1]) for s in spans]  # the gazetteer's names; one dropped below stays dropped
    spans = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in exclude)
             and not is_not_country(s[2]) and not _MAKE_AFTER.match(text, s[1])
             and not _ORG_BEFORE.search(text, max(0, s[0] - 40), s[0])
             and not _PARTISAN_BEFORE.search(text, max(0, s[0] - 5), s[0])
             and not _compound_fragment(text, s, seen) and not _names_people(text, s)]
    people, local_people = _person_names(text, spans)
    spans = [s for s in spans if s[2] not in people and s[0] not in local_people and is_plausible_place(s[2])
             and not (" " not in s[2] and s[2].lower() in STOP_WORDS)
             and not (is_nation_word(s[2]) and not _UNIT_AFTER.match(text, s[1]))]
    taken = seen
    named = [n for n in nations if n.kind in ("name", "abbreviation") and n.country
             and not any(a < n.end and n.start < b for a, b in taken)
             and not any(a <= n.start and n.end <= b for a, b in exclude)]
    if not spans and not named:
        return []

    first_pass = [(s, gaz.resolve(s[2], country=None)) for s in spans]
    own_votes: dict[str, Counter] = {}  # what each name, wherever it recurs, says of the country
    unit_countries = _unit_countries(text, spans, lowercase)
    nested = appositions(text, spans, gaz)
    for start, (town, unit, unit_start) in nested.items():
        unit_countries.setdefault(start, ((town or unit).country,))
        unit_countries.setdefault(unit_start, (unit.country,))
    for span, c in first_pass:
        codes = unit_countries.get(span[0])
        votes = {code: 3.0 / len(codes) for code in codes} if codes else _span_votes(span, c)
        own_votes.setdefault(span[2], Counter()).update(votes)
    countries = _country_votes(text, own_votes, nations, country_prior, evidence)
    country = countries.most_common(1)[0][0] if countries else None
    lowered = {w.group(0) for w in re.finditer(r"\b[a-z][a-z]+\b", text)} if not lowercase else set()
    provinces = Counter(c.admin1 for _, c in first_pass
                        if c is not None and c.kind == "admin1" and c.country == country)
    places = _resolve_spans(text, spans, gaz, country, countries, provinces, lowered, own_votes,
                            unit_countries, nested)
    for n in named:
        # a country's short name, read in the article's context ("Georgia" in a Gainesville story)
        cand = (gaz.resolve(text[n.start:n.end], country=country) if country else None) or gaz.country(n.country)
        if cand is not None:
            places.append(cand.to_place(text[n.start:n.end], n.start, n.end))
    for n in nations:  # "Nigerian troops": the country, though not where anything happened
        unit = gaz.country(n.country) if n.kind in ("adjective", "people") and n.country else None
        if unit is not None and not any(a < n.end and n.start < b for a, b in taken) \
                and not any(a <= n.start and n.end <= b for a, b in exclude):
            places.append(unit.to_place(text[n.start:n.end], n.start, n.end, "nationality"))
    places.sort(key=lambda p: p.start)
    return places


def _unambiguous(gaz, surface: str) -> bool:
    """A name that only one country has, for a district or a town big enough to be news."""
    cands = gaz.candidates(surface)
    if not cands:
        return False
    if len({c.country for c in cands}) != 1:
        return _dominant(cands)
    return any(c.kind == "admin2" and c.latitude is not None for c in cands) or max(
        c.population or 0 for c in cands) >= _SMALL_TOWN


def _dominant(cands) -> bool:
    """One town of news size whose namesakes abroad are all far smaller ("Koupela": a town of
    49,000 in Burkina Faso, a hamlet of 2,000 in Ivory Coast)."""
    best = max(cands, key=lambda c: c.population or 0)
    abroad = max((c.population or 0 for c in cands if c.country != best.country), default=0)
    return (best.population or 0) >= _NEWS_TOWN and (best.population or 0) >= 10 * max(abroad, 1)


_SMALL_TOWN = 5_000
_NEWS_TOWN = 20_000


# Arabic words that open a place's name ("spring of", "head of", "monastery of"): before "al-X"
# they are part of that name. A town's own name before "al-X" is still the town ("Daraa al-Balad").
_ARABIC_NAME_HEADS = frozenset({"ain", "ayn", "ras", "deir", "dayr", "kafr", "bir", "jabal", "jebel", "wadi", "beit",
                                "bayt", "tal", "tell", "khan", "umm", "abu", "bab", "jisr", "maarat", "qasr", "sheikh",
                                "shaykh", "tall", "bani", "beni", "hay", "souq", "suq", "marj", "nahr", "qalaat"})
_ARTICLE_AFTER = re.compile(r"\s+(?:al|el|ad|ar|as|ash|az|an|at|ul|ud|ez|es)-[A-Z]")


def _compound_fragment(text: str, span, seen) -> bool:
    """"Parian" in "Parian-Baunoh": one part of a hyphenated name whose other part is not a
    place is no place by itself ("Baidoa-Mogadishu road" names two)."""
    start, end = span[0], span[1]
    after = re.match(r"-([A-Z][\w']+)", text[end:end + 40])
    before = re.search(r"([A-Z][\w']+)-$", text[max(0, start - 40):start])
    ends = {b for _, b in seen}
    starts = {a for a, _ in seen}
    if road_end(text, start, end):
        return False  # "the Peshawar-Torkham highway": each end is a town
    if after and end + 1 not in starts or (_ARTICLE_AFTER.match(text, end) and norm(span[2]) in _ARABIC_NAME_HEADS):
        return True  # ...or the first word of "Ain al-Asad" (an airbase), France's Ain by itself
    return bool(before and start - len(before.group(0)) not in starts and start - 1 not in ends)


def _unit_countries(text: str, spans, lowercase: bool) -> dict[int, tuple[str, ...]]:
    """Span start -> the countries of the unit word right after it ("Raipur upazila": BD)."""
    terms = {t.start: t.countries for t in find_national_terms(text, lowercase=lowercase) if t.kind == "unit"}
    out = {}
    for start, end, _ in spans:
        gap = len(text[end:end + 3]) - len(text[end:end + 3].lstrip(" -"))
        if gap and end + gap in terms:
            out[start] = terms[end + gap]
    return out


def _in_unit_country(gaz, surface: str, codes: tuple[str, ...], cand):
    """A name followed by a unit word lies in a country that has such units, or is not found."""
    if cand is None or cand.country in codes:
        return cand
    return next((c for c in (gaz.resolve(surface, country=code) for code in codes) if c is not None), None)


def _resolve_spans(text, spans, gaz, country, countries, provinces, lowered, own_votes, unit_countries,
                   nested) -> list[Place]:
    datelines = _dateline_spans(text)
    dateline_point = None
    places: list[Place] = []
    inside = {unit_start: unit for town, unit, unit_start in nested.values() if town is not None}
    for start, end, surface in spans:
        # The nearest province named in the same sentence (or the article's commonest) breaks ties.
        window = text[max(0, start - 150): end + 150]
        local = [p for p in provinces if p and p.lower() in window.lower()]
        admin1 = local[0] if local else (provinces.most_common(1)[0][0] if provinces else None)
        cand = gaz.resolve(surface, country=country, admin1=admin1, near=dateline_point) if country else None
        if start in nested and nested[start][0] is None:
            unit = nested[start][1]
            if cand is not None and cand.country != unit.country:
                cand = gaz.resolve(surface, country=unit.country)
            if cand is not None and cand.country != unit.country:
                cand = None  # a big city abroad of that name is not the one inside this unit
            if cand is None:
                continue  # "Jani Khel area of Bannu": no Jani Khel in Bannu's country is known
        elif start in nested or start in inside:
            cand = nested[start][0] if start in nested else inside[start]
        if cand is None:
            # Outside the article's country only what is well known, or in a country it names
            # ("Kabul" when Afghanistan is mentioned), never a hamlet on another continent.
            cand = gaz.resolve(surface, country=None)
            if cand is not None and not (
                cand.kind in ("country", "admin1") or (cand.population or 0) >= _KNOWN_TOWN
                or countries[cand.country] > own_votes.get(surface, {}).get(cand.country, 0)
                or (not countries and _unambiguous(gaz, surface))
            ):
                cand = None  # only this very name voted for that country: no evidence of it
        if start in unit_countries:
            cand = _in_unit_country(gaz, surface, unit_countries[start], cand)
        if cand is None:
            continue
        if cand.kind == "city" and " " not in surface and surface.lower() in lowered and (
                cand.population or 0) < _KNOWN_TOWN:
            continue  # "Massacre": a word the article also writes in lower case is a word
        in_dateline = any(a <= start and end <= b for a, b in datelines)
        if surface.isupper() and len(surface) <= 5 and cand.kind not in ("country", "admin1") and not in_dateline:
            continue  # "NATO", "ISPR": acronyms are organizations unless a dateline
        if cand.kind == "city" and _DISTRICT_AFTER.match(text, end) and cand.admin2:
            district = next((c for c in gaz.candidates(cand.admin2, cand.country)
                             if c.kind == "admin2" and c.admin1 == cand.admin1), None)
            if district is not None:
                cand = district
        if cand.kind == "city" and _UNIT_AFTER.match(text, end):
            unit = next((c for c in gaz.candidates(surface, cand.country) if c.kind == "admin1"), None)
            if unit is not None:
                cand = unit  # "the northwestern Sagaing region", "Zamfara State": the province
        if in_dateline and cand.latitude is not None:
            dateline_point = (cand.latitude, cand.longitude)
        role = place_role(text, start, end, cand, gaz, in_dateline)
        places.append(cand.to_place(text[start:end], start, end, role))
    return places
