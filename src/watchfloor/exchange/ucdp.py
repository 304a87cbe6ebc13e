"""UCDP GED CSV in and out: the full GED layout (id, side_a/side_b, where_prec, date_prec,
best/low/high estimates) and reduced files with ``eid``, ``date``, ``lat``/``lon`` and ``text``.

UCDP counts deaths, not ACLED's event types: a state-based or non-state event (type of
violence 1 or 2) becomes a Battles / Armed clash, one-sided violence (3) Violence against
civilians / Attack, and the mapping is marked in ``extra`` so nobody mistakes it for a coder's
choice. Precision codes map onto ACLED's: ``date_prec`` 1 (the day) is 1, 2-3 (within a week)
are 2, 4-5 (month, year) are 3; ``where_prec`` 1 is 1, 2-3 are 2, 4-7 are 3. Every column is kept
as written in ``extra["row"]``, so writing back as UCDP gives the original text.
"""

from __future__ import annotations

from .acled import RowError, _number, _same, normalize_row, parse_date

COLUMNS = (
    "id relid year type_of_violence conflict_name dyad_name side_a side_b number_of_sources source_article "
    "source_headline source_original where_prec where_coordinates where_description adm_1 adm_2 latitude "
    "longitude country region date_prec date_start date_end deaths_a deaths_b deaths_civilians deaths_unknown "
    "best high low"
).split()

_ALIASES = {"eid": "id", "date": "date_start", "lat": "latitude", "lon": "longitude", "text": "source_headline",
            "admin1": "adm_1", "admin2": "adm_2", "location": "where_coordinates", "best_est": "best",
            "high_est": "high", "low_est": "low", "fatalities": "best"}
_TYPES = {"1": ("Battles", "Armed clash"), "2": ("Battles", "Armed clash"),
          "3": ("Violence against civilians", "Attack")}
_DATE_PREC = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
_WHERE_PREC = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3}


def _ucdp_row(raw: dict) -> dict:
    return normalize_row(raw, _ALIASES)


def _ucdp_date(value: str) -> str:
    value = value.strip()
    if "/" in value and " " in value:  # "03/27/1990 00:00:00"
        value = value.split(" ")[0]
    return parse_date(value)


def read_row(raw: dict) -> dict:
    row = _ucdp_row(raw)
    if not row.get("id"):
        raise RowError("no id")
    if not row.get("date_start"):
        raise RowError("no date_start")
    external = row["id"].removesuffix(".0")
    kind = (row.get("type_of_violence") or "").split(".")[0]
    event_type, sub = _TYPES.get(kind, ("Battles", "Armed clash"))
    best, low, high = _number(row, "best"), _number(row, "low"), _number(row, "high")
    sources = [{"publisher": s.strip()} for s in (row.get("source_office") or "").split(";") if s.strip()]
    return {
        "id": f"ucdp:{external}", "origin": "ucdp", "external_id": external,
        "date": _ucdp_date(row["date_start"]),
        "time_precision": _DATE_PREC.get(_number(row, "date_prec") or 1, 3),
        "disorder_type": "Political violence", "event_type": event_type, "sub_event_type": sub,
        "actor1": row.get("side_a") or None, "actor2": row.get("side_b") or None,
        "assoc_actor_1": None, "assoc_actor_2": None, "interaction": None,
        "civilian_targeting": int(kind == "3"),
        "country": row.get("country") or None, "iso3": None,
        "admin1": row.get("adm_1") or None, "admin2": row.get("adm_2") or None,
        "location": row.get("where_coordinates") or row.get("where_description") or None,
        "latitude": _number(row, "latitude", float), "longitude": _number(row, "longitude", float),
        "geo_precision": _WHERE_PREC.get(_number(row, "where_prec") or 0),
        "notes": row.get("source_headline") or row.get("source_article") or "",
        "fatalities": best, "fatalities_best": best, "fatalities_low": low if low is not None else best,
        "fatalities_high": high if high is not None else best,
        "sources": sources, "source_count": len(sources) or 1, "tolls": [], "disputed": 0,
        "extra": {"format": "ucdp", "row": row, "type_mapped_from_type_of_violence": kind or None},
        "confidence": 1.0,
    }


def write_row(event: dict) -> dict:
    """An event as UCDP GED's main columns (a UCDP import gives back its own text)."""
    extra = event.get("extra") or {}
    original = extra.get("row", {}) if extra.get("format") == "ucdp" else {}
    kind = {"Violence against civilians": "3"}.get(event.get("event_type"), "1")
    derived = {
        "id": event.get("external_id") or event["id"], "year": (event.get("date") or "")[:4],
        "type_of_violence": kind, "side_a": event.get("actor1") or "", "side_b": event.get("actor2") or "",
        "number_of_sources": event.get("source_count"), "source_headline": event.get("notes") or "",
        "where_prec": {1: 1, 2: 3, 3: 4}.get(event.get("geo_precision") or 0, ""),
        "where_coordinates": event.get("location") or "", "adm_1": event.get("admin1") or "",
        "adm_2": event.get("admin2") or "", "latitude": event.get("latitude"), "longitude": event.get("longitude"),
        "country": event.get("country") or "", "date_prec": {1: 1, 2: 2, 3: 4}.get(event.get("time_precision"), ""),
        "date_start": event.get("date") or "", "date_end": event.get("date") or "",
        "best": event.get("fatalities_best"), "high": event.get("fatalities_high"), "low": event.get("fatalities_low"),
    }
    if "date_end" in original:  # the store keeps one date; a span's end stays as written
        del derived["date_end"]
    out = {}
    for column in COLUMNS:
        value = derived.get(column)
        if column in original and (column not in derived or _same(original[column], value)
                                   or (column in ("date_start", "date_end")
                                       and _ucdp_date_or_same(original[column], value))
                                   or (column == "type_of_violence" and _TYPES.get(
                                       original[column].split(".")[0], ("",))[0] == event.get("event_type"))):
            out[column] = original[column]
        else:
            out[column] = "" if value is None else value
    return out


def _ucdp_date_or_same(original: str, value) -> bool:
    try:
        return _ucdp_date(original) == value
    except RowError:
        return original == str(value)
