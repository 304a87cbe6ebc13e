"""Typed records that flow between the stages: ingest -> extract -> store.

Every stage takes and returns these dataclasses, so each can be tested alone.
Spans are ``(start, end)`` character offsets into ``Article.text`` (the stored,
normalized text), end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

Span = tuple[int, int]


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(value: Any) -> Any:
    if hasattr(type(value), "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def as_dict(obj: Any) -> dict[str, Any]:
    """``dataclasses.asdict`` for records whose leaves are immutable (str, int, float, None):
    containers are rebuilt, leaves shared instead of deep-copied. The store turns every
    extracted event and claim into a dict, and asdict's deep copies were a third of the
    writer's time."""
    return _plain(obj)


@dataclass
class Article:
    """One news article as stored: normalized text plus provenance."""

    text: str
    title: str = ""
    url: str | None = None
    publisher: str | None = None  # the site that served it (may be a re-poster)
    original_source: str | None = None  # the outlet the page credits ("Source : VOA News")
    categories: list[str] = field(default_factory=list)
    author: str | None = None
    published: str | None = None  # ISO date or datetime
    language: str | None = None
    source: str = ""  # where it came from: a path, "stdin", a URL, "path:line 3"
    external_id: str | None = None  # the id a JSONL/CSV row gave it
    flags: list[str] = field(default_factory=list)  # e.g. "invalid-utf8"
    ingested_at: str | None = None
    content_hash: str = ""  # sha256 of the normalized text; the idempotency key
    id: str = ""  # stable id derived from content_hash

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)


@dataclass
class IngestError:
    """A source (or one record of it) that could not be read; the run goes on."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Place:
    """A place mention resolved against the gazetteer."""

    text: str
    start: int
    end: int
    name: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    iso3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # "city", "admin2", "admin1", "country"
    role: str = "other"  # "event", "speaker", "dateline", "nationality", "reference" or "other"
    population: int | None = None  # GeoNames'; how well known the place is

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)


@dataclass
class Event:
    """One political-violence event, ACLED-coded, with the evidence for each field."""

    event_type: str
    sub_event_type: str
    disorder_type: str
    date: str | None = None
    time_precision: int = 3
    time_of_day: str | None = None  # dawn | morning | afternoon | evening | night (extract/timeofday.py)
    location: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    iso3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    geo_precision: int | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    interaction: int | None = None
    perpetrator_individuals: list[str] = field(default_factory=list)
    perpetrator_organizations: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    victims: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    fatalities: int | None = None
    fatalities_text: str | None = None
    fatalities_by_side: dict[str, int] = field(default_factory=dict)
    injured: int | None = None
    injured_text: str | None = None
    civilian_targeting: bool = False
    notes: str = ""
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        d = as_dict(self)
        d["evidence"] = {k: [list(s) for s in v] for k, v in self.evidence.items()}
        return d


@dataclass
class Statistic:
    """An aggregate figure ("more than 200 soldiers killed in 2023"), not an event."""

    quantity: int
    quantity_text: str
    counted: str
    period_start: str | None = None
    period_end: str | None = None
    place: str | None = None
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = as_dict(self)
        d["evidence"] = [list(s) for s in self.evidence]
        return d


@dataclass
class Claim:
    """An attributed statement: who said what, asserting or denying it."""

    speaker: dict[str, Any] | None  # {"text", "start", "end", "entity": {...}} or None
    cue: dict[str, Any]  # {"text", "start", "end"}
    content: dict[str, Any]  # {"text", "spans": [[s, e], ...]}
    kind: str = "indirect"  # direct | indirect | mixed
    stance: str = "asserts"  # asserts | denies | warns | demands | predicts
    channel: str | None = None
    date: str | None = None
    about: list[int] = field(default_factory=list)  # indexes into events
    confidence: float = 0.5
    # report (said, told, wrote, ...) | belief | intent | support (endorsed, backs) | evidence
    # (a poll showed) | impression (seemed): what kind of attribution the cue makes
    cue_class: str = "report"

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)


@dataclass
class OtherIncident:
    """Something that happened but is not political violence: a disaster, an accident, a
    crime for profit or a diplomatic act. Never an event."""

    category: str  # natural_disaster | man_made_disaster | organized_crime | diplomatic
    text: str  # the first sentence that reports it
    evidence: list[Span] = field(default_factory=list)
    date: str | None = None
    location: str | None = None
    country: str | None = None
    fatalities: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = as_dict(self)
        d["evidence"] = [list(s) for s in self.evidence]
        return d


@dataclass
class Extraction:
    """Everything extracted from one article."""

    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    other_incidents: list[OtherIncident] = field(default_factory=list)
    # Set when the article's size or time budget cut the reading short (extract/budget.py):
    # {"reason": "size" | "time", "at": character offset, "of": text length, "message": ...}
    cut: dict | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "cut": self.cut,
            "events": [e.to_dict() for e in self.events],
            "places": [p.to_dict() for p in self.places],
            "statistics": [s.to_dict() for s in self.statistics],
            "claims": [c.to_dict() for c in self.claims],
            "other_incidents": [o.to_dict() for o in self.other_incidents],
        }
