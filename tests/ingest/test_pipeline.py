"""Ingest never loses live guides: files are added, folders are the corpus, failures and removals need asking."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.index.generation import open_index
from coach.ingest.pipeline import IngestRefused, ingest
from tests.conftest import make_settings

WELDER = """# Welder Guide

Welders join metal parts for buildings, ships and pipelines (NDT work included).

## Training

Welders train for 9 months at a technical college, and certified welders (CWs) earn more.

## Salary

Welders earn a median of $47,540 a year in the United States.
"""


@pytest.fixture
def welder(tmp_path: Path) -> Path:
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "welder.md").write_text(WELDER, encoding="utf-8")
    return folder / "welder.md"


def _sources(settings) -> list[str]:
    return list(dict.fromkeys(c.source for c in open_index(settings).chunks))


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "it is a binary file"),
    ],
)
def test_a_bad_file_keeps_the_live_index(tmp_path, guides_dir, embedder, name, data, reason) -> None:
    settings = make_settings(tmp_path / "h")
    ingest([guides_dir], settings, embedder=embedder)
    before = open_index(settings)
    bad = tmp_path / name
    bad.write_bytes(data)
    with pytest.raises(IngestRefused) as info:
        ingest([bad], settings, embedder=embedder)
    assert str(info.value) == (
        f"kept the live index (2 guides, generation {before.generation}); "
        f"1 source failed ({bad}: {info.value.result.failed[0].reason}): "
        "fix the sources, or pass --allow-shrink (or --prune) to index what could be read"
    )
    assert reason in info.value.result.failed[0].reason and info.value.result.refused
    after = open_index(settings)
    assert after.generation == before.generation and len(after.chunks) == len(before.chunks)


def test_adding_a_file_keeps_the_other_guides_and_remines_the_profile(tmp_path, guides_dir, embedder, welder):
    settings = make_settings(tmp_path / "h")
    first = ingest([guides_dir], settings, embedder=embedder).summary
    result = ingest([welder], settings, embedder=embedder)
    assert result.mode == "add" and result.kept == ["baker.txt", "pilot.md"]
    assert result.summary.guides == 3 and result.summary.unchanged == first.chunks
    assert result.summary.removed == 0 and result.summary.added == result.summary.chunks - first.chunks
    assert _sources(settings) == ["baker.txt", "pilot.md", "welder.md"]

    # the same index as ingesting the three guides together, profile included
    together = tmp_path / "together"
    together.mkdir()
    for f in guides_dir.iterdir():
        (together / f.name).write_bytes(f.read_bytes())
    (together / "welder.md").write_bytes(welder.read_bytes())
    whole = make_settings(tmp_path / "whole")
    ingest([together], whole, embedder=embedder)
    assert [c.id for c in open_index(settings).chunks] == [c.id for c in open_index(whole).chunks]
    assert open_index(settings).profile == open_index(whole).profile
    assert open_index(settings).profile["synonyms"] == {"cw": "certified welder"}


def test_updating_a_file_replaces_only_its_chunks(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h")
    first = ingest([guides_dir], settings, embedder=embedder).summary
    pilot = guides_dir / "pilot.md"
    pilot.write_text(pilot.read_text().replace("$219,140", "$220,000"))
    edited = ingest([pilot], settings, embedder=embedder)
    assert edited.kept == ["baker.txt"] and edited.summary.guides == 2
    assert (edited.summary.added, edited.summary.removed) == (1, 1)
    assert edited.summary.unchanged == first.chunks - 1
    assert any("$220,000" in c.text for c in open_index(settings).chunks)
    generation = open_index(settings).generation
    again = ingest([pilot], settings, embedder=embedder).summary
    assert (again.added, again.removed) == (0, 0) and open_index(settings).generation == generation


def test_a_folder_that_would_remove_guides_needs_allow_shrink(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h")
    ingest([guides_dir], settings, embedder=embedder)
    generation = open_index(settings).generation
    (guides_dir / "baker.txt").unlink()
    with pytest.raises(
        IngestRefused, match=r"1 guide would be removed \(baker\.txt\): pass --allow-shrink"
    ) as info:
        ingest([guides_dir], settings, embedder=embedder)
    assert info.value.result.would_remove == ["baker.txt"] and info.value.result.failed == []
    assert open_index(settings).generation == generation
    done = ingest([guides_dir], settings, embedder=embedder, allow_shrink=True)
    assert done.removed_guides == ["baker.txt"] and done.would_remove == []
    assert _sources(settings) == ["pilot.md"]


def test_a_folder_with_a_failed_source_needs_allow_shrink(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h")
    ingest([guides_dir], settings, embedder=embedder)
    (guides_dir / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(IngestRefused, match=r"1 source failed \(.*image\.txt: it is a binary file"):
        ingest([guides_dir], settings, embedder=embedder)
    done = ingest([guides_dir], settings, embedder=embedder, allow_shrink=True)
    assert done.summary.guides == 2 and [s.source for s in done.failed] == [str(guides_dir / "image.txt")]


def test_the_first_ingest_indexes_what_it_can(tmp_path, guides_dir, embedder):
    (guides_dir / "empty.md").write_text("")
    done = ingest([guides_dir], make_settings(tmp_path / "h"), embedder=embedder)
    assert done.summary.guides == 2 and done.failed[0].reason == "the file is empty"


def test_replace_makes_the_files_the_whole_corpus(tmp_path, guides_dir, embedder, welder):
    settings = make_settings(tmp_path / "h")
    ingest([guides_dir], settings, embedder=embedder)
    done = ingest([welder], settings, embedder=embedder, replace=True)
    assert done.mode == "corpus" and done.removed_guides == ["baker.txt", "pilot.md"]
    assert _sources(settings) == ["welder.md"]


def test_boundary_skips_do_not_block_the_run(tmp_path, guides_dir, embedder):
    settings = make_settings(tmp_path / "h")
    ingest([guides_dir], settings, embedder=embedder)
    (guides_dir / "passwd.txt").symlink_to("/etc/passwd")
    (guides_dir / ".draft.md").write_text("# Draft\n\nNot ready.")
    done = ingest([guides_dir], settings, embedder=embedder)
    assert [Path(s.source).name for s in done.skipped] == [".draft.md", "passwd.txt"] and done.failed == []
    assert _sources(settings) == ["baker.txt", "pilot.md"]
