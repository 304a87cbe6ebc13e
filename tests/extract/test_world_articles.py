"""Acceptance tests for worldwide extraction: one team-written article per region.

The articles (tests/fixtures/world/*.txt, our own words, fictional details set in real
places) are plain wire-style reports: first line the headline, then the text. The expected
primary event of each, or none, is in tests/fixtures/world/expected.json (see its "_about").

The extractor was tuned on Pakistan; these tests state the behaviour wanted everywhere, so
many are expected to fail until that work lands.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

from watchfloor.eval.common import actors_match, admin_match, primary_event
from watchfloor.extract import get_extractor

WORLD = Path(__file__).parent.parent / "fixtures" / "world"
CASES = json.loads((WORLD / "expected.json").read_text(encoding="utf-8"))["cases"]
IDS = [c["file"].removesuffix(".txt") for c in CASES]


def _fold(s) -> str:
    s = unicodedata.normalize("NFKD", str(s or ""))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


def read_article(name: str) -> tuple[str, str]:
    """(headline, text) as `watchfloor ingest` splits a plain-text file."""
    lines = (WORLD / name).read_text(encoding="utf-8").splitlines()
    return lines[0].strip(), "\n".join(lines[1:]).strip()


@lru_cache(maxsize=None)
def run(name: str, published: str):
    title, text = read_article(name)
    return text, get_extractor().extract(text, published=published, title=title)


def _describe(events) -> str:
    return "; ".join(f"[{i}] {e.event_type}/{e.sub_event_type} at {e.location} ({e.admin1}, {e.country}) "
                     f"actor1={e.actor1!r} fatalities={e.fatalities}" for i, e in enumerate(events)) or "none"


def _case(case_id: str) -> dict:
    return CASES[IDS.index(case_id)]


EVENT_IDS = [i for i, c in zip(IDS, CASES) if c["event"] is not None]
NULL_IDS = [i for i, c in zip(IDS, CASES) if c["event"] is None]
OTHER_IDS = [i for i, c in zip(IDS, CASES) if c.get("other_incidents_category")]
CLAIM_IDS = [i for i, c in zip(IDS, CASES) if c.get("responsibility_claim")]
DATE_IDS = [i for i in EVENT_IDS if "date" in _case(i)["event"]]
ACTOR2_IDS = [i for i in EVENT_IDS if "actor2" in _case(i)["event"]]


def _primary(case_id: str):
    case = _case(case_id)
    _, ex = run(case["file"], case["published"])
    ev = primary_event(ex)
    assert ev is not None, f"{case_id}: no event extracted (expected {case['event']['event_type']})"
    return case, ex, ev


@pytest.mark.parametrize("case_id", EVENT_IDS)
def test_primary_event(case_id):
    """country, admin1, event_type, sub_event_type, actor1, fatalities of the primary event;
    every mismatching field is listed in one failure message."""
    case, ex, ev = _primary(case_id)
    want = case["event"]
    wrong = []
    if _fold(ev.country) != _fold(want["country"]):
        wrong.append(f"country: expected {want['country']!r}, got {ev.country!r}")
    if not admin_match(ev.admin1, want["admin1"]):
        wrong.append(f"admin1: expected {want['admin1']!r}, got {ev.admin1!r} (location {ev.location!r})")
    if ev.event_type != want["event_type"]:
        wrong.append(f"event_type: expected {want['event_type']!r}, got {ev.event_type!r}")
    if ev.sub_event_type != want["sub_event_type"]:
        wrong.append(f"sub_event_type: expected {want['sub_event_type']!r}, got {ev.sub_event_type!r}")
    if not actors_match(ev.actor1, want["actor1"]):
        wrong.append(f"actor1: expected {want['actor1']!r}, got {ev.actor1!r}")
    if ev.fatalities != want["fatalities"]:
        wrong.append(f"fatalities: expected {want['fatalities']!r}, got {ev.fatalities!r} "
                     f"({ev.fatalities_text!r})")
    assert not wrong, f"{case_id}: " + " | ".join(wrong) + f"  [events: {_describe(ex.events)}]"


@pytest.mark.parametrize("case_id", ACTOR2_IDS)
def test_primary_event_actor2(case_id):
    case, _, ev = _primary(case_id)
    want = case["event"]["actor2"]
    assert actors_match(ev.actor2, want), f"{case_id}: actor2: expected {want!r}, got {ev.actor2!r}"


@pytest.mark.parametrize("case_id", DATE_IDS)
def test_primary_event_date(case_id):
    case, _, ev = _primary(case_id)
    want = case["event"]["date"]
    assert ev.date == want, f"{case_id}: date: expected {want!r}, got {ev.date!r} (published {case['published']})"


@pytest.mark.parametrize("case_id", NULL_IDS)
def test_no_event(case_id):
    case = _case(case_id)
    _, ex = run(case["file"], case["published"])
    assert ex.events == [], f"{case_id}: events: expected none, got {_describe(ex.events)}"


@pytest.mark.parametrize("case_id", OTHER_IDS)
def test_other_incident_category(case_id):
    case = _case(case_id)
    _, ex = run(case["file"], case["published"])
    want = case["other_incidents_category"]
    others = getattr(ex, "other_incidents", None)
    assert others is not None, f"{case_id}: other_incidents: Extraction has no other_incidents attribute"
    got = [getattr(o, "category", None) for o in others]
    assert want in got, f"{case_id}: other_incidents: expected category {want!r}, got {got!r}"


@pytest.mark.parametrize("case_id", CLAIM_IDS)
def test_responsibility_claim(case_id):
    case, ex, ev = _primary(case_id)
    index = next(i for i, e in enumerate(ex.events) if e is ev)
    group = case["responsibility_claim"]
    claims = [c for c in ex.claims if getattr(c, "kind", None) == "responsibility"]
    assert claims, (f"{case_id}: responsibility_claim: no claim with kind 'responsibility' "
                    f"(kinds: {sorted({getattr(c, 'kind', None) for c in ex.claims})})")
    about = [c for c in claims if index in (getattr(c, "about", None) or [])]
    assert about, (f"{case_id}: responsibility_claim: no responsibility claim about event {index} "
                   f"({group}); abouts: {[getattr(c, 'about', None) for c in claims]}")


def test_incident_dated_by_its_day_not_the_dateline():
    # "SURAT, India, Nov 6 — A boiler exploded ... on Tuesday": filed on the 6th, it happened on the 5th.
    _, extraction = run("accident.txt", "2024-11-06")
    incidents = extraction.other_incidents
    assert [(i.category, i.date, i.location, i.fatalities) for i in incidents][:1] == [
        ("man_made_disaster", "2024-11-05", "Surat", 8)]
