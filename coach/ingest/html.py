"""An HTML page -> Markdown-ish text: trafilatura decides which text is the page's content, a DOM walk keeps its shape.

trafilatura alone loses structure on pages built from plain `<div>`s (it dropped the `<h1>`, every `<h2>` and the
Quick Facts table of a BLS-style page), so we walk the page ourselves, emit headings, list items, table rows and
paragraphs, and keep a paragraph or item only if trafilatura kept its text. Tables are kept whole: they hold the
facts (pay, outlook, education) that guides are read for.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from coach.ingest.hidden import hidden_elements

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# elements whose boundaries break a paragraph
_BLOCK_NAMES = (
    "address article aside blockquote body caption center dd details div dt fieldset figcaption figure footer "
    "form header hgroup html legend li main p pre section summary td th tr tbody thead tfoot"
)
_BLOCKS = frozenset(_BLOCK_NAMES.split())
# never content: code, media, controls, and site navigation
_DROP_NAMES = (
    "script style noscript template svg canvas iframe object embed button select textarea input nav dialog"
)
_DROP_TAGS = (*_DROP_NAMES.split(), "footer")
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"}
# consent banners can carry whole tables of cookie names, and tables are otherwise always kept
_CONSENT = re.compile(r"cookie|consent|gdpr", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_BREAK = "\x00"


@dataclass
class _Block:
    kind: str  # heading | para | item | row
    text: str
    level: int = 0  # heading level, or list depth
    marker: str = "-"  # list item marker: "-" or "3."
    table: int = -1  # the table a row or caption belongs to
    el: etree._Element | None = None  # the element it came from


class NoContentError(ValueError):
    """The page has no readable main content."""


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _key(text: str) -> str:
    """Words only, lowercased: how a block is matched against trafilatura's text."""
    return " ".join(re.findall(r"\w+", text.lower()))


def text_of(el: etree._Element, skip: frozenset[str] = frozenset(), sep: str = " ") -> str:
    """An element's text, with block and <br> boundaries turned into `sep` and `skip` subtrees left out."""
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        if not isinstance(e.tag, str) or e.tag in skip:
            return
        boundary = e.tag == "br" or e.tag in _BLOCKS or e.tag in ("ul", "ol", "li")
        if boundary:
            parts.append(_BREAK)
        parts.append(e.text or "")
        for child in e:
            walk(child)
            parts.append(child.tail or "")
        if boundary:
            parts.append(_BREAK)

    parts.append(el.text or "")
    for child in el:
        walk(child)
        parts.append(child.tail or "")
    pieces = (_norm(p) for p in "".join(parts).split(_BREAK))
    return sep.join(p for p in pieces if p)


def _nearest(el: etree._Element, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """Descendants with one of `tags` that are not inside another such descendant."""
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if child.tag in tags:
            yield child
        else:
            yield from _nearest(child, tags)


class _Walker:
    """Turns a DOM into blocks in reading order."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.buffer: list[str] = []
        self.tables = 0
        self.container: etree._Element | None = None

    def flush(self) -> None:
        text = _norm("".join(self.buffer))
        self.buffer.clear()
        if text:
            self.blocks.append(_Block("para", text, el=self.container))

    def walk(self, el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        if tag in _HEADINGS:
            self.flush()
            if text := text_of(el):
                self.blocks.append(_Block("heading", text, _HEADINGS[tag], el=el))
        elif tag in ("ul", "ol"):
            self.flush()
            self.list(el, 0)
        elif tag == "table" and not el.xpath(".//table|.//h1|.//h2|.//h3|.//h4"):
            self.flush()
            self.table(el)
        elif tag == "dl":
            self.flush()
            self.definitions(el)
        elif tag == "br":
            self.buffer.append(" ")
        else:
            block = tag in _BLOCKS or tag in ("table", "hr")  # a layout table is walked like divs
            outer = self.container
            if block:
                self.flush()
                self.container = el
            self.buffer.append(el.text or "")
            for child in el:
                self.walk(child)
                self.buffer.append(child.tail or "")
            if block:
                self.flush()
                self.container = outer

    def list(self, el: etree._Element, depth: int) -> None:
        ordered = el.tag == "ol"
        start = el.get("start", "1")
        number = int(start) if start.isdigit() else 1
        for li in el:
            if li.tag != "li":
                continue
            if li.xpath(".//h1|.//h2|.//h3|.//h4|.//table"):
                self.walk(li)  # cards laid out as a list: headings and tables inside are content
                continue
            if text := text_of(li, skip=frozenset({"ul", "ol"})):
                marker = f"{number}." if ordered else "-"
                self.blocks.append(_Block("item", text, depth, marker, el=li))
                number += 1
            for sub in _nearest(li, ("ul", "ol")):
                self.list(sub, depth + 1)

    def table(self, el: etree._Element) -> None:
        self.tables += 1
        table = self.tables
        caption = el.find("caption")
        if caption is not None and (text := text_of(caption)):
            self.blocks.append(_Block("para", text, table=table, el=el))
        rows: list[list[str]] = []
        for tr in el.iter("tr"):
            cells = [text_of(c, sep="; ").replace("|", "/") for c in tr if c.tag in ("td", "th")]
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                rows.append(cells)
        one_column = all(len(r) == 1 for r in rows)
        for cells in rows:
            if len(cells) == 1:  # a title row spanning the table, or a one-column table (a list)
                kind = "item" if one_column else "para"
                self.blocks.append(_Block(kind, cells[0], table=table, el=el))
            else:
                self.blocks.append(_Block("row", "| " + " | ".join(cells) + " |", table=table, el=el))

    def definitions(self, el: etree._Element) -> None:
        """<dt>term</dt><dd>value</dd> -> a row `| term | value |` (how fact boxes are often marked up)."""
        self.tables += 1
        term: str | None = None
        values: list[str] = []

        def emit() -> None:
            if term and values:
                cells = [term, "; ".join(values)]
                self.blocks.append(_Block("row", "| " + " | ".join(cells) + " |", table=self.tables, el=el))
            elif term or values:
                self.blocks.append(_Block("para", term or "; ".join(values), el=el))

        for item in _nearest(el, ("dt", "dd")):
            text = text_of(item).replace("|", "/")
            if item.tag == "dt":
                if values or term:
                    emit()
                    values = []
                term = text
            elif text:
                values.append(text)
        emit()


def _drop_furniture(root: etree._Element) -> None:
    """Remove what is never a guide's content; `drop_tree` keeps the text that follows each element."""
    doomed = list(root.iter(*_DROP_TAGS))
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        marks = f"{el.get('id', '')} {el.get('class', '')}"
        if (
            (el.get("role") or "").lower() in _DROP_ROLES
            or el.get("aria-hidden") == "true"
            # a site header; a <header> holding a section's heading is part of that section
            or (el.tag == "header" and not el.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6"))
            or (_CONSENT.search(marks) and el.tag not in ("html", "body", "main", "article"))
        ):
            doomed.append(el)
    # what no reader sees: hidden, clipped, zero-sized, coloured like its background, a closed <details>
    doomed.extend(hidden_elements(root))
    # lists and tables of nothing but links are menus, tables of contents and tag clouds
    for group in list(root.iter("ul", "ol", "table")):
        cells = [c for c in group.iter("li", "td", "th") if text_of(c)]
        if cells and all(_is_link_only(c) for c in cells):
            doomed.append(group)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _is_link_only(el: etree._Element) -> bool:
    links = " ".join(text_of(a) for a in el.iter("a"))
    return bool(links) and _key(links) == _key(text_of(el))


def _filter(blocks: list[_Block], kept_text: str | None) -> list[_Block]:
    """Keep what trafilatura kept, every table, the <h1>, and headings over kept content in the main region."""
    if kept_text is None:
        return blocks
    hay = f" {_key(kept_text)} "
    lines = {_key(line) for line in kept_text.splitlines()}  # most blocks are a whole line: skip the scan

    def kept(b: _Block) -> bool:
        key = _key(b.text)
        return b.kind != "heading" and (key in lines or f" {key} " in hay)

    matched = [kept(b) for b in blocks]
    has_rows = {b.table for b in blocks if b.kind == "row"}
    keep = [m or b.kind == "row" or b.table in has_rows for b, m in zip(blocks, matched, strict=True)]
    # the main region is the smallest element around all kept text: a sidebar's heading is outside it
    region = _common_ancestor([b.el for b, m in zip(blocks, matched, strict=True) if m and b.el is not None])
    for i, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        if block.level == 1:
            keep[i] = True
            continue
        if region is not None and block.el is not None and not _within(block.el, region):
            continue
        j = i + 1
        while j < len(blocks) and not (blocks[j].kind == "heading" and blocks[j].level <= block.level):
            if keep[j] and blocks[j].kind != "heading":
                keep[i] = True
                break
            j += 1
    return [b for b, k in zip(blocks, keep, strict=True) if k]


def _common_ancestor(elements: list[etree._Element]) -> etree._Element | None:
    """The deepest element that holds the parents of all `elements`."""
    chains = [list(reversed(list(el.iterancestors()))) or [el] for el in elements]
    common = None
    for level in zip(*chains, strict=False):
        if any(el is not level[0] for el in level):
            break
        common = level[0]
    return common


def _within(el: etree._Element, region: etree._Element) -> bool:
    return el is region or any(a is region for a in el.iterancestors())


def render(blocks: list[_Block]) -> str:
    """Blocks -> text: blank lines between blocks, none inside a list or a table."""
    lines: list[str] = []
    prev: _Block | None = None
    for b in blocks:
        together = prev is not None and (
            (b.kind == prev.kind == "item") or (b.table == prev.table != -1 and b.kind == prev.kind)
        )
        if prev is not None and not together:
            lines.append("")
        if b.kind == "heading":
            lines.append("#" * b.level + " " + b.text)
        elif b.kind == "item":
            lines.append("  " * b.level + f"{b.marker} {b.text}")
        else:
            lines.append(b.text)
        prev = b
    return "\n".join(lines).strip() + "\n" if lines else ""


# --- site names -------------------------------------------------------------------------


def same_site(part: str, site: str | None, host: str | None) -> bool:
    """Whether a title part names the site: 'U.S. Bureau of Labor Statistics' for bls.gov, 'Prospects' for prospects.ac.uk."""
    text = _key(part).replace(" ", "")
    names = [_key(site).replace(" ", "")] if site else []
    label = ""
    if host:
        host = host.removeprefix("www.")
        label = host.split(".")[0]
        names += [_key(host).replace(" ", ""), label]
    for name in names:
        if text == name or (min(len(text), len(name)) >= 4 and (name in text or text in name)):
            return True
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w.]*", part) if w[0].isupper()).lower()
    return len(label) >= 3 and initials.endswith(label)


# --- entry points -----------------------------------------------------------------------


def parse_html(markup: str) -> etree._Element:
    """Markup -> an lxml document; raises NoContentError when there is no document at all."""
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)  # lxml refuses str input with an encoding declaration
    try:
        return lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise NoContentError(str(exc)) from exc


def main_text(
    root: etree._Element, site: str | None = None, host: str | None = None
) -> tuple[str, str | None]:
    """A parsed page -> (its main content as Markdown-ish text, its <h1>); read metadata first: this edits `root`."""
    _drop_furniture(root)
    walker = _Walker()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    kept = trafilatura.extract(
        copy.deepcopy(root),
        output_format="txt",
        include_tables=True,
        include_comments=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
    )
    blocks = _filter(walker.blocks, kept)
    if not any(b.kind != "heading" for b in blocks):
        raise NoContentError("no text blocks")
    # a logo marked up as <h1> is not the page's title
    h1s = [b for b in blocks if b.kind == "heading" and b.level == 1]
    logos = [b for b in h1s if same_site(b.text, site, host)]
    if logos and len(logos) < len(h1s):
        blocks = [b for b in blocks if all(b is not logo for logo in logos)]
    first = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1), None)
    if first is None:
        return render(blocks), None
    # kickers, breadcrumbs and dates above the title are not content; a table there is
    above = [b for b in blocks[:first] if b.table != -1]
    return render([blocks[first], *above, *blocks[first + 1 :]]), blocks[first].text
