"""What kind of number a question asks for, read from `coach/rules/asks.toml`: a length, a pass mark, an age, a
cost, hours, or a place ("which states pay welders the most?"). The decision (decide.py) declines a question
whose best passages state none of the kind asked; the answer (answer.py) leads with a passage that states it."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from coach.ingest.figures import MONEY, SPELLED_MONEY
from coach.ingest.places import named_places

__all__ = [
    "asks_number",
    "asks_place",
    "kind_measures",
    "kinds_asked",
    "counted_words",
    "kinds_stated",
    "kinds_unstated",
    "states_kind",
]


@lru_cache(maxsize=1)
def _asks() -> dict[str, Any]:
    """coach/rules/asks.toml, read once."""
    return tomllib.loads(resources.files("coach").joinpath("rules/asks.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _number_asked() -> re.Pattern[str]:
    return re.compile(_asks()["number"]["pattern"], re.IGNORECASE)


@lru_cache(maxsize=1)
def counted_words() -> tuple[frozenset[str], frozenset[str]]:
    """asks.toml's [counted]: the words that end what "how many" counts, and the words that make it people."""
    table = _asks()["counted"]
    return frozenset(table["ends"]), frozenset(table["people"])


def asks_number(question: str) -> bool:
    """Whether a question asks for a number ("how long is the course?", "what's the pass mark?")."""
    return bool(_number_asked().search(question))


class _NamesPlace:
    """The `{place}` answer of a kind: a text states it when it names a place of the standard lists."""

    def search(self, text: str) -> bool:
        return bool(named_places(text))


def _answer(pattern: str) -> re.Pattern[str] | _NamesPlace:
    """A kind's answer pattern; `{money}` in it stands for any sum ingest reads as money (figures.py: every
    currency's sign, ISO code, CLDR letters and names, "4 leva", "95,000 FCFA"), matched in its own case."""
    if pattern == "{place}":
        return _NamesPlace()
    money = f"(?-i:{MONEY.pattern})|(?-i:{SPELLED_MONEY.pattern})"
    return re.compile(pattern.replace("{money}", money), re.IGNORECASE)


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str] | _NamesPlace], ...]:
    return tuple(
        (name, re.compile(kind["question"], re.IGNORECASE), _answer(kind["answer"]))
        for name, kind in _asks().get("kinds", {}).items()
    )


def asks_place(question: str) -> bool:
    """Whether a place is the answer a question asks for ("which states pay welders the most?")."""
    return "place" in kinds_asked(question)


def kinds_unstated(question: str, texts: list[str]) -> list[str]:
    """The kinds of number a question asks for (coach/rules/asks.toml: a length, a pass mark, an age, a cost,
    hours) that none of `texts` states: "what's the pass mark?" over passages giving a course level only."""
    return [
        name
        for name, asked, stated in _kinds()
        if asked.search(question) and not any(stated.search(t) for t in texts)
    ]


@lru_cache(maxsize=4096)  # read for every unit an answer weighs: once per question
def kinds_asked(question: str) -> tuple[str, ...]:
    """The kinds of number a question asks for, by name ("how long is the course?": duration)."""
    return tuple(name for name, asked, _stated in _kinds() if asked.search(question))


def states_kind(kind: str, text: str) -> bool:
    """Does `text` state a number of the named kind ("a one year programme": a duration)?"""
    return any(name == kind and stated.search(text) for name, _asked, stated in _kinds())


def kinds_stated(question: str, text: str) -> bool:
    """Does `text` state a kind of number the question asks for ("at least 75%" for "what score do I need")?
    False when the question asks for no kind."""
    asked = kinds_asked(question)
    return bool(asked) and any(name in asked and stated.search(text) for name, _asked, stated in _kinds())


def kind_measures(question: str) -> frozenset[str] | None:
    """The measures the kinds of number a question asks for are figures of ("what do I pay each year?": cost;
    "how old must I be?": none), or None when it asks for no kind: a measure read from elsewhere in the question
    ("... to teach driving for money") is not the figure it asks for."""
    kinds = _asks().get("kinds", {})
    asked = kinds_asked(question)
    if not asked:
        return None
    return frozenset(m for name in asked for m in kinds[name].get("measures", []))
