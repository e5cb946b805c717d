"""Fit the answer-unit scoring weights and the refusal threshold on the tuning suites; write coach/ask/weights.json.

    python evals/fit_weights.py                       # fits on the suites marked `tune = true` in evals/suites.toml
    python evals/fit_weights.py --suite tuning --suite seed --dry-run

What is fitted, and on what:
- unit weights: a listwise learning-to-rank fit (conditional logit) over the features of `coach/ask/scoring.py`:
  for each answerable tuning case, the units of its retrieved passages compete in one softmax, and the fit
  maximises the probability of the units that hold the case's expected facts. It is regularised toward the
  hand-set weights (an L2 prior), so a feature the data says little about keeps its old weight. Each suite
  counts equally, whatever its number of cases. The weights are then scaled by one temperature, picked on the
  same tuning cases by fact recall, so the answerer's selection margins keep their meaning.
- refusal threshold: the lowest best-passage cosine that still counts as covered, chosen on the tuning cases the
  rules did not already decide, to minimise wrongly declined answerable cases plus missed declines.
The validation suite is never read here.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.ask.coach import Coach  # noqa: E402
from coach.ask.scoring import FEATURES, Weights, hand_weights  # noqa: E402
from coach.backends import get_embedder, get_store  # noqa: E402
from coach.evals.dataset import Case, load_dataset  # noqa: E402
from coach.evals.evaluate import coach_asker, run_cases  # noqa: E402
from coach.evals.suites import corpus_settings, load_suites  # noqa: E402
from coach.index.generation import open_index  # noqa: E402
from coach.ingest.pipeline import ingest  # noqa: E402
from coach.settings import get_settings  # noqa: E402

OUT = ROOT / "coach" / "ask" / "weights.json"


def _alnum(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def holds_fact(text: str, case: Case) -> bool:
    t = _alnum(text)
    for fact in case.expected_facts:
        options = fact if isinstance(fact, list) else [fact]
        if any(_alnum(o) and _alnum(o) in t for o in options):
            return True
    return False


_EMBEDDER: list[Any] = []  # one embedding model for every suite: each its own would not fit in memory


def open_suite(name: str) -> tuple[Coach, list[Case]]:
    suite = load_suites()[name]
    suite.check()
    settings = corpus_settings(get_settings(), suite.corpus)
    if not _EMBEDDER:
        _EMBEDDER.append(get_embedder(settings))
    embedder = _EMBEDDER[0]
    ingest(None, settings, embedder=embedder)
    coach = Coach(settings, open_index(settings), get_store(settings), embedder)
    return coach, load_dataset(suite.dataset)


def case_groups(coach: Coach, cases: list[Case]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(features of every candidate unit, 0/1 holds-a-fact labels) per answerable, not rule-declined case."""
    groups = []
    for case in cases:
        if not case.answerable or not case.expected_facts:
            continue
        turn = coach.prepare(case.question, case.history, None, "extractive")
        if turn.query.decline:
            continue
        scored = coach.extractive.score(turn.text, turn.hits, turn.qvec, turn.query)
        labels = np.array(
            [int(holds_fact(s.unit.quote, case) or holds_fact(s.unit.text, case)) for s in scored]
        )
        if labels.any() and not labels.all():  # a case teaches ranking only when some units hold the fact
            groups.append((np.vstack([s.features for s in scored if s.features is not None]), labels))
    return groups


def fit_listwise(
    groups: list[tuple[np.ndarray, np.ndarray, float]], prior: np.ndarray, strength: float
) -> np.ndarray:
    """Weights maximising sum_c weight_c * log(P(a fact unit | case c)) - strength * ||w - prior||^2."""
    from scipy.optimize import minimize

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.0, np.zeros_like(w)
        for X, y, weight in groups:
            s = X @ w
            s = s - s.max()
            e = np.exp(s)
            p_all = e / e.sum()
            pos = y.astype(bool)
            p_pos = e[pos] / e[pos].sum()
            total -= weight * (np.log(e[pos].sum()) - np.log(e.sum()))
            grad -= weight * (p_pos @ X[pos] - p_all @ X)
        diff = w - prior
        return total + strength * float(diff @ diff), grad + 2 * strength * diff

    result = minimize(loss, prior.copy(), jac=True, method="L-BFGS-B")
    return np.asarray(result.x)


def best_dense(coach: Coach, cases: list[Case]) -> list[tuple[float, bool]]:
    """(best passage cosine, answerable) for the cases the rules did not decline."""
    out = []
    for case in cases:
        turn = coach.prepare(case.question, case.history, None, "extractive")
        if turn.query.decline:
            continue
        best = max((h.dense for h in turn.hits if h.dense is not None), default=0.0)
        out.append((best, case.answerable))
    return out


def calibrate(points: list[tuple[float, bool, str]]) -> float:
    """The threshold with the fewest errors (answerable cases declined plus unanswerable ones answered) on the
    tuning cases the rules left; among equally good ones, the midpoint of the widest gap between observed scores."""
    values = sorted({d for d, _, _ in points})
    cuts = [0.0] + [(a + b) / 2 for a, b in zip(values, values[1:], strict=False)]

    def errors(t: float) -> int:
        return sum(1 for d, ok, _ in points if (ok and d < t) or (not ok and d >= t))

    fewest = min(errors(t) for t in cuts)
    best = [t for t in cuts if errors(t) == fewest]
    # the widest run of equally good cuts: its middle is the threshold least sensitive to noise
    runs: list[list[float]] = []
    for t in best:
        if runs and cuts.index(t) == cuts.index(runs[-1][-1]) + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    widest = max(runs, key=lambda r: (r[-1] - r[0], -r[0]))
    lo = max((d for d in values if d < widest[0]), default=0.0)
    hi = min((d for d in values if d > widest[-1]), default=widest[-1])
    return round((lo + hi) / 2, 3)


def fact_recall(coach: Coach, cases: list[Case], weights: Weights) -> tuple[int, int]:
    """(facts present, facts expected) over one suite's cases answered with these weights."""
    present = total = 0
    coach.extractive.weights = weights
    report = run_cases(cases, coach_asker(coach, "extractive"))
    for row in report["cases"]:
        present += row["metrics"].get("facts_present", 0)
        total += row["metrics"].get("facts_total", 0)
    return present, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--suite", action="append", help="tuning suites (default: those with tune = true)")
    parser.add_argument("--dry-run", action="store_true", help="print the fit, write nothing")
    args = parser.parse_args()
    names = args.suite or [n for n, s in load_suites().items() if s.tune]
    if "validation" in names:
        sys.exit("refusing to fit on the validation suite: it must stay unseen")
    started = time.time()
    # one suite open at a time: the pool's suites all open at once do not fit in memory
    groups: list[tuple[np.ndarray, np.ndarray, float]] = []
    points: list[tuple[float, bool, str]] = []  # best passage cosines: retrieval's, whatever the weights
    for name in names:
        coach, cases = open_suite(name)
        coach.extractive.weights = (
            hand_weights()
        )  # the candidates and their features do not depend on weights
        found = case_groups(coach, cases)
        groups += [(X, y, 1.0 / len(found)) for X, y in found]  # each suite counts equally
        points += [(d, ok, name) for d, ok in best_dense(coach, cases)]
        del coach
    prior = hand_weights().values
    raw = fit_listwise(groups, prior / 0.1, strength=0.05)  # fitted in logit units: hand weights x 10
    coef = raw * 0.1
    temperatures = [0.4, 0.5, 0.6, 0.8, 1.0, 1.25]
    candidates: dict[str | float, Weights] = {"hand": hand_weights()}
    candidates.update({t: Weights(coef * t, 0.0, "fitted") for t in temperatures})
    counts = {key: [0, 0] for key in candidates}
    for name in names:
        coach, cases = open_suite(name)
        for key, weights in candidates.items():
            present, total = fact_recall(coach, cases, weights)
            counts[key][0] += present
            counts[key][1] += total
        del coach
    recall = {key: p / max(1, t) for key, (p, t) in counts.items()}
    hand = recall["hand"]
    results = {t: recall[t] for t in temperatures}
    temperature = max(temperatures, key=lambda t: (results[t], -abs(t - 1.0)))
    fitted = Weights(coef * temperature, 0.0, "fitted")
    threshold = calibrate(points)

    meta = {
        "fitted_on": names,
        "cases": len(groups),
        "units": int(sum(len(y) for _, y, _ in groups)),
        "positives": int(sum(y.sum() for _, y, _ in groups)),
        "temperature": temperature,
        "fact_recall_tuning": {"hand": round(hand, 4), **{str(t): round(r, 4) for t, r in results.items()}},
        "refusal_threshold": threshold,
        "refusal_points": len(points),
        "seconds": round(time.time() - started, 1),
    }
    out = Weights(fitted.values, 0.0, "listwise conditional logit (evals/fit_weights.py)", meta).to_dict()
    print(json.dumps(out, indent=1))
    for name, value in sorted(zip(FEATURES, fitted.values, strict=True), key=lambda p: -abs(p[1])):
        print(f"{name:>24} {value:+.4f}")
    if not args.dry_run:
        OUT.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
