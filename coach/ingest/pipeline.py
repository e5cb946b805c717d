"""The ingestion pipeline: guide files -> cleaned guides -> chunks -> active index."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coach.backends import Embedder, get_embedder, get_store
from coach.errors import CorpusError
from coach.index.generation import IndexDir, IngestSummary, build_index
from coach.ingest.chunk import Chunk, chunk
from coach.ingest.load import Skipped, load_guides
from coach.ingest.profile import Profile, build_profile, load_starter_templates
from coach.ingest.sections import Guide
from coach.settings import Settings


@dataclass
class IngestResult:
    summary: IngestSummary
    warnings: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    profile: Profile | None = None


@dataclass
class Corpus:
    """A loaded corpus: its guides, their chunks, its mined profile and what was skipped."""

    guides: list[Guide]
    chunks: list[Chunk]
    profile: Profile
    warnings: list[str]
    skipped: list[Skipped]


def load_corpus(paths: list[Path | str], settings: Settings) -> Corpus:
    """Load, clean and chunk the guides under `paths`, and mine the corpus profile."""
    loaded = load_guides(paths, settings)
    chunks: list[Chunk] = []
    for guide in loaded.guides:
        chunks.extend(chunk(guide, settings.chunk_min_words, settings.chunk_max_words))
    profile = build_profile(
        loaded.guides, chunks, load_starter_templates(settings.prompts_dir), loaded.config.synonyms
    )
    return Corpus(loaded.guides, chunks, profile, loaded.warnings, loaded.skipped)


def corpus_chunks(paths: list[Path | str], settings: Settings) -> tuple[list[Chunk], int, list[str]]:
    """All chunks of the guides under `paths`, the number of guides, and load warnings."""
    corpus = load_corpus(paths, settings)
    return corpus.chunks, len(corpus.guides), corpus.warnings + [str(s) for s in corpus.skipped]


def ingest(
    paths: list[Path | str] | None,
    settings: Settings,
    rebuild: bool = False,
    embedder: Embedder | None = None,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestResult:
    """Bring the index in line with the guides under `paths` (default: the corpus folder)."""
    IndexDir(settings).ensure()
    corpus = load_corpus(paths or [settings.corpus_dir], settings)
    if not corpus.guides:  # never replace the live index with nothing
        reasons = "; ".join(str(s) for s in corpus.skipped) or "no guide files"
        raise CorpusError(f"no guide could be read, so the index was left as it was: {reasons}")
    store = get_store(settings)
    summary = build_index(
        corpus.chunks,
        settings,
        store,
        (lambda: embedder) if embedder is not None else (lambda: get_embedder(settings)),
        len(corpus.guides),
        rebuild=rebuild,
        on_start=on_start,
        on_progress=on_progress,
        profile=corpus.profile.to_dict(),
    )
    return IngestResult(summary, corpus.warnings, corpus.skipped, corpus.profile)
