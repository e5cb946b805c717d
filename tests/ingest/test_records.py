"""Guide facts as records: exact records from small fields, rows, tables and sentences (coach/ingest/records.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.ingest.chunk import Chunk
from coach.ingest.local_money import page_nouns, page_signs
from coach.ingest.records import Record, records


def _chunk(text: str, section: str = "Pay", role: str = "Registered Nurse") -> Chunk:
    return Chunk("c1", "Guide", role, section, "guide.txt", 0, len(text), text)


def _one(rows: list[Record], value: str) -> Record:
    found = [r for r in rows if r.value == value]
    assert len(found) == 1, [r.value for r in rows]
    return found[0]


def test_fields_with_their_labels_on_separate_cells():
    rows = records(
        [
            _chunk(
                "How much do teachers make?\nLow:; $55,994; Average:; $88,005; High:; $112,008",
                "How much do teachers make?",
                "Teacher",
            )
        ],
        ["CA"],
    )
    assert [(r.value, r.statistics, r.measure, r.unit, r.period) for r in rows] == [
        ("$55,994", ["lowest"], "pay", "CAD", "year"),
        ("$88,005", ["average"], "pay", "CAD", "year"),
        ("$112,008", ["highest"], "pay", "CAD", "year"),
    ]


def test_rows_of_levels_take_their_period_from_the_size_of_each_figure():
    text = "Entry-level: $78,405 – $83,722; $6,534 – $6,976; $42.93 – $45.04\nMid-level: $79,676 – $95,000; $6,639 – $7,917"
    rows = records([_chunk(text)], ["AU"])
    assert [(r.value, r.measure, r.period, r.statistics) for r in rows] == [
        ("$78,405 – $83,722", "pay", "year", ["starting"]),
        ("$6,534 – $6,976", "pay", "month", ["starting"]),
        ("$42.93 – $45.04", "hourly_pay", "hour", ["starting"]),
        ("$79,676 – $95,000", "pay", "year", ["mid"]),
        ("$6,639 – $7,917", "pay", "month", ["mid"]),
    ]
    assert rows[0].low == 78405 and rows[0].high == 83722 and rows[0].unit == "AUD"


def test_a_table_names_its_cells_by_row_and_column_and_another_jobs_column_is_that_job():
    text = (
        "Location | Low Wage $ per hr | High Wage $ per hr | Year\n"
        "Calgary – Alberta | 20.50 | 49.00 | 2019\n"
        "State | Registered Nurse Salary Range | Enrolled Nurse Salary Range\n"
        "Queensland | $79,058 – $106,144 | $71,234 – $82,599"
    )
    rows = records([_chunk(text)], ["CA", "AU"])
    top = _one(rows, "49.00")
    assert (top.measure, top.period, top.statistics, top.places, top.year) == (
        "hourly_pay",
        "hour",
        ["highest"],
        ["CA-AB"],
        "2019",
    )
    assert top.label == "Calgary – Alberta · High Wage $ per hr" and top.kind == "row"
    assert _one(rows, "$79,058 – $106,144").occupation == "Registered Nurse"
    enrolled = _one(rows, "$71,234 – $82,599")
    assert enrolled.occupation == "Enrolled Nurse" and enrolled.places == ["AU-QLD"]


def test_a_sentence_labels_each_figure_by_its_own_words():
    text = (
        "According to the BLS, the median annual salary for a dental hygienist was $72,720 in 2015 "
        "and the mean hourly wage was $34.96."
    )
    rows = records([_chunk(text, role="Dental Hygienist")], ["US"])
    annual, hourly = rows
    assert (annual.measure, annual.period, annual.statistics, annual.year, annual.kind) == (
        "pay",
        "year",
        ["median"],
        "2015",
        "sentence",
    )
    assert (hourly.measure, hourly.period, hourly.statistics) == ("hourly_pay", "hour", ["average"])
    assert annual.span == text


def test_currencies_lakhs_spaced_thousands_and_percentile_names():
    rows = records([_chunk("Entry ₹3.0-6.0 LPA; Senior ₹28.0-55.0 LPA", role="Software Developer")], ["IN"])
    assert [(r.low, r.high, r.unit, r.statistics) for r in rows] == [
        (300_000, 600_000, "INR", ["starting"]),
        (2_800_000, 5_500_000, "INR", ["senior"]),
    ]
    rand = records(
        [_chunk("The average salary for a Diesel Mechanic is R221 868 per year.", role="Mechanic")], ["ZA"]
    )
    assert (rand[0].value, rand[0].low, rand[0].unit) == ("R221 868", 221_868, "ZAR")
    pct = records(
        [
            _chunk(
                "Bottom 10% | Median | Top 10%\n$59K per year | $96K per year | $125K per year",
                role="Firefighter",
            )
        ],
        ["CA"],
    )
    assert [(r.value, r.statistics, r.measure) for r in pct] == [
        ("$59K", ["lowest"], "pay"),
        ("$96K", ["median"], "pay"),
        ("$125K", ["highest"], "pay"),
    ]


def test_what_is_not_a_labelled_figure_makes_no_record():
    text = (
        "25th $45,58075th $61,610\n"  # figures run together
        "Firefighters often work shifts that cover 24 hours, including nights.\n"  # no working week
        "Job Seekers:; 53,500\n"  # a count of no measure
        "Most paramedics work long days in the city of Most."  # "Most" is a Czech region, not here
    )
    rows = records([_chunk(text, role="Firefighter")], ["CA"])
    assert [r.value for r in rows] == ["$61,610"]


def test_ingest_marks_unlabelled_figures_and_one_job_in_two_countries(tmp_path):
    from coach.ingest.pipeline import load_corpus
    from tests.conftest import make_settings

    au = (Path(__file__).parent.parent / "data" / "records" / "nurse-au.txt").read_text("utf-8")
    (tmp_path / "nurse-au.txt").write_text(au + "\n$99,999\n", "utf-8")
    uk = au.replace("example-au-careers.com.au", "example-careers.co.uk").replace("Australia", "the UK")
    (tmp_path / "nurse-uk.txt").write_text(uk.replace("$", "£"), "utf-8")
    corpus = load_corpus([tmp_path], make_settings(tmp_path / "home"))
    notes = {g.source: g.notes for g in corpus.profile.guides}
    assert notes["nurse-au.txt"] == [
        "1 figure(s) with no label were not recorded ($99,999)",
        "one of 2 guides of this occupation about different countries (AU, GB): figures are answered for the "
        "place asked",
    ]
    assert (
        "nurse-uk.txt: one of 2 guides of this occupation about different countries (AU, GB): figures are "
        "answered for the place asked"
    ) in corpus.warnings


def test_growth_is_of_jobs_not_of_anything_that_increased():
    from coach.ingest.record_kinds import _GROWTH

    assert not _GROWTH.search("This approach increased customer satisfaction scores by 25%")
    assert _GROWTH.search("Employment for truck drivers is expected to increase by about 2 percent")
    assert _GROWTH.search("Employment change, projected 2022-32") and _GROWTH.search("Growth Rate")


def test_a_header_naming_several_periods_gives_each_sum_of_a_row_its_own():
    text = (
        "Experience Level Annual Salary (AUD) Monthly Salary (AUD) Hourly Wage (AUD)\n"
        "Entry-level $65,626 $5,469 $33.39\nSenior-level $96,972 $8,081 $49.33"
    )
    rows = records([_chunk(text, "How much do enrolled nurses earn?", "Enrolled Nurse")], ["AU"])
    assert [(r.value, r.measure, r.period) for r in rows] == [
        ("$65,626", "pay", "year"),
        ("$5,469", "pay", "month"),
        ("$33.39", "hourly_pay", "hour"),
        ("$96,972", "pay", "year"),
        ("$8,081", "pay", "month"),
        ("$49.33", "hourly_pay", "hour"),
    ]
    # a header whose periods do not match the row's sums says nothing of which is which: each sum's size does
    odd = records([_chunk("Level Annual Salary Hourly Wage\nSenior $96,972 $8,081 $49.33")], ["AU"])
    assert [r.period for r in odd] == ["year", "month", "hour"]


def test_currencies_written_as_any_unicode_sign_or_a_countrys_abbreviation():
    rows = records(
        [
            _chunk("Basic pay: Kshs. 24,662 per month", "Pay", "County Commissioner"),
            _chunk("Monthly salary: P 16,000 - P 18,000\nStarting pay: ₱12,500 a month", "Pay", "Clerk"),
        ],
        ["PH"],
    )
    assert [(r.value, r.unit, r.period) for r in rows] == [
        ("Kshs. 24,662", "KES", "month"),
        ("P 16,000 - P 18,000", "PHP", "month"),
        ("₱12,500", "PHP", "month"),
    ]


def test_lakh_grouping_and_a_currency_code_run_into_its_label():
    rows = records(
        [_chunk("Course FeeINR 8,500 to INR 12,00,000\nAverage SalaryINR 1,50,000 - INR 2,00,000/-")], ["IN"]
    )
    assert [(r.value, r.low, r.high, r.unit, r.measure) for r in rows] == [
        ("INR 8,500 to INR 12,00,000", 8500, 1200000, "INR", "cost"),
        ("INR 1,50,000 - INR 2,00,000", 150000, 200000, "INR", "pay"),
    ]


def test_a_sum_a_sentence_says_is_paid_to_buy_something_is_a_cost():
    rows = records(
        [
            _chunk(
                "To help the women purchase the tarps, which usually amount to around USD30, a fund was set up."
            )
        ],
        ["BJ"],
    )
    assert [(r.value, r.measure) for r in rows] == [("USD30", "cost")]


def test_a_label_naming_its_unit_in_brackets_and_a_value_run_into_the_next_label():
    rows = records(
        [
            _chunk(
                "Community/AreaCanada\nLow ($/hour)18.00\nMedian ($/hour)25.64\nCommunity/AreaAlberta\nMedian ($/hour)30.00",
                "Salary Prospects",
                "Optician",
            ),
            _chunk("Salary: $35,000 – $69,100Number of Jobs: 21,500", "Overview", "Court Reporter"),
        ],
        ["CA"],
    )
    median = _one(rows, "25.64")
    assert (median.measure, median.unit, median.period, median.statistics) == (
        "hourly_pay",
        "CAD",
        "hour",
        ["median"],
    )
    # the short line over the fields says where they are of, even run into its label
    assert (median.places, median.place_text, _one(rows, "30.00").places) == (["CA"], "Canada", ["CA-AB"])
    pay = _one(rows, "$35,000 – $69,100")
    assert (pay.label, pay.measure, pay.span) == ("Salary", "pay", "Salary: $35,000 – $69,100")


def test_a_hash_before_a_grouped_sum_is_the_guides_own_currency_and_a_rank_is_no_figure():
    text = "The average monthly salary is between #87,000 to #105,000. It is the #1 job in Lagos."
    rows = records([_chunk(text, "Pay", "Social Media Manager")], ["NG"])
    assert [(r.value, r.low, r.high, r.unit, r.period) for r in rows] == [
        ("between #87,000 to #105,000", 87000, 105000, "NGN", "month")
    ]


def test_a_sum_for_an_n_hour_week_is_a_weeks_pay():
    text = (
        "That is a weekly wage of around NZ$ 245 for a 30 hour week or NZ$315 for a 40 hour week, before tax."
    )
    rows = [r for r in records([_chunk(text, "Pay", "Au Pair")], ["NZ"]) if r.measure == "pay"]
    assert [(r.value, r.period) for r in rows] == [("NZ$ 245", "week"), ("NZ$315", "week")]


def test_a_rate_for_a_thing_is_no_periods_pay():
    text = "With rubber at RM2.70 per kg, tappers earn some RM1.35 for each kg. He earns RM400 a month."
    rows = [
        r
        for r in records([_chunk(text, "Pay", "Rubber Tapper")], ["MY"])
        if r.measure in ("pay", "hourly_pay")
    ]
    assert [(r.value, r.period) for r in rows] == [("RM400", "month")]


def test_a_period_read_from_the_sums_size_is_marked_a_guess_unless_the_passage_names_it():
    guessed = records([_chunk("Average salary Tunisia: USD 310", "Pay", "Bartender")], ["TN"])
    assert [(r.value, r.period, r.period_guessed) for r in guessed] == [("USD 310", "month", True)]
    said = records([_chunk("Monthly pay, by level.\n\nJunior: USD 310", "Pay", "Bartender")], ["TN"])
    assert [(r.value, r.period, r.period_guessed) for r in said] == [("USD 310", "month", False)]


def test_a_days_takings_are_a_days_pay_not_a_years():
    text = "In the rainy season she earns more than Ksh 1,000 a day. Her son earns RM24 daily."
    rows = [r for r in records([_chunk(text, "Pay", "Cobbler")], ["KE"]) if r.measure == "pay"]
    assert [(r.value, r.period) for r in rows] == [("Ksh 1,000", "day"), ("RM24", "day")]


def test_a_days_assignment_and_each_month_say_the_period_and_a_model_name_is_no_sum():
    text = (
        "Tour guides will earn EGP 1,800 for a full 8-hour day. Models: Citroen C4 and BMW X5. "
        "A driver gets EGP 20,000 each month."
    )
    rows = [
        r for r in records([_chunk(text, "Pay", "Tour Guide")], ["EG"]) if r.measure in ("pay", "hourly_pay")
    ]
    assert [(r.value, r.period) for r in rows] == [("EGP 1,800", "day"), ("EGP 20,000", "month")]


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        # any ISO 4217 code, not only a list of familiar ones
        ("A dentist earns AED 15,000 to AED 20,000 per month.", ["AE"], ("AED 15,000 to AED 20,000", "AED")),
        # the letters English locales write for a currency (CLDR): Malaysia's ringgit, Tanzania's shilling
        ("Starting pay is RM 3,500 a month.", ["MY"], ("RM 3,500", "MYR")),
        ("Graduates start on TSh 800,000 a month.", ["TZ"], ("TSh 800,000", "TZS")),
        # one capital run into a grouped sum is the sign, its currency the guide's country's
        (
            "Juniors earn between N150,000 and N300,000, monthly.",
            ["NG"],
            ("between N150,000 and N300,000", "NGN"),
        ),
        # a sign several countries write is the guide's own country's where it is one of them
        ("Clerks earn Rs 60,000 a month.", ["PK"], ("Rs 60,000", "PKR")),
        # one letter a country's own locales write for its money (CLDR), in a guide about that country only
        ("Cutters take home E35 a day.", ["SZ"], ("E35", "SZL")),
        ("A basic salary was as little as M650 a month.", ["LS"], ("M650", "LSL")),
        ("Guides earn D500 to D800 a day.", ["GM"], ("D500 to D800", "GMD")),
    ],
)
def test_any_standard_currency_code_or_sign(text, places, expected):
    rows = [r for r in records([_chunk(text, "Pay", "Worker")], places) if r.measure == "pay"]
    assert [(r.value, r.unit) for r in rows] == [expected]


def test_one_letter_is_money_only_in_a_guide_about_the_country_whose_locales_write_it():
    text = "Take the E35 bus; Band E1 staff earn $30 an hour."
    assert [r.value for r in records([_chunk(text, "Pay", "Worker")], ["GB"])] == ["$30"]
    assert [r.value for r in records([_chunk(text, "Pay", "Worker")], ["GB", "SZ"])] == ["$30"]


def test_letters_a_page_keeps_writing_before_its_sums_of_pay_are_its_money():
    # no list knows "Tk" or "Shs" as a currency's letters; the page says them before sums of pay, again and again
    text = "A city porter earns Tk 13,382 a month.\nMost pay a daily rent of Tk 111 for the cart."
    rows = [r for r in records([_chunk(text, "Pay", "Porter")], []) if r.measure == "pay"]
    assert [r.value for r in rows][:1] == ["Tk 13,382"]
    # said once, or beside a sum marked as money, the letters are no money ("Band E1 staff earn $30")
    assert [r.value for r in records([_chunk("Porters earn Tk 13,382 a month.", "Pay", "Porter")], [])] == []
    assert page_signs("Take the E35 bus; Band E1 staff earn $30 an hour.\nE2 staff earn $40.") == set()


def test_the_words_of_the_country_currencys_name_after_a_sum_of_pay_are_its_money():
    # CLDR's "Armenian dram" and "Central African CFA franc": "drams" is no currency English lists alone, "CFA" no
    # code; on a page about the country, said after a sum in a sentence about pay, they are its money
    text = "A weaver's monthly salary is 30,000 drams. The loom weighs 200 drams."
    rows = [r for r in records([_chunk(text, "Pay", "Weaver")], ["AM"]) if r.measure == "pay"]
    assert [(r.value, r.unit) for r in rows] == [("30,000 drams", "AMD")]
    chad = "His monthly salary is 108,000 CFA, but he has yet to see a paycheque."
    assert [(r.value, r.unit) for r in records([_chunk(chad, "Pay", "Teacher")], ["TD"])] == [
        ("108,000 CFA", "XAF")
    ]
    # elsewhere, or never said of money, the words are no money
    assert records([_chunk(chad, "Pay", "Teacher")], ["FR", "TD"]) == []
    assert page_nouns("The loom weighs 200 drams.", "AM") == set()
    assert page_nouns("Drivers earn 30,000 pounds a year.", "US") == set()


def test_a_sentence_opening_with_they_takes_the_level_of_the_sentence_before():
    text = (
        "Fresh graduates can expect a salary ranging between RM2,300 to RM3,600. Senior credit analysts work "
        "closely with loan officers. They can expect a salary ranging between RM4,000 to RM6,500."
    )
    rows = records([_chunk(text, "Salary", "Credit Analyst")], ["MY"])
    assert _one(rows, "between RM2,300 to RM3,600").statistics == ["range", "starting"]
    assert _one(rows, "between RM4,000 to RM6,500").statistics == ["range", "senior"]


def test_a_count_a_week_under_a_heading_for_hours_is_the_working_week():
    rows = records(
        [_chunk("Working hours\n\n37 to 40 a week; You could work: evenings; occasionally", "Working hours")],
        ["GB"],
    )
    hours = _one(rows, "37 to 40")
    assert (hours.measure, hours.unit, hours.low, hours.high) == ("hours", "hours", 37.0, 40.0)
    # "a week" under no word for hours is visits, calls or anything else
    assert (
        records([_chunk("Home visits\n\n12 to 15 a week; Most visits are short", "Home visits")], ["GB"])
        == []
    )


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        # a currency's name after the sum (CLDR's English names), its country's adjective or name before it
        (
            "The monthly salary was raised to 14,000 Sudanese pounds.",
            ["SD"],
            [("14,000 Sudanese pounds", "SDG")],
        ),
        ("Porters are paid 20 Ghana cedis a day.", ["GH"], [("20 Ghana cedis", "GHS")]),
        ("A driver earns 200,000 kip a day.", [], [("200,000 kip", "LAK")]),
        ("Guards earn about 200 rands a shift.", ["ZA"], [("200 rands", "ZAR")]),  # English's plural too
        # a noun several currencies share is the guide's country's, else none is said
        ("Drivers earn 600 pesos a day.", ["PH"], [("600 pesos", "PHP")]),
        ("Drivers earn 600 pesos a day.", ["US"], [("600 pesos", "")]),
        # a noun English mostly means otherwise is money only in a full name
        ("Drivers of trucks over 26,000 pounds earn $52,000 a year.", ["US"], [("$52,000", "USD")]),
        # a currency withdrawn since 2000 that pages written before still quote (Bulgaria's lev, to 2025)
        ("Pickers earn between 50 and 60 leva a day.", ["BG"], [("between 50 and 60 leva", "BGN")]),
        # the letters of three or more that CLDR writes before a sum, written after it
        ("A contract teacher is paid 95,000 FCFA a month.", ["BJ"], [("95,000 FCFA", "XOF")]),
    ],
)
def test_a_currency_named_after_its_sum(text, places, expected):
    rows = [r for r in records([_chunk(text, "Pay", "Worker")], places) if r.measure == "pay"]
    assert [(r.value, r.unit) for r in rows] == expected


def test_the_thousands_of_a_sum_written_with_a_space_after_its_comma_are_no_sum_of_their_own():
    from coach.ingest.figures import figures

    assert [m.group(0) for _, m in figures("Buy the whole kit for about N50, 000 naira.")] == []


def test_a_sum_keeps_its_scale_word_and_billions_are_no_ones_pay():
    rows = records(
        [
            _chunk(
                "The export value of farmed fish totalled ISK 6.6bn, while workers earned ISK 957,000 a month. "
                "A skilled hand gets VND6.5 million each month.",
                "Pay",
                "Fish Farm Worker",
            )
        ],
        ["IS"],
    )
    assert [(r.value, r.measure, r.period) for r in rows] == [
        ("ISK 957,000", "pay", "month"),
        ("VND6.5 million", "pay", "month"),
    ]


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        ("Pickers get 450 MDL ($25) per day in some periods.", ["MD"], [("450 MDL", "day"), ("$25", "day")]),
        (
            "They earned ISK 957,000 or £5,467 a month.",
            ["IS"],
            [("ISK 957,000", "month"), ("£5,467", "month")],
        ),
        (
            "She makes 200 to 300 AFN (about $2-3) daily.",
            ["AF"],
            [("200 to 300 AFN", "day"), ("$2-3", "day")],
        ),
        # one currency's two figures are two periods' pay, not a conversion
        (
            "The lowest paid earn $15.84 ($32,940 annually).",
            ["US"],
            [("$15.84", "hour"), ("$32,940", "year")],
        ),
        ("Nurses make €56,000 or €27 per hour.", ["IE"], [("€56,000", "year"), ("€27", "hour")]),
    ],
)
def test_a_sum_and_its_conversion_share_the_period_said_after_the_second(text, places, expected):
    rows = records([_chunk(text, "Pay", "Worker")], places)
    assert [(r.value, r.period) for r in rows] == expected


@pytest.mark.parametrize(
    ("text", "statistics"),
    [
        ("Drivers of large trucks can earn up to $90,000 per year.", ["highest"]),
        ("You can become a manager, drawing up to $6,500.", ["highest"]),
        # a sum, not a ceiling; and an average its words call one
        ("That adds up to $32,968 per year.", []),
        ("Freshers earn an average salary of up to Rs 4.1 lakh per year.", ["average", "starting"]),
    ],
)
def test_up_to_before_a_pay_figure_is_its_ceiling(text, statistics):
    (rec,) = records([_chunk(text, "Pay", "Driver")], ["US"])
    assert rec.statistics == statistics


def test_a_sum_that_reads_like_a_year_dates_no_record():
    rows = records(
        [
            _chunk(
                "Juniors earn 480 euros net, seniors 1460 euros net and leads 1960 euros net.",
                "Pay",
                "Developer",
            )
        ],
        ["MK"],
    )
    assert [r.year for r in rows if r.measure == "pay"] == [None, None, None]
    dated = records([_chunk("In 2019 juniors earned 480 euros net a month.", "Pay", "Developer")], ["MK"])
    assert [r.year for r in dated if r.measure == "pay"] == ["2019"]
