"""Stage 2: titles, section trees, tables, repeated blocks; on hand-made and on the real guides."""

import re

import pytest

from coach.ingest.chunk import chunk
from coach.ingest.load import load_guides
from coach.ingest.pipeline import load_corpus
from coach.ingest.sections import is_heading_candidate, role_from_title
from coach.settings import get_settings
from tests.conftest import CORPUS


def test_role_from_title():
    assert (
        role_from_title("Complete Customer Support Specialist Career Guide") == "Customer Support Specialist"
    )
    assert role_from_title("Customer Support Manager Career Path Guide") == "Customer Support Manager"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Key Facts & Statistics", True),
        ("$39,120 USD", False),
        ("5%", False),
        ("0-1 year", False),
        ("Median: $85,000", False),
        ("A sentence that ends.", False),
        ("What is a Baker?", True),
        ("(BLS, May 2023)", False),
    ],
)
def test_heading_candidates(line, expected):
    assert is_heading_candidate(line) is expected


def test_hand_made_guide(guides_dir):
    loaded = load_guides([guides_dir])
    baker = next(g for g in loaded.guides if g.source == "baker.txt")
    assert baker.title == "Complete Baker Career Guide" and baker.role == "Baker"
    paths = [" > ".join(s.path) for s in baker.sections]
    assert paths == [
        "Overview",
        "Key Facts & Statistics",
        "What is a Baker?",
        "Skills & Qualifications",
        "Skills & Qualifications > Technical Skills",
        "Salary & Outlook",
        "Salary & Outlook > Salary by Experience Level",
        "Frequently Asked Questions",
        "Frequently Asked Questions > How long does it take to become a baker?",
    ]
    text = baker.clean_text
    assert "Median Salary: $34,950 USD (U.S. national median, May 2023, BLS)" in text
    assert (
        "Level | US Median | US Average\nApprentice Baker | $28k USD | $30k USD\nHead Baker | $52k USD | $55k USD"
        in text
    )
    assert "Sign up" not in text and "Himalayas" not in text
    pilot = next(g for g in loaded.guides if g.source == "pilot.md")
    assert pilot.title == "Airline Pilot Guide"
    assert [s.path for s in pilot.sections] == [("Overview",), ("Training",), ("Salary",)]


@pytest.fixture(scope="module")
def real():
    loaded = load_guides([CORPUS])
    assert loaded.warnings == []
    return {g.source: g for g in loaded.guides}


BOILERPLATE = [
    "Himalayas Plus",
    "Sign up now",
    "Go to account",
    "View examples",
    "Explore career guide",
    "Get started for free",
    "No credit card required",
    "Jobicy+",
    "See your skills gap",
    "Ace your application",
    "A growing field with similar skill requirements",
    "professionals pay to access",
]
MOJIBAKE = ["β€", "Γ£", "βœ", "πŸ", "Ã"]


def test_real_guides_have_no_boilerplate_or_mojibake_in_any_chunk(real):
    for guide in real.values():
        for c in chunk(guide):
            for phrase in BOILERPLATE + MOJIBAKE:
                assert phrase not in c.text, (guide.source, phrase, c.section)


def test_manager_guide_text_is_repaired(real):
    text = real["customer-support-manager.txt"].clean_text
    assert "São Paulo" in text and "—" in text and "✅ Pros" in text and "❌ Cons" in text
    assert "formal education — such as a bachelor’s degree" in text


@pytest.mark.parametrize(
    ("source", "headings"),
    [
        (
            "customer-support-specialist.txt",
            [
                "Key Facts & Statistics",
                "Salary by Experience Level",
                "Customer Support Team Lead",
                "Frequently Asked Questions",
                "Pros",
                "Cons",
                "Remote Work",
            ],
        ),
        (
            "customer-support.txt",
            [
                "Key Facts & Statistics",
                "Top Industries",
                "Step 1",
                "Customer Support Intern",
                "Salary by Experience Level",
                "Global Salaries",
            ],
        ),
        (
            "customer-support-manager.txt",
            [
                "Key Responsibilities",
                "📈 Market Demand",
                "Career Path Tiers",
                "A Day in the Life",
                "Morning (9:00 AM - 12:00 PM)",
                "Examples and Case Studies",
                "Frequently Asked Questions",
            ],
        ),
    ],
)
def test_expected_headings_found(real, source, headings):
    found = {s.path[-1] for s in real[source].sections}
    for h in headings:
        assert h in found


def test_section_paths_nest(real):
    paths = {" > ".join(s.path) for s in real["customer-support.txt"].sections}
    assert "Salary & Outlook > Salary by Experience Level" in paths
    assert "Career Path > Customer Support Manager" in paths


def test_doubled_ladder_appears_once(real):
    text = real["customer-support-specialist.txt"].clean_text
    assert text.count("Handle initial customer inquiries via various channels") == 1
    assert len(re.findall(r"^Junior Customer Support Specialist$", text, re.M)) == 1


def test_salary_tables_intact(real):
    assert "Customer Support Intern | $32k USD | $35k USD" in real["customer-support.txt"].clean_text
    assert (
        "Level | US Median | US Average\nCustomer Support Intern" in real["customer-support.txt"].clean_text
    )
    assert (
        "Customer Support Team Lead | $67k USD | $70k USD"
        in real["customer-support-specialist.txt"].clean_text
    )
    for c in chunk(real["customer-support.txt"]):
        if "Customer Support Intern | $32k" in c.text:
            assert "Director of Customer Support | $148k USD | $155k USD" in c.text  # the table is one chunk


def test_key_facts_joined_as_fields(real):
    assert (
        "Median Salary: $39,120 USD (U.S. national median, May 2022, BLS)"
        in real["customer-support-specialist.txt"].clean_text
    )
    assert "Median: $85,000" in real["customer-support-manager.txt"].clean_text


def test_a_page_kind_word_stays_where_the_standard_list_has_the_job_with_it():
    assert role_from_title("Career as a Tourist Guide") == "Tourist Guide"
    assert role_from_title("Mountain Guides") == "Mountain Guide"
    assert role_from_title("Nurse Career Guide") == "Nurse"
    # ... whatever stands before the job: a place is no part of it, as after it ("Cyprus Tourist Guide")
    assert role_from_title("Cyprus Tourist Guide") == "Tourist Guide"
    assert role_from_title("Kenya Tour Guides") == "Tour Guide"
    # a job's own first word that happens to name a place somewhere stays ("Au Pair", "Bar Manager")
    assert role_from_title("Au Pair") == "Au Pair"
    assert role_from_title("Bar Manager") == "Bar Manager"


def test_stat_cards_laid_out_value_first_pair_each_value_with_the_label_after_it(tmp_path):
    page = (
        "Physiotherapist\n\nCareer outlook at a glance\n\n36\n\nMedian age of physiotherapists (in years)\n\n"
        "44,700\n\nPhysiotherapists workforce in Australia\n\n$1,710\n\nMedian weekly earnings in Australia\n\n"
        "Where do physiotherapists work?\n\nIn hospitals and private practice.\n"
    )
    (tmp_path / "physio.txt").write_text(page, encoding="utf-8")
    text = "\n".join(c.text for c in load_corpus([tmp_path], get_settings()).chunks)
    assert "Physiotherapists workforce in Australia: 44,700" in text
    assert "Median weekly earnings in Australia: $1,710" in text


def test_a_numbered_list_is_no_run_of_value_first_cards(tmp_path):
    (tmp_path / "clerk.txt").write_text(
        "Clerk\n\nTop industries\n\n1\n\nRetail Trade\n\n2\n\nFinancial Services\n\n3\n\nHealth Care\n",
        encoding="utf-8",
    )
    text = "\n".join(c.text for c in load_corpus([tmp_path], get_settings()).chunks)
    assert "1. Retail Trade" in text and "Retail Trade: 1" not in text


def test_a_label_and_title_line_over_a_list_heads_its_own_section(tmp_path):
    (tmp_path / "teacher.txt").write_text(
        "Teacher pay grades\n\nThe grades below are set by the ministry.\n\n"
        "Grade A: Assistant Primary Teacher\n-\nQualification: Basic certificate\n-\nMonthly pay: $120\n"
        "Grade B: Senior Secondary Teacher\n-\nQualification: Bachelor's degree\n-\nMonthly pay: $300\n",
        encoding="utf-8",
    )
    chunks = load_corpus([tmp_path], get_settings()).chunks
    by_section = {c.section.split(" > ")[-1]: c.text for c in chunks}
    assert "Qualification: Bachelor's degree" in by_section["Grade B: Senior Secondary Teacher"]
    assert "Bachelor" not in by_section["Grade A: Assistant Primary Teacher"]


def test_article_prose_under_a_furniture_heading_is_kept_and_its_link_list_is_not(tmp_path):
    (tmp_path / "ferry-pay.txt").write_text(
        "Ferry deckhands win a pay rise\n\nRelated Articles\n\nHarbour pilots strike again...\n\n"
        "Island ferries to run later...\n\n"
        "Deckhands on the island ferries will earn 14 dollars an hour from March, up from 12 dollars, the "
        "union said on Tuesday after talks with the operator ended. The rise covers all 240 crew.\n",
        encoding="utf-8",
    )
    text = "\n".join(c.text for c in load_corpus([tmp_path], get_settings()).chunks)
    assert "14 dollars an hour from March" in text
    assert "Harbour pilots" not in text and "Island ferries to run later" not in text
