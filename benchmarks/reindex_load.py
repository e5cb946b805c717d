"""Load with a hot re-index in the middle: N clients for S seconds on a live `coach serve`, and a quarter of the way in
`coach ingest --rebuild` writes a new generation. Every answer must still come back (0 errors besides 429),
and the server must end up serving the new generation without a restart.

    python benchmarks/reindex_load.py            # 50 clients x 60 s (CLIENTS, SECONDS to change)
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from benchmarks.load import _client, coach_serve

COACH = str(Path(sys.executable).parent / "coach")


def run(clients: int = 50, seconds: float = 60.0) -> dict[str, object]:
    """The figures of one run, in a fresh data directory holding the bundled corpus."""
    home = Path(tempfile.mkdtemp(prefix="coach-reindex-"))
    env = {**os.environ, "COACH_HOME": str(home), "COACH_RATE_LIMIT_PER_MINUTE": "1000000"}
    try:
        subprocess.run([COACH, "ingest", "--json"], env=env, check=True, capture_output=True)
        with coach_serve(env) as (url, _server):
            before = httpx.get(f"{url}/api/health", timeout=5).json()["generation"]
            latencies: list[float] = []
            errors: list[str] = []  # a status code other than 200, or the name of a transport error
            ingest_s: list[float] = []

            def reindex() -> None:
                time.sleep(seconds / 4)  # early enough to finish, under load, well before the end
                t0 = time.perf_counter()
                subprocess.run(
                    [COACH, "ingest", "--rebuild", "--json"], env=env, check=True, capture_output=True
                )
                ingest_s.append(time.perf_counter() - t0)

            side = threading.Thread(target=reindex)
            side.start()
            start = time.perf_counter()

            async def main() -> None:
                until = time.perf_counter() + seconds
                await asyncio.gather(*(_client(url, n, until, latencies, errors) for n in range(clients)))

            asyncio.run(main())
            elapsed = time.perf_counter() - start
            side.join()
            after = before
            for _ in range(50):  # a server switches on the request after the pointer changes
                after = httpx.get(f"{url}/api/health", timeout=5).json()["generation"]
                if after != before:
                    break
                time.sleep(0.2)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    statuses = Counter({"200": len(latencies)}) + Counter(errors)
    total = sum(statuses.values())
    latencies.sort()
    return {
        "reindex_clients": clients,
        "reindex_seconds": round(elapsed, 1),
        "reindex_requests": total,
        "reindex_requests_per_s": round(total / elapsed, 1),
        "reindex_latency_ms_p95": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else 0.0,
        "reindex_errors": total - statuses["200"] - statuses["429"],
        "reindex_statuses": dict(statuses),
        "reindex_ingest_s": round(ingest_s[0], 1) if ingest_s else None,
        "reindex_generation_before": before,
        "reindex_generation_after": after,
    }


if __name__ == "__main__":
    print(run(int(os.environ.get("CLIENTS", "50")), float(os.environ.get("SECONDS", "60"))))
