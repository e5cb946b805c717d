"""Evaluation: run a JSONL dataset through the same `Coach` users get and compute the contract metrics.

Dataset lines: {"id", "question", "history"?, "expected_facts", "evidence", "answerable"}.
Metric definitions (part of the contract):
- hit@k / mrr@10: answerable cases with a supporting passage in the first k of `retrieved` (ir-measures).
- citation_support: answerable cases where a cited passage supports the case.
- fact_recall: expected facts present in the answer, over all answerable cases.
- ungrounded_numbers: numbers in answers found in none of their cited passages (summed).
- refusal_recall / false_refusal_rate: unanswerable cases declined / answerable cases declined.
- latency_ms_p50 / latency_ms_p95.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from coach.errors import ConfigError
from coach.ask.grounding import ungrounded_count

HIGHER_IS_BETTER = ("hit@1", "hit@3", "hit@5", "mrr@10", "citation_support", "fact_recall", "refusal_recall")
LOWER_IS_BETTER = ("ungrounded_numbers", "false_refusal_rate", "latency_ms_p50", "latency_ms_p95")
METRICS = HIGHER_IS_BETTER + LOWER_IS_BETTER


@dataclass
class Case:
    id: str
    question: str
    expected_facts: list[str | list[str]] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    answerable: bool = True
    history: list[dict[str, str]] = field(default_factory=list)


def load_dataset(path: Path) -> list[Case]:
    """Read and validate a JSONL dataset; errors name the file and line."""
    if not path.exists():
        raise ConfigError(f"dataset {path} does not exist")
    cases: list[Case] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            case = Case(
                id=str(data["id"]),
                question=str(data["question"]),
                expected_facts=list(data.get("expected_facts", [])),
                evidence=[str(e) for e in data.get("evidence", [])],
                answerable=bool(data.get("answerable", True)),
                history=list(data.get("history", [])),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(
                f"{path}:{n}: not a valid case ({exc}); each line needs id, question, expected_facts, evidence, answerable"
            ) from exc
        if case.id in seen:
            raise ConfigError(f"{path}:{n}: duplicate id {case.id!r}")
        seen.add(case.id)
        cases.append(case)
    if not cases:
        raise ConfigError(f"dataset {path} has no cases")
    return cases


def _alnum(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def supports(passage: str, evidence: Iterable[str]) -> bool:
    """A passage supports a case when, lower-cased with only letters and digits kept, it contains one evidence string."""
    p = _alnum(passage)
    return any(_alnum(e) and _alnum(e) in p for e in evidence)


def fact_present(answer: str, fact: str | list[str]) -> bool:
    """A fact (or one of its alternatives) occurs in the answer, case-insensitively, ignoring whitespace differences."""
    squash = lambda s: re.sub(r"\s+", "", s.lower())  # noqa: E731
    options = fact if isinstance(fact, list) else [fact]
    return any(squash(o) in squash(answer) for o in options)


def case_metrics(case: Case, result: dict[str, Any]) -> dict[str, Any]:
    """Per-case metrics from one `coach ask --json`-shaped result."""
    retrieved = [r["text"] for r in result.get("retrieved", [])]
    cited = [c["text"] for c in result.get("citations", [])]
    refused = bool(result.get("refused"))
    m: dict[str, Any] = {
        "refused": refused,
        "ungrounded_numbers": 0 if refused else ungrounded_count(result["answer"], cited),
    }
    if case.answerable:
        ranks = [i for i, text in enumerate(retrieved, 1) if supports(text, case.evidence)]
        first = ranks[0] if ranks else None
        for k in (1, 3, 5):
            m[f"hit@{k}"] = bool(first and first <= k)
        m["rr@10"] = 1.0 / first if first and first <= 10 else 0.0
        m["citation_support"] = any(supports(t, case.evidence) for t in cited)
        present = [fact_present(result["answer"], f) for f in case.expected_facts]
        m["facts_present"] = sum(present)
        m["facts_total"] = len(present)
        m["false_refusal"] = refused
    else:
        m["correct_refusal"] = refused and not cited
    return m


def _ir_measures(cases: list[Case], results: list[dict[str, Any]]) -> dict[str, float]:
    """hit@k and MRR@10 with ir-measures; a case with no supporting passage retrieved counts as a miss."""
    import ir_measures
    from ir_measures import RR, Qrel, ScoredDoc, Success

    qrels, run = [], []
    for case, result in zip(cases, results, strict=True):
        if not case.answerable:
            continue
        qrels.append(Qrel(case.id, "__never_retrieved__", 1))  # keeps cases with no hit in the average
        for rank, r in enumerate(result.get("retrieved", []), 1):
            doc = f"{rank}:{r['chunk_id']}"
            run.append(ScoredDoc(case.id, doc, float(1000 - rank)))
            if supports(r["text"], case.evidence):
                qrels.append(Qrel(case.id, doc, 1))
    if not qrels:
        return {}
    agg = ir_measures.calc_aggregate([Success @ 1, Success @ 3, Success @ 5, RR @ 10], qrels, run)
    return {
        "hit@1": agg[Success @ 1],
        "hit@3": agg[Success @ 3],
        "hit@5": agg[Success @ 5],
        "mrr@10": agg[RR @ 10],
    }


def summarize(
    cases: list[Case], results: list[dict[str, Any]], per_case: list[dict[str, Any]], latencies: list[float]
) -> dict[str, Any]:
    answerable = [m for c, m in zip(cases, per_case, strict=True) if c.answerable]
    unanswerable = [m for c, m in zip(cases, per_case, strict=True) if not c.answerable]
    share = lambda items, key: float(np.mean([bool(m[key]) for m in items])) if items else 0.0  # noqa: E731
    total_facts = sum(m["facts_total"] for m in answerable)
    summary: dict[str, Any] = {
        **{k: 0.0 for k in ("hit@1", "hit@3", "hit@5", "mrr@10")},
        **_ir_measures(cases, results),
        "citation_support": share(answerable, "citation_support"),
        "fact_recall": sum(m["facts_present"] for m in answerable) / total_facts if total_facts else 0.0,
        "ungrounded_numbers": int(sum(m["ungrounded_numbers"] for m in per_case)),
        "refusal_recall": share(unanswerable, "correct_refusal"),
        "false_refusal_rate": share(answerable, "false_refusal"),
        "latency_ms_p50": float(np.percentile(latencies, 50)) if latencies else 0.0,
        "latency_ms_p95": float(np.percentile(latencies, 95)) if latencies else 0.0,
        "cases": len(cases),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
    }
    return {k: round(float(v), 4) if isinstance(v, float) else v for k, v in summary.items()}


AskFn = Callable[[Case], dict[str, Any]]


def run_cases(cases: list[Case], ask: AskFn, on_case: Callable[[], None] | None = None) -> dict[str, Any]:
    """Ask every case, then score; returns the report dict (summary, cases)."""
    results, per_case, latencies, rows = [], [], [], []
    for case in cases:
        t0 = time.perf_counter()
        result = ask(case)
        latency = (time.perf_counter() - t0) * 1000
        metrics = case_metrics(case, result)
        results.append(result)
        per_case.append(metrics)
        latencies.append(latency)
        rows.append(
            {
                "id": case.id,
                "question": case.question,
                "history": case.history,
                "answerable": case.answerable,
                "expected_facts": case.expected_facts,
                "evidence": case.evidence,
                "answer": result["answer"],
                "refused": result["refused"],
                "citations": result["citations"],
                "retrieved": result["retrieved"],
                "grounding_fallback": result.get("grounding_fallback", False),
                "latency_ms": round(latency, 2),
                "metrics": metrics,
            }
        )
        if on_case:
            on_case()
    return {"summary": summarize(cases, results, per_case, latencies), "cases": rows}


def coach_asker(coach: Any, llm: str | None) -> AskFn:
    def ask(case: Case) -> dict[str, Any]:
        data = coach.ask(case.question, case.history, llm=llm).to_dict()
        data.pop("warnings", None)
        return data

    return ask


# --- naive LangChain baseline -----------------------------------------------------------------


def naive_asker(settings: Any, embedder: Any) -> AskFn:
    """Plain LangChain RAG: RecursiveCharacterTextSplitter(1000, 200), dense top-4, answer = first sentences of the top passage."""
    from langchain_core.embeddings import Embeddings
    from langchain_core.vectorstores import InMemoryVectorStore
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from coach.ingest.load import load_guides

    class _Adapter(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed(texts).tolist()  # type: ignore[no-any-return]

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed([text])[0].tolist()  # type: ignore[no-any-return]

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    store = InMemoryVectorStore(_Adapter())
    texts, metas = [], []
    for guide in load_guides([settings.corpus_dir]).guides:
        for n, piece in enumerate(splitter.split_text(guide.clean_text)):
            texts.append(piece)
            metas.append({"source": guide.source, "guide": guide.title, "id": f"{guide.source}#{n}"})
    store.add_texts(texts, metadatas=metas)

    def ask(case: Case) -> dict[str, Any]:
        docs = store.similarity_search_with_score(case.question, k=4)
        retrieved = [
            {
                "chunk_id": d.metadata["id"],
                "guide": d.metadata["guide"],
                "section": "",
                "text": d.page_content,
                "score": float(s),
            }
            for d, s in docs
        ]
        top = docs[0][0].page_content if docs else ""
        sentences = re.split(r"(?<=[.!?])\s+", " ".join(top.split()))
        answer = " ".join(sentences[:2]) + " [1]" if top else ""
        citations = [dict(retrieved[0], n=1)] if retrieved else []
        return {
            "answer": answer,
            "refused": False,
            "citations": citations,
            "retrieved": retrieved,
            "grounding_fallback": False,
        }

    return ask


# --- bars and comparisons ------------------------------------------------------------------------


def parse_bars(items: list[str]) -> dict[str, float]:
    bars: dict[str, float] = {}
    for item in items:
        name, _, value = item.partition("=")
        if name not in METRICS or not value:
            raise ConfigError(
                f"--fail-under {item!r}: use METRIC=VALUE with METRIC one of {', '.join(METRICS)}"
            )
        try:
            bars[name] = float(value)
        except ValueError:
            raise ConfigError(f"--fail-under {item!r}: {value!r} is not a number") from None
    return bars


def failures(summary: dict[str, Any], bars: dict[str, float]) -> list[str]:
    """Metrics that miss their bar: below it for scores, above it for counts, rates of failure and latencies."""
    out = []
    for name, bar in bars.items():
        value = summary.get(name, 0.0)
        if name in LOWER_IS_BETTER and value > bar:
            out.append(f"{name} = {value} is above the bar {bar}")
        elif name in HIGHER_IS_BETTER and value < bar:
            out.append(f"{name} = {value} is below the bar {bar}")
    return out


def deltas(summary: dict[str, Any], old: dict[str, Any]) -> dict[str, float]:
    return {m: round(float(summary.get(m, 0)) - float(old.get(m, 0)), 4) for m in METRICS if m in old}


def llm_judged(report: dict[str, Any], settings: Any) -> dict[str, Any]:
    """Optional ragas faithfulness / answer relevancy with the configured OpenAI-compatible LLM (report-only)."""
    try:
        import ragas  # noqa: F401
    except ImportError:
        return {"skipped": "ragas is not installed: pip install 'careercoach[judge]'"}
    try:
        from langchain_openai import ChatOpenAI
        from ragas import EvaluationDataset, evaluate
        from ragas.llms import LangchainLLMWrapper
        from ragas.metrics import Faithfulness

        llm = LangchainLLMWrapper(
            ChatOpenAI(
                base_url=settings.openai_base_url,
                model=settings.openai_model,
                api_key=settings.openai_api_key,
                timeout=settings.llm_timeout,
            )
        )
        rows = [
            {
                "user_input": c["question"],
                "response": c["answer"],
                "retrieved_contexts": [x["text"] for x in c["citations"]],
            }
            for c in report["cases"]
            if not c["refused"]
        ]
        scores = evaluate(EvaluationDataset.from_list(rows), metrics=[Faithfulness(llm=llm)])
        return {"faithfulness": float(np.nanmean(scores["faithfulness"]))}
    except Exception as exc:  # report-only: never fail an eval run over the judge
        return {"skipped": f"LLM judge failed: {type(exc).__name__}: {exc}"}
