"""Geoparsing set: LGL and TR-News news articles with gold toponyms, scored on
``watchfloor.extract.places.find_places``.

File: XML ``<articles><article docid=..><text>..</text><toponyms><toponym><start/><end/>
<phrase/><gaztag geonameid=..><name/><lat/><lon/>..</gaztag></toponym>..`` (a toponym may have
no ``gaztag``: then it counts for recall only). ``path`` is one such file or a folder: every
``*.xml`` in it is a group (LGL, TR-News) of its own.

A predicted place matches a gold toponym when their character spans overlap (one to one,
greedy in gold order, the largest overlap first). Scores: toponym precision / recall / F1
(micro, over all gold toponyms); acc@161km = share of matched toponyms with gold coordinates
whose predicted point is at most 161 km away (a prediction without coordinates is wrong);
a prediction with gold's geonameid counts as 0 km (the gold coordinates are that GeoNames
entry's; our gazetteer may place a country or province elsewhere, e.g. another centroid), and
"acc@161km (coordinates only)" leaves that out; geonameid = share of matched toponyms whose
geonameid equals gold's. Tables per file and per slice: "tune" = the first 80 % of each file's
articles (document order), "untouched" = the rest. ``slice``, ``sample`` and ``limit``
(articles) as in ``breakdown.select``.

Some TR-News offsets drift a few characters from the phrase (characters lost in the corpus's
own conversion); such a span is moved to the nearest occurrence of the phrase within 20
characters, and the number moved is noted in the report.
"""

from __future__ import annotations

import os
import time
import xml.etree.ElementTree as ET
from functools import partial
from typing import Any, Callable

from ..models import Extraction
from .breakdown import GroupTable, select, note_slice
from .common import (
    EvalReport,
    haversine_km,
    new_report,
    Outcome,
    pick_worst,
    PRF,
    Progress,
    Record,
    Score,
    to_float,
    to_int,
    worst_entry,
)

KM = 161.0
TUNE_SHARE = 0.8
SHIFT = 20  # how far a drifted gold span is looked for
MORDECAI3 = "Mordecai3 reference (toponyms given): acc@161km 0.827 LGL, 0.873 TR-News"


def _files(path: str) -> list[str]:
    if os.path.isdir(path):
        files = sorted(os.path.join(path, f) for f in os.listdir(path) if f.lower().endswith(".xml"))
        if not files:
            raise FileNotFoundError(f"{path}: no .xml files")
        return files
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    return [path]


def _span(text: str, start: int, end: int, phrase: str) -> tuple[int, int, bool]:
    """The gold span, moved to the nearest occurrence of ``phrase`` if it has drifted."""
    if not phrase or text[start:end] == phrase:
        return start, end, False
    for d in sorted(range(-SHIFT, SHIFT + 1), key=abs):
        s = start + d
        if s >= 0 and text[s:s + len(phrase)] == phrase:
            return s, s + len(phrase), True
    return start, end, False


def parse_file(path: str) -> list[Record]:
    """One Record per article; gold = {file, slice, toponyms, moved}."""
    label = os.path.splitext(os.path.basename(path))[0]
    arts = list(ET.parse(path).getroot().iter("article"))
    cut = int(round(TUNE_SHARE * len(arts)))
    out = []
    for i, a in enumerate(arts):
        text = a.findtext("text") or ""
        tops, moved = [], 0
        for t in a.iter("toponym"):
            phrase = t.findtext("phrase") or ""
            start, end, shifted = _span(text, int(t.findtext("start") or 0), int(t.findtext("end") or 0), phrase)
            moved += shifted
            g = t.find("gaztag")
            tops.append({"start": start, "end": end, "phrase": phrase,
                         "name": g.findtext("name") if g is not None else None,
                         "lat": to_float(g.findtext("lat")) if g is not None else None,
                         "lon": to_float(g.findtext("lon")) if g is not None else None,
                         "geonameid": to_int(g.get("geonameid")) if g is not None else None})
        out.append(Record(id=f"{label}:{a.get('docid') or i + 1}", text=text, published=None,
                          gold={"file": label, "slice": "tune" if i < cut else "untouched",
                                "toponyms": tops, "moved": moved}))
    return out


def load(path: str, limit: int | None = None, *, slice_name: str = "all",
         sample: int | None = None) -> list[Record]:
    records = [r for f in _files(path) for r in parse_file(f)]
    return select(records, lambda r: r.gold["slice"], slice_name=slice_name, sample=sample, limit=limit)


def match(gold: list[dict[str, Any]], pred: list[Any]) -> list[tuple[dict[str, Any], Any | None]]:
    """Each gold toponym with its overlapping prediction (one to one) or None."""
    used: set[int] = set()
    out = []
    for g in gold:
        best, best_len = None, 0
        for j, p in enumerate(pred):
            ov = min(g["end"], p.end) - max(g["start"], p.start)
            if j not in used and ov > best_len:
                best, best_len = j, ov
        if best is not None:
            used.add(best)
        out.append((g, pred[best] if best is not None else None))
    return out


class _Tally:
    """Counts for one group: toponym PRF, acc@161km and geonameid over matched toponyms."""

    def __init__(self) -> None:
        self.docs = 0
        self.prf = PRF("toponyms (span overlap)")
        self.acc = Score(f"acc@{KM:g}km", note="matched toponyms with gold coordinates; same geonameid = 0 km")
        self.acc_xy = Score(f"acc@{KM:g}km (coordinates only)", note="same geonameid may be far: centroids")
        self.acc_all = Score(f"acc@{KM:g}km (all gold)", note="unmatched = wrong")
        self.gid = Score("geonameid exact", note="matched toponyms with a gold geonameid")

    def add(self, pairs: list[tuple[dict[str, Any], Any | None]], n_pred: int) -> None:
        self.docs += 1
        self.prf.add(sum(p is not None for _, p in pairs), n_pred, len(pairs))
        for g, p in pairs:
            if g["lat"] is not None and g["lon"] is not None:
                near = p is not None and _dist(g, p) is not None and _dist(g, p) <= KM
                ok = near or (p is not None and g["geonameid"] is not None and p.geonameid == g["geonameid"])
                self.acc_all.add(ok)
                if p is not None:
                    self.acc.add(ok)
                    self.acc_xy.add(near)
            if p is not None and g["geonameid"] is not None:
                self.gid.add(p.geonameid == g["geonameid"])

    def row(self, label: str) -> tuple[str, int, dict[str, float | None], dict[str, tuple[int, int]]]:
        vals = {"P": self.prf.precision, "R": self.prf.recall, "F1": self.prf.f1,
                "acc@161": self.acc.value, "geonameid": self.gid.value}
        counts = {"P": (self.prf.tp, self.prf.n_pred), "R": (self.prf.tp, self.prf.n_gold),
                  "acc@161": (self.acc.correct, self.acc.total), "geonameid": (self.gid.correct, self.gid.total)}
        return label, self.docs, vals, counts


def _dist(g: dict[str, Any], p: Any) -> float | None:
    if p.latitude is None or p.longitude is None:
        return None
    return haversine_km(p.latitude, p.longitude, g["lat"], g["lon"])


def _worst_fields(pairs: list[tuple[dict[str, Any], Any | None]]) -> dict[str, dict[str, Any]]:
    fields = {}
    for g, p in pairs[:15]:
        d = _dist(g, p) if p is not None and g["lat"] is not None else None
        fields[f"{g['phrase']} @{g['start']}"] = {
            "gold": f"{g['name']} ({g['lat']}, {g['lon']}) {g['geonameid']}",
            "predicted": None if p is None else f"{p.name} {p.geonameid}" + (f" {d:.0f} km" if d is not None else ""),
            "ok": p is not None and (g["lat"] is None or (d is not None and d <= KM)
                                     or (g["geonameid"] is not None and p.geonameid == g["geonameid"]))}
    return fields


def score(outcomes: list[Outcome], places: list[list[Any]], report: EvalReport, errors: int) -> EvalReport:
    total, by_file, by_slice = _Tally(), {}, {}
    worst_rows, moved = [], 0
    for o, pred in zip(outcomes, places):
        gold = o.record.gold
        pairs = match(gold["toponyms"], pred)
        for t in (total, by_file.setdefault(gold["file"], _Tally()), by_slice.setdefault(gold["slice"], _Tally())):
            t.add(pairs, len(pred))
        moved += gold["moved"]
        fields = _worst_fields(pairs)
        wrong = sum(1 for f in fields.values() if not f["ok"])
        worst_rows.append((wrong, worst_entry(o, wrong, fields)))
    report.prf = [total.prf]
    report.scores = [total.acc, total.acc_xy, total.acc_all, total.gid]
    cols = ["P", "R", "F1", "acc@161", "geonameid"]
    report.groups = [GroupTable("by file (n = articles; acc@161 and geonameid over matched toponyms)", cols,
                                [t.row(k) for k, t in sorted(by_file.items())]),
                     GroupTable("by slice (tune = first 80% of each file's articles, untouched = last 20%)", cols,
                                [by_slice[k].row(k) for k in ("tune", "untouched") if k in by_slice])]
    report.worst = pick_worst(worst_rows, errors)
    report.notes.append("a prediction matches a gold toponym when their spans overlap (one to one); recall "
                        "counts every gold toponym, acc@161km and geonameid only matched ones with a gazetteer entry")
    if moved:
        report.notes.append(f"{moved} gold spans had drifted from their phrase and were moved (<= {SHIFT} chars)")
    report.notes.append(MORDECAI3 + "; find_places(text) with no country given: the country comes from the article alone")
    return report


def _places_fn(extractor: Any) -> Callable[[str], list[Any]]:
    if extractor is not None:
        return getattr(extractor, "find_places", extractor)
    from ..extract.places import find_places

    return find_places


def run(path: str, *, extractor: Any = None, limit: int | None = None, errors: int = 0,
        progress: Progress | None = None, slice: str = "all", sample: int | None = None) -> EvalReport:
    """``extractor`` may be a stand-in for ``find_places`` (a callable, or an object with a
    ``find_places`` method); None uses the real one."""
    records = partial(load, slice_name=slice, sample=sample)(path, limit)
    find = _places_fn(extractor)
    started = time.monotonic()
    outcomes, places = [], []
    for i, r in enumerate(records):
        try:
            places.append(list(find(r.text)))
            outcomes.append(Outcome(r, Extraction()))
        except Exception as e:  # noqa: BLE001 - one bad article must not stop the run
            places.append([])
            outcomes.append(Outcome(r, Extraction(), f"{type(e).__name__}: {e}"))
        if progress:
            progress(i + 1, len(records))
    rep = score(outcomes, places, new_report("geo", path, outcomes, started), errors)
    return note_slice(rep, slice, sample, "article")
