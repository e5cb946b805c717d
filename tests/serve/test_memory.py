"""Bounded memory on a cold start (issue 16, item 4): a burst of 50 streaming requests to a freshly started server
keeps its peak resident memory (VmHWM) under 1 GB: one embedding model, loaded once, every route under one limit."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from coach.ingest.pipeline import ingest
from tests.conftest import make_settings
from tests.serve.test_hot_reindex import eventually
from tests.servers import free_port

COACH = str(Path(sys.executable).parent / "coach")


def _peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from /proc (Linux)")
def test_a_cold_burst_of_streams_stays_under_a_gigabyte(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h")
    ingest([guides_dir], settings, embedder=embedder)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, COACH_HOME=str(settings.home), COACH_RATE_LIMIT_PER_MINUTE="100000")
    server = subprocess.Popen(
        [COACH, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:

        def up() -> bool:
            try:
                return httpx.get(f"{url}/api/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        eventually(up, timeout=120)
        pid = httpx.get(f"{url}/api/health", timeout=5).json()["pid"]

        def stream(i: int) -> int:
            body = {"message": f"What does a baker earn in year {i}?"}
            with (
                httpx.Client(timeout=120) as client,
                client.stream("POST", f"{url}/api/chat/stream", json=body) as r,
            ):
                for _ in r.iter_bytes():
                    pass
                return r.status_code

        with ThreadPoolExecutor(50) as pool:
            codes = list(pool.map(stream, range(50)))
        assert set(codes) <= {200, 503} and codes.count(200) >= 40
        peak = _peak_kb(pid)
        assert peak < 1024 * 1024, f"peak RSS {peak / 1024:.0f} MB"
        print(f"cold burst of 50 streams: peak RSS {peak / 1024:.0f} MB")
    finally:
        server.terminate()
        server.wait(30)
