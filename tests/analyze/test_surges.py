"""The surge rule on series whose onsets we planted: an onset from nothing is caught (ACLED's
two-times-four-weeks rule cannot see it), a steady overdispersed region raises nothing, a
seasonal peak seen in earlier years is expected, and the change point brackets the onset."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from watchfloor.analyze.compare import parse_period, rate_ratio
from watchfloor.analyze.series import bin_start, bins_between, build_series
from watchfloor.analyze.surges import SurgeRule, detect

MONDAY = date(2018, 1, 1)


def weekly(key: str, counts) -> tuple:
    rows = [{"day": (MONDAY + timedelta(weeks=i, days=2)).isoformat(), "region": key, "events": int(n),
             "fatalities": int(n) * 2, "ids": [f"{key}-{i}-{j}" for j in range(int(n))]}
            for i, n in enumerate(counts) if n]
    return rows


def series_of(*regions: tuple[str, list]) -> dict:
    rows = [r for key, counts in regions for r in weekly(key, counts)]
    last = MONDAY + timedelta(weeks=max(len(c) for _, c in regions) - 1)
    return build_series(rows, ("region",), "week", first=MONDAY, last=last)


def test_bins_start_on_monday_and_the_first_of_the_month():
    assert bin_start(date(2023, 9, 3), "week") == date(2023, 8, 28)
    assert bin_start(date(2023, 9, 3), "month") == date(2023, 9, 1)
    assert bins_between(date(2023, 1, 31), date(2023, 4, 2), "month") == [
        date(2023, 1, 1), date(2023, 2, 1), date(2023, 3, 1), date(2023, 4, 1)]
    with pytest.raises(ValueError, match="unknown interval 'year'"):
        bin_start(date(2023, 1, 1), "year")


def test_an_onset_from_zero_is_caught_with_its_change_point():
    rng = np.random.default_rng(7)
    quiet = [0] * 100 + list(rng.poisson(2.5, 20)) + [0] * 20
    found = detect(series_of(("quiet", quiet)), "events")
    assert len(found) == 1
    surge = found[0]
    onset = MONDAY + timedelta(weeks=100)
    assert surge.start_low <= onset <= surge.start_high + timedelta(days=6)
    assert surge.first_alarm <= onset + timedelta(weeks=3)
    assert surge.end is not None and surge.end <= onset + timedelta(weeks=21)
    assert surge.observed == sum(quiet) and surge.ratio > 10
    assert len(surge.events) == surge.observed  # the ids of the events in it


def test_a_steady_overdispersed_region_raises_no_alarm():
    rng = np.random.default_rng(11)
    steady = list(rng.negative_binomial(2, 2 / (2 + 6), 300))
    assert detect(series_of(("steady", steady)), "events") == []


def test_a_surge_still_rising_at_the_end_is_ongoing():
    rng = np.random.default_rng(5)
    counts = list(rng.poisson(2, 80)) + list(rng.poisson(9, 6))
    found = detect(series_of(("rising", counts)), "events")
    assert found and found[-1].end is None


def test_a_yearly_peak_seen_before_is_expected():
    season = [8 if i % 52 in range(20, 26) else 1 for i in range(52 * 4)]
    assert detect(series_of(("harvest", season)), "events", SurgeRule()) == []
    assert detect(series_of(("harvest", season)), "events", SurgeRule(seasonal_years=0))  # without it: alarms


def test_fatalities_need_their_own_minimum():
    counts = [0] * 60 + [2] + [0] * 10  # one week of 2 events, 4 killed
    assert detect(series_of(("one", counts)), "fatalities") == []


def test_a_rate_ratio_comes_with_an_interval_and_says_when_it_cannot():
    r = rate_ratio([6, 9, 7, 8], [7] * 4, [3, 4, 2, 3], [7] * 4)
    assert 2.0 < r.rate_ratio < 3.0 and r.ci_low < r.rate_ratio < r.ci_high and r.p_value < 0.05
    assert rate_ratio([1, 0], [7, 7], [0, 0], [7, 7]).note == "none in period B: the ratio is unbounded"
    with pytest.raises(ValueError, match="is not FIRST..LAST"):
        parse_period("2023-01-01")
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_period("2023-02-01..2023-01-01")
