"""Guide text is untrusted data: strip markup from it, and flag lines that give orders or ask for secrets.

`strip_markup(text)` removes HTML/script from a guide of any format (script and style contents dropped, tags
removed, entities decoded) and Markdown images, keeping the number of lines. `flag_lines(text)` finds lines the
rules in `coach/rules/untrusted.toml` name (instructions to an AI, requests for credentials, personal data or
payment) and returns the text without them, with a `Flag` for each.
"""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from coach.ingest.hidden import strip_hidden
from coach.ingest.hostile import HostileModel, load_hostile_model, sentences, skeleton


@dataclass(frozen=True)
class Flag:
    """A guide line left out of the index because it reads as an instruction or a request, not as advice."""

    line: int  # 1-based, in the guide's text as read (after markup is stripped)
    reason: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Rules:
    """Compiled flag rules: (reason, patterns) groups and the negation that turns a request into a warning."""

    groups: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    negation: re.Pattern[str]

    def reason(self, line: str) -> str | None:
        """Why `line` must not be indexed, or None."""
        for reason, patterns in self.groups:
            for pattern in patterns:
                for match in pattern.finditer(line):
                    at = match.start("verb") if "verb" in pattern.groupindex else -1
                    if at >= 0 and self.negation.search(line[:at]):
                        continue
                    return reason
        return None


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The flag rules shipped with the package (`coach/rules/untrusted.toml`)."""
    data = tomllib.loads(resources.files("coach").joinpath("rules/untrusted.toml").read_text("utf-8"))
    groups = tuple(
        (
            name.replace("_", " "),
            tuple(re.compile(p, re.IGNORECASE | re.MULTILINE) for p in table["patterns"]),
        )
        for name, table in data["flag"].items()
    )
    return Rules(groups, re.compile(data["negation"]["pattern"], re.IGNORECASE))


def flag_lines(
    text: str, rules: Rules | None = None, model: HostileModel | None = None
) -> tuple[str, list[Flag]]:
    """`text` without the lines the word rules flag and the sentences the fitted classifier flags
    (coach/ingest/hostile.py), and a Flag for each line or sentence taken out."""
    rules = rules or load_rules()
    model = model or load_hostile_model()
    kept: list[str] = []
    flags: list[Flag] = []
    lines = text.split("\n")
    reasons = [rules.reason(skeleton(line)) if line.strip() else None for line in lines]
    # the classifier reads every line the word rules leave, in one pass (its embeddings in one batch)
    found = iter(model.flagged_lines([ln for ln, r in zip(lines, reasons, strict=True) if r is None]))
    for n, (line, reason) in enumerate(zip(lines, reasons, strict=True), start=1):
        if reason is not None:
            flags.append(Flag(n, reason, line.strip()))
            continue
        if bad := next(found):
            # one request hidden among real advice: that sentence goes, the advice stays
            for s, p in bad:
                flags.append(
                    Flag(n, f"reads as an instruction or a request (classifier, p={p:.2f})", s.strip())
                )
            gone = {s for s, _ in bad}
            line = " ".join(s for s in sentences(line) if s not in gone)
        kept.append(line)
    return "\n".join(kept), flags


# --- markup -----------------------------------------------------------------------------

_RAW = "script|style|noscript|template|iframe|object|embed|svg|math|textarea|title|head"
_BLOCK = re.compile(rf"<({_RAW})\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_OPEN_BLOCK = re.compile(
    rf"<({_RAW})\b[^>]*>[^\n]*", re.IGNORECASE
)  # never closed: drop the rest of its line
_COMMENT = re.compile(r"<!--.*?(?:-->|$)|<!\[CDATA\[.*?\]\]>|<![A-Za-z][^>]*>|<\?[^>]*>", re.DOTALL)
_ATTRS = r"""(?:\s+(?:[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|/))*\s*/?"""
_TAG = re.compile(rf"</?([A-Za-z][\w:-]*){_ATTRS}>")
_OPEN_TAG = re.compile(
    r"</?[A-Za-z][\w:-]*\s[^<>\n]*=[^<>\n]*$", re.MULTILINE
)  # `<img src=x onerror=...` at line end
_LEFT_OVER = re.compile(r"<(?=[A-Za-z!/?])")
_BREAKS = frozenset(
    [
        "br",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
    ]
)
_PARENS = r"\((?:[^()\n]|\([^()\n]*\))*\)"  # a link target, with one level of nested parentheses
_MD_IMAGE = re.compile(rf"!\[[^\]\n]*\]\s*(?:{_PARENS}|\[[^\]\n]*\])")
_MD_LINK = re.compile(rf"(?<!!)\[([^\]\n]+)\]\s*({_PARENS})")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>", re.IGNORECASE)
_SCRIPT_LINK = re.compile(
    r"\[([^\]\n]*)\]\(\s*(?:javascript|data|vbscript):(?:[^()\n]|\([^()\n]*\))*\)", re.IGNORECASE
)


def _plain_link(match: re.Match[str]) -> str:
    """A Markdown link as plain text with its address shown: `[portal](https://x)` -> `portal (https://x)`."""
    target = match.group(2)[1:-1].strip().split()
    address = target[0].strip("<>") if target else ""
    label = match.group(1).strip()
    return f"{label} ({address})" if address and address != label else label


def _keep_lines(match: re.Match[str]) -> str:
    """What a removed span leaves behind: its line breaks, so line numbers still point at the source."""
    return "\n" * match.group(0).count("\n")


def _tag(match: re.Match[str]) -> str:
    breaks = "\n" * match.group(0).count("\n")
    return breaks or (" " if match.group(1).lower() in _BREAKS else "")


def strip_markup(text: str) -> str:
    """Guide text with HTML tags, script/style contents, comments and Markdown images removed, entities decoded."""
    for _ in range(5):  # decoding `&lt;script&gt;` makes new markup: strip until nothing changes
        before = text
        text = strip_hidden(text)  # an inline `<span style="display:none">` goes, content and all
        text = _MD_IMAGE.sub("", text)
        text = _SCRIPT_LINK.sub(r"\1", text)
        text = _MD_LINK.sub(_plain_link, text)  # a link is shown, never rendered: "portal (https://...)"
        text = _AUTOLINK.sub(r"\1", text)
        text = _BLOCK.sub(_keep_lines, text)
        text = _OPEN_BLOCK.sub("", text)
        text = _COMMENT.sub(_keep_lines, text)
        text = _TAG.sub(_tag, text)
        text = _OPEN_TAG.sub("", text)
        if "&" in text:
            text = html.unescape(text)
        if text == before:
            break
    return _LEFT_OVER.sub("", text)
