"""Source noun phrases: the speaker span before a cue, after it, or in an appositive.

``np_before`` reads the noun phrase ending before the cue ("The caretaker prime minister of
Pakistan, Anwaar-ul-Haq Kakar"), ``appositive_before`` one that ends in a comma ("Kakar, who
spoke to reporters, said"), ``np_after`` an inverted source ("..., said Kakar, the prime
minister"), ``np_forward_subject`` the clause subject for a participle ("..., adding that").
"""

from __future__ import annotations

import re

from .article import DATELINE
from .lexicon import DETERMINERS, FORM, NOUNISH
from .tokens import BOUNDARY_TOK, PRONOUNS, RELATIVES, Span, Tok

_STOP = {
    "that", "which", "whom", "whose", "because", "as", "while", "when", "whenever", "after", "before", "if",
    "since", "though", "although", "whereas", "but", "so", "then", "where", "whether", "until", "unless",
    "than", "nor", "yet", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do",
    "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not", "there",
    "here", "also", "even", "just", "because", "how", "what", "why", "once", "however", "meanwhile",
    "instead", "still", "already", "never", "always", "now", "today", "yesterday", "tonight", "too",
    "came", "went", "took", "made", "gave", "got", "left", "began", "became", "saw", "met", "held", "kept",
    "ran", "spoke", "sent", "won", "lost", "fought", "brought", "put", "set", "hit", "struck", "shot",
    "fled", "stood", "sat", "seems", "seemed", "appears", "appeared", "remains", "remained", "wants",
    "wanted", "needs", "needed", "gets", "goes", "comes", "makes", "takes", "knows", "knew", "feels",
    "felt", "looks", "looked", "tried", "tries", "plans", "planned", "let", "lets", "see", "sees", "seen",
    "means", "meant", "like", "likes", "liked", "did", "told", "says", "said", "added", "adds",
    "it", "this", "them", "him", "us", "me",
}
# Lowercase words allowed inside a source noun phrase although they look like verb forms.
_ED_OK = {"armed", "retired", "unnamed", "unidentified", "alleged", "banned", "proscribed", "so-called",
          "united", "detained", "jailed", "exiled", "elected", "appointed", "designated", "self-styled",
          "concerned", "embattled", "beleaguered", "ousted", "deposed", "sacked", "suspended", "disgraced",
          "wounded", "injured", "displaced", "bereaved", "experienced", "respected", "renowned", "noted",
          "licensed", "aforementioned", "defeated", "failed", "newly-appointed", "newly-elected", "learned",
          "red", "hundred", "qualified", "trained", "unarmed", "masked", "hooded", "outraged", "frustrated",
          "worried", "angered", "enraged", "aggrieved", "affected", "interested", "informed", "named",
          "unnamed", "undisclosed", "appointed", "assassinated", "kidnapped", "abducted", "released",
          "freed", "arrested", "accused", "convicted", "indicted", "wanted", "based", "backed", "led",
          "funded", "owned", "run", "allied", "affiliated", "linked", "aligned", "surveyed", "polled",
          "interviewed"}
REDUCED = {"released", "published", "issued", "obtained", "seen", "reviewed", "prepared", "compiled",
            "commissioned", "posted", "aired", "broadcast", "circulated", "distributed", "shared", "sent",
            "submitted", "presented", "conducted", "cited", "quoted", "led", "backed", "funded", "sponsored",
            "supported", "based", "known", "named", "appointed", "elected", "designated", "involved",
            "briefed", "stationed", "deployed", "tasked", "assigned", "affiliated", "associated", "allied",
            "linked", "aligned", "dated", "filed", "carried", "written", "signed", "made", "taken", "held",
            "produced", "drafted", "leaked", "read", "delivered", "given", "put", "reported", "mentioned"}
_ING_OK = {"ruling", "governing", "outgoing", "incoming", "leading", "opposing", "sitting", "acting",
           "founding", "presiding", "investigating", "visiting", "remaining", "surviving", "neighbouring",
           "neighboring", "reigning", "ranking", "high-ranking", "serving", "coming", "striking", "fighting",
           "warring", "morning", "evening", "building", "king", "thing", "something", "nothing", "anything",
           "everything", "wing", "spring", "string", "meeting", "hearing", "briefing", "landing", "ring",
           "bombing", "shooting", "killing", "uprising", "ceiling", "funding", "polling", "voting",
           "counting", "training", "monitoring", "housing", "banking", "policing", "during", "including",
           "according", "concerning", "regarding", "following", "beijing", "reading", "ping", "sterling",
           "wellbeing", "well-being", "being", "boxing", "hiking", "planning", "marketing", "engineering",
           "accounting", "publishing", "broadcasting", "printing", "shipping", "mining", "clothing"}
PREP = {"of", "for", "in", "at", "from", "with", "on", "by", "to", "within", "inside", "near", "close", "among",
         "across", "under", "over", "familiar", "behind"}


def np_ok(tok: Tok, nxt: Tok | None) -> bool:
    """May ``tok`` sit inside a source noun phrase?"""
    t, low = tok.text, tok.low
    if t in BOUNDARY_TOK or low in _STOP and not t[:1].isupper():
        return False
    if low in _STOP and t[:1].isupper() and low in {"that", "which", "but", "as", "when", "while", "if",
                                                     "because", "after", "before", "since", "though",
                                                     "although", "is", "was", "has", "had", "will",
                                                     "would", "there", "it", "this", "however", "also"}:
        return False
    if not t[:1].isalnum():
        return t in {"&", "'s", "’s", "-", "/", "%"}
    if t[:1].isupper() or t[:1].isdigit():
        return True
    if low in FORM and low not in NOUNISH and low not in _ED_OK and low not in REDUCED:
        return False
    if low.endswith("ed") and "-" not in low and low not in _ED_OK:
        if low in REDUCED and nxt is not None and (nxt.low in PREP or nxt.low in {"last", "this", "earlier",
                                                                                        "on", "by", "in"}):
            return True
        return False
    if low.endswith("ing") and "-" not in low and low not in _ING_OK:
        return False
    if low == "to":
        return nxt is not None and (nxt.low in DETERMINERS or nxt.text[:1].isupper() or nxt.text[:1].isdigit())
    return True


# Adverbs between a subject and its verb: "The Legion twice complained", "Clinton immediately said".
_VERB_ADVERBS = {"twice", "again", "once", "repeatedly", "previously", "recently", "publicly", "privately",
                 "initially", "quickly", "flatly", "strongly", "reportedly", "immediately", "later", "earlier",
                 "first", "often", "long", "swiftly", "promptly", "separately", "subsequently", "openly",
                 "explicitly", "firmly", "angrily", "bluntly", "forcefully", "frequently",
                 "consistently", "sharply", "falsely", "correctly", "wrongly", "famously", "allegedly"}


def np_before(toks: list[Tok], k: int) -> tuple[int, int] | None:
    """Token range [i, j] of the source noun phrase ending right before token ``k``."""
    j = k - 1
    while j > 0 and toks[j].low in _VERB_ADVERBS and toks[j].text[:1].islower():
        j -= 1
    if j < 0:
        return None
    t = toks[j]
    if t.low in PRONOUNS or t.low in RELATIVES:
        if t.low == "that" and j > 0 and (toks[j - 1].low in FORM or toks[j - 1].text in BOUNDARY_TOK):
            return None
        return j, j
    if t.text == ",":
        return appositive_before(toks, j)
    obj = t.low in {"him", "her", "them", "us", "me"} and j >= 2 and toks[j - 1].low in PREP
    if t.text == ")":
        y = j - 1
        while y >= 0 and j - y <= 7 and toks[y].text != "(":
            y -= 1
        if y >= 1 and toks[y].text == "(" and toks[y - 1].text[:1].isupper():
            sub = np_before(toks, y)
            return (sub[0], j) if sub else None
        return None
    if not obj and not np_ok(t, toks[k] if k < len(toks) else None):
        return None
    i = j
    while i - 1 >= 0:
        prev = toks[i - 1]
        if prev.low in ("and", "or", "&") and i - 2 >= 0:
            # Coordinated subjects: "Trump and Clinton said", "Companies and individuals complain":
            # only when the left conjunct is a short noun phrase starting a clause.
            y = i - 2
            while y >= 0 and i - 2 - y < 6 and np_ok(toks[y], toks[y + 1]) and toks[y].low not in ("and", "or"):
                y -= 1
            if i - 2 - y >= 1 and (y < 0 or toks[y].text in BOUNDARY_TOK) and (
                    toks[i - 2].text[:1].isupper() or not toks[i - 2].low.endswith(("ed", "ing"))):
                i = y + 1
                continue
            break
        if prev.low in PRONOUNS or prev.low in {"who", "which"}:
            break
        if prev.low in {"him", "her", "them", "us", "me"} and i - 2 >= 0 and toks[i - 2].low in PREP:
            i -= 1
            continue
        if prev.text == ")":
            # "Rep. Gwen Moore (D-Wis.)", "Inter-Services Public Relations (ISPR)"
            y = i - 2
            while y >= 0 and i - y <= 7 and toks[y].text != "(":
                y -= 1
            if y >= 1 and toks[y].text == "(" and toks[y - 1].text[:1].isupper():
                i = y
                continue
            break
        if not np_ok(prev, toks[i]):
            break
        i -= 1
        if j - i > 18:
            break
    if toks[i].low in PREP and toks[i].low not in ("familiar", "close") and (i == 0 or toks[i - 1].text in BOUNDARY_TOK):
        # "In a meeting with the board Trump said": an introductory phrase without its comma;
        # the subject is the trailing name (or nothing we can trust).
        y = j
        while y > i and toks[y].text[:1].isupper() and toks[y - 1].text[:1].isupper():
            y -= 1
        if toks[j].text[:1].isupper() and y > i:
            return y, j
        return None
    # Leading prepositions and adverbs are not part of the phrase.
    while i < j and (toks[i].low in PREP or toks[i].low in {"and", "or", "&", "-", "'s", "’s", "even", "perhaps",
                                                             "only", "also", "both", "now", "still", "but", "so",
                                                             "yet", "then", "meanwhile", "indeed"}):
        i += 1
    if i > j:
        return None
    # Too long to be a subject: keep the tail from its last determiner or capitalized run.
    if j - i > 14:
        for x in range(j, i - 1, -1):
            if toks[x].low in {"the", "a", "an", "its", "his", "her", "their"}:
                i = x
                break
        else:
            return None
    return i, j


def clause_start_before(toks: list[Tok], i: int) -> bool:
    """Is token ``i`` at the start of a clause (sentence start, after , — “ ” : ; or a dateline)?"""
    return i == 0 or toks[i - 1].text in BOUNDARY_TOK or toks[i - 1].low in {"and", "but", "so", "then"}


def appositive_before(toks: list[Tok], c2: int, depth: int = 0) -> tuple[int, int] | None:
    """Source noun phrases that end in a comma: "Its chief spokesman, Zabihullah Mujahid, [wrote]",
    "Kakar, who spoke to reporters in Islamabad, [said]", "Don Fowler, who led the party from 1995
    to 1997, during ..., [said]". Tries the commas before ``c2`` from the nearest back."""
    commas = []
    x = c2 - 1
    while x >= 0 and c2 - x <= 45 and len(commas) < 5:
        if toks[x].text == ",":
            commas.append(x)
        elif toks[x].text in {"—", "–", "“", "”", '"', "(", ";", ":"} or (
                toks[x].text == "." and x > 0 and not toks[x - 1].text[:1].isupper()):
            break
        x -= 1
    for c1 in commas:
        b = toks[c1 + 1:c2]
        if not b:
            continue
        if b[0].low.endswith("ing") and b[0].low not in _ING_OK and b[0].text[:1].islower():
            # "One man in Manchester, responding to the question, said": the participle is an aside.
            a = np_before(toks, c1)
            if a is not None and a[1] - a[0] <= 12 and clause_start_before(toks, a[0]):
                return _Partial(a[0], a[1])
            continue
        if _adverbial_aside(b):
            # "Gates, in contrast, told AP ...", "Others, however, say ...": the aside is in neither.
            a = np_before(toks, c1)
            if a is not None and a[1] - a[0] <= 12 and clause_start_before(toks, a[0]):
                return _Partial(a[0], a[1])
            continue
        rel_at = next((y for y, t in enumerate(b) if t.low in {"who", "which", "whose", "whom"} or (
            y > 0 and not t.text[:1].isupper() and b[y - 1].text != "," and
            ((t.low.endswith("ing") and t.low not in _ING_OK) or t.low in REDUCED))), None)
        head = b[:rel_at] if rel_at is not None else b
        if rel_at is None and len(b) > 16:
            continue
        if rel_at is not None and any(t.low in FORM and t.low not in NOUNISH for t in b[rel_at + 1:rel_at + 2]):
            continue
        ok = True
        for y in range(len(head)):
            t = head[y]
            if t.text == "," and 0 < y < len(head) - 1:
                continue
            if not np_ok(t, head[y + 1] if y + 1 < len(head) else None) and t.low not in PREP and \
                    t.low not in {"the", "a", "an", "its", "his", "her", "their", "and"}:
                ok = False
                break
        if not ok:
            continue
        if head and head[0].low in PREP | {"and", "but", "or", "during", "while", "after", "before"} and not (
                head[0].low == "of" and c1 > 0 and toks[c1 - 1].text[:1].isupper()):
            continue  # but "Mr. Mahaney, of RBC Capital Markets, said" and "X, including Y, said" are sources
        a = np_before(toks, c1)
        if a is None or a[1] - a[0] > 12:
            continue
        if not clause_start_before(toks, a[0]):
            if a[0] > 0 and toks[a[0] - 1].low == "that":
                return a[0], c2 - 1
            continue
        start = a[0]
        if b and b[0].low.endswith("ing") and b[0].low not in _ING_OK and not b[0].text[:1].isupper():
            # "Caddell, speaking of the campaign, said": the participle is not part of the speaker.
            return _Partial(start, a[1])
        # "Michael Mulgrew, president of the union, which ...": one more appositive in front.
        if depth == 0 and start >= 2 and toks[start - 1].text == ",":
            more = appositive_before(toks, start - 1, depth + 1)
            if more is not None and clause_start_before(toks, more[0]):
                start = more[0]
            elif toks[start].text[:1].isdigit() or toks[start].text[:1].islower():
                # "Chelsea Clinton, 35, the daughter of ..., said": the name opens the sentence.
                name = np_before(toks, start - 1)
                if name is not None and (name[0] == 0 or toks[name[0] - 1].text in {"—", "–", "“", '"'}) and \
                        toks[name[1]].text[:1].isupper() and toks[name[0]].low not in _OPENERS:
                    start = name[0]
        return start, c2 - 1
    return None


_ASIDES = {"however", "though", "meanwhile", "instead", "too", "also", "nonetheless", "nevertheless", "moreover",
           "therefore", "thus", "likewise", "similarly", "meantime", "again", "separately", "today", "yesterday"}
# Sentence openers that are not a name ("Meanwhile, ...", "Later, ...").
_OPENERS = _ASIDES | {"still", "later", "earlier", "now", "then", "but", "and", "so", "yet"}


def _adverbial_aside(b: list[Tok]) -> bool:
    """Is the stretch between two commas a sentence adverb or a short prepositional aside?"""
    if len(b) == 1:
        return b[0].low in _ASIDES
    return 2 <= len(b) <= 4 and b[0].low in {"in", "for", "at", "on", "by"} and not b[0].text[:1].isupper() and \
        all(t.text[:1].isalpha() and not t.text[:1].isupper() for t in b)


class _Partial(tuple):
    """A source range that stops before the comma in front of the cue (a participial aside)."""

    def __new__(cls, i: int, j: int):
        return tuple.__new__(cls, (i, j))


_FINITE = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "should", "may", "might",
           "must", "does", "did", "do", "am", "won't", "can't", "isn't", "wasn't", "don't", "didn't"}


def np_after(toks: list[Tok], k: int) -> tuple[int, int] | None:
    """The inverted source after the cue: '..., said Kakar, the prime minister.'"""
    if k >= len(toks):
        return None
    first = toks[k]
    if not (first.text[:1].isupper() or first.low in {"the", "a", "an", "one", "two", "its", "his", "her",
                                                       "their", "he", "she", "they", "it", "another", "several",
                                                       "some", "senior", "local"}):
        # "said former Rep. George Miller": lowercase modifiers before a name.
        x = k
        while x < len(toks) and x - k < 3 and not toks[x].text[:1].isupper() and toks[x].text[:1].isalpha() and \
                np_ok(toks[x], toks[x + 1] if x + 1 < len(toks) else None):
            x += 1
        if x == k or x >= len(toks) or x - k > 3 or not toks[x].text[:1].isupper():
            return None
    if first.low in PRONOUNS and k + 1 < len(toks) and toks[k + 1].text not in {".", "!", "?", ",", ";", "—"}:
        return None  # "said he would ...": a clause, not an inverted source
    j = k
    relative = False  # past a comma or relative pronoun, finite verbs belong to an appositive
    while j + 1 < len(toks):
        nxt = toks[j + 1]
        if nxt.text in {".", "!", "?", ";", "“", "”", '"', ":"}:
            break
        if nxt.text == ",":
            after = toks[j + 2] if j + 2 < len(toks) else None
            if after is None or after.text in {"“", '"'} or after.low in {"adding", "saying", "noting", "and",
                                                                            "but", "as", "while", "because",
                                                                            "after", "before", "in", "on"}:
                break
        if nxt.low in FORM and FORM[nxt.low][2] >= 2 and nxt.low not in {"state", "states"} and not nxt.text[:1].isupper():
            break
        if nxt.text == "," or nxt.low in {"who", "which", "whose", "whom", "that", "—", "("}:
            relative = True
        elif not relative and (nxt.low in _FINITE or nxt.low.endswith(("'re", "'ll", "'ve", "'d"))):
            return None  # "..., say a recalibration is overdue": a clause follows the cue
        j += 1
        if j - k > 40:
            return None
    while j > k and toks[j].text in {",", "—"}:
        j -= 1
    return k, j


def quoted_as(toks: list[Tok], as_idx: int) -> tuple[Span, int] | None:
    """'quoted Kakar as saying' -> (the span of 'Kakar', the index of 'quoted')."""
    for x in range(as_idx - 1, max(-1, as_idx - 10), -1):
        if toks[x].low in ("quoted", "cited", "quotes", "quoting", "citing"):
            if x + 1 <= as_idx - 1:
                return (toks[x + 1].start, toks[as_idx - 1].end), x
            return None
    return None


# Words that open an introductory phrase: prepositions and conjunctions, time phrases.
_INTRO_WORDS = PREP | {"during", "after", "before", "since", "last", "earlier", "later", "while", "when", "as",
                       "despite", "following", "amid", "like", "unlike", "hours", "minutes", "days", "weeks",
                       "months", "years", "moments", "shortly", "soon", "monday", "tuesday", "wednesday",
                       "thursday", "friday", "saturday", "sunday", "yesterday", "today"}


def _introduces(t: Tok) -> bool:
    """Does a sentence-initial ``t`` open an introductory phrase (a preposition, a time phrase, a
    participle: "In August,", "Hours later,", "Speaking at a rally,", "Asked about it,")?"""
    low = t.low
    return low in _INTRO_WORDS or (low.endswith(("ing", "ed")) and low not in _ING_OK and low not in _ED_OK)


def np_forward_subject(toks: list[Tok]) -> tuple[int, int] | None:
    """The subject at the start of a sentence, for '..., adding that' without an earlier cue."""
    k = 0
    if k < len(toks) and toks[k].low in ("but", "and", "meanwhile", "however", "earlier", "later"):
        k += 1
    if k < len(toks) and toks[k].text == ",":
        k += 1
    dash = next((x for x in range(k, min(len(toks), k + 6)) if toks[x].text in {"—", "–", "--"}), None)
    if dash is not None and all(t.text.isupper() for t in toks[k:dash] if t.text[:1].isalpha()):
        k = dash + 1  # "WASHINGTON — ...", "KABUL (AP) — ...": a dateline
    if k < len(toks) and _introduces(toks[k]):
        # "In August, several environmental groups ... , saying", "Speaking at a rally in Salem,
        # N.H., Trump ..., calling": the subject follows the comma that ends the introduction.
        for c in (x for x in range(k, min(len(toks), k + 25)) if toks[x].text == ","):
            y = c + 1
            while y < len(toks) and y - c <= 10 and np_ok(toks[y], toks[y + 1] if y + 1 < len(toks) else None):
                y += 1
            if y > c + 1 and y < len(toks) and toks[y].text != ",":
                k = c + 1
                break
        else:
            return None
    if k >= len(toks):
        return None
    if toks[k].low in PRONOUNS:
        return k, k
    j = k
    while j + 1 < len(toks) and np_ok(toks[j + 1], toks[j + 2] if j + 2 < len(toks) else None) and j - k < 10:
        j += 1
    if not any(t.text[:1].isupper() for t in toks[k:j + 1]) and not (
            toks[k].low in {"the", "a", "an", "his", "her", "their", "its", "our"} and j - k <= 5):
        return None  # "the commander" is a subject; a lower-case run without a determiner may not be
    return k, j


# What a source span ends with that is not part of the source noun phrase: an adverb between
# subject and verb ("Donald Trump often", "The nurse later"). Relative clauses and ages stay:
# "Khan, who is Muslim, said" and "Butz, 49, told" name the source with them.
_TRAILING_ADVERB = re.compile(
    r"\s+(?:" + "|".join(sorted(_VERB_ADVERBS | {"soon", "finally", "both", "also", "then", "now", "still",
                                                 "already"})) + r")\s*$", re.I)
# "he’s", "she's": a pronoun with a contracted verb.
_PRONOUN_CONTRACTION = re.compile(r"^(he|she|it|they|we|i|you)['’](?:s|re|ve|d|ll|m)$", re.I)


def trim_source(text: str, start: int, end: int) -> tuple[int, int]:
    """The source span without what reporters put after or before the noun phrase."""
    s = text[start:end]
    m = DATELINE.match(s)
    # "LONDON (Reuters) - Donald Trump"; a space after the dash, so "AL-QAEDA-linked" is no dateline.
    if m and m.end() < len(s) and s[m.end() - 1].isspace():
        start += m.end()
        s = s[m.end():]
    while True:
        m = _TRAILING_ADVERB.search(s)
        if not m or m.start() == 0:
            break
        s = s[:m.start()]
    m = _PRONOUN_CONTRACTION.match(s)
    if m:
        s = m.group(1)
    s = s.rstrip(" ,;:")
    return (start, start + len(s)) if s else (start, end)
