"""The kind of answer a question's form asks for, and whether a sentence holds one: "how long ..." wants a
duration ("a one year full-time programme"), "how many exams ..." a number of exams ("three qualifying exams"),
"how tall ..." a quantity ("not less than 1.65m"). A duration is coach/rules/asks.toml's kind of that name; a
count of a named thing and a bare quantity are read here. Read from the question's form alone, in any corpus;
the unit scorer turns it into two features whose weights are fitted (coach/ask/scoring.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coach.ask.asks import kinds_asked, states_kind

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
    "|sixty|hundred|thousand|million|half|several|few|dozen|couple"
)
_NUMBER = rf"(?:\d[\d,.]*|\b(?:a|an|{_NUMBER_WORDS})\b)"  # a figure: digits, or a number written as a word
_ANY_NUMBER = re.compile(rf"\d|\b(?:{_NUMBER_WORDS})\b", re.I)
_HOW_MANY = re.compile(
    r"\bhow\s+many\s+(?:more\s+|different\s+|of\s+the\s+)?([a-z][a-z-]+)(?:\s+([a-z][a-z-]+))?", re.I
)
# "how much" is left out: it mostly asks for pay or a cost, which the measure features already read
_HOW_ADJ = re.compile(r"\bhow\s+(?:old|tall|big|high|heavy|far|often|short|young)\b", re.I)
# words after "how many" that are no counted thing ("how many of them", "how many do")
_NOT_COUNTED = frozenset(
    "of do does did are is were was can could will would should have has people there they we i you them these those it".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class AnswerType:
    """What a question's form asks for: asks.toml's "duration", a "count" (of `nouns`) or a "quantity"; nothing
    when `kinds` is empty."""

    kinds: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()  # the counted thing's word roots, for "count" ("exam")

    def found_in(self, text: str) -> bool:
        """Does `text` hold an answer of a kind asked?"""
        return any(self._holds(kind, text) for kind in self.kinds)

    def _holds(self, kind: str, text: str) -> bool:
        if kind == "count":
            return any(_counted(noun).search(text) for noun in self.nouns)
        if kind == "quantity":
            return states_number(text)
        return states_kind(kind, text)


def states_number(text: str) -> bool:
    """Does `text` give a figure, in digits or in words ("within two years", "a dozen")? A list item's own number
    ("5. You cannot be married ...") is its place in the list, no figure."""
    return _ANY_NUMBER.search(_ENUMERATOR.sub("", text, count=1)) is not None


_ENUMERATOR = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(\d{1,2}\))\s+")


# the asks.toml kinds that are answer types: a length of time. A cost, a pass mark, an age, hours or a place the
# measure and decline features already read (making them answer types too declined less well on the pool)
_KINDS = ("duration",)


@lru_cache(maxsize=1024)  # read once per question: the unit scorer and the answerer both ask
def answer_type(question: str) -> AnswerType:
    """The kind of answer `question` asks for by its form ("how long", "how many X", "how tall"); the empty
    AnswerType when its form asks for none."""
    if kinds := tuple(k for k in kinds_asked(question) if k in _KINDS):
        return AnswerType(kinds)
    if m := _HOW_MANY.search(question):
        nouns = tuple(_root(w) for w in m.groups() if w and w.lower() not in _NOT_COUNTED)
        return AnswerType(("count",), nouns) if nouns else AnswerType(("quantity",))
    if _HOW_ADJ.search(question):
        return AnswerType(("quantity",))
    return AnswerType()


def _root(word: str) -> str:
    """A counted word without its plural ending: "exams" -> "exam", "classes" -> "class", "countries" ->
    "countr"."""
    w = word.lower()
    for end in ("ies", "es", "s"):
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)] if end != "es" or w.endswith(("ses", "xes", "ches", "shes")) else w[:-1]
    return w


@lru_cache(maxsize=1024)
def _counted(root: str) -> re.Pattern[str]:
    """A number up to three words before the counted thing: "three qualifying exams", "40 hours"."""
    return re.compile(rf"{_NUMBER}\s+(?:[\w-]+\s+){{0,2}}{re.escape(root)}\w*", re.I)
