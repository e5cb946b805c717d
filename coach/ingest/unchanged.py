"""An ingest of inputs that have not changed is answered from the record of the run that indexed them.

Why: re-reading, cleaning, chunking and profiling every guide only to find the index already holds them took
most of an unchanged `coach ingest` (3.2 s for the three seed guides, most of it parsing). A run that indexes
local guides writes a digest of everything its result depends on into the generation it leaves active: each
file's path and bytes, the prompts, the settings, the coach package's own files and the installed packages'
versions, and the run's options. A later run with the same digest, while that generation is still the active one
and no crashed run's folder waits to be cleared, returns the recorded summary and warnings without reading a
guide. Anything else (a URL, a changed byte, another version, `--rebuild`, failed sources) takes the
full path, which is what decides; this only skips work whose outcome is already known.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sysconfig
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from coach.index.folder import IndexDir
from coach.settings import Settings

__all__ = ["RECORD", "digest", "recall", "record", "write"]

RECORD = "inputs.json"  # in a generation's folder
_PACKAGE = Path(__file__).resolve().parent.parent
_LARGE = 8 * 1024 * 1024


def digest(paths: Sequence[Path | str], settings: Settings, options: dict[str, bool]) -> str | None:
    """One hash of everything an ingest of `paths` depends on; None where that cannot be known without reading
    the sources (a URL) or a path cannot be read."""
    h = hashlib.sha256(b"coach-ingest-inputs-1\0")
    try:
        for path in paths:
            if isinstance(path, str) and path.startswith(("http://", "https://")):
                return None
            _add_tree(h, Path(path), "source")
        _add_tree(h, settings.prompts_dir, "prompts")
        _add_tree(h, _PACKAGE, "code")
    except OSError:
        return None
    h.update(settings.model_dump_json().encode())
    h.update(json.dumps(sorted(options.items())).encode())
    h.update("\n".join(_installed()).encode())
    return h.hexdigest()


def record(result: Any, guides: int, chunks: int) -> dict[str, Any] | None:
    """What a later run with the same inputs repeats of an IngestResult: its counts, mode, kept guides, warnings
    and what it left out, flagged lines included; None for a run another would not repeat exactly (a source
    failed or was removed)."""
    if result.failed or result.removed_guides:
        return None
    return {
        "guides": guides,
        "chunks": chunks,
        "mode": result.mode,
        "kept": result.kept,
        "warnings": result.warnings,
        "skipped": [{**s.to_dict(), "failed": s.failed} for s in result.skipped],
        "flagged": result.flagged,
    }


def recall(settings: Settings, key: str) -> dict[str, Any] | None:
    """The record the active generation holds for `key`, or None (another digest, none, or leftovers of a
    crashed or replaced run to clear first)."""
    index = IndexDir(settings)
    active = index.active()
    if not active or not index.root.is_dir():
        return None
    try:
        stored = json.loads((index.root / active["generation"] / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(stored, dict) or stored.get("digest") != key:
        return None
    if index.unused():
        return None  # a full run clears them
    return stored


def write(gen_dir: Path, key: str, replay: dict[str, Any]) -> None:
    """Write the record beside a generation (replaced atomically; a failure only costs the next run its shortcut)."""
    tmp = gen_dir / f".{RECORD}.{os.getpid()}"
    try:
        tmp.write_text(json.dumps({"digest": key, **replay}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, gen_dir / RECORD)
    except OSError:
        tmp.unlink(missing_ok=True)


def _add_tree(h: Any, root: Path, label: str) -> None:
    """Every entry under `root` by its path and bytes; a link by where it points (never followed: the loader
    decides what a link may reach), a file past 8 MiB by its size and time (no guide is that large)."""
    h.update(f"\0{label}\0{root.resolve()}\0".encode())
    if not root.exists():
        h.update(b"missing")
        return
    for path in _entries(root):
        h.update(f"{path.relative_to(root) if path != root else path.name}\0".encode())
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            h.update(f"link {os.readlink(path)}".encode())
        elif not stat.S_ISREG(info.st_mode):
            h.update(f"special {info.st_mode}".encode())
        elif info.st_size > _LARGE:
            h.update(f"large {info.st_size} {info.st_mtime_ns}".encode())
        else:
            h.update(hashlib.sha256(path.read_bytes()).digest())


def _entries(root: Path) -> Iterable[Path]:
    if not root.is_dir():
        yield root
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]):
            if not name.endswith((".pyc", ".pyo")):
                yield Path(folder) / name


def _installed() -> list[str]:
    """The installed distributions with their versions, by their metadata folders' names in the interpreter's
    package folders (no metadata read; not sys.path, whose first entry depends on how Python was started)."""
    paths = sysconfig.get_paths()
    found: set[str] = set()
    for folder in {paths["purelib"], paths["platlib"]}:
        try:
            found.update(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return sorted(found)
