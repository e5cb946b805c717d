"""A list answers in its own order, and keeps the item that answers (coach/ask/answer.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import coach_over

LISTS = Path(__file__).parent.parent / "data" / "lists"


@pytest.fixture(scope="module")
def lists(tmp_path_factory, embedder):
    return coach_over(LISTS, tmp_path_factory.mktemp("lists-home"), embedder)


def test_the_best_item_of_a_list_longer_than_the_answer_is_kept(lists):
    result = lists.ask("Can flight attendants move up to better jobs?")
    assert not result.refused and "advance to supervisory roles" in result.answer
