"""Eval metrics on tiny hand-made results with known values; the HTML report; the dev set; the CI gate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coach.errors import ConfigError
from coach.evals import evaluate as ev
from coach.evals.report import render_html, side_by_side, write_report
from coach.evals.suites import load_suites
from coach.ingest.load import load_guides
from coach.settings import REPO_ROOT
from tests.conftest import CORPUS

DEV = REPO_ROOT / "evals" / "datasets" / "dev.jsonl"


def r(answer, cited, retrieved, refused=False):
    return {
        "answer": answer,
        "refused": refused,
        "grounding_fallback": False,
        "citations": [
            {"n": i + 1, "guide": "G", "section": "S", "chunk_id": f"c{i}", "text": t}
            for i, t in enumerate(cited)
        ],
        "retrieved": [
            {"chunk_id": f"r{i}", "guide": "G", "section": "S", "text": t} for i, t in enumerate(retrieved)
        ],
    }


CASES = [
    ev.Case("a", "median?", ["85,000", ["7-12", "10-15"]], ["Median: $85,000"], True),
    ev.Case("b", "lead pay?", ["$67k"], ["Team Lead | $67k"], True),
    ev.Case("c", "capital of France?", [], [], False),
    ev.Case("d", "nurse pay?", [], [], False),
]
RESULTS = [
    # supported at rank 2, cited; one of two facts present
    r("The median is $85,000 [1].", ["MEDIAN: $85,000 USD"], ["other", "median:  $85,000!", "x"]),
    # not retrieved in the first 5; invents $99k; refused? no
    r("Leads earn $67k or $99k [1].", ["Team lead | $67k"], ["a", "b", "c", "d", "e", "team LEAD | $67K"]),
    r("My guides don't cover that.", [], ["x"], refused=True),
    r("Nurses earn a lot [1].", ["x"], ["x"], refused=False),
]


def test_supports_and_fact_rules():
    assert ev.supports("… MEDIAN: $85,000 …", ["Median: $85,000"])
    assert not ev.supports("Median $58,000", ["Median: $85,000"])
    assert ev.fact_present("It takes 10 - 15 years", ["7-12", "10 -15"])
    assert ev.fact_present("Pay: $85,000", "85,000") and not ev.fact_present("Pay", "85,000")


def test_metrics_on_known_results():
    report = ev.run_cases(CASES, lambda c, it=iter(RESULTS): next(it))
    s = report["summary"]
    assert s["hit@1"] == 0.0 and s["hit@3"] == 0.5 and s["hit@5"] == 0.5
    assert s["mrr@10"] == pytest.approx((1 / 2 + 1 / 6) / 2, abs=1e-4)  # summaries are rounded to 4 places
    assert s["citation_support"] == 1.0
    assert s["fact_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["ungrounded_numbers"] == 1
    assert s["refusal_recall"] == 0.5 and s["false_refusal_rate"] == 0.0
    assert s["cases"] == 4 and s["answerable"] == 2
    case = report["cases"][1]
    assert set(case) >= {
        "id",
        "question",
        "history",
        "answer",
        "refused",
        "citations",
        "retrieved",
        "grounding_fallback",
        "latency_ms",
        "metrics",
    }
    assert case["metrics"]["ungrounded_numbers"] == 1 and case["metrics"]["rr@10"] == pytest.approx(1 / 6)
    assert case["ungrounded_numbers"] == ["99000"] and report["cases"][0]["ungrounded_numbers"] == []


def test_bars_and_deltas():
    bars = ev.parse_bars(["hit@5=0.9", "ungrounded_numbers=0", "latency_ms_p95=300"])
    summary = {"hit@5": 0.85, "ungrounded_numbers": 2, "latency_ms_p95": 120.0}
    assert ev.failures(summary, bars) == [
        "hit@5 = 0.85 is below the bar 0.9",
        "ungrounded_numbers = 2 is above the bar 0.0",
    ]
    assert ev.deltas({"hit@5": 0.9, "fact_recall": 0.5}, {"hit@5": 0.8}) == {"hit@5": 0.1}
    with pytest.raises(ConfigError, match="METRIC=VALUE"):
        ev.parse_bars(["accuracy=1"])


def test_dataset_validation(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "x", "question": "q", "expected_facts": [], "evidence": [], "answerable": true}\n{"id": "x"}\n'
    )
    with pytest.raises(ConfigError, match=r"bad.jsonl:2"):
        ev.load_dataset(bad)


def test_html_report_renders_every_case(tmp_path):
    report = ev.run_cases(CASES, lambda c, it=iter(RESULTS): next(it))
    report["config"] = {"llm": "extractive"}
    old = json.loads(json.dumps(report))
    old["summary"]["hit@3"] = 0.25
    page = render_html(report, old)
    assert page.startswith("<!doctype html>") and "<svg" in page
    assert not re.search(r"""(src|href)=["']?https?://""", page)  # self-contained: nothing fetched
    for case in CASES:
        assert f"<code>{case.id}</code>" in page
    assert "+0.2500" in page  # the delta against the compared report
    assert "mixed_occupation_disagreements" in page
    assert "<div class=muted>99000</div>" in page  # case b's ungrounded number, listed
    json_path, html_path = write_report(report, tmp_path / "out", old)
    assert json.loads(json_path.read_text())["summary"]["cases"] == 4 and html_path.exists()


def test_dev_set_shape_and_evidence_occur_in_the_cleaned_corpus():
    cases = ev.load_dataset(DEV)
    assert len(cases) >= 60 and sum(not c.answerable for c in cases) >= 10
    assert sum(bool(c.history) for c in cases) >= 3
    text = ev._alnum(" ".join(g.clean_text for g in load_guides([CORPUS]).guides))
    for c in cases:
        if c.answerable:
            assert c.evidence and c.expected_facts, c.id
        else:
            assert c.evidence == [] and c.expected_facts == [], c.id
        for e in c.evidence:
            assert ev._alnum(e) in text, (c.id, e)


@pytest.mark.slow
def test_ci_gate_dev_set_with_the_extractive_answerer(coach, tmp_path):
    """The quality gate: the dev set through the real Coach must stay within the bars of [suites.seed.gate]."""
    seed = load_suites()["seed"]
    assert seed.dataset == DEV and seed.corpus == CORPUS  # the corpus the `coach` fixture indexed
    report = ev.run_cases(ev.load_dataset(DEV), ev.coach_asker(coach, "extractive"))
    report["config"] = {"llm": "extractive", "dataset": str(DEV), "suite": "seed"}
    write_report(report, Path(REPO_ROOT / "test-artifacts" / "eval"))
    assert ev.failures(report["summary"], seed.gate) == [], "\n".join(
        ev.gate_lines(report["summary"], seed.gate)
    )


def test_side_by_side_table_of_several_runs():
    one = ev.run_cases(CASES, lambda c, it=iter(RESULTS): next(it))
    two = json.loads(json.dumps(one))
    two["baseline"] = dict(one["summary"], fact_recall=0.1)
    headers, rows = side_by_side({"seed": one, "validation": two}, {"seed": one, "validation": None})
    assert headers == ["metric", "seed", "seed Δ", "validation", "validation naive"]
    by_metric = {row[0]: row[1:] for row in rows}
    assert by_metric["fact_recall"] == ["0.6667", "+0.0000", "0.6667", "0.1"]
    assert by_metric["cases"][0] == "4" and "mixed_occupation_disagreements" in by_metric
    headers, _ = side_by_side({"": one}, {"": one})
    assert headers == ["metric", "value", "Δ"]
