"""Stage 6b: quoted units -> an answer that reads well.

One sentence that answers first (the figure, the job, the next rung: words taken from the quotes),
then the quotes grouped by guide with one marker per run, then what the question asked that the
quotes do not cover ("The guides give US figures only, not UK ones."). The wording is data:
`prompts/answer.toml`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from coach.ask.qualifiers import statistics_in
from coach.ask.question import place_pattern, places_in
from coach.errors import ConfigError
from coach.ingest.identity import same_occupation
from coach.ingest.measures import Measure
from coach.ingest.place_names import country_name
from coach.ingest.places import guides_about
from coach.settings import get_settings

# how a figure intent reads when the question named no measure
_INTENT_MEASURE = {"salary": "pay", "years": "experience", "growth": "growth"}


@dataclass
class Piece:
    """One quoted unit as the answer shows it."""

    text: str
    marker: int
    source: str
    role: str
    job: str  # the job the unit is about: its row or rung, else its guide's role
    kind: str  # sentence | item | row | fields
    numbers: set[str] = field(default_factory=set)
    section: str = ""
    fits: bool = True  # carries the kind of figure asked for
    extra: bool = False  # added after the answer's own picks: opens only in words, and only if it fits


@dataclass
class Framing:
    """What the question asked, as far as the wording of the answer goes."""

    numeric: bool = False
    measure: str | None = None  # the measure asked (rules/measures.toml), or a figure intent
    places: list[str] = field(default_factory=list)
    document: str | None = None  # "cover letter" when the question asks the coach to write one
    next_step: tuple[str, str, int] | None = None  # (current rung, next rung, its marker)
    statistics: frozenset[str] = frozenset()  # a statistic asked for: {"highest"} for "the top 10%"
    guide_places: dict[str, list[str]] = field(default_factory=dict)  # source -> ISO codes the guide is about
    jobs: list[str] = field(default_factory=list)  # the corpus jobs the question names


@lru_cache(maxsize=4)
def _wording(directory: str) -> dict[str, object]:
    path = Path(directory) / "answer.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"prompt {path} is missing: restore it or set COACH_PROMPTS_DIR to a folder that has it"
        ) from exc


def wording() -> dict[str, object]:
    """`prompts/answer.toml` from the prompts folder."""
    return _wording(str(get_settings().prompts_dir))


def tidy(text: str) -> str:
    return text.strip().rstrip(";")


def sentence(text: str) -> str:
    text = tidy(text)
    return text if re.search(r"[.!?:)\]]$", text) else text + "."  # "run in:" introduces what follows


def figure_phrase(piece: Piece, measure: Measure | None = None, asked: frozenset[str] = frozenset()) -> str:
    """The part of a unit that carries its figure: a row's values, or the clause of a sentence with the number."""
    text = tidy(piece.text).rstrip(".")
    if piece.kind in ("row", "fields"):
        head, sep, rest = text.partition(": ")
        if not sep or not (piece.kind == "row" or head.lower() == piece.job.lower()):
            return text
        label, sep, value = rest.partition(": ")  # "Experience: 5-8 years" -> "5-8 years"
        short_label = sep and len(label.split()) <= 3 and not re.search(r"\d", label)
        return value if short_label and piece.kind == "fields" else rest
    # a spaced dash between two figures is a range ("MZN 25,000 – MZN 32,000"), no break between clauses
    clauses = [c for c in re.split(r"(?<=[,;])\s+(?=\D)|(?<!\d)\s+[–—]\s+", text) if c.strip()]
    spelled = measure.figure if measure is not None and measure.figure else None
    # a figure in digits, or a sum the measure reads in words ("one million shillings each month")
    with_figure = [c for c in clauses if re.search(r"\d", c) or (spelled is not None and spelled.search(c))]
    if measure is not None and measure.figure:
        with_figure = [c for c in with_figure if measure.figure.search(c)] or with_figure
    if asked:  # "the top 10%": the clause that names it, not the lowest one before it
        with_figure = [c for c in with_figure if asked & statistics_in(c)] or with_figure
    clause = (with_figure or clauses or [text])[0].strip().rstrip(",;")
    words = clause.split()
    if len(words) > 18:  # a window around the figures, marked as cut
        idx = [i for i, w in enumerate(words) if re.search(r"\d", w)] or [0]
        lo, hi = max(0, idx[0] - 4), min(len(words), idx[-1] + 5)
        clause = ("…" if lo else "") + " ".join(words[lo:hi]) + ("…" if hi < len(words) else "")
    return clause


def _markers(pieces: list[Piece]) -> str:
    return " ".join(f"[{n}]" for n in dict.fromkeys(p.marker for p in pieces))


def lead(pieces: list[Piece], how: Framing, measure: Measure | None) -> str | None:
    """The opening sentence, or None when the best quote should open the answer itself."""
    words = wording()
    if how.next_step:
        current, nxt, n = how.next_step
        out = [str(words["next_step"]).format(current=current, next=nxt, n=n)]
        years = next((p for p in pieces if p.kind == "fields" and p.numbers), None)
        if years is not None:
            out.append(str(words["next_years"]).format(years=figure_phrase(years), n=years.marker))
        pay = next((p for p in pieces if p.kind == "row" and p.numbers), None)
        if pay is not None:
            out.append(str(words["next_pay"]).format(pay=figure_phrase(pay), n=pay.marker))
        return " ".join(out)
    # a unit added after the answer's own picks never changes which figures it opens with
    figures = [p for p in pieces if p.numbers and p.fits and not p.extra]
    if not how.numeric or not figures:
        return None
    names = words.get("measures", {})
    label = how.measure or ""
    label = str(names.get(label, label.replace("_", " "))) if isinstance(names, dict) else label
    per_source: dict[str, Piece] = {}
    for p in figures:
        per_source.setdefault(p.source, p)
    for p in reversed(figures):
        # each guide speaks first with a figure of the job asked where it gives one; asked of no job, with the
        # figure for its own job, not a row of its ladder or table
        if any(same_occupation(p.job, j) for j in how.jobs) if how.jobs else p.job == p.role:
            per_source[p.source] = p
    first = list(per_source.values())
    jobs = list(dict.fromkeys(p.job for p in first))
    one_job = all(same_occupation(a, b) for a in jobs for b in jobs)
    if len({frozenset(p.numbers) for p in first}) == 1 or len(first) == 1:
        same = [p for p in first if p.numbers == first[0].numbers]
        return f"{first[0].job} {label}: {figure_phrase(first[0], measure, how.statistics)}. {_markers(same)}"
    if one_job:
        roles = {p.role for p in first}
        figures_text = "; ".join(
            f"{figure_phrase(p, measure, how.statistics)} [{p.marker}] ({p.source if len(roles) == 1 else p.role + ' guide'})"
            for p in first
        )
        return str(words["figure_same"]).format(job=jobs[0], measure=label, figures=figures_text)
    figures_text = "; ".join(
        f"{p.job}: {figure_phrase(p, measure, how.statistics)} [{p.marker}]" for p in first
    )
    return str(words["figure_jobs"]).format(measure=label, figures=figures_text)


def _said(piece: Piece, opening: str) -> bool:
    """A unit the opening sentence already gives whole: a row or field run's figures, or a whole sentence."""
    if not opening:
        return False
    phrase = figure_phrase(piece)
    whole = piece.kind in ("row", "fields") or phrase == tidy(piece.text).rstrip(".")
    return whole and phrase in opening


def names_job(text: str, job: str, role: str = "") -> bool:
    """Does `text` name `job`? A guide's own job counts when one of its words is there in any form
    ("interpreters" names Interpreter and Translator); a rung or row of another job needs its whole title."""
    low = text.lower()
    if job.lower() in low:
        return True
    return job == role and any(w[:6] in low for w in re.findall(r"[a-z][a-z-]{3,}", job.lower()))


def groups(
    pieces: list[Piece],
    skip: str = "",
    among: list[Piece] | None = None,
    guide_places: dict[str, list[str]] | None = None,
) -> list[str]:
    """The quotes grouped by guide, in order of first appearance; a marker ends each run of one passage. Where
    the answer (`among`, all its quotes) holds several guides of one role, each header names its guide, and the
    countries the guide is about where known ("(Guatemala: gt-coffee.txt)")."""
    words = wording()
    order = list(dict.fromkeys(p.source for p in pieces))
    roles: dict[str, list[str]] = {}
    for source, role in {p.source: p.role for p in among or pieces}.items():  # a guide has one role
        roles.setdefault(role, []).append(source)
    lines: list[str] = []
    for source in order:
        group = [p for p in pieces if p.source == source and not _said(p, skip)]
        if not group:
            continue
        role = group[0].role
        header = str(words["group"]).format(role=role)
        if len(roles[role]) > 1:
            names = [n for c in (guide_places or {}).get(source, []) if (n := country_name(c))][:2]
            where = f"{' and '.join(names)}: " if names else ""
            header = header.rstrip(":") + f" ({where}{source}):"
        texts = []
        for i, p in enumerate(group):
            body = sentence(p.text) if p.kind == "sentence" else tidy(p.text)
            last_of_run = i + 1 == len(group) or group[i + 1].marker != p.marker
            texts.append(f"{body} [{p.marker}]" if last_of_run else body)
        if len(group) == 1:
            lines.append(f"{header} {texts[0]}")
        else:
            lines.append(header)
            lines.extend(f"- {t}" for t in texts)
    return lines


def place_note(
    pieces: list[Piece], asked: list[str], guide_places: dict[str, list[str]] | None = None
) -> str | None:
    """What the question asked about a place that the quoted figures do not cover. A guide about a place
    covers it without the word beside each figure (an Irish guide's figures are Irish)."""
    if not asked:
        return None
    pieces = [p for p in pieces if not p.extra] or pieces  # what the figures picked cover, not an added unit
    text = " ".join(f"{p.text} {p.section}" for p in pieces)
    quoted = {p.source for p in pieces}
    for place in asked:
        if place_pattern(place).search(text) or guides_about(guide_places or {}, [place]) & quoted:
            continue
        # the places the quoted figures name by name, else their guides' one country, else their currency's: a
        # sum in US dollars on a Tunisian page is a Tunisian figure
        figures = " ".join(p.text for p in pieces if p.numbers)
        own = {n for s in quoted for c in (guide_places or {}).get(s, []) if (n := country_name(c))}
        found = (
            places_in(figures, by_currency=False)
            or (list(own) if len(own) == 1 else [])
            or places_in(figures)
        )
        found = [p for p in found if p != place]
        found = list(dict.fromkeys(found))[:2]
        words = wording()
        if found:
            return str(words["place_only"]).format(found=" and ".join(found), asked=place)
        return str(words["place_none"]).format(asked=place)
    return None


def render(pieces: list[Piece], how: Framing, measure: Measure | None = None) -> str:
    """The whole answer text: lead sentence, grouped quotes, then what is not covered."""
    if not pieces:
        return ""
    words = wording()
    out: list[str] = []
    if how.document:
        out.append(str(words["write"]).format(document=how.document))
    opening = lead(pieces, how, measure)
    rest = pieces
    if opening is None and not how.document:  # the best quote answers first
        # a question that asks no figure opens with words, not a bare "Label: figures" run
        own = [p for p in pieces if p.fits or not p.extra] or pieces  # an added unit opens if it fits
        first = next((p for p in own if p.kind in ("sentence", "item")), own[0])
        rest = [p for p in pieces if p is not first]
        body = sentence(first.text)
        # a list item cut from its lead-in ("provide dental advice ...") reads as one under the job's name
        if first.kind != "row" and (body[:1].islower() or not names_job(body, first.job, first.role)):
            body = f"{first.job}: {body}"
        opening = f"{body} [{first.marker}]"
    if opening:
        out.append(opening)
    note = place_note(pieces, how.places, how.guide_places)
    if note:
        out.append(note)
    body_lines = groups(rest, opening or "", pieces, how.guide_places)
    if body_lines:
        out.append("\n".join(body_lines))
    return "\n\n".join(out)
