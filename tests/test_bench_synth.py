"""The scale benchmark's synthetic corpus: N distinct guides, deterministically; and its growth-exponent fit."""

from __future__ import annotations

import hashlib

from benchmarks import scale, synth


def digest(paths) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_generator_makes_n_distinct_guides_deterministically(tmp_path):
    n = len(synth.bases()) * 2 + 3  # two rounds and a bit: originals, then variants
    first = synth.make_corpus(n, tmp_path / "a")
    again = synth.make_corpus(n, tmp_path / "b")
    assert len(first) == n and len({p.name for p in first}) == n
    assert digest(first) == digest(again)
    assert len(set(digest(first).values())) == n  # every guide is a different document
    assert (tmp_path / "a" / "guides.toml").exists()


def test_a_variant_renames_the_job_scales_money_and_keeps_the_rest():
    text = "Registered Nurses\nA registered nurse? Registered nurses earn $50,000 a year. Hours vary."
    v = synth.variant(text, "registered nurses", 1)
    assert v.startswith("Rural Registered Nurses\n") and "Rural registered nurses" not in v
    assert "rural registered nurses earn" in v.lower() and "$50,000" not in v
    figure = int(v.split("$")[1].split()[0].replace(",", ""))
    assert 40_000 <= figure <= 62_500
    assert synth.variant(text, "registered nurses", 0) == text
    assert synth.variant(text, "registered nurses", 1) == v


def test_title_is_the_longest_tail_of_the_file_name_the_text_says(tmp_path):
    page = tmp_path / "site-dental-hygienist.txt"
    page.write_text("Become a dental hygienist", encoding="utf-8")
    assert synth._title(page) == "dental hygienist"


def test_questions_are_distinct_and_growth_exponents_fit_a_power_law():
    asked = scale.questions(300)
    assert len(asked) == scale.QUESTIONS == len(set(asked))
    rows = {n: {"retrieve_ms_p95": 2.0 * n**0.5, "index_mb": 3.0 * n} for n in (3, 30, 300)}
    slopes = scale.exponents(rows)
    assert slopes["retrieve_ms_p95"] == 0.5 and slopes["index_mb"] == 1.0
    svg = scale.chart(rows, slopes)
    assert svg.startswith("<svg") and "retrieve_ms_p95 (slope 0.50)" in svg
