"""Stage 2: cleaned lines -> a `Guide` with a section tree, tables kept whole and repeated blocks removed.

Headings in scraped guides are bare short lines, indented lines, promoted bullets, numbered steps
and ladder tiers; Markdown `#` headings are honoured as given. The cleaned text is re-rendered here,
so every block knows its character offsets in `Guide.clean_text`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from coach.ingest.clean import Dropped, Line, Rules, is_labelled_figure, load_rules
from coach.ingest.figures import BARE
from coach.ingest.identity import _SMALL, role_from_title
from coach.ingest.roles import identify
from coach.ingest.statcards import value_first
from coach.ingest.untrusted import Flag

__all__ = ["Block", "Guide", "Section", "parse_guide", "role_from_title"]

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


# --- patterns ---------------------------------------------------------------------------

_MONEY = r"[\$€£¥₩]\s?\d[\d,.]*\s?[kKmM]?\+?(?:\s?[A-Z]{3})?"
_GLUED_ROW = re.compile(rf"^(?P<label>.*?[A-Za-z)])(?P<cells>(?:{_MONEY}\s*){{2,}})$")
_MONEY_RE = re.compile(_MONEY)
_VALUE = re.compile(r"^(?:[\$€£¥₩≈~]|\d[\d,.]*\s*(?:%|[kKmM]\b|\+)|\d[\d,.]*\s*[—–-]\s*\d)")
_INT = re.compile(r"^\d{1,2}$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(.*)$")
_EXPERIENCE_GLUE = re.compile(r"^(\d[\d\-–+]*\s*(?:years?|yrs?)(?:[^.]*?[a-z)])?)([A-Z][a-z])")
_SYMBOLS = re.compile(r"^[^\w(\"'“‘]+", re.UNICODE)
_EXPERIENCE = re.compile(r"^(?:experience:\s*)?\d[\d\-–+ ]*(?:years?|yrs?)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!;:,\"”’]$")
# money, a percentage, a decimal, a thousands figure or "per week": a figure line is never a section name
_HAS_FIGURE = re.compile(r"[$€£¥₹]\s?\d|\d\s?%|\d\.\d|\b\d{1,3}(?:,\d{3})+\b|\d\s+per\s+\w+")


@lru_cache(maxsize=1)
def generic_majors() -> tuple[str, ...]:
    """Top-level heading patterns shipped with the package (`coach/rules/sections.toml`)."""
    data = tomllib.loads(resources.files("coach").joinpath("rules/sections.toml").read_text("utf-8"))
    return tuple(data["major"])


@lru_cache(maxsize=32)
def major_patterns(extra: tuple[str, ...] = ()) -> re.Pattern[str]:
    """The generic top-level heading patterns plus a corpus's own (`[sections] major` in guides.toml)."""
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in generic_majors() + extra) + ")$", re.IGNORECASE)


def is_value(text: str) -> bool:
    """A figure on its own line: '$39,120 USD', '5%', '≈230k', '60,000—110,000' (not '0-1 year')."""
    return bool(_VALUE.match(text)) and not _EXPERIENCE.match(text)


def _strip_symbols(text: str) -> str:
    return _SYMBOLS.sub("", text).strip()


def is_heading_candidate(text: str) -> bool:
    """A short title-like line: no sentence punctuation, no `label: value`, not a figure or a labelled figure."""
    if is_value(text) or _EXPERIENCE.match(text) or _HAS_FIGURE.search(text):
        return False
    text = _strip_symbols(text)
    if not text or _INT.match(text) or text.startswith("("):
        return False
    words = text.split()
    if text.endswith("?"):
        return len(words) <= 30 and text[0].isupper()
    if len(words) > 12 or len(text) > 100 or _SENTENCE_END.search(text) or ": " in text:
        return False
    first = next((c for c in text if c.isalnum()), "")
    return first.isupper() or first.isdigit()


def _titled_label(text: str, nxt: Line | None) -> bool:
    """A short "label: title" line over a list, a heading of its own ("Grade C: Junior Secondary School Teacher",
    "Step 2: Get Licensed"): both sides capitalised words, no figure, and bulleted items right below."""
    if nxt is None or not nxt.bullet or text.count(": ") != 1 or _HAS_FIGURE.search(text):
        return False
    label, title = text.split(": ")
    words = [*label.split(), *title.split()]
    return (
        len(label.split()) <= 3
        and 1 <= len(title.split()) <= 7
        and not _SENTENCE_END.search(title)
        and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL for w in words)
    )


def _level(heading: str, role: str, majors: re.Pattern[str] | None = None) -> int:
    text = _strip_symbols(heading).lower()
    if role:
        text = re.sub(re.escape(role.lower()) + r"s?\b", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ?")
    majors = majors or major_patterns()
    return 1 if majors.match(text) or majors.match(text + "?") else 2


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


# --- line items -------------------------------------------------------------------------


@dataclass
class _Item:
    kind: str  # heading | paragraph | item | row | fragment
    text: str
    level: int = 0  # explicit heading level (Markdown), 0 = infer
    cells: list[str] | None = None


def _split_cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def _items(lines: list[Line], role: str, majors: re.Pattern[str]) -> list[_Item]:
    """Classify lines; join tables, numbered runs, label/value pairs and continuation fragments."""
    items: list[_Item] = []
    n = len(lines)
    i = 0
    numbered_prev: int | None = None
    joined: dict[int, list[str]] = {}  # fragment item -> its text and the continuation lines after it
    facts = _fact_lines(lines, role, majors)
    # stat cards laid out value first: "44,700" / "Physiotherapists workforce in Australia"
    cards = value_first(lines, _card_value, _card_label)
    while i < n:
        line = lines[i]
        text = line.text
        nxt = lines[i + 1] if i + 1 < n else None
        if i in cards:
            items.append(_Item("fragment", f"{_strip_symbols(lines[cards[i]].text)}: {text}"))
            i += 2
            continue

        md = _MD_HEADING.match(text)
        if md and not line.bullet:
            items.append(_Item("heading", md.group(2).strip(), level=len(md.group(1))))
            i += 1
            continue
        # pipe tables (Markdown or flattened): separator rows are dropped
        if text.count("|") >= 2:
            if re.fullmatch(r"[\s|:\-]+", text):
                i += 1
                continue
            items.append(_Item("row", text, cells=_split_cells(text)))
            i += 1
            continue
        glued = _GLUED_ROW.match(text)
        if glued and not line.bullet:
            cells = [glued.group("label").strip()] + [
                m.group(0).strip() for m in _MONEY_RE.finditer(glued.group("cells"))
            ]
            if len(items) - 1 in joined:  # the fragment before it, with its continuation lines
                items[-1].text = " ".join(joined.pop(len(items) - 1))
            prev = items[-1] if items else None
            if (
                prev is not None
                and prev.kind in ("heading", "fragment", "paragraph")
                and "$" not in prev.text
            ):
                header = re.split(r"(?<=[a-z])(?=[A-Z])", prev.text)
                if len(header) == len(cells):
                    items[-1] = _Item("row", " | ".join(header), cells=[h.strip() for h in header])
            items.append(_Item("row", " | ".join(cells), cells=cells))
            i += 1
            continue
        # numbered runs: "1" / "Retail Trade" / "2" / "Financial Services" -> list items
        if _INT.match(text) and not line.bullet:
            number = int(text)
            after = lines[i + 2].text if i + 2 < n else ""
            if (
                nxt is not None
                and len(nxt.text.split()) <= 6
                and not _SENTENCE_END.search(nxt.text)
                and (after == str(number + 1) or numbered_prev == number - 1)
            ):
                items.append(_Item("item", f"{number}. {nxt.text}"))
                numbered_prev = number
                i += 2
                continue
            numbered_prev = None
            i += 1  # a lone ordinal before a step or tier heading
            continue
        numbered_prev = None
        numbered = _NUMBERED.match(text)
        if line.bullet or numbered:
            body = text
            if (
                line.bullet
                and nxt is not None
                and nxt.bullet
                and nxt.indent > line.indent
                and len(text.split()) <= 5
                and is_heading_candidate(text)
            ):
                items.append(_Item("heading", text))  # "• Technical Skills" over a deeper list
            else:
                items.append(
                    _Item(
                        "item",
                        f"{numbered.group(1)}. {numbered.group(2)}" if numbered and not line.bullet else body,
                    )
                )
            i += 1
            continue
        # "0-1 yearHandle initial ..." -> fragment + paragraph
        glue = _EXPERIENCE_GLUE.match(text)
        if glue:
            items.append(_Item("fragment", glue.group(1).strip()))
            items.append(_Item("paragraph", text[glue.end(1) :].strip()))
            i += 1
            continue
        # "Median Salary" / "$39,120 USD" -> "Median Salary: $39,120 USD"
        if (
            nxt is not None
            and is_value(nxt.text)
            and not nxt.bullet
            and len(text.split()) <= 5
            and is_heading_candidate(text)
            and _level(text, role, majors) != 1
            and not _GLUED_ROW.match(nxt.text)
        ):
            items.append(_Item("fragment", f"{_strip_symbols(text)}: {nxt.text}"))
            i += 2
            continue
        if (is_heading_candidate(text) or _titled_label(text, nxt)) and i not in facts:
            items.append(_Item("heading", text))
        elif len(text.split()) < 12 and not re.search(r"[.!?]$", text):
            if items and items[-1].kind == "fragment" and (text[:1].islower() or text[:1] == "("):
                joined.setdefault(len(items) - 1, [items[-1].text]).append(text)  # joined once, below
            else:
                items.append(_Item("fragment", text))
        else:
            items.append(_Item("paragraph", text))
        i += 1
    for at, parts in joined.items():  # a run of continuation lines, joined in one pass (not line by line)
        items[at].text = " ".join(parts)
    return items


def _card_value(text: str) -> bool:
    """A stat card's value line: a figure, or a bare number ("44,700")."""
    return is_value(text) or bool(BARE.match(text))


def _card_label(text: str) -> bool:
    """A stat card's label line: short, not a figure, no sentence."""
    return (
        not is_value(text)
        and len(text.split()) <= 10
        and not _SENTENCE_END.search(text)
        and bool(text.strip())
    )


def _fact_lines(lines: list[Line], role: str, majors: re.Pattern[str]) -> set[int]:
    """Short lines inside a run of labelled figures are facts, not headings ("Typical Entry-Level Education
    Bachelor's degree" between "$39.05 per hour" and "Number of Jobs, 2022 3,172,500")."""
    # table rows are read as tables (their own header and cells), not as a run of facts
    facts = {
        i
        for i, ln in enumerate(lines)
        if is_labelled_figure(ln.text) and not ln.bullet and "|" not in ln.text
    }
    changed = True
    while changed:
        changed = False
        for i, ln in enumerate(lines):
            if (
                i in facts
                or ln.bullet
                or "|" in ln.text
                or len(ln.text.split()) < 3
                or _level(ln.text, role, majors) == 1
            ):
                continue
            before = i - 1 in facts and not ln.blank_before
            after = i + 1 in facts and i + 1 < len(lines) and not lines[i + 1].blank_before
            if before or after:
                facts.add(i)
                changed = True
    return {i for i in facts if is_heading_candidate(lines[i].text)}


# --- sections ---------------------------------------------------------------------------


def _build_sections(
    items: list[_Item], title: str, role: str, rules: Rules, majors: re.Pattern[str]
) -> list[Section]:
    headings = [it.text for it in items if it.kind == "heading"]
    counts: dict[str, int] = {}
    for h in headings:
        counts[h.lower()] = counts.get(h.lower(), 0) + 1
    any_major = any(_level(h, role, majors) == 1 for h in headings)

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
            level = max(1, it.level - 1) if it.level else (_level(it.text, role, majors) if any_major else 1)
            if dropping_at is not None and level <= dropping_at:
                dropping_at = None
            if dropping_at is None and rules.drop_sections.match(_strip_symbols(it.text)):
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
            continue
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


def _dedupe(sections: list[Section]) -> list[Section]:
    """Drop repeated sections (same heading and body) and repeated long blocks; then empty leaves."""
    seen_sections: set[str] = set()
    seen_blocks: set[str] = set()
    kept: list[Section] = []
    for s in sections:
        body = _norm(" ".join(b.text for b in s.blocks))
        key = _norm(s.path[-1]) + "\x00" + body
        if body and key in seen_sections:
            continue
        seen_sections.add(key)
        blocks = []
        for b in s.blocks:
            norm = _norm(b.text)
            if b.words >= 8 and norm in seen_blocks:
                continue
            seen_blocks.add(norm)
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
    sections = _dedupe(_build_sections(_items(lines, role, patterns), title, role, rules, patterns))
    text = _render(title, sections)
    return Guide(source=source, title=title, role=role, clean_text=text, sections=sections)
