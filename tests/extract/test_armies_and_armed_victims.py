"""Who is armed and whose forces acted: wars between armies (ceasefire violations, ground
taken, fire named by its nation), the agent of a passive, and victims armed by their office.
Sentences are our own."""

from __future__ import annotations

import pytest

from watchfloor.extract import get_extractor


@pytest.fixture(scope="module")
def extract():
    x = get_extractor()
    return lambda text, day="2021-03-05": x.extract(text, day)


@pytest.mark.parametrize("text, actor1, actor2", [
    # a force named before its country, as coders write it
    ("Military forces of Armenia fired at Azerbaijani positions near Tovuz. No casualties were reported.",
     "Military Forces of Armenia", "Military Forces of Azerbaijan"),
    # a nation's forces break a ceasefire; the other nation's positions are what they fired at
    ("Armenian forces violated the ceasefire by firing at Azerbaijani positions near Gadabay.",
     "Military Forces of Armenia", "Military Forces of Azerbaijan"),
    # fire named by its nation is that nation's, even after the soldier it hit
    ("An Armenian serviceman was wounded by Azerbaijani fire near Yeraskh in Ararat province.",
     "Military Forces of Azerbaijan", "Military Forces of Armenia"),
])
def test_two_armies_each_named_for_its_own_country(first, text, actor1, actor2):
    e = first(text)
    assert (e.event_type, e.actor1, e.actor2) == ("Battles", actor1, actor2)


def test_a_state_taking_ground_at_home_regains_it_and_a_foreign_one_overtakes_it(first):
    home = first("Azerbaijani troops advanced and took control of several villages in Jabrayil district.")
    assert (home.sub_event_type, home.actor1, home.country) == (
        "Government regains territory", "Military Forces of Azerbaijan", "Azerbaijan")
    abroad = first("Russian troops took control of two villages near Kupiansk in Kharkiv province.")
    assert (abroad.sub_event_type, abroad.actor1, abroad.country) == (
        "Non-state actor overtakes territory", "Military Forces of Russia", "Ukraine")


@pytest.mark.parametrize("text, actor1", [
    ("A shopkeeper was shot dead by Houthi gunmen in Taiz city.", "Military Forces of Yemen (2017-) Houthi"),
    ("A farmer was killed by sniper fire from Houthi forces in Taiz.", "Military Forces of Yemen (2017-) Houthi"),
])
def test_the_agent_of_a_passive_kill_is_actor1_and_a_sniper_shooting_a_civilian_is_an_attack(first, text, actor1):
    e = first(text)
    assert (e.sub_event_type, e.actor1) == ("Attack", actor1)


@pytest.mark.parametrize("text, sub", [
    # armed by their office: a clash, not an attack on civilians
    ("A customs agent was killed by an unknown gunman in Cebu City.", "Armed clash"),
    ("A park ranger was hacked to death by illegal loggers in Palawan.", "Armed clash"),
    ("A militia auxiliary was shot dead by suspected NPA rebels in Bilar, Bohol.", "Armed clash"),
    ("Police shot dead three gang members in the Mathare area of Nairobi.", "Armed clash"),
    # who informs or interprets for the forces bears no arms
    ("A suspected army informant was shot dead by unknown gunmen in Kalibo.", "Attack"),
    ("Militants killed a police interpreter in Djibo.", "Attack"),
])
def test_victims_armed_by_office_make_a_clash_and_informants_an_attack(first, text, sub):
    assert first(text).sub_event_type == sub


@pytest.mark.parametrize("text", [
    "Supporters of two parties threw stones at each other in Kisumu before police dispersed them.",
    "A suspected thief was beaten to death by residents in Kisii; police later recovered the body.",
])
def test_crowds_turning_on_each_other_or_on_a_person_are_mob_violence_even_with_police_there(first, text):
    assert first(text).sub_event_type == "Mob violence"


@pytest.mark.parametrize("text, actor1", [
    # a raid whose only outcome is people held is an arrest
    ("Police raided a house in Kano and arrested three suspects.", "Police Forces of Nigeria"),
    # a group holding people where it rules is actor1 of the arrest
    ("Al-Shabaab arrested five men accused of spying in Jilib.", "Al Shabaab"),
])
def test_arrests_in_a_raid_and_by_a_ruling_group(first, text, actor1):
    e = first(text)
    assert (e.sub_event_type, e.actor1) == ("Arrests", actor1)


@pytest.mark.parametrize("text, location, admin1", [
    # "al-X" after a town's own name ends that name: no other place called "X"
    ("Unknown gunmen shot dead a former rebel commander in Daraa al-Balad.", "Dar‘a", "Dar'a"),
    # a road named for its end towns: the place the story gives beside it is the scene
    ("Drivers blocked the Kericho-Kisumu highway at Kericho on Monday to protest a new levy.", "Kericho", "Kericho"),
    # a road named for the town it leads to is not the scene either
    ("Two bombs exploded along Bauchi road in Jos on Sunday evening.", "Jos", "Plateau"),
    # with no other place, a town at the road's end stands for it
    ("A roadside bomb exploded on the Peshawar-Torkham highway, wounding two.", "Peshawar", "Khyber Pakhtunkhwa"),
])
def test_places_joined_to_other_words(first, text, location, admin1):
    e = first(text)
    assert (e.location, e.admin1) == (location, admin1)


@pytest.mark.parametrize("text, sub, actor1", [
    ("A soldier fired shots at a trader during an argument in Mokolo.", "Attack", "Military Forces of Cameroon"),
    ("Rebels shot into a crowd at a market in Gulu.", "Attack", "Unidentified Armed Group (Uganda)"),
    ("Soldiers bombarded an insurgent camp near Marere in Cabo Delgado.", "Shelling/artillery/missile attack",
     "Military Forces of Mozambique"),
    ("Army troops encountered members of the New People's Army in Malita. No casualties were reported.",
     "Armed clash", "NPA: New People's Army"),
    ("Unknown gunmen murders two farmers near Kaduna.", "Attack", "Unidentified Armed Group (Nigeria)"),
    ("The Azerbaijani MoD said Armenian forces violated the ceasefire near Tovuz using machine guns.",
     "Armed clash", "Military Forces of Armenia"),
])
def test_more_wordings_of_violence(first, text, sub, actor1):
    e = first(text)
    assert (e.sub_event_type, e.actor1) == (sub, actor1)


def test_a_truce_broken_over_time_is_no_event_and_a_shooting_beside_an_accident_is_one(first):
    assert first("The UN accused the rebels of repeated ceasefire violations over the past year.") is None
    e = first("A volunteer was shot dead by police as he helped the victims of a road accident in Eldoret.")
    assert (e.sub_event_type, e.actor1, e.fatalities) == ("Attack", "Police Forces of Kenya", 1)


@pytest.mark.parametrize("text, event_type, sub", [
    ("Two factions of the ruling party clashed in Ibadan over the list of delegates, leaving one dead.",
     "Riots", "Mob violence"),
    ("Members of two communities clashed in Mahoba over a land dispute; several were injured.", "Riots", "Mob violence"),
    ("Angry residents looted a clinic in Kasipul over a land dispute.", "Riots", None),
    # herding peoples fight as armed communal militias
    ("Two pastoralist communities clashed over grazing land near Garissa, leaving two dead.", "Battles", "Armed clash"),
])
def test_factions_communities_and_looting_crowds_riot_but_herders_fight(first, text, event_type, sub):
    e = first(text)
    assert e.event_type == event_type and (sub is None or e.sub_event_type == sub)


@pytest.mark.parametrize("text, sub, actor1", [
    # a device or weapons found before use: whoever planted them, unknown
    ("Students found an unexploded bomb near a school in Isiolo.", "Disrupted weapons use", "Unidentified Armed Group (Kenya)"),
    ("A bomb was found inside a minibus at a stage in Mombasa.", "Disrupted weapons use", "Unidentified Armed Group (Kenya)"),
    # armed men taking people's goods, and forces doing it
    ("Militants seized two motorbikes and food from villagers in Djibo.", "Looting/property destruction",
     "Unidentified Armed Group (Burkina Faso)"),
    ("Soldiers robbed fishermen on Lake Albert near Hoima.", "Looting/property destruction", "Military Forces of Uganda"),
    ("Rebels destroyed a bridge near Malanje.", "Looting/property destruction", "Unidentified Armed Group (Angola)"),
    ("Soldiers took over a health centre in Bamenda and turned it into a military base.", "Headquarters or base established",
     "Military Forces of Cameroon"),
])
def test_strategic_developments_in_news_wording(first, text, sub, actor1):
    e = first(text)
    assert (e.sub_event_type, e.actor1) == (sub, actor1)


def test_a_drug_seizure_in_a_raid_is_organized_crime_and_theft_of_phones_no_event(extract):
    ex = extract("Police seized cash and drugs in a raid in Lagos on Friday.")
    assert ex.events == [] and [o.category for o in ex.other_incidents] == ["organized_crime"]
    assert extract("Thieves stole phones from a shop in Nairobi.").events == []


@pytest.mark.parametrize("text, toll", [
    # an age is not a count
    ("A 45 year old man was shot dead by gunmen in Kisumu.", 1),
    ("A 17 year-old student was killed by a mob in Kabale.", 1),
    # two figures listed in one clause add up, whoever they count
    ("Four villagers and six cattle thieves were killed in clashes near Isiolo.", 10),
    ("Eight women and one girl were killed by rebels near Kitgum.", 9),
])
def test_ages_are_no_tolls_and_a_listing_adds_up(first, text, toll):
    assert first(text).fatalities == toll


@pytest.mark.parametrize("text, toll", [
    ("Rival militias clashed in Kosofe overnight. Four reported dead from the fighting.", 4),
    ("Police clashed with rioters near Kibera. Witnesses saw four bodies taken away.", 4),
    ("A detained student was tortured by soldiers in Merauke and later succumbed to his injuries.", 1),
    ("At least 15 TTP and LeI militants were killed after jets struck hideouts in Tirah.", 15),
    ("Teenage boy killed by raiders in Laikipia.", 1),
    # the bomber's own death is the toll only when no one else's is given
    ("A suicide bomber blew himself up at a church gate in Gombe, wounding eight people.", 1),
    ("A suicide bomber blew himself up at a checkpoint in Bannu, killing nine soldiers.", 9),
])
def test_more_ways_of_telling_the_dead(first, text, toll):
    assert first(text).fatalities == toll


@pytest.mark.parametrize("text, country", [
    # a village abroad found in one country's list, or by another spelling, says less than
    # the peoples, nationalities and groups the story names
    ("People protested against the government in Dawe as part of a round of Oromo protests.", "Ethiopia"),
    ("Burkinabe security forces executed nine men in the area of Inata.", "Burkina Faso"),
    ("BJP workers staged a protest outside the house of a Congress leader over his remarks.", "India"),
])
def test_a_small_foreign_namesake_does_not_outvote_the_story(first, text, country):
    assert first(text).country == country


def test_an_officer_off_duty_is_a_civilian_victim_and_officials_are_civilians(first):
    e = first("A police officer was shot dead by unidentified gunmen in Marihatag. "
              "He was at home and is presumed off-duty.")
    assert e.sub_event_type == "Attack"
    e = first("A village chairperson was shot dead by unidentified gunmen in Manjuyod. "
              "Police are checking whether rebels were involved.")
    assert (e.sub_event_type, e.fatalities) == ("Attack", 1)


@pytest.mark.parametrize("text, actor1", [
    ("Police and soldiers were heavily deployed across Arua town ahead of the election.", "Police Forces of Uganda"),
    ("Police withdrew from Djibo amid security concerns.", "Police Forces of Burkina Faso"),
])
def test_forces_deployed_or_withdrawn_change_their_activity(first, text, actor1):
    e = first(text)
    assert (e.sub_event_type, e.actor1) == ("Change to group/activity", actor1)
    assert first("The company deployed new software to its servers in Nairobi.") is None


def test_an_offensive_launched_by_an_army_is_a_clash_and_a_charm_offensive_no_event(first):
    e = first("Azerbaijani forces launched a counteroffensive against Armenian forces near Tartar.")
    assert (e.sub_event_type, e.actor1, e.actor2) == ("Armed clash", "Military Forces of Azerbaijan", "Military Forces of Armenia")
    assert first("The ministry launched a charm offensive in Brussels.") is None


@pytest.mark.parametrize("text, actor1", [
    # where one separatist insurgency is what "separatists" means, it is named
    ("At least two gendarmes were killed by suspected separatists in Wum during clashes.", "Ambazonian Separatists"),
    ("Two soldiers were killed as Ambazonian men ambushed them near Mbengwi.", "Ambazonian Separatists"),
    # elsewhere unnamed separatists are an unidentified armed group
    ("Separatists attacked a police post in Kirkuk.", "Unidentified Armed Group (Iraq)"),
])
def test_separatists_are_named_for_their_country_insurgency(first, text, actor1):
    assert first(text).actor1 == actor1
