"""The ``watchfloor`` command line: a thin layer over service, store and extract.

Exit codes: 0 success; 1 some input failed (the rest was processed and stored);
2 usage error; 3 the database or settings cannot be used.
"""

from __future__ import annotations

import json
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Column, Table
from rich.text import Text

from . import __version__
from .settings import SettingsError, load_settings
from .store import DatabaseFailure, Store, StoreError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
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
    db: Annotated[Optional[str], typer.Option("--db", envvar="WATCHFLOOR_DB", help="SQLite database file [default: ./watchfloor.db].")] = None,
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
        + (f", {report.history} older versions kept as history" if report.history else "") + "; "
        f"{report.extracted} extracted: {report.events} events, {report.claims} claims"
        + (f"; {len(report.errors)} failed" if report.errors else "")
    )


def _err_line(e) -> None:
    err.print(f"error: {printable(e.source)}: {printable(e.reason)}", markup=False, highlight=False)


@app.command()
def ingest(
    ctx: typer.Context,
    sources: Annotated[list[str], typer.Argument(help="Files, folders, globs, '-' for stdin, or http(s) URLs of pages and feeds.")],
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Store articles without extracting events.")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow fetching from private/loopback addresses.")] = False,
    jobs: JobsOption = None,
) -> None:
    """Read news into the database and extract events, places and claims from it."""
    from .service import ingest as run

    c: Context = ctx.obj
    settings = c.settings
    if allow_private:
        settings["fetch"]["allow_private"] = True
    with c.store("ingest") as store, progress(c, "ingesting") as tick:
        report = run(store, sources, settings, extract=not no_extract, jobs=jobs, stdin=sys.stdin.buffer,
                     on_article=tick, on_error=_err_line)
    _print_ingest(c, report, "ingest")
    if report.errors:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def extract(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="JSONL input: {id, text, published, title?, url?} per line; '-' for stdin.")] = "-",
    output: Annotated[Optional[str], typer.Option("-o", "--output", help="Write JSONL here instead of stdout.")] = None,
    stored: Annotated[bool, typer.Option("--stored", help="Instead: re-extract stored articles an older extractor did.")] = False,
    all_stored: Annotated[bool, typer.Option("--all", help="With --stored: re-extract every stored article.")] = False,
    jobs: JobsOption = None,
) -> None:
    """Extract events, places, statistics and claims: JSONL in, JSONL out (or re-run on the database)."""
    c: Context = ctx.obj
    if stored:
        from .service import extract_stored

        with c.store("extract") as store, progress(c, "extracting") as tick:
            report = extract_stored(store, c.settings, everything=all_stored, jobs=jobs, on_article=tick,
                                    on_error=_err_line)
        _print_ingest(c, report, "extract")
        if report.errors:
            raise typer.Exit(EXIT_INPUT)
        return
    from .extract.jsonl import process_lines
    from .extract.pool import ExtractionPool

    pool = ExtractionPool(c.settings, jobs)
    try:
        source = sys.stdin.buffer if file == "-" else open(file, "rb")
    except OSError as exc:
        fail(f"{file}: cannot read ({exc.strerror})", EXIT_INPUT)
    try:
        sink = open(output, "w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror})", EXIT_INPUT)
    failed = 0
    try:
        with progress(c, "extracting") as tick:
            for line in process_lines(source, pool):
                if "error" in line:
                    failed += 1
                    err.print(f"error: {printable(file)}: {printable(line['error'])}", markup=False, highlight=False)
                elif line["cut"]:
                    err.print(f"warning: {printable(file)}: id {printable(line['id'])}: {printable(line['cut']['message'])}",
                              markup=False, highlight=False)
                sink.write(json.dumps(line, ensure_ascii=False) + "\n")
                tick()
    finally:
        pool.close()
        if output:
            sink.close()
        if source is not sys.stdin.buffer:
            source.close()
    if failed:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def events(
    ctx: typer.Context,
    since: Annotated[Optional[str], typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    admin1: Annotated[Optional[str], typer.Option(help="Province/state, e.g. Balochistan.")] = None,
    admin2: Annotated[Optional[str], typer.Option(help="District, e.g. Bannu.")] = None,
    event_type: Annotated[Optional[str], typer.Option("--type", help="ACLED event type, e.g. Battles.")] = None,
    actor: Annotated[Optional[str], typer.Option(help="Part of an actor name, e.g. TTP.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.", min=1, max=MAX_COUNT)] = 50,
) -> None:
    """List stored events, newest first."""
    c: Context = ctx.obj
    with c.store() as store:
        rows = store.events(since=since, until=until, admin1=admin1, admin2=admin2, event_type=event_type,
                            actor=actor, limit=limit)
    if c.as_json:
        emit_json(rows)
        return
    table = Table(Column("date", no_wrap=True, min_width=10), "type", "where", "actor1", "actor2", "killed", "reports")
    for r in rows:
        where = ", ".join(x for x in (r["location"], r["admin2"], r["admin1"]) if x)
        table.add_row(*cells(r["date"] or "?", r["sub_event_type"], where, r["actor1"] or "", r["actor2"] or "",
                             "" if r["fatalities"] is None else str(r["fatalities"]), str(len(r["articles"]))))
    out.print(table)
    if not c.quiet:
        out.print(f"{len(rows)} events")


@app.command()
def claims(
    ctx: typer.Context,
    speaker: Annotated[Optional[str], typer.Option(help="Part of the speaker's name.")] = None,
    stance: Annotated[Optional[str], typer.Option(help="asserts, denies, warns, demands or predicts.")] = None,
    text: Annotated[Optional[str], typer.Option(help="Words in what was said.")] = None,
    since: Annotated[Optional[str], typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    proposition: Annotated[Optional[str], typer.Option(help="Only claims in propositions whose label or terms contain this.")] = None,
    ledger: Annotated[bool, typer.Option("--ledger", help="Group claims into propositions: who asserts, who denies.")] = False,
    contradictions: Annotated[bool, typer.Option("--contradictions", help="Only contested propositions, with both sides' evidence.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many rows.", min=1, max=MAX_COUNT)] = 50,
) -> None:
    """List attributed claims, or the ledger of propositions they assert and deny."""
    from .analyze.ledger import build_ledger, contradictions as contested

    c: Context = ctx.obj
    grouped = ledger or contradictions or proposition
    with c.store() as store:
        rows = store.claims(speaker=speaker, stance=stance, text=text, since=since, until=until,
                            limit=None if grouped else limit)
    if not grouped:
        _print_claims(c, rows)
        return
    props = build_ledger(rows)
    if proposition:
        needle = proposition.lower()
        props = [p for p in props if needle in p.label.lower() or any(needle in t for t in p.terms)]
    if contradictions:
        props = contested(props)
    props = props[:limit]
    if proposition and not (ledger or contradictions):
        _print_claims(c, [cl for p in props for cl in p.claims])
        return
    if c.as_json:
        emit_json([p.to_dict() for p in props])
        return
    if contradictions:
        for p in props:
            out.print(Text(printable(f"[{p.id}] {p.label}"), style="bold"))
            for wanted in ("asserts", "denies", "disputes"):
                for cl in p.to_dict()["claims"]:
                    if cl["side"] == wanted:
                        where = ", ".join(x for x in (cl["date"], cl["channel"]) if x)
                        out.print(Text(printable(f"  {wanted}: {cl['speaker']} ({where}): {cl['content']}")))
        if not c.quiet:
            out.print(f"{len(props)} contested propositions")
        return
    table = Table("id", "proposition", "asserted by", "denied or disputed by", "claims", "dates")
    for p in props:
        d = p.to_dict()
        table.add_row(*cells(str(p.id), p.label, "; ".join(p.asserted_by[:4]), "; ".join(p.denied_by[:4]),
                             str(len(p.claims)), f"{d['first'] or '?'}..{d['last'] or '?'}"))
    out.print(table)
    if not c.quiet:
        out.print(f"{len(props)} propositions")


def _print_claims(c: Context, rows: list[dict]) -> None:
    from .analyze.ledger import speaker_name

    if c.as_json:
        emit_json(rows)
        return
    table = Table("date", "speaker", "stance", "cue", "content")
    for r in rows:
        content = r["content"]["text"]
        table.add_row(*cells(r.get("date") or r.get("article_published") or "", speaker_name(r), r["stance"],
                             r["cue"]["text"], content if len(content) < 160 else content[:157] + "..."))
    out.print(table)
    if not c.quiet:
        out.print(f"{len(rows)} claims")


@app.command()
def export(
    ctx: typer.Context,
    what: Annotated[str, typer.Argument(help="events, claims or articles.")] = "events",
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    output: Annotated[Optional[str], typer.Option("-o", "--output", help="File to write (default stdout).")] = None,
) -> None:
    """Export stored events, claims or articles as JSONL or CSV."""
    from .export import write_export

    c: Context = ctx.obj
    if what not in ("events", "claims", "articles"):
        fail(f"cannot export {what!r}: choose events, claims or articles", EXIT_USAGE)
    if fmt not in ("jsonl", "csv"):
        fail(f"unknown format {fmt!r}: choose jsonl or csv", EXIT_USAGE)
    with c.store() as store:  # a bad --db fails before any output file is created
        try:
            sink = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        except OSError as exc:
            fail(f"{output}: cannot write ({exc.strerror})", EXIT_INPUT)
        try:
            n = write_export(store, what, fmt, sink)
        finally:
            if output:
                sink.close()
    if output and not c.quiet:
        err.print(f"exported {n} {what} to {output}", markup=False, highlight=False)


def _print_summary(summary: dict) -> None:
    out.print(
        f"[bold]{summary['articles']}[/] articles from {summary['publishers']} publishers"
        + (f" ({summary['superseded_versions']} of them older versions of updated pages)"
           if summary["superseded_versions"] else "") + ", "
        f"[bold]{summary['events']}[/] events ({summary['fatalities']} killed), "
        f"[bold]{summary['claims']}[/] claims, {summary['statistics']} statistics, {summary['places']} places, "
        f"{summary['other_incidents']} other incidents (not political violence)"
    )
    if summary["first_event"]:
        out.print(f"events dated {summary['first_event']} to {summary['last_event']}")
    if summary["events_by_type"]:
        out.print("by type: " + ", ".join(f"{k} {v}" for k, v in summary["events_by_type"].items()))
    if summary["busiest_districts"]:
        table = Table("district", "province", "events", "killed", title="Busiest districts")
        for d in summary["busiest_districts"]:
            table.add_row(*cells(d["admin2"], d["admin1"] or "", str(d["events"]), str(d["fatalities"])))
        out.print(table)


@app.command()
def stats(ctx: typer.Context) -> None:
    """Summarize the database: articles, events, claims, places, busiest districts."""
    c: Context = ctx.obj
    with c.store() as store:
        summary = store.summary()
    if c.as_json:
        emit_json(summary)
    else:
        _print_summary(summary)


@app.command()
def search(ctx: typer.Context, query: Annotated[str, typer.Argument(help="Words to find in titles and text.")],
           limit: Annotated[int, typer.Option(help="At most this many results.", min=1, max=MAX_COUNT)] = 20) -> None:
    """Full-text search over stored articles."""
    c: Context = ctx.obj
    with c.store() as store:
        rows = store.search_articles(query, limit)
    if c.as_json:
        emit_json(rows)
        return
    for r in rows:
        out.print(printable(f"{r['id']}  {r['published'] or '':10}  {r['title']}"), markup=False, highlight=False)
        snippet = " ".join(r["snippet"].split())  # snippets can span paragraphs: one line per hit
        out.print(f"    {printable(snippet)}", markup=False, highlight=False)


@app.command()
def history(ctx: typer.Context, url: Annotated[str, typer.Argument(help="The page's URL.")]) -> None:
    """Every stored version of one page (an updated article replaces the one before), oldest first."""
    c: Context = ctx.obj
    with c.store() as store:
        rows = store.versions(url)
    if c.as_json:
        emit_json(rows)
        return
    for r in rows:
        out.print(printable(f"{r['id']}  {'current' if r['current'] else 'older  '}  {r['published'] or '':10}  "
                            f"stored {r['ingested_at']}  {r['title']}"), markup=False, highlight=False)
    if not rows:
        err.print(f"no stored article has the URL {printable(url)}", markup=False, highlight=False)


@app.command()
def demo(ctx: typer.Context) -> None:
    """Ingest the bundled demo corpus into the database and print a summary."""
    from .service import run_demo

    c: Context = ctx.obj
    with c.store() as store:
        with progress(c, "ingesting the demo corpus") as tick:
            report = run_demo(store, c.settings, on_article=tick, on_error=_err_line)
        summary = store.summary()
    if c.as_json:
        emit_json({"ingest": report.to_dict(), "summary": summary})
    elif not c.quiet:
        out.print(f"demo corpus ingested into {c.db}", markup=False)
        _print_ingest(c, report, "ingest")
        _print_summary(summary)
        out.print("next: watchfloor events | watchfloor claims | watchfloor export events --format csv")
    if report.errors:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the extraction output (one JSONL line of `watchfloor extract`)."""
    from importlib import resources

    sys.stdout.write(resources.files("watchfloor.data").joinpath("extraction.schema.json").read_text(encoding="utf-8"))


@app.command(name="eval")
def evaluate(
    ctx: typer.Context,
    set_name: Annotated[str, typer.Argument(metavar="SET", help="acled, ucdp, muc4, polnear, world, pitf or geo.")],
    path: Annotated[str, typer.Argument(help="The data file of that set.")],
    limit: Annotated[Optional[int], typer.Option(help="Only the first N records.", min=1, max=MAX_COUNT)] = None,
    errors: Annotated[int, typer.Option("--errors", help="Show the N worst records.", min=0, max=MAX_COUNT)] = 0,
    slice_: Annotated[Optional[str], typer.Option(
        "--slice", help="world, pitf, geo: tune (the records rules were tuned on), untouched or all.")] = None,
    sample: Annotated[Optional[int], typer.Option(help="world, pitf, geo: N records spread over the file.",
                                                  min=1, max=MAX_COUNT)] = None,
) -> None:
    """Score the extractor on a development set (see the README for conventions)."""
    from .eval import SETS, format_report, run_eval

    c: Context = ctx.obj
    if set_name.strip().lower() not in SETS:  # a usage error, whether or not PATH exists
        fail(f"unknown evaluation set {set_name!r}; choose from {', '.join(SETS)}", EXIT_USAGE)
    if not Path(path).exists():
        fail(f"{path}: no such file", EXIT_INPUT)
    with progress(c, f"evaluating {set_name}", total=sample or limit) as tick:
        try:
            report = run_eval(set_name, path, limit=limit, errors=errors, progress=tick, slice=slice_, sample=sample)
        except ValueError as exc:
            fail(str(exc), EXIT_USAGE)
    if c.as_json:
        emit_json(report.to_dict())
    else:
        out.print(format_report(report), markup=False, highlight=False)


if __name__ == "__main__":  # pragma: no cover
    app()
