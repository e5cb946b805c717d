"""The edges of `coach serve`: one rate limit over REST, SSE, feedback and Gradio's API; forwarded headers only
from trusted proxies; body caps enforced while reading (chunked too); unencodable text 422; short echoes; SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from benchmarks.load import coach_serve
from coach.serve.edges import RateLimiter, client_address, encodable, short, uvicorn_options
from coach.serve.web import create_app
from tests.conftest import BAKER, PILOT, make_settings
from tests.servers import live_server

pytestmark = [pytest.mark.slow, pytest.mark.server]
JSON = {"content-type": "application/json"}


# --- units -------------------------------------------------------------------------------------


def test_rate_limiter_counts_a_sliding_window_per_client(monkeypatch):
    now = [100.0]
    monkeypatch.setattr("coach.serve.edges.time.monotonic", lambda: now[0])
    limiter = RateLimiter(2)
    assert [limiter.allow("a"), limiter.allow("a"), limiter.allow("a"), limiter.allow("b")] == [
        True,
        True,
        False,
        True,
    ]
    now[0] += 61
    assert limiter.allow("a")
    now[0] += 200
    limiter.allow("c")
    assert set(limiter.hits) == {"c"}  # idle clients are forgotten


def scope(peer: str, forwarded: str | None = None) -> dict:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    return {"client": (peer, 5555), "headers": headers}


def test_client_address_believes_forwarded_headers_only_from_trusted_proxies():
    assert client_address(scope("127.0.0.1", "1.2.3.4"), ()) == "127.0.0.1"
    assert client_address(scope("127.0.0.1", "1.2.3.4"), ("10.0.0.0/8",)) == "127.0.0.1"
    assert client_address(scope("10.1.2.3", "1.2.3.4"), ("10.0.0.0/8",)) == "1.2.3.4"
    # a client's own X-Forwarded-For hop is to the left of what our proxy appended: not believed
    assert client_address(scope("10.1.2.3", "6.6.6.6, 1.2.3.4, 10.9.9.9"), ("10.0.0.0/8",)) == "1.2.3.4"
    assert client_address(scope("10.1.2.3"), ("10.0.0.0/8",)) == "10.1.2.3"
    assert client_address({"headers": []}, ()) == "unknown"


def test_encodable_and_short():
    assert encodable("café ☕") == "café ☕"
    with pytest.raises(ValueError, match="character 3 is not valid text"):
        encodable("ab\ud800")
    assert short("x" * 500) == "x" * 80 + "…"
    assert short("a\udc80") == "a\\udc80"
    assert short({"k": "v"}) == '{"k": "v"}'
    assert short(7) == 7 and short(None) is None


def test_uvicorn_options_trust_no_proxy_by_default(tmp_path):
    opts = uvicorn_options(make_settings(tmp_path))
    assert opts["proxy_headers"] is False and opts["forwarded_allow_ips"] == []
    assert opts["timeout_graceful_shutdown"] <= 2
    opts = uvicorn_options(make_settings(tmp_path, trusted_proxies="10.0.0.1, 10.2.0.0/16"))
    assert opts["proxy_headers"] is True and opts["forwarded_allow_ips"] == ["10.0.0.1", "10.2.0.0/16"]


def test_trusted_proxies_setting_names_a_bad_value(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_TRUSTED_PROXIES", "10.0.0.1,proxy.example")
    with pytest.raises(ValueError, match="'proxy.example' is not an IP address"):
        make_settings(tmp_path)


# --- a live app over a small hand-made corpus (fake embeddings) ----------------------------------


@pytest.fixture(scope="module")
def small_home(tmp_path_factory) -> Path:
    from coach.index.embed import FakeEmbedder
    from coach.ingest.pipeline import ingest

    home = tmp_path_factory.mktemp("edges-home")
    guides = home / "guides"
    guides.mkdir()
    (guides / "baker.txt").write_text(BAKER, encoding="utf-8")
    (guides / "pilot.md").write_text(PILOT, encoding="utf-8")
    ingest([guides], make_settings(home, embedder="fake"), embedder=FakeEmbedder())
    return home


@pytest.fixture(scope="module")
def small_coach(small_home):
    from coach.ask.coach import Coach

    return Coach.from_settings(make_settings(small_home, embedder="fake"))


def app_for(coach, home: Path, ui: bool = False, **overrides: object):
    settings = make_settings(home, embedder="fake", **overrides)
    return create_app(coach, settings, ui=ui), settings


def test_one_limit_over_rest_sse_feedback_and_gradio(small_coach, tmp_path):
    app, settings = app_for(small_coach, tmp_path, ui=True, rate_limit_per_minute=4)
    with live_server(app, **uvicorn_options(settings)) as url:
        chat = httpx.post(f"{url}/api/chat", json={"message": "What does a baker earn?"}, timeout=30)
        assert chat.status_code == 200
        stream = httpx.post(f"{url}/api/chat/stream", json={"message": "What does a pilot earn?"}, timeout=30)
        assert stream.status_code == 200
        ids = chat.json()
        fb = {"session_id": ids["session_id"], "message_id": ids["message_id"], "rating": "up"}
        assert httpx.post(f"{url}/api/feedback", json=fb).status_code == 200
        gradio = {"data": ["What does a baker earn?", [], "", {}, "All guides"]}
        assert httpx.post(f"{url}/gradio_api/call/respond", json=gradio).status_code == 200
        # the quota is spent, whichever door is tried next
        for path in ("/gradio_api/call/respond", "/gradio_api/queue/join", "/api/chat", "/api/feedback"):
            r = httpx.post(f"{url}{path}", json=gradio)
            assert r.status_code == 429, path
            assert "rate limit" in r.json()["error"] and r.headers["retry-after"] == "60"
        # reading is not answering: the page, its config and health stay up
        assert httpx.get(f"{url}/api/health").status_code == 200
        assert httpx.get(f"{url}/config").status_code == 200


def test_forwarded_for_gets_no_fresh_quota_unless_from_a_trusted_proxy(small_coach, tmp_path):
    app, settings = app_for(small_coach, tmp_path, rate_limit_per_minute=2)
    with live_server(app, **uvicorn_options(settings)) as url:
        codes = [
            httpx.post(
                f"{url}/api/chat", json={"message": "   "}, headers={"X-Forwarded-For": f"9.9.9.{n}"}
            ).status_code
            for n in range(4)
        ]
        assert codes == [422, 422, 429, 429]

    app, settings = app_for(small_coach, tmp_path, rate_limit_per_minute=2, trusted_proxies=["127.0.0.1"])
    with live_server(app, **uvicorn_options(settings)) as url:
        codes = [
            httpx.post(
                f"{url}/api/chat", json={"message": "   "}, headers={"X-Forwarded-For": f"9.9.9.{n // 3}"}
            ).status_code
            for n in range(6)
        ]
        assert codes == [422, 422, 429, 422, 422, 429]  # two clients behind our proxy, two quotas


def body_of(total: int, sent: list[int]) -> Iterator[bytes]:
    piece = b"x" * 65_536
    for _ in range(total // len(piece)):
        sent[0] += len(piece)
        yield piece


@pytest.mark.parametrize(
    ("path", "cap"), [("/api/chat", 16_384), ("/api/feedback", 16_384), ("/gradio_api/queue/join", 1_000_000)]
)
def test_a_chunked_body_is_refused_while_it_is_read(small_coach, tmp_path, path, cap):
    app, settings = app_for(small_coach, tmp_path, ui=path.startswith("/gradio"))
    with live_server(app, **uvicorn_options(settings)) as url:
        sent = [0]
        r = httpx.post(f"{url}{path}", content=body_of(200_000_000, sent), headers=JSON, timeout=30)
        assert r.status_code == 413 and r.json() == {"error": f"request body over {cap} bytes"}
        assert sent[0] < 50_000_000  # stopped long before the 200 MB were sent
        declared = httpx.post(f"{url}{path}", content=b"x" * (cap + 1), headers=JSON)
        assert declared.status_code == 413
        assert httpx.get(f"{url}/api/health").status_code == 200  # the server is fine


@pytest.fixture(scope="module")
def server(small_coach, tmp_path_factory):
    app, settings = app_for(small_coach, tmp_path_factory.mktemp("edges-api"), rate_limit_per_minute=1000)
    with live_server(app, **uvicorn_options(settings)) as url:
        yield url


@pytest.mark.parametrize("field", ["message", "guide"])
def test_lone_surrogates_are_422_not_500(server, field):
    body = {"message": "What does a baker earn?", field: "baker \ud800"}
    raw = json.dumps(body).encode()  # json escapes the surrogate as \\ud800, as a client would
    for path in ("/api/chat", "/api/chat/stream"):
        r = httpx.post(f"{server}{path}", content=raw, headers=JSON, timeout=30)
        assert r.status_code == 422, path
        assert r.json()["error"].startswith(f"{field}: character 7 is not valid text")


def test_lone_surrogate_in_feedback_reason_is_422(server):
    chat = httpx.post(f"{server}/api/chat", json={"message": "What does a baker earn?"}, timeout=30).json()
    body = {"session_id": chat["session_id"], "message_id": chat["message_id"], "rating": "down"}
    r = httpx.post(f"{server}/api/feedback", content=json.dumps({**body, "reason": "\udfff"}), headers=JSON)
    assert r.status_code == 422 and r.json()["error"].startswith("reason: character 1 is not valid text")
    assert httpx.post(f"{server}/api/feedback", json={**body, "reason": "café"}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"message": "hi", "session_id": "s" * 10_000},
        {"question": "q" * 10_000},
        {"message": ["w" * 10_000]},
        {"message": "ok", "guide": "g" * 10_000},
    ],
)
def test_422_echoes_only_a_short_prefix(server, body):
    r = httpx.post(f"{server}/api/chat", json=body, timeout=30)
    assert r.status_code == 422
    assert len(r.content) < 1_000
    assert all(len(str(d["input"])) <= 81 for d in r.json()["detail"])


def test_sigterm_stops_coach_serve_within_two_seconds(small_home):
    env = {**os.environ, "COACH_HOME": str(small_home), "COACH_EMBEDDER": "fake"}
    with coach_serve(env, timeout=60) as (url, proc):
        with (
            httpx.Client(timeout=30) as client,
            client.stream("GET", f"{url}/gradio_api/heartbeat/x1") as open_sse,
        ):
            assert open_sse.status_code == 200  # an event stream that never ends on its own
            t0 = time.perf_counter()
            proc.send_signal(signal.SIGTERM)
            proc.wait(10)
            elapsed = time.perf_counter() - t0
        assert elapsed <= 2.0, f"took {elapsed:.2f} s to stop"
