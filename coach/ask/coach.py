"""The `Coach`: one object that turns a question (and history) into a grounded, cited answer.

The CLI, the web UI, the REST API and `coach eval` all call `Coach.ask` / `Coach.stream`.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from coach.ask.answer import Draft, ExtractiveAnswerer, LLMAnswerer
from coach.ask.answer import _terms as _unit_terms
from coach.ask.compose import wording
from coach.ask.decide import FEATURES as DECISION_FEATURES
from coach.ask.decide import decline_features, load_decline_model
from coach.ask.facts import answer_from_records, missing_year
from coach.ask.grounding import traced_quotes
from coach.ask.ladder import answer_next_step
from coach.ask.prompts import load_prompt
from coach.ask.qualifiers import statistics
from coach.ask.question import (
    Query,
    TitleIndex,
    Vocabulary,
    _singular,
    content_words,
    place_pattern,
    understand,
    wants_figure,
    words,
)
from coach.ask.retrieve import Hit, Retriever
from coach.ask.scoring import load_weights
from coach.ask.suggest import Suggester
from coach.ask.text import CAREER_WORDS, MONTHS
from coach.backends import ANSWERERS, Embedder, Message, VectorStore, get_chat_model, get_embedder, get_store
from coach.errors import ConfigError, ModelError
from coach.index.generation import LoadedIndex, open_index
from coach.ingest.chunk import split_units
from coach.ingest.places import covers, place_codes
from coach.ingest.profile import Occupation, Profile, load_starter_templates, measures
from coach.settings import Settings

# How a decline names a measure (coach/rules/measures.toml) in a sentence
MEASURE_NAMES = {
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


@lru_cache(maxsize=1)
def _qualifier_words() -> frozenset[str]:
    """Stems of the words that ask for a measure, a statistic or a period: no topic of their own."""
    said = [w for m in measures().values() for w in m.ask]
    said += [w for s in statistics() for w in s.words]
    said += [
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
        "percent",
    ]
    said += list(MONTHS)  # "in May 2019" dates a figure; the year is matched on its own
    return frozenset(_unit_terms(" ".join(said)))


def _keep_cited(p: dict[str, Any], draft: Draft) -> None:
    """Passages a draft cites that retrieval did not return (a ladder rung, a record's row) join the hits."""
    have = {h.chunk.id for h in p["hits"]}
    p["hits"].extend(h for h in draft.cited if h.chunk.id not in have)


def spans(text: str, quotes: list[str]) -> list[list[int]]:
    """[start, end] offsets in a passage of each quoted unit, in passage order (quotes not found are left out)."""
    out: list[list[int]] = []
    for quote in quotes:
        start = text.find(quote.strip())
        if start >= 0 and quote.strip():
            out.append([start, start + len(quote.strip())])
    return sorted(out)


def vocabulary(index: LoadedIndex, profile: Profile) -> Vocabulary:
    """The question stage's view of a corpus, from the profile mined at ingest (or the chunks of an older index)."""
    roles = {c.source: c.role for c in index.chunks}
    occupations = profile.occupations or [
        Occupation(r, r.split()[-1].lower(), [], [s for s, rr in roles.items() if rr == r], "guide")
        for r in set(roles.values())
    ]
    figures = [
        o.title
        for o in occupations
        if o.kind != "guide"
        or any(
            g.measures.get(m) for g in profile.guides if g.source in o.guides for m in ("pay", "experience")
        )
    ]
    corpus_text = " " + " ".join(_singular(words(" ".join(c.text for c in index.chunks)))) + " "
    titles = TitleIndex(
        [o.title for o in occupations],
        corpus_text,
        figures or [o.title for o in occupations],
        CAREER_WORDS | frozenset(profile.domain_words),
    )
    # a job's guides include those of its more specific titles ("Truck Driver" -> "Heavy ... Truck Driver")
    family = {
        o.title.lower(): sorted(
            {g for o2 in occupations if set(o.words) <= set(o2.words) for g in o2.guides} | set(o.guides)
        )
        for o in occupations
    }
    return Vocabulary(
        titles,
        dict(profile.synonyms),
        family,
        {o.title.lower(): o.kind for o in occupations},
        {g.source: dict(g.measures) for g in profile.guides},
        roles,
        {g.source: list(g.places) for g in profile.guides},
        frozenset(w for c in index.chunks for w in content_words(c.embed_text)),
        {g.occupation.split()[0]: g.role for g in profile.guides if g.occupation},
    )


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
        self.vocab.ranked = self._ranked_jobs
        self.vocab.alias_threshold = self.decline_model.alias_threshold
        self.vocab.subject_threshold = self.decline_model.subject_threshold
        self.vocab.subject_margin = self.decline_model.subject_margin
        self._job_vectors: tuple[list[str], np.ndarray] | None = None
        self._job_lock = threading.Lock()
        calibrated = load_weights().meta.get("refusal_threshold", 0.30)
        self.refusal_threshold = (
            settings.refusal_threshold if settings.refusal_threshold is not None else float(calibrated)  # type: ignore[arg-type]
        )
        self.titles = self.vocab.titles
        self._source_terms: dict[str, set[str]] = {}
        self.roles = sorted({c.role for c in index.chunks})
        self.guides = sorted({(c.source, c.guide, c.role) for c in index.chunks})
        self.extractive = ExtractiveAnswerer(
            index.chunks, index.unit_vectors, self.titles, self.retriever.embed_query
        )
        self._answerers: dict[str, Any] = {"extractive": self.extractive}
        self.suggester = Suggester(
            index.chunks,
            set(self.titles.titles),
            load_starter_templates(settings.prompts_dir),
            self.starters,
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

    # --- parts -----------------------------------------------------------------------------

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

    def answerer(self, name: str | None) -> Any:
        name = name or self.settings.llm
        if name not in ANSWERERS:
            raise ConfigError(f"unknown answerer '{name}': choose one of {', '.join(ANSWERERS)}")
        if name not in self._answerers:
            self._answerers[name] = LLMAnswerer(get_chat_model(name, self.settings), self.extractive)
        return self._answerers[name]

    def refusal(self, kind: str = "refusal", detail: str = "") -> str:
        """The decline message; it names only the corpus's jobs (titles with digits are left out: no stray figures)."""
        roles = ", ".join(r for r in self.roles if not any(ch.isdigit() for ch in r))
        if kind == "no_place":
            measure, _, place = detail.partition("|")
            return load_prompt("no_place").format(
                measure=MEASURE_NAMES.get(measure, measure), place=place, roles=roles
            )
        if kind == "no_year":
            measure = detail.partition("|")[0]
            return load_prompt("no_year").format(measure=MEASURE_NAMES.get(measure, measure))
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

    def condense(self, query: Query, history: list[Message], llm: str | None) -> Query:
        """With an LLM and a conversation, let the model rewrite the follow-up; the rule-based rewrite is the fallback."""
        name = llm or self.settings.llm
        if name == "extractive" or not history:
            return query
        try:
            model = self.answerer(name).model
            convo = "\n".join(f"{m['role']}: {m['content']}" for m in history[-6:])
            prompt = load_prompt("condense").format(history=convo, question=query.question)
            text = model.invoke([{"role": "user", "content": prompt}])
            text = text.strip().splitlines()[0].strip() if text.strip() else ""
            if not 3 <= len(text) <= self.settings.max_question_chars:
                return query
            rewritten = understand(text, [], self.vocab, self.settings.max_question_chars)
            rewritten.question = query.question
            return rewritten
        except ModelError:
            return query

    def _add_title_hits(self, q: Query, hits: list[Hit], allowed: set[str] | None) -> list[Hit]:
        """Add the passages that are specifically about a job title the question names (ladder tiers, table rows)."""
        named = {t.lower() for t in q.occupations}
        wants = q.intents
        if not named or not wants & {"salary", "years", "path", "growth"}:
            return hits
        if "path" in wants:
            named |= {t.lower() for t in self.extractive.next_titles(named)}
        have = {h.chunk.id for h in hits}
        extra = [
            c
            for c in self.index.chunks
            if c.id not in have
            and (allowed is None or c.source in allowed)
            and (
                c.section.split(" > ")[-1].lower() in named or any(f"\n{t}" in c.text.lower() for t in named)
            )
        ]
        out = list(hits)
        for c in extra[:6]:
            out.append(Hit(c, 0.0, rank=len(out) + 1, fused_rank=len(out) + 1))
        return out

    def _add_measure_hits(self, q: Query, hits: list[Hit], allowed: set[str] | None) -> list[Hit]:
        """Add the named jobs' passages that state the figure asked ("Number of Jobs, 2010: 1,216,900" in a
        Quick Facts box the question's words do not find): each guide of the job gets its say."""
        measure = measures().get(q.measure or "")
        if measure is None or measure.figure is None or not q.numeric or not q.sources:
            return hits
        sources = set(q.sources) if allowed is None else set(q.sources) & allowed
        # only guides none of whose hits states it yet, one passage each: few more units to score
        stated = {h.chunk.source for h in hits if measure.found_in(f"{h.chunk.section}: {h.chunk.text}")}
        missing = sources - stated
        out = list(hits)
        for c in self.index.chunks:
            if c.source in missing and measure.found_in(f"{c.section}: {c.text}"):
                out.append(Hit(c, 0.0, rank=len(out) + 1, fused_rank=len(out) + 1))
                missing.discard(c.source)
        return out

    def _unmentioned_place(self, q: Query, allowed: set[str] | None) -> str | None:
        """A place the question asks a figure for that no guide it may be answered from mentions at all."""
        # for a figure, the place must be named beside a figure of the measure asked, not anywhere in the guide
        # ("higher national diploma" says nothing about US pay); "how is pay structured in the NHS?" wants no figure
        figure = q.numeric and wants_figure(q.expanded)
        measure = measures().get(q.measure or "pay") if figure else None
        for place in q.places:
            asked = place_codes(place)
            if asked and any(
                covers(codes, asked)
                for source, codes in self.vocab.guide_places.items()
                if allowed is None or source in allowed
            ):
                continue  # an Australian guide's figures are Australian without the word beside each
            pattern = place_pattern(place)
            if not any(
                pattern.search(c.text) and (measure is None or measure.found_in(c.text))
                for c in self.index.chunks
                if allowed is None or c.source in allowed
            ):
                return place
        return None

    def _why_refuse(self, q: Query, hits: list[Hit], qvec: np.ndarray | None = None) -> str | None:
        """The decline kind (injection, refusal, no_measure, no_place) when the coach should decline; None when it can."""
        if q.decline:
            return q.decline
        if q.document:  # "write me a cover letter": answerable only with the guides' advice about one
            return None if any(q.document in h.chunk.text.lower() for h in hits) else "write"
        if not hits:
            return "refusal"
        features = self.decision_features(q, hits, qvec)
        q.decision = {
            "features": dict(zip(DECISION_FEATURES, (round(float(f), 4) for f in features), strict=True)),
            "probability": round(self.decline_model.probability(features), 4),
            "threshold": self.decline_model.threshold if self.decline_model.weights is not None else None,
        }
        # the best passage's cosine below the calibrated floor declines whatever the fit says
        below_floor = features[0] < self.refusal_threshold
        fitted = self.decline_model.weights is not None
        return "refusal" if below_floor or (fitted and self.decline_model.declines(features)) else None

    def decision_features(self, q: Query, hits: list[Hit], qvec: np.ndarray | None = None) -> np.ndarray:
        """The features the fitted answer-or-decline decision reads (coach/ask/decide.py)."""
        ex = self.extractive
        qvec = self.retriever.embed_query(q.expanded) if qvec is None else qvec
        scored = ex.score(q.expanded, hits, qvec, q)
        best = max((h.dense for h in hits if h.dense is not None), default=0.0)
        top = [(s.features, _unit_terms(s.unit.text)) for s in scored[:3]]
        distinct = ex._qualifier_terms(_unit_terms(q.expanded) - ex.generic_terms)
        # names and acronyms the question uses after its first word ("PCSO", "Brisbane"), not its jobs' words
        job_terms = _unit_terms(" ".join(q.occupations).lower())
        capitalised = re.findall(r"(?<=\s)(?:[A-Z][a-z]+|[A-Z]{2,})\b", q.question)
        names = _unit_terms(" ".join(capitalised)) - job_terms
        return decline_features(
            best,
            top,
            distinct,
            ex.idf,
            bool(q.measures),
            bool(q.occupations),
            scored[0].score if scored else 0.0,
            names,
            self._terms_of(q.sources) if q.sources else None,
        )

    def _terms_of(self, sources: list[str]) -> set[str]:
        """The stemmed words of these guides' passages (cached per guide)."""
        out: set[str] = set()
        for source in sources:
            if source not in self._source_terms:
                self._source_terms[source] = set().union(
                    *(_unit_terms(f"{c.section} {c.text}") for c in self.index.chunks if c.source == source)
                )
            out |= self._source_terms[source]
        return out

    # --- asking ----------------------------------------------------------------------------

    def _allowed(self, q: Query, guide: str | None) -> set[str] | None:
        """The guides an answer may come from: the chosen guide, and the guides about the jobs the question names."""
        allowed = {g[0] for g in self.guides if guide in g} if guide else None
        if q.sources:
            allowed = set(q.sources) if allowed is None else (allowed & set(q.sources)) or allowed
        return allowed

    def _prepare(
        self, question: str, history: list[Message] | None, guide: str | None, llm: str | None
    ) -> dict[str, Any]:
        t0 = time.perf_counter()
        name = llm or self.settings.llm
        if name not in ANSWERERS:
            raise ConfigError(f"unknown answerer '{name}': choose one of {', '.join(ANSWERERS)}")
        history = [
            m for m in (history or []) if isinstance(m, dict) and m.get("role") in ("user", "assistant")
        ]
        if guide and not any(guide in g for g in self.guides):
            known = ", ".join(g[0] for g in self.guides)
            raise ConfigError(f"unknown guide '{guide}': choose one of {known}")
        q = understand(question, history, self.vocab, self.settings.max_question_chars)
        q = self.condense(q, history, llm)
        qvec = self.retriever.embed_query(q.expanded)
        allowed = self._allowed(q, guide)
        hits = self.retriever.retrieve(
            q.retrieval, max(10, self.settings.top_k), None, self.settings.per_section_cap, qvec, allowed
        )
        hits = self._add_title_hits(q, hits, allowed)
        hits = self._add_measure_hits(q, hits, allowed)
        if not q.decline and (place := self._unmentioned_place(q, allowed)):
            q.decline, q.decline_detail = "no_place", f"{q.measure or 'pay'}|{place}"
        # second stage: order passages by their best answer unit (the fused rank is one of its signals)
        hits = self.extractive.rerank(q.expanded, hits, qvec, q)
        for n, hit in enumerate(hits, 1):
            hit.rank = n
        t1 = time.perf_counter()
        return {
            "question": q.question,
            "query": q.expanded,
            "q": q,
            "qvec": qvec,
            "hits": hits,
            "history": history,
            "allowed": allowed,
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
        q: Query = p["q"]
        understood = {
            "intents": sorted(q.intents),
            "measures": q.measures,
            "occupations": q.occupations,
            "places": q.places,
            "decline": refused,
            "decision": q.decision,  # the fitted answer-or-decline decision's features and probability
            "uncovered": q.uncovered or None,  # a job named beside a covered one that no guide covers
        }
        if refused or draft is None or not draft.text:
            return AnswerResult(
                p["question"],
                p["query"],
                self.refusal(
                    refused or "refusal", (q.document or "") if refused == "write" else q.decline_detail
                ),
                True,
                [],
                retrieved,
                backend,
                False,
                timings,
                draft.warnings if draft else [],
                understood,
                suggestions=self.starters[:3],
            )
        if q.uncovered and q.uncovered.lower() not in draft.text.lower():
            draft.text += f"\n\n(The guides do not cover {q.uncovered}.)"
        citations = [
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
        best = max((h.dense for h in hits if h.dense is not None), default=0.0)
        low = best < self.refusal_threshold + self.settings.low_relevance_margin
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
            understood,
            draft.explained,
            self.suggester.suggest(
                p["question"],
                [h.chunk for h in draft.cited],
                q.measures,
                sorted(self.extractive.next_titles({t.lower() for t in q.occupations})),
            ),
            low,
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
        if name == "extractive" and (draft := self._from_records(p)):
            return self._result(p, draft, name, None)
        refused = self._why_refuse(p["q"], p["hits"], p["qvec"])
        if refused:
            return self._result(p, None, name, refused)
        answerer = self.answerer(name)
        try:
            if name == "extractive":
                draft = (
                    self._overview(p)
                    or self._next_step(p)
                    or answerer.answer(p["query"], p["hits"], p["qvec"], p["q"])
                )
            else:
                draft = answerer.answer(p["query"], p["hits"], p["qvec"], p["history"])
        except ModelError as exc:
            return self._unreachable(p, exc, strict)
        return self._result(p, draft, name, None)

    def _from_records(self, p: dict[str, Any]) -> Draft | None:
        """A figure question the asked occupation's records answer: the record stated, its passage cited."""
        q: Query = p["q"]
        if q.decline not in (None, "no_place", "no_measure") or not q.numeric:
            return None
        ex = self.extractive
        roles = self.vocab.guide_roles
        jobs = " ".join([*q.occupations, *(roles.get(s, "") for s in q.sources), *q.places, q.uncovered])
        leftover = _unit_terms(q.expanded) - ex.generic_terms - _unit_terms(jobs) - _qualifier_words()
        draft = answer_from_records(
            q, self.profile.records, self.retriever.by_id, p["hits"], _unit_terms, leftover
        )
        if draft is None and not q.decline and (year := missing_year(q, self.profile.records)):
            q.decline, q.decline_detail = "no_year", f"{q.measure}|{year}"
        if draft is not None:
            _keep_cited(p, draft)
        return draft

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

    def _next_step(self, p: dict[str, Any]) -> Draft | None:
        """'What's my next step after X?': the next rung of a guide's ladder, with its years, pay and duties."""
        draft = answer_next_step(self.extractive, self.index.chunks, p["q"], p["hits"], p["allowed"])
        if draft is not None:
            _keep_cited(p, draft)
        return draft

    def _unreachable(self, p: dict[str, Any], exc: ModelError, strict: bool | None) -> AnswerResult:
        """The LLM failed: re-raise in strict mode, else answer extractively with a visible warning."""
        if strict if strict is not None else self.settings.strict:
            raise exc
        draft = self.extractive.answer(p["query"], p["hits"], p["qvec"], p["q"])
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
        refused = self._why_refuse(p["q"], p["hits"], p["qvec"])
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
