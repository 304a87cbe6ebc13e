"""Where an event happened: the most specific place its sentences name, checked against the
districts and provinces they name, never the speaker's city or the dateline unless nothing
else is named; a town the scene is measured from ("north of Baghdad") only as a last resort."""

from __future__ import annotations

from collections import Counter

from ..models import Place
from .mentions import Mention, Span


def locate(mentions: list[Mention], gaz) -> tuple[dict, list[Span]]:
    """Pick the event's place: the most specific non-speaker place, checked against districts named."""
    places = [p for m in mentions for p in m.places
              if p.role not in ("speaker", "dateline", "nationality", "reference", "near")]
    near = _near_only(places, [p for m in mentions for p in m.places if p.role == "near"])
    if near is not None:
        # "a bombing north of Baghdad", and no place of the scene's own: near Baghdad (ACLED's 2)
        near.role = "event"
        return _place_fields(near, 2), [(near.start, near.end)]
    datelines = [p for m in mentions for p in m.places if p.role == "dateline"]
    if datelines and all(p.feature in ("admin1", "country") for p in places) and all(
            p.feature == "country" and p.country == datelines[0].country or p.admin1 == datelines[0].admin1 for p in places):
        # The dateline is where the story was filed; use it only when the story names nothing
        # more precise that disagrees with it ("QUETTA — ... in Balochistan").
        places = datelines + places
    if not places:
        return {}, []
    rank = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}
    # A province the story names outranks a town or district read elsewhere: "Rustam areas of
    # Dera Bugti, Balochistan" is not the Rustam in Sindh.
    provinces = {p.admin1 for p in places if p.feature == "admin1"}
    districts, towns = _within(provinces, [p for p in places if p.feature == "admin2"],
                               [p for p in places if p.feature == "city"])
    # the town inside the district the story names comes first ("Barangay San Pascual, Ubay, Bohol")
    towns.sort(key=lambda t: not any(d.admin2 == t.admin2 and d.country == t.country for d in districts))
    chosen: Place | None = None
    precision = 3
    if towns:
        town = towns[0]
        # A district and a town of different countries: one is misread; the one whose country
        # the event's other places share is right.
        by_country = Counter(p.country for p in places)
        if any(d.country != town.country for d in districts) and not any(
                by_country[d.country] > by_country[town.country] for d in districts):
            districts = [d for d in districts if d.country == town.country]
        if districts and not any(d.admin2 == town.admin2 for d in districts):
            # The article names the district; trust it over the town's recorded district
            # unless the town is in the district's province (old GeoNames units).
            d = districts[0]
            if town.admin1 == d.admin1:
                chosen, precision = town, 1
                town_fields = _place_fields(town, 1)
                town_fields["admin2"] = d.admin2
                return town_fields, [(town.start, town.end), (d.start, d.end)]
            chosen, precision = d, 2
        else:
            chosen, precision = town, 1
    elif districts:
        chosen, precision = districts[0], 2
    else:
        chosen = min(places, key=lambda p: rank.get(p.feature or "country", 3))
        precision = 3
    fields = _place_fields(chosen, precision)
    if precision == 2 and chosen.feature == "admin2":
        seat = gaz.admin2_seat(chosen.country, chosen.admin1, chosen.admin2)
        if seat is not None:
            fields.update(location=seat.name, latitude=seat.latitude, longitude=seat.longitude, geonameid=seat.geonameid)
    elif precision == 3 and chosen.feature == "admin1":
        seat = gaz.admin1_seat(chosen.country, chosen.admin1)
        if seat is not None:
            fields.update(location=seat.name, latitude=seat.latitude, longitude=seat.longitude, geonameid=seat.geonameid)
    if fields.get("latitude") is None:
        _fall_back_to_province(fields, gaz)
    chosen.role = "event"
    return fields, [(chosen.start, chosen.end)]


def _near_only(places: list[Place], near: list[Place]) -> Place | None:
    """The town the scene is measured from, when the story names no town or district of its
    own and no province the town is outside of."""
    if not near or any(p.feature in ("city", "admin2") for p in places):
        return None
    provinces = {p.admin1 for p in places if p.feature == "admin1"}
    return next((p for p in near if not provinces or p.admin1 in provinces), None)


def _fall_back_to_province(fields: dict, gaz) -> None:
    """A unit GeoNames gives no point for (no town of cities500 in it) is mapped at its
    province's centroid, and says so by its precision."""
    unit = gaz.admin1(fields.get("country"), fields["admin1"]) if fields.get("admin1") and fields.get("country") else None
    if unit is None and fields.get("country"):
        unit = gaz.country(fields["country"])
    if unit is not None and unit.latitude is not None:
        fields.update(latitude=unit.latitude, longitude=unit.longitude, geo_precision=3)


def _within(provinces: set, districts: list[Place], towns: list[Place]) -> tuple[list[Place], list[Place]]:
    """The districts and towns inside the provinces named, if the story names any and some
    district or town lies inside; otherwise all of them."""
    if not any(p.admin1 in provinces for p in districts + towns):
        return districts, towns
    return [p for p in districts if p.admin1 in provinces], [p for p in towns if p.admin1 in provinces]


def _place_fields(p: Place, precision: int) -> dict:
    p.role = "event"
    return {
        "location": p.name, "admin1": p.admin1, "admin2": p.admin2 if precision < 3 else None,
        "country": p.country, "iso3": p.iso3, "latitude": p.latitude, "longitude": p.longitude,
        "geonameid": p.geonameid, "geo_precision": precision,
    }
