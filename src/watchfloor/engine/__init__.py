"""Extraction across a Dask cluster: ``watchfloor extract --engine dask`` and ``watchfloor load``.

The inputs (JSONL or Parquet shards) are cut into partitions of thousands of documents
(partitions.py); each partition is one Dask task that reads and extracts its records on a
worker whose extractor a worker plugin loaded once (worker.py), and writes one Parquet shard,
renamed into place when complete (shards.py). The client (run.py) keeps a manifest of the
partitions, so a re-run does only those without a shard. ``watchfloor load`` (load.py) then
stores the shards in input order through the same functions a single-process ingest uses.
"""

from __future__ import annotations


class EngineError(Exception):
    """Inputs or an output folder the engine cannot use; the message names what was wrong."""
