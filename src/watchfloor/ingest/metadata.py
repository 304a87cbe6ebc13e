"""Provenance read from the text and URL: publisher host, credited outlet, dates, language.

Re-posting sites (aggregators) often credit the outlet that wrote the story in a
"Source : X" line or a wire dateline; the extract stage needs that to avoid counting
one event twice, so it is kept apart from the publisher that served the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from urllib.parse import urlsplit

from ..textmatch import LATIN_LETTER
from .archives import original_url

# Wire services and how they are written out; abbreviations map to a readable name.
AGENCIES: dict[str, str] = {
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "reuters": "Reuters",
    "app": "APP",
    "associated press of pakistan": "APP",
    "ppi": "PPI",
    "ina": "INA",
    "xinhua": "Xinhua",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "aa": "Anadolu Agency",
    "dpa": "dpa",
    "pti": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "upi": "UPI",
    "efe": "EFE",
    "irna": "IRNA",
    "bbc": "BBC",
    "voa": "VOA News",
    "voa news": "VOA News",
    "bloomberg": "Bloomberg",
}

_CREDIT_LINE = re.compile(
    r"^(?:sources?|courtesy(?: of)?|via|credits?|originally published (?:by|in|on|at)"
    r"|(?:with )?(?:additional )?inputs? from)\s*[:：]?\s*(?P<name>[^:：\s].{0,79}?)\s*\.?$",
    re.IGNORECASE,
)
_NEEDS_COLON = re.compile(r"^(?:sources?|credits?|via)\b", re.IGNORECASE)
_DASH_CREDIT = re.compile(r"^(?:—|–|--?)\s*(?P<name>[A-Za-z][\w .&'-]{1,60}?)\s*\.?$")
_SEPARATOR = re.compile(r"\s*(?:—|–|--)\s*|\s+-\s+|(?<=\))\s*-\s*|\s*:\s+")
_DATELINE_HEAD = re.compile(
    rf"^(?P<place>[{LATIN_LETTER}][{LATIN_LETTER}.'’ -]{{0,40}}?)?\s*(?:,\s*(?P<rest>[^()]{{1,60}}?))?\s*"
    r"(?:\((?P<agency>[A-Za-z][A-Za-z .&'-]{0,40})\))?$"
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_])")
EARLIEST_DATE = date(1990, 1, 1)  # no publication date before this is believed
_LATEST_ZONE = timedelta(hours=14)  # UTC+14: where a calendar day starts first


@dataclass
class Dateline:
    """What an opening dateline says: the wire agency and the date, when present."""

    date: str | None = None
    agency: str | None = None


def host_publisher(url: str | None) -> str | None:
    """The URL's host without ``www.``: the fallback name of whoever served a page."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def _agency_name(raw: str) -> str | None:
    """Canonical agency name, or the raw credit when it looks like an outlet name."""
    name = " ".join(raw.split()).strip(" .,;")
    if not name:
        return None
    known = AGENCIES.get(name.casefold())
    if known:
        return known
    words = name.split()
    if len(words) <= 5 and all(w[:1].isupper() or not w[:1].isalpha() for w in words):
        return name
    return None


def take_source_credit(text: str) -> tuple[str, str | None]:
    """Remove a closing "Source : X" credit line (within the last three lines); return it."""
    lines = text.split("\n")
    seen = 0
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i].strip()
        if not line:
            continue
        seen += 1
        if seen > 3:
            break
        m = _CREDIT_LINE.match(line)
        if not m or len(line) > 100:
            continue
        has_colon = bool(re.search(r"[:：]", line))
        if _NEEDS_COLON.match(line) and not has_colon:
            continue
        name = _agency_name(m.group("name")) or (m.group("name").strip() if has_colon else None)
        if not name:
            continue
        del lines[i]
        return "\n".join(lines), name
    return text, None


def trailing_agency(text: str) -> str | None:
    """A known wire service signed at the end ("— Associated Press")."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if not lines:
        return None
    m = _DASH_CREDIT.match(lines[-1])
    if m:
        return AGENCIES.get(" ".join(m.group("name").split()).casefold())
    return None


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser  # slow import, only needed when a dateline is present

    return dateparser


def _parse_day(chunk: str) -> str | None:
    """A full day/month/year date in free text, as ISO; None without an explicit year."""
    if not _YEAR.search(chunk):
        return None
    parsed = _dateparser().parse(
        chunk,
        languages=["en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date().isoformat() if parsed else None


def read_dateline(text: str) -> Dateline:
    """Parse "ISLAMABAD, Sept. 2, 2023 —", "Peshawar, 2 September 2023:" or "(AFP) —"."""
    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")[:200]
    sep = _SEPARATOR.search(first)
    if not sep or sep.start() > 120:
        return Dateline()
    m = _DATELINE_HEAD.match(first[: sep.start()].strip())
    if not m:
        return Dateline()
    place = (m.group("place") or "").strip()
    if place and not all(w[:1].isupper() for w in place.split()):
        return Dateline()
    if place and len(place.split()) > 4:
        return Dateline()
    found = Dateline()
    rest = m.group("rest") or ""
    # "PESHAWAR, Pakistan, Sept. 2, 2023": try the rest, then without its first part.
    while rest and found.date is None:
        found.date = _parse_day(rest)
        rest = rest.partition(",")[2].strip()
    if m.group("agency"):
        found.agency = _agency_name(m.group("agency"))
    return found


def date_from_url(url: str | None) -> str | None:
    """A /2023/09/02/ style date in a URL path, as ISO; for an archived copy, the original's."""
    if not url:
        return None
    url = original_url(url) or url  # never the archive's capture stamp
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    m = _URL_DATE.search(path)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def to_iso(value: object) -> str | None:
    """Any date-ish value as an ISO date or datetime string; None if it cannot be read."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    if not _YEAR.search(text):
        return None
    parsed = _dateparser().parse(text, settings={"STRICT_PARSING": True})
    if parsed is None:
        return None
    if parsed.hour == parsed.minute == parsed.second == 0 and not re.search(r"\d:\d", text):
        return parsed.date().isoformat()
    return parsed.isoformat()


def plausible_date(value: object, now: datetime) -> str | None:
    """``value`` as an ISO date or datetime if it lies between 1990 and ``now``, else None.

    ``now`` is the ingestion time. A zoned datetime must not be later than it; a date or
    a datetime without a zone may be no later than the calendar day anywhere on Earth
    at ``now`` (a page in UTC+14 can carry tomorrow's UTC date and still be on time).
    """
    iso = to_iso(value)
    if iso is None:
        return None
    try:
        moment = None if len(iso) == 10 else datetime.fromisoformat(iso)
        day = moment.date() if moment else date.fromisoformat(iso)
    except ValueError:
        return None
    if day < EARLIEST_DATE:
        return None
    if moment is not None and moment.tzinfo is not None:
        return iso if moment <= (now if now.tzinfo else now.replace(tzinfo=timezone.utc)) else None
    return iso if day <= latest_day(now) else None


def latest_day(now: datetime) -> date:
    """The latest calendar date anywhere on Earth at ``now`` (naive means UTC)."""
    now = now if now.tzinfo else now.replace(tzinfo=timezone.utc)
    return (now.astimezone(timezone.utc) + _LATEST_ZONE).date()


def first_plausible(values: Iterable[object], now: datetime) -> str | None:
    """The first of ``values`` that ``plausible_date`` accepts, as ISO; None if none does."""
    for value in values:
        found = plausible_date(value, now)
        if found:
            return found
    return None


def struct_to_iso(value: object) -> str | None:
    """A feedparser ``*_parsed`` time tuple (always UTC) as an ISO datetime."""
    if not value:
        return None
    try:
        return datetime(*tuple(value)[:6], tzinfo=timezone.utc).isoformat()  # type: ignore[misc]
    except (TypeError, ValueError):
        return None


_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in was were is are said that for on with by from at".split()),
    "fr": frozenset("le la les des et est dans une un du que pour sur par au".split()),
    "es": frozenset("el la los las y que en del por con para una se al".split()),
    "de": frozenset("der die das und ist nicht mit den von zu im auf dem ein eine".split()),
    "pt": frozenset("o os as e que em do da dos das para com uma por no na".split()),
    "it": frozenset("il lo gli della che di e per con una sono nel alla del".split()),
}
_URDU_LETTERS = re.compile("[ٹڈڑںےہھ]")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_PERSIAN_LETTERS = re.compile("[پچژگ]")


def guess_language(text: str) -> str | None:
    """Cheap language guess: script for Arabic-script/Devanagari, stopwords otherwise."""
    sample = text[:5000]
    letters = sum(ch.isalpha() for ch in sample) or 1
    if len(_ARABIC_SCRIPT.findall(sample)) > letters / 2:
        if _URDU_LETTERS.search(sample):
            return "ur"
        return "fa" if _PERSIAN_LETTERS.search(sample) else "ar"
    if len(re.findall("[\u0900-\u097f]", sample)) > letters / 2:
        return "hi"
    words = re.findall(r"[a-zà-ÿ]+", sample.casefold())
    if not words:
        return None
    scores = {lang: sum(w in stops for w in words) for lang, stops in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] == 0:
        return "en" if all(ord(ch) < 128 for ch in sample) else None
    return best
