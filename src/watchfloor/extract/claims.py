"""Attributed claims: who said what, and whether they assert, deny, warn about, demand or
predict it.

``find_claims(text, sentences, published)`` reads one article and returns one
:class:`~watchfloor.models.Claim` per attribution cue. It uses rules only, no statistical
model: a dictionary lookup of cue words picks the candidate sentences, quote marks are paired
once per article, and each cue's frame (speaker before or after it, content before or after
it, quotes split around it) is read from the words around it. About 10 ms for a 700-word
article on one core of the development machine (sentences given; splitting them takes 1.3 ms).

Code layout: this module is the orchestrator; the rules live in ``extract/attribution/``:
``lexicon`` (cue words, their stance and strength), ``cues`` (is this word a reporting cue
here, and its auxiliaries), ``tokens`` and ``article`` (tokens, per-article state),
``quotes`` (quote marks, split and continued quotes), ``sources`` (source noun phrases),
``content`` (what was said), ``frames`` (one cue's frame: speaker, content and their order),
``stance`` (kind, stance, channel, date, confidence), ``entities`` and ``speakers`` (what a
source mention refers to), and three frames without a verb cue: ``speakerless`` ("is expected
to", "reportedly"), ``nouns`` ("his claim that") and ``labels`` ("Sanders: ...").

Why the parser reads only the cues the rules lack: a variant that sent every candidate sentence through
``watchfloor.nlp.model()`` (one ``nlp.pipe`` per article, NER and lemmatizer disabled) and read
speaker = nsubj subtree, content = ccomp/xcomp/dobj subtree or the head clause of a
parataxis cue scored lower on PolNeAR dev (source exact F1 58.6 vs 60.8, content overlap F1
51.3 vs 60.5, the rules of that time; they now score 61.9 and 62.3) and took about 87 ms per
700-word article, 10x the rules. So the rules read speech cues, and ``attribution/parsed.py``
reads beliefs, intentions, endorsements, evidence and impressions from the parse of the few
sentences that hold such a verb (``parse=True``; source exact F1 on PolNeAR dev 0.619 -> 0.655).

What counts as a claim
    A reporting cue (said, told, added, wrote, claimed, argued, insisted, denied, rejected,
    dismissed, warned, urged, demanded, called for, predicted, estimated, announced, confirmed,
    accused, alleged, blamed, vowed, noted, reported, according to, ...; also condemned,
    denounced, cited, praised, questioned, "called X Y"; beliefs think/believe/know/doubt/
    suspect/realize/recognize/expect/fear/show/found only with a clause after them: "police
    believe the attackers ...", "data show that ..."; wishes want/seek/hope only with "to" and a
    verb: "the rebels want to hold talks") with its source and content in the same sentence, or
    a direct quote the cue frames; "as X reported, ..." and "..., as X put it" too. Also cues
    that are not verbs: a reporting noun with a "that" clause ("his claim that ...", "Kabul's
    insistence that ...", "amid fears that ..."; its possessor is the speaker, if any; a noun
    between a verb cue and its content, "said in a statement that", is the channel), and a
    paragraph opened by a speaker label ("Sanders: Brexit vote could ...", 'Rep. X: "..."').
    Speakerless attributions have ``speaker`` None: "it was reported that ...", raising
    passives ("The convoy is expected to reach Quetta", "are believed to have crossed"; the
    content is the subject plus the rest of the clause) and "X reportedly resigned". Negated
    cues ("did not say", "declined to confirm"), subjects like "No group claimed ..." and
    passives with an object ("was denied entry") are not claims. Cue words inside a direct
    quote are the quoted person's words, not the reporter's attributions, and are skipped.
    Endorsements, evidence and impressions ("endorsed", "supports", "a poll showed X ahead",
    "seemed"), which attribution corpora such as PolNeAR also annotate, come from the parser
    pass (``attribution/parsed.py``) with their ``cue_class``; "knew", "wanted", "felt" without
    a clause are not claims (on PolNeAR train they are attribution cues less than half the time). A
    participle or a second verb takes the speaker of its clause (", adding that ...", "... and
    urged ...").

Spans (character offsets into ``text``, end exclusive)
    ``cue`` covers the verb with its auxiliaries and adverbs ("has argued", "also said") and
    a colon that follows it. ``speaker`` is the whole source noun phrase as written, with its
    appositive or relative clause ("The caretaker prime minister of Pakistan, Anwaar-ul-Haq
    Kakar"; "he"; "who" in "Kakar, who ..., said"); ``speaker.entity`` is what it refers to
    (see ``attribution/speakers.py``). ``content.spans`` covers what was said: a complement clause
    including its "that", the object of denied/urged/accused/blamed, a direct quote including
    its quote marks (a quote split around the cue or continued in the next quoted sentences of
    the paragraph gives several spans; a quote left open at a paragraph end continues into the
    next paragraph when that one opens with a quote mark), the clause before ", the ISPR said",
    or the clause that "according to X" frames. A comma aside after the speaker (", however,",
    ", in contrast,") or a time phrase before the cue is in neither. A final full stop outside quote marks is not
    part of the content. Unbalanced quote marks never extend a quote past its paragraph; a
    claim whose quote is not closed falls back to its sentence, and content is capped at
    ``MAX_CONTENT`` characters.

kind
    ``direct``: the content is quoted speech only; ``mixed``: paraphrase with an embedded quote
    (scare quotes included); ``indirect``: paraphrase.

stance (the convention)
    Stance is the speech act of the cue, not the polarity of the content:
    ``denies`` for deny/reject/dismiss/refute/rebut/dispute/doubt ("rejected the allegation that",
    "deny charges that"), and for an ordinary cue whose content calls an allegation false
    ("said the reports were baseless"); ``warns`` for warn/caution/threaten; ``demands`` for
    urge/demand/call for/call on/appeal/"asked X to"; ``predicts`` for predict/forecast/expect
    and for content about the future ("will", "would", "is likely to", "expects", "is set to")
    under an otherwise asserting cue; everything else ``asserts`` (vowed/pledged/promised
    included: a commitment, unless its content has "will"/"would"). A negative proposition under
    an ordinary cue stays ``asserts``: "said no weapon had left the country" asserts that no
    weapon left; only the speaker's rejection of someone else's claim is a denial.
    Wishes (want/seek) are ``demands``; noun cues take the stance of their verb (warning, fear,
    concern -> ``warns``; demand, call -> ``demands``; prediction, expectation -> ``predicts``);
    "is expected/projected to" -> ``predicts``.

channel, date, confidence
    ``channel`` is how it was said, read from the cue's clause outside the content: "state
    television", "a post on X", "a statement", "a press conference", "a news conference",
    "a report", "an interview", "social media", "remarks to reporters", "a speech", "a video",
    "a letter", ... or None; a speaker with one channel in the article lends it to their
    claims that name none (the lede's "Kakar has argued" and the later "said in an interview"). ``date`` is when it was said: a date expression in the cue's clause
    (outside the content) resolved against ``published`` with ``dates.find_dates`` ("in comments
    aired Friday" -> that Friday; "last July" -> the first of that month), else None.
    ``confidence`` is higher for speech verbs, named speakers and quotes, lower for weak cues
    (think, believe, show) and unresolved speakers. ``about`` is left empty for the pipeline.
"""

from __future__ import annotations

import re

from ..models import Claim
from .attribution.article import Article, RawClaim
from .attribution.content import cap_content
from .attribution.frames import analyze_sentence
from .attribution.lexicon import CUE_CLASS, DENIES
from .attribution.parsed import parsed_claims
from .attribution.quotes import find_quotes
from .attribution.sources import trim_source
from .budget import Budget
from .attribution.speakers import SpeakerResolver
from .attribution.stance import (
    ALLEGATION_HEAD, MAYBE_DATE, claim_channel, claim_confidence, claim_date, claim_kind, claim_stance,
    cue_frame_text,
)
from .attribution.tokens import MAX_CONTENT, Span
from .dates import DateMention, find_dates

__all__ = ["MAX_CONTENT", "find_claims", "find_quotes"]


def find_claims(text: str, sentences: list[tuple[int, int]], published: str | None,
                known_dates: list[DateMention] | None = None, parse: bool = True,
                budget: Budget | None = None) -> list[Claim]:
    """Attributed claims in ``text`` (see the module docstring for the conventions).

    ``known_dates``: the article's date mentions when the caller already found them.
    ``parse``: also read beliefs, endorsements, evidence and impressions with the spaCy parser
    (``attribution/parsed.py``); False keeps to the rules (faster, speech cues only).

    ``budget``: reading stops at the first sentence after its time is spent.

    ``sentences`` are the article's sentence spans (``watchfloor.nlp.sentences(text)``);
    ``published`` is an ISO date or None. Claims come in text order of their cue.
    """
    if not text or not sentences:
        return []
    art = Article(text, sentences, published)
    raws: list[RawClaim] = []
    for ss, se in art.sentences:
        if budget is not None and budget.spent(ss):
            break
        if se - ss > 5000:  # a run-on "sentence" (no punctuation): read only its start
            se = ss + 5000
        analyze_sentence(art, ss, se, raws)
    if parse:
        raws.extend(parsed_claims(art, raws))
    if not raws:
        return []
    # One claim per cue; drop claims whose content is another claim's speaker or cue.
    seen: set[Span] = set()
    uniq: list[RawClaim] = []
    for r in sorted(raws, key=lambda r: r.cue):
        if r.cue in seen:
            continue
        seen.add(r.cue)
        r.content = cap_content(text, r)
        if not r.content:
            continue
        uniq.append(r)
    claim_sentences = sorted({r.sentence for r in uniq})
    if known_dates is not None:  # the pipeline found them once for the whole article
        dates = [d for d in known_dates if any(ss <= d.start < se for ss, se in claim_sentences)]
    else:
        dates = []
        for ss, se in claim_sentences:
            if MAYBE_DATE.search(text, ss, se):
                dates.extend(find_dates(text[ss:se], published, offset=ss))
    resolver = SpeakerResolver(text)
    claims: list[Claim] = []
    for r in uniq:
        content_text = " ".join(text[a:b] for a, b in r.content)
        kind = claim_kind(art, r.content)
        r.extra["kind"] = kind
        # Content: "rejected the allegation that X" -> "that X".
        if r.stance == DENIES and len(r.content) == 1:
            a, b = r.content[0]
            m = ALLEGATION_HEAD.match(text, a, b)
            if m and m.end() < b:
                r.content = [(m.end(), b)]
                content_text = text[m.end():b]
        frame = cue_frame_text(art, r)
        speaker = None
        if r.source is not None:
            s0, s1 = trim_source(text, *r.source)
            anon = bool(re.search(r"condition of anonymity|asked not to be (?:named|identified)|"
                                  r"not authori[sz]ed to", frame, re.I))
            ent = resolver.resolve(text[s0:s1], s0, s1, r.sentence, outlet=r.outlet, anonymous_hint=anon)
            # The entity object is filled in by later mentions; it becomes a dict at the end.
            speaker = {"text": text[s0:s1], "start": s0, "end": s1, "entity": ent}
        channel = claim_channel(art, r, frame)
        if channel is None and speaker and speaker["entity"].type == "document" and re.search(
                r"\breport", speaker["text"], re.I):
            channel = "a report"
        if speaker is not None:
            resolver.note_channel_document(speaker, channel)
        stance = claim_stance(art, r, content_text)
        claims.append(Claim(
            speaker=speaker,
            cue={"text": text[r.cue[0]:r.cue[1]], "start": r.cue[0], "end": r.cue[1]},
            content={"text": content_text, "spans": [[a, b] for a, b in r.content]},
            kind=kind,
            stance=stance,
            channel=channel,
            date=claim_date(art, r, dates),
            about=[],
            confidence=claim_confidence(r, speaker, kind, content_text),
            cue_class=r.extra.get("cue_class") or CUE_CLASS.get(r.lemma, "report"),
        ))
    for c, r in zip(claims, uniq):
        if c.speaker is not None:
            d = c.speaker["entity"].to_dict()
            d["outlet"] = r.outlet or (d["outlet"] if d["type"] in ("institution", "document") else None)
            c.speaker["entity"] = d
    _share_channels(claims)
    return claims


def _share_channels(claims: list[Claim]) -> None:
    """A speaker who spoke through one channel in the article (the interview the story is
    about) said their other claims there too: "Kakar has argued ..." in the lede, "... Kakar said
    in an interview broadcast on state television" later. Two different channels: none is shared."""
    def name(c: Claim) -> str | None:  # the speaker's entity name, for rule cues of saying
        return c.speaker["entity"].get("name") if c.speaker is not None and c.cue_class == "report" else None

    channels: dict[str, set[str]] = {}
    for c in claims:
        if c.channel and name(c):
            channels.setdefault(name(c), set()).add(c.channel)
    for c in claims:
        known = channels.get(name(c) or "", set()) if not c.channel else set()
        if len(known) == 1:
            c.channel = next(iter(known))
