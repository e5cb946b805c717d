"""The Gradio chat UI: streamed answers whose [n] markers open the cited passage with the quoted span marked,
every answer's sources kept (click an answer to see its own), suggested follow-ups, a low-relevance banner,
starters, a guide filter, new conversation, and thumbs up/down with a reason. It only wires Gradio: the HTML comes
from ui_render.py, the answers from the Coach."""

import html
import logging
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import gradio as gr

from coach.ask.coach import AnswerResult, Coach
from coach.backends import ConversationStore
from coach.errors import CoachError
from coach.serve.ui_render import (
    EMPTY_SOURCES,
    OPEN_CITATION_JS,
    render_answer,
    render_sources,
)

if TYPE_CHECKING:
    from coach.serve.live import LiveCoach

log = logging.getLogger("coach.ui")

ALL = "All guides"
SUGGESTIONS = 3


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
