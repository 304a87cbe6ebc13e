"""Events: sentences that report violence, grouped into ACLED-coded events.

Flow: each sentence with a trigger becomes a Mention (its triggers, counts, dates, places,
actors); consecutive mentions about the same place and day form one event; a new place,
a new day or a phrase like "in a separate attack" starts another. Aggregates over a
period become statistics; threatened, hypothetical or negated violence is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Event, Place, Statistic
from .actors import CIVILIANS, EXTERNAL, PROTESTERS, REBEL, RIOTERS, STATE, ActorMention, interaction
from .dates import DateMention
from .lexicon import (
    DENIED_REPORT, GENERIC_BEFORE, GENERIC_SENTENCE, HYPOTHETICAL, NEGATED, PERIOD, RANK, RECOVERED, TARGETS,
    TYPES, WEAPONS, Trigger,
)
import calendar
from collections import Counter

from .responsibility import DENIED_RESPONSIBILITY
from .numbers import FIGURE, SIDE_WORDS, Count, figure_value, tally, word_number

_PEOPLE_NOUNS = "|".join(f"(?:{p})" for p in SIDE_WORDS.values())

Span = tuple[int, int]

# Hints that never make an event on their own once a violent event is under way.
_FOLLOW_UPS = {"Arrests", "Disrupted weapons use", "Looting/property destruction", "Peaceful protest", "Agreement",
               "Change to group/activity", "Headquarters or base established", "Non-violent transfer of territory"}
_WEAK = re.compile(r"^(?:killed|killing|martyred|slain|fighting|fought|combat|destroyed|assault(?:ed)?|hostages?|encounters?)$", re.I)
_SPEECH_BEFORE_DATE = re.compile(
    r"\b(?:said|says|told|stated|announced|added|claimed|confirmed|statement|remarks|aired|wrote|posted|"
    r"responsibility|reported|revised|updated|denied|condemned|vowed|warned)\b(?:\s+\w+){0,2}\s*$", re.I)
_STATE_AGENT_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:killed|arrested|detained|apprehended|neutrali[sz]ed|eliminated|conducted|launched|carried\s+out|"
    r"raided|repulsed|foiled|thwarted|defused|recovered|seized|gunned\s+down|shot\s+dead|targeted|"
    r"engaged|cordoned|busted|captured|rescued|retaliated|responded)\b",
    re.I,
)
# Verbs a force does to others, taken only right after the force is named ("troops attacked",
# "UPDF kills"): further away they are somebody else's ("police forces, when the cadres attacked").
_STATE_VERB_NEXT = re.compile(
    r"\s+(?:(?:also|reportedly|allegedly|then|later|have|has|had)\s+)?(?:attacked|ambushed|bombed|shelled|struck|"
    r"pounded|stormed|shot|fired\s+(?:on|at|into|upon)|opened\s+fire|executed|tortured|beat|kills|attacks|raids|"
    r"arrests|shoots|bombs|strikes|ambushes|repels|repulses|raided|killed)\b", re.I)
_PASSIVE_BETWEEN = re.compile(r"\b(?:were|was|been|being|is|are)\b", re.I)
_OPERATION = re.compile(r"\b(?:intelligence[- ]based\s+operation|ibo|search\s+operation|clearance\s+operation|"
                        r"military\s+operation|security\s+operation|combing\s+operation|operation\s+against|"
                        r"(?:police|army|military|security|joint)\s+(?:anti-\w+\s+)?(?:raids?|operations?|crackdowns?|"
                        r"encounters?|shootouts?)|(?:killed|shot|beaten|injured|wounded)\s+by\s+(?:the\s+)?"
                        r"(?:police|soldiers|troops|army|military|security\s+forces))\b", re.I)


@dataclass
class Mention:
    """One sentence that reports violence."""

    span: Span
    triggers: list[Trigger]
    counts: list[Count]
    dates: list[DateMention]
    places: list[Place]
    actors: list[ActorMention]
    separate: bool = False

    @property
    def hint(self) -> str:
        return min((t.hint for t in self.triggers), key=lambda h: RANK[h])

    @property
    def district(self) -> tuple[str | None, str | None]:
        """The district the sentence names (not where the story was filed or somebody spoke)."""
        for p in self.places:
            if p.admin2 and p.role not in ("dateline", "speaker", "nationality"):
                return p.admin1, p.admin2
        return (None, None)


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)

    def hints(self) -> list[str]:
        return [t.hint for m in self.mentions for t in m.triggers]


_WEAPON_HINTS = {"Suicide bomb", "Remote explosive/landmine/IED", "Grenade", "Shelling/artillery/missile attack"}
_WEAPON_NOUN = re.compile(r"(?:vest|jacket|explosives?|grenades?|ieds?|devices?|bombs?|mines?|rockets?|mortars?|"
                          r"dynamite|detonators?|rpgs?|missiles?|heavy\s+weapons)$", re.I)
# The weapon was used: a grenade hurled that did not explode is still an attack.
_USED = re.compile(r"\b(?:hurled|threw|thrown|lobbed|attacked|targeted|fired|exploded|went\s+off|struck|hit|injur(?:ed|ing)|"
                   r"killed|killing|wound(?:ed|ing)|detonated)\b", re.I)
_RETALIATION = re.compile(r"\b(?:in\s+retaliation|retaliat(?:ed|ing|ory)|in\s+response|responded\s+(?:by|with)|returned\s+fire)\b", re.I)
_SEIZED_AFTER = re.compile(r"^[^.;]{0,60}?\b(?:were|was|have\s+been|had\s+been)\s+(?:also\s+)?(?:seized|recovered|found|"
                           r"confiscated|defused|diffused|taken\s+into\s+possession)\b", re.I)
# "the blast", "Friday's attack", "the convoy was targeted": the story goes on about the same event.
_DEFINITE = re.compile(r"\b(?:the|this|that|its|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|"
                       r"Sunday's|yesterday's|today's|last\s+night's)\s+(?:\w+\s+){0,2}$", re.I)


def keep_trigger(sentence: str, sent_start: int, trig: Trigger) -> bool:
    """False for threatened, hypothetical, negated, infinitive or generic plural mentions."""
    before = sentence[max(0, trig.start - sent_start - 70): trig.start - sent_start]
    clause = re.split(r"[,;:—–]|\bbut\b|\band\b(?=\s+\w+\s+(?:said|added))", before)[-1]
    if HYPOTHETICAL.search(clause):
        return False
    if NEGATED.search(before[-30:]) or DENIED_REPORT.search(before):
        return False
    if trig.hint in _WEAPON_HINTS and _WEAPON_NOUN.search(trig.text) and RECOVERED.search(before):
        return False
    after = sentence[trig.end - sent_start: trig.end - sent_start + 70]
    if trig.hint in _WEAPON_HINTS and _WEAPON_NOUN.search(trig.text) and _SEIZED_AFTER.match(after):
        return False  # "two hand grenades ... were also seized"
    if re.search(r"\bto\s+(?:carry\s+out\s+|conduct\s+|launch\s+|stage\s+)?$", before) and not re.search(
            r"\b(?:claimed|claims|said|reported(?:ly)?|is\s+believed|are\s+believed|appears?)\s+to\s+(?:have\s+)?$", before):
        return False  # "armed to attack", "plans to carry out attacks"
    if _EVENT_NOUN_PLURAL.fullmatch(trig.text) and GENERIC_BEFORE.search(before[-40:]):
        return False  # "frequent attacks"; but "several grenades" is one attack's weapons
    if _BARE_VERB.fullmatch(trig.text) and _HABITUAL_SUBJECT.search(before[-25:]):
        return False  # "those who attack our soldiers": what people do, not what happened
    return True


_BARE_VERB = re.compile(r"attack|kill|shoot|bomb|target|fight|ambush|raid|abduct|kidnap", re.I)
_HABITUAL_SUBJECT = re.compile(r"\b(?:who|which|that|they|we|you|those|people|groups)\s+(?:\w+\s+)?$", re.I)


_EVENT_NOUN_PLURAL = re.compile(
    r"(?:\w+\s+)*(?:attacks|ambushes|raids|bombings|blasts|explosions|clashes|shootings|killings|abductions|"
    r"kidnappings|strikes|encounters|operations|assaults|skirmishes|gunfights|firefights|incidents)", re.I)


# Plurals that name one episode: "clashes erupted", "skirmishes in the town".
_ONE_EPISODE = re.compile(r"clashes|skirmishes|exchanges\s+of\s+fire|gunfights|firefights", re.I)


def is_background(sentence: str, triggers: list[Trigger], counts: list[Count]) -> bool:
    """A sentence about violence in general, not one event: plural triggers and no figure."""
    if any(c.value > 0 for c in counts):
        return False
    plural = all(_EVENT_NOUN_PLURAL.fullmatch(t.text) and not _ONE_EPISODE.fullmatch(t.text) for t in triggers)
    return plural or bool(GENERIC_SENTENCE.search(sentence))


# An earlier incident recalled as background: "in 2019", "five years ago", "last year", "the
# 2006 war", "since the attack", an anniversary.
_PAST_MARKERS = re.compile(
    r"\b(?:(?:\w+|\d+)\s+(?:years?|decades?)\s+(?:ago|earlier|after|before|since)|last\s+year|anniversary|"
    r"(?:a|one|two|three|several|many)\s+(?:years?|decades?)\s+(?:ago|earlier)|"
    r"(?:the\s+)?(?:19|20)\d{2}\s+(?:war|conflict|attacks?|bombings?|massacre|uprising|offensive|invasion|fighting))\b",
    re.I)
_YEAR = re.compile(r"\b(?:in|since|during|of|from)\s+(?:\w+\s+)?((?:19|20)\d{2})\b", re.I)
# How long before publication an incident may have happened and still be news.
_STALE_DAYS = 30


def is_past(sentence: str, dates: list[DateMention], published: str | None) -> bool:
    """A sentence about an incident long before the article's date: background, not a report."""
    if _PAST_MARKERS.search(sentence):
        return True
    if not published:
        return False
    year = int(published[:4])
    if any(int(y) < year for y in _YEAR.findall(sentence)):
        return True
    from datetime import date

    day = date.fromisoformat(published[:10])
    return any((day - date.fromisoformat(d.date)).days > _STALE_DAYS for d in dates if d.date)


_SOFT = re.compile(r"^(?:attack(?:ed|s|ing)?|assault(?:ed)?|raid(?:ed|s)?|storm(?:ed|ing)|clash(?:ed|es)?|"
                   r"fighting|fought|combat|encounters?|target(?:ed|ing)?|hostages?|destroyed|killed|killing|"
                   r"injured|wounded)$", re.I)


def is_supported(sentence: str, sent_start: int, triggers: list[Trigger], counts: list[Count],
                 actors: list[ActorMention]) -> bool:
    """A soft verb ("attacked the plan", "fighting inflation") needs violent context to count."""
    if any(not _SOFT.match(t.text) for t in triggers):
        return True
    if any(c.value > 0 for c in counts):
        return True
    if any(a.kind in (REBEL, 3, STATE, 8) for a in actors):
        return True
    if WEAPONS.search(sentence):
        return True
    # The thing attacked, right after the verb: "attacked a checkpost", not "schools ... attacked the plan".
    return any(TARGETS.search(sentence[t.end - sent_start: t.end - sent_start + 50]) for t in triggers)


_SUPERLATIVE = re.compile(r"\b(?:one\s+of\s+the|deadliest|heaviest|worst|biggest|largest|bloodiest|most\s+\w+|highest)\b"
                          r"[^.;]{0,80}?\b(?:this\s+year|in\s+(?:years|decades|a\s+decade|(?:19|20)\d{2})|since)\b", re.I)


def is_statistic(sentence: str, counts: list[Count], dates: list[DateMention] | None = None) -> bool:
    """An aggregate over a period, not one attack ("one of the deadliest attacks this year" is one)."""
    if not PERIOD.search(sentence) or not any(c.value >= 2 for c in counts):
        return False
    if _SUPERLATIVE.search(sentence):
        return False
    day_dates = [d for d in (dates or []) if d.precision == 1]
    if re.search(r"\b(?:yesterday|today|a\s+day\s+(?:earlier|before)|last\s+night)\b", sentence, re.I):
        return False
    return not re.search(r"\bon\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", sentence, re.I) or not day_dates


_PEOPLE_FIGURE = re.compile(
    rf"\b(?P<fig>{FIGURE})\s+(?:of\s+)?(?P<noun>(?:[A-Za-z-]+\s+){{0,2}}?(?:{_PEOPLE_NOUNS}))\b"
    rf"(?:\s+(?:and|or)\s+(?P<noun2>(?:{_PEOPLE_NOUNS})))?",
    re.I,
)


def make_statistics(sentence: str, start: int, counts: list[Count], places: list[Place],
                    vague: dict[str, int]) -> list[Statistic]:
    """One statistic per figure of people in an aggregate sentence ("more than 200 soldiers")."""
    m = PERIOD.search(sentence)
    period_start = period_end = None
    year = re.search(r"(19|20)\d{2}", m.group(0)) if m else None
    if year:
        y = year.group(0)
        period_start, period_end = f"{y}-01-01", f"{y}-12-31"
        months = re.search(r"first\s+(\w+)\s+months", m.group(0), re.I)
        if months:
            n = min(word_number(months.group(1)) or 12, 12)
            period_end = f"{y}-{n:02d}-{calendar.monthrange(int(y), n)[1]:02d}"
    kind = "injured" if all(c.kind == "injured" for c in counts) else "killed"
    place = next((p.name for p in places if p.role not in ("speaker", "nationality") and p.feature != "country"),
                 None) or next((p.name for p in places if p.role not in ("speaker", "nationality")), None)
    out = []
    for f in _PEOPLE_FIGURE.finditer(sentence):
        value = figure_value(f.group("fig"), vague)
        if not value or re.fullmatch(r"(?:19|20)\d{2}", f.group("fig")):
            continue
        noun = " and ".join(x for x in (f.group("noun"), f.group("noun2")) if x).lower()
        noun = re.sub(r"\s+", " ", noun)
        out.append(Statistic(value, f.group(0), f"{noun} {kind}", period_start, period_end, place,
                             [(start + f.start(), start + f.end())]))
    if not out:
        c = max(counts, key=lambda c: c.value)
        out.append(Statistic(c.value, c.phrase, f"people {c.kind}", period_start, period_end, place, [(c.start, c.end)]))
    return out


def _event_dates(m: Mention, text: str) -> list[DateMention]:
    """Dates in a mention that date the violence, not a statement about it, nor the
    dateline's date of filing ("KYIV, May 31 —")."""
    return [d for d in m.dates if not _SPEECH_BEFORE_DATE.search(text[max(0, d.start - 40): d.start])
            and not _in_dateline(text, d)]


_DATELINE_DATE = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?[—–-]+\s")


def _in_dateline(text: str, d: DateMention) -> bool:
    line_start = text.rfind("\n", 0, d.start) + 1
    head = text[line_start:d.start]
    return bool(re.fullmatch(r"[ \t]*[A-Z][A-Za-z .'’-]{1,40},(?:\s*[A-Z][A-Za-z .'-]{1,30},)?\s*", head)
                and _DATELINE_DATE.match(text, d.end))


def refers_back(triggers: list[Trigger], text: str) -> bool:
    """Every trigger is a definite reference: "the blast", "Friday's attack"."""
    return bool(triggers) and all(_DEFINITE.search(text[max(0, t.start - 30): t.start]) for t in triggers)


def _refers_back(m: Mention, text: str) -> bool:
    """Every trigger is definite ("the blast") and the sentence names no new day or figure."""
    if any(c.value > 0 and not c.update for c in m.counts) and not all(
            _DEFINITE.search(text[max(0, t.start - 30): t.start]) for t in m.triggers):
        return False
    if any(d.precision == 1 and not re.match(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'s", d.text)
           for d in m.dates if not _SPEECH_BEFORE_DATE.search(text[max(0, d.start - 25): d.start])):
        return False
    return all(_DEFINITE.search(text[max(0, t.start - 30): t.start]) for t in m.triggers)


def cluster_mentions(mentions: list[Mention], text: str) -> list[Cluster]:
    clusters: list[Cluster] = []
    for m in mentions:
        current = clusters[-1] if clusters else None
        if current is None:
            clusters.append(Cluster([m]))
            continue
        cur_hints = current.hints()
        violent_now = any(h not in _FOLLOW_UPS for h in cur_hints)
        if m.hint in _FOLLOW_UPS and violent_now and not m.separate:
            current.mentions.append(m)  # arrests or a defused bomb after an attack: part of its story
            continue
        new = m.separate
        if not new and _refers_back(m, text):
            current.mentions.append(m)
            continue
        a1, a2 = m.district
        _, c_a2 = _cluster_district(current)
        if a2 and c_a2 and a2 != c_a2:
            new = True
        day = next((d.date for d in _event_dates(m, text) if d.precision == 1), None)
        c_day = next((d.date for mm in current.mentions for d in _event_dates(mm, text) if d.precision == 1), None)
        if day and c_day and day != c_day:
            new = True
        if new and not _adds_anything(m):
            new = False  # "the attack" restated with only a new date of a statement
        if new:
            clusters.append(Cluster([m]))
        else:
            current.mentions.append(m)
    # A later cluster with no place, figure or date of its own is the story talking about an
    # event it already reported ("the bombing prompted criticism"): fold it back in.
    merged: list[Cluster] = []
    for c in clusters:
        if merged and not _has_own_facts(c, text):
            merged[-1].mentions.extend(c.mentions)
        else:
            merged.append(c)
    return merged


def _has_own_facts(c: Cluster, text: str) -> bool:
    return any(
        any(p.role not in ("dateline", "speaker", "nationality") and p.feature != "country" for p in m.places)
        or any(cnt.value > 0 for cnt in m.counts) or _event_dates(m, text) or m.separate
        for m in c.mentions
    )


def _adds_anything(m: Mention) -> bool:
    return bool(m.places or m.counts or any(not _WEAK.match(t.text) for t in m.triggers))


def _cluster_district(c: Cluster) -> tuple[str | None, str | None]:
    for m in c.mentions:
        d = m.district
        if d[1]:
            return d
    return (None, None)


def build_event(cluster: Cluster, text: str, published: str | None, claims_of_responsibility: list[ActorMention],
                gaz, vague: dict[str, int], all_dates: list[DateMention],
                article_country: str | None = None) -> Event | None:
    mentions = cluster.mentions
    triggers = [t for m in mentions for t in m.triggers]
    # What the other side did in response ("fired mortar shells in retaliation") does not
    # set the event's type when the original attack is also described.
    primary = [t for t in triggers if not _RETALIATION.search(text[max(0, t.start - 60): t.end + 40])]
    best = min(primary or triggers, key=lambda t: RANK[t.hint])
    counts = [c for m in mentions for c in m.counts]
    killed = tally(counts, "killed")
    injured = tally(counts, "injured")
    actors = [a for m in mentions for a in m.actors]

    # -- where ----------------------------------------------------------------------------
    place_fields, place_spans = _locate(mentions, gaz)
    # The country is where the event happened, else what the article is about; never a default.
    country_code = place_fields.get("country") or article_country
    country_name = gaz.country_name(country_code)

    # -- who ------------------------------------------------------------------------------
    state_agent = _state_is_agent(mentions, text)
    groups = perpetrators(mentions, text, best.hint)
    if state_agent is not None and groups and 0 <= groups[0].start < state_agent.start:
        state_agent = None  # the group acted first ("BLF targeted a site, upon which Levies fired")
    groups += [a for a in claims_of_responsibility if a not in groups]
    generic = [a for a in actors if a.kind == 3]
    state = [a for a in actors if a.kind == STATE]
    civilians = [a for a in actors if a.kind == CIVILIANS]
    sides = killed.by_side
    security_hit = sides.get("security", 0) > 0 or any(c.side == "security" for c in counts)
    civilian_hit = any(c.side == "civilians" for c in counts) or bool(civilians)
    targets = _unique(m.group(0) for m in _finditer_in(TARGETS, text, mentions))
    military_target = any(re.search(r"military|army|security|police|fc|frontier|check|convoy|post|camp|cantonment|garrison|station|patrol|base", t, re.I) for t in targets)

    if state_agent or best.hint in ("Arrests", "Disrupted weapons use", "Government regains territory"):
        actor1 = state_agent or (state[0] if state else None)
        opponent = groups[0] if groups else (generic[0] if generic else None)
        armed_dead = killed.by_side.get("attackers", 0) > 0
        if civilian_hit and not security_hit and not armed_dead and _target_side(mentions, text) != "security":
            # "an airstrike killed 17 civilians": the people hit, not a group named in passing
            opponent = civilians[0] if civilians else ActorMention("Civilians ({country})", CIVILIANS, -1, -1, "")
        actor2 = opponent
    else:
        actor1 = groups[0] if groups else (generic[0] if generic else None)
        if actor1 is None and best.hint != "Peaceful protest":
            actor1 = ActorMention("Unidentified Armed Group ({country})", 3, -1, -1, "")
        if security_hit or military_target or (state and not civilian_hit):
            actor2 = state[0] if state else None
        elif civilian_hit:
            actor2 = civilians[0] if civilians else ActorMention("Civilians ({country})", CIVILIANS, -1, -1, "")
        else:
            actor2 = state[0] if state else None

    # -- what -----------------------------------------------------------------------------
    sub = best.hint
    target_side = _target_side(mentions, text)
    if target_side == "civilians" and not security_hit:
        civilian_hit = True
    if target_side == "security":
        security_hit = True
    story = " ".join(text[m.span[0]:m.span[1]] for m in mentions)
    if sub in ("Grenade", "Remote explosive/landmine/IED") and (_CLASH.search(story) or _GUNFIRE.search(story)):
        sub = "Violence"  # explosives used in a gunfight: ACLED codes the clash
    elif sub == "Shelling/artillery/missile attack" and _FIREFIGHT.search(story):
        sub = "Violence"  # rockets fired in a gunfight (not the other side answering shelling)
    # A device defused or weapons seized in a raid: the bomb nouns describe what was stopped.
    hints = {t.hint for t in triggers}
    if sub in _WEAPON_HINTS and all(_WEAPON_NOUN.search(t.text) for t in triggers if t.hint in _WEAPON_HINTS) and (
            hints & {"Disrupted weapons use", "Arrests"}) and not _USED.search(story):
        sub = "Disrupted weapons use" if "Disrupted weapons use" in hints else "Arrests"
        if not state_agent and state:
            state_agent = state[0]
        if state_agent:
            actor1, actor2 = state_agent, (groups[0] if groups else (generic[0] if generic else None))
    if sub == "Violence":
        security_dead = killed.by_side.get("security", 0) > 0
        # Two armed sides make a clash: fighters among the dead, a fight described, or forces
        # acting against a group. Otherwise the people shot were the unarmed side.
        armed_victims = any(c.side == "attackers" and not _UNARMED_SUSPECT.search(c.who or "") for c in counts)
        fight = bool(_CLASH.search(story))
        if state_agent:
            victims_civilian = not (armed_victims or fight or target_side == "security" or security_hit or (
                actor2 is not None and actor2.kind != CIVILIANS))
        elif target_side == "civilians" and not security_dead:
            victims_civilian = True  # the person fired at or shot decides, not places named in passing
            if actor2 is not None and actor2.kind != CIVILIANS:
                actor2 = None
        elif target_side == "security":
            victims_civilian = False
        else:
            victims_civilian = not (security_hit or military_target or armed_victims or fight or (
                actor2 is not None and actor2.kind != CIVILIANS))
        if victims_civilian and (actor2 is None or actor2.kind == CIVILIANS):
            sub = "Attack"
            if actor2 is None:
                actor2 = ActorMention("Civilians ({country})", CIVILIANS, -1, -1, "")
        else:
            sub = "Armed clash"
    if sub in _CROWD_TYPES:
        actor1, actor2 = _crowd_actors(sub, actors, state)
    event_type, disorder = TYPES[sub]
    civilian_targeting = sub in ("Attack", "Abduction/forced disappearance", "Sexual violence") or (
        event_type == "Explosions/Remote violence" and civilian_hit and not security_hit and not military_target
    )
    if sub in ("Abduction/forced disappearance", "Sexual violence") and (actor2 is None or actor2.kind != CIVILIANS):
        actor2 = ActorMention("Civilians ({country})", CIVILIANS, -1, -1, "")

    # -- when -----------------------------------------------------------------------------
    when = _event_date(mentions, text, published, all_dates)

    fatalities = killed.total
    fatalities_spans = killed.spans
    if fatalities is None and injured.total == 0:
        fatalities, fatalities_spans = 0, injured.spans  # "no one was hurt": nobody died either
    if fatalities is None and sub in _NON_LETHAL:
        fatalities = 0  # an arrest, an abduction or a defused bomb with no death reported
    if fatalities and all(c.claimed_by_group for c in counts if c.kind == "killed") and any(
            not c.claimed_by_group for c in counts if c.kind == "injured"):
        # Better-sourced reports give only injuries; the group's death claim is not the figure.
        fatalities, fatalities_spans = 0, injured.spans
    if fatalities is None and injured.total:
        fatalities, fatalities_spans = 0, injured.spans  # injuries reported and no deaths: none died
    weapons = _unique(m.group(0).lower() for m in _finditer_in(WEAPONS, text, mentions))
    victims = _unique(c.who for c in counts if c.side != "attackers" and c.value > 0 and c.who)
    a1 = actor1.canonical(country_name, country_code) if actor1 else None
    a2 = actor2.canonical(country_name, country_code) if actor2 else None
    if a1 and a2 and a1 == a2:
        a2 = None
    event = Event(
        event_type=event_type,
        sub_event_type=sub,
        disorder_type=disorder,
        date=when[0] if when else None,
        time_precision=when[1] if when else 3,
        actor1=a1,
        actor2=a2,
        interaction=interaction(_kind(actor1, country_code), _kind(actor2, country_code)),
        perpetrator_individuals=_unique(a.text for a in generic if a.text),
        perpetrator_organizations=_unique(
            a.text for a in ([actor1] if actor1 is not None and actor1.kind == STATE else []) + groups if a.text),
        targets=targets,
        victims=victims,
        weapons=weapons,
        fatalities=fatalities,
        fatalities_text=killed.phrase,
        fatalities_by_side=dict(killed.by_side),
        injured=injured.total,
        injured_text=injured.phrase,
        civilian_targeting=civilian_targeting,
        **place_fields,
    )
    event.country = country_name
    if country_code and not event.iso3:
        unit = gaz.country(country_code)
        event.iso3 = unit.iso3 if unit else None
    ev: dict[str, list[Span]] = {
        "event_type": [(t.start, t.end) for t in triggers if t.hint == best.hint][:3],
        "sub_event_type": [(best.start, best.end)],
    }
    if place_spans:
        ev["location"] = place_spans
        ev["admin2"] = place_spans
    if when:
        ev["date"] = [when[2]] if when[2] else []
    if fatalities_spans:
        ev["fatalities"] = fatalities_spans
    if injured.spans:
        ev["injured"] = injured.spans
    if actor1 and actor1.start >= 0:
        ev["actor1"] = [(actor1.start, actor1.end)]
    if actor2 and actor2.start >= 0:
        ev["actor2"] = [(actor2.start, actor2.end)]
    ev = {k: v for k, v in ev.items() if v}
    event.evidence = ev
    event.confidence = round(min(0.95, 0.4 + 0.12 * sum(k in ev for k in ("location", "date", "fatalities", "actor1")) + (0.05 if len(mentions) > 1 else 0)), 2)
    event.notes = make_note(event)
    return event


# Both sides shooting. A firefight is the attackers' own; a clash also counts the other side
# answering ("returned fire"), which does not turn shelling into a clash.
_FIREFIGHT_WORDS = (r"exchang(?:e|ed|ing)\s+(?:of\s+)?fire|exchanged\s+fire|gun\s?(?:fight|battle)|fire\s?fight|"
                    r"clash(?:ed|es)?|heavy\s+(?:weapons|weaponry|arms)|light\s+and\s+heavy|small\s+(?:arms|weapons)|sniper")
_FIREFIGHT = re.compile(rf"\b(?:{_FIREFIGHT_WORDS})\b", re.I)
_CLASH = re.compile(rf"\b(?:{_FIREFIGHT_WORDS}|retaliat\w+|returned\s+fire|fought\s+back|fight\s+back|repulsed|repelled|"
                    r"fighting|fights?|fought|battles?|battled|encounters?|shoot-?outs?|confrontations?|skirmish(?:es)?)\b", re.I)
# The attackers also shot: "opened fire and lobbed a grenade", "fired ... and conducted an IED explosion".
_GUNFIRE = re.compile(r"\b(?:fired\s+(?:at|on|upon|with)|opened\s+fire|firing|gunfire|automatic\s+weapons|small\s+arms|"
                      r"other\s+weapons|sniper)\b", re.I)
_TARGET_VERB = re.compile(
    r"\b(?:fired\s+(?:\w+\s+){0,4}?(?:at|on|upon)|opened\s+fire\s+(?:at|on)|targeted|targeting|attacked|"
    r"shot\s+dead|shot\s+and\s+killed|shot|"
    r"killed|gunned\s+down|ambushed|abducted|kidnapped|stabbed|assassinated|injured|wounded)\s+"
    r"(?P<np>[^.;,]{1,80})",
    re.I,
)
# The noun phrase ends at a preposition, a relative clause or a verb.
_NP_END = re.compile(r"\s(?:in|at|near|on|outside|inside|with|from|who|which|while|when|during|after|before|for|over|"
                     r"along|as|by|killing|injuring|wounding|and\s+(?:its|his|their)\s+(?!crew))\s", re.I)
_CIVILIAN_PLACES = re.compile(r"\b(?:labou?r(?:ers?)?|construction|workers'?|civilian|passenger|wedding|school|market|"
                              r"mosque|shrine|hospital|coal|mine|mining|company|contractor|tribal\s+leader|"
                              r"spying|informer)\b", re.I)
_ARMED_WORDS = re.compile(r"\b(?:death\s+squad|militia|pro-government|pro-state|state-backed|lashkar|peace\s+committee)\b", re.I)
_CIVILIAN_HEADS = re.compile(
    r"^(?:civilians?|persons?|people|man|men|woman|women|boys?|girls?|child(?:ren)?|labou?rers?|workers?|miners?|"
    r"shopkeepers?|traders?|drivers?|journalists?|teachers?|doctors?|students?|leaders?|politicians?|activists?|"
    r"brother(?:-in-law)?|sons?|relatives?|elders?|informants?|passengers?|villagers?|residents?|engineers?|"
    r"contractors?|employees?|officials?|councill?ors?|chairman|candidates?|worshipp?ers?|pilgrims?|house|home|"
    r"shops?|schools?|nationals?|citizens?|farmers?|herders?|trucks?|bus|buses|passers-by|family|poets?|writers?|"
    r"crew|company|compound|tankers?|members?|separatist|defector|lawyers?|judges?|clerics?|scholars?|functionar(?:y|ies)|"
    r"tribesm[ae]n|notables?|vendors?|labour|stall|market|hotel|restaurant|rickshaw|van)$", re.I)
_SECURITY_HEADS = re.compile(
    r"^(?:soldiers?|troops?|personnel|forces?|army|military|police(?:m[ae]n)?|policeman|officers?|constables?|"
    r"levies|fc|corps|convoy|patrol|posts?|check\s?-?posts?|checkpoints?|camps?|outposts?|bases?|stations?|"
    r"cantonment|garrison|headquarters|jawans?|commandos?|rangers|guards?|sho|ctd|unit|team|party|installations?|"
    r"positions?|strongholds?|hideouts?|fighters|militants|rebels|insurgents|gendarmes?|gendarmerie|militiam[ae]n|"
    r"vigilantes|warriors|raiders|militias?|"
    r"vehicles?|cars?|scouts|militia)$", re.I)


def _target_side(mentions: list[Mention], text: str) -> str | None:
    """Who was attacked: the noun phrase after "fired at", "targeted", "shot" ... in the event's sentences."""
    for m in mentions:
        for hit in _TARGET_VERB.finditer(text, m.span[0], m.span[1]):
            np = hit.group("np")
            cut = _NP_END.search(" " + np + " ")
            np = (" " + np + " ")[: cut.start()] if cut else np
            if re.search(r"\boff[- ]duty\b|\bunarmed\b|\bretired\b|\bformer\b", text[m.span[0]: m.span[1]], re.I):
                return "civilians"
            if _CIVILIAN_PLACES.search(np):
                return "civilians"  # "a labour camp", "a wedding party": not a military post
            if _ARMED_WORDS.search(np):
                return "security"  # pro-government militias are armed: a clash
            words = [w.strip("()'\"").lower() for w in np.split()]
            if any(re.fullmatch(r"military|army|security|police|fc|levies|frontier", w) for w in words):
                return "security"
            for word in reversed(words):
                if _SECURITY_HEADS.match(word):
                    return "security"
                if _CIVILIAN_HEADS.match(word):
                    return "civilians"
    return None


_NON_LETHAL = {"Arrests", "Disrupted weapons use", "Abduction/forced disappearance", "Looting/property destruction",
               "Peaceful protest", "Agreement", "Change to group/activity", "Headquarters or base established",
               "Non-violent transfer of territory"}


def _sentence_of(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    end = min((i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0), default=len(text))
    return text[start:end]


def _unique(items) -> list[str]:
    seen, out = set(), []
    for it in items:
        key = it.lower()
        if key not in seen:
            seen.add(key)
            out.append(it)
    return out


def _finditer_in(pattern: re.Pattern, text: str, mentions: list[Mention]):
    for m in mentions:
        s, e = m.span
        yield from pattern.finditer(text, s, e)


_ATTACK_NOUN = re.compile(r"(?:strikes?|missiles?|rockets?|artillery|shell(?:ing|s)|bombardment|drones?|jets|"
                          r"warplanes|aircraft|helicopters?|gunships?|tanks|raids?)$", re.I)


def _state_is_agent(mentions: list[Mention], text: str) -> ActorMention | None:
    """State forces acting ("security forces killed five militants in an IBO") rather than hit."""
    for m in mentions:
        s, e = m.span
        sentence = text[s:e]
        for a in m.actors:
            if a.kind != STATE:
                continue
            if a.nation and _ATTACK_NOUN.search(a.text):
                return a  # "an Israeli strike", "Russian missiles": the state named is the attacker
            if _STATE_VERB_NEXT.match(text, a.end):
                return a
            after = text[a.end: e]
            hit = _STATE_AGENT_AFTER.search(after)
            if hit and not _PASSIVE_BETWEEN.search(after[: hit.end()]):
                # "soldiers ... repulsed the attack" yes; "the police said two were killed" no.
                if not re.search(r"\b(?:said|say|says|told|claimed)\b", after[: hit.start()], re.I):
                    return a
        if _OPERATION.search(sentence):
            state = [a for a in m.actors if a.kind == STATE]
            if state:
                return state[0]
    return None


_UNARMED_SUSPECT = re.compile(r"\bsuspects?\b", re.I)  # "a drug suspect" is not a fighter
_PROTESTS = {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
_CROWD_TYPES = _PROTESTS | {"Violent demonstration", "Mob violence"}


def _crowd_actors(sub: str, actors: list[ActorMention], state: list[ActorMention]):
    """Protests are coded with the protesters as actor1, riots with the rioters; the police
    or army facing them is actor2; a mob's victims are civilians."""
    kind = PROTESTERS if sub in _PROTESTS else RIOTERS
    crowd = next((a for a in actors if a.kind == kind), None) or ActorMention(
        "Protesters ({country})" if kind == PROTESTERS else "Rioters ({country})", kind, -1, -1, "")
    if sub == "Mob violence":
        other = next((a for a in actors if a.kind == CIVILIANS), None) or ActorMention(
            "Civilians ({country})", CIVILIANS, -1, -1, "")
    elif sub == "Peaceful protest":
        other = None
    else:
        other = state[0] if state else None
    return crowd, other


def _kind(actor: ActorMention | None, country_code: str | None) -> int | None:
    """ACLED actor type; a state's forces acting outside their own country are external (8)."""
    if actor is None:
        return None
    if actor.kind == STATE and actor.nation and country_code and actor.nation != country_code:
        return EXTERNAL
    return actor.kind


_BY_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:by|from|of|belonging\s+to|linked\s+to|affiliated\s+with|"
                       r"loyal\s+to|blamed\s+on|attributed\s+to)\s+(?:the\s+|a\s+)?(?:suspected\s+|alleged\s+)?$", re.I)
# Before a group that is acted upon, spoken about or merely compared: not the perpetrator.
_OBJECT_BEFORE = re.compile(
    r"\b(?:against|on|targeting|targeted|hideouts?\s+of|positions?\s+of|bases?\s+of|camps?\s+of|accused|accusing|"
    r"said|told|denied|condemned|than|like|such\s+as|rival|former|ex-)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}$", re.I)


# Between a trigger and a group, words that start a new clause or name an agent: "killed
# when BLA attacked", "a bomb planted by militants (coded as ...)".
_CLAUSE_GAP = re.compile(r"[,;(]|\b(?:when|as|after|while|because|before|and|but|that|who|which|where|since|until|"
                         r"by|used|carried|planted|claimed|with|between)\b", re.I)


def perpetrators(mentions: list[Mention], text: str, hint: str | None = None) -> list[ActorMention]:
    """Named groups the text makes the perpetrators of this event's violence.

    A group named in a sentence that reports the violence is taken unless the sentence makes
    it something else: the one attacked ("soldiers raided JNIM hideouts"), the one spoken to
    or about ("accused Hamas"), the agent only of something non-violent in the same story
    ("weapons seized by the Taliban"), or the one denying it. "An attack by al-Shabaab" and
    "blamed on the TTP" name the agent outright. ``hint``: the event's type; a violent event
    takes its perpetrators only from sentences with violent triggers."""
    violent = hint is not None and hint not in _FOLLOW_UPS
    out: list[ActorMention] = []
    for m in mentions:
        triggers = [t for t in m.triggers if not violent or t.hint not in _FOLLOW_UPS]
        if not triggers:
            continue
        for a in m.actors:
            if a.kind == STATE or not a.named_group or a in out:
                continue
            if DENIED_RESPONSIBILITY.search(_sentence_of(text, a.start)):
                continue
            before = [t for t in triggers if t.end <= a.start]
            if any(_BY_AFTER.match(text[t.end: a.start]) for t in before):
                out.append(a)
            elif before and a.start - before[-1].end <= 30 and not _CLAUSE_GAP.search(text[before[-1].end: a.start]):
                continue  # right after the violence: its object ("attacked ISWAP positions")
            elif not _OBJECT_BEFORE.search(text[max(m.span[0], a.start - 40): a.start]):
                out.append(a)
    return out


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
            if earlier:
                d = earlier[-1]
                return d.date, d.precision, (d.start, d.end)
    # The lead sentence usually carries the day ("... on Friday").
    lead = [d for d in all_dates if d.start < min(first, 400) and d.precision <= 2
            and not _SPEECH_BEFORE_DATE.search(text[max(0, d.start - 40): d.start])]
    if lead:
        d = lead[0]
        return d.date, d.precision, (d.start, d.end)
    if published:
        return published[:10], 2, None  # undated report: as reported, approximately
    return None


def _locate(mentions: list[Mention], gaz) -> tuple[dict, list[Span]]:
    """Pick the event's place: the most specific non-speaker place, checked against districts named."""
    places = [p for m in mentions for p in m.places if p.role not in ("speaker", "dateline", "nationality")]
    datelines = [p for m in mentions for p in m.places if p.role == "dateline"]
    if datelines and all(p.feature in ("admin1", "country") for p in places) and all(
            p.feature == "country" and p.country == datelines[0].country or p.admin1 == datelines[0].admin1 for p in places):
        # The dateline is where the story was filed; use it only when the story names nothing
        # more precise that disagrees with it ("QUETTA — ... in Balochistan").
        places = datelines + places
    if not places:
        return {}, []
    rank = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}
    districts = [p for p in places if p.feature == "admin2"]
    towns = [p for p in places if p.feature == "city"]
    chosen: Place | None = None
    precision = 3
    if towns:
        town = towns[0]
        # A district and a town of different countries: one is misread; the one whose country
        # the event's other places share is right.
        by_country = Counter(p.country for p in places)
        if any(d.country != town.country for d in districts) and not any(
                by_country[d.country] > by_country[town.country] for d in districts):
            districts = [d for d in districts if d.country == town.country]
        if districts and not any(d.admin2 == town.admin2 for d in districts):
            # The article names the district; trust it over the town's recorded district
            # unless the town is in the district's province (old GeoNames units).
            d = districts[0]
            if town.admin1 == d.admin1:
                chosen, precision = town, 1
                town_fields = _place_fields(town, 1)
                town_fields["admin2"] = d.admin2
                return town_fields, [(town.start, town.end), (d.start, d.end)]
            chosen, precision = d, 2
        else:
            chosen, precision = town, 1
    elif districts:
        chosen, precision = districts[0], 2
    else:
        chosen = min(places, key=lambda p: rank.get(p.feature or "country", 3))
        precision = 3
    fields = _place_fields(chosen, precision)
    if precision == 2 and chosen.feature == "admin2":
        seat = gaz.admin2_seat(chosen.country, chosen.admin1, chosen.admin2)
        if seat is not None:
            fields.update(location=seat.name, latitude=seat.latitude, longitude=seat.longitude, geonameid=seat.geonameid)
    elif precision == 3 and chosen.feature == "admin1":
        seat = gaz.admin1_seat(chosen.country, chosen.admin1)
        if seat is not None:
            fields.update(location=seat.name, latitude=seat.latitude, longitude=seat.longitude, geonameid=seat.geonameid)
    chosen.role = "event"
    return fields, [(chosen.start, chosen.end)]


def _place_fields(p: Place, precision: int) -> dict:
    p.role = "event"
    return {
        "location": p.name, "admin1": p.admin1, "admin2": p.admin2 if precision < 3 else None,
        "country": p.country, "iso3": p.iso3, "latitude": p.latitude, "longitude": p.longitude,
        "geonameid": p.geonameid, "geo_precision": precision,
    }


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
