"""The fitted answer-or-decline decision (coach/ask/decide.py) and the off-target metric."""

import numpy as np

from coach.ask.decide import FEATURES, DeclineModel, decline_features, load_decline_model
from coach.evals.dataset import Case
from coach.evals.metrics import off_target


def test_the_shipped_decision_names_its_features_and_the_data_it_was_fitted_on():
    model = load_decline_model()
    assert model.weights is not None and len(model.weights) == len(FEATURES)
    assert 0 < model.threshold < 1 and 0 < model.alias_threshold <= 1.01
    assert model.meta["fitted_on"] and "validation" not in model.meta["fitted_on"]
    assert model.meta["folds_mean"]["decline_precision"] > 0.5
    # the question prior it reads is fitted too: over the question's vector and its product with the best unit's
    assert model.prior.weights is not None and len(model.prior.weights) == 2 * 384


def test_the_soft_measures_travel_through_the_file():
    model = DeclineModel.from_dict({**load_decline_model().to_dict(), "soft_measures": ["jobs", "openings"]})
    assert model.soft_measures == ("jobs", "openings")
    assert DeclineModel.from_dict(model.to_dict()).soft_measures == ("jobs", "openings")
    assert DeclineModel.from_dict({}).soft_measures == ()  # an older file: every measure declined for


def test_the_context_match_travels_through_the_file():
    model = DeclineModel.from_dict(
        {**load_decline_model().to_dict(), "context_words": 2, "context_cosine": 0.3}
    )
    assert (model.context_words, model.context_cosine) == (2, 0.3)
    again = DeclineModel.from_dict(model.to_dict())
    assert (again.context_words, again.context_cosine) == (2, 0.3)
    assert DeclineModel.from_dict({}).context_words == 0  # an older file: off


def test_a_model_fitted_on_other_features_falls_back_to_the_cosine_floor():
    data = {**load_decline_model().to_dict(), "features": ["something_else"]}
    model = DeclineModel.from_dict(data)
    assert model.weights is None
    assert model.declines(np.array([0.1] + [0.0] * (len(FEATURES) - 1)))
    assert not model.declines(np.array([0.9] + [0.0] * (len(FEATURES) - 1)))


def test_features_measure_what_the_best_units_lack():
    idf = {"pass": 3.0, "mark": 4.0, "exam": 2.0, "licenc": 2.0}
    top = [(None, {"exam", "licenc"}), (None, {"electrician"})]
    values = decline_features(
        0.6, top, {"pass", "mark", "exam", "quokka"}, idf, False, True, 0.2, {"brisbane"}
    )
    f = dict(zip(FEATURES, values, strict=True))
    assert f["best_cosine"] == 0.6 and f["term_coverage"] == 0.25 and f["unseen_terms"] == 0.25
    assert f["missing_rare"] == 1.0  # "quokka" is not in the corpus at all: as rare as can be
    assert f["names_missing"] == 1.0 and f["job_named"] == 1.0 and f["measure_asked"] == 0.0


def test_an_answer_citing_none_of_its_cases_guides_is_off_target():
    case = Case("c", "What does a welder earn?", guides=["welder.txt"])
    assert off_target(case, False, [{"source": "plumber.txt"}])
    assert not off_target(case, False, [{"source": "plumber.txt"}, {"source": "welder.txt"}])
    assert not off_target(case, True, [])  # a decline is never off target
    assert not off_target(Case("d", "q"), False, [{"source": "plumber.txt"}])  # no guides named: not counted


def test_the_job_s_own_guides_and_the_number_asked_are_features():
    idf = {"pension": 4.0, "plan": 1.0, "canada": 2.0}
    values = decline_features(
        0.6,
        [(None, {"plan"})],
        {"pension", "plan", "canada"},
        idf,
        False,
        True,
        0.2,
        job_terms={"plan"},  # the asked job's guides say "plan", never "pension" or "Canada"
        places={"canada"},  # a place is the place check's to judge
        number_unstated=True,
    )
    f = dict(zip(FEATURES, values, strict=True))
    assert f["job_missing_rare"] == 1.0 and f["number_unstated"] == 1.0
    without_pension = decline_features(
        0.6,
        [(None, {"plan"})],
        {"plan", "canada"},
        idf,
        False,
        True,
        0.2,
        job_terms={"plan"},
        places={"canada"},
    )
    assert dict(zip(FEATURES, without_pension, strict=True))["job_missing_rare"] == 0.0


def test_a_question_asks_for_a_number():
    from coach.ask.asks import asks_number

    assert asks_number("What's the pass mark for the exam?") and asks_number("How long is the course?")
    assert not asks_number("What does a nurse do?")


def test_a_kind_of_number_asked_must_be_stated_by_the_best_units():
    from coach.ask.decide import kinds_unstated

    level = ["Maintenance Engineer: 18th Edition wiring regulations is a plus."]
    assert kinds_unstated("What's the pass mark for the 18th Edition exam?", level) == ["score"]
    assert kinds_unstated("What's the pass mark?", ["You need 70% to pass."]) == []
    assert kinds_unstated("How long is the course?", ["It costs $6,000."]) == ["duration"]
    assert kinds_unstated("How long is the course?", ["The course takes three years."]) == []
    assert kinds_unstated("Is there an age limit?", ["The minimum age limit is 18 years."]) == []
    assert kinds_unstated("How old are most of them?", ["a woman in her 40s and 50s"]) == []
    assert kinds_unstated("What hours do actuaries work?", ["Actuary: 30-40 per week."]) == []
    assert kinds_unstated("What's the age limit?", ["Be between the ages of 19 to 30 years."]) == []
    assert kinds_unstated("What are the working hours?", ["Working Hours | 8 a.m. - 2 p.m., Mon - Sat"]) == []
    assert kinds_unstated("What are the working hours?", ["Pay is 10 amps."]) == ["hours"]
    assert kinds_unstated("What does a nurse do?", ["Nurses care for patients."]) == []


def test_a_place_asked_for_is_stated_by_a_unit_naming_one_and_asks_no_figure():
    from coach.ask.asks import asks_place, kinds_stated
    from coach.ask.reading import asks_figure

    assert asks_place("Which states pay electricians the most?") and asks_place("Where is the course held?")
    assert not asks_place("Where do most speech therapists work?")  # a workplace, not a place
    # the country's word before the kind of place: "which Canadian province", "which US city"
    assert asks_place("Which Canadian province pays millers the best hourly rates?")
    assert asks_place("Which US city has the most jobs?")
    assert not asks_place("Which kind of state exam is it?")
    assert kinds_stated("Which states pay welders the most?", "Highest Paying States: HawaiiAlaskaWyoming")
    assert kinds_stated("Where is it held?", "a 42-week residential programme based in Kildare")
    assert not kinds_stated("Where is it held?", "a 42-week residential programme")
    assert not asks_figure("Where do welders get paid the most?", {"salary"}, ["pay"])
    assert asks_figure("What do welders get paid?", {"salary"}, ["pay"])
    assert asks_figure("At what age do welders retire?", set(), ["age"])  # "what" after a preposition


def test_a_unit_stating_the_kind_of_number_asked_is_told_apart():
    from coach.ask.asks import kinds_stated

    assert kinds_stated("What score do I need to pass?", "You need a weighted average of at least 75%.")
    assert not kinds_stated("What score do I need to pass?", "The exam is held by the PRC.")
    assert not kinds_stated("What does a nurse do?", "Nurses score 75% on tests.")  # no kind asked
