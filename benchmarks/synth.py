"""A synthetic corpus of N guides for scale benchmarks (never for tests of answers, never for tuning).

Each guide is a variant of a real one (corpus/, evals/corpora/): round 0 is the guide itself, later rounds
put a specialty before its job title, scale its money figures and shuffle the sentences of its paragraphs,
so every variant is a distinct document with its own title, figures and text, the way a larger site would be.
Deterministic: the same N gives the same files.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "corpus", ROOT / "evals" / "corpora" / "tuning", ROOT / "evals" / "corpora" / "validation")
SUFFIXES = (".txt", ".md")
# specialties put before a job title: made-up enough to be new titles, plain enough to read as English
SPECIALTIES = [
    w.strip()
    for w in (Path(__file__).parent / "specialties.txt").read_text("utf-8").splitlines()
    if w.strip() and not w.startswith("#")
]
_MONEY = re.compile(r"(?P<cur>[$€£])\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<k>k?)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@dataclass(frozen=True)
class Base:
    """A real guide and the job title its file is named for."""

    path: Path
    title: str


def bases() -> list[Base]:
    """The real guides, corpus first, each with the job title found from its file name in its text."""
    out = []
    for folder in SOURCES:
        for path in sorted(folder.iterdir()):
            if path.suffix in SUFFIXES and path.name != "README.md":
                out.append(Base(path, _title(path)))
    return out


def _title(path: Path) -> str:
    """'bls-registered-nurses.txt' -> 'registered nurses': the longest tail of the name that the text says."""
    text = path.read_text("utf-8").lower()
    parts = path.stem.lower().replace("_", "-").split("-")
    for start in range(len(parts)):
        phrase = " ".join(parts[start:])
        if phrase and phrase in text:
            return phrase
    return parts[-1]


def _case_like(new: str, old: str) -> str:
    if old.isupper():
        return new.upper()
    if old[:1].isupper():
        return " ".join(w[:1].upper() + w[1:] for w in new.split())
    return new.lower()


def variant(text: str, title: str, round_: int) -> str:
    """The `round_`-th variant of a guide's text (round 0 = the text itself)."""
    if round_ == 0:
        return text
    rng = random.Random(f"{title}|{round_}")
    specialty = SPECIALTIES[(round_ - 1) % len(SPECIALTIES)]
    if round_ > len(SPECIALTIES):
        specialty += f" {round_ // len(SPECIALTIES) + 1}"
    pattern = re.compile(rf"\b{re.escape(title)}\b", re.IGNORECASE)
    text = pattern.sub(lambda m: _case_like(f"{specialty} {title}", m.group(0)), text)
    factor = rng.uniform(0.8, 1.25)
    text = _MONEY.sub(lambda m: _scaled(m, factor), text)
    lines = []
    for line in text.split("\n"):
        sentences = _SENTENCE.split(line)
        if len(sentences) >= 3:
            rng.shuffle(sentences)
            line = " ".join(sentences)
        lines.append(line)
    return "\n".join(lines)


def _scaled(m: re.Match[str], factor: float) -> str:
    raw = m.group("num").replace(",", "")
    value = float(raw) * factor
    if "," in m.group("num"):
        number = f"{round(value, -1):,.0f}"
    elif "." in raw:
        number = f"{value:.2f}"
    else:
        number = f"{value:.0f}"
    return f"{m.group('cur')}{number}{m.group('k')}"


def make_corpus(n: int, out: Path) -> list[Path]:
    """Write `n` guides into `out` (emptied first): round 0 of every real guide, then round 1, and so on."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    real = bases()
    toml = ROOT / "corpus" / "guides.toml"  # the real corpus's site furniture applies to its variants too
    if toml.exists():
        shutil.copy(toml, out / "guides.toml")
    written = []
    for i in range(n):
        base, round_ = real[i % len(real)], i // len(real)
        name = base.path.name if round_ == 0 else f"{base.path.stem}-v{round_:03d}{base.path.suffix}"
        path = out / name
        path.write_text(variant(base.path.read_text("utf-8"), base.title, round_), encoding="utf-8")
        written.append(path)
    return written


def titles(n: int) -> list[str]:
    """The job title of each of the first `n` guides, as `make_corpus` writes them (for benchmark questions)."""
    real = bases()
    out = []
    for i in range(n):
        base, round_ = real[i % len(real)], i // len(real)
        out.append(variant(base.title, base.title, round_) if round_ else base.title)
    return out
