"""Stage 6: retrieved passages -> a short answer with [n] citations.

`ExtractiveAnswerer` (the default) quotes the best sentences, list items and table rows and
cannot invent facts. `LLMAnswerer` asks a chat model, then the grounding guard checks its answer
and falls back to the extractive one when a number or marker does not trace to a cited passage.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from coach.ask.compose import _INTENT_MEASURE, Framing, Piece, render, tidy
from coach.ask.grounding import check, numbers_in
from coach.ask.prompts import load_prompt
from coach.ask.qualifiers import Asked, best_stated, statistics, statistics_in
from coach.ask.question import (
    INTENTS,
    NUMERIC_INTENTS,
    Query,
    TitleIndex,
    answer_intents,
    asked_measures,
    asks_figure,
    content_words,
)
from coach.ask.retrieve import Hit
from coach.ask.scoring import FEATURES, Weights, explain, load_weights
from coach.ask.text import MONTHS
from coach.backends import ChatModel, Message
from coach.index.generation import unit_key
from coach.ingest.chunk import Chunk, Unit, split_units
from coach.ingest.identity import is_kind_of
from coach.ingest.profile import Measure, measures

LIST_INTENTS = ("skills", "pros", "education", "start")


@dataclass
class Draft:
    """An answer before it is wrapped for the user: text with [n] markers and the passages they point at."""

    text: str
    cited: list[Hit] = field(default_factory=list)
    grounding_fallback: bool = False
    warnings: list[str] = field(default_factory=list)
    explained: list[dict[str, Any]] = field(default_factory=list)  # each quoted unit's score and features
    jobs: dict[str, list[str]] = field(
        default_factory=dict
    )  # chunk id -> the jobs its quoted units are about
    quotes: dict[str, list[str]] = field(default_factory=dict)  # chunk id -> the exact passage text quoted


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Snowball English stem ("ranged" and "range" -> "rang"; "salaries" and "salary" -> "salari")."""
    return str(_stemmer().stemWord(word))


def _terms(text: str) -> set[str]:
    """Stemmed content words, with the parts of hyphenated words too ("lowest-paid" also matches "lowest paid")."""
    words = content_words(text)
    parts = [p for w in words if "-" in w for p in w.split("-") if len(p) > 1]
    return {_stem(w) for w in words + parts}


def _jaccard(a: str, b: str) -> float:
    x, y = set(content_words(a)), set(content_words(b))
    return len(x & y) / max(1, len(x | y))


def _same(a: _Scored, b: _Scored) -> bool:
    """Near-duplicate units: mostly the same words and the same figures."""
    return a.numbers == b.numbers and _jaccard(a.unit.text, b.unit.text) > 0.6


@dataclass
class _Scored:
    unit: Unit
    hit: Hit
    score: float
    numbers: set[str]
    lex: float = 0.0
    features: np.ndarray | None = (
        None  # the unit's feature vector (coach/ask/scoring.py), for --explain and fitting
    )


class ExtractiveAnswerer:
    """Composes an answer from the passages' own sentences, rows and list items, each followed by [n]."""

    name = "extractive"

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
        self.unit_terms = {id(u): _terms(u.text) for units in self.units.values() for u in units}
        self.unit_numbers = {id(u): numbers_in(u.quote) for units in self.units.values() for u in units}
        self.section_terms = {c.id: {_stem(w) for w in content_words(c.section)} for c in chunks}
        self.role_words = {c.role: set(content_words(c.role)) for c in chunks}
        self.unit_vectors = unit_vectors
        self.titles = titles
        self.generic = titles.generic  # career words and the corpus's domain words
        self.generic_terms = {_stem(w) for w in self.generic}
        self.statistic_terms = {_stem(w) for st in statistics() for w in st.words}
        self.weights: Weights = load_weights()
        self.title_terms = {_stem(w) for t in titles.titles for w in content_words(t)}
        self.measure_terms = {_stem(w) for m in measures().values() for a in m.ask for w in content_words(a)}
        self.intent_terms = {_stem(w) for keys in INTENTS.values() for k in keys for w in content_words(k)}
        self.title_set = {t.lower() for t in titles.titles}
        self.leaf_terms = {  # topic headings only: a job-title heading is handled by the title logic
            c.id: {_stem(w) for w in content_words(c.section.split(" > ")[-1]) if w not in self.generic}
            for c in chunks
            if c.section.split(" > ")[-1].lower() not in self.title_set
        }
        self.embed_query = embed_query
        self._memo = threading.local()  # the last question's scored units, per thread
        docs = Counter[str]()
        for units in self.units.values():
            for u in units:
                docs.update(_terms(u.text))
        # career ladders: the tier after each tier, per guide ("what's next after X?")
        self.next_tier: dict[tuple[str, str], str] = {}
        previous: dict[tuple[str, str], str] = {}
        for c in chunks:
            parent, _, leaf = c.section.rpartition(" > ")
            if parent and leaf.lower() in self.title_set:
                key = (c.source, parent)
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

    def _job(self, s: _Scored) -> str:
        """The job a unit is about: its pay-table row or ladder rung, else its guide's role."""
        return self._subject(s.unit, s.hit.chunk) or s.hit.chunk.role

    def _about(self, s: _Scored, named: list[str]) -> bool:
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

    def score(
        self, question: str, hits: list[Hit], qvec: np.ndarray, q: Query | None = None
    ) -> list[_Scored]:
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
    ) -> list[_Scored]:
        q_terms = _terms(question) - self.generic_terms
        q_weight = sum(self.idf.get(w, self.default_idf) for w in q_terms) or 1.0
        wants, asked_names, named = self._read(question, q)
        upcoming = {t.lower() for t in self.next_titles(set(named))} if "path" in wants else set()
        q_words = set(content_words(question))
        # the question's rarer words ("lowest", "hospitals"): above the median idf of its words
        idfs = sorted(self.idf.get(w, self.default_idf) for w in q_terms)
        q_rare = {w for w in q_terms if idfs and self.idf.get(w, self.default_idf) >= idfs[len(idfs) // 2]}
        asked = measures().get(asked_names[0]) if asked_names else None
        # the question's qualifiers: "lowest", "hospitals", "2019", "range" — not the job's or the measure's words
        q_qual = self._qualifier_terms(q_terms)
        out: list[_Scored] = []
        for hit in hits:
            chunk = hit.chunk
            prior = 1.0 / (1.0 + 0.08 * ((hit.fused_rank or hit.rank) - 1))
            section_terms = self.section_terms.get(chunk.id) or {
                _stem(w) for w in content_words(chunk.section)
            }
            role_extra = (
                self.role_words.get(chunk.role, set(content_words(chunk.role))) - self.generic - q_words
            )
            leaf = self.leaf_terms.get(chunk.id, set())
            titled = (
                bool(leaf) and leaf <= q_terms
            )  # the section is named like the question ("Technical Skills")
            for unit in self.units.get(chunk.id, []):
                vec = self.unit_vectors.get(unit_key(unit.text))
                sem = float(vec @ qvec) if vec is not None else 0.0
                terms = self.unit_terms[id(unit)] | section_terms
                lex = sum(self.idf.get(w, self.default_idf) for w in q_terms & terms) / q_weight
                nums = self.unit_numbers[id(unit)]
                money = bool(re.search(r"[$€£₩]\s?\d", unit.quote))
                subject = self._subject(unit, chunk)
                ladder = bool(set(wants) & {"salary", "years", "path", "growth"})
                numeric = bool(set(wants) & set(NUMERIC_INTENTS))
                on_subject = bool(named) and subject is not None
                named_subject = on_subject and subject is not None and subject.lower() in named
                f = dict.fromkeys(FEATURES, 0.0)
                f["semantic"], f["lexical"], f["rank_prior"] = sem, lex, prior
                f["section_named"] = float(titled)
                rare = self.unit_terms[id(unit)] & q_rare
                f["rare_terms"] = len(rare) / len(q_rare) if q_rare else 0.0
                f["qualifiers"] = len(self.unit_terms[id(unit)] & q_qual) / len(q_qual) if q_qual else 0.0
                if asked is not None:
                    fits = asked.found_in(f"{chunk.section.split(' > ')[-1]}: {unit.text}")
                    f["measure_fit" if fits else "measure_miss"] = 1.0
                if "salary" in wants:
                    f["pay_money" if money else "pay_no_money"] = 1.0
                if "years" in wants and "salary" not in wants:
                    f["years_duration" if _DURATION.search(unit.quote) else "years_no_duration"] = 1.0
                if (
                    "growth" in wants
                    and "salary" not in wants
                    and re.search(r"\d\s*%|≈|openings", unit.quote)
                ):
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
                vector = np.fromiter(f.values(), dtype=np.float64, count=len(FEATURES))
                score = self.weights.score(vector)
                out.append(_Scored(unit, hit, score, nums, lex, vector))
        out.sort(key=lambda s: -s.score)
        return out

    def _qualifier_terms(self, q_terms: set[str]) -> set[str]:
        """A question's stems that are neither its job's, its measure's nor its intent's: what it qualifies by."""
        return q_terms - self.title_terms - self.measure_terms - self.intent_terms

    def _asked(self, question: str) -> Asked:
        """The statistic, years and setting words a figure question asks for (coach/ask/qualifiers.py)."""
        # adverbs ("typically", "usually") qualify the verb, not the figure
        q_terms = (
            _terms(question)
            - self.generic_terms
            - {_stem(w) for w in content_words(question) if w.endswith("ly")}
        )
        other = (
            self._qualifier_terms(q_terms)
            - self.statistic_terms
            - _MONTHS
            - {y for y in q_terms if y.isdigit()}
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

    def select(self, question: str, scored: list[_Scored], q: Query | None = None) -> list[_Scored]:
        if not scored:
            return []
        wants, asked, mentioned = self._read(question, q)
        measure = measures().get(asked[0]) if asked else None
        # a figure question: a pay/years/growth intent, or a measure with figures asked for ("how many ... jobs")
        numeric = asks_figure(question, wants, asked)
        listy = bool(set(wants) & set(LIST_INTENTS))
        top = scored[0].score
        limit = 5 if listy else 4 if numeric else 3
        floor = top - (0.10 if numeric else 0.12)
        named: list[str] = []
        narrowed: set[int] | None = None  # the figures that state what the question qualifies by, if any
        if numeric:
            # a figure for a named job comes from its own rows, rungs or guides, never a broader or other job's
            named = list(mentioned)
            if "path" in wants:  # "what's next after X?" is about the rungs after X too
                named += [t.lower() for t in self.next_titles(set(named))]
            own = [s for s in scored if self._about(s, named)] if named else scored
            scored = own or scored
            top = scored[0].score
            fitting = [s for s in scored if _fits(s, wants, measure)]
            asked_for = self._asked(question)
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
            if fitting:
                scored = [s for s in fitting if s.lex >= 0.6 * fitting[0].lex or self._about(s, named)]
                top = scored[0].score
                floor = top - 0.15
        chosen: list[_Scored] = []
        for s in scored:
            if len(chosen) >= limit or s.score < floor:
                break
            if numeric and not s.numbers:
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
            chosen = same[:limit] + [c for c in chosen if c.hit is not first.hit][: max(0, limit - len(same))]
        by_pos = {(s.hit.chunk.id, s.unit.position): s for s in scored}
        expanded: list[_Scored] = []
        for c in chosen:
            expanded.append(c)
            short_intro = c.unit.kind == "sentence" and (
                len(c.unit.text.split()) < 12 or c.unit.text.endswith(":")
            )
            bare_label = (
                c.unit.kind == "fields" and not numeric
            )  # "Experience: 1-3 years" alone does not say what the job is
            if c.unit.text.rstrip().endswith(":"):  # "As a paralegal, you'll need to:" brings its list
                pos = c.unit.position + 1
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
                _fits(s, wants, measure),
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

    def _labelled(self, chosen: list[_Scored], wants: set[str]) -> list[str]:
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

    def _unmatched_names(self, question: str, chosen: list[_Scored]) -> list[str]:
        """Places and other proper names in the question that no chosen passage mentions (e.g. 'Europe')."""
        names = re.findall(r"(?<!^)(?<![.?!] )\b([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})*)\b", question.strip())
        known = self.titles.vocabulary | self.generic
        seen = " ".join(f"{s.unit.text} {s.hit.chunk.section}" for s in chosen).lower()
        out = []
        for name in names:
            words = set(content_words(name))
            if words and not words <= known and name.lower() not in seen:
                out.append(name)
        return out


_ENUMERATION = re.compile(
    r"\b(what|which)\b.*\b(are|exist|kinds?|types?|options|areas|list|there)\b|\b(list|name|overview)\b", re.I
)
_MONTHS = frozenset(_stem(m) for m in MONTHS)
_MONEY = re.compile(r"[$€£₩]\s?\d")
_DURATION = re.compile(r"\d\s*(?:\+\s*)?(?:(?:-|–|to)\s*\d+\s*)?(?:years?|months?|weeks?)")
_GROWTH = re.compile(r"\d\s*%|≈|openings")


def _fits(s: _Scored, wants: set[str], measure: Measure | None = None) -> bool:
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


# --- LLM answers ----------------------------------------------------------------------------


def format_passages(hits: list[Hit]) -> str:
    return "\n\n".join(
        f"[{n}] ({h.chunk.role} guide — {h.chunk.section})\n{h.chunk.text}" for n, h in enumerate(hits, 1)
    )


class LLMAnswerer:
    """Answers with a chat model from numbered passages; the grounding guard checks every answer before it is shown."""

    def __init__(self, model: ChatModel, fallback: ExtractiveAnswerer, passages: int = 5) -> None:
        self.model = model
        self.name = model.name
        self.fallback = fallback
        self.passages = passages

    def passages_for(self, hits: list[Hit]) -> list[Hit]:
        """The passages the model sees: the first few hits, which the Coach has already reranked."""
        return hits[: self.passages]

    def messages(self, question: str, used: list[Hit], history: list[Message] | None = None) -> list[Message]:
        msgs: list[Message] = [{"role": "system", "content": load_prompt("answer_system")}]
        for turn in (history or [])[-4:]:
            if turn.get("role") in ("user", "assistant"):
                msgs.append({"role": turn["role"], "content": turn["content"]})
        msgs.append(
            {
                "role": "user",
                "content": load_prompt("answer_user").format(
                    passages=format_passages(used), question=question
                ),
            }
        )
        return msgs

    def _finish(
        self, raw: str, question: str, hits: list[Hit], used: list[Hit], qvec: np.ndarray | None
    ) -> Draft:
        report = check(raw, [h.chunk.text for h in used])
        if not report.ok:
            why = (
                "uncited"
                if report.uncited
                else "numbers not in the cited passages: " + ", ".join(report.ungrounded_numbers)
            )
            return self._fallback(question, hits, qvec, why)
        # renumber the passages the answer cites as 1..n, in order of first use
        order = list(dict.fromkeys(n for n in (int(m) for m in re.findall(r"\[(\d+)\]", report.text))))
        remap = {old: new for new, old in enumerate(order, 1)}
        text = re.sub(r"\[(\d+)\]", lambda m: f"[{remap[int(m.group(1))]}]", report.text)
        return Draft(text, [used[n - 1] for n in order])

    def answer(
        self,
        question: str,
        hits: list[Hit],
        qvec: np.ndarray | None = None,
        history: list[Message] | None = None,
    ) -> Draft:
        used = self.passages_for(hits)
        raw = self.model.invoke(self.messages(question, used, history))
        return self._finish(raw, question, hits, used, qvec)

    def stream(
        self,
        question: str,
        hits: list[Hit],
        qvec: np.ndarray | None = None,
        history: list[Message] | None = None,
    ) -> Iterator[str | Draft]:
        """Yield verified text sentence by sentence, then the final Draft (which replaces it on fallback)."""
        buffer = ""
        shown = ""
        used_hits = self.passages_for(hits)
        used = [h.chunk.text for h in used_hits]
        failed: list[str] = []
        for piece in self.model.stream(self.messages(question, used_hits, history)):
            buffer += piece
            while not failed:
                match = re.search(r"(?<=[.!?])(?:\s*\[\d+\])*\s+", buffer)
                if not match:
                    break
                sentence, buffer = buffer[: match.end()], buffer[match.end() :]
                candidate = shown + sentence
                failed = check(candidate, used).ungrounded_numbers
                if failed:
                    break
                shown = candidate
                yield sentence
        if failed:
            yield self._fallback(
                question, hits, qvec, "numbers not in the cited passages: " + ", ".join(failed)
            )
        else:
            yield self._finish(shown + buffer, question, hits, used_hits, qvec)

    def _fallback(self, question: str, hits: list[Hit], qvec: np.ndarray | None, why: str) -> Draft:
        """The extractive answer in place of one that failed the grounding check, with the reason as a warning."""
        draft = self.fallback.answer(question, hits, qvec)
        draft.grounding_fallback = True
        draft.warnings.append(
            f"the {self.name} answer failed the grounding check ({why}); showing the extractive answer"
        )
        return draft
