"""The question prior (coach/ask/prior.py): a fitted logistic regression over the question's embedding and its
product with its best unit's."""

import math

import numpy as np

from coach.ask.prior import PRODUCT_SCALE, QuestionPrior, prior_vector


def test_the_prior_reads_the_question_and_its_product_with_the_best_unit():
    q, u = np.array([3.0, 4.0]), np.array([0.0, 2.0])
    assert prior_vector(q, u).tolist() == [0.6, 0.8, 0.0, 0.8 * PRODUCT_SCALE]
    assert prior_vector(q, None).tolist() == [0.6, 0.8, 0.0, 0.0]  # no unit: no product


def test_the_prior_is_the_fitted_probability_and_a_half_without_a_fit():
    prior = QuestionPrior(np.array([1.0, 0.0, 0.0, 1.0]), -0.5)
    q, u = np.array([3.0, 4.0]), np.array([0.0, 2.0])
    z = 0.6 + 0.8 * PRODUCT_SCALE - 0.5
    assert math.isclose(prior.probability(prior_vector(q, u)), 1 / (1 + math.exp(-z)))
    assert math.isclose(
        float(prior.probabilities(prior_vector(q, u)[None, :])[0]), prior.probability(prior_vector(q, u))
    )
    assert QuestionPrior().probability(prior_vector(q, u)) == 0.5
    assert (
        prior.probability(prior_vector(np.ones(3), np.ones(3))) == 0.5
    )  # fitted on vectors of another size: no prior


def test_the_prior_round_trips_through_the_shipped_file():
    prior = QuestionPrior(np.array([0.25, -1.5]), 0.125)
    again = QuestionPrior.from_dict(prior.to_dict())
    assert again.weights is not None and again.weights.tolist() == [0.25, -1.5] and again.bias == 0.125
    assert QuestionPrior.from_dict(None).weights is None
