"""Counting people: numbers in words and digits, and who was killed or injured.

ACLED's rule: the most conservative figure reported. "at least nine" is 9, "more than 200"
is 200, "9 to 12" is 9, "dozens" 12, "tens" 10, "hundreds" 100. Vague words without a
number ("several", "a few", "many") use the conservative defaults in the settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sides import SIDE_WORDS, side_of
from .toll_phrases import GROUP_CLAIM as _GROUP_CLAIM
from .toll_phrases import NEG_BEFORE as _NEG_BEFORE
from .toll_phrases import NONE as _NONE
from .toll_phrases import ORDINALS
from .toll_phrases import STATE_CLAIMANT as _STATE_CLAIMANT
from .toll_phrases import UNSPECIFIED as _UNSPECIFIED
from .toll_phrases import own_dead_pattern, toll_pattern

UNITS = {
    "zero": 0, "no": 0, "none": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "both": 2, "couple": 2, "pair": 2, "dozen": 12, "score": 20,
}
VAGUE_PLURALS = {"dozens": 12, "tens": 10, "scores": 20, "hundreds": 100, "thousands": 1000}
VAGUE_WORDS = ("several", "few", "many", "some", "numerous", "multiple")

_UNIT_WORDS = "|".join(sorted((k for k in UNITS if k not in ("a", "an", "no", "none")), key=len, reverse=True))
# One number: digits (with thousands separators), or words like "twenty-three", "a dozen",
# "two hundred", "dozens of", "several".
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+)"
    rf"|(?:(?:{_UNIT_WORDS})(?:[- ](?:{_UNIT_WORDS}))?(?:\s+hundred(?:\s+and\s+(?:{_UNIT_WORDS})(?:[- ](?:{_UNIT_WORDS}))?)?)?)"
    r"|(?:a|one)\s+(?:dozen|hundred|score)"
    rf"|(?:{'|'.join(VAGUE_PLURALS)})(?:\s+of)?"
    rf"|(?:a\s+)?(?:{'|'.join(VAGUE_WORDS)})"
)
QUALIFIER = (
    r"(?:at\s+least|more\s+than|over|nearly|almost|about|around|approximately|some|up\s+to|"
    r"as\s+many\s+as|no\s+fewer\s+than|no\s+less\s+than|close\s+to|roughly|an\s+estimated|"
    r"a\s+total\s+of|at\s+most|fewer\s+than|less\s+than)"
)
# A figure: optional qualifier, a number, and an optional range "to/or/-" second number.
FIGURE = rf"(?:{QUALIFIER}\s+)?(?:{NUMBER})(?:\s*(?:-|–|to|or)\s*(?:{NUMBER}))?"


def word_number(text: str, vague: dict[str, int] | None = None) -> int | None:
    """Value of one number phrase ("twenty-three", "2,600", "a dozen", "dozens of")."""
    t = text.lower().strip().replace("\u2013", "-")
    t = re.sub(r"\s+of$", "", t)
    t = re.sub(r"^a\s+", "", t) if not t in ("a", "an") else t
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", t):
        return int(t.replace(",", ""))
    if t in VAGUE_PLURALS:
        return VAGUE_PLURALS[t]
    vague = vague or {}
    if t in VAGUE_WORDS:
        key = {"few": "few", "several": "several", "many": "many", "numerous": "many",
               "multiple": "several", "some": "few"}[t]
        return vague.get(key, {"few": 2, "several": 3, "many": 5}[key])
    total, current = 0, 0
    for part in re.split(r"[\s-]+", t):
        if part == "and":
            continue
        if part == "hundred":
            current = max(current, 1) * 100
        elif part == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif part in UNITS:
            current += UNITS[part]
        else:
            return None
    return total + current


def figure_value(text: str, vague: dict[str, int] | None = None) -> int | None:
    """The conservative value of a figure: a range gives its lower bound."""
    t = text.lower()
    t = re.sub(rf"^{QUALIFIER}\s+", "", t)
    # "9-12" and "9 - 12" are ranges; "twenty-three" is one number.
    parts = re.split(r"\s*(?:–|\bto\b|\bor\b)\s*|(?<=\d)\s*-\s*(?=\d)|\s+-\s+", t, maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        low, high = word_number(parts[0], vague), word_number(parts[1], vague)
        if low is not None and high is not None:
            return min(low, high)
    return word_number(t, vague)


# --- who was killed or hurt ----------------------------------------------------------------

def _nationality_nouns() -> str:
    """Plural nationality words used as nouns ("nine Sudanese", "three Afghans")."""
    from ..geo.demonyms import nation_table
    from ..textmatch import trie_alternation

    words = {w for w, (_, kind) in nation_table().by_word.items()
             if kind == "people" or (kind == "adjective" and w.endswith(("ese", "ss", "ch", "sh")))}
    return trie_alternation(words, fold=True)


KILL_VERBS = (
    r"killed|dead|died|martyred|slain|shot\s+dead|gunned\s+down|lost\s+(?:their|his|her)\s+li(?:ves|fe)|"
    r"perished|embraced\s+martyrdom|succumbed\s+to\s+(?:their|his|her)\s+(?:injuries|wounds)|"
    r"beheaded|executed|massacred|murdered|assassinated|lynched|burnt\s+alive|burned\s+to\s+death|"
    r"(?:hacked|stabbed|beaten|bludgeoned|stoned|clubbed|burnt|tortured|shot)\s+to\s+death|found\s+dead|"
    r"were\s+among\s+the\s+dead|fatalities|deaths|casualties\s+among\s+the\s+dead|"
    # military statements' word for killing militants: "six terrorists were sent to hell"
    r"sent\s+to\s+hell|dispatched\s+to\s+hell"
)
INJURE_VERBS = (r"injured|wounded|hurt|maimed|injuries|injuring|wounding|"
                r"(?:sustained|suffered|received)\s+(?:\w+\s+){0,2}?(?:injuries|wounds)")

@dataclass
class Count:
    """One statement of people killed or injured."""

    value: int
    kind: str  # "killed" | "injured"
    side: str  # "security" | "attackers" | "civilians" | "unknown"
    start: int
    end: int
    phrase: str
    claimed_by_group: bool = False
    update: bool = False  # "the death toll rose to ..."
    generic: bool = False
    who: str = ""  # the people counted, as written: "nine soldiers"
    vague: bool = False  # no number given ("heavy casualties"): the settings' default


# a few modifiers: "Pakistani security", "off-duty", "FC", "TTP and LeI"; never a verb of the clause ("one victim was
# killed and five others were wounded" is two figures)
_ADJ = (r"(?:(?:(?!(?:was|were|(?-i:is)|are|killed|died|dead|injured|wounded|hurt|and|or|but|while|left|leaving)\b)[A-Za-z'.-]+,?|"
        r"\([^)]{1,40}\)|(?-i:[A-Z][A-Za-z'.-]*)\s+and(?=\s+(?-i:[A-Z])))\s+){0,6}?")
_NOUN = "|".join(f"(?:{p})" for p in SIDE_WORDS.values()) + "|" + _nationality_nouns()
# "five May 2019" is a date, not five of anything; "four separatists", "two marines" and "six
# mayors" are people: only a month's name itself, or its abbreviation, follows.
_MONTH_AFTER = (r"(?!\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b)")
# "a 45 year old man": an age, not a count
_AGE_AFTER = r"(?![- ]years?[- ]old\b)"
_FIG = rf"(?P<fig>{FIGURE}|a|an|one|another|two\s+more|(?:{NUMBER})\s+(?:more|other)){_MONTH_AFTER}{_AGE_AFTER}"
_BE = (r"(?:\s+(?:who|that|were|was|have|has|had|been|are|is|got|reportedly|also|later|all|each|left|both|critically|"
       r"seriously|severely|badly|fatally|allegedly|yesterday|today|instantly|brutally|feared|may|might|"
       r"(?:reported|believed|alleged|said|thought|confirmed|feared)(?:\s+to\s+have\s+been)?))*")
# "members of the Sibi Scouts", "personnel from the FC", "workers belonging to Punjab"
_POSTMOD = (r"(?:\s+(?:of|from|belonging\s+to|with|in)\s+(?:the\s+)?[\w'.-]+(?:\s+[\w'.-]+){0,3}?)?"
            r"(?:\s*\([^)]{1,40}\))?")

# One person and another named by their tie to the first: "and his driver", "and her son".
_AND_THEIR_ONE = re.compile(r"\s+and\s+(?:his|her|their)\s+(?:[A-Za-z'.-]+\s+)?(?:[a-z]+(?<!s))\b(?!\s+(?:and|or)\b)")

# "nine soldiers were killed", "two policemen martyred", "3 dead", "ten people including the bomber died"
_PASSIVE = re.compile(
    rf"\b{_FIG}\s+(?:of\s+the\s+)?{_ADJ}(?P<noun>{_NOUN}|others)\b"
    rf"(?P<coord>\s+(?:and|or)\s+(?!(?:{FIGURE}|a|an|one)\s)(?:[A-Za-z'.-]+\s+){{0,2}}?(?:{_NOUN})\b)?{_POSTMOD}"  # "386 soldiers and police officers"
    rf"(?:\s*,?\s*(?:and|as\s+well\s+as)\s+(?P<fig2>{FIGURE}|a|an|one)\s+{_ADJ}(?P<noun2>{_NOUN})\b{_POSTMOD})?"
    rf"(?:\s*,?\s*(?:including|among\s+them|among\s+whom)(?:(?!\band\b)[^.;]){{0,60}}?,?)?"
    rf"{_BE}\s+(?:(?:[a-z]+ed|shot|hit|beaten)\s+and\s+)?(?P<verb>{KILL_VERBS}|{INJURE_VERBS})\b",
    re.I,
)
# "11 killed", "2 fatalities.", "three dead": a tally with no noun (headlines, coders' notes)
_BARE = re.compile(rf"(?<![$€£\w.,])(?P<fig>{FIGURE}){_MONTH_AFTER}\s+(?:people\s+)?(?:(?:were|was|are|have\s+been)\s+)?"
                   r"(?:(?:reported(?:ly)?|said|feared|confirmed|believed)\s+(?:to\s+be\s+)?)?"
                   rf"(?P<verb>killed|dead|fatalities|deaths|injured|wounded)\b"
                   r"(?!\s+(?:in|of|from|since|this|last|so)\s+(?:the\s+)?(?:year|month|war|conflict|19|20))", re.I)
# "4 bodies were recovered", "saw six bodies": the dead, counted by their bodies
_BODIES = re.compile(rf"\b(?P<fig>{FIGURE})\s+(?:(?:dead|more|other|charred|decomposed|mutilated|bullet-riddled)\s+)?"
                     r"(?P<verb>bodies)\b(?!\s+(?:of\s+)?(?:water|armou?r|politic))", re.I)
# "later succumbed to his injuries", "died of her wounds": one of the hurt died
_SUCCUMBED = re.compile(r"\b(?:succumbed|died)\s+(?:\w+\s+){0,2}?(?:to|of|from)\s+(?:his|her)\s+(?:injuries|wounds)\b", re.I)
# "blew himself up", "detonated herself": the bomber died (counted when no other death is)
_SELF_BLOWN = re.compile(r"\b(?:blew|blowing|blows)\s+(?:himself|herself)\s+up|\bdetonated\s+(?:himself|herself)\b", re.I)
# "have killed at least 23.", "killing 12 in Amran": the verb's figure with no noun after it
_ACTIVE_NO_NOUN = re.compile(
    rf"\b(?P<verb>killing|killed|kills|kill)\s+(?:at\s+least\s+|as\s+many\s+as\s+|more\s+than\s+|over\s+|some\s+|about\s+|"
    rf"around\s+|nearly\s+)?(?P<fig>{FIGURE})(?=\s*[.;,]|\s*$|\s+(?:and|in|on|at|during|near|since|after|when|while)\b)", re.I)
# "injuring both", "wounding all three"
_BOTH = re.compile(r"\b(?P<verb>killing|injuring|wounding)\s+(?:them\s+)?(?P<fig>both|all\s+(?:two|three|four|five))\b", re.I)
# "killing nine soldiers", "left three dead", "injuring several others", "killed 9 soldiers"; after
# a possessive the verb is a noun ("died of his wounds several hours later")
_ACTIVE = re.compile(
    rf"(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )(?<!\bthe )\b(?P<verb>killing|killed|kills|kill|slays|slay|martyring|martyred|claimed\s+the\s+lives?\s+of|wounds|injures|"
    rf"left|leaving|injuring|injured|wounding|wounded|shot\s+dead|gunned\s+down|slaughtered|"
    rf"massacred|murdered|assassinated|executed|beheaded|lynched|"
    rf"(?:beat|beats|hacked|stabbed|stoned|burned|burnt)\s+to\s+death|shot\s+and\s+killed)\s+"
    rf"(?:at\s+least\s+|as\s+many\s+as\s+|more\s+than\s+|over\s+|some\s+|about\s+|around\s+|nearly\s+)?"
    rf"{_FIG}\s+{_ADJ}(?P<noun>{_NOUN}|others?|[A-Za-z-]{{3,}})\b"
    rf"(?:\s*,?\s*(?:and|as\s+well\s+as)\s+(?P<fig2>{FIGURE})\s+{_ADJ}(?P<noun2>{_NOUN})\b)?"
    rf"(?P<tail>\s+(?:dead|injured|wounded|killed))?",
    re.I,
)
# "killing him", "injuring them both"
_PRONOUN_OBJECT = re.compile(
    r"\b(?P<verb>killing|killed|injuring|wounding|injured|wounded)\s+(?P<who>him|her|himself|herself)\b(?!\s+\w+(?:ed|ing)\b)"
    r"|\bshot\s+(?P<who2>him|her)\s+(?P<verb2>dead)\b|\b(?P<verb3>shot\s+and\s+killed|shot\s+dead)\s+(?:a|an|the)\b", re.I)
_TOLL = TOLL_UPDATE = toll_pattern(FIGURE)
_OWN_DEAD = OWN_DEAD = own_dead_pattern(FIGURE)
_SINGULAR = "|".join(
    w for w in ("soldier", "policeman", "police officer", "officer", "constable", "jawan", "sepoy", "civilian",
                "person", "man", "woman", "boy", "girl", "child", "passenger", "labourer", "laborer", "worker",
                "villager", "resident", "student", "teacher", "journalist", "trader", "farmer", "militant",
                "terrorist", "attacker", "assailant", "gunman", "bomber", "suspect", "guard", "official",
                "member", "individual", "captain", "major", "lieutenant", "colonel", "commando", "cop", "chief",
                "leader", "head constable", "sho", "commander", "inspector", "sub-inspector", "subedar", "naik",
                "levies official", "fc official", "engineer", "national", "citizen", "rebel", "insurgent",
                "victim", "pastor", "priest", "activist", "vendor", "herder", "fisherman", "agent", "ranger",
                "auxiliary", "militiaman", "gendarme", "informant", "informer", "interpreter")
)
# "Land agent killed at his home", "Terror suspect killed": a headline's one victim, no article
_HEADLINE_ONE = re.compile(
    rf"(?:^|(?<=[.!?;]\s)|(?<=\n))(?:[\w'-]+\s+){{0,2}}?(?P<noun>{_SINGULAR})\s+"
    r"(?P<verb>killed|shot\s+dead|gunned\s+down|hacked\s+to\s+death|beheaded|murdered|lynched|stabbed\s+to\s+death)\b"
    r"(?!\s+(?:a|an|the|his|her|their|two|three|four|five|\d+|(?-i:[A-Z]))\b)", re.I)  # an object after it: active
# "He was killed", "a soldier was martyred", "the driver died" (singular only: "the soldiers were
# killed" restates a figure given elsewhere)
_SINGLE = re.compile(
    rf"\b(?:(?P<pron>he|she|another|one\s+other)|(?:a|an|one|the)\s+{_ADJ}(?P<noun>{_SINGULAR}|driver|official|leader|commander|chairman|"
    rf"councill?or|shopkeeper|doctor|cleric|informant|elder|guard|watchman|head|owner|son|brother|father))"
    rf"{_POSTMOD}{_BE}\s+(?P<verb>{KILL_VERBS}|{INJURE_VERBS})\b",
    re.I,
)
# "The chairman of a taxi cooperative in Murang'a was shot dead": a singular verb says one died,
# however long the subject.
_WAS_KILLED = re.compile(
    rf"\b(?:was|has\s+been|had\s+been)\s+(?:(?:reportedly|allegedly|brutally|yesterday|also)\s+)?"
    rf"(?P<verb>killed|shot\s+dead|gunned\s+down|beheaded|executed|murdered|assassinated|lynched|slain|"
    rf"(?:hacked|stabbed|beaten|burnt|burned|stoned)\s+to\s+death)\b", re.I)
# "killed a former senator", "beheaded the village chief": one person, named by a singular noun
# ("Mob lynch a thief" in a headline, but not "tried to lynch a man").
_KILLED_ONE = re.compile(
    rf"\b(?:(?P<verb>killed|killing|shot\s+dead|gunned\s+down|assassinated|beheaded|murdered|lynched|executed)\s+"
    rf"(?:a|an|the|one)|(?<!\bto\s)(?:kills?|lynch(?:es)?)(?=\s+(?-i:[a-z]))|(?:execution|beheading|lynching)\s+of\s+"
    rf"(?:a|an|the|one))\s+(?:[\w'-]+\s+){{0,3}}?(?P<noun>{_SINGULAR}|chief|pastor|imam|priest|senator|lawmaker|"
    rf"politician|judge|lawyer|activist|chairman|councill?or|commander|leader|cleric|doctor|driver|elder|head)\b"
    rf"(?!\s+(?:and|or)\s+(?:\d|two|three|four|five|six|seven|eight|nine|ten|several|many|dozens))", re.I)
# "a mob beat a suspected thief to death", "hacked two farmers to death": the victims sit
# between the verb and "to death".
_TO_DEATH = re.compile(
    rf"\b(?P<verb>beat|beats|hacked|hacks|stabbed|stoned|clubbed|bludgeoned|burn|burned|burnt|burns|stabs)\s+{_FIG}\s+"
    rf"(?:[\w'-]+\s+){{0,3}}?(?P<noun>{_NOUN}|[A-Za-z-]{{3,}})\s+to\s+death\b", re.I)


def _count_from(value: int | None, verb: str, noun: str, m: re.Match, text: str, offset: int,
                update: bool = False) -> Count | None:
    if value is None:
        return None
    v = verb.lower()
    kind = "injured" if re.fullmatch(INJURE_VERBS, v) or v in ("injuring", "wounding", "wounds", "injures", "wound", "injure") else "killed"
    side, generic = side_of(noun) if noun else ("unknown", True)
    if noun and side == "unknown" and "noun" in m.re.groupindex and m.group("noun"):
        prev = re.search(r"([\w-]+)\s+$", text[max(0, m.start("noun") - 30): m.start("noun")])
        if prev and side_of(f"{prev.group(1)} {noun}")[0] != "unknown":
            side, generic = side_of(f"{prev.group(1)} {noun}")  # "a PDEA agent", "a customs agent"
    before = text[max(0, m.start() - 60): m.start()]
    claimed = bool(_GROUP_CLAIM.search(before)) and not _STATE_CLAIMANT.search(before.split("claim")[0][-40:])
    groups = m.re.groupindex
    who = ""
    if "noun" in groups and m.group("noun") and noun:
        fig = m.group("fig") if "fig" in groups and m.group("fig") else ""
        who = re.sub(r"\s+", " ", text[m.start("fig") if fig else m.start("noun"): m.end("noun")]).strip()
    if noun and "noun" in groups and m.group("noun"):
        head = _NEXT_NOUN.match(text, m.end("noun"))
        if side != "unknown" and head and side_of(head.group(1))[0] != "unknown":
            side, generic = side_of(head.group(1))  # "a police interpreter": the noun was a modifier
        if _NOT_FIGHTING.search(text[m.start(): m.end("noun")]):
            side = "civilians"
    return Count(value, kind, side, offset + m.start(), offset + m.end(), m.group(0), claimed, update, generic, who)


# Who is not a fighter though the noun is: a retired or off-duty officer, a village "captain"
# or "commander" (Philippine barangay officials), a drug suspect.
_NEXT_NOUN = re.compile(r"\s+([a-z][a-z-]+)\b(?!\s+(?:of|from)\b)")
_NOT_FIGHTING = re.compile(r"\b(?:retired|former|ex-|off-duty|off\s+duty|village|barangay|drug(?!\s+enforcement)|unarmed)\b", re.I)


# A transitive verb right after its subject, with no "was/were" between, is active voice: "a
# suicide bomber killed 11 people" counts the 11, not the bomber. Verbs that need no object
# ("died", "martyred") and a preposition after ("a soldier killed in the blast") stay passive.
_AUXILIARY = re.compile(r"\b(?:was|were|is|are|been|got|be)\b", re.I)
_OBJECT_AFTER = re.compile(r"\s+(?:(?i:a|an|the|his|her|their|its|him|them|" + QUALIFIER + r"|dozens|"
                           r"scores|hundreds|several|many)\b|\d|[A-Z]|(?i:" + NUMBER + r")\b)")
_INTRANSITIVE = re.compile(r"dead|died|martyred|perished|slain|embraced|succumbed|lost|found\s+dead", re.I)


def _active_voice(m: re.Match, text: str) -> bool:
    verb_at = m.start("verb")
    between = text[m.end("noun") if m.group("noun") else m.start(): verb_at] if "noun" in m.re.groupindex else ""
    return (not _AUXILIARY.search(between) and not _INTRANSITIVE.match(m.group("verb"))
            and bool(_OBJECT_AFTER.match(text, m.end("verb"))))


def find_counts(text: str, offset: int = 0, vague: dict[str, int] | None = None) -> list[Count]:
    """Every killed/injured statement in ``text`` (spans shifted by ``offset``)."""
    out: list[Count] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match) -> bool:
        return all(m.end() <= s or m.start() >= e for s, e in taken)

    for m in _TOLL.finditer(text):
        figure = m.group("fig") or m.group("fig2") or m.group("fig3") or m.group("fig4") or m.group("fig5")
        value = ORDINALS[m.group("ordinal").lower()] if m.group("ordinal") else figure_value(figure, vague)
        who = (m.group("who") or "").split()  # "a fifth volunteer fighter": whose toll it is
        c = _count_from(value, "killed", who[-1] if who else "", m, text, offset, update=True)
        if c:
            out.append(c)
            taken.append(m.span())
    for m in _PASSIVE.finditer(text):
        if not free(m) or _NEG_BEFORE.search(text[max(0, m.start() - 20): m.start()]) or _active_voice(m, text):
            continue
        value = _figure_or_article(m.group("fig"), vague)
        if value == 1 and _AND_THEIR_ONE.match(m.group("coord") or ""):
            value = 2  # "a vice mayor and his driver were killed": one person, then another
        noun = "" if m.group("noun").lower() == "others" else m.group("noun")
        c = _count_from(value, m.group("verb"), noun, m, text, offset)
        if c:
            out.append(c)
            taken.append(m.span())
            if m.group("fig2"):
                c2 = _count_from(_figure_or_article(m.group("fig2"), vague), m.group("verb"),
                                 m.group("noun2"), m, text, offset)
                if c2:
                    out.append(c2)
    for m in _BOTH.finditer(text):
        if free(m):
            fig = m.group("fig").lower()
            value = 2 if fig == "both" else word_number(fig.split()[-1])
            c = _count_from(value, m.group("verb"), "", m, text, offset)
            if c:
                out.append(c)
                taken.append(m.span())
    for m in _OWN_DEAD.finditer(text):
        c = _count_from(_figure_or_article(m.group("fig"), vague), "killed", "attackers", m, text, offset)
        if c and free(m):
            out.append(c)
            taken.append(m.span())
    for m in _ACTIVE.finditer(text):
        if not free(m):
            continue
        verb = m.group("verb").lower()
        tail = (m.group("tail") or "").strip().lower()
        if verb in ("left", "leaving"):
            if not tail:
                continue
            verb = tail
        noun = m.group("noun")
        if noun.lower() in ("other", "others"):
            noun = ""
        c = _count_from(_figure_or_article(m.group("fig"), vague), verb, noun, m, text, offset)
        if c:
            out.append(c)
            taken.append(m.span())
            if m.group("fig2"):
                c2 = _count_from(_figure_or_article(m.group("fig2"), vague), verb, m.group("noun2"), m, text, offset)
                if c2:
                    out.append(c2)
    for m in _TO_DEATH.finditer(text):
        if free(m):
            c = _count_from(_figure_or_article(m.group("fig"), vague), "killed", m.group("noun"), m, text, offset)
            if c:
                out.append(c)
                taken.append(m.span())
    for m in _ACTIVE_NO_NOUN.finditer(text):
        if free(m) and not re.fullmatch(r"\d{4}", m.group("fig")):
            c = _count_from(figure_value(m.group("fig"), vague), "killed", "", m, text, offset)
            if c:
                out.append(c)
                taken.append(m.span())
    for m in _BARE.finditer(text):
        if free(m) and not _NEG_BEFORE.search(text[max(0, m.start() - 20): m.start()]):
            c = _count_from(figure_value(m.group("fig"), vague), m.group("verb"), "", m, text, offset)
            if c:
                out.append(c)
                taken.append(m.span())
    for m in _PRONOUN_OBJECT.finditer(text):
        if free(m):
            c = _count_from(1, m.group("verb") or "killed", "", m, text, offset)
            if c:
                out.append(c)
                taken.append(m.span())
    for m in _SINGLE.finditer(text):
        if not free(m) or _active_voice(m, text):
            continue
        noun = m.group("noun") or ""
        c = _count_from(1, m.group("verb"), noun if re.fullmatch(_NOUN, noun, re.I) else "", m, text, offset)
        if c:
            if m.group("pron"):
                c.side = "unknown"
            out.append(c)
            taken.append(m.span())
    for m in _BODIES.finditer(text):
        if free(m) and not any(c.kind == "killed" and c.value > 0 for c in out):
            c = _count_from(figure_value(m.group("fig"), vague), "killed", "", m, text, offset)
            if c:
                out.append(c)
                taken.append(m.span())
    for pattern in (_WAS_KILLED, _KILLED_ONE, _HEADLINE_ONE, _SUCCUMBED, _SELF_BLOWN):
        for m in pattern.finditer(text):
            if free(m) and not any(c.kind == "killed" and c.value > 0 for c in out):
                c = _count_from(1, "killed", m.groupdict().get("noun") or "", m, text, offset)
                if c:
                    out.append(c)
                    taken.append(m.span())
    if not any(c.kind == "killed" and c.value > 0 for c in out):
        for m in _UNSPECIFIED.finditer(text):
            if free(m) and not re.search(r"\b(?:no|without)\s+$", text[max(0, m.start() - 8): m.start()]):
                c = _count_from(_vague_default(vague), "killed", "", m, text, offset)
                if c:
                    c.vague = True
                    out.append(c)
                    taken.append(m.span())
    # Figures after a group's claim in the same sentence belong to the claim
    # ("BLF claimed five soldiers were killed and several others were left injured").
    out.sort(key=lambda c: c.start)
    for i, c in enumerate(out):
        if c.claimed_by_group:
            for later in out[i + 1:]:
                if "." not in text[c.end - offset: later.start - offset]:
                    later.claimed_by_group = True
    for m in _NONE.finditer(text):
        if not free(m):
            continue
        phrase = m.group(0).lower()
        kind = "injured" if re.search(r"injur|hurt", phrase) and not re.search(r"kill|death|casualt|fatalit|life|lives|unhurt|unharmed|unscathed", phrase) else "killed"
        out.append(Count(0, kind, "unknown", offset + m.start(), offset + m.end(), m.group(0)))
        taken.append(m.span())
    return out


def _vague_default(vague: dict[str, int] | None) -> int:
    return (vague or {}).get("several", 3)


def _figure_or_article(fig: str, vague: dict[str, int] | None) -> int | None:
    f = fig.lower().strip()
    if f in ("a", "an", "one", "another"):
        return 1
    m = re.fullmatch(r"(.+?)\s+(?:more|other)", f)
    if m:
        return figure_value(m.group(1), vague)
    return figure_value(fig, vague)
