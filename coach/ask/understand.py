"""Understand: a question and its conversation -> a `Turn` holding the `Query` the later steps read.

The question stage's rules (coach/ask/question.py) read the corpus through a `Vocabulary` built here from
the profile mined at ingest. With an LLM and a conversation, the model may rewrite a follow-up into a
standalone question; the rule-based reading is the fallback, and the question as asked is kept.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from coach.ask.prompts import load_prompt
from coach.ask.question import (
    Query,
    TitleIndex,
    Vocabulary,
    _singular,
    content_words,
    conversation,
    is_injection,
    is_off_task,
    understand,
    words,
)
from coach.ask.stems import stem
from coach.ask.text import CAREER_WORDS
from coach.ask.turn import Turn
from coach.backends import ChatModel, Message
from coach.errors import ModelError
from coach.index.generation import LoadedIndex
from coach.ingest.measures import measures
from coach.ingest.profile import Occupation, Profile
from coach.ingest.standard import standard


def vocabulary(index: LoadedIndex, profile: Profile) -> Vocabulary:
    """The question stage's view of a corpus, from the profile mined at ingest (or the chunks of an older index)."""
    roles = {c.source: c.role for c in index.chunks}
    occupations = profile.occupations or [
        Occupation(r, r.split()[-1].lower(), [], [s for s, rr in roles.items() if rr == r], "guide")
        for r in set(roles.values())
    ]
    figures = [
        o.title
        for o in occupations
        if o.kind != "guide"
        or any(
            g.measures.get(m) for g in profile.guides if g.source in o.guides for m in ("pay", "experience")
        )
    ]
    corpus_text = " " + " ".join(_singular(words(" ".join(c.text for c in index.chunks)))) + " "
    titles = TitleIndex(
        [o.title for o in occupations],
        corpus_text,
        figures or [o.title for o in occupations],
        CAREER_WORDS | frozenset(profile.domain_words),
    )
    # a job's guides include those of its more specific titles ("Truck Driver" -> "Heavy ... Truck Driver"), and
    # of the same standard occupation under a title sharing a word ("Tour Guide" and "Tourist Guide")
    kin = kindred(profile)
    family = {
        o.title.lower(): sorted(
            {g for o2 in occupations if set(o.words) <= set(o2.words) for g in o2.guides}
            | set(o.guides)
            | ({k for g in o.guides for k in kin.get(g, ())} if o.kind == "guide" else set())
        )
        for o in occupations
    }
    texts = _texts(index)  # read once for the two lazy readings of a guide's words below
    return Vocabulary(
        titles,
        dict(profile.synonyms),
        family,
        {o.title.lower(): o.kind for o in occupations},
        {g.source: dict(g.measures) for g in profile.guides},
        roles,
        {g.source: list(g.places) for g in profile.guides},
        frozenset(w for c in index.chunks for w in content_words(c.embed_text)),
        standard_jobs(profile),
        stems_of=_stems_of(texts),
        writes_figure=_writes_figure(texts),
    )


def _texts(index: LoadedIndex) -> dict[str, list[str]]:
    """Source -> its chunks' texts, in index order."""
    texts: dict[str, list[str]] = {}
    for c in index.chunks:
        texts.setdefault(c.source, []).append(c.text)
    return texts


def _stems_of(texts: dict[str, list[str]]) -> Callable[[str], Counter[str]]:
    """Source -> how often its text writes each stem, counted the first time a question asks (few ever do: a
    corpus's every word stemmed at start-up took 0.15 s for 550 guides)."""

    @cache
    def stems(source: str) -> Counter[str]:
        return Counter(stem(w) for text in texts.get(source, []) for w in words(text.lower()))

    return stems


def _writes_figure(texts: dict[str, list[str]]) -> Callable[[str, str], bool]:
    """(source, measure) -> does the guide write a figure of that measure's shape anywhere, whatever words
    surround it ("roughly 140,000 people earn their livelihood": a count the number-of-jobs measure's own
    context never matched)? A sum of money or a percentage is no such figure. Read the first time asked."""
    table = measures()
    money = table["cost"].figure if "cost" in table else None

    @cache
    def writes(source: str, measure: str) -> bool:
        shape = table[measure].figure if measure in table else None
        if shape is None:
            return False
        for text in texts.get(source, []):
            sums: list[tuple[int, int]] | None = (
                None  # the text's sums of money, read only once a figure is found
            )
            for found in shape.finditer(text):
                if sums is None:
                    sums = [m.span() for m in money.finditer(text)] if money is not None else []
                if any(a < found.end() and found.start() < b for a, b in sums):
                    continue
                if not _PERCENT.match(text, found.end()):
                    return True
        return False

    return writes


_PERCENT = re.compile(r"\s*(?:%|per\s?cent)", re.IGNORECASE)


def kindred(profile: Profile) -> dict[str, set[str]]:
    """Source -> the other guides of its standard occupation whose roles share a content word with its own
    ("Call Centre Agent" and "Call Center"), one job under two titles; a code alone does not make two titles one
    job ("Border Guard" filed under the customs officer's occupation)."""
    by_code: dict[str, list[tuple[str, set[str]]]] = {}
    for g in profile.guides:
        if g.occupation:
            by_code.setdefault(g.occupation.split()[0], []).append(
                (g.source, set(_singular(content_words(g.role))))
            )
    out: dict[str, set[str]] = {}
    for guides in by_code.values():
        for source, said in guides:
            out[source] = {s for s, other in guides if s != source and said & other}
    return out


def standard_jobs(profile: Profile) -> dict[str, str]:
    """Standard occupation code -> the corpus job whose guides are about it: each guide's own occupation, and
    the one or two occupations that list its role among their titles ('Arborist' is a title of the tree
    surgeon's and the arboriculturist's), unless another guide's role claims the same code."""
    own = {g.occupation.split()[0]: g.role for g in profile.guides if g.occupation}
    listed: dict[str, set[str]] = {}
    for g in profile.guides:
        found = standard().listing(g.role)
        if 0 < len(found) <= 2:
            for o in found:
                listed.setdefault(o.code, set()).add(g.role)
    return {**{c: next(iter(r)) for c, r in listed.items() if len(r) == 1 and c not in own}, **own}


def condense(
    query: Query, history: list[Message], model: ChatModel, vocab: Vocabulary, max_chars: int
) -> Query:
    """The model's standalone rewrite of a follow-up, read by the same rules; the rule-based reading when the
    model fails or answers with something that is not a question-sized line. The user's own words are judged
    first and on every turn: an injection or an off-task request is declined whatever a rewrite would say."""
    if query.decline == "injection" or is_injection(query.question) or is_off_task(query.question):
        return query
    try:
        convo = "\n".join(f"{m['role']}: {m['content']}" for m in history[-6:])
        prompt = load_prompt("condense").format(history=convo, question=query.question)
        text = model.invoke([{"role": "user", "content": prompt}])
    except ModelError:
        return query
    text = text.strip().splitlines()[0].strip() if text.strip() else ""
    if not 3 <= len(text) <= max_chars:
        return query
    rewritten = understand(text, [], vocab, max_chars)
    if rewritten.decline == "injection":
        return query  # the model's rewrite carried an instruction: read the user's words by the rules
    rewritten.question = query.question
    return rewritten


def read_turn(
    question: str,
    history: list[Any] | None,
    vocab: Vocabulary,
    max_chars: int,
    model: ChatModel | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Turn:
    """The stage's entry point: a question (and its conversation) read into a Turn; with a chat model and a
    conversation, the model's rewrite of a follow-up; `aliases`: job phrases read as corpus jobs."""
    started = time.perf_counter()
    turns = conversation(history)
    query = understand(question, turns, vocab, max_chars, aliases)
    if model is not None and turns:
        query = condense(query, turns, model, vocab, max_chars)
    return Turn(query, turns, started)
