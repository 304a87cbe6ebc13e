"""Normalization: a whitespace-only or invisible-mark change never makes a second article."""

from __future__ import annotations

import pytest

from watchfloor.normalize import content_hash, normalize_text


@pytest.mark.parametrize("variant, plain", [
    ("two\x85words", "two words"),          # NEL is a line break, not a character to delete
    ("two\u2028words", "two words"),        # line separator
    ("two\u2029words", "two\nwords"),       # paragraph separator
    ("con\u00adtrol room", "control room"),  # a soft hyphen is invisible
    ("road\u200bblock", "roadblock"),       # zero-width space
])
def test_invisible_and_unusual_breaks_do_not_change_the_article(variant, plain):
    assert content_hash(normalize_text(variant)) == content_hash(normalize_text(plain))
    assert "\x85" not in normalize_text(variant) and "\u00ad" not in normalize_text(variant)
