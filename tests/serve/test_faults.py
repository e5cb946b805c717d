"""Faults while serving, on loopback and bounded in time: re-index under load, Chroma dying, ingest killed,
a locked conversation store. (A full disk while ingesting: tests/index/test_generation_leases.py.)"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from coach.ask.coach import Coach
from coach.backends import get_store
from coach.index.generation import IndexDir, open_index
from coach.ingest.pipeline import ingest
from coach.serve.live import LiveCoach
from coach.serve.web import create_app
from tests.conftest import PILOT, make_settings
from tests.serve.chroma_server import ChromaServer
from tests.serve.test_hot_reindex import Load, eventually
from tests.servers import live_server

COACH = str(Path(sys.executable).parent / "coach")


def _env(settings, **extra: str) -> dict[str, str]:
    env = dict(os.environ, COACH_HOME=str(settings.home), COACH_CORPUS_DIR=str(settings.corpus_dir), **extra)
    if settings.chroma_url:
        env["COACH_CHROMA_URL"] = settings.chroma_url
    return env


def _live(settings, embedder) -> LiveCoach:
    return LiveCoach(settings, Coach(settings, open_index(settings), get_store(settings), embedder))


@pytest.mark.slow
def test_coach_ingest_rebuild_during_load_fails_no_request(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h", rate_limit_per_minute=100_000)
    ingest([guides_dir], settings, embedder=embedder)
    live = _live(settings, embedder)
    old = live.generation
    with live_server(create_app(live, settings, ui=False)) as url, Load(url) as load:
        load.wait_for(3)
        (guides_dir / "pilot.md").write_text(PILOT.replace("$219,140", "$250,000"))
        proc = subprocess.run(
            [COACH, "ingest", "--rebuild", str(guides_dir)],
            env=_env(settings),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        eventually(lambda: httpx.get(f"{url}/api/health").json()["generation"] != old)
        load.wait_for(3)
        answer = httpx.post(f"{url}/api/chat", json={"message": "How much do airline pilots earn?"}).json()
    assert load.failures == [] and len(load.results) >= 6
    assert "$250,000" in answer["answer"]
    live.close()


@pytest.mark.slow
def test_chroma_killed_and_restarted_during_load(tmp_path, guides_dir, embedder):
    chroma = ChromaServer(tmp_path / "chroma").start()
    try:
        settings = make_settings(tmp_path / "h", chroma_url=chroma.url, rate_limit_per_minute=100_000)
        ingest([guides_dir], settings, embedder=embedder)
        live = _live(settings, embedder)
        with live_server(create_app(live, settings, ui=False)) as url, Load(url, threads=2) as load:
            load.wait_for(2)
            chroma.kill()
            down = eventually(lambda: [r for r in load.results if r[0] != 200])
            health = httpx.get(f"{url}/api/health", timeout=10)
            assert health.status_code == 503
            assert health.json()["error"].startswith(f"cannot reach Chroma at {chroma.url}")
            chroma.start()
            eventually(lambda: httpx.get(f"{url}/api/health", timeout=10).status_code == 200, timeout=15)
            seen = len(load.results)
            eventually(lambda: any(r[0] == 200 for r in load.results[seen:]), timeout=15)
        assert down[0][0] == 503 and f"cannot reach Chroma at {chroma.url}" in down[0][1]
        assert {code for code, _ in load.results} <= {200, 503}  # never a 500
        assert all("cannot reach Chroma at" in body for code, body in load.results if code == 503), {
            b for c, b in load.results if c == 503
        }
        live.close()
    finally:
        chroma.kill()


@pytest.mark.slow
@pytest.mark.parametrize("point", ["embedding", "written", "activated"])
def test_ingest_killed_at_any_point_leaves_an_index_serving(point, tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h")
    ingest([guides_dir], settings, embedder=embedder)
    before = open_index(settings).generation
    log = tmp_path / "ingest.log"
    with log.open("w") as err:
        proc = subprocess.Popen(
            [COACH, "ingest", "--rebuild", str(guides_dir)],
            env=_env(settings, COACH_INGEST_PAUSE_AT=point),
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        try:
            eventually(lambda: f"paused at {point}" in log.read_text(), timeout=90)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
    index = open_index(settings)
    assert index.generation == (before if point != "activated" else "g000002")
    coach = Coach(settings, index, get_store(settings), embedder)
    assert "6-12 months" in coach.ask("How long does it take to become a baker?").answer
    summary = ingest([guides_dir], settings, rebuild=True, embedder=embedder).summary
    assert summary.added == summary.chunks > 0
    active = open_index(settings)
    assert [p.name for p in IndexDir(settings).root.glob("g*")] == [active.generation]
    assert get_store(settings).names() == [active.collection]


def _hold_write_lock(settings, seconds: float) -> threading.Thread:
    """Another connection takes the store's write lock (PostgreSQL: a lock on the sessions table that lets
    readers in but no writer) and keeps it for `seconds`."""
    if settings.database_url:
        import psycopg

        db = psycopg.connect(settings.database_url, autocommit=True)
        db.execute("BEGIN")
        db.execute("LOCK TABLE sessions IN EXCLUSIVE MODE")
    else:
        db = sqlite3.connect(settings.home / "coach.sqlite3", isolation_level=None, check_same_thread=False)
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO sessions (id, created, updated) VALUES ('holder', 0, 0)")

    def release() -> None:
        time.sleep(seconds)
        db.execute("COMMIT")
        db.close()

    thread = threading.Thread(target=release, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def small_app(tmp_path, guides_dir, embedder, database_url):
    settings = make_settings(
        tmp_path / "h", store="memory", sqlite_busy_timeout_s=1.0, database_url=database_url
    )
    ingest([guides_dir], settings, embedder=embedder)
    return settings, TestClient(create_app(_live(settings, embedder), settings, ui=False))


def test_a_briefly_locked_store_makes_the_request_wait(small_app):
    settings, client = small_app
    holder = _hold_write_lock(settings, 0.4)
    started = time.perf_counter()
    r = client.post("/api/chat", json={"message": "How long does it take to become a baker?"})
    assert r.status_code == 200 and time.perf_counter() - started >= 0.3
    holder.join()


def test_a_store_locked_too_long_gives_a_clean_503(small_app):
    settings, client = small_app
    holder = _hold_write_lock(settings, 2.0)
    r = client.post("/api/chat", json={"message": "How long does it take to become a baker?"})
    assert r.status_code == 503
    name = settings.database_url.rsplit("/", 1)[1] if settings.database_url else "coach.sqlite3"
    assert r.json() == {
        "error": f"the conversation store {name} stayed locked by another writer for 1 s: try again shortly"
    }
    holder.join()
    assert client.post("/api/chat", json={"message": "What does a baker do?"}).status_code == 200
