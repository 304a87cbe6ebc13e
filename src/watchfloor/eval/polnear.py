"""PolNeAR set: attribution relations (source, cue, content) in US political news.

Each JSON line: ``{doc_id, text, attributions: [{source, cue, content}]}``, each role a list of
``[start, end]`` character spans; a role may be absent (1 in 13 attributions has no source).
PolNeAR annotates every attribution the annotators saw: speech verbs, "according to", but
also beliefs and other cues ("thinks", "wants", "endorsed", "polls show") and nested ones;
its source is the whole noun phrase as written (appositives included, pronouns unresolved)
and its content includes a leading "that". Evaluation only: never train on it.

Predictions. Unless ``extractor`` is given, each document goes straight to
``find_claims(text, watchfloor.nlp.sentences(text), None)`` (not the event extractor); with
``extractor``, its ``extract(text, None)`` claims are scored. A claim gives source = the
speaker span (none when ``speaker`` is None), cue = the cue span, content = its spans.

Matching convention (quotable):

- Tokens are maximal runs of word characters (``\\w+``); a role's tokens are the text's tokens
  that overlap any of its spans (multi-span roles are concatenated: the union of their tokens).
- Pairing: within a document, every (gold, predicted) pair gets its content token-overlap F1;
  pairs are taken greedily, one-to-one: first those whose cue spans overlap, each group in
  decreasing order of content F1 (ties: text order). A pair needs at least one shared content
  token, or, when either side has no content, overlapping cues.
- Per role (source, cue, content), over pairs where both sides have the role:
  exact = identical token sets, i.e. the same span(s) once whitespace and punctuation at the
  edges are stripped; overlap = the token-level F1 of the two token sets, summed over pairs.
- Precision divides by the predicted attributions that have the role, recall by the gold ones
  that have it (unpaired ones count as misses), F1 as usual; micro over the whole set.
- Also reported: "attributions" (pairs / predicted / gold), and "content tokens (micro)":
  shared content tokens over all pairs divided by all predicted resp. all gold content tokens
  (the token-level overlap measure Citron reports on PARC 3.0).
- "(speech cues)" rows: the same scores on the gold attributions whose cue is a verb of saying
  or reporting (``SPEECH_CUE``: said, told, added, wrote, claimed, denied, warned, urged,
  according to, ...); predictions paired to other gold attributions leave the denominator,
  unpaired predictions stay in it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..models import Claim, Extraction
from .common import load_jsonl, run_set, PRF, EvalReport, Outcome, Progress, Record, pick_worst, worst_entry

ROLES = ("source", "cue", "content")
_WORD = re.compile(r"\w+")
# Gold attributions whose cue is a verb of saying or reporting (or "according to"); the
# "speech cues" rows score the extractor on this subset. Fixed here, independent of the extractor.
SPEECH_CUE = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|telling|add|adds|added|adding|stated?|states|stating|"
    r"claim(?:s|ed|ing)?|wr(?:ite|ites|ote|iting|itten)|tweet(?:s|ed|ing)?|warn(?:s|ed|ing)?|"
    r"den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|insist(?:s|ed|ing)?|"
    r"argu(?:e|es|ed|ing)|announc(?:e|es|ed|ing)|confirm(?:s|ed|ing)?|accus(?:e|es|ed|ing)|"
    r"alleg(?:e|es|ed|ing)|blam(?:e|es|ed|ing)|vow(?:s|ed|ing)?|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|"
    r"predict(?:s|ed|ing)?|not(?:e|es|ed|ing)|report(?:s|ed|ing)?|explain(?:s|ed|ing)?|"
    r"acknowledg(?:e|es|ed|ing)|admit(?:s|ted|ting)?|assert(?:s|ed|ing)?|declar(?:e|es|ed|ing)|"
    r"stress(?:es|ed|ing)?|emphasi[sz](?:e|es|ed|ing)|recall(?:s|ed|ing)?|repl(?:y|ies|ied|ying)|"
    r"respond(?:s|ed|ing)?|ask(?:s|ed|ing)?|testif(?:y|ies|ied|ying)|complain(?:s|ed|ing)?|"
    r"according\s+to|call(?:s|ed|ing)?\s+(?:for|on)|point(?:s|ed|ing)?\s+out)\b", re.I)


class ClaimsExtractor:
    """``find_claims`` behind the ``extract(text, published, title)`` interface."""

    def extract(self, text: str, published: str | None = None, title: str = "") -> Extraction:
        from ..extract.claims import find_claims
        from ..nlp import sentences

        return Extraction(claims=find_claims(text, sentences(text), published))


def load(path: str, limit: int | None = None) -> list[Record]:
    return load_jsonl(path, limit, default_file="dev.jsonl", id_key="doc_id", text_key="text")


class _Tokens:
    """Word tokens of one text, to turn span lists into token-index sets."""

    def __init__(self, text: str):
        self.spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.starts = [s for s, _ in self.spans]

    def of(self, spans: list[list[int]] | list[tuple[int, int]] | None) -> frozenset[int]:
        from bisect import bisect_left, bisect_right

        out: set[int] = set()
        for sp in spans or []:
            if not sp or len(sp) < 2:
                continue
            a, b = int(sp[0]), int(sp[1])
            if b <= a:
                continue
            i = max(0, bisect_left(self.starts, a) - 1)
            j = bisect_right(self.starts, b)
            for k in range(i, j):
                s, e = self.spans[k]
                if s < b and e > a:
                    out.add(k)
        return frozenset(out)


def _claim_roles(c: Claim) -> dict[str, list[tuple[int, int]]]:
    sp = c.speaker
    return {
        "source": [(sp["start"], sp["end"])] if sp else [],
        "cue": [(c.cue["start"], c.cue["end"])] if c.cue else [],
        "content": [tuple(s) for s in (c.content or {}).get("spans", [])],
    }


def token_f1(a: frozenset[int], b: frozenset[int]) -> float:
    inter = len(a & b)
    if not inter:
        return 0.0
    p, r = inter / len(b), inter / len(a)
    return 2 * p * r / (p + r)


def pair(gold: list[dict[str, frozenset[int]]], pred: list[dict[str, frozenset[int]]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: overlapping cues first, then by content
    token-overlap F1 (greedy)."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            f = token_f1(g["content"], p["content"])
            cue_hit = bool(g["cue"] & p["cue"])
            if f > 0 or ((not g["content"] or not p["content"]) and cue_hit):
                cands.append((not cue_hit, -f, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def score_doc(text: str, attributions: list[dict[str, Any]], claims: list[Claim]) -> dict[str, Any]:
    """Counts for one document (see the module docstring)."""
    tok = _Tokens(text)
    gold = [{r: tok.of(a.get(r)) for r in ROLES} for a in attributions]
    pred = [{r: tok.of(v) for r, v in _claim_roles(c).items()} for c in claims]
    pairs = pair(gold, pred)
    out: dict[str, Any] = {"pairs": pairs, "n_gold": len(gold), "n_pred": len(pred)}
    for r in ROLES:
        exact = 0
        soft = 0.0
        for gi, pi in pairs:
            g, p = gold[gi][r], pred[pi][r]
            if g and p:
                exact += int(g == p)
                soft += token_f1(g, p)
        out[r] = {"exact": exact, "overlap": soft,
                  "n_gold": sum(1 for g in gold if g[r]), "n_pred": sum(1 for p in pred if p[r])}
    out["source_exact"] = {(gi, pi): bool(gold[gi]["source"]) and gold[gi]["source"] == pred[pi]["source"]
                           for gi, pi in pairs}
    out["content_f1"] = {(gi, pi): token_f1(gold[gi]["content"], pred[pi]["content"])
                         if gold[gi]["content"] and pred[pi]["content"] else 0.0 for gi, pi in pairs}
    shared = sum(len(gold[gi]["content"] & pred[pi]["content"]) for gi, pi in pairs)
    out["content_tokens"] = {"shared": shared, "gold": sum(len(g["content"]) for g in gold),
                             "pred": sum(len(p["content"]) for p in pred)}
    out["unpaired_gold"] = [i for i in range(len(gold)) if i not in {g for g, _ in pairs}]
    out["unpaired_pred"] = [i for i in range(len(pred)) if i not in {p for _, p in pairs}]
    return out


def _show(text: str, spans: list | None, width: int = 120) -> str:
    s = " | ".join(text[a:b] for a, b in (spans or []))
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def score(outcomes: list[Outcome], report: EvalReport, errors: int = 0) -> EvalReport:
    found = PRF("attributions")
    exact = {r: PRF(f"{r} exact") for r in ROLES}
    overlap = {r: PRF(f"{r} overlap") for r in ROLES}
    tokens = PRF("content tokens (micro)")
    sp_found = PRF("attributions (speech cues)")
    sp_source = PRF("source exact (speech cues)")
    sp_content = PRF("content overlap (speech cues)")
    worst_rows = []
    for o in outcomes:
        doc = o.record.gold
        text = o.record.text
        atts = doc.get("attributions") or []
        claims = list(o.extraction.claims or [])
        d = score_doc(text, atts, claims)
        found.add(len(d["pairs"]), d["n_pred"], d["n_gold"])
        for r in ROLES:
            exact[r].add(d[r]["exact"], d[r]["n_pred"], d[r]["n_gold"])
            overlap[r].add(d[r]["overlap"], d[r]["n_pred"], d[r]["n_gold"])
        ct = d["content_tokens"]
        tokens.add(ct["shared"], ct["pred"], ct["gold"])
        # The speech-cue subset: gold with such a cue; predictions not paired to other gold.
        speech = {i for i, a in enumerate(atts)
                  if SPEECH_CUE.search(" ".join(text[x:y] for x, y in (a.get("cue") or [])))}
        sub_pairs = [(g, p) for g, p in d["pairs"] if g in speech]
        n_pred = d["n_pred"] - (len(d["pairs"]) - len(sub_pairs))
        sp_found.add(len(sub_pairs), n_pred, len(speech))
        src_pred = sum(1 for p in range(len(claims)) if claims[p].speaker) - sum(
            1 for g, p in d["pairs"] if g not in speech and claims[p].speaker)
        sp_source.add(sum(1 for g, p in sub_pairs if d["source_exact"].get((g, p))), src_pred,
                      sum(1 for g in speech if atts[g].get("source")))
        sp_content.add(sum(d["content_f1"].get((g, p), 0.0) for g, p in sub_pairs), n_pred, len(speech))
        wrong = len(d["unpaired_gold"]) + len(d["unpaired_pred"])
        fields: dict[str, dict[str, Any]] = {}
        for n, gi in enumerate(d["unpaired_gold"][:4]):
            a = atts[gi]
            fields[f"missed {n + 1}"] = {"gold": f"{_show(text, a.get('source'), 30)} / {_show(text, a.get('cue'), 20)}"
                                                 f" / {_show(text, a.get('content'), 60)}", "predicted": None, "ok": False}
        for n, pi in enumerate(d["unpaired_pred"][:4]):
            r = _claim_roles(claims[pi])
            fields[f"extra {n + 1}"] = {"gold": None, "predicted": f"{_show(text, r['source'], 30)} / "
                                                                  f"{_show(text, r['cue'], 20)} / "
                                                                  f"{_show(text, r['content'], 60)}", "ok": False}
        worst_rows.append((wrong, worst_entry(o, wrong, fields)))
    for p in [found, *exact.values(), *overlap.values(), tokens, sp_found, sp_source, sp_content]:
        if isinstance(p.tp, float):
            p.tp = round(p.tp, 1)
    report.prf = [found, exact["source"], overlap["source"], exact["cue"], overlap["cue"],
                  exact["content"], overlap["content"], tokens, sp_found, sp_source, sp_content]
    report.worst = pick_worst(worst_rows, errors)
    if report.records:
        report.notes.append(f"{1000 * report.seconds / report.records:.1f} ms per document (wall time of the "
                            f"whole run, one-off start-up included)")
    report.notes.append("pairs: one-to-one, greedy, overlapping cues first, then by content token-overlap "
                        "F1 (>0, or overlapping cues when a side has no content); exact = same \\w+ token set (spans equal after "
                        "stripping whitespace/punctuation at the edges), overlap = token F1 summed over "
                        "pairs; P / predicted with the role, R / gold with the role")
    return report


def run(path: str, *, extractor: Any = None, limit: int | None = None, errors: int = 0,
        progress: Progress | None = None) -> EvalReport:
    return run_set("polnear", load, score, path, extractor if extractor is not None else ClaimsExtractor(),
                   limit, errors, progress)


def main(argv: list[str] | None = None) -> int:
    """``python -m watchfloor.eval.polnear PATH [--limit N] [--errors N] [--json]``"""
    import argparse

    from .common import format_report

    ap = argparse.ArgumentParser(prog="python -m watchfloor.eval.polnear", description=__doc__.splitlines()[0])
    ap.add_argument("path", help="PolNeAR jsonl file (or a folder holding dev.jsonl)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    report = run(args.path, limit=args.limit, errors=args.errors)
    print(json.dumps(report.to_dict(), indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
