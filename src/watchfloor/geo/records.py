"""Records the gazetteer returns, and the geometry it needs: candidates, centroids, distances."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..models import Place
from .index import GeoIndex

KINDS = ("country", "admin1", "admin2", "city")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer record a name can refer to, in the shape ``Place`` needs.

    For a district (admin2), latitude/longitude are those of its seat (the district
    headquarters, what ACLED uses at geo_precision 2). For a province (admin1) and a
    country they are its own centroid: the median point of its cities500 places, not its
    capital's coordinates. None when the unit has no place to place it. ``population`` of an admin
    unit or country is the sum over its cities500 places. ``source`` is "geonames", or
    "aliases" for a place that only the alias table has (its geonameid is None).
    """

    name: str
    kind: str
    country: str | None
    iso3: str | None
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    geonameid: int | None
    population: int = 0
    source: str = "geonames"
    ref: int = field(default=-1, compare=False, repr=False)

    def to_place(self, text: str, start: int, end: int, role: str = "other") -> Place:
        """A :class:`~watchfloor.models.Place` for a mention resolved to this record."""
        return Place(text=text, start=start, end=end, name=self.name, admin1=self.admin1,
                     admin2=self.admin2, country=self.country, iso3=self.iso3,
                     latitude=self.latitude, longitude=self.longitude,
                     geonameid=self.geonameid, feature=self.kind, role=role, population=self.population)


def _median_points(units: np.ndarray, idx: GeoIndex) -> dict[int, tuple[float, float]]:
    """unit -> (median latitude, median longitude) of its places: a centroid of where
    people live that, unlike the mean, no far-off island drags out to sea."""
    ok = units >= 0
    ids = np.flatnonzero(ok)
    units = units[ok]
    out: dict[int, list[float]] = {}
    for col in (idx.t_lat, idx.t_lon):
        vals = np.frombuffer(col, dtype=np.float64)[: len(ok)][ids]
        order = np.lexsort((vals, units))
        u_sorted = units[order]
        starts = np.flatnonzero(np.r_[True, u_sorted[1:] != u_sorted[:-1]])
        ends = np.r_[starts[1:], len(u_sorted)]
        mids = vals[order][(starts + ends - 1) // 2]
        for u, v in zip(u_sorted[starts].tolist(), mids.tolist()):
            out.setdefault(u, []).append(round(v, 4))
    return {u: (v[0], v[1]) for u, v in out.items()}


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


