"""Stat cards: a run of figures laid out value first, label after ("44,700" / "Physiotherapists workforce in
Australia" / "$1,710" / "Median weekly earnings in Australia"), as "at a glance" boxes are. Read label first,
each label would take the next card's value (a workforce of "$1,710"); the layout whose labels fit their values
better is the one the page meant. Used by `items.py`, which joins each pair into one `label: value` fact."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from coach.ingest.clean import Line
from coach.ingest.figures import MONEY

__all__ = ["value_first"]

_MONEY_LABEL = re.compile(r"\b(?:earn\w*|salar\w*|pay|paid|wages?|income|rate)\b", re.I)
_COUNT_LABEL = re.compile(
    r"\b(?:workforce|jobs|employed|employment|workers|people|number|openings|vacancies)\b", re.I
)
_PERCENT_LABEL = re.compile(r"\b(?:growth|share|per ?cent|percentage|rate|female|male|women|men)\b|%", re.I)
_AGE_LABEL = re.compile(r"\bage\b", re.I)
_PERCENT = re.compile(r"\d\s?%")


def _fit(label: str, value: str) -> int:
    """+1 when a label's kind of figure matches the value's (earnings and a sum, a workforce and a count, a
    share and a percentage, an age and a two-digit number), -1 when it does not, 0 when the label says nothing."""
    money, percent = bool(MONEY.search(value)), bool(_PERCENT.search(value))
    count = not money and not percent
    score = 0
    if _MONEY_LABEL.search(label) and not _PERCENT_LABEL.search(label):
        score += 1 if money else -1
    if _COUNT_LABEL.search(label) and not _MONEY_LABEL.search(label):
        score += 1 if count else -1
    if _PERCENT_LABEL.search(label) and not _MONEY_LABEL.search(label):
        score += 1 if percent else -1
    if _AGE_LABEL.search(label):
        score += 1 if re.fullmatch(r"\s*\d{2}\s*", value) else -1
    return score


def value_first(
    lines: Sequence[Line], is_value: Callable[[str], bool], is_label: Callable[[str], bool]
) -> dict[int, int]:
    """Value line index -> the label line after it, for each run of two or more cards laid out value first."""
    out: dict[int, int] = {}
    i = 0
    while i < len(lines):
        pairs: list[tuple[int, int]] = []
        j = i
        while j + 1 < len(lines) and is_value(lines[j].text) and is_label(lines[j + 1].text):
            pairs.append((j, j + 1))
            j += 2
        if len(pairs) < 2:
            i += 1
            continue
        values = [lines[v].text for v, _ in pairs]
        # read label first, the line before the run labels its first value and each label the next one
        before = lines[i - 1].text if i > 0 and is_label(lines[i - 1].text) else ""
        labels_first = [before, *(lines[lab].text for _, lab in pairs[:-1])]
        label_first = sum(_fit(lab, v) for lab, v in zip(labels_first, values, strict=True) if lab)
        fits = sum(_fit(lines[lab].text, lines[v].text) for v, lab in pairs)
        if fits > label_first and fits >= 2:  # two cards at least whose labels say what their values are
            out.update(pairs)
        i = j
    return out
