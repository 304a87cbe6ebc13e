"""Commands that read news in: ingest, extract, demo."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

from enum import Enum

import typer

from .base import (EXIT_INPUT, EXIT_USAGE, MAX_COUNT, Context, JobsOption, _err_line, _print_ingest, app,
                   emit_json, err, fail, out, printable, progress)


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def ingest(
    ctx: typer.Context,
    sources: Annotated[list[str], typer.Argument(help="Files, folders, globs, '-' for stdin, or http(s) URLs of pages and feeds.")],
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Store articles without extracting events.")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow fetching from private/loopback addresses.")] = False,
    jobs: JobsOption = None,
) -> None:
    """Read news into the database and extract events, places and claims from it."""
    from ..service import ingest as run

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
    inputs: Annotated[Optional[list[str]], typer.Argument(
        metavar="INPUT...", help="JSONL input: {id, text, published, title?, url?} per line; '-' for stdin. "
        "With --engine dask: files or folders of .jsonl, .jsonl.gz or .parquet shards.")] = None,
    output: Annotated[Optional[str], typer.Option("-o", "--output", help="Write JSONL here instead of stdout "
                                                  "(--engine dask: the output folder of Parquet shards).")] = None,
    stored: Annotated[bool, typer.Option("--stored", help="Instead: re-extract stored articles an older extractor did.")] = False,
    all_stored: Annotated[bool, typer.Option("--all", help="With --stored: re-extract every stored article.")] = False,
    jobs: JobsOption = None,
    engine: Annotated[Engine, typer.Option("--engine", help="local: this machine's processes (--jobs); dask: "
                                           "partitions on a Dask cluster, shards into -o OUTDIR, then watchfloor load.")] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="tcp://HOST:PORT",
                                                     help="--engine dask: the cluster's scheduler (default: a local cluster).")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, max=1024,
                                                   help="--engine dask without --scheduler: local worker processes [default: every core].")] = None,
    partition_size: Annotated[Optional[int], typer.Option("--partition-size", min=1, max=MAX_COUNT,
                                                          help="--engine dask: documents per partition [default: engine.partition_size].")] = None,
) -> None:
    """Extract events, places, statistics and claims: JSONL in, JSONL out (or re-run on the database,
    or on a Dask cluster into Parquet shards)."""
    c: Context = ctx.obj
    inputs = inputs or ["-"]
    if engine is Engine.dask:
        if stored or jobs is not None:
            fail("--stored and --jobs are for the local engine; the dask engine reads INPUT files", EXIT_USAGE)
        from .engine import extract_on_dask

        extract_on_dask(c, inputs, output, scheduler, workers, partition_size)
        return
    if scheduler or workers or partition_size:
        fail("--scheduler, --workers and --partition-size need --engine dask", EXIT_USAGE)
    if len(inputs) > 1:
        fail("the local engine reads one JSONL file (or '-'); several inputs need --engine dask", EXIT_USAGE)
    file = inputs[0]
    if stored:
        from ..service import extract_stored

        with c.store("extract") as store, progress(c, "extracting") as tick:
            report = extract_stored(store, c.settings, everything=all_stored, jobs=jobs, on_article=tick,
                                    on_error=_err_line)
        _print_ingest(c, report, "extract")
        if report.errors:
            raise typer.Exit(EXIT_INPUT)
        return
    from ..extract.jsonl import process_lines
    from ..extract.pool import ExtractionPool

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
def load(
    ctx: typer.Context,
    outdir: Annotated[str, typer.Argument(metavar="OUTDIR", help="The -o folder of a finished extract --engine dask.")],
) -> None:
    """Store the shards of extract --engine dask, merging and grouping as ingest does (twice adds nothing)."""
    from .engine import load_outdir

    load_outdir(ctx.obj, outdir)


@app.command()
def demo(ctx: typer.Context, and_serve: Annotated[bool, typer.Option(
        "--serve", help="Then serve the API on it (watchfloor serve).")] = False) -> None:
    """Ingest the bundled demo corpus into the database and print a summary."""
    from ..service import run_demo

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
        from .querying import _print_summary

        _print_summary(summary)
        out.print("next: watchfloor events | watchfloor claims | watchfloor export events --format csv")
    if report.errors:
        raise typer.Exit(EXIT_INPUT)
    if and_serve:
        from .serving import serve

        serve(ctx, host=None, port=None, workers=None)
