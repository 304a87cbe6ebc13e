"""Count series: daily rows from the store binned by day, ISO week or month, every bin present
(a week without events is a zero, not a gap)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

INTERVALS = ("day", "week", "month")


def bin_start(day: date, interval: str) -> date:
    """The first day of the bin holding ``day``: itself, its week's Monday, its month's 1st."""
    if interval == "day":
        return day
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown interval {interval!r}; choose from {', '.join(INTERVALS)}")


def next_bin(start: date, interval: str) -> date:
    if interval == "day":
        return start + timedelta(days=1)
    if interval == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def bins_between(first: date, last: date, interval: str) -> list[date]:
    """Every bin start from the bin holding ``first`` to the bin holding ``last``."""
    out, cur, end = [], bin_start(first, interval), bin_start(last, interval)
    while cur <= end:
        out.append(cur)
        cur = next_bin(cur, interval)
    return out


def bin_days(start: date, interval: str) -> int:
    return (next_bin(start, interval) - start).days


@dataclass
class Series:
    """One group's counts per bin: ``events``, ``fatalities`` and the ids behind each bin."""

    key: tuple
    interval: str
    starts: list[date]
    events: list[int]
    fatalities: list[int]
    ids: list[list[str]] = field(default_factory=list)

    def values(self, measure: str) -> list[int]:
        if measure not in ("events", "fatalities"):
            raise ValueError(f"unknown measure {measure!r}; choose events or fatalities")
        return self.events if measure == "events" else self.fatalities


def build_series(rows: Iterable[dict], group: tuple[str, ...], interval: str, *, first: date | None = None,
                 last: date | None = None) -> dict[tuple, Series]:
    """Daily store rows (``day``, the group columns, ``events``, ``fatalities``, maybe ``ids``)
    into one Series per group over the same bins, from ``first`` (or the earliest day) to
    ``last`` (or the latest)."""
    rows = [r for r in rows if r.get("day")]
    if not rows and (first is None or last is None):
        return {}
    days = [date.fromisoformat(r["day"]) for r in rows]
    lo = first or min(days)
    hi = last or max(days)
    starts = bins_between(lo, hi, interval)
    index = {s: i for i, s in enumerate(starts)}
    out: dict[tuple, Series] = {}
    for r, day in zip(rows, days):
        if day < lo or day > hi:
            continue
        key = tuple(r.get(g) for g in group)
        s = out.get(key)
        if s is None:
            n = len(starts)
            s = out[key] = Series(key, interval, starts, [0] * n, [0] * n, [[] for _ in range(n)])
        i = index[bin_start(day, interval)]
        s.events[i] += r["events"]
        s.fatalities[i] += r["fatalities"] or 0
        s.ids[i].extend(r.get("ids") or [])
    return out


def volume_series(rows: Iterable[dict], starts: list[date], interval: str) -> list[int]:
    """Articles per bin (reporting volume) over the given bins."""
    index = {s: i for i, s in enumerate(starts)}
    out = [0] * len(starts)
    for r in rows:
        i = index.get(bin_start(date.fromisoformat(r["day"]), interval))
        if i is not None:
            out[i] += r["articles"]
    return out
