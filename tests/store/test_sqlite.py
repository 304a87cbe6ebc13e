"""The store on both backends (an SQLite file, a PostgreSQL database): idempotent writes,
replaced extractions, migrations, search, rollback."""

import sqlite3

import pytest

from watchfloor.models import Article, Claim, Event, Extraction, Place, Statistic
from watchfloor.normalize import article_id, content_hash, normalize_text
from watchfloor.store import Store, StoreError
from watchfloor.store.schema import MIGRATIONS


def make_article(text: str, **kw) -> Article:
    text = normalize_text(text)
    h = content_hash(text)
    return Article(text=text, content_hash=h, id=article_id(h), title=kw.pop("title", "A title"), **kw)


def make_extraction(fatalities=9) -> Extraction:
    ev = Event("Explosions/Remote violence", "Suicide bomb", "Political violence", date="2023-09-01",
               time_precision=1, location="Bannu", admin1="Khyber Pakhtunkhwa", admin2="Bannu",
               actor1="Unidentified Armed Group (Pakistan)", actor2="Military Forces of Pakistan",
               fatalities=fatalities, evidence={"fatalities": [(10, 20)], "location": [(30, 35)]})
    place = Place("Bannu", 30, 35, name="Bannu", admin1="Khyber Pakhtunkhwa", admin2="Bannu", country="PK",
                  geonameid=1183880, feature="city", role="event")
    stat = Statistic(200, "more than 200", "soldiers killed", "2023-01-01", "2023-08-31", None, [(40, 50)])
    claim = Claim(speaker={"text": "Kakar", "start": 0, "end": 5, "entity": {"name": "Anwaar-ul-Haq Kakar"}},
                  cue={"text": "said", "start": 6, "end": 10}, content={"text": "weapons", "spans": [[11, 18]]},
                  stance="asserts")
    return Extraction([ev], [place], [stat], [claim])


@pytest.fixture
def store(store_target):
    with Store(store_target) as s:
        yield s


def test_same_text_is_stored_once(store):
    a = make_article("A bomb went off in Quetta.\u00a0Two  people died.")
    b = make_article("A bomb went off in Quetta. Two people died.")  # same after normalization
    first = store.add_articles([a])
    second = store.add_articles([b])
    assert [r.inserted for r in first] == [True]
    assert [r.inserted for r in second] == [False]
    assert store.summary()["articles"] == 1


def test_reextraction_replaces_rows(store):
    a = make_article("Some article text about Bannu.")
    store.add_articles([a])
    store.save_extraction(a.id, make_extraction(9), "v1")
    store.save_extraction(a.id, make_extraction(10), "v2")
    counts = {t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("events", "event_reports", "places", "statistics", "claims")}
    assert counts == {"events": 1, "event_reports": 1, "places": 1, "statistics": 1, "claims": 1}
    assert store.events()[0]["fatalities"] == 10
    assert store.extractor_version(a.id) == "v2"
    loaded = store.load_extraction(a.id)
    assert loaded["events"][0]["evidence"]["fatalities"] == [[10, 20]]
    assert loaded["claims"][0]["speaker"]["entity"]["name"] == "Anwaar-ul-Haq Kakar"


def test_evidence_rows_point_into_the_article(store):
    a = make_article("x" * 60)
    store.add_articles([a])
    store.save_extraction(a.id, make_extraction(), "v1")
    rows = store.db.execute('SELECT object_kind, field, start, "end" FROM evidence').fetchall()
    assert ("event_report", "fatalities", 10, 20) in [tuple(r) for r in rows]
    assert all(0 <= r["start"] <= r["end"] for r in rows)


def test_queries_filter(store):
    a = make_article("Article one about an attack.")
    store.add_articles([a])
    store.save_extraction(a.id, make_extraction(), "v1")
    assert len(store.events(admin2="Bannu")) == 1
    assert store.events(admin2="Kech") == []
    assert len(store.events(since="2023-09-01", until="2023-09-30")) == 1
    assert store.events(since="2023-10-01") == []
    assert len(store.claims(speaker="Kakar")) == 1
    assert store.claims(stance="denies") == []
    s = store.summary()
    assert s["busiest_districts"][0]["admin2"] == "Bannu" and s["fatalities"] == 9


def test_search_treats_query_as_words_not_syntax(store):
    store.add_articles([make_article("Militants attacked a checkpost in Turbat on Monday.", title="Turbat attack")])
    assert store.search_articles("Turbat")[0]["title"] == "Turbat attack"
    # FTS5 operators and SQL metacharacters are just text here.
    for hostile in ['"', "Turbat' OR 1=1 --", "NEAR(", "*", "a AND OR NOT", "; DROP TABLE articles;"]:
        store.search_articles(hostile)
    assert store.summary()["articles"] == 1


def test_hostile_text_is_stored_verbatim(store):
    text = "Robert'); DROP TABLE articles;-- <script>alert(1)</script> ../../etc/passwd"
    a = make_article(text)
    store.add_articles([a])
    assert store.get_article(a.id).text == normalize_text(text)


def test_failed_batch_rolls_back_and_keeps_earlier_data(store):
    good = make_article("The first article is safe.")
    store.add_articles([good])
    bad = make_article("Second.")
    bad.content_hash = ""  # not normalized: the store refuses it
    with pytest.raises(ValueError):
        store.add_articles([make_article("Third article in the batch."), bad])
    assert store.summary()["articles"] == 1
    assert store.get_article(good.id) is not None


def test_schema_is_versioned_and_reopens(tmp_path):
    path = tmp_path / "w.db"
    with Store(path) as s:
        assert s.schema_version == len(MIGRATIONS)
        s.add_articles([make_article("Persisted text here.")])
    with Store(path) as s:
        assert s.summary()["articles"] == 1
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_refuses_foreign_and_future_files(tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE x (a)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a watchfloor database"):
        Store(other)
    future = tmp_path / "future.db"
    with Store(future):
        pass
    con = sqlite3.connect(future)
    con.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer than this watchfloor"):
        Store(future)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        Store(junk)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing" / "w.db")


def test_other_incidents_are_stored_and_replaced(store):
    from watchfloor.models import OtherIncident

    a = make_article("A boiler exploded at a dyeing factory, killing eight workers. The blast tore off the roof.")
    store.add_articles([a])
    ex = make_extraction()
    ex.other_incidents = [OtherIncident("man_made_disaster", "A boiler exploded at a dyeing factory.",
                                        [(0, 60), (61, 91)], "2024-11-05", "Surat", "India", 8)]
    store.save_extraction(a.id, ex, "test")
    got = store.load_extraction(a.id)["other_incidents"]
    assert [(o["category"], o["fatalities"], o["evidence"]) for o in got] == [
        ("man_made_disaster", 8, [[0, 60], [61, 91]])]
    assert store.summary()["other_incidents"] == 1
    store.save_extraction(a.id, make_extraction(), "test")  # re-extracted: the old incident goes
    assert store.load_extraction(a.id)["other_incidents"] == []
    assert store.summary()["other_incidents"] == 0


def test_version_one_database_gains_other_incidents(tmp_path):
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    con.close()
    with Store(path) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert s.summary()["other_incidents"] == 0


def test_iter_articles_pages_through_while_the_caller_writes(store):
    """Read a page at a time (keyset on rowid): saving extractions between reads neither skips
    nor repeats an article, and those saved drop out of the 'needing' filter."""
    arts = [make_article(f"Report number {n}: a bomb went off in a market.") for n in range(11)]
    store.add_articles(arts)
    store.save_extraction(arts[4].id, make_extraction(), "v2")
    seen = []
    for art in store.iter_articles(needing_version="v2", page=3):
        seen.append(art.id)
        store.save_extraction(art.id, make_extraction(), "v2")
    assert seen == [a.id for n, a in enumerate(arts) if n != 4]
    assert list(store.iter_articles(needing_version="v2", page=3)) == []
    assert [a.id for a in store.iter_articles(page=4)] == [a.id for a in arts]


def test_watch_tables_and_tokens_round_trip(store):
    watch = store.watch
    assert watch.add_feed("https://news.example/feed", {"next_poll": "2026-01-02T00:00:00+00:00"})
    assert not watch.add_feed("https://news.example/feed", {"next_poll": None})  # already watched: kept
    assert watch.add_feed("https://other.example/rss", {"next_poll": None})
    watch.save_feed("https://news.example/feed", {"next_poll": "2026-01-01T00:00:00+00:00", "failures": 1})
    assert [url for url, _ in watch.feeds()] == ["https://news.example/feed", "https://other.example/rss"]
    assert watch.feeds()[0][1]["failures"] == 1
    assert watch.remove_feed("https://other.example/rss") and not watch.remove_feed("https://other.example/rss")
    watch.add_rule("big", "toll", {"toll": 10})
    watch.add_rule("big", "toll", {"toll": 20})  # the same name replaces the rule
    assert watch.rules() == [{"name": "big", "kind": "toll", "toll": 20}]
    assert watch.sent_level("big", "e1") is None
    watch.record_sent("big", "e1", 12, {"why": "toll"})
    watch.record_sent("big", "e1", 25, {"why": "toll grew"})
    assert watch.sent_level("big", "e1") == 25 and watch.alerts_sent()[0]["detail"] == {"why": "toll grew"}
    watch.set_mark("since", "a")
    watch.set_mark("since", "b")
    assert watch.mark("since") == "b" and watch.mark("nothing") is None
    assert watch.remove_rule("big") and watch.rules() == []
    secret = store.tokens.create("analyst")
    assert store.tokens.check(secret) == "analyst" and store.tokens.check(secret + "x") is None
    assert [t["name"] for t in store.tokens.names()] == ["analyst"]
    assert store.tokens.revoke("analyst") and store.tokens.check(secret) is None


def test_deleting_an_article_removes_what_only_it_supported(store):
    a = make_article("Some article text about Bannu and its attack.")
    store.add_articles([a])
    store.save_extraction(a.id, make_extraction(), "v1")
    assert len(store.events()) == 1
    assert store.delete_article(a.id) == set()
    assert store.events() == [] and store.get_article(a.id) is None
    assert store.delete_article(a.id) is None
