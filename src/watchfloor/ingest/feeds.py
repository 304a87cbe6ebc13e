"""RSS/Atom feeds via feedparser: one draft Article per entry.

Feed summaries are often a sentence or two, so when allowed the linked page is fetched
and extracted instead; the entry's own title, date, link, author and tags are kept
because they are structured and reliable, and the summary is the fallback text.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import urlsplit

import feedparser

from watchfloor.models import Article, IngestError

from . import metadata
from .articles import Failure, merge_categories
from .fetch import Fetcher
from .files import check_content, decode, sniff_format
from .pages import extract_page, fragment_to_text


def _entry_html(entry: dict) -> str:
    """The fullest body the entry carries: content:encoded / atom content, else summary."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return value
    return entry.get("summary") or entry.get("description") or ""


def _fetch_page(fetcher: Fetcher, link: str, source: str) -> Article:
    """Fetch and extract an entry's page; raises Failure if it is not a usable HTML page."""
    resp = fetcher.get(link)
    check_content(resp.content, "response")
    if sniff_format(resp.content, urlsplit(resp.url).path, resp.content_type) != "html":
        raise Failure(f"linked page is not HTML ({resp.content_type or 'unknown type'})")
    text, flags = decode(resp.content, resp.charset)
    page = extract_page(text, url=resp.url, source=source)
    page.flags.extend(flags)
    return page


def read_feed(
    data: bytes,
    source: str,
    *,
    feed_url: str | None = None,
    content_type: str = "",
    fetcher: Fetcher | None = None,
    fetch_pages: bool = False,
) -> Iterator[Article | IngestError]:
    """Draft Articles for each entry; a feed with entries is read even if malformed."""
    headers = {"content-type": content_type or "application/xml"}
    if feed_url:
        headers["content-location"] = feed_url
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except (UnicodeError, LookupError, ValueError) as exc:  # feedparser reads the declared encoding unguarded
        yield IngestError(source, f"malformed feed: unreadable XML encoding declaration ({type(exc).__name__})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = " ".join(str(parsed.get("bozo_exception") or "unknown error").split())
            yield IngestError(source, f"malformed feed: {reason[:200]}")
        else:
            yield IngestError(source, "feed has no entries")
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    for number, entry in enumerate(entries, start=1):
        where = f"{source}#entry-{number}"
        link = (entry.get("link") or "").strip() or None
        article: Article | None = None
        if fetch_pages and fetcher is not None and link and urlsplit(link).scheme in ("http", "https"):
            try:
                article = _fetch_page(fetcher, link, where)
            except Failure:
                article = None  # the summary below stands in for the page
        if article is None:
            article = Article(text=fragment_to_text(_entry_html(entry)), source=where, flags=["feed-summary"])
        tags = [t.get("term") or t.get("label") or "" for t in entry.get("tags") or []]
        article.title = fragment_to_text(entry.get("title") or "") or article.title
        article.url = link or article.url
        article.published = (
            metadata.struct_to_iso(entry.get("published_parsed") or entry.get("updated_parsed"))
            or entry.get("published") or article.published
        )
        article.author = entry.get("author") or article.author
        article.categories = merge_categories(tags, article.categories)
        credited = (entry.get("source") or {}).get("title")
        if credited and credited != feed_title:
            article.original_source = credited
        article.publisher = (
            article.publisher or metadata.host_publisher(link) or metadata.host_publisher(feed_url)
            or feed_title or None
        )
        yield article
