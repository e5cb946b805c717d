"""Suites files, and `--corpus` runs that index their own guides without touching the live index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.errors import ConfigError
from coach.evals.dataset import Case
from coach.evals.evaluate import naive_asker
from coach.evals.suites import (
    SUITES_FILE,
    corpus_settings,
    evaluate_corpus,
    load_suites,
    run_suite,
    select_suites,
)
from coach.ingest.pipeline import ingest
from tests.conftest import make_settings

FLORIST = """Complete Florist Career Guide
Florists design arrangements of cut flowers for weddings, funerals and shops.
Salary & Outlook
Florists earn a median of $36,000 a year.
How to Become a Florist
Most florists learn floral design on the job in about 6 months.
"""

WELDER = """# Welder Guide

Welders join metal parts for construction, ships and pipelines.

## Certification

Welders take the AWS Certified Welder test after about 9 months of training.
"""

CASES = [
    Case("w", "How long does welder training take?", ["9 months"], ["after about 9 months"], True),
    Case("x", "What is the capital of France?", [], [], False),
]


def write_suites(root: Path, text: str) -> Path:
    (root / "evals").mkdir(parents=True, exist_ok=True)
    path = root / "evals" / "suites.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def other_corpus(tmp_path) -> Path:
    """A second two-guide corpus, unlike the one in the live index."""
    d = tmp_path / "other"
    d.mkdir()
    (d / "florist.txt").write_text(FLORIST, encoding="utf-8")
    (d / "welder.md").write_text(WELDER, encoding="utf-8")
    return d


def test_suites_file_paths_are_relative_to_the_repo_root(tmp_path):
    path = write_suites(
        tmp_path,
        '[suites.a]\ncorpus = "guides"\ndataset = "evals/a.jsonl"\n[suites.a.gate]\nfact_recall = 0.5\n'
        '"hit@5" = 1\n[suites.b]\ncorpus = "c"\ndataset = "d.jsonl"\n',
    )
    suites = load_suites(path)
    assert list(suites) == ["a", "b"]
    assert suites["a"].corpus == tmp_path.resolve() / "guides"
    assert suites["a"].dataset == tmp_path.resolve() / "evals" / "a.jsonl"
    assert suites["a"].gate == {"fact_recall": 0.5, "hit@5": 1.0} and suites["b"].gate == {}


def test_the_repo_suites_file_parses():
    suites = load_suites(SUITES_FILE)
    assert {"seed", "tuning", "validation"} <= set(suites)
    assert suites["validation"].gate["fact_recall"] == 0.84  # set from a measured run (see the suites file)
    assert suites["validation"].gate["mixed_occupation_disagreements"] == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[suites.a]\ncorpus = 'c'\n", r"\[suites.a\] needs dataset"),
        ("[suites.a]\ncorpus = 'c'\ndataset = 'd'\ncorpra = 'x'\n", "unknown keys corpra"),
        (
            "[suites.a]\ncorpus = 'c'\ndataset = 'd'\n[suites.a.gate]\naccuracy = 1\n",
            "unknown metric 'accuracy'",
        ),
        (
            "[suites.a]\ncorpus = 'c'\ndataset = 'd'\n[suites.a.gate]\nfact_recall = 'high'\n",
            "must be a number",
        ),
        ("[suites.all]\ncorpus = 'c'\ndataset = 'd'\n", "'all' is reserved"),
        ("[other]\n", "no suites"),
        ("[suites.a\n", "not valid TOML"),
    ],
)
def test_suites_file_errors_name_the_file(tmp_path, text, message):
    path = write_suites(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as info:
        load_suites(path)
    assert str(path) in str(info.value)


def test_missing_suites_file_corpus_or_dataset(tmp_path, guides_dir):
    with pytest.raises(ConfigError, match="does not exist"):
        load_suites(tmp_path / "nope.toml")
    (tmp_path / "d.jsonl").write_text("{}")
    path = write_suites(
        tmp_path,
        f'[suites.ok]\ncorpus = "{guides_dir.name}"\ndataset = "d.jsonl"\n'
        '[suites.nocorpus]\ncorpus = "evals/corpora/later"\ndataset = "d.jsonl"\n'
        f'[suites.nodata]\ncorpus = "{guides_dir.name}"\ndataset = "evals/later.jsonl"\n',
    )
    suites = load_suites(path)
    assert [s.name for s in select_suites(suites, ["ok"])] == ["ok"]
    with pytest.raises(ConfigError, match=r"corpus folder .*evals/corpora/later does not exist") as info:
        select_suites(suites, ["all"])
    assert str(path) in str(info.value)
    with pytest.raises(ConfigError, match=r"dataset .*evals/later.jsonl does not exist"):
        select_suites(suites, ["nodata"])
    with pytest.raises(
        ConfigError, match="unknown suite 'typo': choose one of ok, nocorpus, nodata or 'all'"
    ):
        select_suites(suites, ["typo"])


def test_corpus_settings_give_each_corpus_its_own_home(tmp_path, guides_dir, other_corpus):
    live = make_settings(tmp_path / "live")
    mine, theirs = corpus_settings(live, guides_dir), corpus_settings(live, other_corpus)
    assert mine.home.parent == theirs.home.parent == live.home / "eval"
    assert mine.home.name.startswith("guides-") and mine.home != theirs.home
    assert mine.corpus_dir == guides_dir.resolve() and live.corpus_dir != guides_dir.resolve()
    assert mine.collection_prefix != live.collection_prefix
    assert corpus_settings(live, guides_dir / ".." / "guides") == mine


def test_corpus_run_leaves_the_live_index_alone(tmp_path, embedder, guides_dir, other_corpus):
    live = make_settings(tmp_path / "live").model_copy(update={"corpus_dir": guides_dir})
    ingest(None, live, embedder=embedder)
    active = (live.index_dir / "ACTIVE").read_text()
    chunks = (live.index_dir / json.loads(active)["generation"] / "chunks.jsonl").read_text()

    report = evaluate_corpus(CASES, live, other_corpus, "extractive", "naive", embedder)
    assert (live.index_dir / "ACTIVE").read_text() == active
    assert (live.index_dir / json.loads(active)["generation"] / "chunks.jsonl").read_text() == chunks
    config = report["config"]
    assert Path(config["index_home"]).parent == live.home / "eval"
    assert config["corpus"] == str(other_corpus.resolve()) and config["ingest"]["guides"] == 2
    welder = report["cases"][0]
    assert "9 months" in welder["answer"] and welder["citations"][0]["source"] == "welder.md"
    assert report["summary"]["fact_recall"] == 1.0 and report["summary"]["refusal_recall"] == 1.0
    assert "fact_recall" in report["baseline"]

    again = evaluate_corpus(CASES, live, other_corpus, "extractive", None, embedder)
    assert again["config"]["ingest"]["added"] == 0  # the eval index is reused incrementally
    assert again["config"]["generation"] == config["generation"]
    assert (live.index_dir / "ACTIVE").read_text() == active


def test_naive_baseline_reads_the_given_corpus(tmp_path, embedder, other_corpus):
    ask = naive_asker(corpus_settings(make_settings(tmp_path), other_corpus), embedder)
    result = ask(CASES[0])
    sources = {r["source"] for r in result["retrieved"]}
    assert sources <= {"florist.txt", "welder.md"} and result["citations"][0]["source"] == "welder.md"
    assert result["citations"][0]["role"] and "9 months" in result["answer"]


def test_naive_baseline_refuses_a_live_index_of_other_guides(tmp_path, embedder, guides_dir):
    live = make_settings(tmp_path / "live")  # corpus_dir: the repo corpus, not what was ingested
    ingest([guides_dir], live, embedder=embedder)
    with pytest.raises(ConfigError, match="pass --corpus DIR"):
        evaluate_corpus(CASES, live, None, "extractive", "naive", embedder)
    plain = evaluate_corpus(CASES[1:], live, None, "extractive", None, embedder)
    assert plain["summary"]["refusal_recall"] == 1.0 and "corpus" not in plain["config"]


def test_run_suite_scores_the_suite_dataset(tmp_path, embedder, other_corpus):
    data = tmp_path / "evals" / "w.jsonl"
    data.parent.mkdir()
    data.write_text(
        json.dumps(
            {
                "id": "w",
                "question": CASES[0].question,
                "expected_facts": ["9 months"],
                "evidence": ["after about 9 months"],
                "answerable": True,
            }
        )
        + "\n"
    )
    path = write_suites(tmp_path, '[suites.w]\ncorpus = "other"\ndataset = "evals/w.jsonl"\n')
    [suite] = select_suites(load_suites(path), ["w"])
    seen: list[str] = []
    report = run_suite(
        suite,
        make_settings(tmp_path / "home"),
        "extractive",
        None,
        embedder,
        lambda label, n: lambda: seen.append(label),
    )
    assert report["config"]["suite"] == "w" and report["config"]["dataset"] == str(data.resolve())
    assert report["summary"]["cases"] == 1 and report["summary"]["fact_recall"] == 1.0
    assert seen == ["w: eval extractive"]
