"""An LLM's answer from numbered passages, checked before it is shown.

`LLMAnswerer` asks a chat model (coach/backends.py), then the grounding guard (coach/ask/grounding.py)
checks its answer and falls back to the extractive answer when a number or marker does not trace to a cited
passage. Streaming yields only sentences that passed the check so far.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from coach.ask.answer import ExtractiveAnswerer
from coach.ask.grounding import check
from coach.ask.prompts import load_prompt
from coach.ask.retrieve import Hit
from coach.ask.turn import Draft
from coach.backends import ChatModel, Message


def format_passages(hits: list[Hit]) -> str:
    return "\n\n".join(
        f"[{n}] ({h.chunk.role} guide — {h.chunk.section})\n{h.chunk.text}" for n, h in enumerate(hits, 1)
    )


class LLMAnswerer:
    """Answers with a chat model from numbered passages; the grounding guard checks every answer before it is shown."""

    def __init__(self, model: ChatModel, fallback: ExtractiveAnswerer, passages: int = 5) -> None:
        self.model = model
        self.name = model.name
        self.fallback = fallback
        self.passages = passages

    def passages_for(self, hits: list[Hit]) -> list[Hit]:
        """The passages the model sees: the first few hits, which the Coach has already reranked."""
        return hits[: self.passages]

    def messages(self, question: str, used: list[Hit], history: list[Message] | None = None) -> list[Message]:
        msgs: list[Message] = [{"role": "system", "content": load_prompt("answer_system")}]
        for turn in (history or [])[-4:]:
            if turn.get("role") in ("user", "assistant"):
                msgs.append({"role": turn["role"], "content": turn["content"]})
        msgs.append(
            {
                "role": "user",
                "content": load_prompt("answer_user").format(
                    passages=format_passages(used), question=question
                ),
            }
        )
        return msgs

    def _finish(
        self, raw: str, question: str, hits: list[Hit], used: list[Hit], qvec: np.ndarray | None
    ) -> Draft:
        report = check(raw, [h.chunk.text for h in used])
        if not report.ok:
            why = "uncited" if report.uncited else "; ".join(report.problems)
            return self._fallback(question, hits, qvec, why)
        # renumber the passages the answer cites as 1..n, in order of first use
        order = list(dict.fromkeys(n for n in (int(m) for m in re.findall(r"\[(\d+)\]", report.text))))
        remap = {old: new for new, old in enumerate(order, 1)}
        text = re.sub(r"\[(\d+)\]", lambda m: f"[{remap[int(m.group(1))]}]", report.text)
        return Draft(text, [used[n - 1] for n in order])

    def answer(
        self,
        question: str,
        hits: list[Hit],
        qvec: np.ndarray | None = None,
        history: list[Message] | None = None,
    ) -> Draft:
        used = self.passages_for(hits)
        raw = self.model.invoke(self.messages(question, used, history))
        return self._finish(raw, question, hits, used, qvec)

    def stream(
        self,
        question: str,
        hits: list[Hit],
        qvec: np.ndarray | None = None,
        history: list[Message] | None = None,
    ) -> Iterator[str | Draft]:
        """Yield verified text sentence by sentence, then the final Draft (which replaces it on fallback)."""
        buffer = ""
        shown = ""
        used_hits = self.passages_for(hits)
        used = [h.chunk.text for h in used_hits]
        failed: list[str] = []
        for piece in self.model.stream(self.messages(question, used_hits, history)):
            buffer += piece
            while not failed:
                match = re.search(r"(?<=[.!?])(?:\s*\[\d+\])*\s+", buffer)
                if not match:
                    break
                sentence, buffer = buffer[: match.end()], buffer[match.end() :]
                candidate = shown + sentence
                failed = check(candidate, used).problems
                if failed:
                    break
                shown = candidate
                yield sentence
        if failed:
            yield self._fallback(question, hits, qvec, "; ".join(failed))
        else:
            yield self._finish(shown + buffer, question, hits, used_hits, qvec)

    def _fallback(self, question: str, hits: list[Hit], qvec: np.ndarray | None, why: str) -> Draft:
        """The extractive answer in place of one that failed the grounding check, with the reason as a warning."""
        draft = self.fallback.answer(question, hits, qvec)
        draft.grounding_fallback = True
        draft.warnings.append(
            f"the {self.name} answer failed the grounding check ({why}); showing the extractive answer"
        )
        return draft
