"""Full disks, read-only index folders and reused pids (issue 16, item 6): the coach keeps answering, says what is
wrong with storage in one line naming the fix, and never pins an old index generation forever."""

from __future__ import annotations

import errno
import json
import os

import pytest
from fastapi.testclient import TestClient

from coach.errors import StorageFullError
from coach.index.folder import LEASES, Lease, leased, started
from coach.serve.live import LiveCoach
from coach.serve.sessions import Store
from coach.serve.web import create_app
from tests.conftest import make_settings


def _fill(store: Store) -> None:
    """Cap the database at its current size on every connection: writes then fail as on a full disk."""
    pages = store._connection().execute("PRAGMA page_count").fetchone()[0]
    opened = store._connection

    def capped():  # each thread has its own connection: the cap is set on each
        db = opened()
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    store._connection = capped  # type: ignore[method-assign]


def _exhaust(store: Store) -> None:
    """Write until the capped database is full."""
    sid = store.session(None)
    _fill(store)
    with pytest.raises(StorageFullError, match="free space on COACH_HOME"):
        for _ in range(500):
            store.add_exchange(sid, "What does a nurse earn? " * 50, "x" * 4000, {"question": "q"})


def test_a_full_disk_is_an_error_naming_the_fix(tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    _exhaust(store)
    assert "free space on COACH_HOME" in (store._probe() or "")


@pytest.mark.slow
def test_chat_and_health_on_a_full_store(coach, tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    app = create_app(coach, make_settings(tmp_path, rate_limit_per_minute=1000), store=store, ui=False)
    client = TestClient(app)
    assert client.get("/api/health").json()["status"] == "ok"
    _exhaust(store)
    store._writable = (-10.0, None)  # probe again now
    r = client.post("/api/chat", json={"message": "What does a nurse earn?"})
    assert r.status_code == 503 and "free space on COACH_HOME" in r.json()["error"]
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
