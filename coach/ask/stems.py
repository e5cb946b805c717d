"""Stemmed words: what a question and a passage share when their words differ only in ending ("salaries" and
"salary"), or begin alike ("registration" and "registered"). Read by the answer units' scoring (units.py), the
decision's features, the drafts and the coaching tools."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from coach.ask.tokens import content_words
from coach.ingest.chunk import Unit

__all__ = ["KIN", "kin_count", "stem", "terms"]

KIN = 5  # letters two words share at their start to be kin ("regis-tration", "regis-tered")


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball English stem ("ranged" and "range" -> "rang"; "salaries" and "salary" -> "salari")."""
    return str(_stemmer().stemWord(word))


def terms(text: str) -> set[str]:
    """Stemmed content words, with the parts of hyphenated words too ("lowest-paid" also matches "lowest paid")."""
    words = content_words(text)
    parts = [p for w in words if "-" in w for p in w.split("-") if len(p) > 1]
    return {stem(w) for w in words + parts}


@lru_cache(maxsize=65536)
def _openings(text: str) -> frozenset[str]:
    """The first letters of a text's longer content words: what a kin word of another stem shares."""
    return frozenset(w[:KIN] for w in content_words(text) if len(w) > KIN)


def kin_count(question_words: set[str], unit: Unit) -> int:
    """How many of `question_words` (those the unit lacks by stem) the unit holds as a kin word."""
    openings = _openings(unit.text)
    return sum(len(w) > KIN and w[:KIN] in openings for w in question_words)
