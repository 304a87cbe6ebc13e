"""Merging scored against the demo corpus's gold incidents: ``watchfloor eval merge``.

The corpus is ingested into a fresh store, as ``watchfloor demo`` does. Each gold event of an
article carries ``incident``, a key shared by every article's report of that incident (a gold
event without one is an incident of its own). Gold events are paired with the article's
extracted reports as in ``eval/demo.py``; an item is one gold report, its gold cluster the
incident key, its predicted cluster the merged event its paired report landed in (an unpaired
gold report is a cluster of its own: a missed report cannot be merged).

Reported: B-cubed and pairwise precision, recall and F1, the same for the all-singletons
baseline (every report its own event, as before merging), syndicated copies linked to their
original, and, over the incidents with two or more gold reports, how often the merged event's
``fatalities_best`` equals the gold best figure. The gold best figure follows the same rule as
``merge/reconcile.py`` (the latest day's most common figure, ties to the lower) applied to the
gold per-article figures, so the toll score measures extraction and merging, not the rule.

Slices: ``untouched`` is ``corpus/merge-incidents-3.jsonl`` (written for this evaluation by a
writer who never read the merge or extraction code, and never tuned on); ``tune`` is everything
else. ``merge-incidents-2.jsonl`` was the untouched slice until its errors were fixed, and is
tuned on since.
"""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..merge.reconcile import latest_figures
from .demo import _pair_score, load_gold

UNTOUCHED_SOURCES = ("corpus/merge-incidents-3.jsonl",)


@dataclass
class MergeScore:
    items: int = 0
    incidents: int = 0
    multi_report_incidents: int = 0
    unpaired: int = 0
    b_cubed: dict = field(default_factory=dict)
    pairwise: dict = field(default_factory=dict)
    baseline_b_cubed: dict = field(default_factory=dict)
    baseline_pairwise: dict = field(default_factory=dict)
    toll_correct: int = 0
    copies: int = 0
    copies_linked: int = 0
    copies_with_events: int = 0
    wrong: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        toll = self.toll_correct / self.multi_report_incidents if self.multi_report_incidents else 0.0
        return {"items": self.items, "incidents": self.incidents, "unpaired_gold_reports": self.unpaired,
                "multi_report_incidents": self.multi_report_incidents, "b_cubed": self.b_cubed,
                "pairwise": self.pairwise, "singletons_b_cubed": self.baseline_b_cubed,
                "singletons_pairwise": self.baseline_pairwise,
                "fatalities_best_correct": f"{self.toll_correct}/{self.multi_report_incidents}",
                "fatalities_best_accuracy": round(toll, 3),
                "copies_linked": f"{self.copies_linked}/{self.copies}", "copies_with_events": self.copies_with_events}


def _prf(p: float, r: float) -> dict:
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def b_cubed(gold: list, predicted: list) -> dict:
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, predicted)):
        by_gold[g].add(i)
        by_pred[p].add(i)
    n = len(gold) or 1
    precision = sum(len(by_pred[p] & by_gold[g]) / len(by_pred[p]) for g, p in zip(gold, predicted)) / n
    recall = sum(len(by_pred[p] & by_gold[g]) / len(by_gold[g]) for g, p in zip(gold, predicted)) / n
    return _prf(precision, recall) if gold else _prf(0, 0)


def pairwise(gold: list, predicted: list) -> dict:
    tp = fp = fn = 0
    for i in range(len(gold)):
        for j in range(i + 1, len(gold)):
            same_g, same_p = gold[i] == gold[j], predicted[i] == predicted[j]
            tp += same_g and same_p
            fp += same_p and not same_g
            fn += same_g and not same_p
    return _prf(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def best_figure(reports: list[tuple[str, int | None]]) -> int | None:
    """The rule of merge/reconcile.py on (published, fatalities) pairs."""
    figures = latest_figures([(day, f) for day, f in reports if f is not None])
    return figures[0] if figures else None


def _in_slice(gold: dict, slice_: str) -> bool:
    untouched = gold["source"] in UNTOUCHED_SOURCES
    return slice_ == "all" or (slice_ == "untouched") == untouched


def score_merge(store, slice_: str = "all") -> MergeScore:
    score = MergeScore()
    by_title = {a.title.strip(): a for a in store.iter_articles()}
    gold_of, pred_of = [], []
    reports: dict[str, list[tuple[str, int | None, str]]] = defaultdict(list)
    for gold in load_gold():
        if not _in_slice(gold, slice_):
            continue
        art = by_title.get(gold["title"].strip())
        if gold.get("copy_of"):
            score.copies += 1
            original = next((a for a in by_title.values() if a.external_id == gold["copy_of"]), None)
            if art and original and store.copy_of(art.id) == original.id:
                score.copies_linked += 1
            else:
                score.wrong.append(f"copy not linked: {gold['title']}")
            score.copies_with_events += bool(art and store.report_events(art.id))
            continue
        events_of = store.report_events(art.id) if art else {}
        predicted = store.load_extraction(art.id)["events"] if art else []
        free = list(enumerate(predicted))
        for k, g in enumerate(gold["events"]):
            key = g.get("incident") or f"{gold['title']}#{k}"
            best = max(free, key=lambda p: _pair_score(g, p[1]), default=None)
            if best is None or _pair_score(g, best[1]) < 2:
                score.unpaired += 1
                pred, ordinal = f"unpaired:{gold['title']}#{k}", None
            else:
                free.remove(best)
                ordinal = best[0]
                pred = events_of.get(ordinal, f"unpaired:{gold['title']}#{k}")
            gold_of.append(key)
            pred_of.append(pred)
            reports[key].append((gold["published"], g.get("fatalities"), pred))
    score.items, score.incidents = len(gold_of), len(set(gold_of))
    score.b_cubed, score.pairwise = b_cubed(gold_of, pred_of), pairwise(gold_of, pred_of)
    singletons = list(range(len(gold_of)))
    score.baseline_b_cubed, score.baseline_pairwise = b_cubed(gold_of, singletons), pairwise(gold_of, singletons)
    for key, reps in sorted(reports.items()):
        if len(reps) < 2:
            continue
        score.multi_report_incidents += 1
        votes = Counter(p for _, _, p in reps if not str(p).startswith("unpaired"))
        event = store.event(votes.most_common(1)[0][0]) if votes else None
        want = best_figure([(d, f) for d, f, _ in reps])
        got = event and event["fatalities_best"]
        score.toll_correct += got == want
        if got != want or len(votes) != 1:
            score.wrong.append(f"{key}: {len(reps)} reports in {len(votes)} events "
                               f"(+{sum(1 for *_, p in reps if str(p).startswith('unpaired'))} unpaired), "
                               f"fatalities_best {got} (gold {want})")
    return score


def run_merge_eval(settings: dict, corpus: str | None = None, slice_: str = "all") -> MergeScore:
    """Ingest the demo corpus (or ``corpus``, a folder laid out like it) into a temporary store,
    merging as ingest does, and score it."""
    from ..service import demo_corpus_path, ingest
    from ..store import Store

    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "merge-eval.db") as store:
            ingest(store, [corpus or str(demo_corpus_path())], settings)
            return score_merge(store, slice_)


def format_merge_score(score: MergeScore, errors: int = 0) -> str:
    d = score.to_dict()
    line = lambda name, s: (f"  {name:26} precision {s['precision']:.3f}  recall {s['recall']:.3f}  "  # noqa: E731
                            f"F1 {s['f1']:.3f}")
    out = [f"merge: {d['items']} gold reports of {d['incidents']} incidents "
           f"({d['multi_report_incidents']} reported more than once); {d['unpaired_gold_reports']} gold reports unpaired",
           line("B-cubed", d["b_cubed"]), line("pairwise", d["pairwise"]),
           line("B-cubed, all singletons", d["singletons_b_cubed"]),
           line("pairwise, all singletons", d["singletons_pairwise"]),
           f"  fatalities_best = gold on merged incidents: {d['fatalities_best_correct']} "
           f"({d['fatalities_best_accuracy']:.3f})",
           f"  syndicated copies linked to their original: {d['copies_linked']}; copies with events of their own: "
           f"{d['copies_with_events']}"]
    out += [f"  wrong: {w}" for w in score.wrong[:errors]]
    return "\n".join(out)
