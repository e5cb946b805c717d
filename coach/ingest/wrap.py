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


_BULLET = re.compile(r"^(\s*[-*+•·▪–]\s+)(.*)$")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s")
_MID_SENTENCE = re.compile(
    r"(?:[,(-]|\b(?:a|an|the|of|to|at|in|on|for|with|from|by|and|or|be|is|are|least|than|as|who|which|that))$",
    re.I,
)
_ITEM_END = re.compile(r"[,;]\s*(?:and|or)$")  # "...with qualified tradespeople), and": a list item's end


def _wrapped_bullets(items: list[str]) -> bool:
    """Is a run of bullet lines one text hard-wrapped with a bullet on every line, as some pages are scraped?
    The lines are long, most end close to one width without sentence punctuation, and at least two go on in
    lower case from the line before (a list of short items or of lower-case phrases is a list)."""
    if len(items) < 2:
        return False
    lengths = [len(x) for x in items]
    width = max(lengths)
    open_ended = [a for a in items[:-1] if not _ENDS_SENTENCE.search(a)]
    near = [a for a in open_ended if len(a) >= 0.75 * width]
    lower = sum(
        1 for a, b in zip(items, items[1:], strict=False) if not _ENDS_SENTENCE.search(a) and b[:1].islower()
    )
    enough = lower >= min(2, len(items) - 1)
    # a line broken mid-sentence ends in a comma, a broken word or a word no sentence ends on ("at least",
    # "capable of"); list items end on their own last word
    broken = [a for a in open_ended if _MID_SENTENCE.search(a) and not _ITEM_END.search(a)]
    return (
        median(lengths) >= 50
        and width >= 60
        and enough
        and len(near) >= (len(items) - 1) / 2
        and len(broken) >= 0.4 * len(open_ended)
    )


def _unbullet(text: str) -> str:
    """Rejoin runs of bullet lines that are one hard-wrapped text ("• 4. All applicants will attend a Seminar",
    "• from Monday, 16th June, at the Centre"): a line joins the one before unless that one ends a sentence
    or it starts a numbered item of its own."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _BULLET.match(lines[j]):
            j += 1
        run = [_BULLET.match(x) for x in lines[i:j]]
        items = [m.group(2).rstrip() for m in run if m]
        if j - i >= 2 and _wrapped_bullets(items):
            lead = run[0].group(1) if run[0] else "• "
            merged: list[str] = []
            for item in items:
                if merged and not _ENDS_SENTENCE.search(merged[-1]) and not _NUMBERED.match(item):
                    # "A-" + "Level": a word broken at its hyphen joins without a space
                    merged[-1] += item if re.search(r"[A-Za-z]-$", merged[-1]) else " " + item
                else:
                    merged.append(item)
            out += [lead + m for m in merged]
            i = j
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def unwrap(text: str) -> str:
    """Rejoin the lines of a hard-wrapped file into paragraphs (list items keep their own continuation lines)."""
    text = _unbullet(text)
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
