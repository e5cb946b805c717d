"""Eval suites: a dataset scored against its own corpus, indexed in a home of its own beside the live index.

`evals/suites.toml` names the suites; paths in it are relative to the repo root (the file's folder's parent):
    [suites.seed]
    corpus = "corpus"
    dataset = "evals/datasets/dev.jsonl"
    [suites.seed.gate]      # CI bars: a minimum for scores, a maximum for counts, failure rates, latencies
    fact_recall = 0.91
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.backends import Embedder, get_embedder, get_store
from coach.errors import ConfigError
from coach.evals.dataset import Case, load_dataset
from coach.evals.evaluate import coach_asker, naive_asker, run_cases
from coach.evals.metrics import check_bars
from coach.settings import REPO_ROOT, Settings

SUITES_FILE = REPO_ROOT / "evals" / "suites.toml"
BASELINES = ("naive",)

# label, number of cases -> a callback called once per case answered (a progress bar's advance)
Tracker = Callable[[str, int], Callable[[], None]]


@dataclass(frozen=True)
class Suite:
    """A named dataset, the corpus it is scored against, and its CI gate bars."""

    name: str
    corpus: Path
    dataset: Path
    gate: dict[str, float] = field(default_factory=dict)
    source: Path = SUITES_FILE
    tune: bool = False  # may weights and thresholds be fitted on it (evals/fit_weights.py)?
    pool: bool = False  # part of the development pool, split into folds by site (evals/folds.py)?

    def check(self) -> None:
        """ConfigError naming the missing file when the corpus folder or the dataset is not there yet."""
        if not self.corpus.is_dir():
            raise ConfigError(
                f"suite '{self.name}': corpus folder {self.corpus} does not exist "
                f"(add the guides there or fix `corpus` in {self.source})"
            )
        if not self.dataset.is_file():
            raise ConfigError(
                f"suite '{self.name}': dataset {self.dataset} does not exist "
                f"(write it or fix `dataset` in {self.source})"
            )


def load_suites(path: Path = SUITES_FILE) -> dict[str, Suite]:
    """Parse a suites file; errors name the file and the suite. Paths need not exist yet (see `Suite.check`)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"suites file {path} does not exist") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"suites file {path} is not valid TOML ({exc})") from exc
    tables = data.get("suites")
    if not isinstance(tables, dict) or not tables:
        raise ConfigError(f"{path}: no suites; add tables like [suites.NAME] with corpus and dataset")
    root = path.resolve().parent.parent
    suites: dict[str, Suite] = {}
    for name, table in tables.items():
        where = f"{path}: [suites.{name}]"
        if name == "all":
            raise ConfigError(f"{where}: 'all' is reserved for running every suite; rename it")
        if not isinstance(table, dict):
            raise ConfigError(f"{where} must be a table with corpus and dataset")
        unknown = set(table) - {"corpus", "dataset", "gate", "tune", "pool"}
        if unknown:
            raise ConfigError(
                f"{where}: unknown keys {', '.join(sorted(unknown))}; use corpus, dataset, gate, tune, pool"
            )
        for key in ("corpus", "dataset"):
            if not isinstance(table.get(key), str) or not table[key]:
                raise ConfigError(f'{where} needs {key} = "path relative to {root}"')
        gate = table.get("gate", {})
        if not isinstance(gate, dict):
            raise ConfigError(f"{where}: gate must be a table of METRIC = number")
        suites[name] = Suite(
            name,
            root / table["corpus"],
            root / table["dataset"],
            check_bars(gate, f"{path}: [suites.{name}.gate]"),
            path,
            bool(table.get("tune", False)),
            bool(table.get("pool", False)),
        )
    return suites


def select_suites(suites: dict[str, Suite], names: list[str]) -> list[Suite]:
    """The suites named (in the order given, 'all' = every one in file order), each checked to exist."""
    wanted = list(suites) if "all" in names else list(dict.fromkeys(names))
    unknown = [n for n in wanted if n not in suites]
    if unknown:
        raise ConfigError(f"unknown suite {unknown[0]!r}: choose one of {', '.join(suites)} or 'all'")
    chosen = [suites[n] for n in wanted]
    for suite in chosen:
        suite.check()
    return chosen


def corpus_settings(settings: Settings, corpus: Path) -> Settings:
    """Settings for an index of `corpus` alone, under `<home>/eval/<dirname>-<hash>`, never the live index."""
    resolved = corpus.resolve()
    digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:8]
    return settings.model_copy(
        update={
            "home": settings.home / "eval" / f"{resolved.name}-{digest}",
            "corpus_dir": resolved,
            # its own collection names, so a shared Chroma server never mixes it up with the live index
            "collection_prefix": f"{settings.collection_prefix}_eval_{digest}",
        }
    )


def _check_live_corpus(coach: Any, settings: Settings) -> None:
    """The naive baseline reads `corpus_dir`: refuse to compare when the live index holds other guides."""
    from coach.ingest.pipeline import corpus_chunks

    chunks, _, _ = corpus_chunks([settings.corpus_dir], settings)
    if {c.id for c in chunks} != {c.id for c in coach.index.chunks}:
        raise ConfigError(
            f"the live index does not hold the guides in {settings.corpus_dir}, which the naive baseline reads: "
            "pass --corpus DIR to score both on the same guides (or run `coach ingest`)"
        )


def evaluate_corpus(
    cases: list[Case],
    settings: Settings,
    corpus: Path | None = None,
    llm: str | None = None,
    baseline: str | None = None,
    embedder: Embedder | None = None,
    track: Tracker | None = None,
) -> dict[str, Any]:
    """Score `cases` against `corpus` (ingested into its own home, incrementally) or, without one, the live index."""
    from coach.ask.coach import Coach
    from coach.index.generation import open_index
    from coach.ingest.pipeline import ingest

    if baseline not in (None, *BASELINES):
        raise ConfigError(f"unknown baseline {baseline!r}: choose one of {', '.join(BASELINES)}")
    config: dict[str, Any] = {}
    if corpus is not None:
        if not corpus.is_dir():
            raise ConfigError(f"corpus folder {corpus} does not exist: pass a folder of guides to --corpus")
        settings = corpus_settings(settings, corpus)
        embedder = embedder or get_embedder(settings)
        # a scratch index of the folder: guides deleted from it go from the index too
        result = ingest(None, settings, embedder=embedder, allow_shrink=True)
        config["corpus"] = str(settings.corpus_dir)
        skipped = [str(s) for s in result.skipped]
        config["ingest"] = {**result.summary.to_dict(), "warnings": result.warnings + skipped}
    embedder = embedder or get_embedder(settings)
    coach = Coach(settings, open_index(settings), get_store(settings), embedder)
    if corpus is None and baseline:
        _check_live_corpus(coach, settings)
    name = llm or settings.llm

    def run(label: str, ask: Any) -> dict[str, Any]:
        return run_cases(cases, ask, track(label, len(cases)) if track else None)

    report = run(f"eval {name}", coach_asker(coach, llm))
    report["config"] = {
        "llm": name,
        "top_k": settings.top_k,
        "refusal_threshold": coach.refusal_threshold,
        "generation": coach.index.generation,
        "index_home": str(settings.home),
        **config,
    }
    if baseline == "naive":
        report["baseline"] = run("eval naive", naive_asker(settings, embedder))["summary"]
    return report


def run_suite(
    suite: Suite,
    settings: Settings,
    llm: str | None = None,
    baseline: str | None = None,
    embedder: Embedder | None = None,
    track: Tracker | None = None,
) -> dict[str, Any]:
    """`coach eval --suite NAME`: the suite's dataset scored against its own corpus."""
    suite.check()
    cases = load_dataset(suite.dataset)
    labelled = (lambda label, n: track(f"{suite.name}: {label}", n)) if track else None
    report = evaluate_corpus(cases, settings, suite.corpus, llm, baseline, embedder, labelled)
    report["config"] = {"suite": suite.name, "dataset": str(suite.dataset), **report["config"]}
    return report
