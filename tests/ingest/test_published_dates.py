"""Publication dates: the page's own metadata via htmldate, never an archive's capture time."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from watchfloor.ingest.archives import is_archive_url, original_url, unarchive
from watchfloor.ingest.metadata import date_from_url, plausible_date
from watchfloor.ingest.pages import extract_page

BODY = (
    "<p>The town council voted on Tuesday evening to rebuild the footbridge over the canal, which"
    " has been closed to walkers since a barge struck one of its supports.</p>"
    "<p>Several shop owners on the east bank told the meeting that trade had fallen since the"
    " closure, and the council agreed to publish a timetable for the works next month.</p>"
)
ARCHIVE_URL = "https://web.archive.org/web/20250114093000/https://www.harbour-gazette.example/news/ferry-service-resumes"


def page(head: str = "", before: str = "", body: str = BODY) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Footbridge to be rebuilt"
            f"</title>{head}</head><body><article><h1>Footbridge to be rebuilt</h1>{before}{body}"
            "</article></body></html>")


def test_published_time_wins_over_a_later_modified_time():
    html = page('<meta property="article:modified_time" content="2024-06-20T15:30:00+00:00">'
                '<meta property="og:updated_time" content="2024-06-20T15:30:00+00:00">'
                '<meta property="article:published_time" content="2024-02-14T07:15:00+00:00">')
    assert extract_page(html).published == "2024-02-14T07:15:00+00:00"


def test_json_ld_date_published_only():
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
          ' "headline": "Footbridge to be rebuilt", "datePublished": "2022-11-20T08:00:00+01:00",'
          ' "dateModified": "2023-01-02T09:00:00+01:00"}</script>')
    assert extract_page(page(ld)).published == "2022-11-20"


def test_visible_byline_only_and_not_a_date_from_the_story():
    story = BODY + "<p>The first footbridge on the site was opened on 12 January 2019.</p>"
    html = page(before="<p>By a staff reporter</p><p>Published 3 March 2024</p>", body=story)
    assert extract_page(html).published == "2024-03-03"


def test_page_without_any_date():
    assert extract_page(page()).published is None


def test_no_date_falls_back_to_dateline_then_url(tmp_path, ingest):
    dated = page(body="<p>LOWBRIDGE, March 5, 2024 \u2014 " + BODY[3:])
    (tmp_path / "dateline.html").write_text(dated, encoding="utf-8")
    linked = page('<link rel="canonical" href="https://town-news.example/2024/03/06/footbridge/">')
    (tmp_path / "url.html").write_text(linked, encoding="utf-8")
    (tmp_path / "none.html").write_text(page(), encoding="utf-8")
    (a, b, c), errors = ingest([tmp_path / "dateline.html", tmp_path / "url.html", tmp_path / "none.html"])
    assert not errors
    assert (a.published, b.published, c.published) == ("2024-03-05", "2024-03-06", None)


def test_metadata_beats_the_dateline_and_the_url(tmp_path, ingest):
    html = page('<meta property="article:published_time" content="2024-03-04T22:10:00+00:00">'
                '<link rel="canonical" href="https://town-news.example/2024/03/09/footbridge/">',
                body="<p>LOWBRIDGE, March 5, 2024 \u2014 " + BODY[3:])
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    (a,), _ = ingest([tmp_path / "p.html"])
    assert a.published == "2024-03-04T22:10:00+00:00"


def test_archived_copy_over_http_takes_the_original_date(site, ingest):
    url = f"{site}/web/20250114093000/https://www.harbour-gazette.example/news/ferry-service-resumes"
    (a,), errors = ingest([url])
    assert not errors
    assert a.published == "2023-05-10T06:45:00+00:00"
    assert a.publisher == "Harbour Gazette" and a.url == url
    assert "Wayback" not in a.text and "captures" not in a.text
    assert a.text.startswith("The passenger ferry linking the harbour town")


@pytest.mark.parametrize("url", [ARCHIVE_URL, None])  # fetched from the archive, or a saved copy
def test_archived_copy_with_only_a_byline(read_sample, url):
    html = re.sub(r'<meta property="article:(?:published|modified)_time"[^>]*>', "",
                  read_sample("archived_wayback.html"))
    html = html.replace("<h1>Ferry", "<p class='meta'>Published 10 May 2023</p><h1>Ferry")
    a = extract_page(html, url=url)
    assert a.published == "2023-05-10"
    assert a.url == (url or "https://www.harbour-gazette.example/news/ferry-service-resumes")


def test_archived_copy_without_page_date_uses_the_original_url(read_sample):
    html = re.sub(r'<meta property="article:(?:published|modified)_time"[^>]*>', "",
                  read_sample("archived_wayback.html"))
    a = extract_page(html, url=ARCHIVE_URL)
    assert a.published is None  # not the capture (2025-01-14) nor the related link (2025-01-13)
    dated = ARCHIVE_URL.replace("/news/", "/2023/05/10/")
    assert date_from_url(dated) == "2023-05-10"
    assert date_from_url("https://web.archive.org/web/20250114093000/https://x.example/about/") is None


@pytest.mark.parametrize("url", ["https://archive.ph/Xy7Qp", None])  # fetched, or a saved copy
def test_archive_today_snapshot(url):
    html = page(
        '<meta property="article:modified_time" itemprop="dateModified" content="2025-01-14T09:30:00Z">',
        before="<p>Published 10 May 2023</p>",
    ).replace(
        "<body>",
        "<body><div id='HEADER'><div>archived 14 Jan 2025 09:30:00 UTC</div>"
        "<div><a href='https://archive.ph/'>archive.today</a> webpage capture</div></div>",
    )
    a = extract_page(html, url=url)
    assert a.published == "2023-05-10"
    assert "archived" not in a.text and "webpage capture" not in a.text


def test_archive_urls():
    assert original_url(ARCHIVE_URL) == "https://www.harbour-gazette.example/news/ferry-service-resumes"
    assert original_url("https://web.archive.org/web/20250114093000id_/http:/x.example/a?b=1") == "http://x.example/a?b=1"
    assert original_url("https://archive.ph/2025.01.14-093000/https://x.example/2023/05/10/a") == \
        "https://x.example/2023/05/10/a"
    assert original_url("https://arquivo.pt/wayback/20250114093000/https://x.example/a") == "https://x.example/a"
    assert original_url("https://archive.ph/Xy7Qp") is None and is_archive_url("https://archive.ph/Xy7Qp")
    assert original_url("https://x.example/2023/05/10/a") is None and not is_archive_url("https://x.example/a")
    assert not unarchive(page()).archived
    cites = page(before="<div id='header'><a href='https://archive.ph/Xy7Qp'>archived source</a></div>")
    assert not unarchive(cites).archived  # a page citing an archive is not an archived copy


NOW = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)


def test_dates_after_ingestion_or_before_1990_are_refused():
    assert plausible_date("2024-06-01T11:59:00+00:00", NOW) == "2024-06-01T11:59:00+00:00"
    assert plausible_date("2024-06-01T12:01:00+00:00", NOW) is None
    assert plausible_date("2024-06-02", NOW) == "2024-06-02"  # already 2 June east of UTC+12
    assert plausible_date("2024-06-03", NOW) is None
    assert plausible_date("1989-12-31", NOW) is None and plausible_date("1990-01-01", NOW) == "1990-01-01"
    future = page('<meta property="article:published_time" content="2024-09-01T08:00:00+00:00">')
    assert extract_page(future, now=NOW).published is None
    assert extract_page(page(before="<p>Published 3 March 2024</p>"), now=NOW).published == "2024-03-03"


def test_implausible_page_date_falls_back_to_dateline(tmp_path, ingest):
    html = page('<meta property="article:published_time" content="2099-01-01T00:00:00+00:00">',
                body="<p>LOWBRIDGE, March 5, 2024 \u2014 " + BODY[3:])
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    (a,), _ = ingest([tmp_path / "p.html"])
    assert a.published == "2024-03-05"
