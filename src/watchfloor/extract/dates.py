"""Dates of events, resolved against the publication date.

time_precision: 1 the day is known; 2 a week, a few days, or an approximate day;
3 only the month or longer. Relative weekdays ("on Friday") mean the latest such day
on or before publication: "Friday" in a Saturday paper is the day before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import dateparser

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

_ABSOLUTE = re.compile(
    rf"\b(?:{_DAY}\s+(?:of\s+)?{_MONTH},?\s*(?:{_YEAR})?|{_MONTH}\s+{_DAY}(?:,?\s*{_YEAR})?|{_YEAR}-\d{{2}}-\d{{2}})\b",
    re.I,
)
_MONTH_ONLY = re.compile(rf"\b(?:in|during|since|early|late|mid|mid-|throughout|last|this)\s*(?P<month>{_MONTH})(?:,?\s*(?P<year>{_YEAR}))?\b(?!\s*\d)", re.I)
_WEEKDAY = re.compile(
    r"\b(?:(?P<mod>last|this|on|late\s+on|early\s+on|late|early|since)\s+)?(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b",
    re.I,
)
_RELATIVE = [
    (re.compile(r"\b(?:last|on\s+the)\s+weekend|over\s+the\s+weekend\b", re.I), "weekend", 2),
    (re.compile(r"\bday\s+before\s+yesterday\b", re.I), -2, 1),
    (re.compile(r"\byesterday\b|\blast\s+night\b|\bovernight\b|\ba\s+day\s+(?:earlier|before)\b|\bthe\s+(?:previous|preceding)\s+day\b", re.I), -1, 1),
    (re.compile(r"\b(?:today|this\s+(?:morning|afternoon|evening)|tonight|earlier\s+today)\b", re.I), 0, 1),
    (re.compile(r"\b(?:last|past|previous)\s+week\b|\ba\s+week\s+ago\b", re.I), -7, 2),
    (re.compile(r"\b(?:earlier|later)\s+this\s+week\b|\bthis\s+week\b", re.I), -2, 2),
    (re.compile(r"\b(?:a\s+few|several|two|three)\s+days\s+ago\b|\brecent\s+days\b", re.I), -3, 2),
    (re.compile(r"\b(?:earlier|later)\s+this\s+month\b|\bthis\s+month\b", re.I), "month", 3),
    (re.compile(r"\blast\s+month\b", re.I), "last_month", 3),
]
# ACLED's own notes mark approximate dates; keep the day but lower the precision.
_APPROX = re.compile(r"\b(?:around|about|week\s+of|as\s+reported|approximately)\b", re.I)


# "elections scheduled for February 8": a plan, not a past event (whatever the year).
_SCHEDULED = re.compile(r"\b(?:scheduled|slated|due|set|planned|expected)\s+(?:to\s+\w+\s+)?(?:for|on|by)\s+$|\buntil\s+$|\bby\s+$", re.I)


@dataclass
class DateMention:
    date: str  # ISO
    precision: int
    start: int
    end: int
    text: str


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse_absolute(text: str, base: date | None) -> date | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text, flags=re.I).replace(" of ", " ")
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"],
                "DATE_ORDER": "DMY" if re.match(r"\d", cleaned) else "MDY"}
    if base:
        from datetime import datetime

        # "March 14" in a September paper is this year's March; in January, last year's.
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day) + timedelta(days=1)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _weekday_before(base: date, weekday: int, strictly_before: bool = False) -> date:
    delta = (base.weekday() - weekday) % 7
    if strictly_before and delta == 0:
        delta = 7
    return base - timedelta(days=delta)


def find_dates(text: str, published: str | None, offset: int = 0) -> list[DateMention]:
    """All date expressions in ``text`` resolved to ISO dates, in text order."""
    base = parse_iso(published)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, d: date | None, precision: int) -> None:
        if d is None or any(not (m.end() <= s or m.start() >= e) for s, e in taken):
            return
        if base and d > base + timedelta(days=1):
            return  # a future date is an announcement, not when something happened
        if _SCHEDULED.search(text[max(0, m.start() - 40): m.start()]):
            return
        taken.append(m.span())
        found.append(DateMention(d.isoformat(), precision, offset + m.start(), offset + m.end(), m.group(0)))

    for m in _ABSOLUTE.finditer(text):
        d = _parse_absolute(m.group(0), base)
        approx = _APPROX.search(text[max(0, m.start() - 12): m.end() + 16])
        add(m, d, 2 if approx else 1)
    if base:
        for m in _WEEKDAY.finditer(text):
            mod = (m.group("mod") or "").lower()
            wd = WEEKDAYS.index(m.group("day").lower())
            d = _weekday_before(base, wd, strictly_before=mod == "last")
            add(m, d, 2 if mod == "since" else 1)
        for pattern, rel, precision in _RELATIVE:
            for m in pattern.finditer(text):
                if rel == "weekend":
                    d = _weekday_before(base, 5, strictly_before=base.weekday() in (5, 6))
                elif rel == "month":
                    d = base.replace(day=1)
                elif rel == "last_month":
                    d = (base.replace(day=1) - timedelta(days=1)).replace(day=1)
                else:
                    d = base + timedelta(days=rel)
                add(m, d, precision)
    for m in _MONTH_ONLY.finditer(text):
        month = MONTHS[m.group("month").lower().rstrip(".")]
        year = int(m.group("year")) if m.group("year") else (base.year if base else None)
        if year is None:
            continue
        if base and not m.group("year") and month > base.month:
            year -= 1
        add(m, date(year, month, 1), 3)
    found.sort(key=lambda d: d.start)
    return found
