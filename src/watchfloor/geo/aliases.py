"""Apply ``aliases.toml`` (and the generic naming rules) to a :class:`GeoIndex`.

Generic rules, for every country: output names of subdivisions lose generic suffixes
and prefixes ("Kech District" -> "Kech", "District of West Karachi" -> "West Karachi",
"Amhara Region" -> "Amhara") and the diacritics of scientific transliteration (macron,
dot below: "Khuzdār" -> "Khuzdar"); common accents (é, ñ, ü) stay. The TOML file then
renames units, adds aliases, merges dissolved units into their successors, adds places
cities500 lacks and names the seats of admin units. See the comments in the file.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .index import SUB, GeoIndex
from .names import norm, strip_generic

_SUFFIX = re.compile(
    r"\s+(?:District|Distrcit|Agency|Province|Protected Area|Division|Region|Governorate|"
    r"Prefecture|Municipality|State)$",
    re.IGNORECASE,
)
_PREFIX = re.compile(r"^(?:District of|Province of|Governorate of|Provincia de|Departamento de)\s+",
                     re.IGNORECASE)
# Names the suffix rule must leave alone ("Free State" is not "Free").
_KEEP = frozenset({"free state", "federal capital territory"})
# macron, breve, dot above, dot below, macron below, ring below, line below
_TRANSLIT_MARKS = re.compile("[\u0304\u0306\u0307\u0323\u0325\u0331\u0332]")


class AliasError(ValueError):
    """The alias table names a unit or place the data does not have."""


def clean_admin_name(raw: str) -> str:
    """The output name of a GeoNames subdivision under the generic rules."""
    s = raw
    if not s.isascii():
        s = unicodedata.normalize("NFC", _TRANSLIT_MARKS.sub("", unicodedata.normalize("NFD", s)))
    if s.lower() in _KEEP:
        return s
    stripped = _PREFIX.sub("", _SUFFIX.sub("", s)).strip()
    return stripped or s


@dataclass
class AliasInfo:
    """What the alias table adds beyond the index itself."""

    admin_seats: dict[int, int] = field(default_factory=dict)  # subdivision row -> place id
    country_capitals: dict[int, int] = field(default_factory=dict)  # country row -> place id
    stoplist: frozenset[str] = frozenset()  # normalized words
    alias_ids: set[int] = field(default_factory=set)  # record ids named in the table


def default_alias_path() -> Path:
    return Path(str(resources.files("watchfloor.geo") / "aliases.toml"))


def load_table(path: Path | None = None) -> dict[str, Any]:
    with open(path or default_alias_path(), "rb") as fh:
        return tomllib.load(fh)


def apply_aliases(idx: GeoIndex, table: dict[str, Any]) -> AliasInfo:
    """Rename, merge and extend ``idx`` in place; index subdivision names; return extras."""
    info = AliasInfo()
    for i, raw in enumerate(idx.s_raw):
        if idx.s_level[i]:
            idx.s_name[i] = clean_admin_name(raw)
    pending_seats: list[tuple[int, str]] = []
    pending_towns: list[tuple[str, dict[str, Any]]] = []
    finders: dict[int, _UnitFinder] = {}
    for code, spec in table.items():
        if code == "stoplist" or not isinstance(spec, dict):
            continue
        crow = idx.country_row(code)
        if crow is None:
            raise AliasError(f"aliases.toml: unknown country {code!r}")
        units = finders[crow] = _UnitFinder(idx, crow)
        merges: list[tuple[int, str]] = []
        for entry in spec.get("admin1", []):
            row = units.find(entry["geonames"], 1)
            _rename(idx, row, entry)
            if "capital" in entry:
                pending_seats.append((row, entry["capital"]))
        for entry in spec.get("admin2", []):
            row = units.find(entry["geonames"], 2, entry.get("admin1"))
            _rename(idx, row, entry)
            if "parent" in entry:
                _set_parent(idx, row, units.find(entry["parent"], 1))
            if "merge" in entry:
                merges.append((row, entry["merge"]))
            if "seat" in entry:
                pending_seats.append((row, entry["seat"]))
        for row, target in merges:
            trow = units.find(target, 2, parent=idx.s_parent[row])
            idx.s_canon[row] = trow
            idx.s_name[row] = idx.s_name[trow]
        for entry in spec.get("extra_admin2", []):
            parent = units.find(entry["admin1"], 1)
            row = idx.add_subdivision(entry["name"], 2, parent, crow, tuple(entry.get("aliases", ())))
            units.add(row)
            if "seat" in entry:
                pending_seats.append((row, entry["seat"]))
        for entry in spec.get("towns", []):
            pending_towns.append((code, entry))
        if "capital" in spec:
            info.country_capitals[crow] = _find_place(idx, crow, spec["capital"], None, None)
            info.alias_ids.add(info.country_capitals[crow])
    idx.index_subdivision_names()
    for code, entry in pending_towns:
        crow = idx.country_row(code)
        assert crow is not None
        _apply_town(idx, finders[crow], crow, entry, info)
    for row, place in pending_seats:
        a1 = row if idx.s_level[row] == 1 else idx.s_parent[row]
        a2 = row if idx.s_level[row] == 2 else None
        info.admin_seats[row] = _find_place(idx, idx.s_country[row], place, a1, a2)
        info.alias_ids.add(info.admin_seats[row])  # a seat is a place news reports on
    info.stoplist = frozenset(norm(w) for w in table.get("stoplist", {}).get("words", []))
    return info


def _rename(idx: GeoIndex, row: int, entry: dict[str, Any]) -> None:
    if "name" in entry:
        idx.s_name[row] = entry["name"]
    extra = tuple(entry.get("aliases", ()))
    if extra:
        idx.s_aliases[row] = idx.s_aliases[row] + extra


def _set_parent(idx: GeoIndex, row: int, parent: int) -> None:
    """Put a district whose GeoNames record lacks one under its province, with its places."""
    idx.s_parent[row] = parent
    for pid, a2 in enumerate(idx.t_a2):
        if a2 == row:
            idx.t_a1[pid] = parent


def _apply_town(idx: GeoIndex, units: "_UnitFinder", crow: int, entry: dict[str, Any],
                info: AliasInfo) -> None:
    name = entry["name"]
    a2 = units.find(entry["admin2"], 2) if "admin2" in entry else None
    if "lat" in entry:
        if a2 is None:
            raise AliasError(f"aliases.toml: new town {name!r} needs an admin2")
        a2 = idx.s_canon[a2]
        pid = idx.add_town(name, crow, idx.s_parent[a2], a2, float(entry["lat"]),
                           float(entry["lon"]), int(entry.get("population", 0)))
        idx.add_key(norm(name), pid)
    else:
        pid = _find_place(idx, crow, name, None, a2)
    if "set_admin2" in entry:
        row = units.find(entry["set_admin2"], 2)
        idx.t_a2[pid] = row
        idx.t_a1[pid] = idx.s_parent[row]
    for alias in entry.get("aliases", ()):
        key = norm(alias)
        idx.add_key(key, pid)
        idx.add_key(strip_generic(key), pid)
    info.alias_ids.add(pid)


def _find_place(idx: GeoIndex, crow: int, name: str, a1: int | None, a2: int | None) -> int:
    """The most populous place of that name in the country (within a1/a2 when they match)."""
    found = [i for i in idx.ids(norm(name)) if i < SUB and idx.t_country[i] == crow]
    if not found:
        raise AliasError(f"aliases.toml: no place {name!r} in {idx.c_iso2[crow]}")

    def rank(i: int) -> tuple[bool, bool, int]:
        in_a2 = a2 is not None and idx.s_canon[idx.t_a2[i]] == idx.s_canon[a2] if idx.t_a2[i] >= 0 else False
        in_a1 = a1 is not None and idx.t_a1[i] == a1
        return (in_a2, in_a1, idx.t_pop[i])

    return max(found, key=rank)


class _UnitFinder:
    """Finds a country's subdivisions by GeoNames name or output name."""

    def __init__(self, idx: GeoIndex, crow: int) -> None:
        self.idx = idx
        self.by_key: dict[str, list[int]] = {}
        for i, c in enumerate(idx.s_country):
            if c == crow and idx.s_level[i]:
                self.add(i)

    def add(self, row: int) -> None:
        for name in (self.idx.s_raw[row], self.idx.s_name[row]):
            rows = self.by_key.setdefault(norm(name), [])
            if row not in rows:
                rows.append(row)

    def find(self, name: str, level: int, admin1: str | None = None, parent: int | None = None) -> int:
        idx = self.idx
        key = norm(name)
        rows = [r for r in self.by_key.get(key, []) if idx.s_level[r] == level]
        if not rows:  # the output name may have changed since the finder was built
            rows = [r for rows_ in self.by_key.values() for r in rows_
                    if idx.s_level[r] == level and norm(idx.s_name[r]) == key]
        if admin1 is not None:
            rows = [r for r in rows if norm(idx.s_name[idx.s_parent[r]]) == norm(admin1)
                    or norm(idx.s_raw[idx.s_parent[r]]) == norm(admin1)]
        if parent is not None and len(rows) > 1:
            rows = [r for r in rows if idx.s_parent[r] == parent] or rows
        rows = [r for r in dict.fromkeys(rows) if idx.s_canon[r] == r] or rows
        if len(rows) != 1:
            raise AliasError(f"aliases.toml: {len(rows)} level-{level} units named {name!r}")
        return rows[0]
