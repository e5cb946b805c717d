"""The `coach` command line. Commands stay thin: they parse options and call the pipeline stages."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from coach.errors import CoachError, ConfigError
from coach.settings import Settings, get_settings

app = typer.Typer(
    name="coach",
    help="careercoach: a grounded career coach. Answers questions from career guides and cites the passages it used.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
corpus_app = typer.Typer(
    help="Inspect how guides are parsed (titles, section trees, chunks).", no_args_is_help=True
)
app.add_typer(corpus_app, name="corpus")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _settings() -> Settings:
    from pydantic import ValidationError

    try:
        return get_settings()
    except ValidationError as exc:  # a bad COACH_* value or config-file entry
        problems = "; ".join(
            f"COACH_{'_'.join(str(x) for x in e['loc']).upper()}={e.get('input')!r}: {e['msg']}"
            for e in exc.errors()
        )
        raise ConfigError(
            f"invalid settings: {problems} (fix the environment variable or coach.toml)"
        ) from exc
    except Exception as exc:  # pydantic-settings could not parse a value at all
        raise ConfigError(f"invalid settings: {exc} (fix the environment variable or coach.toml)") from exc


def _warn(messages: list[str]) -> None:
    for message in messages:
        err.print(f"[yellow]warning:[/] {escape(message)}")


# --- ingest ---------------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Guide files or folders (default: the corpus folder).")
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Re-embed everything instead of reusing stored vectors.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")] = False,
) -> None:
    """Clean, chunk, embed and index guides ([bold].txt[/], [bold].md[/]). Incremental: only changed passages are embedded.

    The index mirrors the guides given (default: the corpus folder): guides no longer there are removed from it.

    The new index becomes visible only when complete; an interrupted run leaves the old one serving.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from coach.ingest.pipeline import ingest as run_ingest

    settings = _settings()
    progress = Progress(
        TextColumn("embedding"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=as_json or not err.is_terminal,
    )
    task = progress.add_task("embed", total=0)
    with progress:
        result = run_ingest(
            paths or None,
            settings,
            rebuild=rebuild,
            on_start=lambda n: progress.update(task, total=n),
            on_progress=lambda n: progress.advance(task, n),
        )
    _warn(result.warnings)
    summary = result.summary.to_dict()
    if as_json:
        print(json.dumps(summary))
        return
    out.print(
        f"[green]indexed[/] {summary['guides']} guides, {summary['chunks']} chunks: "
        f"{summary['added']} embedded, {summary['unchanged']} unchanged, {summary['removed']} removed "
        f"in {summary['seconds']:.2f} s → {settings.home}"
    )


@app.command()
def chunks(
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="One JSON object per line (id, guide, role, section, source, start, end, text)."
        ),
    ] = False,
    guide: Annotated[
        str | None, typer.Option(help="Only chunks of this guide (file name, title or role).")
    ] = None,
) -> None:
    """List every indexed chunk."""
    from coach.index.generation import open_index

    index = open_index(_settings())
    for c in index.chunks:
        if guide and guide not in (c.source, c.guide, c.role):
            continue
        if as_json:
            print(json.dumps(c.to_dict(), ensure_ascii=False))
        else:
            out.print(
                f"[bold]{c.id}[/] {escape(c.source)} › {escape(c.section)} ({len(c.text.split())} words)"
            )


@corpus_app.command("show")
def corpus_show(
    guide: Annotated[Path, typer.Argument(help="A guide file (e.g. corpus/customer-support.txt).")],
    text: Annotated[bool, typer.Option("--text", help="Also print the cleaned text.")] = False,
) -> None:
    """Print a guide's title, role and section tree as parsed, so an operator can check the parse."""
    from rich.tree import Tree

    from coach.ingest.chunk import chunk
    from coach.ingest.load import load_guides

    settings = _settings()
    if not guide.exists() and (settings.corpus_dir / guide).exists():
        guide = settings.corpus_dir / guide
    loaded = load_guides([guide])
    _warn(loaded.warnings)
    for g in loaded.guides:
        pieces = chunk(g, settings.chunk_min_words, settings.chunk_max_words)
        tree = Tree(
            f"[bold]{escape(g.title)}[/]  role: {escape(g.role)} · {len(g.sections)} sections · {len(pieces)} chunks"
        )
        stack: list[Any] = [tree]
        for section in g.sections:
            depth = len(section.path)
            while len(stack) > depth:
                stack.pop()
            while len(stack) < depth:
                stack.append(stack[-1])
            words = sum(b.words for b in section.blocks)
            kinds = ", ".join(sorted({b.kind for b in section.blocks}))
            stack.append(
                stack[-1].add(
                    f"{escape(section.path[-1])} [dim]({words} words{'; ' + kinds if kinds else ''})[/]"
                )
            )
        out.print(tree)
        if text:
            out.print(escape(g.clean_text))


@corpus_app.command("list")
def corpus_list() -> None:
    """List the guides in the active index."""
    from coach.index.generation import open_index

    index = open_index(_settings())
    seen: dict[str, int] = {}
    for c in index.chunks:
        seen[c.source] = seen.get(c.source, 0) + 1
    titles = {c.source: (c.guide, c.role) for c in index.chunks}
    for source, n in seen.items():
        out.print(
            f"{escape(source)}: {escape(titles[source][0])} (role: {escape(titles[source][1])}, {n} chunks)"
        )


# --- asking ---------------------------------------------------------------------------------


def _history(path: Path | None) -> list[dict[str, str]]:
    if path is None:
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"history file {path} does not exist") from None
    except ValueError as exc:
        raise ConfigError(f"history file {path} is not valid JSON ({exc})") from None
    if not isinstance(data, list) or not all(
        isinstance(m, dict) and m.get("role") in ("user", "assistant") and isinstance(m.get("content"), str)
        for m in data
    ):
        raise ConfigError(
            f'history file {path} must be a JSON list of {{"role": "user"|"assistant", "content": "..."}}'
        )
    return data


def render_answer(result: Any, console: Console) -> None:
    """Print an answer and its numbered sources readably."""
    if result.grounding_fallback or result.warnings:
        _warn(result.warnings)
    console.print(escape(result.answer))
    if result.citations:
        console.print()
        console.print("[bold]Sources[/]")
        for c in result.citations:
            snippet = " ".join(c["text"].split())
            snippet = snippet if len(snippet) <= 220 else snippet[:217] + "…"
            console.print(f"  [cyan][{c['n']}][/] [bold]{escape(c['guide'])}[/] › {escape(c['section'])}")
            console.print(f"      [dim]{escape(snippet)}[/]")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in plain language.")],
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print exactly one JSON object (answer, citations, retrieved, timings)."),
    ] = False,
    guide: Annotated[str | None, typer.Option(help="Only use this guide (file name, title or role).")] = None,
    llm: Annotated[
        str | None, typer.Option(help="Answerer: extractive (default), openai, llamacpp or fake.")
    ] = None,
    history: Annotated[
        Path | None, typer.Option(help='JSON file: a list of {"role": "user"|"assistant", "content": "..."}.')
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Fail instead of falling back to extractive when the LLM is unreachable."
        ),
    ] = False,
) -> None:
    """Ask one question; the answer cites the guide passages it is built from, or says the guides don't cover it."""
    from coach.ask.coach import Coach

    settings = _settings()
    turns = _history(history)
    coach = Coach.from_settings(settings)
    result = coach.ask(question, turns, guide=guide, llm=llm, strict=strict or None)
    if as_json:
        _warn(result.warnings)
        data = result.to_dict()
        data.pop("warnings", None)
        print(json.dumps(data, ensure_ascii=False))
    else:
        render_answer(result, out)


@app.command()
def chat(
    guide: Annotated[str | None, typer.Option(help="Only use this guide (file name, title or role).")] = None,
    llm: Annotated[
        str | None, typer.Option(help="Answerer: extractive (default), openai, llamacpp or fake.")
    ] = None,
) -> None:
    """A conversation in the terminal. Commands: [bold]/new[/] starts over, [bold]/sources[/] shows the last passages in full, [bold]/quit[/] leaves."""
    from rich.panel import Panel

    from coach.ask.coach import Coach

    coach = Coach.from_settings(_settings())
    history: list[dict[str, str]] = []
    last: Any = None
    out.print(
        Panel.fit(
            "Ask about: "
            + ", ".join(coach.roles)
            + "\n/new to start over · /sources for the last passages · /quit to leave",
            title="careercoach",
        )
    )
    while True:
        try:
            question = out.input("[bold green]you ›[/] ")
        except (EOFError, KeyboardInterrupt):
            out.print()
            return
        command = question.strip().lower()
        if command in ("/quit", "/exit", "/q"):
            return
        if command == "/new":
            history, last = [], None
            out.print("[dim]new conversation[/]")
            continue
        if command == "/sources":
            if last is None or not last.citations:
                out.print("[dim]no sources yet[/]")
            for c in last.citations if last else []:
                out.print(
                    Panel(
                        escape(c["text"]), title=f"[{c['n']}] {escape(c['guide'])} › {escape(c['section'])}"
                    )
                )
            continue
        if not command:
            continue
        try:
            last = coach.ask(question, history, guide=guide, llm=llm)
        except CoachError as exc:
            err.print(f"[red]{escape(str(exc))}[/]")
            continue
        out.print("[bold blue]coach ›[/]")
        render_answer(last, out)
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": last.answer}]


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 7860).")] = None,
) -> None:
    """Serve the chat UI at /, the REST API at /api (docs at /docs) and the careers-page widget at /widget.js."""
    from coach.serve.web import serve as run_server

    settings = _settings()
    run_server(settings, host or settings.host, port or settings.port)


@app.command("eval")
def eval_(
    dataset: Annotated[
        Path,
        typer.Option(
            help="JSON Lines dataset (id, question, history?, expected_facts, evidence, answerable)."
        ),
    ] = Path("evals/datasets/dev.jsonl"),
    llm: Annotated[
        str | None, typer.Option(help="Answerer to evaluate: extractive (default), openai, llamacpp or fake.")
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for report.json and report.html.")] = Path(
        "reports/eval"
    ),
    compare: Annotated[
        Path | None, typer.Option(help="An earlier report.json: print and chart the deltas.")
    ] = None,
    fail_under: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-under",
            help="METRIC=VALUE; exit 1 if a score is below it (or a count, rate of failure or latency is above it).",
        ),
    ] = None,
    baseline: Annotated[
        str | None,
        typer.Option(help="Also run a baseline on the same dataset: 'naive' (plain LangChain RAG)."),
    ] = None,
    judge: Annotated[
        bool,
        typer.Option(
            "--judge", help="Add ragas LLM-judged faithfulness (needs an LLM backend; report-only)."
        ),
    ] = False,
) -> None:
    """Measure answer quality on a dataset with the same Coach users get; writes report.json and report.html."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from coach.evals import evaluate as ev
    from coach.ask.coach import Coach
    from coach.evals.report import write_report

    settings = _settings()
    bars = ev.parse_bars(fail_under or [])
    if baseline not in (None, "naive"):
        raise ConfigError(f"unknown baseline {baseline!r}: the only baseline is 'naive'")
    cases = ev.load_dataset(dataset)
    old = None
    if compare is not None:
        try:
            old = json.loads(compare.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read the report to compare, {compare}: {exc}") from exc
    coach = Coach.from_settings(settings)
    name = llm or settings.llm

    def progress_run(label: str, ask: ev.AskFn) -> dict[str, Any]:
        with Progress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task(label, total=len(cases))
            return ev.run_cases(cases, ask, lambda: bar.advance(task))

    report = progress_run(f"eval {name}", ev.coach_asker(coach, llm))
    report["config"] = {
        "dataset": str(dataset),
        "llm": name,
        "top_k": settings.top_k,
        "refusal_threshold": settings.refusal_threshold,
        "generation": coach.index.generation,
    }
    if baseline == "naive":
        report["baseline"] = progress_run("eval naive", ev.naive_asker(settings, coach.retriever.embedder))[
            "summary"
        ]
    if judge:
        report["llm_judged"] = ev.llm_judged(report, settings)
    json_path, html_path = write_report(report, out_dir, old)

    table = Table(title=f"eval: {len(cases)} cases, backend {name}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    if old:
        table.add_column("Δ", justify="right")
    if baseline:
        table.add_column("naive", justify="right")
    delta = ev.deltas(report["summary"], old["summary"]) if old else {}
    for metric in ev.METRICS:
        row = [metric, str(report["summary"][metric])]
        if old:
            row.append(f"{delta.get(metric, 0):+.4f}")
        if baseline:
            row.append(str(report["baseline"].get(metric, "")))
        table.add_row(*row)
    out.print(table)
    out.print(f"wrote {json_path} and {html_path}")
    missed = ev.failures(report["summary"], bars)
    if missed:
        for line in missed:
            err.print(f"[red]fail:[/] {escape(line)}")
        raise typer.Exit(1)


def main() -> None:
    """Entry point: CoachErrors become one red line and exit code 1 (COACH_DEBUG=1 shows tracebacks)."""
    try:
        app()
    except CoachError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/]")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("COACH_DEBUG"):
            raise
        err.print(
            f"[red]unexpected error:[/] {escape(type(exc).__name__)}: {escape(str(exc))} (set COACH_DEBUG=1 for the traceback)"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
