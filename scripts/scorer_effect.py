"""What the 0.6.0 scorer changes are worth: one extraction pass over a world slice, scored by
today's actor and admin1 rules and by 0.5.0's.

    git show 81d570c:src/watchfloor/eval/names.py > /tmp/oldnames.py
    PYTHONPATH=src python scripts/scorer_effect.py untouched   # or: tune

Needs ../shared/data/world (not part of this repository).
"""

from __future__ import annotations

import sys

from watchfloor.eval import world
from watchfloor.eval.common import primary_event
from watchfloor.eval.names import actors_match
from watchfloor.eval.regions import admin1_as_admin2, admin_match_world, event_iso2
from watchfloor.extract import get_extractor

DATA = "../shared/data/world/acled_world_dev_1997_2021.csv"


def main(slice_name: str) -> None:
    sys.path.insert(0, "/tmp")
    import oldnames  # 0.5.0's eval/names.py, written there as the docstring says

    extractor = get_extractor()
    rows = actor_new = actor_old = admin_rows = admin_new = admin_old = 0
    for r in world.load(DATA, slice_name=slice_name):
        p = primary_event(extractor.extract(r.text, r.published))
        rows += 1
        gold_admin1 = (r.gold.get("admin1") or "").strip()
        admin_rows += bool(gold_admin1)
        if p is None:
            continue
        actor_new += actors_match(p.actor1, r.gold.get("actor1"))
        actor_old += oldnames.actors_match(p.actor1, r.gold.get("actor1"))
        if gold_admin1:
            same = admin_match_world(p.admin1, gold_admin1, event_iso2(p))
            admin_old += same
            admin_new += same or admin1_as_admin2(p.admin2, gold_admin1, event_iso2(p))
    print(f"{slice_name}: rows {rows}; actor1 new scorer {actor_new / rows:.3f}, old scorer {actor_old / rows:.3f}; "
          f"admin1 new {admin_new / admin_rows:.3f}, old {admin_old / admin_rows:.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "untouched")
