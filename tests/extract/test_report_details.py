"""Details that tell one incident's reports apart from another's, and that let reports of one
incident agree: the part of the day, updated tolls, where the wounded were taken, datelines
that name a country, parts of big cities and regions named after their capital."""

import pytest

from watchfloor.extract import get_extractor
from watchfloor.extract.timeofday import hours_apart, time_of_day


@pytest.mark.parametrize("sentence, part", [
    ("Gunmen stormed the village before dawn on Sunday, killing nine.", "dawn"),
    ("A shell hit their home on Sunday evening, neighbours said.", "evening"),
    ("The blast went off at 9:30 a.m. near the gate.", "morning"),
    ("Three people were killed late on Saturday when armed men burst into a party.", "night"),
    ("Attackers opened fire early Sunday on a bar.", "dawn"),
    ("Three soldiers were killed on Friday, the army said in a statement issued late in the evening.", None),
    ("A bomb exploded in the market.", None),
])
def test_time_of_day_comes_from_the_event_not_from_when_it_was_said(sentence, part):
    assert time_of_day(sentence) == part


def test_parts_of_the_day_around_the_clock():
    assert hours_apart("night", "dawn") == 5 and hours_apart("morning", "evening") == 10


@pytest.fixture(scope="module")
def extractor():
    return get_extractor()


def first_event(extractor, text, published="2024-05-20", title=""):
    events = extractor.extract(text, published, title=title).events
    assert events, text
    return events[0]


def test_a_toll_only_sentence_updates_the_incident_before_it(extractor):
    e = first_event(extractor, "LASHIO — An air strike hit the central market in Lashio on Saturday, killing five "
                    "people. Two more of the wounded died overnight, bringing the number of dead to seven, a rescue "
                    "worker said.")
    assert e.fatalities == 7


def test_an_ordinal_death_is_the_toll_so_far(extractor):
    e = first_event(extractor, "A fourth person has died after Russian rockets hit an aid point in Orikhiv on "
                    "Thursday, officials said on Friday. Three people were killed at the scene.")
    assert e.fatalities == 4


def test_where_the_wounded_died_is_not_where_the_bomb_went_off(extractor):
    e = first_event(extractor, "ISLAMABAD — A policeman injured in yesterday's roadside bombing near Serai Naurang in "
                    "Khyber Pakhtunkhwa's Lakki Marwat district died in a Peshawar hospital on Tuesday, raising the "
                    "death toll to four, officials said.", published="2024-10-08")
    assert e.admin2 == "Lakki Marwat" and e.location != "Peshawar" and e.fatalities == 4


def test_a_datelines_country_is_the_dateline_and_a_neighbourhood_stands_for_its_city(extractor):
    ex = extractor.extract("CULIACAN, Mexico — Three people were killed late on Saturday when armed men burst into a "
                           "birthday party in the Tierra Blanca neighbourhood of Culiacán, authorities said on Sunday.",
                           "2024-10-20")
    roles = {p.text: p.role for p in ex.places}
    assert roles["Mexico"] == "dateline"
    e = ex.events[0]
    assert e.location == "Culiacán" and e.admin1 == "Sinaloa" and e.time_of_day == "night"


def test_a_region_named_after_its_capital_is_the_region(extractor):
    e = first_event(extractor, "BANGKOK — A Myanmar military air strike on a village in the northwestern Sagaing region "
                    "killed 12 people on Sunday, residents said on Tuesday.", published="2024-07-16")
    assert e.admin1 == "Sagaing" and e.geo_precision == 3


def test_the_day_of_a_reaction_does_not_date_the_attack(extractor):
    ex = extractor.extract(
        "PESHAWAR — The army on Wednesday vowed to hunt down the planners of a suicide attack that killed at least "
        "23 soldiers in Dera Ismail Khan district.\n\nThe attackers struck a police station in Daraban before dawn "
        "on Tuesday, using a truck loaded with explosives, officials said. Six militants were killed.",
        "2023-12-13")
    dated = {e.date for e in ex.events}
    assert dated == {"2023-12-12"}, [(e.date, e.sub_event_type) for e in ex.events]


def test_an_accented_dateline_is_where_the_story_was_filed(extractor):
    ex = extractor.extract("BOGOTÁ — Dissident rebels attacked a police post on the edge of Jamundí, in the western "
                           "department of Valle del Cauca, before dawn on Saturday, killing two officers, the police said.",
                           "2024-06-01")
    roles = {p.text: p.role for p in ex.places}
    assert roles["BOGOTÁ"] == "dateline"
    assert ex.events[0].admin1 != "Bogota, D.C."


def test_arabic_place_names_are_found_without_their_article(extractor):
    e = first_event(extractor, "A drone struck a car in Mayadin on Monday, killing two men, a monitoring group said.",
                    published="2024-03-04")
    assert e.country == "Syria" and e.location.lower().endswith("mayadin")


def test_a_speakers_affiliation_is_not_the_scene(extractor):
    e = first_event(extractor, "Gunmen killed three farmers in the Tuz Khurmatu district yesterday, officials said. "
                    "A Kirkuk police officer said the attack took place outside the village of Albu Sabah.",
                    published="2024-04-10")
    assert e.location != "Kirkuk"


def test_a_partitive_is_part_of_the_toll_already_counted(extractor):
    e = first_event(extractor, "An air strike killed four fighters near the town of Tabqa on Sunday, the group said. "
                    "Three of the fighters were killed at once and the fourth died of his wounds some hours later.",
                    published="2024-08-12")
    assert e.fatalities == 4 and not e.injured


def test_a_long_toll_phrase_updates_the_toll(extractor):
    e = first_event(extractor, "The toll from a rocket strike on a minibus near the village of Kfar Kila on Sunday "
                    "rose to three on Monday after a woman died in hospital, medics said.", published="2024-06-10")
    assert e.fatalities == 3


@pytest.mark.parametrize("text, country, admin2", [
    # a town too small for the gazetteer, in apposition to its province: never a namesake abroad
    ("Soldiers clashed with rebels in Gasa, Lakewood, Zamboanga del Sur, on Monday.", "Philippines", "Zamboanga del Sur"),
    # "Mt. Province" is no province on its own; the town before it is the place
    ("A policeman was shot dead by gunmen at Bontoc town, Mt. Province, on Friday.", "Philippines", None),
])
def test_a_unit_in_apposition_keeps_the_place_in_its_country(extractor, text, country, admin2):
    e = first_event(extractor, text)
    assert e.country == country, (e.country, e.location)
    assert admin2 is None or e.admin2 == admin2, e.admin2


def test_a_town_whose_namesakes_abroad_are_hamlets_is_placed_without_other_evidence(extractor):
    e = first_event(extractor, "Teachers marched through Koupela on Tuesday to protest unpaid allowances.")
    assert e.country == "Burkina Faso", (e.country, e.location)
