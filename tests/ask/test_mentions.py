"""Jobs a guide speaks of without a title of its own (coach/ask/mentions.py), and questions about them."""

from __future__ import annotations

from dataclasses import replace

from coach.ask.mentions import Mentions, job_pattern
from coach.ask.question import understand
from coach.ingest.chunk import Chunk, split_units

PAGES = {
    "aero.txt": (
        "Engineer",
        "Careers",
        "- Non-destructive testing (NDT) inspector. You can be promoted to supervisor and draw an average salary "
        "of $3,200 to $4,900.\n- Assistant technical service engineer. You can become a manager.",
    ),
    "pilot.txt": (
        "Pilot",
        "Fees",
        "Kenya Airways (KQ) pays its Captains a staggering monthly salary of Sh1.6 million ($160 000).\n"
        "Pilots train for 18 months.",
    ),
    "hygienist.txt": (
        "Dental Hygienist",
        "Pay",
        "Offices of dentists $88,450\nHygienists work with dentists.",
    ),
}


def _mentions() -> Mentions:
    chunks = [
        Chunk(f"c{i}", "Guide", role, section, source, 0, len(text), text)
        for i, (source, (role, section, text)) in enumerate(PAGES.items())
    ]
    return Mentions(chunks, {c.id: split_units(c) for c in chunks})


def test_a_job_a_guide_names_beside_the_measure_asked_is_spoken_of():
    m = _mentions()
    assert m.speaking_of("ndt inspector", ["pay"]) == (["aero.txt"], "ndt inspector")
    # leading words the question capitalises, or a possessive, say where the job is: the guide must name them too
    said = m.speaking_of("kenya airways captain", ["pay"], "How much do Kenya Airways captains earn a month?")
    assert said == (["pilot.txt"], "captain")
    assert m.speaking_of("emirates captain", ["pay"], "What do Emirates captains earn?") == ([], "")
    # a job named where another works ("offices of dentists", "work with dentists") earns no figure there
    assert m.speaking_of("dentist", ["pay"]) == ([], "")
    # named without the measure asked: not spoken of for it
    assert m.speaking_of("assistant technical service engineer", ["pay"]) == ([], "")
    assert job_pattern("ndt inspector").search("the (NDT) inspectors")
    # one word more before the last: "junior office clerks" are junior clerks; two words more are another job
    assert job_pattern("junior clerk").search("pay for junior office clerks")
    assert not job_pattern("junior clerk").search("a junior sales office clerk")


def test_with_no_measure_asked_one_unit_naming_the_job_is_enough():
    m = _mentions()
    assert m.speaking_of("assistant technical service engineer") == (
        ["aero.txt"],
        "assistant technical service engineer",
    )
    assert m.speaking_of("dentist") == ([], "")  # only ever where, or with whom, the hygienist works


def test_a_question_about_a_job_a_guide_speaks_of_is_answered_from_that_guide():
    from coach.ask.question import TitleIndex
    from coach.ask.text import CAREER_WORDS
    from tests.ask.test_question import CORPUS, Vocabulary

    titles = ["Engineer", "Pilot", "Dental Hygienist"]
    vocab = Vocabulary(
        TitleIndex(titles, " " + CORPUS + " engineer pilot dental hygienist ", generic=CAREER_WORDS),
        title_guides={
            "engineer": ["aero.txt"],
            "pilot": ["pilot.txt"],
            "dental hygienist": ["hygienist.txt"],
        },
        words=frozenset((CORPUS + " engineer pilot dental hygienist").split()),
    )
    vocab = replace(vocab, speaking_of=_mentions().speaking_of)
    q = understand("How much can an NDT inspector earn?", [], vocab)
    assert (q.decline, q.spoken_of, q.sources) == (None, "ndt inspector", ["aero.txt"])
    q = understand("What's a dentist's salary?", [], vocab)
    assert (q.decline, q.decline_detail, q.spoken_of) == ("refusal", "dentist", "")
