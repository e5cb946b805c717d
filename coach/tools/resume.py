"""A CV file's text for the skills gap: .txt and .md as written, .pdf through pypdf, .docx from its XML (no extra
library). One clear ConfigError for an empty, oversized, binary or unreadable file."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from coach.errors import ConfigError

MAX_BYTES = 200_000
SUFFIXES = (".txt", ".md", ".pdf", ".docx")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def resume_text(path: Path) -> str:
    """The text of a CV file (ConfigError naming what is wrong)."""
    if path.suffix.lower() not in SUFFIXES:
        raise ConfigError(f"{path.name}: send a CV as {', '.join(SUFFIXES)}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    return resume_bytes(data, path.name)


def resume_bytes(data: bytes, name: str) -> str:
    """The text of a CV sent as bytes (an upload), by its file name's suffix."""
    if not data.strip():
        raise ConfigError(f"{name} is empty: attach the CV itself")
    if len(data) > MAX_BYTES:
        raise ConfigError(f"{name} is over {MAX_BYTES // 1000} KB: a CV is a page or two; send its text")
    suffix = Path(name).suffix.lower()
    try:
        if suffix == ".pdf":
            from pypdf import PdfReader

            text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
        elif suffix == ".docx":
            with zipfile.ZipFile(io.BytesIO(data)) as docx:
                root = ElementTree.fromstring(docx.read("word/document.xml"))
            text = "\n".join("".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p"))
        else:
            if b"\x00" in data:
                raise ValueError("binary data")
            text = data.decode("utf-8")
    except Exception as exc:  # a damaged PDF or DOCX, or bytes that are no text
        raise ConfigError(
            f"{name} could not be read as {suffix or 'text'} ({exc}): save it again or paste its text"
        ) from None
    if not re.search(r"[A-Za-z\u00c0-\uffff]{2}", text):
        raise ConfigError(f"{name} holds no text (a scanned image?): paste the CV's text instead")
    return text
