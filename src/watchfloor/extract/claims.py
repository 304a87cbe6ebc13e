"""Attributed claims: who said what, and whether they assert, deny, warn about, demand or
predict it.

``find_claims(text, sentences, published)`` reads one article and returns one
:class:`~watchfloor.models.Claim` per attribution cue. It uses rules only, no statistical
model: a dictionary lookup of cue words picks the candidate sentences, quote marks are paired
once per article, and each cue's frame (speaker before or after it, content before or after
it, quotes split around it) is read from the words around it. About 8 ms for a 700-word
article on one core (1.5 ms of it the shared sentence splitter).

Why no parser: a variant that sent only the candidate sentences through
``watchfloor.nlp.model()`` (one ``nlp.pipe`` per article, NER and lemmatizer disabled) and read
speaker = nsubj subtree, content = ccomp/xcomp/dobj subtree or the head clause of a
parataxis cue scored lower on PolNeAR dev (source exact F1 58.6 vs 60.8, content overlap F1
51.3 vs 60.5) and took about 87 ms per 700-word article, 10x the rules.

What counts as a claim
    A reporting cue (said, told, added, wrote, claimed, argued, insisted, denied, rejected,
    dismissed, warned, urged, demanded, called for, predicted, estimated, announced, confirmed,
    accused, alleged, blamed, vowed, noted, reported, according to, ...; also condemned,
    denounced, cited, praised, questioned; and think/believe/expect/fear/show/found only with a
    clause after them: "police believe the attackers ...", "data show that ...") with its
    source and content in the same sentence, or a direct quote the cue frames. Negated cues
    ("did not say", "declined to confirm"), subjects like "No group claimed ..." and passives
    with an unnamed agent ("is believed to", "was denied entry") are not claims; "it was
    reported that ..." is, with ``speaker`` None. Cue words inside a direct quote are the quoted
    person's words, not the reporter's attributions, and are skipped. Endorsements, wishes and
    impressions ("endorsed", "wants", "seemed"), which attribution corpora such as PolNeAR also
    annotate, are not claims here. A participle or a second verb takes the speaker of its
    clause (", adding that ...", "... and urged ...").

Spans (character offsets into ``text``, end exclusive)
    ``cue`` covers the verb with its auxiliaries and adverbs ("has argued", "also said") and
    a colon that follows it. ``speaker`` is the whole source noun phrase as written, with its
    appositive or relative clause ("The caretaker prime minister of Pakistan, Anwaar-ul-Haq
    Kakar"; "he"; "who" in "Kakar, who ..., said"); ``speaker.entity`` is what it refers to
    (see ``speakers.py``). ``content.spans`` covers what was said: a complement clause
    including its "that", the object of denied/urged/accused/blamed, a direct quote including
    its quote marks (a quote split around the cue or continued in the next quoted sentences of
    the paragraph gives several spans; a quote left open at a paragraph end continues into the
    next paragraph when that one opens with a quote mark), the clause before ", the ISPR said",
    or the clause that "according to X" frames. A final full stop outside quote marks is not
    part of the content. Unbalanced quote marks never extend a quote past its paragraph; a
    claim whose quote is not closed falls back to its sentence, and content is capped at
    ``MAX_CONTENT`` characters.

kind
    ``direct``: the content is quoted speech only; ``mixed``: paraphrase with an embedded quote
    (scare quotes included); ``indirect``: paraphrase.

stance (the convention)
    Stance is the speech act of the cue, not the polarity of the content:
    ``denies`` for deny/reject/dismiss/refute/rebut/dispute ("rejected the allegation that",
    "deny charges that"), and for an ordinary cue whose content calls an allegation false
    ("said the reports were baseless"); ``warns`` for warn/caution/threaten; ``demands`` for
    urge/demand/call for/call on/appeal/"asked X to"; ``predicts`` for predict/forecast/expect
    and for content about the future ("will", "would", "is likely to", "expects", "is set to")
    under an otherwise asserting cue; everything else ``asserts`` (vowed/pledged/promised
    included: a commitment, unless its content has "will"/"would"). A negative proposition under
    an ordinary cue stays ``asserts``: "said no weapon had left the country" asserts that no
    weapon left; only the speaker's rejection of someone else's claim is a denial.

channel, date, confidence
    ``channel`` is how it was said, read from the cue's clause outside the content: "state
    television", "a post on X", "a statement", "a press conference", "a news conference",
    "a report", "an interview", "social media", "remarks to reporters", "a speech", "a video",
    "a letter", ... or None. ``date`` is when it was said: a date expression in the cue's clause
    (outside the content) resolved against ``published`` with ``dates.find_dates`` ("in comments
    aired Friday" -> that Friday; "last July" -> the first of that month), else None.
    ``confidence`` is higher for speech verbs, named speakers and quotes, lower for weak cues
    (think, believe, show) and unresolved speakers. ``about`` is left empty for the pipeline.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ..models import Claim
from .dates import find_dates
from .speakers import SpeakerResolver, outlet_name

Span = tuple[int, int]

MAX_CONTENT = 1500  # characters of content per claim; a longer quote falls back to its sentence
MAX_QUOTE_PARAGRAPHS = 6

ASSERTS, DENIES, WARNS, DEMANDS, PREDICTS = "asserts", "denies", "warns", "demands", "predicts"

# --------------------------------------------------------------------------- lexicon


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
    "call": (["called", "calls", "calling"], ASSERTS, 1),
    "according to": (["according to"], ASSERTS, 2),
}
_FORM: dict[str, tuple[str, str, int]] = {}
for _lemma, (_fs, _st, _str) in _LEX.items():
    for _f in _fs:
        _FORM.setdefault(_f, (_lemma, _st, _str))

# First word -> the forms that start with it, longest first ("called for" before "called").
_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _f in sorted(_FORM, key=lambda f: -len(f.split())):
    _FIRST.setdefault(_f.split()[0], []).append(tuple(_f.split()))
_WORDS = re.compile(r"[A-Za-z]+(?:[-’'][A-Za-z]+)*")


@dataclass
class _CueMatch:
    start: int
    end: int
    form: str


def _find_cues(text: str, ss: int, se: int) -> list[_CueMatch]:
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
_NOUNISH = {"claim", "claims", "report", "reports", "estimate", "estimates", "promises", "pledges", "demand",
            "demands", "post", "note", "notes", "tweet", "tweets", "remark", "remarks", "charges", "fear", "fears",
            "hopes", "worry", "worries", "show", "shows", "find", "finds", "call", "calls", "states", "reply",
            "replies", "vow", "vows", "respond", "recall", "recalls", "stress", "dispute", "disputes",
            "forecast", "forecasts", "quips", "retort", "warning", "warnings", "finding", "testimony",
            "denial", "rejection", "concern", "continues", "observe", "lament", "boast",
            "reveals", "indicates", "suggests", "mention", "contends", "questions", "cites", "echoes", "slams",
            "blasts", "mocks", "praises"}
_ADJISH_ED = {"alleged", "reported", "estimated", "expected", "noted", "confirmed", "accused", "denied",
              "disputed", "stated", "declared", "announced", "forecast", "feared", "suggested", "called",
              "written", "posted", "promised", "pledged", "shown", "found", "thought", "believed", "charged",
              "indicated", "revealed", "repeated", "learned", "assured", "continued", "worried", "agreed"}
_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those", "this",
                "such", "any", "no", "some", "every", "each", "of", "false", "baseless", "new", "latest", "recent",
                "unverified", "media", "news", "official", "earlier", "initial", "first", "previous", "same",
                "many", "several", "similar", "other", "two", "three", "wild", "unfounded", "public", "frequent",
                "repeated", "widespread", "tall", "fresh", "further", "major", "key", "main", "strong", "police",
                "investigation", "intelligence", "army", "pentagon", "government", "military", "un", "rights",
                "human", "annual", "detailed", "confidential", "classified", "separate", "first-hand", "credible",
                "to", "in", "on", "for", "with", "by", "from", "at", "about", "without", "after", "before",
                "into", "under", "per", "against", "over", "said", "and", "or", "'s", "that", "which"}
_PASSIVE_AUX = {"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "'s", "’s"}
_NEGATION = re.compile(r"(?:\b(?:not|never|no\s+longer|neither|nor)|n[’']t|\b(?:declined|refused|failed|"
                       r"unwilling|unable|reluctant)\s+to|\bwithout)\s+(?:\w+\s+){0,2}$", re.I)
_IMPERSONAL = re.compile(r"\b(?:it|this)\s+(?:was|is|has\s+been|had\s+been|is\s+being|was\s+being)\s+$", re.I)

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
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
_RELATIVES = {"who", "which", "that"}
_BOUNDARY_TOK = {",", ";", ":", "—", "–", "“", "”", '"', "(", ")", "!", "?", ".", "‘", "[", "]", "…", "--", "'", "`"}
_CLOSE_Q = "”\"’'"
_OPEN_Q = "“\"‘'"
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
          "funded", "owned", "run", "allied", "affiliated", "linked", "aligned"}
_REDUCED = {"released", "published", "issued", "obtained", "seen", "reviewed", "prepared", "compiled",
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
_PREP = {"of", "for", "in", "at", "from", "with", "on", "by", "to", "within", "inside", "near", "close", "among",
         "across", "under", "over", "familiar", "behind"}
_DATELINE = re.compile(r"^\s*(?:[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .'’-]{1,40})?(?:\s*\([\w .]+\))?\s*[—–-]{1,2}\s*|"
                       r"[A-Z][A-Z .'’-]{2,40},\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}\s*(?:\([\w .]+\))?\s*[—–-]{1,2}\s*)")

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|[A-Z]\.(?=\s+[A-Z])|(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sen|Rep|Gov|Sgt|Brig|St|Jr|Sr|Prof|Adm|Insp|Supt|Mt|"
    r"Ft|Rev|Del|Cpl|Pvt|Cmdr|Hon|Ret|Fr|Sheikh|Amb|Atty|Dept|Govt|No)\.|\w+(?:[-’'.&/]\w+)*(?:[’']s\b|(?<=s)[’'](?=\s))?|"
    r"--|[^\w\s]")

# Things between the cue and the content that belong to neither.
_TIME = (r"(?:(?:on|late|early|last|this|next)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
         r"(?:\s+(?:morning|afternoon|evening|night))?|(?:on|in|last|early|late|earlier|this)\s+"
         r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
         r"(?:,?\s+\d{4})?|(?:earlier|later)\s+(?:this|that|on|in)\s+\w+|yesterday|today|tonight|overnight|"
         r"last\s+(?:week|month|year|night)|this\s+(?:week|month|year|morning)|(?:a|two|three|several|few)\s+"
         r"(?:days?|weeks?|months?)\s+ago|recently|earlier|later|again|on\s+\w+day|in\s+\d{4}")
_CHANNEL_PP = (r"(?:in|on|at|during|via|through|over|from)\s+(?:a|an|the|his|her|its|their)?\s*(?:[\w’'-]+\s+){0,3}?"
               r"(?:statement|interview|conference|briefing|speech|address|post|tweet|message|video|letter|"
               r"broadcast|remarks|comments|rally|meeting|session|hearing|report|podcast|op-ed|column|blog|"
               r"television|tv|radio|x|twitter|facebook|telegram|whatsapp|youtube|instagram|social\s+media|"
               r"website|media|call|visit|appearance|sermon|gathering|ceremony|summit|event|debate|program|"
               r"programme|show|talk)(?:\s+(?:aired|broadcast|published|posted|released|issued|given|held|"
               r"televised)(?:\s+" + _TIME + r")?)?(?:\s+(?:with|to|on|in|at|from|by)\s+(?:the\s+)?"
               r"(?:(?-i:[A-Z])[\w.&’'-]*|state|local|national|private|foreign|reporters|journalists)"
               r"(?:\s+(?:(?-i:[A-Z])[\w.&’'-]*|television|tv|media|radio|channel|news|broadcaster|representatives))*)?"
               r"(?:,\s*formerly\s+(?:known\s+as\s+)?twitter,?)?")
_ADJUNCT = re.compile(
    r"\s*(?:,\s*)?(?:" + _TIME + "|" + _CHANNEL_PP +
    r"|on\s+condition\s+of\s+anonymity|(?:to|for)\s+(?:reporters|journalists|the\s+media|the\s+press|media)"
    r"|in\s+(?:(?-i:[A-Z])[\w’'-]+)(?:\s+(?-i:[A-Z])[\w’'-]+)?|publicly|privately|repeatedly|bluntly|flatly|"
    r"angrily|emphatically|firmly|categorically|separately|also|too|further|again|in\s+part|"
    r"in\s+response|in\s+turn|in\s+a\s+\w+(?:\s+\w+)?\s+(?:to|with)\s+[\w\s]{1,40}?(?=\s+that\b)|"
    r"however|though|meanwhile)(?=[\s,.:;“\"]|$)", re.I)
_ADDRESSEE = re.compile(
    r"\s*(?:him|her|them|me|us|you|reporters|journalists|the\s+media|the\s+press|lawmakers|legislators|"
    r"parliament|senators|the\s+senate|congress|voters|supporters|the\s+nation|the\s+court|the\s+jury|"
    r"(?:the|a|an|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}?(?:crowd|audience|gathering|rally|meeting|"
    r"conference|reporters|journalists|newspaper|channel|agency|interviewer|host|committee|court|senate|"
    r"assembly|house|nation|country|people|supporters|parliament|council|broadcaster|daily|magazine|"
    r"station|network|outlet|correspondent|members|leaders|officials|delegation|lawmakers|visitors|"
    r"students|residents|elders|mourners|media|press|BBC|AFP|Reuters)|"
    r"(?:state|local|national|private|foreign)\s+(?:television|tv|media|radio|broadcaster)|"
    r"[A-Z][\w.&’'-]*(?:\s+(?:[A-Z][\w.&’'-]*|of|the|for))*(?:\s+(?:magazine|newspaper|news\s+agency|"
    r"television|tv|radio|channel|daily))?)(?=[\s,.:;“\"']|$)")
# '..., the source added.' at the end of a content: another (outer) attribution.
_TRAILING_CUE = re.compile(
    r",\s+(?:(?:the|a|an|his|her|its|their)\s+)?(?:[\w’'.-]+\s+){0,5}?(?:said|says|added|adds|wrote|noted|"
    r"told\s+[\w\s]{1,30}|according\s+to\s+[^,;]{1,60})(?:\s+[^,;.]{0,40})?[.!?]?\s*$", re.I)
_TRAILING_CHANNEL = re.compile(
    r"\s+(?:in|via|through|on)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|post|message|"
    r"video|tweet|interview|press\s+conference|news\s+conference|briefing|speech|address|letter)\b[^,;“\"]{0,60}"
    r"[.!?]?\s*$", re.I)
_PP_THEN_THAT = re.compile(
    r"\s*,?\s*((?:at|in|on|during|after|before|from|to|with|for|via|over|while|outside|inside|near|ahead\s+of|"
    r"in\s+front\s+of)\s+)?(?:(?!that\b|said\b|says\b|told\b|and\b|but\b|because\b|who\b|which\b)"
    r"[\w.’'-]+[,\s]+){0,14}?that\b", re.I)
_SEPARATOR = re.compile(
    r",\s*(?:although|though|even\s+though|whereas|but)\b|(?<=[”\"])\s+but\b|"
    r",\s*(?:(?:and|but)\s+)?(?:adding|saying|noting|insisting|arguing|warning|claiming|explaining|stressing|"
    r"pointing\s+out|according\s+to|telling|urging|calling\s+for|denying|describing|accusing|blaming|"
    r"alleging|asserting|declaring|vowing|citing)\b|;\s|\s+(?:and|but)\s+(?:also\s+)?(?:said|added|warned|"
    r"told|noted|insisted|denied|claimed|urged|called|vowed|says|adds|warns|stressed|accused|blamed)\b|"
    r"[,.]?\s*[”\"]?\s*(?:he|she|they|it)\s+(?:said|added|says)\b", re.I)

_FUTURE = re.compile(r"\b(?:will|won['’]t|would|shall|expects?|expected\s+to|(?:is|are|was|were)\s+(?:likely|"
                     r"unlikely|set|going|poised|due|about)\s+to|likely\s+to|in\s+the\s+coming\s+(?:days|weeks|"
                     r"months|years))\b", re.I)
_CHARACTERIZED_FALSE = re.compile(
    r"\b(?:allegations?|claims?|charges?|accusations?|reports?|assertions?|suggestions?|rumou?rs?|stor(?:y|ies)|"
    r"news)\b[^.;]{0,60}?\b(?:baseless|unfounded|false|untrue|fabricated|propaganda|lies|nonsense|rubbish|"
    r"misleading|groundless|fake|incorrect|not\s+true|without\s+(?:any\s+)?(?:basis|foundation|merit)|"
    r"far\s+from\s+(?:the\s+)?truth)\b", re.I)
_ALLEGATION_HEAD = re.compile(
    r"(?:the|these|those|such|any|all|repeated|recent|fresh|latest|western|u\.s\.|pakistani|indian|"
    r"(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s)?\s*"
    r"(?:(?:\w+\s+){0,2})(?:allegations?|claims?|charges?|accusations?|reports?|suggestions?|assertions?|"
    r"notion|idea|impression|perception)\s+(?=that\b)", re.I)

_CHANNELS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\bstate(?:-run|-owned)?\s+(?:television|tv|broadcaster)\b|\bstate\s+media\b|\bptv\b", re.I),
     "state television"),
    (re.compile(r"\b(?:on|in\s+a\s+post\s+on|posted\s+on|wrote\s+on|via)\s+(?:the\s+)?(?:X|Twitter)\b|"
                r"\bX,\s*formerly\s+(?:known\s+as\s+)?Twitter\b|\btweet(?:ed|s)?\b"), "a post on X"),
    (re.compile(r"\b(?:facebook|telegram|whatsapp|instagram|tiktok|youtube|social\s+media|online\s+post)\b", re.I),
     "social media"),
    (re.compile(r"\bnews\s+conference\b", re.I), "a news conference"),
    (re.compile(r"\bpress\s+(?:conference|briefing|talk)\b|\bbriefing\b", re.I), "a press conference"),
    (re.compile(r"\b(?:told|telling|tells|tell|speaking\s+to|talking\s+to|remarks\s+to|comments\s+to)\s+"
                r"(?:(?:local|foreign|visiting)\s+)?(?:reporters|journalists|the\s+media|media\s+representatives|"
                r"the\s+press|newsmen)\b", re.I), "remarks to reporters"),
    (re.compile(r"\b(?:statement|press\s+release|communiqu[eé]|declaration)\b", re.I), "a statement"),
    (re.compile(r"\binterview\b", re.I), "an interview"),
    (re.compile(r"\b(?:speech|address(?:ing)?\s+(?:a|the)|rally|sermon)\b", re.I), "a speech"),
    (re.compile(r"\bvideo\b", re.I), "a video"),
    (re.compile(r"\bletter\b", re.I), "a letter"),
    (re.compile(r"\b(?:report|study|survey|assessment|audit)\b", re.I), "a report"),
    (re.compile(r"\b(?:television|tv|radio|broadcast)\b", re.I), "a broadcast"),
    (re.compile(r"\b(?:hearing|testimony|testified)\b", re.I), "a hearing"),
]


# A cheap test before the date parser runs on a sentence.
_MAYBE_DATE = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
                         r"oct|nov|dec)[a-z]*\b|\b(?:yesterday|today|tonight|overnight|week|weekend|month|ago)\b|"
                         r"\b\d{4}-\d{2}-\d{2}\b", re.I)

# --------------------------------------------------------------------------- quotes


@dataclass
class Quote:
    """A quotation: from its opening mark to its closing mark (both included)."""

    start: int
    end: int
    spans: list[Span]  # one per paragraph it runs through
    closed: bool
    single: bool = False


def _paragraphs(text: str) -> list[Span]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


_DQ_MARK = re.compile(r"[“”\"]|''|``")


def _is_opening(text: str, i: int, n: int = 1) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + n] if i + n < len(text) else " "
    return (prev.isspace() or prev in "([{—–-/:“‘\"'") and not nxt.isspace()


def find_quotes(text: str) -> list[Quote]:
    """Double-quoted passages (straight or curly), then single-quoted ones outside them.

    A quote still open at the end of its paragraph continues into the next paragraph only if
    that paragraph opens with a quote mark (the newspaper convention); otherwise it is
    unbalanced and ends (``closed=False``) at its paragraph's end.
    """
    quotes: list[Quote] = []
    paras = _paragraphs(text)
    carry: tuple[int, list[Span], int] | None = None  # (first open, spans so far, paragraphs)
    for pi, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        spans: list[Span] = []
        first_open: int | None = None
        skip = -1
        if carry is not None:
            lead = ps + (len(text[ps:pe]) - len(text[ps:pe].lstrip()))
            if (text[lead:lead + 1] in "“\"" or text[lead:lead + 2] in ("''", "``")) and carry[2] < MAX_QUOTE_PARAGRAPHS:
                first_open, spans, open_at, skip = carry[0], list(carry[1]), lead, lead
            else:
                quotes.append(Quote(carry[0], carry[1][-1][1], carry[1], closed=False))
            carry = None
        seg_start = open_at
        for m in _DQ_MARK.finditer(text, ps, pe):
            i = m.start()
            if i == skip:
                continue
            ch = m.group(0)
            n = len(ch)
            straight = ch in ('"', "''", "``")
            if open_at is None:
                if ch in ("“", "``") or (straight and _is_opening(text, i, n)):
                    open_at, seg_start, first_open, spans = i, i, i, []
                continue
            # A quote is open.
            if ch == "”" or (straight and ch != "``" and not (text[i - 1].isspace() and not text[i + n:i + n + 1].isspace())):
                spans.append((seg_start, i + n))
                quotes.append(Quote(first_open, i + n, spans, closed=True))
                open_at = None
            else:
                # A new opening mark while one is open: the earlier one was never closed.
                spans.append((seg_start, i))
                quotes.append(Quote(first_open, i, spans, closed=False))
                open_at, seg_start, first_open, spans = i, i, i, []
        if open_at is not None:
            spans.append((seg_start, pe))
            carry = (first_open, spans, len(spans))
    if carry is not None:
        quotes.append(Quote(carry[0], carry[1][-1][1], carry[1], closed=False))
    doubles = sorted(quotes, key=lambda q: q.start)
    # Single quotes (‘...’ and '...'), outside double quotes, within a paragraph, short.
    for ps, pe in paras:
        para = text[ps:pe]
        for m in re.finditer(r"[‘']", para):
            i = ps + m.start()
            if not _is_opening(text, i) or not text[i + 1:i + 2].isalnum() or text[i - 1:i] in "'`":
                continue
            if any(q.start <= i < q.end for q in doubles):
                continue
            close = re.compile(r"[’'](?![\w])" if text[i] == "‘" else r"'(?![\w])")
            for c in close.finditer(text, i + 2, min(pe, i + 300)):
                j = c.start()
                if text[j - 1].isspace():
                    continue
                quotes.append(Quote(i, j + 1, [(i, j + 1)], closed=True, single=True))
                break
    quotes.sort(key=lambda q: q.start)
    # Drop single quotes nested in an earlier single quote.
    out: list[Quote] = []
    for q in quotes:
        if q.single and out and any(o.single and o.start < q.start < o.end for o in out[-3:]):
            continue
        out.append(q)
    return out


# --------------------------------------------------------------------------- tokens


@dataclass
class Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")


def _tokens(text: str, start: int, end: int) -> list[Tok]:
    return [Tok(start + m.start(), start + m.end(), m.group(0)) for m in _TOKEN.finditer(text[start:end])]


# --------------------------------------------------------------------------- claim assembly


@dataclass
class _Raw:
    cue: Span
    lemma: str
    stance: str
    strength: int
    source: Span | None
    content: list[Span]
    sentence: Span
    addressee: Span | None = None
    outlet: str | None = None
    impersonal: bool = False
    source_copied: bool = False
    extra: dict = field(default_factory=dict)


class _Article:
    def __init__(self, text: str, sentences: list[Span], published: str | None):
        self.text = text
        self.sentences = sorted(sentences)
        self.published = published
        self.quotes = find_quotes(text)
        self.closed = [q for q in self.quotes if q.closed and not q.single]
        self.by_end = {q.end: q for q in self.closed}
        self.by_start = {q.start: q for q in self.closed}
        self.q_starts = [q.start for q in self.closed]
        self.paras = _paragraphs(text)
        self.para_starts = [p[0] for p in self.paras]

    # ---- helpers

    def para_of(self, pos: int) -> Span:
        i = bisect_left(self.para_starts, pos + 1) - 1
        return self.paras[max(0, i)] if self.paras else (0, len(self.text))

    def inside_quote(self, a: int, b: int) -> Quote | None:
        i = bisect_left(self.q_starts, a + 1) - 1
        while i >= 0 and i >= bisect_left(self.q_starts, a + 1) - 3:
            q = self.closed[i]
            if q.start < a and b <= q.end and any(s <= a and b <= e for s, e in q.spans):
                return q
            i -= 1
        return None

    def quote_ending_at(self, pos: int) -> Quote | None:
        """The closed quote whose closing mark ends at ``pos`` (after skipping , and spaces back)."""
        p = pos
        while p > 0 and self.text[p - 1] in " \t,":
            p -= 1
        return self.by_end.get(p)

    def quote_starting_at(self, pos: int, limit: int = 4) -> Quote | None:
        p = pos
        while p < len(self.text) and p - pos < limit and self.text[p] in " \t,:\n":
            p += 1
        q = self.by_start.get(p)
        if q is None and p < len(self.text) and self.text[p] in "“\"'`":
            for u in self.quotes:
                if u.start == p and not u.single:
                    return u
        return q

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_left([s for s, _ in self.sentences], pos + 1) - 1)


def _strip_span(text: str, a: int, b: int) -> Span:
    """Trim spaces, and final punctuation outside quote marks (". , ; : ! ? —"), from a span."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;:!?—–-"):
        b -= 1
    return a, b


def _np_ok(tok: Tok, nxt: Tok | None) -> bool:
    """May ``tok`` sit inside a source noun phrase?"""
    t, low = tok.text, tok.low
    if t in _BOUNDARY_TOK or low in _STOP and not t[:1].isupper():
        return False
    if low in _STOP and t[:1].isupper() and low in {"that", "which", "but", "as", "when", "while", "if",
                                                     "because", "after", "before", "since", "though",
                                                     "although", "is", "was", "has", "had", "will",
                                                     "would", "there", "it", "this", "however", "also"}:
        return False
    if not t[:1].isalnum():
        return t in {"&", "'s", "’s", "-", "/"}
    if t[:1].isupper() or t[:1].isdigit():
        return True
    if low in _FORM and low not in _NOUNISH and low not in _ED_OK and low not in _REDUCED:
        return False
    if low.endswith("ed") and "-" not in low and low not in _ED_OK:
        if low in _REDUCED and nxt is not None and (nxt.low in _PREP or nxt.low in {"last", "this", "earlier",
                                                                                        "on", "by", "in"}):
            return True
        return False
    if low.endswith("ing") and "-" not in low and low not in _ING_OK:
        return False
    if low == "to":
        return nxt is not None and (nxt.low in _DETERMINERS or nxt.text[:1].isupper() or nxt.text[:1].isdigit())
    return True


def _np_before(toks: list[Tok], k: int) -> tuple[int, int] | None:
    """Token range [i, j] of the source noun phrase ending right before token ``k``."""
    j = k - 1
    if j < 0:
        return None
    t = toks[j]
    if t.low in _PRONOUNS or t.low in _RELATIVES:
        if t.low == "that" and j > 0 and (toks[j - 1].low in _FORM or toks[j - 1].text in _BOUNDARY_TOK):
            return None
        return j, j
    if t.text == ",":
        return _appositive_before(toks, j)
    obj = t.low in {"him", "her", "them", "us", "me"} and j >= 2 and toks[j - 1].low in _PREP
    if t.text == ")":
        y = j - 1
        while y >= 0 and j - y <= 7 and toks[y].text != "(":
            y -= 1
        if y >= 1 and toks[y].text == "(" and toks[y - 1].text[:1].isupper():
            sub = _np_before(toks, y)
            return (sub[0], j) if sub else None
        return None
    if not obj and not _np_ok(t, toks[k] if k < len(toks) else None):
        return None
    i = j
    while i - 1 >= 0:
        prev = toks[i - 1]
        if prev.low in ("and", "or", "&") and i - 2 >= 0:
            # Coordinated subjects: "Trump and Clinton said", "Companies and individuals complain":
            # only when the left conjunct is a short noun phrase starting a clause.
            y = i - 2
            while y >= 0 and i - 2 - y < 6 and _np_ok(toks[y], toks[y + 1]) and toks[y].low not in ("and", "or"):
                y -= 1
            if i - 2 - y >= 1 and (y < 0 or toks[y].text in _BOUNDARY_TOK) and (
                    toks[i - 2].text[:1].isupper() or not toks[i - 2].low.endswith(("ed", "ing"))):
                i = y + 1
                continue
            break
        if prev.low in _PRONOUNS or prev.low in {"who", "which"}:
            break
        if prev.low in {"him", "her", "them", "us", "me"} and i - 2 >= 0 and toks[i - 2].low in _PREP:
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
        if not _np_ok(prev, toks[i]):
            break
        i -= 1
        if j - i > 18:
            break
    if toks[i].low in _PREP and toks[i].low not in ("familiar", "close") and (i == 0 or toks[i - 1].text in _BOUNDARY_TOK):
        # "In a meeting with the board Trump said": an introductory phrase without its comma;
        # the subject is the trailing name (or nothing we can trust).
        y = j
        while y > i and toks[y].text[:1].isupper() and toks[y - 1].text[:1].isupper():
            y -= 1
        if toks[j].text[:1].isupper() and y > i:
            return y, j
        return None
    # Leading prepositions and adverbs are not part of the phrase.
    while i < j and (toks[i].low in _PREP or toks[i].low in {"and", "or", "&", "-", "'s", "’s", "even", "perhaps",
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


def _clause_start_before(toks: list[Tok], i: int) -> bool:
    """Is token ``i`` at the start of a clause (sentence start, after , — “ ” : ; or a dateline)?"""
    return i == 0 or toks[i - 1].text in _BOUNDARY_TOK or toks[i - 1].low in {"and", "but", "so", "then"}


def _appositive_before(toks: list[Tok], c2: int, depth: int = 0) -> tuple[int, int] | None:
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
        rel_at = next((y for y, t in enumerate(b) if t.low in {"who", "which", "whose", "whom"} or (
            y > 0 and not t.text[:1].isupper() and b[y - 1].text != "," and
            ((t.low.endswith("ing") and t.low not in _ING_OK) or t.low in _REDUCED))), None)
        head = b[:rel_at] if rel_at is not None else b
        if rel_at is None and len(b) > 16:
            continue
        if rel_at is not None and any(t.low in _FORM and t.low not in _NOUNISH for t in b[rel_at + 1:rel_at + 2]):
            continue
        ok = True
        for y in range(len(head)):
            t = head[y]
            if t.text == "," and 0 < y < len(head) - 1:
                continue
            if not _np_ok(t, head[y + 1] if y + 1 < len(head) else None) and t.low not in _PREP and \
                    t.low not in {"the", "a", "an", "its", "his", "her", "their", "and"}:
                ok = False
                break
        if not ok:
            continue
        if head and head[0].low in _PREP | {"and", "but", "or", "during", "while", "after", "before", "including"}:
            continue
        a = _np_before(toks, c1)
        if a is None or a[1] - a[0] > 12:
            continue
        if not _clause_start_before(toks, a[0]):
            if a[0] > 0 and toks[a[0] - 1].low == "that":
                return a[0], c2 - 1
            continue
        start = a[0]
        if b and b[0].low.endswith("ing") and b[0].low not in _ING_OK and not b[0].text[:1].isupper():
            # "Caddell, speaking of the campaign, said": the participle is not part of the speaker.
            return _Partial(start, a[1])
        # "Michael Mulgrew, president of the union, which ...": one more appositive in front.
        if depth == 0 and start >= 2 and toks[start - 1].text == ",":
            more = _appositive_before(toks, start - 1, depth + 1)
            if more is not None and _clause_start_before(toks, more[0]):
                start = more[0]
        return start, c2 - 1
    return None


class _Partial(tuple):
    """A source range that stops before the comma in front of the cue (a participial aside)."""

    def __new__(cls, i: int, j: int):
        return tuple.__new__(cls, (i, j))


def _np_after(toks: list[Tok], k: int) -> tuple[int, int] | None:
    """The inverted source after the cue: '..., said Kakar, the prime minister.'"""
    if k >= len(toks):
        return None
    first = toks[k]
    if not (first.text[:1].isupper() or first.low in {"the", "a", "an", "one", "two", "its", "his", "her",
                                                       "their", "he", "she", "they", "it", "another", "several",
                                                       "some", "senior", "local"}):
        return None
    j = k
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
        if nxt.low in _FORM and _FORM[nxt.low][2] >= 2 and nxt.low not in {"state", "states"} and not nxt.text[:1].isupper():
            break
        j += 1
        if j - k > 40:
            return None
    while j > k and toks[j].text in {",", "—"}:
        j -= 1
    return k, j


def _skip_right(art: _Article, pos: int, end: int, lemma: str) -> tuple[int, Span | None, str | None]:
    """Skip the addressee ("told reporters") and adjuncts ("on Friday", "in a statement") after a
    cue; return (content start, addressee span, outlet)."""
    text = art.text
    addressee = None
    outlet = None
    p = pos
    if lemma in ("tell", "assure", "remind") or (lemma == "warn" and not re.match(r"\s*(?:that|of|against|about)\b", text[p:end])):
        if lemma == "warn":
            m = None
        else:
            m = _ADDRESSEE.match(text, p, end)
        if m and m.end() > p:
            a0 = p + len(m.group(0)) - len(m.group(0).lstrip())
            addressee = (a0, m.end())
            outlet = outlet_name(text[a0:m.end()])
            p = m.end()
    for _ in range(6):
        m = _ADJUNCT.match(text, p, end)
        if not m or m.end() == p:
            break
        p = m.end()
    # "says at a campaign stop in Toledo, Ohio, that ...", "told one of his aides on a call that ...":
    # a prepositional phrase (or the addressee) and then "that".
    m = _PP_THEN_THAT.match(text, p, end)
    if m and (m.group(1) or addressee is not None or lemma in ("tell", "assure", "remind", "warn")):
        p = m.end() - 4
    return p, addressee, outlet


def _content_after(art: _Article, p: int, se: int, lemma: str) -> list[Span] | None:
    """Content after the cue: from ``p`` (after skipped adjuncts) to the sentence end, a quote,
    or a quote plus its continuation."""
    text = art.text
    tail = text[p:se].rstrip()
    if tail.endswith(":") and len(tail) < 120 and not re.search(r"[“\"]", tail):
        # "Langove described the raid in a statement released on Wednesday:" + a quote below.
        q = art.quote_starting_at(se, limit=6)
        if q is not None:
            return _quote_content(art, q)
    while p < se and text[p] in " \t":
        p += 1
    if p < se and text[p] == ":":
        p += 1
    if p < se and text[p] == ",":
        # "said, “...”" or "said, adding ..."
        q = art.quote_starting_at(p + 1)
        if q is None:
            return None
        p += 1
    while p < len(text) and text[p] in " \t":
        p += 1
    if p >= se:
        # "He added:" at a paragraph end: the quote is in the next paragraph.
        if text[se - 1:se] == ":" or text[p - 1:p] == ":":
            q = art.quote_starting_at(p, limit=6)
            if q is not None:
                return _quote_content(art, q)
        return None
    if _SEPARATOR.match(text, p - 1 if p > 0 and text[p - 1] == "," else p):
        return None
    q = art.quote_starting_at(p, limit=1)
    if q is not None:
        rest = text[q.end:se].strip(" ,.;”\"")
        if not rest or q.end >= se or _SEPARATOR.match(text, q.end):
            return _quote_content(art, q)
    end = se
    m = re.search(r"[.!?]\s*[“\"]\s*$", text[p:se])
    if m:
        end = p + m.start() + 1  # the next quote's opening mark, left in this sentence by the splitter
    m = _SEPARATOR.search(text, p, end)
    if m and m.start() > p:
        end = m.start()
    m = _TRAILING_CUE.search(text, p, end)
    if m and m.start() > p:
        end = m.start()
    m = _TRAILING_CHANNEL.search(text, p, end)
    if m and m.start() > p + 10:
        end = m.start()  # "claimed responsibility ... in a statement sent to the media"
    # A quote that starts inside the content and runs beyond the sentence end.
    for u in art.closed:
        if p <= u.start < end and u.end > end:
            end = u.end
            break
    a, b = _strip_span(text, p, end)
    if b - a < 2:
        return None
    return [(a, b)]


def _quote_content(art: _Article, q: Quote) -> list[Span]:
    spans = [tuple(s) for s in q.spans]
    return [s for s in spans if s[1] > s[0]]


def _continuation(art: _Article, after: int, cue_sentence: Span) -> list[Span]:
    """Quoted sentences right after a direct claim, in the same paragraph, with no cue of their
    own: they are more of the same speaker's words."""
    out: list[Span] = []
    text = art.text
    ps, pe = art.para_of(cue_sentence[0])
    p = after
    total = 0
    while True:
        while p < pe and text[p] in " \t.":
            p += 1
        if p >= pe or text[p] not in "“\"'`":
            break
        q = art.by_start.get(p)
        if q is None or q.end > pe or len(q.spans) > 1:
            break
        tail = text[q.end:min(pe, q.end + 60)]
        if re.match(r"\s*,?\s*(?:[\w.'’-]+\s+){0,5}?(?:" + "|".join(("said", "says", "added", "adds", "told",
                                                                   "wrote", "insisted", "continued", "warned",
                                                                   "argued", "asked", "noted")) + r")\b", tail, re.I):
            break
        total += q.end - q.start
        if total > MAX_CONTENT:
            break
        out.append((q.start, q.end))
        p = q.end
    return out


def _gate(art: _Article, toks: list[Tok], k: int, form: str, lemma: str, strength: int) -> bool:
    """Is the cue word at token ``k`` really a reporting verb here?"""
    low = form.lower()
    prev = toks[k - 1] if k > 0 else None
    prev2 = toks[k - 2] if k > 1 else None
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    plow = prev.low if prev else ""
    word = low.split()[0]
    if lemma == "according to":
        return True
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
        if word in _NOUNISH or word in _ADJISH_ED or low.endswith("ing") or plow in ("the", "a", "an", "of", "said"):
            return False
    if word in _NOUNISH and (prev is None or prev.text[:1].isalpha()):
        # Noun or verb? A possessive or adjective before it, or "of/about/,/." after it: a noun
        # ("Trump's claims", "his early-morning tweets", "the claims of").
        if prev is not None and (prev.low.endswith("'s") or prev.low.endswith("s'")):
            return False
        if plow in _DETERMINERS and plow not in ("that", "which", "and", "to"):
            return False
        nlow = nxt.low if nxt else "."
        if nlow in ("of", "by", "about", "from", "for", "on", "in", "and", "or", ",", ".", ")", "were", "was",
                    "is", "are", "have", "has", "had", "will", "would", "can", "could", "made", "against",
                    "with", "at", "to", "over", "into", "after", "before", "remain", "remains"):
            if not (word.endswith("s") is False and nlow == "to" and plow in ("would", "will", "to")):
                return False
        subj_like = prev is None or prev.text[:1].isupper() or plow in _PRONOUNS or plow in _RELATIVES or \
            plow in _AUX or plow.endswith("ly")
        if not subj_like and not (nxt and (nxt.low in ("that", "the", "a", "an", "he", "she", "it", "they",
                                                       "there", "this", "no", "his", "her", "their", "its")
                                           or nxt.text in ("“", '"', ":") or nxt.text[:1].isupper())):
            return False
    if word == "states" and not (nxt and nxt.low in ("that",)):
        return False
    if word in ("calls", "call", "called", "calling") and lemma == "call":
        # "called the attack 'cowardly'": only with a quote or an "a/an" predicate soon after.
        window = art.text[toks[k].end:toks[k].end + 80]
        if not re.match(r"\s+(?:(?:the|it|him|her|them|this|that|his|their|its|[A-Z][\w.'’-]*)\s+)"
                        r"(?:[\w'’-]+\s+){0,4}?(?:“|\"|‘|an?\s+)", window):
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
        if lemma == "expect" and nxt.low == "to":
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
        if not re.match(r"\s*(?:[:,]?\s*[“\"]|that\b|:|,\s*$|\s*[.!?]?\s*$|,\s*(?:adding|saying)\b|(?:[\w’'-]+\s+){0,8}?that\b|"
                        r"(?:on|in)\s+(?:[\w’'-]+\s+){0,6}?that\b|"
                        r"(?:[\w’'-]+\s+){0,3}(?:as|to\s+be)\b)", rest):
            if not (lemma == "report" and rest.lstrip().startswith(("that",))):
                if lemma not in ("describe",) or "as" not in rest.split()[:6]:
                    return False
    if lemma in ("promise", "pledge", "vow", "threaten", "blame", "accuse", "deny", "reject", "dismiss",
                 "condemn", "criticize", "urge", "demand", "estimate", "confirm", "announce", "allege",
                 "claim", "report", "admit", "acknowledge", "warn"):
        # Past participles after a form of "be": passive ("was denied entry"), except impersonal
        # "it was reported that", handled by the caller.
        if (plow in _PASSIVE_AUX or (prev2 is not None and prev2.low in _PASSIVE_AUX and plow in _AUX)) and \
                not _IMPERSONAL.search(art.text[max(0, toks[k].start - 30):toks[k].start]):
            if word.endswith(("ed", "wn", "ied")) or word in ("shot", "told"):
                return False
    impersonal = bool(_IMPERSONAL.search(art.text[max(0, toks[k].start - 30):toks[k].start]))
    if word in ("said", "told", "reported", "claimed", "alleged", "believed", "expected", "thought", "feared",
                "estimated", "described", "known", "called", "shown", "found", "learned") and plow in _PASSIVE_AUX \
            and not impersonal:
        return False
    if word.endswith("ing") and plow in _DETERMINERS and plow not in ("that", "and", "in", "by", "after",
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
    if word in ("note", "notes") and plow in _DETERMINERS:
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


def _asked_to(art: _Article, toks: list[Tok], k: int) -> bool:
    rest = art.text[toks[k].end:toks[k].end + 80]
    return bool(re.match(r"\s+(?:[\w’'.-]+\s+){1,5}?to\s+\w+", rest))


_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
               "yesterday", "tonight", "week", "month", "year", "morning", "afternoon", "evening", "night",
               "weekend"}


def _aux_start(toks: list[Tok], k: int) -> int:
    """Index of the first auxiliary/adverb token of the cue ("has also said" -> "has"); a time
    phrase between the speaker and the cue ("Kakar on Friday said") is skipped over, so that it
    is in neither, but the cue starts at the verb's auxiliaries."""
    i = _aux_chain(toks, k)
    y = i - 1
    # "on Friday", "last week", "earlier this month", "on Tuesday night"
    while y >= 0 and (toks[y].low in _TIME_WORDS or (toks[y].low in ("on", "last", "this", "earlier", "later", "late",
                                                                      "early") and y + 1 < i and
                                                     toks[y + 1].low in _TIME_WORDS | {"this", "last"})):
        y -= 1
    if y < i - 1 and toks[y + 1].low in {"on", "last", "this", "earlier", "later", "late", "early"} | _TIME_WORDS \
            and not (y >= 0 and toks[y].low in _REDUCED):  # not "a report released last year said"
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


def _cue_tokens(toks: list[Tok], a: int, b: int) -> tuple[int, int]:
    """Token index range of cue characters [a, b)."""
    i = next((x for x, t in enumerate(toks) if t.start >= a), len(toks))
    j = i
    while j + 1 < len(toks) and toks[j + 1].end <= b:
        j += 1
    return i, j


def _content_start_of_sentence(art: _Article, ss: int, se: int) -> int:
    m = _DATELINE.match(art.text, ss, se)
    return m.end() if m else ss


def _analyze_sentence(art: _Article, ss: int, se: int, raws: list[_Raw]) -> None:
    text = art.text
    matches = _find_cues(text, ss, se)
    if not matches:
        return
    toks = _tokens(text, ss, se)
    if not toks:
        return
    local: list[_Raw] = []
    for m in matches:
        form = m.form
        lemma, stance, strength = _FORM[form]
        a, b = m.start, m.end
        ki, kj = _cue_tokens(toks, a, b)
        if art.inside_quote(a, b) is not None:
            continue
        if art.inside_quote(a, b) is not None:
            continue
        if not _gate(art, toks, ki, form, lemma, strength):
            continue
        before = text[max(ss, a - 40):a]
        impersonal = bool(_IMPERSONAL.search(before)) and lemma in ("report", "claim", "allege", "say",
                                                                     "believe", "estimate", "fear", "expect",
                                                                     "learn", "confirm", "announce")
        if impersonal:
            nxt = text[b:b + 8].lstrip()
            if not nxt.lower().startswith("that"):
                continue
        if _NEGATION.search(before) and lemma != "according to":
            continue
        if lemma == "according to":
            raw = _according_to(art, toks, ki, kj, ss, se)
            if raw:
                local.append(raw)
            continue
        # Cue span with its auxiliaries and a following colon.
        ai = _aux_start(toks, ki)
        if impersonal:
            # "it was reported that": the cue is "was reported", without "it".
            base = max(ss, a - 40) + _IMPERSONAL.search(before).start()
            cue = (base + re.match(r"\w+\s+", text[base:b]).end(), b)
        else:
            cue = (toks[ai].start, b)
        if text[b:b + 1] == ":":
            cue = (cue[0], b + 1)
        raw = None
        if impersonal:
            p, _, _ = _skip_right(art, b, se, lemma)
            content = _content_after(art, p, se, lemma)
            if content:
                raw = _Raw(cue, lemma, stance, strength, None, content, (ss, se), impersonal=True)
        else:
            raw = _frame(art, toks, ai, ki, kj, cue, lemma, stance, strength, ss, se, local)
        if raw is not None:
            local.append(raw)
    raws.extend(local)


def _frame(art: _Article, toks: list[Tok], ai: int, ki: int, kj: int, cue: Span, lemma: str, stance: str,
           strength: int, ss: int, se: int, local: list[_Raw]) -> _Raw | None:
    text = art.text
    b = cue[1]
    word = toks[ki].low
    prev = toks[ai - 1] if ai > 0 else None
    # 1. Participle after a comma: "..., adding that ..." - the main clause's speaker.
    if word.endswith("ing") and prev is not None and prev.low in ("after", "before", "while", "when", "by",
                                                                   "without", "since", "upon"):
        return None
    if word.endswith("ing") and (prev is None or prev.text in {"“", '"'} or (ai >= 1 and toks[ai - 1].text[:1].isupper()
                                                                            and ai == 1)):
        return None  # "Citing ..., Trump said": the subject comes later; that cue has it
    coordinated = prev is not None and prev.low in ("and", "but") and ai >= 2 and not word.endswith("ing") and \
        not toks[ai - 2].text[:1].isupper() and toks[ai - 2].low not in _PRONOUNS
    if coordinated or (word.endswith("ing") and (prev is None or prev.text == "," or prev.low in ("and", "as"))):
        if prev is not None and prev.low == "as" and ai >= 2:
            # "quoted Kakar as saying"
            quoted = _quoted_as(toks, ai - 1)
            p, addr, outlet = _skip_right(art, b, se, lemma)
            content = _content_after(art, p, se, lemma)
            if not content or quoted is None:
                return None
            qsrc, qi = quoted
            medium = _np_before(toks, qi)  # "Dawn quoted Kakar as saying": Dawn is the outlet
            if medium is not None:
                outlet = outlet_name(text[toks[medium[0]].start:toks[medium[1]].end])
            return _Raw(cue, lemma, stance, strength, qsrc, content, (ss, se), outlet=outlet)
        src = None
        for r in reversed(local):
            if r.source is not None:
                src = r.source
                break
        if src is None:
            rng = _np_forward_subject(toks)
            if rng:
                src = (toks[rng[0]].start, toks[rng[1]].end)
        p, addr, outlet = _skip_right(art, b, se, lemma)
        content = _content_after(art, p, se, lemma)
        if not content or src is None:
            return None
        return _Raw(cue, lemma, stance, strength, src, content, (ss, se), addressee=addr, outlet=outlet,
                    source_copied=True)
    # 2. Inverted: '“...,” said Kakar.' / 'Terror activity increased, says Pakistan' (but not
    # 'Erin Murphy, a former aide, said ...', where the comma closes an appositive).
    appos = _appositive_before(toks, ai - 1) if prev is not None and prev.text == "," else None
    if appos is not None and not _clause_start_before(toks, appos[0]):
        appos = None
    if appos is None and prev is not None and (prev.text in {",", "”", '"', "’", "—", ":"} or prev.text in _CLOSE_Q) and \
            lemma in ("say", "add", "tell", "write", "claim", "insist", "warn", "argue", "note", "explain",
                      "continue", "declare", "reply", "respond", "retort", "ask", "remark", "state",
                      "tweet", "report", "assert", "quip", "stress", "confirm", "deny", "predict",
                      "complain", "boast", "conclude", "observe", "acknowledge", "admit", "concede",
                      "recall", "suggest", "announce", "caution", "testify", "contend", "maintain",
                      "emphasize", "point out", "reiterate", "lament"):
        rng = _np_after(toks, kj + 1)
        if rng is not None:
            src = (toks[rng[0]].start, toks[rng[1]].end)
            content = _content_before(art, toks, ai, ss, se)
            if content:
                tail = toks[rng[1]].end
                content = content + _split_tail(art, tail, se)
                return _Raw(cue, lemma, stance, strength, src, content, (ss, se))
    # 3. Source before the cue.
    rng = _np_before(toks, getattr(ai, "skip_from", ai))
    if rng is None:
        # "..., he said" handled above; a bare cue with no source ("Said Kakar" at sentence start).
        if ai == 0 or (prev is not None and prev.text in {",", "”", '"'}):
            nrng = _np_after(toks, kj + 1)
            if nrng is not None and ai == 0:
                src = (toks[nrng[0]].start, toks[nrng[1]].end)
                content = _content_before(art, toks, ai, ss, se)
                if content:
                    return _Raw(cue, lemma, stance, strength, src, content, (ss, se))
        return None
    i, j = rng
    if toks[i].low in ("no", "nobody", "none", "neither", "nothing"):
        return None  # "No group claimed responsibility": nobody said anything
    src = (toks[i].start, toks[j].end)
    if text[src[1] - 1] == ",":
        src = (src[0], src[1] - 1)
    p, addr, outlet = _skip_right(art, b, se, lemma)
    right_content = _content_after(art, p, se, lemma)
    pre = toks[i - 1] if i > 0 else None
    before_q = art.quote_ending_at(toks[i].start)
    if before_q is not None and ((pre is None and not right_content) or
                                 (pre is not None and (pre.text in {",", "”", '"', "’", "—"} or pre.text in _CLOSE_Q))):
        # '“The attackers,” he said, “came at dawn.”' / '“A.” Kakar said.'
        content = _quote_content(art, before_q) + _split_tail(art, b, se, skip_from=p)
        return _Raw(cue, lemma, stance, strength, src, content, (ss, se), addressee=addr, outlet=outlet)
    if pre is not None and pre.text in {",", "—", "–", ";", ":"} and (not right_content or _only_tail(art, p, se)):
        content = _content_before(art, toks, i, ss, se)
        if content:
            # "The average benefit, he says, would be $300": the clause goes on after the cue.
            m = re.match(r"\s*,\s*", text[p:se])
            if m and pre.text == "," and not _SEPARATOR.match(text, p) and art.quote_starting_at(p + m.end(), 1) is None:
                rest = _strip_span(text, p + m.end(), se)
                if rest[1] - rest[0] > 3 and len(content) == 1:
                    content = content + [rest]
            return _Raw(cue, lemma, stance, strength, src, content, (ss, se), addressee=addr, outlet=outlet)
    if i == 0 and not right_content:
        # "Kakar said." after a quoted sentence in the same paragraph.
        ps, _ = art.para_of(ss)
        q = art.quote_ending_at(ss) if ss > ps else None
        if q is not None and q.end > ps:
            return _Raw(cue, lemma, stance, strength, src, _quote_content(art, q), (ss, se), addressee=addr,
                        outlet=outlet)
    if right_content:
        content = right_content
        q = art.by_start.get(content[0][0])
        if q is not None and len(content) >= 1 and content[-1][1] == q.end:
            content = content + _continuation(art, q.end, (ss, se))
        return _Raw(cue, lemma, stance, strength, src, content, (ss, se), addressee=addr, outlet=outlet)
    return None


def _only_tail(art: _Article, p: int, se: int) -> bool:
    """Is what follows the cue only a trailing phrase (split-quote, adding, or nothing)?"""
    rest = art.text[p:se].strip()
    if not rest or rest in {".", "!", "?"}:
        return True
    if rest[0] == "," and (art.quote_starting_at(p) is not None or _SEPARATOR.match(art.text, p + art.text[p:se].find(","))):
        return True
    return False


def _split_tail(art: _Article, b: int, se: int, skip_from: int | None = None) -> list[Span]:
    """After '“A,” he said': a second quote part (', “B.”') and quoted sentences that follow."""
    p = skip_from if skip_from is not None else b
    text = art.text
    m = re.match(r"\s*,\s*", text[p:se])
    out: list[Span] = []
    if m:
        q = art.quote_starting_at(p + m.end(), limit=1)
        if q is not None:
            out = _quote_content(art, q)
            return out + _continuation(art, q.end, (art.para_of(b)[0], se))
    # '“A,” he said at a rally. “B.”': the next quoted sentences, if nothing else follows the cue.
    tail = text[p:se]
    cont = None
    if re.fullmatch(r"\s*[.!?]?\s*", tail):
        cont = se
    else:
        m = re.match(r"[^.!?“\"]{0,120}?[.!?]\s*(?=[“\"]|$)", tail)
        if m is not None:
            cont = p + m.end()
    if cont is not None:
        out = _continuation(art, cont, (art.para_of(b)[0], se))
    return out


def _content_before(art: _Article, toks: list[Tok], i: int, ss: int, se: int) -> list[Span] | None:
    """The clause before '..., the ISPR said' (or the quote before it)."""
    text = art.text
    if i == 0:
        return None
    end = toks[i - 1].start if toks[i - 1].text in {",", "—", "–", ";"} else toks[i].start
    q = art.quote_ending_at(toks[i].start)
    if q is not None:
        return _quote_content(art, q)
    start = _content_start_of_sentence(art, ss, se)
    # An unbalanced quote mark: fall back to the sentence.
    a, e = _strip_span(text, start, end)
    if e - a < 3:
        return None
    if e - a > MAX_CONTENT:
        a = e - MAX_CONTENT
    return [(a, e)]


def _quoted_as(toks: list[Tok], as_idx: int) -> tuple[Span, int] | None:
    """'quoted Kakar as saying' -> (the span of 'Kakar', the index of 'quoted')."""
    for x in range(as_idx - 1, max(-1, as_idx - 10), -1):
        if toks[x].low in ("quoted", "cited", "quotes", "quoting", "citing"):
            if x + 1 <= as_idx - 1:
                return (toks[x + 1].start, toks[as_idx - 1].end), x
            return None
    return None


def _np_forward_subject(toks: list[Tok]) -> tuple[int, int] | None:
    """The subject at the start of a sentence, for '..., adding that' without an earlier cue."""
    k = 0
    if k < len(toks) and toks[k].low in ("but", "and", "meanwhile", "however", "earlier", "later"):
        k += 1
    if k < len(toks) and toks[k].text == ",":
        k += 1
    if k < len(toks) and toks[k].low in _PREP | {"during", "after", "before", "since", "last", "earlier", "later"}:
        # "In August, several environmental groups ... , saying": after the introductory phrase.
        c = next((x for x in range(k, min(len(toks), k + 12)) if toks[x].text == ","), None)
        if c is None:
            return None
        k = c + 1
    if k >= len(toks):
        return None
    if toks[k].low in _PRONOUNS:
        return k, k
    j = k
    while j + 1 < len(toks) and _np_ok(toks[j + 1], toks[j + 2] if j + 2 < len(toks) else None) and j - k < 10:
        j += 1
    if not any(t.text[:1].isupper() for t in toks[k:j + 1]):
        return None
    return k, j


def _according_to(art: _Article, toks: list[Tok], ki: int, kj: int, ss: int, se: int) -> _Raw | None:
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
        while y + 1 < len(toks) and (_np_ok(toks[y + 1], toks[y + 2] if y + 2 < len(toks) else None)
                                     or toks[y + 1].low in _PREP):
            y += 1
        if y + 1 >= len(toks) or toks[y + 1].text in {".", "!", "?"}:
            x = y
    src = (toks[j].start, toks[x].end)
    after_src = toks[x + 1] if x + 1 < len(toks) else None
    lead = text[_content_start_of_sentence(art, ss, se):cue[0]].strip()
    if not lead or lead in {"But", "And", "Yet", "So", "(", "—"}:
        # "According to the report, the U.S. military removed ..."
        if after_src is None or after_src.text != ",":
            return None
        p = after_src.end
        content = _content_after(art, p, se, "according to")
        if not content:
            return None
        return _Raw(cue, "according to", ASSERTS, 2, src, content, (ss, se))
    # "Nine soldiers were killed, according to the ISPR."
    start = _content_start_of_sentence(art, ss, se)
    a, e = _strip_span(text, start, cue[0])
    spans = [(a, e)] if e - a >= 3 else []
    if after_src is not None and after_src.text == "," and x + 2 < len(toks):
        rest = _strip_span(text, after_src.end, se)
        if rest[1] - rest[0] > 3:
            spans.append(rest)
    if not spans:
        return None
    q = art.quote_ending_at(cue[0])
    if q is not None and len(spans) == 1:
        spans = _quote_content(art, q)
    return _Raw(cue, "according to", ASSERTS, 2, src, spans, (ss, se))


# --------------------------------------------------------------------------- finishing


def _kind(art: _Article, spans: list[Span]) -> str:
    text = art.text
    quoted = {tuple(x) for q in art.quotes for x in q.spans}
    if all(tuple(sp) in quoted for sp in spans):
        return "direct"
    direct = all(text[a:a + 1] in "“\"‘'" and text[b - 1:b] in "”\"’'" for a, b in spans)
    if direct and all(art.by_start.get(a) is not None or any(q.start == a for q in art.quotes) for a, _ in spans):
        return "direct"
    for a, b in spans:
        if re.search(r"[“”\"‘]", text[a:b]) or re.search(r"(?<!\w)'\w[^']{0,80}'(?!\w)", text[a:b]):
            return "mixed"
    return "indirect"


def _stance(art: _Article, raw: _Raw, content_text: str) -> str:
    stance = raw.stance
    if raw.lemma == "ask" and re.match(r"\s*(?:[\w’'.-]+\s+){1,5}?to\s+\w+", art.text[raw.cue[1]:raw.cue[1] + 80]):
        stance = DEMANDS
    if raw.lemma in ("fear", "worry"):
        stance = WARNS
    if stance == ASSERTS and _CHARACTERIZED_FALSE.search(content_text[:300]):
        return DENIES
    if stance == ASSERTS:
        probe = content_text
        if raw.extra.get("kind") == "direct":
            probe = re.split(r"(?<=[.!?])\s", content_text, maxsplit=1)[0]
        if _FUTURE.search(probe[:260]):
            return PREDICTS
    return stance


def _channel(art: _Article, raw: _Raw, frame_text: str) -> str | None:
    for pat, name in _CHANNELS:
        if pat.search(frame_text):
            return name
    return None


def _frame_text(art: _Article, raw: _Raw) -> str:
    """The cue's clause without its content (where channel and date are read)."""
    ss, se = raw.sentence
    pieces = []
    cur = ss
    for a, b in sorted(raw.content):
        a, b = max(a, ss), min(b, se)
        if a >= b:
            continue
        if a > cur:
            pieces.append(art.text[cur:a])
        cur = max(cur, b)
    if cur < se:
        pieces.append(art.text[cur:se])
    return " ".join(pieces)


def _date(art: _Article, raw: _Raw, dates) -> str | None:
    ss, se = raw.sentence
    cands = []
    for d in dates:
        if not (ss <= d.start < se):
            continue
        if any(a <= d.start < b for a, b in raw.content):
            continue
        if raw.source and raw.source[0] <= d.start < raw.source[1] and not re.search(
                r"\b(?:released|published|issued|aired|broadcast)\b", art.text[raw.source[0]:d.start]):
            continue
        cands.append((abs(d.start - raw.cue[0]), d))
    if not cands:
        return None
    return min(cands, key=lambda t: t[0])[1].date


def _confidence(raw: _Raw, speaker: dict | None, kind: str, content_text: str) -> float:
    c = {2: 0.8, 1: 0.65, 0: 0.5}[raw.strength]
    if speaker is None:
        c -= 0.15
    elif speaker["entity"].type in ("person", "institution", "document") and speaker["text"].lower() not in (
            "he", "she", "they", "it", "who", "which", "that"):
        c += 0.1
    if kind == "direct":
        c += 0.05
    if raw.source_copied:
        c -= 0.05
    if len(content_text.split()) < 3:
        c -= 0.15
    return round(max(0.05, min(0.99, c)), 2)


def find_claims(text: str, sentences: list[tuple[int, int]], published: str | None) -> list[Claim]:
    """Attributed claims in ``text`` (see the module docstring for the conventions).

    ``sentences`` are the article's sentence spans (``watchfloor.nlp.sentences(text)``);
    ``published`` is an ISO date or None. Claims come in text order of their cue.
    """
    if not text or not sentences:
        return []
    art = _Article(text, sentences, published)
    raws: list[_Raw] = []
    for ss, se in art.sentences:
        if se - ss > 5000:  # a run-on "sentence" (no punctuation): read only its start
            se = ss + 5000
        _analyze_sentence(art, ss, se, raws)
    if not raws:
        return []
    # One claim per cue; drop claims whose content is another claim's speaker or cue.
    seen: set[Span] = set()
    uniq: list[_Raw] = []
    for r in sorted(raws, key=lambda r: r.cue):
        if r.cue in seen:
            continue
        seen.add(r.cue)
        r.content = _cap(text, r)
        if not r.content:
            continue
        uniq.append(r)
    dates = []
    for ss, se in sorted({r.sentence for r in uniq}):
        if _MAYBE_DATE.search(text, ss, se):
            dates.extend(find_dates(text[ss:se], published, offset=ss))
    resolver = SpeakerResolver(text)
    claims: list[Claim] = []
    for r in uniq:
        content_text = " ".join(text[a:b] for a, b in r.content)
        kind = _kind(art, r.content)
        r.extra["kind"] = kind
        # Content: "rejected the allegation that X" -> "that X".
        if r.stance == DENIES and len(r.content) == 1:
            a, b = r.content[0]
            m = _ALLEGATION_HEAD.match(text, a, b)
            if m and m.end() < b:
                r.content = [(m.end(), b)]
                content_text = text[m.end():b]
        frame = _frame_text(art, r)
        speaker = None
        if r.source is not None:
            s0, s1 = r.source
            anon = bool(re.search(r"condition of anonymity|asked not to be (?:named|identified)|"
                                  r"not authori[sz]ed to", frame, re.I))
            ent = resolver.resolve(text[s0:s1], s0, s1, r.sentence, outlet=r.outlet, anonymous_hint=anon)
            # The entity object is filled in by later mentions; it becomes a dict at the end.
            speaker = {"text": text[s0:s1], "start": s0, "end": s1, "entity": ent}
        channel = _channel(art, r, frame)
        if channel is None and speaker and speaker["entity"].type == "document" and re.search(
                r"\breport", speaker["text"], re.I):
            channel = "a report"
        if speaker is not None:
            resolver.note_channel_document(speaker, channel)
        stance = _stance(art, r, content_text)
        claims.append(Claim(
            speaker=speaker,
            cue={"text": text[r.cue[0]:r.cue[1]], "start": r.cue[0], "end": r.cue[1]},
            content={"text": content_text, "spans": [[a, b] for a, b in r.content]},
            kind=kind,
            stance=stance,
            channel=channel,
            date=_date(art, r, dates),
            about=[],
            confidence=_confidence(r, speaker, kind, content_text),
        ))
    for c, r in zip(claims, uniq):
        if c.speaker is not None:
            d = c.speaker["entity"].to_dict()
            d["outlet"] = r.outlet or (d["outlet"] if d["type"] in ("institution", "document") else None)
            c.speaker["entity"] = d
    return claims


def _cap(text: str, r: _Raw) -> list[Span]:
    """Content within ``MAX_CONTENT`` characters; an over-long content falls back to its sentence."""
    spans = [(a, b) for a, b in r.content if b > a]
    total = sum(b - a for a, b in spans)
    if total <= MAX_CONTENT:
        return spans
    ss, se = r.sentence
    a, b = _strip_span(text, ss, min(se, ss + MAX_CONTENT))
    if r.source and a <= r.source[0] < b:
        # Keep the part of the sentence that is not the speaker and cue.
        if r.cue[1] < b:
            a = max(a, r.cue[1])
    return [(a, b)] if b > a else []
