"""Running an eval: ask every case through the same `Coach` users get (or the naive baseline) and score it.

Datasets live in `coach.evals.dataset` and metric definitions in `coach.evals.metrics` (their public
names are re-exported here); suites and per-corpus indexes in `coach.evals.suites`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from coach.evals.dataset import Case, load_dataset
from coach.evals.metrics import (
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    METRICS,
    _alnum,
    case_metrics,
    deltas,
    fact_present,
    failures,
    gate_lines,
    parse_bars,
    summarize,
    supports,
    ungrounded,
)

__all__ = [
    "HIGHER_IS_BETTER",
    "LOWER_IS_BETTER",
    "METRICS",
    "AskFn",
    "Case",
    "_alnum",
    "case_metrics",
    "coach_asker",
    "deltas",
    "fact_present",
    "failures",
    "gate_lines",
    "llm_judged",
    "load_dataset",
    "naive_asker",
    "parse_bars",
    "run_cases",
    "summarize",
    "supports",
]

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
                "ungrounded_numbers": ungrounded(result["answer"], [c["text"] for c in result["citations"]]),
                "grounding_fallback": result.get("grounding_fallback", False),
                "latency_ms": round(latency, 2),
                "metrics": metrics,
            }
        )
        if on_case:
            on_case()
    return {"summary": summarize(cases, results, per_case, latencies), "cases": rows}


def coach_asker(coach: Any, llm: str | None) -> AskFn:
    """Ask through `coach` with answerer `llm`; the result is `coach ask --json`'s object."""

    def ask(case: Case) -> dict[str, Any]:
        data = coach.ask(case.question, case.history, llm=llm).to_dict()
        data.pop("warnings", None)
        return data

    return ask


# --- naive LangChain baseline -----------------------------------------------------------------


def naive_asker(settings: Any, embedder: Any) -> AskFn:
    """Plain LangChain RAG over the guides in `settings.corpus_dir`: RecursiveCharacterTextSplitter(1000, 200),
    dense top-4, answer = first sentences of the top passage."""
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
    for guide in load_guides([settings.corpus_dir], settings).guides:
        for n, piece in enumerate(splitter.split_text(guide.clean_text)):
            texts.append(piece)
            metas.append(
                {
                    "source": guide.source,
                    "guide": guide.title,
                    "role": guide.role,
                    "id": f"{guide.source}#{n}",
                }
            )
    store.add_texts(texts, metadatas=metas)

    def ask(case: Case) -> dict[str, Any]:
        docs = store.similarity_search_with_score(case.question, k=4)
        retrieved = [
            {
                "chunk_id": d.metadata["id"],
                "guide": d.metadata["guide"],
                "role": d.metadata["role"],
                "source": d.metadata["source"],
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
