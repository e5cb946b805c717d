"""Vector stores: Chroma (embedded PersistentClient, or a `chroma run` server via HttpClient) and in-memory.

Vectors are always computed by our embedder and passed in; Chroma's own embedding function
(which would download a model) is never used.
"""

from __future__ import annotations

import contextlib
import os
import threading
from typing import Any, NoReturn
from urllib.parse import urlparse

import numpy as np

from coach.errors import ConfigError, IndexingError
from coach.settings import Settings

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

_BATCH = 1000


class ChromaStore:
    """Chroma collections with cosine distance. Embedded in `home/chroma` unless `chroma_url` is set."""

    def __init__(self, settings: Settings) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        self.url = settings.chroma_url
        self._collections: dict[str, Any] = {}  # name -> collection handle (saves a round trip per search)
        self._lock = threading.Lock()
        if self.url:
            parsed = urlparse(self.url)
            if not parsed.hostname:
                raise ConfigError(
                    f"COACH_CHROMA_URL={self.url!r} is not a URL: use e.g. http://127.0.0.1:8000"
                )
            try:
                self.client = chromadb.HttpClient(
                    host=parsed.hostname,
                    port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                    ssl=parsed.scheme == "https",
                    settings=chroma_settings,
                )
                self.client.heartbeat()
            except Exception as exc:
                raise IndexingError(self._unreachable()) from exc
        else:
            path = settings.home / "chroma"
            try:
                path.mkdir(parents=True, exist_ok=True)
                self.client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            except Exception as exc:
                raise ConfigError(
                    f"cannot open the Chroma store in {path} ({exc}): set COACH_HOME to a writable folder"
                ) from exc

    def _unreachable(self) -> str:
        return (
            f"cannot reach Chroma at {self.url}: start it with `chroma run --path DIR --port PORT`, "
            "or fix COACH_CHROMA_URL (unset it to use the embedded store)"
        )

    def ping(self, timeout: float = 1.0) -> None:
        """Raise IndexingError naming the URL when the Chroma server does not answer within `timeout` seconds."""
        if not self.url:
            return
        import httpx

        try:
            httpx.get(f"{self.url.rstrip('/')}/api/v2/heartbeat", timeout=timeout).raise_for_status()
        except httpx.HTTPError as exc:
            raise IndexingError(self._unreachable()) from exc

    def _failed(self, name: str, exc: Exception, doing: str) -> NoReturn:
        """Say why a call failed: the server is down, the collection is gone, or Chroma's own message."""
        import httpx
        from chromadb.errors import NotFoundError

        with self._lock:
            self._collections.pop(name, None)
        if self.url and isinstance(exc, httpx.TransportError):  # the server went away mid-call
            raise IndexingError(self._unreachable()) from exc
        self.ping()
        if isinstance(exc, NotFoundError) or doing == "open":
            raise IndexingError(f"Chroma collection {name} is missing: run `coach ingest --rebuild`") from exc
        raise IndexingError(f"Chroma could not {doing} collection {name}: {exc}") from exc

    def _collection(self, name: str, create: bool = False) -> Any:
        with self._lock:
            col = self._collections.get(name)
        if col is not None:
            return col
        try:
            if create:
                col = self.client.get_or_create_collection(
                    name, metadata={"hnsw:space": "cosine"}, embedding_function=None
                )
            else:
                col = self.client.get_collection(name, embedding_function=None)
        except Exception as exc:
            self._failed(name, exc, "create" if create else "open")
        with self._lock:
            self._collections[name] = col
        return col

    def write(self, name: str, ids: list[str], vectors: np.ndarray, metadatas: list[dict[str, Any]]) -> None:
        col = self._collection(name, create=True)
        try:
            for at in range(0, len(ids), _BATCH):
                col.add(
                    ids=ids[at : at + _BATCH],
                    embeddings=vectors[at : at + _BATCH].tolist(),
                    metadatas=metadatas[at : at + _BATCH],
                )
        except Exception as exc:
            self._failed(name, exc, "write to")

    def vectors(self, name: str, ids: list[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        col = self._collection(name)
        try:
            got = col.get(ids=ids, include=["embeddings"])
        except Exception as exc:
            self._failed(name, exc, "read")
        return {
            i: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"], strict=True)
        }

    def search(
        self, name: str, vector: np.ndarray, k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        col = self._collection(name)
        try:
            res = col.query(
                query_embeddings=[vector.tolist()], n_results=k, where=where or None, include=["distances"]
            )
        except Exception as exc:
            self._failed(name, exc, "search")
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def drop(self, name: str) -> None:
        with self._lock:
            self._collections.pop(name, None)
        with contextlib.suppress(Exception):  # already gone
            self.client.delete_collection(name)

    def names(self) -> list[str]:
        try:
            return [c if isinstance(c, str) else c.name for c in self.client.list_collections()]
        except Exception as exc:
            self.ping()
            raise IndexingError(f"Chroma could not list collections: {exc}") from exc


class MemoryStore:
    """Process-local exact search with numpy; for tests and tiny corpora. Shares state per data directory."""

    _shared: dict[str, dict[str, tuple[list[str], np.ndarray, list[dict[str, Any]]]]] = {}

    def __init__(self, settings: Settings) -> None:
        self.data = self._shared.setdefault(str(settings.home.resolve()), {})

    def write(self, name: str, ids: list[str], vectors: np.ndarray, metadatas: list[dict[str, Any]]) -> None:
        old_ids, old_vecs, old_meta = self.data.get(
            name, ([], np.zeros((0, vectors.shape[1]), np.float32), [])
        )
        self.data[name] = (
            old_ids + list(ids),
            np.vstack([old_vecs, vectors]).astype(np.float32),
            old_meta + list(metadatas),
        )

    def vectors(self, name: str, ids: list[str]) -> dict[str, np.ndarray]:
        if name not in self.data:
            raise IndexingError(f"collection {name} is missing: run `coach ingest --rebuild`")
        all_ids, vecs, _ = self.data[name]
        pos = {i: n for n, i in enumerate(all_ids)}
        return {i: vecs[pos[i]] for i in ids if i in pos}

    def search(
        self, name: str, vector: np.ndarray, k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        if name not in self.data:
            raise IndexingError(f"collection {name} is missing: run `coach ingest --rebuild`")
        ids, vecs, meta = self.data[name]
        scores = vecs @ vector
        keep = [n for n in range(len(ids)) if not where or all(meta[n].get(f) == v for f, v in where.items())]
        keep.sort(key=lambda n: -scores[n])
        return [(ids[n], float(scores[n])) for n in keep[:k]]

    def drop(self, name: str) -> None:
        self.data.pop(name, None)

    def names(self) -> list[str]:
        return list(self.data)
