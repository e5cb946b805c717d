"""Eval datasets: JSON Lines of cases, validated with errors that name the file and line.

Line shape: {"id", "question", "history"?, "expected_facts", "evidence", "answerable", "guides"?}; `guides`
names the guide files the case is about (for `off_target_answers`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from coach.errors import ConfigError


@dataclass
class Case:
    """One question of a dataset, with what a right answer must contain or cite."""

    id: str
    question: str
    expected_facts: list[str | list[str]] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    answerable: bool = True
    history: list[dict[str, str]] = field(default_factory=list)
    guides: list[str] = field(default_factory=list)  # the guide files the case is about (empty: not said)


def load_dataset(path: Path) -> list[Case]:
    """Read and validate a JSONL dataset; errors name the file and line."""
    if not path.exists():
        raise ConfigError(f"dataset {path} does not exist")
    cases: list[Case] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            case = Case(
                id=str(data["id"]),
                question=str(data["question"]),
                expected_facts=list(data.get("expected_facts", [])),
                evidence=[str(e) for e in data.get("evidence", [])],
                answerable=bool(data.get("answerable", True)),
                history=list(data.get("history", [])),
                guides=[str(g) for g in data.get("guides", [])],
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(
                f"{path}:{n}: not a valid case ({exc}); each line needs id, question, expected_facts, evidence, answerable"
            ) from exc
        if case.id in seen:
            raise ConfigError(f"{path}:{n}: duplicate id {case.id!r}")
        seen.add(case.id)
        cases.append(case)
    if not cases:
        raise ConfigError(f"dataset {path} has no cases")
    return cases
