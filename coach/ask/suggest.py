"""Suggested follow-ups: two or three questions drawn from the sections next to the cited ones, then the corpus.

A neighbouring section becomes a question by its kind: a rung of a career ladder ("What does a senior
nurse do?"), a section about a measure (`prompts/starters.toml`), a heading that is itself a question
(FAQ pages), or a topic ("What does the Nurse guide say about Work Environment?"). Wording is data:
`[suggest]` in `prompts/answer.toml`.
"""

from __future__ import annotations

import re

from coach.ask.compose import wording
from coach.ingest.chunk import Chunk
from coach.ingest.measures import measures
from coach.ingest.occupations import is_job_title


def job_words(title: str) -> str:
    """'Registered Nurse (RN)' -> 'registered nurse (RN)': lower case, acronyms kept."""
    return " ".join(w if sum(ch.isupper() for ch in w) > 1 else w.lower() for w in title.split())


def a_job(title: str) -> str:
    """'Accountant' -> 'an accountant', 'Registered Nurse' -> 'a registered nurse'."""
    job = job_words(title)
    return ("an " if job[:1].lower() in "aeiou" else "a ") + job


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


class Suggester:
    """Knows each guide's sections in reading order; turns the neighbours of cited passages into questions."""

    def __init__(self, chunks: list[Chunk], titles: set[str], templates: dict[str, str], starters: list[str]):
        self.sections: dict[str, list[str]] = {}
        self.roles: dict[str, str] = {}
        for c in chunks:
            order = self.sections.setdefault(c.source, [])
            if c.section and (not order or order[-1] != c.section) and c.section not in order:
                order.append(c.section)
            self.roles.setdefault(c.source, c.role)
        self.titles = {t.lower(): t for t in titles}
        self.templates = templates
        self.starters = starters

    def _question(self, source: str, section: str, measures_asked: list[str]) -> tuple[str, bool] | None:
        """A follow-up about `section`, and whether it is only a plain topic (offered after the others)."""
        words = wording().get("suggest", {})
        assert isinstance(words, dict)
        leaf = section.split(" > ")[-1].strip()
        role = self.roles.get(source, "")
        if not leaf or any(ch.isdigit() for ch in leaf):
            return None
        if leaf.endswith("?"):
            return leaf, False
        if leaf.lower() in self.titles:
            key = "job_pay" if "pay" in measures_asked else "job"
            return str(words[key]).format(a_job=a_job(self.titles[leaf.lower()])), False
        for name, measure in measures().items():
            if not is_job_title(role):
                break  # "What does a web design earn?": a field's guide gets topic chips, not job ones
            if name in self.templates and name not in measures_asked and measure.context.search(leaf):
                return re.sub(
                    r"\ba (?=[aeiou])", "an ", self.templates[name].format(role=job_words(role))
                ), False
        if len(leaf.split()) <= 5:
            return str(words["topic"]).format(role=role, topic=leaf), True
        return None

    def suggest(
        self,
        question: str,
        cited: list[Chunk],
        measures_asked: list[str],
        next_jobs: list[str] | None = None,
        limit: int = 3,
    ) -> list[str]:
        """Up to `limit` follow-ups for an answer citing `cited`: the next rung first, then the neighbouring
        sections (jobs, measures and FAQ questions before plain topics), then the corpus's starters."""
        words = wording().get("suggest", {})
        assert isinstance(words, dict)
        key = "job_pay" if "pay" in measures_asked else "job"
        found = [str(words[key]).format(a_job=a_job(j)) for j in next_jobs or []]
        topics: list[str] = []
        for c in cited:
            order = self.sections.get(c.source, [])
            if c.section not in order:
                continue
            i = order.index(c.section)
            parent = c.section.rpartition(" > ")[0]
            around = [s for s in (order[i + 1 : i + 2] + order[max(0, i - 1) : i]) if s != c.section]
            around.sort(key=lambda s: s.rpartition(" > ")[0] != parent)  # siblings first
            for section in around:
                asked = self._question(c.source, section, measures_asked)
                if asked:
                    (topics if asked[1] else found).append(asked[0])
        out: list[str] = []
        seen = {_norm(question)}
        for text in [*found, *topics, *self.starters]:
            if _norm(text) not in seen and len(out) < limit:
                seen.add(_norm(text))
                out.append(text)
        return out
