"""Country evidence that is not a place name, and place readings that depend on their
neighbours. Sentences are our own, set in real places."""

from __future__ import annotations

import pytest

from watchfloor.eval.names import actors_match
from watchfloor.extract import get_extractor
from watchfloor.geo.national_terms import find_national_terms


@pytest.fixture(scope="module")
def extract():
    x = get_extractor()
    return lambda text, day="2021-03-05": x.extract(text, day)


def test_unit_words_and_parties_are_found_as_terms():
    terms = find_national_terms("Awami League men clashed in the upazila; BJP workers and a Regency hotel.")
    found = {t.text: t.countries for t in terms}
    assert found["Awami League"] == ("BD",)
    assert found["upazila"] == ("BD",)
    assert found["BJP"] == ("IN",)
    assert "bjp" not in {t.text for t in find_national_terms("the bjp office")}  # acronyms in capitals


def test_a_party_names_the_country_when_no_place_does(extract):
    x = extract("Supporters of the Awami League and BNP activists clashed with sticks, injuring 12 people.")
    assert x.events and x.events[0].country == "Bangladesh"


def test_a_unit_word_after_a_name_places_it_in_a_country_with_such_units(extract):
    # Raipur is a large Indian city; "Raipur upazila" is the Bangladeshi sub-district.
    x = extract("Unidentified rioters set fire to a school in Raipur upazila on Monday night.")
    assert x.events and x.events[0].country == "Bangladesh"


def test_a_group_active_in_several_countries_votes_for_its_home_first(extract):
    x = extract("LRA rebels abducted and killed a farmer on Tuesday.")
    assert x.events and x.events[0].country == "Uganda"


def test_a_foreign_embassy_or_company_says_little_of_the_country(extract):
    text = ("Protesters rallied outside the Chinese embassy in Makati City, Metro Manila, against "
            "a Chinese company, and police dispersed them.")
    x = extract(text)
    assert x.events and x.events[0].country == "Philippines"


def test_a_fragment_of_a_hyphenated_name_is_no_place(extract):
    # "Parian" alone is a district in Afghanistan; here it is half of a village's name.
    x = extract("Police shot dead a gunman at Barangay Parian-Baunoh, Lantawan town, Basilan province.")
    assert all(p.name != "Parian" for p in x.places)
    assert x.events and x.events[0].country == "Philippines"


def test_town_then_province_reads_the_town_inside_the_province(extract):
    x = extract("Unidentified gunmen shot dead a village councilman in San Rafael town, Bulacan on 3 March.")
    e = x.events[0]
    assert (e.location, e.admin1, e.country) == ("San Rafael", "Central Luzon", "Philippines")
    assert any(p.name == "Bulacan" and p.feature == "admin2" for p in x.places)


def test_brgy_abbreviation_does_not_end_the_sentence(extract):
    x = extract("A suspect was killed during a police raid at Brgy. Pandan, Ligao City, Albay on 3 March.")
    e = x.events[0]
    assert e.location == "Ligao" and e.date == "2021-03-03"


def test_state_forces_take_the_article_the_name_needs(extract):
    x = extract("Police officers shot dead two robbers at Tabuk City, Kalinga on 3 March.")
    assert x.events[0].actor1 == "Police Forces of the Philippines"


def test_unknown_gunmen_killing_a_drug_suspect_are_anti_drug_vigilantes(extract):
    x = extract("A drug suspect was shot dead by unidentified motorcycle-riding men in Tabuk City, Kalinga on 3 March.")
    assert x.events[0].actor1 == "Anti-Drug Vigilantes (Philippines)"


def test_gold_alternatives_each_count_as_the_gold_actor():
    gold = "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"
    assert actors_match("JAS: Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", gold)
    assert not actors_match("Military Forces of Nigeria", gold)


def test_peoples_and_hyphenated_parties_are_terms():
    found = {t.text: t for t in find_national_terms("A BNP-led blockade; Fulani herders; seen from afar.")}
    assert found["BNP"].countries == ("BD",)
    assert found["Fulani"].kind == "people" and "NG" in found["Fulani"].countries
    assert "afar" not in found  # names of peoples are capitalised


def test_peoples_name_the_country(extract):
    x = extract("Kipsigis and Maasai militias clashed over grazing land, leaving four dead.")
    assert x.events and x.events[0].country == "Kenya"


def test_a_place_inside_an_institution_name_is_no_place_but_names_the_country(extract):
    x = extract("Students rioted at Addis Ababa University over limits on academic freedom.")
    assert not any(p.name == "Addis Ababa" for p in x.places)
    assert x.events and x.events[0].country == "Ethiopia"


def test_crowds_against_the_police_demonstrate_and_two_crowds_are_mob_violence(extract):
    e = extract("Opposition activists clashed with the police in Dhaka on Monday.").events[0]
    assert (e.sub_event_type, e.actor1, e.actor2) == (
        "Violent demonstration", "Rioters (Bangladesh)", "Police Forces of Bangladesh")
    e = extract("Students of two rival colleges clashed in Dhaka on Monday, injuring six.").events[0]
    assert (e.sub_event_type, e.actor1) == ("Mob violence", "Rioters (Bangladesh)")


def test_a_nationality_word_before_a_unit_word_names_the_unit(extract):
    x = extract("Protests in the Somali region spread to Degehabur on Sunday.")
    assert x.events and (x.events[0].country, x.events[0].admin1) == ("Ethiopia", "Somali")


def test_common_words_and_stems_of_small_towns_are_no_places(extract):
    x = extract("Unknown gunmen shot dead a nephew of Mama Ngina Kenyatta on Farmer's Day in Nakuru.")
    assert {p.name for p in x.places} == {"Nakuru"}


def test_a_province_named_outranks_a_town_read_in_another(extract):
    x = extract("Troops killed six militants in Dur Jan and Rustam areas of Dera Bugti, Balochistan.")
    assert x.events[0].admin1 == "Balochistan"


def test_a_destination_or_a_base_is_a_reference_not_the_event_place(extract):
    x = extract("Rebels ambushed a Kampala-bound bus near Lira, killing four, a Gulu-based monitor said.")
    roles = {p.name: p.role for p in x.places}
    assert roles["Kampala"] == "reference" and roles["Gulu"] == "reference"
    assert x.events[0].location == "Lira"


@pytest.mark.parametrize("text, not_place", [
    ("Nurses demonstrated outside the University of Santo Tomas in Manila.", "Santo Tomas"),
    ("Samburu raiders shot at a police helicopter over Laikipia.", "Samburu"),
])
def test_names_that_are_not_where_it_happened(extract, text, not_place):
    assert all(p.name != not_place for p in extract(text).places)


@pytest.mark.parametrize("text, actor1", [
    ("Fulani herders attacked a village in Benue State, killing 12 farmers.", "Fulani Ethnic Militia (Nigeria)"),
    ("Nuers clashed with soldiers in Jonglei, leaving 20 dead.", "Nuer Ethnic Militia (South Sudan)"),
])
def test_a_people_acting_as_a_group_is_an_ethnic_militia(extract, text, actor1):
    assert extract(text).events[0].actor1 == actor1


def test_a_place_too_small_for_the_gazetteer_is_read_in_the_unit_named_around_it(extract):
    # Jani Khel in Bannu is not in GeoNames; two Afghan districts share its name.
    x = extract("A suicide bomber struck a convoy in the Jani Khel area of Bannu district, near the "
                "border with Afghanistan, killing eight soldiers.")
    e = x.events[0]
    assert (e.country, e.admin2) == ("Pakistan", "Bannu")


def test_a_district_without_a_point_is_mapped_at_its_province(extract):
    # GeoNames holds no town inside Ethiopia's Bale zone, so the zone itself has no point.
    e = extract("In Bale zone of Oromia, security forces killed five people from the same family.").events[0]
    assert (e.admin1, e.admin2) == ("Oromia", "Bale")
    assert e.latitude is not None and e.geo_precision == 3


def test_a_well_known_town_outweighs_a_small_namesake_elsewhere():
    from watchfloor.extract.actors import find_actors
    from watchfloor.extract.country import country_votes
    from watchfloor.extract.places import find_places

    # "Mile" is an Ethiopian town of 20,000; Buea a Cameroonian city of 140,000
    text = "Soldiers stormed a camp near Mile 14 in Buea on Sunday."
    votes = country_votes(text, find_places(text), find_actors(text))
    assert votes.most_common(1)[0][0] == "CM", votes


def test_a_village_in_a_named_province_is_not_a_namesake_abroad(first):
    # "Lassa" is one of Lhasa's names, but a village of Soum Province is in Burkina Faso
    event = first("Militants abducted a councilman in the village of Lassa, Soum Province, on Monday.")
    assert event is not None and event.country == "Burkina Faso", event and event.country


def test_places_carry_their_population():
    from watchfloor.extract.places import find_places

    [buea] = [p for p in find_places("Gunmen attacked Buea on Sunday.") if p.name == "Buea"]
    assert buea.population and buea.population > 100_000


def test_the_town_inside_the_named_district_is_the_place(first):
    # "San Pascual" is also a town elsewhere; "Ubay" lies in Bohol, the district named
    event = first("A drug suspect was shot dead by gunmen in Barangay San Pascual, Ubay, Bohol on Sunday.")
    assert event is not None and (event.location, event.admin2) == ("Ubay", "Bohol"), event and event.location


def test_a_town_and_its_province_in_brackets_nest(first):
    # Nicaragua has a León province with a León in it; Spain's León is a province's town too,
    # but only Nicaragua's nests in a first-level unit of that name
    event = first("In Leon (Leon), government supporters attacked the house of a student leader.")
    assert event is not None and event.country == "Nicaragua", event and event.country


def test_a_bracket_that_does_not_nest_says_nothing(first):
    # "Debub" is a region of Eritrea, but here it is part of an Ethiopian zone's name
    event = first("In Dessie town (Debub Wollo, Amhara), residents staged a protest over water cuts.")
    assert event is not None and event.country == "Ethiopia", event and event.country


def test_a_leader_after_pro_is_no_place(first):
    event = first("Pro-Ortega militants attacked a student leader's house in Masaya.")
    assert event is not None and event.country == "Nicaragua", event and event.country
