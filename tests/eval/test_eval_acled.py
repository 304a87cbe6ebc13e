import json

import pytest

from watchfloor.eval import format_report, run_eval
from watchfloor.models import Extraction

from eval_fakes import FakeBatchExtractor, FakeExtractor, ev, write_csv

COLS = ["event_date", "year", "event_type", "sub_event_type", "actor1", "actor2", "interaction",
        "admin1", "admin2", "location", "latitude", "longitude", "fatalities",
        "civilian_targeting", "notes"]

# Synthetic rows written for these tests.
T1 = "Soldiers fought gunmen near Alphaville on Sunday; two died."
T2 = "A shop was hit by a thrown grenade in Betatown, then police searched a nearby village."
T3 = "Something vague happened somewhere."
T4 = "This text makes the fake extractor crash."


def _row(**kw):
    base = dict.fromkeys(COLS, "")
    base.update(kw)
    return base


@pytest.fixture
def acled_csv(tmp_path):
    rows = [
        _row(event_date="2023-12-31", event_type="Battles", sub_event_type="Armed clash",
             actor1="Military Forces of Pakistan (2022-)", admin1="Balochistan", admin2="Kech",
             location="Alphaville", latitude="26.0000", longitude="63.0500", fatalities="2", notes=T1),
        _row(event_date="2023-12-30", event_type="Explosions/Remote violence", sub_event_type="Grenade",
             actor1="BLF: Baloch Liberation Front", admin1="Balochistan", admin2="Kachhi",
             location="Betatown", latitude="29.0000", longitude="67.0000", fatalities="0", notes=T2),
        _row(event_date="2023-12-29", event_type="Battles", sub_event_type="Armed clash",
             actor1="BLA: Baloch Liberation Army", admin1="Balochistan", admin2="Gwadar",
             location="Gammaport", latitude="25.1", longitude="62.3", fatalities="1", notes=T3),
        _row(event_date="2023-12-28", event_type="Battles", sub_event_type="Armed clash",
             actor1="BLA: Baloch Liberation Army", admin1="Balochistan", admin2="Mastung",
             location="Deltaville", latitude="29.7", longitude="66.3", fatalities="1", notes=T4),
    ]
    return write_csv(tmp_path / "acled.csv", rows)


def answers():
    right = ev("Battles", "Armed clash", date="2023-12-31", location="Alphaville",
               admin1="Balochistan", admin2="KECH", latitude=26.13, longitude=63.05,  # ~14.5 km off
               actor1="military forces of pakistan", fatalities=2)
    # Listed first but its evidence starts later: not the primary event.
    other = ev("Violence against civilians", "Attack", location="Somewhere else",
               evidence={"event_type": [(60, 80)]})
    primary = ev("Explosions/Remote violence", "Grenade", date="2023-12-01", location="betatown",
                 admin1="Baluchistan", admin2="Kachhi District", latitude=29.27, longitude=67.0,  # ~30 km
                 actor1="BLA: Baloch Liberation Army", fatalities=None,
                 evidence={"event_type": [(14, 36)], "location": [(40, 48)]})
    return {T1: Extraction(events=[right]), T2: Extraction(events=[other, primary]),
            T3: Extraction(), T4: RuntimeError("boom")}


def _values(rep):
    return {s.name: (s.correct, s.total) for s in rep.scores}


def test_acled_scores(acled_csv):
    fake = FakeExtractor(answers())
    seen = []
    rep = run_eval("acled", str(acled_csv), extractor=fake, errors=2,
                   progress=lambda d, t: seen.append((d, t)))
    assert rep.records == 4 and rep.errors == 1
    assert rep.error_messages[0]["error"] == "RuntimeError: boom"
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    # published = event_date, title empty
    assert fake.calls[0] == (T1, "2023-12-31", "")
    v = _values(rep)
    assert v["any event"] == (2, 4)
    assert v["event_type"] == (2, 4)  # primary (earliest evidence) event of row 2 is right
    assert v["sub_event_type"] == (2, 4)
    assert v["fatalities"] == (1, 4)  # None vs gold 0 is wrong
    assert v["fatalities (null = 0)"] == (2, 4)
    assert v["admin1"] == (2, 4)  # Baluchistan == Balochistan
    assert v["admin2"] == (2, 4)  # case-insensitive, "District" ignored
    assert v["location_25km"] == (1, 4)  # 14.5 km right, 30 km wrong
    assert v["location name"] == (2, 4)
    assert v["date"] == (1, 4)
    assert v["actor1"] == (1, 4)  # year range stripped, case-insensitive
    assert rep.score("event_type").value == pytest.approx(0.5)
    # no-event and crashed records are confused with "(no event)", never dropped
    assert rep.confusions["event_type"] == [("Battles", "(no event)", 2)]
    assert rep.confusions["sub_event_type"] == [("Armed clash", "(no event)", 2)]
    # the two worst: every field wrong, record order kept
    assert [w["wrong"] for w in rep.worst] == [8, 8]
    assert rep.worst[0]["text"] == T3 and rep.worst[1]["exception"] == "RuntimeError: boom"
    assert rep.worst[0]["fields"]["event_type"] == {"gold": "Battles", "predicted": None, "ok": False}
    d = rep.to_dict()
    json.dumps(d)
    assert d["scores"]["location_25km"]["correct"] == 1 and d["set"] == "acled"
    txt = format_report(rep)
    for s in ("event_type", "location_25km", "Battles -> (no event)", "worst #2", "RuntimeError"):
        assert s in txt


def test_acled_limit_and_batch(acled_csv):
    rep = run_eval("acled", str(acled_csv), extractor=FakeExtractor(answers()), limit=2)
    assert rep.records == 2 and _values(rep)["event_type"] == (2, 2) and rep.worst == []
    # extract_many is used when present; a batch that raises is redone one by one
    fake = FakeBatchExtractor(answers())
    seen = []
    rep = run_eval("acled", str(acled_csv), extractor=fake, progress=lambda d, t: seen.append(d))
    assert fake.batches == 1 and rep.errors == 1
    assert seen == [1, 2, 3, 4]  # once per record, not per batch
    # T1-T3 came from the batch; only the failing T4 was retried alone
    assert [c[0] for c in fake.calls] == [T1, T2, T3, T4, T4]
    assert _values(rep)["location_25km"] == (1, 4)
    fake = FakeBatchExtractor({k: v for k, v in answers().items() if k != T4})
    rep = run_eval("acled", str(acled_csv), extractor=fake)
    assert fake.batches == 1 and len(fake.calls) == 4 and rep.errors == 0


def test_run_eval_rejects_unknown_set(acled_csv):
    with pytest.raises(ValueError):
        run_eval("gdelt", str(acled_csv), extractor=FakeExtractor({}))
    with pytest.raises(FileNotFoundError):
        run_eval("acled", str(acled_csv) + ".missing", extractor=FakeExtractor({}))
