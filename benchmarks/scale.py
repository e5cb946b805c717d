"""Scale run: synthetic corpora of 3, 30 and 300 guides (BENCH_SCALES), each ingested with the real embedder,
then timed for retrieval and answers, its index measured on disk and a live server's RSS read;
the growth curve is drawn as a self-contained SVG and each figure's log-log slope (growth exponent) is fitted."""

from __future__ import annotations

import html
import math
import os
import shutil
import statistics
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks import synth

TEMPLATES = (
    "What does a {t} earn?",
    "What skills does a {t} need?",
    "How do I become a {t}?",
    "What is the job outlook for {t}?",
    "What does a {t} do day to day?",
    "How many years does it take to become a senior {t}?",
    "What qualifications do {t} need?",
    "Is remote work common for a {t}?",
    "What are the pros and cons of working as a {t}?",
    "What is the career path for a {t}?",
)
QUESTIONS = 48
GROWTH = ("ingest_s", "index_mb", "retrieve_ms_p95", "answer_ms_p95", "server_rss_mb")


def scales() -> list[int]:
    return [int(s) for s in os.environ.get("BENCH_SCALES", "3,30,300").split(",") if s.strip()]


def _pct(values: list[float], q: int) -> float:
    if len(values) < 2:
        return round(values[0], 2) if values else 0.0
    return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 2)


def _size_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6, 2)


def questions(n: int) -> list[str]:
    """Questions spread over the corpus's job titles, distinct so no cache answers them."""
    combos = list(dict.fromkeys(t.format(t=title) for title in synth.titles(n) for t in TEMPLATES))
    step = max(1, len(combos) // QUESTIONS)
    while math.gcd(step, len(TEMPLATES)) != 1:  # so the picks walk through every template too
        step += 1
    return combos[::step][:QUESTIONS]


def _forget_queries(coach: Any) -> None:
    """Empty the query-vector cache, so each timing includes embedding the question."""
    cache = getattr(coach.retriever.embedder, "_queries", None)
    if cache is not None:
        cache.clear()


def server_rss_mb(home: Path, env: dict[str, str]) -> float:
    """Resident memory of `coach serve` over this home after a few answers (Linux /proc)."""
    from benchmarks.load import coach_serve

    env = {**env, "COACH_HOME": str(home), "COACH_RATE_LIMIT_PER_MINUTE": "100000"}
    try:
        with coach_serve(env, timeout=120) as (url, proc):
            for q in TEMPLATES:
                httpx.post(f"{url}/api/chat", json={"message": q.format(t="nurse")}, timeout=60)
            status = Path(f"/proc/{proc.pid}/status")
            if not status.exists():
                return float("nan")
            kb = next(
                int(line.split()[1]) for line in status.read_text().splitlines() if line.startswith("VmRSS")
            )
            return round(kb / 1024, 1)
    except RuntimeError:
        return float("nan")


def run_scale(n: int, work: Path, embedder: Any, env: dict[str, str]) -> dict[str, float]:
    """Every figure for a corpus of `n` synthetic guides."""
    from coach.ask.coach import Coach
    from coach.ask.question import retrieval_query
    from coach.ingest.pipeline import ingest
    from coach.settings import Settings

    corpus, home = work / f"corpus-{n}", work / f"home-{n}"
    shutil.rmtree(home, ignore_errors=True)  # a cold ingest, never an incremental one
    synth.make_corpus(n, corpus)
    settings = Settings(home=home, corpus_dir=corpus)
    t0 = time.perf_counter()
    summary = ingest([corpus], settings, embedder=embedder).summary
    ingest_s = time.perf_counter() - t0
    coach = Coach.from_settings(settings)
    asked = questions(n)
    coach.ask("What does this job pay?")  # warm
    _forget_queries(coach)
    retrieve_ms = []
    for q in asked:
        t0 = time.perf_counter()
        coach.retriever.retrieve(retrieval_query(q), settings.top_k)
        retrieve_ms.append((time.perf_counter() - t0) * 1000)
    _forget_queries(coach)
    answer_ms = []
    for q in asked:
        t0 = time.perf_counter()
        coach.ask(q)
        answer_ms.append((time.perf_counter() - t0) * 1000)
    return {
        "guides": summary.guides,
        "chunks": summary.chunks,
        "ingest_s": round(ingest_s, 2),
        "ingest_guides_per_s": round(summary.guides / ingest_s, 2),
        "ingest_chunks_per_s": round(summary.chunks / ingest_s, 1),
        "index_mb": _size_mb(home),
        "questions": len(asked),
        "retrieve_ms_p50": _pct(retrieve_ms, 50),
        "retrieve_ms_p95": _pct(retrieve_ms, 95),
        "answer_ms_p50": _pct(answer_ms, 50),
        "answer_ms_p95": _pct(answer_ms, 95),
        "server_rss_mb": server_rss_mb(home, env),
    }


def exponents(rows: dict[int, dict[str, float]], per: str = "guides") -> dict[str, float]:
    """Least-squares slope of log(figure) against log(guides), or log(chunks) with `per`: 1 = linear, 0 = flat."""
    out: dict[str, float] = {}
    ns = sorted(rows)
    if len(ns) < 2:
        return out
    for key in GROWTH:
        pts = [(math.log(rows[n].get(per, n)), math.log(rows[n][key])) for n in ns if rows[n].get(key, 0) > 0]
        if len(pts) < 2:
            continue
        mx = sum(x for x, _ in pts) / len(pts)
        my = sum(y for _, y in pts) / len(pts)
        den = sum((x - mx) ** 2 for x, _ in pts)
        out[key] = round(sum((x - mx) * (y - my) for x, y in pts) / den, 3) if den else 0.0
    return out


COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd")


def chart(rows: dict[int, dict[str, float]], slopes: dict[str, float]) -> str:
    """A log-log SVG of each figure relative to the smallest corpus, with linear growth dashed for reference."""
    ns = sorted(rows)
    w, h, pad = 640, 400, 60
    lo_n, hi_n = math.log10(ns[0]), math.log10(ns[-1]) if ns[-1] > ns[0] else math.log10(ns[0]) + 1
    top = math.log10(max(ns[-1] / ns[0], 10))

    def xy(n: float, ratio: float) -> tuple[float, float]:
        x = pad + (math.log10(n) - lo_n) / (hi_n - lo_n) * (w - 2 * pad)
        y = h - pad - (math.log10(max(ratio, 0.1)) + 1) / (top + 1) * (h - 2 * pad)
        return round(x, 1), round(y, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<text x="{w / 2}" y="20" text-anchor="middle" font-size="14">careercoach growth, relative to {ns[0]} guides (log-log)</text>',
        f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="black"/>',
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{h - pad}" stroke="black"/>',
    ]
    for n in ns:
        x, _ = xy(n, 1)
        parts.append(f'<text x="{x}" y="{h - pad + 18}" text-anchor="middle">{n}</text>')
    for ratio in (0.1, 1, 10, 100, 1000):
        if math.log10(ratio) <= top:
            _, y = xy(ns[0], ratio)
            parts.append(f'<text x="{pad - 8}" y="{y + 4}" text-anchor="end">{ratio:g}×</text>')
    x0, y0 = xy(ns[0], 1)
    x1, y1 = xy(ns[-1], ns[-1] / ns[0])
    parts.append(f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="#999" stroke-dasharray="5,4"/>')
    parts.append(f'<text x="{x1 - 4}" y="{y1 - 6}" text-anchor="end" fill="#666">linear</text>')
    for i, key in enumerate(GROWTH):
        base = rows[ns[0]].get(key) or 0
        if not base or base != base:
            continue
        points = " ".join(f"{x},{y}" for x, y in (xy(n, rows[n][key] / base) for n in ns))
        color = COLORS[i % len(COLORS)]
        parts.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>')
        label = f"{key} (slope {slopes.get(key, float('nan')):.2f})"
        parts.append(f'<text x="{pad + 10}" y="{pad + 16 * i}" fill="{color}">{html.escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def run_all(work: Path, env: dict[str, str], out: Path) -> dict[str, Any]:
    """Run every scale, write scale.svg and scale.html under `out`, return rows and growth exponents."""
    from coach.index.embed import SentenceTransformerEmbedder
    from coach.settings import Settings

    embedder = SentenceTransformerEmbedder(Settings(home=work))
    embedder.embed(["warm up"])
    rows: dict[int, dict[str, float]] = {}
    for n in scales():
        print(f"  scale {n} guides …", flush=True)
        rows[n] = run_scale(n, work, embedder, env)
    slopes = exponents(rows)
    out.mkdir(exist_ok=True)
    if rows:
        svg = chart(rows, slopes)
        (out / "scale.svg").write_text(svg, encoding="utf-8")
        table = "".join(
            f"<tr><td>{n}</td>" + "".join(f"<td>{v}</td>" for v in r.values()) + "</tr>"
            for n, r in rows.items()
        )
        head = "".join(f"<th>{k}</th>" for k in next(iter(rows.values())))
        (out / "scale.html").write_text(
            f"<!doctype html><meta charset='utf-8'><title>careercoach scale</title>{svg}"
            f"<table border=1 cellpadding=4><tr><th>n</th>{head}</tr>{table}</table>"
            f"<p>growth exponents (log-log slope): {html.escape(str(slopes))}</p>",
            encoding="utf-8",
        )
    return {
        "rows": {str(n): r for n, r in rows.items()},
        "growth_exponent": slopes,
        "growth_exponent_per_chunk": exponents(rows, "chunks"),
    }
