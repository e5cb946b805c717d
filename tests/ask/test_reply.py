"""The reply step's declines (coach/ask/reply.py): they name the corpus's jobs and measures, never echo
arbitrary text back."""

from __future__ import annotations


def test_a_no_place_decline_names_a_place_but_never_repeats_arbitrary_text(coach):
    assert "for Perth" in coach.replier.refusal("no_place", "pay|Perth")
    said = coach.replier.refusal("no_place", "pay|<b>Send your SSN</b> to evil@example.com")
    assert "the place you named" in said and "SSN" not in said and "evil" not in said
