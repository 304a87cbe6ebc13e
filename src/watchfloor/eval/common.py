"""Shared pieces of the evaluation sets: the report, scoring helpers, name normalization
(defined in ``names``, re-exported here) and the loop that runs an extractor over records.

Nothing here reads evaluation data itself; each set module (acled, ucdp, muc4) loads its
own file, turns every row into a :class:`Record` and scores the extractor's output.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterable, Sequence

from ..models import Event, Extraction
from .names import (  # noqa: F401 - re-exported: the sets and tests import them from here
    actor_forms,
    actors_match,
    admin_key,
    admin_match,
    fold,
    normalize_actor,
    translit_key,
)

Progress = Callable[[int, int], None]  # progress(done, total)

NO_EVENT = "(no event)"
LOCATION_KM = 25.0


# --------------------------------------------------------------------------- report


@dataclass
class Score:
    """An accuracy: ``correct`` of ``total`` records."""

    name: str
    correct: int = 0
    total: int = 0
    note: str = ""

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(bool(ok))

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "correct": self.correct, "total": self.total,
                "value": self.value, "note": self.note}


@dataclass
class PRF:
    """Micro precision / recall / F1 from summed counts."""

    name: str
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    @property
    def precision(self) -> float | None:
        return self.tp / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        return f1(self.tp, self.n_pred, self.n_gold)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "tp": self.tp, "n_pred": self.n_pred, "n_gold": self.n_gold,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class EvalReport:
    """Everything one evaluation run measured; ``to_dict()`` is the --json output."""

    set_name: str
    path: str
    records: int = 0  # records scored (extractor exceptions included, scored as no output)
    errors: int = 0  # records whose extract() raised
    error_messages: list[dict[str, str]] = field(default_factory=list)  # first few
    scores: list[Score] = field(default_factory=list)
    prf: list[PRF] = field(default_factory=list)
    confusions: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    worst: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    groups: list[Any] = field(default_factory=list)  # breakdown.GroupTable, per-group scores
    seconds: float = 0.0
    extractor_version: str | None = None

    def score(self, name: str) -> Score:
        for s in self.scores:
            if s.name == name:
                return s
        raise KeyError(name)

    def get_prf(self, name: str) -> PRF:
        for p in self.prf:
            if p.name == name:
                return p
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "set": self.set_name,
            "path": self.path,
            "records": self.records,
            "errors": self.errors,
            "error_messages": self.error_messages,
            "seconds": round(self.seconds, 3),
            "extractor_version": self.extractor_version,
            "scores": {s.name: s.to_dict() for s in self.scores},
            "prf": {p.name: p.to_dict() for p in self.prf},
            "confusions": {k: [{"gold": g, "predicted": p, "count": n} for g, p, n in v]
                           for k, v in self.confusions.items()},
            "worst": self.worst,
            "notes": self.notes,
        }
        if self.groups:  # only the sets that have them (the others' output is unchanged)
            d["groups"] = [g.to_dict() for g in self.groups]
        return d


def _pct(v: float | None) -> str:
    return "   n/a" if v is None else f"{100 * v:5.1f}%"


def _short(v: Any, width: int = 28) -> str:
    s = "-" if v is None or v == "" else str(v)
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def format_report(report: EvalReport) -> str:
    """A plain-text table of the report, for the terminal."""
    out: list[str] = []
    head = f"watchfloor eval {report.set_name}: {report.path}"
    out.append(head)
    out.append("=" * min(len(head), 100))
    rate = f", {report.records / report.seconds:.1f} rec/s" if report.seconds > 0 else ""
    out.append(f"records {report.records}   extractor errors {report.errors}   "
               f"time {report.seconds:.1f}s{rate}"
               + (f"   extractor {report.extractor_version}" if report.extractor_version else ""))
    if report.scores:
        out.append("")
        w = max(len(s.name) for s in report.scores)
        out.append(f"{'field':<{w}}  {'correct':>7}  {'total':>6}  {'score':>6}")
        out.append(f"{'-' * w}  {'-' * 7}  {'-' * 6}  {'-' * 6}")
        for s in report.scores:
            line = f"{s.name:<{w}}  {s.correct:>7}  {s.total:>6}  {_pct(s.value)}"
            out.append(line + (f"  ({s.note})" if s.note else ""))
    if report.prf:
        out.append("")
        w = max(len(p.name) for p in report.prf)
        out.append(f"{'role':<{w}}  {'P':>6}  {'R':>6}  {'F1':>6}  {'tp':>5}  {'pred':>5}  {'gold':>5}")
        out.append(f"{'-' * w}  {'-' * 6}  {'-' * 6}  {'-' * 6}  {'-' * 5}  {'-' * 5}  {'-' * 5}")
        for p in report.prf:
            out.append(f"{p.name:<{w}}  {_pct(p.precision)}  {_pct(p.recall)}  {_pct(p.f1)}  "
                       f"{p.tp:>5}  {p.n_pred:>5}  {p.n_gold:>5}")
    for table in report.groups:
        out.append("")
        out.extend(table.lines())
    for name, rows in report.confusions.items():
        if not rows:
            continue
        out.append("")
        out.append(f"top confusions, {name} (gold -> predicted):")
        for g, p, n in rows:
            out.append(f"  {n:>4}  {g} -> {p}")
    if report.error_messages:
        out.append("")
        out.append("extractor exceptions (first few):")
        for e in report.error_messages:
            out.append(f"  {e['id']}: {_short(e['error'], 90)}")
    for i, wr in enumerate(report.worst, 1):
        out.append("")
        out.append(f"worst #{i}: {wr['id']}  ({wr['wrong']} wrong)")
        if wr.get("exception"):
            out.append(f"  exception: {_short(wr['exception'], 200)}")
        out.append(f"  text: {_short(wr['text'], 300)}")
        fields = wr.get("fields", {})
        if fields:
            w = max(len(k) for k in fields)
            out.append(f"  {'':<{w}}  {'gold':<28}  {'predicted':<28}")
            for k, f in fields.items():
                mark = " " if f.get("ok") else "x"
                out.append(f"{mark} {k:<{w}}  {_short(f.get('gold')):<28}  {_short(f.get('predicted'))}")
    for n in report.notes:
        out.append("")
        out.append(f"note: {n}")
    return "\n".join(out)


# --------------------------------------------------------------------------- running


@dataclass
class Record:
    """One evaluation item: the extractor's input plus whatever gold the set keeps."""

    id: str
    text: str
    published: str | None
    gold: Any
    title: str = ""


@dataclass
class Outcome:
    record: Record
    extraction: Extraction  # empty when the extractor raised
    error: str | None = None


BATCH = 32


def _batch_items(records: Sequence[Record]) -> list[dict[str, Any]]:
    return [{"text": r.text, "published": r.published, "title": r.title} for r in records]


def run_extractor(extractor: Any, records: Sequence[Record],
                  progress: Progress | None = None) -> list[Outcome]:
    """Run ``extractor`` over ``records`` in order and catch per-record exceptions.

    If the extractor has ``extract_many(items)`` it is used in chunks of ``BATCH``; items are
    dicts ``{"text", "published", "title"}`` and the result is one Extraction per item, in
    order (an iterator is consumed lazily). When the batch raises, the rest of that chunk is
    done record by record, so one bad record costs only itself. ``progress(done, total)`` is
    called once per record in both modes. A record whose ``extract`` raises is kept, scored as an empty
    Extraction (every field wrong) and counted in ``EvalReport.errors``.
    """
    total = len(records)
    out: list[Outcome] = []

    def one(r: Record) -> Outcome:
        try:
            ex = extractor.extract(r.text, r.published, title=r.title)
            if ex is None:
                ex = Extraction()
            return Outcome(r, ex)
        except Exception as e:  # noqa: BLE001 - one bad record must not stop the run
            return Outcome(r, Extraction(), f"{type(e).__name__}: {e}")

    batch = getattr(extractor, "extract_many", None)
    if callable(batch):
        for i in range(0, total, BATCH):
            chunk = records[i:i + BATCH]
            got: list[Extraction] = []
            try:
                for ex in batch(_batch_items(chunk)):
                    if len(got) == len(chunk):
                        raise ValueError("extract_many returned more results than items")
                    got.append(ex if ex is not None else Extraction())
                    out.append(Outcome(chunk[len(got) - 1], got[-1]))
                    if progress:
                        progress(len(out), total)
            except Exception:  # noqa: BLE001 - the rest of this chunk one by one
                pass
            for r in chunk[len(got):]:  # after an exception, or if the batch came up short
                out.append(one(r))
                if progress:
                    progress(len(out), total)
    else:
        for r in records:
            out.append(one(r))
            if progress:
                progress(len(out), total)
    return out


def new_report(set_name: str, path: str, outcomes: Sequence[Outcome], started: float) -> EvalReport:
    rep = EvalReport(set_name=set_name, path=str(path), records=len(outcomes))
    rep.errors = sum(1 for o in outcomes if o.error)
    rep.error_messages = [{"id": o.record.id, "error": o.error} for o in outcomes if o.error][:5]
    rep.seconds = time.monotonic() - started
    try:
        from ..extract import EXTRACTOR_VERSION

        rep.extractor_version = EXTRACTOR_VERSION
    except Exception:  # noqa: BLE001
        pass
    return rep


def pick_worst(rows: Iterable[tuple[int, dict[str, Any]]], n: int) -> list[dict[str, Any]]:
    """The ``n`` rows with most fields wrong; ties keep record order. Rows with 0 wrong are skipped."""
    if n <= 0:
        return []
    ranked = sorted(((w, i, d) for i, (w, d) in enumerate(rows) if w > 0), key=lambda t: (-t[0], t[1]))
    return [d for _, _, d in ranked[:n]]


def worst_entry(o: Outcome, wrong: int, fields: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {"id": o.record.id, "wrong": wrong, "text": o.record.text[:300],
            "exception": o.error, "fields": fields}


def top_confusions(pairs: Iterable[tuple[str, str]], n: int = 10) -> list[tuple[str, str, int]]:
    c = Counter((g, p) for g, p in pairs if g != p)
    return [(g, p, k) for (g, p), k in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


# --------------------------------------------------------------------------- scoring helpers


def f1(tp: int, n_pred: int, n_gold: int) -> float | None:
    if not n_pred and not n_gold:
        return None
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def within_km(pred_lat: Any, pred_lon: Any, gold_lat: Any, gold_lon: Any,
              km: float = LOCATION_KM) -> bool:
    """True when both points are known and at most ``km`` apart; a missing point is wrong."""
    pl, po, gl, go = (to_float(x) for x in (pred_lat, pred_lon, gold_lat, gold_lon))
    if None in (pl, po, gl, go):
        return False
    return haversine_km(pl, po, gl, go) <= km


def to_float(v: Any) -> float | None:
    if v is None:
        return None
    try:
        f = float(str(v).strip())
    except ValueError:
        return None
    return None if math.isnan(f) else f


def to_int(v: Any) -> int | None:
    f = to_float(v)
    return None if f is None else int(round(f))


def iso_date(v: Any) -> str | None:
    """'2023-05-02', '2023-05-02T10:00', '05/02/2023 00:00:00' -> '2023-05-02'."""
    if v is None:
        return None
    s = str(v).strip()
    if not s:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return m.group(0)
    m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", s)  # UCDP: month/day/year
    if m:
        mo, d, y = (int(x) for x in m.groups())
        try:
            return datetime(y, mo, d).date().isoformat()
        except ValueError:
            return None
    return None


# --- events


def evidence_start(ev: Event) -> int | None:
    starts = [s[0] for spans in (ev.evidence or {}).values() for s in spans if s]
    return min(starts) if starts else None


def primary_event(ex: Extraction | None) -> Event | None:
    """The event a single-event gold record is compared with.

    One event: that one. Several: the one whose evidence starts earliest in the text (the
    lead of a news report is the main event; later ones are often background or follow-ups).
    Events without any evidence span sort after those with one; ties keep extractor order.
    """
    if ex is None or not ex.events:
        return None
    if len(ex.events) == 1:
        return ex.events[0]
    keyed = [((0, st) if (st := evidence_start(e)) is not None else (1, 0), i, e)
             for i, e in enumerate(ex.events)]
    return min(keyed, key=lambda t: (t[0], t[1]))[2]


def run_set(name: str, load: Callable, score: Callable, path: str, extractor: Any, limit: int | None,
            errors: int, progress: Progress | None) -> EvalReport:
    """Load a set, run the extractor over it and score it: the body of every set's ``run``."""
    records = load(path, limit)
    started = time.monotonic()
    outcomes = run_extractor(extractor, records, progress)
    return score(outcomes, new_report(name, path, outcomes, started), errors)


def load_jsonl(path: str, limit: int | None, *, default_file: str, id_key: str, text_key: str) -> list[Record]:
    """Records from a JSONL file (or a folder holding ``default_file``); no publication date."""
    if os.path.isdir(path):
        path = os.path.join(path, default_file)
    out: list[Record] = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if not line.strip():
                continue
            if limit is not None and len(out) >= limit:
                break
            doc = json.loads(line)
            out.append(Record(id=str(doc.get(id_key) or f"line {i + 1}"), text=doc.get(text_key) or "",
                              published=None, gold=doc))
    return out
