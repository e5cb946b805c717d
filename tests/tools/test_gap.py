"""Skills gap and readiness (coach/tools/gap.py) and CV files (coach/tools/resume.py) on the seed corpus."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from fastapi.testclient import TestClient

from coach.errors import ConfigError
from coach.tools.gap import skills_gap
from coach.tools.resume import resume_bytes, resume_text

CV = """Two years as a support agent at an online shop. Handled 60 tickets a day in Zendesk.
Led a team of four agents on the night shift and coached new starters.
Good at calming angry customers and explaining problems clearly.
Built weekly reports in Excel on response times."""


def test_a_short_cv_gets_only_the_guides_skills_each_cited(coach):
    gap = skills_gap(coach, "support manager", CV)
    assert not gap.refused and gap.role == "Customer Support Manager"
    by_n = {c["n"]: c for c in gap.citations}
    for skill in gap.have + gap.partial + gap.missing:
        assert (
            skill.skill in by_n[skill.n]["text"] and by_n[skill.n]["source"] == "customer-support-manager.txt"
        )
        if skill.suggestion:
            assert skill.suggestion in by_n[skill.suggestion_n]["text"]
    for skill in gap.have + gap.partial:
        assert skill.evidence and skill.evidence in CV
    # "handled 60 tickets a day in Zendesk" shows the ticketing tools, by meaning as well as by name
    assert {"Zendesk", "Helpdesk ticketing systems"} <= {s.skill for s in gap.have}
    assert gap.missing and 0 < gap.readiness < 50
    assert f"= {gap.readiness}/100" in gap.readiness_how


def test_bad_input_gets_one_clear_answer(coach):
    with pytest.raises(ConfigError, match="empty"):
        skills_gap(coach, "support manager", "  ")
    with pytest.raises(ConfigError, match="over 200 KB"):
        skills_gap(coach, "support manager", "x " * 150_000)
    assert skills_gap(coach, "astronaut", CV).refused
    french = "Je suis agent de support client depuis deux ans et j'ai formé une équipe de quatre personnes la nuit."
    other = skills_gap(coach, "support manager", french * 2)
    assert other.refused and "English" in other.answer and not other.have


def test_cv_files_of_each_kind(tmp_path):
    (tmp_path / "cv.md").write_text("# Jane\n- Zendesk, two years", encoding="utf-8")
    assert "Zendesk" in resume_text(tmp_path / "cv.md")
    body = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    body += "<w:p><w:r><w:t>Handled tickets in Zendesk</w:t></w:r></w:p></w:body></w:document>"
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", body)
    assert resume_bytes(docx.getvalue(), "cv.docx").strip() == "Handled tickets in Zendesk"
    with pytest.raises(ConfigError, match="could not be read"):
        resume_bytes(b"\x00\x01\x02binary", "cv.txt")
    with pytest.raises(ConfigError, match="could not be read"):
        resume_bytes(b"not a pdf at all", "cv.pdf")
    with pytest.raises(ConfigError, match="over 200 KB"):
        resume_bytes(b"a" * 200_001, "cv.txt")
    with pytest.raises(ConfigError, match="send a CV as"):
        resume_text(tmp_path / "cv.exe")


def test_the_api_gives_the_gap(coach):
    from coach.serve.web import create_app

    client = TestClient(create_app(coach, ui=False))
    body = client.post("/api/gap", json={"role": "support manager", "text": CV})
    assert body.status_code == 200 and re.fullmatch(r"\d+", str(body.json()["readiness"]))
    assert client.post("/api/gap", json={"role": "support manager", "text": ""}).status_code == 422


def test_the_chat_runs_the_gap_on_a_pasted_cv_and_keeps_neither_it_nor_contact_details(coach):
    message = (
        "Here is my CV: two years in support, jane@example.com, +44 7700 900123. Handled 60 tickets a day in "
        "Zendesk. Am I ready to be a customer support manager?"
    )
    result = coach.ask(message)
    assert result.understood["tool"] == "gap" and not result.refused
    assert result.question == result.standalone_question == "(a CV for the skills gap: not kept)"
    assert "Zendesk" in result.answer and "jane@" not in result.answer and "7700" not in result.answer
    gap = skills_gap(
        coach, "support manager", "Call me on +44 7700 900123 or jane@example.com. Used Zendesk daily."
    )
    assert all("7700" not in s.evidence and "@" not in s.evidence for s in gap.have + gap.partial)


RECRUITMENT = """Source: https://police.example.org/join

Police Constable Recruitment 2026

The force is recruiting 200 constables this spring.

Candidates must hold a secondary school diploma and a full driving licence.
Applicants must be between 18 and 35 years old on the closing date.
He got his driving licence 30 years ago and has served ever since.
The station needs to replace its old patrol cars.
"""


def test_a_page_listing_no_skills_is_compared_with_the_requirements_it_states(tmp_path, embedder):
    """A recruitment notice with no skills heading: its sentences stating what an applicant must have are what
    the role takes, each cited; a sentence about someone else's licence or the station's cars is none."""
    from tests.conftest import coach_on

    coach = coach_on({"police-constable.txt": RECRUITMENT}, tmp_path, embedder)
    cv = "I finished secondary school with a diploma in 2019 and have worked in a warehouse since."
    gap = skills_gap(coach, "police constable", cv)
    assert not gap.refused
    listed = {s.skill for s in gap.have + gap.partial + gap.missing}
    assert listed == {
        "Candidates must hold a secondary school diploma and a full driving licence",
        "Applicants must be between 18 and 35 years old on the closing date",
    }
    assert "requirements the Police Constable guides list" in gap.readiness_how
    by_n = {c["n"]: c for c in gap.citations}
    assert all(s.skill in by_n[s.n]["text"] for s in gap.have + gap.partial + gap.missing)
