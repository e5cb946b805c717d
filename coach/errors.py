"""The error family. Every message names the bad value and the fix; the CLI prints it as one line."""

from __future__ import annotations


class CoachError(Exception):
    """Base of all errors a user of careercoach may see (CLI line, UI message, API 4xx/5xx)."""


class ConfigError(CoachError):
    """Seen by operators: a setting, config file or data directory is wrong."""


class CorpusError(CoachError):
    """Seen by operators running `coach ingest`: a guide path or file cannot be used."""


class SourceError(CorpusError):
    """Seen by operators running `coach ingest`: one guide file or URL cannot be read."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class IndexingError(CoachError):
    """Seen by operators: the index cannot be built, read or reached (Chroma, BM25, embeddings)."""


class IndexMissingError(IndexingError):
    """Seen by anyone asking before the corpus was ingested."""

    def __init__(self, where: str) -> None:
        super().__init__(f"no index found in {where}: run `coach ingest` first")


class StoreBusyError(CoachError):
    """Seen by API and UI users (as a 503): the conversation store stayed locked by another writer."""


class StorageFullError(StoreBusyError):
    """Seen by API and UI users (as a 503): the disk under COACH_HOME is full, or the store cannot be written."""


class StoreUnreachableError(StoreBusyError):
    """Seen by API and UI users (as a 503): the PostgreSQL server in COACH_DATABASE_URL cannot be reached."""


class QuestionError(CoachError):
    """Seen by job seekers: the question itself cannot be answered as given (empty, too long)."""


class ModelError(CoachError):
    """Seen by operators and users: an LLM backend failed, is missing or cannot be reached."""


class MissingExtraError(ModelError):
    """Seen by operators who picked a backend whose optional dependency is not installed."""

    def __init__(self, backend: str, extra: str, package: str) -> None:
        super().__init__(
            f"the '{backend}' backend needs {package}: install it with `pip install 'careercoach[{extra}]'`"
        )
