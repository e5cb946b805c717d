"""The `Coach`: one object that turns a question (and history) into a grounded, cited answer.

The CLI, the web UI, the REST API and `coach eval` all call `Coach.ask` / `Coach.stream`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from coach.ask.answer import Draft, ExtractiveAnswerer, LLMAnswerer
from coach.backends import ANSWERERS, Embedder, Message, VectorStore, get_chat_model, get_embedder, get_store
from coach.ingest.chunk import Chunk
from coach.errors import ConfigError, ModelError
from coach.index.generation import LoadedIndex, open_index
from coach.ask.prompts import load_prompt
from coach.ask.question import (
    NUMERIC_INTENTS,
    TitleIndex,
    _singular,
    answer_intents,
    clean_question,
    content_words,
    intents,
    is_injection,
    is_off_task,
    retrieval_query,
    standalone,
    words,
)
from coach.ask.retrieve import Hit, Retriever
from coach.settings import Settings

TITLE_HEADS = (
    "specialist",
    "manager",
    "lead",
    "director",
    "intern",
    "representative",
    "agent",
    "analyst",
    "coach",
    "trainer",
    "supervisor",
    "officer",
    "executive",
    "engineer",
    "associate",
    "coordinator",
    "optimizer",
)


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
        }


def corpus_titles(chunks: list[Chunk]) -> list[str]:
    """Job titles the corpus covers: guide roles, salary-table rows and career-ladder tiers."""
    from coach.ingest.chunk import split_units

    titles = {c.role for c in chunks}
    for c in chunks:
        leaf = c.section.split(" > ")[-1]
        if leaf.split()[-1].lower().rstrip("s") in TITLE_HEADS and len(leaf.split()) <= 7:
            titles.add(leaf)
        for u in split_units(c):
            if u.kind == "row" and u.subject and len(u.subject.split()) <= 7:
                titles.add(u.subject)
    return sorted(titles)


def figure_titles(chunks: list[Chunk]) -> list[str]:
    """Titles the corpus gives pay or experience figures for: guide roles, salary-table rows, career-ladder rungs."""
    from coach.ingest.chunk import split_units

    titles = {c.role for c in chunks}
    for c in chunks:
        leaf = c.section.split(" > ")[-1]
        body = c.text[len(leaf) :] if c.text.startswith(leaf) else c.text
        if leaf.split()[-1].lower().rstrip("s") in TITLE_HEADS and re.match(
            r"\s*(?:experience:\s*)?\d[\d\-–+ ]*years?", body, re.I
        ):
            titles.add(leaf)
        titles.update(u.subject for u in split_units(c) if u.kind == "row" and u.subject)
    return sorted(titles)


class Coach:
    """Retrieval + answering over the active index, with refusals and follow-up handling."""

    def __init__(
        self, settings: Settings, index: LoadedIndex, store: VectorStore, embedder: Embedder
    ) -> None:
        self.settings = settings
        self.index = index
        self.retriever = Retriever(index, store, embedder)
        corpus_text = " " + " ".join(_singular(words(" ".join(c.text for c in index.chunks)))) + " "
        self.titles = TitleIndex(corpus_titles(index.chunks), corpus_text, figure_titles(index.chunks))
        self.roles = sorted({c.role for c in index.chunks})
        self.guides = sorted({(c.source, c.guide, c.role) for c in index.chunks})
        self.vocabulary = {w for c in index.chunks for w in content_words(c.embed_text)}
        self.extractive = ExtractiveAnswerer(
            index.chunks, index.unit_vectors, self.titles, self.retriever.embed_query
        )
        self._answerers: dict[str, Any] = {"extractive": self.extractive}

    @classmethod
    def from_settings(cls, settings: Settings) -> Coach:
        """Open the active index with the configured store and embedder (IndexMissingError if none)."""
        index = open_index(settings)
        return cls(settings, index, get_store(settings), get_embedder(settings))

    # --- parts -----------------------------------------------------------------------------

    def answerer(self, name: str | None) -> Any:
        name = name or self.settings.llm
        if name not in ANSWERERS:
            raise ConfigError(f"unknown answerer '{name}': choose one of {', '.join(ANSWERERS)}")
        if name not in self._answerers:
            self._answerers[name] = LLMAnswerer(get_chat_model(name, self.settings), self.extractive)
        return self._answerers[name]

    def refusal(self, kind: str = "refusal") -> str:
        return load_prompt(kind).format(roles=", ".join(self.roles))

    def condense(self, question: str, history: list[Message], llm: str | None) -> str:
        rewritten = standalone(question, history, self.titles)
        name = llm or self.settings.llm
        if name == "extractive" or not history:
            return rewritten
        try:
            model = self.answerer(name).model
            convo = "\n".join(f"{m['role']}: {m['content']}" for m in history[-6:])
            text = model.invoke(
                [
                    {
                        "role": "user",
                        "content": load_prompt("condense").format(history=convo, question=question),
                    }
                ]
            )
            text = text.strip().splitlines()[0].strip() if text.strip() else ""
            return text if 3 <= len(text) <= self.settings.max_question_chars else rewritten
        except ModelError:
            return rewritten

    def _add_title_hits(self, query: str, hits: list[Hit], guide: str | None) -> list[Hit]:
        """Add the passages that are specifically about a job title the question names (ladder tiers, table rows)."""
        named = {t.lower() for t in self.titles.mentioned(query)}
        wants = intents(query)
        if not named or not wants & {"salary", "years", "path", "growth"}:
            return hits
        if "path" in wants:
            named |= {t.lower() for t in self.extractive.next_titles(named)}
        have = {h.chunk.id for h in hits}
        extra = [
            c
            for c in self.index.chunks
            if c.id not in have
            and (guide is None or guide in (c.source, c.guide, c.role))
            and (
                c.section.split(" > ")[-1].lower() in named or any(f"\n{t}" in c.text.lower() for t in named)
            )
        ]
        out = list(hits)
        for c in extra[:6]:
            out.append(Hit(c, 0.0, rank=len(out) + 1, fused_rank=len(out) + 1))
        return out

    def _why_refuse(self, question: str, query: str, hits: list[Hit]) -> str | None:
        """'injection' or 'refusal' when the coach should decline; None when the guides can answer."""
        if is_injection(question):
            return "injection"
        if is_off_task(question):
            return "refusal"
        figures = bool(answer_intents(question) & set(NUMERIC_INTENTS))
        if self.titles.uncovered_occupation(query, figures=figures):
            return "refusal"
        if not (set(content_words(query)) & self.vocabulary):
            return "refusal"
        best = max((h.dense for h in hits if h.dense is not None), default=0.0)
        if not hits or best < self.settings.refusal_threshold:
            return "refusal"
        return None

    # --- asking ----------------------------------------------------------------------------

    def _prepare(
        self, question: str, history: list[Message] | None, guide: str | None, llm: str | None
    ) -> dict[str, Any]:
        t0 = time.perf_counter()
        name = llm or self.settings.llm
        if name not in ANSWERERS:
            raise ConfigError(f"unknown answerer '{name}': choose one of {', '.join(ANSWERERS)}")
        question = clean_question(question, self.settings.max_question_chars)
        history = [
            m for m in (history or []) if isinstance(m, dict) and m.get("role") in ("user", "assistant")
        ]
        if guide and not any(guide in g for g in self.guides):
            known = ", ".join(g[0] for g in self.guides)
            raise ConfigError(f"unknown guide '{guide}': choose one of {known}")
        query = self.condense(question, history, llm) if history else question
        qvec = self.retriever.embed_query(query)
        hits = self.retriever.retrieve(
            retrieval_query(query), max(10, self.settings.top_k), guide, self.settings.per_section_cap, qvec
        )
        hits = self._add_title_hits(query, hits, guide)
        # second stage: order passages by their best answer unit (the fused rank is one of its signals)
        hits = self.extractive.rerank(query, hits, qvec)
        for n, hit in enumerate(hits, 1):
            hit.rank = n
        t1 = time.perf_counter()
        return {
            "question": question,
            "query": query,
            "qvec": qvec,
            "hits": hits,
            "history": history,
            "t0": t0,
            "t1": t1,
        }

    def _result(
        self, p: dict[str, Any], draft: Draft | None, backend: str, refused: str | None
    ) -> AnswerResult:
        t2 = time.perf_counter()
        hits: list[Hit] = p["hits"]
        timings = {
            "retrieve": round((p["t1"] - p["t0"]) * 1000, 2),
            "answer": round((t2 - p["t1"]) * 1000, 2),
            "total": round((t2 - p["t0"]) * 1000, 2),
        }
        retrieved = [h.to_dict() for h in hits]
        if refused or draft is None or not draft.text:
            return AnswerResult(
                p["question"],
                p["query"],
                self.refusal(refused or "refusal"),
                True,
                [],
                retrieved,
                backend,
                False,
                timings,
                draft.warnings if draft else [],
            )
        citations = [
            {
                "n": n,
                "chunk_id": h.chunk.id,
                "guide": h.chunk.guide,
                "source": h.chunk.source,
                "section": h.chunk.section,
                "text": h.chunk.text,
                "score": round(h.score, 6),
            }
            for n, h in enumerate(draft.cited, 1)
        ]
        return AnswerResult(
            p["question"],
            p["query"],
            draft.text,
            False,
            citations,
            retrieved,
            backend,
            draft.grounding_fallback,
            timings,
            draft.warnings,
        )

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
        p = self._prepare(question, history, guide, llm)
        refused = self._why_refuse(p["question"], p["query"], p["hits"])
        if refused:
            return self._result(p, None, name, refused)
        answerer = self.answerer(name)
        try:
            if name == "extractive":
                draft = self._overview(p) or answerer.answer(p["query"], p["hits"], p["qvec"])
            else:
                draft = answerer.answer(p["query"], p["hits"], p["qvec"], p["history"])
        except ModelError as exc:
            return self._unreachable(p, exc, strict)
        return self._result(p, draft, name, None)

    def _overview(self, p: dict[str, Any]) -> Draft | None:
        """'What emerging specializations exist?': list the subsections of the section the question names."""
        found = self.extractive.overview(p["query"], p["hits"])
        if found is None:
            return None
        heading, kids = found
        hits: list[Hit] = p["hits"]
        by_id = {h.chunk.id: h for h in hits}
        cited = []
        for chunk in kids:
            if chunk.id not in by_id:
                by_id[chunk.id] = Hit(chunk, 0.0, rank=len(hits) + 1, fused_rank=len(hits) + 1)
                hits.append(by_id[chunk.id])
            cited.append(by_id[chunk.id])
        return self.extractive.answer_overview(heading, cited)

    def _unreachable(self, p: dict[str, Any], exc: ModelError, strict: bool | None) -> AnswerResult:
        """The LLM failed: re-raise in strict mode, else answer extractively with a visible warning."""
        if strict if strict is not None else self.settings.strict:
            raise exc
        draft = self.extractive.answer(p["query"], p["hits"], p["qvec"])
        draft.warnings.append(f"{exc}; answered with the extractive answerer instead")
        return self._result(p, draft, "extractive", None)

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
        p = self._prepare(question, history, guide, llm)
        refused = self._why_refuse(p["question"], p["query"], p["hits"])
        if refused:
            result = self._result(p, None, name, refused)
            yield result.answer
            yield result
            return
        try:
            draft: Draft | None = None
            for piece in self.answerer(name).stream(p["query"], p["hits"], p["qvec"], p["history"]):
                if isinstance(piece, Draft):
                    draft = piece
                else:
                    yield piece
            yield self._result(p, draft, name, None)
        except ModelError as exc:
            yield self._unreachable(p, exc, strict)
