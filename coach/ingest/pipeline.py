"""The ingestion pipeline: guide files -> cleaned guides -> chunks -> active index, never losing live guides.

`coach ingest FILE…` (files or URLs) adds or updates those guides and keeps the rest of the live index;
a folder (or the default corpus folder, or `replace=True`) is the whole corpus. Either way a run where a
source failed, or that would remove live guides, keeps the live index and raises `IngestRefused` with
the summary, unless the caller allows it (`allow_shrink`; `replace` allows removals).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.backends import Embedder, get_embedder, get_store
from coach.errors import CorpusError
from coach.index.generation import IndexDir, IngestSummary, build_index, read_chunks
from coach.ingest import unchanged
from coach.ingest.chunk import Chunk, chunk
from coach.ingest.load import Skipped, is_url, load_guides
from coach.ingest.profile import GuideInfo, Profile, build_profile, load_starter_templates
from coach.ingest.sections import Guide
from coach.settings import Settings


@dataclass
class IngestResult:
    summary: IngestSummary
    warnings: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    profile: Profile | None = None
    mode: str = "corpus"  # "corpus": the sources are the whole corpus; "add": they join the live index
    kept: list[str] = field(default_factory=list)  # live guides kept as they were (add mode)
    removed_guides: list[str] = field(default_factory=list)  # live guides this run removed
    would_remove: list[str] = field(default_factory=list)  # live guides a refused run would have removed
    refused: bool = False
    guides: list[Guide] = field(default_factory=list)  # the guides read by this run
    replayed_flags: list[dict[str, Any]] = field(default_factory=list)  # a replayed run's lines left out

    @property
    def flagged(self) -> list[dict[str, Any]]:
        """The guide lines left out as instructions or requests: {guide, line, reason, text} each."""
        read = [{"guide": g.source, **f.to_dict()} for g in self.guides for f in g.flags]
        return read + self.replayed_flags

    @property
    def failed(self) -> list[Skipped]:
        """Sources that could not be read (not those left out at the corpus boundary)."""
        return [s for s in self.skipped if s.failed]

    def to_dict(self) -> dict[str, object]:
        """The `coach ingest --json` object: the index summary plus what was skipped, kept and removed."""
        return {
            **self.summary.to_dict(),
            "skipped": [s.to_dict() for s in self.skipped],
            "failed": [s.to_dict() for s in self.failed],
            "mode": self.mode,
            "kept": self.kept,
            "removed_guides": self.removed_guides,
            "would_remove": self.would_remove,
            "refused": self.refused,
            "flagged": self.flagged,
        }


class IngestRefused(CorpusError):
    """Seen by operators running `coach ingest`: the run would lose live guides, so the live index was kept."""

    def __init__(self, message: str, result: IngestResult) -> None:
        super().__init__(message)
        self.result = result


@dataclass
class Corpus:
    """A loaded corpus: its guides, their chunks, its mined profile and what was skipped."""

    guides: list[Guide]
    chunks: list[Chunk]
    profile: Profile
    warnings: list[str]
    skipped: list[Skipped]
    synonyms: dict[str, str] = field(default_factory=dict)  # the corpus config's own


def load_corpus(
    paths: list[Path | str], settings: Settings, on_source: Callable[[int, int], None] | None = None
) -> Corpus:
    """Load, clean and chunk the guides under `paths`, and mine the corpus profile."""
    loaded = load_guides(paths, settings, on_source)
    chunks: list[Chunk] = []
    kept: list[Guide] = []
    for guide in loaded.guides:
        made = chunk(guide, settings.chunk_min_words, settings.chunk_max_words)
        if not made:
            # a page of nothing but furniture or of one repeated line shape: a failure, never an empty guide
            loaded.skipped.append(
                Skipped(guide.source, "no text found: the guide yields no passage to answer from")
            )
        elif len(made) > settings.max_guide_chunks:
            loaded.skipped.append(
                Skipped(
                    guide.source,
                    f"it makes {len(made):,} passages, over the {settings.max_guide_chunks:,} allowed for one guide "
                    "(COACH_MAX_GUIDE_CHUNKS): split it into smaller guides or raise the limit",
                )
            )
        else:
            kept.append(guide)
            chunks.extend(made)
    loaded.guides = kept
    synonyms = loaded.config.synonyms
    profile = build_profile(loaded.guides, chunks, load_starter_templates(settings.prompts_dir), synonyms)
    notes = [f"{g.source}: {note}" for g in profile.guides for note in g.notes]
    return Corpus(loaded.guides, chunks, profile, loaded.warnings + notes, loaded.skipped, synonyms)


def corpus_chunks(paths: list[Path | str], settings: Settings) -> tuple[list[Chunk], int, list[str]]:
    """All chunks of the guides under `paths`, the number of guides, and load warnings."""
    corpus = load_corpus(paths, settings)
    return corpus.chunks, len(corpus.guides), corpus.warnings + [str(s) for s in corpus.skipped]


@dataclass
class Live:
    """The active generation as the pipeline needs it: its guides in order, their chunks and its profile."""

    generation: str
    chunks: dict[str, list[Chunk]]  # source -> chunks, in index order
    infos: dict[str, GuideInfo]  # source -> what the profile recorded (or what the chunks tell)
    profile: Profile

    @classmethod
    def read(cls, settings: Settings) -> Live | None:
        index = IndexDir(settings)
        active = index.active()
        if not active:
            return None
        gen_dir = index.root / active["generation"]
        try:
            chunks = read_chunks(gen_dir / "chunks.jsonl")
        except FileNotFoundError:
            return None
        try:
            profile = Profile.from_dict(json.loads((gen_dir / "profile.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            profile = Profile()
        by_source: dict[str, list[Chunk]] = {}
        for c in chunks:
            by_source.setdefault(c.source, []).append(c)
        infos = {g.source: g for g in profile.guides}
        for source, cs in by_source.items():  # an index without a profile: rebuild the records from chunks
            infos.setdefault(
                source, GuideInfo(source, cs[0].guide, cs[0].role, None, cs[0].url, None, "txt", {})
            )
        return cls(active["generation"], by_source, infos, profile)

    def synonyms(self) -> dict[str, str]:
        """The live corpus config's own synonyms: the profile's, less the acronyms its guides define and the other
        names they give their jobs."""
        mined: set[str] = {k for g in self.infos.values() for k in [*(g.acronyms or {}), *(g.names or [])]}
        return {k: v for k, v in self.profile.synonyms.items() if k not in mined}


def _merge(corpus: Corpus, live: Live) -> tuple[list[Guide | GuideInfo], list[Chunk], list[str]]:
    """Add mode: live guides in their order, re-read ones replaced, new ones appended; and the kept sources."""
    new = {g.source: g for g in corpus.guides}
    by_source: dict[str, list[Chunk]] = {}
    for c in corpus.chunks:
        by_source.setdefault(c.source, []).append(c)
    guides: list[Guide | GuideInfo] = []
    chunks: list[Chunk] = []
    kept: list[str] = []
    for source, info in live.infos.items():
        if source in new:
            guides.append(new[source])
            chunks.extend(by_source.get(source, []))
        else:
            guides.append(info)
            chunks.extend(live.chunks.get(source, []))
            kept.append(source)
    for g in corpus.guides:
        if g.source not in live.infos:
            guides.append(g)
            chunks.extend(by_source.get(g.source, []))
    return guides, chunks, kept


def _listing(names: list[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def refusal(result: IngestResult, live: Live) -> str:
    """The one-line summary of a refused run: what failed, what would go, and how to go ahead."""
    parts = [f"kept the live index ({len(live.infos)} guides, generation {live.generation})"]
    failed = result.failed
    if failed:
        parts.append(
            f"{len(failed)} source{'s' if len(failed) != 1 else ''} failed "
            f"({_listing([f'{s.source}: {s.reason}' for s in failed], 3)})"
        )
    if result.would_remove:
        n = len(result.would_remove)
        parts.append(f"{n} guide{'s' if n != 1 else ''} would be removed ({_listing(result.would_remove)})")
    if failed:
        fix = "fix the sources, or pass --allow-shrink (or --prune) to index what could be read"
    else:
        fix = (
            "pass --allow-shrink (or --prune) to remove them, or ingest single files to add or update guides"
        )
    return "; ".join(parts) + ": " + fix


def ingest(
    paths: list[Path | str] | None,
    settings: Settings,
    rebuild: bool = False,
    embedder: Embedder | None = None,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    allow_shrink: bool = False,
    replace: bool = False,
    on_source: Callable[[int, int], None] | None = None,
) -> IngestResult:
    """Bring the index in line with the guides under `paths` (default: the corpus folder).

    Folders (and the default) are the whole corpus; files and URLs are added to the live index unless `replace`.
    Raises IngestRefused, keeping the live index, when a source failed or live guides would be removed,
    unless `allow_shrink` (removals alone are allowed by `replace`).
    """
    started = time.perf_counter()  # `seconds` counts every stage: reading and parsing too, not only indexing
    IndexDir(settings).ensure()
    given: list[Path | str] = list(paths or [settings.corpus_dir])
    whole = (
        replace
        or not paths
        or any(not (isinstance(p, str) and is_url(p)) and Path(p).is_dir() for p in given)
    )
    options = {"whole": whole, "replace": replace, "allow_shrink": allow_shrink}
    key = None if rebuild else unchanged.digest(given, settings, options)
    if key is not None and (seen := unchanged.recall(settings, key)) is not None:
        return _replayed(seen, started)
    corpus = load_corpus(given, settings, on_source)
    live = Live.read(settings)
    result = IngestResult(
        IngestSummary(0, 0, 0, 0, 0, 0.0),
        corpus.warnings,
        corpus.skipped,
        corpus.profile,
        mode="corpus" if whole else "add",
        guides=corpus.guides,
    )
    guides: list[Guide | GuideInfo] = list(corpus.guides)
    chunks, profile = corpus.chunks, corpus.profile
    if live is not None:
        if whole:
            loaded = {g.source for g in corpus.guides}
            result.would_remove = [s for s in live.infos if s not in loaded]
        else:
            guides, chunks, result.kept = _merge(corpus, live)
        if (result.failed or (result.would_remove and not replace)) and not allow_shrink:
            n = sum(len(cs) for cs in live.chunks.values())
            result.summary = IngestSummary(len(live.infos), n, 0, n, 0, time.perf_counter() - started)
            result.refused = True
            raise IngestRefused(refusal(result, live), result)
    if not corpus.guides:  # never replace the live index with nothing
        reasons = "; ".join(str(s) for s in corpus.skipped) or "no guide files"
        raise CorpusError(f"no guide could be read, so the index was left as it was: {reasons}")
    if live is not None and not whole:
        synonyms = {**live.synonyms(), **corpus.synonyms}
        profile = build_profile(guides, chunks, load_starter_templates(settings.prompts_dir), synonyms)
        result.profile = profile
    result.removed_guides, result.would_remove = result.would_remove, []
    replay = unchanged.record(result, len(guides), len(chunks)) if key else None
    result.summary = build_index(
        chunks,
        settings,
        get_store(settings),
        (lambda: embedder) if embedder is not None else (lambda: get_embedder(settings)),
        len(guides),
        rebuild=rebuild,
        on_start=on_start,
        on_progress=on_progress,
        profile=profile.to_dict(),
        expect_generation=live.generation if live is not None else None,
        inputs=(key, replay) if key and replay else None,
    )
    result.summary.seconds = time.perf_counter() - started
    return result


def _replayed(seen: dict[str, object], started: float) -> IngestResult:
    """The result of a run whose inputs the active generation was built from: every passage unchanged."""
    guides, chunks = int(seen["guides"]), int(seen["chunks"])  # type: ignore[call-overload]
    return IngestResult(
        IngestSummary(guides, chunks, 0, chunks, 0, time.perf_counter() - started),
        [str(w) for w in seen.get("warnings") or []],  # type: ignore[attr-defined]
        [Skipped(s["source"], s["reason"], bool(s["failed"])) for s in seen.get("skipped") or []],  # type: ignore[attr-defined]
        mode=str(seen.get("mode") or "corpus"),
        kept=[str(k) for k in seen.get("kept") or []],  # type: ignore[attr-defined]
        replayed_flags=[dict(f) for f in seen.get("flagged") or []],  # type: ignore[attr-defined]
    )
