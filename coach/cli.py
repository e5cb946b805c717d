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
from coach.serve.terminal import explain_result, render_answer, show_sources
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
    allow_shrink: Annotated[
        bool,
        typer.Option(
            "--allow-shrink",
            "--prune",
            help="Go ahead even if sources failed or live guides would be removed (by default the live index is kept).",
        ),
    ] = False,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="The files or URLs given are the whole corpus: live guides not among them are removed.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")] = False,
) -> None:
    """Clean, chunk, embed and index guides ([bold].txt .md .html .pdf[/] files, folders, URLs). Incremental: only changed passages are embedded.

    [bold]Files and URLs[/] are added to the live index (or update the guides of the same name); the other guides stay. [bold]A folder[/] (default: the corpus folder) is the whole corpus: guides no longer in it are removed, but only with [bold]--allow-shrink[/]. A run where any source failed keeps the live index and exits 1 with a summary, unless [bold]--allow-shrink[/] is given.

    A folder may hold a [bold]guides.toml[/] that sets titles, roles and sites per guide and the site's own furniture phrases. Hidden files, symlinks leading out of the folder and special files are skipped. Guide text is data: markup is stripped, and lines that give orders or ask for passwords, personal data or payment are left out (see [bold]coach corpus show --flags[/]).

    The new index becomes visible only when complete; an interrupted run leaves the old one serving.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from coach.ingest.pipeline import IngestRefused
    from coach.ingest.pipeline import ingest as run_ingest

    settings = _settings()
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=as_json or not err.is_terminal,
    )
    files = progress.add_task("reading guides", total=None)
    embed = progress.add_task("embedding chunks", total=None, visible=False)

    def started(n: int) -> None:
        progress.update(embed, total=n, visible=True)

    try:
        with progress:
            result = run_ingest(
                [p if p.startswith(("http://", "https://")) else Path(p) for p in paths] if paths else None,
                settings,
                rebuild=rebuild,
                on_start=started,
                on_progress=lambda n: progress.advance(embed, n),
                allow_shrink=allow_shrink,
                replace=replace,
                on_source=lambda done, total: progress.update(files, completed=done, total=total),
            )
    except IngestRefused as exc:
        _warn(exc.result.warnings + [str(s) for s in exc.result.skipped] + _flag_lines(exc.result))
        for name in exc.result.would_remove:
            err.print(f"[yellow]would remove:[/] {escape(name)}")
        if as_json:
            print(json.dumps(exc.result.to_dict(), ensure_ascii=False))
        raise
    _warn(result.warnings + [str(s) for s in result.skipped] + _flag_lines(result))
    summary: dict[str, Any] = result.to_dict()
    if as_json:
        print(json.dumps(summary, ensure_ascii=False))
        return
    kept = f", {len(result.kept)} kept as they were" if result.kept else ""
    out.print(
        f"[green]indexed[/] {summary['guides']} guides, {summary['chunks']} chunks: "
        f"{summary['added']} embedded, {summary['unchanged']} unchanged, {summary['removed']} removed{kept} "
        f"in {summary['seconds']:.2f} s → {escape(str(settings.home))}"
    )
    if result.removed_guides:
        out.print(f"removed guides: {escape(', '.join(result.removed_guides))}")


def _flag_lines(result: Any) -> list[str]:
    """One warning per guide line left out of the index as an instruction or a request."""
    return [
        f"{g.source}:{f.line}: left out ({f.reason}): {f.text[:120]}" for g in result.guides for f in g.flags
    ]


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
    guide: Annotated[
        Path | None,
        typer.Argument(help="A guide file, or its name in the corpus folder (optional with --flags)."),
    ] = None,
    text: Annotated[bool, typer.Option("--text", help="Also print the cleaned text.")] = False,
    dropped: Annotated[
        bool,
        typer.Option("--dropped", help="Also list the lines cleaning dropped as site furniture, and why."),
    ] = False,
    flags: Annotated[
        bool,
        typer.Option(
            "--flags",
            help="List the lines left out as instructions or requests for secrets (of the live index, or of GUIDE).",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="With --flags: one JSON list of {guide, line, reason, text}.")
    ] = False,
) -> None:
    """Print a guide's title, role, source and section tree as parsed, so an operator can check the parse.

    The guide is read with the other guides of its folder, so furniture repeated across a site's pages is found.
    With [bold]--flags[/] and no guide, list every line the live index left out as untrusted, and why.
    """
    from rich.tree import Tree

    from coach.ingest.chunk import chunk
    from coach.ingest.load import load_guides
    from coach.ingest.profile import build_profile

    settings = _settings()
    if guide is None:
        if not flags:
            raise CorpusError("pass a guide file (see `coach corpus list`), or --flags to list flagged lines")
        _print_flags(_live_flags(settings), as_json)
        return
    if not guide.exists() and (settings.corpus_dir / guide).exists():
        guide = settings.corpus_dir / guide
    if not guide.exists():
        raise CorpusError(f"{guide} does not exist: pass a guide file (see `coach corpus list`)")
    loaded = load_guides([guide.parent] if guide.is_file() else [guide], settings)
    _warn(loaded.warnings + [str(s) for s in loaded.skipped if Path(s.source).name == guide.name])
    shown = [g for g in loaded.guides if not guide.is_file() or g.source == guide.name]
    if flags and as_json:
        _print_flags([{"guide": g.source, **f.to_dict()} for g in shown for f in g.flags], True)
        return
    every = {g.source: chunk(g, settings.chunk_min_words, settings.chunk_max_words) for g in loaded.guides}
    profile = build_profile(loaded.guides, [c for cs in every.values() for c in cs])
    notes = {info.source: info.notes for info in profile.guides}
    for g in shown:
        pieces = every[g.source]
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
        for note in notes.get(g.source, []):  # what ingest could not settle: no job, unlabelled figures, ...
            out.print(f"[yellow]marked:[/] {escape(note)}")
        if dropped:
            out.print(f"[bold]dropped[/] ({len(g.dropped)} lines):")
            for d in g.dropped:
                out.print(f"  [red]-[/] [dim]{escape(d.reason)}:[/] {escape(d.text[:160])}")
        if flags:
            _print_flags([{"guide": g.source, **f.to_dict()} for f in g.flags], False)
        if text:
            out.print(escape(g.clean_text))


def _live_flags(settings: Settings) -> list[dict[str, Any]]:
    """The lines the live index left out, as recorded in its profile at ingest."""
    from coach.index.generation import open_index
    from coach.ingest.profile import Profile

    profile = Profile.from_dict(open_index(settings).profile)
    return [{"guide": g.source, **f} for g in profile.guides for f in g.flags]


def _print_flags(rows: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        print(json.dumps(rows, ensure_ascii=False))
        return
    out.print(f"[bold]flagged[/] ({len(rows)} lines left out of the index):")
    for row in rows:
        out.print(
            f"  [red]-[/] {escape(row['guide'])}:{row['line']} [dim]{escape(row['reason'])}:[/] {escape(row['text'][:160])}"
        )


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
        standard = escape(g.occupation or "no standard occupation")
        places = ", ".join(g.places) or "?"
        out.print(
            f"  {escape(g.source)}: [bold]{escape(g.role)}[/] ({standard}) · {escape(g.site or '?')} · "
            f"places: {places} · measures: {measures}"
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


@app.command()
def facts(
    guide: Annotated[
        str | None, typer.Option("--guide", "-g", help="Only this guide's records (its file name or title).")
    ] = None,
    measure: Annotated[
        str | None,
        typer.Option("--measure", "-m", help="Only this measure: pay, hourly_pay, growth, hours, ..."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the records as one JSON list.")] = False,
) -> None:
    """List the labelled figures read from the guides at ingest: job, measure, value, level, place, year, source.

    coach facts --guide bls-electricians.txt --measure pay shows one guide's pay records."""
    from coach.index.generation import open_index
    from coach.ingest.profile import Profile

    index = open_index(_settings())
    profile = Profile.from_dict(index.profile)
    titles = {c.source: c.guide for c in index.chunks}
    if guide and not any(guide in (source, title) for source, title in titles.items()):
        raise ConfigError(f"unknown guide '{guide}': choose one of {', '.join(sorted(titles))}")
    rows = [
        r
        for r in profile.records
        if (guide is None or guide in (r.source, titles.get(r.source)))
        and (measure is None or r.measure == measure)
    ]
    if as_json:
        print(json.dumps([r.to_dict() for r in rows], ensure_ascii=False))
        return
    if not profile.records:
        err.print("no records in this index: run `coach ingest` again to read the guides' figures")
        raise typer.Exit(1)
    out.print(f"[bold]{len(rows)} records[/]")
    for r in rows:  # one line each: readable at any width, and greppable
        level = f" · {', '.join(r.statistics)}" if r.statistics else ""
        where = f" · {r.place_text or ', '.join(r.places)}" if (r.place_text or r.places) else ""
        year = f" · {r.year}" if r.year else ""
        out.print(
            f"{escape(r.occupation)} · [bold]{r.measure}[/] {escape(r.value)}"
            f"{' per ' + r.period if r.period else ''}{escape(level + where + year)}"
            f" [dim]{escape(r.source)}: {escape(r.label[:70])}[/]"
        )


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
            explain_result(result, out)


@app.command()
def path(
    role: Annotated[str, typer.Argument(help="The role you have or want, in your own words.")],
    years: Annotated[float | None, typer.Option(help="Your years of experience in that role.")] = None,
    guide: Annotated[
        str | None, typer.Option(help="Only this guide's ladder (file name, title or role).")
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print one JSON object: ladder, current, next, answer, citations, refused."
        ),
    ] = False,
) -> None:
    """Career path: the guides' ladder for a role, each rung with its years, pay and duties, cited; where you
    stand and what comes next."""
    from coach.ask.coach import Coach
    from coach.tools.path import career_path

    result = career_path(Coach.from_settings(_settings()), role, years, guide)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    out.print(escape(result.answer))
    for c in result.citations:
        out.print(f"[dim][{c['n']}] {escape(c['guide'])} — {escape(c['section'])} ({escape(c['source'])})[/]")
    if result.refused:
        raise typer.Exit(1)


@app.command()
def compare(
    roles: Annotated[
        list[str], typer.Argument(help="Two or more roles the guides cover, e.g. nurse paramedic.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object: roles, rows, answer, citations, refused.")
    ] = False,
) -> None:
    """Compare jobs measure by measure (pay, growth, openings, jobs, education, hours, time to qualify), each
    value quoted from that job's own guides and cited, or "not in the guides"."""
    from rich.table import Table

    from coach.ask.coach import Coach
    from coach.tools.compare import compare as compare_roles

    result = compare_roles(Coach.from_settings(_settings()), roles)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    if result.refused:
        out.print(escape(result.answer))
        raise typer.Exit(1)
    table = Table("", *(escape(r) for r in result.roles), show_lines=True)
    for row in result.rows:
        cells = [escape(c.text) if c else "[dim]not in the guides[/]" for c in row.values.values()]
        table.add_row(escape(row.label), *cells)
    out.print(table)
    for c in result.citations:
        out.print(f"[{c['n']}] {escape(c['guide'])} — {escape(c['section'])} ({escape(c['source'])})")


@app.command()
def chat(
    guide: Annotated[str | None, typer.Option(help="Only use this guide (file name, title or role).")] = None,
    llm: Annotated[
        str | None, typer.Option(help="Answerer: extractive (default), openai, llamacpp or fake.")
    ] = None,
) -> None:
    """A conversation in the terminal. Commands: [bold]/sources n[/] shows passage n in full with the quoted part highlighted ([bold]/sources[/]: all), [bold]/new[/] starts over, [bold]/quit[/] leaves."""
    from rich.panel import Panel

    from coach.ask.coach import Coach

    coach = Coach.from_settings(_settings())
    history: list[dict[str, str]] = []
    last: Any = None
    out.print(
        Panel.fit(
            "Ask about: "
            + ", ".join(coach.roles)
            + "\n/sources n opens passage \\[n] · /new to start over · /quit to leave",
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
        if command == "/sources" or command.startswith("/sources "):
            show_sources(last, command.removeprefix("/sources").strip(), out)
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
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=64,
            help="Processes serving (default 1, or COACH_SERVE_WORKERS); more than 1 needs a `chroma run` "
            "server in COACH_CHROMA_URL.",
        ),
    ] = None,
) -> None:
    """Serve the chat UI at /, the REST API at /api (docs at /docs) and the careers-page widget at /widget.js.

    A new index from `coach ingest` is picked up without a restart."""
    from coach.serve.web import serve as run_server

    settings = _settings()
    run_server(settings, host or settings.host, port or settings.port, workers)


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
