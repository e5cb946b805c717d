"""The corpus boundary: symlinks out of the folder, special files and hidden entries are skipped, never read."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from coach.errors import SourceError
from coach.ingest.boundary import walk
from coach.ingest.load import load_guides
from coach.ingest.loaders import load_file
from coach.settings import Settings
from tests.conftest import make_settings

GUIDE = "# Welder Guide\n\n## Training\n\nWelders train for 9 months at a technical college before their first job.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "welder.md").write_text(GUIDE)
    (root / "sub" / "florist.txt").write_text(
        "Florist Guide\nFlorists arrange flowers for shops and weddings.\n"
    )
    return root


def test_walk_lists_guides_in_order(corpus: Path) -> None:
    (corpus / "notes.docx").write_text("not a guide")
    (corpus / "README.md").write_text("# About this folder")
    files, skipped = walk(corpus)
    assert files == [corpus / "sub" / "florist.txt", corpus / "welder.md"]
    assert skipped == []


def test_symlink_out_of_the_corpus_is_skipped(corpus: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (corpus / "passwd.txt").symlink_to(secret)
    (corpus / "etc.txt").symlink_to("/etc/passwd")
    (corpus / "inside.md").symlink_to(corpus / "welder.md")
    (corpus / "broken.md").symlink_to(corpus / "gone.md")
    files, skipped = walk(corpus)
    assert corpus / "inside.md" in files and corpus / "passwd.txt" not in files
    reasons = {Path(s.source).name: s.reason for s in skipped}
    assert reasons == {
        "broken.md": "a broken symlink",
        "etc.txt": f"a symlink to {Path('/etc/passwd').resolve()}, outside the corpus folder {corpus.resolve()}",
        "passwd.txt": f"a symlink to {secret.resolve()}, outside the corpus folder {corpus.resolve()}",
    }
    assert not any(s.failed for s in skipped)


def test_symlinked_folders_are_not_followed(corpus: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.txt").write_text("Leaked Guide\nSecret text that must not be served.\n")
    (corpus / "linked").symlink_to(outside)
    (corpus / "loop").symlink_to(corpus)
    files, skipped = walk(corpus)
    assert all("leak" not in p.name for p in files) and len(files) == 2
    assert [(Path(s.source).name, s.reason) for s in skipped] == [
        ("linked", "a symlinked folder, not followed"),
        ("loop", "a symlinked folder, not followed"),
    ]


def test_fifo_and_socket_are_skipped_without_opening(corpus: Path) -> None:
    os.mkfifo(corpus / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    if len(str(corpus / "s.md")) > 100:
        pytest.skip("temp path too long for a unix socket")
    sock.bind(str(corpus / "s.md"))
    try:
        done = threading.Event()
        result: list[object] = []
        thread = threading.Thread(target=lambda: (result.append(walk(corpus)), done.set()), daemon=True)
        thread.start()
        assert done.wait(10), "walking the corpus blocked on a FIFO"
    finally:
        sock.close()
    files, skipped = result[0]  # type: ignore[misc]
    assert len(files) == 2
    assert [(Path(s.source).name, s.reason) for s in skipped] == [
        ("pipe.txt", "not a regular file (a FIFO)"),
        ("s.md", "not a regular file (a socket)"),
    ]


def test_hidden_files_and_folders_are_skipped(corpus: Path) -> None:
    (corpus / ".draft.md").write_text(GUIDE)
    (corpus / ".DS_Store").write_bytes(b"\x00\x01")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "notes.txt").write_text("internal notes")
    files, skipped = walk(corpus)
    assert len(files) == 2
    assert [(Path(s.source).name, s.reason) for s in skipped] == [
        (".draft.md", "a hidden file, not read"),
        (".git", "a hidden folder, not read"),
    ]


def test_load_guides_lists_every_skip_and_reads_the_rest(corpus: Path) -> None:
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    os.mkfifo(corpus / "pipe.md")
    loaded = load_guides([corpus], make_settings(corpus.parent / "h"))
    assert sorted(g.source for g in loaded.guides) == ["florist.txt", "welder.md"]
    assert sorted(Path(s.source).name for s in loaded.skipped) == ["passwd.txt", "pipe.md"]
    assert "root:" not in " ".join(g.clean_text for g in loaded.guides)


def test_an_explicit_symlink_out_of_its_folder_is_skipped(corpus: Path) -> None:
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    loaded = load_guides([corpus / "passwd.txt", corpus / "welder.md"], make_settings(corpus.parent / "h"))
    assert [g.source for g in loaded.guides] == ["welder.md"]
    assert loaded.skipped[0].reason.startswith("a symlink to ") and not loaded.skipped[0].failed


def test_load_file_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(SourceError, match="not a regular file"):
        load_file(tmp_path / "pipe.txt", Settings(home=tmp_path))


def test_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:  # sparse: 20 MB that would take long to read and parse
        fh.truncate(20_000_000)
    with pytest.raises(SourceError) as info:
        load_file(path, Settings(home=tmp_path))
    assert info.value.reason == (
        "the file is 20 MB, over the 5 MB limit for one guide (COACH_MAX_GUIDE_BYTES): "
        "split it into smaller guides or raise the limit"
    )
    small = Settings(home=tmp_path, max_guide_bytes=50)
    (tmp_path / "ok.txt").write_text("Short guide text.")
    assert load_file(tmp_path / "ok.txt", small).text == "Short guide text."
    (tmp_path / "long.txt").write_text("word " * 20)
    with pytest.raises(SourceError, match=r"100 bytes, over the 50 bytes limit"):
        load_file(tmp_path / "long.txt", small)
