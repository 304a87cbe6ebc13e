"""One cue's frame: where its speaker and content are, read from the words around it.

``analyze_sentence`` finds the cues of a sentence, drops those inside quotes, negated or
gated out, and reads each frame: a participle or coordinated verb takes its clause's speaker;
an inverted cue ('"...," said Kakar') has its source after it; otherwise the source precedes
the cue and the content follows it (or precedes it, or is a split quote around it).
"according to" has its own frame.
"""

from __future__ import annotations

import re

from .article import Article, RawClaim, content_start_of_sentence
from .content import SEPARATOR, content_after, content_before, only_tail, skip_right
from .cues import IMPERSONAL, NEGATION, aux_start, cue_tokens, gate
from .entities import outlet_name
from .lexicon import ASSERTS, FORM, find_cues
from .quotes import continuation, quote_content, split_tail
from .labels import label_claim
from .nouns import HINT as NOUN_HINT
from .nouns import noun_claims
from .speakerless import HINT, speakerless
from .sources import (
    PREP, appositive_before, clause_start_before, np_after, np_before, np_forward_subject, np_ok, quoted_as,
)
from .tokens import CLOSE_Q, PRONOUNS, Span, Tok, strip_span, tokenize


def analyze_sentence(art: Article, ss: int, se: int, raws: list[RawClaim]) -> None:
    text = art.text
    matches = find_cues(text, ss, se)
    passive = HINT.search(text, ss, se)
    label = ":" in text[ss:min(se, ss + 75)]
    noun = NOUN_HINT.search(text, ss, se)
    if not matches and not passive and not label and not noun:
        return
    toks = tokenize(text, ss, se)
    if not toks:
        return
    local: list[RawClaim] = []
    for m in matches:
        form = m.form
        lemma, stance, strength = FORM[form]
        a, b = m.start, m.end
        ki, kj = cue_tokens(toks, a, b)
        if ki >= len(toks) or toks[ki].start != a or toks[kj].end < b:
            continue  # part of a longer token ("tips/quips/quotes")
        if art.inside_quote(a, b) is not None:
            continue
        if not gate(art, toks, ki, form, lemma, strength):
            continue
        before = text[max(ss, a - 40):a]
        impersonal = bool(IMPERSONAL.search(before)) and lemma in ("report", "claim", "allege", "say",
                                                                     "believe", "estimate", "fear", "expect",
                                                                     "learn", "confirm", "announce")
        if impersonal:
            nxt = text[b:b + 8].lstrip()
            if not nxt.lower().startswith("that"):
                continue
        if NEGATION.search(before) and lemma != "according to":
            continue
        if lemma == "according to":
            raw = _according_to(art, toks, ki, kj, ss, se)
            if raw:
                local.append(raw)
            continue
        # Cue span with its auxiliaries and a following colon.
        ai = aux_start(toks, ki)
        if impersonal:
            # "it was reported that": the cue is "was reported", without "it".
            base = max(ss, a - 40) + IMPERSONAL.search(before).start()
            cue = (base + re.match(r"\w+\s+", text[base:b]).end(), b)
        else:
            cue = (toks[ai].start, b)
        if text[b:b + 1] == ":":
            cue = (cue[0], b + 1)
        raw = None
        if impersonal:
            p, _, _ = skip_right(art, b, se, lemma)
            content = content_after(art, p, se, lemma)
            if content:
                raw = RawClaim(cue, lemma, stance, strength, None, content, (ss, se), impersonal=True)
        else:
            raw = _frame(art, toks, ai, ki, kj, cue, lemma, stance, strength, ss, se, local)
        if raw is not None:
            local.append(raw)
    if passive:
        local.extend(speakerless(art, toks, ss, se, list(local)))
    if noun:
        local.extend(noun_claims(art, toks, ss, se, list(local)))
    if label:
        raw = label_claim(art, toks, ss, se)
        if raw is not None:
            local.append(raw)
    raws.extend(local)


# "..., the station reported, while ...": a new clause, not the rest of the content.
_SUBORDINATE = re.compile(r"(?:while|whereas|although|though|but|and|as|because|after|before|when|since|even|"
                          r"which|who)\b", re.I)
# An introductory phrase before the speaker is not content: 'In a statement, X said, "..."'.
_INTRO = re.compile(r"\s*(?:(?:but|and|yet|so)\s+)?(?:in|on|at|during|after|before|when|while|asked|speaking|"
                    r"reached|responding|writing|referring|talking|interviewed|contacted|pressed|questioned|as|"
                    r"with|without|from|following|despite|since|earlier|later|last|like|unlike)\b", re.I)


def _frame(art: Article, toks: list[Tok], ai: int, ki: int, kj: int, cue: Span, lemma: str, stance: str,
           strength: int, ss: int, se: int, local: list[RawClaim]) -> RawClaim | None:
    text = art.text
    b = cue[1]
    word = toks[ki].low
    prev = toks[ai - 1] if ai > 0 else None
    # 1. Participle after a comma: "..., adding that ..." - the main clause's speaker.
    if word.endswith("ing") and prev is not None and prev.low in ("after", "before", "while", "when", "by",
                                                                   "without", "since", "upon"):
        return None
    # '..., “a crazy policy,” adding': a comma inside the closing quote still ends the clause.
    comma_quote = prev is not None and prev.text in {"”", '"'} and ai >= 2 and toks[ai - 2].text == ","
    if word.endswith("ing") and not comma_quote and (
            prev is None or prev.text in {"“", '"'} or (ai >= 1 and toks[ai - 1].text[:1].isupper() and ai == 1)):
        return None  # "Citing ..., Trump said": the subject comes later; that cue has it
    coordinated = prev is not None and prev.low in ("and", "but") and ai >= 2 and not word.endswith("ing") and \
        not toks[ai - 2].text[:1].isupper() and toks[ai - 2].low not in PRONOUNS
    if coordinated or (word.endswith("ing") and (prev is None or prev.text == "," or comma_quote or
                                                 prev.low in ("and", "as"))):
        if prev is not None and prev.low == "as" and ai >= 2:
            # "quoted Kakar as saying"
            quoted = quoted_as(toks, ai - 1)
            p, addr, outlet = skip_right(art, b, se, lemma)
            content = content_after(art, p, se, lemma)
            if not content or quoted is None:
                return None
            qsrc, qi = quoted
            medium = np_before(toks, qi)  # "Dawn quoted Kakar as saying": Dawn is the outlet
            if medium is not None:
                outlet = outlet_name(text[toks[medium[0]].start:toks[medium[1]].end])
            return RawClaim(cue, lemma, stance, strength, qsrc, content, (ss, se), outlet=outlet)
        src = None
        for r in reversed(local):
            if r.source is not None:
                src = r.source
                break
        if src is None:
            rng = np_forward_subject(toks)
            if rng:
                src = (toks[rng[0]].start, toks[rng[1]].end)
        p, addr, outlet = skip_right(art, b, se, lemma)
        content = content_after(art, p, se, lemma)
        if not content or src is None:
            return None
        return RawClaim(cue, lemma, stance, strength, src, content, (ss, se), addressee=addr, outlet=outlet,
                    source_copied=True)
    # 2. Inverted: '“...,” said Kakar.' / 'Terror activity increased, says Pakistan' (but not
    # 'Erin Murphy, a former aide, said ...', where the comma closes an appositive).
    appos = appositive_before(toks, ai - 1) if prev is not None and prev.text == "," else None
    if appos is not None and not clause_start_before(toks, appos[0]):
        appos = None
    if appos is None and prev is not None and (prev.text in {",", "”", '"', "’", "—", ":"} or prev.text in CLOSE_Q) and \
            lemma in ("say", "add", "tell", "write", "claim", "insist", "warn", "argue", "note", "explain",
                      "continue", "declare", "reply", "respond", "retort", "ask", "remark", "state",
                      "tweet", "report", "assert", "quip", "stress", "confirm", "deny", "predict",
                      "complain", "boast", "conclude", "observe", "acknowledge", "admit", "concede",
                      "recall", "suggest", "announce", "caution", "testify", "contend", "maintain",
                      "emphasize", "point out", "reiterate", "lament"):
        rng = np_after(toks, kj + 1)
        if rng is not None:
            src = (toks[rng[0]].start, toks[rng[1]].end)
            content = content_before(art, toks, ai, ss, se)
            if content:
                tail = toks[rng[1]].end
                content = content + split_tail(art, tail, se)
                return RawClaim(cue, lemma, stance, strength, src, content, (ss, se))
    # 3. Source before the cue.
    rng = np_before(toks, getattr(ai, "skip_from", ai))
    if rng is None:
        # "..., he said" handled above; a bare cue with no source ("Said Kakar" at sentence start).
        if ai == 0 or (prev is not None and prev.text in {",", "”", '"'}):
            nrng = np_after(toks, kj + 1)
            if nrng is not None and ai == 0:
                src = (toks[nrng[0]].start, toks[nrng[1]].end)
                content = content_before(art, toks, ai, ss, se)
                if content:
                    return RawClaim(cue, lemma, stance, strength, src, content, (ss, se))
        return None
    i, j = rng
    if toks[i].low in ("no", "nobody", "none", "neither", "nothing"):
        return None  # "No group claimed responsibility": nobody said anything
    src = (toks[i].start, toks[j].end)
    if word.endswith("ing") and i > 0 and toks[i - 1].low in PREP and toks[i - 1].low != "of":
        # "Trump was on stage telling the crowd": a prepositional object is not the speaker.
        subject = np_forward_subject(toks)
        if subject is None or subject[1] >= i - 1:
            return None
        src = (toks[subject[0]].start, toks[subject[1]].end)
    if text[src[1] - 1] == ",":
        src = (src[0], src[1] - 1)
    p, addr, outlet = skip_right(art, b, se, lemma)
    if i > 0 and toks[i - 1].low == "as" and clause_start_before(toks, i - 1):
        raw = _as_frame(art, toks, i, p, cue, lemma, stance, strength, src, ss, se)
        if raw is not None:
            return raw
    if lemma == "put it":
        return None
    right_content = content_after(art, p, se, lemma)
    pre = toks[i - 1] if i > 0 else None
    before_q = art.quote_ending_at(toks[i].start)
    if before_q is not None and right_content and text[right_content[0][0]] not in "“\"'`‘" and \
            len(text[before_q.start:before_q.end].split()) <= 4 and len(text[slice(*right_content[0])].split()) >= 4 \
            and re.search(r"(?:\b(?:on|in|of|at|from|the|to)|['’]s)\s*$", text[max(ss, before_q.start - 20):before_q.start]):
        before_q = None  # 'On "Hannity," Gingrich said if ...': a title; the clause after the cue is the content
    if before_q is not None and ((pre is None and not right_content) or
                                 (pre is not None and (pre.text in {",", "”", '"', "’", "—"} or pre.text in CLOSE_Q))):
        # '“The attackers,” he said, “came at dawn.”' / '“A.” Kakar said.'
        content = quote_content(art, before_q) + split_tail(art, b, se, skip_from=p)
        return RawClaim(cue, lemma, stance, strength, src, content, (ss, se), addressee=addr, outlet=outlet)
    intro = right_content is not None and _INTRO.match(text, content_start_of_sentence(art, ss, se), toks[i].start)
    if pre is not None and pre.text in {",", "—", "–", ";", ":"} and (not right_content or only_tail(art, p, se)) and \
            not intro:
        content = content_before(art, toks, i, ss, se)
        if content:
            # "The average benefit, he says, would be $300": the clause goes on after the cue.
            m = re.match(r"\s*,\s*", text[p:se])
            if m and pre.text == "," and not SEPARATOR.match(text, p) and art.quote_starting_at(p + m.end(), 1) is None:
                rest = strip_span(text, p + m.end(), se)
                if rest[1] - rest[0] > 3 and len(content) == 1 and not _SUBORDINATE.match(text, rest[0]):
                    content = content + [rest]
            return RawClaim(cue, lemma, stance, strength, src, content, (ss, se), addressee=addr, outlet=outlet)
    if i == 0 and not right_content:
        # "Kakar said." after a quoted sentence in the same paragraph.
        ps, _ = art.para_of(ss)
        q = art.quote_ending_at(ss) if ss > ps else None
        if q is not None and q.end > ps:
            return RawClaim(cue, lemma, stance, strength, src, quote_content(art, q), (ss, se), addressee=addr,
                        outlet=outlet)
    if right_content:
        content = right_content
        q = art.by_start.get(content[0][0])
        if q is not None and len(content) >= 1 and content[-1][1] == q.end:
            content = content + continuation(art, q.end, (ss, se))
        return RawClaim(cue, lemma, stance, strength, src, content, (ss, se), addressee=addr, outlet=outlet)
    return None


def _as_frame(art: Article, toks: list[Tok], i: int, p: int, cue: Span, lemma: str, stance: str, strength: int,
              src: Span, ss: int, se: int) -> RawClaim | None:
    """'As the Daily Star reported, the mayor ...', '..., as the governor put it.', 'The bill, as one
    senator put it, is "a blank check."': the source sits between "as" and the cue; the content is
    the clause after the aside, before it, or both."""
    text = art.text
    as_tok = i - 1
    m = re.match(r"\s*,\s*", text[p:se])
    if as_tok > 0 and (toks[as_tok - 1].text in {",", "—", "–"} or toks[as_tok - 1].text in CLOSE_Q):
        content = content_before(art, toks, as_tok, ss, se) or []
        if m and content and len(content) == 1 and not SEPARATOR.match(text, p) and \
                art.quote_starting_at(p + m.end(), 1) is None:
            rest = strip_span(text, p + m.end(), se)
            if rest[1] - rest[0] > 3:
                content = content + [rest]
    elif m:
        content = content_after(art, p + m.end(), se, lemma) or []
    else:
        content = []
    return RawClaim(cue, lemma, stance, strength, src, content, (ss, se)) if content else None


def _according_to(art: Article, toks: list[Tok], ki: int, kj: int, ss: int, se: int) -> RawClaim | None:
    text = art.text
    cue = (toks[ki].start, toks[kj].end)
    # Source: the noun phrase after "according to", up to a comma, a quote or the sentence end.
    j = kj + 1
    if j >= len(toks):
        return None
    x = j
    while x + 1 < len(toks) and toks[x + 1].text not in {",", ".", ";", "“", '"', "”", ":", "—", "?", "!"} and x - j < 25:
        x += 1
    if toks[j].text in {",", ".", "“", '"'}:
        return None
    # "according to the ISPR, the military's media wing." - an appositive to the end of the sentence.
    if x + 2 < len(toks) and toks[x + 1].text == "," and toks[x + 2].low in ("the", "a", "an", "its", "which", "who"):
        y = x + 2
        while y + 1 < len(toks) and (np_ok(toks[y + 1], toks[y + 2] if y + 2 < len(toks) else None)
                                     or toks[y + 1].low in PREP):
            y += 1
        if y + 1 >= len(toks) or toks[y + 1].text in {".", "!", "?"}:
            x = y
    src = (toks[j].start, toks[x].end)
    after_src = toks[x + 1] if x + 1 < len(toks) else None
    lead = text[content_start_of_sentence(art, ss, se):cue[0]].strip()
    if not lead or lead in {"But", "And", "Yet", "So", "(", "—"}:
        # "According to the report, the U.S. military removed ..."
        if after_src is None or after_src.text != ",":
            return None
        p = after_src.end
        content = content_after(art, p, se, "according to")
        if not content:
            return None
        return RawClaim(cue, "according to", ASSERTS, 2, src, content, (ss, se))
    # "Nine soldiers were killed, according to the ISPR."
    start = content_start_of_sentence(art, ss, se)
    a, e = strip_span(text, start, cue[0])
    spans = [(a, e)] if e - a >= 3 else []
    if after_src is not None and after_src.text == "," and x + 2 < len(toks):
        rest = strip_span(text, after_src.end, se)
        if rest[1] - rest[0] > 3:
            spans.append(rest)
    if not spans:
        return None
    q = art.quote_ending_at(cue[0])
    if q is not None and len(spans) == 1:
        spans = quote_content(art, q)
    return RawClaim(cue, "according to", ASSERTS, 2, src, spans, (ss, se))
