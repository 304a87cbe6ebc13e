"""Operations shared by the command line and the API: ingest, extract, demo.

Each takes a Store and settings and returns a typed report; printing is the caller's job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from .extract import EXTRACTOR_VERSION
from .extract.pool import ExtractionPool, Job, Outcome
from .analyze import propositions
from .merge import cluster, match, neardup, reconcile
from .models import Article, IngestError
from .store import DatabaseFailure, Store

Progress = Callable[[str], None]


@dataclass
class IngestReport:
    read: int = 0  # articles read from the sources
    added: int = 0  # new articles stored
    duplicates: int = 0  # already stored (same normalized text)
    superseded: int = 0  # stored articles replaced by a newer version of their page (same URL)
    copies: int = 0  # syndicated copies of stored articles: a source for its events, not extracted
    history: int = 0  # added as an older version of a page whose newer version is stored
    extracted: int = 0
    events: int = 0
    claims: int = 0
    errors: list[IngestError] = field(default_factory=list)
    cut: list[IngestError] = field(default_factory=list)  # extracted only in part (a budget ran out)

    def to_dict(self) -> dict:
        return {
            "read": self.read, "added": self.added, "duplicates": self.duplicates,
            "superseded": self.superseded, "history": self.history, "copies": self.copies,
            "extracted": self.extracted, "events": self.events, "claims": self.claims,
            "errors": [{"source": e.source, "reason": e.reason} for e in self.errors],
            "cut": [{"source": e.source, "reason": e.reason} for e in self.cut],
        }


def _job(pool: ExtractionPool, art: Article) -> Job:
    return Job(art, art.text, art.published, art.title, pool.extractor.publisher_country(art.publisher))


def _extract_and_save(store: Store, settings: dict, pool: ExtractionPool, articles: Iterable[Article],
                      report: IngestReport,
                      on_error: Callable[[IngestError], None] | None = None,
                      on_done: Progress | None = None) -> None:
    """Extract in the pool's workers and save here, the one writer, as outcomes come back."""
    for outcome in pool.run(_job(pool, art) for art in articles):
        save_outcome(store, settings, outcome.key, outcome, report, on_error)
        if on_done:
            on_done(outcome.key.title or outcome.key.id)


def save_outcome(store: Store, settings: dict, art: Article, outcome: Outcome, report: IngestReport,
                 on_error: Callable[[IngestError], None] | None = None) -> None:
    """Store one stored article's extraction, then merge its reports into the events and its
    claims into the ledger. ``ingest`` and ``watchfloor load`` (extractions made on Dask) both
    save through here, so the same input gives the same events either way."""
    if outcome.extraction is None:
        err = IngestError(art.source or art.id, outcome.error or "extraction failed")
        report.errors.append(err)
        if on_error:
            on_error(err)
        return
    with store.transaction():  # an article's reports, their merge and its claims' ledger land together
        before = store.propositions_of(art.id)
        store.save_extraction(art.id, outcome.extraction, EXTRACTOR_VERSION)
        if settings["merge"]["enabled"]:
            merge_article(store, art.id)
        group_claims(store, art.id, also=before)
    if outcome.extraction.cut:
        report.cut.append(IngestError(art.source or art.id, outcome.extraction.cut["message"]))
    report.extracted += 1
    report.events += len(outcome.extraction.events)
    report.claims += len(outcome.extraction.claims)


def store_batch(store: Store, settings: dict, batch: list[Article], report: IngestReport, *,
                extract: bool = True) -> list[Article]:
    """Store a batch of read articles, linking syndicated copies to their originals; the
    articles to extract: new ones, and those an older extractor did (shared by ``ingest``
    and ``watchfloor load``)."""
    todo: list[Article] = []
    for r in store.add_articles(batch):
        report.added += r.inserted
        report.duplicates += not r.inserted
        report.superseded += len(r.superseded)
        report.history += r.inserted and not r.current
        if r.touched_events and settings["merge"]["enabled"]:
            with store.transaction():
                merge_events(store, r.touched_events, because=r.article.id)
        if r.inserted and r.current and find_copy(store, r.article, settings):
            report.copies += 1
        elif r.inserted and r.current:
            todo.append(r.article)
        elif not r.inserted and extract and store.needs_extraction(r.article.id, EXTRACTOR_VERSION):
            old = store.get_article(r.article.id)
            if old and old.id not in {a.id for a in todo}:
                todo.append(old)
    return todo


def ingest(
    store: Store,
    specs: list[str],
    settings: dict,
    *,
    extract: bool = True,
    jobs: int | None = None,
    stdin: BinaryIO | None = None,
    on_article: Progress | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    items: Iterable[Article | IngestError] | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Read sources, store new articles batch by batch, and extract what is new or outdated
    (``jobs`` worker processes; None: the ``extract.jobs`` setting). Reading and storing go on
    here while the workers extract the articles stored before. ``items``: articles already
    read (by ``watch``), instead of the ``specs``. ``report``: filled as the work goes (an API
    job shows it as progress)."""
    from .ingest import read_sources

    report = report if report is not None else IngestReport()
    size = settings["store"]["batch_size"]

    def errors_and_articles() -> Iterator[Article]:
        for item in (items if items is not None else read_sources(specs, settings, stdin=stdin)):
            if isinstance(item, IngestError):
                report.errors.append(item)
                if on_error:
                    on_error(item)
                continue
            report.read += 1
            if on_article:
                on_article(item.title or item.source)
            yield item

    def to_extract() -> Iterator[Article]:
        batch: list[Article] = []
        for art in errors_and_articles():
            batch.append(art)
            if len(batch) >= size:
                yield from store_batch(store, settings, batch, report, extract=extract)
                batch = []
        if batch:
            yield from store_batch(store, settings, batch, report, extract=extract)

    try:
        if not extract:
            for _ in to_extract():
                pass
            return report
        with ExtractionPool(settings, jobs) as pool:
            _extract_and_save(store, settings, pool, to_extract(), report, on_error)
    except DatabaseFailure as exc:
        exc.partial = report  # what was stored before the database failed
        raise
    return report


def extract_stored(store: Store, settings: dict, *, everything: bool = False, jobs: int | None = None,
                   on_article: Progress | None = None,
                   on_error: Callable[[IngestError], None] | None = None,
                   report: IngestReport | None = None) -> IngestReport:
    """(Re-)extract stored articles, those an older extractor did or all of them, streamed
    from the store page by page."""
    report = report if report is not None else IngestReport()
    try:
        with ExtractionPool(settings, jobs) as pool:
            articles = store.iter_articles(needing_version=None if everything else EXTRACTOR_VERSION,
                                           current_only=True)
            _extract_and_save(store, settings, pool, articles, report, on_error, on_done=on_article)
    except DatabaseFailure as exc:
        exc.partial = report
        raise
    return report


# -- merging -----------------------------------------------------------------------------------

def find_copy(store: Store, art: Article, settings: dict) -> str | None:
    """Fingerprint a newly stored article and link it to the stored article it is a syndicated
    copy of; that original's id, or None. A copy's events are its original's, with one more source."""
    print_ = neardup.fingerprint(art.text)
    with store.transaction():  # candidates read under the writer lock: two copies racing see each other
        original = neardup.find_original(print_, store.copy_candidates(print_, art.id),
                                         settings["merge"]["copy_similarity"])
        store.save_print(art.id, print_, original)
        if original and settings["merge"]["enabled"]:
            merge_events(store, set(store.report_events(original).values()), because=art.id)
    return original


def _related(own: list[match.Report], nearby: list[match.Report], keep: set[str]) -> list[match.Report]:
    """The reports to re-cluster: the article's own, and every report of each nearby event that
    one of them could be the same incident as (or that is in ``keep``)."""
    events = set(keep) | {r.event_id for r in own if r.event_id}
    for other in nearby:
        if other.event_id not in events and any(match.compare(mine, other).same_incident for mine in own):
            events.add(other.event_id)
    local = {r.key: r for r in nearby if r.event_id in events}
    local.update({r.key: r for r in own})
    return list(local.values())


def merge_article(store: Store, article_id: str, also: set[str] = frozenset()) -> None:
    """Place one article's freshly saved reports among the stored events: join, merge or split
    the events near them, keeping ids (merge/cluster.py)."""
    own, nearby = store.merge_inputs(article_id, also)
    local = _related(own, nearby, set(also))
    if not local:
        return
    plan = cluster.assign_ids(cluster.cluster_around(local, {r.key for r in own}))
    rows = {eid: reconcile.merged_event(reports) for eid, reports in plan.events.items()}
    store.apply_merge(plan, rows, because=article_id)


def merge_events(store: Store, event_ids: set[str], because: str | None = None) -> None:
    """Re-merge the given events (a report left them, or a copy added a source)."""
    if event_ids:
        merge_article(store, because or "", also=set(event_ids))


def delete_article(store: Store, article_id: str) -> dict | None:
    """Delete one article and what only it supported; the events it shared with other reports
    are re-merged without it, and the propositions its claims were in described again. None
    when no such article is stored."""
    with store.transaction():
        before = store.propositions_of(article_id)
        touched = store.delete_article(article_id)
        if touched is None:
            return None
        merge_events(store, touched, because=article_id)
        group_claims(store, article_id, also=before)
    return {"deleted": article_id, "events_updated": sorted(touched), "propositions_updated": sorted(before)}


# -- the claims ledger ---------------------------------------------------------------------------

def group_claims(store: Store, article_id: str, also: set[str] = frozenset()) -> set[str]:
    """Place one article's freshly saved claims in the stored ledger, then describe every
    proposition they joined or left (``also``: those the article's earlier claims were in)."""
    touched = set(also)
    for claim in store.article_claims(article_id):
        terms = propositions.groupable(claim)
        if terms is None:
            continue
        candidates = store.proposition_candidates(terms, propositions.index_terms(terms))
        seen = terms.union(*(m for members in candidates.values() for m in members))
        df, total = store.term_frequencies(seen)
        idf = propositions.weights({t: df.get(t, 0) + (t in terms) for t in seen}, total + 1)  # this claim counted
        pid = propositions.place(terms, candidates, idf, propositions.new_proposition_id(article_id, claim["ordinal"]))
        store.add_to_proposition(claim["claim_id"], pid, terms, terms)
        touched.add(pid)
    for pid in sorted(touched):
        members = store.proposition_members(pid)
        terms = set().union(*(c["key_terms"] for c in members)) if members else set()
        df, total = store.term_frequencies(terms)
        description = propositions.describe(members, propositions.weights(df, total)) if members else {}
        store.describe_proposition(pid, description, [c["claim_id"] for c in members])
    return touched


# -- ACLED and UCDP files ----------------------------------------------------------------------

@dataclass
class ImportReport:
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[IngestError] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"rows": self.rows, "new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                "errors": [{"source": e.source, "reason": e.reason} for e in self.errors]}


def import_events(store: Store, path: str, kind: str, *, batch: int = 500,
                  on_error: Callable[[IngestError], None] | None = None) -> ImportReport:
    """Load an ACLED or UCDP CSV as events, row by row (a bad row is reported and skipped)."""
    import csv

    from .exchange import READERS
    from .exchange.acled import RowError
    from .geo import get_gazetteer

    read, gaz, report, pending = READERS[kind], get_gazetteer(), ImportReport(), []

    def flush() -> None:
        new, updated = store.import_events(pending)
        report.new, report.updated = report.new + new, report.updated + updated
        report.unchanged += len(pending) - new - updated
        pending.clear()

    def failed(number: int, reason: str) -> None:
        report.errors.append(IngestError(f"{path}:line {number}", reason))
        if on_error:
            on_error(report.errors[-1])

    with open(path, encoding="utf-8-sig", newline="") as handle:  # -sig: a byte-order mark is dropped
        rows, number = csv.DictReader(handle), 1
        while True:
            try:
                raw = next(rows)
            except StopIteration:
                break
            except csv.Error as exc:  # a broken quote or an oversized field: the rest cannot be read
                failed(number + 1, f"not readable as CSV from here on ({exc})")
                break
            number = rows.line_num
            report.rows += 1
            try:
                event = read(raw)
            except RowError as exc:
                failed(number, str(exc))
                continue
            if event["country"] and not event["iso3"]:
                unit = gaz.country(event["country"])
                event["iso3"] = unit.iso3 if unit else None
            pending.append(event)
            if len(pending) >= batch:
                flush()
    if pending:
        flush()
    return report


def compare_origins(store: Store, origin: str) -> dict:
    """Imported events (``origin``) against extracted ones over the dates the extracted cover,
    paired when the merge rules say same date and same place (merge/match.py)."""
    extracted = store.events(origin="extracted")
    days = sorted(e["date"] for e in extracted if e["date"])
    if not days:
        return {"first": None, "last": None, "both": [], "only_imported": [], "only_extracted": []}
    imported = store.events(origin=origin, since=days[0], until=days[-1])
    by_day: dict[str, list[dict]] = {}
    for e in extracted:
        by_day.setdefault(e["date"], []).append(e)
    both, matched = [], set()
    for imp in imported:
        near = [e for d in {imp["date"]} | _neighbour_days(imp["date"]) for e in by_day.get(d, [])]
        hit = next((e for e in near if match.date_rule(imp, e) > 0 and match.place_rule(imp, e) > 0), None)
        if hit:
            both.append(f"{imp['id']} = {hit['id']} ({imp['date']}, {imp['location'] or imp['admin2']})")
            matched.add(hit["id"])
    paired = {line.split(" = ")[0] for line in both}
    return {"first": days[0], "last": days[-1], "both": both,
            "only_imported": [f"{e['id']} ({e['date']}, {e['location']}, {e['sub_event_type']})"
                              for e in imported if e["id"] not in paired],
            "only_extracted": [f"{e['id']} ({e['date']}, {e['location']}, {e['sub_event_type']})"
                               for e in extracted if e["id"] not in matched]}


def _neighbour_days(day: str) -> set[str]:
    from datetime import date, timedelta

    d = date.fromisoformat(day)
    return {(d + timedelta(days=k)).isoformat() for k in (-1, 1)}


def demo_corpus_path() -> Path:
    return Path(str(resources.files("watchfloor") / "demo" / "corpus"))


def run_demo(store: Store, settings: dict, **kwargs) -> IngestReport:
    """Ingest the bundled demo corpus (offline: feed links are not fetched)."""
    return ingest(store, [str(demo_corpus_path())], settings, **kwargs)
