"""Files that used to lose their text without saying so: control characters before markup,
markup nested past libxml2's default depth. Real files through read_sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from watchfloor.ingest import read_sources
from watchfloor.models import Article, IngestError

BODY = "A bomb exploded in Quetta on Monday, killing two policemen, officials said."


def _read(path: Path, settings: dict) -> list:
    return list(read_sources([str(path)], settings))


@pytest.mark.parametrize("control", ["\x0c", "\x0b", "\x08", "\x85"])
def test_control_characters_before_markup_keep_the_text(tmp_path: Path, settings: dict, control: str):
    (tmp_path / "a.txt").write_text(f"Blast in Quetta\n{control}<p>{BODY}</p>\n", encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><head><title>Blast</title></head><body>{control}<article><p>{BODY}"
                                     "</p></article></body></html>", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "x", "title": f"Bl{control}ast", "text": f"{control}<p>{BODY}</p>"}) + "\n",
                                      encoding="utf-8")
    for name in ("a.txt", "b.html", "c.jsonl"):
        [item] = _read(tmp_path / name, settings)
        assert isinstance(item, Article), (name, item)
        assert "Quetta on Monday" in item.text and item.title.strip()


def test_markup_nested_deep_is_read_up_to_a_cap_and_refused_past_it(tmp_path: Path, settings: dict):
    for depth in (300, 990):
        path = tmp_path / f"deep{depth}.html"
        path.write_text("<html><body>" + "<div>" * depth + f"<p>{BODY}</p>" + "</div>" * depth + "</body></html>")
        [item] = _read(path, settings)
        assert isinstance(item, Article) and "Quetta" in item.text, depth
    path = tmp_path / "deep3000.html"  # under the test settings' 50 KB file cap
    path.write_text("<html><body>" + "<b>" * 3000 + f"<p>{BODY}</p>" + "</b>" * 3000 + "</body></html>")
    [item] = _read(path, settings)
    assert isinstance(item, IngestError) and "nested 3003 elements deep" in item.reason
