"""Skills gap and readiness: the skills, qualifications and tools a role's own guides list, each found in the
pasted text (have), in part (partial) or not at all (missing), by meaning (the bundled embedding model) and
by words; for each missing one, what the guides say about getting it; a readiness score that says how it was
computed. Every skill is the guide's own wording, cited, shown beside the standard skill (ESCO, through
standard_skills.py) it is nearest; a line of the pasted text that says that standard skill's label, or names one of
the products the guide gives as examples of the skill ("CAD software (e.g., AutoCAD, Revit)"), shows it too. The pasted
text is read, never stored or logged.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from coach.ask.coach import Coach
from coach.ask.stems import terms as _terms
from coach.ask.text import STOPWORDS
from coach.errors import ConfigError
from coach.ingest.chunk import Chunk
from coach.privacy import redact
from coach.tools.common import Citations, Said, not_covered, own_sources, resolve_role
from coach.tools.standard_skills import standard_skills

MAX_TEXT_CHARS = 200_000
_MAX_SKILLS = 30
_PER_HEADING = 6  # a long tools list does not crowd out the other skill lists
_MAX_REQUIREMENTS, _REQUIREMENT_WORDS = 12, 40  # requirement sentences taken where no heading lists skills
# a CV line this close in meaning to a skill shows it, or shows it in part (the bundled model puts a phrase and a
# line saying it at 0.4-0.5, unrelated ones under 0.35); or one holding these shares of the skill's own words
_HAVE, _PARTIAL = 0.5, 0.38
_HAVE_TERMS, _PARTIAL_TERMS = 0.6, 0.5
_ENGLISH = 0.12  # the least share of common English words in English prose
# a guide skill is shown under the standard skill nearest it from this cosine (the bundled model puts a skill and
# its standard label at 0.55-0.7, a skill and an unrelated one sharing a word under 0.5)
_STANDARD = 0.55
# "(e.g., Jira Service Management, ServiceNow, Freshdesk)": the products a guide names as examples of a skill
_EXAMPLES = re.compile(r"\((?:e\.g\.|eg\.?|such as|including|like)[,:]?\s*([^()]+)\)", re.I)


@dataclass
class Skill:
    skill: str  # the guide's own wording
    n: int
    evidence: str = ""  # have / partial: the words of the pasted text that show it
    standard: str = ""  # the standard skill (ESCO's preferred label) nearest the guide's wording, "" for none
    suggestion: str = ""  # missing: what the guides say about getting it
    suggestion_n: int | None = None


@dataclass
class Gap:
    """What `coach gap --json` and POST /api/gap return."""

    role: str
    have: list[Skill]
    partial: list[Skill]
    missing: list[Skill]
    readiness: int  # 0-100
    readiness_how: str
    answer: str
    citations: list[dict[str, Any]]
    refused: bool = False
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@lru_cache(maxsize=4)
def _rules(
    prompts_dir: Path,
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    path = prompts_dir / "gap.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return (
            re.compile(data["skills"], re.I),
            re.compile(data["advice"], re.I),
            re.compile(data["requirements"], re.I),
            re.compile(data["applicant"], re.I),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, re.error) as exc:
        raise ConfigError(
            f"{path}: {exc} (restore it or set COACH_PROMPTS_DIR to a folder that has it)"
        ) from exc


def _skills(coach: Coach, chunks: list[Chunk], pattern: re.Pattern[str]) -> list[tuple[str, Chunk]]:
    """The list items under a skills heading of the role's guides, each once."""
    out: list[tuple[str, Chunk]] = []
    seen: set[str] = set()
    per_heading: dict[str, int] = {}
    for chunk in chunks:
        if not pattern.search(chunk.section.rpartition(" > ")[2]):
            continue
        for unit in coach.extractive.units.get(chunk.id, []):
            text = unit.text.strip().rstrip(".;:")
            if unit.kind != "item" or not 1 <= len(text.split()) <= 14 or text.lower() in seen:
                continue
            if per_heading.get(chunk.section, 0) >= _PER_HEADING:
                break
            per_heading[chunk.section] = per_heading.get(chunk.section, 0) + 1
            seen.add(text.lower())
            out.append((text, chunk))
    return out[:_MAX_SKILLS]


def _requirements(coach: Coach, chunks: list[Chunk]) -> list[tuple[str, Chunk]]:
    """Where no heading lists skills: the sentences and list items of the role's guides that state a requirement
    of the one applying ("Candidates must hold a category D licence"), each once, in guide order."""
    out: list[tuple[str, Chunk]] = []
    seen: set[str] = set()
    for chunk in chunks:
        for unit in coach.extractive.units.get(chunk.id, []):
            text = unit.text.strip().rstrip(".;:")
            if unit.kind not in ("sentence", "item") or not 4 <= len(text.split()) <= _REQUIREMENT_WORDS:
                continue
            if text.lower() in seen or text.endswith("?"):
                continue
            if not states_requirement(text, coach.settings.prompts_dir):
                continue
            seen.add(text.lower())
            out.append((text, chunk))
    return out[:_MAX_REQUIREMENTS]


def states_requirement(text: str, prompts_dir: Path) -> bool:
    """Does a sentence state a requirement of the one applying (prompts/gap.toml: `requirements`, `applicant`)?"""
    _skills_at, _advice_at, required_at, applicant = _rules(prompts_dir)
    return bool(required_at.search(text) and applicant.search(text))


def english(text: str) -> bool:
    """Is the text English prose (enough of its words are common English words)?"""
    words = re.findall(r"[a-zA-Z']+", text.lower())
    return len(words) < 20 or sum(w in STOPWORDS for w in words) / len(words) >= _ENGLISH


def skills_gap(coach: Coach, role: str, text: str) -> Gap:
    """The tool's entry point: the role's listed skills against the pasted text (a CV, a profile)."""
    if not role.strip():
        raise ConfigError("name the role you want, e.g. coach gap --role welder --resume cv.pdf")
    if not text.strip():
        raise ConfigError("the CV is empty: paste or attach the text of your CV")
    if len(text) > MAX_TEXT_CHARS:
        raise ConfigError(f"the CV is over {MAX_TEXT_CHARS // 1000} KB of text: send the CV itself, not more")
    title = resolve_role(coach, role.strip())
    if title is None:
        text_ = not_covered(coach, role.strip())
        return Gap(role.strip(), [], [], [], 0, "", text_, [], True)
    text = redact(text)  # an email, phone or ID number is never quoted back or kept
    if not english(text):
        note = (
            "Your text does not read as English, and the guides are: I cannot compare them without guessing."
        )
        return Gap(title, [], [], [], 0, "", note, [], True, [note])
    skills_at, advice_at, _required_at, _applicant = _rules(coach.settings.prompts_dir)
    sources = own_sources(coach, title)
    chunks = [c for c in coach.index.chunks if c.source in sources]
    listed = _skills(coach, chunks, skills_at)
    what = "skills, qualifications and tools"
    if not listed and (listed := _requirements(coach, chunks)):
        what = "requirements"
    if not listed:
        text_ = (
            f"The guides about {title} list no skills, qualifications, tools or requirements to compare with."
        )
        return Gap(title, [], [], [], 0, "", text_, [], True)
    lines = [s.strip(" -•*\t") for s in re.split(r"\n+|(?<=[.!?;])\s+", text) if len(s.split()) >= 2]
    said = Said(coach, lines)
    advice = [
        (u.text.strip(), c)
        for c in chunks
        if advice_at.search(c.section)
        for u in coach.extractive.units.get(c.id, [])
        if u.kind == "sentence" and len(u.text.split()) >= 6
    ]
    citations = Citations()
    have, partial, missing = [], [], []

    embedder = coach.retriever.embedder

    def embed_many(
        texts: list[str],
    ) -> np.ndarray:  # the query encoder: no torch import on a server that asks
        return np.vstack([coach.retriever.embed_query(t) for t in texts])

    for skill, chunk in listed:
        n = citations.add(chunk, [skill], [title])
        nearest = standard_skills().nearest(skill, embed_many, embedder.name, _STANDARD)
        standard = nearest[0][0].label if nearest else ""  # shown where the list's row shows its label
        m = said.match(skill)
        # the standard skill's name may say it better than the guide's wording
        if nearest and (by_name := said.match(nearest[0][0].head)).cosine > m.cosine:
            m.cosine, m.by_meaning = by_name.cosine, by_name.by_meaning
        if (named := _named_example(skill, lines)) is not None:
            have.append(Skill(skill, n, lines[named], standard))
        elif m.cosine >= _HAVE or m.share >= _HAVE_TERMS:
            have.append(Skill(skill, n, lines[m.by_meaning if m.cosine >= _HAVE else m.by_words], standard))
        elif m.cosine >= _PARTIAL or m.share >= _PARTIAL_TERMS:
            partial.append(
                Skill(skill, n, lines[m.by_meaning if m.cosine >= _PARTIAL else m.by_words], standard)
            )
        else:
            missing.append(_suggest(Skill(skill, n, standard=standard), m.terms, advice, citations, title))
    score = round(100 * (len(have) + 0.5 * len(partial)) / len(listed))
    how = (
        f"{len(have)} of the {len(listed)} {what} the {title} guides list are shown in "
        f"your text and {len(partial)} in part; a part counts half: ({len(have)} + {len(partial)}/2) / "
        f"{len(listed)} = {score}/100."
    )
    return Gap(
        title,
        have,
        partial,
        missing,
        score,
        how,
        _render(title, have, partial, missing, how),
        citations.items,
    )


def _named_example(skill: str, lines: list[str]) -> int | None:
    """The first line naming one of the products a skill gives as examples ("Revit" of "CAD software (e.g.,
    AutoCAD, Revit)"), as a whole word; None for none."""
    names = [
        name.strip(" .")
        for m in _EXAMPLES.finditer(skill)
        for name in re.split(r",|\bor\b|\band\b", m.group(1))
        if len(name.strip(" .")) >= 3 and name.strip(" .").lower() != "etc"
    ]
    for i, line in enumerate(lines):
        if any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", line, re.I) for name in names):
            return i
    return None


def _suggest(
    skill: Skill, terms: set[str], advice: list[tuple[str, Chunk]], citations: Citations, role: str
) -> Skill:
    """The guides' sentence about getting a skill: an education or training sentence sharing most of its words."""
    scored = [(len(terms & _terms(text)), text, c) for text, c in advice]
    best = max(scored, key=lambda s: s[0], default=None)
    if best and terms and best[0] / len(terms) >= 0.5:  # a sentence about this skill, not one sharing a word
        skill.suggestion, skill.suggestion_n = best[1], citations.add(best[2], [best[1]], [role])
    return skill


def _render(title: str, have: list[Skill], partial: list[Skill], missing: list[Skill], how: str) -> str:
    lines = [f"Readiness for {title}: {how}"]
    if have:
        lines += ["You show:", *(f"- {s.skill} [{s.n}]{_std(s)} (\u201c{s.evidence}\u201d)" for s in have)]
    if partial:
        lines += ["In part:", *(f"- {s.skill} [{s.n}]{_std(s)} (\u201c{s.evidence}\u201d)" for s in partial)]
    if missing:
        lines.append("Missing:")
        for s in missing:
            tip = f" The guides: {s.suggestion} [{s.suggestion_n}]" if s.suggestion else ""
            lines.append(f"- {s.skill} [{s.n}]{_std(s)}.{tip}")
    return "\n".join(lines)


def _std(skill: Skill) -> str:
    return f" (standard skill: {skill.standard})" if skill.standard else ""
