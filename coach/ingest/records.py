"""Guide facts as records: every labelled figure of a guide, with what it measures and for whom.

A career page states its figures in prose ("the median salary was $72,720 in 2015"), in `label: value`
fields ("Average:; $88,005"), in rows ("Entry-level: $78,405 – $83,722; $6,534 – $6,976") and in tables
("Calgary – Alberta | 20.50 | 32.03 | 49.00 | 2019" under "Location | Low Wage $ per hr | …"). `records`
reads a guide's chunks into `Record`s: the measure (measures.toml's names), the value as written, its unit,
period and currency, the statistic or level (qualifiers.toml's names), the place and year, and the exact
span it came from, so an answer can state the record and cite the passage that holds it.

A guide's place and currency default from the guide itself (its places, found at ingest): a figure in an
Australian guide is Australian without the word beside it. This module reads the lines, rows and sentences;
record_kinds.py says what each figure measures and for which job, record_model.py holds the `Record`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from coach.ask.qualifiers import statistics_in
from coach.ingest.chunk import Chunk
from coach.ingest.figures import BARE, MONEY, figures, periods_in
from coach.ingest.local_money import local_money
from coach.ingest.record_kinds import LETTERS, measure_record, spaced
from coach.ingest.record_model import Record, Where

__all__ = ["Record", "records"]

_SEP = re.compile(r"\s*(?:\||;\s|:\s)\s*")
_HAS_SEP = re.compile(r"\||;\s|:\s|:$")
_UNITS = re.compile(r"\b(?:years?|yrs?|months?|weeks?|hours?|per|annum|a|an)\b", re.I)


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


def records(chunks: list[Chunk], places: list[str], titles: list[str] | None = None) -> list[Record]:
    """Every labelled figure the chunks of one guide state, in text order; `titles` are the corpus's job
    titles, so a pay table's row for another job is recorded for that job."""
    out: list[Record] = []
    seen: set[tuple[str, str, str]] = set()
    titled = [(t, spaced(t)) for t in titles or []]
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
            where = Where(
                chunk, chunk.section, line.strip(), places, titled, line=line, group=group, money=money
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


def _prose(line: str, where: Where) -> list[Record]:
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
            rec = measure_record(kind, m.group(0), near, before, after, "", where)
            if rec and inherited and not set(rec.statistics) & _RUNGS:
                rec = replace(rec, statistics=sorted(inherited | set(rec.statistics)))
            if rec:
                out.append(rec)
    return out


def _table_line(cells: list[str], header: list[str], where: Where) -> list[Record]:
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
        elif found and all(k == "duration" for k, _ in found) and LETTERS.search(_UNITS.sub("", cell)):
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
                rec = measure_record("bare", cell.strip(), context, context, "", column, where)
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
                rec = measure_record(
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
