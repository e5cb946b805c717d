"""The grounding guard: numbers and citation markers in an answer must trace to the passages it cites."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MARKER = re.compile(r"\[(\d{1,3})\]")
_NUMBER = re.compile(r"(?<![\w.])[$€£¥₩≈~]?\d[\d,]*(?:\.\d+)?\s?(?:[kKmM](?![a-z])|%)?")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def normalize_number(token: str) -> str:
    """'$85,000' -> '85000', '$85k' -> '85000', '8%' -> '8', '2.5' -> '2.5'."""
    t = token.strip().lstrip("$€£¥₩≈~").replace(",", "").replace(" ", "")
    scale = 1
    if t[-1:] in "kK":
        scale, t = 1000, t[:-1]
    elif t[-1:] in "mM":
        scale, t = 1_000_000, t[:-1]
    t = t.rstrip("%")
    try:
        value = float(t) * scale
    except ValueError:
        return t
    return str(int(value)) if value == int(value) else f"{value:g}"


def numbers_in(text: str) -> set[str]:
    """Normalised numbers in `text`, ignoring citation markers like [2]."""
    return {normalize_number(m.group(0)) for m in _NUMBER.finditer(_MARKER.sub(" ", text))}


def markers_in(text: str) -> list[int]:
    return [int(m.group(1)) for m in _MARKER.finditer(text)]


@dataclass
class GroundingReport:
    """The verdict on one answer: the cleaned text and what, if anything, was wrong with it."""

    text: str
    cited: list[int] = field(default_factory=list)
    dropped_markers: list[int] = field(default_factory=list)
    ungrounded_numbers: list[str] = field(default_factory=list)
    uncited: bool = False

    @property
    def ok(self) -> bool:
        return not self.ungrounded_numbers and not self.uncited


def check(answer: str, passages: list[str]) -> GroundingReport:
    """Drop markers that point at no passage; every number must appear in a passage its sentence cites.

    A sentence with numbers but no marker is checked against the next marker after it (or all cited
    passages when there is none). An answer that cites nothing valid is `uncited`.
    """
    valid = set(range(1, len(passages) + 1))
    dropped = sorted({n for n in markers_in(answer) if n not in valid})
    text = _MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in valid else "", answer)
    text = re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", text)).strip()
    cited = sorted(set(markers_in(text)))
    report = GroundingReport(text=text, cited=cited, dropped_markers=dropped, uncited=not cited)
    passage_numbers = {n: numbers_in(passages[n - 1]) for n in valid}
    cited_all = set().union(*(passage_numbers[n] for n in cited)) if cited else set()
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    for idx, sentence in enumerate(sentences):
        nums = numbers_in(sentence)
        if not nums:
            continue
        marks = markers_in(sentence)
        if not marks:
            following = [m for s in sentences[idx + 1 :] for m in markers_in(s)]
            marks = following[:1]
        allowed = set().union(*(passage_numbers[m] for m in marks)) if marks else cited_all
        report.ungrounded_numbers.extend(sorted(n for n in nums if n not in allowed))
    return report


def ungrounded_count(answer: str, cited_passages: list[str]) -> int:
    """Numbers in `answer` that occur in none of `cited_passages` (the eval's hallucination signal)."""
    allowed = set().union(*(numbers_in(p) for p in cited_passages)) if cited_passages else set()
    return sum(1 for n in numbers_in(answer) if n not in allowed)


def traced_quotes(answer: str, marker: int, quotes: list[str]) -> list[str]:
    """The passage units (`quotes`) that the answer's sentences citing [marker] draw on: those sharing a figure,
    or most of their words, with such a sentence. For answers written by an LLM, where nothing is quoted verbatim."""
    citing = [s for s in _SENTENCE.split(answer) if marker in markers_in(s)]
    out = []
    for quote in quotes:
        q_words = set(re.findall(r"[a-z]{4,}", quote.lower()))
        q_numbers = numbers_in(quote)
        for sentence in citing:
            s_words = set(re.findall(r"[a-z]{4,}", sentence.lower()))
            if q_numbers & numbers_in(sentence) or (
                q_words and len(q_words & s_words) >= max(2, 0.5 * len(q_words))
            ):
                out.append(quote)
                break
    return out
