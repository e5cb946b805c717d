"""Reply: a Turn and its Draft (or its decline) -> the `AnswerResult` every caller gets.

The answer text and its citations (each passage with the spans it quotes), what the question stage made of
the question, the timings, follow-up suggestions; or the decline message, which names only the corpus's jobs
and the measures its guides do give. The fields are `coach ask --json`'s public contract: add, never rename.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coach.ask.compose import wording
from coach.ask.grounding import traced_quotes
from coach.ask.prompts import load_prompt
from coach.ask.question import Vocabulary
from coach.ask.suggest import Suggester
from coach.ask.turn import Draft, Turn
from coach.ingest.chunk import split_units

# A decline for a job no guide covers names the covered job nearest it (Replier.nearest_covered) from this cosine
# and this lead over the next job: a suggestion only, the question stays declined, so it is looser than the fitted
# alias (coach/ask/decline.json) that answers without asking. Most informal names of a covered job among the
# pool's unknown-job declines clear it ("dog catcher" -> Dog Warden 0.66, 0.41 ahead; "diet expert" -> Dietitian).
SUGGEST_COSINE = 0.5
SUGGEST_MARGIN = 0.1

# How a decline names a measure (coach/rules/measures.toml) in a sentence
MEASURE_NAMES = {
    "age": "age requirement",
    "leave": "leave entitlement",
    "pay": "pay figure",
    "hourly_pay": "hourly pay figure",
    "cost": "cost figure",
    "growth": "growth outlook",
    "change": "projected change in jobs",
    "openings": "openings figure",
    "jobs": "number of jobs",
    "education": "education requirements",
    "hours": "working hours",
    "experience": "experience figure",
    "steps": "steps into the job",
}


@dataclass
class AnswerResult:
    """Everything `coach ask --json` prints."""

    question: str
    standalone_question: str
    answer: str
    refused: bool
    citations: list[dict[str, Any]]
    retrieved: list[dict[str, Any]]
    backend: str
    grounding_fallback: bool = False
    timings_ms: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    understood: dict[str, Any] = field(default_factory=dict)  # what the question stage made of the question
    explain: list[dict[str, Any]] = field(default_factory=list)  # each quoted unit's score and features
    suggestions: list[str] = field(default_factory=list)  # follow-up questions to offer
    low_relevance: bool = False  # the best passage clears the refusal threshold, but only just

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "standalone_question": self.standalone_question,
            "answer": self.answer,
            "refused": self.refused,
            "citations": self.citations,
            "retrieved": self.retrieved,
            "backend": self.backend,
            "grounding_fallback": self.grounding_fallback,
            "timings_ms": self.timings_ms,
            "warnings": self.warnings,
            "understood": self.understood,
            "explain": self.explain,
            "suggestions": self.suggestions,
            "low_relevance": self.low_relevance,
        }


def spans(text: str, quotes: list[str]) -> list[list[int]]:
    """[start, end] offsets in a passage of each quoted unit, in passage order (quotes not found are left out)."""
    out: list[list[int]] = []
    for quote in quotes:
        start = text.find(quote.strip())
        if start >= 0 and quote.strip():
            out.append([start, start + len(quote.strip())])
    return sorted(out)


class Replier:
    """Wraps Turns into AnswerResults for one corpus."""

    def __init__(
        self,
        roles: list[str],
        vocab: Vocabulary,
        suggester: Suggester,
        starters: Callable[[], list[str]],
        next_titles: Callable[[set[str]], set[str]],
        floor: float,
        margin: float,
    ) -> None:
        self.roles = roles
        self.vocab = vocab
        self.suggester = suggester
        self.starters = starters
        self.next_titles = next_titles
        self.low_below = floor + margin  # a best passage under this is flagged low_relevance

    def nearest_covered(self, phrase: str) -> str | None:
        """The corpus job to suggest for a job phrase no guide covers: the nearest by the embedding model, when
        it is near and clearly nearer than the next ("dog catcher" -> Dog Warden), else None."""
        if not phrase:
            return None
        title, cosine, margin = self.vocab.nearest(phrase)
        return title if title and cosine >= SUGGEST_COSINE and margin >= SUGGEST_MARGIN else None

    def refusal(self, kind: str = "refusal", detail: str = "", nearest: str | None = None) -> str:
        """The decline message; it names only the corpus's jobs (titles with digits are left out: no stray figures),
        and for a job no guide covers the `nearest` covered one (`nearest_covered`), never the user's own words."""
        roles = ", ".join(r for r in self.roles if not any(ch.isdigit() for ch in r))
        # a prompts folder of an older release may lack the hint: the plain decline then
        if kind == "refusal" and nearest and (hint := wording().get("nearest_job")):
            return f"{load_prompt(kind).format(roles=roles)} {str(hint).format(job=nearest)}"
        if kind == "no_place":
            measure, _, place = detail.partition("|")
            if not re.fullmatch(r"[A-Za-z][A-Za-z.' -]{0,40}", place) or len(place.split()) > 3:
                place = "the place you named"  # a decline never repeats arbitrary text back
            return load_prompt("no_place").format(
                measure=MEASURE_NAMES.get(measure, measure), place=place, roles=roles
            )
        if kind == "no_year":
            measure = detail.partition("|")[0]
            return load_prompt("no_year").format(measure=MEASURE_NAMES.get(measure, measure))
        if kind == "no_level":
            measure, _, level = detail.partition("|")
            name = MEASURE_NAMES.get(measure, measure)
            return load_prompt("no_level").format(what=name if level in name else f"{level} {name}")
        if kind == "no_name":  # an abbreviation or one capitalised word (names.py): nothing else is echoed
            name = detail if re.fullmatch(r"[A-Z][A-Za-z0-9&]{2,7}|[A-Z][a-z]{2,19}", detail) else "that"
            return load_prompt("no_name").format(name=name, roles=roles)
        if kind == "write":
            return str(wording()["write_none"]).format(document=detail)
        if kind == "no_measure":
            measure, _, job = detail.partition("|")
            covered = sorted(
                {
                    m
                    for s in self.vocab.title_guides.get(job.lower(), [])
                    for m in self.vocab.guide_measures.get(s, {})
                }
                - {measure}
            )
            return load_prompt("no_measure").format(
                measure=MEASURE_NAMES.get(measure, measure),
                job=job,
                covered=", ".join(MEASURE_NAMES.get(m, m) for m in covered) or "what the job involves",
            )
        return load_prompt(kind).format(roles=roles)

    def reply(self, turn: Turn, draft: Draft | None, backend: str, refused: str | None) -> AnswerResult:
        """The stage's entry point: the answer (or the decline of kind `refused`) with its citations."""
        done = time.perf_counter()
        q = turn.query
        timings = {
            "retrieve": round((turn.gathered - turn.started) * 1000, 2),
            "answer": round((done - turn.gathered) * 1000, 2),
            "total": round((done - turn.started) * 1000, 2),
        }
        retrieved = [h.to_dict() for h in turn.hits]
        understood = {
            "intents": sorted(q.intents),
            "measures": q.measures,
            "occupations": q.occupations,
            "places": q.places,
            "decline": refused,
            "decision": q.decision,  # the fitted answer-or-decline decision's features and probability
            "uncovered": q.uncovered or None,  # a job named beside a covered one that no guide covers
            # a job phrase no title holds, read as the job in `occupations` by what else the question says
            "read_as": q.read_as or None,
            # ... or by the job of its best passages, with that fitted decision's features and probability
            "retrieved_job": q.retrieved_job,
        }
        near = self.nearest_covered(q.decline_detail) if refused == "refusal" else None
        if near:
            understood["nearest_job"] = near  # the covered job the decline suggests asking about
        if refused or draft is None or not draft.text:
            detail = (q.document or "") if refused == "write" else q.decline_detail
            return AnswerResult(
                turn.question,
                turn.text,
                self.refusal(refused or "refusal", detail, near),
                True,
                [],
                retrieved,
                backend,
                False,
                timings,
                draft.warnings if draft else [],
                understood,
                suggestions=self.starters()[:3],
            )
        if q.uncovered and q.uncovered.lower() not in draft.text.lower():
            draft.text += f"\n\n(The guides do not cover {q.uncovered}.)"
        best = max((h.dense for h in turn.hits if h.dense is not None), default=0.0)
        return AnswerResult(
            turn.question,
            turn.text,
            draft.text,
            False,
            self.citations(draft),
            retrieved,
            backend,
            draft.grounding_fallback,
            timings,
            draft.warnings,
            understood,
            draft.explained,
            self.suggester.suggest(
                turn.question,
                [h.chunk for h in draft.cited],
                q.measures,
                sorted(self.next_titles({t.lower() for t in q.occupations})),
            ),
            best < self.low_below,
        )

    def citations(self, draft: Draft) -> list[dict[str, Any]]:
        """One entry per passage the draft cites, numbered as its [n] markers, with the spans it quotes."""
        return [
            {
                "n": n,
                "chunk_id": h.chunk.id,
                "guide": h.chunk.guide,
                "role": h.chunk.role,
                "jobs": draft.jobs.get(h.chunk.id, [h.chunk.role]),  # what the quoted units are about
                "url": h.chunk.url,
                "source": h.chunk.source,
                "section": h.chunk.section,
                "text": h.chunk.text,
                "score": round(h.score, 6),
                "relevance": None if h.dense is None else round(h.dense, 4),
                "spans": spans(
                    h.chunk.text,
                    draft.quotes.get(h.chunk.id)
                    or traced_quotes(draft.text, n, [u.quote for u in split_units(h.chunk)]),
                ),
            }
            for n, h in enumerate(draft.cited, 1)
        ]
