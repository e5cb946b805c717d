"""Understanding a question before retrieval: validation, intent, job titles, refusals and follow-ups."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from coach.ask.asks import asks_number, kind_measures
from coach.ask.followup import SWITCH, conversation, needs_context, new_subject, standalone
from coach.ask.job_slots import NEUTRAL_MODIFIERS
from coach.ask.jobs import TitleIndex, _coordinated_jobs
from coach.ask.measures_asked import asked_measures
from coach.ask.query import Query, clean_question, document_request, set_aside
from coach.ask.reading import (
    INTENTS,
    NUMERIC_INTENTS,
    answer_intents,
    asks_figure,
    explains,
    intents,
    retrieval_query,
    wants_figure,
)
from coach.ask.tokens import (
    _singular,
    content_words,
    guard_rules,
    is_injection,
    is_off_task,
    is_off_topic,
    words,
)
from coach.ask.vocabulary import Vocabulary
from coach.ask.where import place_names, place_pattern, places, places_in
from coach.errors import QuestionError
from coach.ingest.identity import is_kind_of
from coach.ingest.places import named_places

# The question stage's names, importable from here whichever module of the stage defines them
__all__ = [
    "INTENTS",
    "NEUTRAL_MODIFIERS",
    "NUMERIC_INTENTS",
    "Query",
    "TitleIndex",
    "Vocabulary",
    "_singular",
    "answer_intents",
    "asked_measures",
    "asks_figure",
    "clean_question",
    "content_words",
    "document_request",
    "explains",
    "guard_rules",
    "intents",
    "is_injection",
    "is_off_task",
    "place_names",
    "place_pattern",
    "places",
    "places_in",
    "retrieval_query",
    "needs_context",
    "standalone",
    "understand",
    "wants_figure",
    "words",
]

# a question that says it changes the subject carries nothing from the conversation: "Different question: ...",
# "Switching topics, ...", "Forget oil. ..."
# a question opening with an auxiliary verb asks yes or no ("Are there lots of openings?", "and is it growing?")
_YES_NO = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay|also)\W+)?(?:are|is|do|does|did|can|could|will|would|should|has|have)\b",
    re.I,
)


def _named_sources(vocab: Vocabulary, named: list[str]) -> list[str]:
    return sorted({s for t in named for s in vocab.title_guides.get(t.lower(), [])})


def _missing_measure(vocab: Vocabulary, named: list[str], measures: list[str], question: str) -> str:
    """'pay|Paralegal' when a question asking for a figure names a job none of whose guides give that measure.
    A yes/no question that asks no number ("are florist jobs growing?") can be answered in words: it is left
    to the decision."""
    if not wants_figure(question) or not measures or not named:
        return ""
    if _YES_NO.match(question) and not asks_number(question):
        return ""
    measure = measures[0]
    if (kinds := kind_measures(question)) is not None and measure not in kinds:
        # "how old must I be to teach driving for money?" asks an age, not the pay "money" was read as
        return ""
    for named_title in named:
        # a narrower kind of the job counts: "Heavy and Tractor-trailer Truck Driver" for "truck drivers"
        for title in [named_title, *(t for t in vocab.titles.titles if is_kind_of(t, named_title))]:
            if vocab.title_kind.get(title.lower()) != "guide":
                return ""  # a pay-table row or ladder rung is a figure already
            if any(
                vocab.guide_measures.get(s, {}).get(measure)
                # fitted (decide.py's soft_measures): a figure of the measure's shape in other words than its
                # own ("roughly 140,000 people earn their livelihood" is a number of jobs): left to the decision
                or (measure in vocab.soft_measures and vocab.writes_figure(s, measure))
                for s in vocab.title_guides.get(title.lower(), [])
            ):
                return ""
    return f"{measure}|{named[0]}"


def _earlier_job(history: list[dict[str, str]], vocab: Vocabulary, max_chars: int) -> str | None:
    """The corpus job of the latest earlier user turn that names one, that turn read as a question of its own."""
    for m in reversed(history):
        if m.get("role") != "user" or not str(m.get("content", "")).strip():
            continue
        try:
            earlier = understand(str(m["content"]), [], vocab, max_chars)
        except QuestionError:
            continue
        if earlier.occupations:
            return earlier.occupations[0]
    return None


def _spoken(
    vocab: Vocabulary, phrase: str | None, measures: list[str], question: str, named: list[str]
) -> tuple[list[str], str]:
    """The guides that speak of a job phrase no title holds, and the words they name it by (mentions.py). One
    word beside a job the corpus covers ("an engineer officer") is a kind of that job, not one they speak of."""
    if not phrase or vocab.speaking_of is None:
        return [], ""
    sources, said = vocab.speaking_of(phrase, measures, question)
    return ([], "") if len(said.split()) == 1 and named else (sources, said)


def understand(
    question: str,
    history: list[dict[str, str]],
    vocab: Vocabulary,
    max_chars: int = 2000,
    aliases: Mapping[str, str] | None = None,
) -> Query:
    """Validate, rewrite follow-ups, resolve the jobs named against the corpus, find intents, measures and declines;
    `aliases`: job phrases already read as corpus jobs (retrieved_job.py: the job of their best passage)."""
    question = clean_question(question, max_chars)
    expanded_q = vocab.expand(question)
    # "Different question: ..." starts anew
    history = [] if SWITCH.search(question) else conversation(history)
    expanded_history = [{**m, "content": vocab.expand(str(m.get("content", "")))} for m in history]
    # a follow-up bringing a subject of its own ("what about sparkies?") takes nothing from earlier turns; their
    # job is read once, and only where it is wanted: their own words are carried where they name no job the corpus
    # knows, and that job where the follow-up names none
    own_subject = bool(history) and new_subject(expanded_q, vocab)
    earlier_job = cache(lambda: _earlier_job(history, vocab, max_chars))
    standalone_q = (
        standalone(
            expanded_q, expanded_history, vocab.titles, lambda: not own_subject and earlier_job() is None
        )
        if history
        else expanded_q
    )
    asked = set_aside(standalone_q)  # "perks on top of salary" asks for perks, not pay
    found = intents(asked)
    wants = answer_intents(asked)
    # "what drives growth?" asks for reasons: no measure's figure is wanted, nor declined for lack of one
    measures = [] if explains(asked) else asked_measures(asked)
    named = vocab.titles.mentioned(standalone_q)
    known = frozenset(vocab.standard_jobs)  # the standard codes of the corpus's jobs
    unknown = vocab.titles.uncovered_occupation(standalone_q, known=known)
    listed = None  # a corpus job the question names in other words than the corpus's
    if unknown and (alias := (aliases or {}).get(unknown) or vocab.alias(unknown)):
        # "university lecturer" for "Postsecondary Teacher": the corpus's job under another name
        named, unknown, listed = [alias, *(t for t in named if t != alias)], None, alias
    if unknown and named and not asks_figure(asked, wants, measures) and vocab.qualified(unknown, named):
        # "a casino dealer" of a Dealer guide that keeps writing "casino": its job, qualified; never for a figure,
        # which the guide gives for its own job ("a product manager's pay" of a support manager's guide)
        unknown = None
    said_by, spoken_of = _spoken(vocab, unknown, measures, question, named)
    if said_by:
        unknown = None  # "what do NDT inspectors earn?" where the aerospace guide gives their pay: a job it speaks of
    if unknown and vocab.generic(unknown):
        # "what do supervisors in phlebotomy make?": a generic head names no job to decline for
        unknown = None
    context_of = None  # a phrase read as a corpus job by what else the question says
    inferred = None  # the corpus job the question is nearest, where it names none
    if unknown and (context := vocab.context_alias(unknown, standalone_q)) and set(named) <= {context}:
        # "are apple pickers paid by the crate in the orchards?": the one job whose guides write those words; beside
        # a covered job it must be that job ("the orchard's apple pickers" of the Orchard Worker guide), not another
        # ("an orchard worker or a vineyard hand?" names two jobs)
        named, context_of, unknown, listed = [context], unknown, None, context
    if not named and not unknown and (listed := vocab.standard_named(standalone_q)):
        named = [listed]  # "what does a mortician earn?": a funeral director, by the standard list's titles
    if not named and not unknown:
        named = vocab.titles.field_named(standalone_q)  # "is teaching a good career?" of guides on teachers
    if not named and not unknown and vocab.ranked is not None:
        # "how much do cops make?": no title named, but the question is plainly about one corpus job
        title, cosine, margin = vocab.subject(standalone_q)
        if title and cosine >= vocab.subject_threshold and margin >= vocab.subject_margin and not spoken_of:
            named, inferred = [title], title
    if not named and not unknown and not history and asks_figure(asked, wants, measures):
        # "how much do cops make?" of guides that never say "cop": no corpus job's figure answers it
        unknown = vocab.titles.unheard_subject(standalone_q, known)
    if (
        not named
        and not unknown
        and history
        and not spoken_of
        and not own_subject
        and (earlier := earlier_job())
    ):
        # a follow-up naming no job is about the job the conversation was about, however that was named
        # ("how do I become a firie?" ... "and once I get through selection, what happens?")
        named, standalone_q = [earlier], f"{standalone_q.rstrip()} ({earlier})"
        asked = set_aside(standalone_q)
    # "Accountant and Auditor" names the "Accountant" guide's job too
    parts = {p.lower() for t in named for p in _coordinated_jobs(t)}
    named += [t for t in vocab.titles.titles if t.lower() in parts and t not in named]
    numeric = asks_figure(asked, wants, measures)
    query = Query(
        question=question,
        standalone=standalone_q,
        expanded=standalone_q,
        # what is set aside still finds the passage that lists the rest ("apart from plucking, what other work ...")
        retrieval=retrieval_query(standalone_q),
        intents=found,
        answer_intents=wants,
        measures=measures,
        occupations=named,
        sources=_named_sources(vocab, named) or said_by,
        places=places(standalone_q, vocab.titles) if numeric or measures else [],
        document=document_request(question),
        spoken_of=spoken_of,
        read_as=context_of or "",
    )
    if history and not named_places(question) and not places(question, vocab.titles):
        turns = (
            named_places(str(m.get("content", ""))) for m in reversed(history) if m.get("role") == "user"
        )
        query.earlier_places = [name for name, _code in next((p for p in turns if p), [])[:1]]
    if is_injection(question):
        query.decline = "injection"
    elif is_off_task(question) or (not named and not unknown and is_off_topic(question)):
        query.decline = "refusal"
    elif unknown and (
        not named or all(vocab.titles.distinct(t) <= set(_singular(words(unknown))) for t in named)
    ):
        # no covered job beside it, or the covered one is read off the unknown phrase itself (the corpus's
        # "Manager" in "product manager"): declined; "a game developer or a web developer?" names both
        # jobs, so the covered one is answered and the other named as not covered
        query.decline, query.decline_detail = "refusal", unknown
    elif unknown:
        query.uncovered = unknown  # "astronauts and paramedics": the paramedic answered, the astronaut named
    elif not history and not named and len(vocab.titles.titles) > 1 and needs_context(question):
        query.decline = "which_job"  # "and at senior level?" as a first message: ask which job
    elif not listed and not (set(content_words(standalone_q)) & vocab.words):
        query.decline = "refusal"
    elif numeric and (missing := _missing_measure(vocab, named, measures, standalone_q)):
        query.decline, query.decline_detail = "no_measure", missing
    elif (
        no_figures := vocab.titles.uncovered_occupation(
            standalone_q, figures=numeric and wants_figure(standalone_q)
        )
    ) and not (
        no_figures == context_of
        or no_figures in (aliases or {})
        or vocab.alias(no_figures)
        or vocab.generic(no_figures)
        or (not numeric and vocab.qualified(no_figures, named))
    ):
        # a job only inferred from the question's other words is none it names beside the phrase, where a guide
        # gives the measure asked beside the phrase ("what can a chef make in a restaurant?" is nearest the waiter's
        # guide, which gives chefs' pay); a phrase only in the possessive names someone else's ("the minister's
        # proposal")
        owner = re.search(rf"(?i)\b{re.escape(no_figures)}['’]s\b", question)
        beside = [t for t in named if t != inferred or not measures or owner]
        _sources, said = _spoken(vocab, no_figures, measures, question, beside)
        if said:
            query.spoken_of = said  # "second officers" of the merchant-navy guide's pay sentence
        else:
            query.decline, query.decline_detail = "refusal", no_figures
    return query
