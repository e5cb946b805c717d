"""`coach corpus show|profile|list` and `coach facts`: how the guides were read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli.common import app, corpus_app, err, load_settings, out, printable, warn
from coach.errors import ConfigError, CorpusError
from coach.settings import Settings


@corpus_app.command("show")
def corpus_show(
    guide: Annotated[
        Path | None,
        typer.Argument(help="A guide file, or its name in the corpus folder (optional with --flags)."),
    ] = None,
    text: Annotated[bool, typer.Option("--text", help="Also print the cleaned text.")] = False,
    dropped: Annotated[
        bool,
        typer.Option("--dropped", help="Also list the lines cleaning dropped as site furniture, and why."),
    ] = False,
    flags: Annotated[
        bool,
        typer.Option(
            "--flags",
            help="List the lines left out as instructions or requests for secrets (of the live index, or of GUIDE).",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="With --flags: one JSON list of {guide, line, reason, text}.")
    ] = False,
) -> None:
    """Print a guide's title, role, source and section tree as parsed, so an operator can check the parse.

    The guide is read with the other guides of its folder, so furniture repeated across a site's pages is found.
    With [bold]--flags[/] and no guide, list every line the live index left out as untrusted, and why.
    """
    from rich.tree import Tree

    from coach.ingest.chunk import chunk
    from coach.ingest.load import load_guides
    from coach.ingest.profile import build_profile

    settings = load_settings()
    if guide is None:
        if not flags:
            raise CorpusError("pass a guide file (see `coach corpus list`), or --flags to list flagged lines")
        _print_flags(_live_flags(settings), as_json)
        return
    if not guide.exists() and (settings.corpus_dir / guide).exists():
        guide = settings.corpus_dir / guide
    if not guide.exists():
        raise CorpusError(f"{guide} does not exist: pass a guide file (see `coach corpus list`)")
    loaded = load_guides([guide.parent] if guide.is_file() else [guide], settings)
    warn(loaded.warnings + [str(s) for s in loaded.skipped if Path(s.source).name == guide.name])
    shown = [g for g in loaded.guides if not guide.is_file() or g.source == guide.name]
    if flags and as_json:
        _print_flags([{"guide": g.source, **f.to_dict()} for g in shown for f in g.flags], True)
        return
    every = {g.source: chunk(g, settings.chunk_min_words, settings.chunk_max_words) for g in loaded.guides}
    profile = build_profile(loaded.guides, [c for cs in every.values() for c in cs])
    notes = {info.source: info.notes for info in profile.guides}
    for g in shown:
        pieces = every[g.source]
        tree = Tree(
            f"[bold]{printable(g.title)}[/]  role: {printable(g.role)} · {len(g.sections)} sections · {len(pieces)} chunks"
            + (
                f"\n[dim]site: {printable(g.site or '?')} · url: {printable(g.url or '?')} · format: {g.format}[/]"
            )
        )
        stack: list[Any] = [tree]
        for section in g.sections:
            depth = len(section.path)
            while len(stack) > depth:
                stack.pop()
            while len(stack) < depth:
                stack.append(stack[-1])
            words = sum(b.words for b in section.blocks)
            kinds = ", ".join(sorted({b.kind for b in section.blocks}))
            stack.append(
                stack[-1].add(
                    f"{printable(section.path[-1])} [dim]({words} words{'; ' + kinds if kinds else ''})[/]"
                )
            )
        out.print(tree)
        for note in notes.get(g.source, []):  # what ingest could not settle: no job, unlabelled figures, ...
            out.print(f"[yellow]marked:[/] {printable(note)}")
        if dropped:
            out.print(f"[bold]dropped[/] ({len(g.dropped)} lines):")
            for d in g.dropped:
                out.print(f"  [red]-[/] [dim]{printable(d.reason)}:[/] {printable(d.text[:160])}")
        if flags:
            _print_flags([{"guide": g.source, **f.to_dict()} for f in g.flags], False)
        if text:
            out.print(printable(g.clean_text, lines=True))


def _live_flags(settings: Settings) -> list[dict[str, Any]]:
    """The lines the live index left out, as recorded in its profile at ingest."""
    from coach.index.generation import open_index
    from coach.ingest.profile import Profile

    profile = Profile.from_dict(open_index(settings).profile)
    return [{"guide": g.source, **f} for g in profile.guides for f in g.flags]


def _print_flags(rows: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        print(json.dumps(rows, ensure_ascii=False))
        return
    out.print(f"[bold]flagged[/] ({len(rows)} lines left out of the index):")
    for row in rows:
        out.print(
            f"  [red]-[/] {printable(row['guide'])}:{row['line']} [dim]{printable(row['reason'])}:[/] {printable(row['text'][:160])}"
        )


@corpus_app.command("profile")
def corpus_profile(
    as_json: Annotated[bool, typer.Option("--json", help="Print the profile as one JSON object.")] = False,
) -> None:
    """Print the corpus profile mined at ingest: guides and their measures, jobs, variants, domain words, starters."""
    from coach.index.generation import open_index
    from coach.ingest.profile import Profile

    index = open_index(load_settings())
    if as_json:
        print(json.dumps(index.profile, ensure_ascii=False))
        return
    profile = Profile.from_dict(index.profile)
    out.print(f"[bold]{len(profile.guides)} guides[/] (generation {index.generation})")
    for g in profile.guides:
        measures = ", ".join(f"{k} {v}" for k, v in sorted(g.measures.items())) or "none"
        standard = printable(g.occupation or "no standard occupation")
        places = ", ".join(g.places) or "?"
        out.print(
            f"  {printable(g.source)}: [bold]{printable(g.role)}[/] ({standard}) · {printable(g.site or '?')} · "
            f"places: {places} · measures: {measures}"
        )
    out.print(f"[bold]{len(profile.occupations)} jobs[/]")
    for o in profile.occupations:
        variants = f" (also {', '.join(o.variants)})" if o.variants else ""
        out.print(
            f"  {printable(o.title)}{printable(variants)} [dim]{o.kind}, head '{o.head}', {len(o.guides)} guides[/]"
        )
    out.print(f"[bold]domain words:[/] {', '.join(profile.domain_words) or 'none'}")
    out.print(f"[bold]synonyms:[/] {', '.join(f'{k} = {v}' for k, v in profile.synonyms.items()) or 'none'}")
    out.print("[bold]starter questions:[/]")
    for q in profile.starters:
        out.print(f"  {printable(q)}")


@app.command()
def facts(
    guide: Annotated[
        str | None, typer.Option("--guide", "-g", help="Only this guide's records (its file name or title).")
    ] = None,
    measure: Annotated[
        str | None,
        typer.Option("--measure", "-m", help="Only this measure: pay, hourly_pay, growth, hours, ..."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the records as one JSON list.")] = False,
) -> None:
    """List the labelled figures read from the guides at ingest: job, measure, value, level, place, year, source.

    coach facts --guide bls-electricians.txt --measure pay shows one guide's pay records."""
    from coach.index.generation import open_index
    from coach.ingest.profile import Profile

    index = open_index(load_settings())
    profile = Profile.from_dict(index.profile)
    titles = {c.source: c.guide for c in index.chunks}
    if guide and not any(guide in (source, title) for source, title in titles.items()):
        raise ConfigError(f"unknown guide '{guide}': choose one of {', '.join(sorted(titles))}")
    rows = [
        r
        for r in profile.records
        if (guide is None or guide in (r.source, titles.get(r.source)))
        and (measure is None or r.measure == measure)
    ]
    if as_json:
        print(json.dumps([r.to_dict() for r in rows], ensure_ascii=False))
        return
    if not profile.records:
        err.print("no records in this index: run `coach ingest` again to read the guides' figures")
        raise typer.Exit(1)
    out.print(f"[bold]{len(rows)} records[/]")
    for r in rows:  # one line each: readable at any width, and greppable
        level = f" · {', '.join(r.statistics)}" if r.statistics else ""
        where = f" · {r.place_text or ', '.join(r.places)}" if (r.place_text or r.places) else ""
        year = f" · {r.year}" if r.year else ""
        out.print(
            f"{printable(r.occupation)} · [bold]{r.measure}[/] {printable(r.value)}"
            f"{' per ' + r.period if r.period else ''}{printable(level + where + year)}"
            f" [dim]{printable(r.source)}: {printable(r.label[:70])}[/]"
        )


@corpus_app.command("list")
def corpus_list() -> None:
    """List the guides in the active index."""
    from coach.index.generation import open_index

    index = open_index(load_settings())
    seen: dict[str, int] = {}
    for c in index.chunks:
        seen[c.source] = seen.get(c.source, 0) + 1
    titles = {c.source: (c.guide, c.role) for c in index.chunks}
    for source, n in seen.items():
        out.print(
            f"{printable(source)}: {printable(titles[source][0])} (role: {printable(titles[source][1])}, {n} chunks)"
        )
