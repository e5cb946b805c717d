"""The measures a guide can give and a question can ask for: pay, growth, openings, hours, ... as
`coach/rules/measures.toml` defines them (the phrases that ask for each, the context and figure that state it)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from coach.ingest.figures import MONEY, SPELLED_MONEY


def _states(context: re.Pattern[str], figure: re.Pattern[str] | None, text: str) -> bool:
    """A measure's context, and its figure where it has one, in `text`."""
    return bool(context.search(text)) and (figure is None or bool(figure.search(text)))


@lru_cache(maxsize=4096)
def _spaced(question: str) -> str:
    """A question's word tokens, lower-cased, each between spaces (read once for every measure that asks)."""
    return " " + " ".join(re.findall(r"[a-z0-9$][a-z0-9'+$-]*", question.lower().replace("’", "'"))) + " "


@dataclass(frozen=True)
class Measure:
    """One kind of fact a guide can give: pay, growth, openings, ... (`coach/rules/measures.toml`)."""

    name: str
    ask: tuple[str, ...]
    context: re.Pattern[str]
    figure: re.Pattern[str] | None
    ask_patterns: tuple[re.Pattern[str], ...] = ()
    # texts already read: a corpus's units recur from question to question (keyed by text alone, since hashing
    # the figure pattern, tens of thousands of characters, costs more than most searches)
    _read: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def asked_in(self, question: str) -> bool:
        """Does a question ask for this measure (one of its phrases on word boundaries, or one of its patterns)?"""
        lowered = _spaced(question)
        return any(f" {a} " in lowered for a in self.ask) or any(
            p.search(question) for p in self.ask_patterns
        )

    def found_in(self, text: str) -> bool:
        """Does `text` state this measure (its context and, for numeric measures, a figure)?"""
        found = self._read.get(text)
        if found is None:
            if len(self._read) >= 65536:
                self._read.clear()
            found = self._read[text] = _states(self.context, self.figure, text)
        return found

    def stated_by(self, section: str, text: str) -> bool:
        """Does a unit of `section` state this measure? A short heading ("Pay") is context for its units."""
        leaf = section.split(" > ")[-1]
        return self.found_in(f"{leaf}: {text}" if len(leaf.split()) <= 6 else text)


@lru_cache(maxsize=1)
def measures() -> dict[str, Measure]:
    """The measures shipped with the package."""
    data = tomllib.loads(resources.files("coach").joinpath("rules/measures.toml").read_text("utf-8"))
    # patterns written once for the measures that name them: {money} (any currency's figure), {start_money}
    shared = {f"{{{k}}}": v for k, v in data.items() if isinstance(v, str)}
    # ... and any sum ingest reads as money (figures.py: every ISO 4217 code and the letters CLDR writes for a
    # currency, "EGP 1,800", "VND130,000", "Rp 2.000"), matched in its own case: "TOP 10" or "all 5" is no sum
    shared["{money}"] = f"(?-i:{MONEY.pattern})|(?-i:{SPELLED_MONEY.pattern})|{shared['{money}']}"

    def filled(pattern: str) -> re.Pattern[str]:
        # a shared pattern may name another ({count} in {headcount}): filled until none is left
        for _ in shared:
            if not any(name in pattern for name in shared):
                break
            for name, value in shared.items():
                pattern = pattern.replace(name, value)
        return re.compile(pattern, re.IGNORECASE)

    return {
        name: Measure(
            name,
            tuple(m["ask"]),
            filled(m["context"]),
            filled(m["figure"]) if m["figure"] else None,
            tuple(filled(p) for p in m.get("ask_patterns", [])),
        )
        for name, m in data.items()
        if isinstance(m, dict)
    }
