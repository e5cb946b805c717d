"""The small decisions the fit scripts make (evals/fit_decline.py, evals/fit_quoting.py), on hand-made points."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "evals"))

from fit_decline import pick_generic, pick_soft  # noqa: E402
from fit_quoting import Grid  # noqa: E402


def test_a_generic_head_is_the_listing_count_with_fewest_errors_the_highest_of_ties():
    # (standard occupations listing the word, the case was answerable from its guides)
    points = [(525, True), (362, True), (293, True), (76, True), (76, False), (58, False), (4, False)]
    assert pick_generic(points) == 293
    assert pick_generic([(300, False), (40, False)]) == 0  # none beats declining every word: off


def test_a_measure_is_soft_when_its_declined_cases_are_answered_right_well_over_twice_as_often_as_wrongly():
    # (measure, answered right, answered though not covered) for cases declined for the measure
    jobs = [("jobs", True, False)] * 5 + [("jobs", False, True)]  # 5 right, 1 wrong: 5 - 2 = 3
    pay = [("pay", True, False)] * 4 + [("pay", False, True)] * 2  # 4 right, 2 wrong: 4 - 4 = 0
    still = [("age", False, False)] * 6  # declined again by the decision: nothing gained
    assert pick_soft(jobs + pay + still) == ("jobs",)
    assert pick_soft([("openings", True, False)]) == ()  # one case is too few
    assert pick_soft([]) == ()


class _Fixed(Grid):
    """A grid whose rows come from a function, not from running the answerer."""

    def __init__(self, rows, cost: float) -> None:
        super().__init__([], cost)
        self.table = rows

    def __call__(self, setting):
        return self.table(setting)


def test_the_quoting_setting_buys_facts_at_more_than_the_cost_of_its_units():
    # two cases: a wider list margin finds one more fact for one more unit; nothing else changes anything
    def rows(setting):
        list_margin = setting[0]
        return [(1 if list_margin >= 0.16 else 0, 1, 3 + (list_margin > 0.12)), (1, 1, 2)]

    today = (0.12, 5, 0.12, 3, 0.04, 0)
    picked = (0.16, 5, 0.12, 3, 0.04, 0)
    assert _Fixed(rows, 0.05).fit(today, [0, 1]) == picked  # among equal gains the narrowest
    assert _Fixed(rows, 1.5).fit(today, [0, 1]) == today  # a unit dearer than a fact: keep today's
    assert _Fixed(rows, 0.05).fit(today, [1]) == today  # the case that gains is held out


def test_a_figure_answers_extra_unit_is_fitted_after_the_list_and_text_settings_and_can_be_fitted_alone():
    # one figure case: the scorer's first unit, passed over by the figure rules, holds its fact
    def rows(setting):
        extra_limit = setting[5]
        return [(1 if extra_limit >= 1 else 0, 1, 2 + min(extra_limit, 1))]

    today = (0.12, 5, 0.12, 3, 0.04, 0)
    assert _Fixed(rows, 0.05).fit(today, [0]) == (0.12, 5, 0.12, 3, 0.04, 1)
    shipped = (0.2, 8, 0.16, 4, 1.0, 0)  # --only-extra: the shipped list and text settings stay
    assert _Fixed(rows, 0.05).fit(today, [0], shipped) == (0.2, 8, 0.16, 4, 0.04, 1)
