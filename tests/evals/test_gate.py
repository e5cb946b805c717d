"""The CI gate on guides the coach was never tuned on: the validation suite must meet [suites.validation.gate]."""

from __future__ import annotations

import pytest

from coach.errors import ConfigError
from coach.evals.metrics import failures, gate_lines
from coach.evals.report import write_report
from coach.evals.suites import SUITES_FILE, load_suites, run_suite, select_suites
from tests.conftest import ARTIFACTS, make_settings


@pytest.mark.slow
def test_validation_suite_meets_its_gate(tmp_path_factory, embedder):
    """`coach eval --suite validation` with the extractive answerer, then every bar of its gate table."""
    try:
        [suite] = select_suites(load_suites(SUITES_FILE), ["validation"])
    except ConfigError as exc:  # the data is part of the gate: missing data must fail CI, not skip it
        pytest.fail(f"the validation suite cannot run: {exc}")
    assert suite.gate, f"[suites.validation.gate] in {SUITES_FILE} has no bars"
    settings = make_settings(tmp_path_factory.mktemp("validation-home"))
    report = run_suite(suite, settings, llm="extractive", embedder=embedder)
    write_report(report, ARTIFACTS / "eval" / "validation")
    missed = failures(report["summary"], suite.gate)
    assert not missed, "validation suite misses its gate:\n" + "\n".join(
        gate_lines(report["summary"], suite.gate)
    )
