"""Helpers shared by the engine tests: the CLI in a subprocess, the demo corpus, shard contents."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
CORPUS = SRC / "watchfloor" / "demo" / "corpus"


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHFLOOR_") or k == "WATCHFLOOR_GEO_CACHE"}
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def cli_command(*args: object) -> list[str]:
    return [sys.executable, "-m", "watchfloor.cli", *map(str, args)]


def run_cli(cwd: Path, *args: object, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(cli_command(*args), capture_output=True, text=True, env=clean_env(), cwd=cwd,
                          timeout=timeout)


def corpus_file(folder: Path, names: tuple[str, ...] = ("articles.jsonl",)) -> Path:
    """The demo articles in one JSONL: several reports of the same incidents and syndicated
    copies among them, so loading exercises copies and merging, not only storing."""
    path = folder / "corpus.jsonl"
    path.write_text("".join((CORPUS / name).read_text(encoding="utf-8") for name in names), encoding="utf-8")
    return path


def lines_of(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def shard_rows(outdir: Path, kind: str = "articles") -> dict[str, list[dict]]:
    import pyarrow.parquet as pq

    return {p.stem: pq.read_table(p).to_pylist() for p in sorted((outdir / kind).glob("part-*.parquet"))}


def manifest(outdir: Path) -> dict:
    return json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
