"""The Gradio chat UI: streamed answers whose [n] markers open the cited passage with the quoted span marked,
every answer's sources kept (click an answer to see its own), suggested follow-ups, a low-relevance banner,
starters, a guide filter, new conversation, and thumbs up/down with a reason. It only renders; the Coach works."""

import html
import logging
import re
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import gradio as gr

from coach.ask.coach import AnswerResult, Coach
from coach.backends import ConversationStore
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.serve.live import LiveCoach

log = logging.getLogger("coach.ui")

ALL = "All guides"
LOW_RELEVANCE = (
    "These passages are only loosely related to your question; check them before relying on the answer."
)
SUGGESTIONS = 3
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


def _chips(suggestions: list[str]) -> list[Any]:
    padded = (list(suggestions) + [""] * SUGGESTIONS)[:SUGGESTIONS]
    return [gr.update(value=s, visible=bool(s)) for s in padded]


def _on_serving(coach: "Coach | LiveCoach") -> Callable[[Callable[[Coach], Any]], Any]:
    """A runner of one coaching tool on the Coach serving now, its generation held until the tool is done."""
    from coach.serve.live import LiveCoach

    live = LiveCoach.wrap(coach)

    def run(tool: Callable[[Coach], Any]) -> Any:
        with live.use() as current:
            return tool(current)

    return run


def build_ui(coach: "Coach | LiveCoach", store: ConversationStore) -> gr.Blocks:
    """The chat UI as Gradio Blocks, ready to mount."""
    guide_sources = {role: source for source, _title, role in coach.guides}
    hide = [gr.update(visible=False)] * SUGGESTIONS

    def respond(
        message: str,
        history: list[dict[str, Any]],
        session_id: str,
        ids: dict[str, str],
        results: dict[str, dict[str, Any]],
        guide_label: str,
    ) -> Iterator[tuple[Any, ...]]:
        history, ids, results = list(history or []), dict(ids or {}), dict(results or {})
        if not (message or "").strip():
            yield history, session_id, ids, results, gr.skip(), "", *hide
            return
        history += [
            {"role": "user", "content": html.escape(message, quote=False)},
            {"role": "assistant", "content": "…"},
        ]
        yield history, session_id, ids, results, gr.skip(), "", *hide
        try:
            session_id = store.session(session_id or None)
            past = store.history(session_id)
            guide = guide_sources.get(guide_label) if guide_label and guide_label != ALL else None
            partial = ""
            for piece in coach.stream(message, past, guide=guide):
                if isinstance(piece, AnswerResult):
                    index = len(history) - 1
                    history[-1] = {"role": "assistant", "content": render_answer(piece, index)}
                    data = piece.to_dict()
                    ids[str(index)] = store.add_exchange(session_id, piece.question, piece.answer, data)
                    results[str(index)] = {
                        k: data.get(k) for k in ("question", "citations", "low_relevance", "suggestions")
                    }
                    yield (
                        history,
                        session_id,
                        ids,
                        results,
                        render_sources(results),
                        "",
                        *_chips(piece.suggestions),
                    )
                else:
                    partial += piece
                    history[-1] = {"role": "assistant", "content": html.escape(partial, quote=False)}
                    yield history, session_id, ids, results, gr.skip(), "", *hide
        except CoachError as exc:
            history[-1] = {"role": "assistant", "content": f"Sorry: {html.escape(str(exc), quote=False)}"}
            yield history, session_id, ids, results, gr.skip(), "", *hide
        except Exception:  # a person sees a friendly line, the log gets the traceback
            log.exception("chat failed")
            history[-1] = {
                "role": "assistant",
                "content": "Sorry, something went wrong on our side. Please try again.",
            }
            yield history, session_id, ids, results, gr.skip(), "", *hide

    def on_select(results: dict[str, dict[str, Any]], data: gr.SelectData) -> Any:
        index = data.index if isinstance(data.index, int) else data.index[0]
        results = results or {}
        if str(index) not in results and str(index + 1) in results:  # a question: its answer's sources
            index += 1
        return render_sources(results, index, time.monotonic_ns()) if str(index) in results else gr.skip()

    def on_like(session_id: str, ids: dict[str, str], reason: str, data: gr.LikeData) -> str:
        index = data.index if isinstance(data.index, int) else data.index[0]
        message_id = (ids or {}).get(str(index))
        if not session_id or not message_id:
            return "Feedback works on the coach's answers."
        rating = "up" if data.liked is True or data.liked == "Like" else "down"
        store.add_feedback(session_id, message_id, rating, (reason or "").strip() or None)
        return f"Thanks, feedback recorded ({rating})."

    def new_conversation() -> tuple[Any, ...]:
        return [], "", {}, {}, EMPTY_SOURCES, "", "", *hide

    with gr.Blocks(title="careercoach — grounded career answers") as demo:
        session = gr.State("")
        ids = gr.State({})
        results = gr.State({})
        gr.Markdown(
            "# careercoach\nAnswers come from career guides, with numbered sources: click a [n] to read the "
            "passage, or an answer to see its sources. When the guides don't cover something, the coach says so."
        )
        with gr.Tab("Chat", elem_id="tab-chat"), gr.Row():
            with gr.Column(scale=3):
                with gr.Row():
                    guide = gr.Dropdown(
                        [ALL, *guide_sources], value=ALL, label="Guide", elem_id="guide-filter", scale=3
                    )
                    new = gr.Button("New conversation", elem_id="new-conversation", scale=1)
                chatbot = gr.Chatbot(
                    label="Coach",
                    elem_id="chat",
                    height=460,
                    sanitize_html=True,
                    render_markdown=True,
                    latex_delimiters=[],
                    feedback_options=("Like", "Dislike"),
                    buttons=["copy", "copy_all"],  # no share: it posts to a third-party site
                )
                with gr.Row(elem_id="suggestions"):
                    chips = [
                        gr.Button(
                            visible=False,
                            size="sm",
                            variant="secondary",
                            elem_classes="suggestion",
                            min_width=0,
                        )
                        for _ in range(SUGGESTIONS)
                    ]
                with gr.Row():
                    question = gr.Textbox(
                        show_label=False,
                        placeholder="Ask about pay, career paths, skills, getting started…",
                        elem_id="question",
                        scale=5,
                        max_lines=4,
                        max_length=coach.settings.max_question_chars,
                    )
                    ask = gr.Button("Ask", variant="primary", elem_id="ask", scale=1)
                gr.Examples(coach.starters, inputs=question, label="Try asking")
                reason = gr.Textbox(
                    label="Feedback reason (optional, sent with the like / dislike buttons)",
                    elem_id="feedback-reason",
                    max_lines=2,
                )
                thanks = gr.Markdown(elem_id="feedback-status")
            with gr.Column(scale=2):
                gr.Markdown("## Sources")
                sources = gr.HTML(EMPTY_SOURCES, elem_id="sources", js_on_load=OPEN_CITATION_JS)
        outputs = [chatbot, session, ids, results, sources, question, *chips]
        inputs = [question, chatbot, session, ids, results, guide]
        question.submit(respond, inputs, outputs)
        ask.click(respond, inputs, outputs)
        for chip in chips:
            chip.click(respond, [chip, *inputs[1:]], outputs)
        chatbot.select(on_select, results, sources)
        chatbot.like(on_like, [session, ids, reason], thanks)
        fresh = [chatbot, session, ids, results, sources, question, thanks, *chips]
        new.click(new_conversation, None, fresh)
        chatbot.clear(new_conversation, None, fresh)  # the chat's trash button starts a new session too
        from coach.serve.tools_ui import add_tool_tabs  # imported here: the tools import the ask stage

        add_tool_tabs(_on_serving(coach), sorted({role for _source, _title, role in coach.guides}))
    return demo
