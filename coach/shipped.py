"""Data files shipped inside the package (fitted models, rules): read once, wherever the package is installed."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def shipped_json(name: str) -> dict[str, Any] | None:
    """The JSON file `name` (relative to the `coach` package, e.g. "ask/decline.json"), or None when not shipped."""
    path = resources.files("coach").joinpath(name)
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data
