"""What the question stage makes of one question (`Query`), and the readings it starts from: the question cleaned
(`clean_question`), a request to write a document (`document_request`), and the question less what it sets
aside (`set_aside`). understand() (question.py) fills a Query."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from coach.ask.reading import asks_figure
from coach.errors import QuestionError
from coach.ingest.clean import visible

__all__ = ["Query", "clean_question", "document_request", "set_aside"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_question(text: str, max_chars: int) -> str:
    """Strip control characters and outer space; refuse empty or overlong questions with a clear message."""
    if not isinstance(text, str):
        raise QuestionError("the question must be text")
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    text = visible(text)  # a byte-order mark, zero-width spaces or tag characters carry no question
    text = re.sub(r"[ \t]+", " ", text).strip()
    if not text:
        raise QuestionError(
            "the question is empty: type a question about a career, e.g. 'What does a registered nurse earn?'"
        )
    if len(text) > max_chars:
        raise QuestionError(
            f"the question is {len(text)} characters long; the limit is {max_chars}: shorten it"
        )
    return text


@dataclass
class Query:
    """A question understood once: everything retrieval and answering read (`Coach` calls `understand` once)."""

    question: str  # as asked, cleaned
    standalone: str  # follow-ups carry the earlier job and topic forward
    expanded: str  # with the corpus's own job words spelled out
    retrieval: str  # what retrieval searches for
    intents: set[str]  # salary, years, growth, skills, education, start, path, pros, remote
    answer_intents: set[
        str
    ]  # intents that shape the answer ("how do I negotiate pay" wants steps, not a figure)
    # measures asked for: age, pay, cost, growth, openings, jobs, education, hours, experience
    measures: list[str]
    occupations: list[str]  # corpus job titles the question names
    sources: list[str]  # guides about those jobs (empty: any guide)
    places: list[str] = field(default_factory=list)  # places a figure is asked for ("in Texas", "in the UK")
    document: str | None = None  # "cover letter" when the question asks the coach to write one
    # injection | refusal | which_job | no_measure | no_place | no_name | no_year | no_level | write, or None
    decline: str | None = None
    decline_detail: str = ""  # what is missing, for the refusal message
    decision: dict[str, object] | None = None  # the fitted decision's features and probability (decide.py)
    uncovered: str = ""  # a job the question names beside a covered one that no guide covers ("astronauts")
    spoken_of: str = ""  # a job no title holds that guides give the measure asked for ("NDT inspector")
    # a job phrase no title holds, read as the corpus job it names by what else the question says ("apple picker")
    read_as: str = ""
    # ... or by the job of its best passages (retrieved_job.py): that decision's job, features and probability
    retrieved_job: dict[str, object] | None = None
    # a follow-up naming no place: the country or region of the latest earlier turn that named one ("which of
    # those do most new guides go for?" after a tour guide card in Colombia), to tell a job's guides apart by
    earlier_places: list[str] = field(default_factory=list)

    @property
    def measure(self) -> str | None:
        return self.measures[0] if self.measures else None

    @property
    def numeric(self) -> bool:
        return asks_figure(self.expanded, self.answer_intents, self.measures)


@lru_cache(maxsize=1)
def _write_request() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = tomllib.loads(resources.files("coach").joinpath("rules/requests.toml").read_text("utf-8"))
    write = data["write"]
    return re.compile(write["pattern"], re.IGNORECASE), re.compile(write["advice"], re.IGNORECASE)


def document_request(text: str) -> str | None:
    """The document a question asks the coach to write ("write me a cover letter" -> "cover letter"), if any."""
    request, advice = _write_request()
    m = request.search(text)
    if not m or advice.search(text[: m.start()]):
        return None
    doc = m.group("doc").lower()
    return doc[:-1] if doc.endswith("s") and not doc.endswith("ss") else doc


# what a question sets aside is not what it asks for: "Apart from the wage, what do tea pluckers get?", "what perks
# come on top of salary?", "what does a truck driver do besides driving?" (not "apart from each other")
_SET_ASIDE = re.compile(
    r"\b(?:apart from|aside from|besides|other than|on top of|in addition to)\s+(?!each other|one another)"
    r"[^,?.;:!()]{1,60}?(?=\s*[,?.;:!()]|\s*$)",
    re.IGNORECASE,
)


def set_aside(question: str) -> str:
    """The question without what it sets aside ("besides the salary"), for reading what it asks."""
    kept = re.sub(r"\s+([,?.;:!)])", r"\1", _SET_ASIDE.sub("", question))
    kept = re.sub(r"^\W+", "", re.sub(r"\s{2,}", " ", kept)).strip()
    return kept if kept else question
