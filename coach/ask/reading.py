"""How a question reads, before any corpus is consulted: its words, intents, measures and figure cues, and the
guard rules (coach/rules/guard.toml) that decline injections and off-task requests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coach.ask.asks import asks_place, counted_words
from coach.ask.text import STOPWORDS
from coach.ingest.figures import currency_noun
from coach.ingest.occupations import guard_toml, job_nouns, people
from coach.ingest.profile import measures as _measures

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


_WORD = re.compile(r"[a-z0-9$][a-z0-9'+$-]*")


@dataclass(frozen=True)
class GuardRules:
    injection: re.Pattern[str]
    off_task: re.Pattern[str]
    occupations: frozenset[str]
    synonyms: dict[str, str]
    people: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def guard_rules() -> GuardRules:
    data = guard_toml()
    return GuardRules(
        injection=re.compile("|".join(data["injection"]), re.IGNORECASE),
        off_task=re.compile("|".join(data["off_task"]), re.IGNORECASE),
        occupations=frozenset(data["occupations"]),
        synonyms=dict(data["synonyms"]),
        people=people(),
    )


def words(text: str) -> list[str]:
    """Lower-cased word tokens with job-title abbreviations expanded (rep -> representative)."""
    syn = guard_rules().synonyms
    out: list[str] = []
    text = re.sub(r"\bU\.S\.(?:A\.)?", "US", text)  # "U.S." and "US" are one word
    for w in _WORD.findall(text.lower().replace("’", "'")):
        w = w.strip("'-")
        out.extend(syn.get(w, w).split())
    return out


def content_words(text: str) -> list[str]:
    return list(_content_words(text))


@lru_cache(maxsize=65536)
def _content_words(text: str) -> tuple[str, ...]:
    """A corpus's unit texts recur from question to question: each is read once."""
    return tuple(w for w in words(text) if w not in STOPWORDS and len(w) > 1)


def intents(text: str) -> set[str]:
    """Which kinds of answer a question wants (salary, years, skills, ...)."""
    return set(_intents(text))


@lru_cache(maxsize=4096)  # every stage reads a question's intents: once per question
def _intents(text: str) -> frozenset[str]:
    lowered = " " + " ".join(words(_pay_free(text))) + " " + (" $" if "$" in text else "")
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


def _singular(tokens: list[str]) -> list[str]:
    return [t[:-1] if len(t) > 4 and t.endswith("s") and not t.endswith("ss") else t for t in tokens]


def is_injection(text: str) -> bool:
    return bool(guard_rules().injection.search(text))


def is_off_task(text: str) -> bool:
    return bool(guard_rules().off_task.search(text))


# --- measures -------------------------------------------------------------------------------


# a question about how long or how much experience, not one naming a level of experience ("with 5 years' experience")
ASKS_DURATION = re.compile(
    r"\bhow (?:many|long|much experience|soon)\b|\b(?:need|needed|needs|require|required|requires)\b", re.I
)
PAY_MEASURES = frozenset(["pay", "hourly_pay"])


def asked_measures(text: str) -> list[str]:
    """The measures (coach/rules/measures.toml) a question asks for, in the order the file lists them. Years of
    experience beside a pay question that asks no duration are a level of the pay ("what does a plumber with a
    few years of experience earn?"), not a question of their own."""
    return list(_asked_measures(text))


@lru_cache(maxsize=4096)  # every stage reads a question's measures: once per question
def _asked_measures(text: str) -> tuple[str, ...]:
    free = _pay_free(text)
    found = [name for name, m in _measures().items() if m.asked_in(free if name in PAY_MEASURES else text)]
    if _PAID_COMPOUND.search(text) and not PAY_MEASURES & set(found):
        found.insert(0, "pay")  # "the lowest-paid ones", "best-paying": a compound whose last word asks pay
    if "experience" in found and PAY_MEASURES & set(found) and not ASKS_DURATION.search(text):
        found.remove("experience")
    if counts_things(text):
        found = [name for name in found if name not in HEADCOUNT_MEASURES]
        if "pay" not in found:  # "how many pigs an hour?": a rate of the things counted, not pay by the hour
            found = [name for name in found if name != "hourly_pay"]
    return tuple(found)


# the measures that count people in work: how many are employed, how many more there will be
HEADCOUNT_MEASURES = frozenset(["jobs", "change"])
_HOW_MANY = re.compile(r"\bhow many\s+((?:[A-Za-z][\w'’-]*\s+){0,4})", re.I)


def counts_things(text: str) -> bool:
    """Does "how many" count things, not people in work: "how many taxi licences are there?", "how many
    horses?" count licences and horses, where "how many plumbers are there?" or "how many jobs?" count workers.
    The counted words run to the first verb or preposition; a thing is a word no job noun of the standard
    list (coach/ingest/occupations.py) nor a word for people or jobs (coach/rules/asks.toml's [counted]), and so
    is each word before it ("how many people work ...", "how many truck drivers" count people)."""
    m = _HOW_MANY.search(text)
    if m is None:
        return False
    ends, heads = counted_words()
    words: list[str] = []
    for w in m.group(1).split():
        if w.lower() in ends:
            break
        words.append(w.lower().strip("'’"))
    if not words:
        return False  # "how many are there?": a follow-up's count, of what the earlier turn asked
    if _EMPLOYED.search(text, m.start(1)):
        return False  # "how many vet techs are employed?": whatever the word, a count of people in work
    if any(currency_noun(w) for w in words):
        return False  # "how many dollars an hour?": a sum of money, which the pay measures read
    return not ({*words, *_singular(words)} & (heads | job_nouns() | people()))


_EMPLOYED = re.compile(r"\b(?:employ\w*|work|works|working|hired|jobs?)\b", re.I)


_PAID_COMPOUND = re.compile(r"\w-(?:paid|paying)\b", re.I)


def _pay_free(text: str) -> str:
    """The question less the phrases of the measures read before pay ("paid leave", "paid holidays"): their "paid"
    asks for time off, not for a figure of pay; and less the phrases cost's own patterns read ("who pays for the
    medical exam?"): what the asker bears, not what the job pays."""
    text = _before_pay().sub(" ", text)
    for pattern in _measures()["cost"].ask_patterns:
        text = pattern.sub(" ", text)
    return text


@lru_cache(maxsize=1)
def _before_pay() -> re.Pattern[str]:
    """The ask phrases of the measures measures.toml lists before pay, longest first, each with a "paid" or
    "unpaid" before it ("paid annual leave")."""
    phrases: list[str] = []
    for name, m in _measures().items():
        if name in PAY_MEASURES:
            break
        phrases += m.ask
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:(?:un)?paid\s+)?(?:{alternatives})\b", re.IGNORECASE)


ASKS_FIGURE = re.compile(
    r"^\W*(what(?:'s| is| are| was| were| does| do| did| can| will| would)?|which)\b|\bhow (much|many)\b",
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
