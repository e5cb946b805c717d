"""Figure questions answered from records, end to end on two hand-made guides (tests/data/records)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from coach.ask.record_text import lead_sentence, record_clause
from coach.ingest.record_model import Record
from tests.conftest import coach_on, coach_over

RECORDS = Path(__file__).parent.parent / "data" / "records"


@pytest.fixture(scope="module")
def coach(tmp_path_factory, embedder):
    return coach_over(RECORDS, tmp_path_factory.mktemp("records-home"), embedder)


def test_a_level_and_period_pick_one_record_and_cite_its_row(coach):
    result = coach.ask("What's the monthly pay for a mid-level registered nurse?")
    assert result.answer == "Registered Nurse pay: Mid-level $6,639 – $7,917 a month. [1]"
    assert result.citations[0]["source"] == "nurse-au.txt"
    quoted = [result.citations[0]["text"][a:b] for a, b in result.citations[0]["spans"]]
    assert quoted == ["Mid-level: $79,676 – $95,000; $6,639 – $7,917; $45.04 – $50.00"]


def test_a_place_picks_its_row_and_never_another_jobs_column(coach):
    result = coach.ask("How much do registered nurses earn in Queensland?")
    assert "$79,058 – $106,144" in result.answer
    assert "$71,234" not in result.answer  # the enrolled nurse's figure in the same row


def test_a_city_and_statistic_pick_the_table_cell(coach):
    result = coach.ask("What is the top hourly wage for a paramedic in Calgary?")
    assert result.answer.startswith(
        "Paramedic hourly pay: Calgary – Alberta, High Wage $ per hr 49.00 an hour."
    )
    assert not result.refused


def test_a_plain_question_gets_the_headline_not_one_citys_row(coach):
    result = coach.ask("How much do paramedics make?")
    assert result.answer == (
        "A typical full-time annual salary for a paramedic is in the region of $55,000 – $75,000. [1]"
    )


def test_a_year_the_records_do_not_give_is_declined_without_a_figure(coach):
    result = coach.ask("What was the top hourly wage for paramedics in Calgary in 2023?")
    assert result.refused and result.understood["decline"] == "no_year"
    assert not any(ch.isdigit() for ch in result.answer)


def test_a_level_or_period_the_records_do_not_give_is_declined_without_a_figure(coach):
    senior = coach.ask("What does a senior paramedic earn?")  # the guide gives no level's figure
    assert senior.refused and senior.understood["decline"] == "no_level"
    assert senior.answer.startswith("The guides give no senior pay figure for this job")
    weekly = coach.ask("What's the weekly pay of a paramedic?")  # hourly and yearly figures only
    assert weekly.refused and "weekly pay figure" in weekly.answer
    assert not any(ch.isdigit() for ch in senior.answer + weekly.answer)
    assert not coach.ask("What's the yearly salary of a paramedic?").refused  # $55,000 - $75,000 a year
    daily = coach.ask("What does a paramedic earn per day?")
    assert daily.refused and "daily pay figure" in daily.answer


def test_a_follow_up_carries_the_job_and_measure_to_a_level(coach):
    history = [
        {"role": "user", "content": "How much does a registered nurse earn a year?"},
        {"role": "assistant", "content": "(answer)"},
    ]
    result = coach.ask("and at senior level?", history)
    assert "$95,000 – $118,443" in result.answer


def test_a_conversation_that_switches_jobs_never_answers_about_the_previous_one(coach):
    history: list[dict[str, str]] = []

    def turn(question: str):
        result = coach.ask(question, history)
        history.extend(
            [{"role": "user", "content": question}, {"role": "assistant", "content": result.answer}]
        )
        return result

    nurse = turn("How much does a registered nurse earn a year?")
    assert {c["source"] for c in nurse.citations} == {"nurse-au.txt"}
    medic = turn("What does a paramedic earn an hour in Calgary?")
    assert {c["source"] for c in medic.citations} == {"paramedic-ca.txt"} and "Calgary" in medic.answer
    astronaut = turn("And what does an astronaut earn?")
    assert astronaut.refused and "$" not in astronaut.answer
    back = turn("How long does it take to become a registered nurse?")
    assert {c["source"] for c in back.citations} == {"nurse-au.txt"} and "three-year" in back.answer
    senior = turn("and at senior level, what is the pay?")
    assert "$95,000 – $118,443" in senior.answer and "paramedic" not in senior.answer.lower()


def test_two_jobs_named_get_each_jobs_figures_or_say_which_one_the_guides_cover(coach):
    both = coach.ask("What do registered nurses and paramedics earn?")
    assert both.answer.startswith("The guides give pay figures for several jobs:\n")
    assert {c["source"] for c in both.citations} == {"nurse-au.txt", "paramedic-ca.txt"}
    one = coach.ask("How much do astronauts and paramedics make?")
    assert not one.refused and "$55,000 – $75,000" in one.answer
    assert one.answer.endswith("(The guides do not cover astronaut.)")
    assert one.understood["uncovered"] == "astronaut"
    # the two jobs share a head word, but the question names the covered one whole: it is answered
    same_head = coach.ask(
        "Should I be a registered nurse or a dental nurse? What does the registered nurse earn?"
    )
    assert not same_head.refused and same_head.understood["uncovered"] == "dental nurse"
    assert {c["source"] for c in same_head.citations} == {"nurse-au.txt"}


def test_a_job_no_guide_covers_is_declined_naming_the_nearest_covered_one(coach):
    near = coach.ask("What does an ambulance driver earn?")
    assert near.refused and near.citations == [] and "$" not in near.answer
    assert near.answer.endswith(
        "The nearest job they cover is Paramedic: ask about it by that name if that is the job you mean."
    )
    assert near.understood["nearest_job"] == "Paramedic" and "ambulance" not in near.answer  # never echoed
    far = coach.ask("What does an astronaut earn?")  # near no covered job: nothing suggested
    assert far.refused and "nearest" not in far.answer and "nearest_job" not in far.understood


def test_a_figure_far_from_the_other_guides_is_shown_apart_and_flagged(tmp_path, embedder):
    pages = {
        "a.md": "# Welder career guide\n\n## Pay\n\nThe median salary for a welder is $48,000 a year.\n",
        "b.md": "# Becoming a welder\n\n## Salary\n\nWelders earn a median salary of $52,000 a year.\n",
        "c.md": "# Welder jobs\n\n## Earnings\n\nA welder can earn a median salary of $1,000,000 a year.\n",
    }
    coach = coach_on(pages, tmp_path, embedder)
    flagged = [f for g in coach.profile.guides for f in g.flags if f["reason"].startswith("outlier figure")]
    assert [f["text"] for f in flagged] == ["A welder can earn a median salary of $1,000,000 a year."]
    result = coach.ask("What does a welder earn?")
    lead, _, apart = result.answer.partition("Shown apart, as an outlier")
    assert "$48,000" in lead and "$52,000" in lead and "$1,000,000" not in lead
    assert "$1,000,000" in apart and "c.md" not in lead


def test_a_figure_question_naming_a_place_but_no_job_is_answered_from_that_places_guides(tmp_path, embedder):
    pages = {
        "geo.md": "# Geologist careers in Nigeria\n\n## Salary\n\n"
        "New geology graduates in Nigeria earn ₦200,000 to ₦500,000 a month at oil companies in Lagos.\n",
        "care.md": "# Personal support worker in Canada\n\n## Salary\n\n"
        "New support workers in Ontario, Canada earn $32,000 a year; experienced ones earn $47,000.\n",
    }
    coach = coach_on(pages, tmp_path, embedder)
    result = coach.ask("How much do experienced ones earn a year in Nigeria?")  # the Canadian guide's words
    assert "$32,000" not in result.answer and {c["source"] for c in result.citations} <= {"geo.md"}


def test_a_place_named_beside_a_figure_beats_the_guides_own_place(tmp_path, embedder):
    page = (
        "Source: https://www.example.co.uk/average-refuse-collector-salary/\n\n"
        "Recent strike action in Scotland showed just how vital refuse collectors are. Strike action was brought "
        "about after refuse collector salaries were only set to rise by 2%.\n\n"
        "The average salary for a refuse collector in the UK is £21,567. According to government sources, bin "
        "workers' salaries range from £17,000 to £25,000 per year.\n\n"
        "By region, workers in London have the highest salary at £22,289, whilst Scotland has the lowest "
        "salary, £18,896.\n"
    )
    # the guide is about the UK and names Scotland: its UK-wide figures are Scotland's only where none is said
    result = coach_on({"bins.txt": page}, tmp_path, embedder).ask(
        "What do refuse collectors in Scotland make?"
    )
    assert "£18,896" in result.answer


@pytest.mark.parametrize(
    ("pages", "question", "wanted", "unwanted"),
    [
        (  # the guide about India is a "Nurse" guide: a broader title than the one asked
            {
                "rn.md": "# Registered Nurse in Canada\n\n## Salary\n\n"
                "Registered nurses in Canada earn a median salary of $80,000 a year. Canada needs registered nurses.\n",
                "nurse.md": "# Nurse careers in India\n\n## Salary\n\n"
                "The average annual salary of a registered nurse in India is INR 2.5 LPA. Nurses in India work long "
                "shifts.\n",
            },
            "What's the average annual salary of a registered nurse in India?",
            "INR 2.5 LPA",
            "$80,000",
        ),
        (  # the guide about Mauritius is titled for its police force, not for a police officer
            {
                "zm.md": "# Police Officer in Zambia\n\n## Entry requirements\n\n"
                "Police officers in Zambia need a full Grade 12 certificate with five credits.\n",
                "mu.md": "# Mauritius Police Force Recruitment 2025\n\n## Qualifications\n\n"
                "Candidates in Mauritius should possess a Cambridge School Certificate with credits in English and "
                "French.\n",
            },
            "Which school certificate does a police officer need in Mauritius?",
            "Cambridge School Certificate",
            "Grade 12",
        ),
    ],
)
def test_a_jobs_question_in_a_place_only_a_broader_or_titled_guide_covers_comes_from_that_guide(
    pages, question, wanted, unwanted, tmp_path, embedder
):
    coach = coach_on(pages, tmp_path, embedder)
    result = coach.ask(question)
    assert not result.refused and wanted in result.answer and unwanted not in result.answer


def test_the_shift_sentence_answers_a_shift_question_that_names_the_job_in_its_own_words(tmp_path, embedder):
    pages = {
        "bw.md": "# Production Operative at Brightwater Foods\n\n## Shifts\n\n"
        "Our factories are at Avonmouth in Bristol, and the production areas are chilled to around 5°C.\n\n"
        "We work a 4 on, 4 off pattern of 12-hour shifts: days run 6am to 6pm.\n",
        "ks.md": "# Forklift Operator at Kestrel Logistics\n\n## Shifts\n\n"
        "Most operators work 4 x 10-hour shifts a week (40 hours).\n",
    }
    result = coach_on(pages, tmp_path, embedder).ask(
        "What are the shifts like for factory workers at Brightwater?"
    )
    assert "4 on, 4 off pattern of 12-hour shifts" in result.answer


def test_a_name_the_guides_title_gives_is_no_qualifier_and_how_long_is_answered_by_a_length(
    tmp_path, embedder
):
    page = (
        "Somaliland: Community Midwife Training Program Expands\n\n"
        "Everyone who is familiar with the hospital knows about its dream of training 1,000 Community Midwives to be "
        "deployed throughout Somaliland. This past week, we took a big step toward making that dream a reality.\n\n"
        "Community Midwives are healthcare workers who receive two years of training in basic midwifery and nursing "
        "skills. They are recruited from all over the country and serve their home region after graduation.\n\n"
        "The program has been embraced by the Somaliland Ministry of Health and by the towns and villages where the "
        "Community Midwives serve after completion of their training.\n"
    )
    result = coach_on({"midwife.txt": page}, tmp_path, embedder).ask(
        "How long is community midwife training in Somaliland?"
    )
    # "Somaliland", which the page's title names, is what the page is about, not a word its figures must repeat;
    # and "how long" is answered by a length of time: the count beside the name does not open the answer
    assert "two years" in result.answer.split("\n")[0]


def test_record_clause_cuts_a_long_sentence_at_a_clause_comma_never_inside_a_number() -> None:
    span = (
        "In the city, wages are set by several factors, including the vehicle, hours worked, seniority and "
        "violations of the rules of the road and of the company, so drivers with a category D licence earn "
        "2,500 rubles for domestic routes inside the whole of the country and its regions and 3,000 rubles for international ones, "
        "as stated by the company's "
        "own figures, which were published last year, and confirmed again this spring by its director"
    )
    clause = record_clause(span, "2,500 rubles")
    assert "3,000 rubles for international ones" in clause
    assert clause.endswith("…") and clause.startswith("…")
    assert not clause.startswith("…500")


BARTENDER = (
    "Source: https://jobs.example.org/tunisia/bartender\n\nBartender in Tunisia\n\n"
    "The most common places to find a job are Tunis, Sfax and Sousse.\n\n"
    "Salary for the job: Bartender Tunisia - USD 240\nAverage salary Tunisia: USD 310\n"
    "Working hours per week: 40\nPaid vacation days: 30\n"
)


def _from_records(result) -> bool:
    return any("record" in e.get("features", {}) for e in result.explain)


def test_a_record_answers_only_what_its_words_speak_to_and_never_adds_a_period_the_guide_does_not_say(
    tmp_path, embedder
):
    coach = coach_on({"tn-bartender.txt": BARTENDER}, tmp_path, embedder)
    pay = coach.ask("How much does a bartender earn in Tunisia?")
    assert (
        pay.answer == "Bartender pay: Average salary Tunisia USD 310. [1]"
    )  # no "a month": read from its size
    assert _from_records(pay)
    # "tips": the place fits, but no record's words say tips, so no pay figure is the answer
    assert not _from_records(coach.ask("How much do bartenders in Tunisia make in tips?"))


def test_a_year_the_records_miss_but_their_passage_names_is_no_gap():
    from types import SimpleNamespace

    from coach.ask.record_gaps import missing_year
    from coach.ingest.chunk import Chunk
    from coach.ingest.records import records

    text = "In 2021 the average pay was 900 euros a month; juniors earn 480 euros net."
    chunk = Chunk("c1", "Developers Survey", "Developer", "Pay", "dev.txt", 0, len(text), text)
    rows = records([chunk], ["MK"])
    q = SimpleNamespace(expanded="What did developers earn in 2019?", measures=["pay"], sources=["dev.txt"])
    assert missing_year(q, rows, {"c1": chunk}) == "2019"  # type: ignore[arg-type]
    # the survey's title dates the figures under it
    titled = Chunk("c1", "Developers Survey 2019", "Developer", "Pay", "dev.txt", 0, len(text), text)
    assert missing_year(q, rows, {"c1": titled}) is None  # type: ignore[arg-type]


def test_a_line_stating_its_one_figure_in_words_is_quoted_as_written():
    said = Record(
        source="a.txt", chunk_id="c", occupation="Herder", measure="pay", value="40,000 tenge", low=40000.0,
        high=None, unit="KZT", period="month", statistics=[], label="Aset earns per month", places=["KZ"],
        place_text="", year=None, span="Aset earns 40,000 tenge per month", section="Overview", kind="field",
    )  # fmt: skip
    assert lead_sentence([said], 1, "pay") == "Herder pay: Aset earns 40,000 tenge per month. [1]"
    labelled = replace(said, span="Median salary: 40,000 tenge", label="Median salary")
    assert lead_sentence([labelled], 1, "pay") == "Herder pay: Median salary 40,000 tenge a month. [1]"
