"""The claims ledger: claims about the same proposition, grouped across articles.

How grouping works (offline, no model download): each claim's content is reduced to a set
of key terms: lower-cased, plural and tense endings folded, synonyms mapped to one term
("arms", "equipment", "weaponry" -> weapon; "abandoned", "left behind" -> leave; "TTP",
"terrorists", "insurgents" -> militant), stop words and negation words removed, so that
"weapons left in Afghanistan arm militants" and "no weapon has left the country" share
terms. Terms are weighted by inverse document frequency over all claims being grouped, concept
terms counting double. Claims are taken in date order; a claim joins the proposition holding its
most similar member, if the two share at least two terms, one of them a concept, and their
weighted overlap (divided by the smaller claim, so a short denial can match a long assertion)
reaches 0.4; otherwise it starts a new proposition. Each proposition is labelled with a
representative assertion. A claim's side is its stance flipped by negative content ("said that
not a single rifle had been smuggled" denies that weapons left the country); a claim asserting
the opposite term of what the proposition's other claims assert ("removed" where they say
"left") disputes it. Endorsements and impressions (``cue_class`` support, impression) are left
out. Measured against the demo gold's proposition keys: see ``eval/demo.py`` and the README.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# Surface forms -> one term. Written for how security reporting phrases recurring claims.
SYNONYMS: dict[str, str] = {}
for term, forms in {
    "weapon": "weapon weapons arm arms armed arming armament armaments equipment gear weaponry hardware munition munitions "
              "ammunition rifle rifles goggle goggles gun guns sight sights firearm firearms",
    "leave": "leave left abandon abandoned behind smuggle smuggled sell sold reach reached transfer transferred "
             "fell fallen",
    "militant": "militant militants terrorist terrorists insurgent insurgents ttp fighter fighters extremist "
                "extremists khawarij group groups outfit outfits jihadist jihadists",
    "afghanistan": "afghanistan afghan kabul",
    "us": "u.s. u.s us american americans washington nato pentagon",
    "pakistan": "pakistan pakistani islamabad",
    "shelter": "shelter sheltered shelters sheltering sanctuary sanctuaries haven havens soil territory "
               "harbour harbor harboured harbored harbouring harboring host hosting",
    "attack": "attack attacks attacked assault assaults raid raids strike strikes violence terrorism bombing "
              "bombings",
    "kill": "kill killed killing martyr martyred dead death deaths died toll",
    "soldier": "soldier soldiers troop troops personnel army military force forces",
    "withdraw": "withdraw withdrawal exit pullout pull departure departing",
    "remove": "remove removed destroy destroyed disable disabled",
    "increase": "increase increased rise risen rose surge surged resurgence up",
    "decrease": "decrease decreased decline declined drop dropped reduce reduced lower fewer",
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
    "including include includes according across within without "
    # Words about the claim, not in it: "rejected the allegations as baseless".
    "claims allegation allegations accusation accusations baseless fabricated fabrication untrue unfounded "
    "false falsehood falsehoods lies propaganda fake invented".split()
)

# Concepts that name what a claim is about; the rest (kill, soldier, militant, attack, the two
# countries) occur in nearly every security story and only add weight. Two claims must share a
# concept to be compared at all: a general "same words" gate (any shared non-topic word) and
# single-link or cosine grouping all scored lower on the demo gold (README, "how well").
CONCEPTS = {"weapon", "leave", "shelter", "withdraw", "remove", "us", "increase", "decrease"}
# The concepts that say what happened (the rest say to what or whom): two claims make one
# statement only if they share one of these, or its opposite. "Persuaded the US to withdraw
# responsibly so its weapons were accounted for" and "US weapons have left the country" share
# the US and weapons, not a statement.
PREDICATES = {"leave", "shelter", "withdraw", "remove", "increase", "decrease"}
# Asserting one term of a pair disputes a proposition built on the other: "nearly all equipment
# was removed or destroyed" disputes "weapons left in Afghanistan arm militants".
OPPOSITES = {("leave", "remove"), ("increase", "decrease")}
# Endorsements ("backs Sanders") and impressions ("seemed tired") are attributions, but not
# statements that others could assert or deny.
NOT_PROPOSITIONS = {"support", "impression"}
# What was said is itself negative: "not a single rifle had been smuggled" disputes the claim
# that weapons left the country, whatever the cue ("said", "wrote").
_NEGATIVE_CONTENT = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without)\b(?!\s+only\b)|n't\b|\bno\s+one\b", re.I)
# Calling the proposition false denies it, whatever the cue: "said the allegations that its jets
# struck the clinic were baseless", "dismissed the report as propaganda".
_CALLED_FALSE = re.compile(r"\b(?:baseless|fabricated|fabrication|untrue|unfounded|false|falsehoods?|lies|"
                           r"propaganda|fake|invented)\b", re.I)


# "ensure that Afghan soil is not used", "to prevent ...": a wish, not a denial.
_WISHED = re.compile(r"\b(?:ensure|ensuring|make\s+sure|prevent|so\s+that|to\s+stop|urged?|demand(?:ed)?|expect(?:ed|s)?|"
                     r"should|must|asked)\b[^.;]*$", re.I)


def side(claim: dict[str, Any]) -> str:
    """"asserts" or "denies" the proposition: the stance, flipped by a negative content."""
    stance = claim.get("stance")
    if stance == "demands":
        return "asserts"  # "ensure that Afghan soil is not used" demands, it does not deny
    content = (claim.get("content") or {}).get("text", "")
    if _CALLED_FALSE.search(content):
        return "denies"
    negative = any(not _WISHED.search(content[max(0, m.start() - 60): m.start()])
                   for m in _NEGATIVE_CONTENT.finditer(content))
    denies = (stance == "denies") != negative
    return "denies" if denies else "asserts"


# Phrases whose words would mislead: "the armed forces" are troops, not weapons; "the United
# States" is one name; "beyond the reach of" says something did not reach.
_PHRASES = [(re.compile(r"\barmed\s+forces\b", re.I), "forces"),
            (re.compile(r"\bunited\s+states\b", re.I), "US"),
            (re.compile(r"\b(?:beyond|out\s+of)\s+(?:the\s+)?reach\s+of\b", re.I), "away from")]


def key_terms(text: str) -> set[str]:
    """The claim's proposition as a set of normalized terms."""
    out = set()
    for phrase, replacement in _PHRASES:
        text = phrase.sub(replacement, text)
    for word in re.findall(r"[A-Za-z][A-Za-z.'-]*", text):
        w = re.sub(r"'s$", "", word.lower()).strip(".'-")  # "Pakistan's" -> pakistan
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
    # Per claim: "asserts", "denies", or "disputes" (asserts the opposite, see OPPOSITES).
    sides: list[str] = field(default_factory=list)

    @property
    def asserted_by(self) -> list[str]:
        return _speakers(c for c, s in zip(self.claims, self.sides) if s == "asserts")

    @property
    def denied_by(self) -> list[str]:
        """Speakers who deny the proposition or dispute it."""
        return _speakers(c for c, s in zip(self.claims, self.sides) if s != "asserts")

    @property
    def contested(self) -> bool:
        return bool(self.asserted_by and self.denied_by)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "terms": self.terms,
            "asserted_by": self.asserted_by, "denied_by": self.denied_by, "contested": self.contested,
            "first": min((_when(c) for c in self.claims if _when(c)), default=None),
            "last": max((_when(c) for c in self.claims if _when(c)), default=None),
            "claims": [_brief(c, s) for c, s in zip(self.claims, self.sides)],
        }


def speaker_name(claim: dict[str, Any]) -> str:
    sp = claim.get("speaker") or {}
    entity = sp.get("entity") or {}
    return entity.get("name") or sp.get("text") or "(unattributed)"


def _speakers(claims) -> list[str]:
    """Distinct speakers; a name contained in a fuller one ("Kakar", "Anwaar-ul-Haq Kakar") is one."""
    names = list(dict.fromkeys(speaker_name(c) for c in claims))
    return [n for n in names if not any(n != m and n.lower() in m.lower() for m in names)]


def _content(c: dict[str, Any]) -> str:
    return (c.get("content") or {}).get("text", "")


def _when(c: dict[str, Any]) -> str | None:
    return (c.get("date") or c.get("article_published") or "")[:10] or None


def _brief(c: dict[str, Any], claim_side: str) -> dict[str, Any]:
    return {
        "speaker": speaker_name(c), "stance": c.get("stance"), "side": claim_side, "cue": (c.get("cue") or {}).get("text"),
        "channel": c.get("channel"), "date": _when(c), "content": (c.get("content") or {}).get("text"),
        "article_id": c.get("article_id"), "article_title": c.get("article_title"),
        "spans": (c.get("content") or {}).get("spans"),
    }


_OPPOSITE = {x: y for a, b in OPPOSITES for x, y in ((a, b), (b, a))}
_OPPOSED = frozenset(_OPPOSITE)


def _opposite(term: str) -> str | None:
    return _OPPOSITE.get(term)


def similarity(a: set[str], b: dict[str, float] | set[str], idf: dict[str, float]) -> float:
    """Weighted overlap of two term sets, concept terms (weapon, shelter ...) counting double,
    divided by the smaller set: a short denial can match a long assertion."""
    b_terms = b if isinstance(b, (set, frozenset)) else set(b)
    shared = (a & b_terms) | {t for t in a & _OPPOSED if _OPPOSITE[t] in b_terms}
    shared_concepts = shared & CONCEPTS
    if not shared_concepts or len(shared) < 2:
        return 0.0  # sharing only "militants" or "soldiers killed" is a topic, not a proposition
    if not shared_concepts & PREDICATES:
        if a & PREDICATES and b_terms & PREDICATES:
            return 0.0  # both say what happened, and they say different things
        if len(shared_concepts) < 2:
            return 0.0  # "weapons" and "soldiers" alone: every attack story, not one statement

    def weight(t: str) -> float:
        return idf.get(t, 1.0) * (2.0 if t in CONCEPTS else 1.0)

    small = min(sum(map(weight, a)), sum(map(weight, b_terms)))
    return sum(map(weight, shared)) / small if small else 0.0


def build_ledger(claims: list[dict[str, Any]], threshold: float = 0.4, min_terms: int = 2) -> list[Proposition]:
    """Group claims into propositions (see the module docstring for how and why)."""
    claims = [c for c in claims if c.get("cue_class") not in NOT_PROPOSITIONS]
    terms = [key_terms((c.get("content") or {}).get("text", "")) for c in claims]
    df = Counter(t for ts in terms for t in ts)
    n = max(1, len(claims))
    idf = {t: math.log(1 + n / df[t]) for t in df}

    groups: list[list[int]] = []
    for i in sorted(range(len(claims)), key=lambda i: (_when(claims[i]) or "", i)):
        ts = terms[i]
        if len(ts) < min_terms:
            continue
        # Compare with the group's members, not its growing union, so groups do not drift.
        scores = [max(similarity(ts, terms[j], idf) for j in members) for members in groups]
        best = max(range(len(groups)), key=lambda g: scores[g], default=None)
        if best is not None and scores[best] >= threshold:
            groups[best].append(i)
        else:
            groups.append([i])

    props = []
    for members in groups:
        members_claims = [claims[i] for i in members]
        sides = _sides(members_claims, [terms[i] for i in members])
        ranked = top_terms([terms[i] for i in members], idf)
        label = proposition_label(members_claims, [terms[i] for i in members], sides, idf)
        props.append(Proposition(0, label, ranked, members_claims, sides))
    # Most discussed first; contested ones ahead of uncontested of the same size.
    props.sort(key=lambda p: (-len({speaker_name(c) for c in p.claims}), not p.contested, p.label))
    for number, p in enumerate(props, start=1):
        p.id = number
    return props


def top_terms(terms: list[set[str]], idf: dict[str, float], n: int = 6) -> list[str]:
    """A proposition's most telling terms: frequency among its claims times weight, concepts
    counting double."""
    counts = Counter(t for ts in terms for t in ts)
    return sorted(counts, key=lambda t: (-counts[t] * idf.get(t, 1.0) * (2 if t in CONCEPTS else 1), t))[:n]


_LEAD = re.compile(r"^(?:that|whether|how)\s+", re.I)
_QUOTES = "\"'\u201c\u201d\u2018\u2019 ,"


def statement(text: str, limit: int = 120) -> str:
    """A claim's content read as a statement: no leading "that", no quotation marks, a capital
    first letter, cut at a word before ``limit`` characters."""
    text = _LEAD.sub("", text.strip().strip(_QUOTES)).strip(_QUOTES)
    text = text[:1].upper() + text[1:]
    return text if len(text) <= limit else text[:limit - 3].rsplit(" ", 1)[0] + "..."


_MEDOID_SAMPLE = 25


def proposition_label(claims: list[dict[str, Any]], terms: list[set[str]], sides: list[str],
                      idf: dict[str, float]) -> str:
    """The statement the proposition is about: the asserting claim most like the others (the
    group's medoid, preferring claims of six words or more), read as a statement."""
    members = range(len(claims))
    asserting = [i for i in members if sides[i] == "asserts"] or list(members)
    asserting = [i for i in asserting if len(_content(claims[i]).split()) >= 6] or asserting
    # A large proposition's medoid is sought among, and against, its first claims: the work
    # stays bounded (a proposition of thousands of claims would otherwise cost millions of pairs).
    asserting, sample = asserting[:_MEDOID_SAMPLE], list(members)[:_MEDOID_SAMPLE]
    centre = max(asserting, key=lambda i: (sum(similarity(terms[i], terms[j], idf) for j in sample if j != i), -i))
    return statement(_content(claims[centre]))


def _sides(claims: list[dict[str, Any]], terms: list[set[str]]) -> list[str]:
    """Each claim's side; a claim that asserts the opposite term of what the others assert
    ("removed" where they say "left") disputes the proposition."""
    sides = [side(c) for c in claims]
    for a, b in OPPOSITES:
        votes = Counter()
        for s, ts in zip(sides, terms):
            if s == "asserts" and (a in ts) != (b in ts):
                votes[a if a in ts else b] += 1
        if not votes:
            continue
        # The proposition's own term: what most asserting claims say (ties: the first to say it).
        own = max(votes, key=lambda t: votes[t])
        other = b if own == a else a
        for k, ts in enumerate(terms):
            if sides[k] == "asserts" and other in ts and own not in ts:
                sides[k] = "disputes"
    return sides


def contradictions(props: list[Proposition]) -> list[Proposition]:
    """Propositions some speakers assert and others deny."""
    return [p for p in props if p.contested]
