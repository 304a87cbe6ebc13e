"""ACLED CSV in and out: the current 31-column export, the pre-2023 layout, the reduced files
some users keep (a subset of the columns, ``text`` for ``notes``), numeric or text ``inter``
codes, with or without a byte-order mark.

A row becomes an event dict in the store's shape (``store.imported``). Every column of the
row is kept, as written, in ``extra["row"]``: writing the event back as ACLED gives the
original text of any field that was not changed since, so a file round-trips exactly.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date as Date, datetime, timezone

# ACLED's export columns, in ACLED's order.
COLUMNS = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 "
    "assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country "
    "admin1 admin2 admin3 location latitude longitude geo_precision source source_scale notes fatalities "
    "tags timestamp"
).split()

# Actor categories behind ACLED's inter codes (codebook): the pre-2023 files give the digit,
# the current ones the name.
INTER = {0: "", 1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia",
         5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
_INTER_CODE = {name.casefold(): code for code, name in INTER.items() if name}
_INTER_CODE.update({"rebel groups": 2, "political militias": 3, "identity militias": 4, "sole": 0,
                    "external/other force": 8})

# Column names of other layouts -> the current name.
ALIASES = {"eid": "event_id_cnty", "event_id": "event_id_cnty", "date": "event_date", "text": "notes",
           "lat": "latitude", "lon": "longitude", "lng": "longitude"}

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%m/%d/%Y", "%Y/%m/%d")


class RowError(ValueError):
    """A row that cannot be read as an event; the message names the column and the value."""


def parse_date(value: str) -> str:
    value = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return Date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise RowError(f"event_date {value!r} is not a date") from None


def _number(row: dict, column: str, kind=int):
    value = (row.get(column) or "").strip()
    if not value:
        return None
    try:
        return kind(float(value)) if kind is int else kind(value)
    except ValueError:
        raise RowError(f"{column} {value!r} is not a number") from None


def inter_code(value: str) -> int | None:
    """An inter1/inter2 value, digit or name, as its code."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return int(value)
    return _INTER_CODE.get(value.casefold())


def interaction_code(row: dict) -> int | None:
    """ACLED's interaction as the two-digit code (12: state forces against a rebel group): a
    number, a "State forces-Rebel group" name pair, or built from inter1 and inter2."""
    value = (row.get("interaction") or "").strip()
    if value.isdigit():
        return int(value)
    if value:
        parts = [inter_code(p) for p in re.split(r"\s*-\s*(?=[A-Z])", value)]
        if parts and all(p is not None for p in parts):
            codes = sorted(parts) + ([0] if len(parts) == 1 else [])
            return codes[0] * 10 + codes[1] if codes[0] else codes[1] * 10
    a, b = inter_code(row.get("inter1", "")), inter_code(row.get("inter2", ""))
    if a is None:
        return None
    low, high = sorted((a, b or 0))
    return low * 10 + high if low else high * 10


def interaction_name(code: int | None) -> str:
    if not code:
        return ""
    first, second = divmod(int(code), 10)
    names = [INTER.get(first, ""), INTER.get(second, "")] if second else [INTER.get(first, "")]
    return "-".join(n for n in names if n) + ("" if second else "-Sole")


def normalize_row(row: dict, aliases: dict[str, str] | None = None) -> dict:
    """Column names in lower case and ``aliases`` (default: ACLED's) resolved, values stripped.
    A column that is not a string (a row longer than its header) is dropped."""
    aliases = ALIASES if aliases is None else aliases
    out = {}
    for name, value in row.items():
        if name is None or not isinstance(value, (str, type(None))):
            continue
        key = name.strip().lstrip("\ufeff").casefold()
        target = aliases.get(key, key)
        out[target if target not in out else key] = _unguard((value or "").strip())
    return out


# export.py writes a cell that a spreadsheet would run as a formula with a leading apostrophe;
# reading such a file back takes it off again.
_GUARDED = ("'=", "'+", "'-", "'@")


def _unguard(value: str) -> str:
    return value[1:] if value.startswith(_GUARDED) else value


def row_id(row: dict) -> str:
    """The row's own ACLED id, or a stable one made from its content when it has none."""
    if row.get("event_id_cnty"):
        return row["event_id_cnty"]
    key = "|".join(row.get(c, "") for c in ("event_date", "country", "admin1", "location", "event_type",
                                            "actor1", "actor2", "fatalities", "notes"))
    return "h" + hashlib.sha256(key.encode()).hexdigest()[:16]


def read_row(raw: dict) -> dict:
    """One CSV row as an imported event (store.imported.upsert)."""
    row = normalize_row(raw)
    if not row.get("event_date"):
        raise RowError("no event_date")
    if not row.get("event_type"):
        raise RowError("no event_type")
    external = row_id(row)
    sources = [{"publisher": s.strip()} for s in row.get("source", "").split(";") if s.strip()]
    fatalities = _number(row, "fatalities")
    return {
        "id": f"acled:{external}", "origin": "acled", "external_id": external,
        "date": parse_date(row["event_date"]), "time_precision": _number(row, "time_precision") or 1,
        "disorder_type": row.get("disorder_type", ""), "event_type": row["event_type"],
        "sub_event_type": row.get("sub_event_type", ""),
        "actor1": row.get("actor1") or None, "assoc_actor_1": row.get("assoc_actor_1") or None,
        "actor2": row.get("actor2") or None, "assoc_actor_2": row.get("assoc_actor_2") or None,
        "interaction": interaction_code(row),
        "civilian_targeting": int(bool(row.get("civilian_targeting"))),
        "country": row.get("country") or None, "iso3": (row.get("iso3") or None),
        "admin1": row.get("admin1") or None, "admin2": row.get("admin2") or None,
        "location": row.get("location") or None,
        "latitude": _number(row, "latitude", float), "longitude": _number(row, "longitude", float),
        "geo_precision": _number(row, "geo_precision"),
        "notes": row.get("notes", ""), "fatalities": fatalities,
        "fatalities_low": fatalities, "fatalities_best": fatalities, "fatalities_high": fatalities,
        "sources": sources, "source_count": len(sources) or 1, "tolls": [], "disputed": 0,
        "extra": {"format": "acled", "row": row, "columns": [c for c in row]},
        "confidence": 1.0,
    }


def _same(original: str, value) -> bool:
    """Does the original cell still say ``value``?"""
    if value is None:
        return original == ""
    if isinstance(value, float):
        try:
            return float(original) == value
        except ValueError:
            return False
    if isinstance(value, bool) or isinstance(value, int):
        try:
            return int(float(original)) == int(value)
        except ValueError:
            return False
    return original == str(value)


def write_row(event: dict) -> dict:
    """An event (imported or extracted) as ACLED's 31 columns."""
    original = (event.get("extra") or {}).get("row", {}) if (event.get("extra") or {}).get("format") == "acled" else {}
    day = event.get("date") or ""
    timestamp = event.get("updated_at") or event.get("created_at")
    derived = {
        "event_id_cnty": event.get("external_id") or event["id"], "event_date": day, "year": day[:4],
        "time_precision": event.get("time_precision"), "disorder_type": event.get("disorder_type") or "",
        "event_type": event.get("event_type") or "", "sub_event_type": event.get("sub_event_type") or "",
        "actor1": event.get("actor1") or "", "assoc_actor_1": event.get("assoc_actor_1") or "",
        "inter1": INTER.get((event.get("interaction") or 0) // 10, ""),
        "actor2": event.get("actor2") or "", "assoc_actor_2": event.get("assoc_actor_2") or "",
        "inter2": INTER.get((event.get("interaction") or 0) % 10, ""),
        "interaction": interaction_name(event.get("interaction")),
        "civilian_targeting": "Civilian targeting" if event.get("civilian_targeting") else "",
        "iso": "", "region": "", "country": event.get("country") or "", "admin1": event.get("admin1") or "",
        "admin2": event.get("admin2") or "", "admin3": "", "location": event.get("location") or "",
        "latitude": event.get("latitude"), "longitude": event.get("longitude"),
        "geo_precision": event.get("geo_precision"),
        "source": "; ".join(s.get("publisher") or s.get("original_source") or "" for s in event.get("sources") or []),
        "source_scale": "", "notes": event.get("notes") or "", "fatalities": event.get("fatalities"),
        "tags": "", "timestamp": _unix(timestamp) if timestamp else "",
    }
    out = {}
    for column in COLUMNS:
        value = derived[column]
        if column in original and (column in ("inter1", "inter2", "interaction", "event_date", "year", "iso",
                                              "region", "admin3", "source_scale", "tags", "timestamp", "source",
                                              "civilian_targeting")
                                   or _same(original[column], value)):
            # Kept as written: codes and names ACLED may spell either way, and columns the store
            # does not model; a changed field is written from the event instead.
            if column != "event_date" or parse_date(original[column]) == day:
                out[column] = original[column]
                continue
        out[column] = "" if value is None else value
    return out


def _unix(iso: str) -> int:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return 0
    return int((moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp())
