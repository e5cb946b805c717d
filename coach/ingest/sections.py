"""Stage 2: cleaned lines -> a `Guide` with a section tree, tables kept whole and repeated blocks removed.

items.py reads the lines as headings (bare short lines, indented lines, promoted bullets, numbered steps, ladder
tiers; Markdown `#` headings as given), paragraphs, list items and table rows; here they become sections, the
repeated ones are dropped, and the cleaned text is re-rendered so every block knows its character offsets in
`Guide.clean_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.ingest.clean import Dropped, Line, Rules, load_rules
from coach.ingest.identity import role_from_title
from coach.ingest.items import (
    Item,
    heading_level,
    is_heading_candidate,
    major_patterns,
    norm,
    read_items,
    strip_symbols,
)
from coach.ingest.roles import identify
from coach.ingest.untrusted import Flag

__all__ = ["Block", "Guide", "Section", "is_heading_candidate", "parse_guide", "role_from_title"]

# a whole sentence ends here, anywhere in the text ("..." is not one); items.py's _SENTENCE_END reads a line's end
_WHOLE_SENTENCE = re.compile(r"[\w%)][.!?][\"'”’)]*(?:\s|$)")

# --- data model -------------------------------------------------------------------------


@dataclass
class Block:
    """A unit of body text: a paragraph, a list, a table, or a run of short `label: value` fields."""

    kind: str  # "paragraph" | "list" | "table" | "fields"
    text: str
    start: int = 0
    end: int = 0

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Section:
    """A heading and the blocks directly under it; `path` runs from the top-level heading down."""

    path: tuple[str, ...]
    level: int
    blocks: list[Block] = field(default_factory=list)
    heading_start: int = -1  # offset of the heading line in the clean text (-1: no heading line)


@dataclass
class Guide:
    """One career guide after cleaning: its text re-rendered, and its sections pointing into that text."""

    source: str
    title: str
    role: str
    clean_text: str
    sections: list[Section]
    warnings: list[str] = field(default_factory=list)
    digest: str = ""
    url: str | None = None  # where the guide came from: a `Source:` line, a canonical link, the fetched URL
    site: str | None = None
    modified: str | None = None
    format: str = "txt"
    dropped: list[Dropped] = field(default_factory=list)  # furniture cleaning removed, with reasons
    flags: list[Flag] = field(default_factory=list)  # lines left out as instructions or requests, not advice

    def tree(self) -> list[tuple[int, str, int]]:
        """(level, heading, words directly under it) for every section, in order."""
        return [(s.level, s.path[-1], sum(b.words for b in s.blocks)) for s in self.sections]


# --- sections ---------------------------------------------------------------------------


def _build_sections(
    items: list[Item], title: str, role: str, rules: Rules, majors: re.Pattern[str]
) -> list[Section]:
    headings = [it.text for it in items if it.kind == "heading"]
    counts: dict[str, int] = {}
    for h in headings:
        counts[h.lower()] = counts.get(h.lower(), 0) + 1
    any_major = any(heading_level(h, role, majors) == 1 for h in headings)

    sections: list[Section] = [Section(("Overview",), 1)]
    stack: list[str] = []
    dropping_at: int | None = None
    label: str | None = None
    for it in items:
        if it.kind == "heading":
            if counts[it.text.lower()] >= 3 and not it.level:
                label = it.text  # a field label repeated under every tier ("Key Focus Areas")
                continue
            # Markdown: '#' is the title, '##' a top-level section
            level = (
                max(1, it.level - 1)
                if it.level
                else (heading_level(it.text, role, majors) if any_major else 1)
            )
            if dropping_at is not None and level <= dropping_at:
                dropping_at = None
            if dropping_at is None and rules.drop_sections.match(strip_symbols(it.text)):
                dropping_at = level
            label = None
            stack = stack[: level - 1]
            while len(stack) < level - 1:
                stack.append(stack[-1] if stack else "Overview")
            stack.append(it.text)
            if dropping_at is None:
                sections.append(Section(tuple(stack), level))
            continue
        if dropping_at is not None:
            if not _is_prose(it, rules.drop_section_prose_words):
                continue
            dropping_at = None  # the article's own prose, not a link list: it goes on the last kept section
        section = sections[-1]
        text = it.text
        if label is not None and it.kind != "heading":
            text = f"{label}: {text}"
            label = None
        last = section.blocks[-1] if section.blocks else None
        if it.kind == "item":
            item = text if re.match(r"^\d{1,2}\. ", text) else f"- {text}"
            if last is not None and last.kind == "list":
                last.text += "\n" + item
            else:
                section.blocks.append(Block("list", item))
        elif it.kind == "row":
            row = " | ".join(it.cells or [text])
            if last is not None and last.kind == "table":
                last.text += "\n" + row
            else:
                section.blocks.append(Block("table", row))
        elif it.kind == "fragment":
            if last is not None and last.kind == "fields":
                last.text += "; " + text
            else:
                section.blocks.append(Block("fields", text))
        else:
            section.blocks.append(Block("paragraph", text))
    return sections


def _is_prose(item: Item, min_words: int) -> bool:
    """A paragraph of `min_words` or more holding a whole sentence: body text, not a link or a clipped teaser."""
    text = item.text.rstrip()
    return item.kind == "paragraph" and len(text.split()) >= min_words and bool(_WHOLE_SENTENCE.search(text))


def _dedupe(sections: list[Section]) -> list[Section]:
    """Drop repeated sections (same heading and body) and repeated long blocks; then empty leaves."""
    seen_sections: set[str] = set()
    seen_blocks: set[str] = set()
    kept: list[Section] = []
    for s in sections:
        body = norm(" ".join(b.text for b in s.blocks))
        key = norm(s.path[-1]) + "\x00" + body
        if body and key in seen_sections:
            continue
        seen_sections.add(key)
        blocks = []
        for b in s.blocks:
            said = norm(b.text)
            if b.words >= 8 and said in seen_blocks:
                continue
            seen_blocks.add(said)
            blocks.append(b)
        kept.append(Section(s.path, s.level, blocks))
    # a heading stays only if it, or a section below it, has text; a run of empty headings between two sections
    # is a label and its value ("Minimum Education Level" / "Some Postsecondary Training"): kept as one fact
    result: list[Section] = []
    pending: list[str] = []
    for idx, s in enumerate(kept):
        has_text = bool(s.blocks)
        if not has_text:
            for later in kept[idx + 1 :]:
                if later.level <= s.level:
                    break
                if later.blocks:
                    has_text = True
                    break
        if has_text:
            _flush_labels(pending, result)
            result.append(s)
        else:
            pending.append(s.path[-1])
    _flush_labels(pending, result)
    return result


def _flush_labels(pending: list[str], result: list[Section]) -> None:
    """Keep a run of empty headings as one fact line of the section before them, so no text is lost
    ("Minimum Education Level: Some Postsecondary Training"); a run of numbered stubs ("Step 1", "Step 2") is not
    text worth keeping."""
    firsts = {p.split()[0].lower() for p in pending}
    if len(pending) >= 2 and result and len(firsts) > 1:
        result[-1].blocks.append(Block("fields", f"{pending[0]}: {'; '.join(pending[1:])}"))
    pending.clear()


def _render(title: str, sections: list[Section]) -> str:
    """Write the cleaned text and set every block's offsets into it."""
    parts: list[str] = [title]
    pos = len(title)
    for s in sections:
        if s.path != ("Overview",):
            heading = s.path[-1]
            parts.append("\n\n" + heading)
            s.heading_start = pos + 2
            pos += 2 + len(heading)
        for b in s.blocks:
            parts.append("\n\n")
            pos += 2
            b.start = pos
            parts.append(b.text)
            pos += len(b.text)
            b.end = pos
    return "".join(parts) + "\n"


def parse_guide(
    lines: list[Line],
    source: str,
    rules: Rules | None = None,
    title: str | None = None,
    role: str | None = None,
    majors: tuple[str, ...] = (),
) -> Guide:
    """Cleaned lines of one guide -> a `Guide` (title, role, sections, clean text with offsets).

    Without `title`, the title and role are found from the lines themselves (`roles.identify`).
    """
    rules = rules or load_rules()
    if not lines and not title:
        return Guide(source, source, source, "", [])
    if title is None:
        title, role, lines = identify(lines, source)
    role = role or role_from_title(title)
    patterns = major_patterns(majors)
    sections = _dedupe(_build_sections(read_items(lines, role, patterns), title, role, rules, patterns))
    text = _render(title, sections)
    return Guide(source=source, title=title, role=role, clean_text=text, sections=sections)
