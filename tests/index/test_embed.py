"""The bundled embedding model: the numpy and ONNX query encoders give the same vectors as sentence-transformers."""

import numpy as np

from coach.index.embed import FakeEmbedder, bundled_model_path
from coach.index.minilm import NumpyMiniLM

TEXTS = [
    "What does a customer support team lead earn?",
    "hi",
    "Café résumé naïve — 数据 ✅ " * 3,
    "word " * 400,
]


def test_numpy_encoder_matches_sentence_transformers(embedder):
    ours = NumpyMiniLM(bundled_model_path()).embed(TEXTS)
    reference = embedder.model.encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    assert ours.shape == reference.shape == (4, 384)
    assert np.all((ours * reference).sum(1) > 0.9999)


def test_embed_query_does_not_load_torch_model(tmp_path):
    from coach.index.embed import SentenceTransformerEmbedder
    from tests.conftest import make_settings

    emb = SentenceTransformerEmbedder(make_settings(tmp_path))
    vec = emb.embed_query("salary of a team lead")
    assert vec.shape == (384,) and abs(float(np.linalg.norm(vec)) - 1) < 1e-5
    assert emb._model is None


def test_a_small_ingest_is_embedded_without_torch_and_a_large_one_with_it(tmp_path, monkeypatch):
    import coach.index.embed as embed_module
    from coach.index.embed import SentenceTransformerEmbedder
    from tests.conftest import make_settings

    emb = SentenceTransformerEmbedder(make_settings(tmp_path))
    small = emb.embed_batches(TEXTS[:3])
    assert emb._model is None and small.shape == (3, 384)
    assert np.all((small * NumpyMiniLM(bundled_model_path()).embed(TEXTS[:3])).sum(1) > 0.9999)
    monkeypatch.setattr(embed_module, "SMALL_CHARS", 10)
    large = emb.embed_batches(TEXTS[:3])
    assert emb._model is not None and np.all((small * large).sum(1) > 0.9999)


def test_fake_embedder_is_deterministic_and_normalised():
    a, b = FakeEmbedder(dim=16).embed(["x", "y"]), FakeEmbedder(dim=16).embed(["x", "y"])
    assert np.array_equal(a, b) and np.allclose(np.linalg.norm(a, axis=1), 1)


def test_embed_query_remembers_recent_queries_and_returns_copies(tmp_path, monkeypatch):
    import coach.index.embed as embed_module
    from coach.index.embed import SentenceTransformerEmbedder
    from tests.conftest import make_settings

    emb = SentenceTransformerEmbedder(make_settings(tmp_path))
    calls: list[str] = []
    monkeypatch.setattr(emb, "_embed_query", lambda text: calls.append(text) or np.full(3, float(len(calls))))
    monkeypatch.setattr(embed_module, "QUERY_CACHE", 2)
    first = emb.embed_query("a")
    first[:] = 99  # a caller changing its vector does not change the cache
    assert emb.embed_query("a").tolist() == [1.0, 1.0, 1.0] and calls == ["a"]
    emb.embed_query("b")
    emb.embed_query("c")  # "a" was least recently used: forgotten
    emb.embed_query("a")
    assert calls == ["a", "b", "c", "a"]


def test_a_burst_of_first_questions_loads_the_query_encoder_once(tmp_path, monkeypatch):
    import threading

    from coach.index import minilm
    from coach.index.embed import SentenceTransformerEmbedder
    from coach.settings import Settings

    built = []
    real = minilm.NumpyMiniLM

    def counted(path):  # type: ignore[no-untyped-def]
        built.append(path)
        return real(path)

    monkeypatch.setattr(minilm, "NumpyMiniLM", counted)
    embedder = SentenceTransformerEmbedder(Settings(home=tmp_path, embedding_runtime="numpy"))
    vectors: list = []
    threads = [
        threading.Thread(target=lambda i=i: vectors.append(embedder.embed_query(f"q {i}"))) for i in range(12)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1 and len(vectors) == 12


def test_a_padded_batch_gives_each_text_the_vector_it_gets_alone():
    encoder = NumpyMiniLM(bundled_model_path())
    together = encoder.embed(TEXTS)
    alone = np.vstack([encoder.embed([t]) for t in TEXTS])
    assert np.allclose(together, alone, atol=1e-5)


def test_the_onnx_encoder_matches_sentence_transformers_and_is_exported_once(embedder, tmp_path, monkeypatch):
    from coach.index import onnx_minilm
    from coach.index.onnx_minilm import OnnxMiniLM

    exports: list = []
    real = onnx_minilm.export
    monkeypatch.setattr(onnx_minilm, "export", lambda *a: exports.append(a) or real(*a))
    ours = OnnxMiniLM(bundled_model_path(), cache=tmp_path).embed(TEXTS)
    reference = embedder.model.encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    assert ours.shape == reference.shape == (4, 384)
    assert np.all((ours * reference).sum(1) > 0.9999)
    again = OnnxMiniLM(bundled_model_path(), cache=tmp_path)  # the cached file: no second export
    assert len(exports) == 1 and [p.suffix for p in tmp_path.iterdir()] == [".onnx"]
    assert np.allclose(np.vstack([again.embed([t]) for t in TEXTS]), ours, atol=1e-5)


def test_the_int8_query_encoder_is_quantised_once_and_stays_close_to_the_float_vectors(embedder, tmp_path):
    from coach.index.onnx_minilm import OnnxMiniLM

    small = OnnxMiniLM(bundled_model_path(), cache=tmp_path, int8=True)
    ours = small.embed(TEXTS)
    reference = embedder.model.encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    assert ours.shape == (4, 384) and np.all((ours * reference).sum(1) > 0.97)
    assert sorted(p.name.endswith("-int8.onnx") for p in tmp_path.iterdir()) == [False, True]
    stamp = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    again = OnnxMiniLM(bundled_model_path(), cache=tmp_path, int8=True)  # both files reused, none rewritten
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == stamp
    assert np.allclose(again.embed(TEXTS), ours, atol=1e-6)


def test_the_query_precision_setting_picks_the_query_encoder(tmp_path):
    from coach.index.embed import SentenceTransformerEmbedder
    from coach.index.onnx_minilm import OnnxMiniLM
    from coach.settings import Settings

    assert (
        Settings(home=tmp_path).query_precision == "int8"
    )  # the default: the fitted decisions read its vectors
    fast = SentenceTransformerEmbedder(Settings(home=tmp_path))
    exact = SentenceTransformerEmbedder(Settings(home=tmp_path, query_precision="float32"))
    a, b = fast.embed_query("salary of a team lead"), exact.embed_query("salary of a team lead")
    assert isinstance(fast._int8, OnnxMiniLM) and exact._int8 is None and fast._model is None
    assert 0.97 < float(a @ b) < 0.99999 and fast.dim == 384


def test_a_query_encoder_that_cannot_run_onnx_falls_back_or_names_the_fix(tmp_path, monkeypatch):
    import pytest

    import coach.index.embed as embed_module
    from coach.errors import ConfigError
    from coach.index.embed import SentenceTransformerEmbedder
    from coach.settings import Settings

    def broken(*_a: object, **_k: object) -> None:
        raise OSError("read-only file system")

    monkeypatch.setattr(embed_module, "OnnxMiniLM", broken)
    auto = SentenceTransformerEmbedder(Settings(home=tmp_path))
    assert auto.embed_query("salary of a team lead").shape == (384,)
    assert isinstance(auto._light, NumpyMiniLM)
    strict = SentenceTransformerEmbedder(Settings(home=tmp_path, embedding_runtime="onnx"))
    with pytest.raises(ConfigError, match="COACH_EMBEDDING_RUNTIME=numpy"):
        strict.embed_query("salary of a team lead")
