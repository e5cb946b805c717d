"""Stage 4: incremental, atomic indexing; one contract for every store backend (memory, embedded Chroma, Chroma server)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from coach.backends import get_store
from coach.errors import IndexingError, IndexMissingError
from coach.index.embed import FakeEmbedder
from coach.index.generation import IndexDir, open_index
from coach.ingest.pipeline import ingest
from tests.conftest import make_settings

# --- store contract -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """A real `chroma run` server on loopback."""
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    exe = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma run did not start within 60 s")
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(params=["memory", "chroma", "chroma-server"])
def store_settings(request, tmp_path):
    if request.param == "memory":
        return make_settings(tmp_path / "h", store="memory")
    if request.param == "chroma":
        return make_settings(tmp_path / "h")
    url = request.getfixturevalue("chroma_server")
    return make_settings(
        tmp_path / "h", chroma_url=url, collection_prefix=f"t{abs(hash(str(tmp_path))) % 10**8}"
    )


def test_store_contract(store_settings):
    store_settings.home.mkdir(parents=True)
    store = get_store(store_settings)
    vecs = np.eye(4, dtype=np.float32)
    store.write(
        "c_g000001",
        ["a", "b", "c", "d"],
        vecs,
        [{"source": "x"}, {"source": "x"}, {"source": "y"}, {"source": "y"}],
    )
    assert "c_g000001" in store.names()
    hits = store.search("c_g000001", vecs[2], 2)
    assert hits[0][0] == "c" and hits[0][1] == pytest.approx(1.0, abs=1e-5)
    only_x = store.search("c_g000001", vecs[2], 4, {"source": "x"})
    assert {i for i, _ in only_x} == {"a", "b"}
    got = store.vectors("c_g000001", ["b", "d"])
    assert set(got) == {"b", "d"} and np.allclose(got["b"], vecs[1])
    store.drop("c_g000001")
    assert "c_g000001" not in store.names()


def test_server_mode_ingests_and_answers(tmp_path, chroma_server, guides_dir, embedder):
    settings = make_settings(tmp_path / "h", chroma_url=chroma_server, collection_prefix="srv")
    summary = ingest([guides_dir], settings, embedder=embedder).summary
    assert summary.added == summary.chunks > 0
    from coach.ask.coach import Coach

    coach = Coach(settings, open_index(settings), get_store(settings), embedder)
    result = coach.ask("How long does it take to become a baker?")
    assert "6-12 months" in result.answer


def test_unreachable_chroma_server_names_the_url(tmp_path):
    settings = make_settings(tmp_path / "h", chroma_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(IndexingError, match=r"http://127\.0\.0\.1:\d+"):
        get_store(settings)


# --- incremental and atomic ingest ----------------------------------------------------------


def test_second_ingest_embeds_nothing(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h")
    first = ingest([guides_dir], settings, embedder=embedder).summary
    assert first.guides == 2 and first.added == first.chunks and first.unchanged == 0
    second = ingest([guides_dir], settings, embedder=embedder).summary
    assert (second.added, second.unchanged, second.removed) == (0, first.chunks, 0)


def test_edit_reembeds_only_changed_chunks_and_delete_removes(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h")
    first = ingest([guides_dir], settings, embedder=embedder).summary
    pilot = guides_dir / "pilot.md"
    pilot.write_text(pilot.read_text().replace("$219,140", "$220,000"))
    edited = ingest([guides_dir], settings, embedder=embedder).summary
    assert edited.added == 1 and edited.removed == 1 and edited.unchanged == first.chunks - 1
    assert any("$220,000" in c.text for c in open_index(settings).chunks)
    (guides_dir / "baker.txt").unlink()
    after = ingest([guides_dir], settings, embedder=embedder, allow_shrink=True).summary
    index = open_index(settings)
    assert after.guides == 1 and after.removed > 0
    assert {c.source for c in index.chunks} == {"pilot.md"}
    store = get_store(settings)
    assert store.names() == [index.collection]  # the old generation's collection is gone


def test_a_guide_read_as_another_job_is_reembedded_under_it(tmp_path, guides_dir, embedder):
    # the same text read with another role (an operator's guides.toml, or a newer coach reading the title better)
    # is embedded again under the new role, and the index serves the new role
    settings = make_settings(tmp_path / "h")
    ingest([guides_dir], settings, embedder=embedder)
    pilots = [c for c in open_index(settings).chunks if c.source == "pilot.md"]
    config = guides_dir / "guides.toml"
    config.write_text(config.read_text() + '\n[guides."pilot.md"]\nrole = "Commercial Pilot"\n')
    again = ingest([guides_dir], settings, embedder=embedder).summary
    assert again.added == len(pilots) and again.removed == 0
    assert {c.role for c in open_index(settings).chunks if c.source == "pilot.md"} == {"Commercial Pilot"}


def test_rebuild_reembeds_everything(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h")
    first = ingest([guides_dir], settings, embedder=embedder).summary
    again = ingest([guides_dir], settings, rebuild=True, embedder=embedder).summary
    assert again.added == first.chunks


def test_failed_ingest_leaves_the_old_index_serving(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h")
    ingest([guides_dir], settings, embedder=embedder)
    before = open_index(settings)
    (guides_dir / "pilot.md").write_text(
        "# Pilot Guide\n\n## Training\n\n" + "Completely new text about flying. " * 40
    )
    with pytest.raises(IndexingError, match="failed on purpose"):
        ingest([guides_dir], settings, embedder=FakeEmbedder(dim=384, fail_after=0))
    after = open_index(settings)
    assert after.generation == before.generation and [c.id for c in after.chunks] == [
        c.id for c in before.chunks
    ]
    from coach.ask.coach import Coach

    coach = Coach(settings, after, get_store(settings), embedder)
    assert (
        "1,500 flight hours"
        in coach.retriever.retrieve("how many flight hours do pilots need", 3)[0].chunk.text
    )
    # the next run completes and clears the half-built generation
    done = ingest([guides_dir], settings, embedder=embedder).summary
    assert done.added > 0
    assert [p.name for p in settings.index_dir.iterdir() if p.name.startswith("g")] == [
        open_index(settings).generation
    ]


def test_open_index_before_ingest_says_run_ingest(tmp_path):
    with pytest.raises(IndexMissingError, match="run `coach ingest` first"):
        open_index(make_settings(tmp_path / "empty"))


def test_concurrent_ingest_is_refused(tmp_path, guides_dir):
    settings = make_settings(tmp_path / "h", store="memory", embedder="fake")
    with IndexDir(settings).lock(), pytest.raises(IndexingError, match="another `coach ingest` is running"):
        ingest([guides_dir], settings)


def test_an_ingest_that_read_a_replaced_generation_writes_nothing(tmp_path, guides_dir, embedder):
    from coach.index.generation import build_index

    settings = make_settings(tmp_path / "h")
    ingest([guides_dir], settings, embedder=embedder)
    live = open_index(settings)
    with pytest.raises(IndexingError, match="replaced index generation g000000 while this one was reading"):
        build_index(
            live.chunks[:1],
            settings,
            get_store(settings),
            lambda: embedder,
            1,
            expect_generation="g000000",  # what another ingest's merge was based on
        )
    assert open_index(settings).generation == live.generation
    assert len(open_index(settings).chunks) == len(live.chunks)
