"""The command line's side of the Dask engine: extract --engine dask and load."""

from __future__ import annotations

import typer

from .base import EXIT_INPUT, EXIT_USAGE, Context, _err_line, _print_ingest, emit_json, err, fail, out, printable, progress


def extract_on_dask(c: Context, inputs: list[str], outdir: str | None, scheduler: str | None,
                    workers: int | None, partition_size: int | None) -> None:
    from ..engine import EngineError
    from ..engine.run import run_extraction

    if not outdir:
        fail("--engine dask writes Parquet shards: give the output folder with -o OUTDIR", EXIT_USAGE)
    if scheduler and workers:
        fail("--workers starts a local cluster; with --scheduler the cluster has its own workers", EXIT_USAGE)
    if scheduler and not scheduler.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
        fail(f"--scheduler {scheduler}: expected an address like tcp://HOST:PORT", EXIT_USAGE)
    if not scheduler and not workers:
        from ..extract.pool import usable_cores

        workers = usable_cores()
    try:
        with progress(c, "extracting partitions") as tick:
            report = run_extraction(inputs, outdir, c.settings, scheduler=scheduler, workers=workers,
                                    partition_size=partition_size, on_partition=tick)
    except EngineError as exc:
        fail(str(exc), EXIT_INPUT)
    for name, reason in report.failed:
        err.print(f"error: {printable(outdir)}: partition {name} failed: {printable(reason)}", markup=False,
                  highlight=False)
    if c.as_json:
        emit_json(report.to_dict())
    elif not c.quiet:
        out.print(f"extract: {report.partitions} partitions, {report.already_done} done before, {report.done} done now"
                  f" ({report.articles} articles, {report.errors} bad records in {printable(outdir)}/errors)"
                  + (f"; {len(report.failed)} failed: run the same command again to retry them" if report.failed else "")
                  + f"; next: watchfloor load {printable(outdir)}", markup=False, highlight=False)
    if report.failed or report.errors:  # as ingest and the local extract: some input failed
        raise typer.Exit(EXIT_INPUT)


def load_outdir(c: Context, outdir: str) -> None:
    from ..engine import EngineError
    from ..engine.load import load_outputs

    try:
        with c.store("load") as store, progress(c, "loading") as tick:
            report = load_outputs(store, outdir, c.settings, on_article=tick, on_error=_err_line)
    except EngineError as exc:
        fail(str(exc), EXIT_INPUT)
    _print_ingest(c, report, "load")
    if report.errors:
        raise typer.Exit(EXIT_INPUT)
