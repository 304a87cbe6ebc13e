import pytest

from watchfloor.eval.common import (
    PRF,
    actors_match,
    admin_key,
    admin_match,
    f1,
    haversine_km,
    iso_date,
    normalize_actor,
    pick_worst,
    primary_event,
    within_km,
)
from watchfloor.models import Extraction

from eval_fakes import ev


def test_haversine_known_distances():
    assert haversine_km(0, 0, 0, 0) == 0
    # one degree of latitude is ~111.2 km anywhere
    assert haversine_km(25.0, 63.0, 26.0, 63.0) == pytest.approx(111.19, abs=0.1)
    # one degree of longitude at 60 N is half that at the equator
    assert haversine_km(60, 10, 60, 11) == pytest.approx(111.19 / 2, abs=0.2)


def test_within_25_km():
    # 0.2 deg of latitude ~ 22 km: inside; 0.25 deg ~ 27.8 km: outside
    assert within_km(26.2, 63.0, 26.0, 63.0)
    assert not within_km(26.25, 63.0, 26.0, 63.0)
    assert within_km("26.0", "63.0", 26.0, 63.0)  # CSV strings are fine
    assert not within_km(None, 63.0, 26.0, 63.0)  # missing prediction = wrong
    assert not within_km(26.0, 63.0, "", 63.0)


def test_normalize_actor_strips_year_ranges_only():
    assert normalize_actor("Military Forces of Pakistan (2022-)") == "military forces of pakistan"
    assert normalize_actor("Police Forces of Pakistan (2018-2022)") == "police forces of pakistan"
    assert normalize_actor("military forces of PAKISTAN") == "military forces of pakistan"
    assert normalize_actor("Civilians (Pakistan)") == "civilians (pakistan)"
    assert normalize_actor(None) == ""


def test_actors_match_acronym_long_form_and_spelling():
    ttp = "TTP: Tehrik-i-Taliban Pakistan"
    assert actors_match(ttp, "TTP")
    assert actors_match(ttp, "ttp")
    assert actors_match(ttp, "Tehreek-e-Taliban Pakistan")
    assert actors_match(ttp, "TTP-SM")  # faction accepts the parent
    assert actors_match(ttp, "TTP - TA")
    assert actors_match("BLA: Baloch Liberation Army", "Baluch Liberation Army")
    assert actors_match("AQ: al-Qaeda", "al-Qaida ")
    assert not actors_match("BLA: Baloch Liberation Army", "BLF")
    assert not actors_match("BLA: Baloch Liberation Army", "BLA-X1X")  # not a faction form
    assert not actors_match(ttp, "Lashkar-e-Islam")
    assert not actors_match(None, "TTP")
    assert not actors_match(ttp, "")


def test_admin_names_unit_words_fata_and_spelling():
    kp = "Khyber Pakhtunkhwa"
    assert admin_match(kp, "Federally Administered Tribal Areas")
    assert admin_match(kp, "Khyber Pakhtunkwa Province")  # UCDP's spelling
    assert admin_match(kp, "NWFP")
    assert admin_match("Balochistan", "Baluchistan")
    assert admin_match("balochistan", "Balochistan Province")
    assert admin_match("North Wazīristān District", "North Waziristan agency")
    assert admin_match("Khyber", "Khyber Agency")
    assert admin_match("Kohat", "FR Kohat")
    assert admin_match("Tank", "FR Tank - Jandola")
    assert admin_match("Qila Abdullah District", "Killa Abdullah")
    assert admin_match("Kachhi District", "Bolan District")
    assert admin_match("Karachi South District", "Karachi District")
    assert admin_match("Lasbela District", "Las Bela")
    assert not admin_match("Kech", "Gwadar")
    assert not admin_match("Khyber", "Khyber Pakhtunkhwa")
    assert not admin_match("Lahore", "Lehri")
    assert not admin_match(None, "Kech") and not admin_match("Kech", "")
    assert admin_key("") == ""


def test_primary_event_earliest_evidence():
    a = ev(evidence={"fatalities": [(50, 60)]}, location="A")
    b = ev(evidence={"event_type": [(10, 20)], "actor1": [(80, 90)]}, location="B")
    c = ev(location="C")  # no evidence: after those with evidence
    assert primary_event(Extraction(events=[a, b, c])).location == "B"
    assert primary_event(Extraction(events=[c, a])).location == "A"
    assert primary_event(Extraction(events=[c])).location == "C"  # only one: that one
    assert primary_event(Extraction(events=[ev(location="X"), ev(location="Y")])).location == "X"
    assert primary_event(Extraction()) is None


def test_iso_date_formats():
    assert iso_date("2023-05-02") == "2023-05-02"
    assert iso_date("2023-05-02T10:30:00+05:00") == "2023-05-02"
    assert iso_date("05/02/2003 00:00:00") == "2003-05-02"  # UCDP: month first
    assert iso_date("") is None and iso_date(None) is None and iso_date("13/40/2003") is None


def test_prf_and_f1():
    p = PRF("x")
    p.add(2, 4, 3)
    p.add(1, 1, 1)
    assert (p.tp, p.n_pred, p.n_gold) == (3, 5, 4)
    assert p.precision == pytest.approx(0.6)
    assert p.recall == pytest.approx(0.75)
    assert p.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    assert f1(0, 0, 0) is None and f1(0, 2, 0) == 0.0


def test_pick_worst_orders_and_skips_perfect():
    rows = [(1, {"id": "a"}), (3, {"id": "b"}), (0, {"id": "c"}), (3, {"id": "d"})]
    assert [r["id"] for r in pick_worst(rows, 2)] == ["b", "d"]
    assert [r["id"] for r in pick_worst(rows, 10)] == ["b", "d", "a"]
    assert pick_worst(rows, 0) == []


def test_actors_match_gold_alternatives_units_and_mergers():
    gold = "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"
    assert actors_match("JAS: Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", gold)
    # a state force's unit refines the force watchfloor names; another force is still wrong
    assert actors_match("Police Forces of Ethiopia", "Police Forces of Ethiopia (2018-) Liyu Police")
    assert not actors_match("Military Forces of Ethiopia", "Police Forces of Ethiopia (2018-) Liyu Police")
    assert actors_match("ADF: Allied Democratic Forces", "ADF-NALU: Allied Democratic Forces-National Army")
