"""Turning a raw draft Article into the stored form, and the failure type readers raise.

Every reader (text, JSONL/CSV, HTML, feed) builds a draft ``Article`` whose ``text`` is
still raw; ``finalize`` is the single place where provenance is completed and the text
is normalized and hashed, so all sources produce identical, comparable records.
"""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit

from watchfloor.models import Article, IngestError
from watchfloor.normalize import article_id, content_hash, normalize_text

from . import metadata


class Failure(Exception):
    """A source or record that cannot be read; carries the one-line reason shown to users."""

    def __init__(self, reason: str, source: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.source = source

    def to_error(self, default_source: str) -> IngestError:
        return IngestError(self.source or default_source, self.reason)


def _add_unique(items: list[str], new: list[str]) -> list[str]:
    """Merge category lists keeping first-seen order, ignoring case duplicates."""
    seen = {i.casefold() for i in items}
    out = list(items)
    for item in new:
        item = " ".join(str(item).split())
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


def merge_categories(*lists: list[str] | None) -> list[str]:
    """Union of several category/tag lists, order kept, duplicates dropped."""
    out: list[str] = []
    for lst in lists:
        out = _add_unique(out, list(lst or []))
    return out


def finalize(draft: Article, settings: dict, *, what: str = "text") -> Article:
    """Complete provenance from the text itself, then normalize, measure and hash it.

    Raises Failure when nothing usable is left; ``what`` names the input kind in that
    message ("no article text found in HTML").
    """
    now = datetime.now(timezone.utc)
    text = draft.text or ""
    text, credit = metadata.take_source_credit(text)
    head = metadata.read_dateline(text)
    if not draft.original_source:
        draft.original_source = credit or head.agency or metadata.trailing_agency(text)
    # the page's own date, then the dateline, then the URL; none after ``now`` or before 1990
    draft.published = metadata.first_plausible(
        (draft.published, head.date, metadata.date_from_url(draft.url)), now
    )
    if draft.url and urlsplit(draft.url.strip()).scheme.lower() not in ("http", "https"):
        draft.url = None  # javascript:, file: and the like are never kept as links
    if not draft.publisher:
        draft.publisher = metadata.host_publisher(draft.url)
    draft.text = normalize_text(text)
    draft.title = normalize_text(draft.title or "").replace("\n", " ")
    if not draft.text:
        raise Failure(f"no article text found in {what}")
    minimum = int(settings.get("ingest", {}).get("min_text_chars", 0))
    if len(draft.text) < minimum:
        raise Failure(
            f"text is {len(draft.text)} characters, under the {minimum}-character minimum"
            " (ingest.min_text_chars)"
        )
    if not draft.language:
        draft.language = metadata.guess_language(draft.text)
    draft.categories = merge_categories(draft.categories)
    draft.flags = list(dict.fromkeys(draft.flags))
    draft.content_hash = content_hash(draft.text)
    draft.id = article_id(draft.content_hash)
    draft.ingested_at = now.isoformat(timespec="seconds")
    return draft
