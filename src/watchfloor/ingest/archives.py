"""Archived copies of pages (Wayback Machine and alike, archive.today): find and undo them.

A web archive serves a page under its own address, adds a toolbar carrying the capture
date and rewrites every link to point back into the archive. None of that is the
article: the capture time must never pass for the publication date, so this module
recovers the original URL and strips the archive's own markup before dates are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# Wayback-style replay address: .../<capture stamp, 1-14 digits><modifier like id_>/<original>.
# web.archive.org uses /web/<stamp>/; other Wayback/pywb archives (arquivo.pt, the UK web
# archives, archive-it) put the stamp elsewhere in the path but always right before the URL.
_WAYBACK_PATH = re.compile(r"^/web/\d{0,14}(?:[a-z]{2}_)?\*?/(?P<original>.+)$", re.I)
_REPLAY_PATH = re.compile(r"/\d{8,14}(?:[a-z]{2}_)?/(?P<original>(?:https?:/{1,2})[^/].*)$", re.I)
# archive.today and its mirrors; the long form carries the original URL after the stamp.
ARCHIVE_TODAY_HOSTS = frozenset(
    {"archive.today", "archive.ph", "archive.is", "archive.li", "archive.vn", "archive.fo", "archive.md"}
)
_ARCHIVE_TODAY_PATH = re.compile(
    r"^/(?:\d{4}\.\d{2}\.\d{2}-\d{6}|\d{14}|newest|oldest)/(?P<original>.+)$", re.I
)
_SCHEME_FIX = re.compile(r"^(https?):/+", re.I)

# Markup the Wayback Machine adds to a replayed page (head scripts, toolbar, closing note).
_WAYBACK_MARKERS = re.compile(
    r"BEGIN WAYBACK TOOLBAR INSERT|id=[\"']wm-ipp(?:-base)?[\"']|__wm\.wombat\(|FILE ARCHIVED ON"
    r"|End Wayback Rewrite JS Include",
    re.I,
)
_WAYBACK_ORIGINAL = re.compile(r"__wm\.wombat\(\s*[\"'](?P<original>https?://[^\"']+)[\"']")
_WAYBACK_STRIP = (
    re.compile(r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->", re.I | re.S),
    # the head insert: archive scripts and styles, closed by a marker comment
    re.compile(r"<script[^>]*>(?:(?!</script>).)*?(?:__wm\.|archive_analytics|RufflePlayer)(?:(?!</script>).)*?</script>",
               re.I | re.S),
    re.compile(r"<(?:script|link)\b[^>]*(?:web-static\.archive\.org|archive\.org/(?:_static|includes))[^>]*>"
               r"(?:\s*</script>)?", re.I),
    re.compile(r"<!--\s*End Wayback Rewrite JS Include\s*-->", re.I),
    re.compile(r"<!--\s*(?:FILE ARCHIVED ON|playback timings).*?-->", re.I | re.S),
)
# Archive links inside attributes ("https://web.archive.org/web/20250114093000/https://...",
# "/web/20250114093000im_/https://..."): the prefix goes, the original URL stays.
_REWRITTEN_LINK = re.compile(
    r"(?<=[\"'=])(?:(?:https?:)?//[\w.-]+)?(?:/[\w.-]+)*?/\d{1,14}(?:[a-z]{2}_)?\*?/(?=https?:/)", re.I
)
# archive.today: the snapshot header, and links that name an archive.today host.
_ARCHIVE_TODAY_LINK = re.compile(
    r"(?:https?:)?//(?:www\.)?archive\.(?:today|ph|is|li|vn|fo|md)/", re.I
)
_HEADER_DIV = re.compile(r"<(?i:div)\b[^>]*\b(?i:id)=[\"']HEADER[\"']")  # upper case, as archive.today writes it
# Date meta tags; on an archive.today snapshot they describe the capture, not the article.
_DATE_META = re.compile(
    r"<meta\b[^>]*(?:published|modified|datePublished|dateModified|dateCreated|date\.issued|pubdate)[^>]*>",
    re.I,
)


@dataclass
class Unarchived:
    """A page with the archive's markup removed, and what it revealed."""

    html: str
    archived: bool = False
    original_url: str | None = None  # the archived page's own address, when known


def _host(url: str) -> str:
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def _tail(url: str) -> str:
    """Everything after scheme://host of a URL (path, query, fragment)."""
    m = re.match(r"^[a-z][a-z0-9+.-]*://[^/?#]*(?P<rest>.*)$", url.strip(), re.I)
    return m.group("rest") if m else ""


def _normal(original: str) -> str | None:
    """An embedded original as a proper http(s) URL ("http:/x.example" and "x.example/a" too)."""
    original = original.strip()
    if _SCHEME_FIX.match(original):
        original = _SCHEME_FIX.sub(lambda m: m.group(1).lower() + "://", original, count=1)
    elif re.match(r"^[\w-]+(?:\.[\w-]+)+(?:[/:?]|$)", original):
        original = "http://" + original
    else:
        return None
    # an archived copy of an archived copy: keep unwrapping
    return original_url(original) or original


def is_archive_url(url: str | None) -> bool:
    """Whether a URL is a web archive's copy of a page (with or without the original in it)."""
    if not url:
        return False
    host = _host(url)
    if host in ARCHIVE_TODAY_HOSTS or host == "web.archive.org":
        return True
    return bool(_REPLAY_PATH.search(_tail(url)))


def original_url(url: str | None) -> str | None:
    """The archived page's own URL, read from an archive address; None for other URLs."""
    if not url:
        return None
    host, tail = _host(url), _tail(url)
    m = None
    if host == "web.archive.org":
        m = _WAYBACK_PATH.match(tail)
    elif host in ARCHIVE_TODAY_HOSTS:
        m = _ARCHIVE_TODAY_PATH.match(tail)
    if m is None:
        m = _REPLAY_PATH.search(tail)
    return _normal(m.group("original")) if m else None


def _is_archive_today(html: str, url: str | None) -> bool:
    if url and _host(url) in ARCHIVE_TODAY_HOSTS:
        return True
    m = _HEADER_DIV.search(html)  # a saved snapshot: the header links back to the archive
    return bool(m) and bool(_ARCHIVE_TODAY_LINK.search(html, m.end(), m.end() + 5000))


def unarchive(html: str, url: str | None = None) -> Unarchived:
    """Strip archive toolbars and rewriting from a page; say whether it was an archived copy."""
    archived = is_archive_url(url)
    original = original_url(url)
    if _WAYBACK_MARKERS.search(html):
        archived = True
        m = _WAYBACK_ORIGINAL.search(html)
        if original is None and m:
            original = _normal(m.group("original"))
        for pattern in _WAYBACK_STRIP:
            html = pattern.sub("", html)
    if _is_archive_today(html, url):
        archived = True
        html = _strip_archive_today(html)
    if archived:
        html = _REWRITTEN_LINK.sub("", html)
    return Unarchived(html=html, archived=archived, original_url=original)


def _strip_archive_today(html: str) -> str:
    """Drop an archive.today snapshot's header block and its capture-time meta tags."""
    html = _DATE_META.sub("", html)
    m = _HEADER_DIV.search(html)
    if not m:
        return html
    # the header is one <div id="HEADER"> with nested divs: cut through its closing tag
    depth = 0
    for tag in re.finditer(r"<(/?)div\b[^>]*>", html[m.start():], re.I):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[: m.start()] + html[m.start() + tag.end():]
    return html  # unbalanced markup: leave it to the text filters rather than cut the page
