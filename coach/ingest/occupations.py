"""Job words read with the standard list (standard.py): the nouns that make a phrase a job (`job_nouns`: the
list's heads, its one-word "-man"/"-person" titles and coach/rules/guard.toml's own), the words for people,
the job phrase a text opens with or holds (`job_span`: "junior web developer", "tea picker"), and whether a
heading is a job title (`is_job_title`). guard.toml is read once here for ingest and the question stage."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from coach.ingest.standard import standard


@lru_cache(maxsize=1)
def guard_toml() -> dict[str, Any]:
    """coach/rules/guard.toml, read once for ingest and the question stage (coach/ask/tokens.guard_rules)."""
    import tomllib
    from importlib import resources

    return tomllib.loads(resources.files("coach").joinpath("rules/guard.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def people() -> frozenset[str]:
    """guard.toml's people who are no job: 'graduate', 'worker', and the people a job serves ('passenger')."""
    return frozenset(str(p) for p in guard_toml().get("people", []))


@lru_cache(maxsize=1)
def job_nouns() -> frozenset[str]:
    """Nouns that make a phrase a job title: the standard list's heads and coach/rules/guard.toml's occupations,
    less the list's heads that guard.toml names as people who are no job ('worker', 'graduate')."""
    occupations = {str(o) for o in guard_toml().get("occupations", [])}
    return frozenset((set(standard().heads) - people()) | occupations | _one_word_persons())


_WORKING_PERSON = re.compile(r"([a-z]{3,}?)(?:man|woman|person)")


@lru_cache(maxsize=1)
def _one_word_persons() -> frozenset[str]:
    """Words of the standard list's labels that name a person by their work in one word ('fisherman', 'watchman',
    'craftsperson'): alternative titles whose head no preferred label ends in. Their first part is a word of
    four letters or more, or one the labels use ('barman'), so 'german' (of 'german wheel artist') is none."""
    words = standard().words
    return (
        frozenset(
            w
            for w in words
            if (m := _WORKING_PERSON.fullmatch(w)) and (len(m.group(1)) >= 4 or m.group(1) in words)
        )
        - people()
    )


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@lru_cache(maxsize=1)
def _person_titles() -> frozenset[tuple[str, str]]:
    """(word, 'worker') pairs the standard list's titles say: 'worker' heads labels but names no job alone
    ('factory worker', 'farm worker', 'care worker'). The other people's words that head labels ('leader',
    'member') stay none: a "Team Leader" row is a level of the guide's job more often than a job of its own."""
    generic = {"worker"} & people() & standard().heads
    out: set[tuple[str, str]] = set()
    for o in standard().occupations:
        said = o.labels.split()
        for a, b in zip(said, said[1:], strict=False):
            one = standard().singular(b)
            if one in generic and a.isalpha() and a not in NOT_MODIFIERS and a not in people():
                out.add((a, one))
    return frozenset(out)


def job_span(text: str) -> str | None:
    """The job title a heading or phrase holds, in its own words: the last job noun and the words before it that
    job titles use ('Average Teacher Salary in South Africa' -> 'Teacher', 'A Career in Motor Mechanic' ->
    'Motor Mechanic', 'Medical Assistant Salary & Hourly' -> 'Medical Assistant'); None when it names no job."""
    tokens = list(_TOKEN.finditer(text))
    nouns = job_nouns()

    def noun(k: int) -> bool:
        one = standard().singular(tokens[k].group(0)).lower()
        if standard().is_noun(one, nouns):
            return True
        # "workers", no job alone, names one after the word the list's titles put before it: "factory workers",
        # "domestic worker" (not "underpaid workers")
        return k > 0 and (tokens[k - 1].group(0).lower(), one) in _person_titles()

    for i in range(len(tokens) - 1, -1, -1):
        if not noun(i):
            continue
        start = _modifiers(text, tokens, i)
        if joined := _joined_label(text, tokens, start, i):
            return joined
        # "Web designers and developers", "Plumbers, pipefitters and steamfitters": the first job listed
        while start >= 1:
            j = start - 1
            if j >= 1 and tokens[j].group(0).lower() in ("and", "or") and noun(j - 1):
                i = j - 1
            elif "," in text[tokens[j].end() : tokens[start].start()] and noun(j):
                i = j
            elif (
                _plural_job(tokens[j].group(0)) and not text[tokens[j].end() : tokens[start].start()].strip()
            ):
                i = j  # "waiters cooks and maids": a list whose commas were lost
            else:
                break
            start = _modifiers(text, tokens, i)
        return text[tokens[start].start() : tokens[i].end()]
    return None


def _plural_job(word: str) -> bool:
    """A job noun in the plural ("waiters")."""
    one = standard().singular(word).lower()
    return one != word.lower() and standard().is_noun(one, job_nouns())


def _modifiers(text: str, tokens: list[re.Match[str]], i: int) -> int:
    """The first token of the job title ending at token `i`: up to three words before it that job titles use. A
    job noun in the plural is no modifier but another job listed ("waiters cooks and maids" of an address
    that lost its commas): English writes a compound's first noun in the singular ("bus drivers")."""
    known = standard().words
    start = i
    while start > 0 and i - start < 3:
        before = tokens[start - 1].group(0)
        gap = text[tokens[start - 1].end() : tokens[start].start()]
        if gap.strip() not in ("", "-") or before.lower() not in known or before.lower() in NOT_MODIFIERS:
            break
        if _plural_job(before):
            break
        start -= 1
    return _paired_field(text, tokens, start, i)


def _paired_field(text: str, tokens: list[re.Match[str]], start: int, i: int) -> int:
    """The first token of a title whose field is two fields joined ("Health Promotion & Social Marketing Lead",
    "Health and Safety Officer"): up to two words the list's titles use, no job noun, before an "&" or "and"
    that joins them to the modifiers of the job noun at `i`; `start` itself where none is."""
    if start == i:
        return start  # a bare job noun: "Nurses & Midwives" lists two jobs
    known = standard().words
    gap = text[tokens[start - 1].end() : tokens[start].start()] if start > 0 else ""
    if gap.strip() == "&":
        conj = start
    elif start > 1 and tokens[start - 1].group(0).lower() == "and" and not gap.strip():
        conj = start - 1
    else:
        return start
    first = conj
    while first > 0 and conj - first < 2:
        before = tokens[first - 1].group(0)
        low = before.lower()
        space = text[tokens[first - 1].end() : tokens[first].start()]
        if (first < conj and space.strip()) or low not in known or low in NOT_MODIFIERS or low in job_nouns():
            break
        if not before[:1].isupper() and tokens[start].group(0)[:1].isupper():
            break  # "... and Health Officer" after a lower-case word is no title's field
        first -= 1
    return first if first < conj else start


def _joined_label(text: str, tokens: list[re.Match[str]], start: int, end: int) -> str | None:
    """The standard list's title that joins two jobs and ends at the span ('fitter and turner', 'bricklayer and
    stonemason'), when the words before the span make one: what a job span read word by word would cut."""
    for back in (3, 2):
        first = start - back
        if first < 0 or tokens[start - 1].group(0).lower() != "and":
            continue
        said = [t.group(0).lower() for t in tokens[first : end + 1]]
        phrase = " ".join([*said[:-1], standard().singular(said[-1]).lower()])
        if standard().labelled(phrase) is not None:
            return text[tokens[first].start() : tokens[end].end()]
    return None


# words a job-title list also uses that never qualify a job in a heading ("A Career in ...", "Average ...")
NOT_MODIFIERS = frozenset(
    ["a", "an", "the", "in", "of", "for", "to", "and", "or", "as", "career", "careers", "job", "jobs", "salary",
     "salaries", "average", "be", "being", "become", "becoming", "how", "what", "why", "is", "are", "your", "best", "top", "guide",
     "at", "on", "with", "by", "need", "do", "does", "much", "money", "make", "earn", "get", "pay", "courses",
     "occupations", "trades", "profile", "outlook", "description", "about", "all", "our", "my", "work", "role",
     "roles", "that", "this", "these", "those", "who", "which", "their", "its", "his", "her", "from", "into",
     # how many, how new and which sex: no kind of the job ("Eighteen New Drivers", "female farm workers")
     "new", "newly", "female", "male", "women", "men", "many", "more", "most", "several", "some", "few", "one", "two",
     "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "eighteen",
     "twenty", "fifty", "hundred", "hundreds", "thousand", "thousands"]
)  # fmt: skip


def page_kind_only(text: str) -> bool:
    """Is `text` made only of words that never qualify a job ("Career Guide", "career guide" of an address's
    /career-guide/, "Average Salaries"): a label of the page's kind or the site's section, naming no job?"""
    return {w.lower() for w in re.findall(r"[\w'-]+", text)} <= NOT_MODIFIERS


# 'storeperson', 'welder', 'florist' (not 'poor', 'door': an agent's stem has three letters or more)
_PERSON = re.compile(r"(?:person|man|woman|[a-z]{3}(?:er|or)|ist|ian)$")


def is_job_title(text: str) -> bool:
    """A few words ending in a job noun with no heading filler: 'Postsecondary Teacher', 'Interpreter and
    Translator' (not 'Aging populations need nurse', not 'Medical Assistant Salary & Hourly')."""
    words = _TOKEN.findall(text)
    if not words or len(words) > 6 or re.search(r"\d", text) or not _job_word(words[-1]):
        return False
    # "X of/for Y" is a title when X is a job ("Teacher for the Deaf"); "Business Boom For Head Porters" is a
    # heading about head porters, not a job of its own
    cut = next((i for i, w in enumerate(words) if w.lower() in ("of", "for")), None)
    if cut is not None and not (cut and _job_word(words[cut - 1])):
        return False
    return not any(w.lower() in NOT_MODIFIERS - {"and", "or", "of", "for"} for w in words)


def _job_word(word: str) -> bool:
    """A job noun of the standard list, or a worker's word ('storeperson', 'florist')."""
    one = standard().singular(word).lower()
    return standard().is_noun(one, job_nouns()) or (
        _PERSON.search(one) is not None and one not in NOT_MODIFIERS
    )
