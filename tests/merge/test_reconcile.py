"""The merged event's tolls, sources and coding."""

from watchfloor.merge.match import Report
from watchfloor.merge.reconcile import merged_event, tolls


def rep(article, published, fatalities, publisher=None, **event):
    e = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb", "date": "2024-03-09",
         "time_precision": 1, "fatalities": fatalities, "location": "Konduga", "geo_precision": 1, "geonameid": 7}
    e.update(event)
    return Report(article, 0, e, published=published, publisher=publisher or "P" + article)


def test_a_rising_toll_is_an_update_not_a_dispute():
    t = tolls([rep("a", "2024-03-09", 8), rep("b", "2024-03-09", 8), rep("c", "2024-03-10", 12)])
    assert (t["fatalities_low"], t["fatalities_best"], t["fatalities_high"], t["fatalities"]) == (8, 12, 12, 12)
    assert not t["disputed"]
    assert [c["article_id"] for c in t["tolls"]] == ["a", "b", "c"]


def test_same_day_disagreement_is_disputed_and_acled_takes_the_lowest():
    t = tolls([rep("a", "2024-03-10", 12), rep("b", "2024-03-10", 20), rep("c", "2024-03-10", 12)])
    assert t["disputed"] and t["fatalities"] == 12 and t["fatalities_best"] == 12 and t["fatalities_high"] == 20


def test_a_later_lower_figure_is_disputed():
    t = tolls([rep("a", "2024-03-09", 15), rep("b", "2024-03-10", 9)])
    assert t["disputed"] and t["fatalities_best"] == 9 and t["fatalities_low"] == 9


def test_no_figures_give_no_toll():
    t = tolls([rep("a", "2024-03-09", None)])
    assert t["fatalities"] is None and t["tolls"] == [] and not t["disputed"]


def test_sources_count_publishers_credited_outlets_and_copies():
    a = rep("a", "2024-03-09", 8, publisher="Lake Chad Wire")
    b = Report("b", 0, dict(a.event), published="2024-03-10", publisher="Aggregator", original_source="Lake Chad Wire",
               copies=({"article_id": "c", "publisher": "Repost Daily", "original_source": None, "url": None,
                        "published": "2024-03-10"},))
    row = merged_event([a, b])
    assert [s["article_id"] for s in row["sources"]] == ["a", "b", "c"]
    assert row["sources"][2]["copy_of"] == "b"
    assert row["source_count"] == 3  # Lake Chad Wire, Aggregator, Repost Daily


def test_the_place_is_the_most_precise_most_reports_name():
    coarse = rep("a", "2024-03-09", 8, location="Borno", geo_precision=3, geonameid=1)
    fine = rep("b", "2024-03-09", 8)
    assert merged_event([coarse, fine])["location"] == "Konduga"
