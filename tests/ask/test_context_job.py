"""The context match (coach/ask/context_job.py): a job phrase no title holds is the nearest corpus job when enough
words of the question are written by that job's guides alone."""

from coach.ask.context_job import asking_terms, context_evidence, context_job, context_terms
from coach.ask.stems import stem

JOBS = ["Flower Worker", "Bus Driver", "Security Guard"]
STEMS = {
    "Flower Worker": frozenset(
        stem(w) for w in ["greenhouse", "chemical", "rose", "bogota", "earn", "wage", "month"]
    ),
    "Bus Driver": frozenset(stem(w) for w in ["bus", "route", "fare", "earn", "wage", "month"]),
    "Security Guard": frozenset(stem(w) for w in ["gate", "patrol", "chemical", "earn", "wage"]),
}


def nearest(phrase: str) -> tuple[str, float, float]:
    return ("Flower Worker", 0.6, 0.3) if "flower" in phrase else ("Bus Driver", 0.2, 0.05)


def ask(question: str, phrase: str, words: int = 2, cosine: float = 0.3) -> str | None:
    evidence = context_evidence(phrase, question, nearest, STEMS.__getitem__, JOBS)
    return context_job(evidence, words=words, cosine=cosine)


def test_words_only_the_nearest_jobs_guides_write_make_the_phrase_that_job():
    question = "What chemicals are flower pickers exposed to in the greenhouses?"
    # "greenhouse" is the flower worker's alone; "chemical" a security guard's too: one word, not two
    assert ask(question, "flower picker", words=1) == "Flower Worker"
    assert ask(question, "flower picker", words=2) is None
    assert ask("Do flower pickers in the greenhouses grow roses?", "flower picker") == "Flower Worker"


def test_no_match_below_the_cosine_off_or_in_a_corpus_of_one_job():
    question = "Do flower pickers in the greenhouses grow roses?"
    assert ask(question, "flower picker", cosine=0.7) is None
    assert ask(question, "flower picker", words=0) is None  # off
    one = context_evidence("flower picker", question, nearest, STEMS.__getitem__, ["Flower Worker"])
    assert one == ("", 0.0, 0)  # every word is the only job's: no evidence


def test_the_words_any_question_shares_places_and_the_phrase_are_no_context():
    said = context_terms("How much do flower pickers earn a month in Colombia?", "flower picker", ["career"])
    assert (
        said == set()
    )  # "earn", "month": asked of any job; "Colombia": where; "flower picker": the phrase itself
    # a city the question stage found is given: "Bogota" is where, no word of the job's
    question = "Do flower pickers in Bogota get a bonus?"
    assert stem("bogota") in context_terms(question, "flower picker", [])
    assert stem("bogota") not in context_terms(question, "flower picker", [], ["Bogota"])
    assert stem("earn") in asking_terms() and stem("average") in asking_terms()
    assert context_terms("Do rose growers use greenhouses?", "rose grower", []) == {
        stem("greenhouses"),
        stem("use"),
    }
