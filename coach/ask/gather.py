"""Gather: a Turn's passages, from the guides it may be answered from, best first.

Hybrid retrieval (coach/ask/retrieve.py) finds passages by the question's words and meaning; two passes add
what those miss: passages specifically about a job title the question names (ladder tiers, table rows) and
each named job's passage stating the figure asked (a Quick Facts box the question's words do not find).
The answer units' fitted score (coach/ask/answer.py) then orders the passages.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from coach.ask.answer import ExtractiveAnswerer
from coach.ask.question import Query
from coach.ask.retrieve import Hit, Retriever
from coach.ask.text import STOPWORDS
from coach.ask.tokens import _singular, words
from coach.ask.turn import Turn
from coach.errors import ConfigError
from coach.ingest.chunk import Chunk
from coach.ingest.cities import city_countries_in, common_words
from coach.ingest.measures import measures
from coach.ingest.places import covers, guides_about, named_places


class Gatherer:
    """Finds a Turn's passages over one index."""

    def __init__(
        self,
        chunks: list[Chunk],
        retriever: Retriever,
        extractive: ExtractiveAnswerer,
        top_k: int,
        per_section_cap: int,
        writers: Callable[[Query], set[str]] | None = None,
    ) -> None:
        self.chunks = chunks
        self.retriever = retriever
        self.extractive = extractive
        self.top_k = top_k
        self.per_section_cap = per_section_cap
        self._texts: dict[str, str] = {}
        self.guides = sorted({(c.source, c.guide, c.role) for c in chunks})
        # the guides that write the names a question asks about (Coverage.writers, names.py), when given
        self.writers = writers

    def gather(self, turn: Turn, guide: str | None = None) -> Turn:
        """The stage's entry point: the Turn with its embedding, the guides it may use and its passages,
        ranked by their best answer unit. `guide` (a file name, title or role) limits it to one guide."""
        q = turn.query
        focus = self.extractive.focus_text(q.expanded, q)
        if focus:  # the answer units' focus (units.py) in the same batch: one encoder call, not two
            turn.qvec = self.retriever.embed_queries([q.expanded, focus])[0]
        else:
            turn.qvec = self.retriever.embed_query(q.expanded)
        turn.allowed = self.allowed(q, guide)
        hits = self.retriever.retrieve(
            q.retrieval, max(10, self.top_k), None, self.per_section_cap, turn.qvec, turn.allowed
        )
        hits = self._title_hits(q, hits, turn.allowed)
        hits = self._measure_hits(q, hits, turn.allowed)
        # second stage: order passages by their best answer unit (the fused rank is one of its signals)
        hits = self.extractive.rerank(q.expanded, hits, turn.qvec, q)
        for n, hit in enumerate(hits, 1):
            hit.rank = n
        turn.hits = hits
        turn.gathered = time.perf_counter()
        return turn

    def check_guide(self, guide: str | None) -> None:
        """ConfigError naming the corpus's guides when `guide` is none of them."""
        if guide and not any(guide in g for g in self.guides):
            known = ", ".join(g[0] for g in self.guides)
            raise ConfigError(f"unknown guide '{guide}': choose one of {known}")

    def allowed(self, q: Query, guide: str | None) -> set[str] | None:
        """The guides an answer may come from: the chosen guide, and the guides about the jobs the question names."""
        allowed = {g[0] for g in self.guides if guide in g} if guide else None
        # a question naming two jobs ("the Turks and Caicos police job or the New Island caretaker job?") gives
        # each its own names: one job's name sets no guides apart for the other
        if self.writers is not None and len(q.occupations) < 2 and (written := self.writers(q)):
            # "the Royal Gibraltar Police", the CFP exam's fee: only the guides that write the name can say it
            allowed = written if allowed is None else (allowed & written) or allowed
            if q.sources:  # the job's guides that write it; or, where none does, the guides that do
                q.sources = [s for s in q.sources if s in allowed] or sorted(allowed)
        places = self.extractive.guide_places
        # a job's guides are told apart by a country the question names anywhere ("the Bermuda Police Service"),
        # not only by a place a figure is asked for
        asked = q.places or [n for n, code in named_places(q.standalone) if "-" not in code]
        if not asked and len(q.sources) > 1:
            asked = q.earlier_places  # a follow-up is about the place the conversation is about
        numeric = bool(asked) and q.numeric  # read once: several patterns, and only where a place is named
        about = guides_about(places, asked) if asked else set()
        if len(q.sources) > 1:
            # a city says which country's guide of the job is meant ("bus drivers in Riga"), though no country's
            # guide gives a figure for it (coverage.py still asks for one beside its name)
            cities = city_countries_in(q.standalone, common_words())
            about |= {s for s, said in places.items() if any(covers(said, frozenset([c])) for c in cities)}
        if q.sources:
            allowed = set(q.sources) if allowed is None else (allowed & set(q.sources)) or allowed
            if (
                about
                and not allowed & about
                and guide is None
                and (broader := self._broader(q, about, not numeric))
            ):
                # "a registered nurse in India" where the guide about India is a "Nurse" guide: the broader
                # title's guide in the place asked, not another country's registered nurse or no answer
                allowed = broader
                q.sources = sorted(set(q.sources) | broader)
            if about:
                # a job's guides from two countries ("a police constable in Scotland"): not the one known to be
                # about another place (a guide whose place is unknown stays)
                allowed = {s for s in allowed if s in about or not places.get(s)} or allowed
        elif about:
            # "what could I earn in Nigeria?" naming no job: the guides about Nigeria, not another country's figure;
            # asked no figure ("is fishing a big deal in Tonga?"), a guide whose place is unknown may still say it
            if not (numeric or q.measures):
                about = about | {g[0] for g in self.guides if not places.get(g[0])}
            allowed = about if allowed is None else (allowed & about) or allowed
        return allowed

    def _broader(self, q: Query, about: set[str], by_text: bool) -> set[str]:
        """Guides in `about` whose role is a named title with words left out, the same head ("Nurse" of
        "Registered Nurse"), whose title names the named job's head ("Mauritius Police Force Recruitment" for
        a police officer), or, `by_text`, whose text names the job in all its words (a recruitment notice for
        constables that says "serving as a Student Police Officer"; not for a figure, which an enrolled nurse's
        guide that mentions registered nurses gives for its own job), or whose text keeps writing the words the
        question named its job by (`_writes_asked_words`)."""
        named = [_singular(words(t)) for t in q.occupations]
        out: set[str] = set()
        for source, title, role in self.guides:
            said = _singular(words(role or ""))
            heading = set(_singular(words(title or "")))
            if source in about and (
                any(
                    (said and set(said) < set(n) and said[-1] == n[-1])
                    or (len(n) > 1 and n[0] in heading)
                    or (by_text and len(n) > 1 and f" {' '.join(n)} " in self._said(source))
                    for n in named
                    if n
                )
                or self._writes_asked_words(q, source)
            ):
                out.add(source)
        return out

    def _writes_asked_words(self, q: Query, source: str) -> bool:
        """Does the guide write, twice or more each, the words by which the question named its job ("picking
        grapes in France" read as another country's "Grape Harvester": 'grape', which the French pickers' guide
        keeps writing)? Then the place's guide is about the job asked, under another name."""
        asked = set(_singular(words(q.standalone.lower())))
        job = {w for t in q.occupations for w in _singular(words(t.lower()))}
        shared = {w for w in asked & job if w not in STOPWORDS}
        said = self._said(source)
        if not shared or not all(_times(said, w) >= 2 for w in shared):
            return False
        # a figure asked for is one the guide states: else the decline that names the place stands
        measure = measures().get(q.measure or "")
        return not (q.numeric and measure is not None and measure.figure is not None) or any(
            c.source == source and measure.found_in(f"{c.section}: {c.text}") for c in self.chunks
        )

    def _said(self, source: str) -> str:
        """A guide's words, singular and space-padded, read once."""
        if source not in self._texts:
            text = " ".join(c.text for c in self.chunks if c.source == source)
            self._texts[source] = f" {' '.join(_singular(words(text)))} "
        return self._texts[source]

    def _title_hits(self, q: Query, hits: list[Hit], allowed: set[str] | None) -> list[Hit]:
        """Add the passages that are specifically about a job title the question names (ladder tiers, table rows)."""
        named = {t.lower() for t in q.occupations}
        wants = q.intents
        if not named or not wants & {"salary", "years", "path", "growth"}:
            return hits
        if "path" in wants:
            named |= {t.lower() for t in self.extractive.next_titles(named)}
        have = {h.chunk.id for h in hits}
        extra = [
            c
            for c in self.chunks
            if c.id not in have
            and (allowed is None or c.source in allowed)
            and (
                c.section.split(" > ")[-1].lower() in named or any(f"\n{t}" in c.text.lower() for t in named)
            )
        ]
        out = list(hits)
        for c in extra[:6]:
            out.append(Hit(c, 0.0, rank=len(out) + 1, fused_rank=len(out) + 1))
        return out

    def _measure_hits(self, q: Query, hits: list[Hit], allowed: set[str] | None) -> list[Hit]:
        """Add the named jobs' passages that state the figure asked ("Number of Jobs, 2010: 1,216,900" in a
        Quick Facts box the question's words do not find): each guide of the job gets its say."""
        measure = measures().get(q.measure or "")
        if measure is None or measure.figure is None or not q.numeric or not q.sources:
            return hits
        sources = set(q.sources) if allowed is None else set(q.sources) & allowed
        # only guides none of whose hits states it yet, one passage each: few more units to score
        stated = {h.chunk.source for h in hits if measure.found_in(f"{h.chunk.section}: {h.chunk.text}")}
        missing = sources - stated
        out = list(hits)
        for c in self.chunks:
            if c.source in missing and measure.found_in(f"{c.section}: {c.text}"):
                out.append(Hit(c, 0.0, rank=len(out) + 1, fused_rank=len(out) + 1))
                missing.discard(c.source)
        return out


def _times(said: str, word: str) -> int:
    """How often a space-padded text of singular words writes `word`; a "-y" word in its "-ies" plural too, which
    the plain singular leaves as "-ie" ("factories" writes "factory")."""
    plural = said.count(f" {word[:-1]}ie ") if word.endswith("y") and len(word) > 3 else 0
    return said.count(f" {word} ") + plural
