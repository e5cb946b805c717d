"""A running server follows re-indexing: no restart, no failed request, the old generation kept while in use."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx

from coach.ask.coach import Coach
from coach.backends import get_store
from coach.index.folder import leased
from coach.index.generation import IndexDir, open_index
from coach.ingest.pipeline import ingest
from coach.serve.live import LiveCoach
from coach.serve.web import create_app
from tests.conftest import PILOT, make_settings
from tests.servers import live_server

QUESTIONS = ["How much do airline pilots earn?", "How long does it take to become a baker?"]


class Load:
    """A few client threads asking questions until stopped; every status and error body is kept."""

    def __init__(self, url: str, threads: int = 3) -> None:
        self.url = url
        self.results: list[tuple[int, str]] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]

    def _run(self, n: int) -> None:
        with httpx.Client(timeout=30) as client:
            while not self._stop.is_set():
                question = QUESTIONS[(n + len(self.results)) % len(QUESTIONS)]
                try:
                    r = client.post(f"{self.url}/api/chat", json={"message": question})
                    self.results.append((r.status_code, "" if r.status_code == 200 else r.text))
                except httpx.HTTPError as exc:
                    self.results.append((0, repr(exc)))

    def __enter__(self) -> Load:
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(30)

    def wait_for(self, more: int, timeout: float = 20) -> None:
        """Until `more` further requests have been answered."""
        target, deadline = len(self.results) + more, time.time() + timeout
        while len(self.results) < target and time.time() < deadline:
            time.sleep(0.05)
        assert len(self.results) >= target, f"only {len(self.results)} requests answered"

    @property
    def failures(self) -> list[tuple[int, str]]:
        return [r for r in self.results if r[0] != 200]


def eventually(check: Callable[[], Any], timeout: float = 10) -> Any:
    """Poll `check` until it returns something truthy."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if got := check():
            return got
        time.sleep(0.05)
    raise AssertionError(f"not true within {timeout} s: {check.__doc__ or check}")


def _live(settings, embedder) -> LiveCoach:
    return LiveCoach(settings, Coach(settings, open_index(settings), get_store(settings), embedder))


def test_a_running_server_switches_to_a_new_index_without_a_failed_request(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h", rate_limit_per_minute=100_000, index_grace_s=0)
    ingest([guides_dir], settings, embedder=embedder)
    live = _live(settings, embedder)
    old = live.generation
    index = IndexDir(settings)
    with live_server(create_app(live, settings, ui=False)) as url, Load(url) as load:
        load.wait_for(3)
        (guides_dir / "pilot.md").write_text(PILOT.replace("$219,140", "$250,000"))
        ingest([guides_dir], settings, rebuild=True, embedder=embedder)  # used to drop the live collection
        new = index.active()["generation"]  # type: ignore[index]
        assert new != old
        eventually(lambda: httpx.get(f"{url}/api/health").json()["generation"] == new)
        load.wait_for(3)
        answer = httpx.post(f"{url}/api/chat", json={"message": "How much do airline pilots earn?"}).json()
    assert load.failures == []
    assert "$250,000" in answer["answer"]
    # once its last request is done the old generation is released and cleared away
    eventually(lambda: not (index.root / old).exists() and leased(index.root) == {new: {os.getpid()}})
    assert get_store(settings).names() == [index.collection(new)]
    live.close()


def test_a_request_in_flight_keeps_its_generation_until_it_ends(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h", store="memory", index_grace_s=0)
    ingest([guides_dir], settings, embedder=embedder)
    live = _live(settings, embedder)
    old = live.generation
    with live.use() as during:
        (guides_dir / "baker.txt").unlink()
        ingest([guides_dir], settings, embedder=embedder, allow_shrink=True)
        live.check(wait=True)
        assert live.generation != old and during.index.generation == old
        assert old in leased(IndexDir(settings).root)  # the request under way still holds it
        assert during.ask("How long does it take to become a baker?").citations  # and it still answers
    assert old not in leased(IndexDir(settings).root)
    assert {g[0] for g in live.guides} == {"pilot.md"}
    live.close()


def test_a_plain_coach_is_held_fixed(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h", store="memory")
    ingest([guides_dir], settings, embedder=embedder)
    coach = Coach(settings, open_index(settings), get_store(settings), embedder)
    live = LiveCoach.wrap(coach)
    assert live.coach is coach and not live.watch and LiveCoach.wrap(live) is live
    ingest([guides_dir], settings, rebuild=True, embedder=embedder)
    assert live.coach is coach and leased(IndexDir(settings).root) == {}


def test_health_reports_the_generation_serving(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h", store="memory")
    ingest([guides_dir], settings, embedder=embedder)
    live = _live(settings, embedder)
    from fastapi.testclient import TestClient

    body = TestClient(create_app(live, settings, ui=False)).get("/api/health").json()
    assert body["status"] == "ok" and body["generation"] == live.generation == "g000001"
    live.close()
