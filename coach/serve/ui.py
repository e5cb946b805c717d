"""The Gradio chat UI: streamed answers with [n] markers, a sources panel, starters, a guide filter,
new conversation, and thumbs up/down with a reason. It only renders; the Coach does the work."""

import html
import logging
from collections.abc import Iterator
from typing import Any

import gradio as gr

from coach.ask.coach import AnswerResult, Coach
from coach.errors import CoachError
from coach.serve.sessions import Store

log = logging.getLogger("coach.ui")

ALL = "All guides"
CSS = """
#sources details{border:1px solid var(--border-color-primary);border-radius:8px;padding:.4rem .6rem;margin:.4rem 0}
#sources summary{cursor:pointer;font-weight:600}
#sources .passage{white-space:pre-wrap;font-size:.92em;margin-top:.4rem}
#sources .where{color:var(--body-text-color-subdued);font-size:.85em}
"""
EMPTY_SOURCES = "<p class='where'>The passages an answer cites appear here.</p>"


def render_answer(result: AnswerResult) -> str:
    """Answer text for the chat: guide text is escaped, so HTML in a guide or a model's output is shown, never run."""
    text = html.escape(result.answer, quote=False)
    if result.warnings:
        text += "\n\n" + "\n".join(f"_⚠ {html.escape(w, quote=False)}_" for w in result.warnings)
    return text


def render_sources(result: AnswerResult | None) -> str:
    if result is None or not result.citations:
        return (
            EMPTY_SOURCES
            if result is None
            else "<p class='where'>No passages cited: the guides don't cover this.</p>"
        )
    parts = []
    for n, c in enumerate(result.citations):
        parts.append(
            f"<details class='source' data-n='{c['n']}'{' open' if n == 0 else ''}><summary>[{c['n']}] {html.escape(c['guide'])}</summary>"
            f"<div class='where'>{html.escape(c['section'])}</div><div class='passage'>{html.escape(c['text'])}</div></details>"
        )
    return "".join(parts)


def build_ui(coach: Coach, store: Store) -> gr.Blocks:
    """The chat UI as Gradio Blocks, ready to mount."""
    guide_sources = {role: source for source, _title, role in coach.guides}

    def respond(
        message: str, history: list[dict[str, Any]], session_id: str, ids: dict[str, str], guide_label: str
    ) -> Iterator[tuple[Any, ...]]:
        history = list(history or [])
        ids = dict(ids or {})
        if not (message or "").strip():
            yield history, session_id, ids, gr.skip(), ""
            return
        history += [
            {"role": "user", "content": html.escape(message, quote=False)},
            {"role": "assistant", "content": "…"},
        ]
        yield history, session_id, ids, gr.skip(), ""
        try:
            session_id = store.session(session_id or None)
            past = store.history(session_id)
            guide = guide_sources.get(guide_label) if guide_label and guide_label != ALL else None
            partial = ""
            for piece in coach.stream(message, past, guide=guide):
                if isinstance(piece, AnswerResult):
                    history[-1] = {"role": "assistant", "content": render_answer(piece)}
                    message_id = store.add_exchange(session_id, piece.question, piece.answer, piece.to_dict())
                    ids[str(len(history) - 1)] = message_id
                    yield history, session_id, ids, render_sources(piece), ""
                else:
                    partial += piece
                    history[-1] = {"role": "assistant", "content": html.escape(partial, quote=False)}
                    yield history, session_id, ids, gr.skip(), ""
        except CoachError as exc:
            history[-1] = {"role": "assistant", "content": f"⚠ {html.escape(str(exc), quote=False)}"}
            yield history, session_id, ids, gr.skip(), ""
        except Exception:  # a person sees a friendly line, the log gets the traceback
            log.exception("chat failed")
            history[-1] = {
                "role": "assistant",
                "content": "⚠ Sorry, something went wrong on our side. Please try again.",
            }
            yield history, session_id, ids, gr.skip(), ""

    def on_like(session_id: str, ids: dict[str, str], reason: str, data: gr.LikeData) -> str:
        index = data.index if isinstance(data.index, int) else data.index[0]
        message_id = (ids or {}).get(str(index))
        if not session_id or not message_id:
            return "Feedback works on the coach's answers."
        rating = "up" if data.liked is True or data.liked == "Like" else "down"
        store.add_feedback(session_id, message_id, rating, (reason or "").strip() or None)
        return f"Thanks, feedback recorded ({rating})."

    def new_conversation() -> tuple[Any, ...]:
        return [], "", {}, EMPTY_SOURCES, "", ""

    with gr.Blocks(title="careercoach — grounded career answers") as demo:
        session = gr.State("")
        ids = gr.State({})
        gr.Markdown(
            "## careercoach\nAnswers come from career guides, with numbered sources. "
            "When the guides don't cover something, the coach says so."
        )
        with gr.Row():
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
                )
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
                gr.Markdown("### Sources")
                sources = gr.HTML(EMPTY_SOURCES, elem_id="sources")
        outputs = [chatbot, session, ids, sources, question]
        inputs = [question, chatbot, session, ids, guide]
        question.submit(respond, inputs, outputs)
        ask.click(respond, inputs, outputs)
        chatbot.like(on_like, [session, ids, reason], thanks)
        new.click(new_conversation, None, [chatbot, session, ids, sources, question, thanks])
    return demo
