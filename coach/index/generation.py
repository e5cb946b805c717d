"""Stage 4: chunks -> an index generation (Chroma collection + BM25 + chunk records), swapped in atomically.

Layout under `home/index/`:
    ACTIVE            {"generation": "g000003", "collection": "coach_g000003"}  (replaced with os.replace)
    g000003/chunks.jsonl, g000003/bm25/, g000003/manifest.json
A run builds a whole new generation next to the active one, reusing stored vectors for unchanged
chunks, and only then points ACTIVE at it. A crash or Ctrl-C leaves the old generation serving;
the next run clears the leftovers and completes. The folder itself (pointer, lock, leases, cleanup) is folder.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from coach.backends import Embedder, VectorStore
from coach.errors import IndexingError, IndexMissingError
from coach.index.folder import IndexDir
from coach.ingest import unchanged
from coach.ingest.chunk import Chunk, split_units
from coach.settings import Settings

__all__ = ["IndexDir", "IngestSummary", "LoadedIndex", "build_index", "open_index"]


def tokenize_for_bm25(texts: list[str]) -> Any:
    import bm25s
    import Stemmer

    return bm25s.tokenize(texts, stopwords="en", stemmer=Stemmer.Stemmer("english"), show_progress=False)


@dataclass
class IngestSummary:
    """What an ingest did; `coach ingest --json` prints it."""

    guides: int
    chunks: int
    added: int
    unchanged: int
    removed: int
    seconds: float

    def to_dict(self) -> dict[str, float | int]:
        return {
            "guides": self.guides,
            "chunks": self.chunks,
            "added": self.added,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "seconds": round(self.seconds, 3),
        }


def _pause_at(point: str) -> None:
    """Fault-test hook: with COACH_INGEST_PAUSE_AT=point, say so on stderr and stall, to be killed there."""
    if os.environ.get("COACH_INGEST_PAUSE_AT") == point:
        print(f"coach ingest: paused at {point}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get("COACH_INGEST_PAUSE_S", "60")))


def read_chunks(path: Path) -> list[Chunk]:
    with path.open(encoding="utf-8") as fh:
        return [Chunk(**json.loads(line)) for line in fh if line.strip()]


def build_index(
    chunks: list[Chunk],
    settings: Settings,
    store: VectorStore,
    embedder_factory: Callable[[], Embedder],
    guides: int,
    rebuild: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    profile: dict[str, Any] | None = None,
    expect_generation: str | None = None,
    inputs: tuple[str, dict[str, Any]] | None = None,
) -> IngestSummary:
    """Make `chunks` the active index (with the corpus `profile`), embedding only chunks not already stored.

    `expect_generation`: the live generation the caller read its guides from; if another ingest has
    replaced it since, nothing is written (the caller's merge would lose that ingest's guides).
    `inputs`: the digest of what the run read and what a run with the same digest replays (coach/ingest/
    unchanged.py), kept with the generation left active."""
    started = time.perf_counter()
    index = IndexDir(settings)
    with index.lock():
        index.clear_leftovers(store)
        now = index.active()
        if expect_generation is not None and (now or {}).get("generation") != expect_generation:
            raise IndexingError(
                f"another `coach ingest` replaced index generation {expect_generation} while this one was "
                "reading it: run this ingest again"
            )
        active = None if rebuild else now
        old: list[Chunk] = []
        if active:
            try:
                old = read_chunks(index.root / active["generation"] / "chunks.jsonl")
            except FileNotFoundError:
                active = None
        # a chunk of the same text can come back with another role or address (a newer coach reads the guide
        # better): it is the same chunk only when every field is, and its vector is reused only for the same
        # embedded text
        embedded = {c.id: c.embed_text for c in old}
        same_profile = active is not None and _read_json(
            index.root / active["generation"] / "profile.json"
        ) == (profile or {})
        if active and old == chunks and same_profile:
            if inputs is not None:
                unchanged.write(index.root / active["generation"], *inputs)
            return IngestSummary(guides, len(chunks), 0, len(chunks), 0, time.perf_counter() - started)

        same = [c.id for c in chunks if embedded.get(c.id) == c.embed_text]
        reused = store.vectors(active["collection"], same) if active else {}
        todo = [c for c in chunks if c.id not in reused]
        if on_start:
            on_start(len(todo))
        _pause_at("embedding")
        embedder = embedder_factory() if todo else None
        fresh = np.zeros((0, 1), dtype=np.float32)
        if embedder is not None:
            embed_batches = getattr(embedder, "embed_batches", None)
            texts = [c.embed_text for c in todo]
            fresh = embed_batches(texts, on_progress) if embed_batches else embedder.embed(texts)
        by_id = dict(reused)
        by_id.update({c.id: fresh[n] for n, c in enumerate(todo)})
        unit_keys, unit_vectors = _unit_vectors(
            chunks, index.root / active["generation"] if active else None, embedder_factory, embedder
        )

        generation = index.next_generation()
        gen_dir = index.root / generation
        name = index.collection(generation)
        try:
            gen_dir.mkdir(parents=True)
            store.drop(name)  # ours by name: a stale one from a crashed run must not be appended to
            if chunks:
                vectors = np.vstack([by_id[c.id] for c in chunks]).astype(np.float32)
                metas: list[dict[str, Any]] = [
                    {"guide": c.guide, "role": c.role, "section": c.section, "source": c.source}
                    for c in chunks
                ]
                store.write(name, [c.id for c in chunks], vectors, metas)
                import bm25s

                retriever = bm25s.BM25()
                retriever.index(tokenize_for_bm25([c.embed_text for c in chunks]), show_progress=False)
                retriever.save(str(gen_dir / "bm25"))
            (gen_dir / "profile.json").write_text(
                json.dumps(profile or {}, ensure_ascii=False), encoding="utf-8"
            )
            np.savez(gen_dir / "units.npz", keys=np.asarray(unit_keys), vectors=unit_vectors)
            with (gen_dir / "chunks.jsonl").open("w", encoding="utf-8") as fh:
                for c in chunks:
                    fh.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
            (gen_dir / "manifest.json").write_text(
                json.dumps(
                    {
                        "generation": generation,
                        "collection": name,
                        "chunks": len(chunks),
                        "guides": guides,
                        "created": time.time(),
                    }
                )
            )
            if inputs is not None:
                unchanged.write(gen_dir, *inputs)
            _pause_at("written")
            index.activate(generation)
        except OSError as exc:  # a full disk or a vanished folder: the old generation keeps serving
            shutil.rmtree(gen_dir, ignore_errors=True)
            store.drop(name)
            raise IndexingError(
                f"cannot write index generation {gen_dir} ({exc.strerror or exc}): free space in "
                f"{index.root} and run `coach ingest` again; the previous index keeps serving"
            ) from exc
        _pause_at("activated")
        index.clear_leftovers(store)
        removed = len(set(embedded) - {c.id for c in chunks})
        return IngestSummary(
            guides, len(chunks), len(todo), len(chunks) - len(todo), removed, time.perf_counter() - started
        )


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def unit_key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:20]


def _unit_vectors(
    chunks: list[Chunk],
    old_dir: Path | None,
    embedder_factory: Callable[[], Embedder],
    embedder: Embedder | None,
) -> tuple[list[str], np.ndarray]:
    """Vectors of every answer unit (sentence, row, item), reusing those of the previous generation."""
    texts = {unit_key(u.text): u.text for c in chunks for u in split_units(c)}
    cached: dict[str, np.ndarray] = {}
    if old_dir is not None and (old_dir / "units.npz").exists():
        with np.load(old_dir / "units.npz") as data:
            cached = {
                str(k): v for k, v in zip(data["keys"], data["vectors"], strict=True) if str(k) in texts
            }
    missing = [k for k in texts if k not in cached]
    if missing:
        embedder = embedder or embedder_factory()
        vecs = embedder.embed([texts[k] for k in missing])
        cached.update({k: vecs[n] for n, k in enumerate(missing)})
    keys = list(texts)
    if not keys:
        return [], np.zeros((0, 1), dtype=np.float32)
    return keys, np.vstack([cached[k] for k in keys]).astype(np.float32)


@dataclass
class LoadedIndex:
    """A read-only view of the active generation."""

    generation: str
    collection: str
    chunks: list[Chunk]
    bm25: Any
    directory: Path
    unit_vectors: dict[str, np.ndarray] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)  # the corpus profile mined at ingest


def open_index(settings: Settings, active: dict[str, Any] | None = None) -> LoadedIndex:
    """The active generation (or the one `active` points at), or IndexMissingError telling the user to run `coach ingest`."""
    index = IndexDir(settings)
    active = active or index.active()
    if not active:
        raise IndexMissingError(str(settings.home))
    gen_dir = index.root / active["generation"]
    try:
        chunks = read_chunks(gen_dir / "chunks.jsonl")
    except FileNotFoundError as exc:
        raise IndexingError(
            f"index generation {gen_dir} is incomplete: run `coach ingest --rebuild`"
        ) from exc
    bm25 = None
    if chunks:
        import bm25s

        bm25 = bm25s.BM25.load(str(gen_dir / "bm25"))
    units: dict[str, np.ndarray] = {}
    if (gen_dir / "units.npz").exists():
        with np.load(gen_dir / "units.npz") as data:
            units = {str(k): v for k, v in zip(data["keys"], data["vectors"], strict=True)}
    profile = _read_json(gen_dir / "profile.json") or {}
    return LoadedIndex(active["generation"], active["collection"], chunks, bm25, gen_dir, units, profile)
