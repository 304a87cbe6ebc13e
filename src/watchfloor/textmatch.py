"""Regular expressions for long lists of phrases.

Python's ``re`` tries the alternatives of ``a|b|c|...`` one after another at every position,
so a list of a thousand aliases costs a thousand attempts per character. Folding the list
into a trie (``Boko Haram|Boko Haram faction|Bokoharam`` -> ``Boko(?:\\ Haram(?:\\ faction)?|haram)``)
makes each attempt follow one path, which is what makes the actor and nationality tables
cheap to match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""

# Letter classes for patterns over names, accents included: datelines and place names are
# written in their own spelling ("BOGOTÁ —", "SÃO PAULO, Brazil —", "Zürich"). Latin-1 and
# Latin Extended-A; the Extended-A block mixes cases, so UPPER admits its lower-case letters.
LATIN_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f"
LATIN_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u017f"


def trie_alternation(phrases: Iterable[str], *, fold: bool = False) -> str:
    """A regex (no anchors, no outer group) matching any of ``phrases``; the longest
    alternative is tried first at each branch, as a longest-first alternation would.
    ``fold``: build the trie over lower-cased phrases (compile the result with re.I)."""
    trie: dict = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = trie
        for ch in (phrase.lower() if fold else phrase):
            node = node.setdefault(ch, {})
        node[_END] = True
    return _emit(trie) if trie else "(?!)"


def _emit(node: dict) -> str:
    branches = []
    for ch in sorted(k for k in node if k != _END):
        branches.append(re.escape(ch) + _emit(node[ch]))
    if not branches:
        return ""
    optional = _END in node
    if len(branches) == 1 and not optional:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if optional else body
