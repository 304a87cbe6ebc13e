"""Violence by unarmed crowds is a riot; armed men, a named group or guns make it an attack or
a clash. Sentences are our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, sub", [
    # a crowd turning on people: mob violence, the crowd as rioters
    ("A mob of about forty people beat a suspected cattle thief to death in Soroti on Monday.", "Mob violence"),
    ("Pupils attacked two teachers at a boarding school in Kitui after exams were cancelled.", "Mob violence"),
    ("A ward councillor was assaulted by suspected ruling party supporters in Chipata on Sunday.", "Mob violence"),
    ("A woman accused of witchcraft was hacked to death by villagers in Mongu.", "Mob violence"),
    ("A vigilante mob killed a suspected robber in Benin City on Tuesday.", "Mob violence"),
    # a crowd of a protest turning violent, or facing the police
    ("Striking traders attacked tax officials in Aba market, injuring three.", "Violent demonstration"),
    ("Teachers clashed with police while protesting over unpaid salaries in Lilongwe.", "Violent demonstration"),
    ("Police and street vendors clashed in Harare over the demolition of stalls.", "Violent demonstration"),
])
def test_violence_by_an_unarmed_crowd_is_a_riot(first, text, sub):
    event = first(text)
    assert event is not None and event.event_type == "Riots" and event.sub_event_type == sub, text
    assert event.actor1.startswith("Rioters"), event.actor1


@pytest.mark.parametrize("text", [
    # the crowd is the victim, not the agent
    "Villagers in Zamfara were attacked by gunmen who killed seven people.",
    "Students were attacked by unknown men on their way home in Eldoret.",
    "Two residents killed in Garissa in an attack by armed raiders on Monday.",
    # a crowd with guns is armed
    "Youths armed with rifles attacked a police post in Bamenda, killing a policeman.",
])
def test_violence_by_armed_men_or_against_a_crowd_is_not_a_riot(first, text):
    event = first(text)
    assert event is not None and event.event_type != "Riots", (text, event.event_type)


def test_a_clash_with_a_named_armed_group_stays_a_battle(first):
    event = first("Soldiers clashed with Ambazonian separatists after a protest in Kumba on Friday.")
    assert event is not None and event.event_type == "Battles", event.event_type


@pytest.mark.parametrize("text, toll", [
    ("A mob of about forty people beat a suspected cattle thief to death in Soroti on Monday.", 1),
    ("A crowd beat two men to death in a market in Gulu on Saturday.", 2),
])
def test_the_victims_between_the_verb_and_to_death_are_the_toll(first, text, toll):
    event = first(text)
    assert event is not None and event.fatalities == toll, (text, event and event.fatalities)


@pytest.mark.parametrize("text, sub", [
    ("Traders marched in Kano against a new levy. Police fired live rounds at the marchers, killing one.",
     "Excessive force against protesters"),
    ("Security forces shot dead two demonstrators during an anti-government protest in Ambo.",
     "Excessive force against protesters"),
    ("Nurses protested outside the ministry in Blantyre. They were beaten by police and twelve were detained.",
     "Protest with intervention"),
])
def test_force_used_on_a_protest_codes_the_protest(first, text, sub):
    event = first(text)
    assert event is not None and (event.event_type, event.sub_event_type) == ("Protests", sub), text
    assert event.actor1.startswith("Protesters") and "Forces" in (event.actor2 or ""), (event.actor1, event.actor2)


@pytest.mark.parametrize("text", [
    "Police shot dead a robbery suspect in Mombasa. Residents later protested against the killing.",
    "During a protest in Buea, demonstrators fired at gendarmes, wounding one.",
])
def test_violence_that_is_not_force_on_a_protest_stays_violence(first, text):
    event = first(text)
    assert event is not None and event.event_type != "Protests", (text, event.event_type)


@pytest.mark.parametrize("text, sub", [
    ("Demonstrators lit tyres along the main highway in Nakuru on Tuesday.", "Violent demonstration"),
    ("Protesters destroyed a police post in Dodola, freeing three detainees.", "Violent demonstration"),
    ("Hundreds of protesters armed with clubs blocked the road to Kaya.", "Violent demonstration"),
    ("Fishermen held a peaceful protest in Takalar against a plant that they said would destroy their catch.",
     "Peaceful protest"),
])
def test_what_a_protest_did_decides_if_it_was_violent(first, text, sub):
    event = first(text)
    assert event is not None and event.sub_event_type == sub, (text, event and event.sub_event_type)


@pytest.mark.parametrize("text", [
    "Traders gathered outside the county offices in Eldoret to protest a new market levy.",
    "Residents of Gaoua staged a march to protest against the lack of water.",
    # a year or date after the protest is what it is about, not when it happened
    "Hundreds of students demonstrated in Ouagadougou demanding justice for a journalist killed in 1998.",
])
def test_a_protest_that_was_done_is_an_event(first, text):
    event = first(text)
    assert event is not None and event.event_type == "Protests", (text, event and event.event_type)


@pytest.mark.parametrize("text", [
    "The union called on workers to protest against the new tax in Lagos.",
    "Traders planned to protest against the levy in Kano next week.",
    "Last year, students protested in Kendari over fees.",
])
def test_a_protest_planned_called_for_or_long_past_is_no_event(first, text):
    assert first(text) is None, text


@pytest.mark.parametrize("text", [
    "Students held a protest in Pekanbaru over the forest fires that covered the city in haze.",
    "Fishermen protested in Gwadar against fuel smuggling along the coast.",
])
def test_a_protest_about_a_disaster_or_a_crime_is_a_protest(first, text):
    event = first(text)
    assert event is not None and event.event_type == "Protests", (text, event and event.event_type)
