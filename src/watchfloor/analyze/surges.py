"""Surges: when a region's weekly violence rises past what its own past makes likely, and
since when.

The rule, for each region and week (the README states it with its measured false alarms):

1. **Expected.** The mean of the 52 weeks before the tested window (at least 26), times a
   seasonal factor from the same weeks of up to three earlier years (shrunk toward 1, kept in
   0.5..2). A baseline of zeros counts as half an event a year, so an onset from nothing is
   seen, which ACLED's two-times-the-last-four-weeks rule cannot do.
2. **Overdispersion.** The baseline's variance over its mean (at least 1) scales a
   negative-binomial tail: conflict weeks are burstier than Poisson.
3. **Windows.** The last 1, 4 and 8 weeks are each tested against that expectation: one week
   catches a spike, eight a slow build-up that never spikes. The smallest p-value counts,
   multiplied by the number of windows.
4. **Guards.** An alarm needs p below ``alpha``, the observed at least ``min_ratio`` times the
   expected and at least ``min_events`` (or ``min_fatalities``), and, across the regions tested
   that week, to survive Benjamini-Hochberg at ``fdr``.
5. **Episode.** From the first alarm the baseline is frozen; the surge goes on while the frozen
   test still flags, and ends after ``quiet_weeks`` weeks without a flag (``end`` is null while
   that has not happened). After ``frozen_weeks`` the level reached is the region's new normal:
   the surge goes on only while the rolling test still flags. Its start is a change point: the week that best splits the weeks
   before and during it into two rates, with every week within a 95% profile-likelihood band
   (scaled by the dispersion) as its uncertainty.

Everything is recomputed from the stored merged events on each call, so late reports and
merges change past weeks and the surges with them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from .series import Series

CHI2_95 = 3.841458820694124


@dataclass(frozen=True)
class SurgeRule:
    baseline_weeks: int = 52
    min_history_weeks: int = 26
    windows: tuple[int, ...] = (1, 4, 8)
    alpha: float = 0.0005
    fdr: float = 0.05
    min_ratio: float = 1.5
    min_events: int = 3
    min_fatalities: int = 10
    quiet_weeks: int = 4
    frozen_weeks: int = 26
    seasonal_years: int = 3
    onset_lookback_weeks: int = 26

    @classmethod
    def from_settings(cls, section: dict | None) -> "SurgeRule":
        known = {k: v for k, v in (section or {}).items() if k in cls.__dataclass_fields__}
        if "windows" in known:
            known["windows"] = tuple(int(w) for w in known["windows"])
        return cls(**known)

    def minimum(self, measure: str) -> int:
        return self.min_events if measure == "events" else self.min_fatalities


@dataclass
class Surge:
    key: tuple
    measure: str
    start: date
    start_low: date
    start_high: date
    first_alarm: date
    end: date | None
    observed: int
    expected: float
    ratio: float
    score: float
    events: list[str] = field(default_factory=list)


@dataclass
class _Tested:
    """Per week of one region: the best window's p-value, expected and dispersion."""

    p: np.ndarray
    expected_rate: np.ndarray
    dispersion: np.ndarray


def _tail(observed: np.ndarray, expected: np.ndarray, phi: np.ndarray) -> np.ndarray:
    """P(X >= observed) for a count with this mean and variance phi * mean."""
    from scipy.stats import nbinom, poisson

    out = np.ones_like(expected, dtype=float)
    pois = phi <= 1.0 + 1e-9
    k = observed - 1
    out[pois] = poisson.sf(k[pois], expected[pois])
    nb = ~pois
    if nb.any():
        n = expected[nb] / (phi[nb] - 1.0)
        out[nb] = nbinom.sf(k[nb], n, 1.0 / phi[nb])
    return out


def _window_sums(cum: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Sum of y[lo:hi] for arrays of bounds, from the cumulative sum with a leading 0."""
    return cum[hi] - cum[lo]


def _seasonal(cum: np.ndarray, n: int, rule: SurgeRule) -> np.ndarray:
    """Each week's seasonal factor: its 9-week neighbourhood in earlier years against what
    those years' weekly means predict for 9 weeks, pooled over the years and shrunk toward 1
    by one season's worth of pseudo-counts."""
    t = np.arange(n)
    seen, predicted, years = np.zeros(n), np.zeros(n), np.zeros(n)
    for k in range(1, rule.seasonal_years + 1):
        centre = t - 52 * k
        ok = (centre - 4 >= 0) & (centre + 5 <= n)
        c = np.where(ok, centre, 4)
        # that year's weekly mean: the 52 weeks around the neighbourhood, as far as they go
        lo, hi = np.maximum(0, c - 26), np.minimum(n, c + 26)
        seen += np.where(ok, _window_sums(cum, c - 4, c + 5), 0.0)
        predicted += np.where(ok, 9.0 * _window_sums(cum, lo, hi) / np.maximum(hi - lo, 1), 0.0)
        years += ok
    pseudo = np.maximum(predicted / np.maximum(years, 1), 1.0)
    factor = np.where(predicted > 0, (seen + pseudo) / (predicted + pseudo), 1.0)
    return np.clip(factor, 0.5, 2.0)


def _baseline(cum: np.ndarray, cum2: np.ndarray, end: np.ndarray, rule: SurgeRule) -> tuple:
    """Weekly mean, dispersion and length of the baseline ending (exclusive) at each ``end``."""
    start = np.maximum(0, end - rule.baseline_weeks)
    length = end - start
    total = _window_sums(cum, start, end)
    mean = np.where(length > 0, total / np.maximum(length, 1), 0.0)
    squares = _window_sums(cum2, start, end)
    var = np.where(length > 1, (squares - length * mean ** 2) / np.maximum(length - 1, 1), 0.0)
    phi = np.where(mean > 0, np.maximum(1.0, var / np.maximum(mean, 1e-12)), 1.0)
    # a baseline of zeros: half an event over its length, so the first events can be unusual
    floor = 0.5 / np.maximum(length, 1)
    return np.maximum(mean, floor), phi, length


def _test(y: np.ndarray, rule: SurgeRule, minimum: int) -> _Tested:
    """Each week's smallest window p-value (Bonferroni over the windows), with that window's
    expected weekly rate and dispersion; 1.0 where the guards fail or history is short."""
    n = len(y)
    cum = np.concatenate([[0.0], np.cumsum(y, dtype=float)])
    cum2 = np.concatenate([[0.0], np.cumsum(np.asarray(y, dtype=float) ** 2)])
    season = _seasonal(cum, n, rule)
    t = np.arange(n)
    best_p, best_rate, best_phi = np.ones(n), np.zeros(n), np.ones(n)
    for w in rule.windows:
        lo = np.maximum(t - w + 1, 0)
        observed = _window_sums(cum, lo, t + 1)
        rate, phi, length = _baseline(cum, cum2, lo, rule)
        rate = rate * season
        expected = rate * w
        ok = (t - w + 1 >= 0) & (length >= rule.min_history_weeks) & (observed >= minimum) & (
            observed >= rule.min_ratio * expected)
        p = np.ones(n)
        if ok.any():
            p[ok] = np.minimum(1.0, _tail(observed[ok], expected[ok], phi[ok]) * len(rule.windows))
        better = p < best_p
        best_p, best_rate, best_phi = np.where(better, p, best_p), np.where(better, rate, best_rate), \
            np.where(better, phi, best_phi)
    return _Tested(best_p, best_rate, best_phi)


def _frozen_flags(y: np.ndarray, t0: int, rate: float, phi: float, rule: SurgeRule, minimum: int) -> np.ndarray:
    """From week t0 on, whether the windows still flag against the baseline frozen at t0."""
    n = len(y)
    cum = np.concatenate([[0.0], np.cumsum(y, dtype=float)])
    t = np.arange(t0, n)
    flags = np.zeros(len(t), dtype=bool)
    for w in rule.windows:
        lo = np.maximum(t - w + 1, t0 - w + 1).clip(0)
        observed = _window_sums(cum, lo, t + 1)
        expected = rate * (t + 1 - lo)
        ok = (observed >= minimum) & (observed >= rule.min_ratio * expected)
        p = np.ones(len(t))
        if ok.any():
            p[ok] = _tail(observed[ok], expected[ok], np.full(ok.sum(), phi)) * len(rule.windows)
        flags |= p < rule.alpha
    return flags


def _onset(y: np.ndarray, lo: int, t0: int, hi: int, phi: float) -> tuple[int, int, int]:
    """The change point in y[lo:hi+1] (at most t0) that best splits it into a lower rate and a
    higher one, and the first and last candidate within the 95% profile-likelihood band."""
    seg = np.asarray(y[lo:hi + 1], dtype=float)
    cands, scores = [], []
    for tau in range(1, t0 - lo + 1):
        a, b = seg[:tau], seg[tau:]
        ma, mb = a.mean(), b.mean()
        if mb <= ma:
            continue
        scores.append(_poisson_ll(a, ma) + _poisson_ll(b, mb))
        cands.append(lo + tau)
    if not cands:
        return t0, t0, t0
    scores = np.asarray(scores)
    best = int(np.argmax(scores))
    inside = [c for c, sc in zip(cands, scores) if 2 * (scores[best] - sc) / phi <= CHI2_95]
    return cands[best], min(inside), max(inside)


def _poisson_ll(x: np.ndarray, mean: float) -> float:
    if mean <= 0:
        return 0.0
    return float(np.sum(x * math.log(mean) - mean))


def _alarms(tested: dict[tuple, _Tested], n: int, rule: SurgeRule) -> dict[tuple, np.ndarray]:
    """Weeks each region raises an alarm: p below alpha and, among the regions tested that
    week, a Benjamini-Hochberg adjusted p below fdr."""
    from scipy.stats import false_discovery_control

    keys = list(tested)
    if not keys:
        return {}
    p = np.vstack([tested[k].p for k in keys])  # regions x weeks
    alarms = np.zeros_like(p, dtype=bool)
    for week in range(n):
        column = p[:, week]
        live = column < 1.0
        if not live.any():
            continue
        adjusted = np.ones_like(column)
        adjusted[live] = false_discovery_control(column[live], method="bh") if live.sum() > 1 else column[live]
        alarms[:, week] = (column < rule.alpha) & (adjusted < rule.fdr)
    return {k: alarms[i] for i, k in enumerate(keys)}


def detect(series: dict[tuple, Series], measure: str = "events", rule: SurgeRule | None = None) -> list[Surge]:
    """Every surge in weekly series (one per region, same weeks), oldest first."""
    rule = rule or SurgeRule()
    if not series:
        return []
    any_series = next(iter(series.values()))
    if any_series.interval != "week":
        raise ValueError("surges are detected on weekly series")
    n, minimum = len(any_series.starts), rule.minimum(measure)
    values = {k: np.asarray(s.values(measure), dtype=float) for k, s in series.items()}
    tested = {k: _test(y, rule, minimum) for k, y in values.items()}
    alarms = _alarms(tested, n, rule)
    surges = []
    for key, flags in alarms.items():
        surges.extend(_episodes(series[key], values[key], tested[key], flags, measure, rule, minimum))
    return sorted(surges, key=lambda s: (s.start, s.key))


def _episodes(s: Series, y: np.ndarray, tested: _Tested, alarms: np.ndarray, measure: str,
              rule: SurgeRule, minimum: int) -> list[Surge]:
    out, t, n = [], 0, len(y)
    after_last = 0  # an onset is searched for only after the previous surge's end
    while t < n:
        if not alarms[t]:
            t += 1
            continue
        t0 = t
        rate, phi = float(tested.expected_rate[t0]), float(tested.dispersion[t0])
        flags = _frozen_flags(y, t0, rate, phi, rule, minimum)
        # past frozen_weeks a sustained level is the region's new normal: the surge goes on
        # only while it still rises against its own recent past
        flags[rule.frozen_weeks:] &= tested.p[t0 + rule.frozen_weeks:] < rule.alpha
        last, quiet, i = t0, 0, 1
        while t0 + i < n and quiet < rule.quiet_weeks:
            if flags[i]:
                last, quiet = t0 + i, 0
            else:
                quiet += 1
            i += 1
        ongoing = quiet < rule.quiet_weeks
        # the long windows keep flagging for weeks after the violence ebbs: the surge ends
        # with its last week above the frozen expectation
        last = next((j for j in range(last, t0 - 1, -1) if y[j] >= max(1.0, rule.min_ratio * rate)), t0)
        onset, low, high = _onset(y, max(after_last, t0 - rule.onset_lookback_weeks), t0, last, phi)
        after_last = last + 1
        observed = int(y[onset:last + 1].sum())
        expected = rate * (last + 1 - onset)
        p_min = float(tested.p[t0:last + 1].min())
        out.append(Surge(
            key=s.key, measure=measure, start=s.starts[onset], start_low=s.starts[low], start_high=s.starts[high],
            first_alarm=s.starts[t0], end=None if ongoing else s.starts[last] + timedelta(days=6),
            observed=observed, expected=round(expected, 2), ratio=round(observed / expected, 2) if expected else math.inf,
            score=round(-math.log10(max(p_min, 1e-300)), 2),
            events=[e for ids in s.ids[onset:last + 1] for e in ids]))
        t = t0 + i if not ongoing else n
    return out
