"""Provenance read from text and URLs: datelines, credits, URL dates, language."""

from __future__ import annotations

import pytest

from watchfloor.ingest.metadata import (
    date_from_url,
    guess_language,
    host_publisher,
    read_dateline,
    take_source_credit,
    to_iso,
    trailing_agency,
)

TAIL = " Security forces cordoned off the area after the attack."


@pytest.mark.parametrize(
    ("opening", "date", "agency"),
    [
        ("ISLAMABAD, Sept. 2, 2023 \u2014", "2023-09-02", None),
        ("Peshawar, 2 September 2023:", "2023-09-02", None),
        ("ISLAMABAD (Reuters) -", None, "Reuters"),
        ("(AFP) \u2014", None, "AFP"),
        ("PESHAWAR, Pakistan (AP) \u2014", None, "Associated Press"),
        ("QUETTA, Pakistan, Monday, Oct. 9, 2023 (AFP) \u2013", "2023-10-09", "AFP"),
        ("Police said on Monday \u2014", None, None),
        ("ISLAMABAD, Sept. 2 \u2014", None, None),  # no year: never guessed
    ],
)
def test_datelines(opening, date, agency):
    found = read_dateline(f"{opening}{TAIL}")
    assert (found.date, found.agency) == (date, agency)


def test_source_credit_line_is_removed_and_returned():
    text = "First paragraph.\nSecond paragraph.\nSource : VOA News\n"
    assert take_source_credit(text) == ("First paragraph.\nSecond paragraph.\n", "VOA News")
    assert take_source_credit("Body.\nCourtesy: Dawn")[1] == "Dawn"
    assert take_source_credit("Body.\nSources said the talks failed.") == ("Body.\nSources said the talks failed.", None)
    assert take_source_credit("Body.\nCourtesy of the family")[1] is None


def test_trailing_agency_signature():
    assert trailing_agency("Body text.\n\u2014 Associated Press") == "Associated Press"
    assert trailing_agency("Body text.\n\u2014 John Smith") is None


def test_dates_from_urls_and_values():
    assert date_from_url("https://x.example/2023/09/02/story-slug/") == "2023-09-02"
    assert date_from_url("https://x.example/news/2023-9-2-story") == "2023-09-02"
    assert date_from_url("https://x.example/2023/13/45/bad/") is None
    assert to_iso("2023-09-02") == "2023-09-02"
    assert to_iso("2023-09-02T10:00:00Z") == "2023-09-02T10:00:00+00:00"
    assert to_iso("September 2, 2023") == "2023-09-02"
    assert to_iso("sometime soon") is None


def test_host_publisher_and_language():
    assert host_publisher("https://www.Dawn.com/news/1") == "dawn.com"
    assert host_publisher("not a url") is None
    assert guess_language("The police said that the attack was carried out by two men.") == "en"
    assert guess_language("Le ministre a déclaré que la situation est sous contrôle dans la ville.") == "fr"
    assert guess_language("پولیس کے مطابق حملہ آور فرار ہو گئے") == "ur"
