"""The rules that say whether two reports are one incident."""

from watchfloor.merge.match import Report, compare


def report(article="a1", ordinal=0, **event):
    base = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb", "date": "2024-03-09",
            "time_precision": 1, "location": "Konduga", "admin1": "Borno", "admin2": "Konduga", "iso3": "NGA",
            "latitude": 11.65, "longitude": 13.42, "geonameid": 2334008, "geo_precision": 1, "fatalities": 12,
            "actor1": "Unidentified Armed Group (Nigeria)", "actor2": "Civilians (Nigeria)", "targets": ["market"]}
    base.update(event)
    return Report(article, ordinal, base, published=base["date"], publisher="P-" + article)


def test_two_outlets_one_bombing_with_different_tolls_and_a_day_apart():
    c = compare(report("a1"), report("a2", date="2024-03-10", fatalities=19))
    assert c.same_incident, c.reasons


def test_a_coarser_report_of_the_same_district_matches():
    coarse = report("a2", location="Borno", geonameid=None, geo_precision=3, latitude=None, longitude=None, admin2=None)
    assert compare(report("a1"), coarse).same_incident
    district = report("a3", location=None, geonameid=None, geo_precision=2, latitude=11.7, longitude=13.5)
    assert compare(report("a1"), district).same_incident


def test_two_villages_of_one_district_on_one_day_are_two_incidents():
    other = report("a2", location="Kawuri", geonameid=2334999, latitude=11.77, longitude=13.60)
    c = compare(report("a1"), other)
    assert c.contradicted and not c.same_incident


def test_three_days_apart_is_another_incident():
    assert compare(report("a1"), report("a2", date="2024-03-12")).contradicted


def test_another_country_or_an_incompatible_type_contradicts():
    assert compare(report("a1"), report("a2", iso3="CMR")).contradicted
    protest = report("a2", event_type="Protests", sub_event_type="Peaceful protest")
    assert compare(report("a1"), protest).contradicted


def test_one_articles_two_incidents_never_merge():
    assert compare(report("a1", 0), report("a1", 1)).contradicted


def test_named_groups_that_differ_weigh_against_but_do_not_forbid():
    a = report("a1", actor1="Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad")
    b = report("a2", actor1="Islamic State West Africa Province (ISWAP)")
    c = compare(a, b)
    assert not c.contradicted and c.reasons["actors"] < 0
    assert c.same_incident  # same day, same town, same type still outweigh it


def test_a_clash_and_an_attack_at_one_place_on_one_day_can_be_one_incident():
    a = report("a1", event_type="Battles", sub_event_type="Armed clash")
    b = report("a2", event_type="Violence against civilians", sub_event_type="Attack")
    assert compare(a, b).same_incident
