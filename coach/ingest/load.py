"""Load guides from files and URLs: read each source, repair, drop furniture, find its identity, parse sections.

`load_guides(paths)` is the entry point. A corpus folder may hold a `guides.toml` (see `CorpusConfig`) with
per-guide titles, roles and sites, the site's own furniture phrases and heading patterns. A source that
cannot be read is skipped with one line naming it and the reason; the rest load.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.errors import ConfigError, CorpusError
from coach.ingest.boundary import Skipped, outside_reason, walk
from coach.ingest.clean import (
    Dropped,
    Line,
    clean_lines,
    compile_rules,
    generic_rules,
    repair_text,
    repeated_furniture,
)
from coach.ingest.loaders import SUFFIXES, Source, load_file
from coach.ingest.roles import identify
from coach.ingest.sections import Guide, parse_guide
from coach.ingest.untrusted import Flag, flag_lines, strip_markup
from coach.settings import Settings, get_settings

CONFIG_NAME = "guides.toml"
__all__ = ["CONFIG_NAME", "CorpusConfig", "LoadResult", "Skipped", "find_sources", "load_guides"]


@dataclass
class LoadResult:
    """Guides that loaded, the sources skipped, and warnings for sources read with a fallback."""

    guides: list[Guide]
    warnings: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    config: CorpusConfig = field(default_factory=lambda: CorpusConfig())


@dataclass
class CorpusConfig:
    """A corpus's own `guides.toml`: per-guide identity, site furniture and heading patterns."""

    guides: dict[str, dict[str, str]] = field(default_factory=dict)
    boilerplate: dict[str, Any] = field(default_factory=dict)
    majors: tuple[str, ...] = ()
    site: str | None = None
    synonyms: dict[str, str] = field(default_factory=dict)  # this corpus's own words for its jobs

    @classmethod
    def read(cls, folder: Path) -> CorpusConfig:
        """The config in `folder`, or an empty one; a malformed file is a ConfigError naming it."""
        path = folder / CONFIG_NAME
        if not path.is_file():
            return cls()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            guides = {
                str(k): {kk: str(vv) for kk, vv in v.items()} for k, v in data.get("guides", {}).items()
            }
            return cls(
                guides,
                dict(data.get("boilerplate", {})),
                tuple(data.get("sections", {}).get("major", [])),
                data.get("site"),
                {str(k).lower(): str(v) for k, v in data.get("synonyms", {}).items()},
            )
        except (tomllib.TOMLDecodeError, AttributeError, TypeError) as exc:
            raise ConfigError(f"{path} is not a valid corpus config ({exc}): fix it or remove it") from exc

    def merge(self, other: CorpusConfig) -> CorpusConfig:
        bp = dict(self.boilerplate)
        for key, value in other.boilerplate.items():
            if isinstance(value, dict):
                merged = dict(bp.get(key, {}))
                merged.update(value)
                bp[key] = merged
            else:
                bp[key] = list(bp.get(key, [])) + list(value)
        return CorpusConfig(
            {**self.guides, **other.guides},
            bp,
            self.majors + other.majors,
            other.site or self.site,
            {**self.synonyms, **other.synonyms},
        )

    def entry(self, name: str) -> dict[str, str]:
        return self.guides.get(name, {})


def site_key(site: str) -> str:
    """Pages of one site share furniture: 'stats.bls.gov' and 'www.bls.gov' are one site, as are 'a.org.uk' hosts."""
    host = site.lower().strip()
    if "." not in host or " " in host:
        return host
    labels = host.split(".")
    keep = (
        3
        if len(labels) >= 3
        and len(labels[-1]) == 2
        and labels[-2] in {"co", "org", "ac", "gov", "com", "net", "edu"}
        else 2
    )
    return ".".join(labels[-keep:])


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def find_sources(paths: list[Path | str]) -> tuple[list[Path | str], CorpusConfig, list[Skipped]]:
    """Expand folders to their guide files (URLs pass through), read the folders' `guides.toml`, and list
    what the corpus boundary skipped (symlinks leaving the folder, special files, hidden entries)."""
    found: list[Path | str] = []
    skipped: list[Skipped] = []
    config = CorpusConfig()
    for item in paths:
        if isinstance(item, str) and is_url(item):
            found.append(item)
            continue
        path = Path(item)
        if not path.exists():
            raise CorpusError(
                f"{path} does not exist: pass a guide file, a folder of guides or an http(s) URL"
            )
        if path.is_dir():
            config = config.merge(CorpusConfig.read(path))
            files, left_out = walk(path)
            skipped.extend(left_out)
            if not files and not left_out:
                raise CorpusError(
                    f"no guides found in {path} (looked for {', '.join('*' + s for s in SUFFIXES)})"
                )
            found.extend(files)
        elif path.suffix.lower() in SUFFIXES:
            config = config.merge(CorpusConfig.read(path.parent))
            reason = outside_reason(path, path.parent.resolve())
            if reason:
                skipped.append(Skipped(str(path), reason, failed=False))
            else:
                found.append(path)
        else:
            raise CorpusError(f"{path} is not a guide: use one of {', '.join(SUFFIXES)} or an http(s) URL")
    return found, config, skipped


def _read(item: Path | str, settings: Settings) -> Source:
    if isinstance(item, str):
        from coach.ingest.fetch import fetch_url

        return fetch_url(item, settings)
    return load_file(item, settings)


def _expand_urls(items: list[Path | str], settings: Settings, warnings: list[str]) -> list[Path | str]:
    out: list[Path | str] = []
    for item in items:
        if isinstance(item, str) and item.lower().split("?")[0].endswith(".xml"):
            from coach.ingest.fetch import expand_sitemap

            urls, notes = expand_sitemap(item, settings)
            warnings.extend(notes)
            out.extend(urls)
        else:
            out.append(item)
    return out


def load_guides(
    paths: list[Path | str],
    settings: Settings | None = None,
    on_source: Callable[[int, int], None] | None = None,
) -> LoadResult:
    """Read every guide under `paths` (files, folders, URLs) and return them parsed; bad sources are skipped.

    Guide text is data: markup is stripped and lines that give orders or ask for secrets are left out (`Guide.flags`).
    `on_source(done, total)` is called after each source is read.
    """
    settings = settings or get_settings()
    items, config, skipped = find_sources(paths)
    warnings: list[str] = []
    items = _expand_urls(items, settings, warnings)
    rules = compile_rules(generic_rules(), config.boilerplate)
    sources: dict[str, Source] = {}
    pages: dict[str, list[Line]] = {}
    dropped: dict[str, list[Dropped]] = {}
    flags: dict[str, list[Flag]] = {}
    origin: dict[str, str] = {}
    for done, item in enumerate(items, start=1):
        if on_source:
            on_source(done - 1, len(items))
        try:
            source = _read(item, settings)
        except CorpusError as exc:
            skipped.append(Skipped(str(item), str(exc).removeprefix(f"{item}: ")))
            continue
        if source.name in sources:
            skipped.append(
                Skipped(str(item), f"a guide named {source.name} was already read from {origin[source.name]}")
            )
            continue
        lines_in = source.text.count("\n") + 1
        if lines_in > settings.max_guide_lines:
            skipped.append(
                Skipped(
                    str(item),
                    f"it has {lines_in:,} lines, over the {settings.max_guide_lines:,}-line limit for one guide "
                    "(COACH_MAX_GUIDE_LINES): split it into smaller guides or raise the limit",
                )
            )
            continue
        warnings.extend(source.warnings)
        text, flags[source.name] = flag_lines(repair_text(strip_markup(source.text)))
        source.title = strip_markup(source.title).strip() or None if source.title else None
        lines, gone = clean_lines(text, rules)
        if not lines:
            skipped.append(Skipped(str(item), "nothing but site furniture was found in it"))
            continue
        sources[source.name], pages[source.name], dropped[source.name] = source, lines, gone
        origin[source.name] = str(item)
    if on_source:
        on_source(len(items), len(items))
    sites = {
        name: config.entry(name).get("site") or s.site or config.site or "" for name, s in sources.items()
    }
    repeated = repeated_furniture(pages, {name: site_key(site) for name, site in sites.items()}, rules)
    guides: list[Guide] = []
    for name, source in sources.items():
        lines = [ln for i, ln in enumerate(pages[name]) if i not in repeated[name]]
        gone = dropped[name] + [
            Dropped(pages[name][i].text, why) for i, why in sorted(repeated[name].items())
        ]
        entry = config.entry(name)
        title, role, body = identify(
            lines, name, source.title, entry.get("title"), entry.get("role"), sites[name] or None, source.url
        )
        kept = {id(ln) for ln in body}
        header = [ln for ln in lines if id(ln) not in kept and ln.text != title]
        gone += [Dropped(ln.text, "page header above the title") for ln in header]
        guide = parse_guide(body, name, rules, title=title, role=role, majors=config.majors)
        guide.digest, guide.url, guide.format = source.digest, entry.get("url") or source.url, source.format
        guide.site, guide.modified, guide.dropped = sites[name] or None, source.modified, gone
        guide.flags = flags[name]
        guides.append(guide)
    return LoadResult(guides, warnings, skipped, config)
