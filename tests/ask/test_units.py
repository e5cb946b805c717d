"""Unit scoring helpers (coach/ask/units.py)."""

from coach.ask.units import _kin_count
from coach.ingest.chunk import Unit


def test_a_kin_word_of_another_stem_is_counted_once_the_stems_differ() -> None:
    """ "registration" and "registered" stem apart ("registr", "regist") but open alike: the unit holds the word asked."""
    text = "Candidates must be registered in the Social Work Register."
    unit = Unit("c", 0, "sentence", text, text)
    assert _kin_count({"registration"}, unit) == 1
    assert _kin_count({"experience", "job"}, unit) == 0
