"""The command line's shared parts: the Typer app, the context every command gets, safe printing,
exit codes, and global options that work before or after the subcommand.

Exit codes: 0 success; 1 some input failed (the rest was processed and stored);
2 usage error; 3 the database or settings cannot be used.
"""


from __future__ import annotations

import json
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from .. import __version__
from ..settings import SettingsError, load_settings
from ..store import DatabaseFailure, Store, StoreError



class GlobalOptionsAnywhere(TyperGroup):
    """``watchfloor events --json`` means ``watchfloor --json events``: the global options may
    follow the subcommand (up to a ``--``); they are moved before it before parsing."""

    def parse_args(self, ctx, args):
        return super().parse_args(ctx, hoist_globals(list(args)))


_GLOBAL_FLAGS = {"--quiet", "-q", "--json"}
_GLOBAL_VALUED = {"--db", "--config"}


def hoist_globals(args: list[str]) -> list[str]:
    """The arguments with global options found after the subcommand moved in front of it."""
    moved, rest, i = [], [], 0
    first = next((k for k, a in enumerate(args) if not a.startswith("-")
                  and (k == 0 or args[k - 1] not in _GLOBAL_VALUED)), None)
    if first is None:
        return args
    head, tail = args[:first + 1], args[first + 1:]
    while i < len(tail):
        a = tail[i]
        if a == "--":
            rest += tail[i:]
            break
        if a in _GLOBAL_FLAGS:
            moved.append(a)
        elif a in _GLOBAL_VALUED and i + 1 < len(tail):
            moved += [a, tail[i + 1]]
            i += 1
        elif a.split("=", 1)[0] in _GLOBAL_VALUED and "=" in a:
            moved.append(a)
        else:
            rest.append(a)
        i += 1
    return head[:-1] + moved + head[-1:] + rest


app = typer.Typer(cls=GlobalOptionsAnywhere, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Political-violence events and attributed claims from news, self-hosted.")
# soft_wrap: plain lines (summaries, `error: SOURCE: reason`, `watchfloor: ...`) are never
# hard-wrapped at the console width, so each stays one line for grep and scripts.
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

EXIT_INPUT, EXIT_USAGE, EXIT_STORE = 1, 2, 3
# The largest count an option takes: SQLite's integers stop at 2**63 - 1, and no database
# holds more rows than this.
MAX_COUNT = 1_000_000_000
JobsOption = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", min=1, max=1024, help="Extracting worker processes (default: extract.jobs, 0 = every core).")]


@dataclass
class Context:
    db: str
    config: str | None
    quiet: bool
    as_json: bool
    _settings: dict | None = None

    @property
    def settings(self) -> dict:
        if self._settings is None:
            try:
                self._settings = load_settings(self.config)
            except SettingsError as exc:
                fail(str(exc), EXIT_STORE)
        return self._settings

    @contextmanager
    def store(self, command: str | None = None):
        """The open store; a database failure inside ends the command with ``watchfloor: DB:
        reason`` and exit 3, after the partial report of ``command`` (ingest, extract)."""
        try:
            store = Store(self.db, busy_timeout=float(self.settings["store"]["busy_timeout"]))
        except StoreError as exc:
            fail(str(exc), EXIT_STORE)
        try:
            yield store
        except DatabaseFailure as exc:
            if command and exc.partial is not None:
                _print_ingest(self, exc.partial, command)
            fail(f"{exc} ({self.db})", EXIT_STORE)
        finally:
            store.close()


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(value: object) -> str:
    """A field from a page, a feed or a file name, safe for a terminal: control characters
    (escape sequences, newlines that would forge a second ``error:`` line, carriage returns)
    are shown as ``\\xNN`` instead of acted on."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))


def cells(*values: str) -> list[Text]:
    """Table cells shown as they are: text from articles ("they [the militants] said") is not
    markup, and control characters in it are shown, not acted on."""
    return [Text(printable(v)) for v in values]


def fail(message: str, code: int) -> None:
    err.print(f"watchfloor: {printable(message)}", markup=False, highlight=False)
    raise typer.Exit(code)


def emit_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _version(value: bool) -> None:
    if value:
        out.print(f"watchfloor {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", envvar="WATCHFLOOR_DB", help="SQLite database file [default: ./watchfloor.db], or a postgresql:// URL.")] = None,
    config: Annotated[Optional[str], typer.Option("--config", envvar="WATCHFLOOR_CONFIG", help="A TOML file overriding default.toml.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or summaries.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    c = Context(db or "", config, quiet, as_json)
    settings = c.settings  # always: a bad --config or variable is exit 3, whatever the command
    if not db:
        c.db = settings["store"]["path"]
    ctx.obj = c


@contextmanager
def progress(c: Context, label: str, total: int | None = None):
    """A progress bar on stderr, unless --quiet or --json or stderr is not a terminal."""
    if c.quiet or c.as_json or not err.is_terminal:
        yield lambda *_: None
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}"),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda *_: bar.advance(task)


def _print_ingest(c: Context, report, title: str) -> None:
    for e in report.cut:
        err.print(f"warning: {printable(e.source)}: {printable(e.reason)}", markup=False, highlight=False)
    if c.as_json:
        emit_json(report.to_dict())
        return
    if c.quiet:
        return
    out.print(
        f"{title}: {report.read} articles read, {report.added} new, {report.duplicates} already stored"
        + (f", {report.superseded} replaced by a newer version" if report.superseded else "")
        + (f", {report.history} older versions kept as history" if report.history else "")
        + (f", {report.copies} syndicated copies of stored articles" if report.copies else "") + "; "
        f"{report.extracted} extracted: {report.events} event reports, {report.claims} claims"
        + (f"; {len(report.errors)} failed" if report.errors else "")
    )


def _err_line(e) -> None:
    err.print(f"error: {printable(e.source)}: {printable(e.reason)}", markup=False, highlight=False)
