"""One merged event from its reports: the coding most reports agree on, every source, and the
tolls reconciled as ACLED and UCDP do.

Tolls: each report's figure is a claim with its source. News tolls rise as the wounded die and
bodies are found, so the latest reports carry the current figure:
- ``fatalities_best`` (UCDP's best estimate) is the figure most of the latest day's reports give,
  ties going to the lower;
- ``fatalities`` (ACLED's most conservative credible figure) is the lowest figure of that day;
- ``fatalities_low`` and ``fatalities_high`` are the lowest and highest figure any report gave;
- ``disputed`` is set when reports of one day disagree, or a later report gives fewer dead than
  an earlier one; a toll that only rises over time is an update, not a dispute.
"""

from __future__ import annotations

from collections import Counter

from .match import Report

# Fields taken by vote among the reports (ties: the earliest report's value).
_VOTED = ("event_type", "sub_event_type", "disorder_type", "actor1", "assoc_actor_1", "actor2",
          "assoc_actor_2", "interaction", "injured")
_PLACE = ("location", "admin1", "admin2", "country", "iso3", "latitude", "longitude", "geonameid",
          "geo_precision")


def _vote(values: list) -> object:
    present = [v for v in values if v not in (None, "", [])]
    if not present:
        return None
    counts = Counter(map(repr, present))
    best = max(counts.values())
    return next(v for v in present if counts[repr(v)] == best)


def _day(report: Report) -> str:
    return (report.published or report.event.get("date") or "")[:10]


def latest_figures(claims: list[tuple[str | None, int]]) -> tuple[int, int] | None:
    """(best, conservative) from (published, figure) pairs: the figure most of the latest day's
    reports give (ties to the lower), and that day's lowest."""
    if not claims:
        return None
    latest_day = max((day or "")[:10] for day, _ in claims)
    latest = [f for day, f in claims if (day or "")[:10] == latest_day]
    counts = Counter(latest)
    return min(latest, key=lambda f: (-counts[f], f)), min(latest)


def tolls(reports: list[Report]) -> dict:
    claims = [
        {"fatalities": r.event["fatalities"], "article_id": r.article_id, "publisher": r.publisher,
         "published": r.published, "text": r.event.get("fatalities_text")}
        for r in reports if r.event.get("fatalities") is not None
    ]
    out = {"tolls": claims, "fatalities": None, "fatalities_low": None, "fatalities_best": None,
           "fatalities_high": None, "disputed": False}
    if not claims:
        return out
    figures = [c["fatalities"] for c in claims]
    out["fatalities_best"], out["fatalities"] = latest_figures([(c["published"], c["fatalities"]) for c in claims])
    out["fatalities_low"], out["fatalities_high"] = min(figures), max(figures)
    by_day: dict[str, set[int]] = {}
    for c in claims:
        by_day.setdefault((c["published"] or "")[:10], set()).add(c["fatalities"])
    days = sorted(by_day)
    same_day_conflict = any(len(v) > 1 for v in by_day.values())
    fell = any(min(by_day[later]) < max(by_day[earlier]) for i, earlier in enumerate(days) for later in days[i + 1:])
    out["disputed"] = same_day_conflict or fell
    return out


def sources(reports: list[Report]) -> list[dict]:
    seen, out = set(), []
    entries = []
    for r in reports:
        entries.append({"article_id": r.article_id, "publisher": r.publisher,
                        "original_source": r.original_source, "url": r.url, "published": r.published})
        entries += [dict(c, copy_of=r.article_id) for c in r.copies]
    for e in entries:
        if e["article_id"] in seen:
            continue
        seen.add(e["article_id"])
        out.append(e)
    return out


def source_names(entries: list[dict]) -> list[str]:
    """Distinct outlets: the publishers and the outlets they credit."""
    names: list[str] = []
    for e in entries:
        for name in (e.get("publisher"), e.get("original_source")):
            if name and name not in names:
                names.append(name)
    return names


def merged_event(reports: list[Report]) -> dict:
    """The event row for these reports (sorted oldest first)."""
    events = [r.event for r in reports]
    row = {f: _vote([e.get(f) for e in events]) for f in _VOTED}
    # The place: the most precise that most reports name.
    precise = min((e.get("geo_precision") or 9) for e in events)
    at_best = [e for e in events if (e.get("geo_precision") or 9) == precise]
    place_key = _vote([e.get("geonameid") or e.get("location") for e in at_best])
    anchor = next((e for e in at_best if (e.get("geonameid") or e.get("location")) == place_key), at_best[0])
    row.update({f: anchor.get(f) for f in _PLACE})
    # The date: the one most reports give, at the finest precision any gives.
    finest = min((e.get("time_precision") or 3) for e in events)
    row["date"] = _vote([e.get("date") for e in events if (e.get("time_precision") or 3) == finest])
    row["time_precision"] = finest
    row["civilian_targeting"] = int(sum(bool(e.get("civilian_targeting")) for e in events) * 2 > len(events))
    row["notes"] = events[0].get("notes") or ""
    row["confidence"] = max(float(e.get("confidence") or 0) for e in events)
    row.update(tolls(reports))
    entries = sources(reports)
    row["sources"] = entries
    row["source_count"] = len(source_names(entries)) or len(entries)
    return row
