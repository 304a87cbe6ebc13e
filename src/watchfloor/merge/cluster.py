"""Reports into incidents, and incidents onto stable event ids.

``cluster`` groups a small set of reports (a new article's, and those of the events the store
found near them in time and place): pairs that match are joined strongest first, and two
groups join only when no pair across them contradicts (two places apart, two days apart, or
one article's two incidents). Chains of weak links cannot glue distinct incidents together.

``assign_ids`` then gives each group the id of the event most of its reports already belong
to, so ids survive re-ingesting, re-extraction and later reports. A group that takes in two
events keeps the larger's id and records the other as merged into it; an event whose reports
now fall into two groups keeps its id on the larger part, and the rest get a new id (a split).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from .match import Comparison, Report, compare


def cluster(reports: list[Report]) -> list[list[Report]]:
    """Groups of reports of one incident, each sorted by (published, article, ordinal)."""
    reports = sorted(reports, key=lambda r: (r.published or "", r.article_id, r.ordinal))
    n = len(reports)
    pairs: dict[tuple[int, int], Comparison] = {}
    for i in range(n):
        for j in range(i + 1, n):
            pairs[i, j] = compare(reports[i], reports[j])
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    ordered = sorted((c.score, -i, -j, i, j) for (i, j), c in pairs.items() if c.same_incident)
    for *_, i, j in reversed(ordered):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        if any(pairs[min(x, y), max(x, y)].contradicted for x in members[gi] for y in members[gj]):
            continue
        keep, gone = (gi, gj) if gi < gj else (gj, gi)
        for x in members[gone]:
            group_of[x] = keep
        members[keep] = sorted(members[keep] + members.pop(gone))
    return [[reports[i] for i in idx] for _, idx in sorted(members.items())]


# Past this many reports near a new one (a major incident told by hundreds of outlets), the
# events there are kept as they are and the new reports are only placed among them: regrouping
# costs the square of the reports, placing a report costs a sample of each event.
REGROUP_LIMIT = 80
SAMPLE = 20


def cluster_around(local: list[Report], new: set[tuple[str, int]]) -> list[list[Report]]:
    """``cluster`` when the neighbourhood is small; else each new report (keys in ``new``) joins
    the existing event it best matches, judged on up to SAMPLE of that event's reports with
    none contradicting, or starts one (no merges or splits then)."""
    if len(local) <= REGROUP_LIMIT:
        return cluster(local)
    groups: dict[str | None, list[Report]] = {}
    for r in sorted(local, key=lambda r: (r.published or "", r.article_id, r.ordinal)):
        if r.key not in new:
            groups.setdefault(r.event_id, []).append(r)
    fresh: list[list[Report]] = []
    for r in sorted((r for r in local if r.key in new), key=lambda r: r.key):
        best, best_score = None, None
        for members in [*groups.values(), *fresh]:
            sample = members[-SAMPLE:]
            comparisons = [compare(r, m) for m in sample]
            if any(c.contradicted for c in comparisons) or not any(c.same_incident for c in comparisons):
                continue
            score = max(c.score for c in comparisons)
            if best_score is None or score > best_score:
                best, best_score = members, score
        if best is None:
            fresh.append([r])
        else:
            best.append(r)
    return [*groups.values(), *fresh]


def event_id_for(article_id: str, ordinal: int, parent: str | None = None) -> str:
    """The id an incident first reported by an article's report number ``ordinal`` gets (split
    off event ``parent``): the same on every machine and every re-run, so a rebuilt store gives
    the same ids. A report's provisional event in the store has this id too."""
    key = f"{article_id}:{ordinal}" + (f":{parent}" if parent else "")
    return "e" + hashlib.sha256(key.encode()).hexdigest()[:16]


def new_event_id(report: Report, parent: str | None = None) -> str:
    return event_id_for(report.article_id, report.ordinal, parent)


@dataclass
class Assignment:
    events: dict[str, list[Report]] = field(default_factory=dict)  # event id -> its reports
    merged: dict[str, str] = field(default_factory=dict)  # old id -> the id it merged into
    split_from: dict[str, str] = field(default_factory=dict)  # new id -> the event it split from


def assign_ids(groups: list[list[Report]]) -> Assignment:
    out = Assignment()
    votes = [Counter(r.event_id for r in g if r.event_id) for g in groups]
    sizes = Counter()  # the old events' sizes, to know which part of a split keeps the id
    for v in votes:
        sizes.update(v)
    # Largest claims first: the group holding most of an old event's reports keeps its id; on
    # a tie the event told first keeps it (a later report joining an event never renames it).
    first_told = {(gi, r.event_id): r.published or "9999" for gi, g in enumerate(groups)
                  for r in sorted(g, key=lambda r: r.published or "9999", reverse=True) if r.event_id}
    claims = sorted(((count, old, gi) for gi, v in enumerate(votes) for old, count in v.items()),
                    key=lambda c: (-c[0], first_told[(c[2], c[1])], c[1], c[2]))
    owner: dict[int, str] = {}
    taken: set[str] = set()
    for _, old, gi in claims:
        if gi not in owner and old not in taken:
            owner[gi] = old
            taken.add(old)
    for gi, group in enumerate(groups):
        eid = owner.get(gi)
        if eid is None:
            parents = [old for old, _ in votes[gi].most_common()]
            eid = new_event_id(group[0])
            if eid in taken:  # that report's own id is held by another part of its old event
                eid = new_event_id(group[0], parents[0] if parents else "split")
            if parents:
                out.split_from[eid] = parents[0]
            taken.add(eid)
        out.events[eid] = group
        for old in votes[gi]:
            if old != eid and old not in out.events and all(o != old for o in owner.values()):
                out.merged[old] = eid
    return out
