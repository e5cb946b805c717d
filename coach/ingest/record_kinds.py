"""What one figure of a guide measures, and for which job: pay (by its period), cost, growth, share, jobs,
openings, hours or experience, from the words around it (`measure_record`); None for a figure that is none of
them, a price of a thing ("RM1.35 for each kg") or a sum in billions."""

from __future__ import annotations

import re
from dataclasses import replace

from coach.ask.qualifiers import statistics_in, years_in
from coach.ingest.figures import MONEY, bounds, currency, periods_in, read_period
from coach.ingest.identity import is_kind_of, terms
from coach.ingest.occupations import job_span
from coach.ingest.places import named_places
from coach.ingest.record_model import Record, Where
from coach.ingest.standard import standard

__all__ = ["LETTERS", "measure_record", "spaced"]

# a sum for a thing, not for a stretch of time: "for each kg", "per litre", "a ride"
_PER_THING = re.compile(
    r"\s*(?:per|an?|for each|for every|each|every|/)\s*(?:kgs?|kilo(?:gram)?s?|grams?|lit(?:re|er)s?|pounds?|"
    r"lbs?|tonnes?|tons?|pieces?|pairs?|units?|items?|bags?|trips?|rides?|passengers?|sacks?)\b",
    re.I,
)
# a pay figure's ceiling ("can earn up to $90,000"; not a sum: "adds up to $32,968 per year")
_UP_TO = re.compile(r"(?<!\badd )(?<!\badds )(?<!\badded )\bup to\s*$", re.I)
_COST = re.compile(r"\b(fees?|costs?|tuition|price|pay for|spend|purchas\w*|buy(?:ing)?|bought)\b", re.I)
# a sum in billions or trillions: in the pool's 542 pages every such "pay" figure was an industry's exports, a
# company's revenue or a government's budget, where sums in millions are still wages in some currencies
# ("VND6.5 million each month", "₦ 10 million annually")
_AGGREGATE = re.compile(r"\d\s?(?:billion|bn|trillion)\b", re.I)
_COUNT_MEASURES = (
    ("openings", re.compile(r"opening|vacanc", re.I)),
    ("change", re.compile(r"new jobs|employment change|jobs (?:will be )?added", re.I)),
    ("jobs", re.compile(r"\bjobs\b|employ|workers|workforce|\bheld\b", re.I)),
)
# growth is of jobs: "employment will increase 5%", not "increased satisfaction scores by 25%"
_JOBS = r"\b(?:employment|jobs?|workforce|openings|positions|vacancies|workers)\b"
_GROWTH = re.compile(
    rf"grow|growth|outlook|project|demand|^\s*[+]\d|{_JOBS}[^.\n]{{0,80}}(?:increase|decline|change)"
    rf"|(?:increase|decline|change)[^.\n]{{0,80}}{_JOBS}",
    re.I,
)
_TRAINING = re.compile(
    r"train|apprentic|course|degree|study|studies|program|qualif|school|diploma|takes?\b", re.I
)
LETTERS = re.compile(r"[A-Za-z]{2,}")
_MEASURED = re.compile(
    r"salar|wage|\bpay|earn|income|cost|fee|tuition|hours|growth|outlook|\bjobs|opening", re.I
)


def spaced(text: str) -> str:
    """' registered nurse ': a text's lower-case words, padded, for whole-word containment."""
    return f" {' '.join(re.findall(r'[a-z]+', text.lower()))} "


def _occupation(label: str, leaf: str, role: str, titles: list[tuple[str, str]], sentence: bool) -> str:
    """The job a figure is for: a corpus title its heading or short label names ('Senior Welder',
    'Enrolled Nurse Salary Range'), a job its sentence names ('the median income for graphic designers'), else
    the guide's own."""
    short = [leaf] + ([label] if len(label.split()) <= 8 else [])
    for text in short:
        low = spaced(text)
        named = [title for title, spaced in titles if spaced in low]
        if named:
            return max(named, key=len)
    head = standard().singular(role.split()[-1]).lower() if role.split() else ""
    for text in [label] if sentence else short:
        if set(terms(role)) <= set(terms(text)):
            return role  # "Senior Electricians/Contractors (10+ years)" in an electrician guide
        other = job_span(text)
        if other and not is_kind_of(role, other):
            return other  # "Enrolled Nurse Salary Range" in a registered nurse guide
        if head and re.search(rf"\b{re.escape(head)}", text, re.I):
            return role
    return role


def measure_record(
    kind: str,
    value: str,
    label: str,
    before: str,
    after: str,
    column: str,
    where: Where,
    order: tuple[list[str], int] | None = None,
) -> Record | None:
    if kind == "money" and _AGGREGATE.search(value):
        return None  # "exports of ISK 42bn", "a $109.5 billion budget": an industry's or a budget's sum, no one's pay
    leaf = where.section.split(" > ")[-1]
    context = f"{leaf} {label}"
    if not LETTERS.search(label) and not _MEASURED.search(f"{leaf} {where.line}"):
        return None  # a figure no label and no heading names: ingest marks it, nobody can ask for it
    low, high = bounds(value)
    # a region counts only in a country the guide is about ("Most" is a Czech region, not a place here)
    countries = {p.split("-")[0] for p in where.places}
    named = [
        (name, code)
        for name, code in named_places(label) or named_places(where.group) or named_places(leaf)
        if code.split("-")[0] in countries or (not countries and "-" not in code)
    ]
    # no place beside it: the guide's own, when the guide is about one country (a page of salaries around the
    # world says nothing of where an unplaced figure is from)
    codes = sorted({c for _, c in named}) or (list(where.places) if len(countries) == 1 else [])
    stats = sorted(statistics_in(label, labels=True) or statistics_in(leaf, labels=True))
    # a sum is no year, however it reads ("lead 1960 euros net")
    years = sorted(years_in(MONEY.sub(" ", label)) or years_in(MONEY.sub(" ", where.span)))
    base = Record(
        source=where.chunk.source,
        measure="",
        chunk_id=where.chunk.id,
        occupation=_occupation(label, leaf, where.chunk.role, where.titles, where.kind == "sentence"),
        value=value.strip(),
        low=low,
        high=high,
        statistics=stats,
        label=re.sub(r"\s+", " ", label).strip()[:160],
        places=codes,
        place_text=named[0][0] if named else "",
        year=years[-1] if years else None,
        span=where.span,
        section=leaf,
        kind=where.kind,
    )
    if kind == "money" or (kind == "bare" and re.search(r"[$€£₹]|wage|salary|\bpay\b|earn", context, re.I)):
        if _COST.search(label) and not re.search(r"salar|wage|earn|\bpay\b|income", label, re.I):
            return replace(base, measure="cost", unit=currency(value, codes))
        if _PER_THING.match(after):
            return None  # "RM1.35 for each kg", "$2 a ride": a piece rate or a price, no period's pay
        unit = currency(value, codes) if kind == "money" else currency(column or label, codes)
        per, stated = read_period(after, before, f"{column} {leaf}", low, unit, *(order or (None, 0)))
        measure = "hourly_pay" if per == "hour" else "pay"
        stats = base.statistics
        if _UP_TO.search(before) and not {"highest", "median", "average"} & set(stats):
            # "can earn up to $90,000 per year": the most one earns; an "average salary of up to Rs 4.1 lakh"
            # stays the average its words say
            stats = sorted({*stats, "highest"})
        # a period read from the figure's size is the guide's own when its passage names it ("a breakdown of
        # annual, monthly and hourly pay" above the rows)
        guessed = not stated and per not in periods_in(where.chunk.text)
        return replace(base, measure=measure, unit=unit, period=per, statistics=stats, period_guessed=guessed)
    if kind == "percent":
        if not LETTERS.search(label):
            return None  # "10%" alone is a column name, not a figure
        # a short field under an outlook heading ("Growth Rate: 8%"), or words of its own that say growth
        said = _GROWTH.search(label) or (len(label.split()) <= 6 and _GROWTH.search(leaf))
        measure = "growth" if said else "share"
        return replace(base, measure=measure, unit="%")
    if kind == "duration":
        said_unit = re.search(r"year|yr|month|week", value, re.I)
        name = (
            {"yr": "years"}.get(said_unit.group(0).lower(), said_unit.group(0).lower() + "s")
            if said_unit
            else "years"
        )
        if not _TRAINING.search(context) and not re.search(
            r"experience|level|senior|junior|entry", context, re.I
        ):
            return None
        return replace(base, measure="experience", unit=name)
    if kind == "hours":
        if not re.search(r"week|\bwk\b|hours? per|hours a\b|working hours|^hours", context, re.I):
            return None  # "shifts that cover 24 hours" is no working week
        return replace(base, measure="hours", unit="hours")
    if kind == "weekly":
        if not re.search(r"\bhours?\b", f"{label} {leaf}", re.I):
            return None  # "40 a week" under no word for hours: visits, calls, jobs, anything
        return replace(base, measure="hours", unit="hours")
    if kind == "bare":
        own = label.split(" · ")[0]
        for text in (own, context) if LETTERS.search(own) else (context,):
            for measure, pattern in _COUNT_MEASURES:
                if pattern.search(text):
                    return replace(base, measure=measure, unit="")
            if text is own:
                return None  # "Job Seekers: 53,500" names a count that is none of the measures
    return None
