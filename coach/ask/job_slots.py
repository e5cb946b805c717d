"""Where a question names a job, and the word lists that read it: the subject before a verb, a possessive or
"salary for" (`SUBJECT_SLOTS`), the job one would become, a field of work as a career, the words before a title
that keep its job (`NEUTRAL_MODIFIERS`), and the head nouns that make a word a job (`job_heads`)."""

from __future__ import annotations

import re
from functools import lru_cache

from coach.ask.text import STOPWORDS
from coach.ask.tokens import guard_rules, words
from coach.ingest.measures import measures as _measures
from coach.ingest.standard import standard

# Words before a job title that do not change which job it is.
# Words before a job title that qualify the same job (its level, stage or a pay statistic) rather than naming
# another one: "senior nurse", "apprentice electrician", "top-paid paralegal" vs "sales manager".
NEUTRAL_MODIFIERS = frozenset(
    [
        "senior",
        "junior",
        "entry",
        "level",
        "entry-level",
        "new",
        "beginner",
        "beginning",
        "experienced",
        "good",
        "typical",
        "first",
        "usual",
        "average",
        "aspiring",
        "future",
        "current",
        "former",
        "lead",
        "head",
        "chief",
        "apprentice",
        "trainee",
        "graduate",
        "qualified",
        "certified",
        "licensed",
        "median",
        "top",
        "highest",
        "lowest",
        "best",
        "starting",
        "mid",
        "principal",
        "staff",
        # how the job is held, not which job it is: "contract developers", "a freelance copywriter"
        "contract",
        "permanent",
        "freelance",
        "temporary",
        "casual",
        "part-time",
        "full-time",
        "local",
    ]
)


@lru_cache(maxsize=1)
def asking_words() -> frozenset[str]:
    """The words questions ask for a measure with ("pays", "earn"): never a job's modifier."""
    return frozenset(w for m in _measures().values() for a in m.ask for w in words(a) if w not in STOPWORDS)


AGENT_NOUN = re.compile(r"(?:er|or|ist|ian|ant|ent|eer|ive)s?$")


def agent_verbs(noun: str) -> list[str]:
    """The verbs an agent noun may be made from: 'teacher' -> teach, 'driver' -> drive, 'cutter' -> cut."""
    if len(noun) < 6 or not noun.endswith(("er", "or")):
        return []
    stem = noun[:-2]
    out = [stem, stem + "e"]
    if len(stem) > 3 and stem[-1] == stem[-2]:
        out.append(stem[:-1])  # "cutter" -> cut, "tapper" -> tap
    return out


@lru_cache(maxsize=1)
def job_heads() -> frozenset[str]:
    """Head nouns that make a word in a question a job: guard.toml's, and the standard list's (ESCO) that read
    as a person doing something ('welder', 'bricklayer'); the standard's other heads ('midwife', 'astronaut')
    count where the question's grammar makes the word its subject (`unknown_subject`)."""
    rules = guard_rules()
    return rules.occupations | frozenset(
        h for h in standard().heads if AGENT_NOUN.search(h) and h not in rules.people
    )


# where a question names a field of work as the career it asks about: "is teaching a good career?", "a career
# in nursing", "getting into plumbing"
FIELD_SLOT = re.compile(
    r"\b(?:(?:is|are)\s+([a-z]{4,}ing)\s+(?:an?\s+)?(?:\w+\s+)?(?:career|job|profession)"
    r"|careers?\s+in\s+([a-z]{4,}ing)|get(?:ting)?\s+into\s+([a-z]{4,}ing))\b",
    re.I,
)


def field_doer(field: str) -> str | None:
    """The worker of a field named by its -ing word, when the standard list's job nouns know it: 'teaching' ->
    'teacher', 'nursing' -> 'nurse', 'plumbing' -> 'plumber'; None otherwise ('training' of no job noun)."""
    stem = field[:-3]
    heads = job_heads() | standard().heads
    return next((d for d in (stem + "er", stem + "e", stem + "or", stem + "ist") if d in heads), None)


_JOB = r"(?P<job>(?:[a-z][\w'-]*\s+){0,3}?[a-z][\w-]*?)"
# Where a question names the job it is about: its subject before a verb, a possessive, or after "salary for".
SUBJECT_SLOTS = (
    # a follow-up naming only a job: "and nurse practitioners?", "what about lawyers?"
    re.compile(
        r"^\W*(?:and|or|what about|how about)\s+(?:an?\s+|the\s+)?"
        + r"(?P<job>(?:[a-z][\w'-]*\s+){0,2}[a-z][\w-]*)\s*[?.!]*\s*(?:\(|$)",
        re.I,
    ),
    re.compile(
        r"\b(?:do|does|did|can|could|will|would|should|are|is|were|was)\s+(?:an?\s+|the\s+|most\s+|many\s+)?"
        + _JOB
        + r"s?\s+(?:\w+ly\s+)?(?:make|earn|get|do|need|work|take|require|treat|use|paid|compensated)\b",
        re.I,
    ),
    re.compile(
        _JOB
        + r"'s\s+(?:\w+\s+)?(?:salary|salaries|pay|wages?|income|earnings|job|role|duties|outlook|hours)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:salary|salaries|pay|wages?|earnings|income|outlook|demand|prospects)\s+(?:of|for)\s+(?:an?\s+|the\s+)?"
        + r"(?P<job>(?:[a-z][\w'-]*\s*){1,3})",
        re.I,
    ),
)
# the words before the job one would do: "become a", "work as a"
_BECOMING = r"become|becoming|work as|working as|job as|career as"
# the job one would become: "how do I become a council traffic warden in Lusaka?" (a job the standard list names,
# and files under no occupation of the corpus's jobs: `unknown_subject`)
BECOME_SLOT = re.compile(
    rf"\b(?:{_BECOMING}|train as|training as)\s+(?:an?\s+)?"
    + _JOB
    + r"(?=\s+(?:in|at|for|with|and|or|who|if|after|before|on|from|to|by)\b|\s*[?.!,;:()]|\s*$)",
    re.I,
)

ROLE_SLOT = re.compile(
    rf"\b(?:{_BECOMING})\s+(?:an?\s+)?([A-Za-z][\w-]*)(?:\s+([A-Za-z][\w-]*))?",
    re.I,
)


def listing(word: str) -> set[str]:
    """The codes of the standard occupations that list `word` among their titles ("maid": a domestic cleaner's)."""
    return {o.code for o in standard().listing(word)}
