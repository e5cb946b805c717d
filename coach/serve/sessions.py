"""Sessions, messages and feedback in SQLite (WAL mode) under the data directory; they survive restarts."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from coach.errors import ConfigError

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


class Store:
    """A thin SQLite store; one short-lived connection per call, safe across threads and processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._db() as db:
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(
                f"cannot open the conversation store {path} ({exc}): set COACH_HOME to a writable folder"
            ) from exc

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """A connection per thread, reused; each `with` block is one transaction."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=10, check_same_thread=True)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses at most the last commits
            self._local.db = db
        with db:
            yield db

    def session(self, session_id: str | None) -> str:
        """The id of an existing session, or of a new one when `session_id` is missing or unknown."""
        now = time.time()
        with self._db() as db:
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
        with self._db() as db:
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
        """Record a rating; False when the message is not an answer in that session."""
        with self._db() as db:
            row = db.execute(
                "SELECT 1 FROM messages WHERE id = ? AND session_id = ? AND role = 'assistant'",
                (message_id, session_id),
            ).fetchone()
            if not row:
                return False
            db.execute(
                "INSERT INTO feedback (session_id, message_id, rating, reason, created) VALUES (?, ?, ?, ?, ?)",
                (session_id, message_id, rating, reason, time.time()),
            )
            return True

    def feedback(self) -> list[dict[str, Any]]:
        with self._db() as db:
            return [dict(r) for r in db.execute("SELECT * FROM feedback ORDER BY id")]
