"""Commands that move records in and out: export, import, delete."""

from __future__ import annotations

import csv
import sys
from typing import Annotated, Optional

import typer

from .base import EXIT_INPUT, EXIT_USAGE, Context, _err_line, app, emit_json, err, fail, out, printable, progress


ERRORS_SHOWN = 20


@app.command()
def export(
    ctx: typer.Context,
    what: Annotated[str, typer.Argument(help="events, claims or articles.")] = "events",
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet; events also acled, ucdp or geojson.")] = "jsonl",
    output: Annotated[Optional[str], typer.Option("-o", "--output", help="File to write (default stdout).")] = None,
) -> None:
    """Export stored events, claims or articles (events in ACLED's or UCDP's columns too)."""
    from ..export import BINARY, FORMATS, write_export

    c: Context = ctx.obj
    if what not in FORMATS:
        fail(f"cannot export {what!r}: choose events, claims or articles", EXIT_USAGE)
    if fmt not in FORMATS[what]:
        fail(f"unknown format {fmt!r} for {what}: choose {', '.join(FORMATS[what])}", EXIT_USAGE)
    binary = fmt in BINARY
    if binary and not output and sys.stdout.isatty():
        fail(f"{fmt} is binary: give -o FILE, or redirect standard output", EXIT_USAGE)
    with c.store() as store:  # a bad --db fails before any output file is created
        try:
            if output:
                sink = open(output, "wb") if binary else open(output, "w", encoding="utf-8", newline="")
            else:
                sink = sys.stdout.buffer if binary else sys.stdout
        except OSError as exc:
            fail(f"{output}: cannot write ({exc.strerror})", EXIT_INPUT)
        try:
            n = write_export(store, what, fmt, sink)
        finally:
            if output:
                sink.close()
            elif binary:
                sink.flush()
    if output and not c.quiet:
        err.print(f"exported {n} {what} to {printable(output)}", markup=False, highlight=False)


@app.command(name="import")
def import_(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(metavar="FORMAT", help="acled or ucdp.")],
    path: Annotated[str, typer.Argument(help="The CSV export to load.")],
) -> None:
    """Load an ACLED or UCDP CSV export as events, keeping their ids, sources and notes."""
    from ..service import import_events

    c: Context = ctx.obj
    if kind not in ("acled", "ucdp"):
        fail(f"cannot import {kind!r}: choose acled or ucdp", EXIT_USAGE)
    shown = []

    def first_errors(e) -> None:  # a file of bad rows must not flood the terminal
        if len(shown) < ERRORS_SHOWN:
            _err_line(e)
        shown.append(e)

    with c.store() as store, progress(c, f"importing {kind}"):
        try:
            report = import_events(store, path, kind, on_error=first_errors)
        except FileNotFoundError:
            fail(f"{path}: no such file", EXIT_INPUT)
        except IsADirectoryError:
            fail(f"{path}: a folder, not a CSV file", EXIT_INPUT)
        except OSError as exc:
            fail(f"{path}: cannot read ({exc.strerror})", EXIT_INPUT)
        except UnicodeDecodeError as exc:
            fail(f"{path}: not UTF-8 text (byte {exc.start}); save the export as UTF-8 CSV", EXIT_INPUT)
        except csv.Error as exc:
            fail(f"{path}: not a readable CSV file ({exc})", EXIT_INPUT)
    if c.as_json:
        emit_json(report.to_dict())
    elif not c.quiet:
        out.print(f"import {kind}: {report.rows} rows, {report.new} new events, {report.updated} updated, "
                  f"{report.unchanged} unchanged" + (f"; {len(report.errors)} rows skipped" if report.errors else ""),
                  markup=False, highlight=False)
    if len(report.errors) > ERRORS_SHOWN:
        err.print(f"error: {printable(path)}: {len(report.errors) - ERRORS_SHOWN} more rows skipped "
                  "(--json lists them all)", markup=False, highlight=False)
    if report.errors:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def delete(ctx: typer.Context, article_id: Annotated[str, typer.Argument(metavar="ARTICLE_ID")]) -> None:
    """Delete an article and what only it supported; events it shared are re-merged without it."""
    from ..service import delete_article

    c: Context = ctx.obj
    with c.store() as store:
        done = delete_article(store, article_id)
    if done is None:
        fail(f"no article has the id {article_id}", EXIT_INPUT)
    if c.as_json:
        emit_json(done)
    elif not c.quiet:
        out.print(printable(f"deleted {article_id}; {len(done['events_updated'])} events re-merged without it"),
                  markup=False, highlight=False)
