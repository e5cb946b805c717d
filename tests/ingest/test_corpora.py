"""Ingestion on real guides from eleven sites (evals/corpora/*/expect.json): furniture gone, labelled figures
kept, titles and roles found from the page itself."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coach.ingest.identity import same_occupation
from coach.ingest.load import load_guides
from tests.conftest import make_settings

CORPORA = Path(__file__).resolve().parents[2] / "evals" / "corpora"
SPLITS = ["tuning", "validation"]


def _alnum(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


@pytest.fixture(scope="module", params=SPLITS)
def loaded(request, tmp_path_factory):
    folder = CORPORA / request.param
    expect = json.loads((folder / "expect.json").read_text(encoding="utf-8"))
    result = load_guides([folder], make_settings(tmp_path_factory.mktemp("home")))
    return expect, {g.source: g for g in result.guides}, result


def _lines(clean_text: str) -> set[str]:
    """Every line of a guide's clean text, and every '; '-joined field in it, normalised."""
    out = set()
    for line in clean_text.splitlines():
        out.add(_alnum(line))
        out.update(_alnum(part) for part in line.split("; "))
    return out


def test_every_guide_loads(loaded):
    expect, guides, result = loaded
    assert not result.skipped
    assert set(guides) == set(expect)


def test_no_site_furniture_is_left_as_a_line(loaded):
    expect, guides, _ = loaded
    kept = {
        (name, line)
        for name, e in expect.items()
        for line in e["furniture"]
        if _alnum(line) and _alnum(line) in _lines(guides[name].clean_text)
    }
    assert kept == set()


def test_no_labelled_figure_is_dropped(loaded):
    expect, guides, _ = loaded
    lost = {
        (name, fact)
        for name, e in expect.items()
        for fact in e["facts"]
        if _alnum(fact) not in _alnum(guides[name].clean_text)
    }
    assert lost == set()


def test_titles_and_roles_come_from_the_page(loaded):
    expect, guides, _ = loaded
    wrong = {
        (name, g.title, g.role)
        for name, g in guides.items()
        if not same_occupation(g.title, expect[name]["title"])
        or not same_occupation(g.role, expect[name]["role"])
    }
    assert wrong == set()


def test_no_section_is_named_by_a_figure(loaded):
    _, guides, _ = loaded
    figure_names = [
        (name, s.path[-1])
        for name, g in guides.items()
        for s in g.sections
        if re.search(r"[$€£]\s?\d|\d\s?%|\b\d{1,3}(?:,\d{3})+\b", s.path[-1])
    ]
    assert figure_names == []
