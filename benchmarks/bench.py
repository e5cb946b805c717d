"""`make bench`: speed and retrieval figures, written to bench-results/bench.json and printed as a table;
then the scale run (benchmarks/scale.py: 3, 30 and 300 synthetic guides, BENCH_SCALES to change) with its chart.

Benchmarks are not tests: they assert nothing, they measure. Targets from the issues are shown beside each figure.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
COACH = str(Path(sys.executable).parent / "coach")
OUT = ROOT / "bench-results"
console = Console()


def pct(values: list[float], q: float) -> float:
    return round(
        float(statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1])
        if len(values) > 1
        else values[0],
        2,
    )


def timed_cli(*args: str, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([COACH, *args], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"coach {' '.join(args)} failed: {proc.stderr}")
    return round(time.perf_counter() - t0, 3)


def bench_ingest(home: Path, env: dict[str, str]) -> dict[str, float]:
    from coach.index.embed import SentenceTransformerEmbedder
    from coach.ingest.pipeline import corpus_chunks, ingest
    from coach.settings import Settings

    settings = Settings(home=home)
    embedder = SentenceTransformerEmbedder(settings)
    embedder.embed(["warm up"])
    t0 = time.perf_counter()
    summary = ingest(None, settings, embedder=embedder).summary
    cold = time.perf_counter() - t0
    reingest_inproc = ingest(None, settings, embedder=embedder).summary.seconds
    reingest_cli = timed_cli("ingest", "--json", env=env)

    chunks, _, _ = corpus_chunks([settings.corpus_dir], settings)
    texts = [c.embed_text for c in chunks]
    ours, bare = [], []
    for _ in range(3):  # alternate to share the machine's state fairly
        t0 = time.perf_counter()
        embedder.embed_batches(texts)
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        embedder.model.encode(
            texts, batch_size=settings.embed_batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        bare.append(time.perf_counter() - t0)
    return {
        "chunks": summary.chunks,
        "cold_ingest_s": round(cold, 3),
        "chunks_per_s": round(summary.chunks / cold, 2),
        "reingest_unchanged_s_inprocess": round(reingest_inproc, 4),
        "reingest_unchanged_s_cli": reingest_cli,
        "embed_throughput_ratio": round(min(bare) / min(ours), 3),
        "embed_ours_chunks_per_s": round(len(texts) / min(ours), 1),
        "embed_bare_chunks_per_s": round(len(texts) / min(bare), 1),
    }


def bench_answers(home: Path, env: dict[str, str]) -> dict[str, float]:
    from coach.ask.coach import Coach
    from coach.ask.question import retrieval_query
    from coach.evals import evaluate as ev
    from coach.settings import Settings

    settings = Settings(home=home)
    coach = Coach.from_settings(settings)
    cases = ev.load_dataset(ROOT / "evals" / "datasets" / "dev.jsonl")
    questions = [c.question for c in cases if not c.history]
    coach.ask(questions[0])  # warm
    retrieve_ms, answer_ms = [], []
    for q in questions:
        t0 = time.perf_counter()
        coach.retriever.retrieve(retrieval_query(q), 10)
        retrieve_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        coach.ask(q)
        answer_ms.append((time.perf_counter() - t0) * 1000)
    cold = [
        timed_cli("ask", "What does a customer support team lead earn?", "--json", env=env) for _ in range(3)
    ]

    answerable = [c for c in cases if c.answerable]
    naive_ask = ev.naive_asker(settings, coach.retriever.embedder)
    ours_results = [coach.ask(c.question, c.history).to_dict() for c in answerable]
    naive_results = [naive_ask(c) for c in answerable]
    ours = [ev.case_metrics(c, r) for c, r in zip(answerable, ours_results, strict=True)]
    naive = [ev.case_metrics(c, r) for c, r in zip(answerable, naive_results, strict=True)]

    def share(values: list[bool]) -> float:
        return round(sum(values) / len(values), 4)

    def hit4(results: list[dict]) -> float:
        return share(
            [
                any(ev.supports(r["text"], c.evidence) for r in res["retrieved"][:4])
                for c, res in zip(answerable, results, strict=True)
            ]
        )

    return {
        "questions": len(questions),
        "retrieve_ms_p50": pct(retrieve_ms, 50),
        "retrieve_ms_p95": pct(retrieve_ms, 95),
        "answer_ms_p50": pct(answer_ms, 50),
        "answer_ms_p95": pct(answer_ms, 95),
        "cold_ask_s_median": round(statistics.median(cold), 3),
        "hit@4_ours": hit4(ours_results),
        "hit@4_naive_langchain": hit4(naive_results),
        "hit@1_ours": share([m["hit@1"] for m in ours]),
        "hit@1_naive_langchain": share([m["hit@1"] for m in naive]),
        "citation_support_ours": share([m["citation_support"] for m in ours]),
        "citation_support_naive_langchain": share([m["citation_support"] for m in naive]),
    }


def bench_tools(home: Path) -> dict[str, float]:
    """Warm timings of the coaching tools (coach/tools/) on the seed corpus, 20 runs each."""
    from coach.ask.coach import Coach
    from coach.settings import Settings
    from coach.tools.compare import compare
    from coach.tools.gap import skills_gap
    from coach.tools.interview import interview_feedback, interview_question
    from coach.tools.path import career_path

    coach = Coach.from_settings(Settings(home=home))
    first = interview_question(coach, "customer support manager")
    runs = {
        "path": lambda: career_path(coach, "support representative", 2),
        "compare": lambda: compare(coach, ["customer support specialist", "customer support manager"]),
        "gap": lambda: skills_gap(
            coach,
            "customer support manager",
            "Two years in support. Handled tickets in Zendesk. Led a team of four.",
        ),
        "interview_question": lambda: interview_question(coach, "customer support manager", 1),
        "interview_feedback": lambda: interview_feedback(
            coach,
            first.id,
            "I would coach the team, track satisfaction and fix recurring issues with product.",
        ),
    }
    out: dict[str, float] = {}
    for name, run in runs.items():
        run()  # warm
        times = []
        for _ in range(20):
            t0 = time.perf_counter()
            run()
            times.append((time.perf_counter() - t0) * 1000)
        out[f"{name}_ms_p50"], out[f"{name}_ms_p95"] = round(pct(times, 50), 1), round(pct(times, 95), 1)
    return out


def bench_load(home: Path, env: dict[str, str]) -> dict[str, float]:
    """20 concurrent clients for 60 s (COACH_BENCH_LOAD_SECONDS) on /api/chat of a live server on loopback."""
    try:
        from benchmarks.load import run_load
    except ImportError:
        return {}
    seconds = float(os.environ.get("COACH_BENCH_LOAD_SECONDS", "60"))
    figures = run_load(home, env, clients=20, seconds=seconds)
    fresh = run_load(home, env, clients=20, seconds=seconds / 2, unique=True)  # every question new
    figures.update({f"{k}_unique_questions": v for k, v in fresh.items() if k != "load_clients"})
    # the default int8 query encoder's figures under the name they had while it was opt-in, and the same load
    # with the float one (COACH_QUERY_PRECISION=float32): what the quantised encoder buys in throughput
    if {**os.environ, **env}.get("COACH_QUERY_PRECISION", "int8") == "int8":
        figures.update({f"{k}_unique_questions_int8": v for k, v in fresh.items() if k != "load_clients"})
    exact = run_load(
        home, {**env, "COACH_QUERY_PRECISION": "float32"}, clients=20, seconds=seconds / 2, unique=True
    )
    figures.update({f"{k}_unique_questions_float32": v for k, v in exact.items() if k != "load_clients"})
    return figures


TARGETS = {
    "reingest_unchanged_s_cli": "≤ 3 s",
    "embed_throughput_ratio": "≥ 0.85",
    "retrieve_ms_p50": "≤ 30 ms",
    "answer_ms_p50": "≤ 150 ms",
    "answer_ms_p95": "≤ 300 ms",
    "cold_ask_s_median": "≤ 6 s",
    "path_ms_p95": "≤ 300 ms",
    "compare_ms_p95": "≤ 300 ms",
    "gap_ms_p95": "≤ 300 ms",
    "interview_question_ms_p95": "≤ 300 ms",
    "interview_feedback_ms_p95": "≤ 300 ms",
    "load_errors": "0",
    "load_requests_per_s": "≥ 80 (one process)",
    "load_latency_ms_p95": "≤ 300 ms",
    "reindex_errors": "0 (besides 429)",
    "300.retrieve_ms_p95": "≤ 60 ms",
    "300.answer_ms_p95": "≤ 150 ms",
    "growth.retrieve_ms_p95": "< 1 (sub-linear)",
    "growth.answer_ms_p95": "< 1 (sub-linear)",
}


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    env = {**os.environ, "COACH_HOME": str(work / "home")}
    results: dict[str, object] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "started": time.time(),
    }
    try:
        console.print("[bold]ingest[/] …")
        results["ingest"] = bench_ingest(work / "home", env)
        console.print("[bold]answers[/] …")
        results["answers"] = bench_answers(work / "home", env)
        console.print("[bold]coaching tools[/] …")
        results["tools"] = bench_tools(work / "home")
        if os.environ.get("COACH_BENCH_SKIP_LOAD") != "1":
            console.print("[bold]load[/] …")
            results["load"] = bench_load(work / "home", env)
        if os.environ.get("COACH_BENCH_SKIP_REINDEX") != "1":
            from benchmarks.reindex_load import run as reindex_run

            console.print("[bold]load with a hot re-index[/] (50 clients x 60 s) …")
            results["reindex"] = reindex_run(50, float(os.environ.get("COACH_BENCH_LOAD_SECONDS", "60")))
        if os.environ.get("COACH_BENCH_SKIP_SCALE") != "1":
            from benchmarks.scale import run_all, scales

            console.print(f"[bold]scale[/] {scales()} guides …")
            results["scale"] = run_all(work / "scale", env, OUT)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    OUT.mkdir(exist_ok=True)
    (OUT / "bench.json").write_text(json.dumps(results, indent=2))
    table = Table(title="careercoach bench")
    for col in ("group", "figure", "value", "target"):
        table.add_column(col, justify="right" if col == "value" else "left")
    for group in ("ingest", "answers", "tools", "load", "reindex"):
        for key, value in (results.get(group) or {}).items():  # type: ignore[union-attr]
            table.add_row(group, key, str(value), TARGETS.get(key, ""))
    scaled: dict[str, Any] = results.get("scale") or {}  # type: ignore[assignment]
    for n, row in scaled.get("rows", {}).items():
        for key, value in row.items():
            table.add_row(f"scale {n}", key, str(value), TARGETS.get(f"{n}.{key}", ""))
    for key, value in scaled.get("growth_exponent", {}).items():
        table.add_row("growth", f"{key} exponent", str(value), TARGETS.get(f"growth.{key}", ""))
    for key, value in scaled.get("growth_exponent_per_chunk", {}).items():
        table.add_row("growth", f"{key} exponent per chunk", str(value), "")
    console.print(table)
    if scaled:
        console.print(f"growth chart: {OUT / 'scale.svg'} (table and chart: {OUT / 'scale.html'})")
    console.print(f"wrote {OUT / 'bench.json'}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
