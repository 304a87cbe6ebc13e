"""Ingest stage: read files, folders, globs, stdin and URLs into normalized Articles.

``read_sources`` never raises for bad input: every failure becomes an ``IngestError``
with a one-line reason and the run goes on with the remaining sources and records.
"""

from __future__ import annotations

import codecs
import io
import sys
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import urlsplit

from watchfloor.models import Article, IngestError

from .articles import Failure, finalize
from .feeds import read_feed
from .fetch import Fetcher, FetchError, Response
from .bulk import byte_lines, read_csv, read_jsonl
from .files import HEAD_BYTES, check_content, decode, open_regular, read_plain, read_rest, sniff_format
from .pages import extract_page
from .sources import Item, expand

__all__ = ["read_sources", "read_fetched", "Fetcher", "FetchError"]

BULK_READERS = {"jsonl": read_jsonl, "csv": read_csv}  # streamed record by record
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_WHAT = {"html": "HTML", "text": "text", "feed": "feed entry", "jsonl": "JSONL record", "csv": "CSV row"}


def read_sources(
    specs: list[str],
    settings: dict,
    stdin: BinaryIO | None = None,
    *,
    fetch_local_feed_links: bool = False,
) -> Iterator[Article | IngestError]:
    """Yield an Article or IngestError for everything the SOURCE specs name, in order.

    ``fetch_local_feed_links``: whether entries of a feed read from a local file or stdin
    fetch their http(s) links (off by default so demo ingestion stays offline); feeds
    fetched from a URL follow ``fetch.fetch_feed_pages`` instead.
    """
    fetcher: Fetcher | None = None
    urls: list[Item] = []
    try:
        for spec in specs:
            for item in expand(spec, settings):
                if isinstance(item, IngestError):
                    yield item
                elif item.kind == "url":
                    urls.append(item)  # fetched together below
                else:
                    if fetcher is None and fetch_local_feed_links:
                        fetcher = Fetcher(settings)
                    yield from _read_item(item, settings, stdin, fetcher, fetch_local_feed_links)
        if urls:
            fetcher = fetcher or Fetcher(settings)
            # Fetched at once (per-host politeness kept), each read as it arrives, so a slow
            # host never holds up the others; local inputs were read first, in order.
            for index, response in fetcher.get_many(item.location for item in urls):
                yield from _read_item(urls[index], settings, stdin, fetcher, False, response)
    finally:
        if fetcher is not None:
            fetcher.close()


def read_fetched(body: bytes, source: str, settings: dict, *, url: str | None = None, content_type: str = "",
                 charset: str | None = None, fetcher: Fetcher | None = None) -> Iterator[Article | IngestError]:
    """Articles from a body fetched elsewhere (``watch`` polls with its own validators): a
    feed's entries, or the page itself, exactly as ``read_sources`` reads a URL."""
    response = Response(url or source, 200, content_type or "", charset, body)
    yield from _read_item(Item("url", source), settings, None, fetcher, False, response)


def _read_item(
    item: Item, settings: dict, stdin: BinaryIO | None, fetcher: Fetcher | None, fetch_links: bool,
    response: Response | FetchError | None = None,
) -> Iterator[Article | IngestError]:
    """Read one input (a URL's ``response`` already fetched), finalizing each draft; any
    failure is reported, never raised."""
    source = item.location
    try:
        for record in _drafts(item, settings, stdin, fetcher, fetch_links, response):
            if isinstance(record, IngestError):
                yield record
                continue
            draft, fmt = record
            try:
                yield finalize(draft, settings, what=_WHAT.get(fmt, fmt))
            except Failure as exc:
                yield exc.to_error(draft.source or source)
    except Failure as exc:
        yield exc.to_error(source)
    except Exception as exc:  # a parser bug must not end the whole run
        yield IngestError(source, f"unexpected error: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}")


def _drafts(
    item: Item, settings: dict, stdin: BinaryIO | None, fetcher: Fetcher | None, fetch_links: bool,
    resp: Response | FetchError | None = None,
) -> Iterator[tuple[Article, str] | IngestError]:
    """Raw (draft, format) pairs for one input."""
    if item.kind == "url":
        if resp is None:  # read_sources always fetches URLs first
            raise Failure("internal error: a URL was not fetched")
        if isinstance(resp, FetchError):
            raise resp
        fetch_links = bool(settings["fetch"]["fetch_feed_pages"])
        yield from _read_bytes(resp.content, item.location, settings, name=urlsplit(resp.url).path,
                               url=resp.url, charset=resp.charset, content_type=resp.content_type,
                               fetcher=fetcher if fetch_links else None, what="response")
        return
    if item.kind == "stdin":
        stream = stdin if stdin is not None else sys.stdin.buffer
        stream, size, name, what = getattr(stream, "buffer", stream), None, "", "input"
    else:
        (stream, size), name, what = open_regular(item.location), item.location, "file"
    try:
        head = stream.read(HEAD_BYTES)
        if isinstance(head, str):
            head = head.encode("utf-8")
        fmt = sniff_format(head, name)
        if fmt in BULK_READERS and not head.startswith(_UTF16_BOMS):
            check_content(head, what)
            cap = int(settings["ingest"]["max_record_bytes"])
            for record in BULK_READERS[fmt](byte_lines(stream, head, cap), item.location, cap):
                yield record if isinstance(record, IngestError) else (record, fmt)
            return
        data = read_rest(stream, head, settings, size=size, what=what)
    finally:
        if item.kind != "stdin":
            stream.close()
    yield from _read_bytes(data, item.location, settings, name=name,
                           fetcher=fetcher if fetch_links else None, what=what)


def _read_bytes(
    data: bytes,
    source: str,
    settings: dict,
    *,
    name: str = "",
    url: str | None = None,
    charset: str | None = None,
    content_type: str = "",
    fetcher: Fetcher | None = None,
    what: str = "file",
) -> Iterator[tuple[Article, str] | IngestError]:
    """Draft Articles (with their format) from one input's bytes, whatever its format."""
    check_content(data, what)
    fmt = sniff_format(data, name, content_type)
    if fmt == "feed":
        for entry in read_feed(data, source, feed_url=url, content_type=content_type,
                               fetcher=fetcher, fetch_pages=fetcher is not None):
            yield entry if isinstance(entry, IngestError) else (entry, fmt)
        return
    if fmt in BULK_READERS:
        flags: list[str] = []
        if data.startswith(_UTF16_BOMS):  # lines can only be split once decoded
            text, flags = decode(data, charset)
            data, charset = text.encode("utf-8"), None
        cap = int(settings["ingest"]["max_record_bytes"])
        lines = byte_lines(io.BytesIO(), data, cap)
        for record in BULK_READERS[fmt](lines, source, cap, charset=charset, flags=flags):
            yield record if isinstance(record, IngestError) else (record, fmt)
        return
    text, flags = decode(data, charset)
    if fmt == "html":
        page = extract_page(text, url=url, source=source)
        page.flags.extend(flags)
        yield page, fmt
    else:
        article = read_plain(text, source, flags)
        article.url = url
        yield article, fmt
