"""Grouping reports into incidents, and keeping event ids stable through merges and splits."""

from watchfloor.merge.cluster import assign_ids, cluster, new_event_id
from watchfloor.merge.match import Report


def rep(article, ordinal=0, event_id=None, **event):
    base = {"event_type": "Battles", "sub_event_type": "Armed clash", "date": "2024-05-06", "time_precision": 1,
            "location": "Maru", "admin1": "Zamfara", "admin2": "Maru", "iso3": "NGA", "latitude": 12.33,
            "longitude": 6.40, "geonameid": 1, "geo_precision": 1, "fatalities": 5}
    base.update(event)
    return Report(article, ordinal, base, published=base["date"], event_id=event_id)


def test_reports_of_one_incident_form_one_group_and_a_lookalike_stays_apart():
    village_b = dict(location="Dansadau", geonameid=2, latitude=11.90, longitude=6.20)
    groups = cluster([rep("a1"), rep("a2", fatalities=7), rep("a3", **village_b), rep("a4", **village_b)])
    assert sorted(sorted(r.article_id for r in g) for g in groups) == [["a1", "a2"], ["a3", "a4"]]


def test_a_chain_of_weak_links_does_not_glue_two_incidents():
    # a coarse report (district only) matches both villages, but the villages contradict each other
    coarse = rep("c", location=None, geonameid=None, geo_precision=2, latitude=12.2, longitude=6.3)
    groups = cluster([rep("a1"), coarse, rep("b1", location="Dansadau", geonameid=2, latitude=11.9, longitude=6.2)])
    assert len(groups) == 2


def test_ids_survive_a_new_report_and_a_merge_keeps_the_larger_event():
    old_a = [rep("a1", event_id="E1"), rep("a2", event_id="E1")]
    old_b = [rep("b1", event_id="E2")]
    plan = assign_ids([old_a + old_b + [rep("n1")]])
    assert list(plan.events) == ["E1"]
    assert plan.merged == {"E2": "E1"}


def test_a_split_keeps_the_id_on_the_larger_part():
    groups = [[rep("a1", event_id="E1"), rep("a2", event_id="E1")], [rep("a3", event_id="E1")]]
    plan = assign_ids(groups)
    ids = list(plan.events)
    assert ids[0] == "E1" and ids[1] == new_event_id(groups[1][0])
    assert plan.split_from == {ids[1]: "E1"} and plan.merged == {}


def test_a_new_incident_gets_the_id_of_its_first_report():
    plan = assign_ids([[rep("x1"), rep("x2")]])
    assert list(plan.events) == [new_event_id(rep("x1"))]


def test_a_large_neighbourhood_places_new_reports_without_regrouping():
    from watchfloor.merge.cluster import REGROUP_LIMIT, cluster_around

    big = [rep(f"a{i}", event_id="E1") for i in range(REGROUP_LIMIT)]  # one incident, many outlets
    other = [rep("b1", event_id="E2", location="Dansadau", geonameid=2, latitude=11.9, longitude=6.2)]
    new_same, new_other = rep("n1"), rep("n2", location="Dansadau", geonameid=2, latitude=11.9, longitude=6.2)
    groups = cluster_around(big + other + [new_same, new_other], {new_same.key, new_other.key})
    by_event = {g[0].event_id: {r.article_id for r in g} for g in groups}
    assert "n1" in by_event["E1"] and by_event["E2"] == {"b1", "n2"} and len(groups) == 2
    plan = assign_ids(groups)
    assert set(plan.events) == {"E1", "E2"} and not plan.merged
