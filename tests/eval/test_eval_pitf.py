import json

import pytest

from watchfloor.eval import format_report, run_eval
from watchfloor.eval.pitf import within
from watchfloor.models import Extraction

from eval_fakes import FakeBatchExtractor, ev, write_csv

COLS = ["source", "eid", "date", "year", "country", "admin1", "admin2", "location", "lat", "lon",
        "event_type", "sub_event_type", "disorder_type", "actor1", "actor2", "fatalities", "text"]

# Synthetic descriptions written for these tests.
D1 = "Gunmen on motorbikes killed ten worshippers at a mosque in a northern town on Friday."
D2 = "A car bomb tore through a market in the capital, killing 25 people, police said."
D3 = "Masked men abducted and later killed a village chief, relatives said."
D4 = "Eight men were shot dead at a party in a coastal town, officials said."
D5 = "Security forces opened fire on a crowd over several weeks of unrest."


def _row(**kw):
    base = dict.fromkeys(COLS, "")
    base.update(source="pitf", sub_event_type="Attack/Massacre", event_type="Incident")
    base.update(kw)
    return base


@pytest.fixture
def pitf_csv(tmp_path):
    rows = [
        _row(date="2013-03-01", year="2013", country="NGA", admin1="Kano State", fatalities="10", text=D1),
        _row(date="2014-05-02", year="2014", country="IRQ", admin1="Baghdad", fatalities="25", text=D2),
        _row(date="2015-07-03", year="2015", country="AFG", admin1="", fatalities="1", text=D3),
        _row(date="2015-08-04", year="2015", country="ELS", admin1="Sonsonate", fatalities="8", text=D4),
        _row(date="2014-09-05", year="2014", country="XYZ", admin1="", fatalities="", event_type="Campaign",
             text=D5),
    ]
    return write_csv(tmp_path / "pitf.csv", rows)


ANSWERS = {
    D1: Extraction(events=[ev("Violence against civilians", "Attack", country="Nigeria", iso3="NGA",
                              admin1="Kano", fatalities=10)]),
    D2: Extraction(events=[ev("Explosions/Remote violence", "Remote explosive/landmine/IED", country="Iraq",
                              iso3=None, admin1="Baghdad", fatalities=22)]),  # within 20 %
    D3: Extraction(events=[ev("Violence against civilians", "Abduction/forced disappearance",
                              country="Pakistan", iso3="PAK", fatalities=None)]),
    D4: Extraction(events=[ev("Violence against civilians", "Attack", country="El Salvador", iso3="SLV",
                              admin1="La Libertad", fatalities=6)]),
    D5: Extraction(),
}


def test_pitf_scores(pitf_csv):
    fake = FakeBatchExtractor(ANSWERS)
    rep = run_eval("pitf", str(pitf_csv), extractor=fake, errors=1)
    assert rep.records == 5 and fake.calls[0] == (D1, "2013-03-01", "")
    v = {s.name: (s.correct, s.total) for s in rep.scores}
    assert v["event found"] == (4, 5)
    assert v["country"] == (3, 5)  # Iraq by name (no iso3); ELS read as SLV; Pakistan != AFG
    assert v["fatalities (exact)"] == (1, 4)  # empty gold count not scored
    assert v["fatalities (within 20%)"] == (2, 4)  # 22 of 25 yes, 6 of 8 no
    assert v["admin1"] == (2, 3)  # "Kano State" == Kano
    regions = {g: n for g, n, *_ in rep.groups[0].rows}
    assert regions == {"Africa": 1, "Middle East": 1, "South Asia": 1, "Americas": 1, "Other": 1}
    by_slice = {g: (n, vals["country"]) for g, n, vals, _ in rep.groups[1].rows}
    assert by_slice["tune"][0] == 3 and by_slice["untouched"] == (2, 0.5)
    assert [g for g, *_ in rep.groups[2].rows] == ["Incident", "Campaign"]
    json.dumps(rep.to_dict())
    assert "by slice (tune = 2013-2014, untouched = 2015)" in format_report(rep)


def test_pitf_slice_and_sample(pitf_csv):
    rep = run_eval("pitf", str(pitf_csv), extractor=FakeBatchExtractor(ANSWERS), slice="untouched")
    assert rep.records == 2
    rep = run_eval("pitf", str(pitf_csv), extractor=FakeBatchExtractor(ANSWERS), sample=2)
    assert rep.records == 2  # rows 1 and 3 of 5
    assert {s.name: s.total for s in rep.scores}["admin1"] == 1


def test_within_tolerance():
    assert within(22, 25) and within(12, 10) and not within(13, 10)
    assert within(0, 0) and not within(1, 0) and not within(None, 5)


def test_admin_names_of_other_countries():
    from watchfloor.eval.regions import admin_match_world as same

    assert same("Kano", "Kano State") and same("Al Başrah", "Basra") and same("Ninawá", "Nineveh province")
    assert same("Xinjiang Uygur Zizhiqu", "Xinjiang") and same("Wasiţ", "Muhafazat Wasit")
    assert same("Khyber Pakhtunkhwa", "North West Frontier Province")  # common.admin_match still applies
    assert not same("Sindh", "Punjab") and not same(None, "Kano State")


def test_compass_admin1_not_scored(tmp_path):
    path = write_csv(tmp_path / "p.csv", [_row(date="2014-01-01", year="2014", country="IRQ", admin1="Central",
                                               fatalities="3", text=D2)])
    rep = run_eval("pitf", str(path), extractor=FakeBatchExtractor(ANSWERS))
    assert rep.score("admin1").total == 0
