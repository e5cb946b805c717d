"""The REST API against a live server on 127.0.0.1 (httpx): happy paths, every bad input, CORS, rate limit."""

from __future__ import annotations

import json
import sqlite3

import httpx
import pytest

from coach.serve.web import create_app
from tests.conftest import ASK_KEYS, make_settings
from tests.servers import live_server

pytestmark = [pytest.mark.slow, pytest.mark.server]
CAREERS = "https://careers.example.com"


@pytest.fixture(scope="module")
def server(coach, tmp_path_factory):
    home = tmp_path_factory.mktemp("api-home")
    settings = make_settings(home, allowed_origins=[CAREERS], rate_limit_per_minute=1000)
    app = create_app(coach, settings, ui=False)
    with live_server(app) as url:
        yield url, home


def test_chat_returns_the_ask_json_plus_session(server):
    url, _ = server
    r = httpx.post(
        f"{url}/api/chat", json={"message": "What does a customer support team lead earn?"}, timeout=30
    )
    assert r.status_code == 200
    data = r.json()
    assert ASK_KEYS | {"session_id", "message_id"} <= set(data)
    assert "$67k" in data["answer"] and data["citations"]


def test_session_history_feeds_follow_ups(server):
    url, _ = server
    first = httpx.post(
        f"{url}/api/chat", json={"message": "What does a customer support manager earn?"}, timeout=30
    ).json()
    follow = httpx.post(
        f"{url}/api/chat",
        json={"message": "And at senior level?", "session_id": first["session_id"]},
        timeout=30,
    ).json()
    assert follow["session_id"] == first["session_id"]
    assert "Customer Support Manager" in follow["standalone_question"] and "$115k" in follow["answer"]


def test_unknown_session_starts_a_new_one(server):
    url, _ = server
    r = httpx.post(
        f"{url}/api/chat",
        json={"message": "Is remote work common?", "session_id": "no-such-session"},
        timeout=30,
    )
    assert r.status_code == 200 and r.json()["session_id"] != "no-such-session"


def test_stream_sends_tokens_then_the_full_object(server):
    url, _ = server
    with httpx.stream(
        "POST",
        f"{url}/api/chat/stream",
        json={"message": "What does a customer support intern earn?"},
        timeout=30,
    ) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        body = "".join(r.iter_text())
    events = [block for block in body.strip().split("\n\n") if block]
    kinds = [e.split("\n")[0] for e in events]
    assert kinds[0] == "event: token" and kinds[-1] == "event: done"
    final = json.loads(events[-1].split("data: ", 1)[1])
    assert "$32k" in final["answer"] and final["session_id"]


def test_feedback_is_persisted_in_sqlite(server):
    url, home = server
    chat = httpx.post(f"{url}/api/chat", json={"message": "What skills do I need?"}, timeout=30).json()
    r = httpx.post(
        f"{url}/api/feedback",
        json={
            "session_id": chat["session_id"],
            "message_id": chat["message_id"],
            "rating": "down",
            "reason": "too vague",
        },
    )
    assert r.status_code == 200 and r.json() == {"ok": True}
    with sqlite3.connect(home / "coach.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        rows = db.execute(
            "SELECT rating, reason FROM feedback WHERE message_id = ?", (chat["message_id"],)
        ).fetchall()
    assert rows == [("down", "too vague")]
    bad = httpx.post(
        f"{url}/api/feedback", json={"session_id": chat["session_id"], "message_id": "nope", "rating": "up"}
    )
    assert bad.status_code == 404
    assert (
        httpx.post(
            f"{url}/api/feedback", json={"session_id": "s", "message_id": "m", "rating": "meh"}
        ).status_code
        == 422
    )


def test_guides_and_health(server):
    url, _ = server
    guides = httpx.get(f"{url}/api/guides").json()
    assert {g["source"] for g in guides} == {
        "customer-support.txt",
        "customer-support-specialist.txt",
        "customer-support-manager.txt",
    }
    health = httpx.get(f"{url}/api/health").json()
    assert health["status"] == "ok" and health["chunks"] > 100


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"message": ""}, 422, "message is empty"),
        ({"message": "   "}, 422, "message is empty"),
        ({"message": "x" * 2001}, 422, "limit is 2000"),
        ({}, 422, "message"),
        ({"message": 42}, 422, "message"),
    ],
)
def test_bad_messages(server, body, status, fragment):
    url, _ = server
    r = httpx.post(f"{url}/api/chat", json=body, timeout=30)
    assert r.status_code == status and fragment in r.json()["error"]


def test_malformed_json_and_oversized_body(server):
    url, _ = server
    r = httpx.post(f"{url}/api/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "error" in r.json()
    big = httpx.post(f"{url}/api/chat", json={"message": "a" * 20_000})
    assert big.status_code == 413


def test_cors_allows_listed_origins_only(server):
    url, _ = server
    ok = httpx.options(
        f"{url}/api/chat",
        headers={
            "Origin": CAREERS,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == CAREERS
    refused = httpx.options(
        f"{url}/api/chat", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
    simple = httpx.get(f"{url}/api/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in simple.headers


def test_no_uploads(server):
    url, _ = server
    assert httpx.post(f"{url}/gradio_api/upload", files={"files": ("a.txt", b"x")}).status_code == 403


def test_rate_limit_answers_429_json(coach, tmp_path):
    settings = make_settings(tmp_path, rate_limit_per_minute=3)
    with live_server(create_app(coach, settings, ui=False)) as url:
        codes = [
            httpx.post(f"{url}/api/chat", json={"message": "Is remote work common?"}, timeout=30).status_code
            for _ in range(4)
        ]
        assert codes == [200, 200, 200, 429]
        r = httpx.post(f"{url}/api/chat", json={"message": "again"})
        assert r.status_code == 429 and "rate limit" in r.json()["error"] and r.headers["retry-after"] == "60"
        assert httpx.get(f"{url}/api/health").status_code == 200  # health is never limited
