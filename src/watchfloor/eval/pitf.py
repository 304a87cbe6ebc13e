"""PITF atrocities set: news descriptions of attacks on civilians, 2013-2015, world-wide.

File: the same column layout as the ``world`` set (``source, eid, date, year, country, admin1,
admin2, location, lat, lon, event_type, sub_event_type, disorder_type, actor1, actor2,
fatalities, text``) with ``country`` an ISO3 code (a few are not ISO 3166: "BRZ", "ALG",
"ELS", ... see ``regions.ISO3_FIXES``), ``event_type`` PITF's Incident/Campaign and no
coordinates.

Input text = ``text`` (PITF's description), published = ``date``. Prediction = the primary
event; no event = every field wrong. Scores (accuracy): event found; country (event.iso3 ==
gold ISO3, or the event's country name is that code's name); fatalities == gold, and within
20 % of gold (rows with a fatality count); admin1 (rows with a gold admin1 that is not a bare
compass region such as "Central"; unit words such as "State" / "Province" ignored). Tables
per region group, per slice ("tune" = 2013-2014, "untouched" = 2015) and per PITF event_type.
``slice``, ``sample`` and ``limit`` as in ``breakdown.select``.
"""

from __future__ import annotations

import csv
from functools import partial
from typing import Any

from ..models import Extraction
from .breakdown import Breakdown, score_fields, select, note_slice
from .common import (
    EvalReport,
    iso_date,
    Outcome,
    pick_worst,
    primary_event,
    Progress,
    Record,
    run_set,
    Score,
    to_int,
)
from .regions import admin_match_world, country_match, event_iso2, fix_iso3, NAMES, REGION_ORDER, region_of_iso3

FATALITY_TOLERANCE = 0.2
# Bare compass words in ``admin1`` ("Central", "Northern": 320 Iraqi rows) are PITF's coarse
# regions, not first-level units: that field is not scored on them.
REGION_LABELS = {"central", "northern", "southern", "eastern", "western", "north", "south", "east",
                 "west", "northeast", "northwest", "southeast", "southwest"}


def slice_of(row: dict[str, Any]) -> str:
    year = to_int(row.get("year")) or to_int((row.get("date") or "")[:4]) or 0
    return "untouched" if year >= 2015 else "tune"


def load(path: str, limit: int | None = None, *, slice_name: str = "all",
         sample: int | None = None) -> list[Record]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(enumerate(csv.DictReader(f)))
    kept = select(rows, lambda t: slice_of(t[1]), slice_name=slice_name, sample=sample, limit=limit)
    return [Record(id=row.get("eid") or f"row {i + 1} ({row.get('date', '')} {row.get('country', '')})",
                   text=row.get("text") or "", published=iso_date(row.get("date")), gold=row)
            for i, row in kept]


def within(pred: int | None, gold: int, tolerance: float = FATALITY_TOLERANCE) -> bool:
    """``pred`` within ``tolerance`` of ``gold`` (relative; gold 0 needs 0)."""
    return pred is not None and abs(pred - gold) <= tolerance * gold


def compare(gold: dict[str, Any], ex: Extraction) -> dict[str, dict[str, Any]]:
    """Field comparisons; ``ok`` None = not scored on this row."""
    p = primary_event(ex)
    code = fix_iso3(gold.get("country"))
    name = NAMES.get(code)
    g_fat = to_int(gold.get("fatalities"))
    fat = p.fatalities if p is not None else None
    a1 = (gold.get("admin1") or "").strip()
    if a1.lower() in REGION_LABELS:
        a1 = ""

    def f(gv: Any, pv: Any, ok: bool | None) -> dict[str, Any]:
        return {"gold": gv, "predicted": pv, "ok": ok if ok is None else bool(ok) and p is not None}

    country_ok = p is not None and ((bool(p.iso3) and fix_iso3(p.iso3) == code)
                                    or (name is not None and country_match(p.country, name)))
    return {
        "found": f("event", "event" if p is not None else None, p is not None),
        "country": f(f"{code} ({name})" if name else code, p and f"{p.iso3} ({p.country})", country_ok),
        "fatalities": f(g_fat, fat, (fat is not None and fat == g_fat) if g_fat is not None else None),
        "fatalities_20": f(g_fat, fat, within(fat, g_fat) if g_fat is not None else None),
        "admin1": f(a1, p and p.admin1, admin_match_world(p and p.admin1, a1, event_iso2(p)) if a1 else None),
    }


FIELDS = ["found", "country", "fatalities", "fatalities_20", "admin1"]
LABELS = {"found": "event found", "fatalities": "fatalities (exact)",
          "fatalities_20": f"fatalities (within {FATALITY_TOLERANCE:.0%})"}
COLUMNS = {"found": "found", "country": "country", "fatalities": "fat", "fatalities_20": "fat20",
           "admin1": "adm1"}
NOTES = {"country": "iso3 or name", "fatalities": "rows with a count",
         "admin1": "rows with a gold admin1, not 'Central'"}


def score(outcomes: list[Outcome], report: EvalReport, errors: int = 0) -> EvalReport:
    scores = {k: Score(LABELS.get(k, k), note=NOTES.get(k, "")) for k in FIELDS}
    cols = [(k, COLUMNS[k]) for k in FIELDS]
    by_region = Breakdown("by region group (% correct per field; n = rows)", cols)
    by_slice = Breakdown("by slice (tune = 2013-2014, untouched = 2015)", cols)
    by_kind = Breakdown("by PITF event_type (Incident = one event, Campaign = several days)", cols)
    worst_rows = []
    for o in outcomes:
        gold = o.record.gold
        oks = score_fields(scores, compare(gold, o.extraction), ("found",), o, worst_rows)
        by_region.add(region_of_iso3(gold.get("country")), oks)
        by_slice.add(slice_of(gold), oks)
        by_kind.add(gold.get("event_type") or "-", oks)
    report.scores = [scores[k] for k in FIELDS]
    report.groups = [by_region.table(REGION_ORDER), by_slice.table(["tune", "untouched"]),
                     by_kind.table(["Incident", "Campaign"])]
    report.worst = pick_worst(worst_rows, errors)
    report.notes.append("prediction = primary event; no event = every field wrong; gold ISO3 codes "
                        "BRZ/ALG/BAH/THL/ELS/KUW read as BRA/DZA/BHS/THA/SLV/KWT")
    return report


def run(path: str, *, extractor: Any, limit: int | None = None, errors: int = 0,
        progress: Progress | None = None, slice: str = "all", sample: int | None = None) -> EvalReport:
    rep = run_set("pitf", partial(load, slice_name=slice, sample=sample), score, path, extractor,
                  limit, errors, progress)
    return note_slice(rep, slice, sample)
