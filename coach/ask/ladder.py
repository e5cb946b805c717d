"""'What's my next step?': the rung after the job a question names, from the guides' own career ladders.

A ladder is a run of sibling sections named by job titles (mined in `ExtractiveAnswerer`); the answer
gives the next rung, its typical years, its pay where any guide's table has it, and what it involves,
each quoted and cited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.ask.compose import Framing, Piece, render
from coach.ask.grounding import numbers_in
from coach.ask.question import Query
from coach.ask.retrieve import Hit
from coach.ask.turn import Draft
from coach.ingest.chunk import Chunk, Unit
from coach.ingest.measures import measures

if TYPE_CHECKING:
    from coach.ask.answer import ExtractiveAnswerer

_DUTIES = 3  # what the rung involves: its first few sentences or list items


def next_rung(answerer: ExtractiveAnswerer, q: Query, allowed: set[str] | None) -> tuple[str, str] | None:
    """(the rung named, the rung after it) when the question asks what comes next after a job on a ladder."""
    if "path" not in q.intents or not q.occupations:
        return None
    for named in q.occupations:
        for (source, title), nxt in answerer.next_tier.items():
            if title == named.lower() and (allowed is None or source in allowed):
                return named, nxt
    return None


def answer_next_step(
    answerer: ExtractiveAnswerer,
    chunks: list[Chunk],
    q: Query,
    hits: list[Hit],
    allowed: set[str] | None = None,
) -> Draft | None:
    """The next rung with its years, pay and duties, each cited; None when the question is not about one."""
    found = next_rung(answerer, q, allowed)
    if found is None:
        return None
    current, nxt = found
    pay = measures().get("pay")
    chosen: list[tuple[Chunk, Unit]] = []
    rung_chunks = [
        c
        for c in chunks
        if c.section.split(" > ")[-1].lower() == nxt.lower() and (allowed is None or c.source in allowed)
    ]
    if not rung_chunks:
        return None
    for c in rung_chunks[:1]:
        units = answerer.units.get(c.id, [])
        chosen += [(c, u) for u in units if u.kind == "fields"][:1]
        chosen += [(c, u) for u in units if u.kind in ("sentence", "item") and not u.text.endswith(":")][
            :_DUTIES
        ]
    pay_guides: set[str] = set()
    for c in chunks:
        if c.source in pay_guides or (allowed is not None and c.source not in allowed):
            continue
        for u in answerer.units.get(c.id, []):
            is_pay = pay is not None and pay.stated_by(c.section, u.text)
            if u.kind == "row" and (u.subject or "").lower() == nxt.lower() and is_pay:
                chosen.append((c, u))
                pay_guides.add(c.source)
                break
        if len(pay_guides) >= 2:
            break
    by_id = {h.chunk.id: h for h in hits}
    cited: list[Hit] = []
    marker: dict[str, int] = {}
    for c, _u in chosen:
        if c.id not in marker:
            hit = by_id.get(c.id) or Hit(c, 0.0, rank=len(hits) + len(cited) + 1)
            cited.append(hit)
            marker[c.id] = len(cited)
    pieces = [
        Piece(
            u.text,
            marker[c.id],
            c.source,
            c.role,
            nxt,
            u.kind,
            numbers_in(u.quote),
            c.section,
        )
        for c, u in chosen
    ]
    text = render(pieces, Framing(next_step=(current, nxt, marker[rung_chunks[0].id])))
    quotes: dict[str, list[str]] = {}
    for c, u in chosen:
        quotes.setdefault(c.id, []).append(u.quote)
    return Draft(text, cited, jobs={c.id: [nxt] for c, _u in chosen}, quotes=quotes)
