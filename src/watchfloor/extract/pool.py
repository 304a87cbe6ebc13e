"""Extraction on every core: worker processes, results back in input order, one writer.

The caller (the only process that writes to the store) feeds ``ExtractionPool.run`` a stream
of jobs and gets each job's outcome back in the order given, while at most a small window
of jobs is in flight, so memory stays flat however long the stream is. Workers are forked
from a parent that has already loaded the spaCy model, gazetteer and tables, so they start in
milliseconds and share those pages; where fork is unavailable, extraction stays in-process.

Each worker has a pipe of its own, so a worker that dies (killed, out of memory, a crash in
native code) or overruns its hard time limit takes nothing down with it: shared queues, as in
``concurrent.futures``, can be left locked by a killed worker and hang the others.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ..models import Extraction
from .pipeline import Extractor

_CHUNK = 4  # articles per message: enough to amortise the pickling, small enough to balance
_WINDOW = 3  # chunks done or in flight per worker, waiting for their turn to be yielded
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_WARM_UP = "Gunmen killed two people in a market in a town on Monday, police said."


@dataclass
class Job:
    """One article to extract; ``key`` comes back with its outcome."""

    key: Any
    text: str
    published: str | None = None
    title: str = ""
    country_prior: str | None = None
    refused: str | None = None  # an input found bad before extraction: passed through, in order


@dataclass
class Outcome:
    key: Any
    extraction: Extraction | None = None
    error: str | None = None  # set when extraction failed; the run goes on


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def resolve_jobs(jobs: int | None) -> int:
    """0 or None: one worker per usable core."""
    return jobs if jobs and jobs > 0 else usable_cores()


def extract_job(extractor: Extractor, job: Job) -> Outcome:
    if job.refused is not None:
        return Outcome(job.key, error=job.refused)
    try:
        return Outcome(job.key, extractor.extract(job.text, job.published, job.title,
                                                  country_prior=job.country_prior))
    except Exception as exc:  # one bad article must not stop a run
        return Outcome(job.key, error=f"extraction failed: {exc.__class__.__name__}: {exc}")


_WORKER_EXTRACTOR: Extractor | None = None  # set in the parent before forking


def _serve(conn: Connection, parent: int) -> None:
    """A worker: extract each chunk it is sent and send the outcomes back, until told to stop.
    Ctrl-C is the parent's to handle; a worker whose parent is gone (killed with -9) dies with
    it instead of waiting for work forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    assert _WORKER_EXTRACTOR is not None
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        conn.send([extract_job(_WORKER_EXTRACTOR, job) for job in chunk])


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: tuple[int, list[Job]] | None = None  # (sequence number, chunk) being extracted
    since: float = 0.0

    def give(self, seq: int, chunk: list[Job]) -> None:
        self.conn.send(chunk)
        self.task, self.since = (seq, chunk), time.monotonic()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


@dataclass
class _Run:
    """The state of one ``run``: outcomes wait in ``done`` until their turn to be yielded."""

    stream: Iterator[Job]
    done: dict[int, list[Outcome]] = field(default_factory=dict)
    sent: int = 0
    yielded: int = 0
    exhausted: bool = False

    def next_chunk(self) -> list[Job]:
        chunk = list(itertools.islice(self.stream, _CHUNK))
        self.exhausted = not chunk
        return chunk


class ExtractionPool:
    """``jobs`` worker processes (0: one per usable core; 1: extract in this process)."""

    def __init__(self, settings: dict, jobs: int | None = None):
        self.extractor = Extractor(settings)
        wanted = resolve_jobs(jobs if jobs is not None else settings["extract"].get("jobs", 0))
        self.jobs = wanted if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin" else 1
        # A chunk that takes this long is stopped by killing its worker; the time budget
        # (checked inside extraction) should always end it long before.
        self.hard_seconds = 3 * _CHUNK * float(settings["extract"]["time_budget"]) + 60
        self._workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        global _WORKER_EXTRACTOR
        if _WORKER_EXTRACTOR is not self.extractor:
            extract_job(self.extractor, Job(None, _WARM_UP))  # load model and tables once, here
            _WORKER_EXTRACTOR = self.extractor
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs, os.getpid()), daemon=True,
                                  name="watchfloor-extract")
        process.start()
        theirs.close()
        return _Worker(process, mine)

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        """Each job's outcome, in the order the jobs came."""
        if self.jobs <= 1:
            for job in jobs:
                yield extract_job(self.extractor, job)
            return
        while len(self._workers) < self.jobs:
            self._workers.append(self._spawn())
        state = _Run(iter(jobs))
        while True:
            self._hand_out(state)
            while state.yielded in state.done:
                yield from state.done.pop(state.yielded)
                state.yielded += 1
            busy = [w for w in self._workers if w.task is not None]
            if busy:
                self._collect(busy, state)
            elif state.exhausted:  # nothing in flight, nothing left: all yielded
                return

    def _hand_out(self, state: _Run) -> None:
        for worker in self._workers:
            if worker.task is None and not state.exhausted and state.sent - state.yielded < self.jobs * _WINDOW:
                chunk = state.next_chunk()
                if chunk:
                    worker.give(state.sent, chunk)
                    state.sent += 1

    def _collect(self, busy: list[_Worker], state: _Run) -> None:
        """Wait for a worker to finish (or die, or overrun) and file what it did."""
        ready = wait([w.conn for w in busy], timeout=1.0)
        for worker in busy:
            seq, chunk = worker.task
            if worker.conn in ready:
                try:
                    state.done[seq] = worker.conn.recv()
                    worker.task = None
                    continue
                except (EOFError, OSError):
                    pass  # it died
            elif time.monotonic() - worker.since <= self.hard_seconds and worker.process.is_alive():
                continue
            state.done[seq] = self._after_a_crash(worker, chunk)

    def _after_a_crash(self, worker: _Worker, chunk: list[Job]) -> list[Outcome]:
        """A worker died or overran: its chunk is retried one job at a time in a fresh worker,
        so the job that kills (or hangs) it again is reported and the others are kept."""
        self._replace(worker, kill=True)
        outcomes = []
        for job in chunk:
            fresh = next(w for w in self._workers if w.task is None)
            fresh.give(-1, [job])
            if wait([fresh.conn], timeout=self.hard_seconds):
                try:
                    outcomes += fresh.conn.recv()
                    fresh.task = None
                    continue
                except (EOFError, OSError):
                    pass
            outcomes.append(Outcome(job.key, error="extraction failed: its worker process died or "
                                    f"ran past {self.hard_seconds:g} s and was stopped"))
            self._replace(fresh, kill=True)
        return outcomes

    def _replace(self, worker: _Worker, *, kill: bool) -> None:
        worker.stop(kill=kill)
        self._workers[self._workers.index(worker)] = self._spawn()

    def close(self) -> None:
        for worker in self._workers:
            worker.stop(kill=worker.task is not None)
        self._workers = []

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
