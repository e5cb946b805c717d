"""The edges of `coach serve`: one pure-ASGI middleware that every HTTP request passes before the app sees it.

- who: the client address; a forwarded header counts only when the peer is a trusted proxy;
- how often: one sliding-window rate limit per client over every route that answers, i.e. every POST
  (REST chat, SSE stream, feedback, Gradio's queue/join, call/*, run/*); counted in this process
  (RateLimiter) or, for several workers or hosts, in the conversation store (SharedRateLimiter);
- how much: the body is counted while it is read (chunked too) and answered 413 as soon as it passes the cap;
- what: no uploads.

Also the helpers the API's validation uses: text that can be encoded, and short echoes of bad input.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from functools import lru_cache
from typing import Annotated, Any

import anyio
from fastapi.exceptions import RequestValidationError
from pydantic import BeforeValidator
from starlette.responses import Response

from coach.backends import ConversationStore
from coach.errors import CoachError
from coach.settings import Settings

log = logging.getLogger("coach.web")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ECHO_CHARS = 80  # the most of a client's input an error message repeats back


class RateLimiter:
    """A sliding one-minute window per client address, counted in this process."""

    blocking = False  # allow() never waits: called on the event loop

    def __init__(self, per_minute: int, window_s: float = 60.0) -> None:
        self.per_minute = per_minute
        self.window_s = window_s
        self.hits: dict[str, deque[float]] = {}
        self.lock = threading.Lock()
        self._swept = time.monotonic()

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        with self.lock:
            if now - self._swept > self.window_s:  # forget idle clients, so the table stays small
                self.hits = {c: w for c, w in self.hits.items() if w and now - w[-1] <= self.window_s}
                self._swept = now
            window = self.hits.setdefault(client, deque())
            while window and now - window[0] > self.window_s:
                window.popleft()
            if len(window) >= self.per_minute:
                return False
            window.append(now)
            return True


class SharedRateLimiter:
    """The same limit counted in the conversation store, so every worker and host sharing it counts each client
    once. A sliding minute estimated from two fixed ones: this window's requests plus the last window's, weighted
    by how much of it the sliding minute still covers. A refused request is taken back, so a client retrying is
    let in as the window slides. When the store cannot count (down, locked) this process counts alone."""

    blocking = True  # allow() waits on the database: called in a worker thread

    def __init__(self, store: ConversationStore, per_minute: int, window_s: int = 60) -> None:
        self.store = store
        self.per_minute = per_minute
        self.window_s = window_s
        self.local = RateLimiter(per_minute, window_s)

    def allow(self, client: str) -> bool:
        now = time.time()
        start = int(now // self.window_s) * self.window_s
        # the part of the last window still inside the sliding minute
        covered = 1 - (now - start) / self.window_s
        try:
            mine, before = self.store.hit(client, start, self.window_s)
            if mine + before * covered <= self.per_minute:
                return True
            self.store.hit(client, start, self.window_s, -1)
            return False
        except CoachError as exc:
            log.warning("rate limit counted in this process only: %s", exc)
            return self.local.allow(client)


@lru_cache(maxsize=64)
def _networks(trusted: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(t, strict=False) for t in trusted if t != "*")


def is_trusted(address: str, trusted: tuple[str, ...]) -> bool:
    """Whether `address` is one of the configured proxies (IP addresses or CIDR networks; `*` = any)."""
    if "*" in trusted:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address in trusted  # e.g. a unix socket path
    return any(ip in net for net in _networks(trusted))


def client_address(scope: Scope, trusted: tuple[str, ...]) -> str:
    """The client's address: the peer's, or (only when the peer is a trusted proxy) the nearest
    untrusted hop of X-Forwarded-For, which a client cannot forge past our own proxies."""
    client = scope.get("client")
    peer = str(client[0]) if client else "unknown"
    if not trusted or not is_trusted(peer, trusted):
        return peer
    forwarded = _header(scope, b"x-forwarded-for")
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    for hop in reversed(hops):
        if not is_trusted(hop, trusted):
            return hop
    return hops[0] if hops else peer


def _header(scope: Scope, name: bytes) -> str:
    values = [v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == name]
    return ",".join(values)


async def _reply(send: Send, status: int, error: str, headers: Iterable[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"error": error}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close") if status == 413 else (b"cache-control", b"no-store"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Edges:
    """Pure-ASGI guard: uploads 403, rate limit 429 on every POST, body cap 413 while reading."""

    def __init__(
        self,
        app: ASGIApp,
        limiter: RateLimiter | SharedRateLimiter,
        trusted_proxies: Iterable[str] = (),
        api_bytes: int = 16_384,
        ui_bytes: int = 1_000_000,
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.trusted = tuple(trusted_proxies)
        self.api_bytes = api_bytes
        self.ui_bytes = ui_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if "/upload" in path:
            await _reply(send, 403, "file uploads are not accepted")
            return
        cap = self.api_bytes if path.startswith("/api/") else self.ui_bytes
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > cap:
            await _reply(send, 413, f"request body over {cap} bytes")
            return
        if scope["method"] == "POST" and not await self._allow(client_address(scope, self.trusted)):
            await _reply(
                send,
                429,
                f"rate limit: at most {self.limiter.per_minute} requests a minute; try again shortly",
                [(b"retry-after", str(int(self.limiter.window_s)).encode())],
            )
            return
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        await self.app(scope, *_capped(receive, send, cap))

    async def _allow(self, client: str) -> bool:
        if self.limiter.blocking:
            return await anyio.to_thread.run_sync(self.limiter.allow, client)
        return self.limiter.allow(client)


def _capped(receive: Receive, send: Send, cap: int) -> tuple[Receive, Send]:
    """`receive` that counts body bytes and, past `cap`, answers 413 itself and tells the app the client left;
    `send` that drops whatever the app answers after that."""
    read = 0
    over = started = False

    async def capped_receive() -> Message:
        nonlocal read, over
        if over:
            return {"type": "http.disconnect"}
        message = await receive()
        if message["type"] == "http.request":
            read += len(message.get("body", b""))
            if read > cap:
                over = True
                if not started:
                    await _reply(send, 413, f"request body over {cap} bytes")
                return {"type": "http.disconnect"}
        return message

    async def guarded_send(message: Message) -> None:
        nonlocal started
        if over:
            return
        if message["type"] == "http.response.start":
            started = True
        await send(message)

    return capped_receive, guarded_send


# --- validation helpers ---------------------------------------------------------------------


def encodable(value: Any) -> Any:
    """Reject text that cannot be stored or sent as UTF-8 (lone surrogates such as "\\ud800")."""
    if not isinstance(value, str):
        return value  # not text: the field's own type check answers
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"character {exc.start + 1} is not valid text (a lone UTF-16 surrogate): send UTF-8 text"
        ) from None
    return value


Text = Annotated[str, BeforeValidator(encodable)]  # before: the field's own length checks keep their messages


def short(value: Any, limit: int = ECHO_CHARS) -> Any:
    """A bad input as an error may echo it: at most `limit` characters, always encodable."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[:limit] + "…"


def validation_response(exc: RequestValidationError) -> Response:
    """422 with the first problem as one line (`error`) and every problem (`detail`), echoing only short prefixes."""
    errors = exc.errors()
    detail = [
        {
            "type": e.get("type"),
            "loc": [short(x) for x in e.get("loc", [])],
            "msg": short(e.get("msg", ""), 300),
            "input": short(e.get("input")),
            **({"ctx": {k: short(v) for k, v in e["ctx"].items()}} if e.get("ctx") else {}),
        }
        for e in errors[:10]
    ]
    first = detail[0] if detail else {}
    where = ".".join(str(x) for x in first.get("loc", []) if x != "body")
    message = str(first.get("msg") or "invalid request").removeprefix("Value error, ")
    body = {"error": f"{where}: {message}" if where else message, "detail": detail}
    return Response(json.dumps(body), status_code=422, media_type="application/json")


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """How uvicorn runs the app: forwarded headers only from the configured proxies, a short drain on SIGTERM."""
    trusted = list(settings.trusted_proxies)
    return {
        "log_level": "warning",
        # uvicorn trusts 127.0.0.1 by default: any local process could then pick its own client address
        "proxy_headers": bool(trusted),
        "forwarded_allow_ips": trusted,
        "timeout_graceful_shutdown": settings.shutdown_timeout_s,
    }
