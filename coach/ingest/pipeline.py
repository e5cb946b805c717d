"""The ingestion pipeline: guide files -> cleaned guides -> chunks -> active index."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coach.backends import Embedder, get_embedder, get_store
from coach.ingest.chunk import Chunk, chunk
from coach.ingest.load import load_guides
from coach.index.generation import IndexDir, IngestSummary, build_index
from coach.settings import Settings


@dataclass
class IngestResult:
    summary: IngestSummary
    warnings: list[str] = field(default_factory=list)


def corpus_chunks(paths: list[Path], settings: Settings) -> tuple[list[Chunk], int, list[str]]:
    """All chunks of the guides under `paths`, the number of guides, and load warnings."""
    loaded = load_guides(paths)
    chunks: list[Chunk] = []
    for guide in loaded.guides:
        chunks.extend(chunk(guide, settings.chunk_min_words, settings.chunk_max_words))
    return chunks, len(loaded.guides), loaded.warnings


def ingest(
    paths: list[Path] | None,
    settings: Settings,
    rebuild: bool = False,
    embedder: Embedder | None = None,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestResult:
    """Bring the index in line with the guides under `paths` (default: the corpus folder)."""
    IndexDir(settings).ensure()
    chunks, guides, warnings = corpus_chunks(paths or [settings.corpus_dir], settings)
    store = get_store(settings)
    summary = build_index(
        chunks,
        settings,
        store,
        (lambda: embedder) if embedder is not None else (lambda: get_embedder(settings)),
        guides,
        rebuild=rebuild,
        on_start=on_start,
        on_progress=on_progress,
    )
    return IngestResult(summary, warnings)
