"""The jobs guides speak of without a title of their own: a merchant-navy guide's "second officer", an aerospace
guide's "NDT inspector". A question about one is not about a job the corpus does not cover when a guide gives what
is asked beside its name ("NDT inspector ... draw an average salary of $3,200 to $4,900")."""

from __future__ import annotations

import re

from coach.ingest.chunk import Chunk, Unit
from coach.ingest.measures import measures


def job_pattern(phrase: str) -> re.Pattern[str]:
    """A job phrase as a guide may write it: in the plural, with punctuation between its words ("NDT inspector"
    is the page's "(NDT) inspector"), and with one word more before its last ("a junior clerk" is the page's
    "junior office clerks")."""
    *lead, last = map(re.escape, phrase.split())
    gap = r"\W{1,3}(?:[a-z]+\W{1,3})?" if lead else ""
    return re.compile(r"\b" + r"\W{1,3}".join(lead) + gap + last + r"(?:s|es)?\b", re.I)


# a job named after one of these words is where or with whom the guide's own job works, not who earns the figure
_OBJECT = re.compile(
    r"\b(?:of|to|with|by|alongside|under|assist|assists|assisting)\s+(?:the\s+|a\s+|an\s+)?$", re.I
)


def _as_subject(pattern: re.Pattern[str], text: str) -> bool:
    """Does `text` name the job once at least other than as where or with whom someone else works?"""
    return any(not _OBJECT.search(text[: m.start()]) for m in pattern.finditer(text))


class Mentions:
    """Every quotable unit of a corpus with its guide and section, searched for a job phrase."""

    def __init__(self, chunks: list[Chunk], units: dict[str, list[Unit]]) -> None:
        by_id = {c.id: c for c in chunks}
        self.units = [
            (by_id[cid].source, by_id[cid].section, u.text)
            for cid, found in units.items()
            if cid in by_id
            for u in found
        ]
        parts: dict[str, list[str]] = {}
        for source, section, text in self.units:
            parts.setdefault(source, []).extend((section, text))
        # each guide's words, where a question's leading words must be named too
        self.text = {source: " ".join(p) for source, p in parts.items()}
        self._seen: dict[tuple[str, tuple[str, ...], tuple[str, ...]], tuple[list[str], str]] = {}

    def speaking_of(
        self, phrase: str, asked: list[str] | None = None, question: str = ""
    ) -> tuple[list[str], str]:
        """(The guides that name `phrase` (or its plural) in a unit stating one of the measures asked; with no
        measure asked, the guides that name it as someone who works in any unit (not only where or with whom
        another works); the words they name it by). Empty for a phrase no guide speaks of so. One unit is enough:
        on the development pool a second one kept 5 answerable questions from their guide ("what does a farm
        steward do?" of a page that names stewards once) and turned away 2 not-covered ones.
        Leading words the question capitalises or makes possessive name where the job is, not which job ("Kenya
        Airways captains", "a ship's captain"): without them, the phrase is looked for in the guides that also
        name them."""
        names = tuple(m.group(0).lower() for m in re.finditer(r"(?<=\S )[A-Z][\w&-]*", question))
        key = (phrase.lower(), tuple(asked or ()), names)
        if key not in self._seen:
            if len(self._seen) >= 4096:
                self._seen.clear()  # questions are unbounded; the cache is not
            self._seen[key] = self._search(*key)
        return self._seen[key]

    def _search(self, phrase: str, asked: tuple[str, ...], names: tuple[str, ...]) -> tuple[list[str], str]:
        words = phrase.split()
        found = self._naming(words, asked)
        start = 0
        while not found and start < len(words) - 1 and (words[start] in names or words[start].endswith("'s")):
            start += 1
            lead = [re.sub(r"'s$", "", w) for w in words[:start]]
            found = [
                s
                for s in self._naming(words[start:], asked)
                if all(re.search(rf"\b{re.escape(w)}\b", self.text[s], re.I) for w in lead)
            ]
        return found, " ".join(words[start:]) if found else ""

    def _naming(self, words: list[str], asked: tuple[str, ...]) -> list[str]:
        pattern = job_pattern(" ".join(words))
        wanted = [m for name in asked if (m := measures().get(name)) is not None]
        counts: dict[str, int] = {}
        for source, section, text in self.units:
            if not _as_subject(pattern, text):
                continue  # only "offices of dentists", "works alongside dentists": another job's figure
            if wanted and not any(m.stated_by(section, text) for m in wanted):
                continue
            counts[source] = counts.get(source, 0) + 1
        return sorted(counts)
