"""Deployment ids, leases and the cleanup that respects them; a full disk while writing a generation."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from coach.backends import get_store
from coach.errors import ConfigError, IndexingError
from coach.index.folder import Lease, deployment_id, leased
from coach.index.generation import IndexDir, open_index
from coach.ingest.pipeline import ingest
from tests.conftest import make_settings


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_deployment_id_is_made_once_and_differs_per_home(tmp_path):
    first = deployment_id(tmp_path / "a")
    assert first == deployment_id(tmp_path / "a") == (tmp_path / "a" / "deployment-id").read_text().strip()
    assert first != deployment_id(tmp_path / "b")
    assert IndexDir(make_settings(tmp_path / "a")).collection("g000007") == f"coach_{first}_g000007"


def test_a_damaged_deployment_id_names_the_file(tmp_path):
    (tmp_path / "deployment-id").write_text("not an id!\n")
    with pytest.raises(ConfigError, match="deployment-id holds 'not an id!'"):
        deployment_id(tmp_path)


def test_leases_of_dead_processes_are_ignored_and_removed(tmp_path):
    mine = Lease(tmp_path, "g000002")
    stale = tmp_path / "leases" / f"g000001.{_dead_pid()}.abcdef"
    stale.write_text("{}")
    assert leased(tmp_path) == {"g000002": {os.getpid()}}
    assert not stale.exists()
    mine.release()
    assert leased(tmp_path) == {}


def _index_dir(tmp_path, **kw):
    settings = make_settings(tmp_path / "h", store="memory", **kw)
    index = IndexDir(settings)
    index.ensure()
    store = get_store(settings)
    for n in (1, 2, 3):
        (index.root / f"g{n:06d}").mkdir()
        store.write(index.collection(f"g{n:06d}"), ["a"], np.ones((1, 2), np.float32), [{}])
    return index, store


def test_cleanup_keeps_the_active_and_leased_generations_only(tmp_path):
    index, store = _index_dir(tmp_path, index_grace_s=0)
    index.activate("g000003")
    lease = Lease(index.root, "g000001")
    index.clear_leftovers(store)
    assert sorted(p.name for p in index.root.glob("g*")) == ["g000001", "g000003"]
    assert sorted(store.names()) == [index.collection("g000001"), index.collection("g000003")]
    lease.release()
    index.clear_leftovers(store)
    assert [p.name for p in index.root.glob("g*")] == ["g000003"]
    assert store.names() == [index.collection("g000003")]


def test_cleanup_never_drops_another_deployments_collections(tmp_path):
    index, store = _index_dir(tmp_path)
    foreign = ["coach_0a1b2c3d_g000001", "coach_g000001", "other_g000002"]
    for name in foreign:
        store.write(name, ["a"], np.ones((1, 2), np.float32), [{}])
    index.activate("g000003")
    index.clear_leftovers(store)
    assert sorted(store.names()) == sorted([*foreign, index.collection("g000003")])


def test_a_collection_named_before_deployment_ids_is_dropped_once_replaced(tmp_path):
    index, store = _index_dir(tmp_path)
    store.write("coach_g000001", ["a"], np.ones((1, 2), np.float32), [{}])
    (index.root / "ACTIVE").write_text(json.dumps({"generation": "g000001", "collection": "coach_g000001"}))
    (index.root / "g000001" / "chunks.jsonl").write_text("")
    assert open_index(index.settings).collection == "coach_g000001"  # an old index still opens
    index.activate("g000003")
    index.clear_leftovers(store)
    assert store.names() == [index.collection("g000003")]


def test_the_replaced_generation_is_kept_for_the_grace_period_while_a_server_runs(tmp_path):
    index, store = _index_dir(tmp_path, index_grace_s=60)
    index.activate("g000002")
    index.activate("g000003")
    index.clear_leftovers(store)  # no server: nothing to wait for
    assert [p.name for p in index.root.glob("g*")] == ["g000003"]
    index, store = _index_dir(tmp_path / "again", index_grace_s=60)
    index.activate("g000002")
    server = Lease(index.root, "g000003")
    index.activate("g000003")
    index.clear_leftovers(store)
    assert sorted(p.name for p in index.root.glob("g*")) == ["g000002", "g000003"]
    server.release()


def test_a_full_disk_while_writing_keeps_the_old_generation_serving(
    tmp_path, guides_dir, embedder, monkeypatch
):
    settings = make_settings(tmp_path / "h", store="memory")
    ingest([guides_dir], settings, embedder=embedder)
    before = open_index(settings)
    (guides_dir / "pilot.md").write_text("# Pilot\n\nPilots fly planes and earn a median of $1 a year.\n")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(np, "savez", full)
    with pytest.raises(IndexingError, match=r"No space left on device.*previous index keeps serving"):
        ingest([guides_dir], settings, embedder=embedder)
    after = open_index(settings)
    assert after.generation == before.generation and after.chunks == before.chunks
    index = IndexDir(settings)
    assert [p.name for p in index.root.glob("g*")] == [before.generation]  # the half-written one is gone
    assert get_store(settings).names() == [before.collection]
    monkeypatch.undo()
    assert ingest([guides_dir], settings, embedder=embedder).summary.added > 0
    assert any("$1 a year" in c.text for c in open_index(settings).chunks)
