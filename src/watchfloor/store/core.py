"""The store: one interface over an SQLite file (store/sqlite_file.py) or a PostgreSQL database
(store/postgres.py). Only this package speaks SQL; everything else passes dataclasses."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..merge.cluster import event_id_for
from ..models import Article, Extraction
from .guard import Transaction, guarded
from . import counts, deletion, imported, ledger, merged, queries, search
from .postgres import PostgresConnection, is_postgres_url
from .sqlite_file import open_sqlite
from .schema import MIGRATIONS
from .versions import history, link_versions, url_key
from .tokens import TokenTable
from .watching import WatchTables


@dataclass
class AddResult:
    article: Article
    inserted: bool  # False when the same normalized text was already stored
    current: bool = True  # False when a newer version of the same page is stored
    superseded: list[str] = field(default_factory=list)  # older versions this one replaced
    touched_events: set[str] = field(default_factory=set)  # events the replaced versions reported


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_EVENT_COLUMNS = (
    "event_type sub_event_type disorder_type date time_precision location admin1 admin2 country "
    "iso3 latitude longitude geonameid geo_precision actor1 assoc_actor_1 actor2 assoc_actor_2 "
    "interaction fatalities injured civilian_targeting notes confidence"
).split()
_PLACE_COLUMNS = "text start end name admin1 admin2 country iso3 latitude longitude geonameid feature role".split()


@guarded
class Store:
    """A watchfloor database file. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path, *, busy_timeout: float = 30.0, any_thread: bool = False):
        """``path``: an SQLite file, or a ``postgresql://`` URL for a shared server.
        ``any_thread``: one request's store may be used by the server's threads in turn
        (never by two at once)."""
        self.path = str(path)
        if is_postgres_url(self.path):
            self.db = PostgresConnection(self.path, busy_timeout=busy_timeout)
            try:
                self.db.migrate(MIGRATIONS)
            except BaseException:
                self.db.close()
                raise
        else:
            self.db = open_sqlite(self.path, MIGRATIONS, busy_timeout=busy_timeout, any_thread=any_thread)

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.db.dialect

    @property
    def schema_version(self) -> int:
        return self.db.schema_version()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles ----------------------------------------------------------------------------

    def _publisher_id(self, name: str | None, url: str | None) -> int | None:
        if not name:
            return None
        host = None
        if url and "://" in url:
            host = url.split("://", 1)[1].split("/", 1)[0].lower()
        self.db.execute(
            "INSERT INTO publishers(name, host) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
            (name, host),
        )
        return self.db.execute("SELECT id FROM publishers WHERE name = ?", (name,)).fetchone()[0]

    def add_articles(self, articles: Iterable[Article]) -> list[AddResult]:
        """Insert a batch in one transaction; an article already stored is skipped, and a new
        version of a stored page (same URL) replaces it (store/versions.py)."""
        results = []
        with self.transaction():
            for art in articles:
                if not art.content_hash or not art.id:
                    raise ValueError("article must be normalized (content_hash and id set)")
                key = url_key(art.url)
                cur = self.db.execute(
                    """INSERT INTO articles(id, content_hash, external_id, title, text, url, url_key,
                           publisher_id, original_source, categories, author, published, language,
                           source, flags, ingested_at)
                       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                       ON CONFLICT(content_hash) DO NOTHING""",
                    (
                        art.id, art.content_hash, art.external_id, art.title, art.text, art.url, key,
                        self._publisher_id(art.publisher, art.url), art.original_source,
                        json.dumps(art.categories), art.author, art.published, art.language,
                        art.source, json.dumps(art.flags), art.ingested_at or _now(),
                    ),
                )
                if cur.rowcount != 1:
                    results.append(AddResult(art, False))
                    continue
                current, superseded = link_versions(self.db, art.id, key, art.published)
                touched: set[str] = set()
                for old in superseded:  # only the current version's extraction counts
                    touched.update(self._delete_extraction(old).values())
                results.append(AddResult(art, True, current, superseded, touched))
        return results

    def versions(self, url: str) -> list[dict[str, Any]]:
        """Every stored version of the page at ``url``, oldest first."""
        return history(self.db, url)

    def needs_extraction(self, article_id: str, version: str) -> bool:
        """Stored, the current version of its page, not a copy, and not extracted by ``version``."""
        row = self.db.execute("SELECT extractor_version, superseded_by, copy_of FROM articles WHERE id = ?",
                              (article_id,)).fetchone()
        return bool(row) and row[1] is None and row[2] is None and row[0] != version

    def get_article(self, article_id: str) -> Article | None:
        row = self.db.execute(
            """SELECT a.*, p.name AS publisher FROM articles a
               LEFT JOIN publishers p ON p.id = a.publisher_id WHERE a.id = ?""",
            (article_id,),
        ).fetchone()
        return _row_to_article(row) if row else None

    def extractor_version(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT extractor_version FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def iter_articles(self, *, needing_version: str | None = None, current_only: bool = False,
                      page: int = 200) -> Iterator[Article]:
        """All articles (``current_only``: no superseded versions), or those not yet extracted by
        extractor ``needing_version``, in storage order, read ``page`` at a time (keyset on rowid): memory stays flat however many are
        stored, and no read cursor is left open while the caller writes."""
        sql = """SELECT a.*, p.name AS publisher FROM articles a
                 LEFT JOIN publishers p ON p.id = a.publisher_id WHERE a.rowid > ?"""
        if current_only:  # neither an older version nor a syndicated copy (merge/neardup.py)
            sql += " AND a.superseded_by IS NULL AND a.copy_of IS NULL"
        if needing_version is not None:
            sql += " AND a.extractor_version IS NOT ? "
        sql += " ORDER BY a.rowid LIMIT ?"
        last = 0
        while True:
            params = (last, needing_version, page) if needing_version is not None else (last, page)
            rows = self.db.execute(sql, params).fetchall()
            for row in rows:
                yield _row_to_article(row)
            if len(rows) < page:
                return
            last = rows[-1]["rowid"]

    def search_articles(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search; the query is taken as words, never as search syntax."""
        return search.articles(self.db, query, limit)

    # -- extractions -------------------------------------------------------------------------

    def save_extraction(self, article_id: str, extraction: Extraction, version: str) -> None:
        """Replace everything extracted from one article (re-running never duplicates rows)."""
        with self.transaction():
            previous = self._delete_extraction(article_id, keep_events=True)
            for ordinal, event in enumerate(extraction.events):
                self._save_report(article_id, ordinal, event, previous.get(ordinal))
            merged.drop_empty(self.db, set(previous.values()), _now(), article_id)
            for ordinal, place in enumerate(extraction.places):
                d = place.to_dict()
                self.db.execute(
                    f'INSERT INTO places(article_id, {", ".join(chr(34) + c + chr(34) for c in _PLACE_COLUMNS)}) '
                    f"VALUES (?{', ?' * len(_PLACE_COLUMNS)})",
                    [article_id, *[d[c] for c in _PLACE_COLUMNS]],
                )
                self._add_evidence(article_id, "place", ordinal, {"text": [(place.start, place.end)]})
            for ordinal, stat in enumerate(extraction.statistics):
                self.db.execute(
                    """INSERT INTO statistics(article_id, ordinal, quantity, quantity_text, counted,
                           period_start, period_end, place) VALUES (?,?,?,?,?,?,?,?)""",
                    (article_id, ordinal, stat.quantity, stat.quantity_text, stat.counted,
                     stat.period_start, stat.period_end, stat.place),
                )
                self._add_evidence(article_id, "statistic", ordinal, {"quantity": stat.evidence})
            for ordinal, claim in enumerate(extraction.claims):
                speaker = claim.speaker or {}
                entity = speaker.get("entity") or {}
                self.db.execute(
                    """INSERT INTO claims(article_id, ordinal, speaker_text, speaker_name, cue, content,
                           kind, stance, channel, date, confidence, data)
                       VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
                    (article_id, ordinal, speaker.get("text"), entity.get("name") or speaker.get("text"),
                     claim.cue.get("text", ""), claim.content.get("text", ""), claim.kind, claim.stance,
                     claim.channel, claim.date, claim.confidence, json.dumps(claim.to_dict())),
                )
                spans = {"content": [tuple(s) for s in claim.content.get("spans", [])]}
                if claim.cue.get("start") is not None:
                    spans["cue"] = [(claim.cue["start"], claim.cue["end"])]
                if speaker.get("start") is not None:
                    spans["speaker"] = [(speaker["start"], speaker["end"])]
                self._add_evidence(article_id, "claim", ordinal, spans)
            for ordinal, inc in enumerate(extraction.other_incidents):
                self.db.execute(
                    """INSERT INTO other_incidents(article_id, ordinal, category, text, date, location, country,
                           fatalities, data) VALUES (?,?,?,?,?,?,?,?,?)""",
                    (article_id, ordinal, inc.category, inc.text, inc.date, inc.location, inc.country,
                     inc.fatalities, json.dumps(inc.to_dict())),
                )
                self._add_evidence(article_id, "other_incident", ordinal, {"text": inc.evidence})
            self.db.execute(
                "UPDATE articles SET extracted_at = ?, extractor_version = ?, extraction_cut = ? WHERE id = ?",
                (_now(), version, extraction.cut and extraction.cut["message"], article_id),
            )

    def _save_report(self, article_id: str, ordinal: int, event, event_id: str | None) -> None:
        """One article's report of one event, in the event it was in before (re-extraction) or in
        a provisional event of its own that the merge then places (created_at stays empty)."""
        data = event.to_dict()
        eid = event_id or event_id_for(article_id, ordinal)
        for actor in (event.actor1, event.actor2):
            if actor:
                self.db.execute("INSERT INTO actors(name) VALUES (?) ON CONFLICT(name) DO NOTHING", (actor,))
        # An event only this article reports takes the new coding at once (the merge, when it
        # runs, reconciles it with the others'); one that others report too keeps its fields.
        merged.save_own_event(self.db, eid, {c: data[c] for c in _EVENT_COLUMNS}, article_id, _now())
        self.db.execute("INSERT INTO event_reports(event_id, article_id, ordinal, data) VALUES (?,?,?,?)",
                        (eid, article_id, ordinal, json.dumps(data)))
        self._add_evidence(article_id, "event_report", ordinal, event.evidence)

    def _add_evidence(self, article_id: str, kind: str, ordinal: int, spans: dict) -> None:
        rows = [
            (article_id, kind, ordinal, field, int(s), int(e))
            for field, pairs in spans.items()
            for s, e in pairs
        ]
        self.db.executemany(
            'INSERT INTO evidence(article_id, object_kind, object_ordinal, field, start, "end") '
            "VALUES (?,?,?,?,?,?)",
            rows,
        )

    def _delete_extraction(self, article_id: str, *, keep_events: bool = False) -> dict[int, str]:
        """Remove one article's extraction; the events its reports were in, by ordinal. Events no
        other article reports go too, unless ``keep_events`` (a re-extraction puts its new
        reports back into them, so their ids last)."""
        previous = {r[0]: r[1] for r in self.db.execute(
            "SELECT ordinal, event_id FROM event_reports WHERE article_id = ?", (article_id,))}
        self.db.execute("DELETE FROM event_reports WHERE article_id = ?", (article_id,))
        if not keep_events:
            merged.drop_empty(self.db, set(previous.values()), _now(), article_id)
        for table in ("places", "statistics", "claims", "other_incidents", "evidence"):
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        return previous

    # -- merging (merge/) ---------------------------------------------------------------------

    def delete_article(self, article_id: str) -> set[str] | None:
        """Delete an article and what only it supported (store/deletion.py); the surviving
        events it reported (to re-merge), or None when it is not stored."""
        with self.transaction():
            return deletion.delete_article(self.db, article_id, self._delete_extraction)

    def copy_candidates(self, print_, article_id: str):
        """Stored articles that share an LSH bucket with ``print_`` (merge.neardup.Candidate)."""
        return merged.print_candidates(self.db, print_, article_id)

    def save_print(self, article_id: str, print_, copy_of: str | None) -> None:
        merged.save_print(self.db, article_id, print_, copy_of)

    def copy_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT copy_of FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def merge_inputs(self, article_id: str, also: set[str] = frozenset()):
        """(the article's reports, every report of the events near them or in ``also``)."""
        own = merged.article_reports(self.db, article_id)
        return own, merged.nearby_reports(self.db, own, set(also))

    def report_events(self, article_id: str) -> dict[int, str]:
        """The merged event each of an article's reports is in, by report ordinal."""
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT ordinal, event_id FROM event_reports WHERE article_id = ?", (article_id,))}

    def apply_merge(self, plan, rows: dict[str, dict], because: str | None) -> None:
        merged.apply(self.db, plan, rows, because, _now())

    # -- the claims ledger (analyze/propositions.py) ------------------------------------------

    def article_claims(self, article_id: str) -> list[dict[str, Any]]:
        return ledger.article_claims(self.db, article_id)

    def propositions_of(self, article_id: str) -> set[str]:
        return ledger.propositions_of(self.db, article_id)

    def proposition_candidates(self, terms: set[str], concepts: set[str]) -> dict[str, list[set[str]]]:
        return ledger.candidates(self.db, terms, concepts)

    def term_frequencies(self, terms: set[str]) -> tuple[dict[str, int], int]:
        return ledger.frequencies(self.db, terms)

    def add_to_proposition(self, claim_id: int, proposition_id: str, terms: set[str], index: set[str]) -> None:
        ledger.add_member(self.db, claim_id, proposition_id, terms, index, claim_id)

    def proposition_members(self, proposition_id: str, limit: int = 200) -> list[dict[str, Any]]:
        return ledger.members(self.db, proposition_id, limit)

    def describe_proposition(self, proposition_id: str, description: dict, claim_ids: list[int]) -> None:
        ledger.save_description(self.db, proposition_id, description, claim_ids, _now())

    def ledger(self, **query) -> list[dict[str, Any]]:
        """Stored propositions, most discussed first (see store.ledger.ledger)."""
        return ledger.ledger(self.db, **query)

    def import_events(self, events: list[dict]) -> tuple[int, int]:
        """Store events read from ACLED or UCDP files (exchange/); (new, updated)."""
        with self.transaction():
            return imported.upsert(self.db, events, _now())

    def load_extraction(self, article_id: str) -> dict[str, list[dict]]:
        """The stored extraction of one article, in the JSONL output shape."""
        return queries.load_extraction(self.db, article_id, _PLACE_COLUMNS)

    # -- queries -----------------------------------------------------------------------------

    def events(self, **filters) -> list[dict[str, Any]]:
        """Merged events, newest first (filters: see store.queries.events)."""
        return queries.events(self.db, **filters)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event by id, or by an id that was merged into it."""
        current = merged.resolve_id(self.db, event_id)
        found = queries.events(self.db, ids=[current]) if current else []
        return found[0] if found else None

    def event_reports(self, event_id: str) -> list[dict[str, Any]]:
        """The reports of one event, oldest first: each article's own coding of it."""
        return [{"article_id": r.article_id, "ordinal": r.ordinal, "published": r.published, "publisher": r.publisher,
                 "url": r.url, "event": r.event}
                for r in sorted(merged.event_reports(self.db, event_id), key=lambda r: (r.published or "", r.key))]

    def event_history(self, event_id: str) -> list[dict[str, Any]]:
        return merged.history(self.db, event_id)

    @property
    def watch(self) -> WatchTables:
        """Feeds, alert rules, alerts sent and bookmarks of ``watchfloor watch``."""
        return WatchTables(self.db, self.transaction)

    @property
    def tokens(self) -> TokenTable:
        return TokenTable(self.db, self.transaction)

    def event_counts(self, **filters) -> list[dict[str, Any]]:
        """Events and fatalities per day and group (see store.counts.event_counts)."""
        return counts.event_counts(self.db, **filters)

    def article_counts(self, **filters) -> list[dict[str, Any]]:
        return counts.article_counts(self.db, **filters)

    def facet(self, field: str, **filters) -> list[dict[str, Any]]:
        return counts.facet_counts(self.db, field, **filters)

    def actors(self, needle: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        return counts.actor_counts(self.db, needle, limit)

    def places(self, needle: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        return counts.place_counts(self.db, needle, limit)

    def merges_since(self, since: str | None) -> list[dict[str, Any]]:
        return queries.merges_since(self.db, since)

    def claims(self, **filters) -> list[dict[str, Any]]:
        """Claims with their article's title and date, newest first (see store.queries.claims)."""
        return queries.claims(self.db, **filters)

    def summary(self, top: int = 5) -> dict[str, Any]:
        """Counts of everything stored, events by type and the busiest districts."""
        return queries.summary(self.db, top)

    # -- transactions ------------------------------------------------------------------------

    def transaction(self) -> Transaction:
        return Transaction(self.db)


def _row_to_article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], content_hash=row["content_hash"], external_id=row["external_id"],
        title=row["title"], text=row["text"], url=row["url"], publisher=row["publisher"],
        original_source=row["original_source"], categories=json.loads(row["categories"]),
        author=row["author"], published=row["published"], language=row["language"],
        source=row["source"], flags=json.loads(row["flags"]), ingested_at=row["ingested_at"],
    )
