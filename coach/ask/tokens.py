"""A question's words: lower-cased tokens with job-title abbreviations spelled out (coach/rules/guard.toml's
synonyms: rep -> representative), its content words, and the guard rules that decline injections and off-task
requests. The question stage and the corpus vocabulary read text through these."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coach.ask.text import STOPWORDS
from coach.ingest.occupations import guard_toml, people

__all__ = [
    "GuardRules",
    "_singular",
    "content_words",
    "guard_rules",
    "is_injection",
    "is_off_task",
    "is_off_topic",
    "words",
]

_WORD = re.compile(r"[a-z0-9$][a-z0-9'+$-]*")
# degrees English names in the possessive ("a master's in nursing"): no master's, no job word
_DEGREES = frozenset(["master's", "bachelor's", "associate's"])


@dataclass(frozen=True)
class GuardRules:
    injection: re.Pattern[str]
    off_task: re.Pattern[str]
    off_topic: re.Pattern[str]  # off the task only in a question that names no job
    occupations: frozenset[str]
    synonyms: dict[str, str]
    people: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def guard_rules() -> GuardRules:
    data = guard_toml()
    return GuardRules(
        injection=re.compile("|".join(data["injection"]), re.IGNORECASE),
        off_task=re.compile("|".join(data["off_task"]), re.IGNORECASE),
        off_topic=re.compile("|".join(data["off_topic"]), re.IGNORECASE),
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
        if w.endswith("'s") and len(w) > 3 and w not in _DEGREES:
            w = w[:-2]  # "a teacher's salary": the teacher's; "a master's in nursing" is a degree
        out.extend(syn.get(w, w).split())
    return out


def content_words(text: str) -> list[str]:
    return list(_content_words(text))


@lru_cache(maxsize=65536)
def _content_words(text: str) -> tuple[str, ...]:
    """A corpus's unit texts recur from question to question: each is read once."""
    return tuple(w for w in words(text) if w not in STOPWORDS and len(w) > 1)


def _singular(tokens: list[str]) -> list[str]:
    """English plurals made singular, the "-wives" of "midwives" and "housewives" as "-wife"."""
    return [
        t[:-3] + "fe"
        if t.endswith("wives")
        else t[:-1]
        if len(t) > 4 and t.endswith("s") and not t.endswith("ss")
        else t
        for t in tokens
    ]


def is_injection(text: str) -> bool:
    return bool(guard_rules().injection.search(text))


def is_off_task(text: str) -> bool:
    return bool(guard_rules().off_task.search(text))


def is_off_topic(text: str) -> bool:
    """A topic outside career coaching ("tomorrow's weather"); off the task only where the question names no job."""
    return bool(guard_rules().off_topic.search(text))
