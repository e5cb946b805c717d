"""Fit the answer-or-decline decision and the job-alias cosine on the development pool; write coach/ask/decline.json.

    python evals/fit_decline.py                  # fits on the suites marked `tune = true` in evals/suites.toml
    python evals/fit_decline.py --dry-run        # print the folds and the fit, write nothing
    python evals/fit_decline.py --context-only   # only the context match of job phrases no title holds

What is fitted, and on what:
- generic heads: a lone word the unknown-job rule would decline ("supervisor", "operator", "agent") names no job
  when at least this many standard occupations list it; chosen on the cases that rule declined on one word
  (right: answerable from its guides), fewest errors, among ties the highest; 0 (off) if none beats the rule.
- alias cosine: a question naming a job no corpus title holds ("university lecturer", "cop") is taken as the
  corpus job nearest it by the embedding model when their cosine clears this value. Chosen on the tuning cases
  the unknown-job rule declined: answerable ones whose nearest job is their own should be aliased, the rest not;
  fewest errors, and among equally good values the highest (declining is the safer mistake).
- listed cosine: an unknown job phrase that the few standard occupations listing it as a title file under one
  corpus job ("barman": a bartender's alternative title) is taken as that job when their cosine clears this
  value, chosen like the alias on the cases the unknown-job rule declined, right when the job is the case's own.
- context match (`--context-only` alone, or with the full fit): a job phrase no corpus title holds, declined by the
  unknown-job rule, is taken as its nearest corpus job when at least this many words of the question (beyond the
  phrase, its places and the words any question shares) are written by that job's guides and no other job's, and
  their cosine reaches this value (coach/ask/context_job.py). Chosen on the cases the rule declined, with the
  fewest errors when a wrong job (an answer off target) costs 2 right ones, two words at least; among ties the most
  words, then the highest cosine; 0 words (off) when none beats declining.
- subject cosine: a question that names no corpus job ("how much do cops make?") is taken as being about the
  corpus job nearest it when their cosine, and its lead over the next job, clear these values: the pair with
  the most questions about their own job less 3 for each about another (75% precision at the margin).
- decision: a logistic regression (scikit-learn) over the features of `coach/ask/decide.py`, on the tuning cases
  the question stage's rules let through (label: answerable, and its best answer unit is from one of the case's
  guides: an answer quoting another job's guide is no answer to give). Its probability threshold minimises
  2 x answerable cases declined + unanswerable cases answered on the training cases.
- soft measures (`--decision-only --measures`): a question asking a measure the named job's guides were never
  read to give ("how many people fish for a living?") is declined by the question stage, unless the measure is
  soft: then the decision reads the passages. A measure is soft when the tuning cases declined for it, asked
  again with it soft, are answered right (citing one of their guides) at least 2 more times than twice the
  times a not-covered one is answered.
- question prior: a logistic regression over the question's embedding and its product with its best unit's
  (coach/ask/prior.py), on the same cases; the decision reads its probability as a feature, fitted stacked (each
  case's prior from a fit on the other sites).
- folds: the cases are split into 5 folds by site (GroupKFold; every case of a site on one side), each fold
  scored by a fit on the other four; the report gives each fold's precision and recall of declining and the
  mean and the worst. The suites not marked `tune` (validation, fresh pages) are never read here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evals"))

from fit_weights import open_suite  # noqa: E402

from coach.ask.coach import Coach  # noqa: E402
from coach.ask.decide import FEATURES, DeclineModel  # noqa: E402
from coach.ask.prior import QuestionPrior  # noqa: E402
from coach.ask.understand import read_turn  # noqa: E402
from coach.evals.dataset import Case  # noqa: E402
from coach.evals.suites import load_suites  # noqa: E402
from coach.ingest.standard import standard  # noqa: E402

OUT = ROOT / "coach" / "ask" / "decline.json"


def sites_of(corpus: Path) -> dict[str, str]:
    """Guide file -> site, from the corpus's expect.json (empty when it has none)."""
    path = corpus / "expect.json"
    if not path.exists():
        return {}
    return {name: str(e.get("site") or name) for name, e in json.loads(path.read_text("utf-8")).items()}


def group_of(case: Case, suite: str, sites: dict[str, str]) -> str:
    """A case's group for the folds: the site of the first guide it is about (its suite when it names none)."""
    for g in case.guides:
        if g in sites:
            return sites[g]
    return suite


def own_job(coach: Coach, case: Case, job: str) -> bool:
    """Is `job` the role of one of the case's guides?"""
    return job.lower() in {coach.vocab.guide_roles.get(g, "").lower() for g in case.guides}


def alias_points(coach: Coach, cases: list[Case]) -> list[tuple[float, bool]]:
    """(cosine of the unknown job phrase with its nearest corpus job, is that job the case's own and the case
    answerable) for cases the rule declined: an alias to another job's guide is a wrong answer, not a right one."""
    out = []
    for case in cases:
        turn = coach.prepare(case.question, case.history, None, "extractive")
        q = turn.query
        if q.decline == "refusal" and q.decline_detail and coach.vocab.ranked is not None:
            job, cosine, _ = coach.vocab.nearest(q.decline_detail)
            out.append((cosine, case.answerable and own_job(coach, case, job)))
    return out


def generic_points(coach: Coach, cases: list[Case]) -> list[tuple[int, bool]]:
    """(how many standard occupations list the lone unknown word, is the case answerable from its guides) for
    the cases the unknown-job rule declined on one word: "supervisor" is a generic head, "paralegal" a job."""
    out = []
    for case in cases:
        q = coach.prepare(case.question, case.history, None, "extractive").query
        if q.decline == "refusal" and q.decline_detail and " " not in q.decline_detail.strip():
            out.append((len(standard().listing(q.decline_detail)), case.answerable and bool(case.guides)))
    return out


def pick_generic(points: list[tuple[int, bool]]) -> int:
    """The listing count from which a lone word is a generic head, with the fewest errors (a job declined
    wrongly, or a trap let through); among ties the highest; 0 (off) when none beats declining every word."""
    declined_all = sum(ok for _, ok in points)
    best, errors = 0, declined_all
    for t in sorted({n for n, _ in points if n > 0}, reverse=True):
        e = sum(1 for n, ok in points if (ok and n < t) or (not ok and n >= t))
        if e < errors:
            best, errors = t, e
    return best


def pick_alias(points: list[tuple[float, bool]]) -> float:
    """The cosine with the fewest errors; among ties the highest."""
    cuts = sorted({round(c, 3) for c, _ in points} | {1.01})
    errors = {t: sum(1 for c, ok in points if (ok and c < t) or (not ok and c >= t)) for t in cuts}
    fewest = min(errors.values())
    return max(t for t in cuts if errors[t] == fewest)


def listed_points(coach: Coach, cases: list[Case]) -> list[tuple[float, bool]]:
    """(cosine of the unknown job phrase with the one corpus job the standard list files it under, is that job
    the case's own and the case answerable) for the cases the unknown-job rule declined."""
    out = []
    for case in cases:
        turn = coach.prepare(case.question, case.history, None, "extractive")
        q = turn.query
        if q.decline == "refusal" and q.decline_detail and (job := coach.vocab.listed(q.decline_detail)):
            out.append(
                (coach.vocab.similarity(q.decline_detail, job), case.answerable and own_job(coach, case, job))
            )
    return out


def context_points(coach: Coach, cases: list[Case]) -> list[tuple[float, int, bool]]:
    """(cosine of the unknown job phrase with its nearest corpus job, how many words of the question only that
    job's guides write, is that job the case's own and the case answerable) for the cases the unknown-job rule
    declined, with the context match off."""
    coach.vocab.context_words = 0
    out = []
    for case in cases:
        q = coach.prepare(case.question, case.history, None, "extractive").query
        if q.decline == "refusal" and q.decline_detail:
            job, cosine, count = coach.vocab.context_of(q.decline_detail, q.standalone)
            # beside no covered job, or only beside the one it would be
            if job and set(q.occupations) <= {job}:
                out.append((cosine, count, case.answerable and own_job(coach, case, job)))
    return out


def pick_context(points: list[tuple[float, int, bool]], cost: float = 2.0) -> tuple[int, float]:
    """(words, cosine) from which the context match takes a declined job phrase as its nearest job, with the
    fewest errors when a wrong job costs `cost` right ones (an alias to another job's guide is an answer off
    target, the worst there is); among ties the most words, then the highest cosine; (0, 1.01): off, when none
    beats declining every phrase. Two words at least: one is too thin, a verb only one guide happens to write
    ("give me the median salary for data analysts" of support guides) would make any phrase that job."""
    right = sum(ok for _, _, ok in points)  # every right one declined: the errors of the match off
    best: tuple[float, int, float] = (float(right), 0, 1.01)
    cuts = sorted({0.0} | {round(c, 2) for c, _, _ in points})
    for words in (3, 2):
        for at in reversed(cuts):
            taken = [ok for c, n, ok in points if c >= at and n >= words]
            errors = right - sum(taken) + cost * (len(taken) - sum(taken))
            if errors < best[0]:
                best = (errors, words, at)
    return best[1], best[2]


def subject_points(coach: Coach, cases: list[Case]) -> list[tuple[float, float, bool]]:
    """(cosine of a question naming no job with its nearest corpus job, its margin over the next job, is that
    job the one of the case's guides) for the cases that name their guides and name no job the rules found."""
    out = []
    for case in cases:
        if not case.guides and case.answerable:
            continue
        turn = coach.prepare(case.question, case.history, None, "extractive")
        q = turn.query
        if q.occupations or q.decline_detail or coach.vocab.ranked is None:
            continue
        title, cosine, margin = coach.vocab.subject(q.standalone)
        out.append((cosine, margin, own_job(coach, case, title)))
    return out


def pick_subject(points: list[tuple[float, float, bool]], precision: float = 0.75) -> tuple[float, float]:
    """The (cosine, margin) pair whose questions gain most when every wrong job costs what `precision` allows:
    right - wrong x precision / (1 - precision), so each question it takes in is about the nearest job at
    least `precision` of the time at the margin. A wrong job costs 3 right ones, not more: a question left
    without a job is still answered from all guides, and retrieval finds its own guide more often than not."""
    cost = precision / (1 - precision)
    best: tuple[float, float, float] = (0.0, 1.01, 0.0)
    for t in sorted({round(c, 2) for c, _, _ in points}):
        for m in (0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.15):
            above = [ok for c, g, ok in points if c >= t and g >= m]
            gain = sum(above) - cost * (len(above) - sum(above))
            if len(above) >= 10 and gain > best[0]:
                best = (gain, t, m)
    return best[1], best[2]


def soft_points(coach: Coach, cases: list[Case]) -> list[tuple[str, bool, bool]]:
    """(measure, answered right, answered wrongly) for the cases the question stage declines because the named
    job's guides never give the measure asked, each asked again with that measure left to the decision: right
    when the case is answerable and the answer cites one of its guides, wrong when it is not answerable."""
    out = []
    for case in cases:
        # the question stage alone sets no_measure: read the question, not its passages, before asking again
        q = read_turn(case.question, case.history, coach.vocab, coach.settings.max_question_chars).query
        if q.decline != "no_measure" or not q.decline_detail:
            continue
        measure = q.decline_detail.split("|")[0]
        coach.vocab.soft_measures = frozenset({measure})
        result = coach.ask(case.question, case.history)
        coach.vocab.soft_measures = frozenset()
        cited = {str(c.get("source", "")).rsplit("/", 1)[-1] for c in result.citations}
        answered = not result.refused
        right = answered and case.answerable and bool(cited & {g.rsplit("/", 1)[-1] for g in case.guides})
        out.append((measure, right, answered and not case.answerable))
    return out


def pick_soft(points: list[tuple[str, bool, bool]], cost: float = 2.0, least: float = 2.0) -> tuple[str, ...]:
    """The measures the question stage should leave to the decision: those whose declined cases, asked again,
    are answered right more often than `cost` times as often as wrongly (a figure given where the guides have
    none is the worse mistake), by at least `least` cases net."""
    gain: dict[str, float] = {}
    for measure, right, wrong in points:
        gain[measure] = gain.get(measure, 0.0) + right - cost * wrong
    return tuple(sorted(m for m, g in gain.items() if g >= least))


def decision_rows(coach: Coach, cases: list[Case], suite: str, sites: dict[str, str]) -> list[tuple]:
    """(features, answerable, group, the question prior's input, whether its best unit is from one of its guides)
    for the cases the question stage's rules let through."""
    rows = []
    for case in cases:
        turn = coach.prepare(case.question, case.history, None, "extractive")
        q = turn.query
        if coach.drafter.from_records(turn) is not None:
            continue  # answered from the asked job's records: the decision never sees it
        if q.decline or q.document or not turn.hits:
            continue
        scored = coach.extractive.score(q.expanded, turn.hits, turn.qvec, q)
        rows.append(
            (
                coach.decider.features(q, turn.hits, turn.qvec),
                case.answerable,
                group_of(case, suite, sites),
                coach.decider.prior_input(q, turn.hits, turn.qvec),
                bool(scored) and (not case.guides or scored[0].hit.chunk.source in case.guides),
            )
        )
    return rows


def pick_threshold(prob: np.ndarray, y: np.ndarray) -> float:
    """The probability cut with the fewest costed errors: an answerable case declined costs 2, a miss 1."""
    cuts = np.unique(np.concatenate([[0.0], prob, [1.0]]))

    def cost(t: float) -> float:
        return 2 * float(np.sum(y & (prob < t))) + float(np.sum(~y & (prob >= t)))

    costs = [cost(t) for t in cuts]
    best = min(costs)
    chosen = [t for t, c in zip(cuts, costs, strict=True) if c == best]
    return float(np.median(chosen))


def fit_prior(V: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """The question prior's logistic regression over `prior_vector`s (coach/ask/prior.py)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=3000)
    model.fit(V, y)
    return model.coef_[0], float(model.intercept_[0])


def with_prior(
    X: np.ndarray, V: np.ndarray, y: np.ndarray, groups: np.ndarray, X_out: np.ndarray, V_out: np.ndarray
) -> tuple[np.ndarray, np.ndarray, QuestionPrior]:
    """The decision's rows with their question_prior filled in, stacked: each fitting row's prior from a fit on
    the other sites (4 folds by site), so the decision does not learn to trust a prior fitted on that row; the
    other rows' (`X_out`) from the prior fitted on every fitting row, which is also the one returned."""
    from sklearn.model_selection import GroupKFold

    k = FEATURES.index("question_prior")
    X, X_out = X.copy(), X_out.copy()
    for train, test in GroupKFold(n_splits=4).split(V, y, groups):
        w, b = fit_prior(V[train], y[train])
        X[test, k] = QuestionPrior(w, b).probabilities(V[test])
    w, b = fit_prior(V, y)
    prior = QuestionPrior(w, b)
    X_out[:, k] = prior.probabilities(V_out)
    return X, X_out, prior


def fit(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float, float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(X, y)
    prob = model.predict_proba(X)[:, 1]
    return model.coef_[0], float(model.intercept_[0]), pick_threshold(prob, y)


def decline_scores(prob: np.ndarray, y: np.ndarray, threshold: float) -> dict[str, float]:
    declined = prob < threshold
    tp = int(np.sum(declined & ~y))
    return {
        "decline_precision": round(tp / max(1, int(declined.sum())), 4),
        "decline_recall": round(tp / max(1, int((~y).sum())), 4),
        "false_decline_rate": round(float(np.sum(declined & y)) / max(1, int(y.sum())), 4),
        "cases": int(len(y)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--suite", action="append", help="suites to fit on (default: those with tune = true)")
    parser.add_argument("--dry-run", action="store_true", help="print the folds and the fit, write nothing")
    parser.add_argument(
        "--dump", type=Path, help="also save the decision rows (features, answerable, group) as .npz"
    )
    parser.add_argument(
        "--decision-only",
        action="store_true",
        help="refit the decision's weights and threshold only, keeping the shipped cosines and generic heads"
        " (after a change to the features it reads, such as a refit of the answer-unit weights)",
    )
    parser.add_argument(
        "--measures",
        action="store_true",
        help="with --decision-only: first choose the measures the question stage leaves to the decision"
        " (soft_measures), then refit the decision with them",
    )
    parser.add_argument(
        "--context-only",
        action="store_true",
        help="choose only how many words of a question only its nearest job's guides write, and from which"
        " cosine, make a job phrase no title holds that job (coach/ask/context_job.py); keep the rest as shipped",
    )
    parser.add_argument(
        "--subject",
        action="store_true",
        help="with --decision-only: first refit the cosine and margin from which a question naming no job is"
        " about the nearest one (after a change to how that question is read), then the decision",
    )
    args = parser.parse_args()
    if (args.measures or args.subject) and not args.decision_only:
        parser.error(
            "--measures and --subject go with --decision-only (the full fit refits the subject and keeps the"
            " shipped soft measures)"
        )
    suites = load_suites()
    names = args.suite or [n for n, s in suites.items() if s.tune]
    if any(not suites[n].tune for n in names):
        sys.exit("refusing to fit on a suite not marked `tune = true`: it must stay unseen")
    started = time.time()
    if args.context_only:
        refit_context(names, args.dry_run, started)
        return
    if args.decision_only:
        refit_decision(names, suites, args.dry_run, started, args.measures, args.subject)
        return
    opened = {n: open_suite(n) for n in names}
    for coach, _ in opened.values():  # the generic heads are chosen with them off
        coach.vocab.generic_listings = 0
    generic_at = [pt for coach, cases in opened.values() for pt in generic_points(coach, cases)]
    generic = pick_generic(generic_at)
    for coach, _ in opened.values():  # the alias is chosen with aliasing off
        coach.vocab.alias_threshold, coach.vocab.generic_listings = 1.01, generic
    points = [pt for coach, cases in opened.values() for pt in alias_points(coach, cases)]
    alias = pick_alias(points)
    listed_at: list[tuple[float, bool]] = []
    for (
        coach,
        cases,
    ) in opened.values():  # the listed titles are chosen with the alias on, their own match off
        coach.vocab.alias_threshold, coach.vocab.listed_threshold = alias, 1.01
        listed_at += listed_points(coach, cases)
    listed = pick_alias(listed_at) if listed_at else 1.01
    subjects: list[tuple[float, float, bool]] = []
    for coach, cases in opened.values():
        coach.vocab.listed_threshold, coach.vocab.subject_threshold = listed, 1.01
        subjects += subject_points(coach, cases)
    subject, margin = pick_subject(subjects)
    contexts: list[tuple[float, int, bool]] = []
    for coach, cases in opened.values():  # the context match is chosen with the subject on, itself off
        coach.vocab.subject_threshold, coach.vocab.subject_margin = subject, margin
        contexts += context_points(coach, cases)
    words, at = pick_context(contexts)
    rows: list[tuple] = []
    for n, (coach, cases) in opened.items():
        coach.vocab.context_words, coach.vocab.context_cosine = words, at
        rows += decision_rows(coach, cases, n, sites_of(suites[n].corpus))
    if args.dump:
        X, y, groups = _arrays(rows)
        np.savez(args.dump, X=X, y=y, groups=groups, features=np.array(FEATURES))
    weights, bias, threshold, meta, prior = fit_decision(rows)
    meta = {
        "fitted_on": names,
        **meta,
        "alias_points": len(points),
        "listed_points": len(listed_at),
        "generic_points": len(generic_at),
        "subject_points": len(subjects),
        "context_points": len(contexts),
        "seconds": round(time.time() - started, 1),
        "written_by": "evals/fit_decline.py (logistic regression, scikit-learn)",
    }
    shipped = DeclineModel.from_dict(json.loads(OUT.read_text("utf-8"))) if OUT.exists() else DeclineModel()
    model = DeclineModel(
        weights=weights,
        bias=bias,
        threshold=threshold,
        cosine_threshold=0.29,
        alias_threshold=alias,
        subject_threshold=subject,
        subject_margin=margin,
        meta=meta,
        listed_threshold=listed,
        generic_listings=generic,
        prior=prior,
        soft_measures=shipped.soft_measures,
        context_words=words,
        context_cosine=at,
    )
    if args.dry_run:
        print("listed points (cosine, right):", sorted((round(c, 3), ok) for c, ok in listed_at))
    _write(model, args.dry_run)


def _arrays(rows: list[tuple]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (
        np.vstack([r[0] for r in rows]),
        np.array([bool(r[1]) for r in rows]),
        np.array([r[2] for r in rows]),
    )


def fit_decision(rows: list[tuple]) -> tuple[np.ndarray, float, float, dict[str, object], QuestionPrior]:
    """The decision (and its question prior) fitted on every row, and its folds by site: each fold scored by a
    fit on the other four."""
    from sklearn.model_selection import GroupKFold

    X, y, groups = _arrays(rows)
    V = np.vstack([r[3] for r in rows])
    # answering is right only from the case's own guides: a question whose best unit is another guide's would be
    # answered off target, so it counts as one to decline (the metrics still count it as answerable)
    y = y & np.array([bool(r[4]) for r in rows])
    folds = []
    for k, (train, test) in enumerate(GroupKFold(n_splits=5).split(X, y, groups)):
        X_train, X_test, _ = with_prior(X[train], V[train], y[train], groups[train], X[test], V[test])
        w, b, t = fit(X_train, y[train])
        prob = 1 / (1 + np.exp(-(X_test @ w + b)))
        folds.append({"fold": k, "sites": int(len(set(groups[test]))), **decline_scores(prob, y[test], t)})
    X, _, prior = with_prior(X, V, y, groups, X[:0], V[:0])
    weights, bias, threshold = fit(X, y)
    mean = {
        k: round(float(np.mean([f[k] for f in folds])), 4)
        for k in ("decline_precision", "decline_recall", "false_decline_rate")
    }
    worst = {
        "decline_precision": min(f["decline_precision"] for f in folds),
        "decline_recall": min(f["decline_recall"] for f in folds),
        "false_decline_rate": max(f["false_decline_rate"] for f in folds),
    }
    meta = {
        "cases": int(len(y)),
        "answerable": int(y.sum()),
        "sites": int(len(set(groups))),
        "folds": folds,
        "folds_mean": mean,
        "folds_worst": worst,
    }
    return weights, bias, threshold, meta, prior


def refit_decision(
    names: list[str],
    suites: dict,
    dry_run: bool,
    started: float,
    measures: bool = False,
    subject: bool = False,
) -> None:
    """The decision's weights and threshold refitted, one suite open at a time, on the shipped model's cosines
    and generic heads (which the question stage reads before the decision); the file says which values were
    refitted when. With `subject`, the subject cosine and margin are chosen first; with `measures`, then the soft
    measures (with the shipped decision); the decision is refitted on the cases they let through."""
    shipped = DeclineModel.from_dict(json.loads(OUT.read_text("utf-8")))
    soft = shipped.soft_measures
    extra: dict[str, object] = {}
    if subject:
        subjects: list[tuple[float, float, bool]] = []
        for n in names:
            coach, cases = open_suite(n)
            coach.vocab.subject_threshold = 1.01  # chosen with the subject match off, as the full fit does
            subjects += subject_points(coach, cases)
            del coach
        at, margin = pick_subject(subjects)
        shipped = replace(shipped, subject_threshold=at, subject_margin=margin)
        extra["subject_points"] = len(subjects)
        print("subject:", at, margin, len(subjects))
    if measures:
        points: list[tuple[str, bool, bool]] = []
        for n in names:
            coach, cases = open_suite(n)
            points += soft_points(_reading(coach, shipped, ()), cases)
            del coach
        soft = pick_soft(points)
        extra |= {
            "soft_points": {
                m: [
                    sum(1 for x, r, _ in points if x == m and r),
                    sum(1 for x, _, w in points if x == m and w),
                    sum(1 for x, _, _ in points if x == m),
                ]
                for m in sorted({x for x, _, _ in points})
            },
            "soft_points_note": "measure: [answered right, answered wrongly, declined] when the question stage"
            " leaves the measure to the decision (evals/fit_decline.py --measures)",
        }
        print("soft measures:", soft, extra["soft_points"])
    rows: list[tuple] = []
    for n in names:
        coach, cases = open_suite(n)
        rows += decision_rows(_reading(coach, shipped, soft), cases, n, sites_of(suites[n].corpus))
        del coach
    weights, bias, threshold, meta, prior = fit_decision(rows)
    kept = {k: v for k, v in shipped.meta.items() if k not in meta and k not in ("seconds", "fitted_on")}
    meta = {
        **kept,
        "fitted_on": names,
        **meta,
        **extra,
        "seconds": round(time.time() - started, 1),
        "decision_refit_note": _refit_note(subject, measures),
    }
    model = replace(
        shipped, weights=weights, bias=bias, threshold=threshold, meta=meta, prior=prior, soft_measures=soft
    )
    _write(model, dry_run)


def refit_context(names: list[str], dry_run: bool, started: float) -> None:
    """The context match's words and cosine chosen on the tuning cases the unknown-job rule declines, with the
    shipped file's other values (which the question stage reads before it) kept."""
    shipped = DeclineModel.from_dict(json.loads(OUT.read_text("utf-8")))
    points: list[tuple[float, int, bool]] = []
    for n in names:
        coach, cases = open_suite(n)
        points += context_points(coach, cases)
        del coach
    words, cosine = pick_context(points)
    taken = [ok for c, k, ok in points if words and c >= cosine and k >= words]
    print(f"context: {words} words from cosine {cosine}: {sum(taken)} right, {len(taken) - sum(taken)} wrong")
    meta = {
        **shipped.meta,
        "context_points": len(points),
        "context_taken": [sum(taken), len(taken) - sum(taken)],
        "context_note": "evals/fit_decline.py --context-only on the tune suites: [right, wrong] of the declined"
        " job phrases the context match takes; a wrong one costs 2",
        "context_fitted_on": names,
        "context_seconds": round(time.time() - started, 1),
    }
    _write(replace(shipped, context_words=words, context_cosine=cosine, meta=meta), dry_run)


def _refit_note(subject: bool, measures: bool) -> str:
    """What a --decision-only run refitted and what it kept from the shipped file."""
    refitted = [
        *(["the subject cosine and margin (--subject)"] if subject else []),
        *(["the soft measures (--measures)"] if measures else []),
        "the decision's weights, bias and threshold",
    ]
    kept = "the alias, listed and generic values" if subject else "the cosines and generic heads"
    return (
        f"evals/fit_decline.py --decision-only on these suites: {', then '.join(refitted)}; {kept} are the"
        " earlier fit's, kept"
    )


def _reading(coach: Coach, model: DeclineModel, soft: tuple[str, ...]) -> Coach:
    """A suite's coach reading the subject values being fitted and these soft measures, not the shipped file's."""
    coach.vocab.subject_threshold = model.subject_threshold
    coach.vocab.subject_margin = model.subject_margin
    coach.vocab.soft_measures = frozenset(soft)
    return coach


def _write(model: DeclineModel, dry_run: bool) -> None:
    out = model.to_dict()
    print(json.dumps(out, indent=1))
    for name, value in sorted(zip(FEATURES, model.weights, strict=True), key=lambda p: -abs(p[1])):
        print(f"{name:>18} {value:+.4f}")
    if not dry_run:
        OUT.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
