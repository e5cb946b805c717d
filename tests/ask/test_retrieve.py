"""Hybrid retrieval on small hand-made corpora where the right ranking is obvious."""

from __future__ import annotations

import pytest

from coach.ask.retrieve import Hit, Retriever, diversify
from coach.backends import get_store
from coach.index.generation import open_index
from coach.ingest.chunk import Chunk
from coach.ingest.pipeline import ingest
from tests.conftest import make_settings


@pytest.fixture
def retriever(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h")
    ingest([guides_dir], settings, embedder=embedder)
    return Retriever(open_index(settings), get_store(settings), embedder)


def test_obvious_rankings(retriever):
    assert (
        "1,500 flight hours"
        in retriever.retrieve("How many flight hours does a pilot need?", 5)[0].chunk.text
    )
    assert (
        "Head Baker | $52k USD"
        in retriever.retrieve("apprentice and head baker median and average", 5)[0].chunk.text
    )
    assert retriever.retrieve("dough lamination oven temperature", 5)[0].chunk.section.endswith(
        "Technical Skills"
    )


def test_hits_carry_scores_and_ranks(retriever):
    hits = retriever.retrieve("pilot salary", 4)
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    top = hits[0]
    assert (
        top.dense is not None
        and top.dense_rank is not None
        and top.bm25 is not None
        and top.bm25_rank is not None
    )
    assert set(top.to_dict()) >= {"chunk_id", "guide", "section", "text", "score", "dense", "bm25"}


def test_guide_filter(retriever):
    hits = retriever.retrieve("salary", 10, guide="pilot.md")
    assert hits and {h.chunk.source for h in hits} == {"pilot.md"}
    assert retriever.retrieve("salary", 10, guide="Airline Pilot Guide")[0].chunk.source == "pilot.md"


def _hit(source: str, section: str, n: int) -> Hit:
    return Hit(Chunk(f"{source}{section}{n}", "G", "R", section, source, 0, 1, "x"), 1.0 / n)


def test_diversity_caps_sections_and_guides():
    hits = (
        [_hit("a.txt", "S1", n) for n in range(1, 6)]
        + [_hit("a.txt", "S2", n) for n in range(6, 9)]
        + [_hit("b.txt", "T", 9)]
    )
    picked = diversify(hits, 5, per_section_cap=2)
    sections = [(h.chunk.source, h.chunk.section) for h in picked]
    # capped picks first (2 per section, 3 per guide), then the best of the rest fill the list
    assert sections == [("a.txt", "S1"), ("a.txt", "S1"), ("a.txt", "S2"), ("b.txt", "T"), ("a.txt", "S1")]


def test_top_scores_is_a_stable_sort_of_positive_scores_within_the_mask():
    import numpy as np

    from coach.ask.retrieve import top_scores

    scores = np.array([0.0, 2.0, 1.0, 2.0, 3.0, 1.0, 1.0, -1.0])
    assert top_scores(scores, 3) == [4, 1, 3]
    assert top_scores(scores, 5) == [4, 1, 3, 2, 5]  # ties keep position order, as a stable sort does
    assert top_scores(scores, 99) == [4, 1, 3, 2, 5, 6]  # zero and negative scores never make it
    mask = np.array([True, False, True, True, False, True, True, True])
    assert top_scores(scores, 3, mask) == [3, 2, 5]
    assert top_scores(np.zeros(0), 3) == []
