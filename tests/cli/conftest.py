"""End-to-end fixtures for the `watchfloor` command line: real processes, real SQLite files,
a real HTTP server on 127.0.0.1. Nothing is mocked.

Two ways to run the CLI:

- ``run_cli(*args)``: ``python -m watchfloor.cli`` in a subprocess, exactly as a user runs it
  (about 1.5 s each: spaCy and the gazetteer load per process), for the key flows;
- ``cli(*args)``: typer's CliRunner in this process (the extractor stays loaded), for the many
  small cases.

Both start from an environment without any WATCHFLOOR_* variable of the caller's and run in
a temporary working folder, so a developer's ./watchfloor.toml or $WATCHFLOOR_DB cannot leak in.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_support import Run, Site, clean_env, start_site


@pytest.fixture
def run_cli(tmp_path: Path) -> Callable[..., Run]:
    """Run ``python -m watchfloor.cli ARGS`` in a subprocess (cwd: tmp_path)."""

    def run(*args: object, env: dict[str, str] | None = None, stdin: bytes | None = None,
            timeout: float = 120) -> Run:
        proc = subprocess.run(
            [sys.executable, "-m", "watchfloor.cli", *map(str, args)],
            input=stdin if stdin is not None else b"", capture_output=True,
            env=clean_env(**(env or {})), cwd=tmp_path, timeout=timeout,
        )
        return Run(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                   proc.stderr.decode("utf-8", "replace"))

    return run


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run the CLI in-process with typer's CliRunner (cwd: tmp_path)."""
    from typer.testing import CliRunner

    from watchfloor.cli import app

    for key in list(os.environ):
        if key.startswith("WATCHFLOOR_") and key != "WATCHFLOOR_GEO_CACHE":
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(*args: object, env: dict[str, str] | None = None, stdin: bytes | str | None = None) -> Run:
        result = runner.invoke(app, [str(a) for a in args], input=stdin, env=env)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a traceback is a bug: show it
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database filled by a real `watchfloor demo` subprocess. Read-only for tests: copy it
    before writing."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.db"
    proc = subprocess.run([sys.executable, "-m", "watchfloor.cli", "--db", str(path), "--quiet", "demo"],
                          capture_output=True, env=clean_env(), cwd=folder, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    return path


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    """A local news site on 127.0.0.1: a feed, pages, a redirect loop and a slow endpoint."""
    server, info = start_site()
    yield info
    server.shutdown()
    server.server_close()
