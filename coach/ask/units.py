"""Answer units, scored: how well each sentence, list item and table row of the passages answers a question.

Every unit gets a feature vector (coach/ask/scoring.py: its cosine with the question, the share of the
question's words and rarer words it holds, whether it states the measure asked, whether its row or rung is
about the job named ...) and the fitted weights' score. `UnitScorer` holds what scoring needs per index
(each unit's stemmed words and figures, idf, the guides' career ladders); the gather step reranks passages
by their best unit, the decide step reads the best units' features, the answerer quotes the best.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from coach.ask.answer_type import answer_type
from coach.ask.grounding import numbers_in
from coach.ask.qualifiers import Asked
from coach.ask.question import (
    NUMERIC_INTENTS,
    Query,
    TitleIndex,
    answer_intents,
    asked_measures,
    content_words,
)
from coach.ask.reading import intent_stems, measure_stems, statistic_stems
from coach.ask.retrieve import Hit
from coach.ask.scoring import FEATURES, Weights, load_weights
from coach.ask.stems import kin_count, stem, terms
from coach.ask.text import MONTHS
from coach.ask.where import places
from coach.index.generation import unit_key
from coach.ingest.chunk import Chunk, Unit, split_units
from coach.ingest.identity import is_kind_of
from coach.ingest.measures import measures
from coach.ingest.occupations import job_span

LIST_INTENTS = ("skills", "pros", "education", "start", "duties")


def _job_terms(question: str) -> set[str]:
    """The stems of the job a question names in words no title need hold ("factory workers" of a production
    operative's guide): they say whose figure or fact is asked, not which one ("Our factories are at Avonmouth"
    qualifies no shift)."""
    return {stem(w) for w in content_words(job_span(question) or "")}


@dataclass
class Scored:
    """One answer unit with its score for the question at hand."""

    unit: Unit
    hit: Hit
    score: float
    numbers: set[str]
    lex: float = 0.0
    features: np.ndarray | None = (
        None  # the unit's feature vector (coach/ask/scoring.py), for --explain and fitting
    )
    extra: bool = False  # quoted after the answer's own picks; opens the answer only if it fits


class UnitScorer:
    """Scores the answer units of one index's passages against a question."""

    def __init__(
        self, chunks: list[Chunk], unit_vectors: dict[str, np.ndarray], titles: TitleIndex, embed_query: Any
    ) -> None:
        self.units = {c.id: split_units(c) for c in chunks}
        # (source, section) -> the first passage of each direct subsection, in guide order
        self.children: dict[tuple[str, str], list[Chunk]] = {}
        seen_sections: set[tuple[str, str]] = set()
        for c in chunks:
            parent, sep, _leaf = c.section.rpartition(" > ")
            if sep and (c.source, c.section) not in seen_sections:
                self.children.setdefault((c.source, parent), []).append(c)
            seen_sections.add((c.source, c.section))
        # per-unit stemmed words and figures, computed once (scoring runs on every question)
        self.unit_terms = {id(u): terms(u.text) for units in self.units.values() for u in units}
        self.unit_numbers = {id(u): numbers_in(u.quote) for units in self.units.values() for u in units}
        every = [u for units in self.units.values() for u in units]
        self.unit_money = {id(u) for u in every if _MONEY_SIGN.search(u.quote)}
        self.unit_duration = {id(u) for u in every if _DURATION.search(u.quote)}
        self.unit_growth = {id(u) for u in every if _GROWTH_FIGURE.search(u.quote)}
        # (measure, unit) -> does the unit state the measure: filled as questions ask for it
        self._fits: dict[tuple[str, int], bool] = {}
        self.section_terms = {c.id: {stem(w) for w in content_words(c.section)} for c in chunks}
        self.role_words = {c.role: set(content_words(c.role)) for c in chunks}
        # each unit's vector by the unit (its text's key worked out once, not on every question)
        self._vector_of = {id(u): unit_vectors.get(unit_key(u.text)) for u in every}
        self.titles = titles
        self.generic = titles.generic  # career words and the corpus's domain words
        self.generic_terms = {stem(w) for w in self.generic}
        self.statistic_terms = statistic_stems()
        self.weights: Weights = load_weights()
        self.title_terms = {stem(w) for t in titles.titles for w in content_words(t)}
        self.measure_terms = measure_stems()
        self.intent_terms = intent_stems()
        self.title_set = {t.lower() for t in titles.titles}
        self.leaf_terms = {  # topic headings only: a job-title heading is handled by the title logic
            c.id: {stem(w) for w in content_words(c.section.split(" > ")[-1]) if w not in self.generic}
            for c in chunks
            if c.section.split(" > ")[-1].lower() not in self.title_set
        }
        self.embed_query = embed_query
        self._memo = threading.local()  # the last question's scored units, per thread
        self._focus_cache: dict[str, np.ndarray] = {}  # a question's focus -> its embedding
        docs = Counter[str]()
        for units in self.units.values():
            for u in units:
                docs.update(terms(u.text))
        # career ladders: sibling sections named by job titles, per guide and parent section, each rung's first
        # passage in guide order (coach/tools/path.py), and the tier after each tier ("what's next after X?")
        self.ladders: dict[tuple[str, str], list[Chunk]] = {}
        self.next_tier: dict[tuple[str, str], str] = {}
        previous: dict[tuple[str, str], str] = {}
        for c in chunks:
            parent, _, leaf = c.section.rpartition(" > ")
            if parent and leaf.lower() in self.title_set:
                key = (c.source, parent)
                rungs = self.ladders.setdefault(key, [])
                if not any(r.section == c.section for r in rungs):
                    rungs.append(c)
                if previous.get(key) and previous[key] != leaf:
                    self.next_tier.setdefault((c.source, previous[key].lower()), leaf)
                previous[key] = leaf
        total = max(1, sum(len(u) for u in self.units.values()))
        self.idf = {w: math.log(1 + total / n) for w, n in docs.items()}
        self.default_idf = math.log(1 + total)

    # --- scoring -------------------------------------------------------------------------

    def next_titles(self, named: set[str]) -> set[str]:
        """The tiers that follow the named titles in any guide's career ladder."""
        return {nxt for (_, title), nxt in self.next_tier.items() if title in named}

    def _subject(self, unit: Unit, chunk: Chunk) -> str | None:
        """The job title a unit is specifically about (a table row, a ladder tier), if any."""
        if unit.kind == "row" and unit.subject and unit.subject.lower() in self.title_set:
            return unit.subject  # a pay-table row of a job; "Number of Jobs, 2010" labels a fact, not a job
        leaf = chunk.section.split(" > ")[-1]
        return leaf if leaf.lower() in self.title_set else None

    def _job(self, s: Scored) -> str:
        """The job a unit is about: its pay-table row or ladder rung, else its guide's role."""
        return self._subject(s.unit, s.hit.chunk) or s.hit.chunk.role

    def _about(self, s: Scored, named: list[str]) -> bool:
        """Is a unit about one of the named jobs: its row or rung names one, or its guide is about one?"""
        subject = self._subject(s.unit, s.hit.chunk)
        if subject is not None:
            return subject.lower() in named
        return any(is_kind_of(s.hit.chunk.role, n) for n in named)

    def _read(self, question: str, q: Query | None) -> tuple[set[str], list[str], list[str]]:
        """(answer intents, measures asked, jobs named) from the Query the question stage made, when given."""
        if q is not None:
            return set(q.answer_intents), list(q.measures), [t.lower() for t in q.occupations]
        return (
            answer_intents(question),
            asked_measures(question),
            [t.lower() for t in self.titles.mentioned(question)],
        )

    def unit_vector(self, unit: Unit) -> np.ndarray | None:
        """The unit's embedding, as indexed (None for a unit the index holds no vector for)."""
        return self._vector_of.get(id(unit))

    def score(self, question: str, hits: list[Hit], qvec: np.ndarray, q: Query | None = None) -> list[Scored]:
        """Every unit of `hits`, scored and best first; the Coach's rerank and answer share one computation."""
        key = (question, id(q), id(qvec), tuple(sorted(h.chunk.id for h in hits)))
        memo = getattr(self._memo, "last", None)
        if memo is not None and memo[0] == key:
            return list(memo[1])
        scored = self._score(question, hits, qvec, q)
        self._memo.last = (key, scored)
        return list(scored)

    def _score(
        self, question: str, hits: list[Hit], qvec: np.ndarray, q: Query | None = None
    ) -> list[Scored]:
        q_terms = terms(question) - self.generic_terms
        q_weight = sum(self.idf.get(w, self.default_idf) for w in q_terms) or 1.0
        wants, asked_names, named = self._read(question, q)
        upcoming = {t.lower() for t in self.next_titles(set(named))} if "path" in wants else set()
        q_words = set(content_words(question))
        # the question's rarer words ("lowest", "hospitals"): above the median idf of its words
        idfs = sorted(self.idf.get(w, self.default_idf) for w in q_terms)
        q_rare = {w for w in q_terms if idfs and self.idf.get(w, self.default_idf) >= idfs[len(idfs) // 2]}
        # the words behind them, for kin words of another stem ("registration" and "registered")
        q_rare_words = {w for w in q_words if stem(w) in q_rare}
        asked = measures().get(asked_names[0]) if asked_names else None
        # the question's qualifiers: "lowest", "hospitals", "2019", "range" — not the job's or the measure's words
        q_qual = self._qualifier_terms(q_terms)
        form = answer_type(question)  # "how long ...": a duration
        fvec = self._focus_vector(question, qvec, q)
        out: list[Scored] = []
        for hit in hits:
            chunk = hit.chunk
            prior = 1.0 / (1.0 + 0.08 * ((hit.fused_rank or hit.rank) - 1))
            section_terms = self.section_terms.get(chunk.id) or {
                stem(w) for w in content_words(chunk.section)
            }
            role_extra = (
                self.role_words.get(chunk.role, set(content_words(chunk.role))) - self.generic - q_words
            )
            leaf = self.leaf_terms.get(chunk.id, set())
            titled = (
                bool(leaf) and leaf <= q_terms
            )  # the section is named like the question ("Technical Skills")
            for unit in self.units.get(chunk.id, []):
                if unit.text.rstrip().endswith("?"):
                    continue  # "WHY did I decide to be a zookeeper?": a page's question answers nothing
                vec = self._vector_of.get(id(unit))
                sem = float(vec @ qvec) if vec is not None else 0.0
                held = self.unit_terms[id(unit)] | section_terms
                lex = sum(self.idf.get(w, self.default_idf) for w in q_terms & held) / q_weight
                nums = self.unit_numbers[id(unit)]
                money = id(unit) in self.unit_money
                subject = self._subject(unit, chunk)
                ladder = bool(set(wants) & {"salary", "years", "path", "growth"})
                numeric = bool(set(wants) & set(NUMERIC_INTENTS))
                on_subject = bool(named) and subject is not None
                named_subject = on_subject and subject is not None and subject.lower() in named
                f = dict.fromkeys(FEATURES, 0.0)
                f["semantic"], f["lexical"], f["rank_prior"] = sem, lex, prior
                f["focus"] = float(vec @ fvec) if vec is not None else 0.0
                f["section_named"] = float(titled)
                rare = self.unit_terms[id(unit)] & q_rare
                f["rare_terms"] = len(rare) / len(q_rare) if q_rare else 0.0
                unmatched = {w for w in q_rare_words if stem(w) not in rare}
                f["rare_kin"] = kin_count(unmatched, unit) / len(q_rare_words) if q_rare_words else 0.0
                f["qualifiers"] = len(self.unit_terms[id(unit)] & q_qual) / len(q_qual) if q_qual else 0.0
                if asked is not None:
                    fits = self._fits.get((asked.name, id(unit)))
                    if fits is None:
                        fits = asked.found_in(f"{chunk.section.split(' > ')[-1]}: {unit.text}")
                        self._fits[(asked.name, id(unit))] = fits
                    f["measure_fit" if fits else "measure_miss"] = 1.0
                if "salary" in wants:
                    f["pay_money" if money else "pay_no_money"] = 1.0
                if "years" in wants and "salary" not in wants:
                    f["years_duration" if id(unit) in self.unit_duration else "years_no_duration"] = 1.0
                if "growth" in wants and "salary" not in wants and id(unit) in self.unit_growth:
                    f["growth_figure"] = 1.0
                f["list_item"] = float(bool(set(wants) & set(LIST_INTENTS)) and unit.kind == "item")
                if on_subject and subject is not None and subject.lower() in upcoming:
                    f["next_rung"] = 1.0  # the next rung of the ladder answers "what's next?"
                elif on_subject and not named_subject:
                    f["other_subject"] = 1.0  # a row or tier about another job
                elif named_subject and upcoming:
                    f["current_rung_when_next"] = 1.0
                elif named_subject and ladder:
                    f["named_row_pay" if unit.kind == "row" else "named_rung"] = float(
                        unit.kind != "row" or "salary" in wants
                    )
                elif named and subject is None and any(is_kind_of(chunk.role, n) for n in named):
                    f["guide_of_job_ladder" if ladder else "guide_of_job"] = (
                        1.0  # the guide is about the job asked
                    )
                elif named and subject is None and role_extra:
                    f["guide_of_other_job"] = 1.0
                elif not named and subject and numeric:
                    f["subject_general"] = (
                        1.0  # a specific tier's figure is not the answer to a general question
                    )
                f["specific_guide"] = float(bool(role_extra) and not named)
                f["short_sentence"] = float(unit.kind == "sentence" and len(unit.text.split()) < 5)
                f["bare_fields"] = float(unit.kind == "fields" and not numeric and lex < 0.3)
                if form.kinds:
                    f["answer_type_fit" if form.found_in(unit.quote) else "answer_type_miss"] = 1.0
                vector = np.fromiter(f.values(), dtype=np.float64, count=len(FEATURES))
                score = self.weights.score(vector)
                out.append(Scored(unit, hit, score, nums, lex, vector))
        out.sort(key=lambda s: -s.score)
        return out

    def focus_text(self, question: str, q: Query | None) -> str:
        """The question less the words of the jobs and places it names: what it asks about a job, which every
        passage of that job's guide shares ("do hazelnut pickers get meals?" -> "do get meals"); "" when it
        names none, or nothing else."""
        named = q.occupations if q is not None else self.titles.mentioned(question)
        # every place it names, read here even where the question stage keeps none (a guide's own country, a
        # question that asks no figure): "do riders in <country> have insurance?" asks about insurance
        where = (q.places if q is not None else []) or places(question, self.titles)
        drop = terms(" ".join([*named, *where]).lower())
        kept = [w for w in _WORD.findall(question) if not ((t := terms(w.lower())) and t <= drop)]
        focus = " ".join(kept)
        return "" if not drop or not focus.strip() or focus == question else focus

    def _focus_vector(self, question: str, qvec: np.ndarray, q: Query | None) -> np.ndarray:
        """The focus text embedded (the question's own vector when it has none of its own)."""
        focus = self.focus_text(question, q)
        if not focus:
            return qvec
        vec = self._focus_cache.get(focus)
        if vec is None:
            if len(self._focus_cache) > 256:
                self._focus_cache = {}
            vec = self._focus_cache[focus] = np.asarray(self.embed_query(focus))
        return vec

    def _qualifier_terms(self, q_terms: set[str]) -> set[str]:
        """A question's stems that are neither its job's, its measure's nor its intent's: what it qualifies by."""
        return q_terms - self.title_terms - self.measure_terms - self.intent_terms

    def _asked(self, question: str, said: tuple[str, ...] = ()) -> Asked:
        """The statistic, years and setting words a figure question asks for (coach/ask/qualifiers.py); the words
        of the places in `said` (the guides' own place, which their figures need not repeat) are none of them."""
        # adverbs ("typically", "usually") qualify the verb, not the figure
        q_terms = (
            terms(question)
            - self.generic_terms
            - {stem(w) for w in content_words(question) if w.endswith("ly")}
        )
        other = (
            self._qualifier_terms(q_terms)
            - self.statistic_terms
            - _MONTHS
            - {y for y in q_terms if y.isdigit()}
            - {stem(w) for place in said for w in content_words(place)}
            - _job_terms(question)
        )
        return Asked.of(question, other)

    def rerank(self, question: str, hits: list[Hit], qvec: np.ndarray, q: Query | None = None) -> list[Hit]:
        """Hits ordered by their best unit's score: the passages an LLM should see first."""
        best: dict[str, float] = {}
        for s in self.score(question, hits, qvec, q):
            best.setdefault(s.hit.chunk.id, s.score)
        for h in hits:
            h.rerank = best.get(h.chunk.id)
        return sorted(hits, key=lambda h: -best.get(h.chunk.id, -1.0))


_MONTHS = frozenset(stem(m) for m in MONTHS)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,]*")
# a length of time, not an age ("at least 18 years of age")
_DURATION = re.compile(
    r"(?<!\d)\d+\s*(?:\+\s*)?(?:(?:-|–|to)\s*\d+\s*)?-?\s*(?:years?|months?|weeks?)\b(?![\s-]+(?:of\s+age|old)\b)"
)
# a figure in one of the signs the pay feature was fitted with, and a growth figure (a rate or openings)
_MONEY_SIGN = re.compile(r"[$€£₩]\s?\d")
_GROWTH_FIGURE = re.compile(r"\d\s*%|≈|openings")
