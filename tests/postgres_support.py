"""A fresh PostgreSQL database per test, on the server named by WATCHFLOOR_TEST_POSTGRES
(``.ci/run`` starts one with scripts/postgres-server.sh); without it those tests skip."""

from __future__ import annotations

import os
import re
import uuid

import pytest

SERVER_VARIABLE = "WATCHFLOOR_TEST_POSTGRES"


def server_url() -> str:
    url = os.environ.get(SERVER_VARIABLE)
    if not url:
        pytest.skip(f"no PostgreSQL server: set {SERVER_VARIABLE} (scripts/postgres-server.sh start DIR)")
    return url


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` instead of its own."""
    return re.sub(r"^(postgres(?:ql)?://[^/?]*)/[^?]*", rf"\1/{name}", url)


def create_database(url: str) -> str:
    import psycopg

    name = f"wf_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return with_database(url, name)


def drop_database(url: str, target: str) -> None:
    import psycopg

    name = target.split("?")[0].rsplit("/", 1)[1]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url():
    """A new, empty database on the test server, dropped afterwards."""
    server = server_url()
    target = create_database(server)
    yield target
    drop_database(server, target)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path):
    """The same test on both backends: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "w.db")
    else:
        yield request.getfixturevalue("postgres_url")
