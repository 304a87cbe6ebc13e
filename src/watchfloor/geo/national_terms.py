"""Words that are not places but say which country a text is about.

Local-government unit words ("barangay", "upazila", "woreda"), national political parties
("Awami League", "ZANU-PF") and the names of peoples ("Fulani", "Rohingya") each belong to
one country or a few. The table is data
(``national_terms.toml``); this module finds its terms in text. Each is weak evidence for
the article's country, never a place of its own.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..textmatch import trie_alternation

_PATH = Path(__file__).parent / "national_terms.toml"
# An acronym is written in capitals (with digits, hyphens, brackets): matched case-sensitively.
_ACRONYM = re.compile(r"^[A-Z0-9()\- ]+$")


@dataclass(frozen=True)
class TermMention:
    start: int
    end: int
    text: str
    countries: tuple[str, ...]
    kind: str  # "unit", "party" or "people"


@dataclass(frozen=True)
class _TermTable:
    by_term: dict[str, tuple[tuple[str, ...], str]]  # casefolded term -> (codes, kind)
    pattern_ci: re.Pattern | None  # unit words, party and people names
    pattern_cs: re.Pattern | None  # acronyms, in capitals
    pattern_cs_folded: re.Pattern | None  # acronyms, for all-lower-case text


@lru_cache(maxsize=1)
def _table() -> _TermTable:
    with open(_PATH, "rb") as fh:
        data = tomllib.load(fh)
    by_term: dict[str, tuple[tuple[str, ...], str]] = {}
    words, acronyms = set(), set()
    for section, kind in (("units", "unit"), ("parties", "party"), ("peoples", "people")):
        for term, codes in data.get(section, {}).items():
            by_term[term.casefold()] = (tuple(codes), kind)
            if _ACRONYM.match(term):
                acronyms.add(term)
            else:
                words.add(term.casefold())
    # "BNP-led", "anti-BJP": a hyphen joins a term to a word without hiding it.
    bound_l, bound_r = r"(?<!\w)", r"(?!\w)"
    ci = re.compile(rf"{bound_l}(?:{trie_alternation(words, fold=True)}){bound_r}", re.I) if words else None
    cs = re.compile(rf"{bound_l}(?:{trie_alternation(acronyms)}){bound_r}") if acronyms else None
    cs_folded = re.compile(cs.pattern, re.I) if cs else None
    return _TermTable(by_term, ci, cs, cs_folded)


def find_national_terms(text: str, *, lowercase: bool = False) -> list[TermMention]:
    """Unit words, party and people names in text order. Acronyms count only in capitals,
    except in a text written all in lower case."""
    return list(_find_national_terms(text, lowercase))


@lru_cache(maxsize=4)  # the country, places and actors stages all ask, for the same article
def _find_national_terms(text: str, lowercase: bool) -> tuple[TermMention, ...]:
    table = _table()
    found: list[TermMention] = []
    for pattern in (table.pattern_ci, table.pattern_cs_folded if lowercase else table.pattern_cs):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            codes, kind = table.by_term[m.group(0).casefold()]
            if kind != "unit" and not lowercase and not m.group(0)[0].isupper():
                continue  # names of parties and peoples are capitalised
            found.append(TermMention(m.start(), m.end(), m.group(0), codes, kind))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[TermMention] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return tuple(out)


def is_people_name(word: str) -> bool:
    """True for a people's name in the table ("Samburu", "Fulani")."""
    entry = _table().by_term.get(word.casefold())
    return entry is not None and entry[1] == "people"


def people_singular(word: str) -> str:
    """"Nuers" -> "Nuer" when the table has the singular; the name as written otherwise."""
    table = _table().by_term
    if word.endswith("s") and word[:-1].casefold() in table:
        return word[:-1]
    return word
