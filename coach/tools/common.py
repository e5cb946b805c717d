"""What the coaching tools share: a role resolved to the corpus's job, and citations in the chat's shape."""

from __future__ import annotations

from typing import Any

from coach.ask.coach import Coach
from coach.ask.reply import spans
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
