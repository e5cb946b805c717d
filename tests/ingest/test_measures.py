"""Which measures a guide gives (coach/rules/measures.toml), counted at ingest from its passages' units."""

from __future__ import annotations

import pytest

from coach.ask.measures_asked import asked_measures
from coach.ingest.chunk import Chunk
from coach.ingest.measures import measures
from coach.ingest.profile import GuideInfo, guide_info


def _info(text: str, section: str = "Graphic Designer Career Guide") -> GuideInfo:
    chunk = Chunk("c1", "Guide", "Graphic Designer", section, "gd.txt", 0, len(text), text)
    kept = GuideInfo("gd.txt", "Guide", "Graphic Designer", None, None, None, "txt", {}, places=["US"])
    return guide_info(kept, [chunk])


def test_a_stat_cards_figure_and_its_caption_count_as_the_measure():
    # "$61,300" and "Median Annual Salary" are two short lines of one card: the guide gives pay
    assert _info("$61,300\n\nMedian Annual Salary\n\nSource: BLS").measures.get("pay")
    assert _info("2%\n\nJob Growth (2024-2034)").measures.get("growth")
    # a long sentence beside a bare figure is no caption of it
    long = "Designers create visual concepts by hand or with software for many kinds of clients and media"
    assert not _info(f"$61,300\n\n{long}").measures.get("pay")


def test_an_outlook_in_words_states_growth_but_other_growth_does_not():
    growth = measures()["growth"]
    for said in (
        "Future career growth: Stable",
        "Outlook below avg",
        "Job growth in this area is moderate",
        "Electricians are in high demand",
        "a strong job outlook",
    ):
        assert growth.found_in(said), said
    for said in ("Salary growth over time", "High school diploma required", "demand for evening shifts"):
        assert not growth.found_in(said), said
    assert growth.found_in("There will be 2.4% fewer Stonemason jobs in 2029.")


def test_a_count_of_people_employed_and_a_unit_named_in_a_label_are_figures():
    assert measures()["jobs"].found_in("In 2013 there were 250 people employed as audiologists.")
    assert not measures()["jobs"].found_in("A team of 5 people runs the clinic.")
    # thousands grouped by a point or a space, as many countries write them
    assert measures()["jobs"].found_in("In 2015 there were around 250.000 bus drivers in the country.")
    assert measures()["jobs"].found_in("Some 12 000 miners work the pits.")
    assert not measures()["jobs"].found_in("The average age of the drivers was 41.5 years.")
    assert measures()["hourly_pay"].found_in("Median ($/hour)25.64")


def test_starters_name_jobs_not_fields():
    from coach.ingest.profile import _starters

    def info(source: str, role: str) -> GuideInfo:
        return GuideInfo(source, role, role, None, None, None, "txt", {"pay": 2, "growth": 1})

    templates = {"pay": "What does a {role} earn?", "growth": "What is the job outlook for a {role}?"}
    starters = _starters([info("a.txt", "Web Design"), info("b.txt", "Electrician")], templates)
    assert starters == ["What does an electrician earn?", "What is the job outlook for an electrician?"]


def test_a_working_day_told_by_the_clock_states_hours():
    hours = measures()["hours"]
    assert hours.found_in("My day starts at about 7.30am when I leave for the market.")
    assert hours.found_in("I usually close the stall at about 8pm.")
    assert not hours.found_in("The course costs $8,000 in 2024.")
    # a rate of pay is no working hours
    assert not hours.found_in("The average pay is $44,443 a year and $21 an hour.")
    assert not hours.found_in("Apprentices start on $25/hour or $30 per hour.")
    assert not hours.found_in("The average hourly pay for a kitchen porter is €16.06.")
    assert hours.found_in("Nurses work 12-hour shifts.")
    # the clock with dotted a.m. and p.m., and a count of hours in words
    assert hours.found_in("We leave at 7 p.m. and fish until 7 a.m.")
    assert hours.found_in("Nowadays you need to fish seven hours at a time.")
    assert not hours.found_in("Fishermen work hard for their families.")


def test_pay_in_the_currencies_of_the_pools_countries_states_the_measure():
    pay = measures()["pay"]
    for text in [
        "He is now earning a meagre RM400 monthly.",  # ringgit
        "A dentist can earn a salary of AED 15,000 a month.",  # dirham
        "A cadet is paid Kshs. 24,662 a month.",  # Kenyan shillings
        "A full-day rider typically grosses between N10,000 and N15,000.",  # naira typed as N
        "Seafarers are paid ₱45,000 a month.",
    ]:
        assert pay.found_in(text), text
    # a letter before a number is no currency unless it writes thousands: a mask, a school grade
    assert not pay.found_in("Riders earn more when they wear N95 masks.")
    assert not pay.found_in("Pupils in grade P1 earn stars.")
    for text in [
        "A vulcanizer can make N5000 - N10, 000 daily.",  # naira with no comma, or a space after it
        "A trainee earns 1,200 cedis a month.",  # the currency's name after the sum
    ]:
        assert pay.found_in(text), text
    # a sum spelled out before a currency's name, but not a weight in pounds
    assert pay.found_in("They earn an income equivalent to thirty to forty US dollars a day.")
    assert pay.found_in("Some presenters earn as high as one million shillings each month.")
    assert not pay.found_in("The wage is paid with two pounds of rice.")
    assert measures()["cost"].found_in("The tools cost about 50,000 naira.")
    assert measures()["cost"].found_in("Examination Fee – Ps 500.00")  # pesos
    assert not measures()["cost"].found_in("The PS4 costs more to develop for.")


def test_any_sum_ingest_reads_as_money_states_pay_and_a_rate_by_the_unit_of_work_asks_pay():
    pay = measures()["pay"]
    for text in [
        "Tour guides will earn EGP 1,800 for a full 8-hour day.",  # any ISO 4217 code
        "She is paid VND130,000 per day for picking leaves.",
        "The minimum wage for porters will be 500 Nepali Rs per day.",  # a name between sum and currency
    ]:
        assert pay.found_in(text), text
    # a code is matched in its own case: "top 10" and "all 50" are no sums
    assert not pay.found_in("The top 10 percent earn the most in all 50 states.")
    assert asked_measures("What is the per-parcel rate for couriers?") == ["pay"]
    assert asked_measures("What's the day rate for a locum?") == ["pay"]
    assert asked_measures("What's the going rate for a tiler in Cork?") == ["pay"]
    assert "pay" not in asked_measures("What is the pass rate?")


def test_who_pays_for_something_asks_a_cost_not_pay():
    assert asked_measures("Who pays for the medical exam when I apply?") == ["cost"]
    assert asked_measures("Who has to pay for the uniform?") == ["cost"]
    assert asked_measures("Which employer pays the most?") == ["pay"]


def test_money_a_start_needs_is_a_cost_not_pay():
    assert asked_measures("How much money do I need to buy all the tools to start?") == ["cost"]
    assert asked_measures("What start-up capital does a tyre shop need?") == ["cost"]
    assert asked_measures("How much money do welders make?") == ["pay"]
    # one reading of what a start needs, for both measures: it is a cost and never pay
    assert asked_measures("Is there money for tools?") == ["cost"]
    assert asked_measures("How much money is needed?") == ["cost"]


def test_on_call_and_nine_to_five_speak_of_hours():
    hours = measures()["hours"]
    assert hours.found_in("I am expected to be on call 24/7.")
    assert hours.found_in("Unlike a nine-to-five job, the hours are long.")


@pytest.mark.parametrize(
    ("measure", "stated", "not_stated"),
    [
        (
            "age",
            [
                "Those seeking to be recruited must be aged 18-26 years.",
                "Applicants must be 18 years or over to drive a taxi.",
                "Median age is: 34 years old",
                "You must be at least 18 on your first day of service.",  # a bare number one must be
            ],
            # aged care is no age; a duration is no age; a bare number with its unit is no age
            [
                "Aged care workers earn $25 an hour.",
                "The course takes 18 months.",
                "You must be at least 20 hours a week available.",
                "Shifts must be at least 12 hours apart.",
            ],
        ),
        (
            "leave",
            [
                "6 days / 7.5h, 4 weeks paid vacation + 2 weeks unpaid",
                "Annual leave is 30 days a year.",
                "Staff get two days off a week.",
            ],
            # leave as a verb is no time off; holiday pay is pay
            ["Most leave school at 16.", "Holiday pay is extra."],
        ),
    ],
)
def test_a_measure_said_in_its_own_words_is_stated(measure, stated, not_stated):
    m = measures()[measure]
    assert all(m.found_in(text) for text in stated)
    assert not any(m.found_in(text) for text in not_stated)


def test_a_sum_in_yemeni_rials_is_no_length_of_time():
    experience = measures()["experience"]
    assert not experience.found_in("The average salary is YR 25,000-YR 30,000 (less than $200).")
    assert experience.found_in("You need 5 yrs of experience; seniors have 10+ yrs.")
    assert experience.found_in("Training takes 2-3 yrs.")


def test_a_count_of_things_an_hour_is_a_rate_of_them_not_pay_by_the_hour():
    assert asked_measures("How many pigs an hour go down the line at the abattoir?") == []
    # money is no thing counted
    assert asked_measures("How many dollars an hour does a welder make?") == ["hourly_pay"]
    assert asked_measures("How many parcels an hour, and what is the hourly pay?") == ["hourly_pay", "pay"]
