"""What a figure question asks beyond its job and measure: a statistic ("the top 10%", "the range"), a year
("in 2010") or a setting ("in nursing care facilities"). Among the figures that fit, the answer quotes those
that state the most of it, rather than each guide's headline median (statistics: coach/rules/qualifiers.toml)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TypeVar

T = TypeVar("T")

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_WORD = re.compile(r"[a-z][a-z-]*")
# a bound or a figure of speech, not a statistic: "starting from $110,000", "perks on top of salary", "with the
# extra percentage on top" (besides it, not its top; "on top 10%" is still one), "at least $50k", "at least tell
# me what it pays"
_BOUND = re.compile(r"\b[a-z]+ing (?:from|at)\b|\bon top\b(?! \d)|\bat least\b")


@dataclass(frozen=True)
class Statistic:
    name: str
    words: frozenset[str]
    implied_by: tuple[frozenset[str], ...]
    label_words: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def statistics() -> tuple[Statistic, ...]:
    data = tomllib.loads(resources.files("coach").joinpath("rules/qualifiers.toml").read_text("utf-8"))
    return tuple(
        Statistic(
            name,
            frozenset(s["words"]),
            tuple(frozenset(i) for i in s.get("implied_by", [])),
            frozenset(s.get("label_words", [])),
            tuple(s.get("phrases", [])),
        )
        for name, s in data.items()
    )


def statistics_in(text: str, labels: bool = False) -> frozenset[str]:
    """The statistics `text` names: {'highest'} for "the top 10 percent", {'range', ...} for "ranged from";
    with `labels`, `text` is a guide's label, where "Low:" and "High:" name statistics too."""
    lowered = _BOUND.sub(" ", text.lower().replace("%", " percent"))
    found_words = set(_WORD.findall(lowered))
    if labels:  # "graduate-entry level" names graduates and entry; "non-graduate" names neither
        found_words |= {p for w in found_words if "-" in w and not w.startswith("non-") for p in w.split("-")}
    found = {
        s.name for s in statistics() if (s.words | (s.label_words if labels else frozenset())) & found_words
    }
    said = f" {' '.join(_WORD.findall(lowered))} "
    found |= {s.name for s in statistics() if any(f" {p} " in said for p in s.phrases)}
    found |= {s.name for s in statistics() if any(group <= found for group in s.implied_by)}
    return frozenset(found)


def years_in(text: str) -> frozenset[str]:
    return frozenset(_YEAR.findall(text))


@dataclass(frozen=True)
class Asked:
    """The statistic, years and other qualifying words (stems) a question asks a figure for."""

    statistics: frozenset[str]
    years: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, question: str, words: set[str]) -> Asked:
        return cls(statistics_in(question), years_in(question), frozenset(words))

    def __bool__(self) -> bool:
        return bool(self.statistics or self.years or self.words)


def best_stated(
    asked: Asked,
    candidates: Sequence[T],
    unit_text: Callable[[T], str],
    passage_text: Callable[[T], str],
    unit_words: Callable[[T], set[str]],
) -> list[T]:
    """The candidates that state the most of what is asked, in their order: the year in their passage, then
    the statistic in the unit itself, then the other qualifying words. A tier nobody states is skipped."""
    kept = list(candidates)
    tiers: list[Callable[[T], int]] = [
        lambda c: len(asked.years & years_in(passage_text(c))),
        lambda c: len(asked.statistics & statistics_in(unit_text(c))),
        lambda c: len(asked.words & unit_words(c)),
    ]
    for tier in tiers:
        counts = [tier(c) for c in kept]
        best = max(counts, default=0)
        if best > 0:
            kept = [c for c, n in zip(kept, counts, strict=True) if n == best]
    return kept
