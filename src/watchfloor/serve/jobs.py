"""Background jobs of the API (ingest, re-extract): one at a time, since the store has one
writer, each with an id and a live report. Jobs live in the server process: after a restart
their records are gone, while what they stored stays (each article lands whole or not at all)."""

from __future__ import annotations

import itertools
import threading
import traceback
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..service import IngestReport

KEEP = 200  # finished jobs remembered


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Job:
    id: str
    kind: str
    status: str = "queued"  # queued, running, done, failed
    created: str = field(default_factory=_now)
    finished: str | None = None
    error: str | None = None
    report: IngestReport = field(default_factory=IngestReport)

    def to_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "status": self.status, "status_url": f"/api/jobs/{self.id}",
                "created": self.created,
                "finished": self.finished, "error": self.error, "progress": self.report.to_dict()}


class Jobs:
    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="watchfloor-job")
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.lock = threading.Lock()
        self.counter = itertools.count(1)

    def submit(self, kind: str, work: Callable[[IngestReport], object]) -> Job:
        """Queue ``work(report)``; it fills the report as it goes."""
        job = Job(id=f"job-{next(self.counter)}-{_now().replace(':', '')}", kind=kind)
        with self.lock:
            self.jobs[job.id] = job
            while len(self.jobs) > KEEP:
                oldest = next(iter(self.jobs))
                if self.jobs[oldest].status in ("done", "failed"):
                    self.jobs.pop(oldest)
                else:
                    break
        self.pool.submit(self._run, job, work)
        return job

    def _run(self, job: Job, work: Callable[[IngestReport], object]) -> None:
        job.status = "running"
        try:
            work(job.report)
            job.status = "done"
        except Exception as exc:  # the job fails; the server goes on
            job.status, job.error = "failed", f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
            traceback.print_exc()
        finally:
            job.finished = _now()

    def get(self, job_id: str) -> Job | None:
        with self.lock:
            return self.jobs.get(job_id)
