"""Stage 1: raw bytes of a guide -> repaired text lines, with site boilerplate removed.

Repairs mojibake (ftfy, plus the Greek/Western code-page mix ftfy leaves alone), normalises
whitespace and bullets, splits call-to-action text glued onto the next line, and drops lines
the rules in `coach/rules/boilerplate.toml` name as site furniture.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import ftfy

from coach.ingest.figures import MONEY
from coach.ingest.occupations import job_span

BULLETS = "•●▪◦‣∙·*–-"
_BULLET_RE = re.compile(r"^(?:[•●▪◦‣∙·*–]\s*)+|^-\s+")


@dataclass(frozen=True)
class Rules:
    """Compiled furniture rules: the package's generic ones (`coach/rules/boilerplate.toml`) plus a corpus's own."""

    glued_prefixes: tuple[str, ...]
    furniture: tuple[tuple[str, re.Pattern[str]], ...]  # (reason, pattern); a labelled figure is kept
    unguarded: tuple[tuple[str, re.Pattern[str]], ...]  # (reason, pattern); drops even a labelled figure
    drop_sections: re.Pattern[str]
    cut_from: re.Pattern[str]
    boxes: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (reason, label pattern); the box's lines go with it
    repeated_min_words: int = 5
    repeated_head_share: float = 0.15
    repeated_tail_share: float = 0.3
    repeated_in_page: int = 3
    drop_section_prose_words: int = 15

    def furniture_reason(self, text: str) -> str | None:
        """Why `text` is site furniture, or None. A labelled figure survives every guarded pattern."""
        for reason, pattern in self.unguarded:
            if pattern.match(text):
                return reason
        if _URL_LINE.match(text):
            return "url"
        if is_labelled_figure(text):
            return None
        for reason, pattern in self.furniture:
            if pattern.match(text):
                return reason
        return None


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!x)x")
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in patterns) + ")$", re.IGNORECASE)


def _groups(table: dict[str, list[str]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name.replace("_", " "), _alternation(list(pats))) for name, pats in table.items())


def compile_rules(*tables: dict[str, Any]) -> Rules:
    """Merge rule tables (generic first, then a corpus's `[boilerplate]`) into one `Rules`."""
    merged: dict[str, Any] = {
        "glued_prefixes": [],
        "furniture": {},
        "boxes": {},
        "unguarded": {},
        "drop_sections": [],
        "cut_from": [],
    }
    numbers: dict[str, Any] = {}
    for table in tables:
        for key in ("glued_prefixes", "drop_sections", "cut_from"):
            merged[key] += list(table.get(key, []))
        for key in ("furniture", "unguarded", "boxes"):
            for group, pats in table.get(key, {}).items():
                merged[key].setdefault(group, []).extend(pats)
        numbers.update(
            {k: v for k, v in table.items() if k.startswith("repeated_") or k == "drop_section_prose_words"}
        )
    return Rules(
        glued_prefixes=tuple(merged["glued_prefixes"]),
        furniture=_groups(merged["furniture"]),
        unguarded=_groups(merged["unguarded"]),
        boxes=_groups(merged["boxes"]),
        drop_sections=_alternation(merged["drop_sections"]),
        cut_from=_alternation(merged["cut_from"]),
        **numbers,
    )


@lru_cache(maxsize=1)
def generic_rules() -> dict[str, Any]:
    """The generic furniture rules shipped with the package, as a table."""
    return tomllib.loads(resources.files("coach").joinpath("rules/boilerplate.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The generic rules alone (a corpus's own are merged in by `compile_rules`)."""
    return compile_rules(generic_rules())


# A figure with a label: "Median Pay $81,220 per year", "Number of Jobs, 2022 3,172,500", "Job Outlook 6%".
_FIGURE = re.compile(
    r"[$€£¥₹]\s?\d|\d\s?%|\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\s?(?:k|K|hours?|years?|percent)\b|(?<![:.])\b(?!(?:19|20)\d\d\b)\d{2,}\b(?!:)"
)
_UNIT_WORDS = frozenset(["usd", "eur", "gbp", "per", "month", "months", "mo", "yr", "hr", "k"])
_URL_LINE = re.compile(r"^(?:<?https?://\S+>?|www\.\S+)$", re.IGNORECASE)


def is_labelled_figure(text: str) -> bool:
    """A short line holding a figure and a word that labels it ("2023 Median Pay $86,070 per year")."""
    words = text.split()
    if len(words) > 14 or not _FIGURE.search(text):
        return False
    labels = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]{2,}", text) if w.lower() not in _UNIT_WORDS]
    return bool(labels)


# --- decoding ---------------------------------------------------------------------------


@dataclass
class Decoded:
    text: str
    warnings: list[str] = field(default_factory=list)


def is_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes, or many control bytes in the first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def decode(data: bytes, name: str) -> Decoded:
    """UTF-8 (BOM allowed); otherwise cp1252 with a warning naming the file."""
    try:
        return Decoded(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Decoded(
            data.decode("cp1252", errors="replace"),
            [f"{name}: not valid UTF-8; read as Windows-1252 (save it as UTF-8 to silence this)"],
        )


# --- repair -----------------------------------------------------------------------------


def _mixed_codepage_table() -> dict[str, int]:
    """char -> byte for text decoded with Windows-1253 (Greek), falling back to Windows-1252 for bytes 1253 lacks."""
    table: dict[str, int] = {}
    for b in range(0x80, 0x100):
        for codec in ("cp1253", "cp1252"):
            try:
                table.setdefault(bytes([b]).decode(codec), b)
                break
            except UnicodeDecodeError:
                continue
    return table


_MIX = _mixed_codepage_table()
_MIX_RUN = re.compile("[" + re.escape("".join(sorted(_MIX))) + "]{2,}")


def _fix_mixed_codepage(text: str) -> str:
    """Undo UTF-8 that was decoded as Windows-1253/1252 (`β€”` -> `—`, `SΓ£o` -> `São`, `βœ…` -> `✅`)."""

    def repair(match: re.Match[str]) -> str:
        run = match.group(0)
        raw = bytes(_MIX[c] for c in run)
        out: list[str] = []
        i = 0
        while i < len(raw):
            lead = raw[i]
            size = 4 if lead >= 0xF0 else 3 if lead >= 0xE0 else 2 if lead >= 0xC0 else 1
            if size > 1:
                try:
                    out.append(raw[i : i + size].decode("utf-8"))
                    i += size
                    continue
                except UnicodeDecodeError:
                    pass
            out.append(run[i])
            i += 1
        return "".join(out)

    return _MIX_RUN.sub(repair, text)


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def visible(text: str) -> str:
    """Text without format characters (soft hyphens, zero-width marks, byte-order marks, bidi controls, U+E0000
    tags): they draw nothing, and a word split by one is whole again."""
    if text.isascii():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def repair_text(text: str) -> str:
    """Fix mojibake; normalise compatibility forms (NFKC: full-width letters, ligatures), line endings and odd
    spaces; drop invisible format characters, which rejoins words split by soft hyphens or zero-width marks."""
    if not text.isascii():  # mojibake needs bytes beyond ASCII: plain ASCII has none to fix
        text = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
        text = _fix_mixed_codepage(text)
    text = visible(text.replace("\r\n", "\n").replace("\r", "\n"))
    if text.isascii():
        return text
    # a vulgar fraction stays as written: NFKC would make "6½ years" read "61⁄2 years", another figure
    pieces = _FRACTION.split(text)
    return "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(pieces))


_FRACTION = re.compile("([\u00bc-\u00be\u2150-\u215e])")  # ¼ ½ ¾ and ⅐ to ⅞


# --- lines ------------------------------------------------------------------------------


@dataclass
class Line:
    """One physical line after repair: its indentation, whether it was a bullet, and its text."""

    text: str
    indent: int = 0
    bullet: bool = False
    blank_before: bool = False


def _unglue(text: str, rules: Rules) -> list[str]:
    """Split call-to-action text glued onto the next line: 'View examplesPros & Cons' -> ['Pros & Cons']."""
    parts = [text]
    changed = True
    while changed:
        changed = False
        head = parts[-1]
        for prefix in rules.glued_prefixes:
            if head.lower().startswith(prefix.lower()) and len(head) > len(prefix):
                rest = head[len(prefix) :]
                if rest[:1].isupper() or rest[:1].isdigit():
                    parts[-1:] = [head[: len(prefix)], rest]
                    changed = True
                    break
    return parts


@dataclass(frozen=True)
class Dropped:
    """A line cleaning removed, and why (`coach corpus show --dropped` lists them)."""

    text: str
    reason: str


_SOURCE_LINE = re.compile(r"^source:\s*<?(https?://\S+?)>?$", re.IGNORECASE)


def clean_lines(text: str, rules: Rules | None = None) -> tuple[list[Line], list[Dropped]]:
    """Repaired text -> kept lines, and the furniture lines dropped with their reasons; the footer is cut off."""
    rules = rules or load_rules()
    out: list[Line] = []
    dropped: list[Dropped] = []
    blank = False
    box: str | None = None  # inside a furniture box: its reason, until a blank line after its first line
    box_started = False
    loose = False  # the line before was a bullet alone
    lines = text.split("\n")
    for n, raw in enumerate(lines):
        expanded = raw.replace("\t", "    ")
        stripped = _SPACES.sub(" ", expanded).strip()
        if not stripped:
            blank = True
            if box and box_started:
                box = None
            continue
        if box and _about_the_work(stripped):
            box = None  # "Did you know? The average salary is R 990 000 a year": a box of the job's facts is content
        if box:
            dropped.append(Dropped(stripped, f"{box} (box)"))
            box_started = True
            continue
        if all(ch in BULLETS or ch == " " for ch in stripped):
            # a bullet on a line of its own, its item on the next line, as some pages are scraped
            loose = True
            continue
        indent = len(expanded) - len(expanded.lstrip(" \u00a0"))
        bullet, loose = loose, False
        match = _BULLET_RE.match(stripped)
        if match and len(stripped) > match.end():
            bullet = True
            stripped = stripped[match.end() :].strip()
        for piece in _unglue(stripped, rules):
            piece = piece.strip()
            if rules.cut_from.match(piece):
                rest = [ln.strip() for ln in lines[n + 1 :] if ln.strip()]
                dropped.append(Dropped(piece, f"footer (with the {len(rest)} lines after it)"))
                return out, dropped
            if not piece:
                continue
            if not any(ch.isalnum() for ch in piece):
                dropped.append(Dropped(piece, "no words"))
                continue
            if _SOURCE_LINE.match(piece):
                dropped.append(Dropped(piece, "source line (kept as metadata)"))
                continue
            label = next((r for r, pattern in rules.boxes if pattern.match(piece)), None)
            if label:
                dropped.append(Dropped(piece, label))
                box, box_started = label, False
                break
            reason = rules.furniture_reason(piece)
            if not reason and out and _echoes(piece, out[-1].text):
                reason = "repeats the end of the line before"
            if reason:
                dropped.append(Dropped(piece, reason))
                continue
            out.append(Line(piece, indent, bullet, blank))
            blank = False
    return out, dropped


def _about_the_work(line: str) -> bool:
    """Does a line of a trivia box state the job's facts (a labelled figure, a sum of money, a job named), not
    trivia ("The following words were all invented by advertising agencies")?"""
    return is_labelled_figure(line) or MONEY.search(line) is not None or job_span(line) is not None


def _echoes(line: str, before: str) -> bool:
    """'Outcomes & Career Options' right after 'Pharmacy Outcomes & Career Options': a header echoed in part."""
    a, b = _norm_line(line), _norm_line(before)
    return (
        bool(a) and a != b and b.endswith(" " + a) and len(line.split()) <= 6 and not is_labelled_figure(line)
    )


def to_lines(text: str, rules: Rules | None = None) -> list[Line]:
    """Repaired text -> lines with furniture dropped and the footer cut off."""
    return clean_lines(text, rules)[0]


def _norm_line(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def repeated_furniture(
    pages: dict[str, list[Line]], sites: dict[str, str], rules: Rules
) -> dict[str, dict[int, str]]:
    """Per page, the indexes of lines that are template text: repeated across pages of one site, or within a page.

    A line repeated across pages counts where it stands in the head or tail of a page (the middle holds
    the guide's own sections, whose headings a site repeats); a labelled figure never counts (two pages may well share "Median Pay $39,120").
    """
    by_site: dict[str, list[str]] = {}
    for name in pages:
        by_site.setdefault(sites.get(name) or "", []).append(name)
    found: dict[str, dict[int, str]] = {name: {} for name in pages}
    for names in by_site.values():
        counts: Counter[str] = Counter()
        for name in names:
            counts.update({_norm_line(ln.text) for ln in pages[name]})
        for name in names:
            lines = pages[name]
            within = Counter(_norm_line(ln.text) for ln in lines)
            head = max(3, int(len(lines) * rules.repeated_head_share))  # a short page still has a header
            tail = int(len(lines) * (1 - rules.repeated_tail_share))
            for i, ln in enumerate(lines):
                key = _norm_line(ln.text)
                if len(ln.text.split()) < rules.repeated_min_words or is_labelled_figure(ln.text):
                    continue
                if within[key] >= rules.repeated_in_page and not ln.bullet:
                    found[name][i] = "repeated within the page"
                elif (
                    len(names) > 1
                    and counts[key] >= 2
                    and (i < head or i >= tail)
                    and not _shared_heading(lines, i, counts)
                ):
                    found[name][i] = "repeated on other pages of the site"
    return found


def _shared_heading(lines: list[Line], i: int, counts: Counter[str]) -> bool:
    """A Markdown heading the site's guides share ("## How to get promoted") that opens this page's own text:
    a section heading, not furniture (the line after it is prose no other page of the site repeats)."""
    if not lines[i].text.startswith("#") or i + 1 >= len(lines):
        return False
    after = lines[i + 1].text
    return counts[_norm_line(after)] < 2 and len(after.split()) >= 4
