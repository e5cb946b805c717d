"""What the coaching tools share: a role resolved to the corpus's job, and citations in the chat's shape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from coach.ask.coach import Coach
from coach.ask.reply import spans
from coach.ask.stems import terms as _terms
from coach.ingest.chunk import Chunk
from coach.ingest.identity import is_kind_of


def resolve_role(coach: Coach, role: str) -> str | None:
    """The corpus job a role names (by title, variant, alias or standard occupation), or None."""
    named = coach.vocab.titles.mentioned(role)
    if named:
        return named[0]
    query = coach.prepare(f"What does a {role} do?", None, None, "extractive").query
    return query.occupations[0] if query.occupations else None


def covered_roles(coach: Coach) -> str:
    """The corpus's jobs, for a decline (titles with digits left out: no stray figures)."""
    return ", ".join(r for r in coach.roles if not any(ch.isdigit() for ch in r))


def not_covered(coach: Coach, roles: str) -> str:
    """The decline for roles no guide covers, naming the ones they do."""
    return f"The guides do not cover {roles}. They cover these roles: {covered_roles(coach)}."


def own_sources(coach: Coach, role: str) -> set[str]:
    """The guides about the role itself (another job's guide may name it as a rung or a row); failing those,
    the guides the question stage files under its title."""
    own = {s for s, r in coach.vocab.guide_roles.items() if r.lower() == role.lower()}
    return own or set(coach.vocab.title_guides.get(role.lower(), []))


@dataclass
class Match:
    """How well one line of a user's text says a phrase: by meaning and by the phrase's own words."""

    terms: set[str]  # the phrase's distinctive stemmed words
    cosine: float = 0.0  # the best line's cosine with the phrase
    by_meaning: int = -1  # that line
    share: float = 0.0  # the largest share of the phrase's words one line holds
    by_words: int = -1  # that line (the first of equals)


class Said:
    """The lines of a user's text (an interview answer, a CV), embedded and stemmed once, to find which line
    says a guide's phrase (a point, a skill)."""

    def __init__(self, coach: Coach, lines: list[str]) -> None:
        self.lines = lines
        self.embed = coach.retriever.embed_query
        self.generic = coach.extractive.generic_terms
        self.vectors = np.vstack([self.embed(s) for s in lines]) if lines else np.zeros((0, 1))
        self.terms = [_terms(s) for s in lines]

    def match(self, phrase: str) -> Match:
        found = Match(_terms(phrase) - self.generic)
        if not self.lines:
            return found
        sims = self.vectors @ self.embed(phrase)
        found.by_meaning = int(np.argmax(sims))
        found.cosine = float(sims[found.by_meaning])
        if found.terms:
            overlap = [len(found.terms & t) for t in self.terms]
            found.by_words = max(range(len(self.lines)), key=lambda i: overlap[i])
            found.share = overlap[found.by_words] / len(found.terms)
        return found


def about(citation: dict[str, Any], role: str) -> bool:
    """Is a cited passage about `role`: its quoted units' jobs or its guide's role?"""
    jobs = [*citation.get("jobs", []), citation.get("role", "")]
    return any(j and (j.lower() == role.lower() or is_kind_of(j, role)) for j in jobs)


class Citations:
    """The passages a tool's answer cites, numbered in order of first use, in the chat's citation shape."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._seen: dict[str, int] = {}

    def add(self, chunk: Chunk, quotes: list[str], jobs: list[str] | None = None) -> int:
        """The number of `chunk` (added on first use), with the spans of `quotes` marked."""
        if chunk.id in self._seen:
            item = self.items[self._seen[chunk.id] - 1]
            item["spans"] = sorted({tuple(s) for s in item["spans"] + spans(chunk.text, quotes)})
            item["spans"] = [list(s) for s in item["spans"]]
            return self._seen[chunk.id]
        self.items.append(
            {
                "n": len(self.items) + 1,
                "chunk_id": chunk.id,
                "guide": chunk.guide,
                "role": chunk.role,
                "jobs": jobs or [chunk.role],
                "url": chunk.url,
                "source": chunk.source,
                "section": chunk.section,
                "text": chunk.text,
                "score": 0.0,  # quoted by a tool, not ranked by retrieval
                "relevance": None,
                "spans": spans(chunk.text, quotes),
            }
        )
        self._seen[chunk.id] = len(self.items)
        return len(self.items)

    def renumbered(self, citation: dict[str, Any]) -> int:
        """The number of a citation from another answer (the chat's shape), added on first use."""
        if citation["chunk_id"] in self._seen:
            return self._seen[citation["chunk_id"]]
        self.items.append({**citation, "n": len(self.items) + 1})
        self._seen[citation["chunk_id"]] = len(self.items)
        return len(self.items)
