"""The measures a question asks (coach/rules/measures.toml): pay, hourly pay, hours, jobs, cost... in the order
the file lists them, read with the phrases that only look like pay set aside ("paid leave", "who pays for the
exam?") and with "how many" read as a count of things, not of people in work, where it counts things."""

from __future__ import annotations

import re
from functools import lru_cache

from coach.ask.asks import counted_words
from coach.ask.tokens import _singular
from coach.ingest.figures import currency_noun
from coach.ingest.measures import measures as _measures
from coach.ingest.occupations import job_nouns, people

__all__ = [
    "ASKS_DURATION",
    "HEADCOUNT_MEASURES",
    "PAY_MEASURES",
    "asked_measures",
    "counts_things",
    "pay_free",
]

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
    free = pay_free(text)
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
    list (coach/ingest/standard.py) nor a word for people or jobs (coach/rules/asks.toml's [counted]), and so
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


def pay_free(text: str) -> str:
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
