"""The SQLite backend: opening a database file safely and migrating it in place."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from .guard import StoreError, statements


class SqliteConnection(sqlite3.Connection):
    """sqlite3's connection, knowing its schema version and how to migrate."""

    dialect = "sqlite"
    postgis = False

    def schema_version(self) -> int:
        return self.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self, migrations: list[str], busy_timeout: float) -> None:
        """Apply pending migrations in one BEGIN IMMEDIATE transaction, reading the version
        inside it: processes opening a new file at once wait for each other, and the second
        finds the work done."""
        if self.schema_version() == len(migrations):
            return
        while_locked(lambda: self.execute("BEGIN IMMEDIATE"), busy_timeout)
        try:
            version = self.schema_version()
            if version == 0 and self.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise StoreError(f"{self.path}: an SQLite file, but not a watchfloor database")
            for number, script in enumerate(migrations[version:], start=version + 1):
                for statement in statements(script):
                    self.execute(statement)
                self.execute(f"PRAGMA user_version = {number}")
            self.execute("COMMIT")
        except BaseException:
            self.execute("ROLLBACK")
            raise


def open_sqlite(path: str, migrations: list[str], *, busy_timeout: float, any_thread: bool) -> SqliteConnection:
    """``any_thread``: one request's store may be used by the server's threads in turn (never by
    two at once)."""
    if path != ":memory:":
        parent = Path(path).resolve().parent
        if not parent.is_dir():
            raise StoreError(f"{path}: folder {parent} does not exist")
    try:
        db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None,
                             check_same_thread=not any_thread, factory=SqliteConnection)
        db.path = path
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        refuse_foreign(db, path, len(migrations))  # before anything is changed in the file
        while_locked(lambda: db.execute("PRAGMA journal_mode = WAL"), busy_timeout)
        db.execute("PRAGMA synchronous = NORMAL")
        db.migrate(migrations, busy_timeout)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a usable SQLite database ({exc})") from None
    return db


def refuse_foreign(db: sqlite3.Connection, path: str, known: int) -> None:
    """Refuse another application's file, or a newer schema, without writing to it."""
    # One statement, one snapshot: read apart, another process's migration could commit in
    # between (version 0, then its tables) and look like a foreign file.
    version, tables = db.execute(
        "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)").fetchone()
    if version > known:
        raise StoreError(f"{path}: schema version {version} is newer than this watchfloor ({known}); "
                         "upgrade watchfloor")
    if version == 0 and tables:
        raise StoreError(f"{path}: an SQLite file, but not a watchfloor database")


def while_locked(step, busy_timeout: float):
    """Run ``step``, retrying while another process holds the lock: SQLite answers a
    journal-mode switch or a first write on a brand-new file with "database is locked"
    at once, without waiting the busy timeout, when several processes open it together."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
