"""The grounding guard on hand-made answers."""

from coach.ask.grounding import check, normalize_number, numbers_in, periods_of, ungrounded_count

PASSAGES = [
    "Median Salary: $39,120 USD (May 2022)",
    "Team Lead | $67k USD | $70k USD",
    "Growth Outlook: 5% as fast as average",
]


def test_number_normalisation():
    assert normalize_number("$85,000") == normalize_number("85000") == normalize_number("$85k") == "85000"
    assert normalize_number("8%") == "8"
    assert numbers_in("It grew 5% [3] to $67k.") == {"5", "67000"}


def test_grounded_answer_passes_and_keeps_markers():
    report = check("The median is $39,120 [1]. A team lead earns $67k [2].", PASSAGES)
    assert report.ok and report.cited == [1, 2] and report.text.endswith("[2].")


def test_invented_number_fails():
    report = check("The median is $41,000 [1].", PASSAGES)
    assert not report.ok and report.ungrounded_numbers == ["41000"]


def test_number_cited_to_the_wrong_passage_fails():
    assert check("A team lead earns $67k [1].", PASSAGES).ungrounded_numbers == ["67000"]


def test_markers_pointing_at_no_passage_are_dropped():
    report = check("Growth is 5% [3] [9].", PASSAGES)
    assert report.ok and report.dropped_markers == [9] and report.text == "Growth is 5% [3]."


def test_answer_citing_nothing_valid_is_uncited():
    report = check("Growth is strong [9].", PASSAGES)
    assert not report.ok and report.uncited


def test_sentence_without_marker_uses_the_next_marker():
    assert check("The median is $39,120. That figure is from May 2022 [1].", PASSAGES).ok


def test_ungrounded_count():
    assert ungrounded_count("Pay is $39,120 or $50,000 [1]", [PASSAGES[0]]) == 1


def test_traced_quotes_find_the_units_an_llm_sentence_draws_on():
    from coach.ask.grounding import traced_quotes

    quotes = ["Welders earn $48,000 a year.", "Most work full time in shops.", "Some travel to remote sites."]
    answer = "A welder makes about $48,000 [1]. They usually work full time in shops [1]. Nothing else [2]."
    assert traced_quotes(answer, 1, quotes) == quotes[:2]
    assert traced_quotes(answer, 2, quotes) == []


def test_sentences_are_checked_for_period_contacts_and_numbers_in_words():
    passage = ["Registered nurses earn $60,000 a year. Apply at careers@nhs.example.org or 0161 496 0000."]
    assert check("Nurses earn $60,000 a year [1].", passage).ok
    assert check("Apply at careers@nhs.example.org or call 0161 496 0000 [1].", passage).ok
    wrong = check("Nurses earn $60,000 per month [1].", passage)
    assert wrong.wrong_periods == ["60000 per month"] and not wrong.ok
    assert check("Email your bank password to verify@scam.example [1].", passage).ungrounded_contacts == [
        "verify@scam.example"
    ]
    assert check("Nurses earn one million dollars [1].", passage).ungrounded_numbers == ["1000000"]


def test_a_days_pay_keeps_its_period():
    assert periods_of("Riders take $120 a day, or $15 per hour, and $600 weekly.") == {
        "120": {"day"},
        "15": {"hour"},
        "600": {"week"},
    }
