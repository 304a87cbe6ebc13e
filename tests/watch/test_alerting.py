"""Alert rules: which events and surges raise an alert, and when an update is due."""

from __future__ import annotations

import pytest

from watchfloor.watch.alerting import AlertRule, event_alerts, surge_alerts


def event(eid: str, killed: int, **kw) -> dict:
    base = {"id": eid, "date": "2024-03-04", "event_type": "Battles", "sub_event_type": "Armed clash",
            "location": "Rivertown", "admin1": "North Province", "admin2": "Hill District", "country": "Exampleland",
            "actor1": "Military Forces of Exampleland", "actor2": "Unidentified Armed Group (Exampleland)",
            "fatalities": killed}
    return {**base, **kw}


def surge(observed: int, first_alarm: str = "2024-03-04", **region) -> dict:
    return {"region": {"country": "Exampleland", "admin1": "North Province", "admin2": None, **region},
            "measure": "events", "start": "2024-02-19", "start_interval": ["2024-02-12", "2024-02-26"],
            "first_alarm": first_alarm, "end": None, "observed": observed, "expected": 2.0, "ratio": observed / 2,
            "score": 5.0, "events": [f"e{i}" for i in range(observed)]}


def never(subject: str) -> None:
    return None


def test_an_event_rule_filters_and_alerts_once_then_on_growth():
    rule = AlertRule(name="north", kind="event", admin1="north province", min_fatalities=2)
    events = [event("e1", 3), event("e2", 1), event("e3", 5, admin1="South Province")]
    first = event_alerts(rule, events, never)
    assert [a.key for a in first] == ["north:e1"] and first[0].level == 4 and not first[0].payload["update"]
    sent = {"e1": 4}
    assert event_alerts(rule, [event("e1", 3)], sent.get) == []  # another report, same toll: nothing
    grown = event_alerts(rule, [event("e1", 7)], sent.get)
    assert grown[0].payload["update"] and grown[0].title.startswith("toll now 7")


def test_a_toll_rule_waits_for_the_toll_to_pass():
    rule = AlertRule(name="big", kind="toll", toll=10, actor="armed group")
    assert event_alerts(rule, [event("e1", 9)], never) == []
    passed = event_alerts(rule, [event("e1", 12)], never)
    assert passed[0].kind == "toll" and passed[0].title.startswith("toll passed 10")


def test_a_surge_alerts_once_and_again_when_it_has_grown_by_half():
    rule = AlertRule(name="surges", kind="surge", country="Exampleland")
    first = surge_alerts(rule, [surge(8)], never)
    assert len(first) == 1 and first[0].kind == "surge" and "since 2024-02-19" in first[0].title
    subject = first[0].key.split(":", 1)[1]
    assert surge_alerts(rule, [surge(10)], {subject: 8}.get) == []
    assert surge_alerts(rule, [surge(12)], {subject: 8}.get)[0].payload["update"]
    assert surge_alerts(AlertRule(name="x", kind="surge", country="Elsewhere"), [surge(8)], never) == []


def test_bad_rules_say_what_is_wrong():
    with pytest.raises(ValueError, match="kind must be one of"):
        AlertRule(name="x", kind="sometimes")
    with pytest.raises(ValueError, match="unknown channel 'pager:1'"):
        AlertRule(name="x", kind="event", channels=["pager:1"])
    with pytest.raises(ValueError, match="unknown setting 'colour'"):
        AlertRule.from_dict({"name": "x", "kind": "event", "colour": "red"})
