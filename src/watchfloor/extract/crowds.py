"""Crowds: when a protest turned violent, and when violence was a riot rather than an attack.

ACLED codes violence by people who are not fighters (students, party supporters, villagers, a
mob) as Riots, with "Rioters (country)" as actor1: a demonstration turned violent is a violent
demonstration, a crowd turning on people or two crowds fighting is mob violence. Armed men, a
named group, a force acting or firearms make it an attack or a clash instead.

Each function reads an event's story (``events._Story``: its text, actors and triggers).
"""

from __future__ import annotations

import re

from .lexicon import PROTEST_HINTS, WEAPONS
from .roles import _CLASH

# People who are not fighters: when only they clash, with no weapon, armed group or force
# acting, it is a riot ("supporters of two candidates clashed", "students fought villagers").
_UNARMED_CROWD = re.compile(r"\b(?:supporters|youths|villagers|residents|students|workers|inmates|prisoners|mobs?|crowds?|"
                            r"activists|cadres|traders|drivers|fans|worshippers|locals|party\s+members|factions|communities)\b", re.I)


_DESTRUCTION = re.compile(r"\b(?:set(?:s|ting)?\s+(?:on\s+)?fire|set\s+ablaze|torch(?:ed|ing)|burn(?:ed|t|ing)?|looted|looting|loot|"
                          r"ransack(?:ed|ing)|vandali[sz](?:ed|ing)|smash(?:ed|ing)|stoned|pelt(?:ed|ing)|lit\s+fires|"
                          r"barricad(?:ed|ing)|turned\s+violent|violently|damag(?:ed|ing)|destroy(?:ed|ing)|"
                          r"lit\s+(?:\w+\s+)?(?:tyres|tires|bonfires?|timbers?)|bonfires?|rampag\w*|running\s+battles|"
                          r"(?:armed\s+)?with\s+(?:clubs|machetes|sticks|stones|knives)|threw\s+stones|freeing\s+(?:\w+\s+)?prisoners)\b",
                          re.I)


def crowd_destroyed(st) -> bool:
    """A protest whose crowd destroyed or burned things, with no armed group acting."""
    hints = {t.hint for t in st.triggers}
    protest = bool(hints & {"Peaceful protest", "Protest with intervention"})
    return (protest and bool(_DESTRUCTION.search(st.story)) and not st.groups and not st.generic
            and not _PEACEFUL.search(st.story))


_PEACEFUL = re.compile(r"\bpeaceful(?:ly)?\b", re.I)  # "a peaceful protest against what would destroy ..."


# ACLED: a violent demonstration is a demonstration turned violent; rioting with no
# demonstration (brawls, clashes with the police, a mob's attack) is mob violence.
_PROTEST_CONTEXT = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march(?:ed|es|ing)?|strik(?:e|es|ing)\b|"
                              r"sit-ins?|agitat\w+|hartals?|bandhs?|blockades?|picket\w*|boycott\w*)", re.I)


# Two crowds, or a crowd turning on one person: "threw stones at each other", "clashed with those
# of Jubilee", "Kanu and Jubilee supporters", "beaten to death by residents".
_TWO_CROWDS = re.compile(r"\b(?:between|rival|brawl\w*|mobs?|lynch\w*|vigilante|each\s+other|one\s+another|factions|"
                         r"two\s+(?:communities|groups|villages|clans|camps|sides)|"
                         r"with\s+(?:those|supporters|members)\s+of|and\s+(?:(?-i:[A-Z])[\w'-]*\s+){1,3}(?:supporters|members|cadres|activists)|"
                         r"(?:beaten|stoned|hacked|burnt|burned)\s+to\s+death|(?:beaten|killed|lynched)\s+by\s+(?:a\s+group\s+of\s+|angry\s+)?"
                         r"(?:locals|residents|villagers|youths))\b", re.I)
_GRIEVANCE = re.compile(r"\b(?:over|demand\w*|against|in\s+response\s+to|following|after\s+(?:the\s+)?(?:police|authorities)|"
                        r"angered|angry|upset|to\s+express|calling\s+for)\b", re.I)


# Protesters arrested at the protest, not an arrest the protest is about ("demanding the release
# of those arrested", "protest the arrest of two nationals").
ARRESTED = re.compile(
    r"(?<!\bwho\s)(?<!\bwho\swere\s)(?<!\bhad\sbeen\s)\b(?:police\s+|security\s+forces\s+|troops\s+|soldiers\s+)?"
    r"(?:arrest(?:ed|s)?|detain(?:ed|s)?|rounded\s+up)\s+(?:[\w-]+\s+){0,3}?(?:protesters|demonstrators|activists|students|"
    r"participants|marchers|them|\d+|six|several|dozens|hundreds|some)\b|"
    r"\b(?:protesters|demonstrators|activists|students|participants|marchers|people|leaders|members|organi[sz]ers|protest|"
    r"\d+|\w+\s+of\s+them)\s+(?:were|was)\s+(?:\w+\s+)?(?:arrested|detained)\b(?!\s+(?:in|on|earlier|last))|"
    r"\b(?:mass|\d+|two|three|four|five|six|seven|eight|nine|ten|several|dozens\s+of|many)\s+arrests\b|"
    r"(?<!\bwho\swere\s)(?<!\bwho\swas\s)(?<!\bbeen\s)\b(?:arrested|detained)\s+(?:during|at)\s+(?:the\s+|a\s+)?(?:\w+\s+){0,3}?(?:protests?|demonstrations?|rall(?:y|ies)|"
    r"marches|march|sit-ins?)\b", re.I)
INTERVENED = re.compile(r"\b(?:disrupt\w*|stopped|blocked|prevented|interrupt\w*|quell\w*|intimidat\w*|rubber\s+bullets?|"
                         r"tear\s?gas|dispers\w+|baton|lathi|broke\s+up|crack(?:ed)?\s+down|met\s+by|interven(?:e|es|ed|ing|tion))\b", re.I)


def riot_kind(st, sub: str) -> str:
    """ACLED: a violent demonstration is a demonstration, or a crowd pressing a grievance on the
    authorities, turned violent; two crowds fighting or a mob turning on people is mob violence."""
    if _PROTEST_CONTEXT.search(st.story):
        return "Violent demonstration"
    if _TWO_CROWDS.search(st.story):
        return "Mob violence"
    if st.state or _GRIEVANCE.search(st.story):
        return "Violent demonstration"
    return sub


# Herding peoples fight as armed communal militias, not as crowds ("pastoralist communities clashed").
_HERDERS = re.compile(r"\b(?:pastoralists?|herders?|herdsmen|cattle\s+raid\w*)\b", re.I)


def unarmed_crowds_fought(st) -> bool:
    return bool(_CLASH.search(st.story) and _UNARMED_CROWD.search(st.story) and not _HERDERS.search(st.story)
                and not st.groups and not st.generic
                and not st.state_agent and not WEAPONS.search(st.story))



# Nouns for a crowd that is not armed; "people" alone is too vague to say who acted.
_CROWD_NOUN = (r"(?:mobs?|crowds?|students|pupils|supporters|protesters|protestors|demonstrators|youths|residents|villagers|"
               r"locals|workers|traders|merchants|vendors|activists|cadres|fans|inmates|prisoners|worshippers|mourners|"
               r"picketers|blockaders|lawyers|community\s+members|(?:taxi|boda\s+boda|motorcycle|bus)\s+(?:drivers|operators)|"
               r"party\s+(?:members|workers|activists))")
_VIOLENT_ACT = (r"(?:attack(?:ed|s)?|beat(?:s|en)?|lynch(?:ed|es)?|ston(?:ed|es)|assault(?:ed|s)?|hack(?:ed|s)|torch(?:ed|es)|"
                r"set\s+(?:ablaze|fire|on\s+fire)|burn(?:ed|t|s)|kill(?:ed|s)?|ransack(?:ed|s)|vandali[sz](?:ed|es)|"
                r"storm(?:ed|s)|manhandled|injur(?:ed|es)|clash(?:ed|es)?\s+with|fought|loot(?:ed|s)|destroy(?:ed|s))")
# "students attack six teachers", "a mob of 50 people beat to death ...", "were attacked by
# suspected NRM supporters": the crowd is the agent. Filler words may not turn it passive, nor
# may a participle ("two residents killed in ..."); "vigilante mob" is left to the lexicon's mob triggers.
_FILLER = r"(?:(?!(?:were|was|been|being|are|is|got|had)\b)[\w'-]+\s+){0,2}?"
_CROWD_ACTS = re.compile(
    rf"(?<!vigilante\s)\b{_CROWD_NOUN}(?:\s+(?:of|from|belonging\s+to|loyal\s+to)\s+[^.;,]{{1,40}}?)?\s+{_FILLER}"
    rf"{_VIOLENT_ACT}\b(?!\s+(?:in|by|at|during|when|while|after|on|near|as|and\s+(?:injured|wounded))\b)"
    rf"|\b(?:attacked|beaten(?:\s+up)?|lynched|stoned|assaulted|killed|hacked|injured|manhandled|torched|burnt|burned|"
    rf"set\s+ablaze)\s+(?:[\w'-]+\s+){{0,4}}?by\s+(?:an?\s+|the\s+|some\s+)?(?:[\w'-]+\s+){{0,3}}?{_CROWD_NOUN}\b",
    re.I)
# Blades, sticks and petrol bombs are a mob's weapons; guns and explosives are fighters'.
_CROWD_WEAPON = re.compile(r"^(?:knives|knife|axes?|machetes?|petrol\s+bombs?|molotov\s+cocktails?)$", re.I)


def _fighters_weapons(story: str) -> bool:
    return any(not _CROWD_WEAPON.match(m.group(0)) for m in WEAPONS.finditer(story))


def crowd_was_the_agent(st) -> bool:
    """Violence whose agent is an unarmed crowd, with no armed group, armed men, force acting
    or firearm in the story: a riot, not an attack ("a lynch mob beat a thief to death")."""
    return bool(_CROWD_ACTS.search(st.story) and not st.groups and not st.generic and not st.state_agent
                and not _fighters_weapons(st.story))


# Anyone who can face the police as a crowd; with a force as the other side, even farmers or
# hawkers fighting it are rioters, not an armed group.
_CROWD_SIDE = re.compile(rf"\b(?:{_CROWD_NOUN}|hawkers|farmers|nurses|teachers|doctors|drivers|operators|picketers|"
                         r"marchers|squatters|miners|refugees|party\s+men|\w+\s+men)\b", re.I)


def crowd_fought_the_forces(st) -> bool:
    """A clash between a force and a crowd of a protest or of unarmed people ("nurses clashed
    with police while protesting", "police and hawkers clash"), no armed group or armed men
    named: a violent demonstration, as ACLED codes it."""
    if not st.state or st.groups or st.generic:
        return False
    return bool(_CLASH.search(st.story) and (_PROTEST_CONTEXT.search(st.story) or _CROWD_SIDE.search(st.story)))


_FORCE_HINTS = {"Attack", "Armed clash", "Violence", "Arrests"}
# Force aimed at the crowd itself: "fired at protesters", "beat several of them".
_AT_THE_CROWD = re.compile(r"\b(?:protesters|protestors|demonstrators|marchers|picketers|the\s+crowds?|participants|"
                           r"mourners|rally|march|procession|demonstrations?|protests?)\b", re.I)
# Lethal force, or force that can kill: ACLED's excessive force against protesters.
_LETHAL = re.compile(r"\b(?:live\s+(?:bullets|ammunition|rounds|fire)|opened?\s+fire|fir(?:ed|ing)\s+(?:at|on|into)|"
                     r"shot|shooting|gunshots?|bullet\s+wounds?)\b(?!\s+(?:in|into)\s+the\s+air)", re.I)
# The crowd itself shooting ("protesters fired at the police") is a riot or a clash.
_CROWD_SHOT = re.compile(r"\b(?:protesters|protestors|demonstrators|people|crowds?|they|youths)\s+(?:\w+\s+)?"
                         r"(?:fired|shot|opened\s+fire)\s+(?:at|on)\b", re.I)
_RUBBER = re.compile(r"\brubber\s+bullets?|pellets?|tear\s?gas\b", re.I)


def force_met_a_protest(st, sub: str) -> str | None:
    """A force that shot, beat or arrested the people of a protest, with no armed group or
    armed men named: the event is the protest, with intervention or with excessive force.
    The protest must frame the story (named before the force) or be what the force hit."""
    if sub not in _FORCE_HINTS or not st.state or st.groups or st.generic or _CROWD_SHOT.search(st.story):
        return None
    protest = [t for t in st.triggers if t.hint in PROTEST_HINTS]
    force = [t for t in st.triggers if t.hint not in PROTEST_HINTS]
    if not protest:
        return None
    if force and min(t.start for t in force) < min(t.start for t in protest) and not _AT_THE_CROWD.search(st.story):
        return None
    lethal = (st.killed.total or 0) > 0 or (_LETHAL.search(st.story) and not _RUBBER.search(st.story))
    return "Excessive force against protesters" if lethal else "Protest with intervention"
