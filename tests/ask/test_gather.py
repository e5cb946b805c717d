"""Which guides a question may be answered from (coach/ask/gather.py: Gatherer.allowed)."""

from __future__ import annotations

from types import SimpleNamespace

from coach.ask.gather import Gatherer, _times
from coach.ask.question import Query
from coach.ingest.chunk import Chunk


def _gatherer(pages: dict[str, tuple[str, str, str, list[str]]]) -> Gatherer:
    """{source: (title, role, text, places)} as one chunk each, with no index behind them."""
    chunks = [
        Chunk(f"c{i}", t, r, "Intro", s, 0, len(x), x) for i, (s, (t, r, x, _)) in enumerate(pages.items())
    ]
    places = {s: p for s, (_, _, _, p) in pages.items()}
    return Gatherer(chunks, None, SimpleNamespace(guide_places=places), 5, 2)  # type: ignore[arg-type]


def _query(question: str, sources: list[str], places: list[str] | None = None) -> Query:
    return Query(
        question, question, question, question, set(), set(), [], ["Police Officer"], sources, places or []
    )


PAGES = {
    "ky.txt": (
        "Police",
        "Police Officer",
        "Caymanians may join the police service as police officers.",
        ["KY"],
    ),
    "bm.txt": (
        "Applications",
        "Application",
        "Apply for the post of Constable; serve as a Student Police Officer.",
        ["BM"],
    ),
}


def test_a_country_named_anywhere_in_the_question_picks_the_guide_about_it_that_names_the_job():
    q = _query("Is there a height rule to join the Bermuda Police Service as a police officer?", ["ky.txt"])
    assert _gatherer(PAGES).allowed(q, None) == {"bm.txt"}


def test_a_guide_about_the_country_that_never_names_the_job_is_not_taken_for_it():
    pages = {**PAGES, "bm.txt": ("Nurses", "Nurse", "Nurses in Bermuda work shifts.", ["BM"])}
    q = _query("Is there a height rule to join the Bermuda Police Service as a police officer?", ["ky.txt"])
    assert _gatherer(pages).allowed(q, None) == {"ky.txt"}


def test_a_name_beside_one_of_two_jobs_named_sets_no_guides_apart():
    pages = {
        "tc.txt": ("Police", "Police Officer", "The Turks and Caicos police pay US$2,135 a month.", ["TC"]),
        "fk.txt": ("Caretaker", "Caretaker", "New Island pays its caretaker £1,000 a month.", ["FK"]),
    }
    q = _query("Which pays more: the Turks police job or the New Island caretaker job?", ["tc.txt", "fk.txt"])
    gatherer = _gatherer(pages)
    gatherer.writers = lambda _q: {"fk.txt"}  # "New Island" is written by the caretaker's guide only
    q.occupations = ["Police Officer", "Caretaker"]
    assert gatherer.allowed(q, None) == {"tc.txt", "fk.txt"}
    q.occupations = ["Caretaker"]  # one job named: its name sets its guides apart
    assert gatherer.allowed(q, None) == {"fk.txt"}


def test_a_follow_up_naming_no_place_is_answered_from_the_guide_about_the_conversations_place():
    pages = {
        "ky.txt": ("Police", "Police Officer", "Caymanians may join the police as police officers.", ["KY"]),
        "bm.txt": ("Police", "Police Officer", "Bermudians may join the police as police officers.", ["BM"]),
    }
    q = _query("And is there a fitness test?", ["ky.txt", "bm.txt"])
    assert _gatherer(pages).allowed(q, None) == {"ky.txt", "bm.txt"}
    q.earlier_places = ["Bermuda"]  # the earlier turn asked about the police in Bermuda
    assert _gatherer(pages).allowed(q, None) == {"bm.txt"}
    q.sources = ["ky.txt"]  # the job's only guide: a place no guide of it is about sets nothing apart
    assert _gatherer(pages).allowed(q, None) == {"ky.txt"}


def test_a_city_picks_the_guide_about_its_country_not_another_countrys():
    pages = {
        "lv.txt": ("Drivers", "Bus Driver", "Bus drivers in Latvia earn more since May.", ["LV"]),
        "se.txt": ("Drivers", "Bus Driver", "Bus drivers in Sweden drive long shifts.", ["SE"]),
        "xx.txt": ("Drivers", "Bus Driver", "Bus drivers drive buses.", []),
    }
    q = _query("Do bus drivers in Riga work nights?", ["lv.txt", "se.txt", "xx.txt"])
    assert _gatherer(pages).allowed(q, None) == {"lv.txt", "xx.txt"}  # a guide whose place is unknown stays
    q = _query("Do bus drivers in Tallinn work nights?", ["lv.txt", "se.txt", "xx.txt"])
    assert _gatherer(pages).allowed(q, None) == {"lv.txt", "se.txt", "xx.txt"}  # no guide about Estonia


def test_the_places_guide_that_keeps_writing_the_words_the_job_was_named_by_is_the_job_there():
    pages = {
        "ar.txt": ("Harvest", "Grape Harvester", "Grape harvesters in Mendoza earn 8,000 pesos.", ["AR"]),
        "fr.txt": ("Vendanges", "Picker", "Pickers cut grapes by hand; the grapes go to the press.", ["FR"]),
    }
    q = _query("How much do you earn a day picking grapes in France?", ["ar.txt"])
    q.occupations = ["Grape Harvester"]  # "picking grapes" read as the Argentinian guide's job
    assert _gatherer(pages).allowed(q, None) == {"fr.txt"}
    pages["fr.txt"] = ("Vendanges", "Picker", "Pickers cut grapes by hand for the press.", ["FR"])
    q = _query("How much do you earn a day picking grapes in France?", ["ar.txt"])
    q.occupations = ["Grape Harvester"]
    assert _gatherer(pages).allowed(q, None) == {"ar.txt"}  # written once: a passing word, not its job


def test_a_figure_is_not_sought_in_the_places_guide_that_does_not_state_it():
    pages = {
        "ky.txt": ("Police", "Police Constable", "Police constables in Cayman earn CI$40,000.", ["KY"]),
        "bm.txt": (
            "Applications",
            "Application",
            "Apply to the police as a constable; police constables ...",
            ["BM"],
        ),
    }
    q = _query("What's the starting salary for a police constable in Bermuda?", ["ky.txt"], ["Bermuda"])
    q.occupations, q.measures = ["Police Constable"], ["pay"]
    assert _gatherer(pages).allowed(q, None) == {"ky.txt"}  # no pay in Bermuda's guide: its decline stands
    q = _query("How old must a police constable be in Bermuda?", ["ky.txt"], ["Bermuda"])
    q.occupations = ["Police Constable"]
    assert _gatherer(pages).allowed(q, None) == {"bm.txt"}


def test_a_question_naming_a_country_and_no_job_is_answered_from_the_guides_about_it_or_of_no_known_place():
    pages = {
        "to.txt": ("Fishing in Tonga", "Fisher", "Fishing feeds most families on the islands.", ["TO"]),
        "is.txt": ("Fishing in Iceland", "Fisher", "Fishing is Iceland's largest export.", ["IS"]),
        "xx.txt": ("Fishing", "Fisher", "Fishing is seasonal work.", []),
    }
    asked = Query(*(["Is fishing a big deal for the Tonga economy?"] * 4), set(), set(), [], [], [], [])
    # no figure asked: a guide whose place is unknown stays
    assert _gatherer(pages).allowed(asked, None) == {"to.txt", "xx.txt"}
    figure = Query(
        *(["What does a boat owner earn in Tonga?"] * 4), {"salary"}, set(), ["pay"], [], [], ["Tonga"]
    )
    assert _gatherer(pages).allowed(figure, None) == {"to.txt"}  # a figure: only the guides about Tonga


def test_a_y_word_is_counted_in_its_ies_plural_too():
    said = " casual worker in factorie earn little factory owner say "  # "factories", singular as the guides read
    assert _times(said, "factory") == 2 and _times(said, "worker") == 1 and _times(said, "day") == 0
