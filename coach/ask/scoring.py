"""Scoring answer units: named features of a (question, unit) pair, weighted by weights fitted on a tuning split.

The weights live in `coach/ask/weights.json` (written by `evals/fit_weights.py`, a logistic regression on
which units of the retrieved passages hold a tuning case's expected facts). `coach ask --explain` prints each
quoted unit's features and score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from coach.shipped import shipped_json

# Every feature is a number in about [0, 1]; the order is the order of the weights.
FEATURES: tuple[str, ...] = (
    "semantic",  # cosine of the unit and the question
    "lexical",  # idf-weighted share of the question's words in the unit and its section
    "rare_terms",  # share of the question's rarer words found in the unit itself
    "qualifiers",  # share of the question's qualifiers (words not naming the job or the measure) in the unit
    "rank_prior",  # 1 / (1 + 0.08 (fused rank - 1)) of the passage
    "section_named",  # the section heading is named like the question ("Technical Skills")
    "measure_fit",  # the question asks a measure (pay, growth, ...) and the unit states it
    "measure_miss",  # the question asks a measure and the unit does not state it
    "pay_money",  # a pay question, a unit with a money figure
    "pay_no_money",  # a pay question, a unit without one
    "years_duration",  # an experience question, a unit with a duration
    "years_no_duration",
    "growth_figure",  # a growth question, a unit with a percentage or openings
    "list_item",  # a skills/steps/education question, a list item
    "next_rung",  # "what's next after X": the unit is about the rung after X
    "other_subject",  # the unit is a row or rung about another job than the one named
    "current_rung_when_next",  # asked what comes after X, the unit is about X itself
    "named_row_pay",  # a pay-table row of the job named, for a pay question
    "named_rung",  # a ladder rung of the job named, for a figure question
    "guide_of_job_ladder",  # the guide is about the job named, for a figure question
    "guide_of_job",  # the guide is about the job named
    "guide_of_other_job",  # the job is named, the guide is about another job
    "subject_general",  # no job named, a unit about one specific rung, for a figure question
    "specific_guide",  # no job named, the guide is about a more specific job
    "short_sentence",  # a sentence of under five words
    "bare_fields",  # a "label: value" unit for a how/what question with little word overlap
    "answer_type_fit",  # the question's form asks a kind of answer ("how long": a duration) the unit holds
    "answer_type_miss",  # the question's form asks a kind of answer the unit does not hold
    "rare_kin",  # share of the question's rarer words the unit holds only as a kin word ("registration" ~ "registered")
    "focus",  # cosine of the unit and the question less the words of the jobs and places it names: what it asks
)

# The hand-set weights the coach used before any fit (the starting point and the fallback).
HAND_WEIGHTS: dict[str, float] = {
    "semantic": 0.55, "lexical": 0.30, "rank_prior": 0.15, "section_named": 0.10, "pay_money": 0.15,
    "pay_no_money": -0.12, "years_duration": 0.12, "years_no_duration": -0.05, "growth_figure": 0.08,
    "list_item": 0.05, "next_rung": 0.35, "other_subject": -0.25, "current_rung_when_next": -0.05,
    "named_row_pay": 0.12, "named_rung": 0.25, "guide_of_job_ladder": 0.20, "guide_of_job": 0.12,
    "guide_of_other_job": -0.10, "subject_general": -0.15, "specific_guide": -0.04, "short_sentence": -0.10,
    "bare_fields": -0.10, "answer_type_fit": 0.08, "answer_type_miss": -0.04,
    "rare_kin": 0.02,
}  # fmt: skip


@dataclass(frozen=True)
class Weights:
    """Feature weights and the selection margins, in score units."""

    values: np.ndarray
    bias: float = 0.0
    source: str = "hand"
    meta: dict[str, object] = field(default_factory=dict)

    def score(self, features: np.ndarray) -> float:
        return float(features @ self.values) + self.bias

    def to_dict(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in self.values],
            "bias": round(self.bias, 6),
            "source": self.source,
            **self.meta,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Weights:
        named = dict(zip(data["features"], data["weights"], strict=True))  # type: ignore[call-overload]
        values = np.array([float(named.get(f, 0.0)) for f in FEATURES])
        meta = {k: v for k, v in data.items() if k not in ("features", "weights", "bias", "source")}
        return cls(values, float(data.get("bias", 0.0)), str(data.get("source", "?")), meta)  # type: ignore[arg-type]


def hand_weights() -> Weights:
    return Weights(np.array([HAND_WEIGHTS.get(f, 0.0) for f in FEATURES]), 0.0, "hand")


@lru_cache(maxsize=1)
def load_weights() -> Weights:
    """The fitted weights shipped with the package, or the hand weights when there are none."""
    data = shipped_json("ask/weights.json")
    return Weights.from_dict(data) if data is not None else hand_weights()


def explain(features: np.ndarray, weights: Weights) -> dict[str, float]:
    """Each non-zero feature's contribution to a unit's score (for `coach ask --explain`)."""
    return {
        name: round(float(v * w), 4)
        for name, v, w in zip(FEATURES, features, weights.values, strict=True)
        if v and w
    }
