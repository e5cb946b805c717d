"""Stage 2a: cleaned lines -> typed items (headings, paragraphs, list items, table rows, fragments), the units
sections.py builds a guide's section tree from.

A heading is a bare short line, an indented line, a promoted bullet, a numbered step, a ladder tier or a Markdown
`#` heading; a line that holds a figure never is, nor is a short line inside a run of labelled figures (a fact of
a stat block). Table rows, numbered runs, `label: value` pairs and continuation fragments are joined here.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from coach.ingest.clean import Line, is_labelled_figure
from coach.ingest.figures import BARE
from coach.ingest.identity import _SMALL
from coach.ingest.statcards import value_first

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


def strip_symbols(text: str) -> str:
    return _SYMBOLS.sub("", text).strip()


def is_heading_candidate(text: str) -> bool:
    """A short title-like line: no sentence punctuation, no `label: value`, not a figure or a labelled figure."""
    if is_value(text) or _EXPERIENCE.match(text) or _HAS_FIGURE.search(text):
        return False
    text = strip_symbols(text)
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


def heading_level(heading: str, role: str, majors: re.Pattern[str] | None = None) -> int:
    text = strip_symbols(heading).lower()
    if role:
        text = re.sub(re.escape(role.lower()) + r"s?\b", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ?")
    majors = majors or major_patterns()
    return 1 if majors.match(text) or majors.match(text + "?") else 2


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


# --- line items -------------------------------------------------------------------------


@dataclass
class Item:
    """One classified line, or a run of lines joined: a table's rows, a numbered step, a label and its value."""

    kind: str  # heading | paragraph | item | row | fragment
    text: str
    level: int = 0  # explicit heading level (Markdown), 0 = infer
    cells: list[str] | None = None


def _split_cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def read_items(lines: list[Line], role: str, majors: re.Pattern[str]) -> list[Item]:
    """Classify lines; join tables, numbered runs, label/value pairs and continuation fragments."""
    items: list[Item] = []
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
            items.append(Item("fragment", f"{strip_symbols(lines[cards[i]].text)}: {text}"))
            i += 2
            continue

        md = _MD_HEADING.match(text)
        if md and not line.bullet:
            items.append(Item("heading", md.group(2).strip(), level=len(md.group(1))))
            i += 1
            continue
        # pipe tables (Markdown or flattened): separator rows are dropped
        if text.count("|") >= 2:
            if re.fullmatch(r"[\s|:\-]+", text):
                i += 1
                continue
            items.append(Item("row", text, cells=_split_cells(text)))
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
                    items[-1] = Item("row", " | ".join(header), cells=[h.strip() for h in header])
            items.append(Item("row", " | ".join(cells), cells=cells))
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
                items.append(Item("item", f"{number}. {nxt.text}"))
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
                items.append(Item("heading", text))  # "• Technical Skills" over a deeper list
            else:
                items.append(
                    Item(
                        "item",
                        f"{numbered.group(1)}. {numbered.group(2)}" if numbered and not line.bullet else body,
                    )
                )
            i += 1
            continue
        # "0-1 yearHandle initial ..." -> fragment + paragraph
        glue = _EXPERIENCE_GLUE.match(text)
        if glue:
            items.append(Item("fragment", glue.group(1).strip()))
            items.append(Item("paragraph", text[glue.end(1) :].strip()))
            i += 1
            continue
        # "Median Salary" / "$39,120 USD" -> "Median Salary: $39,120 USD"
        if (
            nxt is not None
            and is_value(nxt.text)
            and not nxt.bullet
            and len(text.split()) <= 5
            and is_heading_candidate(text)
            and heading_level(text, role, majors) != 1
            and not _GLUED_ROW.match(nxt.text)
        ):
            items.append(Item("fragment", f"{strip_symbols(text)}: {nxt.text}"))
            i += 2
            continue
        if (is_heading_candidate(text) or _titled_label(text, nxt)) and i not in facts:
            items.append(Item("heading", text))
        elif len(text.split()) < 12 and not re.search(r"[.!?]$", text):
            if items and items[-1].kind == "fragment" and (text[:1].islower() or text[:1] == "("):
                joined.setdefault(len(items) - 1, [items[-1].text]).append(text)  # joined once, below
            else:
                items.append(Item("fragment", text))
        else:
            items.append(Item("paragraph", text))
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
                or heading_level(ln.text, role, majors) == 1
            ):
                continue
            before = i - 1 in facts and not ln.blank_before
            after = i + 1 in facts and i + 1 < len(lines) and not lines[i + 1].blank_before
            if before or after:
                facts.add(i)
                changed = True
    return {i for i in facts if is_heading_candidate(lines[i].text)}
