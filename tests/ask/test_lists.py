"""A list answers in its own order, and keeps the item that answers (coach/ask/answer.py)."""

from __future__ import annotations


def test_the_best_item_of_a_list_longer_than_the_answer_is_kept(data_coach):
    result = data_coach("lists").ask("Can flight attendants move up to better jobs?")
    assert not result.refused and "advance to supervisory roles" in result.answer
