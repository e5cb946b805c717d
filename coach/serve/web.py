"""`coach serve`: one FastAPI app with the REST API (/api, docs at /docs), the careers-page widget
(/widget.js, demo at /demo) and the Gradio chat UI mounted at /.

`create_app(coach)` builds it (tests use it directly); `serve()` (server.py) runs it with uvicorn; the request
bodies are in requests.py.
"""

from __future__ import annotations

import html
import itertools
import json
import os
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Any

import anyio
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.routing import APIRoute

from coach.ask.coach import AnswerResult, Coach
from coach.backends import ConversationStore, get_conversations
from coach.errors import CoachError, ConfigError, QuestionError
from coach.serve.edges import (
    Edges,
    RateLimiter,
    SharedRateLimiter,
    validation_response,
)
from coach.serve.live import LiveCoach
from coach.serve.requests import (
    ChatRequest,
    FeedbackRequest,
)
from coach.serve.tool_routes import add_tool_routes
from coach.settings import Settings


def _static(name: str) -> str:
    return resources.files("coach").joinpath(f"serve/static/{name}").read_text("utf-8")


def _public(result: AnswerResult, session_id: str, message_id: str) -> dict[str, Any]:
    data = result.to_dict()
    data.update(session_id=session_id, message_id=message_id)
    return data


def _bad_session_id(session_id: str) -> JSONResponse | None:
    """A 422 for an id no session can have; None for a well-formed one."""
    if (
        0 < len(session_id) <= 64
        and session_id.isascii()
        and all(ch.isalnum() or ch in "-_" for ch in session_id)
    ):
        return None
    return JSONResponse({"error": "session_id: up to 64 letters, digits, '-' or '_'"}, status_code=422)


def create_app(
    coach: Coach | LiveCoach,
    settings: Settings | None = None,
    store: ConversationStore | None = None,
    ui: bool = True,
) -> FastAPI:
    """The whole web app around a ready Coach (held fixed) or a LiveCoach (follows re-indexing): API, widget,
    demo page and (with `ui`) the Gradio chat UI."""
    settings = settings or coach.settings
    coach = LiveCoach.wrap(coach)
    store = store or get_conversations(settings)
    limiter: RateLimiter | SharedRateLimiter = RateLimiter(settings.rate_limit_per_minute)
    if settings.database_url or settings.serve_workers > 1:
        # several processes or hosts: count each client once, in the table they all share
        limiter = SharedRateLimiter(store, settings.rate_limit_per_minute)
    workers = anyio.CapacityLimiter(settings.workers)
    app = FastAPI(
        title="careercoach API",
        version="0.1.0",
        description="Grounded career answers with cited guide passages.",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.coach, app.state.store = coach, store

    # CORS outside the edges, so a cross-site client can read a 429 or 413 too
    app.add_middleware(
        Edges,
        limiter=limiter,
        trusted_proxies=settings.trusted_proxies,
        api_bytes=settings.max_request_bytes,
        ui_bytes=settings.max_ui_request_bytes,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["content-type"],
        max_age=600,
    )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return validation_response(exc)

    def answer(req: ChatRequest) -> tuple[str, Any]:
        session_id = store.session(req.session_id)
        history = store.history(session_id)
        return session_id, history

    def failure(exc: CoachError) -> JSONResponse:
        status = 422 if isinstance(exc, QuestionError | ConfigError) else 503
        return JSONResponse({"error": str(exc)}, status_code=status)

    @app.exception_handler(CoachError)
    async def coach_error(request: Request, exc: CoachError) -> Response:
        return failure(exc)  # e.g. the conversation store stayed locked: 503, never a 500

    def chat_sync(req: ChatRequest) -> Response:
        try:
            session_id, history = answer(req)
            result = coach.ask(req.message, history, guide=req.guide)
            message_id = store.add_exchange(session_id, result.question, result.answer, result.to_dict())
        except CoachError as exc:
            return failure(exc)
        body = json.dumps(_public(result, session_id, message_id), ensure_ascii=False)
        return Response(body, media_type="application/json")

    @app.post(
        "/api/chat",
        summary="Ask a question; returns the answer with citations (same shape as `coach ask --json`).",
    )
    async def chat(req: ChatRequest) -> Response:
        # a few worker threads, not one per request: answering is CPU-bound and shares the GIL
        return await anyio.to_thread.run_sync(chat_sync, req, limiter=workers)

    @app.post(
        "/api/chat/stream",
        summary="The answer as server-sent events: `token` events, then one `done` event with the full object.",
    )
    async def chat_stream(req: ChatRequest) -> Any:
        def start() -> tuple[str, Iterator[str | AnswerResult], str | AnswerResult]:
            session_id, history = answer(req)
            pieces = coach.stream(req.message, history, guide=req.guide)
            return session_id, pieces, next(pieces)

        try:
            # the answer is worked out within the same few worker threads as /api/chat, not one per request
            session_id, pieces, first = await anyio.to_thread.run_sync(start, limiter=workers)
        except CoachError as exc:
            return failure(exc)

        def events() -> Iterator[str]:
            try:
                for piece in itertools.chain([first], pieces):
                    if isinstance(piece, AnswerResult):
                        message_id = store.add_exchange(
                            session_id, piece.question, piece.answer, piece.to_dict()
                        )
                        yield f"event: done\ndata: {json.dumps(_public(piece, session_id, message_id))}\n\n"
                    else:
                        yield f"event: token\ndata: {json.dumps({'text': piece})}\n\n"
            except CoachError as exc:
                yield f"event: error\ndata: {json.dumps({'error': str(exc)})}\n\n"

        return StreamingResponse(
            events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
        )

    def tool_sync(run: Callable[[Coach], Any]) -> Response:
        """A coaching tool (coach/tools/) on the current generation, its result as JSON; CoachErrors as 422/503."""
        try:
            with coach.use() as current:
                result = run(current)
        except CoachError as exc:
            return failure(exc)
        return Response(json.dumps(result.to_dict(), ensure_ascii=False), media_type="application/json")

    async def tool(run: Callable[[Coach], Any]) -> Response:
        return await anyio.to_thread.run_sync(tool_sync, run, limiter=workers)

    add_tool_routes(app, tool)

    @app.post("/api/feedback", summary="Thumbs up or down on an answer, with an optional reason.")
    def feedback(req: FeedbackRequest) -> Any:
        if not store.add_feedback(req.session_id, req.message_id, req.rating, req.reason):
            return JSONResponse({"error": "unknown message_id for this session_id"}, status_code=404)
        return {"ok": True}

    @app.get(
        "/api/sessions/{session_id}",
        summary="A conversation's messages, oldest first (answers carry message_id and the full result).",
    )
    def session_messages(
        session_id: str,
        offset: int = Query(0, ge=0, description="The first message to return (0: the oldest)."),
        limit: int = Query(50, ge=1, le=200, description="At most this many messages (1-200)."),
    ) -> Any:
        if bad := _bad_session_id(session_id):
            return bad
        messages = store.messages(session_id, offset, limit)
        if messages is None:
            return JSONResponse({"error": "unknown session_id: start a new conversation"}, status_code=404)
        total = store.count(session_id)
        following = offset + len(messages)
        return {
            "session_id": session_id,
            "messages": messages,
            "total": total,
            "offset": offset,
            "limit": limit,
            "next_offset": following if following < total else None,
        }

    @app.delete(
        "/api/sessions/{session_id}",
        summary="Delete a conversation with its messages and feedback (the widget's New chat does this).",
        status_code=204,
        response_class=Response,
    )
    def delete_session(session_id: str) -> Response:
        if bad := _bad_session_id(session_id):
            return bad
        if not store.delete(session_id):
            return JSONResponse({"error": "unknown session_id: nothing to delete"}, status_code=404)
        return Response(status_code=204)

    @app.get("/api/guides", summary="The guides the coach answers from.")
    def guides() -> Any:
        counts: dict[str, int] = {}
        for c in coach.index.chunks:
            counts[c.source] = counts.get(c.source, 0) + 1
        return [{"source": s, "title": t, "role": r, "chunks": counts[s]} for s, t, r in coach.guides]

    @app.get("/api/starters", summary="Starter questions drawn from the corpus profile.")
    def starters() -> Any:
        return {"starters": coach.starters}

    @app.get("/api/health", summary="Liveness, the index generation serving, and whether the store answers.")
    def health() -> Any:
        serving = coach.coach
        facts: dict[str, Any] = {
            "status": "ok",
            "generation": serving.index.generation,
            "chunks": len(serving.index.chunks),
            "backend": settings.llm,
            "pid": os.getpid(),
        }
        if error := coach.unreachable():
            facts.update(status="unavailable", error=error)
            return JSONResponse(facts, status_code=503)
        if problem := store.writable():
            # answers still come, but conversations and feedback cannot be kept
            facts.update(status="degraded", store=problem)
        return facts

    @app.get("/widget.js", include_in_schema=False)
    def widget() -> Response:
        return Response(
            _static("widget.js"),
            media_type="application/javascript",
            headers={"Cache-Control": "public, max-age=300"},
        )

    @app.get("/demo", include_in_schema=False)
    def demo() -> HTMLResponse:
        jobs = "".join(
            f'<div class="job"><h2>{html.escape(role)}</h2><p>{html.escape(title)}: ask the coach what it pays, '
            "what it takes and where it leads.</p></div>"
            for _source, title, role in coach.guides[:6]
        )
        return HTMLResponse(_static("demo.html").replace("<!--JOBS-->", jobs))

    for route in app.routes:  # HEAD wherever GET is served (the server sends no body for it)
        if isinstance(route, APIRoute) and route.methods and "GET" in route.methods:
            route.methods.add("HEAD")

    if ui:
        import gradio as gr

        from coach.serve.ui import build_ui
        from coach.serve.ui_render import CSS

        blocks = build_ui(coach, store)
        app = gr.mount_gradio_app(app, blocks, path="/", footer_links=[], css=CSS, show_error=False)
    return app
