"""Each place's guide of the job gets its say.

A corpus may hold one job's guides from several countries (a coffee picker in Brazil and in Guatemala). Asked
of the job with no place, the answer should not quietly be the top-ranked country's: each other country's guide
whose best unit scores close to the answer's best is quoted too, under its own guide, so the reader sees which
country says what (and can name one to see its guide alone; coach/ask/gather.py then keeps to it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from coach.ask.units import Scored
from coach.ingest.identity import is_kind_of


def each_place(
    chosen: list[Scored],
    scored: Sequence[Scored],
    sources: Sequence[str],
    guide_places: dict[str, list[str]],
    margin: float,
    fits: Callable[[Scored], bool] = lambda s: True,
) -> list[Scored]:
    """`chosen` with, for each guide of `sources` about a place none of the quoted guides is about, its best
    unit of `scored` (best first) that `fits` and scores within `margin` of the best unit."""
    if len(sources) < 2 or not chosen or not scored:
        return chosen
    top = max(s.score for s in scored)
    quoted = {c.hit.chunk.source for c in chosen}
    said = {p for source in quoted for p in guide_places.get(source, [])}
    out = list(chosen)
    for source in sources:
        places = guide_places.get(source) or []
        if source in quoted or not places or said.intersection(places):
            continue  # quoted already; about no known place; or about a place a quoted guide speaks for
        best = next((s for s in scored if s.hit.chunk.source == source and fits(s)), None)
        if best is not None and best.score >= top - margin:
            out.append(best)
            said.update(places)
    return out


def same_job(sources: Sequence[str], roles: dict[str, str], jobs: Sequence[str]) -> list[str]:
    """The guides of `sources` about the jobs asked themselves, not about a more specific job ("Fire Officer"
    for "officer", "Coffee Picker" for "picker"): each country's guide of the job, not each kind of it."""
    return [
        s
        for s in sources
        if not any(is_kind_of(roles.get(s, ""), j) and not is_kind_of(j, roles.get(s, "")) for j in jobs)
    ]
