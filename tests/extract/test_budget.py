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


class Ticks:
    """A clock that moves one second each time it is read: the budget runs out after a known
    number of checks, however fast or loaded the machine is."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_reading_stops_when_the_time_budget_is_spent_and_every_stage_stops_there():
    text = PARAGRAPH * 300
    unbounded = _extractor().extract(text, "2023-05-02")
    extractor = _extractor(time_budget=100.0)
    extractor.clock = Ticks()
    result = extractor.extract(text, "2023-05-02")
    cut = result.cut
    assert unbounded.cut is None and cut["reason"] == "time" and "extract.time_budget" in cut["message"]
    assert 0 < cut["at"] < len(text) and cut["of"] == len(text)
    assert 0 < len(result.claims) < len(unbounded.claims)
    assert all(c.cue["start"] < cut["at"] for c in result.claims)  # the claims stage stopped there too
    assert [c.cue["start"] for c in result.claims] == [c.cue["start"] for c in unbounded.claims[:len(result.claims)]]


def test_a_tiny_time_budget_ends_a_long_extraction_early():
    """Real time: with the budget spent before the sentences are read, extraction returns
    having read none of them, sooner than the whole reading takes."""
    text = PARAGRAPH * 1500
    start = time.monotonic()
    _extractor().extract(text, "2023-05-02")
    needed = time.monotonic() - start
    start = time.monotonic()
    result = _extractor(time_budget=0.001).extract(text, "2023-05-02")
    took = time.monotonic() - start
    assert result.cut["reason"] == "time" and result.claims == []
    assert took < needed + 1.0  # a noisy shared machine; typically well under half


def test_an_article_within_budget_is_not_cut():
    assert _extractor().extract(PARAGRAPH, "2023-05-02").cut is None
