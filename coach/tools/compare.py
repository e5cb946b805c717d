"""Compare jobs: one row per measure (pay, growth, openings, jobs, education, hours, time to qualify), each
role's cell quoted from its own guides and cited, or None ("not in the guides").

Every cell is the lead sentence of the coach's own answer to the row's question about that role (prompts/
compare.toml), so it inherits everything the answer stage guarantees: figures only from cited passages,
records matched on occupation and measure, declines when the guides do not say. A cell is kept only when
every passage it cites is about that role, so another job's figure never fills it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from coach.ask.coach import Coach
from coach.errors import ConfigError
from coach.ingest.measures import Measure, measures
from coach.tools.common import Citations, about, not_covered, resolve_role

_MARKER = re.compile(r"\[(\d+)\]")


@dataclass
class Cell:
    """One role's value for one measure: the quoted sentence with its [n] markers (the comparison's numbering)."""

    text: str
    n: list[int]


@dataclass
class Row:
    measure: str
    label: str
    values: dict[str, Cell | None]


@dataclass
class Comparison:
    """What `coach compare --json` and POST /api/compare return."""

    roles: list[str]  # the corpus's titles for the roles asked, in the order asked
    rows: list[Row]
    answer: str  # the comparison as text with [n] markers
    citations: list[dict[str, Any]]  # the chat's citation shape, numbered as the markers
    refused: bool = False
    unknown: list[str] = field(default_factory=list)  # roles asked that no guide covers

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_rows(prompts_dir: Path) -> dict[str, dict[str, str]]:
    """prompts/compare.toml: row -> {label, question, measure (coach/rules/measures.toml; the row's name when
    not given)}."""
    path = prompts_dir / "compare.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"{path}: {exc} (restore it or set COACH_PROMPTS_DIR to a folder that has it)"
        ) from exc
    return {k: {str(f): str(x) for f, x in v.items()} for k, v in data.items()}


def compare(coach: Coach, roles: list[str]) -> Comparison:
    """The tool's entry point: compare two or more roles the corpus covers (ConfigError for fewer than two
    different roles; unknown roles are declined, naming the roles the guides do cover)."""
    asked = [r.strip() for r in roles if r and r.strip()]
    if len(asked) < 2:
        raise ConfigError("compare needs at least two roles, e.g. coach compare nurse paramedic")
    resolved = {r: resolve_role(coach, r) for r in asked}
    unknown = [r for r, found in resolved.items() if found is None]
    titles = list(dict.fromkeys(found for found in resolved.values() if found))
    if unknown:
        text = not_covered(coach, " or ".join(unknown))
        return Comparison(titles, [], text, [], True, unknown)
    if len(titles) < 2:
        raise ConfigError(f"'{' and '.join(asked)}' name one role: compare two different roles")
    citations = Citations()
    rows = []
    for measure, row in load_rows(coach.settings.prompts_dir).items():
        values: dict[str, Cell | None] = {}
        for title in titles:
            result = coach.ask(row["question"].format(role=title.lower()))
            if result.refused:
                values[title] = None
                continue
            lines = _stated(result.answer, measures().get(row.get("measure", measure)))
            values[title] = _cell(lines, result.citations, title, citations)
        rows.append(Row(measure, row["label"], values))
    return Comparison(titles, rows, _render(titles, rows), citations.items)


def _stated(answer: str, measure: Measure | None) -> list[str]:
    """The lines of an answer's lead that quote a passage and, for a measure with figures, state one."""
    lead = answer.strip().split("\n\n")[0]
    out = []
    for line in lead.splitlines():
        line = line.strip().removeprefix("- ").strip()
        if not _MARKER.search(line):
            continue
        if measure is not None and measure.figure is not None and not measure.found_in(line):
            continue  # "How many jobs are there?" answered with a sentence about the job, not a count
        out.append(line)
    return out[:3]


def _cell(lines: list[str], cited: list[dict[str, Any]], role: str, citations: Citations) -> Cell | None:
    """The stated lines, their markers renumbered into the comparison's citations; None when they cite a
    passage about another job, or nothing."""
    used = [int(m) for line in lines for m in _MARKER.findall(line)]
    by_n = {c["n"]: c for c in cited}
    if not used or any(n not in by_n or not about(by_n[n], role) for n in used):
        return None
    remap = {n: citations.renumbered(by_n[n]) for n in dict.fromkeys(used)}
    text = "; ".join(_MARKER.sub(lambda m: f"[{remap[int(m.group(1))]}]", line) for line in lines)
    return Cell(text, sorted(set(remap.values())))


def _render(titles: list[str], rows: list[Row]) -> str:
    lines = [f"Comparing {' and '.join(titles)}, from each job's own guides:"]
    for row in rows:
        if all(v is None for v in row.values.values()):
            continue
        lines.append(f"\n{row.label}:")
        for title, cell in row.values.items():
            lines.append(f"- {title}: {cell.text if cell else 'not in the guides'}")
    return "\n".join(lines)
