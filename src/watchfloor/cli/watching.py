"""Commands of the watch floor: watch (poll, ingest, alert), feeds (their health) and alerts
(add, list, remove, sent)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.table import Column, Table

from .base import EXIT_INPUT, EXIT_USAGE, Context, app, cells, emit_json, err, fail, out, printable

alerts_app = typer.Typer(help="Alert rules: add, list, remove; and the alerts sent.", no_args_is_help=True,
                         add_completion=False, rich_markup_mode=None)
app.add_typer(alerts_app, name="alerts")


def _read_feed_list(path: str) -> list[str]:
    """URLs from a file, one per line; blank lines and # comments skipped."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeError) as exc:
        fail(f"{path}: cannot read the feed list ({getattr(exc, 'strerror', None) or exc})", EXIT_INPUT)
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@app.command()
def watch(
    ctx: typer.Context,
    targets: Annotated[Optional[list[str]], typer.Argument(metavar="FEED_OR_URL...", help="Feeds or pages to watch.")] = None,
    feeds_file: Annotated[Optional[str], typer.Option("--feeds", help="A file of feed URLs, one per line.")] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll each due feed once, alert, and exit.")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow fetching from private/loopback addresses.")] = False,
) -> None:
    """Poll feeds and pages all day: ingest, merge and re-check surges as items arrive, and send
    the alerts due. The state lives in the store: a restarted watch resumes and never repeats
    an alert."""
    from ..ingest.fetch import check_scheme
    from ..watching import add_targets, watch as run

    c: Context = ctx.obj
    settings = c.settings
    if allow_private:
        settings["fetch"]["allow_private"] = True
    urls = list(targets or []) + (_read_feed_list(feeds_file) if feeds_file else [])
    for url in urls:
        try:
            check_scheme(url)
        except Exception as exc:  # the message names what is wrong with the URL
            fail(f"{url}: {exc}", EXIT_USAGE)

    def show(round_) -> None:
        if c.quiet:
            return
        for feed, note in round_.polled:
            err.print(printable(f"polled {feed}: {note}"), markup=False, highlight=False)
        for line in round_.errors:
            err.print(printable(f"error: {line}"), markup=False, highlight=False)
        if round_.polled:
            err.print(f"{round_.articles_added} new articles, {round_.events} event reports, "
                      f"{len(round_.alerts)} alerts", markup=False, highlight=False)

    with c.store("watch") as store:
        added = add_targets(store, urls)
        if not store.watch.feeds():
            fail("nothing to watch: give FEED_OR_URL or --feeds FILE", EXIT_USAGE)
        if added and not c.quiet:
            err.print(f"watching {added} new feeds", markup=False, highlight=False)
        try:
            run(store, settings, once=once, echo=lambda line: out.print(line, markup=False, highlight=False),
                on_round=show)
        except KeyboardInterrupt:
            err.print("stopped; the next watch resumes from the stored state", markup=False, highlight=False)
        except ValueError as exc:
            fail(str(exc), EXIT_USAGE)


@app.command()
def feeds(ctx: typer.Context) -> None:
    """The watched feeds and their health: status, failures, last and next poll, last error."""
    from ..watching import feed_health

    c: Context = ctx.obj
    with c.store() as store:
        rows = feed_health(store)
    if c.as_json:
        emit_json(rows)
        return
    table = Table("feed", "status", "failures", Column("last poll", no_wrap=True), Column("next poll", no_wrap=True),
                  "last error")
    for r in rows:
        url = r["url"] if r["url"] == r["registered"] else f"{r['registered']} -> {r['url']}"
        table.add_row(*cells(url, r["status"], str(r["failures"]), (r["last_poll"] or "never")[:19],
                             (r["next_poll"] or "-")[:19], r["last_error"] or ""))
    out.print(table)


@alerts_app.command("add")
def alerts_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name for the rule.")],
    kind: Annotated[str, typer.Option(help="event (a new event), surge (a surge starting) or toll (a toll passing N).")] = "event",
    country: Annotated[Optional[str], typer.Option()] = None,
    admin1: Annotated[Optional[str], typer.Option()] = None,
    admin2: Annotated[Optional[str], typer.Option()] = None,
    actor: Annotated[Optional[str], typer.Option(help="Part of an actor name.")] = None,
    event_type: Annotated[Optional[str], typer.Option("--type", help="ACLED event type.")] = None,
    min_fatalities: Annotated[int, typer.Option(min=0, help="Only events with at least this toll.")] = 0,
    toll: Annotated[Optional[int], typer.Option(min=1, help="toll rules: the toll to pass.")] = None,
    by: Annotated[str, typer.Option(help="surge rules: country, admin1 or admin2.")] = "admin1",
    measure: Annotated[str, typer.Option(help="surge rules: events or fatalities.")] = "events",
    webhook: Annotated[Optional[list[str]], typer.Option(help="POST the alert's JSON here (signed if a secret is set).")] = None,
    email: Annotated[Optional[list[str]], typer.Option(help="Mail the alert to this address.")] = None,
    log: Annotated[Optional[str], typer.Option(help="Append the alert as a JSON line to this file.")] = None,
) -> None:
    """Add (or replace) an alert rule; without a channel its alerts go to stdout."""
    from ..watch.alerting import AlertRule

    c: Context = ctx.obj
    channels = [f"webhook:{u}" for u in webhook or []] + [f"email:{a}" for a in email or []] + \
        ([f"log:{log}"] if log else [])
    try:
        rule = AlertRule(name=name, kind=kind, country=country, admin1=admin1, admin2=admin2, actor=actor,
                         event_type=event_type, min_fatalities=min_fatalities, toll=toll, by=by, measure=measure,
                         channels=channels or ["stdout"])
    except ValueError as exc:
        fail(str(exc), EXIT_USAGE)
    with c.store() as store:
        store.watch.add_rule(rule.name, rule.kind, rule.spec())
    if not c.quiet:
        out.print(printable(f"alert rule {rule.name!r} ({rule.kind}) to {', '.join(rule.channels)}"), markup=False)


@alerts_app.command("list")
def alerts_list(ctx: typer.Context) -> None:
    """The alert rules: from the config ([[alerts.rules]]) and added with `alerts add`."""
    from ..watching import alert_rules

    c: Context = ctx.obj
    with c.store() as store:
        try:
            rules = alert_rules(store, c.settings)
        except ValueError as exc:
            fail(str(exc), EXIT_USAGE)
    rows = [{"name": r.name, "kind": r.kind, **r.spec()} for r in rules]
    if c.as_json:
        emit_json(rows)
        return
    table = Table("name", "kind", "filters", "channels")
    for r in rows:
        filters = ", ".join(f"{k}={r[k]}" for k in ("country", "admin1", "admin2", "actor", "event_type",
                                                      "min_fatalities", "toll") if r.get(k))
        table.add_row(*cells(r["name"], r["kind"], filters, ", ".join(r["channels"])))
    out.print(table)


@alerts_app.command("remove")
def alerts_remove(ctx: typer.Context, name: Annotated[str, typer.Argument(help="The rule's name.")]) -> None:
    """Remove an alert rule added with `alerts add`."""
    c: Context = ctx.obj
    with c.store() as store:
        if not store.watch.remove_rule(name):
            fail(f"no stored alert rule is named {name!r}", EXIT_INPUT)


@alerts_app.command("sent")
def alerts_sent(ctx: typer.Context, limit: Annotated[int, typer.Option(min=1, max=100_000)] = 50) -> None:
    """The alerts sent, newest first: rule, subject, level (it grows with each update)."""
    c: Context = ctx.obj
    with c.store() as store:
        rows = store.watch.alerts_sent(limit)
    if c.as_json:
        emit_json(rows)
        return
    table = Table(Column("sent", no_wrap=True), "rule", "subject", "level", "title")
    for r in rows:
        table.add_row(*cells(r["sent_at"], r["rule"], r["subject"], str(r["level"]), r["detail"].get("title", "")))
    out.print(table)
