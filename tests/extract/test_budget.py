"""The per-article budget: a text over the size budget is read up to a break before the limit,
and reading stops when the time budget is spent; either way the extraction says where."""

from __future__ import annotations

import time

from watchfloor.extract import Extractor
from watchfloor.settings import settings_copy

PARAGRAPH = ("Gunmen attacked a police post in Bannu district on Monday, killing two policemen, officials said. "
             "The spokesman said the attackers fled and a search was launched in the area.\n")


def _extractor(**extract) -> Extractor:
    settings = settings_copy()
    settings["extract"].update(extract)
    return Extractor(settings)


def test_a_text_over_the_size_budget_is_read_up_to_a_break_before_it():
    text = PARAGRAPH * 2000  # about 360,000 characters
    result = _extractor(max_text_chars=20_000).extract(text, "2023-05-02")
    cut = result.cut
    assert cut["reason"] == "size" and cut["of"] == len(text)
    assert 19_000 < cut["at"] <= 20_000 and text[cut["at"] - 1] == "\n"  # at a paragraph end
    assert "extract.max_text_chars" in cut["message"]
    assert result.events and result.claims
    spans = [s for ev in result.events for v in ev.evidence.values() for s in v]
    assert max(e for _, e in spans) <= cut["at"]


def test_reading_stops_when_the_time_budget_is_spent():
    """Half the time an unbounded run takes: the reading stops part of the way through."""
    text = PARAGRAPH * 1500
    start = time.monotonic()
    unbounded = _extractor().extract(text, "2023-05-02")
    needed = time.monotonic() - start
    start = time.monotonic()
    result = _extractor(time_budget=needed / 2).extract(text, "2023-05-02")
    took = time.monotonic() - start
    assert unbounded.cut is None
    assert result.cut["reason"] == "time" and 0 < result.cut["at"] < len(text)
    assert "extract.time_budget" in result.cut["message"]
    assert 0 < len(result.claims) < len(unbounded.claims)
    assert took < 2 * needed + 1.0  # a noisy shared machine: the point is that it ends


def test_an_article_within_budget_is_not_cut():
    assert _extractor().extract(PARAGRAPH, "2023-05-02").cut is None
