"""Bounded load run: N concurrent clients for S seconds on /api/chat of a live `coach serve` on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

QUESTIONS = [
    "What does a customer support manager earn?",
    "What skills does a customer support specialist need?",
    "How many years does it take to become a team lead?",
    "Is remote work common in customer support?",
    "What are the cons of customer support work?",
    "How do I get into customer support with no experience?",
]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _client(
    url: str, n: int, until: float, latencies: list[float], errors: list[str], unique: bool = False
) -> None:
    async with httpx.AsyncClient(timeout=30, headers={"x-client": str(n)}) as client:
        i = n
        while time.perf_counter() < until:
            t0 = time.perf_counter()
            question = QUESTIONS[i % len(QUESTIONS)]
            if unique:  # a question never asked before: no cached query vector
                question = f"{question} (asked by visitor {n}-{i})"
            try:
                r = await client.post(f"{url}/api/chat", json={"message": question})
                if r.status_code != 200:
                    errors.append(str(r.status_code))
                else:
                    latencies.append((time.perf_counter() - t0) * 1000)
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
            i += 1


@contextmanager
def coach_serve(env: dict[str, str], timeout: float = 90.0) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`coach serve` on a free 127.0.0.1 port with `env`, once /api/health answers 200: (url, process).
    Stopped with SIGTERM on exit; a server that does not come up raises RuntimeError."""
    port = _port()
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "coach"), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.time() > deadline or proc.poll() is not None:
                raise RuntimeError("coach serve did not start")
            time.sleep(0.2)
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(15)


def run_load(
    home: Path, env: dict[str, str], clients: int = 20, seconds: float = 60.0, unique: bool = False
) -> dict[str, float]:
    """`clients` concurrent clients for `seconds`; with `unique`, every question is new (no cache helps)."""
    env = {**env, "COACH_HOME": str(home), "COACH_RATE_LIMIT_PER_MINUTE": "1000000"}
    with coach_serve(env) as (url, _proc):
        latencies: list[float] = []
        errors: list[str] = []
        start = time.perf_counter()

        async def main() -> None:
            until = time.perf_counter() + seconds
            await asyncio.gather(*(_client(url, n, until, latencies, errors, unique) for n in range(clients)))

        asyncio.run(main())
        elapsed = time.perf_counter() - start
    qs = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else [0.0] * 99
    return {
        "load_clients": clients,
        "load_seconds": round(elapsed, 1),
        "load_requests": len(latencies) + len(errors),
        "load_requests_per_s": round((len(latencies) + len(errors)) / elapsed, 2),
        "load_latency_ms_p50": round(qs[49], 1),
        "load_latency_ms_p95": round(qs[94], 1),
        "load_errors": len(errors),
    }


if __name__ == "__main__":
    home = Path(os.environ.get("COACH_HOME", ".coach"))
    print(
        run_load(
            home,
            dict(os.environ),
            int(os.environ.get("CLIENTS", "20")),
            float(os.environ.get("SECONDS", "60")),
            os.environ.get("UNIQUE") == "1",
        )
    )
