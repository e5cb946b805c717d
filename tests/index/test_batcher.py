"""Queries of concurrent requests embedded together (coach/index/batcher.py)."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import numpy as np
import pytest

from coach.index.batcher import QueryBatcher


def _slow_encode(texts: Sequence[str]) -> np.ndarray:
    time.sleep(0.05)  # long enough for the other threads to queue behind the first batch
    return np.array([[float(len(t)), float(t.count("a"))] for t in texts], dtype=np.float32)


def test_concurrent_queries_share_batches_and_each_gets_its_own_vector():
    batcher = QueryBatcher(_slow_encode)
    texts = ["a" * n for n in range(1, 9)]
    out: dict[str, np.ndarray] = {}

    def ask(t: str) -> None:
        out[t] = batcher.embed(t)

    threads = [threading.Thread(target=ask, args=(t,)) for t in texts]
    for th in threads:
        th.start()
    for th in threads:
        th.join(5)
    assert {t: tuple(v) for t, v in out.items()} == {t: (float(len(t)), float(len(t))) for t in texts}
    assert batcher.batches < len(texts)  # the first runs alone, the rest wait for it and go together


def test_a_lone_query_is_embedded_at_once_and_an_error_reaches_its_caller():
    batcher = QueryBatcher(lambda texts: np.ones((len(texts), 3), dtype=np.float32))
    assert batcher.embed("nurse").tolist() == [1.0, 1.0, 1.0] and batcher.batches == 1

    def broken(texts: Sequence[str]) -> np.ndarray:
        raise ValueError("encoder down")

    failing = QueryBatcher(broken)
    with pytest.raises(ValueError, match="encoder down"):
        failing.embed("nurse")
    # the batcher is not left busy: the next query runs (and fails) too, instead of waiting for ever
    with pytest.raises(ValueError):
        failing.embed("welder")


def test_several_texts_of_one_request_go_in_one_batch_even_beside_other_requests():
    batcher = QueryBatcher(_slow_encode, max_batch=3)
    assert [v.tolist() for v in batcher.embed_many(["ab", "aaa"])] == [[2.0, 1.0], [3.0, 3.0]]
    assert batcher.batches == 1
    # more texts than a batch holds: as many batches as needed, each vector in its text's place
    many = batcher.embed_many(["a", "aa", "aaa", "aaaa"])
    assert [v[0] for v in many] == [1.0, 2.0, 3.0, 4.0] and batcher.batches == 3
    out: dict[str, list[float]] = {}

    def single(t: str) -> None:
        out[t] = batcher.embed(t).tolist()

    def pair() -> None:
        out["pair"] = [v[0] for v in batcher.embed_many(["bb", "bbb"])]

    threads = [threading.Thread(target=single, args=("a" * 5,)), threading.Thread(target=pair)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(5)
    assert out == {"aaaaa": [5.0, 5.0], "pair": [2.0, 3.0]}
