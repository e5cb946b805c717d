"""The question's prior: how often a question like this one, with the passage found for it, is one the guides
answer. Career guides seldom say what a pension, a uniform or a union is like, whatever words such a question
shares with them; the words say so less well than the question's meaning. A logistic regression over the
question's embedding and its product with its best answer unit's embedding, fitted by evals/fit_decline.py on
the development pool (stacked: the decision is fitted on the prior's out-of-fold values), gives one number that
the fitted decision (coach/ask/decide.py) reads as a feature."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

# the product's scale: a unit vector's entries are about 1/sqrt(384), so the product's are squared smaller
PRODUCT_SCALE = 19.2


def prior_vector(qvec: np.ndarray, uvec: np.ndarray | None) -> np.ndarray:
    """The question's unit-length embedding and its scaled product with its best unit's (zeros for none)."""
    q = np.asarray(qvec, dtype=float).ravel()
    q = q / (float(np.linalg.norm(q)) or 1.0)
    if uvec is None:
        return np.concatenate([q, np.zeros_like(q)])
    u = np.asarray(uvec, dtype=float).ravel()
    u = u / (float(np.linalg.norm(u)) or 1.0)
    return np.concatenate([q, q * u * PRODUCT_SCALE])


@dataclass(frozen=True)
class QuestionPrior:
    """The fitted weights over `prior_vector`; with none, every question's prior is 0.5."""

    weights: np.ndarray | None = None
    bias: float = 0.0

    def probability(self, vector: np.ndarray) -> float:
        """The prior of one `prior_vector` (0.5 with no fit, or with one fitted for vectors of another size:
        refit with evals/fit_decline.py)."""
        if self.weights is None or len(vector) != len(self.weights):
            return 0.5
        return float(self.probabilities(vector[None, :])[0])

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """The prior of each row of `prior_vector`s (0.5 each with no fit)."""
        if self.weights is None:
            return np.full(len(vectors), 0.5)
        z = np.clip(vectors @ self.weights + self.bias, -30.0, 30.0)
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=float)

    def to_dict(self) -> dict[str, Any]:
        return {
            "weights": None if self.weights is None else [round(float(w), 5) for w in self.weights],
            "bias": round(self.bias, 6),
            "product_scale": PRODUCT_SCALE,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> QuestionPrior:
        if not data or data.get("weights") is None:
            return cls()
        return cls(np.asarray(data["weights"], dtype=float), float(data.get("bias", 0.0)))
