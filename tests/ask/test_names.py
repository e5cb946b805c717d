"""Abbreviations the guides never write are declined, not answered from another figure (coach/ask/names.py)."""

from __future__ import annotations

from coach.ask.names import Written, unwritten_name
from coach.ingest.chunk import Chunk


def _written() -> Written:
    texts = {
        "trucks.txt": "Truck drivers need a Class 2 licence. Pay is reported by the Bureau of Labor Statistics.",
        "care.txt": "Carers need an enhanced DBS check before they start.",
    }
    return Written([Chunk(s, s, "Job", "Overview", s, 0, len(t), t) for s, t in texts.items()])


def _unwritten(question: str, sources: list[str] | None = None, expanded: str | None = None) -> str | None:
    return _written().unwritten(
        question, expanded or question, sources, lambda name: name == "NSW", frozenset({"not"})
    )


def test_an_abbreviation_no_guide_writes_is_named():
    assert _unwritten("How much does the CDL test cost?") == "CDL"
    assert _unwritten("How long does the SCAQ programme take?") == "SCAQ"
    assert _unwritten("How much does the MBLEx licensing exam cost?") == "MBLEx"  # capitals in a mixed word


def test_written_spelled_out_or_read_otherwise_is_no_unknown_name():
    assert _unwritten("How much does a DBS check cost?") is None  # written as such
    assert _unwritten("What do the BLS figures say?") is None  # spelled out: Bureau of Labor Statistics
    assert (
        _unwritten("What do carers earn in NSW?", expanded="What do carers earn in NSW?") is None
    )  # a place
    assert _unwritten("OK, and what do carers earn?") is None  # two capitals are too often a word
    assert _unwritten("Is trucking NOT for me?") is None  # a word the corpus uses, shouted
    assert _unwritten("What does an OT earn?", expanded="What does an occupational therapist earn?") is None


def test_only_the_guides_of_the_job_asked_count():
    assert _unwritten("Do I need a DBS check?", ["trucks.txt"]) == "DBS"
    assert _unwritten("Do I need a DBS check?", ["care.txt"]) is None


def test_a_proper_name_a_figure_is_asked_for_that_the_jobs_guides_never_write_is_named():
    known = {"Texas"}.__contains__  # a place, or a word of the corpus's job titles

    trucks = (
        "Truck drivers need a Class 2 licence. Pay is reported by the Bureau of Labor Statistics.".lower()
    )

    def unnamed(question: str) -> str | None:
        return unwritten_name(question, [trucks], known)

    assert unnamed("How much more do truck drivers earn around Eid?") == "Eid"
    assert unnamed("What does Marriott pay its truck drivers?") == "Marriott"
    assert unnamed("What do truck drivers earn in Texas?") is None  # a place: the place checks read it
    assert unnamed("What does the Bureau of Labor Statistics say they earn?") is None  # the guide writes it
    assert unnamed("Truck drivers earn what?") is None  # a sentence's first word is no name
    assert unwritten_name("What does Marriott pay?", [], known) is None  # no job's guides: not judged


def test_the_coach_declines_a_thing_its_guides_never_name_and_answers_one_they_spell_out(coach):
    unknown = coach.ask("How much does the CDL test cost?")
    assert unknown.refused and "never mention CDL" in unknown.answer and not unknown.citations
    spelled = coach.ask("What's the median pay for customer support according to the BLS?")
    assert not spelled.refused


def test_the_guides_that_write_a_name_are_the_ones_an_answer_about_it_may_come_from():
    written = _written()
    place = lambda name: name == "NSW"  # noqa: E731
    assert written.writers(
        "How much does a DBS check cost?", "How much does a DBS check cost?", place, set()
    ) == {"care.txt"}
    assert written.writers("What do the BLS figures say?", "What do the BLS figures say?", place, set()) == {
        "trucks.txt"
    }
    # no name asked, or one no guide writes: no guide is set apart
    assert (
        written.writers("What do carers earn in NSW?", "What do carers earn in NSW?", place, set()) == set()
    )
    assert written.writers("How much is the CDL test?", "How much is the CDL test?", place, set()) == set()


def test_a_name_of_two_words_or_more_sets_apart_the_guides_that_write_it():
    from coach.ask.names import name_writers

    texts = {"gi.txt": "join the royal gibraltar police as a constable", "vc.txt": "join the police force"}
    known = lambda name: name in ("South Africa", "Police Constable", "Gibraltar")  # noqa: E731
    assert name_writers("What is the age limit for the Royal Gibraltar Police?", texts, known) == {"gi.txt"}
    # a place or a job's title is no such name, nor a name no guide writes
    assert name_writers("What does a Police Constable earn in South Africa?", texts, known) == set()
    assert name_writers("Is the Bermuda Police Service hiring?", texts, known) == set()
    assert name_writers("Is Gibraltar hiring?", texts, known) == set()


def test_a_name_of_one_word_a_guide_writes_sets_it_apart_unless_a_common_word():
    from coach.ask.names import name_writers

    texts = {"resort.txt": "staff at the marrowby bay resort went on strike", "mine.txt": "the miners struck"}
    known = lambda name: False  # noqa: E731
    assert name_writers("Who went on strike at Marrowby last year?", texts, known) == {"resort.txt"}
    # a lone word no guide writes or several write, a short one or a common word ("Police") sets none apart
    assert name_writers("Who went on strike at Quillon last year?", texts, known) == set()
    both = {**texts, "bay.txt": "the marrowby ferry"}
    assert name_writers("Who went on strike at Marrowby last year?", both, known) == set()
    assert name_writers("Did the Police strike?", texts, known) == set()
    # four letters are a name ("Vorn", a delivery app one guide writes); three are too short to tell
    apps = {
        "app.txt": "couriers for vorn went on strike",
        "mine.txt": "the miners struck",
        "b.txt": "the ixo app",
    }
    assert name_writers("Did couriers at Vorn strike?", apps, known) == {"app.txt"}
    assert name_writers("Did couriers at Ixo strike?", apps, known) == set()
