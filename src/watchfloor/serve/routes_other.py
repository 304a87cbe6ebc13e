"""Trends and surges (the CLI's functions), claims and the ledger, feeds and alerts, and the
write routes: ingest, feeds and alert rules. Writes need a token."""

from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter, Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from .. import trends as trend_service
from ..analyze.surges import SurgeRule
from ..store import Store
from . import params
from .deps import get_store, reader, writer

router = APIRouter(prefix="/api")
TREND_KEYS = ("every", "by", "top")


def _trend_filters(request: Request, extra: tuple[str, ...]) -> dict:
    """The event filters trends and surges take: one value each, and no bounding box, toll or
    dispute filter."""
    filters = params.event_filters(request, extra=extra)
    several = [k for k, v in filters.items() if isinstance(v, list) and len(v) > 1]
    if several:
        raise params.BadParameter(f"{several[0]}: trends take one value (use by={several[0]} to compare several)")
    others = sorted(set(filters) - set(trend_service.FILTER_KEYS))
    if others:
        raise params.BadParameter(f"{others[0]}: not a filter of trends and surges")
    return {k: (v[0] if isinstance(v, list) else v) for k, v in filters.items()}


@router.get("/trends", tags=["analysis"])
def trends(request: Request, store: Store = Depends(reader)) -> dict:
    q = request.query_params
    filters = _trend_filters(request, (*TREND_KEYS, "a", "b"))
    by = (q["by"],) if q.get("by") else ()
    top = params.number("top", q.get("top", "10"))
    interval = q.get("every", "week")
    if q.get("a") or q.get("b"):
        if not (q.get("a") and q.get("b")):
            raise params.BadParameter("a and b: give both periods, FIRST..LAST")
        return trend_service.compare(store, q["a"], q["b"], interval=interval, by=by, top=top, **filters).to_dict()
    return trend_service.trend(store, interval=interval, by=by, top=top, **filters).to_dict()


@router.get("/surges", tags=["analysis"])
def surges(request: Request, store: Store = Depends(reader)) -> list[dict]:
    q = request.query_params
    filters = _trend_filters(request, ("by", "measure"))
    by = q.get("by", "admin1")
    rule = SurgeRule.from_settings(request.app.state.settings.get("surges"))
    found = trend_service.surges(store, by=by, measure=q.get("measure", "events"), rule=rule, **filters)
    return [trend_service.surge_dict(s, by) for s in found]


@router.get("/claims", tags=["claims"])
def claims(request: Request, store: Store = Depends(reader)) -> dict:
    q = request.query_params
    params.only(request, {"speaker", "stance", "text", "since", "until", "_size"})
    for name in ("since", "until"):
        if name in q:
            params.day(name, q[name])
    rows = store.claims(speaker=q.get("speaker"), stance=q.get("stance"), text=q.get("text"), since=q.get("since"),
                        until=q.get("until"), limit=params.page_size(request))
    return {"claims": rows, "count": len(rows)}


@router.get("/propositions", tags=["claims"])
def propositions(request: Request, store: Store = Depends(reader)) -> dict:
    q = request.query_params
    rows = store.ledger(contested=q.get("contested") in ("true", "1"), needle=q.get("q") or None,
                        limit=params.page_size(request, default=50, largest=500))
    return {"propositions": rows, "count": len(rows)}


@router.get("/feeds", tags=["watch"])
def feeds(store: Store = Depends(reader)) -> list[dict]:
    from ..watching import feed_health

    return feed_health(store)


@router.post("/feeds", tags=["watch"], status_code=201)
async def add_feed(request: Request, _: str = Depends(writer), store: Store = Depends(get_store)) -> dict:
    from ..ingest.fetch import check_scheme
    from ..watching import add_targets

    body = await _json_body(request)
    url = body.get("url") if isinstance(body, dict) else None
    if not isinstance(url, str):
        raise params.BadParameter('body: {"url": "https://..."}')
    try:
        check_scheme(url)
    except Exception as exc:
        raise params.BadParameter(f"url: {exc}") from None
    return {"url": url, "added": bool(add_targets(store, [url]))}


@router.get("/alerts/rules", tags=["watch"])
def alert_rules(request: Request, store: Store = Depends(reader)) -> list[dict]:
    from ..watching import alert_rules as rules

    return [{"name": r.name, "kind": r.kind, **r.spec()} for r in rules(store, request.app.state.settings)]


@router.post("/alerts/rules", tags=["watch"], status_code=201)
async def add_alert_rule(request: Request, _: str = Depends(writer), store: Store = Depends(get_store)) -> dict:
    from ..watch.alerting import AlertRule

    body = await _json_body(request)
    if not isinstance(body, dict):
        raise params.BadParameter("body: a JSON object with name, kind and the rule's settings")
    rule = AlertRule.from_dict(body)
    store.watch.add_rule(rule.name, rule.kind, rule.spec())
    return {"name": rule.name, "kind": rule.kind, **rule.spec()}


@router.delete("/alerts/rules/{name}", tags=["watch"])
def remove_alert_rule(name: str, _: str = Depends(writer), store: Store = Depends(get_store)) -> dict:
    if not store.watch.remove_rule(name):
        raise HTTPException(404, f"no stored alert rule is named {name[:80]!r}")
    return {"removed": name}


@router.get("/alerts/sent", tags=["watch"])
def alerts_sent(request: Request, store: Store = Depends(reader)) -> list[dict]:
    return store.watch.alerts_sent(params.page_size(request, default=50))


@router.post("/ingest", tags=["ingest"], status_code=202)
async def ingest(request: Request, _: str = Depends(writer)) -> dict:
    """Articles as NDJSON (one ``{"title", "text", "published", "url"}`` per line) or as
    ``{"articles": [...]}``; or one page or feed as its bytes with ``?name=page.html``. Stored,
    extracted and merged as ``watchfloor ingest`` would, as a job: the answer is its id, and
    ``GET /api/jobs/{id}`` shows its progress and report. ``?wait=true`` answers with the
    finished job instead."""
    from ..ingest import read_fetched
    from ..service import ingest as run

    body = await _limited_body(request)
    name = request.query_params.get("name") or "upload"
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        data = _parse_json(body)
        if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
            raise params.BadParameter('body: {"articles": [{"title", "text", "published", "url"}, ...]}')
        body = "\n".join(json.dumps(a) for a in data["articles"]).encode()
        name, ctype = "upload.jsonl", "application/x-ndjson"
    elif ctype == "application/x-ndjson":
        name = "upload.jsonl"
    if "/" in name or "\\" in name or name.startswith("."):
        raise params.BadParameter("name: a file name, not a path")
    settings = request.app.state.settings

    def work(report, store):
        items = read_fetched(body, f"api:{name}", settings, url=name, content_type=ctype)
        run(store, [], settings, items=items, jobs=1, report=report)

    return await _start(request, "ingest", work)


@router.post("/extract", tags=["ingest"], status_code=202)
async def re_extract(request: Request, _: str = Depends(writer)) -> dict:
    """Re-extract stored articles an older extractor did (``?all=true``: every article), as a job."""
    from ..service import extract_stored

    everything = request.query_params.get("all") in ("true", "1")
    settings = request.app.state.settings
    return await _start(request, "extract",
                        lambda report, store: extract_stored(store, settings, everything=everything, jobs=1,
                                                             report=report))


async def _start(request: Request, kind: str, work) -> dict:
    db_path, timeout = request.app.state.db_path, float(request.app.state.settings["store"]["busy_timeout"])

    def in_its_thread(report) -> None:
        with Store(db_path, busy_timeout=timeout) as store:  # the job's own connection
            work(report, store)

    job = request.app.state.jobs.submit(kind, in_its_thread)
    if request.query_params.get("wait") in ("true", "1"):
        while job.status in ("queued", "running"):
            await asyncio.sleep(0.05)
    return job.to_dict()


@router.get("/jobs/{job_id}", tags=["ingest"])
def job_status(job_id: str, request: Request, _: Store = Depends(reader)) -> dict:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id[:60]!r} in this server process (jobs end with it)")
    return job.to_dict()


async def _limited_body(request: Request) -> bytes:
    limit = int(request.app.state.settings["serve"]["max_body_bytes"])
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body over {limit} bytes")
        chunks.append(chunk)
    if not size:
        raise params.BadParameter("body: empty")
    return b"".join(chunks)


def _parse_json(body: bytes):
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise params.BadParameter("body: not valid JSON") from None


async def _json_body(request: Request):
    return _parse_json(await _limited_body(request))


MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8", "acled": "text/csv; charset=utf-8",
         "ucdp": "text/csv; charset=utf-8", "geojson": "application/geo+json", "parquet": "application/vnd.apache.parquet"}


@router.get("/export/{what}.{fmt}", tags=["exports"])
def export(what: str, fmt: str, request: Request, store: Store = Depends(reader)):
    """Everything stored of ``what`` (events, claims, articles) in a ``watchfloor export``
    format, written to a spooled file first so a large export never sits in memory."""
    import io
    import tempfile

    from fastapi.responses import StreamingResponse

    from ..export import BINARY, FORMATS, write_export

    if what not in FORMATS or fmt not in FORMATS[what]:  # names are looked up, never used as paths
        raise HTTPException(404, f"no export {what[:40]!r} as {fmt[:20]!r}; events: {', '.join(FORMATS['events'])}; "
                                 f"claims and articles: jsonl, csv, parquet")
    filters = None
    if what == "events":
        from .routes_events import _matching_ids

        filters = params.event_filters(request)
        for name in ("_size", "_next", "_sort"):
            filters.pop(name, None)
        ids = _matching_ids(store, request.query_params.get("q"))
        if ids is not None:
            filters["ids"] = ids
    elif request.query_params:
        raise params.BadParameter(f"{what} exports take no filters")
    spool = tempfile.SpooledTemporaryFile(max_size=16_000_000)
    sink = spool if fmt in BINARY else io.TextIOWrapper(spool, encoding="utf-8", newline="")
    write_export(store, what, fmt, sink, filters)
    sink.flush()
    if sink is not spool:
        sink.detach()
    spool.seek(0)

    def chunks():
        try:
            while block := spool.read(1 << 16):
                yield block
        finally:
            spool.close()

    suffix = "csv" if fmt in ("acled", "ucdp") else fmt
    return StreamingResponse(chunks(), media_type=MEDIA[fmt],
                             headers={"Content-Disposition": f'attachment; filename="{what}-{fmt}.{suffix}"'})
