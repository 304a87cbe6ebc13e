"""Admin1 aliases and ACLED-style renames outside Pakistan (the world part of aliases.toml)."""

from __future__ import annotations

import pytest

from watchfloor.geo import get_gazetteer


@pytest.fixture(scope="module")
def gz():
    return get_gazetteer()


# (alias as news writes it, country ISO2, expected admin1 output name)
CASES = [
    ("Lower Shabelle", "SO", "Lower Shabelle"),
    ("Shabeellaha Hoose", "SO", "Lower Shabelle"),
    ("Benadir", "SO", "Banadir"),
    ("Middle Juba", "SO", "Middle Juba"),
    ("Hiran", "SO", "Hiraan"),
    ("Northern Darfur", "SD", "North Darfur"),
    ("Gezira State", "SD", "Al Jazirah"),
    ("Gedaref", "SD", "Al Qadarif"),
    ("Unity State", "SS", "Unity"),
    ("Hasakah", "SY", "Al-Hasakeh"),
    ("Al Hasakeh", "SY", "Al-Hasakeh"),
    ("Deir ez-Zor Governorate", "SY", "Deir-ez-Zor"),
    ("Raqqa", "SY", "Ar-Raqqa"),
    ("Idlib province", "SY", "Idleb"),
    ("Rif Dimashq", "SY", "Rural Damascus"),
    ("Sweida", "SY", "As-Sweida"),
    ("Nineveh", "IQ", "Ninewa"),
    ("Anbar province", "IQ", "Al-Anbar"),
    ("Salahuddin", "IQ", "Salah al-Din"),
    ("Dhi Qar", "IQ", "Thi-Qar"),
    ("Taiz", "YE", "Taizz"),
    ("Hodeidah province", "YE", "Al Hudaydah"),
    ("Saada Governorate", "YE", "Sadah"),
    ("Misurata", "LY", "Misrata"),
    ("Nabatieh", "LB", "Nabatieh"),
    ("Bekaa Valley", "LB", "Bekaa"),
    ("South Lebanon", "LB", "South"),
    ("Gaza Strip", "PS", "Gaza Strip"),
    ("Southern District", "IL", "HaDarom"),
    ("Mopti Region", "ML", "Mopti"),
    ("Tombouctou", "ML", "Timbuktu"),
    ("Centre-North", "BF", "Centre-Nord"),
    ("Sahel Region", "BF", "Sahel"),
    ("Tillabery", "NE", "Tillaberi"),
    ("FCT", "NG", "Federal Capital Territory"),
    ("Abuja", "NG", "Federal Capital Territory"),
    ("Rivers State", "NG", "Rivers"),
    ("Niger State", "NG", "Niger"),
    ("Far North Region", "CM", "Far North"),
    ("Northwest Region", "CM", "North-West"),
    ("Lac Province", "TD", "Lac"),
    ("Nana-Grebizi", "CF", "Nana-Grebizi"),
    ("North Kivu", "CD", "Nord-Kivu"),
    ("South Kivu", "CD", "Sud-Kivu"),
    ("Tigray", "ET", "Tigray"),
    ("Amhara Region", "ET", "Amhara"),
    ("SNNPR", "ET", "SNNP"),
    ("Elgeyo Marakwet", "KE", "Elgeyo-Marakwet"),
    ("Cabo Delgado Province", "MZ", "Cabo Delgado"),
    ("Kharkiv Oblast", "UA", "Kharkiv"),
    ("Kharkiv region", "UA", "Kharkiv"),
    ("Zaporizhzhia region", "UA", "Zaporizhia"),
    ("Dnipropetrovsk Oblast", "UA", "Dnipropetrovsk"),
    ("Kyiv Oblast", "UA", "Kyiv"),
    ("Kyiv", "UA", "Kyiv City"),
    ("Odessa region", "UA", "Odesa"),
    ("Kursk region", "RU", "Kursk"),
    ("Belgorod Oblast", "RU", "Belgorod"),
    ("Chechnya", "RU", "Chechnya"),
    ("Arakan State", "MM", "Rakhine"),
    ("Sagaing Region", "MM", "Sagaing"),
    ("Karen State", "MM", "Kayin"),
    ("Panjshir", "AF", "Panjshir"),
    ("Maidan Wardak", "AF", "Wardak"),
    ("J&K", "IN", "Jammu and Kashmir"),
    ("Orissa", "IN", "Odisha"),
    ("Chittagong Division", "BD", "Chittagong"),
    ("BARMM", "PH", "Bangsamoro Autonomous Region in Muslim Mindanao"),
    ("Metro Manila", "PH", "Metropolitan Manila"),
    ("Michoacan", "MX", "Michoacan"),
    ("Michoacán de Ocampo", "MX", "Michoacan"),
    ("State of Mexico", "MX", "State of Mexico"),
    ("Urfa", "TR", "Sanliurfa"),
    ("Sirnak", "TR", "Sirnak"),
    ("Sistan-Baluchestan", "IR", "Sistan and Baluchestan"),
    ("West Azerbaijan", "IR", "West Azerbaijan"),
]


@pytest.mark.parametrize("alias, country, admin1", CASES)
def test_world_admin1_alias(gz, alias: str, country: str, admin1: str) -> None:
    c = gz.resolve(alias, country=country)
    assert c is not None, f"{alias!r} did not resolve in {country}"
    assert (c.country, c.admin1) == (country, admin1), c


@pytest.mark.parametrize("city, country, admin1", [
    ("Timbuktu", "ML", "Timbuktu"),
    ("Kherson", "UA", "Kherson"),
    ("Aleppo", "SY", "Aleppo"),
    ("Mosul", "IQ", "Ninewa"),
    ("Goma", "CD", "Nord-Kivu"),
])
def test_seat_city_beats_its_admin1(gz, city: str, country: str, admin1: str) -> None:
    """A unit renamed to its capital's name must not swallow the city itself."""
    c = gz.resolve(city, country=country)
    assert c is not None and c.kind == "city" and c.admin1 == admin1, c


def test_context_free_names_stay_put(gz) -> None:
    # "Karen State" is an alias; a bare "Karen" (a first name) is not a place
    assert gz.resolve("Karen") is None
    assert gz.resolve("Niger").kind == "country"
    assert gz.resolve("Tripoli").country == "LY"


@pytest.mark.parametrize("word", ["Province", "Parish", "County", "Region", "Zone", "Woreda", "Ward"])
def test_an_administrative_unit_word_alone_is_no_place(gz, word: str) -> None:
    assert gz.resolve(word) is None, word


def test_a_unit_word_inside_a_known_name_still_resolves(gz) -> None:
    c = gz.resolve("Mountain Province", country="PH")
    assert c is not None and c.country == "PH", c


def test_a_list_of_towns_is_not_read_as_a_town_inside_a_unit() -> None:
    from watchfloor.extract.places import find_places

    text = "The award's finalists include Indianapolis, Louisville, New Haven and Sioux Falls."
    names = {p.name for p in find_places(text)}
    assert "Louisville" in names, names


@pytest.mark.parametrize("name", ["Hall County", "Orange County", "Mountain Province"])
def test_a_name_with_a_unit_word_still_resolves(gz, name: str) -> None:
    assert gz.resolve(name) is not None, name
