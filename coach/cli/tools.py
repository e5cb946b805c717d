"""`coach path`, `coach compare`, `coach interview` and `coach gap`: the coaching tools (coach/tools/)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from coach.cli.common import app, load_settings, out, printable
from coach.errors import ConfigError


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
    """Career path: the guides' ladder for a role, each rung with its years, pay and duties, cited; where you stand and what comes next."""
    from coach.ask.coach import Coach
    from coach.tools.path import career_path

    result = career_path(Coach.from_settings(load_settings()), role, years, guide)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    out.print(printable(result.answer, lines=True))
    for c in result.citations:
        out.print(
            f"[dim][{c['n']}] {printable(c['guide'])} — {printable(c['section'])} ({printable(c['source'])})[/]"
        )
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
    """Compare jobs measure by measure (pay, growth, openings, jobs, education, hours, time to qualify), each value quoted from that job's own guides and cited, or "not in the guides"."""
    from rich.table import Table

    from coach.ask.coach import Coach
    from coach.tools.compare import compare as compare_roles

    result = compare_roles(Coach.from_settings(load_settings()), roles)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    if result.refused:
        out.print(printable(result.answer, lines=True))
        raise typer.Exit(1)
    table = Table("", *(printable(r) for r in result.roles), show_lines=True)
    for row in result.rows:
        cells = [printable(c.text) if c else "[dim]not in the guides[/]" for c in row.values.values()]
        table.add_row(printable(row.label), *cells)
    out.print(table)
    for c in result.citations:
        out.print(
            f"[{c['n']}] {printable(c['guide'])} — {printable(c['section'])} ({printable(c['source'])})"
        )


@app.command()
def interview(
    role: Annotated[str | None, typer.Option("--role", help="The job to practise an interview for.")] = None,
    n: Annotated[int, typer.Option("--n", help="Start at this question (0 = the first).")] = 0,
    question_id: Annotated[
        str | None, typer.Option("--id", help="With --answer: the id of the question answered.")
    ] = None,
    answer: Annotated[
        str | None, typer.Option(help="Your answer to question --id: prints its feedback.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object (the question or the feedback).")
    ] = False,
) -> None:
    """Interview practice from the guides: a question from the role's duties, cases or FAQ (or the requirements it states for applicants); your answer gets the guide's points it makes and misses, a score and a model answer, all cited. In a terminal, a round runs until you enter an empty line."""
    from coach.ask.coach import Coach
    from coach.tools.interview import interview_feedback, interview_question

    coach = Coach.from_settings(load_settings())
    if answer is not None:
        if not question_id:
            raise ConfigError("--answer needs --id: the id printed with the question")
        feedback = interview_feedback(coach, question_id, answer)
        print(json.dumps(feedback.to_dict(), ensure_ascii=False)) if as_json else out.print(
            printable(feedback.answer, lines=True)
        )
        return
    if not role:
        raise ConfigError("--role ROLE: name the job to practise an interview for")
    asked = interview_question(coach, role, n)
    if as_json or asked.refused or not sys.stdin.isatty():
        if as_json:
            print(json.dumps(asked.to_dict(), ensure_ascii=False))
        else:
            out.print(
                printable(asked.answer, lines=True) + ("" if asked.refused else f"\n[dim](id {asked.id})[/]")
            )
        if asked.refused:
            raise typer.Exit(1)
        return
    while True:
        out.print(f"\n[bold]{printable(asked.answer, lines=True)}[/]")
        reply = typer.prompt("Your answer (empty line ends)", default="", show_default=False)
        if not reply.strip():
            return
        out.print(printable(interview_feedback(coach, asked.id, reply).answer, lines=True))
        asked = interview_question(coach, role, asked.n + 1)


@app.command()
def gap(
    role: Annotated[str, typer.Option("--role", help="The job you want.")],
    resume: Annotated[
        Path, typer.Option("--resume", help="Your CV: .txt, .md, .pdf or .docx (up to 200 KB).")
    ],
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print one JSON object: have, partial, missing, readiness, citations."),
    ] = False,
) -> None:
    """Skills gap and readiness: the skills, qualifications and tools the role's guides list (or, where they list none, the requirements they state for applicants), found in your CV, in part, or missing (with what the guides say about getting them), all cited. The CV is read, not kept."""
    from coach.ask.coach import Coach
    from coach.tools.gap import skills_gap
    from coach.tools.resume import resume_text

    result = skills_gap(Coach.from_settings(load_settings()), role, resume_text(resume))
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        out.print(printable(result.answer, lines=True))
    if result.refused:
        raise typer.Exit(1)
