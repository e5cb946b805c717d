"""A page's title from its lines (`title_from_lines`): a Markdown heading, a "Quick Facts" heading, the opening
line its address spells out (a news headline), or the heading-like line it opens with, weighed against the job
its prose keeps naming (identity.job_phrase). roles.py reads the role from it."""

from __future__ import annotations

import math
import re
from collections import Counter
from urllib.parse import urlsplit

from coach.ingest.clean import Line, is_labelled_figure
from coach.ingest.identity import _capital, _recurrence, job_phrase, role_from_title, terms, word_counts
from coach.ingest.occupations import job_span, page_kind_only

__all__ = ["title_from_lines"]

_MD_TITLE = re.compile(r"^#\s+(.*?)\s*#*$")
_QUICK_FACTS = re.compile(r"^(?:quick|key) facts\s*[:\-–—]\s*(.+)$", re.IGNORECASE)


def _title_like(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 14
        and not is_labelled_figure(text)
        and "|" not in text
        and not re.search(r"[.!;,:]$", text)
    )


def _first_title_line(lines: list[Line], window: int) -> tuple[str | None, int | None]:
    """The heading-like line the page opens with (before its first paragraph), best by recurrence."""
    counts: Counter[str] = Counter()
    for ln in lines:
        counts.update(set(terms(ln.text)))
    said = Counter(ln.text.strip() for ln in lines)
    best: tuple[float, int] | None = None
    for i, ln in enumerate(lines[:window]):
        if said[ln.text.strip()] >= 3:
            continue  # a caption under every photo ("Photo credit: ..."): a title is said once, or twice
        if not _title_like(ln.text) or ln.bullet:
            if len(ln.text.split()) > 14 or re.search(r"[.!?]$", ln.text):
                break  # prose has begun: a title stands before it
            continue
        words = set(terms(ln.text))
        if not words or page_kind_only(ln.text):
            continue  # a page-kind label over the title ("Career Guide", "Job Profile"): the site's, not the page's
        score = sum(math.log(counts[w]) for w in words) / math.sqrt(len(words)) - 0.15 * i
        if best is None or score > best[0]:
            best = (score, i)
    if best is None or best[0] <= 0:
        return None, None
    return lines[best[1]].text.strip(), best[1]


def _headline(lines: list[Line], url: str | None) -> tuple[str, int] | None:
    """The opening line the page's address spells out word for word, as news sites make an address of a headline
    ("/a-city-rickshaw-puller-earns-tk-13382-a-month"): a headline is the title even where it states a figure.
    Four words of the address at least, nine in ten of them the line's and of the line's the address's."""
    if not url:
        return None
    path = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    slug = [w for w in re.split(r"[-_+.]+", path.lower()) if w.isalpha()]
    if len(slug) < 4:
        return None
    for i, ln in enumerate(lines):
        said = [w for w in re.split(r"[^a-z]+", ln.text.lower()) if w]
        if ln.bullet or not said or len(said) > len(slug) + 4:
            continue
        if sum(w in said for w in slug) >= 0.9 * len(slug) and sum(w in slug for w in said) >= 0.9 * len(
            said
        ):
            return ln.text.strip(), i
    return None


def title_from_lines(
    lines: list[Line], hint: str | None = None, window: int = 15, url: str | None = None
) -> tuple[str | None, int | None, str | None]:
    """(title, index of the line it came from or None, role when the evidence names it better than the title)."""
    for ln in lines[:40]:
        quick = _QUICK_FACTS.match(ln.text)
        if quick and _title_like(quick.group(1)):
            return quick.group(1).strip(), None, None  # the "Quick Facts" heading stays a section
    for i, ln in enumerate(lines[:window]):
        md = _MD_TITLE.match(ln.text)
        if md and not ln.bullet:
            return md.group(1).strip(), i, None
    if hint and hint.strip():
        return hint.strip(), None, None
    if headline := _headline(lines[:window], url):
        return headline[0], headline[1], None
    line, at = _first_title_line(lines, window)
    counts = word_counts(lines)
    phrase = job_phrase(lines, counts)
    if line and phrase:
        line_words, job_words = set(terms(line)), set(terms(phrase))
        if terms(phrase)[-1] in line_words:  # the opening line names the job the prose keeps naming
            role, job = terms(role_from_title(line)), terms(phrase)
            n = len(job)
            inside = [i for i in range(len(role) - n + 1) if role[i : i + n] == job]
            after = role_from_title(line).lower().split(job[-1], 1)[-1].strip()
            if (
                inside
                and inside[0] + n < len(role)
                and not re.match(r"^s?\s*(?:(?:and|or)\b|[&,])", after)
                and not _modifies(job, job_span(role_from_title(line)))
            ):
                # "Dental hygienist Oral health practitioner": the line adds other titles (not where the prose's
                # phrase is part of the line's job: the "Dives" of a page headed "Dive Instructor in: Baa Atoll")
                return line, at, role_from_title(_capital(phrase))
            return line, at, None
        if _recurrence(line_words, counts) > _recurrence(job_words, counts):
            return line, at, None
        return _capital(phrase), None, role_from_title(_capital(phrase))
    if phrase:
        return _capital(phrase), None, role_from_title(_capital(phrase))
    return line, at, None


def _modifies(job: list[str], span: str | None) -> bool:
    """Are a phrase's words (`job`, as terms) words before the head of the job `span` ("Dive" of "Dive Instructor"),
    not that job named more briefly ("Motorcycle Taxi Drivers" of "Female Motorcycle Taxi Drivers")?"""
    said = terms(span or "")
    return bool(said) and set(job) < set(said) and job[-1] != said[-1]
