"""The client side of ``watchfloor extract --engine dask``: plan, resume, submit, collect."""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..extract import EXTRACTOR_VERSION
from . import EngineError
from .partitions import Partition, find_inputs, plan_partitions
from .shards import FORMAT, finished, read_manifest, shard_path, write_manifest
from .worker import ExtractorPlugin, extract_partition, load_seconds, plugin_name


@dataclass
class RunReport:
    partitions: int = 0
    already_done: int = 0  # finished by an earlier, interrupted run: not redone
    done: int = 0  # finished by this run
    articles: int = 0  # in the whole output folder, this run's partitions and earlier ones'
    errors: int = 0  # bad records in the whole output folder (see OUTDIR/errors)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (partition, why) after Dask's retries
    seconds: float = 0.0  # from submitting the first partition to the last result
    startup_seconds: float = 0.0  # starting the cluster and loading the extractor on every worker
    model_load_seconds: float = 0.0  # of which loading the extractor (the plugin's setup on every worker)
    workers: int = 0

    def to_dict(self) -> dict:
        return {"partitions": self.partitions, "already_done": self.already_done, "done": self.done,
                "articles": self.articles, "errors": self.errors, "workers": self.workers,
                "failed": [{"partition": p, "reason": r} for p, r in self.failed],
                "seconds": round(self.seconds, 3), "startup_seconds": round(self.startup_seconds, 3),
                "model_load_seconds": round(self.model_load_seconds, 3)}


def prepare_outdir(specs: list[str], outdir: str, settings: dict, partition_size: int | None = None) -> list[Partition]:
    """Plan the partitions and write (or check) the folder's manifest. A folder that holds the
    output of other inputs, another partition size or another extractor is refused: mixing
    them would make ``load`` store a run nobody made."""
    size = int(partition_size or settings["engine"]["partition_size"])
    if size < 1:
        raise EngineError(f"partition size must be at least 1, got {size}")
    partitions = plan_partitions(find_inputs(specs), size)
    manifest = {"format": FORMAT, "extractor_version": EXTRACTOR_VERSION, "partition_size": size,
                "partitions": [p.to_dict() for p in partitions]}
    folder = Path(outdir)
    if folder.exists() and not folder.is_dir():
        raise EngineError(f"{outdir}: not a folder")
    existing = read_manifest(folder) if folder.is_dir() else None
    if existing is None and folder.is_dir() and any(folder.iterdir()):
        raise EngineError(f"{outdir}: folder is not empty and holds no manifest.json; give a new or empty -o folder")
    if existing is not None and _plan_of(existing) != _plan_of(manifest):
        raise EngineError(f"{outdir}: holds the output of another run (other inputs, partition size or "
                          f"extractor version); give a new -o folder to start afresh")
    for sub in ("articles", "errors"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        for stale in (folder / sub).glob(".*.tmp"):  # left by writers a killed run took down
            stale.unlink(missing_ok=True)
    if existing is None:
        write_manifest(folder, manifest)
    return partitions


def _plan_of(manifest: dict) -> tuple:
    """What must agree for a run to resume another: the label (the path as typed) may differ."""
    parts = [{k: v for k, v in p.items() if k != "label"} for p in manifest["partitions"]]
    return manifest.get("extractor_version"), manifest.get("partition_size"), parts


def run_extraction(specs: list[str], outdir: str, settings: dict, *, scheduler: str | None = None,
                   workers: int | None = None, partition_size: int | None = None,
                   on_partition: Callable[[dict], None] | None = None) -> RunReport:
    """Extract every partition without an articles shard in ``outdir``, on the cluster at
    ``scheduler`` or on a LocalCluster of ``workers`` processes started here."""
    partitions = prepare_outdir(specs, outdir, settings, partition_size)
    report = RunReport(partitions=len(partitions))
    todo = [p for p in partitions if not finished(outdir, p.name)]
    report.already_done = len(partitions) - len(todo)
    if todo:
        started = time.perf_counter()
        with _client(scheduler, workers) as client:
            loading = time.perf_counter()
            client.register_plugin(ExtractorPlugin(settings), name=plugin_name(settings))
            report.model_load_seconds = time.perf_counter() - loading
            report.workers = len(client.scheduler_info().get("workers", {}))
            report.startup_seconds = time.perf_counter() - started
            _collect(client, todo, os.path.abspath(outdir), settings, report, on_partition)
    report.articles, report.errors = _rows_in(outdir, partitions)
    return report


def _rows_in(outdir: str, partitions: list[Partition]) -> tuple[int, int]:
    """Articles and bad records in the finished partitions' shards (read from their footers)."""
    import pyarrow.parquet as pq

    articles = errors = 0
    for p in partitions:
        if finished(outdir, p.name):
            articles += pq.ParquetFile(shard_path(outdir, "articles", p.name)).metadata.num_rows
            errors += pq.ParquetFile(shard_path(outdir, "errors", p.name)).metadata.num_rows
    return articles, errors


def _collect(client, todo: list[Partition], outdir: str, settings: dict, report: RunReport,
             on_partition: Callable[[dict], None] | None) -> None:
    from distributed import as_completed

    started, run = time.perf_counter(), uuid.uuid4().hex[:8]  # keys unique per run: a shared
    retries = int(settings["engine"]["retries"])  # scheduler must not answer from another's results
    plugin = plugin_name(settings)
    futures = {client.submit(extract_partition, p.to_dict(), outdir, plugin, key=f"watchfloor-{p.name}-{run}",
                             retries=retries, pure=False): p.name for p in todo}
    for future in as_completed(futures):
        name = futures[future]
        try:
            result = future.result()
        except Exception as exc:  # retries spent, or its workers kept dying (KilledWorker)
            report.failed.append((name, f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"))
            continue
        report.done += 1
        if on_partition:
            on_partition(result)
    report.seconds = time.perf_counter() - started


# The local cluster's workers, tuned for long CPU-bound tasks that hold the GIL (the README
# gives the same as a Dask YAML file for other clusters). Dask's defaults wake each worker's
# event loop every 10-20 ms (the sampling profiler, the tick monitor) and the task thread
# must hand it the GIL each time: a fifth of the extraction time at one worker, measured.
# MALLOC_TRIM_THRESHOLD_=65536, which Dask sets for its workers, makes glibc return memory
# eagerly; extraction allocates and frees small objects all the time (None unsets it).
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


@contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator:
    """A client of the given scheduler, or of a LocalCluster on 127.0.0.1: ``workers``
    processes of one thread each (extraction holds the GIL, so threads would not add speed)."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"{scheduler}: cannot reach the Dask scheduler ({exc})") from None
        with client:
            yield client
        return
    import dask

    with dask.config.set(WORKER_CONFIG), \
            LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None, worker_dashboard_address=None,
                         silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def worker_load_seconds(client, settings: dict) -> dict[str, float]:
    """Per worker address: seconds its plugin took to load the extractor (for the benchmark)."""
    return client.run(load_seconds, plugin_name(settings))
