"""Nothing about one corpus lives in the package: the seed guides' job titles, site names and prose lines must
not appear in coach/ code, rules, prompts-as-code or static files. What the coach knows of a corpus is mined
into its profile at ingest or written in data beside the guides (corpus/guides.toml)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from coach.ingest.load import load_guides
from coach.ingest.pipeline import load_corpus
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_FILES = [
    p for p in (ROOT / "coach").rglob("*") if p.suffix in {".py", ".toml", ".js", ".html", ".txt", ".css"}
]


def _norm(text: str) -> str:
    return " " + re.sub(r"[^0-9a-z]+", " ", text.lower()).strip() + " "


def seed_phrases(tmp_path: Path) -> dict[str, str]:
    """The seed corpus's job titles, site names and prose lines of five words or more, normalised -> original."""
    settings = make_settings(tmp_path)
    corpus = load_corpus([ROOT / "corpus"], settings)
    phrases = {_norm(o.title): o.title for o in corpus.profile.occupations}
    config = tomllib.loads((ROOT / "corpus" / "guides.toml").read_text(encoding="utf-8"))
    phrases.update({_norm(g["site"]): g["site"] for g in config["guides"].values() if "site" in g})
    for guide in load_guides([ROOT / "corpus"], settings).guides:
        for line in guide.clean_text.splitlines():
            if len(line.split()) >= 5:
                phrases[_norm(line)] = line
    return phrases


def test_no_seed_title_site_or_line_appears_in_the_package(tmp_path):
    phrases = seed_phrases(tmp_path)
    assert "Customer Support Manager" in phrases.values()  # the test reads the seed corpus it guards
    found = []
    for path in PACKAGE_FILES:
        text = _norm(path.read_text(encoding="utf-8", errors="ignore"))
        found += [(str(path.relative_to(ROOT)), original) for key, original in phrases.items() if key in text]
    assert found == []


def test_the_package_names_no_seed_domain_word():
    # the words every seed guide's role shares (mined as the seed's domain words) are the corpus's, not ours
    pattern = re.compile(r"\bcustomers?\b", re.IGNORECASE)
    assert [
        str(p.relative_to(ROOT)) for p in PACKAGE_FILES if pattern.search(p.read_text(errors="ignore"))
    ] == []
