"""The extraction pipeline: text + publication date in, typed Extraction out.

Stages, each a small function over the same text (offsets always index ``text``):
sentences -> actors -> places -> country -> per-sentence triggers, counts, dates ->
mentions (or out-of-scope incidents) -> clusters -> events; aggregates -> statistics;
attributions -> claims (claims of responsibility linked to their events).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..models import Extraction, OtherIncident
from ..nlp import sentences
from .actors import STATE, ActorMention, find_actors
from .budget import Budget
from .claims import find_claims
from .country import article_country, context_votes
from .dates import DateMention, find_dates, parse_iso
from .events import build_event
from .mentions import (
    Mention, cluster_mentions, in_dateline, is_background, is_past, is_statistic, is_supported, keep_trigger,
    make_statistics, refers_back,
)
from .incidents import group_incidents, is_diplomatic, is_out_of_scope, is_shooting, scope_hints
from .lexicon import ANY_TRIGGER, DENIED_REPORT, NO_SUCH_EVENT, NOT_POLITICAL, PROTEST_HINTS, SEPARATE_EVENT, find_triggers
from .numbers import OWN_DEAD, TOLL_UPDATE, find_counts
from .tally import tally
from .places import find_places
from .responsibility import CLAIMED_RESPONSIBILITY, DENIED_RESPONSIBILITY, responsibility_claims

_REPORTED = re.compile(r"\b(?:claimed|alleged|purported(?:ly)?|reportedly|circulating|shared|posts?|videos?)\b", re.I)

# Bumped whenever extraction output changes, so stored articles are re-extracted.
EXTRACTOR_VERSION = "0.6.9"


@dataclass
class _Article:
    """What every stage reads: the text and what was found in it once."""

    text: str
    published: str | None
    sents: list[tuple[int, int]]
    actors: list[ActorMention]
    places: list
    dates: list[DateMention]
    country: str | None


class Extractor:
    def __init__(self, settings: dict | None = None):
        from ..settings import settings_copy

        self.settings = settings or settings_copy()
        ex = self.settings["extract"]
        self.vague = {"several": ex["vague_several"], "few": ex["vague_few"], "many": ex["vague_many"]}
        self.min_confidence = ex["min_event_confidence"]
        self.parse_attributions = ex["parse_attributions"]
        self.max_chars, self.time_budget = int(ex["max_text_chars"]), float(ex["time_budget"])
        self.clock = time.monotonic  # what the time budget is measured with
        self.publisher_countries = {k.lower(): v.upper() for k, v in self.settings["geo"]["publisher_countries"].items()}

    def publisher_country(self, publisher: str | None) -> str | None:
        """The country configured for a publisher's host (a weak prior), if any."""
        host = (publisher or "").lower().removeprefix("www.")
        return self.publisher_countries.get(host)

    def extract(self, text: str, published: str | None = None, title: str = "",
                country_prior: str | None = None) -> Extraction:
        """``country_prior``: ISO2 of the publisher's country, a weak prior only. A text over the
        size budget is read up to the cut, and reading stops when the time budget is spent
        (``Extraction.cut`` says where); offsets index the whole text either way."""
        from ..geo import get_gazetteer

        gaz = get_gazetteer()
        budget = Budget(self.max_chars, self.time_budget, self.clock)
        text = text[:budget.readable_length(text)]
        day = parse_iso(published)
        published = day.isoformat() if day else None  # a value that is not a date is no reference
        lowercase = text.islower() or (sum(map(str.isupper, text)) < 0.005 * max(1, len(text)))
        actors = find_actors(text, lowercase=lowercase)
        named = [(a.start, a.end) for a in actors if a.named_group and a.kind != STATE]
        context = context_votes(text, actors, lowercase=lowercase)
        places = find_places(text, country_prior=country_prior, lowercase=lowercase, exclude=named, evidence=context)
        art = _Article(text, published, sentences(text), actors, places, find_dates(text, published),
                       article_country(text, places, actors, lowercase=lowercase, prior=country_prior,
                                       context=context))
        mentions, statistics, out_of_scope = self._read_sentences(art, budget)
        responsible = _responsible_groups(art)
        events = []
        for cluster in cluster_mentions(mentions, text):
            event = build_event(cluster, text, published, responsible, gaz, self.vague, art.dates, art.country)
            if event is not None and event.confidence >= self.min_confidence:
                events.append(event)
        claims = find_claims(text, art.sents, published, known_dates=art.dates, parse=self.parse_attributions,
                             budget=budget)
        link_claims(claims, events, statistics)
        claims = responsibility_claims(text, art.sents, claims, actors, events)
        incidents = self._incidents(art, out_of_scope, gaz)
        return Extraction(events=events, places=places, statistics=statistics, claims=claims,
                          other_incidents=incidents, cut=budget.cut)

    def _read_sentences(self, art: _Article, budget: Budget):
        """Each sentence becomes a mention of violence, a statistic, an out-of-scope incident
        or nothing, until the time budget is spent."""
        text = art.text
        denied_article = bool(NO_SUCH_EVENT.search(text))
        mentions: list[Mention] = []
        statistics = []
        out_of_scope: list[tuple[str, int, int]] = []
        after_past = False
        for i, (s, e) in enumerate(art.sents):
            if budget.spent(s):
                break
            sentence = text[s:e]
            if not ANY_TRIGGER.search(sentence):
                if mentions and (TOLL_UPDATE.search(sentence) or OWN_DEAD.search(sentence)):
                    _add_toll_update(mentions[-1], sentence, s, self.vague)
                elif mentions and i and mentions[-1].span == art.sents[i - 1] and (tally_counts := self._bare_tally(sentence, s)):
                    mentions[-1].counts.extend(tally_counts)  # "One dead."
                elif is_diplomatic(sentence):  # sanctions and expulsions use no violent word
                    out_of_scope.append(("diplomatic", s, e))
                continue
            counts = find_counts(sentence, s, self.vague)
            if _SEVERAL_INCIDENTS.search(sentence):
                for c in counts:  # "14 killed in two separate attacks": a sum, the last resort for either
                    c.vague = True
            s_dates = [d for d in art.dates if s <= d.start < e]
            s_places = [p for p in art.places if s <= p.start < e]
            if is_statistic(sentence, counts, s_dates):
                statistics.extend(make_statistics(sentence, s, counts, s_places, self.vague))
                continue
            triggers = [t for t in find_triggers(sentence, s) if keep_trigger(sentence, s, t)]
            if not triggers:
                if mentions and (TOLL_UPDATE.search(sentence) or OWN_DEAD.search(sentence)):
                    _add_toll_update(mentions[-1], sentence, s, self.vague)
                continue
            if denied_article and (DENIED_REPORT.search(sentence) or _REPORTED.search(sentence)):
                continue  # an attack the article reports only as a denied or rumoured claim
            s_actors = [a for a in art.actors if s <= a.start < e]
            armed = any(a.kind in (2, 3) for a in s_actors)
            category = is_out_of_scope(sentence, scope_hints(triggers), armed, any(a.kind == STATE for a in s_actors)) or (
                out_of_scope and out_of_scope[-1][0] if not armed and refers_back(triggers, text) else None)
            if category:
                out_of_scope.append((category, s, e))  # "the blast" after a boiler explosion is that explosion
                continue
            if NOT_POLITICAL.search(sentence) and not armed and not all(t.hint in PROTEST_HINTS for t in triggers) \
                    and not is_shooting(sentence):
                continue  # cricket "attacks" and the like; a protest about a flood is still a protest
            if is_background(sentence, triggers, counts, s) or not (
                    is_supported(sentence, s, triggers, counts, s_actors) or self._tally_follows(art, i)):
                continue
            past_text, past_dates = _before_the_cause(sentence, s, triggers, s_dates)
            if is_past(past_text, past_dates, art.published) or (
                    after_past and not s_dates and not any(c.value for c in counts)):
                after_past = True
                continue  # an earlier incident recalled as background (and what it led to) is no new report
            after_past = False
            mentions.append(Mention(
                span=(s, e), triggers=triggers, counts=counts, dates=s_dates, places=s_places,
                actors=s_actors, separate=bool(SEPARATE_EVENT.search(sentence)),
            ))
        return mentions, statistics, out_of_scope

    def _bare_tally(self, sentence: str, start: int) -> list:
        """The counts of a short sentence that only counts the dead or hurt ("One dead.",
        "2 fatalities."); empty for any other sentence."""
        if len(sentence) > 80 or ANY_TRIGGER.search(sentence):
            return []
        counts = find_counts(sentence, start, self.vague)
        return counts if any(c.value > 0 for c in counts) else []

    def _tally_follows(self, art: _Article, i: int) -> bool:
        """A bare tally follows: what the soft verb before it did was violent."""
        if i + 1 >= len(art.sents):
            return False
        s, e = art.sents[i + 1]
        return bool(self._bare_tally(art.text[s:e], s))

    def _incidents(self, art: _Article, found, gaz) -> list[OtherIncident]:
        incidents = group_incidents(found, art.text, art.published)
        for inc in incidents:
            spans = inc.evidence
            inside = [p for p in art.places if any(a <= p.start < b for a, b in spans) and p.role not in ("speaker", "nationality", "reference")]
            place = min(inside, key=lambda p: {"city": 0, "admin2": 1, "admin1": 2}.get(p.feature or "", 3), default=None)
            inc.location = place.name if place else None
            code = place.country if place else art.country
            inc.country = gaz.country_name(code)
            counts = [c for a, b in spans for c in find_counts(art.text[a:b], a, self.vague)]
            inc.fatalities = tally(counts, "killed").total
            dated = [d for d in art.dates if any(a <= d.start < b for a, b in spans) and d.precision == 1
                     and not in_dateline(art.text, d)]  # "SURAT, Nov 6 —" is when it was filed
            if dated:
                inc.date = dated[0].date
        return incidents

    def extract_many(self, items: Iterable[dict]) -> Iterator[Extraction]:
        for item in items:
            yield self.extract(item["text"], item.get("published"), item.get("title", ""))


# A figure for several incidents at once: each incident's own figure, where given, comes first.
_SEVERAL_INCIDENTS = re.compile(
    r"\bin\s+(?:two|three|four|five|several|multiple|a\s+series\s+of|a\s+spate\s+of|a\s+wave\s+of)\s+"
    r"(?:separate\s+|different\s+|coordinated\s+|simultaneous\s+)?(?:\w+\s+)?"
    r"(?:attacks|incidents|raids|assaults|bombings|blasts|explosions|ambushes|strikes)\b", re.I)


# A protest met with lethal force is dated like any violence.
_UNFORCED_PROTEST = PROTEST_HINTS - {"Excessive force against protesters"}


def _before_the_cause(sentence: str, start: int, triggers, dates):
    """A protest's sentence up to the protest: the years and dates after it are what it is
    about ("demonstrated over an assassination in 1990", "protested to remember those killed
    since April 2018"), not when it happened."""
    first = min(triggers, key=lambda t: t.start)
    if first.hint not in _UNFORCED_PROTEST:
        return sentence, dates
    end = first.end  # what follows the protest is its cause, violence of the past included
    return sentence[:end - start], [d for d in dates if d.start < end]


def _add_toll_update(last: Mention, sentence: str, start: int, vague: dict) -> None:
    """A sentence that only updates the toll ("Two more died overnight, bringing the number of
    dead to seven") or gives the attackers' dead ("they left three of their own dead") belongs
    to the incident reported just before it."""
    own_dead = {(start + m.start(), start + m.end()) for m in OWN_DEAD.finditer(sentence)}
    last.counts.extend(c for c in find_counts(sentence, start, vague) if c.update or (c.start, c.end) in own_dead)


def _responsible_groups(art: _Article) -> list[ActorMention]:
    """Named groups in a sentence that claims responsibility (and does not deny it)."""
    out = []
    for s, e in art.sents:
        sentence = art.text[s:e]
        if CLAIMED_RESPONSIBILITY.search(sentence) and not DENIED_RESPONSIBILITY.search(sentence):
            out += [a for a in art.actors if s <= a.start < e and a.named_group and a.kind != STATE]
    return out


def link_claims(claims, events, statistics) -> None:
    """A claim is about an event when its content overlaps the event's evidence spans."""
    for claim in claims:
        content = [tuple(span) for span in claim.content.get("spans", [])]
        for i, event in enumerate(events):
            evidence = [span for spans in event.evidence.values() for span in spans]
            if any(a < f and e < b for a, b in content for e, f in evidence):
                claim.about.append(i)


@lru_cache(maxsize=1)
def get_extractor() -> Extractor:
    return Extractor()
