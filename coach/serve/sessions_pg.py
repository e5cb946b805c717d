"""Sessions, messages, feedback and rate-limit counts in PostgreSQL (COACH_DATABASE_URL=postgresql://...), so
several hosts serve one set of conversations and count one rate limit. The queries are shared with SQLite
(coach/serve/sessions_sql.py); this module connects (one connection per thread), runs transactions and maps
PostgreSQL's errors, each a 503 whose message names the fix:

- a full disk (SQLSTATE 53100) or a read-only server (25006): StorageFullError, and /api/health "degraded";
- a lock held past `busy_timeout` (lock_timeout, 55P03) or a deadlock: StoreBusyError;
- a server that cannot be reached or went away: StoreUnreachableError naming COACH_DATABASE_URL, and /api/health
  "degraded"; the next request connects again.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row

from coach.errors import CoachError, ConfigError, StorageFullError, StoreBusyError, StoreUnreachableError
from coach.serve.sessions_sql import SQLConversations

if TYPE_CHECKING:
    from coach.settings import Settings

# no foreign keys: as in SQLite (which does not enforce them), a conversation deleted while its answer is being
# written leaves that answer behind rather than failing the request
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, created DOUBLE PRECISION NOT NULL, "
    "updated DOUBLE PRECISION NOT NULL)",
    "CREATE INDEX IF NOT EXISTS sessions_updated ON sessions(updated)",
    "CREATE TABLE IF NOT EXISTS messages (seq BIGSERIAL, id TEXT PRIMARY KEY, session_id TEXT NOT NULL, "
    "role TEXT NOT NULL, content TEXT NOT NULL, result TEXT, created DOUBLE PRECISION NOT NULL)",
    "CREATE INDEX IF NOT EXISTS messages_session ON messages(session_id, created)",
    "CREATE TABLE IF NOT EXISTS feedback (id BIGSERIAL PRIMARY KEY, session_id TEXT NOT NULL, "
    "message_id TEXT NOT NULL, rating TEXT NOT NULL CHECK (rating IN ('up', 'down')), reason TEXT, "
    "created DOUBLE PRECISION NOT NULL)",
    "CREATE INDEX IF NOT EXISTS feedback_message ON feedback(session_id, message_id)",
    "CREATE TABLE IF NOT EXISTS rate_hits (client TEXT NOT NULL, window_start BIGINT NOT NULL, "
    "hits INTEGER NOT NULL, PRIMARY KEY (client, window_start))",
    "CREATE TABLE IF NOT EXISTS probe (at DOUBLE PRECISION)",
)
_SCHEMA_LOCK = 0x636F616368  # hosts starting at once create the tables one after another ('coach')
_FULL = ("53100", "25006")  # disk_full, read_only_sql_transaction
_BUSY = ("55P03", "40P01", "40001")  # lock_not_available, deadlock_detected, serialization_failure


def open_postgres(settings: Settings) -> PostgresStore:
    """The PostgreSQL store at COACH_DATABASE_URL."""
    return PostgresStore(settings.database_url, settings.sqlite_busy_timeout_s, settings.retention_days)


def shown(url: str) -> str:
    """The URL as messages may show it: no password."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return url.split("@")[-1]
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"


class _Placeholders:
    """A connection that takes the shared statements' `?` placeholders (psycopg's are `%s`)."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = (), /) -> psycopg.Cursor[Any]:
        return self.conn.execute(sql.replace("?", "%s"), parameters)  # type: ignore[arg-type]


class PostgresStore(SQLConversations):
    """The conversation store on a PostgreSQL server; one connection per thread, shared by every host."""

    order = "seq"
    for_update = " FOR UPDATE"
    driver_errors = (psycopg.Error,)

    def __init__(self, url: str, busy_timeout: float = 5.0, retention_days: float = 30.0) -> None:
        self.url = url
        self.where = shown(url)
        self.name = str(conninfo_to_dict(url).get("dbname") or "postgres")
        self.busy_timeout = busy_timeout
        self.retention_days = retention_days
        self._local = threading.local()
        try:
            with self._db(write=True) as db:
                db.execute("SELECT pg_advisory_xact_lock(?)", (_SCHEMA_LOCK,))
                for statement in SCHEMA:
                    db.execute(statement)
        except StoreUnreachableError as exc:
            raise ConfigError(str(exc)) from exc
        except (CoachError, psycopg.Error) as exc:
            raise ConfigError(
                f"cannot create the conversation tables in COACH_DATABASE_URL ({self.where}) ({exc}): "
                "give its user CREATE on the database, or name another database"
            ) from exc
        with suppress(CoachError, psycopg.Error):
            self.purge()

    def _connection(self) -> psycopg.Connection[Any]:
        conn: psycopg.Connection[Any] | None = getattr(self._local, "conn", None)
        if conn is None or conn.closed or conn.broken:
            options = conninfo_to_dict(self.url).get("options") or ""
            conn = psycopg.connect(
                self.url,
                autocommit=True,  # each `with self._db()` block is one explicit transaction
                row_factory=dict_row,
                connect_timeout=max(2, math.ceil(self.busy_timeout)),
                options=f"{options} -c lock_timeout={int(self.busy_timeout * 1000)}".strip(),
            )
            self._local.conn = conn
        return conn

    @contextmanager
    def _db(self, write: bool = False) -> Iterator[_Placeholders]:
        """This thread's connection; each `with` block is one transaction. Errors as the module docstring says."""
        try:
            conn = self._connection()
            with conn.transaction():
                yield _Placeholders(conn)
        except psycopg.Error as exc:
            mapped = self._mapped(exc)
            if mapped is None:
                raise
            raise mapped from exc

    def _mapped(self, exc: psycopg.Error) -> CoachError | None:
        state = exc.sqlstate or ""
        if state in _FULL:
            full = StorageFullError(
                "storage full or not writable: free space on the PostgreSQL server, or make the database "
                f"writable (COACH_DATABASE_URL={self.where}) ({_first_line(exc)})"
            )
            self._failed = (time.monotonic(), str(full))
            return full
        if state in _BUSY:
            return StoreBusyError(
                f"the conversation store {self.name} stayed locked by another writer for "
                f"{self.busy_timeout:g} s: try again shortly"
            )
        if isinstance(exc, psycopg.OperationalError) and (not state or state.startswith(("08", "57P"))):
            conn, self._local.conn = getattr(self._local, "conn", None), None  # connect anew next time
            if conn is not None:
                with suppress(psycopg.Error):
                    conn.close()
            return StoreUnreachableError(
                f"cannot reach the conversation store at COACH_DATABASE_URL ({self.where}): start the "
                f"PostgreSQL server or fix COACH_DATABASE_URL ({_first_line(exc)})"
            )
        return None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
