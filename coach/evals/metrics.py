"""Eval metrics: per-case verdicts on one `coach ask --json`-shaped result, the summary, bars and deltas.

Metric definitions (part of the contract; report.json fields are only ever added):
- hit@k / mrr@10: answerable cases with a supporting passage in the first k of `retrieved` (ir-measures).
- citation_support: answerable cases where a cited passage supports the case.
- fact_recall: expected facts present in the answer, over all answerable cases.
- ungrounded_numbers: numbers anywhere in an answer, refusals included, found in none of its cited
  passages (summed; a refusal cites nothing, so each number in it counts).
- mixed_occupation_disagreements: answers that say the guides give different figures while citing
  guides about different occupations (citation `jobs` (what the quoted units are about), else `role`, else
  `guide`; one occupation's titles hold each
  other's words, see `coach.ingest.identity.same_occupation`).
- off_target_answers: answered cases (not declined) that name their guides (`guides`) and cite none of
  them: an answer taken from another job's guide. Cases without `guides` are not counted.
- refusal_recall / false_refusal_rate: unanswerable cases declined / answerable cases declined.
- latency_ms_p50 / latency_ms_p95; cases / answerable / unanswerable counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np

from coach.ask.grounding import numbers_in, ungrounded_count
from coach.errors import ConfigError
from coach.evals.dataset import Case
from coach.ingest.identity import same_occupation

HIGHER_IS_BETTER = ("hit@1", "hit@3", "hit@5", "mrr@10", "citation_support", "fact_recall", "refusal_recall")
LOWER_IS_BETTER = (
    "ungrounded_numbers",
    "mixed_occupation_disagreements",
    "off_target_answers",
    "false_refusal_rate",
    "latency_ms_p50",
    "latency_ms_p95",
)
METRICS = HIGHER_IS_BETTER + LOWER_IS_BETTER

# how answers present a disagreement: the extractive answerer's own line, and the LLM prompt's wording
_DISAGREEMENT = re.compile(r"\bguides\s+(?:give\s+different\s+figures|disagree|differ)\b", re.IGNORECASE)


def _alnum(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def supports(passage: str, evidence: Iterable[str]) -> bool:
    """A passage supports a case when, lower-cased with only letters and digits kept, it contains one evidence string."""
    p = _alnum(passage)
    return any(_alnum(e) and _alnum(e) in p for e in evidence)


def fact_present(answer: str, fact: str | list[str]) -> bool:
    """A fact (or one of its alternatives) occurs in the answer, case-insensitively, ignoring whitespace differences."""
    squash = lambda s: re.sub(r"\s+", "", s.lower())  # noqa: E731
    options = fact if isinstance(fact, list) else [fact]
    return any(squash(o) in squash(answer) for o in options)


def ungrounded(answer: str, cited_passages: list[str]) -> list[str]:
    """The normalised numbers in `answer` (citation markers aside) that occur in none of `cited_passages`."""
    allowed = set().union(*(numbers_in(p) for p in cited_passages))
    return sorted(n for n in numbers_in(answer) if n not in allowed)


def mixed_occupation_disagreement(answer: str, citations: list[dict[str, Any]]) -> bool:
    """The answer says the guides disagree while its citations come from guides about different occupations."""
    roles = sorted({str(j) for c in citations for j in (c.get("jobs") or [c.get("role") or c.get("guide")])})
    mixed = any(not same_occupation(a, b) for i, a in enumerate(roles) for b in roles[i + 1 :])
    return bool(_DISAGREEMENT.search(answer)) and mixed


def off_target(case: Case, refused: bool, citations: list[dict[str, Any]]) -> bool:
    """An answer (not a decline) none of whose citations comes from the guides its case is about."""
    if refused or not case.guides or not citations:
        return False
    about = {g.rsplit("/", 1)[-1] for g in case.guides}
    return not any(
        str(c.get("source") or c.get("guide") or "").rsplit("/", 1)[-1] in about for c in citations
    )


def case_metrics(case: Case, result: dict[str, Any]) -> dict[str, Any]:
    """Per-case metrics from one `coach ask --json`-shaped result."""
    retrieved = [r["text"] for r in result.get("retrieved", [])]
    citations = result.get("citations", [])
    cited = [c["text"] for c in citations]
    refused = bool(result.get("refused"))
    m: dict[str, Any] = {
        "refused": refused,
        "ungrounded_numbers": ungrounded_count(result["answer"], cited),
        "mixed_occupation_disagreement": mixed_occupation_disagreement(result["answer"], citations),
        "off_target": off_target(case, refused, citations),
    }
    if case.answerable:
        ranks = [i for i, text in enumerate(retrieved, 1) if supports(text, case.evidence)]
        first = ranks[0] if ranks else None
        for k in (1, 3, 5):
            m[f"hit@{k}"] = bool(first and first <= k)
        m["rr@10"] = 1.0 / first if first and first <= 10 else 0.0
        m["citation_support"] = any(supports(t, case.evidence) for t in cited)
        present = [fact_present(result["answer"], f) for f in case.expected_facts]
        m["facts_present"] = sum(present)
        m["facts_total"] = len(present)
        m["false_refusal"] = refused
    else:
        m["correct_refusal"] = refused and not cited
    return m


def _ir_measures(cases: list[Case], results: list[dict[str, Any]]) -> dict[str, float]:
    """hit@k and MRR@10 with ir-measures; a case with no supporting passage retrieved counts as a miss."""
    import ir_measures
    from ir_measures import RR, Qrel, ScoredDoc, Success

    qrels, run = [], []
    for case, result in zip(cases, results, strict=True):
        if not case.answerable:
            continue
        qrels.append(Qrel(case.id, "__never_retrieved__", 1))  # keeps cases with no hit in the average
        for rank, r in enumerate(result.get("retrieved", []), 1):
            doc = f"{rank}:{r['chunk_id']}"
            run.append(ScoredDoc(case.id, doc, float(1000 - rank)))
            if supports(r["text"], case.evidence):
                qrels.append(Qrel(case.id, doc, 1))
    if not qrels:
        return {}
    agg = ir_measures.calc_aggregate([Success @ 1, Success @ 3, Success @ 5, RR @ 10], qrels, run)
    return {
        "hit@1": agg[Success @ 1],
        "hit@3": agg[Success @ 3],
        "hit@5": agg[Success @ 5],
        "mrr@10": agg[RR @ 10],
    }


def summarize(
    cases: list[Case], results: list[dict[str, Any]], per_case: list[dict[str, Any]], latencies: list[float]
) -> dict[str, Any]:
    """The report's summary: every metric in METRICS plus the case counts, floats rounded to 4 places."""
    answerable = [m for c, m in zip(cases, per_case, strict=True) if c.answerable]
    unanswerable = [m for c, m in zip(cases, per_case, strict=True) if not c.answerable]
    share = lambda items, key: float(np.mean([bool(m[key]) for m in items])) if items else 0.0  # noqa: E731
    total_facts = sum(m["facts_total"] for m in answerable)
    summary: dict[str, Any] = {
        **{k: 0.0 for k in ("hit@1", "hit@3", "hit@5", "mrr@10")},
        **_ir_measures(cases, results),
        "citation_support": share(answerable, "citation_support"),
        "fact_recall": sum(m["facts_present"] for m in answerable) / total_facts if total_facts else 0.0,
        "ungrounded_numbers": int(sum(m["ungrounded_numbers"] for m in per_case)),
        "mixed_occupation_disagreements": int(sum(m["mixed_occupation_disagreement"] for m in per_case)),
        "off_target_answers": int(sum(m.get("off_target", False) for m in per_case)),
        "refusal_recall": share(unanswerable, "correct_refusal"),
        "false_refusal_rate": share(answerable, "false_refusal"),
        "latency_ms_p50": float(np.percentile(latencies, 50)) if latencies else 0.0,
        "latency_ms_p95": float(np.percentile(latencies, 95)) if latencies else 0.0,
        "cases": len(cases),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
    }
    return {k: round(float(v), 4) if isinstance(v, float) else v for k, v in summary.items()}


# --- bars and comparisons ------------------------------------------------------------------------


def check_bars(bars: dict[str, Any], where: str) -> dict[str, float]:
    """Validate METRIC -> number bars (from --fail-under or a suite's gate table); errors name `where`."""
    out: dict[str, float] = {}
    for name, value in bars.items():
        if name not in METRICS:
            raise ConfigError(f"{where}: unknown metric {name!r}; use one of {', '.join(METRICS)}")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: the bar for {name} must be a number, not {value!r}")
        out[name] = float(value)
    return out


def parse_bars(items: list[str]) -> dict[str, float]:
    """Parse --fail-under METRIC=VALUE options."""
    bars: dict[str, float] = {}
    for item in items:
        name, _, value = item.partition("=")
        if name not in METRICS or not value:
            raise ConfigError(
                f"--fail-under {item!r}: use METRIC=VALUE with METRIC one of {', '.join(METRICS)}"
            )
        try:
            bars[name] = float(value)
        except ValueError:
            raise ConfigError(f"--fail-under {item!r}: {value!r} is not a number") from None
    return bars


def misses(name: str, value: float, bar: float) -> bool:
    """A metric misses its bar: below it for scores, above it for counts, rates of failure and latencies."""
    return value > bar if name in LOWER_IS_BETTER else value < bar


def failures(summary: dict[str, Any], bars: dict[str, float]) -> list[str]:
    """One line per metric that misses its bar."""
    out = []
    for name, bar in bars.items():
        value = summary.get(name, 0.0)
        if misses(name, value, bar):
            side = "above" if name in LOWER_IS_BETTER else "below"
            out.append(f"{name} = {value} is {side} the bar {bar}")
    return out


def gate_lines(summary: dict[str, Any], bars: dict[str, float]) -> list[str]:
    """Every bar with its metric's value and a verdict, e.g. 'fact_recall = 0.8 (bar >= 0.85): MISSED'."""
    lines = []
    for name, bar in bars.items():
        value = summary.get(name, 0.0)
        op = "<=" if name in LOWER_IS_BETTER else ">="
        lines.append(f"{name} = {value} (bar {op} {bar}): {'MISSED' if misses(name, value, bar) else 'ok'}")
    return lines


def deltas(summary: dict[str, Any], old: dict[str, Any]) -> dict[str, float]:
    """This summary minus an earlier one, for the metrics both have."""
    return {m: round(float(summary.get(m, 0)) - float(old.get(m, 0)), 4) for m in METRICS if m in old}
