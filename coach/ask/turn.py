"""The typed objects the ask stage hands from step to step.

understand (coach/ask/understand.py) makes a `Turn` of the question; gather (coach/ask/gather.py) adds its
passages; decide (coach/ask/decide.py) reads it; the answer steps (coach/ask/drafts.py) turn it into a
`Draft`; reply (coach/ask/reply.py) wraps the two into the `AnswerResult` every caller gets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from coach.ask.question import Query
from coach.ask.retrieve import Hit
from coach.backends import Message


@dataclass
class Draft:
    """An answer before it is wrapped for the user: text with [n] markers and the passages they point at."""

    text: str
    cited: list[Hit] = field(default_factory=list)
    grounding_fallback: bool = False
    warnings: list[str] = field(default_factory=list)
    explained: list[dict[str, Any]] = field(default_factory=list)  # each quoted unit's score and features
    jobs: dict[str, list[str]] = field(
        default_factory=dict
    )  # chunk id -> the jobs its quoted units are about
    quotes: dict[str, list[str]] = field(default_factory=dict)  # chunk id -> the exact passage text quoted


@dataclass
class Turn:
    """One question on its way through the ask stage."""

    query: Query  # what the question stage made of it (coach/ask/question.py)
    history: list[Message]  # the conversation before it: user and assistant turns only
    started: float  # perf_counter() when it arrived
    qvec: np.ndarray | None = None  # the question's embedding (gather)
    hits: list[Hit] = field(default_factory=list)  # its passages, best first (gather; cited ones added)
    allowed: set[str] | None = None  # the guides an answer may come from (None: any)
    gathered: float = 0.0  # perf_counter() when its passages were in

    @property
    def question(self) -> str:
        return self.query.question

    @property
    def text(self) -> str:
        """The standalone question the answer steps read (history folded in)."""
        return self.query.expanded

    def keep_cited(self, draft: Draft) -> None:
        """Passages a draft cites that retrieval did not return (a ladder rung, a record's row) join the hits."""
        have = {h.chunk.id for h in self.hits}
        self.hits.extend(h for h in draft.cited if h.chunk.id not in have)
