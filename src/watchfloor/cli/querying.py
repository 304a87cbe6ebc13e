"""Commands that read the database: events, event, compare, claims, stats, search, history."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.table import Column, Table
from rich.text import Text

from .base import EXIT_INPUT, MAX_COUNT, Context, app, cells, emit_json, err, out, printable


@app.command()
def events(
    ctx: typer.Context,
    since: Annotated[Optional[str], typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    admin1: Annotated[Optional[str], typer.Option(help="Province/state, e.g. Balochistan.")] = None,
    admin2: Annotated[Optional[str], typer.Option(help="District, e.g. Bannu.")] = None,
    event_type: Annotated[Optional[str], typer.Option("--type", help="ACLED event type, e.g. Battles.")] = None,
    actor: Annotated[Optional[str], typer.Option(help="Part of an actor name, e.g. TTP.")] = None,
    origin: Annotated[Optional[str], typer.Option(help="extracted, acled or ucdp.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.", min=1, max=MAX_COUNT)] = 50,
) -> None:
    """List merged events, newest first: each incident once, with its sources and tolls."""
    c: Context = ctx.obj
    with c.store() as store:
        rows = store.events(since=since, until=until, admin1=admin1, admin2=admin2, event_type=event_type,
                            actor=actor, origin=origin, limit=limit)
    if c.as_json:
        emit_json(rows)
        return
    table = Table(Column("date", no_wrap=True, min_width=10), "type", "where", "actor1", "actor2", "killed",
                  "sources", Column("id", no_wrap=True))
    for r in rows:
        where = ", ".join(x for x in (r["location"], r["admin2"], r["admin1"]) if x)
        table.add_row(*cells(r["date"] or "?", r["sub_event_type"], where, r["actor1"] or "", r["actor2"] or "",
                             _toll(r), str(r["source_count"]), r["id"]))
    out.print(table)
    if not c.quiet:
        out.print(f"{len(rows)} events")


def _toll(r: dict) -> str:
    """"9", or "9 (8-10, disputed)" when the sources differ."""
    if r["fatalities"] is None:
        return ""
    low, high = r.get("fatalities_low"), r.get("fatalities_high")
    spread = f" ({low}-{high}{', disputed' if r.get('disputed') else ''})" if low is not None and low != high else ""
    return f"{r['fatalities']}{spread}"


@app.command()
def event(ctx: typer.Context, event_id: Annotated[str, typer.Argument(metavar="ID", help="An event id.")]) -> None:
    """One event: its coding, its reports (each article's own coding) and every change to it."""
    c: Context = ctx.obj
    with c.store() as store:
        found = store.event(event_id)
        reports = store.event_reports(found["id"]) if found else []
        changes = store.event_history(event_id) if found else []
    if found is None:
        err.print(f"no event has the id {printable(event_id)}", markup=False, highlight=False)
        raise typer.Exit(EXIT_INPUT)
    if c.as_json:
        emit_json(dict(found, reports=reports, history=changes))
        return
    where = ", ".join(x for x in (found["location"], found["admin2"], found["admin1"], found["country"]) if x)
    out.print(printable(f"{found['id']}  {found['date']}  {found['sub_event_type']}  {where}"), markup=False)
    out.print(printable(f"  actors: {found['actor1'] or '?'} / {found['actor2'] or '-'}; killed {_toll(found)}; "
                        f"best estimate {found['fatalities_best']}; {found['source_count']} sources"), markup=False)
    for r in reports:
        out.print(printable(f"  report {r['article_id']}#{r['ordinal']}  {r['published'] or '':10}  "
                            f"{r['publisher'] or '?'}: {r['event'].get('date')} {r['event'].get('location')} "
                            f"killed {r['event'].get('fatalities')}"), markup=False, highlight=False)
    for h in changes:
        out.print(printable(f"  {h['at']}  {h['change']}  {h['detail'] or ''}"), markup=False, highlight=False)


@app.command()
def compare(
    ctx: typer.Context,
    origin: Annotated[str, typer.Option(help="The imported events to compare: acled or ucdp.")] = "acled",
    limit: Annotated[int, typer.Option(help="List at most this many of each kind.", min=0, max=MAX_COUNT)] = 20,
) -> None:
    """Imported events against extracted ones over the dates both cover: which incidents both
    have (same place and date, by the merge rules) and which only one has."""
    from ..service import compare_origins

    c: Context = ctx.obj
    with c.store() as store:
        result = compare_origins(store, origin)
    if c.as_json:
        emit_json(result)
        return
    out.print(f"{origin} against extracted, {result['first'] or '?'} to {result['last'] or '?'}: "
              f"{len(result['both'])} in both, {len(result['only_imported'])} only in {origin}, "
              f"{len(result['only_extracted'])} only extracted", markup=False, highlight=False)
    for title, key in (("both", "both"), (f"only {origin}", "only_imported"), ("only extracted", "only_extracted")):
        for row in result[key][:limit]:
            out.print(printable(f"  {title}: {row}"), markup=False, highlight=False)


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
    from ..analyze.ledger import Proposition, build_ledger, contradictions as contested

    c: Context = ctx.obj
    grouped = ledger or contradictions or proposition
    filtered = any(v is not None for v in (speaker, stance, text, since, until))
    with c.store() as store:
        if grouped and not filtered:  # the stored ledger, kept up to date as claims arrive
            props = [Proposition(p["id"], p["label"], p["terms"], p["claims"], p["sides"]) for p in store.ledger(
                contested=contradictions, needle=proposition, limit=limit, claims_each=200)]
        else:
            rows = store.claims(speaker=speaker, stance=stance, text=text, since=since, until=until,
                                limit=None if grouped else limit)
    if not grouped:
        _print_claims(c, rows)
        return
    if filtered:  # a subset of the claims: grouped on the spot
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
    from ..analyze.ledger import speaker_name

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
