"""Stage 1: raw bytes of a guide -> repaired text lines, with site boilerplate removed.

Repairs mojibake (ftfy, plus the Greek/Western code-page mix ftfy leaves alone), normalises
whitespace and bullets, splits call-to-action text glued onto the next line, and drops lines
the rules in `coach/rules/boilerplate.toml` name as site furniture.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ftfy

BULLETS = "•●▪◦‣∙·*–-"
_BULLET_RE = re.compile(r"^(?:[•●▪◦‣∙·*–]\s*)+|^-\s+")


@dataclass(frozen=True)
class Rules:
    """Compiled boilerplate rules (see `coach/rules/boilerplate.toml`)."""

    glued_prefixes: tuple[str, ...]
    drop_lines: re.Pattern[str]
    drop_sections: re.Pattern[str]
    cut_from: re.Pattern[str]
    repeated_tail_share: float = 0.3
    repeated_min_words: int = 6


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in patterns) + ")$", re.IGNORECASE)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The boilerplate rules shipped with the package."""
    data = tomllib.loads(resources.files("coach").joinpath("rules/boilerplate.toml").read_text("utf-8"))
    return Rules(
        glued_prefixes=tuple(data["glued_prefixes"]),
        drop_lines=_alternation(data["drop_lines"]),
        drop_sections=_alternation(data["drop_sections"]),
        cut_from=_alternation(data["cut_from"]),
        repeated_tail_share=float(data.get("repeated_tail_share", 0.3)),
        repeated_min_words=int(data.get("repeated_min_words", 6)),
    )


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
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff\u2060]")


def repair_text(text: str) -> str:
    """Fix mojibake and normalise line endings, odd spaces and zero-width characters."""
    text = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    text = _fix_mixed_codepage(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    return unicodedata.normalize("NFC", text)


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


def to_lines(text: str, rules: Rules | None = None) -> list[Line]:
    """Repaired text -> lines with boilerplate lines dropped and the footer cut off."""
    rules = rules or load_rules()
    out: list[Line] = []
    blank = False
    for raw in text.split("\n"):
        expanded = raw.replace("\t", "    ")
        stripped = _SPACES.sub(" ", expanded).strip()
        if not stripped:
            blank = True
            continue
        indent = len(expanded) - len(expanded.lstrip(" \u00a0"))
        bullet = False
        match = _BULLET_RE.match(stripped)
        if match and len(stripped) > match.end():
            bullet = True
            stripped = stripped[match.end() :].strip()
        for piece in _unglue(stripped, rules):
            piece = piece.strip()
            if rules.cut_from.match(piece):
                return out
            if not piece or rules.drop_lines.match(piece):
                continue
            out.append(Line(piece, indent, bullet, blank))
            blank = False
    return out
