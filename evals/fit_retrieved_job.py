"""Fit when a declined job phrase is read as the job of its best passage; write coach/ask/retrieved_job.json.

    python evals/fit_retrieved_job.py             # fits on the suites marked `tune = true` in evals/suites.toml
    python evals/fit_retrieved_job.py --dry-run   # print the folds and the fit, write nothing

What is fitted, and on what: the question stage declines a question naming a job that no title, alias, standard
title or context word makes a corpus job ("hotel cleaners", "animal doctor"). For each such tuning case (with the
shipped decision off), the features of coach/ask/retrieved_job.py for the job of its best passage; the label is
that the case is answerable and that job is one of its guides' roles. A logistic regression (scikit-learn) over
them; its probability threshold maximises, on out-of-fold probabilities (5 folds by site, GroupKFold), the
answerable cases taken as their own job less twice those taken as another job less the unanswerable cases taken
(which the answer-or-decline decision must then decline); among equal values the highest. The report gives each
fold's counts at that threshold. The suites not marked `tune` (validation, fresh pages) are never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evals"))

from fit_decline import group_of, own_job, sites_of  # noqa: E402
from fit_weights import open_suite  # noqa: E402

from coach.ask.retrieved_job import FEATURES, RetrievedJobModel, job_evidence  # noqa: E402
from coach.evals.suites import load_suites  # noqa: E402

OUT = ROOT / "coach" / "ask" / "retrieved_job.json"
WRONG_JOB = 2.0  # an answerable case read as another job: a figure for the wrong job
UNANSWERABLE = 1.0  # a not-covered case let through to the answer-or-decline decision


def rows_of(names: list[str]) -> list[tuple[np.ndarray, str, bool, bool]]:
    """(features, site group, the job is the case's own, the case is answerable) per rule-declined case."""
    suites = load_suites()
    rows = []
    for name in names:
        coach, cases = open_suite(name)
        coach.retrieved_job_model = RetrievedJobModel()  # off: the rule's declines as they stand
        sites = sites_of(suites[name].corpus)
        for case in cases:
            turn = coach.prepare(case.question, case.history, None, "extractive")
            if (ev := job_evidence(turn, coach.vocab)) is not None:
                rows.append(
                    (ev.features, group_of(case, name, sites), own_job(coach, case, ev.job), case.answerable)
                )
        print(f"{name}: {len(rows)} declined job phrases so far", file=sys.stderr)
    return rows


def counts(take: np.ndarray, own: np.ndarray, answerable: np.ndarray) -> dict[str, int]:
    return {
        "taken": int(take.sum()),
        "right": int((take & own & answerable).sum()),
        "wrong_job": int((take & ~own & answerable).sum()),
        "unanswerable": int((take & ~answerable).sum()),
    }


def value(c: dict[str, int]) -> float:
    return c["right"] - WRONG_JOB * c["wrong_job"] - UNANSWERABLE * c["unanswerable"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--suite", action="append", help="suites to fit on (default: those with tune = true)")
    parser.add_argument("--dry-run", action="store_true", help="print the folds and the fit, write nothing")
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    suites = load_suites()
    names = args.suite or [n for n, s in suites.items() if s.tune]
    if any(not suites[n].tune for n in names):
        sys.exit("refusing to fit on a suite not marked `tune = true`: it must stay unseen")
    started = time.time()
    rows = rows_of(names)
    X = np.vstack([r[0] for r in rows])
    groups = np.array([r[1] for r in rows])
    own = np.array([r[2] for r in rows])
    answerable = np.array([r[3] for r in rows])
    y = own & answerable
    folds = list(GroupKFold(5).split(X, y, groups))
    prob = np.zeros(len(y))
    for train, test in folds:
        prob[test] = LogisticRegression(max_iter=3000).fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    grid = [round(t, 2) for t in np.arange(0.3, 0.96, 0.05)]
    threshold = max(grid, key=lambda t: (value(counts(prob >= t, own, answerable)), t))
    fit = LogisticRegression(max_iter=3000).fit(X, y)
    report = {
        "features": list(FEATURES),
        "weights": [round(float(w), 6) for w in fit.coef_[0]],
        "bias": round(float(fit.intercept_[0]), 6),
        "threshold": threshold,
        "written_by": "evals/fit_retrieved_job.py (logistic regression, scikit-learn)",
        "cases": len(rows),
        "answerable_own_job": int(y.sum()),
        "out_of_fold": counts(prob >= threshold, own, answerable),
        "folds": [
            {"fold": k, **counts(prob[test] >= threshold, own[test], answerable[test])}
            for k, (_, test) in enumerate(folds)
        ],
        "fitted_on": names,
        "seconds": round(time.time() - started, 1),
    }
    print(json.dumps({k: v for k, v in report.items() if k != "fitted_on"}, indent=1))
    if not args.dry_run:
        OUT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
