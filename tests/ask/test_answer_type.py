"""The kind of answer a question's form asks for (coach/ask/answer_type.py)."""

import pytest

from coach.ask.answer_type import AnswerType, answer_type


@pytest.mark.parametrize(
    ("question", "kinds", "nouns"),
    [
        ("How long is the training to become a guidance counsellor?", ("duration",), ()),
        ("How many years does it take to become a doctor?", ("duration",), ()),
        ("How old do I need to be?", ("quantity",), ()),
        ("How many hours a week do reporters work?", ("count",), ("hour",)),
        ("How many exams does it take to qualify?", ("count",), ("exam",)),
        ("How many classes are there each week?", ("count",), ("class",)),
        ("How many of them pass?", ("quantity",), ()),
        ("How tall does a man have to be to join?", ("quantity",), ()),
        ("What does a nurse do?", (), ()),
    ],
)
def test_reads_the_kind_of_answer_from_the_question_form(
    question: str, kinds: tuple[str, ...], nouns: tuple[str, ...]
) -> None:
    assert answer_type(question) == AnswerType(kinds, nouns)


@pytest.mark.parametrize(
    ("question", "sentence", "holds"),
    [
        ("How long is the course?", "It is a one year full-time post-graduate programme.", True),
        ("How long is the course?", "The course runs 2 to 3 years part-time.", True),
        ("How long is the course?", "These courses are run in Cork and Dublin.", False),
        ("How long is a shift?", "Most stalls open for a fourteen-hour day in the dry season.", True),
        ("How long is the training?", "You must be at least 18 years of age.", False),
        ("How long is the training?", "Applicants must be 21 years old.", False),
        ("How many exams are there?", "You need to pass three qualifying exams.", True),
        ("How many exams are there?", "You must be aged 21 or over.", False),
        ("How tall must I be?", "You must not be less than 1.65m in height.", True),
        ("How tall must I be?", "You must be medically fit.", False),
        # a list item's own number is its place in the list, no quantity
        ("How tall must I be?", "3. You must be medically fit.", False),
        ("How tall must I be?", "(2) You must be at least 160 cm tall.", True),
        ("What does a nurse do?", "Nurses work 40 hours a week.", False),
    ],
)
def test_a_sentence_holds_the_kind_asked(question: str, sentence: str, holds: bool) -> None:
    assert answer_type(question).found_in(sentence) is holds
