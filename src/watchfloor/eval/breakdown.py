"""Per-group score tables and record selection (slice, sample, limit) for the large sets.

- :class:`Breakdown` collects one accuracy per (group, field) as records are scored and
  turns into a :class:`GroupTable`, which ``EvalReport.groups`` holds and ``format_report``
  prints (one row per group, one column per field) and ``to_dict`` writes out.
- :func:`select` applies, in this order: the slice ("tune", "untouched" or "all"), the
  deterministic sample, and ``limit``.

``sample=N`` keeps N records spread evenly over the (sliced) file: record ``floor(i * M / N)``
for i = 0..N-1 out of M, i.e. about every (M/N)-th record, starting with the first. The same
file and N always give the same records, and files sorted by source or country are covered
end to end (``limit`` keeps only the head). N >= M keeps everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence, TypeVar

from .common import Score

T = TypeVar("T")

SLICES = ("tune", "untouched", "all")


def check_slice(name: str | None) -> str:
    s = (name or "all").strip().lower()
    if s not in SLICES:
        raise ValueError(f"unknown slice {name!r}; choose from {', '.join(SLICES)}")
    return s


def spread_sample(items: Sequence[T], n: int | None) -> list[T]:
    """``n`` items spread evenly over ``items`` (see the module docstring); None = all."""
    if n is None or n >= len(items):
        return list(items)
    if n < 0:
        raise ValueError("sample must be >= 0")
    m = len(items)
    return [items[i * m // n] for i in range(n)]


def select(items: Sequence[T], slice_of: Callable[[T], str], *, slice_name: str = "all",
           sample: int | None = None, limit: int | None = None) -> list[T]:
    """Slice, then sample, then limit (each optional)."""
    s = check_slice(slice_name)
    kept = [x for x in items if s == "all" or slice_of(x) == s]
    kept = spread_sample(kept, sample)
    return kept if limit is None else kept[:limit]


@dataclass
class GroupTable:
    """Scores per group: ``rows`` are (group, records, {column: value}, {column: (correct, total)})."""

    title: str
    columns: list[str]
    rows: list[tuple[str, int, dict[str, float | None], dict[str, tuple[int, int]]]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "columns": self.columns,
                "rows": [{"group": g, "records": n, "values": v,
                          "counts": {k: list(c) for k, c in counts.items()}}
                         for g, n, v, counts in self.rows]}

    def lines(self) -> list[str]:
        gw = max([len("group")] + [len(g) for g, *_ in self.rows])
        widths = [max(6, len(c)) for c in self.columns]
        out = [f"{self.title}:",
               f"  {'group':<{gw}}  {'n':>6}  " + "  ".join(f"{c:>{w}}" for c, w in zip(self.columns, widths))]
        for g, n, vals, _ in self.rows:
            cells = ("   n/a" if vals.get(c) is None else f"{100 * vals[c]:5.1f}%" for c in self.columns)
            out.append(f"  {g:<{gw}}  {n:>6}  " + "  ".join(f"{x:>{w}}" for x, w in zip(cells, widths)))
        return out


class Breakdown:
    """Accuracy per group and field: ``add(group, {field: ok})`` once per record, where
    ``ok`` None means the field is not scored on that record."""

    def __init__(self, title: str, columns: Iterable[tuple[str, str]]):
        self.title = title
        self.columns = list(columns)  # (field key, column label)
        self.records: dict[str, int] = {}
        self.scores: dict[str, dict[str, Score]] = {}

    def add(self, group: str, oks: dict[str, bool | None]) -> None:
        self.records[group] = self.records.get(group, 0) + 1
        row = self.scores.setdefault(group, {k: Score(k) for k, _ in self.columns})
        for k, _ in self.columns:
            if oks.get(k) is not None:
                row[k].add(bool(oks[k]))

    def table(self, order: Sequence[str] = ()) -> GroupTable:
        groups = [g for g in order if g in self.records] + sorted(g for g in self.records if g not in order)
        t = GroupTable(self.title, [label for _, label in self.columns])
        for g in groups:
            sc = self.scores[g]
            t.rows.append((g, self.records[g], {label: sc[k].value for k, label in self.columns},
                           {label: (sc[k].correct, sc[k].total) for k, label in self.columns}))
        return t


def score_fields(scores: dict[str, Score], cmp: dict[str, dict[str, Any]], not_shown: tuple[str, ...],
                 outcome: Any, worst_rows: list) -> dict[str, bool | None]:
    """Add one record's field comparisons to ``scores`` and its worst-entry candidate to
    ``worst_rows``; a field whose ``ok`` is None does not apply to the record. Returns the oks."""
    from .common import worst_entry

    oks = {k: v["ok"] for k, v in cmp.items()}
    for k, s in scores.items():
        if oks.get(k) is not None:
            s.add(oks[k])
    shown = {k: v for k, v in cmp.items() if v["ok"] is not None and k not in not_shown}
    wrong = sum(1 for v in shown.values() if not v["ok"])
    worst_rows.append((wrong, worst_entry(outcome, wrong, shown)))
    return oks


def note_slice(report: Any, slice_name: str, sample: int | None, unit: str = "row") -> Any:
    """``report`` with a note saying which part of its set was scored (none for all of it)."""
    if slice_name != "all" or sample is not None:
        report.notes.append(f"slice {slice_name}" + (f", sample {sample} (every k-th {unit}, spread)" if sample else ""))
    return report
