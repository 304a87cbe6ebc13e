"""How the store fails: its error types, SQLite errors turned into them, transactions, and
migration scripts split into statements."""

from __future__ import annotations

import functools
import inspect
import sqlite3
from collections.abc import Iterator

import psycopg

# What either backend raises when a statement fails.
DATABASE_ERRORS = (sqlite3.Error, psycopg.Error)


class StoreError(RuntimeError):
    """The database cannot be opened or is not a watchfloor database."""


class DatabaseFailure(StoreError):
    """The database failed after it was opened (read-only file, full disk, a lock held past
    the busy timeout, a lost server). ``reason`` is the database's own words; ``partial`` whatever report the
    interrupted operation had made so far."""

    def __init__(self, reason: str, partial: object = None):
        super().__init__(f"DB: {reason}")
        self.reason = reason
        self.partial = partial


def reason(exc: Exception) -> str:
    """The database's own words, first line only (PostgreSQL adds the statement and a caret)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def guarded(cls):
    """Every public method turns the database's errors into DatabaseFailure, so callers see
    one error type with the database's reason ("database is locked") and never a traceback."""
    def wrap(fn):
        if inspect.isgeneratorfunction(fn):
            @functools.wraps(fn)
            def gen(*args, **kwargs):
                try:
                    yield from fn(*args, **kwargs)
                except DATABASE_ERRORS as exc:
                    raise DatabaseFailure(reason(exc)) from exc
            return gen

        @functools.wraps(fn)
        def call(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except DATABASE_ERRORS as exc:
                raise DatabaseFailure(reason(exc)) from exc
        return call

    for name, fn in list(vars(cls).items()):
        if not name.startswith("_") and inspect.isfunction(fn):
            setattr(cls, name, wrap(fn))
    return cls


class Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception. Inside another transaction it
    is part of that one: the outer commits or rolls back the whole."""

    def __init__(self, db):
        self.db = db
        self.nested = False

    def __enter__(self) -> None:
        self.nested = self.db.in_transaction
        if self.nested:
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except DATABASE_ERRORS as exc:
            raise DatabaseFailure(reason(exc)) from exc

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.nested:
            return
        try:
            if exc_type is None:
                self.db.execute("COMMIT")
            elif self.db.in_transaction:
                self.db.execute("ROLLBACK")
        except DATABASE_ERRORS as failure:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            if exc_type is None:
                raise DatabaseFailure(reason(failure)) from failure


def statements(script: str) -> Iterator[str]:
    """The statements of a migration script, one by one (a trigger's body stays whole):
    ``executescript`` would commit the transaction they must run in."""
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n\t;"):
                yield buffer.strip()
            buffer = ""
    if buffer.strip(" \n\t;"):
        yield buffer.strip()
