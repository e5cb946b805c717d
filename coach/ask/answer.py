"""Retrieved passages -> a short answer with [n] citations, quoting the guides' own words.

`ExtractiveAnswerer` (the default) scores every sentence, list item and table row of the passages with a
fitted unit score (coach/ask/scoring.py), quotes the best and cannot invent facts. The LLM answerer
(coach/ask/llm_answer.py) falls back to it when a model's answer fails the grounding check.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import numpy as np

from coach.ask.answer_type import answer_type, states_number
from coach.ask.asks import kinds_stated
from coach.ask.compose import _INTENT_MEASURE, Framing, Piece, render, tidy
from coach.ask.mentions import job_pattern
from coach.ask.places_say import each_place, same_job
from coach.ask.qualifiers import best_stated, statistics_in
from coach.ask.question import (
    NUMERIC_INTENTS,
    Query,
    TitleIndex,
    answer_intents,
    asks_figure,
    content_words,
    place_pattern,
)
from coach.ask.retrieve import Hit
from coach.ask.scoring import explain
from coach.ask.stems import stem as _stem
from coach.ask.stems import terms as _terms
from coach.ask.turn import Draft
from coach.ask.units import _DURATION, LIST_INTENTS, Scored, UnitScorer
from coach.ask.where import known_place
from coach.ingest.chunk import Chunk
from coach.ingest.places import guides_about
from coach.ingest.profile import Measure, measures
from coach.shipped import shipped_json

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


class ExtractiveAnswerer(UnitScorer):
    """Composes an answer from the passages' own sentences, rows and list items, each followed by [n]."""

    name = "extractive"
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

    def __init__(
        self,
        chunks: list[Chunk],
        unit_vectors: dict[str, np.ndarray],
        titles: TitleIndex,
        embed_query: Any,
        guide_places: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(chunks, unit_vectors, titles, embed_query)
        self.guide_places = guide_places or {}  # source -> the ISO codes of the places a guide is about
        self.roles = {c.source: c.role for c in chunks}  # source -> its guide's role
        parts: dict[str, list[str]] = {}
        for c in chunks:
            parts.setdefault(c.source, []).append(f"{c.guide} {c.section} {c.text}")
        # source -> its text, lower-cased: the names a guide uses (joined once, not re-copied for each chunk)
        self.guide_text = {source: " ".join(texts).lower() for source, texts in parts.items()}
        fitted = shipped_json("ask/quoting.json") or {}  # evals/fit_quoting.py: how many units to quote
        for key in ("list_margin", "list_limit", "text_margin", "text_limit", "extra_margin", "extra_limit"):
            if key in fitted:
                setattr(self, key, type(getattr(self, key))(fitted[key]))

    def overview(self, question: str, hits: list[Hit]) -> tuple[str, list[Chunk]] | None:
        """For "what X are there?" questions naming a section with 3+ subsections: a heading and those subsections."""
        if set(answer_intents(question)) & set(NUMERIC_INTENTS) or not _ENUMERATION.search(question):
            return None
        q_terms = _terms(question) - self.generic_terms
        title_terms = {_stem(w) for w in self.titles.vocabulary}

        def topic(name: str) -> set[str]:
            return {_stem(w) for w in content_words(name) if w not in self.generic}

        for hit in hits[:5]:
            path = hit.chunk.section.split(" > ")
            depths = [len(path)]
            if len(path) > 1 and not (topic(path[-1]) and topic(path[-1]) <= q_terms):
                depths.append(
                    len(path) - 1
                )  # the question may name the parent, unless it names this very subsection
            for depth in depths:
                leaf = path[depth - 1]
                kids = self.children.get((hit.chunk.source, " > ".join(path[:depth])), [])
                terms = topic(leaf)
                if (
                    len(kids) >= 3
                    and terms - title_terms
                    and terms <= q_terms
                    and leaf.lower() not in self.title_set
                ):
                    return f"{leaf} ({hit.chunk.role} guide):", kids[:6]
        return None

    def answer_overview(self, heading: str, kids: list[Hit]) -> Draft:
        """List the subsections of a section, each with its opening line and citation."""
        lines = [heading]
        for n, hit in enumerate(kids, 1):
            leaf = hit.chunk.section.split(" > ")[-1]
            first = next((u for u in self.units.get(hit.chunk.id, []) if u.kind != "row"), None)
            if first is None:
                lines.append(f"- {leaf} [{n}]")
            elif first.text.startswith(leaf):
                lines.append(f"- {tidy(first.text)} [{n}]")
            else:
                lines.append(f"- {leaf}: {tidy(first.text)} [{n}]")
        return Draft("\n".join(lines), kids)

    # --- selection and rendering ---------------------------------------------------------

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

    def answer(
        self, question: str, hits: list[Hit], qvec: np.ndarray | None = None, q: Query | None = None
    ) -> Draft:
        """Quote the best units of `hits`; with the question stage's `q`, read the question from it."""
        if not hits:
            return Draft("")
        qvec = qvec if qvec is not None else self.embed_query(question)
        chosen = self.select(question, self.score(question, hits, qvec, q), q)
        chosen.sort(key=lambda s: (s.hit.rank, s.unit.position))
        stating = [s for s in chosen if kinds_stated(question, s.unit.text)]
        if stating and stating[0] is not chosen[0]:
            chosen = [stating[0], *(s for s in chosen if s is not stating[0])]  # the pass mark asked leads
        numbers: dict[int, int] = {}
        cited: list[Hit] = []
        for s in chosen:
            if s.hit.rank not in numbers:
                cited.append(s.hit)
                numbers[s.hit.rank] = len(cited)
        marker = {id(s): numbers[s.hit.rank] for s in chosen}
        wants, asked, _named = self._read(question, q)
        measure = measures().get(asked[0]) if asked else None
        labelled = self._labelled(chosen, wants)
        # "how long ...": a figure fits only where it is a length of time ("1,000 midwives" does not open it)
        form = answer_type(question)
        length = "duration" in form.kinds
        pieces = [
            Piece(
                t,
                marker[id(s)],
                s.hit.chunk.source,
                s.hit.chunk.role,
                self._job(s),
                s.unit.kind,
                s.numbers,
                s.hit.chunk.section,
                _fits(s, wants, measure) and (not length or form.found_in(s.unit.quote)),
                s.extra,
            )
            for s, t in zip(chosen, labelled, strict=True)
        ]
        figure_intent = next((i for i in NUMERIC_INTENTS if i in wants), None)
        how = Framing(
            numeric=bool(set(wants) & set(NUMERIC_INTENTS)),
            measure=asked[0] if asked else figure_intent and _INTENT_MEASURE.get(figure_intent),
            places=list(q.places) if q else [],
            document=q.document if q else None,
            statistics=statistics_in(q.expanded if q else question),
            guide_places=self.guide_places,
            jobs=list(q.occupations) if q else [],
        )
        text = render(pieces, how, measure)
        if how.numeric:
            missing = [n for n in self._unmatched_names(question, chosen) if n not in how.places]
            if missing:
                text += f"\n\n(None of these passages mentions {' or '.join(missing)}.)"
        explained = [
            {
                "text": s.unit.text,
                "source": s.hit.chunk.source,
                "score": round(s.score, 4),
                "features": explain(s.features, self.weights) if s.features is not None else {},
            }
            for s in chosen
        ]
        quoted: dict[str, list[str]] = {}
        for s in chosen:
            quoted.setdefault(s.hit.chunk.id, [])
            if self._job(s) not in quoted[s.hit.chunk.id]:
                quoted[s.hit.chunk.id].append(self._job(s))
        quotes: dict[str, list[str]] = {}
        for s in chosen:
            quotes.setdefault(s.hit.chunk.id, []).append(s.unit.quote)
        return Draft(text, cited, explained=explained, jobs=quoted, quotes=quotes)

    def _all_in(self, place: str, units: list[Scored]) -> bool:
        """Are all `units` from guides about `place` (by the places ingest found for each guide)?"""
        about = guides_about(self.guide_places, [place])
        return bool(units) and all(s.hit.chunk.source in about for s in units)

    def _labelled(self, chosen: list[Scored], wants: set[str]) -> list[str]:
        """A career-path answer names the rung its sentences describe, once ("Senior Nurse: ...")."""
        out, last = [], None
        for s in chosen:
            subject = self._subject(s.unit, s.hit.chunk)
            text = s.unit.text
            if (
                "path" in wants
                and s.unit.kind == "sentence"
                and subject
                and subject != last
                and subject.lower() not in text.lower()
            ):
                text = f"{subject}: {text}"
            last = subject
            out.append(text)
        return out

    def _unmatched_names(self, question: str, chosen: list[Scored]) -> list[str]:
        """Places and other proper names in the question that no chosen passage mentions (e.g. 'Europe')."""
        names = re.findall(r"(?<!^)(?<![.?!] )\b([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})*)\b", question.strip())
        known = self.titles.vocabulary | self.generic
        seen = " ".join(f"{s.unit.text} {s.hit.chunk.section}" for s in chosen).lower()
        sources = {s.hit.chunk.source for s in chosen}
        out = []
        for name in names:
            words = set(content_words(name))
            if not words or words <= known or name.lower() in seen:
                continue
            # a name the quoted guides use that is no place is theirs (the employer of a company's own guide):
            # nothing the passages leave out
            if not known_place(name) and any(name.lower() in self.guide_text.get(g, "") for g in sources):
                continue
            out.append(name)
        return out


# a capitalised word after the first: a name the question gives ("in Somaliland", "at Lucky Gaming")
_NAME = re.compile(r"(?<=\s)[A-Z][\w'’-]+")

_ENUMERATION = re.compile(
    r"\b(what|which)\b.*\b(are|exist|kinds?|types?|options|areas|list|there)\b|\b(list|name|overview)\b", re.I
)
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
