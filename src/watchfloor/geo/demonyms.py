"""Nationality words: demonyms, adjectival forms, abbreviations and short names of countries.

"Nigerian troops", "a Russian strike", "the UAE", "DRC", "Burma" name countries without the
country's own name. The table is data (``demonyms.toml``, keyed by ISO 3166-1 alpha-2);
this module finds its words in text. An adjective shared by two countries ("Congolese",
"Korean") is listed under ``[ambiguous]`` and resolved by the article's other evidence, or
not at all. Names of bodies that are not countries ("EU", "NATO", "UN") are listed under
``[not_countries]`` so that nothing reads them as places.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..textmatch import trie_alternation

_PATH = Path(__file__).parent / "demonyms.toml"


@dataclass(frozen=True)
class NationMention:
    """A word naming a country: ``kind`` is adjective, people, abbreviation or name."""

    start: int
    end: int
    text: str
    countries: tuple[str, ...]  # ISO2; more than one when the word is ambiguous
    kind: str

    @property
    def country(self) -> str | None:
        return self.countries[0] if len(self.countries) == 1 else None


@dataclass(frozen=True)
class NationTable:
    by_word: dict[str, tuple[tuple[str, ...], str]]  # casefolded word -> (codes, kind)
    pattern_ci: re.Pattern | None  # adjectives, people, names (capitalised in text)
    pattern_cs: re.Pattern | None  # abbreviations: capitals only
    not_countries: frozenset[str]


def _alternation(words, fold: bool = False) -> str:
    return trie_alternation(set(words), fold=fold)


@lru_cache(maxsize=1)
def nation_table() -> NationTable:
    with open(_PATH, "rb") as fh:
        data = tomllib.load(fh)
    by_word: dict[str, tuple[tuple[str, ...], str]] = {}
    abbreviations: set[str] = set()
    for code, spec in data.items():
        if not code.isupper() or not isinstance(spec, dict):
            continue  # lower-case keys are the tables that are not countries
        for kind, key in (("adjective", "adjectives"), ("people", "people"), ("name", "short_names"),
                          ("abbreviation", "abbreviations"), ("name", "name")):
            words = spec.get(key, [])
            for word in [words] if isinstance(words, str) else words:
                word = re.sub(r"^the\s+", "", word.strip(), flags=re.I)
                if not word:
                    continue
                if kind == "abbreviation":
                    abbreviations.add(word)
                by_word.setdefault(word.casefold(), ((code,), kind))
    for word, codes in data.get("ambiguous", {}).items():
        by_word[word.casefold()] = (tuple(codes), "adjective")
    not_countries = frozenset(w.casefold() for w in data.get("not_countries", {}).get("names", []))
    words_ci = [w for w, (_, k) in by_word.items() if k != "abbreviation"]
    pattern_ci = re.compile(rf"(?<![\w-])(?:{_alternation(words_ci, fold=True)})(?![\w-])", re.I) if words_ci else None
    pattern_cs = re.compile(rf"(?<![\w.-])(?:{_alternation(abbreviations)})(?![\w-]|\.\w)") if abbreviations else None
    return NationTable(by_word, pattern_ci, pattern_cs, not_countries)


@lru_cache(maxsize=1)
def nation_forms() -> dict[str, str]:
    """Casefolded nationality word or country name -> the country's short English name, for
    the words that name one country only ("nigerian" -> "Nigeria", "drc" -> "Democratic
    Republic of Congo"). Names as in countries.toml's display table, else demonyms.toml's."""
    with open(_PATH, "rb") as fh:
        data = tomllib.load(fh)
    with open(Path(__file__).parent / "countries.toml", "rb") as fh:
        display = tomllib.load(fh)["display"]
    out: dict[str, str] = {}
    for word, (codes, _) in nation_table().by_word.items():
        spec = data.get(codes[0], {}) if len(codes) == 1 else {}
        name = display.get(codes[0]) or spec.get("name") if spec else None
        if name:
            out[word] = name
    return out


@lru_cache(maxsize=1)
def _with_article() -> frozenset[str]:
    with open(Path(__file__).parent / "countries.toml", "rb") as fh:
        return frozenset(tomllib.load(fh).get("article", {}).get("names", []))


def after_preposition(country: str) -> str:
    """"Philippines" -> "the Philippines": the country's name as it reads after "of"."""
    return f"the {country}" if country in _with_article() else country


def find_nations(text: str, *, lowercase: bool = False) -> list[NationMention]:
    """Nationality words in text order. Outside lower-cased text a word must be capitalised
    ("Nigerian", not "nigerian") and an abbreviation written in capitals ("US", not "us")."""
    return list(_find_nations(text, lowercase))


@lru_cache(maxsize=4)  # the places and the country stages both ask, for the same article
def _find_nations(text: str, lowercase: bool) -> tuple[NationMention, ...]:
    table = nation_table()
    found: dict[int, NationMention] = {}
    if table.pattern_cs is not None and not lowercase:
        for m in table.pattern_cs.finditer(text):
            codes, kind = table.by_word[m.group(0).casefold()]
            found[m.start()] = NationMention(m.start(), m.end(), m.group(0), codes, kind)
    if table.pattern_ci is not None:
        for m in table.pattern_ci.finditer(text):
            word = m.group(0)
            if m.start() in found or (not lowercase and not word[0].isupper()):
                continue
            codes, kind = table.by_word[word.casefold()]
            found[m.start()] = NationMention(m.start(), m.end(), word, codes, kind)
    out: list[NationMention] = []
    for n in sorted(found.values(), key=lambda n: (n.start, -(n.end - n.start))):
        if out and n.start < out[-1].end:
            continue
        out.append(n)
    return tuple(out)


def is_not_country(name: str) -> bool:
    """True for names of bodies that are not places ("EU", "NATO", "United Nations")."""
    return name.casefold() in nation_table().not_countries


# A nationality word before these nouns names foreigners, their missions or their firms in the
# country where things happen ("the Chinese embassy in Manila", "a Chinese company in Kenya",
# "Sudanese refugees in Chad"): little evidence of the article's country.
_FOREIGN_PRESENCE = re.compile(
    r"\s+(?:embassy|embassies|consulate|consul|ambassador|envoy|diplomats?|mission|company|companies|"
    r"firms?|investors?|contractors?|nationals?|citizens?|expatriates?|tourists?|refugees?|migrants?|"
    r"president|prime\s+minister|foreign\s+minister|genocide)\b", re.I)


def nation_weight(text: str, n: NationMention) -> float:
    """How much one nationality word says of the article's country (1, or 0.25 for foreigners)."""
    return 0.25 if _FOREIGN_PRESENCE.match(text, n.end) else 1.0
