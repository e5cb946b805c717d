"""`coach ask` and `coach chat`: one question, or a conversation in the terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli.common import app, err, load_settings, out, printable, read_history, warn
from coach.errors import CoachError
from coach.serve.terminal import explain_result, render_answer, show_sources


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

    settings = load_settings()
    turns = read_history(history)
    coach = Coach.from_settings(settings)
    result = coach.ask(question, turns, guide=guide, llm=llm, strict=strict or None)
    if as_json:
        warn(result.warnings)
        data = result.to_dict()
        data.pop("warnings", None)
        print(json.dumps(data, ensure_ascii=False))
    else:
        render_answer(result, out)
        if explain:
            explain_result(result, out)


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

    coach = Coach.from_settings(load_settings())
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
            err.print(f"[red]{printable(str(exc))}[/]")
            continue
        out.print("[bold blue]coach ›[/]")
        render_answer(last, out)
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": last.answer}]
