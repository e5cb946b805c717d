"""Fit how many units the extractive answer quotes; write coach/ask/quoting.json.

    python evals/fit_quoting.py              # fits on the suites marked `tune = true` in evals/suites.toml
    python evals/fit_quoting.py --dry-run    # print the grid, the pick and the folds; write nothing

What is fitted, and on what: the answerer quotes the units that score within a margin of the best one, up to a
limit, with one margin and limit for list questions (duties, skills, steps) and one for any other non-figure
question (coach/ask/answer.py); a figure answer also quotes, after the units its rules pick, the scorer's
first units of the job asked that those rules passed over, up to a limit and within a margin of the best. Each
setting is scored on the answerable tuning cases the question stage and the decision let through (figure
questions answered from records aside): the asked facts its quoted units hold, less COST for every unit it
quotes, so a unit earns its place when it carries an asked fact at least one time in twenty (a bullet more is
quick to skip; a missing fact is a failed answer). The list setting is chosen first, then the other one with
it, then the figure answer's extra units with both. The folds (5 by site, dealt as in evals/folds.py) report
the facts held and units per case of the setting picked on the other four, against the answerer's defaults.
The suites not marked `tune` (validation, fresh pages) are never read here.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evals"))

from fit_decline import group_of, sites_of  # noqa: E402
from fit_weights import holds_fact, open_suite  # noqa: E402
from folds import fold_of_sites  # noqa: E402

from coach.ask.answer import ExtractiveAnswerer  # noqa: E402
from coach.evals.dataset import Case  # noqa: E402
from coach.evals.suites import load_suites  # noqa: E402

OUT = ROOT / "coach" / "ask" / "quoting.json"
COST = 0.05  # the asked facts a quoted unit must carry on average to be worth reading
LIST_GRID = list(itertools.product((0.12, 0.16, 0.2, 0.25), (5, 6, 8)))
TEXT_GRID = list(itertools.product((0.12, 0.16, 0.2), (3, 4)))
EXTRA_GRID = list(itertools.product((0.04, 0.08, 0.12, 0.16, 0.2, 1.0), (0, 1, 2, 3, 4)))


def _one_fact(case: Case, fact: str | list[str]) -> Case:
    return Case(case.id, case.question, [fact], case.evidence, case.answerable)


def collect(names: list[str]) -> list[tuple]:
    """(answerer, turn, scored units, per fact the ids of the units holding it, group) per usable case."""
    suites = load_suites()
    out = []
    for name in names:
        coach, cases = open_suite(name)
        sites = sites_of(suites[name].corpus)
        ex = coach.extractive
        for case in cases:
            if not case.answerable or not case.expected_facts:
                continue
            turn = coach.prepare(case.question, case.history, None, "extractive")
            if turn.query.decline or coach.drafter.from_records(turn) or coach.decider.decide(turn):
                continue
            scored = ex.score(turn.text, turn.hits, turn.qvec, turn.query)
            facts = [
                {id(s) for s in scored if holds_fact(s.unit.quote, one) or holds_fact(s.unit.text, one)}
                for one in (_one_fact(case, f) for f in case.expected_facts)
            ]
            out.append((ex, turn, scored, facts, group_of(case, name, sites)))
    return out


Setting = tuple[float, int, float, int, float, int]
KEYS = ("list_margin", "list_limit", "text_margin", "text_limit", "extra_margin", "extra_limit")


class Grid:
    """Each setting's (facts held by the quoted units, facts asked, units quoted) per case, run once."""

    def __init__(self, data: list[tuple], cost: float = COST) -> None:
        self.data = data
        self.cost = cost
        self.rows: dict[Setting, list[tuple[int, int, int]]] = {}

    def __call__(self, setting: Setting) -> list[tuple[int, int, int]]:
        if setting not in self.rows:
            out = []
            for ex, turn, scored, facts, _group in self.data:
                for key, value in zip(KEYS, setting, strict=True):
                    setattr(ex, key, value)
                quoted = {id(s) for s in ex.select(turn.text, scored, turn.query)}
                out.append((sum(bool(f & quoted) for f in facts), len(facts), len(quoted)))
            self.rows[setting] = out
        return self.rows[setting]

    def fit(self, today: Setting, keep: list[int], shipped: Setting | None = None) -> Setting:
        """The list setting with today's others, then the other question's with it, then a figure answer's
        extra units with both: most facts held less `cost` per unit quoted, over the cases `keep`; among ties
        the narrowest."""

        def worth(setting: Setting, varied: tuple[float, int]) -> tuple[float, float, int]:
            rows = self(setting)
            return (
                round(sum(rows[i][0] - self.cost * rows[i][2] for i in keep), 6),
                -varied[0],
                -varied[1],
            )

        if shipped is not None:  # --only-extra: the shipped list and text settings stay
            lm, ll, tm, tl = shipped[:4]
        else:
            lm, ll = max(LIST_GRID, key=lambda s: worth((*s, *today[2:]), s))
            tm, tl = max(TEXT_GRID, key=lambda s: worth((lm, ll, *s, *today[4:]), s))
        em, el = max(EXTRA_GRID, key=lambda s: worth((lm, ll, tm, tl, *s), s))
        return (lm, ll, tm, tl, em, el)


def _share(rows: list[tuple[int, int, int]], keep: list[int]) -> tuple[float, float]:
    """(share of the asked facts held, units quoted per case) over the cases `keep`."""
    asked = sum(rows[i][1] for i in keep) or 1
    return (
        round(sum(rows[i][0] for i in keep) / asked, 4),
        round(sum(rows[i][2] for i in keep) / (len(keep) or 1), 3),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="print the fit, write nothing")
    parser.add_argument(
        "--only-extra",
        action="store_true",
        help="fit only a figure answer's extra units; keep the shipped list and text settings",
    )
    parser.add_argument(
        "--cost", type=float, default=COST, help=f"asked facts a quoted unit must carry (default {COST})"
    )
    args = parser.parse_args()
    started = time.time()
    names = [n for n, s in load_suites().items() if s.tune]
    data = collect(names)
    grid = Grid(data, args.cost)
    ex = ExtractiveAnswerer
    today = (ex.list_margin, ex.list_limit, ex.text_margin, ex.text_limit, ex.extra_margin, ex.extra_limit)
    everyone = list(range(len(data)))
    shipped = None
    if args.only_extra:  # then "before" is the shipped setting without extra units
        now = json.loads(OUT.read_text(encoding="utf-8"))
        shipped = (now["list_margin"], now["list_limit"], now["text_margin"], now["text_limit"], 1.0, 0)
        today = shipped
    best = grid.fit(today, everyone, shipped)
    fold = fold_of_sites(Counter(d[4] for d in data))
    report = []
    for k in range(5):
        test = [i for i, d in enumerate(data) if fold[d[4]] == k]
        train = [i for i, d in enumerate(data) if fold[d[4]] != k]
        picked = grid.fit(today, train, shipped)
        before, after = _share(grid(today), test), _share(grid(picked), test)
        report.append(
            {
                "fold": k,
                "cases": len(test),
                "setting": list(picked),
                "facts_held": [before[0], after[0]],
                "units_per_case": [before[1], after[1]],
            }
        )
    before, after = _share(grid(today), everyone), _share(grid(best), everyone)
    out = {
        "list_margin": best[0],
        "list_limit": best[1],
        "text_margin": best[2],
        "text_limit": best[3],
        "extra_margin": best[4],
        "extra_limit": best[5],
        "cost_per_unit": args.cost,
        "fitted_on": names,
        "cases": len(data),
        "facts_held": [before[0], after[0]],
        "units_per_case": [before[1], after[1]],
        "folds": report,
        "seconds": round(time.time() - started, 1),
        "written_by": "evals/fit_quoting.py ([before, after] pairs: the answerer's class defaults, or with "
        "--only-extra the shipped setting without extra units, then this fit)",
    }
    print(json.dumps(out, indent=1))
    if not args.dry_run:
        OUT.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
