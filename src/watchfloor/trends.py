"""Service operations over stored merged events for the CLI and the API: trends, period
comparisons and surges (the statistics themselves are in ``analyze/``). Events are merged
incidents, never reports; reporting volume (articles) is counted apart, so a burst of
coverage is never read as a burst of violence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .analyze.compare import RateRatio, parse_period, rate_ratio
from .analyze.series import Series, bins_between, build_series, next_bin, volume_series
from .analyze.surges import Surge, SurgeRule, detect

FILTER_KEYS = ("since", "until", "country", "admin1", "admin2", "event_type", "actor", "origin")
REGION_LEVELS = {"country": ("country",), "admin1": ("country", "admin1"), "admin2": ("country", "admin1", "admin2")}
OTHER = "(other)"


@dataclass
class Trend:
    """Counts per bin and group, with the reporting volume per bin."""

    interval: str
    by: tuple[str, ...]
    starts: list[date]
    groups: list[Series]
    articles: list[int]

    def rows(self) -> list[dict]:
        out = []
        for s in self.groups:
            for i, start in enumerate(self.starts):
                row = {"period": start.isoformat(), **dict(zip(self.by, s.key)),
                       "events": s.events[i], "fatalities": s.fatalities[i]}
                out.append(row)
        return out

    def to_dict(self) -> dict:
        return {"interval": self.interval, "by": list(self.by), "rows": self.rows(),
                "articles": [{"period": s.isoformat(), "articles": n} for s, n in zip(self.starts, self.articles)]}


def _clean(filters: dict) -> dict:
    """The filters given, with their dates checked (a message naming the bad one)."""
    out = {k: v for k, v in filters.items() if k in FILTER_KEYS and v is not None}
    for name in ("since", "until"):
        if name in out:
            try:
                date.fromisoformat(out[name])
            except (TypeError, ValueError):
                raise ValueError(f"{name}: {str(out[name])[:40]!r} is not a date (YYYY-MM-DD)") from None
    return out


def trend(store, *, interval: str = "week", by: tuple[str, ...] = (), top: int = 10, **filters) -> Trend:
    """Events and fatalities per bin for each of the ``top`` groups by events (the rest summed
    as "(other)"), and articles stored per bin."""
    filters = _clean(filters)
    rows = store.event_counts(group=by, **filters)
    first = date.fromisoformat(filters["since"]) if "since" in filters else None
    last = date.fromisoformat(filters["until"]) if "until" in filters else None
    series = build_series(rows, by, interval, first=first, last=last)
    ranked = sorted(series.values(), key=lambda s: (-sum(s.events), str(s.key)))
    groups = ranked[:top] if by else ranked
    if by and len(ranked) > top:
        rest = ranked[top:]
        n = len(rest[0].starts)
        groups.append(Series(tuple(OTHER for _ in by), interval, rest[0].starts,
                             [sum(s.events[i] for s in rest) for i in range(n)],
                             [sum(s.fatalities[i] for s in rest) for i in range(n)]))
    starts = groups[0].starts if groups else []
    volume = volume_series(store.article_counts(since=filters.get("since"), until=filters.get("until")),
                           starts, interval) if starts else []
    return Trend(interval, by, starts, groups, volume)


@dataclass
class PeriodCompare:
    period_a: tuple[date, date]
    period_b: tuple[date, date]
    by: tuple[str, ...]
    groups: list[tuple[tuple, dict[str, RateRatio]]]

    def to_dict(self) -> dict:
        return {"period_a": [d.isoformat() for d in self.period_a], "period_b": [d.isoformat() for d in self.period_b],
                "by": list(self.by), "model": "quasi-Poisson rate ratio of A over B, 95% interval",
                "groups": [{**dict(zip(self.by, key)), **{m: r.to_dict() for m, r in ratios.items()}}
                           for key, ratios in self.groups]}


def _period_counts(rows: list[dict], by: tuple, interval: str, period: tuple[date, date]) -> tuple[dict, list[int]]:
    """Each group's per-bin counts inside the period, and each bin's days inside it (exposure)."""
    first, last = period
    inside = [r for r in rows if first.isoformat() <= r["day"] <= last.isoformat()]
    series = build_series(inside, by, interval, first=first, last=last)
    after = date.fromordinal(last.toordinal() + 1)
    days = [(min(next_bin(s, interval), after) - max(s, first)).days for s in bins_between(first, last, interval)]
    return series, days


def compare(store, period_a: str, period_b: str, *, interval: str = "week", by: tuple[str, ...] = (),
            top: int = 10, **filters) -> PeriodCompare:
    """Period A against period B, for each group: events, fatalities and (without grouping)
    articles, each as a quasi-Poisson rate ratio."""
    a, b = parse_period(period_a), parse_period(period_b)
    filters = {k: v for k, v in _clean(filters).items() if k not in ("since", "until")}
    rows = store.event_counts(group=by, since=min(a[0], b[0]).isoformat(), until=max(a[1], b[1]).isoformat(),
                              **filters)
    series_a, days_a = _period_counts(rows, by, interval, a)
    series_b, days_b = _period_counts(rows, by, interval, b)
    keys = sorted(set(series_a) | set(series_b),
                  key=lambda k: (-(sum(series_a[k].events) if k in series_a else 0), str(k)))[:top]
    out = []
    for key in keys:
        ratios = {}
        for measure in ("events", "fatalities"):
            ya = series_a[key].values(measure) if key in series_a else [0] * len(days_a)
            yb = series_b[key].values(measure) if key in series_b else [0] * len(days_b)
            ratios[measure] = rate_ratio(ya, days_a, yb, days_b)
        out.append((key, ratios))
    if not by:
        vol_a = _volume(store, a, interval)
        vol_b = _volume(store, b, interval)
        if out:
            out[0][1]["articles"] = rate_ratio(vol_a, days_a, vol_b, days_b)
        else:
            out.append(((), {"articles": rate_ratio(vol_a, days_a, vol_b, days_b)}))
    return PeriodCompare(a, b, by, out)


def _volume(store, period: tuple[date, date], interval: str) -> list[int]:
    first, last = period
    return volume_series(store.article_counts(since=first.isoformat(), until=last.isoformat()),
                         bins_between(first, last, interval), interval)


def surges(store, *, by: str = "admin1", measure: str = "events", rule: SurgeRule | None = None,
           **filters) -> list[Surge]:
    """Every surge in each region's weekly series of merged events (see analyze/surges.py)."""
    if by not in REGION_LEVELS:
        raise ValueError(f"surges are found by country, admin1 or admin2, not {by!r}")
    if measure not in ("events", "fatalities"):
        raise ValueError(f"surges measure events or fatalities, not {measure!r}")
    group = REGION_LEVELS[by]
    filters = _clean(filters)
    rows = [r for r in store.event_counts(group=group, with_ids=True, **filters) if r.get(group[-1])]
    first = date.fromisoformat(filters["since"]) if "since" in filters else None
    last = date.fromisoformat(filters["until"]) if "until" in filters else None
    series = build_series(rows, group, "week", first=first, last=last)
    return detect(series, measure, rule)


def surge_dict(s: Surge, by: str) -> dict:
    """The JSON shape of a surge: region, measure, start (with its uncertainty), end, counts."""
    names = dict(zip(REGION_LEVELS[by], s.key))
    return {"region": {"country": names.get("country"), "admin1": names.get("admin1"), "admin2": names.get("admin2")},
            "measure": s.measure, "start": s.start.isoformat(),
            "start_interval": [s.start_low.isoformat(), s.start_high.isoformat()],
            "first_alarm": s.first_alarm.isoformat(), "end": s.end.isoformat() if s.end else None,
            "observed": s.observed, "expected": s.expected, "ratio": s.ratio, "score": s.score, "events": s.events}

