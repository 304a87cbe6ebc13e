"""An event's toll from all its counts, by ACLED's conservative rule: updated figures first, a
side's first figure, the other sides' added, a group's own claim only when nothing better is
given."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .numbers import Count


@dataclass
class Tally:
    """The event's figure, combined from all its counts by ACLED's conservative rule."""

    total: int | None
    by_side: dict[str, int]
    spans: list[tuple[int, int]]
    phrase: str | None


# An updated figure that is the whole toll, not one side's dead ("a fifth volunteer has died").
_WHOLE_TOLL = re.compile(r"\btoll\b|number\s+of\s+(?:the\s+)?(?:dead|deaths|people|victims|fatalities)|death\s+count|"
                         r"\bfatalities\b|\bdead\b", re.I)


# An update of no known side ("the third died", "a fourth person has died") adds only a figure
# that is plainly another side's: the attackers' own dead.
_OWN_DEAD = re.compile(r"\b(?:their|its)\s+own\b", re.I)
# "Two of the fighters were killed": a part of a group the story has already counted.
_PARTITIVE = re.compile(r"\w+\s+of\s+(?:the|them|those|these|its|their)\b", re.I)


def tally(counts: list[Count], kind: str) -> Tally:
    relevant = [c for c in counts if c.kind == kind]
    if not relevant:
        return Tally(None, {}, [], None)
    # A group's own claim counts only when nothing better sourced gives a figure; a vague
    # phrase only when no number is given.
    sourced = [c for c in relevant if not c.claimed_by_group] or relevant
    sourced = [c for c in sourced if not c.vague] or sourced
    updates = [c for c in sourced if c.update]
    if updates:
        best = max(updates, key=lambda c: c.value)
        # One side's updated toll ("a fifth volunteer has died") and the other side's dead
        # ("the attackers left three of their own dead") add up; a whole toll stands alone.
        whole = _WHOLE_TOLL.search(best.phrase) or best.side == "unknown" and not best.phrase.lower().startswith(("a ", "the "))
        others = {} if whole else {
            c.side: c for c in sourced if not c.update and not c.generic and c.side not in ("unknown", best.side)
            and not _PARTITIVE.match(c.phrase) and (best.side != "unknown" or _OWN_DEAD.search(c.phrase))}
        chosen = [best, *others.values()]
        return Tally(best.value + sum(c.value for c in others.values()),
                     {c.side: c.value for c in chosen if c.side != "unknown"},
                     [(c.start, c.end) for c in chosen], "; ".join(c.phrase for c in chosen))
    by_side: dict[str, Count] = {}
    generic: list[Count] = []
    for c in sourced:
        if c.generic or c.side == "unknown":
            generic.append(c)
            continue
        prev = by_side.get(c.side)
        # A side's figure is the first one given (the lead states it; later smaller numbers are
        # usually parts of it: "two of the soldiers were officers").
        if prev is None or (prev.value == 0 and c.value > 0):
            by_side[c.side] = c
        elif (prev.start, prev.end) == (c.start, c.end):
            by_side[c.side] = replace(prev, value=prev.value + c.value)  # "four villagers and six thieves were killed"
    specific_total = sum(c.value for c in by_side.values())
    generic_best = max(generic, key=lambda c: c.value) if generic else None
    if generic_best and generic_best.value > specific_total:
        chosen = [generic_best]
        total = generic_best.value
    else:
        chosen = list(by_side.values()) or ([generic_best] if generic_best else [])
        total = specific_total if by_side else (generic_best.value if generic_best else None)
    return Tally(
        total,
        {side: c.value for side, c in by_side.items()},
        [(c.start, c.end) for c in chosen],
        "; ".join(c.phrase for c in chosen) or None,
    )
