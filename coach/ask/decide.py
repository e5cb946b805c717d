"""Decide: answer or decline, by a decision fitted on the development pool instead of one similarity cut-off.

A question the rules of the question stage let through (no injection, no unknown job, no missing measure) is
answered only when the retrieved passages address what it asks. That is judged from a few named features of
the question and its best answer units, weighted by a logistic regression fitted on the pool's cases grouped
by site (`evals/fit_decline.py` writes `coach/ask/decline.json`, naming the data it was fitted on). The same
file holds the cosines from which a job phrase a question uses, or a question naming no job, is taken as
being about one of the corpus's jobs.
`coach ask --explain` shows the features, the probability and the threshold. The fitted model and its file are
decline_model.py's; FEATURES, DeclineModel and load_decline_model are importable from here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from coach.ask.answer import ExtractiveAnswerer
from coach.ask.asks import asks_number, kinds_unstated
from coach.ask.decline_model import FEATURES, DeclineModel, load_decline_model
from coach.ask.prior import prior_vector
from coach.ask.question import Query, Vocabulary
from coach.ask.retrieve import Hit
from coach.ask.scoring import FEATURES as UNIT_FEATURES
from coach.ask.stems import terms as _unit_terms
from coach.ask.turn import Turn
from coach.ingest.chunk import Chunk

__all__ = ["FEATURES", "Decider", "DeclineModel", "decline_features", "load_decline_model"]

_DIGIT = re.compile(r"\d")


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
