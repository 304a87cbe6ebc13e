"""Measure the gazetteer on the development data (nothing is written; results print).

    PYTHONPATH=src python benchmarks/geo_dev_check.py /work/shared/data [--misses N]

ACLED (acled_balochistan_2020_2023.csv): ``resolve(location, country="PK",
admin1="Balochistan")`` against the gold admin2 and the gold point (share within
25 km). UCDP GED Pakistan (rows with adm_2): the free-text ``where_description`` is
scanned with ``match_spans`` and the first mention that resolves is taken, with
country PK (and, in the second line, the gold adm_1 as admin1 context); its admin2 is
compared with the UCDP adm_2 both raw (name equality after case/punctuation folding)
and after mapping the UCDP name through the gazetteer's aliases (renamed units,
"Agency"/"District" suffixes, FATA -> Khyber Pakhtunkhwa).
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
import time
from pathlib import Path

from watchfloor.geo import Candidate, Gazetteer, get_gazetteer, haversine_km, norm


def _near(c: Candidate | None, lat: str, lon: str, km: float = 25.0) -> bool:
    if c is None or c.latitude is None or not lat or not lon:
        return False
    return haversine_km((c.latitude, c.longitude), (float(lat), float(lon))) <= km


def acled(gz: Gazetteer, path: Path, show: int) -> None:
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    n = len(rows)
    resolved = a2 = within = 0
    misses: collections.Counter = collections.Counter()
    by_loc: dict[str, tuple[bool, bool]] = {}
    for r in rows[:50]:  # warm up the lazily built parts (seats, spelling index)
        gz.resolve(r["location"], country="PK", admin1=r["admin1"])
    t0 = time.perf_counter()
    for r in rows:
        c = gz.resolve(r["location"], country="PK", admin1=r["admin1"])
        ok = c is not None and norm(c.admin2 or "") == norm(r["admin2"])
        near = _near(c, r["latitude"], r["longitude"])
        resolved += c is not None
        a2 += ok
        within += near
        by_loc[r["location"]] = (ok, near)
        if not ok:
            misses[(r["location"], r["admin2"], c and c.admin2)] += 1
    dt = (time.perf_counter() - t0) / max(n, 1)
    locs = len(by_loc)
    print(f"ACLED Balochistan: {n} events, {locs} distinct locations, {dt * 1e6:.0f} us/resolve")
    print(f"  resolved        {resolved / n:6.1%}")
    print(f"  admin2 correct  {a2 / n:6.1%}   (distinct locations: {sum(v[0] for v in by_loc.values()) / locs:.1%})")
    print(f"  within 25 km    {within / n:6.1%}   (distinct locations: {sum(v[1] for v in by_loc.values()) / locs:.1%})")
    if show:
        print("  most frequent admin2 misses (location, gold, predicted): count")
        for (loc, gold, pred), k in misses.most_common(show):
            print(f"    {loc!r:28} {gold!r:18} {pred!r:20} {k}")


def _first_resolved(gz: Gazetteer, text: str, admin1: str | None) -> Candidate | None:
    spans = gz.match_spans(text) or gz.match_spans(text, case_sensitive=False)
    found = [c for s in spans if (c := gz.resolve(s.text, country="PK", admin1=admin1))]
    if not found:
        c = gz.resolve(text.split(",")[0], country="PK", admin1=admin1)
        return c
    # the first mention that is a place or a district; provinces only as a last resort
    for kinds in (("city", "admin2"), ("admin1", "country")):
        for c in found:
            if c.kind in kinds and c.country == "PK":
                return c
    return found[0]


def ucdp(gz: Gazetteer, path: Path, show: int) -> None:
    rows = [r for r in csv.DictReader(open(path, encoding="utf-8")) if r["adm_2"].strip()]
    n = len(rows)
    mapped_gold: dict[tuple[str, str], str | None] = {}
    for r in rows:
        key = (r["adm_1"], r["adm_2"])
        if key not in mapped_gold:
            unit = gz.admin2("PK", r["adm_1"], r["adm_2"])
            mapped_gold[key] = unit.admin2 if unit else None
    unmapped = {k for k, v in mapped_gold.items() if v is None}
    print(f"UCDP GED Pakistan: {n} events with adm_2 ({len(mapped_gold)} distinct adm_1/adm_2 pairs, "
          f"{len(unmapped)} not mappable: {sorted(k[1] for k in unmapped)})")
    for label, use_a1 in (("country=PK", False), ("country=PK + gold adm_1", True)):
        raw = mapped = resolved = within = 0
        misses: collections.Counter = collections.Counter()
        for r in rows:
            c = _first_resolved(gz, r["where_description"], r["adm_1"] if use_a1 else None)
            resolved += c is not None
            pred = norm(c.admin2) if c and c.admin2 else None
            raw += pred is not None and pred == norm(r["adm_2"])
            gold = mapped_gold[(r["adm_1"], r["adm_2"])]
            hit = pred is not None and gold is not None and pred == norm(gold)
            mapped += hit
            within += _near(c, r["latitude"], r["longitude"])
            if not hit:
                misses[(r["where_description"][:40], r["adm_2"], c and c.admin2)] += 1
        print(f"  [{label}] resolved {resolved / n:.1%}; admin2 raw {raw / n:.1%}; "
              f"admin2 after alias mapping {mapped / n:.1%}; within 25 km {within / n:.1%}")
        if show and use_a1:
            print("  most frequent misses (description, gold adm_2, predicted): count")
            for (d, gold, pred), k in misses.most_common(show):
                print(f"    {d!r:44} {gold!r:28} {pred!r:20} {k}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="folder with the shared development CSVs")
    ap.add_argument("--misses", type=int, default=0, help="show the N most frequent misses")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    gz = get_gazetteer()
    print(f"gazetteer loaded in {time.perf_counter() - t0:.2f} s")
    acled(gz, args.data / "acled_balochistan_2020_2023.csv", args.misses)
    ucdp(gz, args.data / "ucdp_ged_pakistan_1989_2015.csv", args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
