"""Stage 3: a `Guide` -> `Chunk`s that never cross a section boundary, with offsets back into the clean text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass

from coach.ingest.sections import Block, Guide
from coach.ingest.wrap import sentences


@dataclass(frozen=True)
class Chunk:
    """A passage of one section: `text == clean_text[start:end]` of its guide."""

    id: str
    guide: str
    role: str
    section: str
    source: str
    start: int
    end: int
    text: str
    url: str | None = None  # the guide's source URL, when known (for citations)

    @property
    def embed_text(self) -> str:
        """What gets embedded and BM25-indexed: the passage with its role and section path."""
        return f"{self.role}. {self.section}.\n{self.text}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _pieces(block: Block, max_words: int) -> list[tuple[int, int]]:
    """(start, end) spans of a block, split at lines then sentences when it is over `max_words`."""
    if block.words <= max_words:
        return [(block.start, block.end)]
    spans: list[tuple[int, int]] = []
    offset = block.start
    for line in block.text.split("\n"):
        if len(line.split()) <= max_words:
            spans.append((offset, offset + len(line)))
        else:
            pos = 0
            for sentence in sentences(line):
                at = line.index(sentence, pos)
                spans.append((offset + at, offset + at + len(sentence)))
                pos = at + len(sentence)
        offset += len(line) + 1
    # join neighbouring spans back up to max_words
    merged: list[tuple[int, int]] = []
    words = 0
    text = lambda s: block.text[s[0] - block.start : s[1] - block.start]  # noqa: E731
    for span in spans:
        n = len(text(span).split())
        if merged and words + n <= max_words:
            merged[-1] = (merged[-1][0], span[1])
            words += n
        else:
            merged.append(span)
            words = n
    return merged


def chunk_id(source: str, section: str, text: str, occurrence: int = 0) -> str:
    """Stable id from the source file, the section and the passage text."""
    key = f"{source}\x00{section}\x00{text}\x00{occurrence}".encode()
    return hashlib.sha256(key).hexdigest()[:24]


def chunk(guide: Guide, min_words: int = 80, max_words: int = 300) -> list[Chunk]:
    """Split a guide into passages of about `min_words`..`max_words` words, one section at a time."""
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    text = guide.clean_text
    for section in guide.sections:
        spans: list[tuple[int, int]] = []
        for block in section.blocks:
            spans.extend(_pieces(block, max_words))
        groups: list[list[tuple[int, int]]] = []
        words: list[int] = []
        for span in spans:
            n = len(text[span[0] : span[1]].split())
            if groups and words[-1] + n <= max_words and (words[-1] < min_words or n < min_words):
                groups[-1].append(span)
                words[-1] += n
            else:
                groups.append([span])
                words.append(n)
        if len(groups) > 1 and words[-1] < min_words and words[-2] + words[-1] <= max_words:
            groups[-2].extend(groups.pop())
            words[-2] += words.pop()
        path = " > ".join(section.path)
        for n, group in enumerate(groups):
            start, end = group[0][0], group[-1][1]
            if n == 0 and section.heading_start >= 0:
                start = section.heading_start  # the first passage of a section opens with its heading
            body = text[start:end]
            key = chunk_id(guide.source, path, body)
            occurrence = seen.get(key, 0)
            seen[key] = occurrence + 1
            cid = key if occurrence == 0 else chunk_id(guide.source, path, body, occurrence)
            chunks.append(
                Chunk(cid, guide.title, guide.role, path, guide.source, start, end, body, guide.url)
            )
    return chunks


# --- answer units -------------------------------------------------------------------------

_LIST_ITEM = re.compile(r"^(?:- |\d{1,2}\. )")


@dataclass(frozen=True)
class Unit:
    """The smallest quotable piece of a passage: a sentence, list item, table row or field run.

    `text` is how it reads in an answer (a table row is paired with its header); `quote` is the
    exact substring of the passage it came from.
    """

    chunk_id: str
    position: int
    kind: str  # sentence | item | row | fields
    text: str
    quote: str
    subject: str | None = None  # the job title a row or field is about


def _leaf(section: str) -> str:
    return section.split(" > ")[-1]


def split_units(c: Chunk) -> list[Unit]:
    """Break a passage into answer units, in reading order."""
    units: list[Unit] = []
    leaf = _leaf(c.section)
    for block in c.text.split("\n\n"):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        if not lines or block == leaf:  # the section heading is context, not an answer
            continue
        if len(lines) >= 2 and all(" | " in ln for ln in lines):
            header = [h.strip() for h in lines[0].split(" | ")]
            has_header = not any(ch.isdigit() for ch in lines[0])
            for row in lines[1:] if has_header else lines:
                cells = [x.strip() for x in row.split(" | ")]
                if has_header and len(cells) == len(header):
                    text = f"{cells[0]}: " + ", ".join(
                        f"{h} {v}" for h, v in zip(header[1:], cells[1:], strict=True)
                    )
                else:
                    text = ", ".join(cells)
                units.append(Unit(c.id, len(units), "row", text, row, cells[0]))
        elif all(_LIST_ITEM.match(ln) for ln in lines):
            for ln in lines:
                units.append(
                    Unit(c.id, len(units), "item", ln[2:].strip() if ln.startswith("- ") else ln, ln)
                )
        elif (
            len(lines) == 1
            and not re.search(r"[.!?]$", block)
            and (len(block.split()) <= 45 or block.count("; ") >= 2)
        ):
            top_level = " > " not in c.section
            labelled = (
                leaf.lower() in block.lower() or top_level and re.match(r"^[A-Z][\w &()-]{0,40}: ", block)
            )
            labelled = labelled or leaf == "Overview"
            fields = block.split("; ")
            # a long run of facts ("Median Pay $81,220; Number of Jobs 3,172,500; ..."): one unit each; a short
            # run stays whole, its fields reading as one fact ("Growth Rate: 8%; Status: Growing much faster ...")
            if len(fields) >= 5:
                for f in fields:
                    units.append(
                        Unit(
                            c.id, len(units), "fields", f if labelled or ":" in f else f"{leaf}: {f}", f, leaf
                        )
                    )
                continue
            text = block if labelled else f"{leaf}: {block}"
            units.append(Unit(c.id, len(units), "fields", text, block, leaf))
        else:
            for ln in lines:
                for sentence in sentences(ln):
                    if sentence.strip():
                        units.append(Unit(c.id, len(units), "sentence", sentence.strip(), sentence.strip()))
    return units
