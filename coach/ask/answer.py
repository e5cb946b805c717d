"""Retrieved passages -> a short answer with [n] citations, quoting the guides' own words.

`ExtractiveAnswerer` (the default) scores every sentence, list item and table row of the passages with a
fitted unit score (coach/ask/scoring.py), quotes the best and cannot invent facts. The LLM answerer
(coach/ask/llm_answer.py) falls back to it when a model's answer fails the grounding check.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from coach.ask.answer_type import answer_type
from coach.ask.asks import kinds_stated
from coach.ask.compose import _INTENT_MEASURE, Framing, Piece, render, tidy
from coach.ask.qualifiers import statistics_in
from coach.ask.question import (
    NUMERIC_INTENTS,
    Query,
    TitleIndex,
    answer_intents,
    content_words,
)
from coach.ask.retrieve import Hit
from coach.ask.scoring import explain
from coach.ask.select import UnitSelection, _fits
from coach.ask.stems import stem as _stem
from coach.ask.stems import terms as _terms
from coach.ask.turn import Draft
from coach.ask.units import Scored
from coach.ask.where import known_place
from coach.ingest.chunk import Chunk
from coach.ingest.measures import measures
from coach.shipped import shipped_json


class ExtractiveAnswerer(UnitSelection):
    """Composes an answer from the passages' own sentences, rows and list items, each followed by [n]."""

    name = "extractive"

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


_ENUMERATION = re.compile(
    r"\b(what|which)\b.*\b(are|exist|kinds?|types?|options|areas|list|there)\b|\b(list|name|overview)\b", re.I
)
