"""Bounded ingest (issue 16, item 5): a guide of any shape is read in linear time or skipped with a reason naming
the limit; a guide that yields nothing fails; `seconds` counts every stage."""

from __future__ import annotations

import time
from pathlib import Path

from coach.ingest import pipeline
from coach.ingest.chunk import chunk as real_chunk
from coach.ingest.clean import clean_lines, repair_text
from coach.ingest.pipeline import load_corpus
from coach.ingest.sections import parse_guide
from tests.conftest import make_settings


def test_a_guide_of_too_many_lines_is_skipped_at_once(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "dump.txt").write_text("\n".join(["nurse"] * 60_000))
    started = time.perf_counter()
    corpus = load_corpus([folder], make_settings(tmp_path))
    assert time.perf_counter() - started < 5
    assert corpus.guides == [] and "COACH_MAX_GUIDE_LINES" in corpus.skipped[0].reason


def test_continuation_lines_join_in_linear_time():
    lines, _ = clean_lines(repair_text("Nurses\n" + "\n".join(["and more care"] * 40_000)))
    started = time.perf_counter()
    guide = parse_guide(lines, "long.txt", title="Nurses", role="Nurse")
    assert time.perf_counter() - started < 20  # was quadratic: each line copied the growing text
    assert guide.clean_text.count("and more care") == 40_000


def test_a_guide_that_yields_no_passage_fails_and_one_too_long_is_skipped(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "nurse.txt").write_text(
        "Nurses\n\nNurses care for patients in hospitals and earn $60,000 a year.\n"
    )
    settings = make_settings(tmp_path, max_guide_chunks=1)
    (folder / "long.txt").write_text(
        "Welders\n\n"
        + "\n\n".join(f"Welders join metal part {i} with heat and filler rods." * 30 for i in range(40))
    )
    # a page whose every line is one repeated shape makes no passage: stood in for by a chunker making none
    monkeypatch.setattr(
        pipeline, "chunk", lambda g, a, b: [] if g.source == "nurse.txt" else real_chunk(g, a, b)
    )
    corpus = load_corpus([folder], settings)
    reasons = {Path(s.source).name: s.reason for s in corpus.skipped}
    assert reasons["nurse.txt"].startswith("no text found") and all(s.failed for s in corpus.skipped)
    assert "COACH_MAX_GUIDE_CHUNKS" in reasons["long.txt"]
    assert corpus.guides == []


def test_seconds_count_the_reading_stage(tmp_path, monkeypatch, embedder):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "nurse.txt").write_text(
        "Nurses\n\nNurses care for patients in hospitals and earn $60,000 a year.\n"
    )
    real = pipeline.load_corpus

    def slow(*args, **kwargs):
        time.sleep(0.5)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load_corpus", slow)
    result = pipeline.ingest([folder], make_settings(tmp_path), embedder=embedder)
    assert result.summary.seconds >= 0.5
