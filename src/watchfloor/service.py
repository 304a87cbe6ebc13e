"""Operations shared by the command line and the API: ingest, extract, demo.

Each takes a Store and settings and returns a typed report; printing is the caller's job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from .extract import EXTRACTOR_VERSION, Extractor
from .models import Article, IngestError
from .store import DatabaseFailure, Store

Progress = Callable[[str], None]


@dataclass
class IngestReport:
    read: int = 0  # articles read from the sources
    added: int = 0  # new articles stored
    duplicates: int = 0  # already stored (same normalized text)
    extracted: int = 0
    events: int = 0
    claims: int = 0
    errors: list[IngestError] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "read": self.read, "added": self.added, "duplicates": self.duplicates,
            "extracted": self.extracted, "events": self.events, "claims": self.claims,
            "errors": [{"source": e.source, "reason": e.reason} for e in self.errors],
        }


def _extract_and_save(store: Store, extractor: Extractor, articles: Iterable[Article], report: IngestReport,
                      on_error: Callable[[IngestError], None] | None = None) -> None:
    for art in articles:
        try:
            result = extractor.extract(art.text, art.published, art.title,
                                       country_prior=extractor.publisher_country(art.publisher))
        except Exception as exc:  # one bad article must not stop a run
            err = IngestError(art.source or art.id, f"extraction failed: {exc.__class__.__name__}: {exc}")
            report.errors.append(err)
            if on_error:
                on_error(err)
            continue
        store.save_extraction(art.id, result, EXTRACTOR_VERSION)
        report.extracted += 1
        report.events += len(result.events)
        report.claims += len(result.claims)


def ingest(
    store: Store,
    specs: list[str],
    settings: dict,
    *,
    extract: bool = True,
    stdin: BinaryIO | None = None,
    on_article: Progress | None = None,
    on_error: Callable[[IngestError], None] | None = None,
) -> IngestReport:
    """Read sources, store new articles batch by batch, and extract what is new or outdated."""
    from .ingest import read_sources

    report = IngestReport()
    extractor = Extractor(settings) if extract else None
    batch: list[Article] = []
    size = settings["store"]["batch_size"]

    def flush() -> None:
        results = store.add_articles(batch)
        todo = []
        for r in results:
            if r.inserted:
                report.added += 1
                todo.append(r.article)
            else:
                report.duplicates += 1
        if extractor is not None:
            # Articles stored earlier by an older extractor are brought up to date too.
            todo_ids = {a.id for a in todo}
            for r in results:
                if not r.inserted and r.article.id not in todo_ids:
                    stored = store.get_article(r.article.id)
                    if stored and store.extractor_version(stored.id) != EXTRACTOR_VERSION:
                        todo.append(stored)
            _extract_and_save(store, extractor, todo, report, on_error)
        batch.clear()

    try:
        for item in read_sources(specs, settings, stdin=stdin):
            if isinstance(item, IngestError):
                report.errors.append(item)
                if on_error:
                    on_error(item)
                continue
            report.read += 1
            batch.append(item)
            if on_article:
                on_article(item.title or item.source)
            if len(batch) >= size:
                flush()
        if batch:
            flush()
    except DatabaseFailure as exc:
        exc.partial = report  # what was stored before the database failed
        raise
    return report


def extract_stored(store: Store, settings: dict, *, everything: bool = False,
                   on_article: Progress | None = None,
                   on_error: Callable[[IngestError], None] | None = None) -> IngestReport:
    """(Re-)extract stored articles: those an older extractor did, or all of them."""
    report = IngestReport()
    extractor = Extractor(settings)
    try:
        articles = list(store.iter_articles(needing_version=None if everything else EXTRACTOR_VERSION))
        for art in articles:
            _extract_and_save(store, extractor, [art], report, on_error)
            if on_article:
                on_article(art.title or art.id)
    except DatabaseFailure as exc:
        exc.partial = report
        raise
    return report


def demo_corpus_path() -> Path:
    return Path(str(resources.files("watchfloor") / "demo" / "corpus"))


def run_demo(store: Store, settings: dict, **kwargs) -> IngestReport:
    """Ingest the bundled demo corpus (offline: feed links are not fetched)."""
    return ingest(store, [str(demo_corpus_path())], settings, **kwargs)
