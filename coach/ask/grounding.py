"""The grounding guard: what an LLM answer states must trace to the passages it cites.

Per sentence: its numbers (digits or words: "one million") must be in a passage the sentence cites, stated for the
same period ("$60,000 a year" is not "$60,000 per month"); any email, phone number or web address must be in such a
passage too. An answer that fails falls back to the extractive answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.privacy import DIGIT_RUN, EMAIL

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


_WORD_NUMBER = re.compile(
    r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)[\s-]+"
    r"(hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)
_UNITS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_UNITS |= {"eight": 8, "nine": 9, "ten": 10, "twenty": 20, "fifty": 50, "hundred": 100}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_CONTACT = re.compile(
    rf"{EMAIL}|\bhttps?://[^\s)\]]+|\bwww\.[^\s)\]]+|\b[\w-]+\.(?:com|net|org|io|biz|info|co|xyz)\b|{DIGIT_RUN}",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:(?:per|an?|each|every|/)\s*)(hour|hr|day|week|wk|month|mo|year|yr|annum)\b|"
    r"^\s*(hourly|daily|weekly|monthly|yearly|annually)\b",
    re.IGNORECASE,
)
_PERIOD_NAMES = {"hr": "hour", "wk": "week", "mo": "month", "yr": "year", "annum": "year", "hourly": "hour"}
_PERIOD_NAMES |= {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year"}


def first_number(text: str) -> float | None:
    """The first figure of a text as a number ("US Median $38k" -> 38000.0), or None."""
    m = _NUMBER.search(_MARKER.sub(" ", text))
    if not m:
        return None
    try:
        return float(normalize_number(m.group(0)))
    except ValueError:
        return None


def numbers_in(text: str) -> set[str]:
    """Normalised numbers in `text`, ignoring citation markers like [2]; "one million" counts as 1000000."""
    text = _MARKER.sub(" ", text)
    found = {normalize_number(m.group(0)) for m in _NUMBER.finditer(text)}
    for m in _WORD_NUMBER.finditer(text):
        found.add(str(_UNITS[m.group(1).lower()] * _SCALES[m.group(2).lower()]))
    return found


def contacts_in(text: str) -> set[str]:
    """Emails, web addresses and phone numbers in `text` (phones as their digits, addresses lower-cased)."""
    out = set()
    for m in _CONTACT.finditer(_MARKER.sub(" ", text)):
        said = m.group(0).rstrip(".,;:")
        digits = re.sub(r"\D", "", said)
        if said[:1].isdigit() or said.startswith(("+", "(")):
            if len(digits) >= 9:  # a phone number, not a salary range
                out.add(digits)
        else:
            out.add(said.lower().removeprefix("https://").removeprefix("http://").removeprefix("www."))
    return out


def periods_of(text: str) -> dict[str, set[str]]:
    """Each number of `text` with the period stated right after it ("$60,000 a year" -> {"60000": {"year"}})."""
    out: dict[str, set[str]] = {}
    text = _MARKER.sub(" ", text)
    for m in _NUMBER.finditer(text):
        after = _PERIOD.match(text[m.end() : m.end() + 40])
        if after:
            word = (after.group(1) or after.group(2)).lower()
            out.setdefault(normalize_number(m.group(0)), set()).add(_PERIOD_NAMES.get(word, word))
    return out


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
    ungrounded_contacts: list[str] = field(
        default_factory=list
    )  # an email, phone or address no cited passage has
    wrong_periods: list[str] = field(default_factory=list)  # "60000 per month" where the passage says a year

    @property
    def ok(self) -> bool:
        return not (self.ungrounded_numbers or self.uncited or self.ungrounded_contacts or self.wrong_periods)

    @property
    def problems(self) -> list[str]:
        """What is unsupported, in words (for the fallback's warning): numbers, contacts, periods."""
        out = []
        if self.ungrounded_numbers:
            out.append("numbers not in the cited passages: " + ", ".join(self.ungrounded_numbers))
        if self.ungrounded_contacts:
            out.append("contact details not in the cited passages: " + ", ".join(self.ungrounded_contacts))
        if self.wrong_periods:
            out.append(
                "figures given for another period than the passage's: " + ", ".join(self.wrong_periods)
            )
        return out


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
    # what each passage states, read once for all the answer's sentences
    passage_numbers = {n: numbers_in(passages[n - 1]) for n in valid}
    passage_contacts = {n: contacts_in(passages[n - 1]) for n in valid}
    passage_periods = {n: periods_of(passages[n - 1]) for n in valid}
    cited_all = set().union(*(passage_numbers[n] for n in cited)) if cited else set()
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    for idx, sentence in enumerate(sentences):
        nums = numbers_in(sentence)
        contacts = contacts_in(sentence)
        if not nums and not contacts:
            continue
        marks = markers_in(sentence)
        if not marks:
            following = [m for s in sentences[idx + 1 :] for m in markers_in(s)]
            marks = following[:1]
        used = marks or cited
        allowed = set().union(*(passage_numbers[m] for m in marks)) if marks else cited_all
        report.ungrounded_numbers.extend(sorted(n for n in nums if n not in allowed))
        known = set().union(*(passage_contacts[m] for m in used))
        report.ungrounded_contacts.extend(sorted(c for c in contacts if c not in known))
        stated: dict[str, set[str]] = {}
        for m in used:
            for n, ps in passage_periods[m].items():
                stated.setdefault(n, set()).update(ps)
        for n, ps in periods_of(sentence).items():
            if n in stated and not ps & stated[n]:
                report.wrong_periods.append(f"{n} per {'/'.join(sorted(ps))}")
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
