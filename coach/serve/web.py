"""`coach serve`: one FastAPI app with the REST API (/api, docs at /docs), the careers-page widget
(/widget.js, demo at /demo) and the Gradio chat UI mounted at /.

`create_app(coach)` builds it (tests use it directly); `serve()` runs it with uvicorn.
"""

from __future__ import annotations

import html
import itertools
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Iterator
from importlib import resources
from typing import Any, Literal

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field, field_validator

from coach.ask.coach import AnswerResult, Coach
from coach.errors import CoachError, ConfigError, QuestionError
from coach.serve.sessions import Store
from coach.settings import Settings

log = logging.getLogger("coach.web")


class ChatRequest(BaseModel):
    message: str = Field(description="The job seeker's question.")
    session_id: str | None = Field(
        None, max_length=64, description="Conversation id; unknown or missing starts a new one."
    )
    guide: str | None = Field(
        None, max_length=200, description="Only answer from this guide (file name, title or role)."
    )

    @field_validator("message")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("message is empty: send a question about a career")
        return value


class FeedbackRequest(BaseModel):
    session_id: str = Field(max_length=64)
    message_id: str = Field(max_length=64)
    rating: Literal["up", "down"]
    reason: str | None = Field(None, max_length=1000)


class RateLimiter:
    """A sliding one-minute window per client address."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.hits: dict[str, deque[float]] = {}
        self.lock = threading.Lock()

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        with self.lock:
            window = self.hits.setdefault(client, deque())
            while window and now - window[0] > 60:
                window.popleft()
            if len(window) >= self.per_minute:
                return False
            window.append(now)
            return True


def _static(name: str) -> str:
    return resources.files("coach").joinpath(f"serve/static/{name}").read_text("utf-8")


def _public(result: AnswerResult, session_id: str, message_id: str) -> dict[str, Any]:
    data = result.to_dict()
    data.update(session_id=session_id, message_id=message_id)
    return data


def create_app(
    coach: Coach, settings: Settings | None = None, store: Store | None = None, ui: bool = True
) -> FastAPI:
    """The whole web app around a ready Coach: API, widget, demo page and (with `ui`) the Gradio chat UI."""
    settings = settings or coach.settings
    store = store or Store(settings.home / "coach.sqlite3")
    limiter = RateLimiter(settings.rate_limit_per_minute)
    workers = anyio.CapacityLimiter(settings.workers)
    app = FastAPI(
        title="careercoach API",
        version="0.1.0",
        description="Grounded career answers with cited guide passages.",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.coach, app.state.store = coach, store

    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["content-type"],
        max_age=600,
    )

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        path = request.url.path
        if "/upload" in path:
            return JSONResponse({"error": "file uploads are not accepted"}, status_code=403)
        if path.startswith("/api/"):
            size = request.headers.get("content-length")
            if size and size.isdigit() and int(size) > settings.max_request_bytes:
                return JSONResponse(
                    {"error": f"request body over {settings.max_request_bytes} bytes"}, status_code=413
                )
            client = request.client.host if request.client else "unknown"
            if request.method != "OPTIONS" and path != "/api/health" and not limiter.allow(client):
                return JSONResponse(
                    {
                        "error": f"rate limit: at most {settings.rate_limit_per_minute} requests a minute; try again shortly"
                    },
                    status_code=429,
                    headers={"Retry-After": "60"},
                )
        return await call_next(request)  # type: ignore[no-any-return]

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        where = ".".join(str(x) for x in first.get("loc", []) if x != "body")
        message = str(first.get("msg", "invalid request")).removeprefix("Value error, ")
        return JSONResponse(
            {
                "error": f"{where}: {message}" if where else message,
                "detail": json.loads(json.dumps(errors, default=str)),
            },
            status_code=422,
        )

    def answer(req: ChatRequest) -> tuple[str, Any]:
        session_id = store.session(req.session_id)
        history = store.history(session_id)
        return session_id, history

    def failure(exc: CoachError) -> JSONResponse:
        status = 422 if isinstance(exc, QuestionError | ConfigError) else 503
        return JSONResponse({"error": str(exc)}, status_code=status)

    def chat_sync(req: ChatRequest) -> Response:
        session_id, history = answer(req)
        try:
            result = coach.ask(req.message, history, guide=req.guide)
        except CoachError as exc:
            return failure(exc)
        message_id = store.add_exchange(session_id, result.question, result.answer, result.to_dict())
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
    def chat_stream(req: ChatRequest) -> Any:
        session_id, history = answer(req)
        try:
            pieces = coach.stream(req.message, history, guide=req.guide)
            first = next(pieces)
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

    @app.post("/api/feedback", summary="Thumbs up or down on an answer, with an optional reason.")
    def feedback(req: FeedbackRequest) -> Any:
        if not store.add_feedback(req.session_id, req.message_id, req.rating, req.reason):
            return JSONResponse({"error": "unknown message_id for this session_id"}, status_code=404)
        return {"ok": True}

    @app.get("/api/guides", summary="The guides the coach answers from.")
    def guides() -> Any:
        counts: dict[str, int] = {}
        for c in coach.index.chunks:
            counts[c.source] = counts.get(c.source, 0) + 1
        return [{"source": s, "title": t, "role": r, "chunks": counts[s]} for s, t, r in coach.guides]

    @app.get("/api/starters", summary="Starter questions drawn from the corpus profile.")
    def starters() -> Any:
        return {"starters": coach.starters}

    @app.get("/api/health", summary="Liveness and index facts.")
    def health() -> Any:
        return {
            "status": "ok",
            "generation": coach.index.generation,
            "chunks": len(coach.index.chunks),
            "backend": settings.llm,
        }

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

    if ui:
        import gradio as gr

        from coach.serve.ui import CSS, build_ui

        blocks = build_ui(coach, store)
        app = gr.mount_gradio_app(app, blocks, path="/", footer_links=[], css=CSS, show_error=False)
    return app


def serve(settings: Settings, host: str, port: int) -> None:
    """Run the app with uvicorn and print where it is."""
    import uvicorn
    from rich.console import Console

    try:  # one BLAS thread per request thread: small matrices, many requests
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:
        pass
    coach = Coach.from_settings(settings)
    app = create_app(coach, settings)
    Console(stderr=True, soft_wrap=True).print(
        f"[green]careercoach[/] serving on [bold]http://{host}:{port}/[/]  (API docs /docs · widget /widget.js · demo /demo)"
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")
