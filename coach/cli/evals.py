"""`coach eval`: score datasets against their corpora and write report.json / report.html."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli.common import app, err, load_settings, out, printable, progress_bar, warn
from coach.errors import ConfigError


def _compared(path: Path | None, name: str | None) -> dict[str, Any] | None:
    """The earlier report to compare with: a report.json, or for suite `name` the folder of an earlier run."""
    if path is None:
        return None
    if name is not None:
        if not path.is_dir():
            raise ConfigError(
                f"--compare {path}: with --suite, pass the --out folder of an earlier suite run"
            )
        path = path / name / "report.json"
        if not path.exists():
            return None
    elif path.is_dir():
        path = path / "report.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read the report to compare, {path}: {exc}") from exc


@app.command("eval")
def eval_(
    dataset: Annotated[
        Path | None,
        typer.Option(
            help="JSON Lines dataset (id, question, history?, expected_facts, evidence, answerable) "
            "[default: evals/datasets/dev.jsonl]."
        ),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option(
            help="Score against this folder of guides, indexed in its own home under COACH_HOME/eval/ "
            "(the live index is never touched) [default: the live index]."
        ),
    ] = None,
    suite: Annotated[
        list[str] | None,
        typer.Option(
            help="Run a named suite (corpus + dataset) from the suites file into --out/NAME/; "
            "repeat it, or 'all' for every suite."
        ),
    ] = None,
    suites_file: Annotated[Path, typer.Option("--suites-file", help="The suites file (TOML).")] = Path(
        "evals/suites.toml"
    ),
    llm: Annotated[
        str | None, typer.Option(help="Answerer to evaluate: extractive (default), openai, llamacpp or fake.")
    ] = None,
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for report.json and report.html (per suite: --out/NAME/).")
    ] = Path("reports/eval"),
    compare: Annotated[
        Path | None,
        typer.Option(
            help="An earlier report.json (with --suite: an earlier --out folder): print and chart the deltas."
        ),
    ] = None,
    fail_under: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-under",
            help="METRIC=VALUE; exit 1 if a score is below it (or a count, rate of failure or latency is above it).",
        ),
    ] = None,
    gate: Annotated[
        bool, typer.Option("--gate", help="Exit 1 if a suite misses a bar of its [suites.NAME.gate] table.")
    ] = False,
    baseline: Annotated[
        str | None,
        typer.Option(
            help="Also run a baseline on the same dataset and guides: 'naive' (plain LangChain RAG)."
        ),
    ] = None,
    judge: Annotated[
        bool,
        typer.Option(
            "--judge", help="Add ragas LLM-judged faithfulness (needs an LLM backend; report-only)."
        ),
    ] = False,
) -> None:
    """Measure answer quality on a dataset with the same Coach users get; writes report.json and report.html.

    [bold]coach eval --suite all --baseline naive[/] scores every suite of evals/suites.toml against its own corpus.
    """
    from rich.table import Table

    from coach.backends import get_embedder
    from coach.evals import evaluate as ev
    from coach.evals import suites as su
    from coach.evals.report import side_by_side, write_report

    settings = load_settings()
    bars = ev.parse_bars(fail_under or [])
    if suite and (dataset or corpus):
        raise ConfigError(
            "--suite takes its corpus and dataset from the suites file: drop --dataset/--corpus"
        )
    if gate and not suite:
        raise ConfigError("--gate checks the bars of the suites file: name the suites with --suite")
    if baseline not in (None, *su.BASELINES):
        raise ConfigError(f"unknown baseline {baseline!r}: choose one of {', '.join(su.BASELINES)}")
    chosen = su.select_suites(su.load_suites(suites_file), suite) if suite else []
    dataset = dataset or Path("evals/datasets/dev.jsonl")
    cases = [] if suite else ev.load_dataset(dataset)
    olds = {s.name: _compared(compare, s.name) for s in chosen} if suite else {"": _compared(compare, None)}
    progress = progress_bar()

    def track(label: str, total: int) -> Any:
        task = progress.add_task(label, total=total)
        return lambda: progress.advance(task)

    reports: dict[str, dict[str, Any]] = {}
    written: list[Path] = []
    with progress:
        embedder = get_embedder(settings)
        runs: list[su.Suite | None] = [*chosen] if suite else [None]
        for s in runs:
            if s is None:
                report = su.evaluate_corpus(cases, settings, corpus, llm, baseline, embedder, track)
                report["config"] = {"dataset": str(dataset), **report["config"]}
            else:
                report = su.run_suite(s, settings, llm, baseline, embedder, track)
            warn(report["config"].get("ingest", {}).get("warnings", []))
            if judge:
                report["llm_judged"] = ev.llm_judged(report, settings)
            name = s.name if s else ""
            written.extend(write_report(report, out_dir / name, olds.get(name)))
            reports[name] = report

    headers, rows = side_by_side(reports, olds)
    backend = llm or settings.llm
    title = f"eval: {', '.join(reports)}" if suite else f"eval: {len(cases)} cases"
    table = Table(title=f"{title}, backend {backend}")
    for n, header in enumerate(headers):
        table.add_column(header, justify="left" if n == 0 else "right")
    for row in rows:
        table.add_row(*row)
    out.print(table)
    out.print("wrote " + ", ".join(str(p) for p in written))
    gates = {s.name: s.gate for s in chosen} if gate else {}
    missed = [
        f"{name + ': ' if name else ''}{line}"
        for name, report in reports.items()
        for line in ev.failures(report["summary"], {**gates.get(name, {}), **bars})
    ]
    if missed:
        for line in missed:
            err.print(f"[red]fail:[/] {printable(line)}")
        raise typer.Exit(1)
