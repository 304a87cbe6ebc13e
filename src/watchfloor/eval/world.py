"""ACLED world set: coder's notes from many countries and both codebooks, one event per row.

File: CSV with ``source, eid, date, year, country, admin1, admin2, location, lat, lon,
event_type, sub_event_type, disorder_type, actor1, actor2, fatalities, text``.

Input text = ``text`` without its date opener ("On 9 May 2020, ...", "Around 9 May 2020 (as
reported), ...", "In May 2020, ...": see :func:`strip_date_opener`), so it reads like a news
lede; published = ``date``. Prediction = the primary event (``common.primary_event``); a row
with no event counts wrong on every field.

Old-codebook rows (before 2020: "Battle-No change of territory", "Remote violence",
"Riots/Protests", ... with no sub-event type) are mapped to the current codebook
(:data:`OLD_TYPES`); "Riots/Protests" accepts Protests or Riots.

Scores (accuracy over the rows of a group): event found; event found on political-violence
rows (mapped type Battles, Explosions/Remote violence or Violence against civilians);
event_type; sub_event_type (rows whose gold, after mapping, has one); country (name, with
``regions.COUNTRY_ALIASES``); admin1, admin2 (rows whose gold has one; a gold admin1 that is
GeoNames' admin2, as Uganda's districts are, is compared with the event's admin2); location within 50 km;
fatalities (null = 0, as ACLED codes unknown) and strict (null is wrong); actor1
(``common.actors_match``). Tables per region group (``regions``) and per slice: "tune" =
year <= 2019, "untouched" = year >= 2020. ``slice`` keeps one slice; ``sample`` / ``limit``
as in ``breakdown.select``.
"""

from __future__ import annotations

import csv
import re
from functools import partial
from typing import Any

from ..models import Event, Extraction
from .breakdown import Breakdown, score_fields, select, note_slice
from .common import (
    actors_match,
    EvalReport,
    fold,
    haversine_km,
    iso_date,
    NO_EVENT,
    Outcome,
    pick_worst,
    primary_event,
    Progress,
    Record,
    run_set,
    Score,
    to_float,
    to_int,
    top_confusions,
)
from .regions import admin1_as_admin2, admin_match_world, country_match, event_iso2, iso3_of, REGION_ORDER, region_of_name

LOCATION_KM = 50.0
PV_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")

# Old codebook (folded event_type) -> (accepted current event types, sub-event type implied or "").
OLD_TYPES = {
    "battle-no change of territory": (("Battles",), "Armed clash"),
    "battle-government regains territory": (("Battles",), "Government regains territory"),
    "battle-non-state actor overtakes territory": (("Battles",), "Non-state actor overtakes territory"),
    "remote violence": (("Explosions/Remote violence",), ""),
    "riots/protests": (("Protests", "Riots"), ""),
    "strategic development": (("Strategic developments",), ""),
    "violence against civilians": (("Violence against civilians",), ""),
    "non-violent transfer of territory": (("Strategic developments",), "Non-violent transfer of territory"),
    "headquarters or base established": (("Strategic developments",), "Headquarters or base established"),
}

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DAYS = rf"{_DAY}(?:\s*(?:-|–|to|and|or)\s*{_DAY})?"
_YEAR = r"(?:,?\s*\d{4})"
_DATE = (rf"(?:(?:the\s+)?{_DAYS}\s+(?:of\s+)?{_MONTH}{_YEAR}?|{_MONTH}\s+{_DAYS}{_YEAR}?|"
         rf"{_MONTH}{_YEAR}|(?:early|mid|late)[- ]{_MONTH}{_YEAR}?)")
_LEAD = (r"(?:On\s+or\s+(?:about|around|before|after)|(?:As\s+)?[Rr]eported\s+on|On|Around|About|"
         r"In|Between|During|By|Since|Over|Overnight\s+on|From)")
_TIME_OF = (r"(?:the\s+(?:night|morning|evening|afternoon|weekend|week)\s+of\s+|"
            r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?")
# The opener ends at a comma, a full stop before a capital, after "(as reported)" and the like,
# or before "in <place>" (kept, capitalised).
_END = r"(?:\s*,\s*|\.\s+(?=[A-Z])|\s+(?=in\s)|(?<=\))\s+)"
# "On 9 May 2020, ", "Around 9 May 2020 (as reported), ", "In May 2020, ", "On Nov 17, ",
# "On or before August 13th, ", "Between 3 and 5 June 2019, ", "On the night of 4 July 2016, ",
# "On Wednesday, January 14th, ", "On 28 November 2019 in Managua ...".
DATE_OPENER = re.compile(
    rf"^\s*{_LEAD}\s+{_TIME_OF}{_DATE}"
    rf"(?:\s*(?:-|–|to|and)\s*{_DATE})?(?:\s*\([^)]{{0,40}}\))?{_END}")


def strip_date_opener(text: str) -> str:
    """``text`` without a leading date phrase; the first letter left is capitalised."""
    rest = DATE_OPENER.sub("", text or "", count=1)
    if rest == text:
        return text
    return rest[:1].upper() + rest[1:] if rest else text


def gold_types(row: dict[str, Any]) -> tuple[tuple[str, ...], str]:
    """(accepted current event types, gold sub-event type or "") for a row of either codebook."""
    et, sub = (row.get("event_type") or "").strip(), (row.get("sub_event_type") or "").strip()
    mapped = OLD_TYPES.get(fold(et))
    if mapped is None:
        return (et,), sub
    types, implied = mapped
    return types, sub or implied


def slice_of(row: dict[str, Any]) -> str:
    year = to_int(row.get("year")) or to_int((row.get("date") or "")[:4]) or 0
    return "tune" if year <= 2019 else "untouched"


def load(path: str, limit: int | None = None, *, slice_name: str = "all",
         sample: int | None = None) -> list[Record]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = [(i, row) for i, row in enumerate(csv.DictReader(f))]
    kept = select(rows, lambda t: slice_of(t[1]), slice_name=slice_name, sample=sample, limit=limit)
    return [Record(id=row.get("eid") or f"row {i + 1} ({row.get('date', '')} {row.get('location', '')})",
                   text=strip_date_opener(row.get("text") or ""), published=iso_date(row.get("date")),
                   gold=row) for i, row in kept]


def compare(gold: dict[str, Any], ex: Extraction) -> dict[str, dict[str, Any]]:
    """Field comparisons of one row with the primary event; ``ok`` None = not scored here."""
    p: Event | None = primary_event(ex)
    types, sub = gold_types(gold)
    g_lat, g_lon = to_float(gold.get("lat")), to_float(gold.get("lon"))
    dist = None
    if p is not None and None not in (p.latitude, p.longitude, g_lat, g_lon):
        dist = haversine_km(p.latitude, p.longitude, g_lat, g_lon)
    g_fat = to_int(gold.get("fatalities"))
    fat = p.fatalities if p is not None else None
    a1, a2 = (gold.get("admin1") or "").strip(), (gold.get("admin2") or "").strip()

    def f(gv: Any, pv: Any, ok: bool | None) -> dict[str, Any]:
        return {"gold": gv, "predicted": pv, "ok": ok if ok is None else bool(ok) and p is not None}

    return {
        "found": f("event", "event" if p is not None else None, p is not None),
        "pv_found": f("event", "event" if p is not None else None,
                      (p is not None) if set(types) & set(PV_TYPES) else None),
        "event_type": f("|".join(types), p and p.event_type,
                        p is not None and fold(p.event_type) in {fold(t) for t in types}),
        "sub_event_type": f(sub, p and p.sub_event_type,
                            (p is not None and fold(p.sub_event_type) == fold(sub)) if sub else None),
        "country": f(gold.get("country"), p and p.country,
                     p is not None and country_match(p.country, gold.get("country"))),
        "country_iso3": f(iso3_of(gold.get("country")), p and p.iso3,
                          p is not None and bool(p.iso3) and p.iso3 == iso3_of(gold.get("country"))),
        "admin1": f(a1, p and p.admin1, (admin_match_world(p and p.admin1, a1, event_iso2(p))
                                         or admin1_as_admin2(p and p.admin2, a1, event_iso2(p))) if a1 else None),
        "admin2": f(a2, p and p.admin2, admin_match_world(p and p.admin2, a2, event_iso2(p), 2) if a2 else None),
        "location": f(f"{gold.get('location')} ({g_lat}, {g_lon})",
                      None if p is None else f"{p.location} ({p.latitude}, {p.longitude})"
                      + (f" {dist:.0f} km" if dist is not None else ""),
                      dist is not None and dist <= LOCATION_KM),
        "fatalities": f(g_fat, fat, (fat or 0) == g_fat if g_fat is not None else None),
        "fatalities_strict": f(g_fat, fat, (fat is not None and fat == g_fat) if g_fat is not None else None),
        "actor1": f(gold.get("actor1"), p and p.actor1, actors_match(p and p.actor1, gold.get("actor1"))),
    }


FIELDS = ["found", "pv_found", "event_type", "sub_event_type", "country", "country_iso3", "admin1",
          "admin2", "location", "fatalities", "fatalities_strict", "actor1"]
LABELS = {"found": "event found", "pv_found": "event found (political violence)",
          "country_iso3": "country (iso3)", "location": f"location {LOCATION_KM:g} km",
          "fatalities": "fatalities (null = 0)", "fatalities_strict": "fatalities (strict)"}
COLUMNS = {"found": "found", "pv_found": "pv found", "event_type": "type", "sub_event_type": "sub",
           "country": "country", "admin1": "adm1", "admin2": "adm2", "location": "loc50",
           "fatalities": "fat", "fatalities_strict": "fat!", "actor1": "actor1"}
NOTES = {"pv_found": "Battles, Explosions, VAC rows", "sub_event_type": "rows with a gold sub-type",
         "country": "name, aliases", "country_iso3": "event.iso3", "admin1": "rows with gold admin1",
         "admin2": "rows with gold admin2", "location": "haversine", "actor1": "actors_match"}


def score(outcomes: list[Outcome], report: EvalReport, errors: int = 0) -> EvalReport:
    scores = {k: Score(LABELS.get(k, k), note=NOTES.get(k, "")) for k in FIELDS}
    cols = [(k, COLUMNS[k]) for k in FIELDS if k in COLUMNS]
    by_region = Breakdown("by region group (% correct per field; n = rows)", cols)
    by_slice = Breakdown("by slice (tune = year <= 2019, untouched = year >= 2020)", cols)
    et_pairs, st_pairs, worst_rows = [], [], []
    for o in outcomes:
        gold = o.record.gold
        cmp = compare(gold, o.extraction)
        oks = score_fields(scores, cmp, ("found", "pv_found"), o, worst_rows)
        by_region.add(region_of_name(gold.get("country")), oks)
        by_slice.add(slice_of(gold), oks)
        p = primary_event(o.extraction)
        et_pairs.append((cmp["event_type"]["gold"], p.event_type if p else NO_EVENT))
        if cmp["sub_event_type"]["ok"] is not None:
            st_pairs.append((cmp["sub_event_type"]["gold"], p.sub_event_type if p else NO_EVENT))
    report.scores = [scores[k] for k in FIELDS]
    report.groups = [by_region.table(REGION_ORDER), by_slice.table(["tune", "untouched"])]
    # A gold "Protests|Riots" matched by either type is not a confusion.
    report.confusions = {"event_type": top_confusions((g, p) for g, p in et_pairs if p not in g.split("|")),
                         "sub_event_type": top_confusions(st_pairs)}
    report.worst = pick_worst(worst_rows, errors)
    report.notes.append("input = text without its date opener; prediction = primary event; no event = "
                        "every field wrong; old-codebook types mapped to the current codebook")
    return report


def run(path: str, *, extractor: Any, limit: int | None = None, errors: int = 0,
        progress: Progress | None = None, slice: str = "all", sample: int | None = None) -> EvalReport:
    load_fn = partial(load, slice_name=slice, sample=sample)
    rep = run_set("world", load_fn, score, path, extractor, limit, errors, progress)
    return note_slice(rep, slice, sample)
