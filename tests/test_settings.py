"""Typed settings: environment variables, a TOML config file, and clear errors for bad values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from coach.settings import Settings


def test_env_overrides_and_origin_lists(monkeypatch, tmp_path):
    monkeypatch.setenv("COACH_HOME", str(tmp_path))
    monkeypatch.setenv("COACH_TOP_K", "12")
    monkeypatch.setenv("COACH_ALLOWED_ORIGINS", "https://a.example, https://b.example")
    s = Settings()
    assert s.home == tmp_path and s.top_k == 12
    assert s.allowed_origins == ["https://a.example", "https://b.example"]
    monkeypatch.setenv("COACH_ALLOWED_ORIGINS", '["https://c.example"]')
    assert Settings().allowed_origins == ["https://c.example"]


def test_config_file(monkeypatch, tmp_path):
    config = tmp_path / "coach.toml"
    config.write_text('llm = "fake"\nrate_limit_per_minute = 5\n')
    monkeypatch.setenv("COACH_CONFIG", str(config))
    monkeypatch.delenv("COACH_LLM", raising=False)
    s = Settings()
    assert s.llm == "fake" and s.rate_limit_per_minute == 5
    monkeypatch.setenv("COACH_LLM", "openai")  # the environment wins over the file
    assert Settings().llm == "openai"


def test_every_field_is_described():
    assert all(f.description for f in Settings.model_fields.values())


def test_bad_value_is_one_clear_line(tmp_path):
    env = {**os.environ, "COACH_HOME": str(tmp_path), "COACH_TOP_K": "lots"}
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "coach"), "chunks"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "COACH_TOP_K='lots'" in proc.stderr and "valid integer" in proc.stderr
