"""Commands for developers: the extraction schema and the evaluations."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .base import EXIT_INPUT, EXIT_USAGE, MAX_COUNT, Context, app, emit_json, fail, out, progress


@app.command()
def schema() -> None:
    """Print the JSON Schema of the extraction output (one JSONL line of `watchfloor extract`)."""
    from importlib import resources

    sys.stdout.write(resources.files("watchfloor.data").joinpath("extraction.schema.json").read_text(encoding="utf-8"))


@app.command(name="eval")
def evaluate(
    ctx: typer.Context,
    set_name: Annotated[str, typer.Argument(metavar="SET", help="acled, ucdp, muc4, polnear, world, pitf, geo or merge.")],
    path: Annotated[Optional[str], typer.Argument(
        help="The data file of that set (merge: a corpus folder, default the bundled demo corpus).")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N records.", min=1, max=MAX_COUNT)] = None,
    errors: Annotated[int, typer.Option("--errors", help="Show the N worst records.", min=0, max=MAX_COUNT)] = 0,
    slice_: Annotated[Optional[str], typer.Option(
        "--slice", help="world, pitf, geo: tune (the records rules were tuned on), untouched or all.")] = None,
    sample: Annotated[Optional[int], typer.Option(help="world, pitf, geo: N records spread over the file.",
                                                  min=1, max=MAX_COUNT)] = None,
) -> None:
    """Score the extractor on a development set (see the README for conventions)."""
    from ..eval import SETS, format_report, run_eval

    c: Context = ctx.obj
    if set_name.strip().lower() == "merge":
        return _evaluate_merge(c, path, slice_ or "all", errors)
    if set_name.strip().lower() not in SETS:  # a usage error, whether or not PATH exists
        fail(f"unknown evaluation set {set_name!r}; choose from {', '.join(SETS)}", EXIT_USAGE)
    if path is None:
        fail(f"eval {set_name}: give the data file", EXIT_USAGE)
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


def _evaluate_merge(c: Context, path: str | None, slice_: str, errors: int) -> None:
    from ..eval.merge import format_merge_score, run_merge_eval

    if slice_ not in ("tune", "untouched", "all"):
        fail(f"unknown slice {slice_!r}: choose tune, untouched or all", EXIT_USAGE)
    if path is not None and not Path(path).is_dir():
        fail(f"{path}: not a corpus folder", EXIT_INPUT)
    with progress(c, "ingesting and merging the corpus"):
        score = run_merge_eval(c.settings, path, slice_)
    if c.as_json:
        emit_json(score.to_dict())
    else:
        out.print(format_merge_score(score, errors), markup=False, highlight=False)
