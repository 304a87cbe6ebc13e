"""Counting the dead and injured by ACLED's conservative rule."""

import pytest

from watchfloor.extract.numbers import figure_value, find_counts
from watchfloor.extract.tally import tally


@pytest.mark.parametrize("phrase,value", [
    ("nine", 9), ("twenty-three", 23), ("2,600", 2600), ("at least nine", 9), ("more than 200", 200),
    ("9 to 12", 9), ("dozens", 12), ("dozens of", 12), ("tens", 10), ("hundreds", 100), ("a dozen", 12),
    ("two hundred", 200), ("over 40", 40), ("12-15", 12), ("three or four", 3),
])
def test_figures(phrase, value):
    assert figure_value(phrase) == value


def killed(text):
    return tally(find_counts(text), "killed")


def injured(text):
    return tally(find_counts(text), "injured").total


@pytest.mark.parametrize("text,total", [
    ("A suicide bomber struck the convoy, killing nine soldiers and wounding several others.", 9),
    ("At least 7 people, including a local councillor, were killed when the bomb went off.", 7),
    ("He was killed on the spot.", 1),
    ("The death toll rose to 59 on Saturday.", 59),
    ("Dozens of people were killed in the blast.", 12),
    ("Two FC personnel were martyred and two others were left injured.", 2),
    ("Gunmen shot dead a shopkeeper in the bazaar.", 1),
    ("There were no casualties in the attack.", 0),
    ("1 army personnel was killed.", 1),
])
def test_killed(text, total):
    assert killed(text).total == total


def test_sides_are_added_and_kept_apart():
    t = killed("Nine soldiers and four militants died in the exchange of fire.")
    assert t.total == 13
    assert t.by_side == {"security": 9, "attackers": 4}


def test_group_claim_only_when_nothing_better():
    text = ("Four members of the Sibi Scouts were killed and five others were injured. "
            "The BLA claimed that 11 soldiers were killed in the attack.")
    assert killed(text).total == 4
    assert killed("The BLF claimed that three soldiers were killed in the attack.").total == 3


def test_injured_counted_apart():
    assert injured("A man was killed and another injured when their motorbike hit a landmine.") == 1
    assert injured("Gunmen opened fire on two police officers, injuring both.") == 2
    assert killed("Gunmen opened fire on two police officers, injuring both.").total is None


def test_unknown_is_none_not_zero():
    assert killed("Militants attacked a checkpost in the district.").total is None


def test_spans_point_at_the_phrase():
    text = "Officials said nine soldiers were killed."
    t = killed(text)
    (s, e), = t.spans
    assert text[s:e] == "nine soldiers were killed"


@pytest.mark.parametrize("text, dead, hurt", [
    # a figure belongs to its own verb, not to the next one ("... and left five others injured")
    ("The blast has killed 13 civilians and left five others injured.", 13, 5),
    ("Gunmen killed 18 people, including children, and wounded 11 others in an ambush.", 18, 11),
    ("Six persons were yesterday killed in a clash between thugs.", 6, None),
    ("Renewed clashes between the two militias have killed at least 23.", 23, None),
    ("The chairman of a taxi cooperative in Murang'a county was shot dead outside his home.", 1, None),
    ("Militants killed a former senator in Mazar-e Sharif.", 1, None),
    # a subject followed by a transitive verb and its object is active voice: the object died
    ("A suicide bomber killed 11 people and wounded 23 others in a crowd of pilgrims.", 11, 23),
    ("A soldier killed in the blast was buried on Sunday.", 1, None),
    ("Five civilians were shot and killed and 21 others were injured.", 5, 21),
    ("Nine Sudanese were killed by a stray missile.", 9, None),
    ("Eleven persons have been reported killed by gunmen.", 11, None),
    ("At least 386 soldiers and police officers were killed in 2023.", 386, None),
    ("Two policemen and a civilian were killed in the blast.", 3, None),
])
def test_figures_and_single_victims_of_world_ledes(text, dead, hurt):
    assert killed(text).total == dead
    assert injured(text) == hurt


@pytest.mark.parametrize("text, value, side", [
    ("Nine warriors were killed in the fighting.", 9, "attackers"),
    ("Four bandits were shot dead by vigilantes.", 4, "attackers"),
    ("Two gendarmes were killed at the post.", 2, "security"),
    ("Five hostages dead after the raid.", 5, "civilians"),
    ("Two protesters succumbed to their injuries on Monday.", 2, "civilians"),
    ("Three fishermen were killed on the lake.", 3, "civilians"),
])
def test_the_people_other_wars_count_among_the_dead(text, value, side):
    counts = find_counts(text, 0, {"several": 3, "few": 2, "many": 5})
    assert [(c.value, c.kind, c.side) for c in counts] == [(value, "killed", side)]


@pytest.mark.parametrize("text, value", [
    ("A vice mayor and his driver were killed by gunmen.", 2),
    ("A farmer and her son were shot dead near the river.", 2),
    ("A man and his wife were injured in the blast.", 2),
])
def test_one_person_and_another_named_by_their_tie_are_two(text, value):
    counts = find_counts(text, 0, {"several": 3, "few": 2, "many": 5})
    assert [c.value for c in counts] == [value]


@pytest.mark.parametrize("text, toll", [
    # headline verbs without an article, a bomber killing herself, a body burned to death, an execution
    ("Mob kills man accused of stealing a goat", 1),
    ("A suicide bomber struck a checkpoint in Maroua, killing herself and wounding two guards.", 1),
    ("Gunmen burn a farmer to death near Bamenda.", 1),
    ("Video showed the execution of a soldier by the insurgents near Palma.", 1),
])
def test_one_death_in_other_wordings(text, toll):
    killed = [c for c in find_counts(text) if c.kind == "killed" and c.value > 0]
    assert killed and killed[0].value == toll, (text, killed)


@pytest.mark.parametrize("text, total", [
    # nouns that begin like a month's name are people, not dates
    ("Troops killed four separatists in Wum.", 4),
    ("Gunmen killed two marines near the port.", 2),
    ("Three mayors were killed in the province this week.", 3),
    ("Six soldiers and two guides were killed during the clash.", 8),
    # suspected criminals killed by a crowd are counted
    ("Three suspected thieves were burnt to death by a mob.", 3),
])
def test_more_nouns_of_the_dead(text, total):
    assert killed(text).total == total


def test_a_month_after_a_number_is_still_a_date():
    assert killed("He was killed on 5 May 2019 at his home.").total == 1


def test_an_attempt_to_lynch_kills_nobody():
    assert killed("Residents tried to lynch a man accused of theft in Gulu.").total is None


@pytest.mark.parametrize("text, total", [
    ("A suicide bomber killed up to seven Afghans and wounded 20 others.", 7),  # "up to" after the verb
    ("Seven people have been shot to death in a dispute over land.", 7),
    ("Two politicians have been killed in an ambush near Mafa.", 2),
    ("Eight people may have died in the clashes.", 8),
])
def test_more_wordings_of_the_dead(text, total):
    assert killed(text).total == total
