"""Answer wording on hand-made quotes: the opening sentence, grouping by guide, what is not covered."""

from __future__ import annotations

from coach.ask.compose import Framing, Piece, figure_phrase, render
from coach.ask.grounding import numbers_in
from coach.ask.question import document_request, places_in
from coach.ask.suggest import Suggester, a_job
from coach.ingest.chunk import Chunk


def piece(
    text: str,
    n: int,
    source: str = "a.txt",
    role: str = "Welder",
    job: str = "Welder",
    kind: str = "sentence",
):
    return Piece(text, n, source, role, job, kind, numbers_in(text), "Pay")


def test_one_figure_opens_with_the_job_measure_and_figure_and_is_not_repeated():
    row = piece("Senior Welder: US Median $52k USD", 1, job="Senior Welder", kind="row")
    text = render([row], Framing(numeric=True, measure="pay"))
    assert text == "Senior Welder pay: US Median $52k USD. [1]"


def test_each_guide_opens_with_its_figure_for_the_job_asked_or_asked_of_none_for_its_own_job():
    row = piece("Senior Welder: US Median $52k USD", 1, job="Senior Welder", kind="row")
    own = piece("Median Salary: $48,000", 1)
    other = piece("Median: $61,000", 2, "b.txt", role="Pipefitter", job="Pipefitter")
    plain = render([row, own, other], Framing(numeric=True, measure="pay"))
    assert plain.startswith(
        "The guides give pay figures for several jobs: Welder: Median Salary: $48,000 [1];"
    )
    senior = render([row, own, other], Framing(numeric=True, measure="pay", jobs=["Senior Welder"]))
    assert senior.startswith(
        "The guides give pay figures for several jobs: Senior Welder: US Median $52k USD [1];"
    )


def test_disagreeing_guides_about_one_job_show_each_figure_with_its_source():
    a = piece("Welders earn a median of $48,000 a year, more in oil and gas.", 1, "a.txt")
    b = piece("Welder: $51k median", 2, "b.txt", kind="row")
    text = render([a, b], Framing(numeric=True, measure="pay"))
    first, groups = text.split("\n\n")
    assert first == (
        "The guides give different figures for Welder pay: Welders earn a median of $48,000 a year [1] (a.txt); "
        "$51k median [2] (b.txt)."
    )
    # the sentence keeps its context below; the row is already said whole
    assert (
        groups
        == "From the Welder guide (a.txt): Welders earn a median of $48,000 a year, more in oil and gas. [1]"
    )


def test_quotes_are_grouped_by_guide_with_one_marker_per_run():
    pieces = [
        piece("Welders join metal parts.", 1, "a.txt"),
        piece("Read blueprints", 1, "a.txt", kind="item"),
        piece("Inspect welds", 2, "a.txt", kind="item"),
        piece("Welders work in shops and on sites.", 3, "b.txt", role="Fabricator"),
    ]
    text = render(pieces, Framing())
    assert text == (
        "Welders join metal parts. [1]\n\n"
        "From the Welder guide:\n- Read blueprints [1]\n- Inspect welds [2]\n"
        "From the Fabricator guide: Welders work in shops and on sites. [3]"
    )


def test_a_request_to_write_a_document_is_declined_and_the_advice_quoted():
    text = render([piece("Tailor your resume to each job.", 1)], Framing(document="resume"))
    assert text.startswith("I can't write a resume for you, but here is what the guides advise about it.\n\n")
    assert text.endswith("Tailor your resume to each job. [1]")


def test_figures_for_another_place_say_so_after_the_opening():
    row = piece("Welder: US Median $52k USD", 1, kind="row")
    text = render([row], Framing(numeric=True, measure="pay", places=["UK"]))
    assert text.split("\n\n")[1] == "The guides give US figures only, not UK ones."
    pounds = piece("Welders earn £28,000 a year.", 1)
    assert "UK" not in render([pounds], Framing(numeric=True, measure="pay", places=["UK"]))


def test_a_guide_about_the_place_asked_covers_it_without_the_word_beside_the_figure():
    row = piece("Welders earn EUR 38,000 a year.", 1, "ie.txt")
    about = {"ie.txt": ["IE"], "us.txt": ["US"]}
    assert render([row], Framing(numeric=True, measure="pay", places=["Ireland"], guide_places=about)) == (
        "Welder pay: Welders earn EUR 38,000 a year. [1]"
    )
    other = piece("Welders earn $48,000 a year.", 1, "us.txt")
    text = render([other], Framing(numeric=True, measure="pay", places=["Ireland"], guide_places=about))
    assert text.split("\n\n")[1] == "The guides give United States figures only, not Ireland ones."


def test_the_place_said_covered_is_the_quoted_guides_own_not_their_currencys():
    # an Tunisian page quoting its pay in US dollars gives Tunisian figures, not US ones
    row = piece("Salary for the job: Bartender Tunisia - USD 240", 1, "tn.txt", kind="row")
    framing = Framing(numeric=True, measure="pay", places=["Libya"], guide_places={"tn.txt": ["TN"]})
    assert render([row], framing).split("\n\n")[1] == "The guides give Tunisia figures only, not Libya ones."


def test_next_step_opening_gives_rung_years_and_pay():
    years = piece("Senior Welder: 4-6 years", 1, job="Senior Welder", kind="fields")
    duty = piece("Lead small crews.", 1, job="Senior Welder")
    pay = piece("Senior Welder: US Median $52k USD", 2, "b.txt", job="Senior Welder", kind="row")
    text = render([years, duty, pay], Framing(next_step=("Welder", "Senior Welder", 1)))
    assert text.split("\n\n")[0] == (
        "The next step after Welder is Senior Welder. [1] Typical experience: 4-6 years. [1] "
        "Pay: US Median $52k USD. [2]"
    )
    assert "Lead small crews. [1]" in text


def test_figure_phrase_keeps_the_clause_with_the_figure():
    p = piece("Most welders, after an apprenticeship, earn $40,000 to $60,000 depending on the industry.", 1)
    assert figure_phrase(p) == "earn $40,000 to $60,000 depending on the industry"
    assert figure_phrase(piece("Welder: 2-4 years", 1, kind="fields")) == "2-4 years"
    # a spaced dash between two figures is a range, kept whole; between words it still ends a clause
    assert (
        figure_phrase(piece("Monthly pay: MZN 25,000 – MZN 32,000", 1))
        == "Monthly pay: MZN 25,000 – MZN 32,000"
    )
    assert (
        figure_phrase(piece("Welders – the trade's backbone – earn $40,000 a year.", 1))
        == "earn $40,000 a year"
    )


def test_document_requests_and_advice_questions():
    assert document_request("Can you write me a cover letter?") == "cover letter"
    assert document_request("Draft an email to my manager") == "email"
    assert document_request("How do I write a resume?") is None
    assert document_request("What should a cover letter include?") is None


def test_places_named_by_name_or_currency():
    assert places_in("US Median $52k") == ["US"]
    assert places_in("£28,000 in Britain") == ["UK", "England"]
    assert places_in("no figures here") == []


def test_suggestions_come_from_neighbouring_sections_then_starters():
    def chunk(n: int, section: str) -> Chunk:
        return Chunk(str(n), "Welder Guide", "Welder", section, "w.txt", 0, 1, "text")

    chunks = [
        chunk(1, "Career Path > Welder"),
        chunk(2, "Career Path > Senior Welder"),
        chunk(3, "Salary"),
        chunk(4, "Is welding safe?"),
    ]
    s = Suggester(
        chunks, {"Welder", "Senior Welder"}, {"pay": "What does a {role} earn?"}, ["How do I start?"]
    )
    assert s.suggest("What does a welder do?", [chunks[0]], []) == [
        "What does a senior welder do?",
        "How do I start?",
    ]
    # siblings first; a rung asked about pay is asked about pay too
    assert s.suggest("What does a welder earn?", [chunks[2]], ["pay"]) == [
        "Is welding safe?",
        "What does a senior welder earn?",
        "How do I start?",
    ]
    # the next rung leads; a topic heading becomes a question about the guide
    assert (
        s.suggest("Is welding safe?", [chunks[3]], [], ["Senior Welder"])[0]
        == "What does a senior welder do?"
    )
    assert a_job("Accountant") == "an accountant" and a_job("ICU Nurse") == "an ICU nurse"


def test_an_answer_without_figures_asked_opens_with_words_not_a_field_run():
    fields = piece("Senior Welder: 5-8 years", 1, job="Senior Welder", kind="fields")
    duty = piece("Lead small crews", 1, job="Senior Welder", kind="item")
    text = render([fields, duty], Framing())
    assert (
        text == "Senior Welder: Lead small crews. [1]\n\nFrom the Welder guide: Senior Welder: 5-8 years [1]"
    )


def test_an_opening_sentence_that_names_the_job_is_not_labelled_or_repeated():
    a = piece(
        "Interpreters earn a median of $51,830.",
        1,
        role="Interpreter and Translator",
        job="Interpreter and Translator",
    )
    assert render([a], Framing()) == "Interpreters earn a median of $51,830. [1]"
    whole = piece("The median wage was $42,480 in May 2017", 1)
    text = render([whole], Framing(numeric=True, measure="pay"))
    assert text == "Welder pay: The median wage was $42,480 in May 2017. [1]"


def test_a_rung_of_another_job_is_named_unless_its_whole_title_is_there():
    duty = piece("Oversee a small welding team.", 1, role="Welder", job="Welding Team Lead")
    assert render([duty], Framing()) == "Welding Team Lead: Oversee a small welding team. [1]"


def test_an_opening_list_item_in_lower_case_is_put_under_the_job():
    item = piece("treat gum disease", 1, kind="item")
    assert render([item], Framing()) == "Welder: treat gum disease. [1]"


def test_a_unit_added_after_the_answers_own_picks_opens_it_only_if_it_fits():
    fields = piece("Employment Change, 2014-24: 17,500", 1, kind="fields")
    extra = piece("Explore resources for employment and wages by state and area.", 2)
    extra.extra, extra.fits = True, False
    text = render([extra, fields], Framing(numeric=True, measure="change"))
    assert text.startswith("Welder projected change in jobs: Employment Change, 2014-24: 17,500. [1]")
    assert "Explore resources" in text.split("\n\n", 1)[1]
    # with no figure to open with, the answer's own first quote opens, not the added sentence before it
    text = render([extra, piece("Welders join and cut metal.", 1)], Framing())
    assert text.startswith("Welders join and cut metal. [1]")


def test_one_jobs_guides_about_two_countries_each_name_their_country():
    """Quotes of one role from two guides: each header names its guide and, where known, its country; the
    opening quote's guide counts among them though it is quoted above the groups."""
    brazil = piece("Coffee pickers start at dawn.", 1, "br.txt", role="Coffee Picker", job="Coffee Picker")
    guatemala = piece(
        "Pickers work from 6 am to 2 pm.", 2, "gt.txt", role="Coffee Picker", job="Coffee Picker"
    )
    text = render([brazil, guatemala], Framing(guide_places={"br.txt": ["BR"], "gt.txt": ["GT", "GT-01"]}))
    opening, group = text.split("\n\n")
    assert opening == "Coffee pickers start at dawn. [1]"
    assert group == ("From the Coffee Picker guide (Guatemala: gt.txt): Pickers work from 6 am to 2 pm. [2]")
