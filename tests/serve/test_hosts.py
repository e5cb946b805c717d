"""Several hosts (issue 16, item 9): COACH_DATABASE_URL picks the conversation store, and apps on one database
share conversations, feedback and the rate limit."""

from __future__ import annotations

import sys
import time

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from coach.ask.coach import Coach
from coach.backends import get_conversations, get_store
from coach.errors import ConfigError
from coach.index.generation import open_index
from coach.ingest.pipeline import ingest
from coach.serve.edges import SharedRateLimiter
from coach.serve.live import LiveCoach
from coach.serve.sessions import Store
from coach.serve.web import create_app
from tests.conftest import make_settings
from tests.servers import free_port

BAKER = "How long does it take to become a baker?"


def test_database_url_forms(tmp_path):
    store = get_conversations(make_settings(tmp_path, database_url=f"sqlite:///{tmp_path}/elsewhere.sqlite3"))
    assert isinstance(store, Store) and store.path == tmp_path / "elsewhere.sqlite3"
    assert make_settings(tmp_path, database_url="postgresql://u:p@db:5432/coach").database_url
    with pytest.raises(
        ValidationError, match="postgresql://USER:PASSWORD@HOST:PORT/DATABASE, not 'mysql://db/coach'"
    ):
        make_settings(tmp_path, database_url="mysql://u:secret@db/coach")


def test_postgres_without_psycopg_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` fails as when it is not installed
    monkeypatch.delitem(sys.modules, "coach.serve.sessions_pg", raising=False)
    settings = make_settings(tmp_path, database_url="postgresql://coach@127.0.0.1:5432/coach")
    with pytest.raises(ConfigError, match=r"pip install 'careercoach\[postgres\]'"):
        get_conversations(settings)


def test_the_shared_count_takes_back_refused_requests_and_sweeps_old_windows(tmp_path, database_url):
    store = get_conversations(make_settings(tmp_path, database_url=database_url))
    limiter = SharedRateLimiter(store, 2)
    assert [limiter.allow("1.2.3.4") for _ in range(3)] == [True, True, False]
    assert limiter.allow("5.6.7.8")  # another client
    start = int(time.time() // 60) * 60
    assert store.hit("1.2.3.4", start, 60, 0) == (2, 0)  # the refused one was taken back
    assert store.hit("old", 60, 60) == (1, 0)
    store.hit("x", start, 60)  # a new window sweeps the rows of windows before the last one
    assert store.hit("old", 60, 60, 0) == (0, 0)


def _hosts(settings, embedder) -> tuple[TestClient, TestClient]:
    """Two apps, each with its own store on the same database, as on two hosts."""
    live = LiveCoach(settings, Coach(settings, open_index(settings), get_store(settings), embedder))
    return tuple(  # type: ignore[return-value]
        TestClient(create_app(live, settings, store=get_conversations(settings), ui=False)) for _ in range(2)
    )


def test_two_hosts_share_a_conversation_and_the_rate_limit(tmp_path, guides_dir, embedder, database_url):
    # SQLite: two processes on one host, sharing one named file
    url = database_url or f"sqlite:///{tmp_path}/shared.sqlite3"
    settings = make_settings(tmp_path / "h", store="memory", database_url=url, rate_limit_per_minute=3)
    ingest([guides_dir], settings, embedder=embedder)
    one, two = _hosts(settings, embedder)
    first = one.post("/api/chat", json={"message": "What does a baker do?"}).json()
    second = one.post("/api/chat", json={"message": BAKER, "session_id": first["session_id"]}).json()
    seen = two.get(f"/api/sessions/{first['session_id']}").json()  # GETs are not counted
    assert [m["content"] for m in seen["messages"] if m["role"] == "user"] == ["What does a baker do?", BAKER]
    assert seen["messages"][-1]["message_id"] == second["message_id"]
    rating = {"session_id": first["session_id"], "message_id": second["message_id"], "rating": "up"}
    assert two.post("/api/feedback", json=rating).status_code == 200
    refused = two.post("/api/chat", json={"message": BAKER})
    assert refused.status_code == 429, refused.text
    assert refused.json()["error"].startswith("rate limit: at most 3 requests a minute")
    assert one.post("/api/chat", json={"message": BAKER}).status_code == 429


@pytest.mark.postgres
def test_an_unreachable_postgres_is_a_503_naming_the_setting(tmp_path, guides_dir, embedder, postgres):
    settings = make_settings(
        tmp_path / "h", store="memory", database_url=postgres.database(), rate_limit_per_minute=1000
    )
    ingest([guides_dir], settings, embedder=embedder)
    client, _ = _hosts(settings, embedder)
    assert client.post("/api/chat", json={"message": BAKER}).status_code == 200
    store = client.app.state.store  # type: ignore[attr-defined]
    import psycopg

    store.url = f"postgresql://postgres@127.0.0.1:{free_port()}/gone"  # nothing listens there
    with psycopg.connect(postgres.admin_url, autocommit=True) as admin:  # the server "goes away"
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (settings.database_url.rsplit("/", 1)[1],),
        )
    for _ in range(2):  # the broken connection, then a refused one
        r = client.post("/api/chat", json={"message": BAKER})
        assert r.status_code == 503 and "cannot reach the conversation store at COACH_DATABASE_URL" in r.text
    health = client.get("/api/health").json()
    assert health["status"] == "degraded" and "start the PostgreSQL server" in health["store"]
