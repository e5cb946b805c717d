"""Content a reader of the page never sees: it is no part of the guide, whatever it says.

A page can carry text for machines only: the `hidden` attribute, `aria-hidden`, screen-reader-only clipping
(`sr-only`, `visually-hidden`), `display:none`, `visibility:hidden`, zero font size or opacity, text coloured
like its background, and the body of a `<details>` that is closed by default (its `<summary>` shows). These are
found by structure, in an HTML tree (`hidden_elements`) and in inline HTML inside Markdown or text
(`strip_hidden`), before any text is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

_HIDING_CLASS = re.compile(
    r"(?:^|\s)(?:sr-only|visually-?hidden|screen-reader-text|screenreader|hidden|d-none|is-hidden|offscreen)(?:\s|$)",
    re.IGNORECASE,
)
_SHOWN_AT = re.compile(
    r"\b\w+:(?:block|flex|inline|inline-block|grid|table)\b|\bd-\w+-(?:block|flex|inline)\b"
)
_HIDING_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0*)?(?:px|pt|em|rem|%)?\s*(?:;|$|!)"
    r"|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$|!)|clip\s*:\s*rect\(\s*0|clip-path\s*:\s*inset\(\s*50%"
    r"|(?:left|top|text-indent)\s*:\s*-\d{3,}",
    re.IGNORECASE,
)
_COLOR = re.compile(r"(?:^|;)\s*color\s*:\s*([^;!]+)", re.IGNORECASE)
_BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*([^;!]+)", re.IGNORECASE)
_NAMED = {"white": "#ffffff", "black": "#000000"}


def _hex(value: str) -> str | None:
    """A CSS colour as #rrggbb (names, #rgb, #rrggbb, rgb()), or None when it is something else."""
    v = value.strip().lower()
    v = _NAMED.get(v, v)
    if m := re.fullmatch(r"#([0-9a-f]{3})", v):
        return "#" + "".join(c * 2 for c in m.group(1))
    if re.fullmatch(r"#[0-9a-f]{6}", v):
        return v
    if m := re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*[\d.]+\s*)?\)", v):
        return "#" + "".join(f"{min(255, int(x)):02x}" for x in m.groups())
    return None


def hides(attrs: dict[str, str], background: str = "#ffffff") -> bool:
    """Whether an element with these attributes hides its content from a reader on this background."""
    if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
        return True
    classes = attrs.get("class", "")
    if _HIDING_CLASS.search(classes) and not _SHOWN_AT.search(classes):
        return True  # "hidden md:block" shows on wider screens: it is content
    style = attrs.get("style", "")
    if _HIDING_STYLE.search(style):
        return True
    color = _COLOR.search(style)
    own = _BACKGROUND.search(style)
    back = (_hex(own.group(1)) if own else None) or background
    return color is not None and _hex(color.group(1)) == back


def _background(el: etree._Element) -> str:
    """The background an element's text is drawn on: its nearest declared background colour, else white."""
    node: etree._Element | None = el
    while node is not None:
        m = _BACKGROUND.search(node.get("style", "")) if isinstance(node.tag, str) else None
        if m and (found := _hex(m.group(1))):
            return found
        node = node.getparent()
    return "#ffffff"


def hidden_elements(root: etree._Element) -> Iterator[etree._Element]:
    """The elements of a tree whose content no reader sees (a closed `<details>` yields its body, not its summary)."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        parent = el.getparent()
        if hides(dict(el.attrib), _background(parent) if parent is not None else "#ffffff"):
            yield el
        elif el.tag == "details" and el.get("open") is None:
            yield from (kid for kid in el if isinstance(kid.tag, str) and kid.tag != "summary")


_INLINE = re.compile(r"<([a-zA-Z][\w-]*)((?:\s+[^<>]*?)?)>(.*?)</\1\s*>", re.DOTALL)
_ATTR = re.compile(r"""([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in _ATTR.finditer(raw)}


def strip_hidden(text: str) -> str:
    """Text with inline HTML elements that hide their content removed, content and all (line breaks kept)."""

    def drop(match: re.Match[str]) -> str:
        if match.group(1).lower() == "details" and "open" not in _attrs(match.group(2)):
            summary = re.search(
                r"<summary\b[^>]*>(.*?)</summary\s*>", match.group(3), re.DOTALL | re.IGNORECASE
            )
            kept = summary.group(1) if summary else ""
            return kept + "\n" * (match.group(0).count("\n") - kept.count("\n"))
        if hides(_attrs(match.group(2))):
            return "\n" * match.group(0).count("\n")
        return match.group(0)

    for _ in range(5):  # nested elements: the outer one is seen once the inner ones are settled
        before = text
        text = _INLINE.sub(drop, text)
        if text == before:
            break
    return text
