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

from coach.errors import CoachError, ConfigError, CorpusError
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
        list[str] | None,
        typer.Argument(
            help="Guide files (.txt .md .html .pdf), folders, http(s) URLs or sitemap URLs (default: the corpus folder)."
        ),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Re-embed everything instead of reusing stored vectors.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")] = False,
) -> None:
    """Clean, chunk, embed and index guides ([bold].txt .md .html .pdf[/] files, folders, URLs). Incremental: only changed passages are embedded.

    A folder may hold a [bold]guides.toml[/] that sets titles, roles and sites per guide and the site's own furniture phrases.
    Sources that cannot be read are skipped with one line each; the rest are indexed.

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
            [p if p.startswith(("http://", "https://")) else Path(p) for p in paths] if paths else None,
            settings,
            rebuild=rebuild,
            on_start=lambda n: progress.update(task, total=n),
            on_progress=lambda n: progress.advance(task, n),
        )
    _warn(result.warnings + [str(s) for s in result.skipped])
    summary: dict[str, Any] = dict(result.summary.to_dict())
    summary["skipped"] = [{"source": s.source, "reason": s.reason} for s in result.skipped]
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
    guide: Annotated[Path, typer.Argument(help="A guide file, or its name in the corpus folder.")],
    text: Annotated[bool, typer.Option("--text", help="Also print the cleaned text.")] = False,
    dropped: Annotated[
        bool,
        typer.Option("--dropped", help="Also list the lines cleaning dropped as site furniture, and why."),
    ] = False,
) -> None:
    """Print a guide's title, role, source and section tree as parsed, so an operator can check the parse.

    The guide is read with the other guides of its folder, so furniture repeated across a site's pages is found.
    """
    from rich.tree import Tree

    from coach.ingest.chunk import chunk
    from coach.ingest.load import load_guides

    settings = _settings()
    if not guide.exists() and (settings.corpus_dir / guide).exists():
        guide = settings.corpus_dir / guide
    if not guide.exists():
        raise CorpusError(f"{guide} does not exist: pass a guide file (see `coach corpus list`)")
    loaded = load_guides([guide.parent] if guide.is_file() else [guide], settings)
    _warn(loaded.warnings + [str(s) for s in loaded.skipped if Path(s.source).name == guide.name])
    for g in loaded.guides:
        if guide.is_file() and g.source != guide.name:
            continue
        pieces = chunk(g, settings.chunk_min_words, settings.chunk_max_words)
        tree = Tree(
            f"[bold]{escape(g.title)}[/]  role: {escape(g.role)} · {len(g.sections)} sections · {len(pieces)} chunks"
            + (f"\n[dim]site: {escape(g.site or '?')} · url: {escape(g.url or '?')} · format: {g.format}[/]")
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
        if dropped:
            out.print(f"[bold]dropped[/] ({len(g.dropped)} lines):")
            for d in g.dropped:
                out.print(f"  [red]-[/] [dim]{escape(d.reason)}:[/] {escape(d.text[:160])}")
        if text:
            out.print(escape(g.clean_text))


@corpus_app.command("profile")
def corpus_profile(
    as_json: Annotated[bool, typer.Option("--json", help="Print the profile as one JSON object.")] = False,
) -> None:
    """Print the corpus profile mined at ingest: guides and their measures, jobs, variants, domain words, starters."""
    from coach.index.generation import open_index
    from coach.ingest.profile import Profile

    index = open_index(_settings())
    if as_json:
        print(json.dumps(index.profile, ensure_ascii=False))
        return
    profile = Profile.from_dict(index.profile)
    out.print(f"[bold]{len(profile.guides)} guides[/] (generation {index.generation})")
    for g in profile.guides:
        measures = ", ".join(f"{k} {v}" for k, v in sorted(g.measures.items())) or "none"
        out.print(
            f"  {escape(g.source)}: [bold]{escape(g.role)}[/] · {escape(g.site or '?')} · measures: {measures}"
        )
    out.print(f"[bold]{len(profile.occupations)} jobs[/]")
    for o in profile.occupations:
        variants = f" (also {', '.join(o.variants)})" if o.variants else ""
        out.print(
            f"  {escape(o.title)}{escape(variants)} [dim]{o.kind}, head '{o.head}', {len(o.guides)} guides[/]"
        )
    out.print(f"[bold]domain words:[/] {', '.join(profile.domain_words) or 'none'}")
    out.print(f"[bold]synonyms:[/] {', '.join(f'{k} = {v}' for k, v in profile.synonyms.items()) or 'none'}")
    out.print("[bold]starter questions:[/]")
    for q in profile.starters:
        out.print(f"  {escape(q)}")


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
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Also show how the question was read and each quoted unit's features and score."
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
        if explain:
            _explain(result)


def _explain(result: Any) -> None:
    """The question as understood, and each quoted unit's score with its features' contributions."""
    from rich.table import Table

    u = result.understood
    out.print(
        f"[bold]understood:[/] intents {', '.join(u.get('intents', [])) or '-'} · measures "
        f"{', '.join(u.get('measures', [])) or '-'} · jobs {', '.join(u.get('occupations', [])) or '-'}"
        + (f" · declined: {u['decline']}" if u.get("decline") else "")
    )
    table = Table("score", "unit", "features (weight x value)", show_lines=True)
    for row in result.explain:
        parts = ", ".join(
            f"{k} {v:+.3f}" for k, v in sorted(row["features"].items(), key=lambda kv: -abs(kv[1]))
        )
        table.add_row(f"{row['score']:.3f}", escape(row["text"][:160]), escape(parts))
    out.print(table)


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
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from coach.backends import get_embedder
    from coach.evals import evaluate as ev
    from coach.evals import suites as su
    from coach.evals.report import side_by_side, write_report

    settings = _settings()
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
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )

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
            _warn(report["config"].get("ingest", {}).get("warnings", []))
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
