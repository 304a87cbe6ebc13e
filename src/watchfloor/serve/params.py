"""Query parameters as ACLED users write them (``event_date=2023-01-01|2023-08-31``,
``country=Pakistan|Afghanistan``) parsed into the store's event filters, with a message naming
the parameter when one cannot be read."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date

from fastapi import Request
from fastapi.responses import JSONResponse

MULTI = ("country", "admin1", "admin2", "event_type", "sub_event_type", "origin")
TEXT = ("actor", "source")
KNOWN = {*MULTI, *TEXT, "event_date", "since", "until", "min_fatalities", "disputed", "bbox", "updated_since",
         "_size", "_next", "_sort", "q"}
MAX_VALUE = 500  # characters of one parameter; longer is refused, not truncated


class Body(JSONResponse):
    """A JSON response serialized once, straight from the store's plain dicts (FastAPI's own
    encoder walks every value again, which is most of the time of a 100-event page)."""

    def render(self, content) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=str, separators=(",", ":")).encode("utf-8")


class BadParameter(ValueError):
    """A query parameter that cannot be used; the message names it."""


def day(name: str, text: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise BadParameter(f"{name}: {text[:40]!r} is not a date (YYYY-MM-DD)") from None


def number(name: str, text: str, kind=int):
    try:
        return kind(text)
    except ValueError:
        raise BadParameter(f"{name}: {text[:40]!r} is not a number") from None


def only(request: Request, allowed) -> None:
    """Refuse a parameter the route does not take, so a typo never silently returns everything."""
    unknown = sorted(set(request.query_params) - set(allowed))
    if unknown:
        raise BadParameter(f"unknown parameter {unknown[0]!r}")


def event_filters(request: Request, *, extra: tuple[str, ...] = ()) -> dict:
    """The store filters a request's query string asks for; unknown parameters are refused."""
    q = request.query_params
    only(request, KNOWN | set(extra))
    out: dict = {}
    for name in q:
        if len(q[name]) > MAX_VALUE:
            raise BadParameter(f"{name}: longer than {MAX_VALUE} characters")
    for name in MULTI:
        if name in q:
            values = [v.strip() for v in q[name].split("|") if v.strip()]
            if values:
                out[name] = values
    for name in TEXT:
        if q.get(name):
            out[name] = q[name]
    if "event_date" in q:
        first, _, last = q["event_date"].partition("|")
        if first.strip():
            out["since"] = day("event_date", first)
        if last.strip():
            out["until"] = day("event_date", last)
    for name in ("since", "until"):
        if name in q:
            out[name] = day(name, q[name])
    if "min_fatalities" in q:
        out["min_fatalities"] = number("min_fatalities", q["min_fatalities"])
    if "disputed" in q:
        if q["disputed"] not in ("true", "false", "1", "0"):
            raise BadParameter("disputed: use true or false")
        out["disputed"] = q["disputed"] in ("true", "1")
    if "bbox" in q:
        parts = q["bbox"].split(",")
        if len(parts) != 4:
            raise BadParameter("bbox: four numbers, min_lon,min_lat,max_lon,max_lat")
        out["bbox"] = tuple(number("bbox", p, float) for p in parts)
    if "updated_since" in q:
        out["updated_since"] = q["updated_since"].strip()
    return out


def page_size(request: Request, default: int = 100, largest: int = 1000) -> int:
    size = number("_size", request.query_params.get("_size", str(default)))
    if not 1 <= size <= largest:
        raise BadParameter(f"_size: between 1 and {largest}")
    return size


def sort_order(request: Request) -> str:
    from ..store.queries import ORDERS

    order = request.query_params.get("_sort", "-date")
    if order not in ORDERS:
        raise BadParameter(f"_sort: one of {', '.join(ORDERS)}")
    return order


def encode_cursor(row: dict, order: str) -> str:
    from ..store.queries import sort_value

    raw = json.dumps([order, sort_value(row, order), row["id"]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(text: str | None, order: str) -> tuple | None:
    if not text:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        given, value, eid = json.loads(raw)
        if given != order or not isinstance(eid, str) or not isinstance(value, (str, int)):
            raise ValueError
        return value, eid
    except (ValueError, binascii.Error, UnicodeDecodeError, TypeError):
        raise BadParameter("_next: not a cursor this API gave out for this _sort") from None
