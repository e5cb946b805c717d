"""The jobs a corpus covers, as a question names them: titles named whole or in part, and coordinated titles. The
jobs a question is about that no guide covers ("what does a solicitor earn?") are `TitleIndex` methods written in
uncovered.py, and where a question puts a job, in job_slots.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.ask.job_slots import AGENT_NOUN
from coach.ask.text import CAREER_WORDS
from coach.ask.tokens import _singular, content_words, guard_rules, words
from coach.ask.uncovered import UncoveredJobs
from coach.ingest.occupations import job_nouns

__all__ = ["TitleIndex"]


@dataclass
class TitleIndex(UncoveredJobs):
    """Job titles the corpus covers (guide roles, salary-table rows, career-ladder tiers), and its text for phrase lookups."""

    titles: list[str] = field(default_factory=list)
    corpus_text: str = ""
    figure_titles: list[str] = field(default_factory=list)  # titles the corpus gives pay or years for
    generic: frozenset[str] = CAREER_WORDS  # career words plus the corpus's domain words

    def __post_init__(self) -> None:
        self.tokens = [set(_singular(content_words(t))) for t in self.titles]
        self.vocabulary = set().union(*self.tokens) if self.tokens else set()
        # the head words of the titles, as a regex alternation ("plumber|electrician"), for list lookups
        self.head_pattern = "|".join(
            re.escape(h) for h in sorted({words(t)[-1] for t in self.titles if words(t)})
        )
        # "Interpreter and Translator" names two jobs: either one names the title
        self.aliases = [(t, toks) for t, toks in zip(self.titles, self.tokens, strict=True)] + [
            (t, set(_singular(content_words(part)))) for t in self.titles for part in _coordinated_jobs(t)
        ]
        # the words a question must say to name each alias, read once: `mentioned` runs several times a question
        self.naming = [self._naming(toks, title) for title, toks in self.aliases]

    def distinct(self, title: str) -> set[str]:
        """A title's words that name it (singular, beyond the career and domain words): 'registered nurse' of
        "Registered Nurses"; what a question must say to name the title."""
        return self._naming(set(_singular(content_words(title))), title)

    def _naming(self, toks: set[str], title: str) -> set[str]:
        """`toks` beyond the career and domain words; a head among those words ("Tourist Guide") stays where one
        other word would be left to name the job: "tourists" alone is no tourist guide."""
        distinct = toks - self.generic
        said = _singular(content_words(title))
        if (
            len(distinct) == 1
            and said
            and said[-1] in toks
            and said[-1] not in distinct
            and said[-1] in job_nouns()
        ):
            distinct = distinct | {said[-1]}
        return distinct

    def mentioned(self, text: str) -> list[str]:
        """Corpus titles named in `text`, longest first (all their distinctive words appear)."""
        q = set(_singular(content_words(text)))
        found: list[str] = []
        sets: dict[str, set[str]] = {}
        for (title, toks), distinct in zip(self.aliases, self.naming, strict=True):
            if distinct and distinct <= q and title not in found:
                found.append(title)
                sets[title] = toks
        if not found:
            found, sets = self._named_in_part(q)
        # "senior staff nurse" names that title, not also "staff nurse"
        specific = [t for t in found if not any(sets[t] < sets[o] for o in found)]
        return sorted(specific, key=lambda t: -len(t))

    def _named_in_part(self, q: set[str]) -> tuple[list[str], dict[str, set[str]]]:
        """Titles named by their head word and at least one of their other distinctive words, when no title
        is named whole ("tractor-trailer driver" -> "Heavy and Tractor-trailer Truck Driver"); the best-covered only."""
        best, found, sets = 1, [], {}
        for title, toks in self.aliases:
            words = _singular(content_words(title))
            distinct = toks - self.generic
            if not words or words[-1] not in q or words[-1] in self.generic:
                continue
            shared = len(distinct & q)
            if shared > best:
                best, found, sets = shared, [title], {title: toks}
            elif shared == best and best > 1 and title not in found:
                found.append(title)
                sets[title] = toks
        return found, sets


def _coordinated_jobs(title: str) -> list[str]:
    """The jobs of a coordinated title when every part ends in a job noun: 'Accountant and Auditor' -> both;
    not 'Heavy and Tractor-trailer Truck Driver' ('Heavy' is no job)."""
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+", title) if p.strip()]
    if len(parts) < 2:
        return []
    occupations = guard_rules().occupations
    last = [_singular(words(p))[-1:] for p in parts]
    if all(w and (w[0] in occupations or AGENT_NOUN.search(w[0])) for w in last):
        return parts
    return []
