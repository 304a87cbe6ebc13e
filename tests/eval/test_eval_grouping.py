"""Ledger grouping scored against gold proposition keys (``eval/grouping.py``)."""

from pathlib import Path

import pytest

from watchfloor.eval.grouping import link_scores, load_claims, score_claims

FIXTURE = Path(__file__).parent.parent / "fixtures" / "ledger" / "claims.jsonl"


def test_link_scores_count_pairs():
    # gold: {0,1,2} one proposition, 3 alone; predicted: {0,1} and {2,3}
    s = link_scores(["a", "a", "a", None], [1, 1, 2, 2])
    assert (s["gold_links"], s["predicted_links"]) == (3, 2)
    assert s["link_precision"] == 0.5 and s["link_recall"] == round(1 / 3, 3)
    assert s["propositions_whole"] == "0/1"
    # Two gold claims matched to one predicted claim say nothing about grouping.
    assert link_scores(["a", "a"], [1, 1], items=["x", "x"])["gold_links"] == 0


def test_fixture_loads_as_store_claims():
    claims = load_claims(FIXTURE)
    assert len(claims) == 226
    assert len({c["gold_key"] for c in claims if c["gold_key"]}) == 40
    c = claims[0]
    assert c["speaker"]["entity"]["name"] and c["content"]["spans"] == [[0, len(c["content"]["text"])]]


def test_fixture_side_rule_and_scores():
    s = score_claims(load_claims(FIXTURE))
    # The side rule (stance flipped by negative content, "called false" denies) on claims written
    # without sight of it; measured 0.939 (138/147).
    assert s["side_rule_accuracy"] >= 0.9
    assert s["gold_links"] == 333
    assert 0.0 <= s["link_precision"] <= 1.0


def test_bad_line_names_the_line(tmp_path):
    p = tmp_path / "claims.jsonl"
    p.write_text('{"speaker": "x", "stance": "asserts", "content": "y"}\n{"speaker": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        load_claims(p)
