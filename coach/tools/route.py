"""The chat's way into the coaching tools: a question a tool answers (coach/rules/tools.toml), answered by that
tool in the chat's own result shape, so the web UI, the widget and `coach chat` show it like any answer."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from coach.ask.reply import AnswerResult

if TYPE_CHECKING:
    from coach.ask.coach import Coach


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    return tomllib.loads(resources.files("coach").joinpath("rules/tools.toml").read_text("utf-8"))


@lru_cache(maxsize=4)
def _patterns(key: str = "patterns") -> dict[str, list[re.Pattern[str]]]:
    return {tool: [re.compile(p, re.I) for p in spec.get(key, [])] for tool, spec in _rules().items()}


NOT_KEPT = "(a CV for the skills gap: not kept)"


def _gap(coach: Coach, question: str) -> AnswerResult | None:
    """'Here is my CV: ... am I ready to be a team lead?': the skills gap, the message not kept."""
    from coach.tools.common import resolve_role
    from coach.tools.gap import skills_gap

    if not any(p.search(question) for p in _patterns().get("gap", [])):
        return None
    found = next((m for p in _patterns("role_patterns").get("gap", []) if (m := p.search(question))), None)
    role = resolve_role(coach, found.group("role").strip()) if found else None
    if found is None or role is None:
        return None  # no job of the corpus named: the answer stage reads it
    cv = question.replace(found.group(0), " ")
    gap = skills_gap(coach, role, cv)
    result = _result(NOT_KEPT, gap.answer, gap.citations, gap.refused, {"tool": "gap", "occupations": [role]})
    return result


_ROUND = re.compile(r"^Interview practice \((?P<role>[^)]+)\), question (?P<k>\d+) of \d+:", re.M)


def _result(
    question: str, text: str, citations: list[dict[str, Any]], refused: bool, understood: dict[str, Any]
) -> AnswerResult:
    base: dict[str, Any] = {
        "intents": [],
        "measures": [],
        "occupations": [],
        "places": [],
        "decline": None,
        "decision": None,
    }
    return AnswerResult(
        question,
        question,
        text,
        refused,
        citations,
        [],
        "extractive",
        understood={**base, "uncovered": None, **understood},
    )


def _interview(coach: Coach, question: str, history: list[dict[str, Any]]) -> AnswerResult | None:
    """A round of interview practice: a new round when asked for one, else feedback on the answer to the
    question the coach asked last, then the next question."""
    from coach.tools.common import resolve_role
    from coach.tools.interview import interview_feedback, interview_question

    if any(p.search(question) for p in _patterns().get("interview", [])):
        role = resolve_role(coach, question)
        if role is None:
            return None  # no job of the corpus named: the answer stage says which it covers
        asked = interview_question(coach, role)
        return _result(
            question,
            asked.answer,
            asked.citations,
            asked.refused,
            {"tool": "interview", "occupations": [role]},
        )
    last = next((m for m in reversed(history) if m.get("role") == "assistant"), None)
    asked_last = list(_ROUND.finditer(str(last.get("content", "")))) if last else []
    m = asked_last[-1] if asked_last else None
    if m is None or question.strip().endswith("?"):
        return None  # no round under way, or a question of its own
    role, k = m.group("role"), int(m.group("k"))
    asked = interview_question(coach, role, k - 1)
    if asked.refused:
        return None
    feedback = interview_feedback(coach, asked.id, question)
    following = interview_question(coach, role, k)
    text = f"{feedback.answer}\n\n{following.answer}"
    return _result(question, text, feedback.citations, False, {"tool": "interview", "occupations": [role]})


def route(coach: Coach, question: str, history: list[dict[str, Any]] | None = None) -> AnswerResult | None:
    """The tool's answer to a question that asks for one, or None (an ordinary question)."""
    from coach.tools.common import resolve_role
    from coach.tools.compare import compare

    if (practice := _interview(coach, question, history or [])) is not None:
        return practice
    if (readiness := _gap(coach, question)) is not None:
        return readiness

    for pattern in _patterns().get("compare", []):
        m = pattern.match(question)
        if m is None:
            continue
        a, b = (resolve_role(coach, m.group(g).strip()) for g in ("a", "b"))
        if a is None or b is None or a == b:
            return None  # not two jobs of the corpus: the answer stage reads it
        found = compare(coach, [a, b])
        understood = {
            "intents": ["compare"],
            "measures": [r.measure for r in found.rows],
            "occupations": found.roles,
            "places": [],
            "decline": "refusal" if found.refused else None,
            "decision": None,
            "uncovered": None,
            "tool": "compare",
        }
        return AnswerResult(
            question,
            question,
            found.answer,
            found.refused,
            found.citations,
            [],
            "extractive",
            understood=understood,
        )
    return None
