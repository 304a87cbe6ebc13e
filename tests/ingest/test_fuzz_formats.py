"""Fuzzing every ingest format: mutated pages, feeds, JSONL, CSV and text files each give
articles or one-line errors, never an exception and never an "unexpected error" (a parser
bug caught by the last guard). Seeded and bounded in time."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from watchfloor.ingest import read_sources
from watchfloor.models import Article, IngestError


SAMPLES = Path(__file__).parent / "samples"
JSONL = "\n".join(json.dumps({"id": f"r{i}", "title": f"Report {i}", "text": "Militants attacked a post in Bannu, "
                              "killing nine soldiers, officials said.", "published": "2023-05-02"}) for i in range(5))
CSV = "id,title,text,published\n" + "\n".join(
    f'r{i},"Report {i}","Police said a bomb exploded in Quetta, injuring {i} people.",2023-05-0{i + 1}' for i in range(5))
TEXT = "Curfew lifted in Parachinar\nThe district administration lifted the curfew in Parachinar on Sunday."
NOISE = [b"\x00", b"\x0c", b"\x0b", b"\x1b[2J", b"\xff\xfe", b"\xc3\x28", b"<", b">", b"&", b'"', b"'", b",",
         b"\r", b"\n", b"<div>" * 50, b"]]>", b"<![CDATA[", b"<!--", b"\xe2\x80\xae", b"\xef\xbb\xbf", b"{", b"}"]


def _bases() -> list[tuple[str, bytes]]:
    return [("one.html", (SAMPLES / "article_one.html").read_bytes()), ("feed.rss", (SAMPLES / "feed.rss").read_bytes()),
            ("feed.atom", (SAMPLES / "feed.atom").read_bytes()), ("rows.jsonl", JSONL.encode()),
            ("rows.csv", CSV.encode()), ("note.txt", TEXT.encode())]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        roll = rng.random()
        at = rng.randint(0, len(data))
        if roll < 0.4:
            data[at:at] = rng.choice(NOISE)
        elif roll < 0.6 and data:
            del data[at:at + rng.randint(1, 200)]
        elif roll < 0.8 and data:
            data[at:at] = data[max(0, at - 300):at]  # a repeated stretch
        else:
            data[at:] = b""  # truncated
    return bytes(data)


@pytest.mark.parametrize("seed", range(3))
def test_mutated_inputs_give_articles_or_clear_errors(tmp_path: Path, settings: dict, seed: int):
    rng = random.Random(seed)
    deadline = time.monotonic() + 15
    cases = 0
    while time.monotonic() < deadline and cases < 600:
        for name, base in _bases():
            path = tmp_path / f"{cases}-{name}"
            path.write_bytes(_mutate(base, rng))
            for item in read_sources([str(path)], settings):
                assert isinstance(item, (Article, IngestError))
                if isinstance(item, IngestError):
                    assert not item.reason.startswith("unexpected error"), (seed, name, item.reason)
                    assert "\n" not in item.reason
            cases += 1
    assert cases >= 60


@pytest.mark.parametrize("declaration", [b'<?xml version="1.0" encoding="\xff\xfeutf-8"?>',
                                         b'<?xml version="1.0" encoding="utf\x00-8"?>'])
def test_a_feed_whose_encoding_declaration_is_garbage_is_one_error(tmp_path: Path, settings: dict, declaration):
    """Found by the fuzzer: feedparser decoded the declared encoding unguarded."""
    path = tmp_path / "broken.rss"
    path.write_bytes(declaration + (SAMPLES / "feed.rss").read_bytes().split(b"?>", 1)[1])
    [item] = list(read_sources([str(path)], settings))
    assert isinstance(item, IngestError) and item.reason.startswith("malformed feed: unreadable XML encoding")
