"""Surge detection scored on synthetic regions with known onsets: detection, delay, false alarms.

No dataset here marks when violence in a region started to rise, so the onsets are planted.
``--regions`` weekly series of ``--years`` years are drawn from negative-binomial counts with
the shapes conflict data has: weekly means from 0.02 to 30 (and 15% of regions at zero),
dispersion from heavy (k = 0.7) to mild (k = 10), half of them seasonal. Half the regions get
one onset after their third year, of one of three kinds:

* ``from zero``: a quiet region (mean below 0.3, or none) starts seeing 0.8-3 events a week;
* ``step``: the rate jumps 2-4 times;
* ``ramp``: the rate climbs to 2-4 times over 12 weeks.

Each lasts 16-52 weeks. An onset is caught when an alarm falls in the 12 weeks from it; any
other alarm episode (alarms less than 4 weeks apart are one) outside an onset and the 12
weeks after it is a false alarm, counted per region-year after the first year.

Three rules are scored on the same series:

* ``acled``: ACLED's Subnational Surge Tracker (a week at least twice the mean of the four
  before it, where that mean is at least 1);
* ``qp52``: a quasi-Poisson (negative-binomial tail) test of the week against the previous 52,
  at p < 0.001;
* ``watchfloor``: ``analyze.surges.detect`` with the default rule (default.toml's [surges]).

    .venv/bin/python benchmarks/surge_detection.py [--regions 400] [--years 8] [--seed 1]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from datetime import date, timedelta

import numpy as np
from scipy.stats import nbinom

from watchfloor.analyze.series import Series
from watchfloor.analyze.surges import SurgeRule, detect
from watchfloor.settings import load_settings


def simulate(regions: int, years: int, rng: np.random.Generator) -> tuple[list[np.ndarray], list[dict | None]]:
    weeks = 52 * years
    t = np.arange(weeks)
    series, onsets = [], []
    for r in range(regions):
        zero = rng.random() < 0.15
        mean = 0.0 if zero else float(np.exp(rng.uniform(np.log(0.02), np.log(30))))
        k = float(rng.choice([0.7, 2.0, 10.0]))
        amplitude = float(rng.choice([0.0, 0.5]))
        mu = mean * (1 + amplitude * np.sin(2 * np.pi * t / 52 + rng.uniform(0, 2 * np.pi)))
        onset = None
        if r % 2 == 1:
            t0 = int(rng.integers(156, weeks - 30))
            duration = int(rng.integers(16, 53))
            kind = "from zero" if mean < 0.3 else str(rng.choice(["step", "ramp"]))
            end = min(weeks, t0 + duration)
            if kind == "from zero":
                mu[t0:end] = rng.uniform(0.8, 3.0)
            else:
                factor = rng.uniform(2.0, 4.0)
                ramp = np.minimum(1.0, (np.arange(end - t0) + 1) / (12 if kind == "ramp" else 1))
                mu[t0:end] = mu[t0:end] * (1 + (factor - 1) * ramp)
            onset = {"t0": t0, "end": end, "kind": kind}
        y = np.zeros(weeks)
        live = mu > 0
        y[live] = rng.negative_binomial(k, k / (k + mu[live]))
        series.append(y)
        onsets.append(onset)
    return series, onsets


def acled_alarms(y: np.ndarray) -> list[int]:
    out = []
    for t in range(4, len(y)):
        prior = y[t - 4:t].mean()
        if prior >= 1 and y[t] >= 2 * prior:
            out.append(t)
    return out


def qp52_alarms(y: np.ndarray, alpha: float = 0.001) -> list[int]:
    out = []
    for t in range(52, len(y)):
        base = y[t - 52:t]
        m = max(base.mean(), 0.5 / 52)
        phi = max(1.0, base.var(ddof=1) / m) if base.mean() > 0 else 1.0
        p = nbinom.sf(y[t] - 1, m / (phi - 1), 1 / phi) if phi > 1 else float(
            np.exp(-m) if y[t] >= 1 else 1.0) if y[t] <= 1 else _poisson_sf(y[t], m)
        if p < alpha:
            out.append(t)
    return out


def _poisson_sf(x: float, m: float) -> float:
    from scipy.stats import poisson
    return float(poisson.sf(x - 1, m))


def watchfloor_alarms(series: list[np.ndarray], rule: SurgeRule) -> list[list[int]]:
    start = date(2000, 1, 3)
    weeks = len(series[0])
    starts = [start + timedelta(weeks=i) for i in range(weeks)]
    built = {(r,): Series((r,), "week", starts, [int(v) for v in y], [0] * weeks, [[] for _ in range(weeks)])
             for r, y in enumerate(series)}
    out: list[list[int]] = [[] for _ in series]
    for s in detect(built, "events", rule):
        out[s.key[0]].append((s.first_alarm - start).days // 7)
    return out


def episodes(alarms: list[int], gap: int = 4) -> list[int]:
    firsts, last = [], None
    for t in sorted(alarms):
        if last is None or t - last >= gap:
            firsts.append(t)
        last = t
    return firsts


def caught_onsets(alarms: list[list[int]], onsets: list[dict | None]) -> set[int]:
    return {r for r, (a, o) in enumerate(zip(alarms, onsets))
            if o and any(o["t0"] <= t < o["t0"] + 12 for t in episodes(a) if t >= 52)}


def score(name: str, alarms: list[list[int]], onsets: list[dict | None], years: int) -> dict:
    caught, delays, false, by_kind = 0, [], 0, defaultdict(lambda: [0, 0])
    for a, onset in zip(alarms, onsets):
        firsts = [t for t in episodes(a) if t >= 52]
        if onset:
            hit = [t for t in firsts if onset["t0"] <= t < onset["t0"] + 12]
            by_kind[onset["kind"]][1] += 1
            if hit:
                caught += 1
                by_kind[onset["kind"]][0] += 1
                delays.append(hit[0] - onset["t0"])
            false += sum(1 for t in firsts if not (onset["t0"] - 2 <= t < onset["end"] + 12))
        else:
            false += len(firsts)
    n_onsets = sum(1 for o in onsets if o)
    region_years = len(onsets) * (years - 1)
    return {"rule": name, "caught": f"{caught}/{n_onsets}", "recall": round(caught / n_onsets, 3),
            "median_delay_weeks": statistics.median(delays) if delays else None,
            "false_alarms_per_region_year": round(false / region_years, 3),
            "by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--regions", type=int, default=400)
    ap.add_argument("--years", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    series, onsets = simulate(args.regions, args.years, rng)
    rule = SurgeRule.from_settings(load_settings().get("surges"))
    acled = [acled_alarms(y) for y in series]
    qp52 = [qp52_alarms(y) for y in series]
    results = [score("acled", acled, onsets, args.years), score("qp52", qp52, onsets, args.years)]
    began = time.perf_counter()
    ours = watchfloor_alarms(series, rule)
    seconds = time.perf_counter() - began
    results.append(score("watchfloor", ours, onsets, args.years))
    print(f"{args.regions} regions x {args.years} years, seed {args.seed}; watchfloor rule took {seconds:.2f} s")
    both_missed = set(range(len(onsets))) - caught_onsets(acled, onsets) - caught_onsets(qp52, onsets)
    both_missed = {r for r in both_missed if onsets[r]}
    print(f"  onsets both acled and qp52 miss: {len(both_missed)}; watchfloor catches "
          f"{len(both_missed & caught_onsets(ours, onsets))} of them")
    for r in results:
        print(f"  {r['rule']:<11} caught {r['caught']:>8} ({r['recall']:.3f})  median delay "
              f"{r['median_delay_weeks']} weeks  false alarms {r['false_alarms_per_region_year']:.3f} "
              f"per region-year  by kind {r['by_kind']}")


if __name__ == "__main__":
    main()
