"""`coach chat` rendering on a hand-made answer: styled [n] markers, whole passages, `/sources n` highlights."""

from __future__ import annotations

from types import SimpleNamespace

from rich.console import Console

from coach.serve import terminal

PASSAGE = "Team leads earn $67k USD in the US. They coach agents daily, with schedules set weekly."
CITATION = {
    "n": 1,
    "guide": "Support Guide",
    "section": "Salary",
    "text": PASSAGE,
    "spans": [[0, 35]],
    "url": "https://example.com/support",
}
RESULT = SimpleNamespace(
    answer="Team leads earn $67k USD in the US. [1]",
    citations=[CITATION, {**CITATION, "n": 2, "section": "Duties", "spans": [[36, 87]]}],
    warnings=[],
    grounding_fallback=False,
    low_relevance=True,
    suggestions=["What does a manager earn?", "How do I become a team lead?"],
)


def console() -> Console:
    return Console(record=True, width=200, color_system="truecolor", force_terminal=True)


def test_markers_are_styled():
    text = terminal._marked("Pay is $67k. [1] Hours vary. [2]")
    assert [(text.plain[s.start : s.end], str(s.style)) for s in text.spans] == [
        ("[1]", "bold cyan"),
        ("[2]", "bold cyan"),
    ]


def test_passage_highlights_spans_clamped_to_the_text():
    text = terminal._passage({"text": "abcdef", "spans": [[1, 3], [4, 99]]})
    assert text.plain == "abcdef"
    assert [(text.plain[s.start : s.end]) for s in text.spans] == ["bc", "ef"]
    assert terminal._passage({"text": "abc"}).spans == []  # an older index: no spans, no highlight


def test_render_answer_shows_banner_quotes_whole_and_suggestions():
    c = console()
    terminal.render_answer(RESULT, c)
    shown = c.export_text()
    assert "only loosely related" in shown
    assert "[1] Support Guide › Salary https://example.com/support" in shown
    assert "Team leads earn $67k USD in the US." in shown
    assert "They coach agents daily, with schedules set weekly." in shown  # never cut at a fixed length
    assert "You could also ask" in shown and "• How do I become a team lead?" in shown


def test_sources_n_opens_one_passage_with_its_span_highlighted():
    c = console()
    terminal.show_sources(RESULT, "2", c)
    shown = c.export_text(styles=True, clear=False)
    plain = c.export_text()
    assert "[2] Support Guide" in plain and "Duties" in plain and "https://example.com/support" in plain
    assert plain.count("Support Guide") == 1
    highlighted = "They coach agents daily, with schedules set weekly."
    assert highlighted in shown and "\x1b[1;30;43m" + "They" in shown  # bold black on yellow


def test_sources_without_answer_or_with_a_wrong_number_says_what_to_do():
    c = console()
    terminal.show_sources(None, "1", c)
    terminal.show_sources(RESULT, "7", c)
    shown = c.export_text()
    assert "no sources yet: ask a question first" in shown
    assert "no source 7 in the last answer: try /sources with one of 1, 2" in shown


def test_explain_shows_unit_features_and_the_record_a_figure_answer_matched():
    record = {
        "occupation": "Team Lead",
        "measure": "pay",
        "value": "$60,000",
        "statistics": ["median"],
        "places": ["US"],
    }
    result = SimpleNamespace(
        understood={"intents": ["salary"], "measures": ["pay"], "occupations": ["Team Lead"]},
        explain=[
            {"text": "Team leads earn $60,000.", "score": 0.91, "features": {"record": record}},
            {"text": "Pay varies.", "score": 0.4, "features": {"semantic": 0.2, "pay_no_money": -0.3}},
        ],
    )
    c = console()
    terminal.explain_result(result, c)
    shown = c.export_text()
    assert "record: Team Lead · pay · $60,000 · median · US" in shown
    assert shown.index("pay_no_money -0.300") < shown.index("semantic +0.200")
