"""The corpus job a question means by a word no title holds, read from what else it says: "are apple pickers paid
by the crate in the orchards?" of an Orchard Worker guide that alone among the corpus's guides writes "crate" and
"orchards". The embedding match of "apple picker" with "Orchard Worker" alone is too weak to take (the fitted alias
threshold is far higher: a dentist is no dental nurse); words of the question that only the nearest job's guides
write, beyond the corpus's job titles, the phrase itself, its places and the words any question shares (career,
measure, intent and statistic words), are what make it that job. How many such words, and from which cosine, is
fitted on the development pool (evals/fit_decline.py --context-only, coach/ask/decline.json); 0 words: off. A phrase
beside a covered job is read so only as that job: one beside another covered job is another job ("a massage
therapist or a personal trainer?").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from coach.ask.reading import intent_stems, measure_stems, statistic_stems
from coach.ask.stems import stem, terms
from coach.ingest.places import named_places

__all__ = ["asking_terms", "context_evidence", "context_job", "context_terms", "job_only_terms"]


@lru_cache(maxsize=1)
def asking_terms() -> frozenset[str]:
    """The stems any question about any job may use: the measures' asking words ("earn", "salary", "hours"), the
    intents' ("become", "duties") and the statistics' ("average", "starting")."""
    return measure_stems() | intent_stems() | statistic_stems()


def context_terms(question: str, phrase: str, generic: Iterable[str], places: Iterable[str] = ()) -> set[str]:
    """The question's stems less the job phrase's, its places' (named or given), the corpus's career and domain
    words (`generic`) and the words any question shares (`asking_terms`)."""
    dropped = terms(phrase) | {stem(w) for w in generic} | asking_terms()
    for name in [*places, *(n for n, _code in named_places(question))]:
        dropped |= terms(name)
    return terms(question) - dropped


def context_evidence(
    phrase: str,
    question: str,
    nearest: Callable[[str], tuple[str, float, float]],
    job_stems: Callable[[str], frozenset[str]],
    jobs: list[str],
    generic: Iterable[str] = (),
    places: Iterable[str] = (),
) -> tuple[str, float, int]:
    """(The corpus job nearest `phrase`, its cosine, how many of the question's context stems that job's guides
    write and no other job's do); ("", 0.0, 0) for a corpus of one job, where every word is its only job's."""
    if len(jobs) < 2:
        return "", 0.0, 0
    job, similarity, _ = nearest(phrase)
    if not job:
        return "", 0.0, 0
    return job, similarity, len(job_only_terms(job, question, phrase, job_stems, jobs, generic, places))


def job_only_terms(
    job: str,
    question: str,
    phrase: str,
    job_stems: Callable[[str], frozenset[str]],
    jobs: Iterable[str],
    generic: Iterable[str] = (),
    places: Iterable[str] = (),
) -> list[str]:
    """The question's context stems (`context_terms`) that `job`'s guides write and no other job's do."""
    own = job_stems(job)
    others = [job_stems(j) for j in jobs if j != job]
    return [
        t
        for t in context_terms(question, phrase, generic, places)
        if t in own and not any(t in o for o in others)
    ]


def context_job(evidence: tuple[str, float, int], *, words: int, cosine: float) -> str | None:
    """The job of `context_evidence` when its cosine reaches `cosine` and at least `words` of the question's
    context stems are that job's guides' alone; None otherwise (always with `words` 0: off)."""
    job, similarity, count = evidence
    return job if words > 0 and job and similarity >= cosine and count >= words else None
