"""Every swappable part in one place: tiny Protocols and string-keyed registries.

A backend is named in settings (`COACH_LLM=openai`, `COACH_EMBEDDER=...`, the scheme of
`COACH_DATABASE_URL`) and imported only when
chosen, so a missing optional extra costs nothing until someone picks it. To add one, write a
class with the Protocol's methods and add a line to its registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from coach.errors import ConfigError

if TYPE_CHECKING:
    import numpy as np

    from coach.settings import Settings


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors (rows), one per text."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


@runtime_checkable
class VectorStore(Protocol):
    """Named collections of vectors with metadata; cosine similarity search."""

    def write(
        self, name: str, ids: list[str], vectors: np.ndarray, metadatas: list[dict[str, Any]]
    ) -> None: ...

    def vectors(self, name: str, ids: list[str]) -> dict[str, np.ndarray]: ...

    def search(
        self, name: str, vector: np.ndarray, k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]: ...

    def drop(self, name: str) -> None: ...

    def names(self) -> list[str]: ...


Message = dict[str, str]  # {"role": "system"|"user"|"assistant", "content": "..."}


@runtime_checkable
class ChatModel(Protocol):
    """An LLM that answers a list of chat messages, whole or streamed."""

    name: str

    def invoke(self, messages: list[Message]) -> str: ...

    def stream(self, messages: list[Message]) -> Iterator[str]: ...


@runtime_checkable
class ConversationStore(Protocol):
    """Conversations, feedback and rate-limit counts, kept across restarts (and shared by hosts on one database).
    Write failures raise StoreBusyError (503s); `writable` says why writes fail now, for /api/health."""

    def session(self, session_id: str | None) -> str: ...

    def history(self, session_id: str, limit: int = 8) -> list[dict[str, str]]: ...

    def add_exchange(self, session_id: str, question: str, answer: str, result: dict[str, Any]) -> str: ...

    def add_feedback(self, session_id: str, message_id: str, rating: str, reason: str | None) -> bool: ...

    def messages(self, session_id: str, offset: int = 0, limit: int = -1) -> list[dict[str, Any]] | None: ...

    def count(self, session_id: str) -> int: ...

    def delete(self, session_id: str) -> bool: ...

    def hit(self, client: str, window_start: int, window_s: int, add: int = 1) -> tuple[int, int]: ...

    def writable(self) -> str | None: ...


# name -> "module:factory"; a factory takes Settings and returns the backend.
EMBEDDERS: dict[str, str] = {
    "sentence-transformers": "coach.index.embed:SentenceTransformerEmbedder",
    "fake": "coach.index.embed:FakeEmbedder",
}
STORES: dict[str, str] = {
    "chroma": "coach.index.store:ChromaStore",
    "memory": "coach.index.store:MemoryStore",
}
CHAT_MODELS: dict[str, str] = {
    "openai": "coach.ask.llms:OpenAIChatModel",
    "llamacpp": "coach.ask.llms:LlamaCppChatModel",
    "fake": "coach.ask.llms:FakeChatModel",
}
CONVERSATION_STORES: dict[str, str] = {  # the scheme of COACH_DATABASE_URL
    "sqlite": "coach.serve.sessions:open_sqlite",
    "postgresql": "coach.serve.sessions_pg:open_postgres",
}
ANSWERERS = ("extractive", *CHAT_MODELS)  # "extractive" needs no chat model


def _load(registry: dict[str, str], kind: str, name: str) -> Any:
    try:
        target = registry[name]
    except KeyError:
        choices = ", ".join(sorted(registry))
        raise ConfigError(f"unknown {kind} '{name}': choose one of {choices}") from None
    module, attr = target.split(":")
    return getattr(importlib.import_module(module), attr)


def get_embedder(settings: Settings) -> Embedder:
    """The embedder named by `settings.embedder`."""
    return _load(EMBEDDERS, "embedder", settings.embedder)(settings)  # type: ignore[no-any-return]


def get_store(settings: Settings) -> VectorStore:
    """The vector store named by `settings.store`."""
    return _load(STORES, "store", settings.store)(settings)  # type: ignore[no-any-return]


def get_chat_model(name: str, settings: Settings) -> ChatModel:
    """The chat model registered as `name` (openai, llamacpp, fake)."""
    return _load(CHAT_MODELS, "LLM backend", name)(settings)  # type: ignore[no-any-return]


def get_conversations(settings: Settings) -> ConversationStore:
    """The conversation store COACH_DATABASE_URL names (empty: SQLite in COACH_HOME)."""
    from coach.settings import database_scheme

    try:
        scheme = database_scheme(settings.database_url)
        factory = _load(CONVERSATION_STORES, "database", scheme)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("psycopg"):
            raise
        raise ConfigError(
            "COACH_DATABASE_URL names a PostgreSQL server, which needs psycopg: install it with "
            "`pip install 'careercoach[postgres]'`"
        ) from None
    return factory(settings)  # type: ignore[no-any-return]
