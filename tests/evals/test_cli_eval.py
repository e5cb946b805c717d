"""`coach eval --suite` and `--corpus` end to end, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.ingest.pipeline import ingest
from tests.conftest import make_settings

from .test_suites import FLORIST, WELDER, write_suites

COACH = str(Path(sys.executable).parent / "coach")
pytestmark = pytest.mark.slow

BAKE = {
    "id": "bake",
    "question": "How long does it take to become a baker?",
    "expected_facts": ["6-12 months"],
    "evidence": ["learn on the job in 6-12 months"],
    "answerable": True,
}
WELD = {
    "id": "weld",
    "question": "How long does welder training take?",
    "expected_facts": ["9 months"],
    "evidence": ["after about 9 months"],
    "answerable": True,
}
OFF = {"id": "off", "question": "What is the capital of France?", "answerable": False}


def coach(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COACH_HOME": str(home)}
    env.pop("COACH_DEBUG", None)
    return subprocess.run([COACH, *args], capture_output=True, text=True, env=env, timeout=300)


def test_suites_run_side_by_side_apart_from_the_live_index(tmp_path, embedder, guides_dir):
    other = tmp_path / "other"
    other.mkdir()
    (other / "florist.txt").write_text(FLORIST, encoding="utf-8")
    (other / "welder.md").write_text(WELDER, encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps(BAKE) + "\n" + json.dumps(OFF) + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps(WELD) + "\n")
    suites = write_suites(
        tmp_path,
        '[suites.a]\ncorpus = "guides"\ndataset = "a.jsonl"\n[suites.a.gate]\nfact_recall = 1.0\n'
        '[suites.b]\ncorpus = "other"\ndataset = "b.jsonl"\n[suites.b.gate]\nfact_recall = 1.0\n',
    )
    home = tmp_path / "home"
    live = make_settings(home)
    ingest([guides_dir], live, embedder=embedder)
    active = (live.index_dir / "ACTIVE").read_text()
    out = tmp_path / "out"

    args = ["eval", "--suites-file", str(suites), "--suite", "all", "--baseline", "naive", "--out", str(out)]
    proc = coach(*args, "--gate", home=home)
    assert proc.returncode == 0, proc.stderr
    header = next(line for line in proc.stdout.splitlines() if "metric" in line)
    assert [w for w in header.split() if w.isalpha()] == ["metric", "a", "a", "naive", "b", "b", "naive"]
    assert "mixed_occupation_disagreements" in proc.stdout
    for name in ("a", "b"):
        report = json.loads((out / name / "report.json").read_text())
        assert report["config"]["suite"] == name and "baseline" in report
        assert (out / name / "report.html").exists()
    assert (live.index_dir / "ACTIVE").read_text() == active

    missed = coach(*args[:-2], "--out", str(tmp_path / "again"), "--fail-under", "hit@1=1.1", home=home)
    assert missed.returncode == 1 and "Traceback" not in missed.stderr
    assert "a: hit@1 = 1.0 is below the bar 1.1" in missed.stderr


def test_missing_suite_data_is_one_clean_error(tmp_path):
    suites = write_suites(tmp_path, '[suites.v]\ncorpus = "evals/corpora/v"\ndataset = "v.jsonl"\n')
    proc = coach("eval", "--suites-file", str(suites), "--suite", "v", home=tmp_path / "home")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "corpus folder" in proc.stderr and "evals/corpora/v does not exist" in proc.stderr
