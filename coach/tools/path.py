"""Career path: the rungs a guide's career ladder gives for an occupation, in order, each with its years, its pay
from every guide that gives it and what it involves, all quoted and cited; where the asker stands and what
comes next.

A ladder is a run of sibling sections named by job titles ("Career Path > Apprentice Welder", "Career Path >
Welder", "Career Path > Senior Welder", ...), as the unit scorer mines it once per index (coach/ask/units.py). A rung's years are
the duration its own passage states; its pay, the records of any guide for that job title (coach/ingest/
records.py). Where no guide gives a ladder holding the role, the coach's own answer about its progression is
quoted instead, or the tool declines.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from coach.ask.coach import Coach
from coach.ask.record_text import record_clause, record_phrase
from coach.errors import ConfigError
from coach.ingest.chunk import Chunk
from coach.ingest.measures import measures
from coach.ingest.records import Record
from coach.tools.common import Citations, about, not_covered, resolve_role

_FOCUS = 2  # what a rung involves: its first few sentences or items
_MIN_RUNGS = 3  # fewer sibling job-title sections are a list of jobs, not a ladder
_YEARS = re.compile(r"(\d+)\s*(?:\+|(?:-|–|to)\s*(\d+))?\s*(?:years?|yrs?)", re.I)


@dataclass
class Quote:
    text: str
    n: int  # the citation it comes from


@dataclass
class Rung:
    title: str
    years: Quote | None = None
    pay: list[Quote] = field(default_factory=list)
    focus: list[Quote] = field(default_factory=list)


@dataclass
class CareerPath:
    """What `coach path --json` and POST /api/path return."""

    role: str  # the corpus's title for the role asked (as asked when no guide covers it)
    ladder: list[Rung]
    current: str | None  # the rung matching the role (and years, when given)
    next: list[str]  # the next one or two rungs
    answer: str
    citations: list[dict[str, Any]]
    refused: bool = False
    source: str | None = None  # the guide whose ladder it is

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _span_years(text: str) -> tuple[float, float] | None:
    m = _YEARS.search(text)
    if not m:
        return None
    low = float(m.group(1))
    return low, float(m.group(2)) if m.group(2) else (99.0 if "+" in m.group(0) else low)


def career_path(coach: Coach, role: str, years: float | None = None, guide: str | None = None) -> CareerPath:
    """The tool's entry point: the ladder holding `role` (in `guide` when given), the rung the asker is on and
    the next ones. ConfigError for an empty role or negative years."""
    if not role.strip():
        raise ConfigError("name a role, e.g. coach path 'welder' --years 2")
    if years is not None and not 0 <= years <= 60:
        raise ConfigError(f"--years {years:g}: give years of experience between 0 and 60")
    title = resolve_role(coach, role.strip())
    if title is None:
        text = not_covered(coach, role.strip())
        return CareerPath(role.strip(), [], None, [], text, [], True)
    holding = [
        (key, rungs)
        for key, rungs in coach.extractive.ladders.items()
        if len(rungs) >= _MIN_RUNGS
        and any(r.section.rpartition(" > ")[2].lower() == title.lower() for r in rungs)
        and (guide is None or guide in (key[0], rungs[0].guide, rungs[0].role))
    ]
    if not holding:
        return _no_ladder(coach, title)
    (source, _), rungs = holding[0]
    citations = Citations()
    ladder = [_rung(coach, c, citations) for c in rungs]
    at = next(i for i, r in enumerate(ladder) if r.title.lower() == title.lower())
    if years is not None:  # the rung of the same job family whose years hold the asker's
        for i, (r, c) in enumerate(zip(ladder, rungs, strict=True)):
            span = _span_years(c.text)
            if span and span[0] <= years < span[1] + 1 and i >= at and _same_family(r.title, title):
                at = i
                break
    nxt = [r.title for r in ladder[at + 1 : at + 3]]
    return CareerPath(
        title, ladder, ladder[at].title, nxt, _render(title, ladder, at), citations.items, False, source
    )


def _same_family(a: str, b: str) -> bool:
    """'Senior Staff Nurse' and 'Staff Nurse': one job, another level."""
    return a.lower().split()[-1] == b.lower().split()[-1]


def _rung(coach: Coach, chunk: Chunk, citations: Citations) -> Rung:
    title = chunk.section.rpartition(" > ")[2]
    rung = Rung(title)
    units = [u for u in coach.extractive.units.get(chunk.id, []) if u.text.strip() != title]
    experience = measures()["experience"]
    focus: list[str] = []
    for u in units:
        if rung.years is None and experience.figure is not None and (m := experience.figure.search(u.text)):
            start = u.text.rfind("\n", 0, m.start()) + 1
            years = u.text[start:].split("\n")[0].strip() if len(u.text) > 80 else u.text.strip()
            rung.years = Quote(years, citations.add(chunk, [years], [title]))
        elif len(focus) < _FOCUS and u.kind != "row":
            focus.append(u.text.strip())
    rung.focus = [Quote(t, citations.add(chunk, [t], [title])) for t in focus]
    for rec in _pay_records(coach.profile.records, title):
        found = coach.retriever.by_id.get(rec.chunk_id)
        if found is None:
            continue
        text = (
            record_clause(rec.span, rec.value) if rec.kind == "sentence" else record_phrase(rec, rec.measure)
        )
        rung.pay.append(Quote(f"{text} ({rec.source})", citations.add(found, [rec.span], [title])))
    return rung


def _pay_records(records: list[Record], title: str) -> list[Record]:
    """Each guide's pay records for a rung's job: its own, or a table row the rung's title labels; the median
    (else the first) per guide."""
    low = title.lower()
    mine = [
        r
        for r in records
        if r.measure == "pay" and (r.occupation.lower() == low or r.label.lower().split(" · ")[0] == low)
    ]
    by_source: dict[str, Record] = {}
    for r in mine:
        if r.source not in by_source or (
            "median" in r.statistics and "median" not in by_source[r.source].statistics
        ):
            by_source[r.source] = r
    return list(by_source.values())


def _no_ladder(coach: Coach, title: str) -> CareerPath:
    """No ladder holds the role: the coach's own answer about its progression, when its guides give one."""
    result = coach.ask(f"What is the career path for a {title.lower()}?")
    cited = [c for c in result.citations if about(c, title)]
    if result.refused or not cited:
        text = f"The guides give no career ladder or progression for {title}."
        return CareerPath(title, [], None, [], text, [], True)
    text = f"The guides give no career ladder for {title}; what they say of its progression:\n{result.answer}"
    return CareerPath(title, [], None, [], text, result.citations)


def _render(title: str, ladder: list[Rung], at: int) -> str:
    lines = [f"Career path for {title}, from the guides' own ladder:"]
    for i, r in enumerate(ladder):
        mark = " (you are here)" if i == at else ""
        years = f" — {r.years.text} [{r.years.n}]" if r.years else ""
        lines.append(f"{i + 1}. {r.title}{mark}{years}")
        for q in r.pay:
            lines.append(f"   Pay: {q.text} [{q.n}]")
        for q in r.focus:
            lines.append(f"   {q.text} [{q.n}]")
    if at + 1 < len(ladder):
        lines.append(f"\nNext: {' then '.join(r.title for r in ladder[at + 1 : at + 3])}.")
    return "\n".join(lines)
