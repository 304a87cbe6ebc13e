"""The map's own data: country and province outlines as GeoJSON, built offline once per process
(see ``geo/outlines.py``), with an ETag and gzip so a dashboard fetches them once."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from ..geo.outlines import OutlineError, collection, get_outlines
from ..store import Store
from . import params
from .deps import reader

router = APIRouter(prefix="/api")
LEVELS = ("country", "admin1")
MAX_COUNTRIES = 60  # of one request
_BODIES: OrderedDict[tuple, tuple[bytes, bytes, str]] = OrderedDict()  # the last requests' bodies
_BODIES_KEPT = 64
_LOCK = threading.Lock()


def _country_codes(text: str | None, known: dict) -> list[str] | None:
    """ISO2 codes of ``country=NG|Mali|PAK`` (codes or names, as the events carry them)."""
    if text is None:
        return None
    values = [v.strip() for v in text.split("|") if v.strip()]
    if not values:
        raise params.BadParameter("country: give one or more countries, ISO codes or names joined by |")
    if len(values) > MAX_COUNTRIES:
        raise params.BadParameter(f"country: at most {MAX_COUNTRIES} countries a request")
    codes: list[str] = []
    for value in values:
        code = value.upper() if len(value) == 2 and value.upper() in known else None
        if code is None:
            from ..geo.gazetteer import get_gazetteer

            found = get_gazetteer().country(value)
            code = found.country if found is not None else None
        if code is None:
            raise params.BadParameter(f"country: {value[:40]!r} is not a country (ISO code or name)")
        if code not in codes:
            codes.append(code)
    return codes


def _body(level: str, codes: list[str] | None) -> tuple[bytes, bytes, str]:
    """The GeoJSON, its gzip and its ETag, kept for the last requests."""
    import gzip

    key = (level, tuple(codes) if codes is not None else None)
    with _LOCK:
        if key in _BODIES:
            _BODIES.move_to_end(key)
            return _BODIES[key]
    outlines = get_outlines()
    if level == "country":
        features = outlines.country_features(codes)
    else:
        features = [f for code in codes or () for f in outlines.admin1_features(code)]
    body = collection(level, features, codes)
    entry = (body, gzip.compress(body, mtime=0), hashlib.sha1(body).hexdigest()[:20])
    with _LOCK:
        _BODIES[key] = entry
        while len(_BODIES) > _BODIES_KEPT:
            _BODIES.popitem(last=False)
    return entry


@router.get("/outlines", tags=["map"])
def outlines(request: Request, _: Store = Depends(reader)) -> Response:
    """Country outlines (Natural Earth, public domain) with ``level=country`` (the default), or
    approximate province outlines built from GeoNames places (CC BY 4.0) with ``level=admin1``,
    which needs ``country``. ``country`` takes ISO codes or names joined by ``|``. A GeoJSON
    FeatureCollection whose top level names the source, licence and attribution."""
    params.only(request, {"level", "country"})
    q = request.query_params
    level = q.get("level", "country")
    if level not in LEVELS:
        raise params.BadParameter(f"level: one of {', '.join(LEVELS)}")
    for name, value in q.items():
        if len(value) > params.MAX_VALUE:
            raise params.BadParameter(f"{name}: longer than {params.MAX_VALUE} characters")
    try:
        codes = _country_codes(q.get("country"), get_outlines().countries())
        if level == "admin1" and codes is None:
            raise params.BadParameter("country: level=admin1 needs one or more countries (country=NG|ML)")
        body, zipped, tag = _body(level, codes)
    except OutlineError as exc:
        raise HTTPException(503, f"outlines: {exc}") from None
    gz = "gzip" in request.headers.get("accept-encoding", "").lower()
    etag = f'"{tag}{"-gz" if gz else ""}"'
    private = request.app.state.settings["serve"]["private_reads"]
    headers = {"ETag": etag, "Vary": "Accept-Encoding",
               "Cache-Control": f"{'private' if private else 'public'}, max-age=3600"}
    if etag in (t.strip() for t in request.headers.get("if-none-match", "").split(",")):
        return Response(status_code=304, headers=headers)
    if gz:
        headers["Content-Encoding"] = "gzip"
    return Response(zipped if gz else body, media_type="application/geo+json", headers=headers)
