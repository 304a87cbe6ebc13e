"""An HTML page's publication date from its own metadata and markup, read with htmldate.

Order of evidence: what htmldate finds in the markup (meta tags, JSON-LD, date-classed
elements, <time>), asking for the original date rather than the last modification;
then a visible "Published 3 March 2024" byline. The dateline and the URL come after,
in ``articles.finalize``. htmldate is never given the URL, so a URL date cannot jump
ahead of a dateline, and an archive's capture stamp is never read as a date.
"""

from __future__ import annotations

import re
from datetime import datetime
from html import escape

from htmldate import find_date
from lxml import etree

from .metadata import EARLIEST_DATE, latest_day, plausible_date

# Meta tags whose full datetime is kept when htmldate settles on the same day.
PRECISE_META = ("article:published_time", "datePublished", "pubdate", "dc.date.issued")
_BYLINE_CUE = re.compile(r"\b(?:published|posted|publication date|date of publication)\b", re.I)
_BYLINE_TAGS = ("p", "span", "div", "time", "li", "small", "em", "strong", "b", "i", "address",
                "header", "footer", "dd", "td")
_BYLINE_MAX_CHARS = 120
_BYLINE_MAX_LINES = 10


def meta_values(tree: etree._Element, names: tuple[str, ...]) -> list[str]:
    """Values of <meta name|property|itemprop=...> tags, in document order."""
    wanted = {n.lower() for n in names}
    out = []
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in wanted and (el.get("content") or "").strip():
            out.append(el.get("content").strip())
    return out


def _htmldate(doc: etree._Element | str, now: datetime, *, extensive: bool) -> str | None:
    """htmldate's original (publication) date as YYYY-MM-DD, within 1990..now."""
    try:
        day = find_date(
            doc,
            original_date=True,
            outputformat="%Y-%m-%d",
            extensive_search=extensive,
            url="",  # not None: htmldate would read the canonical link's URL before the markup
            min_date=EARLIEST_DATE.isoformat(),
            max_date=latest_day(now).isoformat(),  # the exact bound is checked below
        )
    except Exception:  # htmldate on hostile markup: no date rather than no article
        return None
    return plausible_date(day, now)


def _precise(tree: etree._Element, day: str, now: datetime) -> str | None:
    """A publication meta tag's full datetime, when it falls on ``day``."""
    for value in meta_values(tree, PRECISE_META):
        if not re.search(r"\d:\d", value):
            continue
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
        if moment.date().isoformat() == day:
            return plausible_date(moment, now)
    return None


def _byline_lines(tree: etree._Element) -> list[str]:
    """Short visible lines that announce a publication date ("Published 3 March 2024")."""
    lines: list[str] = []
    for el in tree.iter(*_BYLINE_TAGS):
        text = " ".join(el.text_content().split())
        if len(text) <= _BYLINE_MAX_CHARS and _BYLINE_CUE.search(text) and text not in lines:
            lines.append(text)
            if len(lines) >= _BYLINE_MAX_LINES:
                break
    return lines


def _byline_date(tree: etree._Element, now: datetime) -> str | None:
    """htmldate's free-text search, run on the byline lines only (never on the story)."""
    lines = _byline_lines(tree)
    if not lines:
        return None
    doc = "<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in lines) + "</body></html>"
    return _htmldate(doc, now, extensive=True)


def page_published(tree: etree._Element, now: datetime) -> str | None:
    """The page's publication date (ISO; a full datetime when a meta tag gives one), or None.

    ``tree`` should already be free of archive markup (``archives.unarchive``); ``now``
    is the ingestion time, and no date after it or before 1990 is returned.
    """
    day = _htmldate(tree, now, extensive=False) or _byline_date(tree, now)
    if day is None:
        return None
    return _precise(tree, day, now) or day
