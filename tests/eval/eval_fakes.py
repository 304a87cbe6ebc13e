"""A fake extractor and tiny synthetic fixtures for the eval tests (all made up here)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from watchfloor.models import Event, Extraction


class FakeExtractor:
    """Returns a hand-built Extraction for each known text; raises for an Exception value."""

    def __init__(self, answers: dict[str, object]):
        self.answers = answers
        self.calls: list[tuple[str, str | None, str]] = []

    def extract(self, text: str, published: str | None = None, title: str = "") -> Extraction:
        self.calls.append((text, published, title))
        ans = self.answers.get(text, Extraction())
        if isinstance(ans, Exception):
            raise ans
        return ans


class FakeBatchExtractor(FakeExtractor):
    def __init__(self, answers: dict[str, object]):
        super().__init__(answers)
        self.batches = 0

    def extract_many(self, items):  # a generator, like the real one
        self.batches += 1
        for i in items:
            yield self.extract(i["text"], i["published"], i["title"])


def ev(event_type="Battles", sub_event_type="Armed clash", **kw) -> Event:
    kw.setdefault("disorder_type", "Political violence")
    return Event(event_type=event_type, sub_event_type=sub_event_type, **kw)


def write_csv(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def write_jsonl(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path
