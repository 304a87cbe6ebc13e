"""Mentions: the sentences that report violence, and how they group into one event's story.

Each sentence with a trigger becomes a Mention (its triggers, counts, dates, places, actors);
threatened, hypothetical, negated, generic and long-past violence is dropped; aggregates over a
period become statistics; consecutive mentions about the same place and day form one cluster,
and a new place, a new day or "in a separate attack" starts another.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from ..models import Place, Statistic
from ..textmatch import LATIN_LETTER, LATIN_UPPER
from .actors import IDENTITY_MILITIA, REBEL, STATE, ActorMention
from .dates import DateMention
from .lexicon import GENERIC_BEFORE, GENERIC_SENTENCE, HYPOTHETICAL, NEGATED, PERIOD, RANK, RECOVERED, TARGETS, \
    WEAPONS, CROWD_HINTS, DENIED_REPORT, Trigger
from .numbers import FIGURE, Count, figure_value, word_number
from .sides import SIDE_WORDS

_PEOPLE_NOUNS = "|".join(f"(?:{p})" for p in SIDE_WORDS.values())

Span = tuple[int, int]

# Hints that never make an event on their own once a violent event is under way.
_FOLLOW_UPS = {"Arrests", "Disrupted weapons use", "Looting/property destruction", "Peaceful protest", "Agreement",
               "Change to group/activity", "Headquarters or base established", "Non-violent transfer of territory"}
_WEAK = re.compile(r"^(?:killed|killing|martyred|slain|fighting|fought|combat|destroyed|assault(?:ed)?|hostages?|encounters?)$", re.I)
_SPEECH_BEFORE_DATE = re.compile(
    r"\b(?:said|says|told|stated|announced|added|claimed|confirmed|statement|remarks|aired|wrote|posted|"
    r"responsibility|reported|revised|updated|denied|condemned|vowed|warned)\b(?:\s+\w+){0,2}\s*$", re.I)
# "The army on Wednesday vowed to hunt down the planners of a suicide attack": the day of the
# reaction, not of the attack.
_REACTION_AFTER_DATE = re.compile(
    r"\s*,?\s*(?:vowed|pledged|promised|condemned|announced|said|warned|blamed|accused|denied|mourned|"
    r"buried|held\s+funeral|offered\s+funeral)\b", re.I)


def dates_a_statement(text: str, d) -> bool:
    """Does the date say when something was said or done about the violence, not when it happened?"""
    return bool(_SPEECH_BEFORE_DATE.search(text[max(0, d.start - 40): d.start])
                or _REACTION_AFTER_DATE.match(text, d.end))


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
            if p.admin2 and p.role not in ("dateline", "speaker", "nationality", "reference"):
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
    if HYPOTHETICAL.search(clause) and not _OWN_FINITE_VERB.search(clause + trig.text):
        return False
    if NEGATED.search(before[-30:]) or DENIED_REPORT.search(before):
        return False
    if trig.hint in _WEAPON_HINTS and _WEAPON_NOUN.search(trig.text) and RECOVERED.search(before):
        return False
    after = sentence[trig.end - sent_start: trig.end - sent_start + 70]
    if trig.hint in _WEAPON_HINTS and _WEAPON_NOUN.search(trig.text) and _SEIZED_AFTER.match(after):
        return False  # "two hand grenades ... were also seized"
    if re.search(r"\bto\s+(?:carry\s+out\s+|conduct\s+|launch\s+|stage\s+)?$", before) and not re.search(
            r"\b(?:claimed|claims|said|reported(?:ly)?|is\s+believed|are\s+believed|appears?)\s+to\s+(?:have\s+)?$", before) \
            and not (trig.hint == "Peaceful protest" and _DONE_TO_PROTEST.search(before)) \
            and not _WENT_ON_TO.search(before):
        return False  # "armed to attack", "plans to carry out attacks"
    if _EVENT_NOUN_PLURAL.fullmatch(trig.text) and GENERIC_BEFORE.search(before[-40:]):
        return False  # "frequent attacks"; but "several grenades" is one attack's weapons
    if _BARE_VERB.fullmatch(trig.text) and _HABITUAL_SUBJECT.search(before[-25:]):
        return False  # "those who attack our soldiers": what people do, not what happened
    if trig.hint not in CROWD_HINTS and _PROTESTED_OVER.search(sentence[max(0, trig.start - sent_start - 120): trig.start - sent_start]):
        return False  # "protested against the killing of a teacher": the cause of a protest
    return True


# "Soldiers continued to clash with separatists": the verb before the infinitive says it happened.
_WENT_ON_TO = re.compile(r"\b(?:continued|continues|continuing|began|begins|started|starts|resumed|went\s+on)\s+to\s+$", re.I)
# "Farmers gathered at the ministry to protest", "staged a march to protest": the protest was
# done, unlike "planned to protest" or "called on residents to protest".
_INTENT_VERBS = (r"planned|threatened|vowed|decided|called|urged|asked|invited|wanted|hoped|intended|refused|failed|"
                 r"prepared|agreed|promised|expected|scheduled|resolved|announced|pledged|warned|encouraged|allowed|"
                 r"permitted|banned|forbade|prevented|tried|attempted|sought|needed|used\s+to|"
                 r"planning|threatening|vowing|deciding|calling|urging|asking|inviting|wanting|hoping|intending|"
                 r"refusing|preparing|promising|expecting|resolving|announcing|pledging|warning|trying|seeking|"
                 r"going|set|likely|ready|able|unable")
_DONE_TO_PROTEST = re.compile(
    rf"\b(?!(?:{_INTENT_VERBS})\b)(?:\w+ed|held|took|went|came|wore|gathers?|stages?|invades?|walks?|marches|rallies|"
    rf"assemble[sd]?|poured|laid|sat|been|struck|shut|kept)\b(?:(?!\b(?:{_INTENT_VERBS})\b)[^.;]){{0,70}}\bto\s+$", re.I)


# "A councillor who planned to run for mayor was shot": a plan, wish or readiness that governs an
# infinitive inside a relative clause about the victim, then the trigger's own finite verb.
_OWN_FINITE_VERB = re.compile(
    r"\b(?:that|who|which)\s+(?:\w+\s+){0,2}?(?:plan(?:s|ned)?|intend(?:s|ed)?|want(?:s|ed)?|wish(?:es|ed)?|hoped?|"
    r"prepared|sought|was\s+ready|were\s+ready)\s+to\s+[^.;]{0,60}?\b(?:was|were)\s+(?:\w+\s+)?\w+$", re.I)


# A protest, then what it is about: the violence named there happened before, elsewhere.
_PROTESTED_OVER = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march(?:ed|es)?|sit-ins?|hartals?|strikes?|human\s+chain)\b"
    r"[^.;]{0,60}?\b(?:against|over|condemning|denouncing|to\s+(?:protest|denounce|condemn)|in\s+protest\s+(?:of|against)|"
    r"protesting|demanding|after|following|about|to\s+(?:remember|commemorate|honou?r|mourn|mark)|in\s+memory\s+of)\b"
    r"(?:(?!\b(?:when|as|while|but|by)\b)[^.;]){0,70}$", re.I)


_BARE_VERB = re.compile(r"attack|kill|shoot|bomb|target|fight|ambush|raid|abduct|kidnap", re.I)
_HABITUAL_SUBJECT = re.compile(r"\b(?:who|which|that|they|we|you|those|people|groups)\s+(?:\w+\s+)?$", re.I)


_EVENT_NOUN_PLURAL = re.compile(
    r"(?:\w+\s+)*(?:attacks|ambushes|raids|bombings|blasts|explosions|clashes|shootings|killings|abductions|"
    r"kidnappings|strikes|encounters|operations|assaults|skirmishes|gunfights|firefights|incidents)", re.I)


# Plurals that name one episode: "clashes erupted", "skirmishes in the town".
_ONE_EPISODE = re.compile(r"clashes|skirmishes|exchanges\s+of\s+fire|gunfights|firefights", re.I)


# A headline's present tense: "ONLF attacks Ethiopian soldiers", "Rebels raids a village": the
# plural-looking word is a verb when a named or armed subject stands before it and an object after.
_SUBJECT_BEFORE = re.compile(r"(?:\b[A-Z][\w-]*|\b[A-Z][\w-]*\s+\d+|\b(?:rebels|militants|gunmen|raiders|troops|soldiers|police|army|"
                             r"fighters|insurgents|militias?|bandits|attackers|assailants|group|gang|men|warriors|herders|"
                             r"jihadists|separatists|forces|mob))\s+$")
_OBJECT_AFTER = re.compile(r"\s+(?:the\b|a\b|an\b|[A-Z]|\d|two\b|three\b|several\b|civilian|villag|police|soldiers|"
                           r"troops|army|military|government|residents|farmers|traders)")


_AGGREGATE_SUBJECT = re.compile(
    r"\b(?:the|these|those|such)\s+(?:\w+\s+)?(?:attacks|bombings|raids|incidents|operations|killings)\s+"
    r"(?:have\s+|had\s+)?(?:killed|left|claimed)\b", re.I)


def _present_verb(sentence: str, sent_start: int, trig: Trigger) -> bool:
    at = trig.start - sent_start
    before, after = sentence[max(0, at - 40):at], sentence[at + len(trig.text):]
    return bool(_SUBJECT_BEFORE.search(before) and not GENERIC_BEFORE.search(before[-25:])
                and _OBJECT_AFTER.match(after) and " " not in trig.text)


def is_background(sentence: str, triggers: list[Trigger], counts: list[Count], sent_start: int = 0) -> bool:
    """A sentence about violence in general, not one event: plural triggers and no figure,
    or a figure whose subject is "the attacks" of a period ("the attacks killed 112 people")."""
    if _AGGREGATE_SUBJECT.search(sentence):
        return True
    if any(c.value > 0 for c in counts):
        return False
    plural = all(_EVENT_NOUN_PLURAL.fullmatch(t.text) and not _ONE_EPISODE.fullmatch(t.text)
                 and not _present_verb(sentence, sent_start, t) for t in triggers)
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


_SOFT = re.compile(r"^(?:(?:\w+\s+)?offensives?\s+\w+|battled|(?:a\s+|the\s+)?battle\s+\w+(?:\s+\w+)?|fights?\s+\w+(?:\s+\w+)?|fir(?:ing|ed)\s+\w+|encounter\w*.*|manhandled|ill-?treated|kick\w*|battles?\s+(?:between|with|against)|engag\w+.*|repel\w*|repuls\w*|captur\w+.*|tortur\w+|attack(?:ed|s|ing)?|assault(?:ed)?|raid(?:ed|s)?|storm(?:ed|ing)|clash(?:ed|es)?|"
                   r"fighting|fought|combat|encounters?|target(?:ed|ing)?|hostages?|destroyed|killed|killing|"
                   r"injured|wounded)$", re.I)


# A violent passive with its agent right after: "killed by", "attacked and beaten by a vigilante group".
# Not an institution's vote or a time ("killed by the senate", "by the end of the week").
_BY_AGENT = re.compile(r"(?:\s+and\s+\w+)?(?:\s+(?:on|in|at|near)\s+(?:\w+\s+){0,3}?\w+)?\s+by\s+(?!(?:the\s+|a\s+)?(?:end|time|way|night|noon|midnight|evening|morning|"
                       r"senate|parliament|assembly|congress|committee|courts?|judges?|council|cabinet|voters|lawmakers|"
                       r"legislators|board|commission|ministry|market|news|reports?|critics|opposition)\b)", re.I)
_ARMED_HEAD = re.compile(r"\b(?:militias?|militiamen|gunmen|raiders|fighters|attackers|assailants|warriors|vigilantes?|"
                         r"bandits|herdsmen|youths\s+armed|armed\s+(?:groups?|men))\b", re.I)


def _names_a_people(sentence: str) -> bool:
    from ..geo.national_terms import find_national_terms

    return any(t.kind == "people" for t in find_national_terms(sentence))


_CLASH_WORD = re.compile(r"clash(?:ed|es)?|fought|fighting|battles?\s+(?:between|with|against)", re.I)
_CROWD = re.compile(r"\b(?:supporters|youths|villagers|communities|community|militias?|tribesmen|clans?|herders|"
                    r"ethnic|tribal|inter-?tribal|communal|inter-?communal|sectarian|rebels|army|troops|soldiers|"
                    r"farmers|students|workers|rioters|mobs?|crowds?|rival\s+\w+|factions|gangs?|raiders|inmates|"
                    r"activists|cadres|party\s+members|picketers|blockaders)\b", re.I)


def is_supported(sentence: str, sent_start: int, triggers: list[Trigger], counts: list[Count],
                 actors: list[ActorMention]) -> bool:
    """A soft verb ("attacked the plan", "fighting inflation") needs violent context to count."""
    if any(not _SOFT.match(t.text) for t in triggers):
        return True
    if any(c.value > 0 for c in counts):
        return True
    if any(a.kind in (REBEL, 3, STATE, 8) for a in actors):
        return True
    if any(a.kind == IDENTITY_MILITIA and _ARMED_HEAD.search(sentence, a.start - sent_start, a.end - sent_start + 24)
           for a in actors):
        return True  # "Karamojong raiders", "Tiv militia": a communal group named as armed men
    if any(_BY_AGENT.match(sentence, t.end - sent_start) for t in triggers):
        return True  # "were killed by unidentified assailants": a passive naming who did it
    if WEAPONS.search(sentence):
        return True
    if any(_CLASH_WORD.match(t.text) for t in triggers) and (_CROWD.search(sentence) or _names_a_people(sentence)):
        return True  # "supporters of two candidates clashed", "clashes between Kikuyu and Maasai"
    if any(_PERSON_OBJECT.match(sentence, t.end - sent_start) for t in triggers) and not _CRITICISM.search(sentence):
        return True  # "attacked an activist", "assaulted two teachers": a person is the object
    # The thing attacked, right after the verb: "attacked a checkpost", not "schools ... attacked the plan".
    return any(TARGETS.search(sentence[t.end - sent_start: t.end - sent_start + 50]) for t in triggers)


def _person_object() -> re.Pattern:
    from .sides import SIDE_WORDS

    nouns = "|".join(f"(?:{p})" for p in SIDE_WORDS.values())
    return re.compile(rf"\s+(?:a|an|the|two|three|four|five|several|\d+|his|her|their|local)\s+(?:[\w-]+\s+){{0,2}}?"
                      rf"(?:{nouns})\b", re.I)


_PERSON_OBJECT = _person_object()
# Words of a quarrel, not a beating: "attacked the mayor over the budget", "for his remarks".
_CRITICISM = re.compile(r"\b(?:over\s+(?:the|his|her|their|a|an)\s+[\w-]+|for\s+(?:his|her|their|its)\s+[\w-]+|remarks|"
                        r"speech|statements?|interview|tweets?|criticis\w+|budget|polic(?:y|ies)|debate|verbally)\b", re.I)


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
    place = next((p.name for p in places if p.role not in ("speaker", "nationality", "reference") and p.feature != "country"),
                 None) or next((p.name for p in places if p.role not in ("speaker", "nationality", "reference")), None)
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
    return [d for d in m.dates if not dates_a_statement(text, d) and not in_dateline(text, d)]


_DATELINE_DATE = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?[—–-]+\s")
_DATELINE_HEAD = re.compile(rf"[ \t]*[{LATIN_UPPER}][{LATIN_LETTER} .'’-]{{1,40}},(?:\s*[{LATIN_UPPER}][{LATIN_LETTER} .'-]{{1,30}},)?\s*")


def in_dateline(text: str, d: DateMention) -> bool:
    line_start = text.rfind("\n", 0, d.start) + 1
    head = text[line_start:d.start]
    return bool(_DATELINE_HEAD.fullmatch(head)
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
        any(p.role not in ("dateline", "speaker", "nationality", "reference") and p.feature != "country" for p in m.places)
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


