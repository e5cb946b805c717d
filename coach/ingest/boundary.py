"""The corpus boundary: which files under a corpus folder may be read as guides, without ever leaving it.

A folder's guide files are found by `walk(folder)`. Symlinks whose target lies outside the folder, symlinked
folders, device files, FIFOs and sockets, and hidden files and folders are skipped with a reason; special files
are only stat()ed, never opened (opening a FIFO blocks).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from coach.ingest.loaders import SUFFIXES

SKIP_NAMES = frozenset({"readme.md", "guides.toml"})


@dataclass
class Skipped:
    """A source that was not ingested, and why (listed by `coach ingest --json`).

    `failed` is True when the source could not be read (a failure keeps the live index unless the operator
    allows it) and False when it was left out on purpose (outside the corpus, hidden, not a regular file).
    """

    source: str
    reason: str
    failed: bool = True

    def __str__(self) -> str:
        return f"{self.source}: skipped, {self.reason}"

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "reason": self.reason}


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "a special file"


def outside_reason(path: Path, root: Path) -> str | None:
    """Why the file at `path` must not be read as a guide of the corpus at `root` (resolved), or None."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "a broken symlink" if path.is_symlink() else "it cannot be resolved"
    if not real.is_relative_to(root):
        return f"a symlink to {real}, outside the corpus folder {root}"
    try:
        mode = real.stat().st_mode  # stat only: opening a FIFO would block
    except OSError as exc:
        return f"cannot read it ({exc.strerror or exc})"
    if not stat.S_ISREG(mode):
        return f"not a regular file ({_kind(mode)})"
    return None


def walk(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The guide files under `folder` (sorted), and the entries skipped at the corpus boundary."""
    root = folder.resolve()
    files: list[Path] = []
    skipped: list[Skipped] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError as exc:
            skipped.append(Skipped(str(current), f"cannot list it ({exc.strerror or exc})"))
            continue
        for entry in entries:
            path = Path(entry.path)
            is_dir = entry.is_dir(follow_symlinks=False)
            is_guide = path.suffix.lower() in SUFFIXES and entry.name.lower() not in SKIP_NAMES
            if entry.name.startswith("."):
                if is_dir or is_guide:
                    what = "a hidden folder" if is_dir else "a hidden file"
                    skipped.append(Skipped(str(path), f"{what}, not read", failed=False))
            elif is_dir:
                pending.append(path)
            elif entry.is_symlink() and path.is_dir():
                skipped.append(Skipped(str(path), "a symlinked folder, not followed", failed=False))
            elif is_guide:
                reason = outside_reason(path, root)
                if reason:
                    skipped.append(Skipped(str(path), reason, failed=False))
                else:
                    files.append(path)
    skipped.sort(key=lambda s: s.source)
    return sorted(files), skipped
