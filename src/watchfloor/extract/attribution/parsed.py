"""Attributions beyond reporting verbs, read from a dependency parse.

The rules in ``frames`` read speech cues from the words around them, which is fast and exact
for "X said that ...". Reporters also attribute with beliefs, intentions, endorsements, evidence
and impressions ("voters who support Sanders", "the poll showed Clinton ahead", "he declined to
say whether ...", "the senator seemed to be shrinking"); their frames vary too much for word
windows. For those verbs this pass sends only the sentences that hold one (and where the rules
found no cue at that word) through the statistical spaCy pipeline and reads:

- cue: the verb with its auxiliaries and particle, and a preposition right after it
  ("referring to", "talked about");
- source: the subtree of its subject (``nsubj``), or of the ``by`` agent of a passive, or the
  subject of the clause it hangs from (", backing ...", "... and endorsed ..."); none for
  "seem"/"appear";
- content: the subtrees of its complements (``ccomp``, ``xcomp``, ``dobj``, ``attr``, ``oprd``,
  ``acomp``, a prepositional phrase, a passive subject; for "seem"/"appear" the subject).

Not read, as in the rules: negated verbs ("did not endorse"), refusals ("declined to
confirm": no statement was made), passives without an agent ("was asked about the vote"),
verbs inside a direct quote (the quoted person's words), verbs without source or content;
endorsement verbs in the passive ("militants backed by ...": a label, not an endorsement); and
verbs whose object alone is not what was said ("called police", "plans a rally").

Every claim gets ``cue_class`` (report, belief, intent, support, evidence, impression) so the
ledger can leave out endorsements and impressions, which are not statements about the world.
Why a parser only here: see ``extract/claims.py`` (the parser read speech verbs worse than the
rules, so it is used only where the rules have nothing).
"""

from __future__ import annotations

import re

from .article import Article, RawClaim
from .lexicon import ASSERTS, DEMANDS, DENIES, PREDICTS, WARNS, _forms
from .tokens import Span, strip_span

REPORT, BELIEF, INTENT, SUPPORT, EVIDENCE, IMPRESSION = "report", "belief", "intent", "support", "evidence", "impression"

# lemma -> (cue_class, stance). Verbs of communication, cognition, intention, support and
# evidence, chosen from those verb classes (not learned from a corpus).
PARSED_CUES: dict[str, tuple[str, str]] = {
    **{v: (REPORT, ASSERTS) for v in (
        "ask", "call", "describe", "refer", "mention", "discuss", "talk", "speak", "suggest", "reply",
        "joke", "tout", "boast", "remind", "reveal", "express", "explain", "label", "dub", "characterize",
        "question", "challenge", "cite", "highlight", "point", "respond", "note", "announce", "insist",
        "concede", "acknowledge", "report", "recall", "conclude", "name", "promise", "pledge", "vow",
        "hint", "signal", "thank", "predict")},
    **{v: (REPORT, DEMANDS) for v in ("urge", "propose", "recommend")},
    "warn": (REPORT, WARNS),
    # Not "attack", "defend", "blast", "slam": in conflict news they are mostly physical.
    **{v: (SUPPORT, ASSERTS) for v in (
        "endorse", "support", "back", "oppose", "favor", "prefer", "criticize", "praise", "applaud", "condemn")},
    **{v: (EVIDENCE, ASSERTS) for v in ("show", "indicate")},
    **{v: (IMPRESSION, ASSERTS) for v in ("seem", "appear")},
    **{v: (BELIEF, ASSERTS) for v in ("hope", "suspect", "consider", "view", "regard", "agree")},
    **{v: (BELIEF, WARNS) for v in ("fear", "worry")},
    **{v: (BELIEF, DENIES) for v in ("doubt", "disagree")},
    **{v: (INTENT, PREDICTS) for v in ("decide", "plan", "intend")},
    "seek": (INTENT, DEMANDS),
}
_IRREGULAR = {"speak": ["spoke", "spoken"], "seek": ["sought"], "show": ["shown"], "back": [],
              "refer": ["referred", "referring"], "prefer": ["preferred", "preferring"], "dub": ["dubbed", "dubbing"],
              "plan": ["planned", "planning"], "signal": ["signalled", "signalling"], "label": ["labelled", "labelling"],
              "characterize": _forms("characterise"), "criticize": _forms("criticise"), "favor": _forms("favour")}
_FORMS: dict[str, str] = {}
for _lemma in PARSED_CUES:
    for _f in _forms(_lemma) + _IRREGULAR.get(_lemma, []):
        _FORMS[_f] = _lemma
_WORD = re.compile(r"[A-Za-z]+")
NO_SOURCE = {"seem", "appear"}
# Verbs whose object alone is not an attribution ("called police", "pointed a gun", "plans a
# rally"): they need a clause or a predicate ("called him a liar", "pointed to the polls",
# "plans to run").
_NEEDS_CLAUSE = {"call": {"oprd", "ccomp", "xcomp", "attr"}, "point": {"prep"},
                 **{v: {"xcomp", "ccomp"} for v in ("decide", "plan", "intend", "seek")}}
# Prepositions that name the addressee or the one spoken for, not the content ("spoke to
# reporters", "speaks for the Taliban").
_ADDRESSEE_PREPOSITIONS = {"speak": {"to", "with", "for"}, "talk": {"to", "with"}, "discuss": {"with"}}
_COMPLEMENTS = {"ccomp", "xcomp", "dobj", "attr", "oprd", "acomp"}
# Prepositional phrases that hold what was said ("talked about X", "agreed on X", "praised her for
# X"); not "in", "at", "during": where and when it was said.
_PREPOSITIONS = {"about", "to", "for", "on", "of", "as", "with", "against"}
_WHEN = re.compile(r"(?i)(?:on|for)\s+(?:(?:the|that|this|a)\s+)?(?:same\s+|previous\s+|following\s+|next\s+)?"
                   r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
                   r"may|june|july|august|september|october|november|december|day|days|week|weeks|morning|"
                   r"evening|night|occasion|anniversary|first|second|third|last|\d)\b")
# A preposition right after the verb is part of the cue: "referring to", "talked about", "spoke of".
_CUE_PREPOSITIONS = {"to", "about", "of"}
_NOUN_BEFORE = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those",
                "no", "any", "some", "every", "each", "such", "public", "popular", "strong", "broad", "wide"}
_MAX_SENTENCE = 1200  # characters; longer "sentences" (lists, tables) are not parsed


def candidate_words(art: Article, ss: int, se: int, taken: list[Span]) -> list[int]:
    """Start offsets of parsed-cue verb forms in text[ss:se] that no rule cue covers."""
    out = []
    prev = ""
    for m in _WORD.finditer(art.text, ss, se):
        word, before, prev = m.group(0).lower(), prev, m.group(0).lower()
        if word not in _FORMS or before in _NOUN_BEFORE:  # "the support", "a call": a noun
            continue
        a, b = m.span()
        if any(x < b and a < y for x, y in taken) or art.inside_quote(a, b):
            continue
        out.append(a)
    return out


def parsed_claims(art: Article, raws: list[RawClaim]) -> list[RawClaim]:
    """Claims for the parsed cues of ``art`` (see the module docstring)."""
    from ...nlp import parser

    taken = [r.cue for r in raws]
    todo: list[tuple[Span, set[int]]] = []
    for ss, se in art.sentences:
        if se - ss > _MAX_SENTENCE:
            continue
        words = candidate_words(art, ss, se, taken)
        if words:
            todo.append(((ss, se), set(words)))
    if not todo:
        return []
    out: list[RawClaim] = []
    docs = parser().pipe(art.text[ss:se] for (ss, se), _ in todo)
    for ((ss, se), words), doc in zip(todo, docs):
        for tok in doc:
            if ss + tok.idx in words and tok.tag_.startswith("VB"):
                raw = _claim(art, tok, ss, (ss, se))
                if raw is not None:
                    out.append(raw)
    return out


def _span(art: Article, toks, offset: int) -> Span | None:
    a = min(t.idx for t in toks) + offset
    b = max(t.idx + len(t) for t in toks) + offset
    a, b = strip_span(art.text, a, b)
    while a < b and art.text[a] in ",;:—–-":
        a, b = strip_span(art.text, a + 1, b)
    return (a, b) if a < b else None


def _claim(art: Article, verb, offset: int, sentence: Span) -> RawClaim | None:
    lemma = _FORMS.get(verb.lower_)
    if lemma is None:
        return None  # the parser's token runs past the cue word ("report.[size"): not a cue
    cue_class, stance = PARSED_CUES[lemma]
    kids = list(verb.children)
    if any(c.dep_ == "neg" for c in kids):
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)
    if passive and cue_class == SUPPORT:  # "militants backed by ...": a label, not an endorsement
        return None
    need = _NEEDS_CLAUSE.get(lemma)
    if need and not any(c.dep_ in need and (c.dep_ != "prep" or c.lower_ in ("to", "out")) for c in kids):
        return None
    source = None
    if lemma not in NO_SOURCE:
        subject = [c for c in kids if c.dep_ == "nsubj"]
        agent = [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subject:
            source = _span(art, list(subject[0].subtree), offset)
        elif agent:
            source = _span(art, list(agent[0].subtree), offset)
        elif not passive and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.tag_[:2] in ("VB", "MD") and not (
                verb.dep_ == "advcl" and verb.tag_ == "VBN"):  # "Asked about X, she said": she did not ask
            head_subject = [c for c in verb.head.children if c.dep_ == "nsubj"]
            if head_subject:
                source = _span(art, list(head_subject[0].subtree), offset)
        if source is None:  # passives without an agent ("was asked about") have no speaker either
            return None
    # Auxiliaries, a particle and adverbs next to the verb ("has also backed"); not the "to" of an
    # infinitive, which attribution corpora leave out of the cue.
    cue_toks = [verb] + [c for c in kids if verb.i - 4 < c.i < verb.i + 3 and (
        (c.dep_ in ("aux", "auxpass", "prt") and c.tag_ != "TO") or (c.dep_ == "advmod" and verb.i - 3 < c.i < verb.i))]
    content: list[Span] = []
    last = max(t.i for t in cue_toks)
    for c in kids:
        span = None
        if c.dep_ in _COMPLEMENTS or c.dep_ == "nsubjpass" or (lemma in NO_SOURCE and c.dep_ == "nsubj"):
            span = _span(art, list(c.subtree), offset)
        elif c.dep_ == "prep" and c.lower_ in _PREPOSITIONS and c.lower_ not in _ADDRESSEE_PREPOSITIONS.get(lemma, ()):
            obj = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if c.i == last + 1 and obj and c.lower_ in _CUE_PREPOSITIONS:  # "referring to X"
                cue_toks.append(c)
                span = _span(art, list(obj[0].subtree), offset)
            elif not _WHEN.match(art.text, c.idx + offset):
                span = _span(art, list(c.subtree), offset)
        if span is not None:
            content.append(span)
    if not content:
        return None
    cue = _span(art, cue_toks, offset)
    if cue is None or (source is not None and any(a < source[1] and source[0] < b for a, b in content)):
        return None
    return RawClaim(cue=cue, lemma=lemma, stance=stance, strength=0, source=source, content=sorted(content),
                    sentence=sentence, extra={"cue_class": cue_class})
