"""How a question reads, before any corpus is consulted: its intents, the words its retrieval query adds, and its
figure cues (does it ask for a figure, or why and how). Its words and the guard rules are in tokens.py, the
measures it asks in measures_asked.py."""

from __future__ import annotations

import re
from functools import lru_cache

from coach.ask.asks import asks_place
from coach.ask.measures_asked import PAY_MEASURES, asked_measures, pay_free
from coach.ask.qualifiers import statistics
from coach.ask.stems import stem
from coach.ask.tokens import content_words, words
from coach.ingest.measures import measures as _measures

INTENTS: dict[str, tuple[str, ...]] = {
    "salary": (
        "salary",
        "salaries",
        "earn",
        "earns",
        "earning",
        "earnings",
        "earners",
        "pay",
        "paid",
        "pays",
        "compensation",
        "wage",
        "wages",
        "income",
        "median",
        "money",
        "$",
    ),
    "years": ("years", "how long", "timeline", "experience", "months", "how soon", "until", "take to"),
    "growth": (
        "growth",
        "outlook",
        "openings",
        "opening",
        "open",
        "demand",
        "grow",
        "growing",
        "jobs available",
        "projected",
        "hiring",
    ),
    "skills": ("skill", "skills", "abilities", "competencies", "tools", "software", "technologies", "tech"),
    "education": (
        "degree",
        "education",
        "certification",
        "certifications",
        "diploma",
        "college",
        "study",
        "qualifications",
    ),
    "start": (
        "become",
        "start",
        "get into",
        "break into",
        "first job",
        "entry",
        "begin",
        "steps",
        "how do i",
    ),
    "path": (
        "next",
        "promotion",
        "advance",
        "advancement",
        "progress",
        "progression",
        "ladder",
        "path",
        "after",
        "grow into",
    ),
    "pros": (
        "pros",
        "cons",
        "advantages",
        "disadvantages",
        "downsides",
        "downside",
        "drawbacks",
        "perks",
        "benefits",
        "challenges",
        "good",
        "bad",
    ),
    "duties": (
        "duties",
        "responsibilities",
        "tasks",
        "task",
        "day-to-day",
        "day to day",
        "all day",
        "be doing",
        "typical day",
        "involve",
    ),
    "remote": (
        "remote",
        "home",
        "abroad",
        "international",
        "global",
        "visa",
        "countries",
        "relocate",
        "nomad",
    ),
}
NUMERIC_INTENTS = ("salary", "years", "growth")


@lru_cache(maxsize=1)
def intent_stems() -> frozenset[str]:
    """The stems of the intents' words ("become", "duties"): what a question asks, no word of its subject."""
    return frozenset(stem(w) for keys in INTENTS.values() for k in keys for w in content_words(k))


@lru_cache(maxsize=1)
def statistic_stems() -> frozenset[str]:
    """The stems of every statistic's words ("average", "starting", "top"; coach/rules/qualifiers.toml)."""
    return frozenset(stem(w) for st in statistics() for w in st.words)


@lru_cache(maxsize=1)
def measure_stems() -> frozenset[str]:
    """The stems of the measures' asking words ("earn", "salary", "hours"; coach/rules/measures.toml)."""
    return frozenset(stem(w) for m in _measures().values() for a in m.ask for w in content_words(a))


# Words added to the retrieval query for each intent, so "what does a lead earn?" finds the salary table.
EXPANSIONS: dict[str, str] = {
    "salary": "salary median pay USD",
    "years": "years experience",
    "growth": "growth outlook openings",
    "path": "career path advance",
    "education": "education degree",
    "start": "how to become",
    "remote": "remote work",
    "duties": "duties tasks responsibilities",
}


def retrieval_query(text: str) -> str:
    """The question with job-title abbreviations spelled out and its intents' key words added."""
    expanded = " ".join(words(text))
    extra = " ".join(EXPANSIONS[i] for i in sorted(intents(text)) if i in EXPANSIONS)
    return f"{text} ({expanded}) {extra}".strip() if extra or expanded != text.lower() else text


def intents(text: str) -> set[str]:
    """Which kinds of answer a question wants (salary, years, skills, ...)."""
    return set(_intents(text))


@lru_cache(maxsize=4096)  # every stage reads a question's intents: once per question
def _intents(text: str) -> frozenset[str]:
    lowered = " " + " ".join(words(pay_free(text))) + " " + (" $" if "$" in text else "")
    found = {
        name
        for name, keys in INTENTS.items()
        if any(f" {k} " in lowered or (k == "$" and "$" in lowered) for k in keys)
    }
    if PAY_MEASURES & set(asked_measures(text)):
        # "how much do nurses make a year?", "and per hour?": pay asked in the measures' own words
        found.add("salary")
    if _DOES.search(text):
        found.add("duties")  # "what does a receptionist actually do?"
    return frozenset(found)


# "what does a paralegal do?", "what do librarians actually do?" (not "what do I need to do to ...")
_DOES = re.compile(
    r"\bwhat (?:does|do|did|would) (?!i\b|you\b|we\b|they\b)(?:an? |the )?(?:[\w'-]+ ){1,4}"
    r"(?:actually |really |usually |typically |normally )?do\b(?! to\b)",
    re.I,
)


_PROCESS = re.compile(
    r"^\W*(how (do|can|should|could|would|will) (i|you|we|one)|how to|what steps|any tips|tips)\b", re.I
)
_QUANTITY = re.compile(r"\bhow (much|many|long|fast|soon)\b", re.I)


# Questions about causes, factors, manner, employers or kinds: "why was demand expected to rise?", "what drives
# growth?", "how are truckers paid?", "which industries have strong demand?", "who employs ...?". They name a
# measure but ask for the reasons or kinds the guides give, not for its figure.
_EXPLAIN = re.compile(
    r"^\W*(?:why\b|how come\b"
    r"|(?:what|which)(?:'s| is| are)? (?:\w+ )?(?:drives?|driving|drove|affects?|affecting|determines?|decides?|influences?"
    r"|causes?|causing|factors?|reasons?|explains?)\b"
    r"|which \w+ (?:have|has|offer|offers|need|needs|hire|hires|employ|employs)\b"
    r"|who (?:employs?|hires?)\b"
    r"|how (?:are|is|do|does) (?:\S+ ){1,5}(?:paid|compensated)\b)",
    re.I,
)


_KINDS = re.compile(r"^\W*(?:what|which) (?:kinds?|types?|sorts?) of\b\W*((?:\S+\s*){0,2})", re.I)


def explains(text: str) -> bool:
    """Does a question ask why, what drives or affects, how one is paid, or which kinds, rather than how much?
    "What kind of pay ..." and "what sort of hours ..." ask for a figure: the kind is of a measure with figures."""
    if _EXPLAIN.search(text):
        return True
    kinds = _KINDS.search(text)
    return kinds is not None and not any(
        m.figure is not None and m.asked_in(kinds.group(1)) for m in _measures().values()
    )


def answer_intents(text: str) -> set[str]:
    """Intents that shape an answer: "how do I negotiate my salary?" asks for a process, not for a figure."""
    found = intents(text)
    if (_PROCESS.search(text) and not _QUANTITY.search(text)) or explains(text):
        found -= set(NUMERIC_INTENTS)
    return found


# "what is ...", "which ...", and the same after a preposition ("at what age ...", "in which year ..."); "how much"
ASKS_FIGURE = re.compile(
    r"^\W*(?:(?:at|in|for|from|by|on|to|after|until|of|with)\s+)?"
    r"(what(?:'s| is| are| was| were| does| do| did| can| will| would)?|which)\b|\bhow (much|many)\b",
    re.I,
)


def asks_figure(question: str, wants: set[str], measures: list[str]) -> bool:
    """A figure question: a pay/years/growth intent, or a measure with figures asked for ("how many ... jobs").
    Not one that asks where ("which states pay welders the most?"): a place answers it."""
    if explains(question) or asks_place(question):
        return False
    first = _measures().get(measures[0]) if measures else None
    figure_measure = first is not None and first.figure is not None and bool(ASKS_FIGURE.search(question))
    return bool(wants & set(NUMERIC_INTENTS)) or figure_measure


# "How is physio pay structured?", "Why do nurses earn more?": about pay, but not asking for a figure
_HOW_OR_WHY = re.compile(r"^\W*(how (is|are|was|were|do|does|did|can|could|should|would|will)|why)\b", re.I)


def wants_figure(question: str) -> bool:
    """Does a question ask for a figure: 'how much/many', 'what ...', 'give me the median ...' (not how/why)?"""
    return bool(ASKS_FIGURE.search(question)) or not _HOW_OR_WHY.search(question)
