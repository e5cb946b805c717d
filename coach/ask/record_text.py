"""How a figure record is written in an answer: the sentence or clause that states it, or a table's or a field's
label words with its value and unit ("US Median $61k USD"). Read by the record answers (facts.py) and the
career-path tool."""

from __future__ import annotations

import re

from coach.ask.measures_asked import PAY_MEASURES
from coach.ingest.records import _HAS_SEP, Record

__all__ = ["MEASURE_WORDS", "lead_sentence", "record_clause", "record_phrase"]

_PERIOD_WORDS = {"hour": "an hour", "day": "a day", "week": "a week", "month": "a month", "year": "a year"}
MEASURE_WORDS = {
    "age": "age",
    "leave": "leave",
    "pay": "pay",
    "hourly_pay": "hourly pay",
    "cost": "cost",
    "growth": "growth",
    "share": "share",
    "jobs": "jobs",
    "openings": "openings",
    "change": "change in jobs",
    "hours": "hours",
    "experience": "experience",
}


_CLAUSE_COMMA = re.compile(r",(?!\d)")


def record_clause(span: str, value: str, limit: int = 300) -> str:
    """The sentence that states a value, or, when it runs long, the clause around the value."""
    if len(span) <= limit:
        return span.strip()
    at = span.find(value)
    # a clause's comma, not a thousands separator ("3,000 rubles" is cut nowhere inside)
    commas = [m.start() for m in _CLAUSE_COMMA.finditer(span)]
    start = max((c + 1 for c in commas if c < at - 120), default=0) if at > 150 else 0
    end = next((c for c in commas if c >= at + len(value) + 60), -1)
    return (
        ("…" if start else "")
        + span[start : end if end > 0 else len(span)].strip()
        + ("…" if end > 0 else "")
    )


_UNIT_PART = re.compile(
    r"^(?:[A-Z]{3}|per (?:year|annum|hour|month|week)|a (?:year|month|week)|an hour|/ ?(?:yr|hr|hour|year))$",
    re.I,
)


def _one_figure_line(rec: Record) -> bool:
    """A line that states its one figure in words without a label's colon or a table's bars ("Aset earns 40,000
    tenge per month")?"""
    at = rec.span.find(rec.value)
    rest = rec.span[:at] + rec.span[at + len(rec.value) :] if at >= 0 else ""
    return at >= 0 and not _HAS_SEP.search(rec.span) and not re.search(r"\d", rest)


def record_phrase(rec: Record, measure: str) -> str:
    """'US Median $61k USD': a table or field record's own label words, its value and its unit words."""
    parts = [p.strip(" -:()") for p in rec.label.split(" · ") if p.strip(" -:()")]
    parts = [p for p in parts if p.lower() != rec.occupation.lower()]
    units = [p for p in parts if _UNIT_PART.match(p)]
    words = [p for p in parts if p not in units]
    numbers = re.findall(r"\d[\d,.]*", " ".join(words))
    if re.search(r"[$€£¥₹₦]\s?\d", " ".join(words)) or any(
        not re.search(rf"(?<![\d,.]){re.escape(n.rstrip(',.'))}(?![\d,])", rec.span) for n in numbers
    ):
        words = []  # a label holding other figures, or figures run together, would muddle this one
    period = _PERIOD_WORDS.get(rec.period or "", "") if measure in PAY_MEASURES and not units else ""
    if period and (
        rec.period_guessed or re.search(r"hour|hr|day|week|month|year|annum|LPA|yr", rec.value, re.I)
    ):
        period = ""  # said in the value already, or read from the figure's size: never the guide's word
    said = " ".join([", ".join(words), rec.value, *units, period]).strip()
    if rec.kind == "field" and _one_figure_line(rec):
        # "Aset earns 40,000 tenge per month": a line of words, quoted as written, not cut into label and value
        said = rec.span.strip().rstrip(".")
    if rec.place_text and rec.place_text.lower() not in said.lower():
        said += f" ({rec.place_text})"
    return said


def lead_sentence(recs: list[Record], n: int, measure: str) -> str:
    """One sentence that states records of one passage: from prose the sentence itself; from a table or fields
    the job and measure, then each record's label and value ("Senior Welder pay: US Median $61k USD, US Average
    $63k USD. [1]")."""
    first = recs[0]
    if first.kind == "sentence":
        return f"{record_clause(first.span, first.value)} [{n}]"
    what = f"{first.occupation} {MEASURE_WORDS.get(first.measure, first.measure)}"
    return f"{what}: {', '.join(record_phrase(r, measure) for r in recs)}. [{n}]"
