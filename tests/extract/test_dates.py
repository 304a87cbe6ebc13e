"""Event dates resolved against the publication date."""

import pytest

from watchfloor.extract.dates import find_dates


@pytest.mark.parametrize("text,published,date,precision", [
    ("On 30 December 2023, militants threw a grenade", "2023-12-31", "2023-12-30", 1),
    ("A bomber struck on Friday.", "2023-09-02", "2023-09-01", 1),  # Saturday paper
    ("A bomber struck on Friday.", "2023-09-01", "2023-09-01", 1),  # same-day report
    ("late on Thursday night", "2023-09-02", "2023-08-31", 1),
    ("PESHAWAR, March 14, 2023 - police said", "2023-03-15", "2023-03-14", 1),
    ("Sept. 2 attack", "2023-09-05", "2023-09-02", 1),
    ("an attack last week", "2023-09-02", "2023-08-26", 2),
    ("earlier this month", "2023-09-20", "2023-09-01", 3),
    ("in August", "2023-09-02", "2023-08-01", 3),
    ("in December", "2024-01-10", "2023-12-01", 3),  # last year's December
    ("Around 31 December 2023 (as reported), gunmen fired", "2023-12-31", "2023-12-31", 2),
    ("yesterday", "2023-05-02", "2023-05-01", 1),
])
def test_resolution(text, published, date, precision):
    found = find_dates(text, published)
    assert found, text
    assert (found[0].date, found[0].precision) == (date, precision)


def test_future_dates_are_not_event_dates():
    assert find_dates("elections on 8 February 2024", "2023-11-01") == []


def test_offsets():
    text = "Police said the blast happened on Tuesday night."
    (d,) = find_dates(text, "2023-09-02", offset=100)
    assert text[d.start - 100:d.end - 100] == "on Tuesday night"
