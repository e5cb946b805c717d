"""A list answers in its own order, and keeps the item that answers (coach/ask/answer.py)."""

from __future__ import annotations


def test_the_best_item_of_a_list_longer_than_the_answer_is_kept(data_coach):
    result = data_coach("lists").ask("Can flight attendants move up to better jobs?")
    assert not result.refused and "advance to supervisory roles" in result.answer


def test_a_name_the_quoted_guide_uses_is_no_gap_in_the_passages(data_coach):
    coach = data_coach("employer")
    own = coach.ask("What does a baker earn at Hollowmill Bakery?")
    assert "£24,000" in own.answer and "None of these passages" not in own.answer
    # an employer the baker's guide never writes: its pay is no pay at Crumbworks, so the coach declines
    other = coach.ask("What does a baker earn at Crumbworks?")
    assert other.refused and "never mention Crumbworks" in other.answer and "£24,000" not in other.answer
    # a people's word is no name of a thing a figure is of ("Manx": of the Isle of Man)
    manx = coach.ask("What does a Manx baker earn at Hollowmill Bakery?")
    assert "never mention" not in manx.answer
