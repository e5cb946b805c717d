"""The development pool's scores in 5 folds grouped by site: each fold's metrics, their mean and the worst fold.

    coach eval --suite all --out reports/eval        # or `make eval`: writes one report.json per suite
    python evals/folds.py reports/eval               # reads the pool suites' reports (`pool = true`)
    python evals/folds.py reports/eval --json        # the same as JSON

Every case goes to the fold of its site (the site of the first guide it names in `guides`, from the corpus's
expect.json), and sites are dealt to folds largest first, so no site has cases in two folds; the folds are
the ones `evals/fit_decline.py` fits on four of and reports on the fifth.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.evals.suites import load_suites  # noqa: E402

METRICS = ("fact_recall", "citation_support", "refusal_recall", "false_refusal_rate", "off_target_answers")
WORST_IS_LOW = {"fact_recall", "citation_support", "refusal_recall"}


def fold_of_sites(counts: dict[str, int], k: int = 5) -> dict[str, int]:
    """Sites dealt to k folds, largest first, each to the fold with the fewest cases so far."""
    sizes = [0] * k
    out: dict[str, int] = {}
    for site, n in sorted(counts.items(), key=lambda p: (-p[1], p[0])):
        fold = sizes.index(min(sizes))
        out[site] = fold
        sizes[fold] += n
    return out


def scores(rows: list[dict]) -> dict[str, float]:
    """The pool metrics of a set of report rows (each with `answerable`, `metrics`)."""
    ans = [r["metrics"] for r in rows if r["answerable"]]
    una = [r["metrics"] for r in rows if not r["answerable"]]
    facts = sum(m.get("facts_total", 0) for m in ans)
    return {
        "fact_recall": sum(m.get("facts_present", 0) for m in ans) / facts if facts else 0.0,
        "citation_support": sum(bool(m.get("citation_support")) for m in ans) / len(ans) if ans else 0.0,
        "refusal_recall": sum(bool(m.get("correct_refusal")) for m in una) / len(una) if una else 0.0,
        "false_refusal_rate": sum(bool(m.get("false_refusal")) for m in ans) / len(ans) if ans else 0.0,
        "off_target_answers": float(sum(bool(m.get("off_target")) for m in ans + una)),
        "cases": float(len(rows)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("reports", type=Path, help="the --out folder of `coach eval --suite all`")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    rows: list[dict] = []
    for name, suite in load_suites().items():
        if not suite.pool:
            continue
        path = args.reports / name / "report.json"
        if not path.exists():
            sys.exit(f"{path} is missing: run `coach eval --suite all --out {args.reports}` first")
        expect = json.loads((suite.corpus / "expect.json").read_text("utf-8"))
        cases = {
            json.loads(line)["id"]: json.loads(line)
            for line in suite.dataset.read_text("utf-8").splitlines()
            if line.strip()
        }
        for row in json.loads(path.read_text("utf-8"))["cases"]:
            guides = cases.get(row["id"], {}).get("guides") or []
            row["site"] = next((expect[g]["site"] for g in guides if g in expect), name)
            rows.append(row)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["site"]] = counts.get(r["site"], 0) + 1
    folds = fold_of_sites(counts)
    per_fold = [scores([r for r in rows if folds[r["site"]] == k]) for k in range(5)]
    mean = {m: sum(f[m] for f in per_fold) / 5 for m in METRICS}
    worst = {m: (min if m in WORST_IS_LOW else max)(f[m] for f in per_fold) for m in METRICS}
    result = {"sites": len(counts), "cases": len(rows), "folds": per_fold, "mean": mean, "worst": worst}
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"{len(rows)} pool cases from {len(counts)} sites in 5 folds by site")
    print(f"{'':>6}" + "".join(f"{m[:14]:>16}" for m in METRICS))
    for k, f in enumerate(per_fold):
        print(f"fold {k}" + "".join(f"{f[m]:>16.3f}" for m in METRICS))
    print(f"{'mean':>6}" + "".join(f"{mean[m]:>16.3f}" for m in METRICS))
    print(f"{'worst':>6}" + "".join(f"{worst[m]:>16.3f}" for m in METRICS))


if __name__ == "__main__":
    main()
