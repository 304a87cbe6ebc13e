"""Extraction in worker processes: same results as in-process, in input order, and nothing lost
when a worker is killed mid-run. Real forked processes."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from importlib import resources

import pytest

from watchfloor.extract.pool import ExtractionPool, Job
from watchfloor.settings import settings_copy


def _demo_jobs(n: int) -> list[Job]:
    corpus = resources.files("watchfloor") / "demo" / "corpus" / "articles.jsonl"
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Job(i, rows[i % len(rows)]["text"], rows[i % len(rows)].get("published"),
                rows[i % len(rows)].get("title", "")) for i in range(n)]


@pytest.fixture(scope="module")
def in_process() -> list[dict]:
    with ExtractionPool(settings_copy(), jobs=1) as pool:
        return [o.extraction.to_dict() for o in pool.run(_demo_jobs(24))]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_two_workers_give_the_in_process_results_in_order(in_process):
    with ExtractionPool(settings_copy(), jobs=2) as pool:
        assert pool.jobs == 2
        outcomes = list(pool.run(iter(_demo_jobs(24))))
        assert len(multiprocessing.active_children()) == 2
    assert [o.key for o in outcomes] == list(range(24))
    assert [o.extraction.to_dict() for o in outcomes] == in_process


def test_a_refused_job_passes_through_in_order():
    jobs = _demo_jobs(3)
    jobs.insert(1, Job("bad", "", refused="line 2: no text"))
    with ExtractionPool(settings_copy(), jobs=2) as pool:
        outcomes = list(pool.run(jobs))
    assert [o.key for o in outcomes] == [0, "bad", 1, 2]
    assert outcomes[1].error == "line 2: no text" and outcomes[1].extraction is None


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_killed_worker_loses_no_article(in_process):
    """SIGKILL a worker while chunks are in flight: its chunk is retried in a fresh worker."""
    outcomes = []
    with ExtractionPool(settings_copy(), jobs=2) as pool:
        for outcome in pool.run(_demo_jobs(24)):
            outcomes.append(outcome)
            if len(outcomes) == 2:  # chunks of four: both workers are busy with later ones
                victim = multiprocessing.active_children()[0]
                os.kill(victim.pid, signal.SIGKILL)
        assert not victim.is_alive() and len(multiprocessing.active_children()) == 2
    assert [o.key for o in outcomes] == list(range(24))
    assert [o.error for o in outcomes] == [None] * 24
    assert [o.extraction.to_dict() for o in outcomes] == in_process


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_job_past_the_hard_limit_is_stopped_and_the_others_kept():
    settings = settings_copy()
    settings["extract"]["time_budget"] = 1e6  # the cooperative budget never ends this one
    jobs = _demo_jobs(6)
    jobs.insert(2, Job("huge", jobs[0].text * 400))
    with ExtractionPool(settings, jobs=2) as pool:
        pool.hard_seconds = 1.5
        start = time.monotonic()
        outcomes = list(pool.run(jobs))
        took = time.monotonic() - start
    assert [o.key for o in outcomes] == [0, 1, "huge", 2, 3, 4, 5]
    assert outcomes[2].extraction is None and "ran past 1.5 s and was stopped" in outcomes[2].error
    assert all(o.extraction is not None for i, o in enumerate(outcomes) if i != 2)
    assert took < 15


def test_jobs_zero_means_every_usable_core():
    pool = ExtractionPool(settings_copy(), jobs=0)
    assert pool.jobs == len(os.sched_getaffinity(0))
    pool.close()


@pytest.mark.parametrize("n", [0, 1, 5, 23, 24, 25, 61])
def test_every_job_comes_back_once_in_order_whatever_the_stream_length(n):
    """Streams shorter and longer than the window of chunks in flight."""
    jobs = (Job(i, f"Gunmen killed {i % 9 + 2} people in a market on Monday, police said.") for i in range(n))
    with ExtractionPool(settings_copy(), jobs=2) as pool:
        assert [o.key for o in pool.run(jobs)] == list(range(n))
