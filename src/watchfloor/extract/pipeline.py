"""The extraction pipeline: text + publication date in, typed Extraction out.

Stages, each a small function over the same text (offsets always index ``text``):
sentences -> actors -> places -> per-sentence triggers, counts, dates -> mentions ->
clusters -> events; aggregates -> statistics; attributions -> claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..models import Extraction
from ..nlp import sentences
from .actors import find_actors
from .claims import find_claims
from .dates import find_dates, parse_iso
from .events import (
    _CLAIMED_RESPONSIBILITY, _DENIED_RESPONSIBILITY, Mention, build_event, cluster_mentions,
    is_background, is_statistic, is_supported, keep_trigger, make_statistics,
)
import re

from .lexicon import ANY_TRIGGER, DENIED_REPORT, NO_SUCH_EVENT, NOT_POLITICAL, SEPARATE_EVENT, find_triggers

_REPORTED = re.compile(r"\b(?:claimed|alleged|purported(?:ly)?|reportedly|circulating|shared|posts?|videos?)\b", re.I)
from .numbers import find_counts
from .places import find_places

# Bumped whenever extraction output changes, so stored articles are re-extracted.
EXTRACTOR_VERSION = "0.4.2"


class Extractor:
    def __init__(self, settings: dict | None = None):
        from ..settings import settings_copy

        self.settings = settings or settings_copy()
        ex = self.settings["extract"]
        self.vague = {"several": ex["vague_several"], "few": ex["vague_few"], "many": ex["vague_many"]}
        self.min_confidence = ex["min_event_confidence"]
        self.parse_attributions = ex["parse_attributions"]
        self.default_country = self.settings["geo"]["default_country"]

    def extract(self, text: str, published: str | None = None, title: str = "") -> Extraction:
        from ..geo import get_gazetteer

        gaz = get_gazetteer()
        day = parse_iso(published)
        published = day.isoformat() if day else None  # a value that is not a date is no reference
        lowercase = text.islower() or (sum(c.isupper() for c in text) < 0.005 * max(1, len(text)))
        sents = sentences(text)
        actors = find_actors(text, lowercase=lowercase)
        named = [(a.start, a.end) for a in actors if a.named_group and a.kind != 1]
        places = find_places(text, default_country=self.default_country, lowercase=lowercase, exclude=named)

        responsibility = []
        for s, e in sents:
            sentence = text[s:e]
            if _CLAIMED_RESPONSIBILITY.search(sentence) and not _DENIED_RESPONSIBILITY.search(sentence):
                responsibility += [a for a in actors if s <= a.start < e and a.named_group and a.kind in (2, 8)]

        all_dates = find_dates(text, published)
        denied_article = bool(NO_SUCH_EVENT.search(text))
        mentions: list[Mention] = []
        statistics = []
        for s, e in sents:
            sentence = text[s:e]
            if not ANY_TRIGGER.search(sentence):
                continue
            counts = find_counts(sentence, s, self.vague)
            s_dates = [d for d in all_dates if s <= d.start < e]
            s_places = [p for p in places if s <= p.start < e]
            if is_statistic(sentence, counts, s_dates):
                statistics.extend(make_statistics(sentence, s, counts, s_places, self.vague))
                continue
            triggers = [t for t in find_triggers(sentence, s) if keep_trigger(sentence, s, t)]
            if triggers and denied_article and (DENIED_REPORT.search(sentence) or _REPORTED.search(sentence)):
                continue  # an attack the article reports only as a denied or rumoured claim
            if triggers and NOT_POLITICAL.search(sentence) and not any(
                    a.kind in (2, 3) for a in actors if s <= a.start < e):
                continue  # floods, accidents, gas cylinders and cricket "attacks" are not political violence
            s_actors = [a for a in actors if s <= a.start < e]
            if (not triggers or is_background(sentence, triggers, counts)
                    or not is_supported(sentence, s, triggers, counts, s_actors)):
                continue
            mentions.append(Mention(
                span=(s, e), triggers=triggers, counts=counts, dates=s_dates, places=s_places,
                actors=s_actors, separate=bool(SEPARATE_EVENT.search(sentence)),
            ))

        events = []
        for cluster in cluster_mentions(mentions, text):
            event = build_event(cluster, text, published, responsibility, gaz, self.vague, all_dates)
            if event is not None and event.confidence >= self.min_confidence:
                events.append(event)
        claims = find_claims(text, sents, published, known_dates=all_dates, parse=self.parse_attributions)
        link_claims(claims, events, statistics)
        return Extraction(events=events, places=places, statistics=statistics, claims=claims)

    def extract_many(self, items: Iterable[dict]) -> Iterator[Extraction]:
        for item in items:
            yield self.extract(item["text"], item.get("published"), item.get("title", ""))


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
