"""Full disks, read-only index folders and reused pids (issue 16, item 6): the coach keeps answering, says what is
wrong with storage in one line naming the fix, and never pins an old index generation forever."""

from __future__ import annotations

import errno
import json
import os

import pytest
from fastapi.testclient import TestClient

from coach.backends import ConversationStore, get_conversations
from coach.errors import StorageFullError
from coach.index.folder import LEASES, Lease, leased, started
from coach.serve.live import LiveCoach
from coach.serve.sessions import Store
from coach.serve.web import create_app
from tests.conftest import make_settings


def _fill(store: ConversationStore) -> None:
    """Writes fail from now on as on a full disk: SQLite's file is capped at its current size on every connection;
    PostgreSQL raises its own disk-full error (SQLSTATE 53100) from a trigger on every written table."""
    if not isinstance(store, Store):
        with store._db(write=True) as db:  # type: ignore[attr-defined]
            db.execute(
                "CREATE FUNCTION disk_full_now() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
                "'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$"
            )
            for table in ("sessions", "messages", "feedback", "probe"):
                db.execute(
                    f"CREATE TRIGGER full_{table} BEFORE INSERT OR UPDATE ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION disk_full_now()"
                )
        return
    pages = store._connection().execute("PRAGMA page_count").fetchone()[0]
    opened = store._connection

    def capped():  # each thread has its own connection: the cap is set on each
        db = opened()
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    store._connection = capped  # type: ignore[method-assign]


def _fix(store: ConversationStore) -> str:
    """What a storage error names as the place to free space."""
    return "free space on COACH_HOME" if isinstance(store, Store) else "free space on the PostgreSQL server"


def _exhaust(store: ConversationStore) -> None:
    """Write until the capped database is full."""
    sid = store.session(None)
    _fill(store)
    with pytest.raises(StorageFullError, match=_fix(store)):
        for _ in range(500):
            store.add_exchange(sid, "What does a nurse earn? " * 50, "x" * 4000, {"question": "q"})


def test_a_full_disk_is_an_error_naming_the_fix(tmp_path, database_url):
    store = get_conversations(make_settings(tmp_path, database_url=database_url))
    _exhaust(store)
    assert _fix(store) in (store._probe() or "")  # type: ignore[attr-defined]


@pytest.mark.postgres
def test_a_read_only_postgres_is_an_error_naming_the_fix(tmp_path, postgres):
    url = postgres.database()
    store = get_conversations(make_settings(tmp_path, database_url=url))
    sid = store.session(None)
    with store._db(write=True) as db:  # type: ignore[attr-defined]
        db.execute(f"ALTER DATABASE {url.rsplit('/', 1)[1]} SET default_transaction_read_only = on")
    store._local.conn.close()  # type: ignore[attr-defined]  # a new connection is read-only
    with pytest.raises(
        StorageFullError, match="make the database writable .COACH_DATABASE_URL=postgresql://"
    ):
        store.add_exchange(sid, "What does a nurse earn?", "x", {})
    assert store.writable() and "storage full or not writable" in (store.writable() or "")
    assert store.history(sid) == []  # reading still works


@pytest.mark.slow
def test_chat_and_health_on_a_full_store(coach, tmp_path, database_url):
    settings = make_settings(tmp_path, rate_limit_per_minute=1000, database_url=database_url)
    store = get_conversations(settings)
    app = create_app(coach, settings, store=store, ui=False)
    client = TestClient(app)
    assert client.get("/api/health").json()["status"] == "ok"
    _exhaust(store)
    store._writable = (-10.0, None)  # type: ignore[attr-defined]  # probe again now
    r = client.post("/api/chat", json={"message": "What does a nurse earn?"})
    assert r.status_code == 503 and _fix(store) in r.json()["error"]
    health = client.get("/api/health")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded" and "free space" in health.json()["store"]


def test_a_read_only_index_is_served_without_leases(coach, monkeypatch, caplog):
    def refuse(self, root, generation):
        raise OSError(errno.EROFS, "Read-only file system", str(root))

    monkeypatch.setattr(Lease, "__init__", refuse)
    live = LiveCoach(coach.settings, coach, watch=True)
    assert live.ask("What does a nurse earn?").answer
    assert "read-only" in caplog.text


def test_a_lease_naming_a_reused_pid_is_stale(tmp_path):
    folder = tmp_path / LEASES
    folder.mkdir()
    mine = Lease(tmp_path, "g000002")
    assert json.loads(mine.path.read_text())["started"] == started(os.getpid())
    # a lease written by an earlier process that had this pid (a container restart reuses pids)
    old = folder / f"g000001.{os.getpid()}.abcdef"
    old.write_text(
        json.dumps({"pid": os.getpid(), "started": (started(os.getpid()) or 0) - 1, "generation": "g000001"})
    )
    assert leased(tmp_path) == {"g000002": {os.getpid()}}
    assert not old.exists() and mine.path.exists()
