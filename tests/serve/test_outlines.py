"""The map's outlines, served by a real uvicorn on 127.0.0.1: Natural Earth's countries and the
provinces approximated from GeoNames places, as GeoJSON; the known capitals fall inside them;
bad parameters get a 400 with a message; ETag, gzip and private reads behave. The outlines are
built from the installed packages, as in production (nothing is mocked or downloaded)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import httpx
import pytest
import shapely
from serving_support import serve_in_thread
from shapely.geometry import shape

from watchfloor.store import Store

ABUJA = shapely.Point(7.49508, 9.05785)  # lon, lat (GeoNames)
KANO = shapely.Point(8.51672, 12.00012)
NIAMEY = shapely.Point(2.1098, 13.51366)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("outlines") / "empty.db"
    Store(db).close()
    server, thread, base = serve_in_thread(db)
    with httpx.Client(base_url=base, timeout=120) as client:
        yield client
    server.should_exit = True
    thread.join(10)


def _collection(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["licence"] and body["attribution"]
    for feature in body["features"]:
        assert feature["type"] == "Feature" and feature["id"]
        geometry = shape(feature["geometry"])
        assert geometry.geom_type in ("Polygon", "MultiPolygon") and geometry.is_valid, feature["properties"]
        minx, miny, maxx, maxy = geometry.bounds
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
    return body


def test_every_country_is_outlined_and_nigeria_holds_abuja(api) -> None:
    body = _collection(api.get("/api/outlines"))
    assert body["level"] == "country" and body["licence"] == "public domain" and not body["approximate"]
    by_code = {f["properties"]["iso2"]: f for f in body["features"]}
    assert len(by_code) > 200 and {"NG", "PK", "UA", "SY", "ML", "CD", "PS"} <= set(by_code)
    nigeria = shape(by_code["NG"]["geometry"])
    assert nigeria.contains(ABUJA) and nigeria.contains(KANO) and not nigeria.contains(NIAMEY)
    assert shape(by_code["NE"]["geometry"]).contains(NIAMEY)
    # named as watchfloor names the events' countries, so the dashboard can match them
    assert by_code["CD"]["properties"]["name"] == "Democratic Republic of Congo"
    one = _collection(api.get("/api/outlines", params={"country": "Nigeria|NGA|NG"}))
    assert [f["id"] for f in one["features"]] == ["NG"] and one["countries"] == ["NG"]
    assert one["features"][0] == by_code["NG"]


def test_provinces_are_approximate_and_hold_their_seats(api) -> None:
    from watchfloor.geo.gazetteer import get_gazetteer

    body = _collection(api.get("/api/outlines", params={"level": "admin1", "country": "NG"}))
    assert body["approximate"] is True and "GeoNames" in body["source"] and "CC BY 4.0" in body["licence"]
    states = {f["properties"]["name"]: shape(f["geometry"]) for f in body["features"]}
    assert all(f["properties"]["country"] == "NG" and f["properties"]["approximate"] for f in body["features"])
    assert len(states) == 37  # 36 states and the Federal Capital Territory
    assert states["Federal Capital Territory"].contains(ABUJA) and states["Kano"].contains(KANO)
    assert [name for name, area in states.items() if area.contains(ABUJA)] == ["Federal Capital Territory"]
    # the provinces tile the country: together about its area, with little overlap
    country = shape(_collection(api.get("/api/outlines", params={"country": "NG"}))["features"][0]["geometry"])
    union = shapely.union_all(list(states.values()))
    assert union.symmetric_difference(country).area < 0.02 * country.area
    assert sum(a.area for a in states.values()) < 1.02 * country.area
    # most seats (as the gazetteer places them) fall inside their own province's outline
    gz = get_gazetteer()
    seats = {name: gz.admin1_seat("NG", name) for name in states}
    inside = [n for n, s in seats.items() if s and states[n].contains(shapely.Point(s.longitude, s.latitude))]
    assert len(inside) >= 0.9 * len(states), sorted(set(states) - set(inside))


def test_several_countries_by_name_in_one_request(api) -> None:
    body = _collection(api.get("/api/outlines", params={"level": "admin1", "country": "Pakistan|Mali"}))
    assert body["countries"] == ["PK", "ML"]
    names = {(f["properties"]["country"], f["properties"]["name"]) for f in body["features"]}
    assert {("PK", "Punjab"), ("PK", "Balochistan"), ("ML", "Bamako")} <= names


@pytest.mark.parametrize(("query", "message"), [
    ({"level": "states"}, "level: one of country, admin1"),
    ({"level": "admin1"}, "level=admin1 needs one or more countries"),
    ({"country": "Atlantis"}, "country: 'Atlantis' is not a country"),
    ({"country": "|"}, "country: give one or more countries"),
    ({"country": "|".join(["NG"] * 61)}, "at most 60 countries"),
    ({"country": "N" * 501}, "country: longer than 500 characters"),
    ({"bbox": "0,0,1,1"}, "unknown parameter 'bbox'"),
    ({"level": "admin1", "country": "NG' OR 1=1 --"}, "is not a country"),
])
def test_bad_parameters_get_a_400_with_a_message(api, query: dict, message: str) -> None:
    got = api.get("/api/outlines", params=query)
    assert got.status_code == 400 and got.headers["content-type"] == "application/json"
    assert message in got.json()["error"] and got.json()["status"] == 400


def test_etag_cache_control_and_gzip(api) -> None:
    plain = api.get("/api/outlines", params={"country": "ML"}, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "content-encoding" not in plain.headers
    assert plain.headers["cache-control"] == "public, max-age=3600" and plain.headers["vary"] == "Accept-Encoding"
    again = api.get("/api/outlines", params={"country": "ML"},
                    headers={"Accept-Encoding": "identity", "If-None-Match": plain.headers["etag"]})
    assert again.status_code == 304 and not again.content
    with api.stream("GET", "/api/outlines", params={"country": "ML"}, headers={"Accept-Encoding": "gzip"}) as raw:
        assert raw.headers["content-encoding"] == "gzip" and raw.headers["etag"] != plain.headers["etag"]
        assert json.loads(gzip.decompress(b"".join(raw.iter_raw()))) == plain.json()


def test_private_reads_cover_the_outlines(tmp_path: Path) -> None:
    db = tmp_path / "private.db"
    with Store(db) as store:
        token = store.tokens.create("reader")
    server, thread, base = serve_in_thread(db, private_reads=True)
    try:
        assert httpx.get(f"{base}/api/outlines", timeout=60).status_code == 401
        got = httpx.get(f"{base}/api/outlines", params={"country": "NG"}, timeout=60,
                        headers={"Authorization": f"Bearer {token}"})
        assert got.status_code == 200 and got.headers["cache-control"].startswith("private")
    finally:
        server.should_exit = True
        thread.join(10)


def test_the_outlines_are_read_back_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from watchfloor.geo.outlines import Outlines

    monkeypatch.setenv("WATCHFLOOR_GEO_CACHE", str(tmp_path))
    built = Outlines()
    countries, provinces = built.country_features(["LB"]), built.admin1_features("LB")
    assert sorted(p.name.rsplit("-", 1)[0] for p in tmp_path.glob("outlines-*.marshal")) == \
        ["outlines-admin1-LB", "outlines-countries"]
    again = Outlines()
    assert again.country_features(["LB"]) == countries and again.admin1_features("LB") == provinces
    assert len(provinces) >= 6  # Lebanon's governorates
