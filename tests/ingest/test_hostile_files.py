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


ROW2 = "Militants attacked a post in Bannu on Monday, officials said."
ROW3 = "The curfew in Parachinar was lifted on Sunday, officials said."


@pytest.mark.parametrize("first_row", [
    f'1,"One","{BODY}\n',          # closed later by the next row's quotes
    f'1,One,"{BODY}\n',            # never closed
])
def test_an_unbalanced_quote_in_csv_is_reported_and_the_rows_after_it_are_read(tmp_path: Path, settings: dict, first_row):
    unquoted = first_row.startswith("1,One,")
    rows = (f"2,Two,{ROW2}\n3,Three,{ROW3}\n" if unquoted else f'2,"Two","{ROW2}"\n3,"Three","{ROW3}"\n')
    path = tmp_path / "u.csv"
    path.write_text("id,title,text\n" + first_row + rows, encoding="utf-8")
    items = _read(path, settings)
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [e.reason.split(";")[0] for e in errors] == ["line 2: unbalanced quote (its field runs over the rows after it)"]
    assert sorted(a.title for a in items if isinstance(a, Article)) == ["Three", "Two"]


def test_a_quoted_field_over_several_lines_is_no_unbalanced_quote(tmp_path: Path, settings: dict):
    path = tmp_path / "ok.csv"
    path.write_text('id,title,text\n1,"One","' + BODY + '"\n2,"Two","First, second, third part of it.\n'
                    'Then, a second paragraph, with ""a quote""."\n', encoding="utf-8")
    items = _read(path, settings)
    assert [type(i) for i in items] == [Article, Article]
    assert '"a quote"' in items[1].text
