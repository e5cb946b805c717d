"""`coach serve --workers 2`: two processes on one `chroma run` server and one SQLite store."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from coach.index.generation import IndexDir
from coach.ingest.pipeline import ingest
from tests.conftest import PILOT, make_settings
from tests.serve.chroma_server import ChromaServer
from tests.serve.test_hot_reindex import eventually
from tests.servers import free_port

COACH = str(Path(sys.executable).parent / "coach")


def _env(settings) -> dict[str, str]:
    env = dict(os.environ, COACH_HOME=str(settings.home), COACH_RATE_LIMIT_PER_MINUTE="100000")
    if settings.chroma_url:
        env["COACH_CHROMA_URL"] = settings.chroma_url
    return env


def _health_pids(url: str, generation: str | None = None) -> set[int]:
    """The workers seen answering a burst of concurrent health checks (only those on `generation`, if given)."""

    def one(_: int) -> dict:
        with httpx.Client(timeout=10) as client:  # a new connection each time: any worker may accept it
            return client.get(f"{url}/api/health").json()  # type: ignore[no-any-return]

    with ThreadPoolExecutor(8) as pool:
        seen = list(pool.map(one, range(24)))
    return {h["pid"] for h in seen if generation is None or h["generation"] == generation}


def test_several_workers_need_a_chroma_server(tmp_path):
    proc = subprocess.run(
        [COACH, "serve", "--workers", "2", "--port", str(free_port())],
        env=_env(make_settings(tmp_path / "h")),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "--workers 2 needs a Chroma server" in proc.stderr and "COACH_CHROMA_URL" in proc.stderr


@pytest.mark.slow
def test_two_workers_share_sessions_and_follow_a_reindex(tmp_path, guides_dir, embedder):
    chroma = ChromaServer(tmp_path / "chroma").start()
    settings = make_settings(tmp_path / "h", chroma_url=chroma.url)
    ingest([guides_dir], settings, embedder=embedder)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [COACH, "serve", "--workers", "2", "--port", str(port)],
        env=_env(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        eventually(lambda: len(_health_pids(url)) == 2 if _up(url) else False, timeout=120)
        first = httpx.post(f"{url}/api/chat", json={"message": "What does a baker do?"}, timeout=30).json()
        session = first["session_id"]

        def ask(question: str) -> int:
            with httpx.Client(timeout=30) as client:
                body = {"message": question, "session_id": session}
                return client.post(f"{url}/api/chat", json=body).status_code

        with ThreadPoolExecutor(4) as pool:
            codes = list(pool.map(ask, ["How long does it take to become a baker?"] * 8))
        assert codes == [200] * 8
        messages = httpx.get(f"{url}/api/sessions/{session}", timeout=10).json()["messages"]
        assert len(messages) == 18  # one session, whichever worker answered

        (guides_dir / "pilot.md").write_text(PILOT.replace("$219,140", "$250,000"))
        ingest([guides_dir], settings, embedder=embedder)
        new = IndexDir(settings).active()["generation"]  # type: ignore[index]
        eventually(lambda: len(_health_pids(url, new)) == 2, timeout=30)
        answer = httpx.post(
            f"{url}/api/chat", json={"message": "How much do airline pilots earn?"}, timeout=30
        )
        assert "$250,000" in answer.json()["answer"]
    finally:
        server.terminate()
        server.wait(30)
        chroma.kill()


def _up(url: str) -> bool:
    try:
        return httpx.get(f"{url}/api/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
