"""Interview practice: questions drawn from a role's own guides (its FAQ, case studies, duties, challenges and
skills: prompts/interview.toml), and feedback on an answer against the points of the passage the question came
from, each point cited, with a model answer built from the guide's own sentences.

A question's id is the id of its passage, so feedback needs no stored state. A point counts as covered when a
sentence of the answer says it: by meaning (the bundled embedding model) or by most of its distinctive words.
The answer is only ever compared with the guide; nothing in it is followed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from coach.ask.coach import Coach
from coach.ask.question import is_injection
from coach.errors import ConfigError
from coach.ingest.chunk import Chunk
from coach.tools.common import Citations, Said, not_covered, own_sources, resolve_role
from coach.tools.gap import states_requirement

_MIN_POINTS = 2  # a passage with fewer sentences or items makes no question
_MAX_POINTS = 6
_COVERED_COSINE = 0.45  # an answer sentence this close in meaning to a point makes it (paraphrases: 0.45-0.6)
_COVERED_TERMS = 0.6  # ... or one holding this share of the point's distinctive words
_MAX_ANSWER_CHARS = 5000
_REQUIREMENTS = (
    "requirements"  # the kind of a question asked of a passage of requirements (coach/tools/gap.py)
)
_REQUIREMENTS_QUESTION = (
    "What do you bring to the role of {role}, and how do you meet what the role requires?"
)


@dataclass
class Question:
    """What `POST /api/interview/question` returns."""

    id: str  # the passage's id: send it back with the answer
    role: str
    question: str
    kind: str  # faq | scenario | duties | challenges | skills (prompts/interview.toml) | requirements
    n: int  # the question's position among the role's questions (ask for n + 1 next)
    of: int
    citations: list[dict[str, Any]]
    refused: bool = False
    answer: str = ""  # the question as chat text, or the decline

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Point:
    point: str
    n: int


@dataclass
class Feedback:
    """What `POST /api/interview/feedback` returns."""

    id: str
    question: str
    covered: list[Point]
    missed: list[Point]
    score: int  # 0-100: the share of the passage's points the answer makes
    model_answer: str  # the guide's own sentences, with [n] markers
    citations: list[dict[str, Any]]
    answer: str  # the feedback as chat text
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _kinds(prompts_dir: Path) -> dict[str, tuple[re.Pattern[str], str, bool]]:
    """prompts/interview.toml: kind -> (heading pattern, question template, match the whole heading path)."""
    path = prompts_dir / "interview.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return {
            k: (re.compile(v["sections"], re.I), str(v["question"]), v.get("match") == "path")
            for k, v in data.items()
        }
    except (OSError, tomllib.TOMLDecodeError, KeyError, re.error) as exc:
        raise ConfigError(
            f"{path}: {exc} (restore it or set COACH_PROMPTS_DIR to a folder that has it)"
        ) from exc


def _points(coach: Coach, chunk: Chunk, kind: str = "") -> list[str]:
    """A passage's points: its sentences and list items (for `requirements`, those stating one)."""
    leaf = chunk.section.rpartition(" > ")[2]
    units = [u.text.strip() for u in coach.extractive.units.get(chunk.id, []) if u.text.strip() != leaf]
    if kind == _REQUIREMENTS:
        units = [u for u in units if states_requirement(u, coach.settings.prompts_dir)]
    return [u for u in units if len(u.split()) >= 3][:_MAX_POINTS]


def _questions(coach: Coach, role: str) -> list[tuple[Chunk, str, str]]:
    """(passage, kind, question) for every passage of the role's own guides that makes one, in guide order."""
    kinds = _kinds(coach.settings.prompts_dir)
    sources = own_sources(coach, role)
    out, seen = [], set()
    for chunk in coach.index.chunks:
        if chunk.source not in sources or chunk.section in seen:
            continue
        leaf = chunk.section.rpartition(" > ")[2]
        # a passage's own heading says what it is ("Skills and Qualifications > Education Level" is no skills
        # passage); a case study or FAQ question sits under a heading that says so
        kind = next(
            (k for k, (p, _, whole) in kinds.items() if p.search(chunk.section if whole else leaf)), None
        )
        if kind is None or (kind == "faq" and not leaf.endswith("?")):
            continue
        question = kinds[kind][1].format(role=role.lower(), leaf=leaf.strip())
        if question not in seen and len(_points(coach, chunk)) >= _MIN_POINTS:
            seen |= {chunk.section, question}  # one passage per question
            out.append((chunk, kind, question))
    if not out:
        # a recruitment notice heads nothing as duties or skills: a passage stating what an applicant must
        # have asks how one meets it (its points: those requirements)
        ask = _REQUIREMENTS_QUESTION.format(role=role.lower())
        for chunk in coach.index.chunks:
            if chunk.source in sources and len(_points(coach, chunk, _REQUIREMENTS)) >= _MIN_POINTS:
                out.append((chunk, _REQUIREMENTS, ask))
    return out


def interview_question(coach: Coach, role: str, n: int = 0) -> Question:
    """The tool's first entry point: question `n` (wrapping round) for a role its guides cover."""
    if not role.strip():
        raise ConfigError("name a role, e.g. coach interview --role welder")
    title = resolve_role(coach, role.strip())
    if title is None:
        text = not_covered(coach, role.strip())
        return Question("", role.strip(), "", "", 0, 0, [], True, text)
    questions = _questions(coach, title)
    if not questions:
        text = f"The guides about {title} hold no duties, cases or FAQ to practise an interview on."
        return Question("", title, "", "", 0, 0, [], True, text)
    chunk, kind, question = questions[max(0, n) % len(questions)]
    citations = Citations()
    citations.add(chunk, [], [title])
    text = f"Interview practice ({title}), question {max(0, n) % len(questions) + 1} of {len(questions)}:\n{question}"
    return Question(
        chunk.id,
        title,
        question,
        kind,
        max(0, n) % len(questions),
        len(questions),
        citations.items,
        False,
        text,
    )


def interview_feedback(coach: Coach, question_id: str, answer: str) -> Feedback:
    """The tool's second entry point: which of the question's passage's points the answer makes."""
    chunk = coach.retriever.by_id.get(question_id)
    if chunk is None:
        raise ConfigError(
            f"unknown question id '{question_id}': ask for a question first (coach interview --role ROLE)"
        )
    if len(answer) > _MAX_ANSWER_CHARS:
        raise ConfigError(f"the answer is over {_MAX_ANSWER_CHARS} characters: answer in a few sentences")
    title = chunk.role
    found = next(((c, k, q) for c, k, q in _questions(coach, title) if c.id == chunk.id), None)
    question = found[2] if found else chunk.section.rpartition(" > ")[2]
    points = _points(coach, chunk, found[1] if found else "")
    citations = Citations()
    n = citations.add(chunk, points, [title])
    notes = []
    said = [s.strip() for s in re.split(r"(?<=[.!?;])\s+|\n+", answer) if len(s.split()) >= 2]
    if is_injection(answer):
        notes.append("Your answer reads as instructions to the coach; it was only compared with the guide.")
    if len(answer.split()) < 5:
        notes.append("Your answer is too short to assess: say what you would do, how and why.")
        said = []
    covered_flags = _covered(coach, points, said)
    covered = [Point(p, n) for p, ok in zip(points, covered_flags, strict=True) if ok]
    missed = [Point(p, n) for p, ok in zip(points, covered_flags, strict=True) if not ok]
    score = round(100 * len(covered) / len(points)) if points else 0
    model = " ".join(f"{p} [{n}]" for p in points)
    lines = [f"Score: {score}/100 ({len(covered)} of {len(points)} points the guide makes)."]
    lines += notes
    if covered:
        lines += ["You covered:", *(f"- {p.point} [{p.n}]" for p in covered)]
    if missed:
        lines += ["You missed:", *(f"- {p.point} [{p.n}]" for p in missed)]
    lines += ["A model answer from the guide:", model]
    return Feedback(
        chunk.id, question, covered, missed, score, model, citations.items, "\n".join(lines), notes
    )


def _covered(coach: Coach, points: list[str], said: list[str]) -> list[bool]:
    """Which points a sentence of the answer makes, by meaning or by most of the point's own words."""
    if not said or not points:
        return [False] * len(points)
    lines = Said(coach, said)
    return [(m := lines.match(p)).cosine >= _COVERED_COSINE or m.share >= _COVERED_TERMS for p in points]
