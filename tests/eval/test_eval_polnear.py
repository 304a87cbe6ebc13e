"""PolNeAR scorer (eval/polnear.py) on a synthetic PolNeAR-format file written for these tests."""

import pytest

from watchfloor.eval import polnear
from watchfloor.eval.common import format_report
from watchfloor.models import Claim, Extraction

from eval_fakes import FakeExtractor, write_jsonl

A = 'Officials said the bridge was closed. "We will reopen it soon," the mayor said.'
B = "“The attackers,” the police chief said, “came at dawn.” Rain is expected to return on Sunday."
C = "Traders said prices rose after the curfew. The market stayed open."


def span(text: str, piece: str, nth: int = 0) -> list[int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(piece, i + 1)
    return [i, i + len(piece)]


DOCS = [
    {"doc_id": "a", "text": A, "attributions": [
        {"source": [span(A, "Officials")], "cue": [span(A, "said")], "content": [span(A, "the bridge was closed")]},
        {"source": [span(A, "the mayor")], "cue": [span(A, "said", 1)],
         "content": [span(A, '"We will reopen it soon,"')]},
    ]},
    {"doc_id": "b", "text": B, "attributions": [
        {"source": [span(B, "the police chief")], "cue": [span(B, "said")],
         "content": [span(B, "“The attackers,”"), span(B, "“came at dawn.”")]},
        # No source: a role may be absent.
        {"cue": [span(B, "is expected")], "content": [span(B, "Rain"), span(B, "to return on Sunday")]},
    ]},
    {"doc_id": "c", "text": C, "attributions": []},  # the annotators left this one out
]


def claim(text: str, source: str | None, cue: str, content: list[str], cue_nth: int = 0) -> Claim:
    sp = None
    if source is not None:
        s, e = span(text, source)
        sp = {"text": source, "start": s, "end": e, "entity": {}}
    cs, ce = span(text, cue, cue_nth)
    spans = [span(text, piece) for piece in content]
    return Claim(speaker=sp, cue={"text": cue, "start": cs, "end": ce},
                 content={"text": " ".join(content), "spans": spans})


@pytest.fixture
def dev(tmp_path):
    return write_jsonl(tmp_path / "dev.jsonl", DOCS)


def test_token_sets_ignore_punctuation_at_the_edges():
    tok = polnear._Tokens(A)
    s, e = span(A, "the bridge was closed")
    assert tok.of([[s, e]]) == tok.of([[s - 1, e + 1]])  # a space before, the full stop after
    assert polnear.token_f1(tok.of([[s, e]]), tok.of([[s, e - 7]])) == pytest.approx(2 * 3 / 7)
    assert tok.of([]) == frozenset()


def test_pairing_prefers_overlapping_cues_then_content_overlap():
    t = "X said that A B C D, and Y added that E F."
    tok = polnear._Tokens(t)
    gold = [{"cue": tok.of([span(t, "said")]), "content": tok.of([span(t, "that A B C D")])},
            {"cue": tok.of([span(t, "added")]), "content": tok.of([span(t, "that E F")])}]
    # One prediction that swallows both contents, under the second cue.
    pred = [{"cue": tok.of([span(t, "added")]), "content": tok.of([span(t, "that A B C D, and Y added that E F")])}]
    assert polnear.pair(gold, pred) == [(1, 0)]
    # Without a shared content token and with content on both sides: no pair.
    pred = [{"cue": tok.of([span(t, "said")]), "content": tok.of([span(t, "Y")])}]
    assert polnear.pair(gold, pred) == []


def test_scores_with_known_predictions(dev):
    answers = {
        A: Extraction(claims=[
            claim(A, "Officials", "said", ["the bridge was closed."]),  # full stop: still exact
            claim(A, "mayor", "said", ['"We will reopen it soon,"'], cue_nth=1),  # source too short
        ]),
        B: Extraction(claims=[
            claim(B, "the police chief", "said", ["“The attackers,”"]),  # one of two content parts
        ]),
        C: Extraction(claims=[claim(C, "Traders", "said", ["prices rose after the curfew"])]),
    }
    rep = polnear.run(str(dev), extractor=FakeExtractor(answers), errors=2)
    assert rep.records == 3 and rep.errors == 0
    found = rep.get_prf("attributions")
    assert (found.tp, found.n_pred, found.n_gold) == (3, 4, 4)
    src = rep.get_prf("source exact")
    assert (src.tp, src.n_pred, src.n_gold) == (2, 4, 3)  # "mayor" != "the mayor"; gold b2 has no source
    src_o = rep.get_prf("source overlap")
    assert src_o.tp == pytest.approx(round(2 + 2 * 1 / 3, 1))  # "mayor" vs "the mayor": F1 2/3
    cue = rep.get_prf("cue exact")
    assert (cue.tp, cue.n_pred, cue.n_gold) == (3, 4, 4)
    content = rep.get_prf("content exact")
    assert content.tp == 2  # b's content is half the gold tokens
    co = rep.get_prf("content overlap")
    assert co.tp == pytest.approx(round(2 + 2 * (2 / 5) / (1 + 2 / 5), 1))  # 2 of 5 tokens: F1 4/7
    assert co.precision == pytest.approx(co.tp / 4) and co.recall == pytest.approx(co.tp / 4)
    # The speech-cue subset leaves out gold "is expected".
    sp = rep.get_prf("attributions (speech cues)")
    assert (sp.tp, sp.n_pred, sp.n_gold) == (3, 4, 3)
    # Worst documents: b (one gold missed) and c (one extra) each have one unpaired item.
    assert [w["id"] for w in rep.worst] == ["b", "c"]
    assert any(k.startswith("missed") for k in rep.worst[0]["fields"])
    assert any(k.startswith("extra") for k in rep.worst[1]["fields"])
    text = format_report(rep)
    assert "source exact" in text and "content overlap" in text and "ms per document" in text


def test_default_extractor_is_find_claims(dev):
    calls = []
    rep = polnear.run(str(dev.parent), progress=lambda done, total: calls.append((done, total)))
    assert rep.set_name == "polnear" and rep.records == 3
    assert calls[-1] == (3, 3)
    # Document a is read exactly: both attributions, every role.
    assert rep.get_prf("source exact").tp >= 3
    assert rep.get_prf("cue exact").tp >= 3
    co = rep.get_prf("content overlap")
    assert co.recall >= 0.7 and co.precision >= 0.7
    d = rep.to_dict()
    assert d["prf"]["content exact"]["n_gold"] == 4


def test_limit_and_extractor_errors(dev):
    rep = polnear.run(str(dev), extractor=FakeExtractor({A: RuntimeError("boom")}), limit=2, errors=1)
    assert rep.records == 2 and rep.errors == 1
    assert rep.get_prf("attributions").n_gold == 4
    assert rep.get_prf("attributions").tp == 0
    assert rep.worst and rep.worst[0]["id"] == "a"


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        polnear.run(str(tmp_path / "nope.jsonl"))
