"""Decide: answer or decline, by a decision fitted on the development pool instead of one similarity cut-off.

A question the rules of the question stage let through (no injection, no unknown job, no missing measure) is
answered only when the retrieved passages address what it asks. That is judged from a few named features of
the question and its best answer units, weighted by a logistic regression fitted on the pool's cases grouped
by site (`evals/fit_decline.py` writes `coach/ask/decline.json`, naming the data it was fitted on). The same
file holds the cosines from which a job phrase a question uses, or a question naming no job, is taken as
being about one of the corpus's jobs.
`coach ask --explain` shows the features, the probability and the threshold.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from coach.ask.answer import ExtractiveAnswerer
from coach.ask.asks import asks_number, kinds_unstated
from coach.ask.prior import QuestionPrior, prior_vector
from coach.ask.question import Query, Vocabulary
from coach.ask.retrieve import Hit
from coach.ask.scoring import FEATURES as UNIT_FEATURES
from coach.ask.stems import terms as _unit_terms
from coach.ask.turn import Turn
from coach.ingest.chunk import Chunk
from coach.shipped import shipped_json

# Every feature is a number in about [0, 1] (the unit score about [-0.5, 1]); the order is the weights' order.
FEATURES: tuple[str, ...] = (
    "best_cosine",  # the best retrieved passage's cosine with the question
    "unit_score",  # the best answer unit's fitted score (coach/ask/scoring.py)
    "unit_semantic",  # the best unit's cosine with the question
    "unit_lexical",  # the best unit's idf-weighted share of the question's words
    "unit_rare_terms",  # the share of the question's rarer words in the best unit
    "unit_qualifiers",  # the share of the question's qualifiers in the best unit
    "term_coverage",  # the share of the question's distinctive words found in its best three units
    "unseen_terms",  # the share of the question's distinctive words the corpus never uses
    "measure_asked",  # the question asks for a measure (pay, hours, growth, ...)
    "measure_fit",  # ... and the best unit states it
    "job_named",  # the question names one of the corpus's jobs
    "unit_of_job",  # the best unit's guide is about the job named
    "section_named",  # the best unit's section is named like the question
    "unit_coverage",  # the share of the question's distinctive words found in its best unit
    "missing_rare",  # the rarity (idf / the corpus's highest) of the rarest distinctive word its best units lack
    "names_missing",  # the share of the question's names and acronyms (PCSO, Brisbane) its best units lack
    "job_unseen",  # the share of its distinctive words that no passage of the asked job's guides uses
    "job_missing_rare",  # the rarity of the rarest distinctive word (not a place) the asked job's guides lack
    "number_unstated",  # the question asks for a number (coach/rules/asks.toml) and its best unit states none
    "kind_unstated",  # it asks a number of one kind (a pass mark, an age, a length) its best three units lack
    "question_prior",  # how often a question like it, with its best unit, is answerable (coach/ask/prior.py)
)


@dataclass(frozen=True)
class DeclineModel:
    """The fitted decision: logistic weights over FEATURES, the probability below which the coach declines,
    and the cosine from which an unknown job phrase is taken as a corpus job."""

    weights: np.ndarray | None = None  # None: no fit shipped, fall back to `cosine_threshold`
    bias: float = 0.0
    threshold: float = 0.5
    cosine_threshold: float = 0.29
    alias_threshold: float = 1.01
    subject_threshold: float = 1.01
    subject_margin: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)
    listed_threshold: float = (
        1.01  # the cosine from which a title the standard list files under a corpus job is it
    )
    # how many standard occupations must list a lone word for it to be a generic head ("supervisor", "operator"),
    # no job of its own to decline for; 0: off
    generic_listings: int = 0
    prior: QuestionPrior = field(default_factory=QuestionPrior)  # the question_prior feature's own fit
    # measures a job's guides may answer in words the ingest stage does not count as that measure ("roughly
    # 140,000 people earn their livelihood" is a number of jobs): the question stage does not decline for their
    # absence and leaves the question to this decision; chosen on the tuning cases (evals/fit_decline.py)
    soft_measures: tuple[str, ...] = ()
    # how many words of a question only its nearest job's guides write, from which cosine, make a job phrase no
    # title holds that job (coach/ask/context_job.py); 0: off
    context_words: int = 0
    context_cosine: float = 1.01

    def probability(self, features: np.ndarray) -> float:
        """P(answerable) for one feature vector."""
        if self.weights is None:
            return 1.0 if features[0] >= self.cosine_threshold else 0.0
        z = float(features @ self.weights) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def declines(self, features: np.ndarray) -> bool:
        return self.probability(features) < self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "weights": None if self.weights is None else [round(float(w), 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 4),
            "cosine_threshold": self.cosine_threshold,
            "alias_threshold": round(self.alias_threshold, 4),
            "subject_threshold": round(self.subject_threshold, 4),
            "subject_margin": round(self.subject_margin, 4),
            "listed_threshold": round(self.listed_threshold, 4),
            "generic_listings": self.generic_listings,
            "soft_measures": list(self.soft_measures),
            "context_words": self.context_words,
            "context_cosine": round(self.context_cosine, 4),
            "prior": self.prior.to_dict(),
            **self.meta,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DeclineModel:
        weights = data.get("weights")
        if weights is not None and list(data.get("features", [])) != list(FEATURES):
            weights = None  # fitted on other features: refit with evals/fit_decline.py
        known = {
            "features",
            "weights",
            "bias",
            "threshold",
            "cosine_threshold",
            "alias_threshold",
            "subject_threshold",
            "subject_margin",
            "listed_threshold",
            "generic_listings",
            "soft_measures",
            "context_words",
            "context_cosine",
            "prior",
        }
        return cls(
            None if weights is None else np.asarray(weights, dtype=float),
            float(data.get("bias", 0.0)),
            float(data.get("threshold", 0.5)),
            float(data.get("cosine_threshold", 0.29)),
            float(data.get("alias_threshold", 1.01)),
            float(data.get("subject_threshold", 1.01)),
            float(data.get("subject_margin", 0.0)),
            {k: v for k, v in data.items() if k not in known},
            float(data.get("listed_threshold", 1.01)),
            int(data.get("generic_listings", 0)),
            QuestionPrior.from_dict(data.get("prior")),
            tuple(str(m) for m in data.get("soft_measures", ())),
            int(data.get("context_words", 0)),
            float(data.get("context_cosine", 1.01)),
        )


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def load_decline_model() -> DeclineModel:
    """The decision shipped in `coach/ask/decline.json` (none: the old best-passage cosine cut-off)."""
    data = shipped_json("ask/decline.json")
    return DeclineModel.from_dict(data) if data is not None else DeclineModel()


def decline_features(
    best_cosine: float,
    top_units: list[tuple[np.ndarray | None, set[str]]],
    question_terms: set[str],
    idf: dict[str, float],
    measure_asked: bool,
    job_named: bool,
    unit_score: float,
    names: set[str] = frozenset(),  # type: ignore[assignment]
    job_terms: set[str] | None = None,
    places: set[str] = frozenset(),  # type: ignore[assignment]
    number_unstated: bool = False,
    kind_unstated: bool = False,
    prior: float = 0.5,
) -> np.ndarray:
    """The feature vector of one question: its best passage's cosine, its best units' features and stemmed
    words (best first), the question's distinctive stemmed words and names, the corpus's idf by stem, the
    stemmed words of the asked job's guides (None: no job asked), the stems of the places it names, and
    whether it asks for a number its best unit does not state, and a kind of number its best units lack, and the
    question's prior (coach/ask/prior.py)."""
    at = {name: i for i, name in enumerate(UNIT_FEATURES)}
    top = top_units[0][0] if top_units and top_units[0][0] is not None else np.zeros(len(UNIT_FEATURES))
    seen = set().union(*(terms for _, terms in top_units[:3])) if top_units else set()
    first = top_units[0][1] if top_units else set()
    distinct = question_terms
    coverage = len(distinct & seen) / len(distinct) if distinct else 1.0
    unseen = len([t for t in distinct if t not in idf]) / len(distinct) if distinct else 0.0
    highest = max(idf.values(), default=1.0) or 1.0
    lacking = [idf.get(t, highest) / highest for t in distinct - seen]
    # a place is judged by the place check; a topic word no guide of the job uses is what this measures
    topic = distinct - places
    never = [idf.get(t, highest) / highest for t in (topic - job_terms if job_terms is not None else topic)]
    return np.array(
        [
            best_cosine,
            unit_score,
            top[at["semantic"]],
            top[at["lexical"]],
            top[at["rare_terms"]],
            top[at["qualifiers"]],
            coverage,
            unseen,
            float(measure_asked),
            top[at["measure_fit"]],
            float(job_named),
            top[at["guide_of_job"]],
            top[at["section_named"]],
            len(distinct & first) / len(distinct) if distinct else 1.0,
            max(lacking, default=0.0),
            len(names - seen) / len(names) if names else 0.0,
            # a pension, a bleep test, an age limit: words the asked job's own guides never use
            (len(distinct - job_terms) / len(distinct) if distinct else 0.0)
            if job_terms is not None
            else unseen,
            max(never, default=0.0),
            float(number_unstated),
            float(kind_unstated),
            prior,
        ],
        dtype=float,
    )


class Decider:
    """Answer or decline, for one index: the question stage's own declines, the coverage checks (a place or a
    name no guide gives, coverage.py), the best passage's cosine below the calibrated floor, and the fitted
    decision."""

    def __init__(
        self,
        chunks: list[Chunk],
        vocab: Vocabulary,
        extractive: ExtractiveAnswerer,
        embed_query: Callable[[str], np.ndarray],
        model: DeclineModel,
        floor: float,
    ) -> None:
        self.chunks = chunks
        self.vocab = vocab
        self.extractive = extractive
        self.embed_query = embed_query
        self.model = model
        self.floor = floor  # the best passage's cosine below which the coach declines whatever the fit says
        self._source_terms: dict[str, set[str]] = {}

    def decide(self, turn: Turn) -> str | None:
        """The stage's entry point: the decline kind (injection, refusal, no_measure, no_place, write...) when
        the coach should decline, None when it can answer. The fitted decision's features and probability
        are kept on the Query for `--explain`."""
        q, hits = turn.query, turn.hits
        if q.decline:
            return q.decline
        if q.document:  # "write me a cover letter": answerable only with the guides' advice about one
            return None if any(q.document in h.chunk.text.lower() for h in hits) else "write"
        if not hits:
            return "refusal"
        features = self.features(q, hits, turn.qvec)
        q.decision = {
            "features": dict(zip(FEATURES, (round(float(f), 4) for f in features), strict=True)),
            "probability": round(self.model.probability(features), 4),
            "threshold": self.model.threshold if self.model.weights is not None else None,
        }
        below_floor = features[0] < self.floor
        fitted = self.model.weights is not None
        return "refusal" if below_floor or (fitted and self.model.declines(features)) else None

    def features(self, q: Query, hits: list[Hit], qvec: np.ndarray | None = None) -> np.ndarray:
        """The features the fitted decision reads, for one question and its passages."""
        ex = self.extractive
        qvec = self.embed_query(q.expanded) if qvec is None else qvec
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
            _unit_terms(" ".join(q.places).lower()),
            bool(scored) and asks_number(q.expanded) and not _DIGIT.search(scored[0].unit.quote),
            bool(kinds_unstated(q.expanded, [s.unit.quote for s in scored[:3]])),
            self.model.prior.probability(self.prior_input(q, hits, qvec)),
        )

    def prior_input(self, q: Query, hits: list[Hit], qvec: np.ndarray) -> np.ndarray:
        """What the question prior reads (coach/ask/prior.py): the question's vector and its best unit's. The fit
        (evals/fit_decline.py) reads it from here too, so the two cannot drift apart."""
        scored = self.extractive.score(q.expanded, hits, qvec, q)  # the same call as `features`: cached
        return prior_vector(qvec, self.extractive.unit_vector(scored[0].unit) if scored else None)

    def _terms_of(self, sources: list[str]) -> set[str]:
        """The stemmed words of these guides' passages (cached per guide)."""
        out: set[str] = set()
        for source in sources:
            if source not in self._source_terms:
                self._source_terms[source] = set().union(
                    *(_unit_terms(f"{c.section} {c.text}") for c in self.chunks if c.source == source)
                )
            out |= self._source_terms[source]
        return out
