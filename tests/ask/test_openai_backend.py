"""The `openai` backend over real HTTP: LangChain's ChatOpenAI against an OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import re
import time

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

from tests.servers import live_server

pytestmark = [pytest.mark.slow, pytest.mark.server]


def fake_openai(replies: list[str], seen: list[dict]) -> FastAPI:
    """A minimal /v1/chat/completions (plain and streamed) that answers from `replies` and records requests."""
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def completions(request: Request):
        body = await request.json()
        seen.append(body)
        reply = replies.pop(0) if replies else "My guides don't cover that."
        base = {"id": "x", "created": int(time.time()), "model": body["model"]}
        if not body.get("stream"):
            return JSONResponse(
                {
                    **base,
                    "object": "chat.completion",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": reply},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }
            )

        def events():
            for word in reply.split(" "):
                chunk = {
                    **base,
                    "object": "chat.completion.chunk",
                    "choices": [{"index": 0, "delta": {"content": word + " "}, "finish_reason": None}],
                }
                yield f"data: {json.dumps(chunk)}\n\n"
            done = {
                **base,
                "object": "chat.completion.chunk",
                "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
            }
            yield f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    return app


@pytest.fixture
def openai_coach(coach):
    """The session Coach, pointed at a fresh fake server for one test."""
    replies: list[str] = []
    seen: list[dict] = []
    with live_server(fake_openai(replies, seen)) as url:
        old = (coach.settings.openai_base_url, coach.settings.openai_model)
        coach.settings.openai_base_url, coach.settings.openai_model = f"{url}/v1", "test-model"
        coach._answerers.pop("openai", None)
        yield coach, replies, seen
        coach.settings.openai_base_url, coach.settings.openai_model = old
        coach._answerers.pop("openai", None)


def _passage_number(seen: list[dict], text: str) -> int:
    user = seen[-1]["messages"][-1]["content"].split("Question:")[0]
    for block in re.split(r"\n\n(?=\[\d+\] \()", user):
        if text in block:
            return int(re.search(r"\[(\d+)\] \(", block).group(1))
    raise AssertionError(f"{text!r} not in the prompt")


def test_openai_answer_is_grounded_and_renumbered(openai_coach):
    coach, replies, seen = openai_coach
    replies.append("probe")
    coach.ask("What does a customer support team lead earn?", llm="openai")
    assert seen[-1]["model"] == "test-model" and seen[-1]["messages"][0]["role"] == "system"
    n = _passage_number(seen, "$67k USD")
    replies.append(f"A customer support team lead earns a US median of $67k USD [{n}].")
    result = coach.ask("What does a customer support team lead earn?", llm="openai")
    assert result.backend == "openai" and not result.grounding_fallback
    assert result.answer == "A customer support team lead earns a US median of $67k USD [1]."
    assert "$67k USD" in result.citations[0]["text"]


def test_openai_invented_figure_falls_back(openai_coach):
    coach, replies, _ = openai_coach
    replies.append("Team leads earn $500k [1].")
    result = coach.ask("What does a customer support team lead earn?", llm="openai")
    assert result.grounding_fallback and "$500k" not in result.answer and "$67k" in result.answer


def test_openai_streams_over_sse(openai_coach):
    from coach.ask.coach import AnswerResult

    coach, replies, seen = openai_coach
    replies.append("probe")
    coach.ask("What does a customer support intern earn?", llm="openai")
    n = _passage_number(seen, "$32k USD")
    replies.append(f"Interns earn a US median of $32k USD [{n}]. That is the lowest rung [{n}].")
    pieces = list(coach.stream("What does a customer support intern earn?", llm="openai"))
    assert seen[-1]["stream"] is True
    assert isinstance(pieces[-1], AnswerResult) and not pieces[-1].grounding_fallback
    assert "".join(p for p in pieces[:-1] if isinstance(p, str)).startswith(
        "Interns earn a US median of $32k USD"
    )
