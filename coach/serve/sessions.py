"""Sessions, messages, feedback and rate-limit counts in SQLite (WAL mode) under the data directory (or at
COACH_DATABASE_URL=sqlite:///PATH); they survive restarts. The queries are shared with PostgreSQL
(coach/serve/sessions_sql.py); this module opens the file, runs transactions and maps SQLite's errors.

Privacy: a question is stored with emails, phone and ID-like numbers removed (coach/privacy.py); a conversation
untouched for `retention_days` is purged (on opening the store and at most hourly after); `delete` removes one
with its messages and feedback.

Several server processes share the file: readers never wait (WAL); a writer takes the write lock up front
(BEGIN IMMEDIATE), waits up to `busy_timeout` seconds for another writer, then raises StoreBusyError (a 503).
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from coach.errors import ConfigError, StorageFullError, StoreBusyError
from coach.serve.sessions_sql import SQLConversations

if TYPE_CHECKING:
    from coach.settings import Settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, created REAL NOT NULL, updated REAL NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id), role TEXT NOT NULL,
  content TEXT NOT NULL, result TEXT, created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS messages_session ON messages(session_id, created);
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, message_id TEXT NOT NULL REFERENCES messages(id),
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')), reason TEXT, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS rate_hits (
  client TEXT NOT NULL, window_start INTEGER NOT NULL, hits INTEGER NOT NULL, PRIMARY KEY (client, window_start));
"""


def _busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


_FULL = ("disk is full", "readonly database", "read-only", "disk i/o error")  # SQLite's and the OS's words


def _storage(exc: BaseException, path: Path) -> StorageFullError | None:
    """A storage failure (full disk, read-only or failing file system) as the error users see, else None."""
    said = str(exc).lower()
    if (
        isinstance(exc, OSError)
        and exc.errno in (errno.ENOSPC, errno.EROFS, errno.EDQUOT)
        or any(f in said for f in _FULL)
    ):
        return StorageFullError(
            f"storage full or not writable: free space on COACH_HOME ({path.parent}) ({exc})"
        )
    return None


def open_sqlite(settings: Settings) -> Store:
    """The SQLite store COACH_DATABASE_URL names (sqlite:///PATH), or COACH_HOME/coach.sqlite3 when it is empty."""
    url = settings.database_url
    path = Path(url.removeprefix("sqlite:///")) if url else settings.home / "coach.sqlite3"
    return Store(path, settings.sqlite_busy_timeout_s, settings.retention_days)


class Store(SQLConversations):
    """A thin SQLite store; one connection per thread, safe across threads and processes."""

    driver_errors = (sqlite3.Error,)
    probe_table = "CREATE TABLE IF NOT EXISTS probe (at REAL)"

    def __init__(self, path: Path, busy_timeout: float = 5.0, retention_days: float = 30.0) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self.retention_days = retention_days
        self._local = threading.local()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = self._connection()
            db.execute("PRAGMA journal_mode=WAL")
            with self._db(write=True) as db:
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(
                f"cannot open the conversation store {path} ({exc}): set COACH_HOME to a writable folder"
            ) from exc
        with suppress(sqlite3.Error, StoreBusyError):
            self.purge()

    def _connection(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            # autocommit mode: transactions are begun explicitly below
            db = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses at most the last commits
            self._local.db = db
        return db

    def _begin(self, db: sqlite3.Connection, write: bool) -> None:
        """Start a transaction; a writer retries `database is locked` until `busy_timeout` has passed."""
        deadline = time.monotonic() + self.busy_timeout
        while True:
            try:
                db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                return
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"the conversation store {self.path.name} stayed locked by another writer for "
                        f"{self.busy_timeout:g} s: try again shortly"
                    ) from exc
                time.sleep(0.05)

    @contextmanager
    def _db(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """This thread's connection; each `with` block is one transaction (`write` takes the write lock first).
        A full disk or a read-only file system raises StorageFullError (a 503 naming the fix)."""
        try:
            with self._transaction(write) as db:
                yield db
        except (sqlite3.Error, OSError) as exc:
            if (full := _storage(exc, self.path)) is not None:
                self._failed = (time.monotonic(), str(full))
                raise full from exc
            raise

    def _space(self) -> str | None:
        with suppress(OSError):
            if shutil.disk_usage(self.path.parent).free < 16 * 2**20:
                return f"storage nearly full: free space on COACH_HOME ({self.path.parent})"
        return None

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[sqlite3.Connection]:
        db = self._connection()
        self._begin(db, write)
        try:
            yield db
        except BaseException:
            with suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise
        try:
            db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            with suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            if _busy(exc):
                raise StoreBusyError(
                    f"the conversation store {self.path.name} is locked: try again shortly"
                ) from exc
            raise
