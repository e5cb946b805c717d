"""The on-disk index folder: which generation is active, the writers' lock, this deployment's id, and which
processes serve which generation.

    home/deployment-id                       "3f9c2a71"   (made once; collection names carry it)
    home/index/ACTIVE                        {"generation": "g000003", "collection": "coach_3f9c2a71_g000003",
                                              "previous": {...}, "replaced_at": 1764000000.0}
    home/index/leases/g000003.4711.a1b2c3    {"pid": 4711, "generation": "g000003"}

A serving process holds a lease on each generation it answers from; cleanup never drops a leased
generation, nor a collection of another deployment. Leases of dead processes are stale: ignored and removed.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coach.backends import VectorStore
from coach.errors import ConfigError, IndexingError
from coach.settings import Settings

_ID = re.compile(r"^[a-z0-9]{4,32}$")
_GEN = re.compile(r"^g(\d{6})$")
LEASES = "leases"


def deployment_id(home: Path) -> str:
    """The id of the deployment living in `home`, made on first use (safe when several processes race)."""
    path = home / "deployment-id"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        tmp = home / f".deployment-id.{os.getpid()}.{uuid.uuid4().hex[:6]}"
        tmp.write_text(uuid.uuid4().hex[:8] + "\n")
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)  # atomic create-if-absent: the first writer wins
        tmp.unlink()
    text = path.read_text().strip()
    if not _ID.match(text):
        raise ConfigError(
            f"{path} holds {text[:40]!r}, not a deployment id (4-32 lowercase letters or digits): "
            "fix it, or delete it together with the index and run `coach ingest`"
        )
    return text


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def started(pid: int) -> int | None:
    """When a process started (clock ticks since boot, from /proc), or None where that cannot be read: with the
    pid it names one process, so a lease left by a process whose pid was later reused is seen as stale."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat.rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


class Lease:
    """One process's claim on one generation; `release()` (or the process dying) ends it."""

    def __init__(self, index_root: Path, generation: str) -> None:
        self.generation = generation
        folder = index_root / LEASES
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{generation}.{os.getpid()}.{uuid.uuid4().hex[:6]}"
        self.path.write_text(
            json.dumps(
                {
                    "pid": os.getpid(),
                    "started": started(os.getpid()),
                    "generation": generation,
                    "at": time.time(),
                }
            )
        )

    def release(self) -> None:
        self.path.unlink(missing_ok=True)


def _holder_alive(path: Path, pid: int) -> bool:
    """Is the process that wrote this lease still running (the same pid and the same start time)?"""
    if not _alive(pid):
        return False
    try:
        said = json.loads(path.read_text()).get("started")
    except (OSError, ValueError, AttributeError):
        return True  # unreadable: trust the pid alone
    return said is None or (now := started(pid)) is None or now == said


def leased(index_root: Path) -> dict[str, set[int]]:
    """Generation -> pids of live processes holding a lease on it; stale lease files are removed (a lease naming
    a live process that started after it was written is stale: the pid was reused)."""
    out: dict[str, set[int]] = {}
    folder = index_root / LEASES
    if not folder.is_dir():
        return out
    for path in folder.iterdir():
        generation, _, rest = path.name.partition(".")
        pid_text = rest.partition(".")[0]
        if not pid_text.isdigit():
            continue
        pid = int(pid_text)
        if _holder_alive(path, pid):
            out.setdefault(generation, set()).add(pid)
        else:
            with contextlib.suppress(OSError):  # a read-only folder keeps its files
                path.unlink(missing_ok=True)
    return out


class IndexDir:
    """The on-disk index folder: which generation is active, and the lock for writers."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = settings.index_dir
        self.prefix = settings.collection_prefix

    def ensure(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / ".write-test"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            raise ConfigError(
                f"data directory {self.settings.home} is not writable ({exc.strerror}): "
                "set COACH_HOME to a folder you can write to"
            ) from exc

    @contextlib.contextmanager
    def lock(self, wait: float = 2.0) -> Iterator[None]:
        """The writers' lock; waits up to `wait` seconds (a server's cleanup holds it for a moment)."""
        self.ensure()
        deadline = time.monotonic() + wait
        with open(self.root / ".lock", "w") as fh:
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IndexingError(
                            f"another `coach ingest` is running on {self.root}: wait for it to finish"
                        ) from None
                    time.sleep(0.05)
            yield

    def active(self) -> dict[str, Any] | None:
        try:
            return json.loads((self.root / "ACTIVE").read_text())  # type: ignore[no-any-return]
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise IndexingError(
                f"{self.root / 'ACTIVE'} is unreadable ({exc}): run `coach ingest --rebuild`"
            ) from exc

    @property
    def deployment(self) -> str:
        return deployment_id(self.settings.home)

    def collection(self, generation: str) -> str:
        return f"{self.prefix}_{self.deployment}_{generation}"

    def next_generation(self) -> str:
        numbers = (
            [int(m.group(1)) for p in self.root.iterdir() if (m := _GEN.match(p.name))]
            if self.root.exists()
            else []
        )
        active = self.active()
        if active:
            numbers.append(int(active["generation"][1:]))
        return f"g{max(numbers, default=0) + 1:06d}"

    def activate(self, generation: str) -> None:
        old = self.active()
        pointer: dict[str, Any] = {"generation": generation, "collection": self.collection(generation)}
        if old:  # remembered so that cleanup may drop a collection named before deployment ids
            pointer["previous"] = {"generation": old["generation"], "collection": old["collection"]}
            pointer["replaced_at"] = time.time()
        tmp = self.root / f"ACTIVE.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(pointer))
        os.replace(tmp, self.root / "ACTIVE")

    def in_use(self) -> set[str]:
        """Generations that must stay: the active one, those leased by live servers, and (while any
        server runs) the one replaced less than `index_grace_s` ago."""
        active: dict[str, Any] | None = self.active()
        live = leased(self.root)
        keep = set(live)
        if active:
            keep.add(active["generation"])
            previous = active.get("previous")
            recent = time.time() - float(active.get("replaced_at", 0)) < self.settings.index_grace_s
            if previous and live and recent:
                keep.add(previous["generation"])
        return keep

    def unused(self, keep: set[str] | None = None) -> list[Path]:
        """Generation folders no one uses (crashed or replaced runs): all but `keep` (default: `in_use()`)."""
        keep = self.in_use() if keep is None else keep
        return [p for p in self.root.iterdir() if _GEN.match(p.name) and p.name not in keep]

    def clear_leftovers(self, store: VectorStore) -> None:
        """Remove this deployment's generations and collections that no one uses (crashed or replaced runs)."""
        active: dict[str, Any] | None = self.active()
        keep = self.in_use()
        for path in self.unused(keep):
            shutil.rmtree(path, ignore_errors=True)
        mine = re.compile(rf"^{re.escape(self.prefix)}_{re.escape(self.deployment)}_(g\d{{6}})$")
        previous = (active or {}).get("previous") or {}
        for name in store.names():
            m = mine.match(name)
            generation = m.group(1) if m else None
            if name == previous.get("collection"):  # named before deployment ids, but ours
                generation = previous["generation"]
            if generation and generation not in keep and name != (active or {}).get("collection"):
                store.drop(name)
