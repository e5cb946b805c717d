"""Unit scoring helpers (coach/ask/units.py)."""

import pytest

from coach.ask.asks import kinds_asked, states_kind
from coach.ask.stems import kin_count as _kin_count
from coach.ask.units import _DURATION
from coach.ingest import figures
from coach.ingest.chunk import Unit
from coach.ingest.measures import measures


def test_a_kin_word_of_another_stem_is_counted_once_the_stems_differ() -> None:
    """ "registration" and "registered" stem apart ("registr", "regist") but open alike: the unit holds the word asked."""
    text = "Candidates must be registered in the Social Work Register."
    unit = Unit("c", 0, "sentence", text, text)
    assert _kin_count({"registration"}, unit) == 1
    assert _kin_count({"experience", "job"}, unit) == 0


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("Graduates join a 6-month rotation.", True),
        ("It takes 2-5 years of training.", True),
        ("You must be at least 18 years of age.", False),
        ("35-year-old Ms Tan trains new nannies.", False),
        ("Applicants must be 21 years old.", False),
    ],
)
def test_a_length_of_time_is_no_age_in_every_reading_of_one(text: str, duration: bool) -> None:
    """The unit feature's, the experience measure's, the ingest figure's and asks.toml's duration agree."""
    assert bool(_DURATION.search(text)) is duration
    assert measures()["experience"].found_in(text) is duration
    assert bool(figures._DURATION.search(text)) is duration
    assert states_kind("duration", text) is duration


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Both men and women do the work, and workers must be 18.", True),
        ("You must be 21 or over to apply.", True),
        ("Applicants must be 18 to 26 years old.", True),
        ("You must be 40 hours available a week.", False),
        ("Your grades must be 50% or more.", False),
        ("The placement must be 12 months long.", False),
    ],
)
def test_an_age_is_stated_by_a_bare_must_be_or_or_over(text: str, age: bool) -> None:
    assert states_kind("age", text) is age


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("When does the new minimum pay kick in?", True),
        ("and when would I actually start work?", True),
        ("What month does the harvest wrap up?", True),
        ("Since when has the trade been short of workers?", True),
        ("When a pilot boards, does the captain stay in command?", False),
        ("How much do I earn when I start?", False),
    ],
)
def test_a_question_opening_on_when_asks_a_time(question: str, asked: bool) -> None:
    assert ("date" in kinds_asked(question)) is asked


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The harvest runs until the end of November.", True),
        ("The deadline is 7pm Friday, 25th October 2024.", True),
        ("The decree promised it a year and a half ago.", True),
        ("By 6:00 PM, I pack up.", True),
        ("You may apply online.", False),
        ("Pay is $5 an hour for 40 hours a week.", False),
    ],
)
def test_a_time_is_stated_by_a_month_a_day_a_year_or_a_time_ago(text: str, date: bool) -> None:
    assert states_kind("date", text) is date


def test_the_focus_is_the_question_less_the_words_of_the_jobs_and_places_it_names() -> None:
    """What every passage of the asked job's guide shares says nothing of what is asked: the focus leaves it out."""
    import numpy as np

    from coach.ask.question import Query
    from coach.ask.units import UnitScorer

    seen: list[str] = []

    def embed(text: str) -> np.ndarray:
        seen.append(text)
        return np.ones(3)

    from coach.ask.jobs import TitleIndex

    scorer = UnitScorer.__new__(UnitScorer)
    scorer.embed_query, scorer._focus_cache = embed, {}
    scorer.titles = TitleIndex(["Hazelnut Picker"], " hazelnut pickers get meals ")
    question = "Do hazelnut pickers in Turkey get meals?"
    q = Query(question, question, question, question, set(), set(), [], ["Hazelnut Picker"], [], ["Turkey"])
    qvec = np.zeros(3)
    assert scorer._focus_vector(question, qvec, q) is not qvec
    assert seen == ["Do in get meals"]
    scorer._focus_vector(question, qvec, q)
    assert seen == ["Do in get meals"]  # embedded once
    # a place the question stage keeps none of (a guide's own country) is left out all the same
    unplaced = Query(question, question, question, question, set(), set(), [], ["Hazelnut Picker"], [], [])
    assert scorer.focus_text(question, unplaced) == "Do in get meals"
    # a question naming no job or place is its own focus: no second embedding
    bare = Query("What do they eat?", "", "", "", set(), set(), [], [], [])
    assert scorer._focus_vector("What do they eat?", qvec, bare) is qvec
