"""Fuzzing extract(): whatever text arrives, extraction returns a result whose evidence lies
inside the text, and never raises. Seeded, so a failure reproduces; bounded in time."""

from __future__ import annotations

import random
import time

import pytest

from watchfloor.extract import get_extractor
from watchfloor.normalize import normalize_text

WORDS = ["militants", "attacked", "a", "police", "post", "in", "Bannu", "killing", "nine", "soldiers",
         "said", "the", "spokesman", "denied", "claimed", "responsibility", "Taliban", "Kabul", "on",
         "Monday", "3", "March", "2023", "blast", "protesters", "rallied", "Lagos", "Boko", "Haram",
         "al-Shabaab", "Mogadishu", "drone", "strike", "Russian", "Kharkiv", "toll", "rose", "to", "59"]
GLUE = ['"', "'", "“", "”", "‘", "’", "«", "»", "(", ")", "[", "]", "—", "-", ":", ";", ",", ".", "?", "!", "…"]
ODD = ["\u200b", "\u202e", "\u0301", "\u00ad", "\x85", "\t", "\u2028", "\ufeff", "😀", "ﷺ", "\u0000",
       "\x1b[2J", "ℌ", "ﬁ", "Ⅸ", "١٢", "\U0001F1F5\U0001F1F0"]


def _random_text(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(0, 120)):
        roll = rng.random()
        if roll < 0.55:
            parts.append(rng.choice(WORDS))
        elif roll < 0.75:
            parts.append(rng.choice(GLUE) + rng.choice(WORDS) + rng.choice(GLUE))  # glued, unbalanced
        elif roll < 0.85:
            parts.append(rng.choice(ODD))
        elif roll < 0.90:
            parts.append("".join(chr(rng.randint(0x20, 0x2FFF)) for _ in range(rng.randint(1, 12))))
        elif roll < 0.93:
            parts.append(rng.choice(WORDS) * rng.randint(50, 2000))  # a huge token
        elif roll < 0.97:
            parts.append(rng.choice([". . .", "...", "\n\n", "\n", ".", "!!!", '""', "“”"]))  # empty sentences
        else:
            parts.append(str(rng.randint(0, 10**12)))
    sep = rng.choice([" ", "", "\n", " \n "])
    return sep.join(parts)


@pytest.mark.parametrize("seed", range(4))
def test_extraction_never_raises_and_evidence_stays_inside(seed: int):
    extractor = get_extractor()
    rng = random.Random(seed)
    deadline = time.monotonic() + 20
    cases = 0
    while cases < 150 and time.monotonic() < deadline:
        raw = _random_text(rng)
        for text in (raw, normalize_text(raw)):
            result = extractor.extract(text, rng.choice([None, "2023-05-02", "not a date"]), title=raw[:40])
            for event in result.events:
                for spans in event.evidence.values():
                    for start, end in spans:
                        assert 0 <= start <= end <= len(text), (seed, cases, start, end)
            for place in result.places:
                assert text[place.start:place.end] == place.text, (seed, cases)
            result.to_dict()  # serializable
        cases += 1
    assert cases >= 20  # the time bound left enough cases to mean something
