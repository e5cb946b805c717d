"""The corpus job a question means by a job phrase no title, alias or context word holds, read from what its
passages are (`retrieved_job`): "what do hotel cleaners in Spain earn?" of a Hotel Chambermaid guide whose
passages it retrieves first. The question stage declines such a phrase ("a job the guides don't cover"); after
retrieval, the job of the best passage's guide is taken instead when a fitted logistic decision over a few named
features (`FEATURES`) says the phrase names it: its embedding match with the job and whether it is the nearest
job, how many of the best passages are that job's, the best passage's cosine, the question's words only that job's
guides write, the phrase's words and head word in those guides, and whether the question as a whole is nearest
that job. Fitted on the development pool's questions the rule declined (evals/fit_retrieved_job.py, which writes
coach/ask/retrieved_job.json); none shipped: off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from coach.ask.context_job import job_only_terms
from coach.ask.stems import stem
from coach.ask.turn import Turn
from coach.ask.vocabulary import Vocabulary
from coach.shipped import shipped_json

__all__ = [
    "FEATURES",
    "JobEvidence",
    "RetrievedJobModel",
    "job_evidence",
    "load_retrieved_job",
    "retrieved_job",
]

FEATURES: tuple[str, ...] = (
    "cosine",  # the phrase's embedding cosine with the job's title
    "nearest",  # the job is the corpus job nearest the phrase
    "top_share",  # the share of the best three passages from the job's guides
    "dense",  # the best passage's cosine with the question
    "context_words",  # how many of the question's other words the job's guides write and no other job's (at most 3)
    "head_written",  # the job's guides write the phrase's head word
    "head_only",  # ... and no other job's guides do
    "words_written",  # the share of the phrase's words the job's guides write
    "head_of_title",  # the phrase's head word is the job title's
    "subject_same",  # the corpus job nearest the whole question is this job
    "subject_cosine",  # ... and the question's cosine with its nearest job
)


@dataclass(frozen=True)
class JobEvidence:
    """The job of the best passage, and the features of the phrase naming it."""

    phrase: str
    job: str
    features: np.ndarray

    def to_dict(self, model: RetrievedJobModel) -> dict[str, object]:
        """What `--explain` shows: the phrase, the job, each feature and the decision's probability."""
        return {
            "phrase": self.phrase,
            "job": self.job,
            "features": {f: round(float(v), 4) for f, v in zip(FEATURES, self.features, strict=True)},
            "probability": round(model.probability(self.features), 4),
        }


@dataclass(frozen=True)
class RetrievedJobModel:
    """Logistic weights over FEATURES and the probability from which the phrase is taken as the job."""

    weights: np.ndarray | None = None  # None: off
    bias: float = 0.0
    threshold: float = 1.01

    def probability(self, features: np.ndarray) -> float:
        if self.weights is None:
            return 0.0
        z = float(features @ self.weights) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> RetrievedJobModel:
        if not data or list(data.get("features", [])) != list(FEATURES):
            return cls()  # none shipped, or fitted on other features: refit with evals/fit_retrieved_job.py
        return cls(np.asarray(data["weights"], dtype=float), float(data["bias"]), float(data["threshold"]))


@lru_cache(maxsize=1)
def load_retrieved_job() -> RetrievedJobModel:
    """The decision shipped in coach/ask/retrieved_job.json (none: off)."""
    return RetrievedJobModel.from_dict(shipped_json("ask/retrieved_job.json"))


def job_evidence(turn: Turn, vocab: Vocabulary) -> JobEvidence | None:
    """The features of a turn the question stage declined for naming a job no guide covers, for the job of its
    best passage; None for any other turn, or one with no passage or embedding match."""
    q = turn.query
    if q.decline != "refusal" or not q.decline_detail or not turn.hits or vocab.ranked is None:
        return None
    phrase = q.decline_detail
    roles = [vocab.guide_roles.get(h.chunk.source, "") for h in turn.hits[:3]]
    job = roles[0]
    if not job:
        return None
    jobs = sorted(set(vocab.guide_roles.values()))
    own = vocab.stems_by_job(job)
    others = [vocab.stems_by_job(j) for j in jobs if j != job]
    said = [stem(w) for w in phrase.lower().split() if w.isalpha()]
    head = said[-1] if said else ""
    generic = vocab.titles.generic | vocab.job_words
    only = job_only_terms(job, q.standalone, phrase, vocab.stems_by_job, jobs, generic)
    ranked = vocab.ranked(phrase)
    title = [stem(w) for w in job.lower().split() if w.isalpha()]
    subject, subject_cosine, _ = vocab.subject(q.standalone)
    features = np.array(
        [
            vocab.similarity(phrase, job),
            float(bool(ranked) and ranked[0][0] == job),
            sum(r == job for r in roles) / 3,
            float(turn.hits[0].dense or 0.0),
            float(min(len(only), 3)),
            float(head in own),
            float(head in own and not any(head in o for o in others)),
            sum(t in own for t in said) / max(1, len(said)),
            float(bool(title) and head == title[-1]),
            float(subject == job),
            subject_cosine,
        ]
    )
    return JobEvidence(phrase, job, features)


def retrieved_job(
    turn: Turn, vocab: Vocabulary, model: RetrievedJobModel | None = None
) -> JobEvidence | None:
    """The evidence of a declined job phrase whose best passage's job the fitted decision takes; None otherwise."""
    model = model or load_retrieved_job()
    if model.weights is None:
        return None
    evidence = job_evidence(turn, vocab)
    return (
        evidence if evidence is not None and model.probability(evidence.features) >= model.threshold else None
    )
