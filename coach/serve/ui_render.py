"""What the chat UI shows, as HTML: an answer with its [n] markers, the passages it cites with the quoted spans
marked, every answer's sources kept, and the page's CSS and the script that opens a cited passage. Pure
functions of an AnswerResult's data; ui.py wires them into Gradio."""

import html
import re
from typing import Any

from coach.ask.coach import AnswerResult

__all__ = [
    "CSS",
    "EMPTY_SOURCES",
    "LOW_RELEVANCE",
    "OPEN_CITATION_JS",
    "highlight",
    "merged",
    "render_answer",
    "render_sources",
]

LOW_RELEVANCE = (
    "These passages are only loosely related to your question; check them before relying on the answer."
)
CSS = """
#sources .answer-sources[hidden]{display:none}
#sources details{border:1px solid var(--border-color-primary);border-radius:8px;padding:.4rem .6rem;margin:.4rem 0}
#sources details.flash{outline:3px solid var(--color-accent);outline-offset:1px}
#sources summary{cursor:pointer;font-weight:600}
#sources .passage{white-space:pre-wrap;font-size:.92em;margin-top:.4rem}
#sources .passage mark{background:#ffe066;color:#1d2433;border-radius:2px;padding:0 1px}
#sources .where{color:#4a5161;font-size:.85em}
#ask,#path-go,#compare-go,#gap-go,#interview-go{background:#c2410c;border-color:#c2410c;color:#fff}
.ladder{list-style:none;border-left:3px solid #c2410c;margin:.6rem 0 .6rem .5rem;padding-left:1.1rem}
.ladder .rung{position:relative;margin:0 0 1rem}
.ladder .rung::before{content:"";position:absolute;left:-1.62rem;top:.25rem;width:.85rem;height:.85rem;border-radius:50%;background:#fff;border:3px solid #c2410c}
.ladder .rung.current::before{background:#c2410c}
.ladder .rung.current .title::after{content:"  you are here";font-weight:400;font-size:.85em;color:#7c2d12}
.ladder .rung.next .title::after{content:"  next";font-weight:400;font-size:.85em;color:#7c2d12}
.ladder .title{font-weight:700}
.ladder .years{color:#4a5161;font-size:.9em}
.pay{display:flex;align-items:center;gap:.5rem;margin:.15rem 0;font-size:.92em}
.pay .bar,.readiness .bar{flex:none;display:inline-block;height:.75rem;background:#c2410c;border-radius:4px}
.pay .bar{max-width:45%}
table.compare{border-collapse:collapse;width:100%}
table.compare th,table.compare td{border:1px solid var(--border-color-primary);padding:.35rem .5rem;text-align:left;vertical-align:top}
table.compare td.none{color:#4a5161;font-style:italic}
.tool-error{background:#fde8e8;color:#7f1d1d;border-radius:6px;padding:.4rem .6rem}
ul.have li::marker{content:"✓ "} ul.missing li::marker{content:"✗ "}
.readiness{display:flex;align-items:center;gap:.6rem}
.readiness .bar{max-width:60%}
#sources .asked{font-size:.85em;margin:.2rem 0 .4rem}
#sources .banner,.coach-banner{background:#fff4d6;color:#4d3800;border-radius:6px;padding:.3rem .5rem;font-size:.88em}
#chat a[href^='#cite-']{text-decoration:none;font-weight:600;background:#e3ecfa;color:#0b3d91;border-radius:4px;padding:0 3px}
.suggestion button,button.suggestion{font-size:.9em}
"""
EMPTY_SOURCES = "<p class='where'>The passages an answer cites appear here.</p>"
# Clicking a [n] marker shows that answer's sources and opens passage n; nothing here reads server data.
OPEN_CITATION_JS = """
if (!window.__coachCitations) {
  window.__coachCitations = true;
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest("a[href*='#cite-']") : null;
    if (!a) return;
    e.preventDefault();
    e.stopPropagation();
    var id = a.getAttribute('href').split('#')[1], answer = id.split('-')[1];
    var panel = document.getElementById('sources');
    if (!panel) return;
    panel.querySelectorAll('.answer-sources').forEach(function (g) { g.hidden = g.dataset.answer !== answer; });
    var d = document.getElementById(id);
    if (!d) return;
    d.open = true;
    d.classList.add('flash');
    setTimeout(function () { d.classList.remove('flash'); }, 1500);
    d.scrollIntoView({block: 'nearest'});
    var s = d.querySelector('summary');
    if (s) s.focus({preventScroll: true});
  }, true);
}
"""


def merged(spans: list[list[int]] | None, size: int) -> list[tuple[int, int]]:
    """[start, end] spans clamped to a text of `size` characters, sorted, overlaps and neighbours merged."""
    out: list[tuple[int, int]] = []
    for start, end in sorted((max(0, int(a)), min(size, int(b))) for a, b in spans or []):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def highlight(text: str, spans: list[list[int]] | None) -> str:
    """A passage as HTML: everything escaped, each quoted span wrapped in <mark>."""
    out, at = [], 0
    for start, end in merged(spans, len(text)):
        out += [html.escape(text[at:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def render_answer(result: AnswerResult, index: int | None = None) -> str:
    """Answer markdown for the chat: text escaped (HTML in a guide or a model's output is shown, never run); with
    `index` (the message's place in the chat), each [n] links to that answer's passage n."""
    text = html.escape(result.answer, quote=False)
    if index is not None:
        known = {str(c["n"]) for c in result.citations}
        text = re.sub(
            r"\[(\d+)\]",
            lambda m: f"[\\[{m[1]}\\]](#cite-{index}-{m[1]})" if m[1] in known else m[0],
            text,
        )
    if getattr(result, "low_relevance", False):
        text = f"<span class='coach-banner'>{LOW_RELEVANCE}</span>\n\n{text}"
    if result.warnings:
        text += "\n\n" + "\n".join(f"_Note: {html.escape(w, quote=False)}_" for w in result.warnings)
    return text


def _group(index: int, data: dict[str, Any], shown: bool) -> str:
    """One answer's sources as a hidden-or-shown block; `data` is AnswerResult.to_dict()."""
    citations = data.get("citations") or []
    head = f"<p class='asked'>Sources for: <em>{html.escape(data.get('question', ''))}</em></p>"
    if data.get("low_relevance"):
        head += f"<p class='banner' role='note'>{LOW_RELEVANCE}</p>"
    if not citations:
        head += "<p class='where'>No passages cited: the guides don't cover this.</p>"
    parts = []
    for k, c in enumerate(citations):
        url = c.get("url") or ""
        link = (
            f" · <a href='{html.escape(url)}' target='_blank' rel='noopener noreferrer'>open the guide</a>"
            if url.startswith(("http://", "https://"))
            else ""
        )
        parts.append(
            f"<details class='source' id='cite-{index}-{c['n']}' data-n='{c['n']}'{' open' if k == 0 else ''}>"
            f"<summary>[{c['n']}] {html.escape(c['guide'])}</summary>"
            f"<div class='where'>{html.escape(c['section'])}{link}</div>"
            f"<div class='passage'>{highlight(c['text'], c.get('spans'))}</div></details>"
        )
    hidden = "" if shown else " hidden"
    return f"<section class='answer-sources' data-answer='{index}'{hidden}>{head}{''.join(parts)}</section>"


def render_sources(results: dict[str, dict[str, Any]], selected: int | None = None, stamp: int = 0) -> str:
    """Every answer's sources (keyed by chat index); only the selected answer's (default: the latest) shows.

    `stamp` makes each selection a new value: the page's marker script may have changed which group shows,
    and Gradio skips re-rendering a value equal to the last one it sent."""
    if not results:
        return EMPTY_SOURCES
    order = sorted(results, key=int)
    show = str(selected) if selected is not None and str(selected) in results else order[-1]
    groups = "".join(_group(int(i), results[i], i == show) for i in order)
    return f"<div class='sources-view' data-stamp='{stamp}'>{groups}</div>"
