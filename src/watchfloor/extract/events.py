"""Events: a cluster of mentions coded as one ACLED event.

Type and sub-type from the highest-ranked trigger and who was hit; actors from the roles the
sentences give (``roles.py``); the place where it happened (not where anyone spoke); the date
nearest the violence; the most conservative toll; a note built from the coded fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Event
from .actors import CIVILIANS, STATE, ActorMention, interaction
from .dates import DateMention
from .lexicon import CROWD_HINTS, RAID_WORD, RANK, TARGETS, TYPES, WEAPONS
from .mentions import (
    _RETALIATION, _SPEECH_BEFORE_DATE, _USED, _WEAPON_HINTS, _WEAPON_NOUN, Cluster, Mention, Span, _event_dates,
    dates_a_statement,
)
from .tally import tally
from .crowds import (
    ARRESTED, INTERVENED, crowd_destroyed, crowd_fought_the_forces, crowd_was_the_agent, force_met_a_protest, riot_kind,
    unarmed_crowds_fought,
)
from .roles import (
    _CIVILIAN_CAMP, _CLASH, _FIREFIGHT, _GUNFIRE, _NON_LETHAL, _UNARMED_SUSPECT,
    _crowd_actors, _finditer_in, _kind, _state_is_agent, _target_side, _unique, perpetrators,
)
from .locate import locate
from .timeofday import time_of_day

@dataclass
class _Story:
    """What an event's sentences say, read once and shared by the coding steps below."""

    mentions: list[Mention]
    text: str
    triggers: list
    best: object  # the trigger that sets the type
    counts: list
    killed: object
    injured: object
    actors: list[ActorMention]
    groups: list[ActorMention]  # perpetrators and groups claiming responsibility
    generic: list[ActorMention]
    state: list[ActorMention]
    civilians: list[ActorMention]
    state_agent: ActorMention | None
    security_hit: bool
    civilian_hit: bool
    targets: list[str]
    military_target: bool
    target_side: str | None
    story: str
    claimed: list[ActorMention] = field(default_factory=list)  # groups claiming this event


def _read_story(cluster: Cluster, text: str, claims_of_responsibility: list[ActorMention]) -> _Story:
    mentions = cluster.mentions
    triggers = [t for m in mentions for t in m.triggers]
    # What the other side did in response ("fired mortar shells in retaliation") does not
    # set the event's type when the original attack is also described.
    primary = [t for t in triggers if not _RETALIATION.search(text[max(0, t.start - 60): t.end + 40])]
    best = min(primary or triggers, key=lambda t: RANK[t.hint])
    counts = [c for m in mentions for c in m.counts]
    actors = [a for m in mentions for a in m.actors]
    _members_of_armed_groups(counts, actors, text)
    killed = tally(counts, "killed")
    state_agent = _state_is_agent(mentions, text)
    groups = perpetrators(mentions, text, best.hint)
    if state_agent is not None and groups and 0 <= groups[0].start < state_agent.start:
        state_agent = None  # the group acted first ("BLF targeted a site, upon which Levies fired")
    groups += [a for a in claims_of_responsibility if a not in groups]
    civilians = [a for a in actors if a.kind == CIVILIANS]
    targets = _unique(m.group(0) for m in _finditer_in(TARGETS, text, mentions))
    story = " ".join(text[m.span[0]:m.span[1]] for m in mentions)
    return _Story(
        mentions, text, triggers, best, counts, killed, tally(counts, "injured"), actors, groups,
        generic=[a for a in actors if a.kind == 3], state=[a for a in actors if a.kind == STATE],
        civilians=civilians, state_agent=state_agent,
        security_hit=killed.by_side.get("security", 0) > 0 or any(c.side == "security" for c in counts),
        civilian_hit=any(c.side == "civilians" for c in counts) or bool(civilians),
        targets=targets, military_target=any(_MILITARY_TARGET.search(t) for t in targets) and not _CIVILIAN_CAMP.search(story),
        target_side=_target_side(mentions, text), story=story,
        claimed=[a for a in claims_of_responsibility if mentions[0].span[0] <= a.start <= mentions[-1].span[1] + 200],
    )


_MILITARY_TARGET = re.compile(r"military|army|security|police|fc|frontier|check|convoy|post|camp|cantonment|garrison|"
                              r"station|patrol|base", re.I)


# What forces attack when they fight someone: "a rebel position", "a militant hideout".
_ARMED_TARGET = re.compile(r"\b(?:rebels?|militants?|insurgents?|jihadists?|separatists?|terrorists?|bandits?|enemy|"
                           r"hideouts?|positions?|bases?|camps?|fighters?|gunmen|guerrillas?|strongholds?)\b", re.I)


_DRUG_SUSPECT = re.compile(
    r"\b(?:(?:alleged|suspected)\s+)?drug\s+(?:suspects?|personalit(?:y|ies)|pushers?|peddlers?|dealers?|users?|"
    r"surrender(?:ee|er)s?)\b|\bdrug\s+watch\s?list\b|\bvigilante[- ]style\b", re.I)


_OF_BETWEEN = re.compile(r"\s+of\s+(?:the\s+)?$", re.I)


def _members_of_armed_groups(counts, actors: list[ActorMention], text: str) -> None:
    """"two members of Hezbollah", "seven Mungiki members" are fighters: their count is the
    armed side's, not civilians'."""
    for c in counts:
        if c.side not in ("civilians", "unknown"):
            continue
        for a in actors:
            named_in_it = c.start <= a.start and a.end <= c.end and a.named_group  # "7 Mungiki members killed"
            of_it = 0 <= a.start - c.end <= 12 and _OF_BETWEEN.match(text[c.end:a.start])
            if a.kind in (2, 3) and (named_in_it or of_it):
                c.side = "attackers"


# Armed men the text does not name (a frozen mention: one instance serves every event).
_UNIDENTIFIED = ActorMention("Unidentified Armed Group ({country})", 3, -1, -1, "")


def _civilians(st: _Story) -> ActorMention:
    return st.civilians[0] if st.civilians else ActorMention("Civilians ({country})", CIVILIANS, -1, -1, "")


def _first_actors(st: _Story) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 and actor2 from who acted and who was hit, before the sub-type refines them."""
    opponent = st.groups[0] if st.groups else (st.generic[0] if st.generic else None)
    rivals = [a for a in st.state if a.nation and st.state[0].nation and a.nation != st.state[0].nation] if st.state else []
    if opponent is None and rivals and st.best.hint not in ("Arrests", "Disrupted weapons use"):
        if st.state_agent is not None:  # "an Armenian serviceman was wounded by Azerbaijani fire"
            return st.state_agent, next(a for a in st.state if a.nation != st.state_agent.nation)
        return st.state[0], rivals[0]  # two states' forces: "Armenian and Azerbaijani forces exchanged fire"
    if st.state_agent or st.best.hint in ("Arrests", "Disrupted weapons use", "Government regains territory"):
        # the forces acted: the group they fought is named as their object ("battled LRA rebels")
        opponent = next((a for a in st.actors if a.kind != STATE and a.named_group), None) or opponent
        actor1 = st.state_agent or (st.state[0] if st.state else None)
        if actor1 is None and st.best.hint == "Arrests" and opponent is not None and opponent.named_group:
            return opponent, None  # a group holding people where it rules: "SDF forces arrested ten people"
        armed_dead = st.killed.by_side.get("attackers", 0) > 0
        if st.civilian_hit and not st.security_hit and not armed_dead and st.target_side != "security":
            opponent = _civilians(st)  # "an airstrike killed 17 civilians": the people hit
        elif opponent is None and not armed_dead and not st.security_hit and not _CLASH.search(st.story) \
                and st.best.hint in ("Violence", "Looting/property destruction") and not _ARMED_TARGET.search(st.story):
            opponent = _civilians(st)  # "troops attacked the village of Zoa": no armed side named, no fighting
        return actor1, opponent
    actor1 = opponent
    if (actor1 is None or actor1.name.startswith(("Unidentified Armed Group", "Vigilante Militia"))) and not st.state \
            and _DRUG_SUSPECT.search(st.story):
        # Unknown gunmen who kill a drug suspect are anti-drug vigilantes, as the coders name them.
        actor1 = ActorMention("Anti-Drug Vigilantes ({country})", 3, -1, -1, "")
    if actor1 is None and st.best.hint == "Change to group/activity" and st.state:
        return st.state[0], None  # "police were deployed across Arua": the force that acted
    if actor1 is None and st.best.hint not in ("Peaceful protest", "Change to group/activity"):
        actor1 = _UNIDENTIFIED
    if st.security_hit or st.military_target or (st.state and not st.civilian_hit):
        return actor1, st.state[0] if st.state else None
    if st.civilian_hit:
        return actor1, _civilians(st)
    return actor1, st.state[0] if st.state else None


# The weapon a state's force is named by: "a Russian strike ... killing 12", "Israeli jets".
_AIR_WEAPON = re.compile(r"(?:air\s*|drone\s+|missile\s+)?strikes?$|airstrikes?|drones?|jets|warplanes|aircraft|"
                         r"helicopters?|gunships?|air\s+raids?$", re.I)
_FIRED_WEAPON = re.compile(r"missiles?|rockets?|artillery|shell(?:ing|s)|bombardment", re.I)


def _weapon_of_the_state(st: _Story) -> str:
    """A generic violent verb whose agent is named by its weapon gives that weapon's sub-type."""
    for a in [st.state_agent] if st.state_agent else st.state:
        if a.nation:
            if _FIRED_WEAPON.search(a.text):
                return "Shelling/artillery/missile attack"
            if _AIR_WEAPON.search(a.text):
                return "Air/drone strike"
    return "Violence"


def _sub_type(st: _Story, actor1, actor2):
    """The sub-event type, with the actors it implies: explosives in a gunfight are the clash, a
    device defused is disrupted weapons use, shooting is an attack or a clash by who was hit."""
    sub = _weapon_of_the_state(st) if st.best.hint == "Violence" else st.best.hint
    if st.target_side == "civilians" and not st.security_hit:
        st.civilian_hit = True
    if st.target_side == "security":
        st.security_hit = True
    if sub in ("Grenade", "Remote explosive/landmine/IED") and (_CLASH.search(st.story) or _GUNFIRE.search(st.story)):
        sub = "Violence"  # explosives used in a gunfight: ACLED codes the clash
    elif sub == "Shelling/artillery/missile attack" and _FIREFIGHT.search(st.story):
        sub = "Violence"  # rockets fired in a gunfight (not the other side answering shelling)
    # A device defused or weapons seized in a raid: the bomb nouns describe what was stopped.
    hints = {t.hint for t in st.triggers}
    if sub in _WEAPON_HINTS and all(_WEAPON_NOUN.search(t.text) for t in st.triggers if t.hint in _WEAPON_HINTS) and (
            hints & {"Disrupted weapons use", "Arrests"}) and not _USED.search(st.story):
        sub = "Disrupted weapons use" if "Disrupted weapons use" in hints else "Arrests"
        if not st.state_agent and st.state:
            st.state_agent = st.state[0]
        if st.state_agent:
            actor1 = st.state_agent
            actor2 = st.groups[0] if st.groups else (st.generic[0] if st.generic else None)
    if sub in ("Peaceful protest", "Protest with intervention", "Looting/property destruction") and crowd_destroyed(st):
        sub = "Violent demonstration"  # "students demonstrated and ransacked the police station"
    if sub == "Violence" and _raid_to_arrest(st):
        sub = "Arrests"  # "SDF forces arrested ten people during a raid": nobody was hurt, people were held
    if sub == "Violence" and _one_sided(st):
        sub, actor1, actor2 = _force_on_captives(st, actor1)
    if sub == "Violence":
        sub, actor2 = _attack_or_clash(st, actor2)
        if unarmed_crowds_fought(st):
            sub = "Mob violence"
    if sub in ("Attack", "Armed clash", "Looting/property destruction") and crowd_was_the_agent(st):
        sub = "Mob violence"  # "BNP supporters torched a jeep": what a crowd destroys is a riot too
    elif sub == "Armed clash" and crowd_fought_the_forces(st):
        sub = "Violent demonstration"
    else:
        sub = force_met_a_protest(st, sub) or sub
    if sub in ("Mob violence", "Violent demonstration"):
        sub = riot_kind(st, sub)
    if sub == "Peaceful protest" and (ARRESTED.search(st.story) or (st.state and INTERVENED.search(st.story))):
        sub = "Protest with intervention"  # "six students were arrested", "the rally was stopped by the police"
    if sub in CROWD_HINTS:
        actor1, actor2 = _crowd_actors(sub, st.actors, st.state)
    if sub == "Armed clash" and actor1 is not None and actor1.kind == STATE and st.claimed:
        actor1, actor2 = st.claimed[0], actor1  # a group that claims the fight is its initiator
    if sub == "Disrupted weapons use" and actor1 is None:
        # a device found with no one acting: whoever planted it, and the force that found it
        actor1, actor2 = _UNIDENTIFIED, (st.state[0] if st.state else None)
    if sub in ("Abduction/forced disappearance", "Sexual violence") and (actor2 is None or actor2.kind != CIVILIANS):
        actor2 = ActorMention("Civilians ({country})", CIVILIANS, -1, -1, "")
    return sub, actor1, actor2


_ENTRY = re.compile(rf"^(?:{RAID_WORD}|storm(?:ed|ing))$", re.I)


def _raid_to_arrest(st: _Story) -> bool:
    """A raid whose only outcome is people held: no one killed or hurt, no shots."""
    violent = [t for t in st.triggers if t.hint == "Violence"]
    return (bool(violent) and all(_ENTRY.match(t.text) for t in violent)
            and any(t.hint == "Arrests" for t in st.triggers) and not st.counts
            and not _CLASH.search(st.story) and not _GUNFIRE.search(st.story))


# Violence only one side can do to the other: torture, beatings, floggings. Never a clash.
_ONE_SIDED = re.compile(r"^(?:tortur\w*|beat\w*|beaten|flogg\w*|whipp\w*|kick\w*|ill-?treated|manhandled|strangl\w*)\b", re.I)


def _one_sided(st: _Story) -> bool:
    violent = [t for t in st.triggers if t.hint == "Violence"]
    return bool(violent) and all(_ONE_SIDED.match(t.text) for t in violent) and not _CLASH.search(st.story)


def _force_on_captives(st: _Story, actor1):
    """Torture or a beating: an attack on the people it was done to, by the force that did it
    when a force is the only armed side named."""
    acting = [a for a in st.state if not _REPORTS_IT.match(st.text, a.end)]
    if acting and not st.groups and not st.generic and (actor1 is None or actor1.name.startswith("Unidentified")):
        actor1 = st.state_agent or acting[0]
    return "Attack", actor1, _civilians(st)


# A force that found, reported or confirmed the violence is not shown doing it.
_REPORTS_IT = re.compile(r"\s+(?:\w+\s+)?(?:said|say|says|found|reported|recovered|discovered|confirmed)\b", re.I)


_OFF_DUTY = re.compile(r"\b(?:off[- ]duty|went\s+AWOL|gone\s+AWOL|on\s+leave|retired|unarmed\s+at\s+the\s+time)\b", re.I)


def _attack_or_clash(st: _Story, actor2):
    """Two armed sides make a clash: fighters among the dead, a fight described, forces acting
    against a group or a post. Otherwise the people shot were the unarmed side: an attack."""
    security_dead = st.killed.by_side.get("security", 0) > 0
    armed_victims = any(c.side == "attackers" and not _UNARMED_SUSPECT.search(c.who or "") for c in st.counts)
    fight = bool(_CLASH.search(st.story))
    armed_other = actor2 is not None and actor2.kind != CIVILIANS
    after = st.text[st.mentions[-1].span[1]: st.mentions[-1].span[1] + 300] if st.mentions else ""
    if (_OFF_DUTY.search(st.story) or _OFF_DUTY.search(after)) and not fight and not armed_victims:
        victims_civilian = True  # "the officer was at home and is presumed off-duty": ACLED's civilian
        actor2 = None if armed_other else actor2
    elif st.state_agent:
        victims_civilian = not (armed_victims or fight or st.target_side == "security" or st.security_hit
                                or armed_other)
    elif st.target_side == "civilians" and not security_dead:
        victims_civilian = True  # the person fired at or shot decides, not places named in passing
        if armed_other:
            actor2 = None
    elif st.target_side == "security":
        victims_civilian = False
    else:
        victims_civilian = not (st.security_hit or st.military_target or armed_victims or fight or armed_other)
    if victims_civilian and (actor2 is None or actor2.kind == CIVILIANS):
        return "Attack", actor2 or ActorMention("Civilians ({country})", CIVILIANS, -1, -1, "")
    return "Armed clash", actor2


def _toll(st: _Story, sub: str) -> tuple[int | None, list[Span]]:
    """ACLED's conservative figure: deaths reported, 0 when only injuries or nothing lethal."""
    killed, injured = st.killed, st.injured
    fatalities, spans = killed.total, killed.spans
    if fatalities is None and injured.total == 0:
        return 0, injured.spans  # "no one was hurt": nobody died either
    if fatalities is None and sub in _NON_LETHAL:
        fatalities = 0  # an arrest, an abduction or a defused bomb with no death reported
    if fatalities and all(c.claimed_by_group for c in st.counts if c.kind == "killed") and any(
            not c.claimed_by_group for c in st.counts if c.kind == "injured"):
        return 0, injured.spans  # better-sourced reports give only injuries; the group's claim is no figure
    if fatalities is None and injured.total:
        return 0, injured.spans  # injuries reported and no deaths: none died
    return fatalities, spans


def build_event(cluster: Cluster, text: str, published: str | None, claims_of_responsibility: list[ActorMention],
                gaz, vague: dict[str, int], all_dates: list[DateMention],
                article_country: str | None = None) -> Event | None:
    st = _read_story(cluster, text, claims_of_responsibility)
    place_fields, place_spans = locate(st.mentions, gaz)
    # The country is where the event happened, else what the article is about; never a default.
    country_code = place_fields.get("country") or article_country
    country_name = gaz.country_name(country_code)
    actor1, actor2 = _first_actors(st)
    sub, actor1, actor2 = _sub_type(st, actor1, actor2)
    sub = _territory_taker(sub, actor1, country_code)
    event_type, disorder = TYPES[sub]
    civilian_targeting = sub in ("Attack", "Abduction/forced disappearance", "Sexual violence") or (
        event_type == "Explosions/Remote violence" and st.civilian_hit and not st.security_hit
        and not st.military_target)
    when = _event_date(st.mentions, text, published, all_dates)
    fatalities, fatalities_spans = _toll(st, sub)
    a1 = actor1.canonical(country_name, country_code) if actor1 else None
    a2 = actor2.canonical(country_name, country_code) if actor2 else None
    event = Event(
        event_type=event_type, sub_event_type=sub, disorder_type=disorder,
        date=when[0] if when else None, time_precision=when[1] if when else 3,
        time_of_day=_time_of_day(st, text), actor1=a1, actor2=a2 if a2 != a1 else None,
        interaction=interaction(_kind(actor1, country_code), _kind(actor2, country_code)),
        perpetrator_individuals=_unique(a.text for a in st.generic if a.text),
        perpetrator_organizations=_unique(
            a.text for a in ([actor1] if actor1 is not None and actor1.kind == STATE else []) + st.groups if a.text),
        targets=st.targets,
        victims=_unique(c.who for c in st.counts if c.side != "attackers" and c.value > 0 and c.who),
        weapons=_unique(m.group(0).lower() for m in _finditer_in(WEAPONS, text, st.mentions)),
        fatalities=fatalities, fatalities_text=st.killed.phrase, fatalities_by_side=dict(st.killed.by_side),
        injured=st.injured.total, injured_text=st.injured.phrase, civilian_targeting=civilian_targeting,
        **place_fields,
    )
    event.country = country_name
    if country_code and not event.iso3:
        unit = gaz.country(country_code)
        event.iso3 = unit.iso3 if unit else None
    event.evidence = _evidence(st, place_spans, when, fatalities_spans, actor1, actor2)
    event.confidence = round(min(0.95, 0.4 + 0.12 * sum(k in event.evidence for k in (
        "location", "date", "fatalities", "actor1")) + (0.05 if len(st.mentions) > 1 else 0)), 2)
    event.notes = make_note(event)
    return event


def _territory_taker(sub: str, actor1, country_code: str | None) -> str:
    """ACLED: a state's own forces taking ground at home regain territory; a group, or a foreign
    state's forces, overtake it ("Azerbaijani troops took control of villages in Jabrayil")."""
    if sub == "Non-state actor overtakes territory" and actor1 is not None and actor1.kind == STATE \
            and (actor1.nation is None or actor1.nation == country_code):
        return "Government regains territory"
    return sub


def _time_of_day(st: _Story, text: str) -> str | None:
    """The part of the day the sentence that sets the type gives, else the event's first
    sentence (later sentences often recall other moments: "the wounded died overnight")."""
    lead = next((m for m in st.mentions if st.best in m.triggers), st.mentions[0])
    for m in (lead, st.mentions[0]):
        found = time_of_day(text[m.span[0]:m.span[1]])
        if found:
            return found
    return None


def _evidence(st: _Story, place_spans, when, fatalities_spans, actor1, actor2) -> dict[str, list[Span]]:
    ev: dict[str, list[Span]] = {
        "event_type": [(t.start, t.end) for t in st.triggers if t.hint == st.best.hint][:3],
        "sub_event_type": [(st.best.start, st.best.end)],
        "location": place_spans, "admin2": place_spans,
        "date": [when[2]] if when and when[2] else [],
        "fatalities": fatalities_spans, "injured": st.injured.spans,
        "actor1": [(actor1.start, actor1.end)] if actor1 and actor1.start >= 0 else [],
        "actor2": [(actor2.start, actor2.end)] if actor2 and actor2.start >= 0 else [],
    }
    return {k: v for k, v in ev.items() if v}


_SAME_DAY = re.compile(r"\b(?:on\s+)?(?:the\s+same\s+day|that\s+day|the\s+same\s+night|same\s+day)\b", re.I)


def _event_date(mentions: list[Mention], text: str, published: str | None,
                all_dates: list[DateMention]) -> tuple[str, int, Span | None] | None:
    for m in mentions:
        usable = _event_dates(m, text)
        if usable:
            # The date nearest a trigger wins: "police on Thursday revised the toll from Monday's bombing".
            def distance(d: DateMention) -> int:
                return min(min(abs(d.start - t.end), abs(t.start - d.end)) for t in m.triggers)

            d = min(usable, key=distance)
            return d.date, d.precision, (d.start, d.end)
    first = mentions[0].span[0]
    for m in mentions:
        if _SAME_DAY.search(text, m.span[0], m.span[1]):
            # "on the same day" points back to the last date named before the event.
            earlier = [d for d in all_dates if d.end <= m.span[0]]
            # the last day something happened, rather than the day somebody spoke of it
            earlier = [d for d in earlier if not _SPEECH_BEFORE_DATE.search(text[max(0, d.start - 40): d.start])] or earlier
            if earlier:
                d = earlier[-1]
                return d.date, d.precision, (d.start, d.end)
    # The lead sentence usually carries the day ("... on Friday").
    lead = [d for d in all_dates if d.start < min(first, 400) and d.precision <= 2 and not dates_a_statement(text, d)]
    if lead:
        d = lead[0]
        return d.date, d.precision, (d.start, d.end)
    if published:
        return published[:10], 2, None  # undated report: as reported, approximately
    return None


_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
_VERB = {
    "Suicide bomb": "carried out a suicide bombing", "Air/drone strike": "carried out an air/drone strike",
    "Shelling/artillery/missile attack": "fired rockets or shells", "Grenade": "threw a grenade",
    "Remote explosive/landmine/IED": "detonated an explosive device", "Armed clash": "clashed with",
    "Attack": "attacked", "Abduction/forced disappearance": "abducted", "Arrests": "arrested",
    "Disrupted weapons use": "disrupted an attack by", "Looting/property destruction": "destroyed property of",
    "Peaceful protest": "protested", "Sexual violence": "sexually assaulted",
    "Protest with intervention": "protested and were dispersed by", "Excessive force against protesters":
    "protested and were met with lethal force by", "Violent demonstration": "rioted against",
    "Mob violence": "attacked", "Chemical weapon": "used a chemical weapon",
    "Change to group/activity": "changed its activity", "Headquarters or base established": "established a base",
    "Non-violent transfer of territory": "took over territory without fighting",
}


def make_note(e: Event) -> str:
    """A one-line ACLED-style summary built from the coded fields."""
    when = "On an unknown date"
    if e.date:
        y, m, d = e.date.split("-")
        if e.time_precision == 3:
            when = f"In {_MONTH_NAMES[int(m) - 1]} {y}"
        else:
            when = f"{'On' if e.time_precision == 1 else 'Around'} {int(d)} {_MONTH_NAMES[int(m) - 1]} {y}"
    who = e.actor1 or "an unidentified group"
    verb = _VERB.get(e.sub_event_type, "was involved in an event with")
    target = ""
    if e.sub_event_type in ("Armed clash", "Attack", "Abduction/forced disappearance", "Arrests",
                            "Disrupted weapons use", "Looting/property destruction", "Sexual violence"):
        target = f" {e.actor2}" if e.actor2 else (" unidentified people" if verb.endswith(("attacked", "abducted", "arrested")) else "")
    elif e.targets:
        target = f" targeting a {e.targets[0].lower()}"
    where = ""
    if e.location and e.geo_precision == 2 and e.admin2 and e.admin2 == e.location:
        where = f" in {e.admin2} district" + (f" ({e.admin1})" if e.admin1 else "")
    elif e.location:
        detail = ", ".join(x for x in (f"{e.admin2} district" if e.admin2 else None, e.admin1) if x and x != e.location)
        where = f" in {e.location}" + (f" ({detail})" if detail else "")
    toll = ""
    if e.fatalities:
        toll = f", killing {e.fatalities}"
    elif e.fatalities == 0:
        toll = ", with no fatalities reported"
    if e.injured:
        toll += f"{' and' if e.fatalities else ','} injuring {e.injured}"
    return f"{when}, {who} {verb}{target}{where}{toll}."

