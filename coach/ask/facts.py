"""Figure questions answered from the guides' records (coach/ingest/records.py).

"What does a junior welder earn an hour in Alberta?" asks for one record: the asked occupation's measure,
with the statistic or level, place, period and year the question names. `answer_from_records` picks the
records that fit, states the best in a lead sentence ("Registered Nurse pay: Mid-level $6,639 – $7,917 a
month. [1]") and cites the passage it stands in. It answers only from the guides of the
occupation asked, and returns None when no record fits, so the passage answerer (or a decline) takes over:
a record for another place, year, period or level is never offered in place of the one asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from coach.ask.measures_asked import PAY_MEASURES
from coach.ask.mentions import job_pattern
from coach.ask.qualifiers import statistics_in, years_in
from coach.ask.question import Query
from coach.ask.record_text import MEASURE_WORDS, lead_sentence
from coach.ask.retrieve import Hit
from coach.ask.turn import Draft
from coach.ingest.chunk import Chunk
from coach.ingest.identity import is_kind_of
from coach.ingest.place_names import place_codes
from coach.ingest.places import covers
from coach.ingest.records import Record

__all__ = [
    "ASKED_PERIOD",
    "LEVELS",
    "answer_from_records",
    "fitting_records",
    "measure_kinds",
    "of_asked_job",
    "period_asked",
]

ASKED_PERIOD = (
    ("hour", re.compile(r"\b(hourly|per hour|an hour|by the hour|hour rate)\b", re.I)),
    ("day", re.compile(r"\b(daily|per day|a day|hour day|working day)\b", re.I)),  # "for an eight hour day"
    ("week", re.compile(r"\b(weekly|per week|a week)\b", re.I)),
    ("month", re.compile(r"\b(monthly|per month|a month)\b", re.I)),
    ("year", re.compile(r"\b(annual|annually|yearly|per year|a year|per annum)\b", re.I)),
)
_MIDDLE = frozenset({"median", "average"})
LEVELS = frozenset({"starting", "mid", "senior", "lowest", "highest"})


@dataclass
class Fit:
    """A record that answers the question, how well, and whether it answers something the question asks."""

    record: Record
    score: float
    specific: bool  # it matched something the question asks beyond job and measure (a level, place, row)


def measure_kinds(measure: str) -> frozenset[str]:
    """The record measures that answer a measure asked: pay is asked as a salary or an hourly rate."""
    return PAY_MEASURES if measure in PAY_MEASURES else frozenset([measure])


def _asked_period(text: str) -> str | None:
    return next((name for name, p in ASKED_PERIOD if p.search(text)), None)


def period_asked(q: Query) -> str | None:
    """The pay period a question asks for: its words ("a yearly salary"), or the hour of an hourly-pay question."""
    return _asked_period(q.expanded) or ("hour" if q.measures[:1] == ["hourly_pay"] else None)


def of_asked_job(rec: Record, occupations: list[str]) -> bool:
    """Is a record about a job the question names, or a kind of it? A team lead's question and a specialist
    guide's figure, or "Enrolled Nurse Salary Range" in a registered nurse guide, are another job's."""
    return rec.occupation.lower() in {o.lower() for o in occupations} or any(
        is_kind_of(rec.occupation, o) for o in occupations
    )


def _place_fit(rec: Record, places: list[str]) -> float | None:
    """How a record's place fits the places asked; None when it is somewhere else."""
    if not places:
        return 0.0
    best: float | None = None
    for place in places:
        codes = place_codes(place)
        said = bool(re.search(rf"\b{re.escape(place.lower())}\b", f"{rec.label} {rec.place_text}".lower()))
        region = bool(codes) and all("-" in c for c in codes)
        held = bool(codes & set(rec.places))  # the record's places, its own or its guide's
        if said or (held and not region):
            score = 3.0  # a country's guide's figures are that country's without the name beside each
        elif held:
            score = 2.5  # a region the guide names somewhere, not beside this figure (the whole guide's pay)
        elif codes and covers(rec.places, codes):
            score = 1.0  # a region of the country asked
        else:
            continue
        best = score if best is None else max(best, score)
    return best


def _score(
    rec: Record,
    asked: frozenset[str],
    years: frozenset[str],
    period: str | None,
    places: list[str],
    overlap: int,
    dated: bool = False,
) -> tuple[float, bool] | None:
    """How well one record answers, and whether it matched a qualifier the question names; None when it states
    another place, year, period or level than the one asked."""
    where = _place_fit(rec, places)
    if where is None:
        return None
    if not places and overlap == 0 and rec.place_text and any("-" in p for p in rec.places):
        return None  # nothing asked of where: one region's or city's row is no answer for the whole job
    score = where + 2.0 * overlap
    specific = bool(overlap) or (bool(places) and where > 0)
    stats = set(rec.statistics)
    levels = asked & LEVELS
    if levels and not levels & stats:
        return None  # a senior's figure asked, and this is another level's (or the headline)
    if "range" in asked and stats & {"lowest", "highest"}:
        stats.add("range")  # the lowest and highest figures are the range asked
    if asked:
        exact = asked & stats
        near = (asked & _MIDDLE) and (stats & _MIDDLE)
        # "average" and "median" are asked loosely: a guide's typical figure still answers
        other_levels = stats & LEVELS - asked - ({"lowest", "highest"} if "range" in asked else set())
        score += 2 * len(exact) + (1 if near and not exact else 0) - (1 if other_levels else 0)
        score -= (
            0 if exact or near else 1.5
        )  # a statistic asked ("the range") that this figure does not state
        specific = bool(exact or near)
    elif stats & LEVELS:
        score -= 1.0  # nothing asked: the headline figure before one level's
    elif stats & _MIDDLE:
        score += 1.0
    if years:
        if rec.year not in years and not (rec.year is None and dated):
            # a figure of another year, or undated in a passage of none, is no answer for the year asked
            return None
        score += 1.0 if rec.year in years else 0.0
        specific = True
    if period:
        if rec.period and rec.period != period:
            return None
        score += 2.0 if rec.period == period else 0.0
        specific = specific or rec.period == period
    elif rec.period == "hour":
        score -= 0.5
    return score, specific


def fitting_records(
    q: Query,
    records: list[Record],
    terms: Callable[[str], set[str]],
    leftover: set[str],
) -> list[Fit]:
    """The records of the guides the question is about that state what it asks, best first. `leftover` are the
    question's words beyond its job, measure, level and place (stems): a record whose label or heading says
    them ("Perth", "SaaS") fits better."""
    if not q.measures or not q.sources:
        return []
    measure = q.measures[0]
    kinds = measure_kinds(measure)
    text = q.expanded
    asked = statistics_in(text)
    years = years_in(text)
    period = period_asked(q)
    sources = set(q.sources)
    # passages that date a figure to the year asked: their undated figures are of that time too
    dated = {r.chunk_id for r in records if r.source in sources and years and r.year in years}
    spoken = job_pattern(q.spoken_of) if q.spoken_of else None
    fits = []
    for rec in records:
        if rec.source not in sources or rec.measure not in kinds:
            continue
        if not of_asked_job(rec, q.occupations):
            continue  # another job's record, never the answer
        if spoken is not None and not spoken.search(f"{rec.label} {rec.span}"):
            continue  # "second officers" of a guide about the merchant navy: only what names them
        overlap = len(leftover & terms(f"{rec.label} {rec.section} {rec.place_text}"))
        found = _score(rec, asked, years, period, q.places, overlap, rec.chunk_id in dated)
        if found is not None:
            fits.append(Fit(rec, *found))
    fits.sort(key=lambda f: -f.score)
    return fits


def answer_from_records(
    q: Query,
    records: list[Record],
    chunks: dict[str, Chunk],
    hits: list[Hit],
    terms: Callable[[str], set[str]],
    leftover: set[str],
) -> Draft | None:
    """Answer a figure question from the records that fit it; None when none does, or when the question asks
    something more (its `leftover` words) that the best record does not speak to."""
    fits = fitting_records(q, records, terms, leftover)
    if not fits or (leftover and not fits[0].specific):
        return None
    first = fits[0].record
    home = chunks.get(first.chunk_id)
    # what the best record speaks to: its own words, and its guide's title and address ("Harbourline Freight")
    owner = f"{home.guide} {re.sub(r'[^A-Za-z]+', ' ', home.url or '')}" if home else ""
    if leftover - terms(f"{first.label} {first.section} {first.place_text} {first.span} {owner}"):
        return None  # "tips" of a question its best record's words never say: the answer is not this figure
    # a figure far from what the other guides give (marked at ingest) is shown apart, never as a disagreement
    apart = next((f.record for f in fits if f.record.outlier and f.record.chunk_id in chunks), None)
    fits = [f for f in fits if not f.record.outlier] or fits
    best = fits[0].score
    pointed = any(f.specific for f in fits)  # the question asks a level, place, period, year or row
    chosen: list[Record] = []
    top: dict[str, float] = {}  # each guide's best score
    for fit in fits:
        rec = fit.record
        if rec.chunk_id not in chunks:
            continue
        same = [c for c in chosen if c.source == rec.source]
        if same:
            # a guide's second figure when it fits as well ("Annual Salary: £31k to £44k; Average … £30k")
            if len(same) >= 2 or fit.score < top[rec.source] - 1.0:
                continue
            if any(c.span == rec.span and c.kind == "sentence" for c in same):
                continue  # one sentence quoted once
        elif len(top) >= 4 or (pointed and fit.score < best - 2.0):
            continue  # each guide of the job has its say on a plain question; on a pointed one, the fitting ones
        else:
            top[rec.source] = fit.score
        chosen.append(rec)
    if not chosen:
        return None
    by_id = {h.chunk.id: h for h in hits}
    cited: list[Hit] = []
    numbers: dict[str, int] = {}
    added = 0  # passages retrieval did not return rank after its hits
    for rec in chosen:
        if rec.chunk_id not in numbers:
            hit = by_id.get(rec.chunk_id)
            if hit is None:
                added += 1
                hit = Hit(chunks[rec.chunk_id], 0.0, rank=len(hits) + added, fused_rank=len(hits) + added)
            cited.append(hit)
            numbers[rec.chunk_id] = len(cited)
    measure = q.measures[0]
    groups: dict[tuple[str, str, str], list[Record]] = {}  # records of one row or field line, said together
    for rec in chosen:
        key = (
            (rec.chunk_id, rec.span, rec.occupation)
            if rec.kind != "sentence"
            else (rec.chunk_id, rec.span, "")
        )
        groups.setdefault(key, []).append(rec)
    lines = [lead_sentence(recs, numbers[recs[0].chunk_id], measure) for recs in groups.values()]
    if len(lines) > 1 and len({r.occupation for r in chosen}) > 1:
        # two jobs asked ("nurses and paramedics"): each job's figures, not a disagreement
        said = MEASURE_WORDS.get(measure, measure)
        text = f"The guides give {said} figures for several jobs:\n" + "\n".join(
            f"- {line}" for line in lines
        )
    elif (
        len(lines) > 1 and len({r.source for r in chosen}) > 1 and len({(r.low, r.high) for r in chosen}) > 1
    ):
        text = "The guides give different figures:\n" + "\n".join(f"- {line}" for line in lines)
    else:
        text = "\n".join(lines)
    if apart is not None and apart not in chosen:
        hit = by_id.get(apart.chunk_id) or Hit(chunks[apart.chunk_id], 0.0, rank=len(hits) + added + 1)
        if apart.chunk_id not in numbers:
            cited.append(hit)
            numbers[apart.chunk_id] = len(cited)
        text += f"\n\nShown apart, as an outlier ({apart.outlier}): {lead_sentence([apart], numbers[apart.chunk_id], measure)}"
        chosen.append(apart)
    elif chosen and all(r.outlier for r in chosen):
        text = f"Only an outlying figure fits ({chosen[0].outlier}):\n{text}"
    quotes: dict[str, list[str]] = {}
    for rec in chosen:
        quote = rec.span if len(rec.span) <= 240 else rec.value
        if quote not in quotes.setdefault(rec.chunk_id, []):
            quotes[rec.chunk_id].append(quote)
    explained = [
        {
            "text": fit.record.span,
            "source": fit.record.source,
            "score": fit.score,
            "features": {"record": fit.record.to_dict()},
        }
        for fit in fits[:5]
    ]
    jobs = {rec.chunk_id: [rec.occupation] for rec in chosen}
    return Draft(text, cited, explained=explained, jobs=jobs, quotes=quotes)
