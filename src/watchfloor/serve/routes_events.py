"""Event routes: the list (filters, keyset pages, NDJSON for everything), one event with its
reports and history, the changes feed a mirror syncs from, and facets."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import StreamingResponse

from ..store import Store
from ..store.queries import sort_value
from . import params
from .deps import get_store, reader, writer

router = APIRouter(prefix="/api", tags=["events"])
STREAM_PAGE = 1000


def _matching_ids(store: Store, query: str | None) -> list[str] | None:
    """Events reported by articles that match a full-text query (None: no query)."""
    if not query:
        return None
    ids: set[str] = set()
    for article in store.search_articles(query, limit=1000):
        ids.update(store.report_events(article["id"]).values())
    return sorted(ids)


@router.get("/events")
def list_events(request: Request, store: Store = Depends(reader)) -> params.Body:
    """Events newest first; ``_next`` continues after the last page's last event."""
    filters = params.event_filters(request)
    size, order = params.page_size(request), params.sort_order(request)
    after = params.decode_cursor(request.query_params.get("_next"), order)
    rows = store.events(limit=size + 1, after=after, order=order,
                        ids=_matching_ids(store, request.query_params.get("q")), **filters)
    more = len(rows) > size
    rows = rows[:size]
    cursor = params.encode_cursor(rows[-1], order) if more else None
    next_url = str(request.url.include_query_params(_next=cursor)) if cursor else None
    return params.Body({"events": rows, "count": len(rows), "next": cursor, "next_url": next_url})


@router.get("/events.ndjson")
def stream_events(request: Request, store: Store = Depends(reader)) -> StreamingResponse:
    """Every matching event, one JSON object per line, with no row cap."""
    filters = params.event_filters(request)
    order = params.sort_order(request)
    ids = _matching_ids(store, request.query_params.get("q"))
    db_path, timeout = request.app.state.db_path, float(request.app.state.settings["store"]["busy_timeout"])

    def lines() -> Iterator[bytes]:
        own = Store(db_path, busy_timeout=timeout)  # the request's store closes before the body is sent
        try:
            after = None
            while True:
                rows = own.events(limit=STREAM_PAGE, after=after, order=order, ids=ids, **filters)
                for row in rows:
                    yield (json.dumps(row, ensure_ascii=False, default=str) + "\n").encode()
                if len(rows) < STREAM_PAGE:
                    return
                after = (sort_value(rows[-1], order), rows[-1]["id"])
        finally:
            own.close()

    return StreamingResponse(lines(), media_type="application/x-ndjson")


@router.get("/events/{event_id}")
def one_event(event_id: str, store: Store = Depends(reader)) -> params.Body:
    """One event (an id merged into another finds the event it became), its reports with each
    article's text and the evidence spans of each field, and its history."""
    found = store.event(event_id)
    if found is None:
        raise HTTPException(404, f"no event has the id {event_id[:80]!r}")
    reports = store.event_reports(found["id"])
    for r in reports:
        article = store.get_article(r["article_id"])
        r["title"] = article.title if article else None
        r["text"] = article.text if article else None
        r["evidence"] = r["event"].get("evidence", {})
    return params.Body({"event": found, "reports": reports, "history": store.event_history(found["id"])})


@router.get("/changes")
def changes(request: Request, store: Store = Depends(reader)) -> params.Body:
    """Events created or changed at or after ``since`` (oldest change first), and the ids merged
    into others or dropped: what a mirror needs to stay in step. Ask again with ``next_since``."""
    q = request.query_params
    params.only(request, {"since", "_size"})
    size = params.page_size(request, default=1000, largest=10_000)
    updated = store.watch.events_changed_since(q.get("since"), limit=size)
    updated.sort(key=lambda e: e.get("updated_at") or "")
    gone = store.merges_since(q.get("since"))
    latest = max([e.get("updated_at") or "" for e in updated] + [g["at"] for g in gone] + [q.get("since") or ""])
    return params.Body({"updated": updated, "merged_or_dropped": gone, "next_since": latest or None})


@router.get("/facets")
def facets(request: Request, store: Store = Depends(reader)) -> params.Body:
    """Events and fatalities per value of ``field`` under the event filters."""
    field = request.query_params.get("field", "admin1")
    filters = params.event_filters(request, extra=("field",))
    return params.Body({"field": field, "facets": store.facet(field, **filters)})


@router.get("/articles", tags=["articles"])
def find_articles(request: Request, store: Store = Depends(reader)) -> params.Body:
    """Articles whose title or text matches ``q`` (full text, each word quoted), best first."""
    q = request.query_params
    params.only(request, {"q", "_size"})
    if not q.get("q"):
        raise params.BadParameter("q: words to look for")
    found = store.search_articles(q["q"], limit=params.page_size(request, default=20, largest=200))
    return params.Body({"articles": found, "count": len(found)})


@router.get("/articles/{article_id}", tags=["articles"])
def one_article(article_id: str, store: Store = Depends(reader)) -> params.Body:
    """One article with its stored extraction: events as this article coded them, places,
    statistics, claims and other incidents, each with its evidence."""
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article has the id {article_id[:80]!r}")
    return params.Body({"article": article.to_dict(), "extraction": store.load_extraction(article_id),
                        "copy_of": store.copy_of(article_id), "events": sorted(set(store.report_events(article_id).values()))})


@router.get("/stats", tags=["articles"])
def stats(store: Store = Depends(reader)) -> params.Body:
    return params.Body(store.summary())


@router.delete("/articles/{article_id}", tags=["articles"])
def delete_article(article_id: str, _: str = Depends(writer), store: Store = Depends(get_store)) -> dict:
    """Delete an article and what only it supported (its events when no other article reports
    them; it leaves the rest, re-merged without it)."""
    from ..service import delete_article as run

    done = run(store, article_id)
    if done is None:
        raise HTTPException(404, f"no article has the id {article_id[:80]!r}")
    return done


@router.get("/actors", tags=["articles"])
def actors(request: Request, store: Store = Depends(reader)) -> params.Body:
    """Actors by the events they take part in; ``q``: part of the name."""
    return params.Body({"actors": store.actors(_needle(request), params.page_size(request, default=50, largest=1000))})


@router.get("/places", tags=["articles"])
def places(request: Request, store: Store = Depends(reader)) -> params.Body:
    """Places the articles name, most mentioned first, with how often each is an event's place."""
    return params.Body({"places": store.places(_needle(request), params.page_size(request, default=50, largest=1000))})


def _needle(request: Request) -> str | None:
    params.only(request, {"q", "_size"})
    q = request.query_params.get("q")
    if q and len(q) > params.MAX_VALUE:
        raise params.BadParameter(f"q: longer than {params.MAX_VALUE} characters")
    return q or None
