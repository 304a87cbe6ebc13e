"""``watchfloor load OUTDIR``: the shards of ``extract --engine dask`` stored, once, centrally.

Storing, copy detection, merging and the claims ledger are ``service.store_batch`` and
``service.save_outcome``, the very functions ``watchfloor ingest`` stores with; only the
extraction was made elsewhere. Partitions are loaded in input order and their articles in
line order, batch by batch as ingest does, so event ids come out as ingest gives them. An
article already stored is a duplicate, as it is for ingest: loading twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from ..extract import EXTRACTOR_VERSION
from ..extract.pool import Outcome
from ..models import Article, IngestError
from ..service import IngestReport, save_outcome, store_batch
from ..store import Store
from . import EngineError
from .shards import finished, read_articles, read_errors, read_manifest


def load_outputs(store: Store, outdir: str, settings: dict, *, report: IngestReport | None = None,
                 on_article: Callable[[str], None] | None = None,
                 on_error: Callable[[IngestError], None] | None = None) -> IngestReport:
    manifest = read_manifest(outdir)
    if manifest is None:
        raise EngineError(f"{outdir}: no manifest.json: not an output folder of watchfloor extract --engine dask")
    names = [p["name"] for p in manifest["partitions"]]
    missing = [name for name in names if not finished(outdir, name)]
    if missing:
        raise EngineError(f"{outdir}: {len(missing)} of {len(names)} partitions are not extracted yet "
                          f"(first: {missing[0]}); run the same extract command again to finish them")
    if manifest.get("extractor_version") != EXTRACTOR_VERSION:
        raise EngineError(f"{outdir}: extracted by extractor {manifest.get('extractor_version')}, this is "
                          f"{EXTRACTOR_VERSION}; extract again into a new folder")
    report = report if report is not None else IngestReport()
    size = int(settings["store"]["batch_size"])
    for name in names:
        for row in read_errors(outdir, name):
            if row["stage"] == "read":  # extraction failures are reported as ingest does, when stored
                _report_error(report, IngestError(row["source"], row["reason"]), on_error)
        rows = read_articles(outdir, name)
        for start in range(0, len(rows), size):
            _load_batch(store, settings, rows[start:start + size], report, on_article, on_error)
    return report


def _load_batch(store: Store, settings: dict, rows: list, report: IngestReport,
                on_article: Callable[[str], None] | None,
                on_error: Callable[[IngestError], None] | None) -> None:
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    made: dict[int, Outcome] = {}  # by object identity: the batch's own articles, not a stored namesake
    for art, extraction, error in rows:
        art.ingested_at = now  # ingested into this store now, whenever the cluster read it
        made[id(art)] = Outcome(art, extraction, error)
        report.read += 1
        if on_article:
            on_article(art.title or art.source)
    todo = store_batch(store, settings, [art for art, _, _ in rows], report)
    for art in todo:
        outcome = made.get(id(art)) or _extract_here(settings, art)
        save_outcome(store, settings, art, outcome, report, on_error)


_LOCAL: dict = {}


def _extract_here(settings: dict, art: Article) -> Outcome:
    """A stored article an older extractor did (store_batch hands back the stored version,
    whose date or title may differ from the shard's): extracted here, as ingest would."""
    from ..extract.pipeline import Extractor
    from .worker import extract_article

    if "extractor" not in _LOCAL:
        _LOCAL["extractor"] = Extractor(settings)
    outcome = extract_article(_LOCAL["extractor"], art)
    return Outcome(art, outcome.extraction, outcome.error)


def _report_error(report: IngestReport, err: IngestError, on_error: Callable[[IngestError], None] | None) -> None:
    report.errors.append(err)
    if on_error:
        on_error(err)
