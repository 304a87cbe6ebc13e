"""`watchfloor extract`: the JSONL contract, validated against `watchfloor schema`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

try:  # a test dependency; without it a structural check of the same schema stands in
    import jsonschema
except ImportError:  # pragma: no cover
    jsonschema = None

GOOD = [
    {"id": "a1", "text": "Militants attacked a police post in Bannu on Monday, killing three policemen, "
                         "officials said.", "published": "2023-05-01"},
    {"id": 2, "text": "A remote-controlled bomb exploded near a Frontier Corps vehicle in Kech district, "
                      "killing two soldiers.", "published": None, "title": "Blast in Kech"},
    {"id": "a3", "text": "Traders in Quetta kept their shops closed on Tuesday to protest \u201cpoor\u201d "
                         "law and order.", "published": "2023-06-13", "url": "https://example.org/x"},
]


def _lines() -> list[str]:
    return [
        json.dumps(GOOD[0]),
        "{not json at all",
        json.dumps(GOOD[1], ensure_ascii=False),
        json.dumps(["an", "array"]),
        json.dumps({"id": "no-text", "published": "2023-01-01"}),
        json.dumps({"id": "bad-date", "text": "Gunmen killed a man in Tank.", "published": 20230101}),
        json.dumps(GOOD[2], ensure_ascii=False),
    ]


EXPECTED = [  # (id, error prefix or None) per input line, in order
    ("a1", None), (None, "line 2: not valid JSON"), (2, None), (None, "line 4: expected a JSON object"),
    ("no-text", "line 5: no text"), ("bad-date", "line 6: published must be"), ("a3", None),
]


class _StructuralValidator:
    """The subset of the schema that matters for the contract: which branch of oneOf, its required
    keys and array types, and the required keys of each item of each array."""

    def __init__(self, schema: dict) -> None:
        self.schema = schema

    def _item_required(self, spec: dict) -> set[str]:
        ref = spec.get("items", {}).get("$ref", "")
        return set(self.schema["$defs"][ref.rsplit("/", 1)[1]].get("required", [])) if ref else set()

    def validate(self, record: dict) -> None:
        assert isinstance(record, dict)
        branches = [b for b in self.schema["oneOf"] if set(b["required"]) <= set(record)]
        assert len(branches) == 1, record
        for key, spec in branches[0]["properties"].items():
            if spec.get("type") == "array":
                assert isinstance(record[key], list), key
                need = self._item_required(spec)
                assert all(need <= set(item) for item in record[key]), (key, need)
            elif spec.get("type") == "string":
                assert isinstance(record[key], str), key


@pytest.fixture(scope="module")
def validator(tmp_path_factory):
    """The schema as `watchfloor schema` prints it, from a real process."""
    import subprocess
    import sys

    from cli_support import clean_env

    proc = subprocess.run([sys.executable, "-m", "watchfloor.cli", "schema"], capture_output=True,
                          env=clean_env(), cwd=tmp_path_factory.mktemp("schema"), timeout=60)
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    if jsonschema is None:
        return _StructuralValidator(schema)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _check_output(lines: list[str], validator) -> list[dict]:
    assert len(lines) == len(EXPECTED), lines
    out = [json.loads(line) for line in lines]
    for record, (ident, error) in zip(out, EXPECTED):
        validator.validate(record)
        assert record["id"] == ident
        if error:
            assert set(record) == {"id", "error"} and record["error"].startswith(error), record
        else:
            assert {"id", "events", "places", "statistics", "claims"} <= set(record) and "error" not in record
    texts = {g["id"]: g["text"] for g in GOOD}
    for record in out:
        for event in record.get("events", []):
            for spans in event["evidence"].values():
                assert all(0 <= s < e <= len(texts[record["id"]]) for s, e in spans)
    return out


def test_extract_file_to_stdout_in_a_real_process(run_cli, tmp_path: Path, validator) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(_lines()) + "\n", encoding="utf-8")
    result = run_cli("--db", tmp_path / "unused.db", "extract", src)
    assert result.code == 1, result  # some lines failed; the others were processed
    out = _check_output(result.stdout.splitlines(), validator)
    bannu = out[0]["events"]
    assert bannu and bannu[0]["admin2"] == "Bannu" and bannu[0]["fatalities"] == 3
    assert result.stderr.splitlines() == [f"error: {src}: {o['error']}" for o in out if "error" in o]
    assert not (tmp_path / "unused.db").exists()  # extract from JSONL never touches the database


def test_extract_stdin_to_file(cli, tmp_path: Path, validator) -> None:
    target = tmp_path / "out.jsonl"
    result = cli("extract", "-", "-o", target, stdin="\n".join(_lines()) + "\n")
    assert result.code == 1
    assert result.stdout == ""
    assert len(result.error_lines()) == 4
    _check_output(target.read_text(encoding="utf-8").splitlines(), validator)


def test_extract_all_good_exits_0(cli, validator) -> None:
    result = cli("extract", stdin="".join(json.dumps(g) + "\n" for g in GOOD))
    assert result.code == 0, result
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [g["id"] for g in GOOD]
    for o in out:
        validator.validate(o)


def test_extract_unreadable_input_or_output(cli, tmp_path: Path) -> None:
    missing = cli("extract", tmp_path / "missing.jsonl")
    assert missing.code == 1
    assert missing.stderr.strip() == f"watchfloor: {tmp_path / 'missing.jsonl'}: cannot read (No such file or directory)"
    nowhere = cli("extract", "-", "-o", tmp_path / "no" / "such" / "out.jsonl", stdin=json.dumps(GOOD[0]))
    assert nowhere.code == 1
    assert nowhere.stderr.startswith("watchfloor: ") and "cannot write" in nowhere.stderr
    assert len(nowhere.stderr.splitlines()) == 1


def test_schema_prints_valid_json_schema(cli) -> None:
    result = cli("schema")
    assert result.code == 0
    schema = json.loads(result.stdout)
    if jsonschema is not None:
        jsonschema.validators.validator_for(schema).check_schema(schema)
    assert {"oneOf", "$defs"} <= set(schema) and schema["$schema"].startswith("https://json-schema.org/")


def test_a_deeply_nested_line_is_one_error_and_the_run_goes_on(cli, tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    good = json.dumps({"id": "after", "text": "Gunmen shot dead a shopkeeper in Quetta on Monday.",
                       "published": "2023-05-02"})
    r = cli("extract", "-", stdin=deep + "\n" + good + "\n")
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert lines[0] == {"id": None, "error": "line 1: not valid JSON (nested too deeply)"}
    assert lines[1]["id"] == "after" and lines[1]["events"]
    assert r.code == 1
