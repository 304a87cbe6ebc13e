"""Entities that speak, and the small tables used to recognise them in a mention.

:class:`Entity` is what a source mention resolves to (see ``speakers.py``). The tables here are
all watchfloor knows beyond the article text: countries with their demonyms and capitals,
named organizations, news outlets, and the role, institution, group and document head nouns;
``country_in``, ``org_in``, ``outlet_name`` and ``affiliation_for`` read a mention with them.
"""

from __future__ import annotations

from functools import lru_cache

import re
from dataclasses import dataclass, field
from typing import Any

from ...geo.demonyms import nation_forms
from ..actors import find_actors

# Country -> (demonyms, capital and metonyms). Enough for the news watchfloor reads.
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "Pakistan": ("Pakistani", "Pakistanis", "Islamabad", "Rawalpindi"),
    "Afghanistan": ("Afghan", "Afghans", "Kabul"),
    "India": ("Indian", "Indians", "New Delhi", "Delhi"),
    "Iran": ("Iranian", "Iranians", "Tehran"),
    "China": ("Chinese", "Beijing"),
    "United States": ("U.S.", "US", "USA", "U.S.A.", "America", "American", "Americans",
                      "Washington", "United States of America"),
    "United Kingdom": ("U.K.", "UK", "Britain", "British", "London"),
    "Russia": ("Russian", "Russians", "Moscow", "Kremlin"),
    "Israel": ("Israeli", "Israelis", "Jerusalem", "Tel Aviv"),
    "Saudi Arabia": ("Saudi", "Saudis", "Riyadh"),
    "Qatar": ("Qatari", "Doha"),
    "Turkey": ("Turkish", "Ankara", "Turkiye", "Türkiye"),
    "Bangladesh": ("Bangladeshi", "Dhaka"),
    "Tajikistan": ("Tajik", "Dushanbe"),
    "Uzbekistan": ("Uzbek", "Tashkent"),
    "Ukraine": ("Ukrainian", "Ukrainians", "Kyiv", "Kiev"),
    "France": ("French", "Paris"),
    "Germany": ("German", "Berlin"),
    "Syria": ("Syrian", "Damascus"),
    "Iraq": ("Iraqi", "Baghdad"),
    "Egypt": ("Egyptian", "Cairo"),
    "Palestine": ("Palestinian", "Palestinians"),
    "Lebanon": ("Lebanese", "Beirut"),
    "Yemen": ("Yemeni", "Sanaa"),
    "Japan": ("Japanese", "Tokyo"),
    "Sri Lanka": ("Sri Lankan", "Colombo"),
    "Nepal": ("Nepali", "Nepalese", "Kathmandu"),
    "Mexico": ("Mexican", "Mexico City"),
    "Canada": ("Canadian", "Ottawa"),
    "Nigeria": ("Nigerian", "Abuja"),
    "Somalia": ("Somali", "Mogadishu"),
    "Sudan": ("Sudanese", "Khartoum"),
    "Ethiopia": ("Ethiopian", "Addis Ababa"),
    "Kenya": ("Kenyan", "Nairobi"),
    "Colombia": ("Colombian", "Bogota"),
    "El Salvador": ("Salvadoran", "San Salvador"),
}
COUNTRY_OF: dict[str, str] = {}
for _c, _forms in _COUNTRIES.items():
    COUNTRY_OF[_c.casefold()] = _c
    for _f in _forms:
        COUNTRY_OF.setdefault(_f.casefold(), _c)
# Every other country's demonyms, abbreviations and short names, from the geo tables.
for _form, _name in nation_forms().items():
    COUNTRY_OF.setdefault(_form, _name)
# Only these forms stand for the country's government when they are the whole speaker.
CAPITAL_OR_COUNTRY = {k for k, v in COUNTRY_OF.items()
                       if k == v.casefold() or k in {"islamabad", "kabul", "new delhi", "delhi", "tehran",
                                                      "beijing", "washington", "moscow", "kremlin",
                                                      "london", "riyadh", "ankara", "dhaka", "kyiv",
                                                      "jerusalem", "doha", "us", "u.s.", "america",
                                                      "britain", "uk", "u.k."}}
# Organizations that are named rather than described. Keys are case-folded surface forms.
ORGS: dict[str, tuple[str, str]] = {  # form -> (canonical name, type)
    "pentagon": ("US Department of Defense", "institution"),
    "defense department": ("US Department of Defense", "institution"),
    "defence department": ("US Department of Defense", "institution"),
    "department of defense": ("US Department of Defense", "institution"),
    "u.s. defense department": ("US Department of Defense", "institution"),
    "us defense department": ("US Department of Defense", "institution"),
    "dod": ("US Department of Defense", "institution"),
    "state department": ("US Department of State", "institution"),
    "u.s. state department": ("US Department of State", "institution"),
    "white house": ("White House", "institution"),
    "united nations": ("United Nations", "institution"),
    "un": ("United Nations", "institution"),
    "u.n.": ("United Nations", "institution"),
    "nato": ("NATO", "institution"),
    "ispr": ("Military Forces of Pakistan", "institution"),
    "inter-services public relations": ("Military Forces of Pakistan", "institution"),
    "foreign office": ("Government of Pakistan", "institution"),
    "small arms survey": ("Small Arms Survey", "institution"),
    "taliban": ("Afghan Taliban", "group"),
    "islamic emirate": ("Afghan Taliban", "institution"),
    "pakistani taliban": ("TTP: Tehrik-i-Taliban Pakistan", "group"),
    "amnesty international": ("Amnesty International", "institution"),
    "human rights watch": ("Human Rights Watch", "institution"),
    "red cross": ("International Committee of the Red Cross", "institution"),
    "icrc": ("International Committee of the Red Cross", "institution"),
    "fbi": ("FBI", "institution"),
    "cia": ("CIA", "institution"),
    "congress": ("US Congress", "institution"),
    "ecp": ("Election Commission of Pakistan", "institution"),
    "pti": ("Pakistan Tehreek-e-Insaf", "group"),
    "pml-n": ("Pakistan Muslim League (Nawaz)", "group"),
    "ppp": ("Pakistan Peoples Party", "group"),
}
# News outlets: a speaker "told" one of these, or an outlet is itself the source.
OUTLETS = {
    "newsweek", "reuters", "afp", "agence france-presse", "ap", "the associated press",
    "associated press", "bbc", "bbc urdu", "cnn", "voa", "voice of america", "al jazeera",
    "dawn", "geo news", "geo", "geo tv", "ary news", "the express tribune", "express tribune",
    "the news", "the nation", "xinhua", "anadolu", "anadolu agency", "the new york times",
    "new york times", "the washington post", "washington post", "the guardian", "the times",
    "wall street journal", "the wall street journal", "bloomberg", "tolo news", "tolonews",
    "pajhwok", "ptv", "radio pakistan", "app", "associated press of pakistan", "fox news",
    "msnbc", "nbc", "abc", "cbs", "npr", "politico", "the hill", "axios", "breitbart",
    "rfe/rl", "radio free europe", "radio mashaal", "the diplomat", "arab news", "sky news",
    "the independent", "daily times", "the friday times", "samaa", "samaa tv", "dunya news",
}
OUTLET_WORDS = re.compile(r"\b(?:magazine|newspaper|news agency|agency|television|TV|radio|channel|daily|"
                           r"weekly|news|times|post|tribune|herald|journal|gazette|broadcaster|network)\b", re.I)
# Head nouns, case-folded.
PERSON_ROLES = re.compile(
    r"\b(?:prime minister|president|vice president|premier|minister|secretary|spokes(?:man|woman|person)|"
    r"official|officer|commander|general|chief|head|director|governor|ambassador|envoy|diplomat|"
    r"lawmaker|legislator|senator|congressman|congresswoman|mp|mna|mpa|leader|chairman|chairwoman|"
    r"chairperson|adviser|advisor|aide|analyst|expert|researcher|scholar|professor|lawyer|attorney|"
    r"judge|police chief|inspector|superintendent|commissioner|administrator|mayor|elder|cleric|"
    r"militant|fighter|commander|soldier|witness|resident|survivor|doctor|surgeon|journalist|reporter|"
    r"correspondent|activist|candidate|nominee|strategist|pollster|negotiator|mediator|source|insider|"
    r"father|mother|brother|sister|son|daughter|relative|wife|husband|uncle|cousin|man|woman|"
    r"colonel|major|captain|brigadier|lieutenant|sergeant|admiral|marshal|emir|mullah|imam|king|"
    r"prince|founder|owner|executive|ceo|manager|economist|historian|author|writer|campaigner|"
    r"organizer|organiser|coordinator|representative|delegate|member|worker|student|farmer|driver|"
    r"shopkeeper|trader|villager|teacher|nurse|medic|paramedic|rescuer|volunteer|employee|staffer|"
    r"guard|constable|deputy|counsel|prosecutor|investigator|monitor|observer|specialist|dsp|sho|ssp|dpo|ig)s?\b", re.I)
_GOV_ROLE = re.compile(r"\b(?:prime minister|president|premier|minister|secretary|foreign office|ambassador|"
                       r"envoy|diplomat|governor|chief minister|senator|lawmaker|cabinet|government|"
                       r"spokes(?:man|woman|person) for the (?:foreign|interior|defen[cs]e)|adviser|advisor)\b", re.I)
GOV_INSTITUTION = re.compile(r"ministry|department|government|administration|authorit(?:y|ies)|office|cabinet|"
                              r"embassy|consulate|mission|presidency|foreign office|secretariat|directorate|"
                              r"parliament|senate|assembly", re.I)
_MIL_ROLE = re.compile(r"\b(?:army|military|general|commander|colonel|major|brigadier|lieutenant|soldiers?|"
                       r"troops|corps|admiral|air force|navy|ispr)\b", re.I)
_POLICE_ROLE = re.compile(r"\b(?:police|inspector|superintendent|constable|sho|ssp|dsp|dpo|ctd|levies)\b", re.I)
DOCUMENT = re.compile(
    r"\b(?:report|reports|statement|statements|study|studies|survey|poll|polls|data|figures|document|"
    r"documents|letter|assessment|memo|memorandum|communique|communiqué|press release|release|analysis|"
    r"audit|review|findings|records|record|filing|filings|indictment|lawsuit|complaint|tally|count|"
    r"estimates|website|post|tweet|video|footage|resolution|bulletin|notification|order|verdict|ruling|"
    r"judgment|judgement|charge sheet|fir|dossier|transcript|cable|email|e-mail|message|note|"
    r"results|statistics|index|paper|book|article|editorial|column|plan|budget|manifesto|declaration|"
    r"exit polls?)\b", re.I)
INSTITUTION = re.compile(
    r"\b(?:ministry|department|government|administration|authorit(?:y|ies)|army|military|police|"
    r"office|agency|commission|committee|council|court|parliament|assembly|senate|house|cabinet|"
    r"embassy|consulate|mission|bureau|service|forces|force|corps|directorate|secretariat|"
    r"institute|university|organi[sz]ation|company|firm|bank|fund|board|campaign|party|"
    r"coalition|alliance|union|federation|association|centre|center|foundation|council|"
    r"spokesperson's office|state media|media|news agency|presidency|palace|kremlin|pentagon|"
    r"white house|foreign office|isPR|levies|ctd|rangers|frontier corps|province|state|city hall|"
    r"municipality|district administration|hospital|hospitals|airline|network|channel|newspaper|"
    r"magazine|outlet|website|regime|junta|emirate|taliban government)\b", re.I)
GROUP = re.compile(
    r"\b(?:group|groups|militants?|insurgents?|rebels?|fighters|separatists?|taliban|movement|"
    r"outfit|organisation|network|faction|residents|witnesses|villagers|protesters|protestors|"
    r"demonstrators|families|relatives|people|locals|elders|tribesmen|students|workers|activists|"
    r"critics|supporters|opponents|voters|analysts|experts|observers|survivors|doctors|lawyers|"
    r"traders|farmers|parents|leaders|members|republicans|democrats|liberals|conservatives|"
    r"americans|pakistanis|afghans|others|many|some|most|both)\b", re.I)
ANON_HEAD = re.compile(
    r"\b(?:officials?|sources?|officers?|commanders?|diplomats?|aides?|insiders?|"
    r"(?:people|persons?|someone) (?:familiar|close|with knowledge|briefed|involved)|spokes(?:man|woman|person)|"
    r"investigators?|agents?|soldiers?|policem[ae]n|police officers?|intelligence|security personnel)\b", re.I)
ANON_PHRASE = re.compile(
    r"on (?:the )?condition of anonymity|asked not to be (?:named|identified)|requested anonymity|"
    r"declined to be (?:named|identified)|not authori[sz]ed to (?:speak|talk|brief)|"
    r"speaking anonymously|who (?:did not|didn't) want to be (?:named|identified)|anonymous", re.I)
INDEFINITE = re.compile(r"^(?:a|an|one|two|three|four|several|some|many|other|another|various|multiple|"
                         r"senior|local|security|unnamed|unidentified)\b", re.I)
TITLE = re.compile(
    r"^(?:(?:(?:former|caretaker|interim|acting|deputy|then|outgoing|incoming|federal|provincial|"
    r"foreign|interior|defen[cs]e|finance|information|home|chief|prime|vice|state|army|lt\.?|lieutenant|"
    r"major|maj\.?|general|gen\.?|col\.?|colonel|brig\.?|brigadier|capt\.?|captain|sgt\.?|sergeant|"
    r"admiral|adm\.?|air|marshal|minister|president|premier|secretary|spokes(?:man|woman|person)|"
    r"senator|sen\.?|rep\.?|representative|gov\.?|governor|mayor|judge|justice|dr\.?|mr\.?|mrs\.?|ms\.?|"
    r"prof\.?|professor|sheikh|mullah|maulana|mufti|imam|emir|king|queen|prince|senior|superintendent|"
    r"inspector|commissioner|director|deputy|chairman|chairwoman|ambassador|envoy|speaker|leader|"
    r"commander|chief|spokesperson|special|assistant|adviser|advisor|attorney|police|district|"
    r"opposition|party|taliban|ttp|military|regional|national|u\.s\.|us|pakistani|afghan|indian|"
    r"iranian|chinese|american|israeli|british|russian|republican|democratic|democrat|presidential|"
    r"candidate|nominee|sir|lord|lady|dame|hon\.?|honourable)\s+)+)", re.I)
_NAME_PARTICLES = {"ul", "ur", "ud", "us", "al", "el", "bin", "ibn", "binti", "de", "da", "di", "du", "van",
                   "von", "der", "den", "la", "le", "e", "i", "o'"}
NOT_NAME = {
    "the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those", "it", "he",
    "she", "they", "we", "i", "you", "in", "on", "at", "of", "for", "and", "but", "or", "with", "by",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "god", "allah", "islam", "muslim", "muslims", "christian", "christians", "twitter", "x", "facebook",
    "telegram", "whatsapp", "youtube", "instagram", "tiktok", "earlier", "later", "meanwhile", "however",
    "separately", "also", "source", "home", "news", "read", "more", "photo", "video", "related",
}
COMMON_CAPITALIZED = {"everyone", "everybody", "nobody", "someone", "somebody", "anyone", "critics",
                       "police", "authorities", "investigators", "rescuers", "prosecutors", "lawmakers",
                       "scientists", "researchers", "economists", "polls", "data", "figures", "records",
                       "reports", "sources", "officials", "witnesses", "residents", "experts", "analysts"}
PRONOUN_PERSON = {"he", "she", "him", "her", "his", "hers", "himself", "herself", "i", "me", "my"}
PRONOUN_PLURAL = {"they", "them", "their", "we", "us", "our"}
PRONOUN_IT = {"it", "its", "itself"}
RELATIVE = {"who", "which", "that", "whom", "whose"}
_NAME_TOKEN = r"(?:[A-Z][a-z]+(?:[-'’][A-Za-z]+)*|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+|Mc[A-Z][a-z]+)"
_PARTICLE = r"(?:ul|ur|ud|al|el|bin|ibn|de|da|di|van|von|der|la|le)"
PERSON_NAME = re.compile(
    rf"\b{_NAME_TOKEN}(?:[-\s]+(?:{_PARTICLE}[-\s]+)?{_NAME_TOKEN}){{0,3}}\b")
_CAPWORD = re.compile(r"[A-Z]")


def fold(s: str) -> str:
    return " ".join(s.replace("’", "'").split()).casefold()


@dataclass
class Entity:
    name: str
    type: str  # person | institution | document | anonymous | group
    role: str | None = None
    affiliation: str | None = None
    anonymous: bool = False
    outlet: str | None = None
    plural: bool = False
    keys: set[str] = field(default_factory=set)  # surnames, full names, roles it answers to

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "affiliation": self.affiliation, "type": self.type,
                "anonymous": self.anonymous, "outlet": self.outlet}


def country_in(s: str) -> str | None:
    """The country a mention names or implies ("Pakistan's", "Pakistani", "of Pakistan")."""
    words = [w.removesuffix("'s").rstrip(",;:") for w in s.replace("’", "'").split()]
    for i, w in enumerate(words):
        if not w[:1].isupper():
            continue
        if i + 1 < len(words):
            c = COUNTRY_OF.get(f"{w} {words[i + 1]}".casefold())
            if c:
                return c
        c = COUNTRY_OF.get(w.casefold())
        if c:
            return c
    return None


def _province_in(role_text: str) -> tuple[str, str | None] | None:
    """(province, its country) when a role names a first-level unit ("Balochistan's home
    minister", "the Borno state governor"), from the gazetteer, for any country."""
    from ...geo import get_gazetteer

    gaz = get_gazetteer()
    for start, end, surface in gaz.match_spans(role_text):
        unit = gaz.resolve(surface)
        if unit is not None and unit.kind == "admin1":
            return unit.admin1 or unit.name, gaz.country_name(unit.country)
    return None


def affiliation_for(role_text: str, country: str | None) -> str | None:
    """Government, military or police of the country the role belongs to ("Balochistan's home
    minister" -> Government of Balochistan, a provincial government of Pakistan)."""
    province = _province_in(role_text) if not country else None
    if province:
        if _POLICE_ROLE.search(role_text) or _MIL_ROLE.search(role_text):
            country = province[1]
        elif _GOV_ROLE.search(role_text) or re.search(r"\b(?:home|chief|provincial|state)\b", role_text, re.I):
            return f"Government of {province[0]}"
    if not country:
        return None
    if _POLICE_ROLE.search(role_text):
        return f"Police Forces of {country}"
    if _MIL_ROLE.search(role_text):
        return f"Military Forces of {country}"
    if _GOV_ROLE.search(role_text):
        return f"Government of {country}"
    return None


_ORG_LONG = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(
    (f for f in ORGS if len(f) > 4), key=len, reverse=True)) + r")(?![\w-])", re.I)
_ORG_SHORT = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f.upper()) for f in sorted(
    (f for f in ORGS if len(f) <= 4), key=len, reverse=True)) + r")(?![\w-])")


@lru_cache(maxsize=8192)  # speaker phrases recur within and across articles; the answer depends on s alone
def org_in(s: str) -> tuple[str, str] | None:
    """(canonical name, type) of an organization named in ``s``, longest form first."""
    s2 = s.replace("’", "'")
    found = [m.group(0) for m in _ORG_LONG.finditer(s2)] + [m.group(0) for m in _ORG_SHORT.finditer(s2)]
    if found:
        return ORGS[fold(max(found, key=len))]
    for a in find_actors(s):
        if a.named_group or a.kind == 1:
            country = country_in(s)
            if "{country}" in a.name and country is None:
                continue  # "an army officer": whose army, the mention does not say
            return a.canonical(country), ("institution" if a.kind == 1 else "group")
    return None


def outlet_name(s: str) -> str | None:
    """``s`` as a news outlet name, or None."""
    t = s.strip().strip(",.;:")
    low = fold(t)
    base = re.sub(r"\s+(?:magazine|newspaper|news agency|daily|channel|tv|television)$", "", low)
    if low in OUTLETS or base in OUTLETS:
        return re.sub(r"\s+(?:magazine|newspaper|news agency|daily|channel)$", "", t, flags=re.I)
    if t[:1].isupper() and OUTLET_WORDS.search(t) and not PERSON_ROLES.search(t):
        return t
    return None
