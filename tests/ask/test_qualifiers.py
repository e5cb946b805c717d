"""What a figure question qualifies by: statistics named in other words, years, and the figures that state them."""

from __future__ import annotations

from coach.ask.qualifiers import Asked, best_stated, statistics_in
from coach.ingest.profile import _rung_like


def test_statistics_are_named_in_other_words():
    assert statistics_in("What do the top 10% of nurses make?") == {"highest"}
    assert statistics_in("the lowest-paid electricians") == {"lowest"}
    both = "The lowest 10 percent earned less than $45,000, and the top 10 percent earned more than $93,820."
    assert statistics_in(both) == {"lowest", "highest", "range"}
    assert statistics_in("Wages ranged from $15 to $45 an hour") == {"range"}
    assert statistics_in("What is the entry-level salary?") == {"starting"}
    assert statistics_in("more than R1,000 per hour for veterans in the scene") == {"senior"}


def test_a_bound_is_no_statistic():
    assert statistics_in("salaries starting from $110,000+ per year") == frozenset()
    assert statistics_in("What perks do actuaries get on top of salary?") == frozenset()  # besides it
    assert statistics_in("With the extra percentage on top, what do they take home?") == frozenset()
    assert statistics_in("Do wardens earn at least $30,000?") == frozenset()  # a bound
    assert (
        statistics_in("At least tell me what the dog warden job pays.") == frozenset()
    )  # a figure of speech
    assert statistics_in("Which job pays the least?") == {"lowest"}


UNITS = [
    ("The median wage was $73,300 in May 2019.", "median 2019 passage"),
    ("Salaries ranged from less than $52,080 to more than $111,220.", "range 2019 passage"),
    ("The median wage was $64,690 in May 2010.", "median 2010 passage"),
    ("Those in hospitals earned $79,460.", "hospitals 2019 passage"),
]


def _best(question: str, words: set[str] | None = None) -> list[str]:
    asked = Asked.of(question, words or set())
    return [
        u for u, _ in best_stated(asked, UNITS, lambda c: c[0], lambda c: c[1], lambda c: set(c[0].split()))
    ]


def test_the_figures_that_state_the_year_then_the_statistic_are_kept_in_order():
    assert _best("What was the salary range in 2019?") == [UNITS[1][0]]
    assert _best("What was the median wage in 2010?") == [UNITS[2][0]]
    assert _best("What do nurses in hospitals earn?", {"hospitals"}) == [UNITS[3][0]]


def test_nothing_is_dropped_when_no_figure_states_what_is_asked():
    assert _best("What do the top earners make in 1990?") == [u for u, _ in UNITS]
    assert not Asked.of("How much do nurses make?", set())


def test_a_heading_about_a_job_is_no_career_ladder_rung():
    assert _rung_like("Senior Staff Nurse")
    assert not _rung_like("Quick Facts: Accountants and Auditors")
    assert not _rung_like("How to Become an Accountant or Auditor")
    assert not _rung_like("What Plumbers Do")
