"""Two deployments (two COACH_HOMEs, default prefix) on one real `chroma run` server leave each other alone."""

from __future__ import annotations

import shutil

import pytest

from coach.backends import get_store
from coach.index.generation import IndexDir
from coach.ingest.pipeline import ingest
from coach.serve.live import LiveCoach
from tests.conftest import make_settings
from tests.serve.chroma_server import ChromaServer


@pytest.fixture
def chroma(tmp_path):
    server = ChromaServer(tmp_path / "chroma").start()
    yield server
    server.kill()


def _only(guides_dir, name: str, tmp_path):
    folder = tmp_path / name.split(".")[0]
    folder.mkdir()
    shutil.copy(guides_dir / name, folder / name)
    return folder


@pytest.mark.slow
def test_two_deployments_on_one_chroma_server_keep_their_own_guides(tmp_path, chroma, guides_dir, embedder):
    bakery = make_settings(tmp_path / "bakery", chroma_url=chroma.url)
    airline = make_settings(tmp_path / "airline", chroma_url=chroma.url)
    assert bakery.collection_prefix == airline.collection_prefix
    baker_dir, pilot_dir = _only(guides_dir, "baker.txt", tmp_path), _only(guides_dir, "pilot.md", tmp_path)
    ingest([baker_dir], bakery, embedder=embedder)
    ingest([pilot_dir], airline, embedder=embedder)
    coaches = {home: LiveCoach(settings) for home, settings in (("bakery", bakery), ("airline", airline))}
    for _ in range(2):  # each re-indexes from scratch, in turn
        ingest([baker_dir], bakery, rebuild=True, embedder=embedder)
        ingest([pilot_dir], airline, rebuild=True, embedder=embedder)
        for live in coaches.values():
            live.check(wait=True)
        baker = coaches["bakery"].ask("How long does it take to become a baker?")
        pilot = coaches["airline"].ask("How many flight hours does an airline pilot need?")
        assert "6-12 months" in baker.answer and {c["source"] for c in baker.citations} == {"baker.txt"}
        assert "1,500 flight hours" in pilot.answer and {c["source"] for c in pilot.citations} == {"pilot.md"}
    names = set(get_store(bakery).names())
    active = {
        IndexDir(s).collection(coaches[h].generation) for h, s in (("bakery", bakery), ("airline", airline))
    }
    ids = {IndexDir(s).deployment for s in (bakery, airline)}
    assert len(ids) == 2 and active <= names and {n.split("_")[1] for n in names} == ids
    for live in coaches.values():
        live.close()
