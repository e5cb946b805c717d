"""The fitted decision as data: the features it reads (`FEATURES`), its weights, threshold and the values the
question stage reads before it (`DeclineModel`), and the file they ship in (`load_decline_model`,
coach/ask/decline.json, written by evals/fit_decline.py). decide.py computes the features and applies it."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from coach.ask.prior import QuestionPrior
from coach.shipped import shipped_json

__all__ = ["FEATURES", "DeclineModel", "load_decline_model"]

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


@lru_cache(maxsize=1)
def load_decline_model() -> DeclineModel:
    """The decision shipped in `coach/ask/decline.json` (none: the old best-passage cosine cut-off)."""
    data = shipped_json("ask/decline.json")
    return DeclineModel.from_dict(data) if data is not None else DeclineModel()
