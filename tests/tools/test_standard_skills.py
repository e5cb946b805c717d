"""The standard skills list (coach/tools/standard_skills.py) and how the skills gap reads a guide's skill through it."""

from __future__ import annotations

from coach.tools.gap import _named_example
from coach.tools.standard_skills import _label, _parse, standard_skills


def test_a_rows_preferred_label_ends_where_the_next_label_begins():
    assert _label("use ICT ticketing system use e-ticketing system") == "use ICT ticketing system"
    row = "customer relationship management management of customer relationships CRM"
    assert _label(row) == "customer relationship management"
    assert _label("monitor ticketing control ticketing oversee ticketing") == "monitor ticketing"
    assert _label("project management principles scope of project management") == ""  # ends in "of"
    assert _label("listen actively maintain active listening pay attention to what people say") == ""
    skill = _parse(
        {
            "id": "http://data.europa.eu/esco/skill/6430eb0d-c6de-4b7a",
            "description": "use ICT ticketing system use e-ticketing system Utilise a specialised system to track "
            "issues. Assign each a ticket.",
        }
    )
    assert skill is not None and skill.code == "esco:6430eb0d" and skill.label == "use ICT ticketing system"
    assert skill.head == "use ICT ticketing system"
    assert skill.gist == "use ICT ticketing system. Utilise a specialised system to track issues"


def test_a_guide_skill_is_read_as_the_standard_skill_nearest_it(coach):
    embed, model = coach.retriever.embedder.embed, coach.retriever.embedder.name
    nearest = standard_skills().nearest("Conflict resolution", embed, model, 0.55)
    assert nearest and "conflict" in nearest[0][0].labels
    assert standard_skills().nearest("Two years on a retail checkout", embed, model, 0.55) == []


def test_a_cv_line_naming_an_example_product_of_a_skill_shows_it():
    skill = "CRM Software Proficiency (e.g., Salesforce Service Cloud, Zendesk, HubSpot Service Hub)"
    lines = ["Two years on a retail checkout.", "Handled 60 tickets a day in zendesk."]
    assert _named_example(skill, lines) == 1
    assert _named_example(skill, ["Sold salesforce-style planners."]) is None  # a whole product name only
    assert _named_example("Telephony Systems (e.g., VoIP, etc.)", ["Etc. and so on"]) is None
