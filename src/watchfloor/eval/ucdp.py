"""UCDP GED set: a news headline per event, scored on place, deaths and the armed group.

Only rows with a non-empty ``source_headline`` are used. Input text = the headline,
published = the date part of ``date_start`` (UCDP writes "MM/DD/YYYY 00:00:00").
Prediction = the primary event (``common.primary_event``); no event = every field wrong.

Scores (accuracy):
- location within 25 km of (latitude, longitude); admin1 vs ``adm_1`` and admin2 vs
  ``adm_2`` after ``common.admin_key`` (unit words stripped; FATA/NWFP -> Khyber Pakhtunkhwa,
  agencies and frontier regions -> today's KP districts). Rows whose gold adm_1/adm_2 is empty
  are left out of that field.
- deaths: predicted fatalities == ``best_est``, and low_est <= fatalities <= high_est.
- side_b: predicted actor1 vs ``side_b`` (``side_matches``: acronym or long form,
  case-insensitive, transliteration-tolerant; UCDP's "Taleban" = any non-TTP Taliban), only on rows where side_b is a non-state group
  (not "Civilians", not "Government of ..."). UCDP's side_a is the government in most rows, so
  the group is the side a headline like "troops kill 20 TTP militants" puts in actor2: the
  extra "side_b (actor1 or actor2)" accepts either.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from typing import Any

from ..models import Event
from .common import (
    actor_forms,
    actors_match,
    admin_key,
    admin_match,
    EvalReport,
    fold,
    haversine_km,
    iso_date,
    LOCATION_KM,
    Outcome,
    pick_worst,
    primary_event,
    Progress,
    Record,
    run_set,
    Score,
    to_float,
    to_int,
    worst_entry,
)


def _col(row: dict[str, Any], *names: str) -> Any:
    for n in names:
        if row.get(n) not in (None, ""):
            return row[n]
    return None


# UCDP's "Taleban" in the Pakistan file is the Afghan Taliban (conflict "Afghanistan:
# Government"), named in headlines only as "Taliban": accept any Taliban name except the TTP.
_TALEBAN = re.compile(r"\btal[ei]ban\b")


def side_matches(pred: Any, side_b: str) -> bool:
    if actors_match(pred, side_b):
        return True
    if fold(side_b) == "taleban" and pred:
        acr, long = actor_forms(pred)
        return acr != "ttp" and bool(_TALEBAN.search(long)) and "tehr" not in long
    return False


def is_non_state(side: Any) -> bool:
    s = (side or "").strip().lower()
    return bool(s) and s != "civilians" and not s.startswith("government of")


def load(path: str, limit: int | None = None) -> list[Record]:
    out: list[Record] = []
    with open(path, newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            head = (row.get("source_headline") or "").strip()
            if not head:
                continue
            if limit is not None and len(out) >= limit:
                break
            out.append(Record(id=row.get("id") or f"row {i + 1}", text=head,
                              published=iso_date(row.get("date_start")), gold=row))
    return out


def compare(gold: dict[str, Any], ev: Event | None) -> dict[str, dict[str, Any]]:
    """Field comparisons; a field whose gold is missing gets ``ok = None`` (not scored)."""
    p = ev
    g_lat, g_lon = to_float(gold.get("latitude")), to_float(gold.get("longitude"))
    dist = None
    if p is not None and None not in (p.latitude, p.longitude, g_lat, g_lon):
        dist = haversine_km(p.latitude, p.longitude, g_lat, g_lon)
    best = to_int(_col(gold, "best_est", "best"))
    low = to_int(_col(gold, "low_est", "low"))
    high = to_int(_col(gold, "high_est", "high"))
    fat = p.fatalities if p is not None else None
    side_b = (gold.get("side_b") or "").strip()
    scored_side = is_non_state(side_b)
    adm1, adm2 = gold.get("adm_1") or "", gold.get("adm_2") or ""

    def f(gv: Any, pv: Any, ok: bool | None) -> dict[str, Any]:
        return {"gold": gv, "predicted": pv, "ok": ok if ok is None else bool(ok) and p is not None}

    return {
        "location_25km": f(f"{gold.get('where_description') or gold.get('where_coordinates')} "
                           f"({g_lat}, {g_lon}) prec {gold.get('where_prec')}",
                           None if p is None else f"{p.location} ({p.latitude}, {p.longitude})"
                           + (f" {dist:.0f} km" if dist is not None else ""),
                           (dist is not None and dist <= LOCATION_KM) if g_lat is not None else None),
        "admin1": f(adm1, p and p.admin1, admin_match(p and p.admin1, adm1) if admin_key(adm1) else None),
        "admin2": f(adm2, p and p.admin2, admin_match(p and p.admin2, adm2) if admin_key(adm2) else None),
        "deaths": f(best, fat, (fat is not None and fat == best) if best is not None else None),
        "deaths_in_range": f(f"[{low}, {high}]", fat,
                             (fat is not None and low <= fat <= high)
                             if None not in (low, high) else None),
        "side_b": f(side_b, p and p.actor1, side_matches(p and p.actor1, side_b) if scored_side else None),
        "side_b_either": f(side_b, p and f"{p.actor1} / {p.actor2}",
                           (side_matches(p and p.actor1, side_b) or side_matches(p and p.actor2, side_b))
                           if scored_side else None),
    }


FIELDS = ["location_25km", "admin1", "admin2", "deaths", "deaths_in_range", "side_b", "side_b_either"]
LABELS = {"side_b": "side_b (actor1)", "side_b_either": "side_b (actor1 or actor2)",
          "deaths": "deaths == best", "deaths_in_range": "deaths in [low, high]"}


def score(outcomes: list[Outcome], report: EvalReport, errors: int = 0) -> EvalReport:
    any_event = Score("any event")
    scores = {k: Score(LABELS.get(k, k)) for k in FIELDS}
    scores["location_25km"].note = f"haversine <= {LOCATION_KM:g} km"
    scores["side_b"].note = "non-state side_b"
    loc_precise = Score("location_25km (where_prec 1-2)", note="gold precise")
    worst_rows = []
    for o in outcomes:
        gold = o.record.gold
        ev = primary_event(o.extraction)
        any_event.add(ev is not None)
        cmp = compare(gold, ev)
        for k in FIELDS:
            if cmp[k]["ok"] is not None:
                scores[k].add(cmp[k]["ok"])
        if cmp["location_25km"]["ok"] is not None and str(gold.get("where_prec")).strip() in ("1", "2"):
            loc_precise.add(cmp["location_25km"]["ok"])
        shown = {k: v for k, v in cmp.items() if v["ok"] is not None and k != "side_b_either"}
        wrong = sum(1 for v in shown.values() if not v["ok"])
        worst_rows.append((wrong, worst_entry(o, wrong, shown)))
    report.scores = [any_event] + [scores[k] for k in FIELDS[:1]] + [loc_precise] + \
        [scores[k] for k in FIELDS[1:]]
    report.worst = pick_worst(worst_rows, errors)
    counts = Counter(o.record.text for o in outcomes)
    shared = sum(n for n in counts.values() if n > 1)
    if shared:
        report.notes.append(f"{shared} of {len(outcomes)} rows share their headline with another row "
                            "(several events per article, or digest headlines): each is scored "
                            "against the same extraction")
    report.notes.append("rows with an empty source_headline are skipped; a field whose gold is "
                        "empty (adm_1/adm_2) or not applicable (state/civilian side_b) is not scored")
    return report


def run(path: str, *, extractor: Any, limit: int | None = None, errors: int = 0,
        progress: Progress | None = None) -> EvalReport:
    return run_set("ucdp", load, score, path, extractor, limit, errors, progress)
