"""Merging as reports stream into a real SQLite store: one event per incident, stable ids,
merges and splits with history, copies that add a source, and re-extraction that keeps ids."""

import pytest

from watchfloor.models import Article, Event, Extraction
from watchfloor.normalize import article_id, content_hash, normalize_text
from watchfloor.service import find_copy, merge_article
from watchfloor.settings import settings_copy
from watchfloor.store import Store

KONDUGA = dict(location="Konduga", admin1="Borno", admin2="Konduga", country="Nigeria", iso3="NGA",
               latitude=11.65, longitude=13.42, geonameid=2334008, geo_precision=1)
KAWURI = dict(KONDUGA, location="Kawuri", geonameid=2334999, latitude=11.77, longitude=13.60)
DISTRICT = dict(KONDUGA, location="Konduga", geonameid=None, geo_precision=2, latitude=11.7, longitude=13.5)


def article(text, publisher, published):
    text = normalize_text(text)
    h = content_hash(text)
    return Article(text=text, content_hash=h, id=article_id(h), title=text[:40], publisher=publisher,
                   published=published)


def bombing(day="2024-03-09", fatalities=12, place=KONDUGA, sub="Suicide bomb"):
    return Event("Explosions/Remote violence", sub, "Political violence", date=day, time_precision=1,
                 fatalities=fatalities, actor1="Unidentified Armed Group (Nigeria)", actor2="Civilians (Nigeria)",
                 targets=["market"], **place)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "m.db") as s:
        yield s


def report(store, text, publisher, published, *events):
    art = article(text, publisher, published)
    store.add_articles([art])
    assert find_copy(store, art, settings_copy()) is None  # as ingest does for every new article
    with store.transaction():
        store.save_extraction(art.id, Extraction(list(events)), "test")
        merge_article(store, art.id)
    return art


def test_three_outlets_one_bombing_is_one_event_with_three_sources_and_reconciled_tolls(store):
    report(store, "First outlet: a bomber hit the Konduga market, twelve dead.", "Lake Chad Wire", "2024-03-09", bombing())
    report(store, "Second outlet: Konduga market blast kills 15.", "Borno Times", "2024-03-10", bombing(fatalities=15))
    report(store, "Third outlet: the toll of the Konduga bombing rose to 19.", "Sahel Post", "2024-03-11",
           bombing(day="2024-03-10", fatalities=19))
    events = store.events()
    assert len(events) == 1
    e = events[0]
    assert e["source_count"] == 3 and len(e["articles"]) == 3
    assert (e["fatalities_low"], e["fatalities_best"], e["fatalities_high"]) == (12, 19, 19)
    assert not e["disputed"] and e["date"] == "2024-03-09"
    assert [t["fatalities"] for t in e["tolls"]] == [12, 15, 19]
    changes = [h["change"] for h in store.event_history(e["id"])]
    assert changes[0] == "created" and changes.count("report_added") == 2 and "updated" in changes


def test_two_villages_same_day_stay_two_events(store):
    report(store, "A bomber hit the Konduga market.", "Lake Chad Wire", "2024-03-09", bombing())
    report(store, "A bomber hit a mosque in Kawuri.", "Borno Times", "2024-03-09", bombing(place=KAWURI, fatalities=4))
    assert len(store.events()) == 2


def test_an_article_reporting_two_incidents_contributes_to_both(store):
    report(store, "A: Konduga market.", "Lake Chad Wire", "2024-03-09", bombing())
    report(store, "B: Kawuri mosque.", "Borno Times", "2024-03-09", bombing(place=KAWURI, fatalities=4))
    report(store, "C: two bombings, Konduga and Kawuri.", "Sahel Post", "2024-03-10",
           bombing(fatalities=13), bombing(place=KAWURI, fatalities=5))
    events = store.events()
    assert len(events) == 2 and all(len(e["articles"]) == 2 for e in events)


def test_a_report_that_bridges_two_events_merges_them_keeping_one_id(store):
    # The first two cannot be matched to each other (one knows only the district, a day later and
    # with another sub-event type), until a third report links them.
    first = report(store, "Early: blast in Konduga district.", "Lake Chad Wire", "2024-03-09",
                   bombing(place=DISTRICT, sub="Remote explosive/landmine/IED", fatalities=3))
    report(store, "Later: Konduga market suicide bombing.", "Borno Times", "2024-03-10",
           bombing(day="2024-03-10", fatalities=12))
    before = {e["id"] for e in store.events()}
    report(store, "Bridge: the IED that was a suicide bomber, at the market.", "Sahel Post", "2024-03-10",
           bombing(day="2024-03-09", sub="Remote explosive/landmine/IED", fatalities=12))
    after = store.events()
    if len(before) == 2:
        assert len(after) == 1
        kept, gone = after[0]["id"], (before - {after[0]["id"]}).pop()
        assert kept in before
        assert store.event(gone)["id"] == kept  # the old id still finds the event
        assert "merged_into" in [h["change"] for h in store.event_history(gone)]
    assert first.id in after[0]["articles"]


def test_reextraction_keeps_the_event_id_and_updates_it(store):
    art = report(store, "A bomber hit the Konduga market.", "Lake Chad Wire", "2024-03-09", bombing())
    eid = store.events()[0]["id"]
    with store.transaction():
        store.save_extraction(art.id, Extraction([bombing(fatalities=14)]), "test2")
        merge_article(store, art.id)
    events = store.events()
    assert [e["id"] for e in events] == [eid] and events[0]["fatalities"] == 14
    assert any(h["change"] == "updated" and "fatalities" in h["detail"] for h in store.event_history(eid))


def test_a_report_that_moves_away_splits_the_event(store):
    a = report(store, "A: Konduga market.", "Lake Chad Wire", "2024-03-09", bombing())
    report(store, "B: Konduga market too.", "Borno Times", "2024-03-09", bombing(fatalities=13))
    assert len(store.events()) == 1
    with store.transaction():  # re-extracted: article A was about Kawuri after all
        store.save_extraction(a.id, Extraction([bombing(place=KAWURI)]), "test2")
        merge_article(store, a.id)
    events = store.events()
    assert len(events) == 2
    assert any(h["change"] == "split" for e in events for h in store.event_history(e["id"]))


def test_a_syndicated_copy_adds_a_source_and_no_event(store):
    text = ("KONDUGA — A suicide bomber blew herself up at the cattle market in Konduga on Saturday, killing "
            "twelve traders, an emergency agency spokesman said. Witnesses said the market was crowded with "
            "herders bargaining over goats when the blast tore through the stalls near the gate.")
    original = report(store, text, "Lake Chad Wire", "2024-03-09", bombing())
    copy = article(text + " Follow us for more news. Source: Lake Chad Wire", "Repost Daily", "2024-03-10")
    store.add_articles([copy])
    assert find_copy(store, copy, settings_copy()) == original.id
    events = store.events()
    assert len(events) == 1 and events[0]["source_count"] == 2
    assert [s["publisher"] for s in events[0]["sources"]] == ["Lake Chad Wire", "Repost Daily"]
    assert not store.needs_extraction(copy.id, "any")
