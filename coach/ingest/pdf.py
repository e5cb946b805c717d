"""A PDF guide -> Markdown-ish text: headings from font size, bold or numbering; bullets kept; wrapped lines joined;
page numbers and running headers/footers dropped."""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from pypdf import PageObject, PdfReader
from pypdf.errors import PyPdfError

# a line clearly larger than body text is a heading; 1.15 keeps 11pt body vs 12pt captions apart
_HEADING_RATIO = 1.15
# bullet glyphs, including Symbol/Wingdings ones that decode to private-use or DEL characters
_BULLET = re.compile(r"^(?:[•●▪◦‣∙·■□➢►✓\x7f\uf000-\uf0ff]|[*–-](?=\s|$)|o(?=\s))\s*")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I)
_TERMINAL = re.compile(r"[.!?:;]$")
_SOURCE_LINE = re.compile(r"^Source:\s*(https?://\S+)$")
_FILE_TITLE = re.compile(r"\.(?:docx?|pdf|indd|pptx?|rtf|odt|tex)$|^untitled$", re.I)


class PdfError(ValueError):
    """A PDF that cannot be used; the message is the reason, ready for a SourceError."""


@dataclass
class PdfDoc:
    """What a PDF yields: its text in the common Markdown-ish shape, and its metadata."""

    text: str
    title: str | None = None
    url: str | None = None
    modified: datetime | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Line:
    text: str
    size: float  # effective font size most of its characters are set in
    y: float | None  # baseline height on the page (up is larger); None when the PDF did not say
    bold: bool
    page: int
    level: int = 0  # heading level once classified; 0 = body


def _multiply(a: list[float], b: list[float]) -> list[float]:
    """Compose two PDF affine matrices [a b c d e f]."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _page_lines(page: PageObject, number: int) -> list[_Line]:
    """One page's text lines with the font size, height and boldness of each (via pypdf's text visitor)."""
    lines: list[_Line] = []
    chars: Counter[float] = Counter()  # font size -> characters set in it, for the line being read
    parts: list[str] = []
    first_y: list[float] = []
    bold: list[bool] = []

    def end_line() -> None:
        text = re.sub(r"\s+", " ", "".join(parts)).strip()
        if text:
            size = chars.most_common(1)[0][0] if chars else 0.0
            lines.append(_Line(text, size, first_y[0] if first_y else None, all(bold), number))
        for state in (parts, first_y, bold):
            state.clear()
        chars.clear()

    ink = _Ink(page)

    def visit(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
        m = _multiply(list(tm), list(cm))
        points = size * (math.hypot(m[2], m[3]) or 1.0)  # the size the run is drawn at
        if ink.hidden(text, m, points):
            return  # drawn invisible, white, off the page or too small to read: no reader sees it
        for i, piece in enumerate(text.split("\n")):
            if i:
                end_line()
            parts.append(piece)
            if not piece.strip():
                continue
            # half points: 13.98 and 14.02 are one heading size
            chars[round(2 * points) / 2] += len(piece.strip())
            first_y.append(m[5])
            bold.append(bool(re.search(r"bold|black|heavy", str((font or {}).get("/BaseFont", "")), re.I)))

    page.extract_text(visitor_text=visit, visitor_operand_before=ink.operator)
    end_line()
    return lines


_SHOW = (b"Tj", b"TJ", b"'", b'"')  # the operators that draw text
_MIN_PT = 3.0  # text set smaller than this is unreadable on paper and on screen


class _Ink:
    """How a page draws its text, followed operator by operator: the render mode (3 and 7 draw nothing), the
    fill colour (white on the white page), and each text run's place and size, so hidden text is left out."""

    def __init__(self, page: PageObject) -> None:
        box = page.mediabox
        self.box = (float(box.left), float(box.bottom), float(box.right), float(box.top))
        self.mode, self.white = 0, False
        self.saved: list[tuple[int, bool]] = []
        self.shown: list[bool] = []  # hidden-or-not of each text-drawing operator since the last run was read
        self.op = b""

    def operator(self, op: bytes, args: list, cm: list[float], tm: list[float]) -> None:  # type: ignore[type-arg]
        self.op = op
        if op == b"q":
            self.saved.append((self.mode, self.white))
        elif op == b"Q" and self.saved:
            self.mode, self.white = self.saved.pop()
        elif op == b"Tr" and args:
            self.mode = int(_number(args[0]))
        elif op in (b"g", b"rg", b"k", b"sc", b"scn"):
            values = [_number(a) for a in args if _numeric(a)]
            if values:
                self.white = min(values) >= 0.95 if op != b"k" and len(values) != 4 else max(values) <= 0.05
        elif op in _SHOW:
            self.shown.append(self.mode in (3, 7) or self.white)

    def hidden(self, text: str, m: list[float], size: float) -> bool:
        """Is the run of text the extractor hands over now drawn so nobody sees it?"""
        # a run is read before the operator that ends it; one read while drawing text ends the earlier ones
        runs, self.shown = (self.shown[:-1], self.shown[-1:]) if self.op in _SHOW else (self.shown, [])
        if not text.strip():
            return False
        left, bottom, right, top = self.box
        off = not (left - 1 <= m[4] <= right + 1 and bottom - 1 <= m[5] <= top + 1)
        return (bool(runs) and all(runs)) or off or 0 < size < _MIN_PT


def _numeric(value: object) -> bool:
    try:
        float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def _number(value: object) -> float:
    return float(value) if _numeric(value) else 0.0  # type: ignore[arg-type]


def _drop_furniture(pages: list[list[_Line]]) -> list[_Line]:
    """Drop page numbers and lines repeated at the top or bottom of most pages (running headers, footers)."""

    def edges(lines: list[_Line]) -> list[_Line]:
        ys = sorted({ln.y for ln in lines if ln.y is not None})
        extreme = set(ys[:1] + ys[-1:])
        return [ln for i, ln in enumerate(lines) if i < 2 or i >= len(lines) - 2 or ln.y in extreme]

    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", text.lower())

    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({shape(ln.text) for ln in edges(lines)})
    repeated = {key for key, n in seen.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    out: list[_Line] = []
    for lines in pages:
        edge = {id(ln) for ln in edges(lines)}
        for ln in lines:
            if id(ln) in edge and (_PAGE_NUMBER.match(ln.text) or shape(ln.text) in repeated):
                continue
            out.append(ln)
    return out


def _attach_bullets(lines: list[_Line]) -> list[_Line]:
    """A bullet drawn as its own text run ('•' on a line of its own) marks the line after it."""
    out: list[_Line] = []
    marked = False
    for ln in lines:
        if (match := _BULLET.match(ln.text)) and match.end() == len(ln.text):
            marked = True
            continue
        if marked:
            ln.text = "- " + ln.text
        marked = False
        out.append(ln)
    return out


def _weighted_median(lines: list[_Line]) -> float:
    sizes = sorted((ln.size, len(ln.text)) for ln in lines)
    half, total = sum(n for _, n in sizes) / 2, 0
    for size, n in sizes:
        total += n
        if total >= half:
            return size
    return 0.0


def _is_title_like(text: str) -> bool:
    return len(text.split()) <= 15 and not _TERMINAL.search(text) and not _BULLET.match(text)


def _classify(lines: list[_Line]) -> None:
    """Set `level` on heading lines: larger fonts first, then whole-bold lines, then numbered short lines."""
    body = _weighted_median(lines)
    big = sorted(
        {ln.size for ln in lines if ln.size >= body * _HEADING_RATIO and _is_title_like(ln.text)},
        reverse=True,
    )
    rank = {size: min(i + 1, 3) for i, size in enumerate(big)}
    for ln in lines:
        if ln.size in rank and _is_title_like(ln.text):
            ln.level = rank[ln.size]
    # one heading in the largest size is the title ('#'); several are sections, so every level moves down
    top = [i for i, ln in enumerate(lines) if ln.level == 1]
    groups = sum(1 for j, i in enumerate(top) if j == 0 or top[j - 1] != i - 1)
    shift = 1 if groups > 1 else 0
    deepest = max((ln.level for ln in lines), default=0) + shift
    for i, ln in enumerate(lines):
        if ln.level:
            ln.level = min(ln.level + shift, 3)
            continue
        # same-size headings rank below sized ones and never take '#', which is the title's
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        short = len(ln.text.split()) <= 12 and _is_title_like(ln.text)
        numbered = _NUMBERED.match(ln.text)
        if short and ln.bold and ln.size >= body * 0.95:
            ln.level = min(max(deepest + 1, 2), 3)
        elif short and numbered and nxt is not None and not _NUMBERED.match(nxt.text):
            ln.level = min(2 + numbered.group(1).count("."), 3)


def _render(lines: list[_Line]) -> str:
    """Lines -> blocks: headings (consecutive same-level lines are one wrapped heading), items, paragraphs."""
    gaps = [
        a.y - b.y
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and a.y is not None and b.y is not None and not a.level and not b.level
    ]
    gaps = sorted(g for g in gaps if g > 0)
    usual_gap = gaps[len(gaps) // 2] if gaps else None
    widths = sorted(len(ln.text) for ln in lines if not ln.level)
    full = widths[int(len(widths) * 0.9)] if widths else 0
    blocks: list[list[str]] = []  # each block: [kind, text]
    prev: _Line | None = None
    for ln in lines:
        bullet = _BULLET.match(ln.text)
        if ln.level:
            if prev is not None and prev.level == ln.level and blocks[-1][0] == "heading":
                blocks[-1][1] += " " + ln.text
            else:
                blocks.append(["heading", "#" * ln.level + " " + ln.text])
        elif bullet and len(ln.text) > bullet.end():
            blocks.append(["item", "- " + ln.text[bullet.end() :]])
        elif prev is None or prev.level or _breaks(prev, ln, usual_gap, full) or blocks[-1][0] == "heading":
            blocks.append(["para", ln.text])
        else:
            blocks[-1][1] = _join(blocks[-1][1], ln.text)
        prev = ln
    out: list[str] = []
    for i, (kind, text) in enumerate(blocks):
        if i and not (kind == "item" and blocks[i - 1][0] == "item"):
            out.append("")
        out.append(text)
    return "\n".join(out) + "\n" if out else ""


def _breaks(prev: _Line, line: _Line, usual_gap: float | None, full: int) -> bool:
    """Whether `line` starts a new paragraph rather than continuing `prev`."""
    if _NUMBERED.match(line.text):
        return True
    if prev.page == line.page and usual_gap and prev.y is not None and line.y is not None:
        drop = prev.y - line.y  # a wider gap than between wrapped lines, or a jump up to a new column
        if drop > usual_gap * 1.3 or drop < 0:
            return True
    return bool(_TERMINAL.search(prev.text)) and len(prev.text) < 0.75 * full


def _join(text: str, more: str) -> str:
    """Join a wrapped line onto its paragraph, undoing end-of-line hyphenation ('educa-' + 'tion')."""
    if re.search(r"[a-z]-$", text) and more[:1].islower():
        return text[:-1] + more
    return text + " " + more


def extract_pdf(data: bytes) -> PdfDoc:
    """PDF bytes -> its text as Markdown-ish text with title, URL and modification date; raises PdfError."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise PdfError("not a readable PDF (it does not start with %PDF)")
    with _quiet_pypdf():
        return _extract(data)


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs each repair it makes ('EOF marker not found'); our errors and warnings say what matters."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def _extract(data: bytes) -> PdfDoc:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise PdfError("the PDF is encrypted: save an unencrypted copy")
        pages = list(reader.pages)
    except PdfError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise PdfError(f"not a readable PDF ({_short(exc)})") from exc
    doc = PdfDoc("")
    per_page: list[list[_Line]] = []
    for number, page in enumerate(pages, 1):
        try:
            per_page.append(_page_lines(page, number))
        except Exception as exc:  # one bad page should not lose the rest of the guide
            doc.warnings.append(f"page {number} could not be read ({_short(exc)})")
    lines = _attach_bullets(_drop_furniture(per_page))
    if not lines:
        raise PdfError("the PDF has no text layer (scanned?): run OCR first or use the text")
    _classify(lines)
    meta = _metadata(reader)
    title = meta.get("/Title")
    first = next((ln for ln in lines if ln.level == 1), None)
    doc.title = title if title and not _FILE_TITLE.search(title) else (first.text if first else None)
    # the page a PDF was saved from: a metadata field holding just a URL, else a "Source: <url>" first or last line
    doc.url = next((v for v in meta.values() if re.fullmatch(r"https?://\S+", v)), None)
    for ln in (lines[0], lines[-1]):
        if (match := _SOURCE_LINE.match(ln.text)) and not ln.level:
            doc.url = doc.url or match.group(1)
            lines.remove(ln)
            break
    doc.text = _render(lines)
    if first is None and doc.title:
        doc.text = f"# {doc.title}\n\n{doc.text}"
    try:
        info = reader.metadata
        # never modified after creation: the creation date is the last change
        doc.modified = (info.modification_date or info.creation_date) if info else None
    except (ValueError, TypeError):
        doc.modified = None
    return doc


def _opens_without_password(reader: PdfReader) -> bool:
    """Owner-password PDFs (printing or copying restricted) open with an empty user password."""
    try:
        return bool(reader.decrypt(""))
    except (PyPdfError, NotImplementedError, ValueError):
        return False


def _metadata(reader: PdfReader) -> dict[str, str]:
    try:
        info: dict[str, object] = dict(reader.metadata or {})
        return {str(k): str(v).strip() for k, v in info.items() if isinstance(v, str) and str(v).strip()}
    except (PyPdfError, ValueError, TypeError):
        return {}


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."
