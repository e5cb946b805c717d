"""The conversation store's queries, written once for SQLite (coach/serve/sessions.py) and PostgreSQL
(coach/serve/sessions_pg.py); each backend opens connections, runs transactions and maps its errors.

Statements use `?` placeholders (the PostgreSQL store turns them into `%s`); rows are read by column name.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, suppress
from typing import Any, Protocol

from coach.errors import CoachError
from coach.privacy import redact

_ALL = 2**62  # LIMIT for "every row" (PostgreSQL has no LIMIT -1)


class Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...


class SQLConversations:
    """Sessions, messages, feedback and rate-limit counts over a SQL connection; see ConversationStore."""

    order = "rowid"  # the column that orders the messages written in one transaction
    for_update = ""  # PostgreSQL: " FOR UPDATE", so concurrent ratings of one answer wait for each other
    retention_days: float
    probe_table = ""  # SQLite: made by the first probe, whose new page a full file cannot take
    driver_errors: tuple[type[Exception], ...] = ()  # the driver's own errors a purge may meet and skip
    _purged = 0.0  # time.monotonic() of the last purge
    _swept = 0  # the last window whose older rate-limit rows were deleted
    _failed = (-1e9, "")  # (time.monotonic(), why) of the last write that failed for storage
    _writable: tuple[float, str | None] = (-10.0, None)  # the last probe's (time, verdict)

    def _db(self, write: bool = False) -> AbstractContextManager[Connection]:
        """One transaction on this thread's connection; storage, lock and connection failures as CoachErrors."""
        raise NotImplementedError

    def _space(self) -> str | None:
        """Why storage is nearly full, when that can be seen without writing; else None."""
        return None

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
    def _remove(db: Connection, session_id: str) -> None:
        db.execute("DELETE FROM feedback WHERE session_id = ?", (session_id,))
        db.execute("DELETE FROM messages WHERE session_id = ?", (session_id,))
        db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def writable(self) -> str | None:
        """None when writes succeed, else why not (for /api/health): a write failed for storage in the last
        minute, storage is nearly full, or a probe write fails (probed at most every 5 s)."""
        failed_at, failure = self._failed
        if time.monotonic() - failed_at < 60:
            return failure
        at, said = self._writable
        if time.monotonic() - at < 5.0:
            return said
        said = self._space() or self._probe()
        self._writable = (time.monotonic(), said)
        return said

    def _probe(self) -> str | None:
        try:
            with self._db(write=True) as db:
                if self.probe_table:
                    db.execute(self.probe_table)
                db.execute("DELETE FROM probe")
                db.execute("INSERT INTO probe VALUES (?)", (time.time(),))
        except CoachError as exc:
            return str(exc)
        return None

    def session(self, session_id: str | None) -> str:
        """The id of an existing session, or of a new one when `session_id` is missing or unknown."""
        if time.monotonic() - self._purged > 3600:
            with suppress(CoachError, *self.driver_errors):
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
                "SELECT role, content FROM messages WHERE session_id = ? "
                f"ORDER BY created DESC, {self.order} DESC LIMIT ?",
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
                "SELECT 1 FROM messages WHERE id = ? AND session_id = ? AND role = 'assistant'"
                + self.for_update,
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
            row = db.execute(
                "SELECT COUNT(*) AS n FROM messages WHERE session_id = ?", (session_id,)
            ).fetchone()
        return int(row["n"])

    def messages(self, session_id: str, offset: int = 0, limit: int = -1) -> list[dict[str, Any]] | None:
        """A session's messages, oldest first, from `offset`, at most `limit` (-1: all) (answers with their id and
        result); None for an unknown id."""
        with self._db() as db:
            if not db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone():
                return None
            rows = db.execute(
                f"SELECT id, role, content, result FROM messages WHERE session_id = ? ORDER BY created, {self.order} "
                "LIMIT ? OFFSET ?",
                (session_id, limit if limit >= 0 else _ALL, offset),
            ).fetchall()
        out: list[dict[str, Any]] = []
        for r in rows:
            message: dict[str, Any] = {"role": r["role"], "content": r["content"]}
            if r["role"] == "assistant":
                message["message_id"] = r["id"]
                message["result"] = json.loads(r["result"]) if r["result"] else None
            out.append(message)
        return out

    def hit(self, client: str, window_start: int, window_s: int, add: int = 1) -> tuple[int, int]:
        """Add `add` to `client`'s requests in the window of `window_s` seconds starting at `window_start` (whole
        seconds), in one atomic upsert every process and host sees; returns (that window's count, the window
        before's). Older rows are swept once per window."""
        before_start = window_start - window_s
        with self._db(write=True) as db:
            if window_start != self._swept:  # the limiter reads the last two windows only
                self._swept = window_start
                db.execute("DELETE FROM rate_hits WHERE window_start < ?", (before_start,))
            now = db.execute(
                "INSERT INTO rate_hits (client, window_start, hits) VALUES (?, ?, ?) "
                "ON CONFLICT (client, window_start) DO UPDATE SET hits = rate_hits.hits + excluded.hits "
                "RETURNING hits",
                (client, window_start, add),
            ).fetchone()
            before = db.execute(
                "SELECT hits FROM rate_hits WHERE client = ? AND window_start = ?", (client, before_start)
            ).fetchone()
        return int(now["hits"]), int(before["hits"]) if before else 0
