import json

import pytest

from watchfloor.eval import format_report, run_eval
from watchfloor.eval.breakdown import select, spread_sample
from watchfloor.eval.regions import country_match, fix_iso3, iso3_of, region_of_iso3, region_of_name
from watchfloor.eval.world import gold_types, strip_date_opener
from watchfloor.models import Extraction

from eval_fakes import FakeExtractor, ev, write_csv

COLS = ["source", "eid", "date", "year", "country", "admin1", "admin2", "location", "lat", "lon",
        "event_type", "sub_event_type", "disorder_type", "actor1", "actor2", "fatalities", "text"]

# Synthetic notes written for these tests (places invented); the keys are the texts the
# extractor must see, i.e. without the date opener.
T1 = "Tribal fighters clashed with soldiers near Qaryat Alif; four were killed."
T2 = "Farmers marched in Townsville to demand land reform."
T3 = "Troops retook the village of Exampleton from insurgents."
T4 = "Unknown gunmen shot a trader dead in Sampletown."
T5 = "A mortar round landed near a depot outside Vilanova."
T6 = "A rebel faction announced a new base in the hills."


def _row(**kw):
    base = dict.fromkeys(COLS, "")
    base.update(source="test", **kw)
    return base


def rows():
    return [
        _row(eid="YEM1", date="2020-03-03", year="2020", country="Yemen", admin1="Marib", admin2="Sirwah",
             location="Qaryat Alif", lat="15.40", lon="45.00", event_type="Battles", sub_event_type="Armed clash",
             actor1="Military Forces of Yemen (2016-)", fatalities="4",
             text="On 3 March 2020, tribal fighters clashed with soldiers near Qaryat Alif; four were killed."),
        _row(eid="PHL1", date="2015-06-12", year="2015", country="Philippines", admin1="Central Luzon",
             admin2="Tarlac", location="Townsville", lat="15.5", lon="120.6", event_type="Riots/Protests",
             actor1="Protesters (Philippines)", fatalities="0",
             text="Around 12 June 2015 (as reported), farmers marched in Townsville to demand land reform."),
        _row(eid="NGA1", date="2012-05-20", year="2012", country="Nigeria", admin1="Borno", admin2="Bama",
             location="Exampleton", lat="11.5", lon="13.7", event_type="Battle-Government regains territory",
             actor1="Military Forces of Nigeria (1999-)", fatalities="0",
             text="In May 2012, troops retook the village of Exampleton from insurgents."),
        _row(eid="CIV1", date="2021-01-09", year="2021", country="Ivory Coast", admin1="Lagunes", admin2="",
             location="Sampletown", lat="5.3", lon="-4.0", event_type="Violence against civilians",
             sub_event_type="Attack", actor1="Unidentified Armed Group (Ivory Coast)", fatalities="1", text=T4),
        _row(eid="BRA1", date="2018-07-01", year="2018", country="Brazil", admin1="Para", admin2="Belem",
             location="Vilanova", lat="-1.4", lon="-48.5", event_type="Remote violence", fatalities="",
             actor1="Unidentified Armed Group (Brazil)", text=f"On July 1st, {T5[0].lower()}{T5[1:]}"),
        _row(eid="KGZ1", date="2019-02-02", year="2019", country="Kyrgyzstan", admin1="Osh", admin2="Osh",
             location="Osh", lat="40.5", lon="72.8", event_type="Headquarters or base established",
             actor1="Rebel faction", fatalities="0", text=T6),
    ]


def answers():
    return {
        T1: Extraction(events=[ev("Battles", "Armed clash", country="Yemen", iso3="YEM", admin1="Marib Governorate",
                                  admin2="Sirwah", latitude=15.70, longitude=45.0,  # ~33 km off
                                  fatalities=4, actor1="Military Forces of Yemen")]),
        T2: Extraction(events=[ev("Protests", "Peaceful protest", country="Philippines", iso3="PHL",
                                  admin1="Central Luzon", latitude=17.0, longitude=120.6, fatalities=None)]),
        T3: Extraction(events=[ev("Battles", "Armed clash", country="Pakistan", iso3="NGA", admin1="Borno State",
                                  admin2="Bama", latitude=11.52, longitude=13.69, fatalities=0,
                                  actor1="Military Forces of Nigeria")]),
        T4: Extraction(events=[ev("Violence against civilians", "Attack", country="Cote d'Ivoire", iso3="CIV",
                                  admin1="Lagunes", latitude=5.31, longitude=-4.01, fatalities=1)]),
        T5: Extraction(),
        T6: RuntimeError("boom"),
    }


@pytest.fixture
def world_csv(tmp_path):
    return write_csv(tmp_path / "world.csv", rows())


def _v(rep):
    return {s.name: (s.correct, s.total) for s in rep.scores}


def test_world_scores(world_csv):
    fake = FakeExtractor(answers())
    rep = run_eval("world", str(world_csv), extractor=fake, errors=2)
    assert rep.records == 6 and rep.errors == 1
    # the date opener is gone and the first letter capitalised; published = date
    assert [c[0] for c in fake.calls] == [T1, T2, T3, T4, T5, T6]
    assert fake.calls[0][1] == "2020-03-03"
    v = _v(rep)
    assert v["event found"] == (4, 6)
    assert v["event found (political violence)"] == (3, 4)  # YEM, NGA, CIV, BRA
    assert v["event_type"] == (4, 6)  # Riots/Protests accepts Protests; Battle-... -> Battles
    # gold sub-type: YEM, CIV, NGA (implied "Government regains territory"), KGZ (implied)
    assert v["sub_event_type"] == (2, 4)
    assert v["country"] == (3, 6)  # Cote d'Ivoire == Ivory Coast; "Pakistan" for Nigeria is wrong
    assert v["country (iso3)"] == (4, 6)
    assert v["admin1"] == (4, 6)  # "Marib Governorate", "Borno State" match
    assert v["admin2"] == (2, 5)  # empty gold admin2 not scored
    assert v["location 50 km"] == (3, 6)  # 33 km right, PHL 166 km wrong
    assert v["fatalities (null = 0)"] == (4, 5)  # empty gold not scored
    assert v["fatalities (strict)"] == (3, 5)
    assert v["actor1"] == (2, 6)
    region = {g: n for g, n, *_ in rep.groups[0].rows}
    assert region == {"Africa": 2, "Middle East": 1, "Southeast Asia": 1, "Caucasus/Central Asia": 1,
                      "Americas": 1}
    assert [g for g, *_ in rep.groups[0].rows][:3] == ["Africa", "Middle East", "Southeast Asia"]
    by_slice = {g: (n, vals["found"]) for g, n, vals, _ in rep.groups[1].rows}
    assert by_slice == {"tune": (4, 0.5), "untouched": (2, 1.0)}
    assert rep.confusions["sub_event_type"][0][:2] in {("Government regains territory", "Armed clash"),
                                                       ("Headquarters or base established", "(no event)")}
    assert [w["id"] for w in rep.worst] == ["KGZ1", "BRA1"]  # most fields wrong first
    d = rep.to_dict()
    json.dumps(d)
    assert d["groups"][1]["rows"][0]["counts"]["found"] == [2, 4]
    txt = format_report(rep)
    for s in ("by region group", "Caucasus/Central Asia", "by slice", "untouched", "pv found"):
        assert s in txt


def test_world_slice_sample_limit(world_csv):
    fake = FakeExtractor(answers())
    rep = run_eval("world", str(world_csv), extractor=fake, slice="untouched")
    assert rep.records == 2 and [g for g, *_ in rep.groups[1].rows] == ["untouched"]
    rep = run_eval("world", str(world_csv), extractor=FakeExtractor(answers()), slice="tune", sample=2)
    assert rep.records == 2  # tune rows PHL, NGA, BRA, KGZ -> every 2nd: PHL, BRA
    assert _v(rep)["event found"] == (1, 2)
    rep = run_eval("world", str(world_csv), extractor=FakeExtractor(answers()), sample=3, limit=1)
    assert rep.records == 1
    with pytest.raises(ValueError):
        run_eval("world", str(world_csv), extractor=fake, slice="holdout")
    with pytest.raises(ValueError):
        run_eval("acled", str(world_csv), extractor=fake, sample=10)


def test_other_sets_output_has_no_groups(tmp_path):
    path = write_csv(tmp_path / "a.csv", [{"event_date": "2023-01-01", "notes": "x", "event_type": "Battles"}])
    rep = run_eval("acled", str(path), extractor=FakeExtractor({}))
    assert "groups" not in rep.to_dict() and "by region" not in format_report(rep)


def test_strip_date_opener():
    assert strip_date_opener("On 9 May 2020, clashes erupted.") == "Clashes erupted."
    assert strip_date_opener("Around 9 May 2020 (as reported), in Town, a man died.") == "In Town, a man died."
    assert strip_date_opener("In May 2012, troops left.") == "Troops left."
    assert strip_date_opener("On Nov 17, people marched.") == "People marched."
    assert strip_date_opener("On 30 April, 2020, doctors protested.") == "Doctors protested."
    assert strip_date_opener("On or before August 13th, two were hurt.") == "Two were hurt."
    assert strip_date_opener("On 28 November 2019 in Villa, students marched.") == "In Villa, students marched."
    assert strip_date_opener("On Wednesday, January 14th, members protested.") == "Members protested."
    # not a date opener: left alone
    for t in ("In Kenya, police fired.", "Around 3,000 farmers marched on 2 May.", "On arrival, they left."):
        assert strip_date_opener(t) == t


def test_gold_types_map_old_codebook():
    assert gold_types({"event_type": "Battle-No change of territory"}) == (("Battles",), "Armed clash")
    assert gold_types({"event_type": "Riots/Protests"}) == (("Protests", "Riots"), "")
    assert gold_types({"event_type": "Remote violence"}) == (("Explosions/Remote violence",), "")
    assert gold_types({"event_type": "Violence Against Civilians"}) == (("Violence against civilians",), "")
    assert gold_types({"event_type": "Non-violent transfer of territory"}) == (
        ("Strategic developments",), "Non-violent transfer of territory")
    assert gold_types({"event_type": "Protests", "sub_event_type": "Peaceful protest"}) == (
        ("Protests",), "Peaceful protest")


def test_countries_and_regions():
    assert country_match("Côte d’Ivoire", "Ivory Coast") and country_match("DR Congo", "Democratic Republic of Congo")
    assert country_match("Russian Federation", "Russia") and country_match("Swaziland", "eSwatini")
    assert country_match("Curaçao", "Curacao") and country_match("Turkiye", "Turkey")
    assert not country_match("Congo", "Democratic Republic of Congo") and not country_match(None, "Kenya")
    assert iso3_of("Burma") == "MMR" and fix_iso3("brz") == "BRA"
    assert region_of_name("Afghanistan") == "South Asia" and region_of_name("Atlantis") == "Other"
    assert region_of_iso3("ELS") == "Americas" and region_of_iso3("AZE") == "Caucasus/Central Asia"


def test_spread_sample_is_deterministic_and_spread():
    items = list(range(10))
    assert spread_sample(items, 3) == [0, 3, 6]
    assert spread_sample(items, 20) == items and spread_sample(items, None) == items
    assert select(items, lambda x: "tune" if x < 8 else "untouched", slice_name="tune", sample=4, limit=3) == [0, 2, 4]


def test_acled_admin1_that_is_a_geonames_district_compares_with_admin2():
    from watchfloor.eval.regions import admin1_as_admin2
    assert admin1_as_admin2("Gulu", "Gulu", "UG")          # Uganda: ACLED's admin1 is the district
    assert not admin1_as_admin2("Gulu", "Kitgum", "UG")
    assert not admin1_as_admin2("Quetta", "Balochistan", "PK")  # a real admin1 name is not shifted
