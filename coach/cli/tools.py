"""`coach path` and `coach compare`: the coaching tools (coach/tools/)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape

from coach.cli.common import app, load_settings, out


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

    result = career_path(Coach.from_settings(load_settings()), role, years, guide)
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

    result = compare_roles(Coach.from_settings(load_settings()), roles)
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
