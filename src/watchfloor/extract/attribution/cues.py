"""Is a lexicon word a reporting cue here, and which tokens belong to the cue?

``gate`` rejects nouns ("the claims"), passives with an unnamed agent ("was denied entry"),
imperatives, weak cues without a clause and other look-alikes. ``NEGATION`` and ``IMPERSONAL``
("it was reported that") are read by the frame. ``aux_start`` extends the cue back over its
auxiliaries and adverbs ("has also said") and skips a time phrase before it ("on Friday").
"""

from __future__ import annotations

import re

from .article import Article
from .lexicon import ADJISH_ED, DETERMINERS, NOUNISH
from .sources import REDUCED
from .tokens import PRONOUNS, RELATIVES, Tok

_PASSIVE_AUX = {"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "'s", "’s"}
NEGATION = re.compile(r"(?:\b(?:not|never|no\s+longer|neither|nor)|n[’']t|\b(?:declined|refused|failed|"
                       r"unwilling|unable|reluctant)\s+to|\bwithout)\s+(?:\w+\s+){0,2}$", re.I)
IMPERSONAL = re.compile(r"\b(?:it|this)\s+(?:was|is|has\s+been|had\s+been|is\s+being|was\s+being)\s+$", re.I)
# Auxiliaries and adverbs that go with the cue ("has also said").
_AUX = {"has", "have", "had", "is", "was", "were", "are", "also", "later", "earlier", "previously", "again",
        "repeatedly", "reportedly", "publicly", "privately", "flatly", "strongly", "categorically", "firmly",
        "then", "further", "once", "often", "recently", "separately", "subsequently", "would", "will",
        "could", "may", "might", "did", "does", "do", "already", "even", "still", "long", "just", "initially",
        "first", "openly", "explicitly", "directly", "bluntly", "angrily", "simply", "clearly", "specifically",
        "confidently", "widely", "officially", "formally", "consistently", "frequently", "routinely", "has",
        "'s", "’s", "been", "vehemently", "quickly", "immediately", "swiftly", "emphatically", "personally",
        "last", "now", "since", "allegedly", "purportedly", "apparently", "cautiously", "tweeted", "had",
        "forcefully", "loudly", "correctly", "wrongly", "falsely", "rightly", "accurately", "plainly",
        "reiterated", "unequivocally", "boldly", "pointedly", "sharply", "later", "too", "in turn", "herself",
        "himself", "themselves", "itself", "they", "had", "not"}
_AUX.discard("not")
_AUX.discard("they")
_AUX.discard("tweeted")
_AUX.discard("reiterated")
_NOT_ADVERB = {"only", "family", "ally", "italy", "july", "rally", "assembly", "supply", "early", "daily",
               "weekly", "monthly", "fly", "reply", "apply", "anomaly", "bully", "belly", "lily", "holly",
               "molly", "kelly", "sully", "tally", "folly", "jelly", "billy", "emily", "willy", "polly"}


def gate(art: Article, toks: list[Tok], k: int, form: str, lemma: str, strength: int) -> bool:
    """Is the cue word at token ``k`` really a reporting verb here?"""
    low = form.lower()
    prev = toks[k - 1] if k > 0 else None
    prev2 = toks[k - 2] if k > 1 else None
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    plow = prev.low if prev else ""
    word = low.split()[0]
    after = k + len(low.split())  # the token after the whole form ("calls for" -> after "for")
    nxt_form = toks[after] if after < len(toks) else None
    if lemma == "according to":
        return True
    if lemma == "put it":
        return any(t.low == "as" for t in toks[max(0, k - 8):k])
    if toks[k].text.isupper() and len(toks[k].text) > 1:
        return False  # "WARNING: graphic images", all-caps headings
    if prev is None and word in ("say", "tell", "note", "add", "ask", "think", "believe", "call", "claim",
                                 "report", "explain", "show", "find", "remember", "recall", "warn", "demand"):
        return False  # imperative at the start of a sentence
    if word.endswith(("ed", "wn", "ld", "id", "ght", "nt")) and lemma not in ("say",):
        # Passive ("was asked", "is observed", "had been denied"), unless impersonal
        # ("it was reported that"), which the caller handles.
        y = k - 1
        while y >= 0 and toks[y].low.endswith("ly") and toks[y].low not in _NOT_ADVERB:
            y -= 1
        if y >= 0 and toks[y].low in ("is", "are", "was", "were", "be", "been", "being") and not (
                y >= 1 and toks[y - 1].low in ("it", "this") or
                (y >= 2 and toks[y - 1].low in ("has", "had") and toks[y - 2].low in ("it", "this"))):
            return False
    if plow in ("the", "a", "an", "this", "these", "those", "such", "his", "her", "its", "their", "our", "my",
                "your", "any", "no", "of", "said", "so-called", "in", "to") and not (plow == "to" and word in (
                    "say", "tell", "add", "claim", "warn", "deny", "reject", "insist", "argue", "urge",
                    "demand", "predict", "note", "report", "explain", "assert", "declare", "suggest",
                    "announce", "confirm", "accuse", "blame", "call", "ask", "stress", "point", "write",
                    "appeal", "testify", "dismiss", "allege", "concede", "admit", "acknowledge")):
        # "the claims", "an estimated 200", "to say" (kept: "refused to say" is caught as negation).
        if word in NOUNISH or word in ADJISH_ED or low.endswith("ing") or plow in ("the", "a", "an", "of", "said"):
            return False
    if word in NOUNISH and (prev is None or prev.text[:1].isalpha()):
        # Noun or verb? A possessive or adjective before it, or "of/about/,/." after it: a noun
        # ("Trump's claims", "his early-morning tweets", "the claims of").
        if prev is not None and (prev.low.endswith("'s") or prev.low.endswith("s'")):
            return False
        if plow in DETERMINERS and plow not in ("that", "which", "and", "to"):
            return False
        if prev2 is not None and prev2.low in ("a", "an", "the") and prev is not None and prev.text[:1].isupper():
            return False  # "a CNN report that ...": a noun compound
        nlow = nxt_form.low if nxt_form else "."
        if nlow in ("of", "by", "about", "from", "for", "on", "in", "and", "or", ",", ".", ")", "were", "was",
                    "is", "are", "have", "has", "had", "will", "would", "can", "could", "made", "against",
                    "with", "at", "to", "over", "into", "after", "before", "remain", "remains"):
            if not (word.endswith("s") is False and nlow == "to" and plow in ("would", "will", "to")):
                return False
        subj_like = prev is None or prev.text[:1].isupper() or plow in PRONOUNS or plow in RELATIVES or \
            plow in _AUX or plow.endswith("ly")
        if not subj_like and after == k + 1 and not (nxt and (nxt.low in ("that", "the", "a", "an", "he", "she", "it", "they",
                                                       "there", "this", "no", "his", "her", "their", "its")
                                           or nxt.text in ("“", '"', ":") or nxt.text[:1].isupper())):
            return False
    if word == "states" and not (nxt and nxt.low in ("that",)):
        return False
    if word in ("calls", "call", "called", "calling") and lemma == "call":
        # "called the attack 'cowardly'": only with a quote or an "a/an" predicate soon after.
        window = art.text[toks[k].end:toks[k].end + 80]
        if not re.match(r"\s+(?:(?:the|it|him|her|them|this|that|his|their|its|[A-Z][\w.'’-]*)\s+)"
                        r"(?:[\w'’-]+\s+){0,4}?(?:“|\"|‘|an?\s+)", window) and not _name_calling(window):
            return False
    if lemma in ("show", "find", "learn", "think", "believe", "hope", "fear", "worry", "expect"):
        # Only with a clause: "found that", "officials believe the attackers ..."
        if not nxt:
            return False
        if lemma in ("show", "find", "learn") and nxt.low != "that":
            if not (lemma == "show" and prev is not None and prev.low in {"data", "figures", "poll", "polls",
                                                                           "survey", "study", "report",
                                                                           "records", "results", "statistics",
                                                                           "documents", "footage", "images",
                                                                           "video", "numbers", "research"}):
                return False
        if lemma in ("think", "believe", "hope", "fear", "worry", "expect") and not (
                nxt.low in ("that", "the", "he", "she", "they", "it", "we", "there", "this", "his", "her",
                            "their", "a", "an", "no", "militants", "all", "most", "many", "some")
                or nxt.text[:1].isupper() or nxt.text in ("“", '"')):
            return False
        if lemma == "expect" and nxt.low == "to" and not _to_verb(toks, k + 1):
            return False
    if lemma in _BELIEF and not (nxt_form is not None and (nxt_form.low in ("that", "whether") or
                                                           clause_after(toks, after))):
        return False
    if lemma in _INTENT and not (_to_verb(toks, after) or lemma in ("want", "seek") and any(
            toks[x].low == "to" and _to_verb(toks, x) for x in range(after + 1, min(len(toks), after + 5)))):
        return False
    if lemma == "ask" and not (nxt and (nxt.low in ("whether", "if", "why", "how", "what", "who", "when", "where")
                                        or nxt.text in (",", ":", "“", '"') or _asked_to(art, toks, k))):
        return False
    colon_quote = art.text[toks[k].end:toks[-1].end].rstrip().endswith(":") and \
        art.quote_starting_at(toks[-1].end, limit=6) is not None
    if lemma in ("continue", "recall", "respond", "reply", "agree", "repeat", "mention", "post", "report",
                 "describe", "conclude", "observe", "indicate", "reveal", "disclose", "maintain",
                 "suggest", "dispute", "charge") and not colon_quote:
        # These need a clause or a quote, not just an object ("continued the fight").
        rest = art.text[toks[k].end:min(toks[-1].end, toks[k].end + 120)]
        as_opener = any(t.low == "as" for t in toks[max(0, k - 7):k])
        if not as_opener and not re.match(r"\s*(?:[:,]?\s*[“\"]|that\b|:|,\s*$|\s*[.!?]?\s*[“\"]?\s*$|,\s*(?:\w+ing|while|whereas|but|"
                        r"although|though|as)\b|(?:[\w’'-]+\s+){0,8}?that\b|"
                        r"(?:on|in)\s+(?:[\w’'-]+\s+){0,6}?that\b|"
                        r"(?:[\w’'-]+\s+){0,3}(?:as|to\s+be)\b)", rest):
            if not (lemma == "report" and rest.lstrip().startswith(("that",))) and not clause_after(toks, after):
                if lemma not in ("describe",) or "as" not in rest.split()[:6]:
                    return False
    if lemma in ("promise", "pledge", "vow", "threaten", "blame", "accuse", "deny", "reject", "dismiss",
                 "condemn", "criticize", "urge", "demand", "estimate", "confirm", "announce", "allege",
                 "claim", "report", "admit", "acknowledge", "warn"):
        # Past participles after a form of "be": passive ("was denied entry"), except impersonal
        # "it was reported that", handled by the caller.
        if (plow in _PASSIVE_AUX or (prev2 is not None and prev2.low in _PASSIVE_AUX and plow in _AUX)) and \
                not IMPERSONAL.search(art.text[max(0, toks[k].start - 30):toks[k].start]):
            if word.endswith(("ed", "wn", "ied")) or word in ("shot", "told"):
                return False
    impersonal = bool(IMPERSONAL.search(art.text[max(0, toks[k].start - 30):toks[k].start]))
    if word in ("said", "told", "reported", "claimed", "alleged", "believed", "expected", "thought", "feared",
                "estimated", "described", "known", "called", "shown", "found", "learned") and plow in _PASSIVE_AUX \
            and not impersonal:
        return False
    if word.endswith("ing") and plow in DETERMINERS and plow not in ("that", "and", "in", "by", "after",
                                                                       "before", "while", "without"):
        return False
    if word in ("warning", "warnings") and nxt and nxt.low in ("shots", "signs", "sign", "system", "label"):
        return False
    if word in ("estimated", "expected", "reported", "alleged", "confirmed", "claimed") and nxt and \
            (nxt.text[:1].isdigit() or nxt.low in ("dead", "killed", "cases", "number", "deaths", "attack",
                                                   "attacks", "incident", "incidents", "to")) and word != "claimed":
        return False
    if word == "claimed" and nxt and nxt.low in ("the", "at", "more", "dozens", "hundreds", "his", "her", "their",
                                                 "its", "several", "many", "two", "three", "lives") and \
            re.match(r"\s+(?:the\s+)?(?:lives?|at\s+least|more\s+than|dozens|hundreds|\d)", art.text[toks[k].end:]):
        return False
    if word in ("found",) and plow in ("be", "was", "were", "been", "is", "are"):
        return False
    if word == "told" and nxt and nxt.low in ("to",):
        return False
    if word in ("adding", "added") and nxt and nxt.low in ("to", "up", "fuel", "more", "insult"):
        return False
    if word == "add" and plow not in ("to", "would", "will", "also", "and", "he", "she", "they", "i", "we"):
        return False
    if word in ("note", "notes") and plow in DETERMINERS:
        return False
    if word == "note" and not (plow in ("to", "also") or nxt and nxt.low == "that"):
        return False
    if word in ("stress",) and plow not in ("to", "also"):
        return False
    if word in ("say",) and plow in ("to", "would", "will", "can", "could", "might", "may", "must",
                                     "should", "who", "and", "others", "some", "many", "experts",
                                     "officials", "analysts", "critics", "they", "we", "i", "you",
                                     "people", "residents", "witnesses", "sources", "supporters"):
        return True
    return True


_FINITE = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "should", "may",
           "might", "must", "does", "did", "do", "shall", "won't", "can't", "cannot", "isn't", "aren't", "wasn't",
           "weren't", "don't", "doesn't", "didn't", "hasn't", "haven't", "hadn't", "wouldn't", "couldn't",
           "shouldn't", "said", "made", "took", "came", "went", "got", "gave", "won", "lost", "left", "saw", "knew",
           "thought", "told", "found", "became", "began", "ran", "held", "kept", "brought", "felt", "wanted",
           "needed", "seemed", "appeared", "remains", "remained", "needs", "wants", "seems", "appears"}
_SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "there"}


def clause_after(toks: list[Tok], k: int) -> bool:
    """Does a finite clause start at token ``k`` ("she'll turn to ...", "such a tactic could violate
    ...", "the panel was created ...")? A subject-like start, then a finite verb within 7 tokens."""
    if k >= len(toks):
        return False
    first = toks[k]
    if first.low in _SUBJECT_PRONOUNS:
        return k + 1 < len(toks) and toks[k + 1].text[:1].isalpha() and toks[k + 1].low not in ("and", "or")
    if "'" in first.low and first.low.split("'")[0] in _SUBJECT_PRONOUNS:
        return True  # "she'll", "it's", "they're"
    if not (first.text[:1].isupper() or first.text[:1].isdigit() or first.low in DETERMINERS | {"such", "most", "many",
                                                                                              "some", "all", "both"}):
        return False
    if first.low in ("of", "to", "in", "on", "for", "with", "by", "from", "at", "about", "into", "over", "against"):
        return False
    for x in range(k + 1, min(len(toks), k + 8)):
        t = toks[x]
        if t.low in _FINITE or t.low.endswith("n't"):
            return True
        if t.low.endswith("ed") and not t.text[:1].isupper() and x > k and toks[x - 1].low not in DETERMINERS:
            return True
        if not t.text[:1].isalnum() and t.text not in ("'s", "’s", "-", "%", "$", "&"):
            return False
    return False


_BELIEF = {"know", "doubt", "suspect", "realize", "recognize"}
_INTENT = {"want", "seek"}


def _to_verb(toks: list[Tok], x: int) -> bool:
    """Is token ``x`` "to" followed by a verb ("to build", not "to the")?"""
    return x + 1 < len(toks) and toks[x].low == "to" and toks[x + 1].text[:1].islower() and \
        toks[x + 1].text[:1].isalpha() and toks[x + 1].low not in DETERMINERS


_NOT_PREDICATE = {"back", "up", "off", "out", "in", "on", "over", "again", "twice", "today", "yesterday", "later", "to",
                  "for", "at", "by", "from", "with", "about", "and", "or", "but", "after", "before", "when", "while",
                  "as", "because", "since", "last", "this", "that", "on", "into", "onto", "home", "the", "a", "an",
                  "his", "her", "their", "its", "our", "my", "your", "him", "them", "us", "me", "it", "repeatedly",
                  "often", "once", "then", "too", "also", "still", "now", "immediately", "personally", "directly",
                  "regularly", "shortly", "soon", "early", "late", "during", "until", "so", "if", "not", "all", "both"}


def _name_calling(window: str) -> bool:
    """'called him divisive', 'calls Clinton unqualified', 'calling them rapists': an object (a pronoun
    or a name) and a lowercase predicate word that is not a particle, preposition or adverb."""
    m = re.match(r"\s+(?:him|her|them|it|(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*)\s+([a-z][\w-]*)", window)
    return bool(m) and m.group(1) not in _NOT_PREDICATE and not m.group(1).endswith(("ly", "ing")) and \
        len(m.group(1)) > 2


def _asked_to(art: Article, toks: list[Tok], k: int) -> bool:
    rest = art.text[toks[k].end:toks[k].end + 80]
    return bool(re.match(r"\s+(?:[\w’'.-]+\s+){1,5}?to\s+\w+", rest))


_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
               "yesterday", "tonight", "week", "month", "year", "morning", "afternoon", "evening", "night",
               "weekend"}


# "Councilman Reyes however said": in neither the speaker nor the cue.
_SENTENCE_ADVERBS = {"however", "though", "meanwhile", "instead", "nonetheless", "nevertheless", "therefore", "thus"}


def aux_start(toks: list[Tok], k: int) -> int:
    """Index of the first auxiliary/adverb token of the cue ("has also said" -> "has"); a time
    phrase between the speaker and the cue ("Kakar on Friday said") is skipped over, so that it
    is in neither, but the cue starts at the verb's auxiliaries."""
    i = _aux_chain(toks, k)
    y = i - 1
    # "on Friday", "last week", "earlier this month", "on Tuesday night"
    while y >= 0 and (toks[y].low in _TIME_WORDS | _SENTENCE_ADVERBS or (toks[y].low in ("on", "last", "this", "earlier", "later", "late",
                                                                      "early") and y + 1 < i and
                                                     toks[y + 1].low in _TIME_WORDS | {"this", "last"})):
        y -= 1
    if y < i - 1 and toks[y + 1].low in {"on", "last", "this", "earlier", "later", "late", "early"} | _TIME_WORDS | \
            _SENTENCE_ADVERBS \
            and not (y >= 0 and toks[y].low in REDUCED):  # not "a report released last year said"
        return _Skip(i, y + 1)
    return i


class _Skip(int):
    """A cue start that also records where the skipped time phrase starts."""

    def __new__(cls, value: int, skip_from: int):
        obj = int.__new__(cls, value)
        obj.skip_from = skip_from
        return obj


def _aux_chain(toks: list[Tok], k: int) -> int:
    i = k
    while i - 1 >= 0 and not toks[i - 1].text[:1].isupper() and (
            toks[i - 1].low in _AUX or (toks[i - 1].low.endswith("ly") and toks[i - 1].low not in _NOT_ADVERB)):
        i -= 1
    return i


def cue_tokens(toks: list[Tok], a: int, b: int) -> tuple[int, int]:
    """Token index range of cue characters [a, b)."""
    i = next((x for x, t in enumerate(toks) if t.start >= a), len(toks))
    j = i
    while j + 1 < len(toks) and toks[j + 1].end <= b:
        j += 1
    return i, j
