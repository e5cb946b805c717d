"""Which guides a question may be answered from (coach/ask/gather.py: Gatherer.allowed)."""

from __future__ import annotations

from types import SimpleNamespace

from coach.ask.gather import Gatherer
from coach.ask.question import Query
from coach.ingest.chunk import Chunk


def _gatherer(pages: dict[str, tuple[str, str, str, list[str]]]) -> Gatherer:
    """{source: (title, role, text, places)} as one chunk each, with no index behind them."""
    chunks = [
        Chunk(f"c{i}", t, r, "Intro", s, 0, len(x), x) for i, (s, (t, r, x, _)) in enumerate(pages.items())
    ]
    places = {s: p for s, (_, _, _, p) in pages.items()}
    return Gatherer(chunks, None, SimpleNamespace(guide_places=places), 5, 2)  # type: ignore[arg-type]


def _query(question: str, sources: list[str], places: list[str] | None = None) -> Query:
    return Query(
        question, question, question, question, set(), set(), [], ["Police Officer"], sources, places or []
    )


PAGES = {
    "ky.txt": (
        "Police",
        "Police Officer",
        "Caymanians may join the police service as police officers.",
        ["KY"],
    ),
    "bm.txt": (
        "Applications",
        "Application",
        "Apply for the post of Constable; serve as a Student Police Officer.",
        ["BM"],
    ),
}


def test_a_country_named_anywhere_in_the_question_picks_the_guide_about_it_that_names_the_job():
    q = _query("Is there a height rule to join the Bermuda Police Service as a police officer?", ["ky.txt"])
    assert _gatherer(PAGES).allowed(q, None) == {"bm.txt"}


def test_a_guide_about_the_country_that_never_names_the_job_is_not_taken_for_it():
    pages = {**PAGES, "bm.txt": ("Nurses", "Nurse", "Nurses in Bermuda work shifts.", ["BM"])}
    q = _query("Is there a height rule to join the Bermuda Police Service as a police officer?", ["ky.txt"])
    assert _gatherer(pages).allowed(q, None) == {"ky.txt"}
