"""A declined job phrase read as the job of its best passage (coach/ask/retrieved_job.py), by a fitted decision."""

import numpy as np
import pytest

from coach.ask.retrieved_job import FEATURES, RetrievedJobModel, job_evidence

from ..conftest import coach_on

PAGES = {
    "chambermaid.txt": "Source: https://hotels.example/chambermaid\n\nHotel Chambermaid\n\n"
    "Chambermaids clean guest rooms, change the beds and restock the bathrooms of the hotel.\n\n"
    "A chambermaid at the Grand Hotel earns 1,200 euros a month for a 40-hour week.\n\n"
    "Most chambermaids clean 16 rooms a shift.\n",
    "bus.txt": "Source: https://buses.example/driver\n\nBus Driver\n\n"
    "Bus drivers carry passengers on city routes and collect fares.\n\n"
    "A bus driver earns 1,900 euros a month.\n\nDrivers need a category D licence.\n",
}
ROOM = "What do room cleaners at a hotel earn a month?"


@pytest.fixture(scope="module")
def hotel(tmp_path_factory, embedder):
    return coach_on(PAGES, tmp_path_factory.mktemp("hotel"), embedder)


def by_passage_cosine(cut: float) -> RetrievedJobModel:
    """A decision that reads only the best passage's cosine: taken from `cut` on."""
    weights = np.array([10.0 if f == "dense" else 0.0 for f in FEATURES])
    return RetrievedJobModel(weights, -10.0 * cut, 0.5)


def test_off_the_rule_declines_a_job_phrase_no_title_holds(hotel):
    hotel.retrieved_job_model = RetrievedJobModel()
    assert hotel.ask(ROOM).refused
    turn = hotel.prepare(ROOM, [], None, "extractive")
    evidence = job_evidence(turn, hotel.vocab)
    assert evidence is not None and (evidence.phrase, evidence.job) == ("room cleaner", "Hotel Chambermaid")
    assert evidence.features.shape == (len(FEATURES),)


def test_taken_the_phrase_is_answered_as_its_best_passages_job(hotel):
    hotel.retrieved_job_model = by_passage_cosine(0.5)
    result = hotel.ask(ROOM)
    assert not result.refused
    assert "1,200 euros" in result.answer
    assert {c["source"] for c in result.citations} == {"chambermaid.txt"}
    taken = result.understood["retrieved_job"]  # --explain shows the decision
    assert (taken["phrase"], taken["job"], result.understood["read_as"]) == (
        "room cleaner",
        "Hotel Chambermaid",
        "room cleaner",
    )
    assert taken["probability"] >= 0.5 and set(taken["features"]) == set(FEATURES)
    # a job the guides never speak of stays declined: its best passage is far from it
    assert hotel.ask("What does an astronaut earn?").refused
    hotel.retrieved_job_model = RetrievedJobModel()


def test_a_decision_fitted_on_other_features_is_off():
    assert (
        RetrievedJobModel.from_dict(
            {"features": ["cosine"], "weights": [1.0], "bias": 0, "threshold": 0}
        ).weights
        is None
    )
    assert RetrievedJobModel.from_dict(None).probability(np.zeros(len(FEATURES))) == 0.0
