"""Find place-name mentions in running text with a dict of normalized names.

Words are matched against every normalized gazetteer key of up to ``max_tokens``
words, longest first. A precomputed table of the longest key starting with each word
keeps this to about one dict lookup per word, so a 700-word article takes well under a
millisecond in case-sensitive mode.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from .names import ARTICLES, article_variants, is_unit_word, norm


class SpanMatch(NamedTuple):
    """A mention: character offsets into the text (end exclusive) and the text itself."""

    start: int
    end: int
    text: str


# A word: letters, with inner apostrophes ("Qal'ah"), but not a possessive "'s".
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]{2,})*")
# Lower-case words allowed inside a capitalized name ("Dera Ismail Khan" needs none,
# "Rio de Janeiro", "Bin Qasim", "Tando Allah Yar", "Dasht-e Qal'ah" do).
_CONNECTORS = frozenset({"de", "del", "da", "do", "dos", "das", "di", "la", "le", "les", "al", "el",
                         # the Arabic article assimilated ("Deir ez-Zor", "Ras al-Ayn", "Dayr az Zawr")
                         "ez", "az", "ash", "esh", "ad", "ed", "adh", "ath", "er", "ar", "es",
                         "ul", "ud", "bin", "ibn", "e", "i", "y", "of", "upon", "sur", "am", "an",
                         "der", "van", "von", "du"})
_ARABIC_ARTICLES = frozenset({"al", "el", "ez", "az", "ash", "esh", "ad", "ed", "adh", "ath", "er", "ar", "es", "ul", "ud"})
_NAME_GAPS = frozenset({" ", "-", "- ", " -", " - "})
_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x530)) if c.isupper()}))
_UPPER_CLASS = "[" + re.escape(_UPPER) + "]"
_CAP_WORD = rf"\b{_UPPER_CLASS}[^\W\d_]*(?:['\u2019][^\W\d_]{{2,}})*"
_CAP_RUN = re.compile(
    rf"{_CAP_WORD}(?:(?:[ \-]|\.[ ]?| - )(?:(?:{'|'.join(sorted(_CONNECTORS, key=len, reverse=True))})"
    rf"(?:[ \-]))?{_CAP_WORD})*")
_SENTENCE_END = re.compile(r"(?<!\bBrgy)(?<!\bBgy)(?<!\bMt)(?<!\bFt)[.!?:;\n\"'\u201c\u201d]\s*$")
# Capitalized words that open a sentence before a place ("In Bale zone", "At Kolofata"): not
# part of its name.
_OPENERS = frozenset({"In", "At", "On", "From", "Near", "Around", "Outside", "Inside", "Across", "Along",
                      "Between", "Across", "Towards", "Toward", "Into", "Through", "Throughout", "Within"})
# Unit words that, capitalized after a name, make it a place's ("Ligao City", "Gombe State").
_UNIT_WORDS = frozenset({"city", "town", "township", "village", "municipality", "district", "subdivision",
                         "province", "county", "regency", "state", "governorate", "prefecture", "department",
                         "region", "division", "upazila", "woreda", "tehsil", "oblast", "raion", "commune"})
# A strong key (country, admin unit, alias, or a place this big) may stand alone.
STRONG_POPULATION = 50_000
DEFAULT_MIN_POPULATION = 5_000


class SpanMatcher:
    """Longest-match scanner over a name -> ids dict."""

    def __init__(self, keys: dict, stoplist: frozenset[str], strength: Callable[[str], int]) -> None:
        # "Qamishli" in the text is GeoNames' "Al Qamishli": names with the Arabic article
        # are also matched without it (the resolver adds it back, see names.article_variants)
        bare = {}
        for k in keys:
            if k.partition(" ")[0] in ARTICLES:
                bare.update((v, k) for v in article_variants(k) if v not in keys)
        self.keys = {**keys, **bare} if bare else keys
        self.stoplist = stoplist
        self.strength = (lambda key: strength(bare.get(key, key))) if bare else strength
        longest: dict[str, int] = {}
        for k in keys:
            if " " in k:
                first, _, _ = k.partition(" ")
                n = k.count(" ") + 1
                if longest.get(first, 0) < n:
                    longest[first] = n
            elif k not in longest:
                longest[k] = 1
        self.longest = longest
        self._norm_cache: dict[str, str] = {}

    def _norm(self, word: str) -> str:
        n = self._norm_cache.get(word)
        if n is None:
            if word.isascii() and word.isalpha():
                n = word.lower()
            else:
                n = norm(word).replace(" ", "")
            if len(self._norm_cache) < 200_000:
                self._norm_cache[word] = n
        return n

    def match(self, text: str, *, case_sensitive: bool = True, max_tokens: int = 4,
              min_population: int | None = None) -> list[SpanMatch]:
        min_pop = DEFAULT_MIN_POPULATION if min_population is None else min_population
        out: list[SpanMatch] = []
        if case_sensitive:
            # only runs of capitalized words can hold a mention: find them in C
            keys = self.keys
            for m in _CAP_RUN.finditer(text):
                run = m.group()
                if run.isalpha():  # one plain word: the common case, kept cheap
                    key = self._norm(run)
                    if key in keys:
                        s, e = m.span()
                        if self._accept_single(key, text, s, e):
                            out.append(SpanMatch(s, e, run))
                    continue
                self._scan(text, m.start(), m.end(), True, max_tokens, min_pop, out)
        else:
            self._scan(text, 0, len(text), False, max_tokens, min_pop, out)
        return out

    def _scan(self, text: str, lo: int, hi: int, case_sensitive: bool, max_tokens: int,
              min_pop: int, out: list[SpanMatch]) -> None:
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, lo, hi)]
        nw = len(words)
        if not nw:
            return
        normed = [self._norm(w) for _, _, w in words]
        caps = [w[0].isupper() for _, _, w in words] if case_sensitive else [False] * nw
        joins: list[bool | None] = [None] * nw
        longest = self.longest
        keys = self.keys
        i = 0
        while i < nw:
            first = normed[i]
            span_max = longest.get(first)
            if span_max is None or (case_sensitive and not caps[i]):
                i += 1
                continue
            n = 1
            limit = min(span_max, max_tokens, nw - i)
            while n < limit and self._joins(text, words, joins, i + n - 1):
                if case_sensitive and not caps[i + n] and normed[i + n] not in _CONNECTORS:
                    break
                n += 1
            matched = 0
            while n >= 1:
                if case_sensitive and not caps[i + n - 1]:
                    n -= 1
                    continue
                key = " ".join(normed[i:i + n]) if n > 1 else first
                if key in keys and self._accept(key, n, i, words, caps, joins, text,
                                                case_sensitive, min_pop):
                    matched = n
                    break
                n -= 1
            if matched and self._after_arabic_article(text, words, normed, caps, joins, i):
                matched = 0  # "Daraa al-Balad": "Balad" ends another name, not a place of its own
            if matched:
                s, e = words[i][0], words[i + matched - 1][1]
                out.append(SpanMatch(s, e, text[s:e]))
                i += matched
            else:
                i += 1

    def _after_arabic_article(self, text: str, words: list, normed: list, caps: list, joins: list, i: int) -> bool:
        """Word i follows "<Name> al-": it is the tail of that name."""
        return (i >= 2 and normed[i - 1] in _ARABIC_ARTICLES and caps[i - 2]
                and text[words[i - 1][1]:words[i][0]] == "-" and self._joins(text, words, joins, i - 2))

    @staticmethod
    def _joins(text: str, words: list, joins: list, i: int) -> bool:
        """Whether word i and word i+1 may belong to one name (computed on demand)."""
        j = joins[i]
        if j is None:
            if i + 1 >= len(words):
                j = False
            else:
                gap = text[words[i][1]:words[i + 1][0]]
                j = gap in _NAME_GAPS or (gap in (".", ". ") and len(words[i][2]) == 1)
            joins[i] = j
        return j

    def _accept_single(self, key: str, text: str, s: int, e: int) -> bool:
        """_accept for a lone capitalized word (no capitalized neighbour joins it)."""
        if key in self.stoplist or is_unit_word(key):
            return False
        strength = self.strength(key)
        if len(key) < 3 and strength < 10**9:
            return False
        if strength >= STRONG_POPULATION:
            return True
        return not (s == 0 or _SENTENCE_END.search(text[max(0, s - 3):s]))

    def _accept(self, key: str, n: int, i: int, words: list, caps: list[bool], joins: list[bool],
                text: str, case_sensitive: bool, min_pop: int) -> bool:
        parts = key.split()
        strength = self.strength(key)
        if all(p in self.stoplist or p in _CONNECTORS for p in parts) and (
                n == 1 or strength < 10**9) or (n == 1 and is_unit_word(key)):
            return False
        if n > 1:
            return True
        if len(key) < 3 and strength < 10**9:
            return False
        if strength >= STRONG_POPULATION:
            return True
        if not case_sensitive:
            return strength >= min_pop
        # a small place whose name is one word of a longer capitalized phrase ("Sarfraz
        # Bugti") is more likely part of a person's or an organization's name
        before = i > 0 and caps[i - 1] and self._joins(text, words, joins, i - 1) and \
            words[i - 1][2] not in _OPENERS
        after = i + 1 < len(caps) and caps[i + 1] and self._joins(text, words, joins, i)
        if after and not before and words[i + 1][2].lower() in _UNIT_WORDS:
            return True  # "Ligao City", "Tubah Subdivision": the word after says it is a place
        if before or after:
            return False
        # ...and a capitalized small-place word opening a sentence is usually just a word
        if i == 0 or _SENTENCE_END.search(text[max(0, words[i][0] - 3):words[i][0]]):
            return False
        return True
