"""The coaching tools as tabs of the web UI: career path (a timeline with pay bars), compare jobs (a table), skills
gap (pasted or uploaded CV, never stored) and interview practice (a question, your answer, cited feedback).

Each tab calls the tool's one entry point (coach/tools/) on the coach serving now and renders its typed result as
HTML: every point keeps its [n], and the passages it cites are listed under it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from coach.ask.coach import Coach
from coach.ask.grounding import first_number
from coach.errors import CoachError
from coach.tools.compare import Comparison, compare
from coach.tools.gap import Gap, skills_gap
from coach.tools.interview import Feedback, Question, interview_feedback, interview_question
from coach.tools.path import CareerPath, career_path
from coach.tools.resume import resume_text


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _sources(citations: list[dict[str, Any]]) -> str:
    """The passages a tool's answer cites, numbered as its [n] markers."""
    if not citations:
        return ""
    items = "".join(
        f'<li value="{c["n"]}"><b>{_e(str(c.get("guide", "")))}</b> › {_e(str(c.get("section", "")))}: '
        f"{_e(str(c.get('text', ''))[:400])}</li>"
        for c in citations
    )
    return f'<details class="tool-sources"><summary>Sources ({len(citations)})</summary><ol>{items}</ol></details>'


def render_path(path: CareerPath) -> str:
    """The ladder as a vertical timeline, each rung's pay as a bar as long as its figure (the highest full)."""
    if path.refused or not path.ladder:
        return f'<div class="tool-answer">{_e(path.answer)}</div>{_sources(path.citations)}'
    amounts = [
        [first_number(q.text) or 0.0 for q in r.pay] for r in path.ladder
    ]  # each pay's figure, read once
    top = max((a for row in amounts for a in row), default=0.0)
    rungs = []
    for rung, row in zip(path.ladder, amounts, strict=True):
        mark = " current" if rung.title == path.current else (" next" if rung.title in path.next else "")
        years = f'<div class="years">{_e(rung.years.text)} [{rung.years.n}]</div>' if rung.years else ""
        bars = ""
        for q, amount in zip(rung.pay, row, strict=True):
            width = int(100 * amount / top) if top else 0
            bars += (
                f'<div class="pay"><span class="bar" style="width:{max(width, 4)}%"></span>'
                f"<span>{_e(q.text)} [{q.n}]</span></div>"
            )
        focus = "".join(f"<li>{_e(q.text)} [{q.n}]</li>" for q in rung.focus)
        rungs.append(
            f'<li class="rung{mark}"><div class="title">{_e(rung.title)}</div>{years}{bars}'
            + (f"<ul>{focus}</ul>" if focus else "")
            + "</li>"
        )
    after = f'<p class="tool-answer">Next: {_e(" then ".join(path.next))}.</p>' if path.next else ""
    return (
        f'<ol class="ladder" aria-label="Career path for {_e(path.role)}">{"".join(rungs)}</ol>'
        f"{after}{_sources(path.citations)}"
    )


def render_comparison(result: Comparison) -> str:
    """One row per measure, one column per role: a cited value, or "not in the guides"."""
    if result.refused or not result.rows:
        return f'<div class="tool-answer">{_e(result.answer)}</div>{_sources(result.citations)}'
    head = "".join(f"<th scope='col'>{_e(r)}</th>" for r in result.roles)
    body = ""
    for row in result.rows:
        cells = ""
        for role in result.roles:
            cell = row.values.get(role)
            marks = " ".join(f"[{n}]" for n in cell.n) if cell else ""
            cells += (
                f"<td>{_e(cell.text)} {marks}</td>" if cell else '<td class="none">not in the guides</td>'
            )
        body += f"<tr><th scope='row'>{_e(row.label)}</th>{cells}</tr>"
    return (
        f'<table class="compare"><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>'
        f"{_sources(result.citations)}"
    )


def render_gap(gap: Gap) -> str:
    """Readiness, then what the CV shows, shows in part and lacks, each with the guide's words cited."""
    if gap.refused:
        return f'<div class="tool-answer">{_e(gap.answer)}</div>{_sources(gap.citations)}'

    def group(title: str, skills: list[Any], cls: str) -> str:
        if not skills:
            return ""
        items = ""
        for s in skills:
            extra = f" — “{_e(s.evidence)}”" if s.evidence else ""
            if s.suggestion:
                n = f" [{s.suggestion_n}]" if s.suggestion_n else ""
                extra += f"<div class='how'>To get it: {_e(s.suggestion)}{n}</div>"
            std = f" <span class='std'>(standard skill: {_e(s.standard)})</span>" if s.standard else ""
            items += f"<li>{_e(s.skill)} [{s.n}]{std}{extra}</li>"
        return f'<h4 class="{cls}">{title} ({len(skills)})</h4><ul class="{cls}">{items}</ul>'

    notes = "".join(f"<p class='note'>{_e(n)}</p>" for n in gap.notes)
    return (
        f'<div class="readiness" role="meter" aria-valuenow="{gap.readiness}" aria-valuemin="0" '
        f'aria-valuemax="100"><b>Readiness {gap.readiness}/100</b> <span class="bar" '
        f'style="width:{max(gap.readiness, 2)}%"></span></div><p class="how">{_e(gap.readiness_how)}</p>{notes}'
        + group("You have", gap.have, "have")
        + group("In part", gap.partial, "partial")
        + group("Missing", gap.missing, "missing")
        + _sources(gap.citations)
    )


def render_question(q: Question) -> str:
    return f'<div class="tool-answer">{_e(q.answer or q.question)}</div>{_sources(q.citations)}'


def render_feedback(f: Feedback) -> str:
    covered = "".join(f"<li>{_e(p.point)} [{p.n}]</li>" for p in f.covered)
    missed = "".join(f"<li>{_e(p.point)} [{p.n}]</li>" for p in f.missed)
    return (
        f"<p><b>Score {f.score}/100</b></p>"
        + (f'<h4>You made these points</h4><ul class="have">{covered}</ul>' if covered else "")
        + (f'<h4>The guide also makes</h4><ul class="missing">{missed}</ul>' if missed else "")
        + f'<h4>A model answer from the guide</h4><p class="model">{_e(f.model_answer)}</p>'
        + "".join(f"<p class='note'>{_e(n)}</p>" for n in f.notes)
        + _sources(f.citations)
    )


def _error(message: str) -> str:
    return f'<div class="tool-error" role="alert">{_e(message)}</div>'


def _safe(render: Callable[[], str]) -> str:
    """A tool's rendered result, or its error in one line (bad input, a role no guide covers)."""
    try:
        return render()
    except CoachError as exc:
        return _error(str(exc))


def add_tool_tabs(run: Callable[[Callable[[Coach], Any]], Any], roles: list[str]) -> None:
    """The four coaching tools as tabs, inside the Blocks being built; `run(tool)` calls a tool on the coach
    serving now, holding its generation until the tool is done (as the REST routes do)."""
    with gr.Tab("Career path", elem_id="tab-path"):
        with gr.Row():
            p_role = gr.Dropdown(roles, label="Role", allow_custom_value=True, elem_id="path-role", scale=3)
            p_years = gr.Number(label="Years in the role (optional)", minimum=0, maximum=60, scale=1)
            p_go = gr.Button("Show the path", variant="primary", elem_id="path-go", scale=1)
        p_out = gr.HTML(elem_id="path-out")
        p_go.click(
            lambda role, years: _safe(
                lambda: render_path(run(lambda c: career_path(c, role or "", years or None)))
            ),
            [p_role, p_years],
            p_out,
        )
    with gr.Tab("Compare jobs", elem_id="tab-compare"):
        with gr.Row():
            c_roles = gr.Dropdown(
                roles, multiselect=True, max_choices=4, label="Roles (2-4)", allow_custom_value=True, scale=4
            )
            c_go = gr.Button("Compare", variant="primary", elem_id="compare-go", scale=1)
        c_out = gr.HTML(elem_id="compare-out")
        c_go.click(
            lambda rs: _safe(lambda: render_comparison(run(lambda c: compare(c, list(rs or []))))),
            c_roles,
            c_out,
        )
    with gr.Tab("Skills gap", elem_id="tab-gap"):
        with gr.Row():
            g_role = gr.Dropdown(roles, label="Role you want", allow_custom_value=True, scale=2)
            g_file = gr.File(
                label="CV (.txt .md .pdf .docx)", file_types=[".txt", ".md", ".pdf", ".docx"], scale=2
            )
        g_text = gr.Textbox(label="…or paste your CV", lines=6, max_length=200_000, elem_id="gap-text")
        gr.Markdown(
            "Your CV is read for this comparison only: it is not stored, and emails and phone numbers are removed first."
        )
        g_go = gr.Button("Check my readiness", variant="primary", elem_id="gap-go")
        g_out = gr.HTML(elem_id="gap-out")

        def run_gap(role: str, upload: Any, text: str) -> str:
            def render() -> str:
                cv = resume_text(Path(upload if isinstance(upload, str) else upload.name)) if upload else text
                return render_gap(run(lambda c: skills_gap(c, role or "", cv or "")))

            return _safe(render)

        g_go.click(run_gap, [g_role, g_file, g_text], g_out)
    with gr.Tab("Interview practice", elem_id="tab-interview"):
        asked = gr.State({"id": "", "n": 0})
        with gr.Row():
            i_role = gr.Dropdown(roles, label="Role", allow_custom_value=True, scale=3)
            i_go = gr.Button("Ask me a question", variant="primary", elem_id="interview-go", scale=1)
        i_question = gr.HTML(elem_id="interview-question")
        i_answer = gr.Textbox(label="Your answer", lines=4, elem_id="interview-answer")
        i_send = gr.Button("Get feedback", elem_id="interview-send")
        i_out = gr.HTML(elem_id="interview-feedback")

        def next_question(role: str, state: dict[str, Any]) -> tuple[str, dict[str, Any], str]:
            try:
                q = run(lambda c: interview_question(c, role or "", int(state.get("n", 0))))
            except CoachError as exc:
                return _error(str(exc)), state, ""
            return render_question(q), {"id": q.id, "n": q.n + 1}, ""

        def give_feedback(state: dict[str, Any], answer: str) -> str:
            if not state.get("id"):
                return _error("Ask for a question first.")
            return _safe(
                lambda: render_feedback(run(lambda c: interview_feedback(c, state["id"], answer or "")))
            )

        i_go.click(next_question, [i_role, asked], [i_question, asked, i_out])
        i_send.click(give_feedback, [asked, i_answer], i_out)
