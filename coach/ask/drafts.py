"""Answer: a Turn the coach answers -> a `Draft`, from the first of its answer kinds that fits.

A figure question the asked occupation's records answer is stated from the record (coach/ask/facts.py);
"what X are there?" lists a section's subsections; "what's my next step?" gives the next rung of a guide's
ladder (coach/ask/ladder.py); anything else quotes the best answer units (coach/ask/answer.py) or, with an
LLM, the model's grounded answer (coach/ask/llm_answer.py).
"""

from __future__ import annotations

from functools import lru_cache

from coach.ask.answer import ExtractiveAnswerer
from coach.ask.facts import answer_from_records
from coach.ask.followup import SWITCH
from coach.ask.ladder import answer_next_step
from coach.ask.llm_answer import LLMAnswerer
from coach.ask.qualifiers import statistics
from coach.ask.question import Vocabulary
from coach.ask.record_gaps import missing_qualifier, missing_year
from coach.ask.retrieve import Hit, Retriever
from coach.ask.stems import terms as _unit_terms
from coach.ask.text import MONTHS
from coach.ask.turn import Draft, Turn
from coach.errors import ModelError
from coach.ingest.chunk import Chunk
from coach.ingest.measures import measures
from coach.ingest.records import Record

_PERIOD_WORDS = (
    "hour",
    "hourly",
    "week",
    "weekly",
    "month",
    "monthly",
    "year",
    "yearly",
    "annual",
    "annually",
)


@lru_cache(maxsize=1)
def _qualifier_words() -> frozenset[str]:
    """Stems of the words that ask for a measure, a statistic or a period: no topic of their own."""
    said = [w for m in measures().values() for w in m.ask]
    said += [w for s in statistics() for w in s.words]
    said += [*_PERIOD_WORDS, "percent"]
    said += list(MONTHS)  # "in May 2019" dates a figure; the year is matched on its own
    return frozenset(_unit_terms(" ".join(said)))


class Drafter:
    """The answer kinds over one index, tried in order."""

    def __init__(
        self,
        chunks: list[Chunk],
        records: list[Record],
        vocab: Vocabulary,
        retriever: Retriever,
        extractive: ExtractiveAnswerer,
    ) -> None:
        self.chunks = chunks
        self.records = records
        self.vocab = vocab
        self.retriever = retriever
        self.extractive = extractive

    def draft(self, turn: Turn, answerer: ExtractiveAnswerer | LLMAnswerer) -> Draft:
        """The stage's entry point for a Turn the coach answers (ModelError when an LLM fails)."""
        if isinstance(answerer, LLMAnswerer):
            return answerer.answer(turn.text, turn.hits, turn.qvec, turn.history)
        return (
            self.overview(turn)
            or self.next_step(turn)
            or answerer.answer(turn.text, turn.hits, turn.qvec, turn.query)
        )

    def from_records(self, turn: Turn) -> Draft | None:
        """A figure question the asked occupation's records answer: the record stated, its passage cited.
        Tried before the decision: a record of the asked job, measure, place and year is the answer; a year
        no record of the job gives marks the Turn `no_year`."""
        q = turn.query
        if q.decline not in (None, "no_place", "no_measure") or not q.numeric:
            return None
        ex = self.extractive
        roles = self.vocab.guide_roles
        jobs = " ".join([*q.occupations, *(roles.get(s, "") for s in q.sources), *q.places, q.uncovered])
        # "Different question: ..." says how it is asked, not what
        asked = SWITCH.sub("", q.expanded)
        leftover = _unit_terms(asked) - ex.generic_terms - _unit_terms(jobs) - _qualifier_words()
        draft = answer_from_records(q, self.records, self.retriever.by_id, turn.hits, _unit_terms, leftover)
        if (
            draft is None
            and q.decline in (None, "no_place")
            and (year := missing_year(q, self.records, self.retriever.by_id))
        ):
            # no record of the job gives the year asked: a plainer reason to decline than the place
            q.decline, q.decline_detail = "no_year", f"{q.measure}|{year}"
        elif (
            draft is None
            and not q.decline
            and (level := missing_qualifier(q, self.records, self.retriever.by_id))
        ):
            q.decline, q.decline_detail = "no_level", f"{q.measure}|{level}"
        if draft is not None:
            turn.keep_cited(draft)
        return draft

    def overview(self, turn: Turn) -> Draft | None:
        """'What emerging specializations exist?': list the subsections of the section the question names."""
        found = self.extractive.overview(turn.text, turn.hits)
        if found is None:
            return None
        heading, kids = found
        by_id = {h.chunk.id: h for h in turn.hits}
        cited = []
        for chunk in kids:
            if chunk.id not in by_id:
                by_id[chunk.id] = Hit(chunk, 0.0, rank=len(turn.hits) + 1, fused_rank=len(turn.hits) + 1)
                turn.hits.append(by_id[chunk.id])
            cited.append(by_id[chunk.id])
        return self.extractive.answer_overview(heading, cited)

    def next_step(self, turn: Turn) -> Draft | None:
        """'What's my next step after X?': the next rung of a guide's ladder, with its years, pay and duties."""
        draft = answer_next_step(self.extractive, self.chunks, turn.query, turn.hits, turn.allowed)
        if draft is not None:
            turn.keep_cited(draft)
        return draft

    def instead(self, turn: Turn, exc: ModelError) -> Draft:
        """The extractive answer when the LLM could not be reached, with the reason as a warning."""
        draft = self.extractive.answer(turn.text, turn.hits, turn.qvec, turn.query)
        draft.warnings.append(f"{exc}; answered with the extractive answerer instead")
        return draft
