"""`coach ingest` and `coach chunks`: build the index from guides, and show its passages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli.common import app, err, load_settings, out, printable, progress_bar, warn


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Guide files (.txt .md .html .pdf), folders, http(s) URLs or sitemap URLs (default: the corpus folder)."
        ),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Re-embed everything instead of reusing stored vectors.")
    ] = False,
    allow_shrink: Annotated[
        bool,
        typer.Option(
            "--allow-shrink",
            "--prune",
            help="Go ahead even if sources failed or live guides would be removed (by default the live index is kept).",
        ),
    ] = False,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="The files or URLs given are the whole corpus: live guides not among them are removed.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")] = False,
) -> None:
    """Clean, chunk, embed and index guides ([bold].txt .md .html .pdf[/] files, folders, URLs). Incremental: only changed passages are embedded.

    [bold]Files and URLs[/] are added to the live index (or update the guides of the same name); the other guides stay. [bold]A folder[/] (default: the corpus folder) is the whole corpus: guides no longer in it are removed, but only with [bold]--allow-shrink[/]. A run where any source failed keeps the live index and exits 1 with a summary, unless [bold]--allow-shrink[/] is given.

    A folder may hold a [bold]guides.toml[/] that sets titles, roles and sites per guide and the site's own furniture phrases. Hidden files, symlinks leading out of the folder and special files are skipped. Guide text is data: markup is stripped, and lines that give orders or ask for passwords, personal data or payment are left out (see [bold]coach corpus show --flags[/]).

    The new index becomes visible only when complete; an interrupted run leaves the old one serving.
    """

    from coach.ingest.pipeline import IngestRefused
    from coach.ingest.pipeline import ingest as run_ingest

    settings = load_settings()
    progress = progress_bar(disable=as_json or not err.is_terminal)
    files = progress.add_task("reading guides", total=None)
    embed = progress.add_task("embedding chunks", total=None, visible=False)

    def started(n: int) -> None:
        progress.update(embed, total=n, visible=True)

    try:
        with progress:
            result = run_ingest(
                [p if p.startswith(("http://", "https://")) else Path(p) for p in paths] if paths else None,
                settings,
                rebuild=rebuild,
                on_start=started,
                on_progress=lambda n: progress.advance(embed, n),
                allow_shrink=allow_shrink,
                replace=replace,
                on_source=lambda done, total: progress.update(files, completed=done, total=total),
            )
    except IngestRefused as exc:
        warn(exc.result.warnings + [str(s) for s in exc.result.skipped] + _flag_lines(exc.result))
        for name in exc.result.would_remove:
            err.print(f"[yellow]would remove:[/] {printable(name)}")
        if as_json:
            print(json.dumps(exc.result.to_dict(), ensure_ascii=False))
        raise
    warn(result.warnings + [str(s) for s in result.skipped] + _flag_lines(result))
    summary: dict[str, Any] = result.to_dict()
    # a first index is built from the guides that could be read, but a failed source still fails the run
    failed = bool(result.failed) and not allow_shrink
    if as_json:
        print(json.dumps(summary, ensure_ascii=False))
        if failed:
            raise typer.Exit(1)
        return
    kept = f", {len(result.kept)} kept as they were" if result.kept else ""
    out.print(
        f"[green]indexed[/] {summary['guides']} guides, {summary['chunks']} chunks: "
        f"{summary['added']} embedded, {summary['unchanged']} unchanged, {summary['removed']} removed{kept} "
        f"in {summary['seconds']:.2f} s → {printable(str(settings.home))}"
    )
    if result.removed_guides:
        out.print(f"removed guides: {printable(', '.join(result.removed_guides))}")
    if failed:
        err.print(
            f"[red]{len(result.failed)} source(s) failed[/] (listed above): fix them, or pass --allow-shrink "
            "to accept an index without them"
        )
        raise typer.Exit(1)


def _flag_lines(result: Any) -> list[str]:
    """One warning per guide line left out of the index as an instruction or a request."""
    return [
        f"{f['guide']}:{f['line']}: left out ({f['reason']}): {str(f['text'])[:120]}" for f in result.flagged
    ]


@app.command()
def chunks(
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="One JSON object per line (id, guide, role, section, source, start, end, text)."
        ),
    ] = False,
    guide: Annotated[
        str | None, typer.Option(help="Only chunks of this guide (file name, title or role).")
    ] = None,
) -> None:
    """List every indexed chunk."""
    from coach.index.generation import open_index

    index = open_index(load_settings())
    for c in index.chunks:
        if guide and guide not in (c.source, c.guide, c.role):
            continue
        if as_json:
            print(json.dumps(c.to_dict(), ensure_ascii=False))
        else:
            out.print(
                f"[bold]{c.id}[/] {printable(c.source)} › {printable(c.section)} ({len(c.text.split())} words)"
            )
