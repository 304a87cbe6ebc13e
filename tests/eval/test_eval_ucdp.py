import json

from watchfloor.eval import format_report, run_eval
from watchfloor.eval.ucdp import is_non_state, side_matches
from watchfloor.models import Extraction

from eval_fakes import FakeExtractor, ev, write_csv

COLS = ["id", "side_a", "side_b", "source_headline", "where_description", "adm_1", "adm_2",
        "latitude", "longitude", "where_prec", "date_start", "date_end", "best_est", "high_est",
        "low_est"]

# Synthetic headlines written for these tests.
H1 = "Six soldiers killed in clash with militants in a tribal district"
H3 = "Gunmen kill bystanders in port city market"
H4 = "Troops kill separatist in desert province"
H5 = "Cross-border fire reported"


def _row(**kw):
    base = dict.fromkeys(COLS, "")
    base.update(kw)
    return base


def fixture(tmp_path):
    rows = [
        _row(id="1", side_a="Government of Pakistan", side_b="TTP", source_headline=H1,
             adm_1="Federally Administered Tribal Areas", adm_2="North Waziristan agency",
             latitude="33.000000", longitude="70.000000", where_prec="1",
             date_start="06/08/2010 00:00:00", best_est="6", low_est="5", high_est="8"),
        _row(id="2", side_a="Government of Pakistan", side_b="TTP", source_headline="  ",
             adm_1="Sindh Province", latitude="24.0", longitude="67.0", best_est="1"),
        _row(id="3", side_a="TTP", side_b="Civilians", source_headline=H3,
             adm_1="Sindh Province", adm_2="Karachi District", latitude="24.86", longitude="67.01",
             where_prec="2", date_start="01/02/2012 00:00:00", best_est="3", low_est="2", high_est="10"),
        _row(id="4", side_a="Government of Pakistan", side_b="Baloch Liberation Army",
             source_headline=H4, adm_1="Balochistan Province", adm_2="", latitude="28.0",
             longitude="66.0", where_prec="4", date_start="03/04/2011 00:00:00",
             best_est="1", low_est="1", high_est="1"),
        _row(id="5", side_a="Government of India", side_b="Government of Pakistan",
             source_headline=H5, adm_1="Azad Jammu & Kashmir", adm_2="Kotli District",
             latitude="33.5", longitude="73.9", where_prec="1", date_start="09/13/2003 00:00:00",
             best_est="2", low_est="2", high_est="2"),
    ]
    return write_csv(tmp_path / "ucdp.csv", rows)


ANSWERS = {
    H1: Extraction(events=[ev(actor1="TTP: Tehrik-i-Taliban Pakistan", admin1="Khyber Pakhtunkhwa",
                              admin2="North Waziristan", latitude=33.1, longitude=70.1, fatalities=6)]),
    H3: Extraction(events=[ev("Violence against civilians", "Attack", admin1="Sindh",
                              admin2="Karachi East District", fatalities=4)]),
    H4: Extraction(events=[ev(actor1="Military Forces of Pakistan", actor2="BLA: Baloch Liberation Army",
                              fatalities=1)]),
    H5: Extraction(),
}


def test_ucdp_scores(tmp_path):
    fake = FakeExtractor(ANSWERS)
    rep = run_eval("ucdp", str(fixture(tmp_path)), extractor=fake, errors=1)
    assert rep.records == 4  # the row with a blank headline is skipped
    assert [c[1] for c in fake.calls] == ["2010-06-08", "2012-01-02", "2011-03-04", "2003-09-13"]
    v = {s.name: (s.correct, s.total) for s in rep.scores}
    assert v["any event"] == (3, 4)
    assert v["location_25km"] == (1, 4)  # ~14 km right; missing coordinates / no event wrong
    assert v["location_25km (where_prec 1-2)"] == (1, 3)
    assert v["admin1"] == (2, 4)  # FATA -> Khyber Pakhtunkhwa; "Sindh Province" -> Sindh
    assert v["admin2"] == (2, 3)  # empty gold adm_2 not scored; agency / Karachi districts mapped
    assert v["deaths == best"] == (2, 4)
    assert v["deaths in [low, high]"] == (3, 4)
    assert v["side_b (actor1)"] == (1, 2)  # Civilians / Government sides not scored
    assert v["side_b (actor1 or actor2)"] == (2, 2)
    assert rep.worst[0]["id"] == "5"
    json.dumps(rep.to_dict())
    assert "side_b (actor1)" in format_report(rep)


def test_ucdp_limit_counts_headline_rows(tmp_path):
    rep = run_eval("ucdp", str(fixture(tmp_path)), extractor=FakeExtractor(ANSWERS), limit=2)
    assert rep.records == 2
    assert {s.name: s.total for s in rep.scores}["admin2"] == 2


def test_side_b_helpers():
    assert is_non_state("TTP") and is_non_state("al-Qaida ")
    assert not is_non_state("Civilians") and not is_non_state("Government of Pakistan")
    assert side_matches("Taliban", "Taleban")
    assert side_matches("Afghan Taliban", "Taleban")
    assert not side_matches("TTP: Tehrik-i-Taliban Pakistan", "Taleban")
    assert side_matches("TTP: Tehrik-i-Taliban Pakistan", "TTP")
