"""Score a database holding the demo corpus against the corpus's gold annotations.

Articles are matched to gold by title (titles are unique in the corpus). Within an article,
gold and predicted events are paired greedily by sub-event type, district and date, then
fields are compared on the pairs. Claims are paired by a substring of their content.

Ledger grouping: each gold claim carries ``proposition``, a key shared by the claims (in one
article or several) that assert, deny or dispute the same statement, or null when nothing else
in the corpus bears on it. Over the matched gold claims, every pair is a gold link when both
have the same key and a predicted link when ``build_ledger`` over all stored claims put their
predicted claims in the same proposition; pairwise precision, recall and F1 of the links are
reported, with the number of gold propositions (keys) whose claims all landed in one predicted
proposition.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources

from ..store import Store


def load_gold() -> list[dict]:
    text = resources.files("watchfloor").joinpath("demo", "gold.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@dataclass
class DemoScore:
    articles: int = 0
    articles_found: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    matched_events: int = 0
    quiet_articles: int = 0  # gold says no event
    quiet_articles_correct: int = 0
    field_hits: dict[str, int] = field(default_factory=dict)
    gold_claims: int = 0
    matched_claims: int = 0
    stance_hits: int = 0
    misses: list[str] = field(default_factory=list)
    # (gold proposition key or None, (article id, cue start) of the matched predicted claim)
    claim_pairs: list[tuple[str | None, tuple[str, int]]] = field(default_factory=list)
    grouping: dict = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.matched_events / self.predicted_events if self.predicted_events else 0.0

    @property
    def recall(self) -> float:
        return self.matched_events / self.gold_events if self.gold_events else 0.0

    def field_accuracy(self, name: str) -> float:
        return self.field_hits.get(name, 0) / self.matched_events if self.matched_events else 0.0

    def to_dict(self) -> dict:
        return {
            "articles": self.articles, "articles_found": self.articles_found,
            "gold_events": self.gold_events, "predicted_events": self.predicted_events,
            "matched_events": self.matched_events, "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "no_event_articles_correct": f"{self.quiet_articles_correct}/{self.quiet_articles}",
            "field_accuracy_on_matched": {k: round(self.field_accuracy(k), 3) for k in sorted(self.field_hits)},
            "claims_matched": f"{self.matched_claims}/{self.gold_claims}",
            "claim_stance_accuracy": round(self.stance_hits / self.matched_claims, 3) if self.matched_claims else 0.0,
            "ledger_grouping": self.grouping,
        }


_FIELDS = ("event_type", "sub_event_type", "date", "admin1", "admin2", "fatalities", "actor1")


def _pair_score(g: dict, p: dict) -> int:
    return (3 * (g["sub_event_type"] == p["sub_event_type"]) + 2 * (g["admin2"] == p.get("admin2"))
            + (g["date"] == p.get("date")) + (g["event_type"] == p["event_type"]))


def is_merge_corpus(gold: dict) -> bool:
    """The articles written for scoring merges (corpus/merge-*.jsonl): many countries, several
    outlets per incident, syndicated copies, and no gold claims."""
    return gold["source"].startswith("corpus/merge-")


def score_store(store: Store, only=None) -> DemoScore:
    """Score every gold article, or those ``only(gold)`` accepts; syndicated copies are scored
    by ``eval merge`` (they must not be extracted)."""
    score = DemoScore(field_hits={f: 0 for f in _FIELDS})
    by_title = {a.title.strip(): a for a in store.iter_articles()}
    for gold in load_gold():
        if gold.get("copy_of") or (only and not only(gold)):
            continue
        score.articles += 1
        art = by_title.get(gold["title"].strip())
        if art is None:
            score.misses.append(f"article not found: {gold['title']}")
            score.gold_events += len(gold["events"])
            continue
        score.articles_found += 1
        stored = store.load_extraction(art.id)
        predicted = list(stored["events"])
        score.gold_events += len(gold["events"])
        score.predicted_events += len(predicted)
        if not gold["events"]:
            score.quiet_articles += 1
            score.quiet_articles_correct += not predicted
            if predicted:
                score.misses.append(f"{gold['title']}: {len(predicted)} events where gold has none")
        free = list(predicted)
        for g in gold["events"]:
            if not free:
                score.misses.append(f"{gold['title']}: missed {g['sub_event_type']} in {g['admin2']}")
                continue
            best = max(free, key=lambda p: _pair_score(g, p))
            if _pair_score(g, best) < 2:  # neither type nor district agree
                score.misses.append(f"{gold['title']}: missed {g['sub_event_type']} in {g['admin2']}")
                continue
            free.remove(best)
            score.matched_events += 1
            for f in _FIELDS:
                hit = (g.get(f) or None) == (best.get(f) or None) if f != "fatalities" else g.get(f) == best.get(f)
                score.field_hits[f] += hit
        for g in gold.get("claims", []):
            score.gold_claims += 1
            needle = g["content_contains"].lower()
            match = next((c for c in stored["claims"] if needle in c["content"]["text"].lower()), None)
            if match:
                score.matched_claims += 1
                score.stance_hits += match["stance"] == g["stance"]
                score.claim_pairs.append((g.get("proposition"), (art.id, match["cue"]["start"])))
    score.grouping = score_grouping(score.claim_pairs, store.claims())
    return score


def score_grouping(pairs: list[tuple[str | None, tuple[str, int]]], claims: list[dict]) -> dict:
    """Pairwise link precision/recall/F1 of the ledger's propositions against gold keys."""
    from ..analyze.ledger import build_ledger
    from .grouping import link_scores

    group: dict[tuple[str, int], int] = {}
    for p in build_ledger(claims):
        for c in p.claims:
            group[(c["article_id"], c["cue"]["start"])] = p.id
    return link_scores([g for g, _ in pairs], [group.get(c) for _, c in pairs], [c for _, c in pairs])


def format_demo_score(score: DemoScore) -> str:
    d = score.to_dict()
    lines = [f"demo corpus: {d['articles_found']}/{d['articles']} articles found",
             f"events: gold {d['gold_events']}, predicted {d['predicted_events']}, matched {d['matched_events']}"
             f" (precision {d['precision']:.3f}, recall {d['recall']:.3f})",
             f"articles with no event in gold and none predicted: {d['no_event_articles_correct']}",
             "field accuracy on matched events:"]
    lines += [f"  {k:16} {v:.3f}" for k, v in d["field_accuracy_on_matched"].items()]
    lines.append(f"claims matched: {d['claims_matched']}, stance accuracy {d['claim_stance_accuracy']:.3f}")
    g = d["ledger_grouping"]
    if g.get("gold_links"):
        lines.append(f"ledger grouping (pairs of matched gold claims): link precision {g['link_precision']:.3f}, "
                     f"recall {g['link_recall']:.3f}, F1 {g['link_f1']:.3f} ({g['gold_links']} gold links, "
                     f"{g['predicted_links']} predicted); gold propositions kept whole {g['propositions_whole']}")
    return "\n".join(lines)
