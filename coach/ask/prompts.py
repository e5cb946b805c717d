"""Prompts are data: `prompts/NAME.txt`, loaded here (and overridable with COACH_PROMPTS_DIR)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from coach.errors import ConfigError
from coach.settings import get_settings


@lru_cache(maxsize=32)
def _read(directory: str, name: str) -> str:
    path = Path(directory) / f"{name}.txt"
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(
            f"prompt {path} is missing: restore it or set COACH_PROMPTS_DIR to a folder that has it"
        ) from exc


def load_prompt(name: str, directory: Path | None = None) -> str:
    """The text of prompt `name` from the prompts folder."""
    return _read(str(directory or get_settings().prompts_dir), name)
