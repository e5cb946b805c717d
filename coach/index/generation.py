"""Stage 4: chunks -> an index generation (Chroma collection + BM25 + chunk records), swapped in atomically.

Layout under `home/index/`:
    ACTIVE            {"generation": "g000003", "collection": "coach_g000003"}  (replaced with os.replace)
    g000003/chunks.jsonl, g000003/bm25/, g000003/manifest.json
A run builds a whole new generation next to the active one, reusing stored vectors for unchanged
chunks, and only then points ACTIVE at it. A crash or Ctrl-C leaves the old generation serving;
the next run clears the leftovers and completes.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from coach.backends import Embedder, VectorStore
from coach.errors import ConfigError, IndexingError, IndexMissingError
from coach.ingest.chunk import Chunk, split_units
from coach.settings import Settings

_GEN = re.compile(r"^g(\d{6})$")


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


class IndexDir:
    """The on-disk index folder: which generation is active, and the lock for writers."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = settings.index_dir
        self.prefix = settings.collection_prefix

    def ensure(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / ".write-test"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            raise ConfigError(
                f"data directory {self.settings.home} is not writable ({exc.strerror}): "
                "set COACH_HOME to a folder you can write to"
            ) from exc

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        self.ensure()
        with open(self.root / ".lock", "w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise IndexingError(
                    f"another `coach ingest` is running on {self.root}: wait for it to finish"
                ) from None
            yield

    def active(self) -> dict[str, str] | None:
        try:
            return json.loads((self.root / "ACTIVE").read_text())  # type: ignore[no-any-return]
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise IndexingError(
                f"{self.root / 'ACTIVE'} is unreadable ({exc}): run `coach ingest --rebuild`"
            ) from exc

    def collection(self, generation: str) -> str:
        return f"{self.prefix}_{generation}"

    def next_generation(self) -> str:
        numbers = (
            [int(m.group(1)) for p in self.root.iterdir() if (m := _GEN.match(p.name))]
            if self.root.exists()
            else []
        )
        active = self.active()
        if active:
            numbers.append(int(active["generation"][1:]))
        return f"g{max(numbers, default=0) + 1:06d}"

    def activate(self, generation: str) -> None:
        tmp = self.root / "ACTIVE.tmp"
        tmp.write_text(json.dumps({"generation": generation, "collection": self.collection(generation)}))
        os.replace(tmp, self.root / "ACTIVE")

    def clear_leftovers(self, store: VectorStore) -> None:
        """Remove generations and collections that are not active (from a crashed or replaced run)."""
        active = self.active()
        keep = active["generation"] if active else None
        for path in self.root.iterdir():
            if _GEN.match(path.name) and path.name != keep:
                shutil.rmtree(path, ignore_errors=True)
        pattern = re.compile(rf"^{re.escape(self.prefix)}_g\d{{6}}$")
        for name in store.names():
            if pattern.match(name) and (active is None or name != active["collection"]):
                store.drop(name)


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
) -> IngestSummary:
    """Make `chunks` the active index (with the corpus `profile`), embedding only chunks not already stored."""
    started = time.perf_counter()
    index = IndexDir(settings)
    with index.lock():
        index.clear_leftovers(store)
        active = None if rebuild else index.active()
        old: list[Chunk] = []
        if active:
            try:
                old = read_chunks(index.root / active["generation"] / "chunks.jsonl")
            except FileNotFoundError:
                active = None
        old_ids = {c.id for c in old}
        new_ids = [c.id for c in chunks]
        same_profile = active is not None and _read_json(
            index.root / active["generation"] / "profile.json"
        ) == (profile or {})
        if active and [c.id for c in old] == new_ids and same_profile:
            return IngestSummary(guides, len(chunks), 0, len(chunks), 0, time.perf_counter() - started)

        reused = store.vectors(active["collection"], [i for i in new_ids if i in old_ids]) if active else {}
        todo = [c for c in chunks if c.id not in reused]
        if on_start:
            on_start(len(todo))
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
        gen_dir.mkdir(parents=True)
        if chunks:
            vectors = np.vstack([by_id[c.id] for c in chunks]).astype(np.float32)
            metas: list[dict[str, Any]] = [
                {"guide": c.guide, "role": c.role, "section": c.section, "source": c.source} for c in chunks
            ]
            store.write(index.collection(generation), new_ids, vectors, metas)
            import bm25s

            retriever = bm25s.BM25()
            retriever.index(tokenize_for_bm25([c.embed_text for c in chunks]), show_progress=False)
            retriever.save(str(gen_dir / "bm25"))
        (gen_dir / "profile.json").write_text(json.dumps(profile or {}, ensure_ascii=False), encoding="utf-8")
        np.savez(gen_dir / "units.npz", keys=np.asarray(unit_keys), vectors=unit_vectors)
        with (gen_dir / "chunks.jsonl").open("w", encoding="utf-8") as fh:
            for c in chunks:
                fh.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        (gen_dir / "manifest.json").write_text(
            json.dumps(
                {"generation": generation, "chunks": len(chunks), "guides": guides, "created": time.time()}
            )
        )
        index.activate(generation)
        index.clear_leftovers(store)
        removed = len(old_ids - set(new_ids))
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


def open_index(settings: Settings) -> LoadedIndex:
    """The active generation, or IndexMissingError telling the user to run `coach ingest`."""
    index = IndexDir(settings)
    active = index.active()
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
