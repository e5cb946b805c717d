"""Text as written: hard-wrapped plain text and Markdown rejoined into paragraphs, and sentences split by a
library that knows abbreviations (pysbd), not at every full stop.

Editors save Markdown wrapped at a fixed width (often 80-100 columns), so a line break inside a sentence is
layout, not a paragraph. A file counts as hard-wrapped when many of its prose lines end close to one right
margin; then a line that continues a sentence (the line before it ends without sentence punctuation and it
is not a heading, list item, table row or blank) joins the line before it. Scraped pages, whose line breaks
are the page's own blocks, are left as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache
from statistics import median

# a line that starts a block of its own: heading, list item, table row, quote, fence, rule
_BLOCK_START = re.compile(
    r"^\s*(?:#{1,6}\s|[-*+•·▪–]\s|\d{1,3}[.)]\s|\||>|```|~~~|(?:-{3,}|\*{3,}|_{3,})\s*$)"
)
_ENDS_SENTENCE = re.compile(r"[.!?:;]['\")\]”’]*$")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+•·▪–]|\d{1,3}[.)])\s")


def wrap_width(text: str) -> int | None:
    """The right margin a file is hard-wrapped at, or None when its line breaks are its own blocks.

    Hard wrapping shows as prose lines that end within a few columns of one width and run on into the next
    line: at least 3 lines of 40+ characters lie within 80% of the widest of them (its 90th percentile)
    with another prose line straight after, and they are at least a third of the long lines.
    """
    lines = text.split("\n")
    prose = [i for i, ln in enumerate(lines) if len(ln.strip()) >= 40 and not _BLOCK_START.match(ln)]
    if len(prose) < 3:
        return None
    lengths = sorted(len(lines[i].rstrip()) for i in prose)
    width = lengths[int(len(lengths) * 0.9) - 1] if len(lengths) >= 10 else lengths[-1]
    near = [
        len(lines[i].rstrip())
        for i in prose
        if len(lines[i].rstrip()) >= 0.8 * width
        and i + 1 < len(lines)
        and lines[i + 1].strip()
        and not _BLOCK_START.match(lines[i + 1])
    ]
    if not 50 <= width <= 140 or len(near) < max(3, len(prose) / 3):
        return None
    return int(median(near))


def unwrap(text: str) -> str:
    """Rejoin the lines of a hard-wrapped file into paragraphs (list items keep their own continuation lines)."""
    width = wrap_width(text)
    if width is None:
        return text
    out: list[str] = []
    fence = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
        prev = out[-1] if out else ""
        joins = (
            not fence
            and stripped
            and prev.strip()
            and not _BLOCK_START.match(line)
            and not prev.lstrip().startswith(("#", "|", "```", "~~~"))
            and not _ENDS_SENTENCE.search(prev.rstrip())
            and not prev.endswith("  ")  # Markdown's explicit line break
            # the line before reached the margin, or this one goes on in lower case: one sentence
            and (len(prev.rstrip()) >= 0.6 * width or stripped[:1].islower())
        )
        if joins:
            out[-1] = prev.rstrip() + " " + stripped
        else:
            out.append(line)
    return "\n".join(out)


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


@lru_cache(maxsize=65536)
def sentences(line: str) -> tuple[str, ...]:
    """The sentences of one line, in order, each an exact substring of it ('Rs. 6-8 lakh' stays whole)."""
    if len(line) < 30 or not re.search(r"[.!?]\s", line):
        return (line,) if line.strip() else ()
    spans: list[tuple[int, int]] = []  # each sentence's start and end in the line
    pos = 0
    for piece in _segmenter().segment(line):
        piece = piece.strip()
        if not piece:
            continue
        at = line.find(piece, pos)
        if at < 0:  # the segmenter changed the text: fall back to the whole line
            return (line.strip(),)
        pos = at + len(piece)
        if spans and _ABBREVIATED.search(line, 0, spans[-1][1]) and piece[:1].isdigit():
            # "... is Kshs. 8,200 per month": an abbreviation before a figure ends no sentence
            spans[-1] = (spans[-1][0], pos)
        else:
            spans.append((at, pos))
    return tuple(line[a:b] for a, b in spans) or (line.strip(),)


# "Kshs.", "Rs.", "No.": a capitalised short abbreviation
_ABBREVIATED = re.compile(r"\b[A-Z][A-Za-z]{0,4}\.$")
