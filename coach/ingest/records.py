"""Guide facts as records: every labelled figure of a guide, with what it measures and for whom.

A career page states its figures in prose ("the median salary was $72,720 in 2015"), in `label: value`
fields ("Average:; $88,005"), in rows ("Entry-level: $78,405 – $83,722; $6,534 – $6,976") and in tables
("Calgary – Alberta | 20.50 | 32.03 | 49.00 | 2019" under "Location | Low Wage $ per hr | …"). `records`
reads a guide's chunks into `Record`s: the measure (measures.toml's names), the value as written, its unit,
period and currency, the statistic or level (qualifiers.toml's names), the place and year, and the exact
span it came from, so an answer can state the record and cite the passage that holds it.

A guide's place and currency default from the guide itself (its places, found at ingest): a figure in an
Australian guide is Australian without the word beside it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from coach.ask.qualifiers import statistics_in, years_in
from coach.ingest.chunk import Chunk
from coach.ingest.figures import BARE, MONEY, bounds, currency, figures, period, periods_in
from coach.ingest.identity import is_kind_of, terms
from coach.ingest.local_money import local_money
from coach.ingest.occupations import job_span
from coach.ingest.places import named_places
from coach.ingest.standard import standard

__all__ = ["Record", "records"]

# a sum for a thing, not for a stretch of time: "for each kg", "per litre", "a ride"
_PER_THING = re.compile(
    r"\s*(?:per|an?|for each|for every|each|every|/)\s*(?:kgs?|kilo(?:gram)?s?|grams?|lit(?:re|er)s?|pounds?|"
    r"lbs?|tonnes?|tons?|pieces?|pairs?|units?|items?|bags?|trips?|rides?|passengers?|sacks?)\b",
    re.I,
)
_COST = re.compile(r"\b(fees?|costs?|tuition|price|pay for|spend)\b", re.I)
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
_SEP = re.compile(r"\s*(?:\||;\s|:\s)\s*")
_HAS_SEP = re.compile(r"\||;\s|:\s|:$")
_LETTERS = re.compile(r"[A-Za-z]{2,}")
_MEASURED = re.compile(
    r"salar|wage|\bpay|earn|income|cost|fee|tuition|hours|growth|outlook|\bjobs|opening", re.I
)
_UNITS = re.compile(r"\b(?:years?|yrs?|months?|weeks?|hours?|per|annum|a|an)\b", re.I)


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# a label that names its unit in brackets, run into its value by a page's layout: "Median ($/hour)25.64"
_UNIT_LABEL = re.compile(r"\((?:[$€£¥₹₦₱]|[A-Z]{3}\b)[^()\d]{0,12}\)")
_RUN_ON = re.compile(rf"^(.*{_UNIT_LABEL.pattern})\s*(\d[\d,]*(?:\.\d+)?)$")


_GLUED = re.compile(r"(?<=\d)(?=[A-Z][a-z]{2,}(?:\s+\w+){0,3}:\s)")


def _cells(line: str) -> list[str]:
    # a value run into the next field's label by a page's layout: "Salary: $35,000 – $69,100Number of Jobs: 21,500"
    line = _GLUED.sub(" | ", line)
    cells = [c.strip(" :*") for c in _SEP.split(line) if c.strip(" :*")]
    out: list[str] = []
    for cell in cells:  # "Median ($/hour)25.64": a label naming its unit, run into its value
        run_on = _RUN_ON.match(cell)
        out.extend(run_on.groups() if run_on else (cell,))
    return out


def _header_like(line: str, cells: list[str]) -> bool:
    """A table's column names: short cells, no money, not all numbers ("Bottom 10% | Median | Top 10%")."""
    if MONEY.search(line) or not _HAS_SEP.search(line) or not cells:
        return False
    if any(len(c.split()) > 6 for c in cells):
        return False
    # a week's hours ("37 to 40 a week") is a value, where a percentile ("Top 10%") can name a column
    return not any(BARE.match(c) or any(k in ("hours", "weekly") for k, _ in figures(c)) for c in cells)


@dataclass
class _Where:
    """Where a figure stands: its chunk, section, the line that holds it and the guide's places."""

    chunk: Chunk
    section: str
    span: str
    places: list[str]
    titles: list[tuple[str, str]]  # the corpus's job titles, each with its spaced form (_spaced)
    kind: str = "field"
    line: str = ""  # the whole line (a row's span is its own cells)
    group: str = ""  # a short line without figures over the fields below it ("Community/AreaAlberta")
    # the guide's country's own money in letters ("E35" in Eswatini; local_money.py)
    money: re.Pattern[str] | None = None


def records(chunks: list[Chunk], places: list[str], titles: list[str] | None = None) -> list[Record]:
    """Every labelled figure the chunks of one guide state, in text order; `titles` are the corpus's job
    titles, so a pay table's row for another job is recorded for that job."""
    out: list[Record] = []
    seen: set[tuple[str, str, str]] = set()
    spaced = [(t, _spaced(t)) for t in titles or []]
    money = local_money(places, "\n".join(c.text for c in chunks))
    header: list[str] = []
    last_header = False
    for chunk in chunks:
        leaf = chunk.section.split(" > ")[-1]
        group = ""
        for i, line in enumerate(ln for ln in chunk.text.split("\n") if ln.strip()):
            cells = _cells(line)
            if len(line.split()) <= 4 and not re.search(r"\d", line):
                group = line.strip()  # the fields below it are of this ("Community/AreaAlberta")
            elif len(line.split()) > 14:
                group = ""
            if i == 0 and line.strip() == leaf.strip():
                if last_header:  # a column name the section parser took for a heading ("Year |")
                    header += cells
                continue
            if _header_like(line, cells):
                header = header + cells if last_header else cells
                last_header = True
                continue
            last_header = False
            where = _Where(
                chunk, chunk.section, line.strip(), places, spaced, line=line, group=group, money=money
            )
            n_words = len(line.split())
            sentence = n_words > 14 or (n_words >= 7 and line.rstrip().endswith((".", "!", "?")))
            if sentence and (len(cells) <= 2 or n_words / len(cells) > 8):
                header = []
                found = _prose(line, where)
            else:
                found = _table_line(cells, header, where)
            for rec in found:
                key = (rec.measure, rec.value, rec.label)
                if key not in seen:
                    seen.add(key)
                    out.append(rec)
    return out


# what stands between a sum and its conversion: "450 MDL ($25)", "ISK 957,000 or £5,467", "400 Nakfa or about US$ 26"
_CONVERTED = re.compile(
    r"\s*(?:\(|or|/)\s*(?:about|around|roughly|approximately|some|nearly|almost)?\s*", re.I
)
_SCALE_WORDS = frozenset(
    [
        "to",
        "and",
        "between",
        "k",
        "m",
        "mn",
        "bn",
        "million",
        "billion",
        "trillion",
        "thousand",
        "lakh",
        "lakhs",
        "lpa",
        "crore",
        "crores",
    ]
)


def _marks(value: str) -> frozenset[str]:
    """The currency marks a sum is written with ("NT$", "US$", "MDL", "£"): a page's own reading of a bare "$"
    as its local money would make a sum and its conversion one currency."""
    marks = re.findall(r"[^\d\s,.()+\-–—]+", value)
    return frozenset(k for k in marks if k.lower() not in _SCALE_WORDS)


_RUNGS = frozenset({"starting", "mid", "senior"})  # the levels of a career (qualifiers.toml)
_ANAPHOR = re.compile(r"(?:They|These|Those|Such)\b")


def _prose(line: str, where: _Where) -> list[Record]:
    """A sentence's figures, each labelled by the words between it and its neighbours."""
    out: list[Record] = []
    previous = ""
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line):
        found = figures(sentence, where.money)
        # "Senior analysts work ... They can expect RM4,000": the pronoun's level is the sentence before's
        inherited = statistics_in(previous) & _RUNGS if _ANAPHOR.match(sentence) else frozenset()
        previous = sentence
        # a percentage between two sums is a percentile's name ("the top 10 percent earned $80,890"): the
        # words around a figure run to the neighbouring figures of other kinds
        bounds_of = [f for f in found if f[0] != "percent"]
        for kind, m in found:
            others = bounds_of if kind != "percent" else found
            start = max((f[1].end() for f in others if f[1].end() <= m.start()), default=0)
            end = min((f[1].start() for f in others if f[1].start() >= m.end()), default=len(sentence))
            before, after = sentence[start : m.start()], sentence[m.end() : end]
            nxt = next((f for f in others if f[1].start() == end), None)
            if (
                nxt is not None
                and nxt[0] == "hours"
                and (span := re.match(r"[\s-]*(?:week|day)\b", sentence[nxt[1].end() :]))
            ):
                # "NZ$315 for a 40 hour week": a week's pay; "EGP 1,800 for a full 8-hour day": a day's
                after = sentence[m.end() : nxt[1].end() + span.end()]
            if (
                kind == "money"
                and nxt is not None
                and nxt[0] == "money"
                and _CONVERTED.fullmatch(sentence[m.end() : nxt[1].start()])
                and _marks(m.group(0)) != _marks(nxt[1].group(0))
            ):
                # "450 MDL ($25) per day", "ISK 957,000 or £5,467 a month": a sum and its conversion into another
                # currency share the period said after the second (not "$15.84 ($32,940 annually)", one currency's
                # hourly and yearly figures)
                later = (f[1].start() for f in others if f[1].start() >= nxt[1].end())
                after = sentence[m.end() : min(later, default=len(sentence))]
            where.span, where.kind = sentence.strip(), "sentence"
            after_words = re.split(r",|;|\band\b|\bwhile\b|\bbut\b", after[:40])[0]
            # the words that qualify this figure, not its neighbours
            near = f"{before[-130:]} {after_words}".strip()
            rec = _record(kind, m.group(0), near, before, after, "", where)
            if rec and inherited and not set(rec.statistics) & _RUNGS:
                rec = replace(rec, statistics=sorted(inherited | set(rec.statistics)))
            if rec:
                out.append(rec)
    return out


def _table_line(cells: list[str], header: list[str], where: _Where) -> list[Record]:
    """A row (or several rows on one line): label cells name the figures that follow them."""
    out: list[Record] = []
    rows: list[list[str]] = []
    where.kind = "row" if header else "field"
    for cell in cells:
        found = figures(cell, where.money)
        figure = bool(found) or bool(BARE.match(cell))
        if not figure and (not rows or len(rows[-1]) > 1 or not rows[-1]):
            rows.append([cell])
        elif not figure:
            rows[-1][0] = f"{rows[-1][0]} {cell}"
        elif found and all(k == "duration" for k, _ in found) and _LETTERS.search(_UNITS.sub("", cell)):
            rows.append([cell, cell])  # "Entry-Level Electricians (0–2 years)": a label that states a figure
        elif found and all(k == "percent" for k, _ in found) and statistics_in(cell, labels=True):
            rows.append([cell])  # "Top 10%": a percentile's name, not a figure
        else:
            if not rows:
                rows.append([""])
            rows[-1].append(cell)
    numeric = sum(1 for r in rows for c in r[1:] if BARE.match(c)) >= 2
    line, cursor = where.span, 0
    for row in rows:
        label, values = row[0], row[1:]
        if len(rows) > 1 and row[-1]:  # several rows on one line: each record quotes its own row
            start = line.find(row[0] or row[1], cursor)
            end = line.find(row[-1], max(start, 0)) + len(row[-1])
            if start >= 0 and end > start:
                where.span, cursor = line[start:end], end
        if len(header) == len(values) + 1:
            names = header[1:]
        elif len(header) == len(values):
            names = header
        else:
            names = [""] * len(values)
        for cell, column in zip(values, names, strict=True):
            if BARE.match(cell):
                if not (numeric or _UNIT_LABEL.search(label)) or re.fullmatch(r"(?:19|20)\d\d", cell.strip()):
                    continue  # a lone number whose label names no unit, or a year column
                context = " · ".join(x for x in (label, column) if x)
                rec = _record("bare", cell.strip(), context, context, "", column, where)
                if rec:
                    out.append(rec)
                continue
            found = figures(cell, where.money)
            sums = [m.start() for k, m in found if k == "money"]
            # a header naming several periods ("Annual Salary Monthly Salary Hourly Wage"): the row's sums in order
            said = periods_in(label)
            columns = (said if len(said) == len(sums) else []) if len(set(said)) > 1 else None
            for kind, m in found:
                own = (cell[: m.start()] + " " + cell[m.end() :]).strip(" :;,.-–|*()")
                if cell == label:
                    own = ""
                context = " · ".join(x for x in (label, own, column) if x)
                order = (
                    (columns, sums.index(m.start())) if columns is not None and m.start() in sums else None
                )
                rec = _record(
                    kind,
                    m.group(0),
                    context,
                    f"{label} {cell[: m.start()]}",
                    cell[m.end() :],
                    column,
                    where,
                    order,
                )
                if rec:
                    out.append(rec)
    return out


def _spaced(text: str) -> str:
    """' registered nurse ': a text's lower-case words, padded, for whole-word containment."""
    return f" {' '.join(re.findall(r'[a-z]+', text.lower()))} "


def _occupation(label: str, leaf: str, role: str, titles: list[tuple[str, str]], sentence: bool) -> str:
    """The job a figure is for: a corpus title its heading or short label names ('Senior Welder',
    'Enrolled Nurse Salary Range'), a job its sentence names ('the median income for graphic designers'), else
    the guide's own."""
    short = [leaf] + ([label] if len(label.split()) <= 8 else [])
    for text in short:
        low = _spaced(text)
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


def _record(
    kind: str,
    value: str,
    label: str,
    before: str,
    after: str,
    column: str,
    where: _Where,
    order: tuple[list[str], int] | None = None,
) -> Record | None:
    leaf = where.section.split(" > ")[-1]
    context = f"{leaf} {label}"
    if not _LETTERS.search(label) and not _MEASURED.search(f"{leaf} {where.line}"):
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
    years = sorted(years_in(label) or years_in(where.span))
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
    if kind == "money" and _AGGREGATE.search(value):
        return None  # "exports of ISK 42bn", "a $109.5 billion budget": an industry's or a budget's sum, no one's pay
    if kind == "money" or (kind == "bare" and re.search(r"[$€£₹]|wage|salary|\bpay\b|earn", context, re.I)):
        if _COST.search(label) and not re.search(r"salar|wage|earn|\bpay\b|income", label, re.I):
            return replace(base, measure="cost", unit=currency(value, codes))
        if _PER_THING.match(after):
            return None  # "RM1.35 for each kg", "$2 a ride": a piece rate or a price, no period's pay
        unit = currency(value, codes) if kind == "money" else currency(column or label, codes)
        per = period(after, before, f"{column} {leaf}", low, unit, *(order or (None, 0)))
        measure = "hourly_pay" if per == "hour" else "pay"
        return replace(base, measure=measure, unit=unit, period=per)
    if kind == "percent":
        if not _LETTERS.search(label):
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
        for text in (own, context) if _LETTERS.search(own) else (context,):
            for measure, pattern in _COUNT_MEASURES:
                if pattern.search(text):
                    return replace(base, measure=measure, unit="")
            if text is own:
                return None  # "Job Seekers: 53,500" names a count that is none of the measures
    return None
