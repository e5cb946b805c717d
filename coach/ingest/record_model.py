"""A guide's figure as a record (`Record`), and where a figure stands while its guide is read (`Where`)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from coach.ingest.chunk import Chunk

__all__ = ["Record", "Where"]


@dataclass
class Record:
    """One labelled figure of one guide."""

    source: str
    chunk_id: str
    occupation: str  # the job it is for: the guide's role, or another job a column or heading names
    measure: str  # pay | hourly_pay | cost | growth | share | jobs | openings | change | hours | experience
    value: str  # as written: "$78,405 – $83,722"
    low: float
    high: float | None = None
    unit: str = ""  # currency code, "%", "years", "months", "weeks", "hours" or "" for a count
    period: str | None = None  # hour | week | month | year, for pay
    statistics: list[str] = field(default_factory=list)  # qualifiers.toml names: median, starting, senior…
    label: str = ""  # the words that say what the figure is: "Entry-level · Hourly Salary"
    places: list[str] = field(default_factory=list)  # ISO codes; the guide's own when the label names none
    place_text: str = ""  # the place as the guide writes it, when the label names one: "Toronto – Ontario"
    year: str | None = None
    span: str = ""  # the exact text of the chunk that states it (a line, a row, a sentence)
    section: str = ""  # the heading it stands under: "Metro / Product, SaaS or tech company"
    kind: str = (
        "field"  # sentence (prose states it) | field (a label: value) | row (a table's row and column)
    )
    outlier: str = ""  # why it is far from what the corpus's other guides give for the same job and measure
    period_guessed: bool = False  # the period is read from the figure's size: the guide never says it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Where:
    """Where a figure stands: its chunk, section, the line that holds it and the guide's places."""

    chunk: Chunk
    section: str
    span: str
    places: list[str]
    titles: list[tuple[str, str]]  # the corpus's job titles, each with its spaced form (record_kinds.spaced)
    kind: str = "field"
    line: str = ""  # the whole line (a row's span is its own cells)
    group: str = ""  # a short line without figures over the fields below it ("Community/AreaAlberta")
    # the guide's country's own money in letters ("E35" in Eswatini; local_money.py)
    money: re.Pattern[str] | None = None
