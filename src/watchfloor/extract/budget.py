"""A per-article budget of size and time, so one huge or pathological text cannot hold a run.

The size budget cuts the text read (at a paragraph or sentence end before the limit) before any
stage sees it; the time budget is checked sentence by sentence in the stages that loop over
sentences: the first to run out stops there, and the later ones read up to the same point. Either way the extraction says where it
was cut and why (``Extraction.cut``), and what was read before the cut is kept.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

_BREAK = re.compile(r"\n|[.!?][\"'\u201d\u2019)]?\s")


@dataclass
class Budget:
    max_chars: int
    seconds: float
    clock: Callable[[], float] = time.monotonic
    started: float = field(init=False)
    cut: dict | None = None
    length: int = 0  # of the whole text

    def __post_init__(self) -> None:
        self.started = self.clock()

    def readable_length(self, text: str) -> int:
        """How much of ``text`` to read: all of it, or up to the last break before the limit."""
        self.length = len(text)
        if len(text) <= self.max_chars:
            return len(text)
        ends = [m.end() for m in _BREAK.finditer(text, max(0, self.max_chars - 20_000), self.max_chars)]
        at = ends[-1] if ends else self.max_chars
        self.cut = {"reason": "size", "at": at, "of": len(text),
                    "message": f"text cut at character {at:,} of {len(text):,} (extract.max_text_chars)"}
        return at

    def spent(self, position: int) -> bool:
        """Should reading stop at ``position``? Once the time is up, the stage that finds it so
        stops there, and later stages read up to the same point and no further, so every stage
        has read the same part of the text (the budget is exceeded by what they take for it).
        A time cut replaces a size cut: reading stopped before the size limit."""
        if self.cut is not None and self.cut["reason"] == "time":
            return position >= self.cut["at"]
        if self.clock() - self.started <= self.seconds:
            return False
        self.cut = {"reason": "time", "at": position, "of": self.length,
                    "message": f"extraction stopped at character {position:,} of {self.length:,} after "
                               f"{self.seconds:g} s (extract.time_budget)"}
        return True
