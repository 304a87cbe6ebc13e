"""What runs on a Dask worker: the plugin that loads the extractor once, and the partition task."""

from __future__ import annotations

import hashlib
import json
import time

from distributed import WorkerPlugin, get_worker

from ..extract.pool import _WARM_UP, Job, extract_job
from ..extract.pipeline import Extractor
from ..models import Article, IngestError
from .partitions import Partition, read_partition
from .shards import article_row, finished, warm_up_parquet, write_partition

PLUGIN_PREFIX = "watchfloor-extractor"


def plugin_name(settings: dict) -> str:
    """Named by its settings: a second run with the same settings on a long-lived cluster keeps
    the extractor already loaded, one with other settings gets its own."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()[:12]
    return f"{PLUGIN_PREFIX}-{digest}"


class ExtractorPlugin(WorkerPlugin):
    """Loads the spaCy model, gazetteer and tables once per worker process, before its first
    task: loading costs seconds, a partition's task must not pay it again. A worker the
    nanny restarts (after a crash) runs ``setup`` again."""

    idempotent = True  # registering again under the same name keeps the loaded extractor

    def __init__(self, settings: dict):
        self.settings = settings
        self.extractor: Extractor | None = None
        self.load_seconds = 0.0

    def setup(self, worker) -> None:
        started = time.perf_counter()
        self.extractor = Extractor(self.settings)
        extract_job(self.extractor, Job(None, _WARM_UP))  # the first call loads the model and tables
        warm_up_parquet()  # pyarrow's first zstd Parquet write costs 0.3 s: here, not in the first task
        self.load_seconds = time.perf_counter() - started


def _extractor_here(name: str) -> tuple[Extractor, dict]:
    plugin = get_worker().plugins.get(name)
    if plugin is None or plugin.extractor is None:
        raise RuntimeError(f"the {name} worker plugin is not set up on this worker")
    return plugin.extractor, plugin.settings


def extract_partition(part: dict, outdir: str, plugin: str) -> dict:
    """Read, extract and write one partition; a bad record becomes an errors-shard row and the
    others go on. Returns what it did (records, errors, seconds) for the client's report."""
    partition = Partition(**part)
    if finished(outdir, partition.name):  # a task that ran to the end before its worker was lost
        return {"name": partition.name, "skipped": True}
    started = time.perf_counter()
    extractor, settings = _extractor_here(plugin)
    articles, errors, extracting = [], [], 0.0
    for line, record in read_partition(partition, settings):
        if isinstance(record, IngestError):
            errors.append({"line": line, "source": record.source, "stage": "read", "reason": record.reason})
            continue
        before = time.perf_counter()
        outcome = extract_article(extractor, record)
        extracting += time.perf_counter() - before
        if outcome.error:
            errors.append({"line": line, "source": record.source, "stage": "extract", "reason": outcome.error})
        articles.append(article_row(line, record, outcome.extraction, outcome.error))
    write_partition(outdir, partition.name, articles, errors)
    return {"name": partition.name, "skipped": False, "articles": len(articles), "errors": len(errors),
            "seconds": time.perf_counter() - started, "extract_seconds": extracting}


def extract_article(extractor: Extractor, art: Article):
    """The extraction ``ingest`` makes of a stored article (service._job): its text, date,
    title and the publisher's country prior; an exception is an outcome with an error."""
    return extract_job(extractor, Job(art.id, art.text, art.published, art.title,
                                      extractor.publisher_country(art.publisher)))


def load_seconds(name: str, dask_worker=None) -> float:
    """Run on each worker by Client.run (which passes ``dask_worker``): how long its plugin
    took to load the extractor."""
    plugin = dask_worker.plugins.get(name)
    return plugin.load_seconds if plugin else 0.0
