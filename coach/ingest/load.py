"""Load guides from files: decode, repair, strip boilerplate (incl. lines repeated across guides), parse sections."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from coach.ingest.clean import Line, decode, is_binary, load_rules, repair_text, to_lines
from coach.errors import CorpusError
from coach.ingest.sections import Guide, parse_guide

SUFFIXES = (".txt", ".md", ".markdown")


@dataclass
class LoadResult:
    """Guides that loaded, and warnings for files that were skipped or read with a fallback."""

    guides: list[Guide]
    warnings: list[str] = field(default_factory=list)


def find_guide_files(paths: list[Path]) -> list[Path]:
    """Expand folders to their *.txt / *.md files; a missing path or a folder with none is a CorpusError."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise CorpusError(f"{path} does not exist: pass a guide file or a folder of guides")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            found = [p for p in found if p.name.lower() != "readme.md"]
            if not found:
                raise CorpusError(f"no guides found in {path} (looked for *.txt, *.md)")
            files.extend(found)
        elif path.suffix.lower() in SUFFIXES:
            files.append(path)
        else:
            raise CorpusError(f"{path} is not a guide: use a .txt or .md file")
    return files


def _repeated_tail_lines(all_lines: dict[str, list[Line]]) -> set[str]:
    """Prose lines found verbatim near the end of two or more guides: site furniture, not advice."""
    rules = load_rules()
    counts: Counter[str] = Counter()
    for lines in all_lines.values():
        tail_start = int(len(lines) * (1 - rules.repeated_tail_share))
        counts.update(
            {ln.text for ln in lines[tail_start:] if len(ln.text.split()) >= rules.repeated_min_words}
        )
    return {text for text, n in counts.items() if n >= 2}


def guide_name(path: Path) -> str:
    """The identifier of a guide in the index: its file name."""
    return path.name


def load_guides(paths: list[Path]) -> LoadResult:
    """Read every guide under `paths` and return them parsed, with warnings for skipped files."""
    files = find_guide_files(paths)
    warnings: list[str] = []
    all_lines: dict[str, list[Line]] = {}
    digests: dict[str, str] = {}
    names: dict[str, Path] = {}
    for path in files:
        name = guide_name(path)
        if name in names:
            warnings.append(f"{path}: skipped, a guide named {name} was already read from {names[name]}")
            continue
        data = path.read_bytes()
        if not data.strip():
            warnings.append(f"{path}: skipped, the file is empty")
            continue
        if is_binary(data):
            warnings.append(f"{path}: skipped, it is a binary file, not a text guide")
            continue
        decoded = decode(data, str(path))
        warnings.extend(decoded.warnings)
        lines = to_lines(repair_text(decoded.text))
        if not lines:
            warnings.append(f"{path}: skipped, nothing but site boilerplate was found in it")
            continue
        names[name] = path
        all_lines[name] = lines
        digests[name] = hashlib.sha256(data).hexdigest()
    repeated = _repeated_tail_lines(all_lines) if len(all_lines) > 1 else set()
    guides: list[Guide] = []
    for name, lines in all_lines.items():
        kept = [ln for ln in lines if ln.text not in repeated]
        guide = parse_guide(kept, name)
        guide.digest = digests[name]
        guides.append(guide)
    return LoadResult(guides, warnings)
