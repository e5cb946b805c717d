"""Places end to end on a hand-made corpus: one job's guides from two countries, and a guide that names a city
beside no figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import coach_over

PLACES = Path(__file__).parent.parent / "data" / "places"


@pytest.fixture(scope="module")
def places(tmp_path_factory, embedder):
    return coach_over(PLACES, tmp_path_factory.mktemp("places-home"), embedder)


def test_a_jobs_figure_comes_from_its_guide_about_the_place_asked(places):
    result = places.ask("What's the starting salary for a police constable in Scotland?")
    assert not result.refused and "£26,037" in result.answer and "Rs." not in result.answer
    assert {c["source"] for c in result.citations} == {"scotland-police-officer.txt"}


def test_a_city_the_guide_names_beside_no_figure_gets_no_figure(places):
    result = places.ask("What exact monthly salary does a social media manager get in Lagos?")
    assert result.refused and "#87,000" not in result.answer
    national = places.ask("What does a social media manager earn a month in Nigeria?")
    assert not national.refused and "#87,000 to #105,000" in national.answer


def test_a_region_asking_no_figure_is_covered_by_its_countrys_guide_and_a_figure_for_it_is_not(places):
    training = places.ask("How long do police recruits train for in Maharashtra?")
    assert not training.refused and "nine months" in training.answer
    pay = places.ask("What does a police constable earn a month in Maharashtra?")
    assert pay.refused and "Rs. 21,700" not in pay.answer


def test_the_guides_own_place_need_not_be_beside_a_figure_it_gives_in_words(places):
    """Asked "in Ireland" of an Irish guide, the duration it states ("a one year ... programme") answers, not
    the line that happens to name Ireland (a university's name)."""
    result = places.ask("How long is the training to become a guidance counsellor in Ireland?")
    assert not result.refused and "one year full-time" in result.answer


def test_a_line_ending_in_a_colon_brings_the_line_it_introduces(places):
    result = places.ask("Where can I train as a guidance counsellor?")
    assert "These courses are run in:" in result.answer and "University College Cork" in result.answer


def test_a_job_asked_of_no_place_quotes_each_countrys_guide(places):
    """One job's guides from two countries, asked of neither: each country's guide gets its say, each under
    its own guide, not only the top-ranked country's."""
    result = places.ask("How long do police recruits train for?")
    assert not result.refused
    assert "nine months" in result.answer and "two-year probation" in result.answer
    assert {c["source"] for c in result.citations} >= {
        "india-police-officer.txt",
        "scotland-police-officer.txt",
    }
    scotland = places.ask("How long do police recruits train for in Scotland?")
    assert "two-year probation" in scotland.answer and "nine months" not in scotland.answer


def test_each_countrys_guide_is_of_the_job_asked_not_of_a_more_specific_job():
    from coach.ask.places_say import same_job

    roles = {"gi.txt": "Officer", "lc.txt": "Fire Officer", "mx.txt": "officer"}
    assert same_job(["gi.txt", "lc.txt", "mx.txt"], roles, ["Officer"]) == ["gi.txt", "mx.txt"]


def test_a_page_about_the_one_region_of_its_country_it_names_gives_that_regions_figures(places):
    """A Malaysian page that names Pahang and no other state: asked for Pahang, its figure answers with the place
    it is for said; a state it never names still gets no figure."""
    result = places.ask("How much does a durian picker in Pahang earn a day?")
    assert not result.refused and "RM60 a day" in result.answer
    other = places.ask("How much does a durian picker in Johor earn a day?")
    assert other.refused and "RM60" not in other.answer


def test_a_page_about_the_one_city_of_its_country_it_names_gives_that_citys_figures(places):
    """A Kenyan page that names Nairobi and no other Kenyan city: its figure answers for Nairobi, saying the
    figure is the country's; a city it never names still gets none."""
    result = places.ask("How much does a tuk tuk driver in Nairobi take home a day?")
    assert not result.refused and "Ksh 1,500" in result.answer
    other = places.ask("How much does a tuk tuk driver in Mombasa take home a day?")
    assert other.refused and "Ksh 1,500" not in other.answer


def test_the_one_country_a_page_about_no_place_names_is_its_place(places):
    """A page no address, currency or repeated name places, that names Malawi once and no other country: its
    figures are Malawi's; another country still gets none."""
    result = places.ask("How much does a rope maker in Malawi earn a week?")
    assert not result.refused and "$12 a week" in result.answer
    other = places.ask("How much does a rope maker in Zambia earn a week?")
    assert other.refused and "$12" not in other.answer


def test_a_list_item_naming_a_region_states_the_figure_its_lead_sentence_names():
    from types import SimpleNamespace

    from coach.ask.coverage import Coverage
    from coach.ask.where import place_pattern
    from coach.ingest.measures import measures

    units = [
        SimpleNamespace(kind="sentence", text="Pay is set by region, as follows:"),
        SimpleNamespace(kind="item", text="Aragon, 14 hours / €910"),
    ]
    coverage = SimpleNamespace(extractive=SimpleNamespace(units={"c": units}))
    chunk = SimpleNamespace(id="c", section="Terms")
    assert Coverage._beside_figure(coverage, chunk, place_pattern("Aragon"), measures()["pay"])  # type: ignore[arg-type]
    units[0].text = "Our assistants come from every region:"
    assert not Coverage._beside_figure(coverage, chunk, place_pattern("Aragon"), measures()["pay"])  # type: ignore[arg-type]
