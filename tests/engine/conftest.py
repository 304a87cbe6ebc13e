"""A real Dask LocalCluster (two worker processes on 127.0.0.1) per test module; the tests run
the CLI in subprocesses against it with --scheduler, exactly as a user runs it on a cluster."""

from __future__ import annotations

import logging

import pytest


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, worker_dashboard_address=None,
                      silence_logs=logging.ERROR) as local, Client(local) as client:
        yield local.scheduler_address, client
