"""Commands that analyse merged events over time: trends (with --compare) and surges."""

from __future__ import annotations

import csv
import sys
from typing import Annotated, Optional

import typer
from rich.table import Column, Table

from .base import EXIT_INPUT, EXIT_USAGE, Context, app, cells, emit_json, fail, out, printable

Since = Annotated[Optional[str], typer.Option(help="First date, YYYY-MM-DD.")]
Until = Annotated[Optional[str], typer.Option(help="Last date, YYYY-MM-DD.")]
Country = Annotated[Optional[str], typer.Option(help="Country, e.g. Pakistan.")]
Admin1 = Annotated[Optional[str], typer.Option(help="Province/state, e.g. Balochistan.")]
Admin2 = Annotated[Optional[str], typer.Option(help="District, e.g. Bannu.")]
EventType = Annotated[Optional[str], typer.Option("--type", help="ACLED event type, e.g. Battles.")]
Actor = Annotated[Optional[str], typer.Option(help="Part of an actor name, e.g. TTP.")]
Origin = Annotated[Optional[str], typer.Option(help="extracted, acled or ucdp.")]


@app.command()
def trends(
    ctx: typer.Context,
    interval: Annotated[str, typer.Option("--every", help="day, week or month.")] = "week",
    by: Annotated[Optional[str], typer.Option(help="country, admin1, admin2, event_type, sub_event_type or actor.")] = None,
    top: Annotated[int, typer.Option(help="Groups shown (the rest summed as '(other)').", min=1, max=1000)] = 10,
    compare_periods: Annotated[Optional[list[str]], typer.Option(
        "--compare", help="Two periods FIRST..LAST (give --compare twice): A against B.")] = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV on stdout.")] = False,
    plot: Annotated[Optional[str], typer.Option(help="Write a PNG chart to this file, with surges marked.")] = None,
    since: Since = None, until: Until = None, country: Country = None, admin1: Admin1 = None,
    admin2: Admin2 = None, event_type: EventType = None, actor: Actor = None, origin: Origin = None,
) -> None:
    """Events and fatalities per day, week or month, by region, type or actor; reporting volume
    (articles) apart. --compare A B gives each period's counts and a quasi-Poisson rate ratio."""
    from .. import trends as service
    from ..analyze.surges import SurgeRule

    c: Context = ctx.obj
    filters = dict(since=since, until=until, country=country, admin1=admin1, admin2=admin2,
                   event_type=event_type, actor=actor, origin=origin)
    group = (by,) if by else ()
    with c.store() as store:
        try:
            if compare_periods:
                if len(compare_periods) != 2:
                    fail("--compare takes two periods: --compare A --compare B", EXIT_USAGE)
                result = service.compare(store, *compare_periods, interval=interval, by=group, top=top, **filters)
                return _print_compare(c, result, as_csv)
            result = service.trend(store, interval=interval, by=group, top=top, **filters)
            rule = SurgeRule.from_settings(c.settings.get("surges"))
            found = service.surges(store, by=by, rule=rule, **filters) if plot and by in service.REGION_LEVELS else []
        except ValueError as exc:
            fail(str(exc), EXIT_USAGE)
    if plot:
        from ..analyze.chart import plot_trends

        try:
            plot_trends(plot, result.groups, "events", result.articles, found, title=_title(filters, by, interval))
        except OSError as exc:
            fail(f"{plot}: cannot write ({exc.strerror})", EXIT_INPUT)
    if c.as_json:
        emit_json(result.to_dict())
    elif as_csv:
        _write_csv(result.rows(), result.articles if not by else None)
    else:
        _print_trend(c, result)


def _title(filters: dict, by: str | None, interval: str) -> str:
    where = ", ".join(f"{k}={v}" for k, v in filters.items() if v)
    return f"merged events per {interval}" + (f" by {by}" if by else "") + (f" ({where})" if where else "")


def _write_csv(rows: list[dict], articles: list[int] | None) -> None:
    if not rows:
        return
    fields = list(rows[0]) + (["articles"] if articles is not None else [])
    w = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for i, row in enumerate(rows):
        w.writerow({**row, **({"articles": articles[i]} if articles is not None else {})})


def _print_trend(c: Context, result) -> None:
    table = Table("period", *result.by, "events", "killed", *([] if result.by else ["articles"]))
    for i, row in enumerate(result.rows()):
        extra = [] if result.by else [str(result.articles[i])]
        table.add_row(*cells(row["period"], *(str(row[b] or "?") for b in result.by), str(row["events"]),
                             str(row["fatalities"]), *extra))
    out.print(table)
    if not c.quiet:
        out.print(f"{sum(sum(s.events) for s in result.groups)} merged events in {len(result.starts)} "
                  f"{result.interval}s; {sum(result.articles)} articles published in them")


def _ratio_text(r) -> str:
    if r.rate_ratio is None:
        return r.note or "-"
    if r.ci_low is None:
        return f"{r.rate_ratio:.2f} ({r.note})"
    return f"{r.rate_ratio:.2f} ({r.ci_low:.2f}-{r.ci_high:.2f})"


def _print_compare(c: Context, result, as_csv: bool) -> None:
    data = result.to_dict()
    if c.as_json:
        emit_json(data)
        return
    if as_csv:
        rows = [{**{b: g.get(b) for b in result.by}, "measure": m, **g[m]}
                for g in data["groups"] for m in ("events", "fatalities", "articles") if m in g]
        _write_csv(rows, None)
        return
    a, b = data["period_a"], data["period_b"]
    table = Table(*result.by, "measure", f"A {a[0]}..{a[1]}", f"B {b[0]}..{b[1]}", "rate ratio A/B (95% CI)", "p")
    for key, ratios in result.groups:
        for measure, r in ratios.items():
            table.add_row(*cells(*(str(k or "?") for k in key), measure, str(r.total_a), str(r.total_b),
                                 _ratio_text(r), f"{r.p_value:.3g}" if r.p_value is not None else "-"))
    out.print(table)
    if not c.quiet:
        out.print("Rates per day, from a quasi-Poisson model of the counts per bin (overdispersion widens the "
                  "interval). Articles are reporting volume, not violence.", markup=False)


@app.command()
def surges(
    ctx: typer.Context,
    by: Annotated[str, typer.Option(help="country, admin1 or admin2.")] = "admin1",
    measure: Annotated[str, typer.Option(help="events or fatalities.")] = "events",
    since: Since = None, until: Until = None, country: Country = None, admin1: Admin1 = None,
    admin2: Admin2 = None, event_type: EventType = None, actor: Actor = None, origin: Origin = None,
) -> None:
    """Each detected surge of violence per region: since when (a change point with its
    uncertainty), until when (none while ongoing), observed against expected."""
    from ..analyze.surges import SurgeRule
    from .. import trends as service

    c: Context = ctx.obj
    rule = SurgeRule.from_settings(c.settings.get("surges"))
    with c.store() as store:
        try:
            found = service.surges(store, by=by, measure=measure, rule=rule, since=since, until=until,
                                   country=country, admin1=admin1, admin2=admin2, event_type=event_type,
                                   actor=actor, origin=origin)
        except ValueError as exc:
            fail(str(exc), EXIT_USAGE)
    rows = [service.surge_dict(s, by) for s in found]
    if c.as_json:
        emit_json(rows)
        return
    table = Table(Column("region", min_width=14), Column("start", no_wrap=True), Column("95% band", no_wrap=True),
                  Column("alarm", no_wrap=True), Column("end", no_wrap=True), "seen", Column("expected", no_wrap=True), "ratio", "score")
    for r in rows:
        region = r["region"][by] or "?"  # the most specific name; --json has all three
        band = f"{r['start_interval'][0][2:]}..{r['start_interval'][1][2:]}"
        table.add_row(*cells(region, r["start"], band, r["first_alarm"], r["end"] or "ongoing", str(r["observed"]),
                             f"{r['expected']:.1f}", f"{r['ratio']:.1f}", f"{r['score']:.1f}"))
    out.print(table)
    if not c.quiet:
        out.print(printable(f"{len(rows)} surges of {measure} by {by}"), markup=False)
