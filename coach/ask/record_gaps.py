"""Gaps in the records: a figure question that names a year, a level or a pay period none of the asked job's
records of that measure states, though the job has records of it. The drafts step declines it (`no_year`,
`no_level`) rather than give another year's, level's or period's figure."""

from __future__ import annotations

from coach.ask.facts import ASKED_PERIOD, LEVELS, measure_kinds, of_asked_job, period_asked
from coach.ask.qualifiers import statistics_in, years_in
from coach.ask.question import Query
from coach.ingest.chunk import Chunk
from coach.ingest.records import Record

__all__ = ["missing_qualifier", "missing_year"]


def _holding(own: list[Record], passages: dict[str, Chunk]) -> list[Chunk]:
    """The passages that hold these records, each once."""
    return [passages[c] for c in {r.chunk_id for r in own} if c in passages]


def missing_year(q: Query, records: list[Record], passages: dict[str, Chunk]) -> str | None:
    """'2023' when a figure question names a year and the asked job's records of that measure are all of other
    years: the guides date their figures, and not to the year asked. The passages that hold those records must
    not name the year either: a survey's year in its title or heading ("Developers 2019") dates the figures under it."""
    years = years_in(q.expanded)
    if not years or not q.measures or not q.sources:
        return None
    kinds = measure_kinds(q.measures[0])
    own = [r for r in records if r.source in q.sources and r.measure in kinds]
    dated = {r.year for r in own if r.year}
    if not dated or years & dated:
        return None
    if any(years & years_in(f"{c.guide}\n{c.section}\n{c.text}") for c in _holding(own, passages)):
        return None
    return min(years)


def missing_qualifier(q: Query, records: list[Record], passages: dict[str, Chunk]) -> str | None:
    """'senior' or 'yearly' when a figure question asks a level or a period that none of the asked job's records
    of that measure states, though the job has records of it: its guides give other levels' or periods' figures
    ("a yearly salary" of a job paid by the hour, "the top 10 percent" where only the median is given). The
    passages that hold those records must not name the level or period either: a figure the records missed
    is still found by reading."""
    if not q.measures or not q.sources:
        return None
    kinds = measure_kinds(q.measures[0])
    own = [
        r
        for r in records
        if r.source in q.sources
        and r.measure in kinds
        and (not q.occupations or of_asked_job(r, q.occupations))
    ]
    if not own:
        return None
    texts = [c.text for c in _holding(own, passages)]
    levels = statistics_in(q.expanded) & LEVELS
    if (
        levels
        and not any(levels & set(r.statistics) for r in own)
        and not any(levels & statistics_in(t) for t in texts)
    ):
        return _LEVEL_WORDS[sorted(levels)[0]]
    period = period_asked(q)
    if (
        period
        and all(r.period and r.period != period for r in own)
        and not any(p.search(t) for name, p in ASKED_PERIOD if name == period for t in texts)
    ):
        return "daily" if period == "day" else f"{period}ly"
    return None


_LEVEL_WORDS = {
    "starting": "starting",
    "mid": "mid-level",
    "senior": "senior",
    "highest": "top",
    "lowest": "bottom",
}
