"""The terminal surface: answers with styled [n] markers, their sources' quoted units, `/sources n` with the
quoted span highlighted, and `--explain` tables. `coach ask` and `coach chat` print through these."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.markup import escape


def _marked(answer: str) -> Any:
    """The answer as rich Text with each [n] marker styled."""
    from rich.text import Text

    text = Text(answer)
    for m in re.finditer(r"\[\d+\]", answer):
        text.stylize("bold cyan", m.start(), m.end())
    return text


def _passage(citation: dict[str, Any]) -> Any:
    """A cited passage, whole, with its quoted span(s) highlighted."""
    from rich.text import Text

    text = Text(citation.get("text") or "")
    for start, end in citation.get("spans") or []:
        text.stylize("bold black on yellow", max(0, int(start)), min(len(text), int(end)))
    return text


def _quoted(citation: dict[str, Any]) -> str:
    """The quoted units of a passage (its spans), whole; the whole passage when it has no spans."""
    text = citation.get("text") or ""
    spans = sorted((int(a), int(b)) for a, b in citation.get("spans") or [] if int(b) > int(a))
    parts = [" ".join(text[a:b].split()) for a, b in spans]
    return " … ".join(p for p in parts if p) or " ".join(text.split())


def render_answer(result: Any, console: Console) -> None:
    """Print an answer with styled [n] markers and its numbered sources (the quoted units, never cut)."""
    if result.grounding_fallback or result.warnings:
        for message in result.warnings:
            console.print(f"[yellow]warning:[/] {escape(message)}", highlight=False)
    if getattr(result, "low_relevance", False):
        console.print(
            "[yellow]These passages are only loosely related to your question; check them before relying on the answer.[/]"
        )
    console.print(_marked(result.answer))
    if result.citations:
        console.print()
        console.print("[bold]Sources[/]")
        for c in result.citations:
            where = f"  [cyan][{c['n']}][/] [bold]{escape(c['guide'])}[/] › {escape(c['section'])}"
            console.print(where + (f" [dim]{escape(c['url'])}[/]" if c.get("url") else ""))
            console.print(f"      [dim]{escape(_quoted(c))}[/]")
    suggestions = getattr(result, "suggestions", None) or []
    if suggestions:
        console.print()
        console.print("[bold]You could also ask[/]")
        for s in suggestions:
            console.print(f"  • {escape(s)}")


def explain_result(result: Any, out: Console) -> None:
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
        table.add_row(f"{row['score']:.3f}", escape(row["text"][:160]), escape(_features(row["features"])))
    out.print(table)


def _features(features: dict[str, Any]) -> str:
    """A unit's feature contributions, largest first; an answer from a figure's record shows the record it
    matched ("record: Welder · hourly_pay · $25.40 · median · CA") instead."""
    numbers = {k: v for k, v in features.items() if isinstance(v, int | float)}
    parts = [f"{k} {v:+.3f}" for k, v in sorted(numbers.items(), key=lambda kv: -abs(kv[1]))]
    for k, v in features.items():
        if isinstance(v, dict):
            said = [
                v.get("occupation"),
                v.get("measure"),
                v.get("value"),
                *v.get("statistics", []),
                *v.get("places", []),
            ]
            parts.append(f"{k}: " + " · ".join(str(x) for x in said if x))
    return ", ".join(parts)


def show_sources(result: Any, which: str, out: Console) -> None:
    """`/sources [n]` in chat: the last answer's passage n (or all of them), whole, quoted spans highlighted."""
    from rich.panel import Panel

    citations = result.citations if result is not None else []
    if not citations:
        out.print("[dim]no sources yet: ask a question first[/]")
        return
    chosen = [c for c in citations if not which or str(c["n"]) == which.strip("[]")]
    if not chosen:
        numbers = ", ".join(str(c["n"]) for c in citations)
        out.print(
            f"[yellow]no source {escape(which)} in the last answer: try /sources with one of {numbers}[/]"
        )
        return
    from rich.text import Text

    for c in chosen:
        body = Text.assemble((f"{c['section']}\n\n", "dim"), _passage(c))
        title = escape(f"[{c['n']}] {c['guide']}")
        out.print(Panel(body, title=title, subtitle=escape(c["url"]) if c.get("url") else None))
