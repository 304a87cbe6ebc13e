"""Place-name normalization: the keys the gazetteer indexes and looks up.

Three levels, each coarser than the last:

* :func:`norm` -- ASCII (unidecode), lower case, apostrophes dropped, every other
  punctuation mark a space: ``"Dasht-e Qal'ah" -> "dasht e qalah"``,
  ``"D.I. Khan" -> "d i khan"``.
* :func:`strip_generic` -- ``norm`` without generic words such as ``district``,
  ``city``, ``town``, ``tehsil``, ``agency``, ``bazaar``, ``valley`` at the ends:
  ``"machh bazaar" -> "machh"``, ``"swat valley" -> "swat"``.
* :func:`loose_key` -- a spelling-insensitive skeleton for transliterated South and
  Central Asian names: no spaces, ``q -> k``, doubled letters collapsed, the ``h`` of
  aspirated consonants dropped, ``e -> i``, ``o -> u``: ``Machh``/``Mach``,
  ``Miranshah``/``Miran Shah``, ``Killa``/``Qila``/``Qilla``, ``Naseerabad``/
  ``Nasirabad``, ``Jaffarabad``/``Jafarabad`` and ``Pakhtunkwa``/``Pakhtunkhwa`` each
  share one key.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

# Apostrophes (and the letter-like marks transliterations use for ayn/hamza) vanish;
# every other non-alphanumeric character becomes a space.
_APOSTROPHES = "'\u2018\u2019\u02bc\u02bb\u02be\u02bf`\u00b4"
_DROP = {ord(c): None for c in _APOSTROPHES}
_NON_WORD = re.compile(r"[^a-z0-9]+")
_COMBINING = re.compile(r"[\u0300-\u036f]+")

# Words that describe the kind of place rather than name it. Stripped from either end
# when a name is not found as written ("Tehsil Mastung", "Kech District", "Turbat town").
GENERIC_WORDS = frozenset(
    """district distt dist city town township tehsil tahsil taluka taluk subdivision
    sub division agency province provincial region division village area areas valley
    bazaar bazar market cantonment cantt headquarters hq municipality municipal port airport
    committee union council uc frontier tribal fr state county governorate prefecture
    oblast raion rayon department thana""".split()
)
# Alone, a word for a kind of unit names no place ("Mt. Province", "Atiaba Parish": the
# province or parish of the name before it); inside a name it counts ("Hall County").
UNIT_WORDS = GENERIC_WORDS | frozenset(
    "provinces parish ward woreda zone sector regency commune locality constituency territory capital kebele "
    "upazila circle barangay".split())


def is_unit_word(key: str) -> bool:
    """A normalized key that is only a unit word."""
    return " " not in key and key in UNIT_WORDS


# "the" and other leading words that are not part of a name.
_LEADING = frozenset({"the"})


def _ascii(name: str) -> str:
    """Transliterate to ASCII: strip diacritics in C, unidecode only what is left."""
    s = _COMBINING.sub("", unicodedata.normalize("NFKD", name.translate(_DROP)))
    return s if s.isascii() else unidecode(s)


def norm(name: str) -> str:
    """The exact-match key of a name: ASCII, lower case, single spaces."""
    if not name:
        return ""
    if not name.isascii():
        name = _ascii(name)
    s = name.lower()
    if s.replace(" ", "").isalnum() and "  " not in s and s[0] != " " and s[-1] != " ":
        return s
    return " ".join(_NON_WORD.sub(" ", s.translate(_DROP)).split())


def strip_generic(key: str) -> str:
    """A normalized key without generic words (district, town, ...) at either end.

    Returns the key unchanged when nothing would be left of it.
    """
    words = key.split()
    while len(words) > 1 and (words[0] in GENERIC_WORDS or words[0] in _LEADING):
        words.pop(0)
    while len(words) > 1 and words[-1] in GENERIC_WORDS:
        words.pop()
    return " ".join(words)


_DOUBLE = re.compile(r"(.)\1+")
_ASPIRATE = re.compile(r"(?<=[bcdgjkpstz])h")
_FOLD = str.maketrans({"q": "k", "e": "i", "o": "u", "y": "i", " ": None})


def loose_key(key: str) -> str:
    """A spelling-insensitive skeleton of a normalized key (see the module docstring)."""
    s = key.translate(_FOLD)
    if _DOUBLE.search(s):
        s = _DOUBLE.sub(r"\1", s)
    s = _ASPIRATE.sub("", s)
    return _DOUBLE.sub(r"\1", s) if _DOUBLE.search(s) else s


def loose_keys(keys: list[str]) -> list[str]:
    """``[loose_key(k) for k in keys]``, computed on one joined string (much faster)."""
    blob = "\n".join(keys).translate(_FOLD)
    blob = _ASPIRATE.sub("", _DOUBLE.sub(r"\1", blob))
    out = _DOUBLE.sub(r"\1", blob).split("\n")
    if len(out) != len(keys):  # a key with a newline in it; never from norm()
        return [loose_key(k) for k in keys]
    return out


def query_keys(name: str) -> list[tuple[str, float]]:
    """The keys to try for a query, best first, each with its match quality (0..1)."""
    key = norm(name)
    if not key:
        return []
    keys = [(key, 1.0)]
    stripped = strip_generic(key)
    if stripped != key:
        keys.append((stripped, 0.9))
    keys.extend((k, ARTICLE_QUALITY) for k in article_variants(stripped) if k != key)
    return keys


# Arabic place names carry the definite article in GeoNames ("Al Qamishli", "Ar Raqqah",
# "Ash Shaykh Maskin") and often drop it in English news ("Qamishli", "Raqqa"), or keep it
# where the gazetteer does not. Before a "sun letter" the article assimilates: al + r -> ar r.
ARTICLE_QUALITY = 0.85
ARTICLES = frozenset(("al", "el", "ar", "as", "ash", "ath", "ad", "adh", "at", "az", "an"))
_SUN_DIGRAPHS = ("sh", "th", "dh")
_SUN_LETTERS = "tdrzsn"


def article_variants(key: str) -> list[str]:
    """The key with the Arabic article added (as GeoNames writes it) or removed."""
    first, _, rest = key.partition(" ")
    if first in ARTICLES:
        return [rest] if len(rest) >= 4 else []
    if len(key) < 4 or not key[0].isalpha():
        return []
    sun = next((d for d in _SUN_DIGRAPHS if key.startswith(d)), key[0] if key[0] in _SUN_LETTERS else "")
    return ["al " + key] + ([f"a{sun} {key}"] if sun else [])
