"""RSS and Atom feeds, fetched from the local server or read from files."""

from __future__ import annotations

import copy


def test_rss_entries_fetch_their_pages(site, ingest):
    articles, errors = ingest([f"{site}/feed.rss"])
    assert not errors
    articles.sort(key=lambda a: a.source)  # entry pages are fetched at once, read as they arrive
    one, two, three = articles
    assert [a.source for a in articles] == [f"{site}/feed.rss#entry-{i}" for i in (1, 2, 3)]

    assert "culvert near a government school" in one.text and "feed-summary" not in one.flags
    assert one.title == "Bomb disposal squad defuses device near Bannu school"
    assert one.url == f"{site}/articles/one.html"
    assert one.published == "2023-09-04T11:00:00+00:00"
    assert one.author == "Staff Reporter"
    assert one.categories[:2] == ["Security", "Khyber Pakhtunkhwa"]
    assert one.publisher == "Valley Courier"

    assert two.text.startswith("QUETTA (Reuters) -") and two.original_source == "Reuters"
    assert two.published == "2023-09-05T09:30:00+00:00"

    # the third page is a 404: the entry falls back to its content:encoded, scripts stripped
    assert three.flags == ["feed-summary"]
    assert "mobile phone tower in Panjgur" in three.text and "Nobody was hurt" in three.text
    assert "alert" not in three.text
    assert three.original_source == "Balochistan Monitor"  # the RSS <source> element
    assert three.publisher == "127.0.0.1" and three.categories == ["Balochistan"]


def test_rss_without_page_fetching_uses_summaries(site, ingest, settings):
    cfg = copy.deepcopy(settings)
    cfg["fetch"]["fetch_feed_pages"] = False
    articles, errors = ingest([f"{site}/feed.rss"], cfg)
    assert [a.flags for a in articles] == [["feed-summary"]] * 3
    assert articles[0].text == "A device was found near a school in Bannu."
    assert len(errors) == 0


def test_atom_feed_is_sniffed_and_read(site, ingest):
    articles, errors = ingest([f"{site}/atom.xml"])  # served as text/xml; pages are 404
    assert not errors
    first, second = articles
    assert first.title == "Checkpoint attacked in North Waziristan"
    assert first.text.startswith("Militants fired rockets at a security checkpoint")
    assert "stealCookies" not in first.text
    assert first.published == "2023-09-07T20:45:00+00:00" and first.author == "Briefing Desk"
    assert first.categories == ["Security"]
    assert second.published == "2023-09-08T09:00:00+00:00"  # no <published>: <updated>
    assert second.text.startswith("Authorities in Kurram relaxed a curfew")


def test_local_feed_file_stays_offline_by_default(tmp_path, site, ingest, read_sample, hits):
    f = tmp_path / "saved.rss"
    f.write_text(read_sample("feed.rss").replace("{base}", site), encoding="utf-8")
    before = hits.get("/articles/one.html", 0)
    articles, errors = ingest([f])
    assert not errors and [a.flags for a in articles] == [["feed-summary"]] * 3
    assert hits.get("/articles/one.html", 0) == before
    articles, _ = ingest([f], fetch_local_feed_links=True)
    assert "culvert" in articles[0].text and hits["/articles/one.html"] == before + 1


def test_malformed_feed_without_entries(tmp_path, ingest):
    f = tmp_path / "broken.xml"
    f.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></chan')
    (err,) = ingest([f])[1]
    assert err.source == str(f) and err.reason.startswith("malformed feed: ") and "unclosed token" in err.reason


def test_truncated_feed_yields_complete_entries(tmp_path, ingest):
    f = tmp_path / "cut.rss"
    f.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title>'
        "<item><title>Shelling reported near Chaman</title><description>Residents reported heavy shelling "
        "near the border crossing at Chaman overnight.</description></item>"
        "<item><title>Second</title><descr"
    )
    articles, errors = ingest([f])
    assert [a.title for a in articles] == ["Shelling reported near Chaman"]
    assert [(e.source, e.reason) for e in errors] == [(f"{f}#entry-2", "no article text found in feed entry")]


def test_feed_with_no_entries(tmp_path, ingest):
    f = tmp_path / "empty.rss"
    f.write_text('<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    (err,) = ingest([f])[1]
    assert err.reason == "feed has no entries"
