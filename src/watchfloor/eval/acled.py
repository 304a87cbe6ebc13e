"""ACLED set: one coded event per row, the coder's ``notes`` as the text.

Input text = ``notes``, published = ``event_date``. The prediction is the extraction's
primary event (``common.primary_event``: the only event, or the one whose evidence starts
earliest). A record with no event (or whose extraction raised) counts every field wrong; no
record is dropped. All scores are accuracies over all records.
"""

from __future__ import annotations

import csv
from typing import Any

from ..models import Event
from .common import (
    admin_match,
    EvalReport,
    fold,
    haversine_km,
    iso_date,
    LOCATION_KM,
    NO_EVENT,
    normalize_actor,
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
    worst_entry,
)

FIELDS = ["event_type", "sub_event_type", "fatalities", "admin1", "admin2", "location_25km",
          "date", "actor1"]


def load(path: str, limit: int | None = None) -> list[Record]:
    out: list[Record] = []
    with open(path, newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            if limit is not None and len(out) >= limit:
                break
            # The file has no id column: data row number (1-based) plus date and place.
            rid = row.get("event_id_cnty") or (
                f"row {i + 1} ({row.get('event_date', '')} {row.get('location', '')})")
            out.append(Record(id=rid, text=row.get("notes") or "",
                              published=iso_date(row.get("event_date")), gold=row))
    return out


def compare(gold: dict[str, Any], ev: Event | None) -> dict[str, dict[str, Any]]:
    """Field-by-field comparison of one gold row with one predicted event (or None)."""
    g_lat, g_lon = to_float(gold.get("latitude")), to_float(gold.get("longitude"))
    p = ev
    dist = None
    if p is not None and None not in (p.latitude, p.longitude, g_lat, g_lon):
        dist = haversine_km(p.latitude, p.longitude, g_lat, g_lon)
    g_fat = to_int(gold.get("fatalities"))

    def f(gv: Any, pv: Any, ok: bool) -> dict[str, Any]:
        return {"gold": gv, "predicted": pv, "ok": bool(ok) and p is not None}

    return {
        "event_type": f(gold.get("event_type"), p and p.event_type,
                        p is not None and fold(p.event_type) == fold(gold.get("event_type"))),
        "sub_event_type": f(gold.get("sub_event_type"), p and p.sub_event_type,
                            p is not None and fold(p.sub_event_type) == fold(gold.get("sub_event_type"))),
        "fatalities": f(g_fat, p and p.fatalities, p is not None and p.fatalities is not None
                        and p.fatalities == g_fat),
        "admin1": f(gold.get("admin1"), p and p.admin1, p is not None and admin_match(p.admin1, gold.get("admin1"))),
        "admin2": f(gold.get("admin2"), p and p.admin2, p is not None and admin_match(p.admin2, gold.get("admin2"))),
        "location_25km": f(f"{gold.get('location')} ({g_lat}, {g_lon})",
                           None if p is None else f"{p.location} ({p.latitude}, {p.longitude})"
                           + (f" {dist:.0f} km" if dist is not None else ""),
                           dist is not None and dist <= LOCATION_KM),
        "date": f(iso_date(gold.get("event_date")), p and p.date,
                  p is not None and iso_date(p.date) is not None
                  and iso_date(p.date) == iso_date(gold.get("event_date"))),
        "actor1": f(gold.get("actor1"), p and p.actor1,
                    p is not None and bool(p.actor1)
                    and normalize_actor(p.actor1) == normalize_actor(gold.get("actor1"))),
    }


def score(outcomes: list[Outcome], report: EvalReport, errors: int = 0) -> EvalReport:
    any_event = Score("any event")
    scores = {k: Score(k) for k in FIELDS}
    scores["location_25km"].note = f"haversine <= {LOCATION_KM:g} km"
    scores["actor1"].note = "no year range, any case"
    # Extra, not in the gold convention: gold 0 often means "unspecified losses".
    fat_lenient = Score("fatalities (null = 0)", note="unknown = 0")
    loc_name = Score("location name", note="exact, any case")
    et_pairs, st_pairs, worst_rows = [], [], []
    for o in outcomes:
        gold = o.record.gold
        ev = primary_event(o.extraction)
        any_event.add(ev is not None)
        cmp = compare(gold, ev)
        for k in FIELDS:
            scores[k].add(cmp[k]["ok"])
        fat_lenient.add(ev is not None and (ev.fatalities or 0) == to_int(gold.get("fatalities")))
        loc_name.add(ev is not None and bool(ev.location) and fold(ev.location) == fold(gold.get("location")))
        et_pairs.append((gold.get("event_type") or "", ev.event_type if ev else NO_EVENT))
        st_pairs.append((gold.get("sub_event_type") or "", ev.sub_event_type if ev else NO_EVENT))
        wrong = sum(1 for k in FIELDS if not cmp[k]["ok"])
        worst_rows.append((wrong, worst_entry(o, wrong, cmp)))
    report.scores = [any_event] + [scores[k] for k in FIELDS] + [fat_lenient, loc_name]
    report.confusions = {"event_type": top_confusions(et_pairs),
                         "sub_event_type": top_confusions(st_pairs)}
    report.worst = pick_worst(worst_rows, errors)
    report.notes.append("prediction = primary event (the only one, else earliest evidence); "
                        "no event = every field wrong")
    return report


def run(path: str, *, extractor: Any, limit: int | None = None, errors: int = 0,
        progress: Progress | None = None) -> EvalReport:
    return run_set("acled", load, score, path, extractor, limit, errors, progress)
