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
from .fetch import Fetcher, FetchError, Response
from .files import check_content, decode, sniff_format
from .pages import extract_page, fragment_to_text


def _entry_html(entry: dict) -> str:
    """The fullest body the entry carries: content:encoded / atom content, else summary."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return value
    return entry.get("summary") or entry.get("description") or ""


def _page(resp: Response | FetchError, source: str) -> Article | None:
    """An entry's fetched page as a draft, or None when it is not a usable HTML page (the
    entry's summary stands in)."""
    if isinstance(resp, FetchError):
        return None
    try:
        check_content(resp.content, "response")
        if sniff_format(resp.content, urlsplit(resp.url).path, resp.content_type) != "html":
            return None
        text, flags = decode(resp.content, resp.charset)
        page = extract_page(text, url=resp.url, source=source)
    except Failure:
        return None
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
    numbered = list(enumerate(entries, start=1))
    links = [(entry.get("link") or "").strip() or None for _, entry in numbered]
    wanted = [i for i, link in enumerate(links) if fetch_pages and fetcher is not None and link
              and urlsplit(link).scheme in ("http", "https")]
    fetched = set(wanted)
    for i, (number, entry) in enumerate(numbered):
        if i not in fetched:
            yield _entry_article(entry, None, f"{source}#entry-{number}", links[i], feed_url, feed_title)
    if wanted and fetcher is not None:  # fetched at once; each entry as its page arrives
        for k, resp in fetcher.get_many(links[i] for i in wanted):
            number, entry = numbered[wanted[k]]
            where = f"{source}#entry-{number}"
            yield _entry_article(entry, _page(resp, where), where, links[wanted[k]], feed_url, feed_title)


def _entry_article(entry: dict, article: Article | None, where: str, link: str | None,
                   feed_url: str | None, feed_title: str | None) -> Article:
    """One entry as a draft: its fetched page if there is one, else its own content; the
    entry's title, link, date, author and tags win over the page's."""
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
    return article
