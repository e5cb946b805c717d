"""Shared fixtures: real bundled embeddings, real Chroma in temp dirs, the real corpus indexed once per session."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest

from coach.settings import REPO_ROOT, Settings

CORPUS = REPO_ROOT / "corpus"
ARTIFACTS = REPO_ROOT / "test-artifacts"


# the keys of `coach ask --json` (and of POST /api/chat, which adds session_id and message_id)
ASK_KEYS = {
    "question",
    "standalone_question",
    "answer",
    "refused",
    "citations",
    "retrieved",
    "backend",
    "grounding_fallback",
    "timings_ms",
    "warnings",
    "understood",
    "explain",
    "suggestions",
    "low_relevance",
}


def make_settings(home: Path, **overrides: object) -> Settings:
    return Settings(home=home, corpus_dir=CORPUS, **overrides)  # type: ignore[arg-type]


def coach_over(folder: Path, home: Path, embedder):
    """A Coach over a small hand-made corpus folder, indexed in `home` with the session's embedder."""
    from coach.ask.coach import Coach
    from coach.backends import get_store
    from coach.index.generation import open_index
    from coach.ingest.pipeline import ingest

    settings = make_settings(home)
    ingest([folder], settings, embedder=embedder)
    return Coach(settings, open_index(settings), get_store(settings), embedder)


def coach_on(pages: dict[str, str], tmp_path: Path, embedder):
    """A Coach over pages written as guide files ({file name: text}) in a fresh folder of `tmp_path`."""
    folder = tmp_path / "guides"
    folder.mkdir()
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return coach_over(folder, tmp_path / "home", embedder)


@pytest.fixture(scope="session")
def data_coach(tmp_path_factory, embedder):
    """`data_coach("lists")`: a Coach over the hand-made corpus tests/data/lists, indexed once a session."""
    made: dict[str, object] = {}

    def get(name: str):
        if name not in made:
            made[name] = coach_over(
                Path(__file__).parent / "data" / name, tmp_path_factory.mktemp(name), embedder
            )
        return made[name]

    return get


@pytest.fixture(scope="session")
def embedder():
    """The real bundled all-MiniLM-L6-v2, loaded once."""
    from coach.index.embed import SentenceTransformerEmbedder

    emb = SentenceTransformerEmbedder(make_settings(Path("/nonexistent")))
    emb.embed(["warm up"])
    return emb


@pytest.fixture(scope="session")
def corpus_home(tmp_path_factory, embedder) -> Path:
    """A data directory holding the real corpus, ingested once (real embeddings, embedded Chroma)."""
    from coach.ingest.pipeline import ingest

    home = tmp_path_factory.mktemp("corpus-home")
    ingest(None, make_settings(home), embedder=embedder)
    return home


@pytest.fixture(scope="session")
def coach(corpus_home, embedder):
    """A Coach over the real corpus."""
    from coach.ask.coach import Coach
    from coach.backends import get_store
    from coach.index.generation import open_index

    settings = make_settings(corpus_home)
    return Coach(settings, open_index(settings), get_store(settings), embedder)


@pytest.fixture
def guides_dir(tmp_path) -> Path:
    """A small hand-made corpus of two guides in a temp folder."""
    d = tmp_path / "guides"
    d.mkdir()
    (d / "baker.txt").write_text(BAKER, encoding="utf-8")
    (d / "pilot.md").write_text(PILOT, encoding="utf-8")
    (d / "guides.toml").write_text(GUIDES_TOML, encoding="utf-8")
    return d


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


BAKER = """Complete Baker Career Guide
Bakers turn flour, water and patience into bread and pastries for shops, hotels and restaurants. The job starts early and rewards precision.
Key Facts & Statistics
Median Salary
$34,950 USD
(U.S. national median, May 2023, BLS)
What is a Baker?
A baker mixes, shapes and bakes dough following recipes and food safety rules. Bakers in large plants operate mixing machines, while bakers in small shops do everything by hand and talk to customers every morning.
Skills & Qualifications
Technical Skills
- Dough lamination and proofing control
- Oven management and temperature control
- Food safety and hygiene standards
Salary & Outlook
Salary by Experience Level
Level | US Median | US Average |
---|---|---|
Apprentice Baker | $28k USD | $30k USD |
Head Baker | $52k USD | $55k USD |
Frequently Asked Questions
How long does it take to become a baker?
Most bakers learn on the job in 6-12 months, and an apprenticeship takes 1-3 years.
Land your dream job with Acme Plus
Sign up now and join over 85,000 remote workers who receive personalized job alerts!
"""

GUIDES_TOML = """# the hand-made site's own furniture
[boilerplate]
cut_from = ["land your dream job with .*"]
"""

PILOT = """# Airline Pilot Guide

Airline pilots fly passengers and cargo on scheduled routes and are responsible for the safety of every flight.

## Training

Pilots need a commercial pilot licence and 1,500 flight hours before they can fly for an airline. Flight school takes about 2 years.

## Salary

Airline pilots earn a median of $219,140 a year in the United States.
"""
