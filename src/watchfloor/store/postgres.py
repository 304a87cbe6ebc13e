"""The PostgreSQL backend: a psycopg 3 connection that takes the store's SQL as SQLite's
connection does, and the same migrations written in PostgreSQL's words.

The store's statements are written once, in the SQL both databases share; this module
translates the few spellings that differ (``?`` parameters, LIKE's case rule, NULL tests
against a parameter, group_concat), so every query module serves both backends.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

from .guard import StoreError, reason, statements

# Writers take this transaction-level advisory lock, as SQLite's BEGIN IMMEDIATE takes the
# file's write lock: two ingests reading candidates for the same incident cannot both miss
# the other's event and create two.
WRITER_LOCK = 0x7761746368  # "watch"
VERSION_TABLE = "watchfloor_schema"


def is_postgres_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


class Row(tuple):
    """A result row read by position or by column name, like sqlite3.Row."""

    def __new__(cls, values, index: dict[str, int]):
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key):
        return tuple.__getitem__(self, self._index[key] if isinstance(key, str) else key)

    def keys(self) -> list[str]:
        return list(self._index)


def _plain(value: Any) -> Any:
    # sum() and avg() come back as Decimal; the store's callers expect what SQLite gives.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _row_factory(cursor):
    index = {c.name: i for i, c in enumerate(cursor.description or ())}
    return lambda values: Row([_plain(v) for v in values], index)


def _param(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value  # flags live in INTEGER columns


_LITERAL = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"")
_REWRITES = [
    (re.compile(r"\bLIKE (?=%s)"), "ILIKE "),  # a pattern match (SQLite's LIKE ignores case)
    (re.compile(r"\bIS NOT %s"), "IS DISTINCT FROM %s"),
    (re.compile(r"\bIS %s"), "IS NOT DISTINCT FROM %s"),
    (re.compile(r"\bgroup_concat\(([^()]*)\)"), r"string_agg(CAST(\1 AS TEXT), ',')"),
]


@functools.lru_cache(maxsize=2048)
def translate(sql: str, with_params: bool) -> str:
    """SQLite's spelling of one statement in PostgreSQL's (string literals left alone)."""
    out, last = [], 0
    for literal in _LITERAL.finditer(sql):
        out.append(_translate_code(sql[last:literal.start()], with_params))
        out.append(literal.group().replace("%", "%%") if with_params else literal.group())
        last = literal.end()
    out.append(_translate_code(sql[last:], with_params))
    return "".join(out)


def _translate_code(code: str, with_params: bool) -> str:
    if with_params:
        code = code.replace("%", "%%").replace("?", "%s")
    for pattern, replacement in _REWRITES:
        code = pattern.sub(replacement, code)
    return code


class PostgresConnection:
    """The slice of sqlite3.Connection the store uses, over one autocommit psycopg connection
    (transactions are the store's explicit BEGIN ... COMMIT)."""

    dialect = "postgresql"

    def __init__(self, url: str, *, busy_timeout: float = 30.0):
        self.url = url
        try:
            self.raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory,
                                       connect_timeout=max(1, int(busy_timeout)))
        except psycopg.Error as exc:
            raise StoreError(f"{redact(url)}: cannot connect to PostgreSQL ({reason(exc)})") from None
        # A lock held longer than this fails like SQLite's busy timeout, instead of waiting forever.
        self.raw.execute(f"SET lock_timeout = '{int(busy_timeout * 1000)}ms'")
        self.postgis = False

    def execute(self, sql: str, params=()):
        if sql.strip().upper() == "BEGIN IMMEDIATE":
            self.raw.execute("BEGIN")
            return self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
        cursor = self.raw.cursor()
        if params:
            cursor.execute(translate(sql, True), [_param(p) for p in params])
        else:
            cursor.execute(translate(sql, False))
        return cursor

    def executemany(self, sql: str, rows):
        rows = [[_param(p) for p in row] for row in rows]
        cursor = self.raw.cursor()
        if rows:
            cursor.executemany(translate(sql, True), rows)
        return cursor

    def copy_rows(self, table: str, columns: list[str], rows) -> None:
        """Bulk-load ``rows`` with COPY (tens of times faster than INSERTs; store/imported.py)."""
        listed = ", ".join(f'"{c}"' for c in columns)
        with self.raw.cursor().copy(f"COPY {table} ({listed}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([_param(v) for v in row])

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()

    # -- schema --------------------------------------------------------------------------------

    def schema_version(self) -> int:
        if self.execute(f"SELECT to_regclass('{VERSION_TABLE}')").fetchone()[0] is None:
            return 0
        return self.execute(f"SELECT coalesce(max(version), 0) FROM {VERSION_TABLE}").fetchone()[0]

    def migrate(self, migrations: list[str]) -> None:
        """Apply pending migrations in one transaction under the writer lock: servers opening a
        new database at once wait for each other, and the second finds the work done. An
        up-to-date database is only read (the API opens one per request)."""
        version = self.schema_version()
        self._refuse_newer(version, len(migrations))
        if version < len(migrations):
            self.execute("BEGIN IMMEDIATE")
            try:
                self._apply(migrations)
                self.execute("COMMIT")
            except BaseException:
                if self.in_transaction:
                    self.execute("ROLLBACK")
                raise
        self.postgis = bool(self.execute(
            "SELECT count(*) FROM pg_indexes WHERE indexname = 'events_point' AND schemaname = current_schema()"
        ).fetchone()[0])

    def _apply(self, migrations: list[str]) -> None:
        self.execute(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER NOT NULL)")
        version = self.schema_version()
        self._refuse_newer(version, len(migrations))
        if version == 0 and self._foreign_tables():
            raise StoreError(f"{redact(self.url)}: a PostgreSQL database, but not a watchfloor one "
                             "(it has other tables); give watchfloor its own database")
        postgis = version == 0 and self._try_postgis()  # the point index is made with the tables
        for number, script in enumerate(migrations[version:], start=version + 1):
            for statement in postgres_statements(script, number, postgis):
                self.execute(statement)
            self.execute(f"INSERT INTO {VERSION_TABLE}(version) VALUES (?)", (number,))

    def _refuse_newer(self, version: int, known: int) -> None:
        if version > known:
            raise StoreError(f"{redact(self.url)}: schema version {version} is newer than this "
                             f"watchfloor ({known}); upgrade watchfloor")

    def _foreign_tables(self) -> int:
        """Tables and views of another application here (an extension's own, like PostGIS's
        spatial_ref_sys, do not count)."""
        return self.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm') "
            f"AND c.relname <> '{VERSION_TABLE}' AND NOT EXISTS "
            "(SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')").fetchone()[0]

    def _try_postgis(self) -> bool:
        """PostGIS when the server has it: created if this role may, never required."""
        if not self.execute("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'").fetchone()[0]:
            return False
        self.execute("SAVEPOINT postgis")
        try:
            self.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        except psycopg.Error:
            self.execute("ROLLBACK TO SAVEPOINT postgis")
            return False
        self.execute("RELEASE SAVEPOINT postgis")
        return True


# -- migrations in PostgreSQL's words -------------------------------------------------------------

# What SQLite's full-text table and its triggers become: an expression index PostgreSQL keeps
# itself ('simple': no stemming, like FTS5's unicode61, whatever the language).
def fts_document(alias: str = "") -> str:
    return f"to_tsvector('simple', coalesce({alias}title, '') || ' ' || {alias}text)"



POINT = "ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)"
_EXTRA = {
    1: [f"CREATE INDEX articles_fts ON articles USING GIN ({fts_document()})"],
}
_SPATIAL = {1: [f"CREATE INDEX events_point ON events USING GIST ({POINT})"]}
_SQLITE_ONLY = re.compile(r"CREATE VIRTUAL TABLE[^;]*;|CREATE TRIGGER.*?\bEND;", re.S)
_TYPES = [
    (re.compile(r"\bINTEGER PRIMARY KEY\b"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),  # SQLite's integers are 64-bit (LSH buckets need it)
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),  # PostgreSQL's REAL would round coordinates
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),  # byte order, as SQLite sorts
    (re.compile(r"\bWITHOUT ROWID\b"), ""),
]


def postgres_statements(script: str, number: int, postgis: bool) -> list[str]:
    """Migration ``number`` (an SQLite script) as PostgreSQL statements."""
    script = re.sub(r"--[^\n]*", "", script)
    script = _SQLITE_ONLY.sub("", script)
    for pattern, replacement in _TYPES:
        script = pattern.sub(replacement, script)
    found = [s.rstrip(";") for s in statements(script)]
    return found + _EXTRA.get(number, []) + (_SPATIAL.get(number, []) if postgis else [])


def redact(url: str) -> str:
    """A connection URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)

