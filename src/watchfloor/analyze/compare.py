"""Two periods compared as rates, not as a percent change: a quasi-Poisson model of the counts
per bin (a Poisson GLM whose variance is scaled by the Pearson dispersion), with each bin's
length as exposure. The rate ratio is period A's daily rate over period B's, with a 95%
confidence interval widened by the overdispersion that conflict counts always show."""

from __future__ import annotations

import math
import warnings
from dataclasses import asdict, dataclass
from datetime import date

Z95 = 1.959963984540054


@dataclass
class RateRatio:
    """Period A against period B for one measure."""

    total_a: int
    total_b: int
    days_a: int
    days_b: int
    rate_ratio: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    dispersion: float
    note: str | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        for k in ("rate_ratio", "ci_low", "ci_high", "dispersion"):
            if d[k] is not None:
                d[k] = round(d[k], 3)
        if d["p_value"] is not None:
            d["p_value"] = float(f"{d['p_value']:.3g}")
        return d


def parse_period(text: str) -> tuple[date, date]:
    """``2023-01-01..2023-08-31`` into its first and last day, with a message naming what is wrong."""
    first, sep, last = text.partition("..")
    try:
        if not sep:
            raise ValueError
        a, b = date.fromisoformat(first.strip()), date.fromisoformat(last.strip())
    except ValueError:
        raise ValueError(f"period {text!r} is not FIRST..LAST with dates as YYYY-MM-DD") from None
    if b < a:
        raise ValueError(f"period {text!r} ends before it starts")
    return a, b


def rate_ratio(counts_a: list[int], days_a: list[int], counts_b: list[int], days_b: list[int]) -> RateRatio:
    """Quasi-Poisson rate ratio of A over B; bins carry their length in days as exposure."""
    import numpy as np
    import statsmodels.api as sm

    total_a, total_b = int(sum(counts_a)), int(sum(counts_b))
    n_a, n_b = int(sum(days_a)), int(sum(days_b))
    if not counts_a or not counts_b:
        return RateRatio(total_a, total_b, n_a, n_b, None, None, None, None, 1.0, "a period has no bins")
    if total_a == 0 or total_b == 0:
        # the model has no finite estimate; say which way it went
        note = "none in either period" if total_a == total_b else (
            "none in period B: the ratio is unbounded" if total_b == 0 else "none in period A")
        ratio = 0.0 if total_b and not total_a else None
        return RateRatio(total_a, total_b, n_a, n_b, ratio, None, None, None, 1.0, note)
    y = np.asarray(list(counts_a) + list(counts_b), dtype=float)
    in_a = np.asarray([1.0] * len(counts_a) + [0.0] * len(counts_b))
    exposure = np.asarray(list(days_a) + list(days_b), dtype=float)
    design = np.column_stack([np.ones_like(y), in_a])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = sm.GLM(y, design, family=sm.families.Poisson(), exposure=exposure).fit(scale="X2")
    dispersion = max(1.0, float(fit.scale))
    # a dispersion below 1 would narrow the interval past Poisson's; never claim that
    se = float(fit.bse[1]) * math.sqrt(dispersion / float(fit.scale)) if fit.scale > 0 else float(fit.bse[1])
    beta = float(fit.params[1])
    from scipy.stats import t as student_t

    df = max(1, len(y) - 2)
    p_value = float(2 * student_t.sf(abs(beta / se), df)) if se > 0 else None
    return RateRatio(total_a, total_b, n_a, n_b, math.exp(beta), math.exp(beta - Z95 * se),
                     math.exp(beta + Z95 * se), p_value, dispersion)
