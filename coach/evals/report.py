"""The eval report as one self-contained HTML page: summary, metric bars, latency histogram, per-case table."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

import numpy as np

from coach.evals.metrics import HIGHER_IS_BETTER, LOWER_IS_BETTER, METRICS, deltas

CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1200px;color:#1d2433;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #e3e6ec;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f7fa}.num{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#137333;font-weight:600}.fail{color:#b3261e;font-weight:600}.up{color:#137333}.down{color:#b3261e}
tr.failing{background:#fff4f3}details{margin:.2rem 0}summary{cursor:pointer;color:#35507a}
.answer{white-space:pre-wrap}.muted{color:#6b7383;font-size:.9em}code{background:#f5f7fa;padding:0 .2rem}
.filter{margin:.5rem 0}
"""


def _bar_chart(summary: dict[str, Any], old: dict[str, Any] | None) -> str:
    metrics = [m for m in HIGHER_IS_BETTER + ("false_refusal_rate",) if m in summary]
    width, row, left = 760, 26, 170
    height = row * len(metrics) + 30
    parts = [f'<svg width="{width}" height="{height}" role="img" aria-label="metrics">']
    for i, m in enumerate(metrics):
        y = 10 + i * row
        value = float(summary[m])
        parts.append(f'<text x="{left - 8}" y="{y + 14}" text-anchor="end" font-size="13">{escape(m)}</text>')
        parts.append(
            f'<rect x="{left}" y="{y + 2}" width="{value * (width - left - 80):.1f}" height="{9 if old else 16}" fill="#3b6fd8"/>'
        )
        if old and m in old:
            parts.append(
                f'<rect x="{left}" y="{y + 12}" width="{float(old[m]) * (width - left - 80):.1f}" height="8" fill="#b7c2d6"/>'
            )
        parts.append(f'<text x="{width - 72}" y="{y + 14}" font-size="13">{value:.3f}</text>')
    if old:
        parts.append(
            f'<text x="{left}" y="{height - 4}" font-size="12" fill="#6b7383">blue: this run · grey: compared report</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _histogram(latencies: list[float]) -> str:
    if not latencies:
        return "<p class=muted>no cases</p>"
    counts, edges = np.histogram(latencies, bins=min(20, max(5, len(latencies) // 3)))
    width, height, pad = 760, 180, 30
    bar_w = (width - 2 * pad) / len(counts)
    top = max(int(counts.max()), 1)
    parts = [f'<svg width="{width}" height="{height + 30}" role="img" aria-label="latency histogram">']
    for i, c in enumerate(counts):
        h = (height - 20) * c / top
        parts.append(
            f'<rect x="{pad + i * bar_w:.1f}" y="{height - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="#3b6fd8"><title>{edges[i]:.0f}–{edges[i + 1]:.0f} ms: {c}</title></rect>'
        )
    parts.append(f'<text x="{pad}" y="{height + 18}" font-size="12">{edges[0]:.0f} ms</text>')
    parts.append(
        f'<text x="{width - pad}" y="{height + 18}" font-size="12" text-anchor="end">{edges[-1]:.0f} ms</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _mark(ok: bool | None) -> str:
    if ok is None:
        return "<span class=muted>–</span>"
    return '<span class="pass">✓</span>' if ok else '<span class="fail">✗</span>'


def case_passes(case: dict[str, Any]) -> bool:
    """A case passes when it is answered (or declined) as it should be, with nothing ungrounded or mixed up."""
    m = case["metrics"]
    clean = not m.get("ungrounded_numbers") and not m.get("mixed_occupation_disagreement")
    if not case["answerable"]:
        return bool(m.get("correct_refusal")) and clean
    return (
        bool(m.get("citation_support"))
        and m.get("facts_present") == m.get("facts_total")
        and not m.get("refused")
        and clean
    )


def render_html(report: dict[str, Any], compared: dict[str, Any] | None = None) -> str:
    """The whole report page; `compared` (an earlier report) adds deltas and grey bars."""
    summary = report["summary"]
    old = compared["summary"] if compared else None
    rows = []
    for name in HIGHER_IS_BETTER + LOWER_IS_BETTER:
        if name not in summary:
            continue
        delta = ""
        if old and name in old:
            d = float(summary[name]) - float(old[name])
            good = d >= 0 if name in HIGHER_IS_BETTER else d <= 0
            delta = f'<span class="{"up" if good else "down"}">{d:+.4f}</span>' if d else "0"
        baseline = report.get("baseline", {}).get(name, "")
        rows.append(
            f"<tr><td>{escape(name)}</td><td class=num>{summary[name]}</td><td class=num>{delta}</td><td class=num>{baseline}</td></tr>"
        )
    cases_html = []
    for case in report["cases"]:
        m = case["metrics"]
        ok = case_passes(case)
        cited = "".join(
            f"<details><summary>[{c['n']}] {escape(c['guide'])} › {escape(c.get('section', ''))}</summary><div class=answer>{escape(c['text'])}</div></details>"
            for c in case["citations"]
        )
        facts = f"{m.get('facts_present', '–')}/{m.get('facts_total', '–')}" if case["answerable"] else "–"
        numbers = case.get("ungrounded_numbers") or []
        ungrounded = f"<div class=muted>{escape(', '.join(numbers))}</div>" if numbers else ""
        cases_html.append(
            f'<tr class="{"" if ok else "failing"}" data-pass="{int(ok)}"><td>{_mark(ok)} <code>{escape(case["id"])}</code></td>'
            f"<td>{escape(case['question'])}<div class=muted>{'answerable' if case['answerable'] else 'should decline'}</div></td>"
            f"<td><div class=answer>{escape(case['answer'])}</div>{cited}</td>"
            f"<td>{_mark(m.get('hit@5') if case['answerable'] else None)}</td>"
            f"<td>{_mark(m.get('citation_support') if case['answerable'] else None)}</td>"
            f"<td class=num>{facts}</td><td class=num>{m.get('ungrounded_numbers', 0)}{ungrounded}</td>"
            f"<td>{_mark(not m.get('mixed_occupation_disagreement', False))}</td>"
            f"<td>{_mark(not m['refused'] if case['answerable'] else m.get('correct_refusal'))}</td>"
            f"<td class=num>{case['latency_ms']:.0f}</td></tr>"
        )
    failing = sum(1 for c in report["cases"] if not case_passes(c))
    config = escape(json.dumps(report.get("config", {}), indent=2))
    judged = report.get("llm_judged")
    suite = report.get("config", {}).get("suite")
    return f"""<!doctype html><html lang=en><head><meta charset=utf-8><title>careercoach eval report</title>
<meta name=viewport content="width=device-width,initial-scale=1"><style>{CSS}</style></head><body>
<h1>careercoach eval report{f": suite {escape(str(suite))}" if suite else ""}</h1>
<p class=muted>{summary.get("cases", 0)} cases ({summary.get("answerable", 0)} answerable, {summary.get("unanswerable", 0)} to decline) ·
backend <code>{escape(str(report.get("config", {}).get("llm", "")))}</code> · <b>{failing}</b> failing</p>
<h2>Summary</h2><table><tr><th>metric</th><th class=num>value</th><th class=num>Δ vs compared</th><th class=num>naive baseline</th></tr>{"".join(rows)}</table>
{f"<p>LLM-judged (report only): <code>{escape(json.dumps(judged))}</code></p>" if judged else ""}
<h2>Metrics</h2>{_bar_chart(summary, old)}
<h2>Latency</h2>{_histogram([c["latency_ms"] for c in report["cases"]])}
<h2>Cases</h2>
<div class=filter><label><input type=checkbox id=only-failing> show failing cases only</label></div>
<table id=cases><tr><th>case</th><th>question</th><th>answer and cited passages</th><th>hit@5</th><th>cited support</th><th class=num>facts</th><th class=num>ungrounded</th><th>no mixed-role disagreement</th><th>refusal ok</th><th class=num>ms</th></tr>
{"".join(cases_html)}</table>
<h2>Config</h2><pre>{config}</pre>
<script>document.getElementById('only-failing').addEventListener('change',e=>{{for(const tr of document.querySelectorAll('#cases tr[data-pass]'))tr.style.display=e.target.checked&&tr.dataset.pass==='1'?'none':''}})</script>
</body></html>"""


def write_report(
    report: dict[str, Any], out: Path, compared: dict[str, Any] | None = None
) -> tuple[Path, Path]:
    """Write report.json and report.html into `out` (created if missing)."""
    out.mkdir(parents=True, exist_ok=True)
    json_path, html_path = out / "report.json", out / "report.html"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    html_path.write_text(render_html(report, compared), encoding="utf-8")
    return json_path, html_path


def side_by_side(
    reports: dict[str, dict[str, Any]], compared: dict[str, dict[str, Any] | None]
) -> tuple[list[str], list[list[str]]]:
    """One table of every run's summary: per run a value column, then Δ and naive columns when there are any.

    With one run the columns are `value`, `Δ`, `naive`; with several, `NAME`, `NAME Δ`, `NAME naive`.
    """
    single = len(reports) == 1
    headers = ["metric"]
    columns: list[dict[str, Any]] = []
    for name, report in reports.items():
        old = compared.get(name)
        headers.append("value" if single else name)
        columns.append(report["summary"])
        if old:
            headers.append("Δ" if single else f"{name} Δ")
            columns.append({k: f"{v:+.4f}" for k, v in deltas(report["summary"], old["summary"]).items()})
        if "baseline" in report:
            headers.append("naive" if single else f"{name} naive")
            columns.append(report["baseline"])
    rows = [
        [metric, *(str(column.get(metric, "")) for column in columns)]
        for metric in (*METRICS, "cases", "answerable", "unanswerable")
    ]
    return headers, rows
