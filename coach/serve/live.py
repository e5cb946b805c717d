"""The coach a server answers with, kept current: a new index generation is picked up without a restart.

Every request starts with one `stat` of the ACTIVE pointer. When it changed, the new generation is
leased and opened in a background thread while requests go on being answered from the old one; then
the two are swapped, and the old generation's lease is released once its last request has finished
(ingest's cleanup drops it after that).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from coach.ask.coach import AnswerResult, Coach
from coach.backends import get_embedder, get_store
from coach.errors import CoachError, IndexingError, IndexMissingError
from coach.index.folder import Lease
from coach.index.generation import IndexDir, LoadedIndex, open_index
from coach.settings import Settings

log = logging.getLogger("coach.live")

_PROBE_EVERY_S = 1.0  # how long a store health probe is believed
_RETRY_AFTER_S = 1.0  # wait before trying again to open a generation that failed to open


class _Serving:
    """One opened generation: its Coach, its lease, and how many requests are using it."""

    def __init__(self, coach: Coach, lease: Lease | None) -> None:
        self.coach = coach
        self.lease = lease
        self.users = 0
        self.retired = False


class LiveCoach:
    """Holds the current Coach; `use()` / `ask()` / `stream()` answer from the newest generation opened."""

    def __init__(self, settings: Settings, coach: Coach | None = None, watch: bool = True) -> None:
        self.settings = settings
        self.watch = watch
        self._dir = IndexDir(settings)
        self._lock = threading.Lock()
        self._loading = False
        self._retry_at = 0.0
        self._seen = self._pointer()
        self._probe: tuple[float, str | None] = (-_PROBE_EVERY_S, None)
        self._read_only = False
        if coach is None:
            self._current = self._open(None)
        else:
            lease = self._lease(coach.index.generation) if watch else None
            self._current = _Serving(coach, lease)

    def _lease(self, generation: str) -> Lease | None:
        """A lease on a generation; None on a read-only index folder, which is then served as it is (nothing
        there can be cleaned up under us), with one warning."""
        try:
            return Lease(self._dir.root, generation)
        except OSError as exc:
            if not self._read_only:
                log.warning(
                    "the index folder %s is read-only (%s): serving it without leases", self._dir.root, exc
                )
            self._read_only = True
            return None

    @classmethod
    def wrap(cls, coach: Coach | LiveCoach) -> LiveCoach:
        """A LiveCoach as is; a plain Coach held fixed (it never switches generation)."""
        return coach if isinstance(coach, LiveCoach) else cls(coach.settings, coach, watch=False)

    # --- switching ---------------------------------------------------------------------------

    def _pointer(self) -> tuple[int, int, int] | None:
        """What identifies the ACTIVE file's content cheaply: it is replaced (new inode) on every switch."""
        try:
            st = os.stat(self._dir.root / "ACTIVE")
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _open(self, previous: Coach | None) -> _Serving:
        """Lease the active generation (re-checking the pointer so cleanup cannot race us) and open it."""
        for _ in range(5):
            active = self._dir.active()
            if not active:
                raise IndexMissingError(str(self.settings.home))
            lease = self._lease(active["generation"])
            if self._dir.active() == active:
                break
            if lease is not None:
                lease.release()
        else:
            raise IndexingError(f"the index in {self._dir.root} kept changing while being opened: try again")
        try:
            index: LoadedIndex = open_index(self.settings, active)
            if previous is not None:  # the store client and the embedding model carry over
                store, embedder = previous.retriever.store, previous.retriever.embedder
            else:
                store, embedder = get_store(self.settings), get_embedder(self.settings)
            return _Serving(Coach(self.settings, index, store, embedder), lease)
        except BaseException:
            if lease is not None:
                lease.release()
            raise

    def check(self, wait: bool = False) -> None:
        """Start opening the new generation if the pointer moved (in the background unless `wait`)."""
        if not self.watch:
            return
        pointer = self._pointer()
        if pointer == self._seen or pointer is None or time.monotonic() < self._retry_at:
            return
        with self._lock:
            if self._loading:
                return
            self._loading = True
        if wait:
            self._reload(pointer)
        else:
            threading.Thread(target=self._reload, args=(pointer,), name="coach-reload", daemon=True).start()

    def _reload(self, pointer: tuple[int, int, int]) -> None:
        try:
            current = self._current.coach
            active = self._dir.active()
            if active and active["generation"] == current.index.generation:
                self._seen = pointer
                return
            serving = self._open(current)
            with self._lock:
                old, self._current = self._current, serving
                old.retired = True
                done = old.users == 0
            self._seen = pointer
            log.info("now serving index generation %s", serving.coach.index.generation)
            if done:
                self._retire(old)
        except Exception as exc:  # keep serving the old generation; try again shortly
            log.warning("could not open the new index generation: %s", exc)
            self._retry_at = time.monotonic() + _RETRY_AFTER_S
        finally:
            self._loading = False

    def _retire(self, old: _Serving) -> None:
        """Release the old generation's lease and, when no ingest runs, clear what no one uses any more."""
        if old.lease is None:
            return
        old.lease.release()
        store = old.coach.retriever.store

        def cleanup() -> None:
            try:
                with self._dir.lock(wait=0):
                    self._dir.clear_leftovers(store)
            except Exception as exc:  # an ingest holds the lock (it cleans up itself), or the store is down
                log.debug("cleanup after switching generation skipped: %s", exc)

        threading.Thread(target=cleanup, name="coach-cleanup", daemon=True).start()

    # --- answering ---------------------------------------------------------------------------

    @contextmanager
    def use(self) -> Iterator[Coach]:
        """The current Coach, kept (with its generation) until the block ends."""
        self.check()
        with self._lock:
            serving = self._current
            serving.users += 1
        try:
            yield serving.coach
        finally:
            with self._lock:
                serving.users -= 1
                done = serving.retired and serving.users == 0
            if done:
                self._retire(serving)

    def ask(self, *args: Any, **kwargs: Any) -> AnswerResult:
        """`Coach.ask` on the current generation."""
        with self.use() as coach:
            return coach.ask(*args, **kwargs)

    def stream(self, *args: Any, **kwargs: Any) -> Iterator[str | AnswerResult]:
        """`Coach.stream` on the current generation, which is kept until the stream ends."""
        with self.use() as coach:
            yield from coach.stream(*args, **kwargs)

    def close(self) -> None:
        """Release the lease on the generation being served (on shutdown)."""
        if self._current.lease is not None:
            self._current.lease.release()

    @property
    def coach(self) -> Coach:
        self.check()
        return self._current.coach

    @property
    def index(self) -> LoadedIndex:
        return self.coach.index

    @property
    def generation(self) -> str:
        return self.coach.index.generation

    @property
    def guides(self) -> list[tuple[str, str, str]]:
        return self.coach.guides

    @property
    def starters(self) -> list[str]:
        return self.coach.starters

    def unreachable(self) -> str | None:
        """Why the vector store cannot be used right now (None when it answers); probed at most once a second."""
        at, error = self._probe
        if time.monotonic() - at < _PROBE_EVERY_S:
            return error
        ping = getattr(self._current.coach.retriever.store, "ping", None)
        error = None
        try:
            if ping is not None:
                ping()
        except CoachError as exc:
            error = str(exc)
        self._probe = (time.monotonic(), error)
        return error
