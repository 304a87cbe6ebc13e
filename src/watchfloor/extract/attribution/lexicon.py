"""The cue lexicon: reporting words, their stance and strength, and finding them in a sentence.

Each lemma lists its forms, the stance its speech act carries (asserts, denies, warns, demands,
predicts) and a strength: 2 speech verb, 1 other attribution verb, 0 weak (needs a clause
after it). ``find_cues`` is a dictionary lookup per word (multi-word forms first), not a regex.
``NOUNISH``, ``ADJISH_ED`` and ``DETERMINERS`` help tell a cue verb from a noun or adjective.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ASSERTS, DENIES, WARNS, DEMANDS, PREDICTS = "asserts", "denies", "warns", "demands", "predicts"


def _forms(base: str, s: str | None = None, ed: str | None = None, ing: str | None = None) -> list[str]:
    s = s or (base + "es" if base.endswith(("s", "sh", "ch", "x", "z")) else base[:-1] + "ies"
              if base.endswith("y") and base[-2] not in "aeiou" else base + "s")
    if ed is None:
        ed = base + "d" if base.endswith("e") else (base[:-1] + "ied" if base.endswith("y") and base[-2] not in "aeiou"
                                                    else base + "ed")
    if ing is None:
        ing = base[:-1] + "ing" if base.endswith("e") and not base.endswith("ee") else base + "ing"
    return [base, s, *ed.split("|"), ing]


# lemma -> (forms, stance, strength); strength 2 = speech verb, 1 = other attribution verb,
# 0 = weak (needs a clause after it).
_LEX: dict[str, tuple[list[str], str, int]] = {
    "say": (["say", "says", "said", "saying"], ASSERTS, 2),
    "tell": (["tell", "tells", "told", "telling"], ASSERTS, 2),
    "add": (_forms("add"), ASSERTS, 2),
    "state": (["stated", "states", "stating"], ASSERTS, 2),
    "claim": (_forms("claim"), ASSERTS, 2),
    "write": (["write", "writes", "wrote", "writing", "written"], ASSERTS, 2),
    "tweet": (_forms("tweet"), ASSERTS, 2),
    "post": (["posted"], ASSERTS, 1),
    "warn": (_forms("warn"), WARNS, 2),
    "caution": (_forms("caution"), WARNS, 2),
    "threaten": (_forms("threaten"), WARNS, 1),
    "deny": (_forms("deny"), DENIES, 2),
    "reject": (_forms("reject"), DENIES, 2),
    "dismiss": (_forms("dismiss"), DENIES, 2),
    "refute": (_forms("refute"), DENIES, 2),
    "rebut": (["rebut", "rebuts", "rebutted", "rebutting"], DENIES, 2),
    "dispute": (["disputed", "disputes", "disputing"], DENIES, 1),
    "insist": (_forms("insist"), ASSERTS, 2),
    "argue": (_forms("argue"), ASSERTS, 2),
    "estimate": (_forms("estimate"), ASSERTS, 1),
    "announce": (_forms("announce"), ASSERTS, 2),
    "confirm": (_forms("confirm"), ASSERTS, 2),
    "accuse": (_forms("accuse"), ASSERTS, 2),
    "allege": (_forms("allege"), ASSERTS, 2),
    "blame": (_forms("blame"), ASSERTS, 2),
    "vow": (_forms("vow"), ASSERTS, 2),
    "pledge": (["pledged", "pledges", "pledging"], ASSERTS, 1),
    "promise": (["promised", "promises", "promising"], ASSERTS, 1),
    "urge": (_forms("urge"), DEMANDS, 2),
    "demand": (_forms("demand"), DEMANDS, 2),
    "call for": (["call for", "calls for", "called for", "calling for"], DEMANDS, 2),
    "call on": (["call on", "calls on", "called on", "calling on", "call upon", "calls upon", "called upon",
                 "calling upon"], DEMANDS, 2),
    "appeal": (["appealed to", "appeals to", "appealing to"], DEMANDS, 1),
    "ask": (_forms("ask"), ASSERTS, 1),
    "predict": (_forms("predict"), PREDICTS, 2),
    "forecast": (["forecast", "forecasts", "forecasted", "forecasting"], PREDICTS, 1),
    "expect": (_forms("expect"), PREDICTS, 0),
    "note": (_forms("note"), ASSERTS, 2),
    "report": (_forms("report"), ASSERTS, 1),
    "explain": (_forms("explain"), ASSERTS, 2),
    "acknowledge": (_forms("acknowledge"), ASSERTS, 2),
    "admit": (["admit", "admits", "admitted", "admitting"], ASSERTS, 2),
    "concede": (_forms("concede"), ASSERTS, 2),
    "assert": (_forms("assert"), ASSERTS, 2),
    "declare": (_forms("declare"), ASSERTS, 2),
    "maintain": (_forms("maintain"), ASSERTS, 1),
    "contend": (_forms("contend"), ASSERTS, 2),
    "suggest": (_forms("suggest"), ASSERTS, 1),
    "believe": (_forms("believe"), ASSERTS, 0),
    "think": (["think", "thinks", "thought"], ASSERTS, 0),
    "stress": (_forms("stress"), ASSERTS, 2),
    "emphasize": (_forms("emphasize") + _forms("emphasise"), ASSERTS, 2),
    "point out": (["point out", "points out", "pointed out", "pointing out"], ASSERTS, 2),
    "recall": (_forms("recall"), ASSERTS, 1),
    "reveal": (_forms("reveal"), ASSERTS, 1),
    "disclose": (_forms("disclose"), ASSERTS, 1),
    "indicate": (_forms("indicate"), ASSERTS, 1),
    "reply": (_forms("reply"), ASSERTS, 2),
    "respond": (_forms("respond"), ASSERTS, 1),
    "retort": (_forms("retort"), ASSERTS, 2),
    "continue": (["continued", "continues"], ASSERTS, 1),
    "conclude": (_forms("conclude"), ASSERTS, 1),
    "observe": (_forms("observe"), ASSERTS, 1),
    "remark": (_forms("remark"), ASSERTS, 2),
    "complain": (_forms("complain"), ASSERTS, 2),
    "charge": (["charged"], ASSERTS, 1),
    "testify": (_forms("testify"), ASSERTS, 2),
    "agree": (["agreed", "agrees"], ASSERTS, 1),
    "reiterate": (_forms("reiterate"), ASSERTS, 2),
    "repeat": (["repeated"], ASSERTS, 1),
    "mention": (_forms("mention"), ASSERTS, 1),
    "assure": (_forms("assure"), ASSERTS, 1),
    "boast": (_forms("boast"), ASSERTS, 2),
    "lament": (_forms("lament"), ASSERTS, 2),
    "quip": (["quipped", "quips"], ASSERTS, 2),
    "describe": (_forms("describe"), ASSERTS, 1),
    "criticize": (_forms("criticize") + _forms("criticise"), ASSERTS, 1),
    "condemn": (_forms("condemn"), ASSERTS, 1),
    "cite": (["cited", "cites", "citing"], ASSERTS, 1),
    "denounce": (_forms("denounce"), ASSERTS, 1),
    "decry": (["decried", "decries", "decrying"], ASSERTS, 1),
    "slam": (["slammed", "slams", "slamming"], ASSERTS, 1),
    "blast": (["blasted", "blasts", "blasting"], ASSERTS, 1),
    "lambaste": (["lambasted", "lambastes", "lambasting"], ASSERTS, 1),
    "praise": (["praised", "praises", "praising"], ASSERTS, 1),
    "mock": (["mocked", "mocks", "mocking"], ASSERTS, 1),
    "echo": (["echoed", "echoes", "echoing"], ASSERTS, 1),
    "question": (["questioned", "questions", "questioning"], ASSERTS, 1),
    "hope": (["hopes", "hoped"], ASSERTS, 0),
    "fear": (["fear", "fears", "feared"], WARNS, 0),
    "worry": (["worry", "worries", "worried"], WARNS, 0),
    "show": (["show", "shows", "showed", "shown"], ASSERTS, 0),
    "find": (["found", "finds", "find"], ASSERTS, 0),
    "learn": (["learned", "learnt"], ASSERTS, 0),
    # Beliefs (need a clause) and wishes (need "to" + verb); see cues.gate. Measured on PolNeAR
    # train, "knew", "wanted", "felt", "planned" and "intended" are cues less than half the time.
    "know": (["know", "knows"], ASSERTS, 0),
    "doubt": (["doubt", "doubts", "doubted"], DENIES, 0),
    "suspect": (["suspect", "suspects", "suspected"], ASSERTS, 0),
    "realize": (_forms("realize") + _forms("realise"), ASSERTS, 0),
    "recognize": (_forms("recognize") + _forms("recognise"), ASSERTS, 0),
    "want": (["want", "wants"], DEMANDS, 0),
    "seek": (["seek", "seeks", "sought"], DEMANDS, 0),
    "call": (["called", "calls", "calling"], ASSERTS, 1),
    "according to": (["according to"], ASSERTS, 2),
    "put it": (["put it", "puts it"], ASSERTS, 2),  # only in "as X put it" (see cues.gate)
}
# What kind of attribution a rule cue is (every other lemma: "report"); see ``parsed.py``.
CUE_CLASS = {**{v: "belief" for v in ("believe", "think", "know", "doubt", "suspect", "realize", "recognize",
                                      "hope", "fear", "worry", "expect")},
             **{v: "intent" for v in ("want", "seek")},
             **{v: "evidence" for v in ("show", "find", "learn")}}
FORM: dict[str, tuple[str, str, int]] = {}
for _lemma, (_fs, _st, _str) in _LEX.items():
    for _f in _fs:
        FORM.setdefault(_f, (_lemma, _st, _str))
# First word -> the forms that start with it, longest first ("called for" before "called").
_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _f in sorted(FORM, key=lambda f: -len(f.split())):
    _FIRST.setdefault(_f.split()[0], []).append(tuple(_f.split()))
_WORDS = re.compile(r"[A-Za-z]+(?:[-’'][A-Za-z]+)*")


@dataclass
class _CueMatch:
    start: int
    end: int
    form: str


def find_cues(text: str, ss: int, se: int) -> list[_CueMatch]:
    """Cue words in text[ss:se]: a dictionary lookup per word, not one big regex."""
    words = [(m.start(), m.end(), m.group(0).lower()) for m in _WORDS.finditer(text, ss, se)]
    out: list[_CueMatch] = []
    for i, (a, b, w) in enumerate(words):
        forms = _FIRST.get(w)
        if not forms:
            continue
        for form in forms:
            n = len(form)
            if n == 1:
                out.append(_CueMatch(a, b, w))
                break
            if i + n <= len(words) and all(words[i + x][2] == form[x] for x in range(1, n)) and \
                    all(text[words[i + x - 1][1]:words[i + x][0]].isspace() for x in range(1, n)):
                out.append(_CueMatch(a, words[i + n - 1][1], " ".join(form)))
                break
    return out


# Forms that are just as often nouns or adjectives.
NOUNISH = {"suspect", "suspects", "doubt", "doubts", "claim", "claims", "report", "reports", "estimate", "estimates", "promises", "pledges", "demand",
            "demands", "post", "note", "notes", "tweet", "tweets", "remark", "remarks", "charges", "fear", "fears",
            "hopes", "worry", "worries", "show", "shows", "find", "finds", "call", "calls", "states", "reply",
            "replies", "vow", "vows", "respond", "recall", "recalls", "stress", "dispute", "disputes",
            "forecast", "forecasts", "quips", "retort", "warning", "warnings", "finding", "testimony",
            "denial", "rejection", "concern", "continues", "observe", "lament", "boast",
            "reveals", "indicates", "suggests", "mention", "contends", "questions", "cites", "echoes", "slams",
            "blasts", "mocks", "praises"}
ADJISH_ED = {"alleged", "reported", "estimated", "expected", "noted", "confirmed", "accused", "denied",
              "disputed", "stated", "declared", "announced", "forecast", "feared", "suggested", "called",
              "written", "posted", "promised", "pledged", "shown", "found", "thought", "believed", "charged",
              "indicated", "revealed", "repeated", "learned", "assured", "continued", "worried", "agreed"}
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those", "this",
                "such", "any", "no", "some", "every", "each", "of", "false", "baseless", "new", "latest", "recent",
                "unverified", "media", "news", "official", "earlier", "initial", "first", "previous", "same",
                "many", "several", "similar", "other", "two", "three", "wild", "unfounded", "public", "frequent",
                "repeated", "widespread", "tall", "fresh", "further", "major", "key", "main", "strong", "police",
                "investigation", "intelligence", "army", "pentagon", "government", "military", "un", "rights",
                "human", "annual", "detailed", "confidential", "classified", "separate", "first-hand", "credible",
                "to", "in", "on", "for", "with", "by", "from", "at", "about", "without", "after", "before",
                "into", "under", "per", "against", "over", "said", "and", "or", "'s", "that", "which", "amid", "amidst",
                "despite", "among"}
