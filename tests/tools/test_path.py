"""Career path (coach/tools/path.py) on the seed corpus: the guides' own ladder, every rung's figures cited."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from coach.ask.grounding import numbers_in
from coach.errors import ConfigError
from coach.tools.path import career_path


@pytest.fixture(scope="module")
def rep(coach):
    return career_path(coach, "support representative", 2)


def test_two_years_as_a_rep_leads_to_the_senior_rung_with_its_years_and_pay(rep):
    assert rep.current == "Customer Support Representative" and rep.source == "customer-support.txt"
    assert rep.next[0] == "Senior Customer Support Representative"
    senior = next(r for r in rep.ladder if r.title == rep.next[0])
    assert senior.years is not None and "4-6 years" in senior.years.text
    assert senior.pay and all(q.text.endswith("(customer-support.txt)") for q in senior.pay)
    assert [r.title for r in rep.ladder][:3] == [
        "Customer Support Intern",
        "Junior Customer Support Representative",
        "Customer Support Representative",
    ]


def test_every_figure_is_in_the_passage_it_cites(rep):
    by_n = {c["n"]: c for c in rep.citations}
    assert [c["n"] for c in rep.citations] == list(range(1, len(rep.citations) + 1))
    for rung in rep.ladder:
        for quote in [q for q in [rung.years, *rung.pay, *rung.focus] if q is not None]:
            figures = numbers_in(re.sub(r"\([^)]*\.txt\)", "", quote.text))
            assert figures <= numbers_in(by_n[quote.n]["text"]), (rung.title, quote.text)
    assert "(you are here)" in rep.answer and "Next: Senior Customer Support Representative" in rep.answer


def test_without_years_the_role_is_the_current_rung(coach):
    path = career_path(coach, "customer support manager")
    assert path.current == "Customer Support Manager" and path.next


def test_bad_input_gets_one_clear_answer(coach):
    unknown = career_path(coach, "astronaut")
    assert unknown.refused and unknown.ladder == [] and "Customer Support Manager" in unknown.answer
    with pytest.raises(ConfigError, match="between 0 and 60"):
        career_path(coach, "support representative", -1)
    with pytest.raises(ConfigError, match="name a role"):
        career_path(coach, "  ")


def test_the_api_gives_the_path_and_checks_its_input(coach):
    from coach.serve.web import create_app

    client = TestClient(create_app(coach, ui=False))
    body = client.post("/api/path", json={"role": "support representative", "years": 2})
    assert body.status_code == 200 and body.json()["next"][0] == "Senior Customer Support Representative"
    assert client.post("/api/path", json={"role": "support representative", "years": -1}).status_code == 422
    assert client.post("/api/path", json={"role": ""}).status_code == 422
