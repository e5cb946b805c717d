"""Compare jobs (coach/tools/compare.py) on the seed corpus: each cell quoted from the role's own guides."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from coach.ask.grounding import numbers_in
from coach.errors import ConfigError
from coach.tools.compare import compare


@pytest.fixture(scope="module")
def compared(coach):
    return compare(coach, ["customer support specialist", "customer support manager"])


def test_both_medians_come_with_their_own_guides(compared):
    pay = next(r for r in compared.rows if r.measure == "pay")
    specialist, manager = pay.values["Customer Support Specialist"], pay.values["Customer Support Manager"]
    assert specialist is not None and "$39,120" in specialist.text
    assert manager is not None and "$85,000" in manager.text
    by_n = {c["n"]: c for c in compared.citations}
    assert by_n[specialist.n[0]]["source"] == "customer-support-specialist.txt"
    assert by_n[manager.n[0]]["source"] == "customer-support-manager.txt"


def test_every_figure_of_a_cell_is_in_a_passage_it_cites_about_that_role(compared):
    by_n = {c["n"]: c for c in compared.citations}
    assert [c["n"] for c in compared.citations] == list(range(1, len(compared.citations) + 1))
    for row in compared.rows:
        for role, cell in row.values.items():
            if cell is None:
                continue
            cited = [by_n[int(n)] for n in re.findall(r"\[(\d+)\]", cell.text)]
            assert cited and all(role in [*c["jobs"], c["role"]] for c in cited), (row.measure, role)
            held = set().union(*(numbers_in(c["text"]) for c in cited))
            assert numbers_in(re.sub(r"\[\d+\]", "", cell.text)) <= held, (row.measure, role, cell.text)
    assert "not in the guides" in compared.answer or all(
        v is not None for r in compared.rows for v in r.values.values()
    )


def test_an_unknown_role_is_declined_naming_the_roles_covered(coach):
    result = compare(coach, ["customer support manager", "astronaut"])
    assert result.refused and result.unknown == ["astronaut"] and result.rows == []
    assert "Customer Support Manager" in result.answer and "astronaut" in result.answer


def test_one_role_twice_or_alone_is_a_clear_error(coach):
    with pytest.raises(ConfigError, match="two different roles"):
        compare(coach, ["customer support manager", "Customer Support Manager"])
    with pytest.raises(ConfigError, match="at least two roles"):
        compare(coach, ["customer support manager", "  "])


def test_the_api_compares_and_checks_its_input(coach):
    from coach.serve.web import create_app

    client = TestClient(create_app(coach, ui=False))
    body = client.post(
        "/api/compare", json={"roles": ["customer support specialist", "customer support manager"]}
    )
    assert body.status_code == 200 and body.json()["roles"] == [
        "Customer Support Specialist",
        "Customer Support Manager",
    ]
    assert client.post("/api/compare", json={"roles": ["customer support manager"]}).status_code == 422
    same = client.post(
        "/api/compare", json={"roles": ["customer support manager", "customer support manager"]}
    )
    assert same.status_code == 422 and "two different roles" in same.json()["error"]


def test_the_chat_compares_when_asked_to_and_reads_other_comparisons_as_questions(coach):
    result = coach.ask("Compare a customer support specialist with a customer support manager")
    assert result.understood["tool"] == "compare" and not result.refused
    assert "$39,120" in result.answer and "$85,000" in result.answer
    assert {c["n"] for c in result.citations} == set(range(1, len(result.citations) + 1))
    # a comparison of places, not of two jobs, is an ordinary question
    other = coach.ask("Compare customer support manager pay in the US and Europe")
    assert "tool" not in other.understood
