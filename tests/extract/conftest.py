"""Fixtures shared by the extraction tests."""

from __future__ import annotations

import pytest

from watchfloor.extract import get_extractor


@pytest.fixture(scope="module")
def first():
    """The first event the extractor finds in a text (None without one)."""
    x = get_extractor()

    def run(text, day="2021-03-05"):
        events = x.extract(text, day).events
        return events[0] if events else None
    return run
