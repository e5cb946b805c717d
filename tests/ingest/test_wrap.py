"""Text as written: hard-wrapped files rejoined, sentences split by pysbd."""

from coach.ingest.clean import Line, load_rules, repeated_furniture
from coach.ingest.wrap import sentences, unwrap, wrap_width

WRAPPED = """# Junior Data Analyst at Acme Foods

## What you'll do
As a Junior Data Analyst you will join our Insights team and help colleagues across the business
understand what our sales, supply and customer data say. You will build dashboards, clean data
sets and present findings to managers in plain English, and you will learn our reporting tools
quickly with the help of a named buddy from the team who has done the job before you.

- Build weekly sales reports for the
  commercial team
- Clean data

## What we pay
| Level | Pay |
|---|---|
| Junior | £28,000 |
"""


def test_a_hard_wrapped_file_is_rejoined_into_paragraphs():
    assert wrap_width(WRAPPED) is not None
    out = unwrap(WRAPPED).split("\n")
    assert out[3].startswith("As a Junior Data Analyst") and out[3].endswith("before you.")
    assert "- Build weekly sales reports for the commercial team" in out
    assert "| Junior | £28,000 |" in out and "## What we pay" in out and "- Clean data" in out


def test_a_page_whose_lines_are_its_own_blocks_is_left_as_it_is():
    page = (
        "Salary, a pound sign Salary: £23,023 to £43,041 average per year\n\nHours, a clock face Hours: 37.5\n\n"
        * 3
    )
    assert wrap_width(page) is None and unwrap(page) == page


def test_sentences_know_abbreviations_and_keep_exact_substrings():
    line = "Seniors earn more, e.g. Rs. 12 lakh a year. See the U.S. figures for comparison."
    parts = sentences(line)
    assert parts == ("Seniors earn more, e.g. Rs. 12 lakh a year.", "See the U.S. figures for comparison.")
    assert all(p in line for p in parts)
    assert sentences("") == () and sentences("Short one.") == ("Short one.",)
    # an abbreviated currency before its sum ends no sentence
    pay = "The hardship allowance for a cadet is Kshs. 8,200 per month. The total is Kshs. 98,400 a year."
    assert sentences(pay) == (
        "The hardship allowance for a cadet is Kshs. 8,200 per month.",
        "The total is Kshs. 98,400 a year.",
    )


def test_a_markdown_heading_every_guide_of_a_site_shares_is_a_section_not_furniture():
    def page(job: str) -> list[Line]:
        return [
            Line(f"# {job} at Example Foods"),
            Line("## How to get promoted"),
            Line(f"{job}s move up after two years of good reviews and a short course."),
            Line("Join our talent network today"),
        ]

    pages = {"a.md": page("Baker"), "b.md": page("Driver")}
    found = repeated_furniture(pages, {"a.md": "x.example", "b.md": "x.example"}, load_rules())
    assert 1 not in found["a.md"] and 1 not in found["b.md"]


def test_bullets_on_every_line_of_a_wrapped_notice_are_rejoined_into_its_items():
    notice = (
        "  • 1. Individuals who wish to teach at the Primary Level must have at least\n"
        "  • FIVE CSEC subjects, including English Language, Mathematics and a Science.\n"
        "  • 2. ALL short-listed applicants will be invited to attend a Pre-Service Seminar\n"
        "  • from Monday, 16th June 2025, at the Advanced Vocational Education Centre, and\n"
        "  • will be required to complete an assessment in literacy and numeracy (CAPE or A-\n"
        "  • Level passes are welcome).\n"
    )
    assert unwrap(notice).split("\n")[:2] == [
        "  • 1. Individuals who wish to teach at the Primary Level must have at least FIVE CSEC subjects, "
        "including English Language, Mathematics and a Science.",
        "  • 2. ALL short-listed applicants will be invited to attend a Pre-Service Seminar from Monday, 16th June "
        "2025, at the Advanced Vocational Education Centre, and will be required to complete an assessment in "
        "literacy and numeracy (CAPE or A-Level passes are welcome).",
    ]


def test_a_list_of_lower_case_duties_stays_a_list():
    duties = (
        "  • dispense medicines in a community pharmacy, hospital or a GP practice clinic\n"
        "  • give healthcare advice about prescription and over-the-counter medicines\n"
        "  • advise on drug dosages and risks, to the public and to other health professionals\n"
    )
    assert unwrap(duties) == duties
