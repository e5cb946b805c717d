"""The `Coach`: one object that turns a question (and history) into a grounded, cited answer.

The CLI, the web UI, the REST API and `coach eval` all call `Coach.ask` / `Coach.stream`. The stage is its
steps, each a module with one entry point, and the Coach only chains them:

    understand (understand.read_turn) -> gather (Gatherer.gather) -> decide (Decider.decide)
    -> answer (Drafter.from_records / Drafter.draft) -> reply (Replier.reply)
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import numpy as np

from coach.ask.answer import ExtractiveAnswerer
from coach.ask.coverage import Coverage
from coach.ask.decide import Decider, load_decline_model
from coach.ask.drafts import Drafter
from coach.ask.gather import Gatherer
from coach.ask.llm_answer import LLMAnswerer
from coach.ask.mentions import Mentions
from coach.ask.reply import AnswerResult, Replier
from coach.ask.retrieve import Retriever
from coach.ask.retrieved_job import load_retrieved_job, retrieved_job
from coach.ask.scoring import load_weights
from coach.ask.suggest import Suggester
from coach.ask.turn import Draft, Turn
from coach.ask.understand import conversation, read_turn, vocabulary
from coach.backends import (
    ANSWERERS,
    ChatModel,
    Embedder,
    Message,
    VectorStore,
    get_chat_model,
    get_embedder,
    get_store,
)
from coach.errors import ConfigError, ModelError
from coach.index.generation import LoadedIndex, open_index
from coach.ingest.place_names import is_city
from coach.ingest.places import named_places
from coach.ingest.profile import Profile, load_starter_templates
from coach.settings import Settings

__all__ = ["AnswerResult", "Coach"]


class Coach:
    """Retrieval + answering over the active index, with refusals and follow-up handling."""

    def __init__(
        self, settings: Settings, index: LoadedIndex, store: VectorStore, embedder: Embedder
    ) -> None:
        self.settings = settings
        self.index = index
        self.retriever = Retriever(index, store, embedder)
        self.profile = Profile.from_dict(index.profile) if index.profile else Profile()
        self.vocab = vocabulary(index, self.profile)
        self.decline_model = load_decline_model()
        self.retrieved_job_model = load_retrieved_job()
        self.vocab.ranked = self._ranked_jobs
        self.vocab.alias_threshold = self.decline_model.alias_threshold
        self.vocab.listed_threshold = self.decline_model.listed_threshold
        self.vocab.generic_listings = self.decline_model.generic_listings
        self.vocab.subject_threshold = self.decline_model.subject_threshold
        self.vocab.subject_margin = self.decline_model.subject_margin
        self.vocab.soft_measures = frozenset(self.decline_model.soft_measures)
        self.vocab.context_words = self.decline_model.context_words
        self.vocab.context_cosine = self.decline_model.context_cosine
        self._job_vectors: tuple[list[str], np.ndarray] | None = None
        self._job_lock = threading.Lock()
        is_city("")  # GeoNames' city names load once, here, not in the first question that names a place
        calibrated = load_weights().meta.get("refusal_threshold", 0.30)
        self.refusal_threshold = (
            settings.refusal_threshold if settings.refusal_threshold is not None else float(calibrated)  # type: ignore[arg-type]
        )
        self.titles = self.vocab.titles
        self.roles = sorted({c.role for c in index.chunks})
        self.extractive = ExtractiveAnswerer(
            index.chunks, index.unit_vectors, self.titles, self.retriever.embed_query, self.vocab.guide_places
        )
        self.vocab.speaking_of = Mentions(index.chunks, self.extractive.units).speaking_of
        self._answerers: dict[str, Any] = {"extractive": self.extractive}
        self.suggester = Suggester(
            index.chunks,
            set(self.titles.titles),
            load_starter_templates(settings.prompts_dir),
            self.starters,
        )
        # the steps
        self.coverage = Coverage(index.chunks, self.vocab, self.extractive)
        self.gatherer = Gatherer(
            index.chunks,
            self.retriever,
            self.extractive,
            settings.top_k,
            settings.per_section_cap,
            self.coverage.writers,
        )
        self.guides = self.gatherer.guides
        self.decider = Decider(
            index.chunks,
            self.vocab,
            self.extractive,
            self.retriever.embed_query,
            self.decline_model,
            self.refusal_threshold,
        )
        self.drafter = Drafter(
            index.chunks, self.profile.records, self.vocab, self.retriever, self.extractive
        )
        self.replier = Replier(
            self.roles,
            self.vocab,
            self.suggester,
            lambda: self.starters,
            self.extractive.next_titles,
            self.refusal_threshold,
            settings.low_relevance_margin,
        )

    @property
    def starters(self) -> list[str]:
        """Starter questions for the UI and the widget: the corpus profile's, else one per guide's job."""
        return self.profile.starters or [f"What does a {r.lower()} do?" for r in self.roles[:4]]

    @classmethod
    def from_settings(cls, settings: Settings) -> Coach:
        """Open the active index with the configured store and embedder (IndexMissingError if none)."""
        index = open_index(settings)
        return cls(settings, index, get_store(settings), get_embedder(settings))

    def _ranked_jobs(self, phrase: str) -> list[tuple[str, float]]:
        """Every guide job of the corpus by its cosine with `phrase`, nearest first."""
        with self._job_lock:
            if self._job_vectors is None:
                jobs = sorted(
                    {o.title for o in self.profile.occupations if o.kind == "guide"} or set(self.roles)
                )
                vectors = (
                    np.vstack([self.retriever.embed_query(j) for j in jobs]) if jobs else np.zeros((0, 1))
                )
                self._job_vectors = (jobs, vectors)
        jobs, vectors = self._job_vectors
        if not jobs:
            return []
        sims = vectors @ self.retriever.embed_query(phrase)
        return sorted(((j, float(c)) for j, c in zip(jobs, sims, strict=True)), key=lambda p: -p[1])

    def answerer(self, name: str | None) -> ExtractiveAnswerer | LLMAnswerer:
        """The named answerer (the settings' by default), built once."""
        name = name or self.settings.llm
        if name not in ANSWERERS:
            raise ConfigError(f"unknown answerer '{name}': choose one of {', '.join(ANSWERERS)}")
        if name not in self._answerers:
            self._answerers[name] = LLMAnswerer(get_chat_model(name, self.settings), self.extractive)
        return self._answerers[name]  # type: ignore[no-any-return]

    def _rewriter(self, name: str) -> ChatModel | None:
        """The chat model that may rewrite a follow-up (none for the extractive answerer or when unreachable)."""
        if name == "extractive":
            return None
        try:
            answerer = self.answerer(name)
        except ModelError:
            return None
        return answerer.model if isinstance(answerer, LLMAnswerer) else None

    def prepare(
        self, question: str, history: list[Message] | None, guide: str | None, llm: str | None
    ) -> Turn:
        """Understand and gather: the Turn the decide and answer steps read (ConfigError on a bad answerer
        or guide, QuestionError on a bad question)."""
        name = llm or self.settings.llm
        if name not in ANSWERERS:
            raise ConfigError(f"unknown answerer '{name}': choose one of {', '.join(ANSWERERS)}")
        self.gatherer.check_guide(guide)
        turn = self._earlier_guides(self._read(question, history, guide, name), guide, name)
        self.coverage.check(turn)
        return turn

    def _read(self, question: str, history: list[Message] | None, guide: str | None, name: str) -> Turn:
        """A question read and its passages gathered, a job phrase taken as the job of its best passages."""
        model = self._rewriter(name) if history else None
        turn = read_turn(question, history, self.vocab, self.settings.max_question_chars, model)
        turn = self.gatherer.gather(turn, guide)
        if (taken := retrieved_job(turn, self.vocab, self.retrieved_job_model)) is not None:
            # a job phrase no title holds, declined, whose best passages are one job's: read as that job
            aliases, started = {taken.phrase: taken.job}, turn.started
            turn = read_turn(question, history, self.vocab, self.settings.max_question_chars, model, aliases)
            turn.started = started  # its timings count from the question's arrival, first reading included
            turn.query.read_as = taken.phrase
            turn.query.retrieved_job = taken.to_dict(self.retrieved_job_model)
            turn = self.gatherer.gather(turn, guide)
        return turn

    def _earlier_guides(self, turn: Turn, guide: str | None, name: str) -> Turn:
        """A follow-up about the earlier turn's job that names no job, place or name of its own ("and the year
        before?") reads the guides that turn was answered from: of two guides on one job, the one whose town the
        earlier question named, not the job's other guide. An earlier turn the coach declined sets none apart."""
        q = turn.query
        said = q.question
        if (
            not turn.history
            or q.decline
            or not q.occupations
            or self.vocab.titles.mentioned(said)
            or named_places(said)
            or self.coverage.writers(q)
        ):
            return turn
        at = max((i for i, m in enumerate(turn.history) if m.get("role") == "user"), default=None)
        if at is None:
            return turn
        before = self._read(str(turn.history[at]["content"]), turn.history[:at] or None, guide, name)
        earlier = before.query
        if (
            earlier.decline
            or earlier.occupations[:1] != q.occupations[:1]
            or not earlier.sources
            or set(earlier.sources) == set(q.sources)
        ):
            return turn
        self.coverage.check(before)
        if self.decider.decide(before):
            return turn  # declined: no guide answered it
        q.sources = list(earlier.sources)
        return self.gatherer.gather(turn, guide)

    def ask(
        self,
        question: str,
        history: list[Message] | None = None,
        guide: str | None = None,
        llm: str | None = None,
        strict: bool | None = None,
    ) -> AnswerResult:
        """Answer one question; refusals and LLM fallbacks are part of the result, bad input raises CoachError."""
        name = llm or self.settings.llm
        if name == "extractive" and not guide and (routed := self._tool(question, history)) is not None:
            return routed
        turn = self.prepare(question, history, guide, llm)
        if name == "extractive" and (draft := self.drafter.from_records(turn)):
            return self.replier.reply(turn, draft, name, None)
        if refused := self.decider.decide(turn):
            return self.replier.reply(turn, None, name, refused)
        try:
            draft = self.drafter.draft(turn, self.answerer(name))
        except ModelError as exc:
            return self._unreachable(turn, exc, strict)
        return self.replier.reply(turn, draft, name, None)

    def _tool(self, question: str, history: list[Message] | None) -> AnswerResult | None:
        """A request a coaching tool answers ("compare a nurse with a paramedic", "practise a nurse interview
        with me", the answer to the interview question asked last): that tool's answer."""
        from coach.tools.route import route  # the tools read the corpus through a Coach

        return route(self, question, conversation(history))

    def _unreachable(self, turn: Turn, exc: ModelError, strict: bool | None) -> AnswerResult:
        """The LLM failed: re-raise in strict mode, else answer extractively with a visible warning."""
        if strict if strict is not None else self.settings.strict:
            raise exc
        return self.replier.reply(turn, self.drafter.instead(turn, exc), "extractive", None)

    def stream(
        self,
        question: str,
        history: list[Message] | None = None,
        guide: str | None = None,
        llm: str | None = None,
        strict: bool | None = None,
    ) -> Iterator[str | AnswerResult]:
        """Yield verified answer text as it is produced, then the final AnswerResult (its answer is authoritative)."""
        name = llm or self.settings.llm
        if name == "extractive":
            result = self.ask(question, history, guide, llm, strict)
            yield from result.answer.splitlines(keepends=True)
            yield result
            return
        turn = self.prepare(question, history, guide, llm)
        if refused := self.decider.decide(turn):
            result = self.replier.reply(turn, None, name, refused)
            yield result.answer
            yield result
            return
        try:
            draft: Draft | None = None
            answerer = self.answerer(name)
            assert isinstance(answerer, LLMAnswerer)
            for piece in answerer.stream(turn.text, turn.hits, turn.qvec, turn.history):
                if isinstance(piece, Draft):
                    draft = piece
                else:
                    yield piece
            yield self.replier.reply(turn, draft, name, None)
        except ModelError as exc:
            yield self._unreachable(turn, exc, strict)
