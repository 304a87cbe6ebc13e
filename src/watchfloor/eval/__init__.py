"""Scoring the extractor against gold data sets: ``watchfloor eval``.

Command line (wired in the CLI)::

    watchfloor eval acled ../shared/data/acled_balochistan_2020_2023.csv --errors 5
    watchfloor eval ucdp  ../shared/data/ucdp_ged_pakistan_1989_2015.csv --limit 200
    watchfloor eval muc4  ../shared/data/muc4/dev.json --json

Library::

    from watchfloor.eval import run_eval, format_report
    report = run_eval("acled", path, limit=200, errors=5,
                      progress=lambda done, total: print(done, total))
    print(format_report(report))
    json.dumps(report.to_dict())

Sets (one module each; ``common`` holds the shared helpers):

- ``acled``: the coder's notes -> the primary event; accuracy of event_type, sub_event_type,
  fatalities, admin1, admin2, location within 25 km, date, actor1; confusion summary.
- ``ucdp``: UCDP GED headlines -> location (25 km, adm_1, adm_2), deaths (== best, in
  [low, high]), side_b vs actor1 for non-state groups.
- ``muc4``: MUC-4 (GTT format) -> micro P/R/F1 per role, incident-type accuracy and the
  false-positive rate on documents without a template.
- ``world``: ACLED notes from many countries, both codebooks (date opener removed) -> event
  found, type, sub-type, country, admin1/2, location within 50 km, fatalities, actor1; tables
  per region group and per slice (tune <= 2019, untouched >= 2020).
- ``pitf``: PITF atrocities descriptions 2013-2015 -> event found, country (ISO3), fatalities
  (exact, within 20 %), admin1; per region group and slice (tune 2013-14, untouched 2015).
- ``geo``: LGL / TR-News gold toponyms (a file, or a folder of both) -> ``find_places`` span
  P/R/F1, acc@161km and geonameid over matched toponyms; per file and slice (first 80 % /
  last 20 % of articles).

``world``, ``pitf`` and ``geo`` also take ``slice=`` ("tune", "untouched", "all") and
``sample=N`` (N records spread evenly over the file: every (M/N)-th, deterministic; see
``eval/breakdown.py``); slice, then sample, then limit. Other sets reject them.

``limit`` keeps the first N records; ``errors`` adds the N worst records (most fields wrong)
to the report; ``progress(done, total)`` is called as records are processed. A record whose
extraction raises is counted in ``report.errors`` and scored as an empty extraction.
The extractor defaults to ``watchfloor.extract.get_extractor()``; pass ``extractor=`` to use
another object with the same ``extract(text, published, title="")`` method.
"""

from __future__ import annotations

import os
from typing import Any

from . import acled, geo, muc4, pitf, polnear, ucdp, world
from .breakdown import check_slice
from .common import PRF, EvalReport, Progress, Score, format_report

SETS = {"acled": acled.run, "ucdp": ucdp.run, "muc4": muc4.run, "polnear": polnear.run,
        "world": world.run, "pitf": pitf.run, "geo": geo.run}
# Sets scored on one stage alone: they choose their own default extractor.
_OWN_DEFAULT = {"polnear", "geo"}
# Sets that take ``slice=`` and ``sample=``.
_SLICED = {"world", "pitf", "geo"}


def run_eval(set_name: str, path: str, *, limit: int | None = None, errors: int = 0,
             progress: Progress | None = None, extractor: Any = None,
             slice: str | None = None, sample: int | None = None) -> EvalReport:
    """Run the extractor over one evaluation set and score it.

    ``set_name`` is one of ``SETS``; ``path`` the set's file (for muc4 also a folder holding
    dev.json, for geo a folder of .xml files); ``slice`` and ``sample`` only for world, pitf
    and geo. Raises ValueError for an unknown set (or an option the set does not take) and
    FileNotFoundError for a missing file.
    """
    name = (set_name or "").strip().lower()
    if name not in SETS:
        raise ValueError(f"unknown evaluation set {set_name!r}; choose from {', '.join(SETS)}")
    if limit is not None and limit < 0:
        raise ValueError("limit must be >= 0")
    if sample is not None and sample < 0:
        raise ValueError("sample must be >= 0")
    extra: dict[str, Any] = {}
    if name in _SLICED:
        extra = {"slice": check_slice(slice), "sample": sample}
    elif (slice or "all").strip().lower() != "all" or sample is not None:
        raise ValueError(f"--slice and --sample apply to {', '.join(sorted(_SLICED))}, not {name}")
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    if extractor is None and name not in _OWN_DEFAULT:
        from ..extract import get_extractor

        extractor = get_extractor()
    return SETS[name](str(path), extractor=extractor, limit=limit, errors=max(0, errors or 0),
                      progress=progress, **extra)


def run_acled(path: str, **kw: Any) -> EvalReport:
    return run_eval("acled", path, **kw)


def run_ucdp(path: str, **kw: Any) -> EvalReport:
    return run_eval("ucdp", path, **kw)


def run_muc4(path: str, **kw: Any) -> EvalReport:
    return run_eval("muc4", path, **kw)


__all__ = ["PRF", "SETS", "EvalReport", "Score", "format_report", "run_acled", "run_eval",
           "run_muc4", "run_ucdp"]
