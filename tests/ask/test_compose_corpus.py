"""The answer wording end to end on a second, hand-made corpus (a welder guide with a ladder and a pay table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import coach_over

WELDER = Path(__file__).parent.parent / "data" / "welder"


@pytest.fixture(scope="module")
def welder(tmp_path_factory, embedder):
    return coach_over(WELDER, tmp_path_factory.mktemp("welder-home"), embedder)


def test_next_step_on_a_guide_ladder(welder):
    result = welder.ask("I'm a welder, what's my next step?")
    assert result.answer.split("\n\n")[0] == (
        "The next step after Welder is Senior Welder. [1] Typical experience: 5-8 years. [1] "
        "Pay: US Median $61k USD, US Average $63k USD. [2]"
    )
    assert "- Lead small welding crews on large jobs" in result.answer
    assert result.suggestions[0] == "What does a senior welder do?"


def test_write_requests_with_and_without_advice(welder):
    letter = welder.ask("Can you write me a cover letter?")
    assert not letter.refused
    assert letter.answer.startswith(
        "I can't write a cover letter for you, but here is what the guides advise"
    )
    assert "cover letter that names the welding processes" in letter.answer
    resume = welder.ask("Please write my resume")
    assert resume.refused and resume.answer == (
        "I can't write a resume for you, and the guides give no advice about one."
    )


def test_spans_point_at_the_quoted_rows(welder):
    data = welder.ask("What does a senior welder earn?").to_dict()
    assert data["answer"].startswith("Senior Welder pay: US Median $61k USD, US Average $63k USD. [1]")
    quoted = [c["text"][a:b] for c in data["citations"] for a, b in c["spans"]]
    assert quoted == ["Senior Welder | $61k USD | $63k USD"]
