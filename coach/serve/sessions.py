"""Sessions, messages and feedback in SQLite (WAL mode) under the data directory; they survive restarts.

Privacy: a question is stored with emails, phone and ID-like numbers removed (coach/privacy.py); a conversation
untouched for `retention_days` is purged (on opening the store and at most hourly after); `delete` removes one
with its messages and feedback.

Several server processes share the file: readers never wait (WAL); a writer takes the write lock up front
(BEGIN IMMEDIATE), waits up to `busy_timeout` seconds for another writer, then raises StoreBusyError (a 503).
"""

from __future__ import annotations

import errno
import json
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from coach.errors import CoachError, ConfigError, StorageFullError, StoreBusyError
from coach.privacy import redact

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, created REAL NOT NULL, updated REAL NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id), role TEXT NOT NULL,
  content TEXT NOT NULL, result TEXT, created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS messages_session ON messages(session_id, created);
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, message_id TEXT NOT NULL REFERENCES messages(id),
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')), reason TEXT, created REAL NOT NULL);
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


class Store:
    """A thin SQLite store; one connection per thread, safe across threads and processes."""

    def __init__(self, path: Path, busy_timeout: float = 5.0, retention_days: float = 30.0) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self.retention_days = retention_days
        self._purged = 0.0  # time.monotonic() of the last purge
        self._failed = (-1e9, "")  # (time.monotonic(), why) of the last write that failed for storage
        self._writable: tuple[float, str | None] = (-10.0, None)  # the last probe's (time, verdict)
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

    def purge(self) -> int:
        """Delete the conversations untouched for `retention_days`, with their messages and feedback; how many."""
        self._purged = time.monotonic()
        cutoff = time.time() - self.retention_days * 86400
        with self._db(write=True) as db:
            old = [r["id"] for r in db.execute("SELECT id FROM sessions WHERE updated < ?", (cutoff,))]
            for session_id in old:
                self._remove(db, session_id)
        return len(old)

    def delete(self, session_id: str) -> bool:
        """Delete one conversation with its messages and feedback; False when there is none of that id."""
        with self._db(write=True) as db:
            if not db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone():
                return False
            self._remove(db, session_id)
        return True

    @staticmethod
    def _remove(db: sqlite3.Connection, session_id: str) -> None:
        db.execute("DELETE FROM feedback WHERE session_id = ?", (session_id,))
        db.execute("DELETE FROM messages WHERE session_id = ?", (session_id,))
        db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

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

    def writable(self) -> str | None:
        """None when writes succeed, else why not (for /api/health): a write failed for lack of space in the last
        minute, the disk has under 16 MB free, or a probe write fails (probed at most every 5 s)."""
        failed_at, failure = self._failed
        if time.monotonic() - failed_at < 60:
            return failure
        at, said = self._writable
        if time.monotonic() - at < 5.0:
            return said
        with suppress(OSError):
            if shutil.disk_usage(self.path.parent).free < 16 * 2**20:
                return f"storage nearly full: free space on COACH_HOME ({self.path.parent})"
        said = self._probe()
        self._writable = (time.monotonic(), said)
        return said

    def _probe(self) -> str | None:
        try:
            with self._db(write=True) as db:
                db.execute("CREATE TABLE IF NOT EXISTS probe (at REAL)")
                db.execute("DELETE FROM probe")
                db.execute("INSERT INTO probe VALUES (?)", (time.time(),))
        except CoachError as exc:
            return str(exc)
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

    def session(self, session_id: str | None) -> str:
        """The id of an existing session, or of a new one when `session_id` is missing or unknown."""
        if time.monotonic() - self._purged > 3600:
            with suppress(sqlite3.Error, StoreBusyError):
                self.purge()
        now = time.time()
        with self._db(write=True) as db:
            if session_id and db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone():
                db.execute("UPDATE sessions SET updated = ? WHERE id = ?", (now, session_id))
                return session_id
            new = uuid.uuid4().hex
            db.execute("INSERT INTO sessions (id, created, updated) VALUES (?, ?, ?)", (new, now, now))
            return new

    def history(self, session_id: str, limit: int = 8) -> list[dict[str, str]]:
        with self._db() as db:
            rows = db.execute(
                "SELECT role, content FROM messages WHERE session_id = ? ORDER BY created DESC, rowid DESC LIMIT ?",
                (session_id, limit),
            ).fetchall()
        return [{"role": r["role"], "content": r["content"]} for r in reversed(rows)]

    def add_exchange(self, session_id: str, question: str, answer: str, result: dict[str, Any]) -> str:
        """Store a question and its answer; returns the answer's message id (what feedback refers to)."""
        now = time.time()
        answer_id = uuid.uuid4().hex
        question = redact(question)
        for key in ("question", "standalone_question"):
            if isinstance(result.get(key), str):
                result = {**result, key: redact(result[key])}
        with self._db(write=True) as db:
            db.execute(
                "INSERT INTO messages (id, session_id, role, content, created) VALUES (?, ?, 'user', ?, ?)",
                (uuid.uuid4().hex, session_id, question, now),
            )
            db.execute(
                "INSERT INTO messages (id, session_id, role, content, result, created) VALUES (?, ?, 'assistant', ?, ?, ?)",
                (answer_id, session_id, answer, json.dumps(result), now + 1e-6),
            )
        return answer_id

    def add_feedback(self, session_id: str, message_id: str, rating: str, reason: str | None) -> bool:
        """Record a rating, one per answer (a second one replaces the first); False when the message is not an
        answer in that session."""
        with self._db(write=True) as db:
            row = db.execute(
                "SELECT 1 FROM messages WHERE id = ? AND session_id = ? AND role = 'assistant'",
                (message_id, session_id),
            ).fetchone()
            if not row:
                return False
            db.execute(
                "DELETE FROM feedback WHERE session_id = ? AND message_id = ?", (session_id, message_id)
            )
            db.execute(
                "INSERT INTO feedback (session_id, message_id, rating, reason, created) VALUES (?, ?, ?, ?, ?)",
                (session_id, message_id, rating, reason, time.time()),
            )
            return True

    def feedback(self) -> list[dict[str, Any]]:
        with self._db() as db:
            return [dict(r) for r in db.execute("SELECT * FROM feedback ORDER BY id")]

    def count(self, session_id: str) -> int:
        with self._db() as db:
            row = db.execute("SELECT COUNT(*) FROM messages WHERE session_id = ?", (session_id,)).fetchone()
        return int(row[0])

    def messages(self, session_id: str, offset: int = 0, limit: int = -1) -> list[dict[str, Any]] | None:
        """A session's messages, oldest first, from `offset`, at most `limit` (-1: all) (answers with their id and
        result); None for an unknown id."""
        with self._db() as db:
            if not db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone():
                return None
            rows = db.execute(
                "SELECT id, role, content, result FROM messages WHERE session_id = ? ORDER BY created, rowid "
                "LIMIT ? OFFSET ?",
                (session_id, limit, offset),
            ).fetchall()
        out: list[dict[str, Any]] = []
        for r in rows:
            message: dict[str, Any] = {"role": r["role"], "content": r["content"]}
            if r["role"] == "assistant":
                message["message_id"] = r["id"]
                message["result"] = json.loads(r["result"]) if r["result"] else None
            out.append(message)
        return out
