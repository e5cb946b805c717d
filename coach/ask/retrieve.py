"""Stage 5: a question -> ranked `Hit`s, fusing dense (Chroma) and BM25 rankings with reciprocal rank fusion.

Diversity: at most `per_section_cap` passages of one section and a bounded share of one guide make
the top results, so one long guide cannot crowd out the others.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from coach.backends import Embedder, VectorStore
from coach.index.generation import LoadedIndex, tokenize_for_bm25
from coach.ingest.chunk import Chunk

RRF_K = 60


@dataclass
class Hit:
    """A retrieved passage with the reasons for its place: fused score, and each ranking's score and rank."""

    chunk: Chunk
    score: float
    dense: float | None = None
    dense_rank: int | None = None
    bm25: float | None = None
    bm25_rank: int | None = None
    rank: int = 0
    fused_rank: int = 0  # the rank retrieval gave it, before any reranking
    rerank: float | None = None  # the best answer unit's score, when the coach reorders hits by it

    def to_dict(self) -> dict[str, Any]:
        c = self.chunk
        return {
            "chunk_id": c.id,
            "guide": c.guide,
            "source": c.source,
            "section": c.section,
            "text": c.text,
            "score": round(self.score, 6),
            "dense": None if self.dense is None else round(self.dense, 6),
            "dense_rank": self.dense_rank,
            "bm25": None if self.bm25 is None else round(self.bm25, 6),
            "bm25_rank": self.bm25_rank,
            "rerank": None if self.rerank is None else round(self.rerank, 6),
        }


class Retriever:
    """Hybrid retrieval over one loaded index generation."""

    def __init__(self, index: LoadedIndex, store: VectorStore, embedder: Embedder) -> None:
        self.index = index
        self.store = store
        self.embedder = embedder
        self.by_id = {c.id: c for c in index.chunks}
        self.sources = sorted({c.source for c in index.chunks})
        # chunk positions by each name a filter may use (file, guide title, role): filters cost O(matches), not O(chunks)
        self.by_source: dict[str, list[int]] = {}
        self.by_name: dict[str, set[int]] = {}
        for i, c in enumerate(index.chunks):
            self.by_source.setdefault(c.source, []).append(i)
            for name in {c.source, c.guide, c.role}:
                self.by_name.setdefault(name, set()).add(i)

    def embed_query(self, text: str) -> np.ndarray:
        one = getattr(self.embedder, "embed_query", None)
        return one(text) if one is not None else self.embedder.embed([text])[0]

    def embed_queries(self, texts: list[str]) -> list[np.ndarray]:
        """Several query vectors in one encoder call where the embedder can (each remembered as `embed_query`
        remembers one), else one at a time."""
        many = getattr(self.embedder, "embed_queries", None)
        return list(many(texts)) if many is not None else [self.embed_query(t) for t in texts]

    def bm25_scores(self, query: str) -> np.ndarray:
        if self.index.bm25 is None:
            return np.zeros(0)
        tokens = tokenize_for_bm25([query])
        vocab_inv = {v: k for k, v in tokens.vocab.items()}
        words = [vocab_inv[i] for i in tokens.ids[0] if vocab_inv.get(i)]
        known = [w for w in words if w in self.index.bm25.vocab_dict]
        if not known:
            return np.zeros(len(self.index.chunks))
        return np.asarray(self.index.bm25.get_scores(known), dtype=np.float64)

    def _positions(self, guide: str | None, sources: set[str] | None) -> set[int]:
        """Chunk positions of the guide whose file, title or role is `guide`, within the files `sources`."""
        named = self.by_name.get(guide, set()) if guide else None
        if sources is None:
            return set(named or ())
        within = {i for s in sources for i in self.by_source.get(s, ())}
        return within if named is None else within & named

    def retrieve(
        self,
        query: str,
        k: int = 10,
        guide: str | None = None,
        per_section_cap: int = 2,
        query_vector: np.ndarray | None = None,
        sources: set[str] | None = None,
    ) -> list[Hit]:
        """The top `k` passages for `query`, optionally only from the guide whose file or title is `guide`
        and from the guide files in `sources` (the guides about the jobs a question names)."""
        chunks = self.index.chunks
        if not chunks:
            return []
        allowed: set[str] | None = None
        mask: np.ndarray | None = None
        if guide or sources is not None:
            picked_at = self._positions(guide, sources)
            allowed = {chunks[i].id for i in picked_at}
            mask = np.zeros(len(chunks), dtype=bool)
            mask[list(picked_at)] = True
        pool = min(len(chunks), max(50, k * 5))
        vector = query_vector if query_vector is not None else self.embed_query(query)
        where = None
        if allowed:
            names = sorted({self.by_id[i].source for i in allowed})
            where = {"source": names[0]} if len(names) == 1 else {"source": {"$in": names}}
        dense = self.store.search(self.index.collection, vector, pool, where) if allowed != set() else []
        scores = self.bm25_scores(query)
        bm25 = [(chunks[i].id, float(scores[i])) for i in top_scores(scores, pool, mask)]

        hits: dict[str, Hit] = {}
        for rank, (cid, sim) in enumerate(dense, 1):
            if cid in self.by_id:
                hit = hits.setdefault(cid, Hit(self.by_id[cid], 0.0))
                hit.dense, hit.dense_rank = sim, rank
                hit.score += 1.0 / (RRF_K + rank)
        for rank, (cid, score) in enumerate(bm25, 1):
            hit = hits.setdefault(cid, Hit(self.by_id[cid], 0.0))
            hit.bm25, hit.bm25_rank = score, rank
            hit.score += 1.0 / (RRF_K + rank)
        fused = sorted(hits.values(), key=lambda h: (-h.score, h.dense_rank or 10**6))
        one_guide = allowed is not None and len({self.by_id[i].source for i in allowed}) <= 1
        picked = diversify(fused, k, per_section_cap, single_guide=one_guide)
        # each ranking's top two always make the list: a passage one method is sure of is not fused away
        have = {h.chunk.id for h in picked}
        must = dict.fromkeys(cid for cid, _ in (dense[:2] + bm25[:2]) if cid in hits)
        missing = [hits[cid] for cid in must if cid not in have]
        if missing:
            picked = picked[: max(0, k - len(missing))] + missing
            picked.sort(key=lambda h: (-h.score, h.dense_rank or 10**6))
            for n, hit in enumerate(picked, 1):
                hit.rank = hit.fused_rank = n
        return picked


def top_scores(scores: np.ndarray, k: int, mask: np.ndarray | None = None) -> list[int]:
    """Positions of the `k` best positive scores (within `mask`), best first, ties in position order:
    what a stable sort of every score gives, in O(n) numpy instead of an O(n log n) sort and a Python loop."""
    if not len(scores):
        return []
    at = np.flatnonzero(scores > 0)
    if mask is not None:
        at = at[mask[at]]
    if len(at) > k:
        values = scores[at]
        kth = np.partition(values, len(at) - k)[len(at) - k]  # the k-th largest score
        above = at[values > kth]
        at = np.concatenate([above, at[values == kth][: k - len(above)]])
    return [int(i) for i in at[np.lexsort((at, -scores[at]))]]


def diversify(hits: list[Hit], k: int, per_section_cap: int, single_guide: bool = False) -> list[Hit]:
    """Keep ranking order but cap passages per section and per guide; fill up with the rest if short."""
    guide_cap = k if single_guide else max(3, math.ceil(k * 0.6))
    picked: list[Hit] = []
    skipped: list[Hit] = []
    per_section: dict[tuple[str, str], int] = {}
    per_guide: dict[str, int] = {}
    for hit in hits:
        key = (hit.chunk.source, hit.chunk.section)
        if per_section.get(key, 0) >= per_section_cap or per_guide.get(hit.chunk.source, 0) >= guide_cap:
            skipped.append(hit)
            continue
        per_section[key] = per_section.get(key, 0) + 1
        per_guide[hit.chunk.source] = per_guide.get(hit.chunk.source, 0) + 1
        picked.append(hit)
        if len(picked) == k:
            break
    for hit in skipped:
        if len(picked) >= k:
            break
        picked.append(hit)
    for n, hit in enumerate(picked, 1):
        hit.rank = hit.fused_rank = n
    return picked
