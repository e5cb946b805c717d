"""Which of the scored units an extractive answer quotes (`UnitSelection.select`): for a figure question, the units
stating the measure and the statistic asked, one figure per guide, the place asked before others, the leader the
fitted scorer ranks first; for a list or any other question, the best units within the fitted margins. Read by
`ExtractiveAnswerer` (answer.py)."""

from __future__ import annotations

import re
from dataclasses import replace

from coach.ask.answer_type import answer_type, states_number
from coach.ask.asks import kinds_stated
from coach.ask.mentions import job_pattern
from coach.ask.places_say import each_place, same_job
from coach.ask.qualifiers import best_stated
from coach.ask.question import (
    Query,
    asks_figure,
    content_words,
    place_pattern,
)
from coach.ask.units import _DURATION, LIST_INTENTS, Scored, UnitScorer
from coach.ingest.measures import Measure, measures
from coach.ingest.places import guides_about

__all__ = ["UnitSelection"]

# a line that opens a list it does not hold: "you'll need to:", "There are different categories of PAs, including"
_INTRODUCES = re.compile(
    r"(?::|\b(?:including|include|includes|such as|as follows|the following)[;:]?)\s*$", re.I
)


def _jaccard(a: str, b: str) -> float:
    x, y = set(content_words(a)), set(content_words(b))
    return len(x & y) / max(1, len(x | y))


def _same(a: Scored, b: Scored) -> bool:
    """Near-duplicate units: mostly the same words and the same figures."""
    return a.numbers == b.numbers and _jaccard(a.unit.text, b.unit.text) > 0.6


class UnitSelection(UnitScorer):
    """The choice of units to quote, over `UnitScorer`'s scores; `ExtractiveAnswerer` renders what it chooses."""

    # set by the answerer: source -> the ISO codes of the places a guide is about, and source -> its guide's role
    guide_places: dict[str, list[str]]
    roles: dict[str, str]
    # how far below the best unit a unit may score and still be quoted, and how many are quoted: for a figure
    # question, a list question (duties, skills, steps) and any other; the last two fitted (coach/ask/quoting.json)
    figure_margin, list_margin, text_margin = 0.10, 0.12, 0.12
    figure_limit, list_limit, text_limit = 4, 5, 3
    # a figure answer also quotes, after its picks, the units the fitted scorer ranks first for the job asked that
    # the figure rules (measure fit, qualifiers, one figure per guide) passed over: up to this many of its first
    # units, within this margin of the best (fitted in coach/ask/quoting.json)
    extra_margin, extra_limit = 1.0, 1
    # how far below the best unit another country's guide of the job asked may score and still be quoted
    # (coach/ask/places_say.py; 0.1 to 0.3 scored alike on the development crowd of 96 guides)
    place_margin = 0.2
    kind_margin = (
        0.25  # how far below the best a unit stating the kind of number asked may score and still lead
    )

    def select(self, question: str, scored: list[Scored], q: Query | None = None) -> list[Scored]:
        if not scored:
            return []
        wants, asked, mentioned = self._read(question, q)
        if q is not None and q.spoken_of:  # a job a guide speaks of: the units that name it answer for it
            pattern = job_pattern(q.spoken_of)
            scored = [s for s in scored if pattern.search(s.unit.text)] or scored
        measure = measures().get(asked[0]) if asked else None
        # a figure question: a pay/years/growth intent, or a measure with figures asked for ("how many ... jobs")
        numeric = asks_figure(question, wants, asked)
        listy = bool(set(wants) & set(LIST_INTENTS))
        top = scored[0].score
        limit = self.list_limit if listy else self.figure_limit if numeric else self.text_limit
        floor = top - (self.figure_margin if numeric else self.list_margin if listy else self.text_margin)
        if not numeric and not kinds_stated(question, scored[0].unit.text):
            # "what score do I need to pass?": a close unit that states a pass mark leads, not the exam's name
            stating = [
                s for s in scored if s.score >= top - self.kind_margin and kinds_stated(question, s.unit.text)
            ]
            if stating:
                scored = stating + [s for s in scored if all(s is not t for t in stating)]
                top = scored[0].score
                floor = top - (self.list_margin if listy else self.text_margin)
        named: list[str] = []
        leaders: list[Scored] = []
        narrowed: set[int] | None = None  # the figures that state what the question qualifies by, if any
        if numeric:
            # a figure for a named job comes from its own rows, rungs or guides, never a broader or other job's
            named = list(mentioned)
            if "path" in wants:  # "what's next after X?" is about the rungs after X too
                named += [t.lower() for t in self.next_titles(set(named))]
            own = [s for s in scored if self._about(s, named)] if named else scored
            scored = own or scored
            top = scored[0].score
            leaders = [s for s in scored[: self.extra_limit] if s.score >= top - self.extra_margin]
            fitting = [s for s in scored if _fits(s, wants, measure)]
            # an outlook in words ("in high demand") fits too, but a figure question is answered by the figures
            # given for the same job ("8%"), not by another job's figure on a less relevant topic
            if fitting and not _figured(fitting[0]):
                job = self._job(fitting[0])
                fitting = [s for s in fitting if _figured(s) and self._job(s) == job] or fitting
            if fitting and q is not None and q.places and "salary" in wants:
                # "pay in the Eurozone": the sums a passage gives for the place asked (its names, its currency)
                here = [s for s in fitting if any(_names_place(p, s) for p in q.places)]
                fitting = here or fitting
            # "in Ireland" asked of Irish guides: their figures are Irish without the word beside them
            theirs = tuple(p for p in (q.places if q else []) if self._all_in(p, fitting))
            # ... and a name their guides' titles give ("Somaliland: Community Midwife Training ..."): what the
            # guides are about, not a word each figure must repeat
            theirs += tuple(n for n in _NAME.findall(question) if n not in theirs and _all_titled(n, fitting))
            asked_for = self._asked(question, theirs)
            if fitting and asked_for:
                # "the top 10%", "in 2010", "in nursing care facilities": the figures that say so, not the medians
                fitting = best_stated(
                    asked_for,
                    fitting,
                    lambda s: f"{s.hit.chunk.section.split(' > ')[-1]}: {s.unit.text}",
                    lambda s: s.hit.chunk.text,
                    lambda s: self.unit_terms[id(s.unit)],
                )
                narrowed = {id(s) for s in fitting}
            if fitting and not named:
                # no job named: each guide's figure for its own job before its rows and rungs of specific jobs
                # ("the median salary in nursing": the guide's median, not its senior nurse's row)
                general = [s for s in fitting if self._subject(s.unit, s.hit.chunk) is None]
                if general and general[0].score >= fitting[0].score - self.figure_margin:
                    fitting = general + [s for s in fitting if all(s is not g for g in general)]
            if fitting:
                scored = [s for s in fitting if s.lex >= 0.6 * fitting[0].lex or self._about(s, named)]
                top = scored[0].score
                floor = top - 0.15
        form = answer_type(question)  # "how long ...": "a one year programme" states a figure in words
        chosen: list[Scored] = []
        for s in scored:
            if len(chosen) >= limit or s.score < floor:
                break
            if numeric and not s.numbers and not form.found_in(s.unit.quote):
                continue
            if numeric and sum(c.hit.chunk.source == s.hit.chunk.source for c in chosen) >= 2:
                continue  # two figures per guide; the rest of a table is one click away in the sources
            if any(_same(s, c) for c in chosen):
                continue
            chosen.append(s)
        if not chosen:
            chosen = [scored[0]]
        first = chosen[0]
        if not numeric and first.unit.kind == "item":
            # a list answers best in its own order: take its leading items that scored close to the best
            same = [
                s for s in scored if s.hit is first.hit and s.unit.kind == "item" and s.score >= top - 0.15
            ]
            same.sort(key=lambda s: s.unit.position)
            same = same[:limit]
            if first not in same:  # the best item stays when the list runs longer than the answer
                same = sorted([*same[: limit - 1], first], key=lambda s: s.unit.position)
            chosen = same + [c for c in chosen if c.hit is not first.hit][: max(0, limit - len(same))]
        by_pos = {(s.hit.chunk.id, s.unit.position): s for s in scored}
        expanded: list[Scored] = []
        for c in chosen:
            expanded.append(c)
            introduces = bool(_INTRODUCES.search(c.unit.text))
            short_intro = c.unit.kind == "sentence" and (len(c.unit.text.split()) < 12 or introduces)
            bare_label = (
                c.unit.kind == "fields" and not numeric
            )  # "Experience: 1-3 years" alone does not say what the job is
            # "As a paralegal, you'll need to:", "categories of PAs, including" bring their list
            if introduces:
                pos = c.unit.position + 1
                after = by_pos.get((c.hit.chunk.id, pos))
                if (
                    after is not None
                    and after.unit.kind != "item"
                    and after not in chosen
                    and after not in expanded
                ):
                    expanded.append(after)  # "These courses are run in:" brings the line it introduces
                while (item := by_pos.get((c.hit.chunk.id, pos))) is not None and item.unit.kind == "item":
                    if item not in chosen and item not in expanded and pos - c.unit.position <= 8:
                        expanded.append(item)
                    pos += 1
            elif short_intro or bare_label:
                nxt = by_pos.get(
                    (c.hit.chunk.id, c.unit.position + 1)
                )  # an intro sentence needs what follows it
                if nxt is not None and nxt not in chosen and nxt not in expanded:
                    expanded.append(nxt)
        chosen = expanded
        if numeric:
            # each guide with a close-enough figure gets its say, so disagreements show
            have = {c.hit.chunk.source for c in chosen}
            for s in scored:
                if len(chosen) >= limit + 1:
                    break
                # a figure about the named job itself (its row or rung in another guide) needs no word overlap
                about_job = bool(named) and self._about(s, named)
                close = s.score >= top - 0.25 and (s.lex >= 0.5 * chosen[0].lex or about_job)
                fresh = s.hit.chunk.source not in have and not any(_same(s, c) for c in chosen)
                stated = narrowed is None or id(s) in narrowed
                if fresh and s.numbers and close and stated and _fits(s, wants, measure):
                    chosen.append(s)
                    have.add(s.hit.chunk.source)
        if q is not None and q.occupations:
            # one job's guides from several countries: each country's close enough unit too; the guides of a
            # more specific job ("Fire Officer" for "officer") are not the job's own
            jobs_own = same_job(q.sources, self.roles, q.occupations)
            # a figure question's units as the picks above took them: a figure, in digits or in the words asked
            fits = (lambda s: bool(s.numbers) or form.found_in(s.unit.quote)) if numeric else (lambda s: True)
            chosen = each_place(chosen, scored, jobs_own, self.guide_places, self.place_margin, fits)
        # then the scorer's first units of the job asked that the rules above passed over (extra_limit), each
        # marked on a copy: the caller's scored units stay as they were, whichever setting selects from them
        for leader in leaders:
            if not any(c is leader or _same(leader, c) for c in chosen):
                chosen.append(replace(leader, extra=True))
        return chosen

    def _all_in(self, place: str, units: list[Scored]) -> bool:
        """Are all `units` from guides about `place` (by the places ingest found for each guide)?"""
        about = guides_about(self.guide_places, [place])
        return bool(units) and all(s.hit.chunk.source in about for s in units)


# a capitalised word after the first: a name the question gives ("in Somaliland", "at Lucky Gaming")
_NAME = re.compile(r"(?<=\s)[A-Z][\w'’-]+")

_MONEY = re.compile(r"[$€£₩]\s?\d")
_GROWTH = re.compile(r"\d\s*%|≈|openings")


def _all_titled(name: str, units: list[Scored]) -> bool:
    """Do the titles of all these units' guides name `name`?"""
    pattern = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
    return bool(units) and all(pattern.search(s.hit.chunk.guide) for s in units)


def _names_place(place: str, s: Scored) -> bool:
    """Does a unit, or its section heading, name the place (by a name or its currency: "€" for Europe)?"""
    return bool(place_pattern(place).search(f"{s.hit.chunk.section}\n{s.unit.text}"))


def _figured(s: Scored) -> bool:
    """Does a unit give a figure, in digits or in words ("within two years"), beyond a list item's number?"""
    return states_number(s.unit.text)


def _fits(s: Scored, wants: set[str], measure: Measure | None = None) -> bool:
    """Does a unit carry the kind of figure the question asks for (the measure asked, else money, a duration,
    a growth figure)?"""
    quote = s.unit.quote
    if measure is not None:
        return measure.stated_by(s.hit.chunk.section, s.unit.text)
    if "salary" in wants:
        return bool(_MONEY.search(quote))
    if "years" in wants:
        return bool(_DURATION.search(quote))
    if "growth" in wants:
        return bool(_GROWTH.search(quote))
    return bool(s.numbers)
