"""Ledger grouping scored on a file of claims with gold proposition keys.

Each JSON line is one claim as an article would give it: ``{id, article, outlet, date, speaker,
stance, cue, content, proposition, side}``; ``proposition`` is a key shared by the claims that
assert, deny or dispute the same statement (null when nothing else bears on it) and ``side`` is
the claim's side of it. The claims go through ``build_ledger`` as the store would hand them over,
and the grouping is scored as pairwise links (two claims with the same gold key are a gold link;
two claims in one predicted proposition a predicted link), as for the demo corpus
(``eval/demo.py``). Side accuracy is over the claims whose key is shared with another claim and
that the ledger put with at least one of them; "side rule accuracy" is the side rule alone on
every keyed claim that asserts or denies.

``tests/fixtures/ledger/claims.jsonl`` is such a file, written for the project (twelve invented
stories outside the demo corpus's subject) by a helper who had not seen the ledger code.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Hashable


def load_claims(path: str | Path) -> list[dict[str, Any]]:
    """Fixture lines as the claim dicts the store returns (plus ``gold_key``, ``gold_side``)."""
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            g = json.loads(line)
            content = g["content"]
            out.append({
                "id": g.get("id", str(n)), "article_id": g.get("article"), "article_title": g.get("outlet"),
                "speaker": {"text": g["speaker"], "entity": {"name": g["speaker"]}}, "stance": g["stance"],
                "cue": {"text": g.get("cue", "said"), "start": n}, "cue_class": "report",
                "content": {"text": content, "spans": [[0, len(content)]]}, "date": g.get("date"),
                "gold_key": g.get("proposition"), "gold_side": g.get("side"),
            })
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}, line {n}: not a claim line ({exc})") from exc
    return out


def link_scores(gold: list[str | None], predicted: list[Hashable | None],
                items: list[Hashable] | None = None) -> dict[str, Any]:
    """Pairwise link precision, recall and F1: items ``i < j`` are a gold link when they share a
    non-null gold key, a predicted link when they share a non-null predicted group. With
    ``items``, a pair of gold claims matched to one and the same predicted claim is left out (it
    says nothing about grouping)."""
    tp = fp = fn = 0
    for i in range(len(gold)):
        for j in range(i + 1, len(gold)):
            if items is not None and items[i] == items[j]:
                continue
            g = gold[i] is not None and gold[i] == gold[j]
            p = predicted[i] is not None and predicted[i] == predicted[j]
            tp += g and p
            fp += p and not g
            fn += g and not p
    whole: dict[str, set] = {}
    for k, (g, p) in enumerate(zip(gold, predicted)):
        if g is not None:
            whole.setdefault(g, set()).add(p if p is not None else ("alone", k))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    shared = [k for k, v in Counter(g for g in gold if g is not None).items() if v > 1]
    return {"link_precision": round(precision, 3), "link_recall": round(recall, 3), "link_f1": round(f1, 3),
            "gold_links": tp + fn, "predicted_links": tp + fp,
            "propositions_whole": f"{sum(len(whole[k]) == 1 for k in shared)}/{len(shared)}"}


def score_claims(claims: list[dict[str, Any]]) -> dict[str, Any]:
    from ..analyze.ledger import build_ledger, side as side_of

    group: dict[str, int] = {}
    side: dict[str, str] = {}
    for p in build_ledger(claims):
        for c, s in zip(p.claims, p.sides):
            group[c["id"]] = p.id
            side[c["id"]] = s
    sizes = Counter(group.values())
    gold = [c["gold_key"] for c in claims]
    pred = [group.get(c["id"]) if sizes.get(group.get(c["id"]), 0) > 1 else None for c in claims]
    out = link_scores(gold, pred)
    keys = Counter(g for g in gold if g is not None)
    judged = [c for c, p in zip(claims, pred) if c["gold_key"] and keys[c["gold_key"]] > 1 and p is not None
              and any(o is not c and o["gold_key"] == c["gold_key"] and group.get(o["id"]) == p for o in claims)]
    hits = sum(side.get(c["id"]) == c["gold_side"] for c in judged)
    out["side_accuracy"] = round(hits / len(judged), 3) if judged else 0.0
    out["sides_judged"] = len(judged)
    # The side rule alone (stance and negative content), on every keyed claim that asserts or
    # denies: it needs no grouping ("disputes" does, so those are left out).
    keyed = [c for c in claims if c["gold_key"] and c["gold_side"] in ("asserts", "denies")]
    out["side_rule_accuracy"] = round(sum(side_of(c) == c["gold_side"] for c in keyed) / len(keyed), 3) if keyed else 0.0
    out["side_rule_claims"] = len(keyed)
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m watchfloor.eval.grouping PATH``"""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m watchfloor.eval.grouping", description=__doc__.splitlines()[0])
    ap.add_argument("path", help="claims JSONL with gold proposition keys")
    args = ap.parse_args(argv)
    print(json.dumps(score_claims(load_claims(args.path)), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
