"""Embed the queries of concurrent requests together.

Why: the numpy encoder takes ~13 ms for one question alone and ~5 ms a question in a batch of eight (the
weights are read once for the batch), and the query vector is half of what a served answer costs. Requests
that arrive while a batch is being embedded wait for it to finish and go together in the next one: nothing
waits on a timer, so a lone question is embedded at once, as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["QueryBatcher"]


@dataclass(eq=False)
class _Slot:
    text: str
    vector: np.ndarray | None = None
    error: BaseException | None = None
    done: bool = False


class QueryBatcher:
    """One vector per call of `embed`; calls made while a batch runs are embedded together in the next."""

    def __init__(self, encode: Callable[[Sequence[str]], np.ndarray], max_batch: int = 16) -> None:
        self._encode = encode
        self.max_batch = max_batch
        self._cond = threading.Condition()
        self._waiting: list[_Slot] = []
        self._running = False
        self.batches = 0  # how many batches have run (tests read it)

    def embed_many(self, texts: Sequence[str]) -> list[np.ndarray]:
        """One vector per text, the texts going together (and with others waiting) in as few batches as fit."""
        slots = [_Slot(t) for t in texts]
        with self._cond:
            self._waiting.extend(slots)
        while True:
            with self._cond:
                while self._running and not all(s.done for s in slots):
                    self._cond.wait()
                if all(s.done for s in slots):
                    break
                self._running = True
                mine = [s for s in slots if not s.done]
                batch = [*mine, *(s for s in self._waiting if all(s is not m for m in mine))][
                    : self.max_batch
                ]
                self._waiting = [s for s in self._waiting if all(s is not b for b in batch)]
            self._run(batch)
        for s in slots:
            if s.error is not None:
                raise s.error
        return [s.vector for s in slots if s.vector is not None]

    def embed(self, text: str) -> np.ndarray:
        slot = _Slot(text)
        with self._cond:
            self._waiting.append(slot)
            while not slot.done and self._running:
                self._cond.wait()
            if not slot.done:  # nothing running: this call embeds its own text and those waiting with it
                self._running = True
                batch = [slot, *(s for s in self._waiting if s is not slot)][: self.max_batch]
                self._waiting = [s for s in self._waiting if s not in batch]
        if not slot.done:
            self._run(batch)
        if slot.error is not None:
            raise slot.error
        assert slot.vector is not None
        return slot.vector

    def _run(self, batch: list[_Slot]) -> None:
        try:
            vectors = self._encode([s.text for s in batch])
            for s, v in zip(batch, vectors, strict=True):
                s.vector = np.asarray(v, dtype=np.float32)
        except BaseException as exc:  # every caller of the batch sees the error, not only this one
            for s in batch:
                s.error = exc
        with self._cond:
            for s in batch:
                s.done = True
            self._running = False
            self.batches += 1
            self._cond.notify_all()
