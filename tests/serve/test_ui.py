"""The Gradio UI's renderers on hand-made answers: markers become links, spans become <mark>, all else escaped."""

from __future__ import annotations

from coach.ask.coach import AnswerResult
from coach.serve.ui_render import EMPTY_SOURCES, LOW_RELEVANCE, highlight, render_answer, render_sources

CITATION = {
    "n": 1,
    "guide": "Baker <Guide>",
    "section": "Pay",
    "text": "Bakers earn <b>$35k</b> a year. Head bakers earn more.",
    "spans": [[0, 31]],
    "url": "https://example.com/baker",
}


def result(**kw: object) -> AnswerResult:
    base: dict[str, object] = dict(
        question="What do bakers earn?",
        standalone_question="What do bakers earn?",
        answer="Bakers earn <b>$35k</b> a year. [1] See also [2].",
        refused=False,
        citations=[CITATION],
        retrieved=[],
        backend="extractive",
    )
    return AnswerResult(**{**base, **kw})  # type: ignore[arg-type]


def test_highlight_escapes_and_marks_merged_clamped_spans():
    assert highlight("a<b>c", [[1, 4]]) == "a<mark>&lt;b&gt;</mark>c"
    spans = [[3, 5], [0, 2], [1, 4], [7, 99]]
    assert highlight("abcdefghi", spans) == "<mark>abcde</mark>fg<mark>hi</mark>"
    assert highlight("abc", None) == "abc" and highlight("abc", [[2, 2]]) == "abc"


def test_render_answer_links_only_known_markers_to_that_answers_passages():
    text = render_answer(result(), 3)
    assert "&lt;b&gt;$35k&lt;/b&gt;" in text
    assert "[\\[1\\]](#cite-3-1)" in text and "See also [2]." in text  # [2] is not a citation: left as text
    assert render_answer(result()).endswith("a year. [1] See also [2].")  # no index: no links


def test_render_answer_starts_with_the_low_relevance_banner():
    assert render_answer(result(low_relevance=True), 1).startswith(
        f"<span class='coach-banner'>{LOW_RELEVANCE}"
    )


def test_render_sources_keeps_every_answer_and_shows_the_selected_one():
    assert render_sources({}) == EMPTY_SOURCES
    one = result().to_dict()
    two = {**one, "question": "And head bakers?", "citations": [], "low_relevance": True}
    html = render_sources({"1": one, "3": two})
    assert "<section class='answer-sources' data-answer='1' hidden>" in html
    assert "<section class='answer-sources' data-answer='3'>" in html  # the latest shows
    assert "id='cite-1-1'" in html and "Baker &lt;Guide&gt;" in html
    assert "<mark>Bakers earn &lt;b&gt;$35k&lt;/b&gt; a year.</mark> Head bakers earn more." in html
    assert "href='https://example.com/baker'" in html
    assert "No passages cited" in html and LOW_RELEVANCE in html
    chosen = render_sources({"1": one, "3": two}, 1, stamp=7)
    assert "data-stamp='7'" in chosen and "data-answer='1'>" in chosen and "data-answer='3' hidden>" in chosen
