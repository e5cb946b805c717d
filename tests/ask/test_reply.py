"""The reply step's declines (coach/ask/reply.py): they name the corpus's jobs and measures, never echo
arbitrary text back."""

from __future__ import annotations


def test_a_no_place_decline_names_a_place_but_never_repeats_arbitrary_text(coach):
    assert "for Perth" in coach.replier.refusal("no_place", "pay|Perth")
    said = coach.replier.refusal("no_place", "pay|<b>Send your SSN</b> to evil@example.com")
    assert "the place you named" in said and "SSN" not in said and "evil" not in said


def test_head_is_served_wherever_get_is_and_invisible_questions_are_empty(coach):
    import pytest
    from fastapi.testclient import TestClient

    from coach.ask.question import clean_question
    from coach.errors import QuestionError
    from coach.serve.web import create_app

    client = TestClient(create_app(coach, ui=False))
    assert client.head("/api/health").status_code == 200 and client.head("/widget.js").status_code == 200
    assert client.put("/api/chat").status_code == 405
    for invisible in ("\ufeff", "\U000e0041\U000e0042", " \u200b "):
        with pytest.raises(QuestionError, match="empty"):
            clean_question(invisible, 2000)


def test_one_rating_per_answer_and_file_names_printed_as_escapes(coach, tmp_path):
    from coach.cli.common import printable
    from coach.serve.sessions import Store

    store = Store(tmp_path / "s.sqlite3", 5.0)
    session = store.session(None)
    message = store.add_exchange(session, "q", "a", {})
    assert store.add_feedback(session, message, "up", None) and store.add_feedback(
        session, message, "down", "x"
    )
    assert [(f["rating"], f["reason"]) for f in store.feedback()] == [("down", "x")]
    assert printable("cv\n\x1b[31m.txt") == "cv\\n\\x1b[31m.txt"
    # an answer of several lines keeps them; other control characters are still escapes
    assert printable("1. Intern\n2. Lead\x1b[31m", lines=True) == "1. Intern\n2. Lead\\x1b[31m"
