"""The claims ledger: claims about the same proposition, grouped across articles.

How grouping works (offline, no model download): each claim's content is reduced to a set
of key terms: lower-cased, plural and tense endings folded, synonyms mapped to one term
("arms", "equipment", "weaponry" -> weapon; "abandoned", "left behind" -> leave; "TTP",
"terrorists", "insurgents" -> militant), stop words and negation words removed, so that
"weapons left in Afghanistan arm militants" and "no weapon has left the country" share
terms. Terms are weighted by inverse document frequency over all claims being grouped, and a
claim joins the proposition whose weighted term overlap with it (a weighted Jaccard score) is
highest, if that score reaches a threshold; otherwise it starts a new proposition. Each
proposition is labelled with its heaviest terms and a representative claim. Speakers are then
split into those who assert (asserts, warns, predicts, demands) and those who deny.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

# Surface forms -> one term. Written for how security reporting phrases recurring claims.
SYNONYMS: dict[str, str] = {}
for term, forms in {
    "weapon": "weapon weapons arm arms armed arming armament armaments equipment gear weaponry hardware munition munitions "
              "ammunition rifle rifles goggle goggles gun guns sight sights firearm firearms vehicle vehicles",
    "leave": "leave left abandon abandoned behind smuggle smuggled sell sold reach reached transfer transferred "
             "fell fallen",
    "militant": "militant militants terrorist terrorists insurgent insurgents ttp fighter fighters extremist "
                "extremists khawarij group groups outfit outfits jihadist jihadists",
    "afghanistan": "afghanistan afghan kabul",
    "us": "u.s. u.s us american americans washington nato pentagon",
    "pakistan": "pakistan pakistani islamabad",
    "shelter": "shelter sheltered shelters sanctuary sanctuaries haven havens hideout hideouts soil territory "
               "base bases harbour harbor harboured harbored host hosting",
    "attack": "attack attacks attacked assault assaults raid raids strike strikes violence terrorism bombing "
              "bombings",
    "kill": "kill killed killing martyr martyred dead death deaths died toll",
    "soldier": "soldier soldiers troop troops personnel army military force forces",
    "withdraw": "withdraw withdrawal exit pullout pull departure departing",
    "remove": "remove removed destroy destroyed disable disabled",
    "increase": "increase increased rise risen rose surge surged resurgence up",
}.items():
    for form in forms.split():
        SYNONYMS[form] = term

STOP = set(
    "a an the and or but of to in on at by for with from as is are was were be been being has have had do does "
    "did it its this that these those there their they them he she his her we our you your i me my not no never "
    "nor none any anyone anything deny denied denies rejected reject dismissed said says say told claimed claim "
    "also which who whom whose what when where why how than then so such very more most much many some all each "
    "would could should may might will shall can just only even into over under about after before against "
    "while because since until upon via per one two three four five six seven eight nine ten said stated added "
    "country nation people s out sits sit nearly major used use using now still already other others just like well "
    "including include includes according across within without".split()
)

ASSERTING = {"asserts", "warns", "predicts", "demands"}


def key_terms(text: str) -> set[str]:
    """The claim's proposition as a set of normalized terms."""
    out = set()
    for word in re.findall(r"[A-Za-z][A-Za-z.'-]*", text):
        w = word.lower().strip(".'-")
        if w in STOP or len(w) < 3 and w not in ("us", "u.s."):
            continue
        if w in SYNONYMS:
            out.add(SYNONYMS[w])
            continue
        for suffix in ("ies", "es", "s", "ed", "ing"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                stem = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
                w = SYNONYMS.get(stem, stem)
                break
        if w not in STOP:
            out.add(w)
    return out


@dataclass
class Proposition:
    id: int
    label: str
    terms: list[str]
    claims: list[dict[str, Any]] = field(default_factory=list)

    @property
    def asserted_by(self) -> list[str]:
        return _speakers(c for c in self.claims if c.get("stance") in ASSERTING)

    @property
    def denied_by(self) -> list[str]:
        return _speakers(c for c in self.claims if c.get("stance") == "denies")

    @property
    def contested(self) -> bool:
        return bool(self.asserted_by and self.denied_by)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "terms": self.terms,
            "asserted_by": self.asserted_by, "denied_by": self.denied_by, "contested": self.contested,
            "first": min((_when(c) for c in self.claims if _when(c)), default=None),
            "last": max((_when(c) for c in self.claims if _when(c)), default=None),
            "claims": [_brief(c) for c in self.claims],
        }


def speaker_name(claim: dict[str, Any]) -> str:
    sp = claim.get("speaker") or {}
    entity = sp.get("entity") or {}
    return entity.get("name") or sp.get("text") or "(unattributed)"


def _speakers(claims) -> list[str]:
    seen: dict[str, None] = {}
    for c in claims:
        seen.setdefault(speaker_name(c), None)
    return list(seen)


def _when(c: dict[str, Any]) -> str | None:
    return (c.get("date") or c.get("article_published") or "")[:10] or None


def _brief(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "speaker": speaker_name(c), "stance": c.get("stance"), "cue": (c.get("cue") or {}).get("text"),
        "channel": c.get("channel"), "date": _when(c), "content": (c.get("content") or {}).get("text"),
        "article_id": c.get("article_id"), "article_title": c.get("article_title"),
        "spans": (c.get("content") or {}).get("spans"),
    }


def build_ledger(claims: list[dict[str, Any]], threshold: float = 0.3, min_terms: int = 2) -> list[Proposition]:
    """Group claims into propositions (see the module docstring for how and why)."""
    terms = [key_terms((c.get("content") or {}).get("text", "")) for c in claims]
    df = Counter(t for ts in terms for t in ts)
    n = max(1, len(claims))
    idf = {t: math.log(1 + n / df[t]) for t in df}

    groups: list[tuple[dict[str, float], list[int]]] = []
    for i in sorted(range(len(claims)), key=lambda i: (_when(claims[i]) or "", i)):
        ts = terms[i]
        if len(ts) < min_terms:
            continue
        best, best_score = None, 0.0
        for g, (weights, _) in enumerate(groups):
            inter = sum(idf[t] for t in ts if t in weights)
            union = sum(idf[t] for t in ts | set(weights))
            score = inter / union if union else 0.0
            if score > best_score:
                best, best_score = g, score
        if best is not None and best_score >= threshold:
            weights, members = groups[best]
            for t in ts:
                weights[t] = weights.get(t, 0) + 1
            members.append(i)
        else:
            groups.append(({t: 1 for t in ts}, [i]))

    props = []
    for weights, members in groups:
        ranked = sorted(weights, key=lambda t: (-weights[t] * idf[t], t))[:6]
        rep = min((claims[i] for i in members), key=lambda c: len((c.get("content") or {}).get("text", "")))
        text = (rep.get("content") or {}).get("text", "")
        label = text if len(text) <= 120 else text[:117].rsplit(" ", 1)[0] + "..."
        props.append(Proposition(0, label, ranked, [claims[i] for i in members]))
    # Most discussed first; contested ones ahead of uncontested of the same size.
    props.sort(key=lambda p: (-len({speaker_name(c) for c in p.claims}), not p.contested, p.label))
    for number, p in enumerate(props, start=1):
        p.id = number
    return props


def contradictions(props: list[Proposition]) -> list[Proposition]:
    """Propositions some speakers assert and others deny."""
    return [p for p in props if p.contested]


def group_index(props: list[Proposition]) -> dict[int, int]:
    """id(claim dict) -> proposition id, for callers that list claims with their proposition."""
    out: dict[int, int] = defaultdict(int)
    for p in props:
        for c in p.claims:
            out[id(c)] = p.id
    return out
