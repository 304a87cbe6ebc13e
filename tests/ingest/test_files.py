"""Local inputs: text, JSONL, CSV, stdin, folders, globs, encodings and bad files."""

from __future__ import annotations

import io
import json
import random

from watchfloor.ingest import read_sources
from watchfloor.models import Article, IngestError
from watchfloor.normalize import article_id, content_hash

BODY = ("Gunmen on a motorcycle shot dead a polio worker in Bajaur on Wednesday morning, "
        "officials said, and the vaccination drive in the area was suspended.")


def write(path, data: bytes | str):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_plain_text_first_line_is_title(tmp_path, ingest):
    f = write(tmp_path / "report.txt", f"\n\n  Polio worker killed in Bajaur  \n{BODY}\n")
    (a,), errors = ingest([f])
    assert not errors
    assert a.title == "Polio worker killed in Bajaur"
    assert a.text == BODY
    assert a.source == str(f)
    assert a.content_hash == content_hash(a.text) and a.id == article_id(a.content_hash)
    assert a.ingested_at and a.ingested_at.endswith("+00:00")
    assert a.language == "en" and a.flags == []


def test_text_is_normalized(tmp_path, ingest):
    f = write(tmp_path / "n.txt", "Title\r\nLine\u00a0one   with\u200b spaces\r\n\r\n\r\n\r\nLine two " + BODY)
    (a,), _ = ingest([f])
    assert a.text.startswith("Line one with spaces\n\nLine two")


def test_empty_and_whitespace_files(tmp_path, ingest):
    empty = write(tmp_path / "empty.txt", b"")
    blank = write(tmp_path / "blank.txt", b"  \n\t\n")
    articles, errors = ingest([empty, blank])
    assert not articles
    assert [(e.source, e.reason) for e in errors] == [(str(empty), "empty file"), (str(blank), "empty file")]


def test_too_short_text_is_refused(tmp_path, ingest):
    (err,) = ingest([write(tmp_path / "short.txt", "Title\nTiny.")])[1]
    assert "under the 20-character minimum (ingest.min_text_chars)" in err.reason


def test_binary_file(tmp_path, ingest):
    noise = write(tmp_path / "photo.txt", random.Random(7).randbytes(4000))
    nuls = write(tmp_path / "nuls.txt", b"\x00" * 3000 + b"abc")
    _, errors = ingest([noise, nuls])
    assert [e.reason for e in errors] == ["binary file, not text"] * 2


def test_invalid_utf8_is_flagged_and_kept(tmp_path, ingest):
    f = write(tmp_path / "bad.txt", b"Blast in Kohat\nA blast damaged a shop \xff\xfe in Kohat bazaar, police said.")
    (a,), errors = ingest([f])
    assert not errors
    assert a.flags == ["invalid-utf8"]
    assert "Kohat bazaar" in a.text and "\ufffd" in a.text


def test_utf8_bom_and_declared_charset(tmp_path, ingest):
    bom = write(tmp_path / "bom.txt", b"\xef\xbb\xbfTitle here\n" + BODY.encode())
    latin = write(tmp_path / "latin.html", (
        "<html><head><meta charset='iso-8859-1'><title>Caf\u00e9 attack</title></head><body>"
        f"<article><p>{BODY} The caf\u00e9 owner was unhurt.</p></article></body></html>"
    ).encode("iso-8859-1"))
    (a, b), errors = ingest([bom, latin])
    assert not errors
    assert a.title == "Title here"
    assert "caf\u00e9 owner" in b.text and b.flags == []


def test_file_over_the_limit(tmp_path, ingest):
    f = write(tmp_path / "big.txt", "Title\n" + "word " * 12_000)
    (err,) = ingest([f])[1]
    size = f.stat().st_size
    assert err.reason == f"file is {size} bytes, over the 50000-byte limit (ingest.max_file_bytes)"


def test_missing_file_and_bad_glob(tmp_path, ingest):
    _, errors = ingest([tmp_path / "nope.txt", tmp_path / "*.nothing"])
    assert [e.reason for e in errors] == ["no such file or directory", "glob matched no files"]


def test_jsonl_bad_line_reports_line_and_keeps_the_rest(tmp_path, ingest):
    lines = [
        json.dumps({"id": "r1", "title": "First", "text": BODY, "published": "2023-09-06",
                    "url": "https://www.example-news.test/a/1", "extra": 5}),
        '{"id": "r2", "text": "broken',
        json.dumps({"id": "r3", "title": "No text here"}),
        "",
        json.dumps({"id": "../../etc/passwd", "text": "Second report: " + BODY, "publisher": "Khyber Daily",
                    "url": "javascript:alert(1)"}),
    ]
    f = write(tmp_path / "rows.jsonl", "\n".join(lines) + "\n")
    articles, errors = ingest([f])
    assert [(e.source, e.reason.split(" (")[0]) for e in errors] == [
        (f"{f}:2", "line 2: not valid JSON"),
        (f"{f}:3", "line 3: no 'text' field"),
    ]
    first, second = articles
    assert (first.external_id, first.title, first.published) == ("r1", "First", "2023-09-06")
    assert first.publisher == "example-news.test" and first.source == f"{f}:1"
    assert second.external_id == "../../etc/passwd"  # data, never a path
    assert second.publisher == "Khyber Daily" and second.url is None


def test_csv_rows(tmp_path, ingest):
    f = write(tmp_path / "rows.csv", (
        "id,title,text,published,url,publisher,notes\n"
        f'c1,Polio worker killed,"{BODY}\nSecond paragraph.",2023-09-06,,Bajaur Times,x\n'
        "c2,Nothing,,2023-09-07,,,\n"
        f"c3,,{BODY.replace(',', ';')},,https://news.example.pk/2023/09/08/story,,\n"
    ))
    articles, errors = ingest([f])
    assert [(e.source, e.reason) for e in errors] == [(f"{f}:4", "line 4: no 'text' field")]
    a, c = articles
    assert a.external_id == "c1" and a.publisher == "Bajaur Times" and a.text.endswith("Second paragraph.")
    assert c.publisher == "news.example.pk" and c.published == "2023-09-08"


def test_csv_without_text_column(tmp_path, ingest):
    (err,) = ingest([write(tmp_path / "x.csv", "id,body\n1,hello there\n")])[1]
    assert err.reason == "CSV has no 'text' column (columns: id, body)"


def test_stdin(settings):
    data = io.BytesIO(f"From the wire\n{BODY}".encode())
    (a,) = list(read_sources(["-"], settings, stdin=data))
    assert isinstance(a, Article) and a.source == "stdin" and a.title == "From the wire"


def test_stdin_jsonl_is_sniffed(settings):
    data = io.BytesIO((json.dumps({"id": 1, "text": BODY}) + "\n").encode())
    (a,) = list(read_sources(["-"], settings, stdin=data))
    assert a.external_id == "1" and a.source == "stdin:1"


def test_folder_recursion_uses_patterns(tmp_path, ingest):
    write(tmp_path / "in" / "a.txt", f"A\n{BODY}")
    write(tmp_path / "in" / "deep" / "deeper" / "b.TXT", f"B\n{BODY} Again.")
    write(tmp_path / "in" / "skip.pdf", "%PDF-1.4 not read")
    write(tmp_path / "in" / ".hidden" / "c.txt", f"C\n{BODY}")
    articles, errors = ingest([tmp_path / "in"])
    assert not errors
    assert [a.title for a in articles] == ["A", "B"]
    (err,) = ingest([write(tmp_path / "none" / "x.pdf", "x").parent])[1]
    assert err.reason.startswith("no files matching")


def test_glob(tmp_path, ingest):
    for name in ("one.txt", "two.txt", "three.md"):
        write(tmp_path / name, f"{name}\n{BODY}")
    articles, errors = ingest([tmp_path / "*.txt"])
    assert not errors and sorted(a.title for a in articles) == ["one.txt", "two.txt"]


def test_hostile_names_and_content_are_data(tmp_path, ingest):
    weird = write(tmp_path / "..%2F..%2Fetc%2Fpasswd.txt", f"Traversal\n{BODY}")
    sql = write(tmp_path / "x'; DROP TABLE articles;--.txt",
                f"Robert'); DROP TABLE articles;--\n{BODY} \"quoted\" -- ; ' OR 1=1")
    script = write(tmp_path / "s.txt", f"Title<script>alert(1)</script>\n<p>{BODY}</p><script>steal()</script>")
    (a, b, c), errors = ingest([weird, sql, script])
    assert not errors
    assert a.source == str(weird)
    assert b.title == "Robert'); DROP TABLE articles;--" and b.text.endswith("' OR 1=1")
    assert "alert" not in c.title + c.text and "steal" not in c.text and c.text == BODY


def test_run_goes_on_after_failures(tmp_path, ingest):
    good = write(tmp_path / "good.txt", f"Good\n{BODY}")
    bad = write(tmp_path / "bad.txt", b"")
    articles, errors = ingest([bad, "ftp://example.com/x", tmp_path / "missing.csv", good])
    assert [a.title for a in articles] == ["Good"]
    assert [e.reason.split(":")[0] for e in errors] == ["empty file", "refused", "no such file or directory"]


def test_dateline_and_credit_in_plain_text(tmp_path, ingest):
    f = write(tmp_path / "d.txt", "Police post attacked\nPESHAWAR, Sept. 2, 2023 (AFP) \u2014 " + BODY)
    (a,), _ = ingest([f])
    assert a.published == "2023-09-02" and a.original_source == "AFP"
    assert a.text.startswith("PESHAWAR, Sept. 2, 2023 (AFP)")  # the dateline stays in the text


def test_errors_are_ingest_errors(tmp_path, settings):
    out = list(read_sources([str(tmp_path / "missing.txt")], settings))
    assert out == [IngestError(str(tmp_path / "missing.txt"), "no such file or directory")]
