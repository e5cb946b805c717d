"""The chat's way into the coaching tools: a question a tool answers (coach/rules/tools.toml), answered by that
tool in the chat's own result shape, so the web UI, the widget and `coach chat` show it like any answer."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from coach.ask.reply import AnswerResult

if TYPE_CHECKING:
    from coach.ask.coach import Coach


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern[str]]]:
    data = tomllib.loads(resources.files("coach").joinpath("rules/tools.toml").read_text("utf-8"))
    return {tool: [re.compile(p, re.I) for p in spec.get("patterns", [])] for tool, spec in data.items()}


def route(coach: Coach, question: str) -> AnswerResult | None:
    """The tool's answer to a question that asks for one, or None (an ordinary question)."""
    from coach.tools.common import resolve_role
    from coach.tools.compare import compare

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
