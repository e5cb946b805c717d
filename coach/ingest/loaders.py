"""Stage 0: a guide file (or downloaded bytes) -> a `Source`: Markdown-ish text plus where it came from.

Every format ends in one shape the cleaner and section parser read: `#` headings, `- ` items, `| a | b |` table
rows, paragraphs between blank lines. HTML goes through `coach.ingest.html`, PDF through `coach.ingest.pdf`.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from stat import S_ISREG
from urllib.parse import urljoin, urlsplit

from lxml import etree

from coach.errors import SourceError
from coach.ingest.clean import Decoded, decode, is_binary
from coach.ingest.html import NoContentError, main_text, parse_html, same_site
from coach.ingest.pdf import PdfError, extract_pdf
from coach.ingest.wrap import unwrap
from coach.settings import Settings

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
NO_CONTENT = "no readable main content (the page may need JavaScript; save the rendered page or use its text)"


@dataclass
class Source:
    """One guide as read from a file or URL, before cleaning: Markdown-ish text and its provenance."""

    name: str  # the guide's id in the index: the file name, or a slug of the URL
    text: str
    format: str  # "txt" | "md" | "html" | "pdf"
    url: str | None = None
    title: str | None = None
    site: str | None = None
    modified: str | None = None  # ISO-8601 date
    digest: str = ""  # sha256 of the raw bytes
    warnings: list[str] = field(default_factory=list)


def load_file(path: Path, settings: Settings) -> Source:
    """Read one guide file of any supported format; raises SourceError naming the file and the fix."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SourceError(str(path), "not a guide file: use .txt, .md, .html or .pdf")
    try:
        # O_NONBLOCK: a FIFO swapped in after the corpus walk must not hang the run; fstat then refuses it
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as fh:
            stat = os.fstat(fh.fileno())
            if not S_ISREG(stat.st_mode):
                raise SourceError(str(path), "not a regular file (a FIFO, socket or device)")
            if stat.st_size > settings.max_guide_bytes:
                raise SourceError(str(path), too_big(stat.st_size, settings.max_guide_bytes))
            data = fh.read(settings.max_guide_bytes + 1)
    except OSError as exc:
        raise SourceError(str(path), f"cannot read it ({exc.strerror or exc})") from exc
    if len(data) > settings.max_guide_bytes:  # grew after the check
        raise SourceError(str(path), too_big(len(data), settings.max_guide_bytes))
    try:
        source = load_bytes(data, path.name, fmt)
    except SourceError as exc:
        raise SourceError(str(path), exc.reason) from None
    if source.modified is None:
        source.modified = datetime.fromtimestamp(stat.st_mtime, tz=UTC).date().isoformat()
    return source


def load_bytes(
    data: bytes, name: str, fmt: str, url: str | None = None, headers: Mapping[str, str] | None = None
) -> Source:
    """Raw bytes of a guide in `fmt` -> a Source; `headers` are the HTTP response headers when it was fetched."""
    heads = {k.lower(): v for k, v in (headers or {}).items()}
    if not data.strip():
        raise SourceError(name, "the file is empty")
    source = Source(name, "", fmt, url=url, digest=hashlib.sha256(data).hexdigest())
    if fmt in ("txt", "md"):
        _read_text(data, source)
    elif fmt == "html":
        _read_html(data, source, heads)
    elif fmt == "pdf":
        try:
            doc = extract_pdf(data)
        except PdfError as exc:
            raise SourceError(name, str(exc)) from None
        source.text, source.title, source.warnings = doc.text, doc.title, doc.warnings
        source.url = doc.url or url
        source.modified = iso_date(doc.modified)
    else:
        raise SourceError(name, f"unknown format {fmt!r}: use one of txt, md, html, pdf")
    if source.site is None and source.url:
        source.site = (urlsplit(source.url).hostname or "").removeprefix("www.") or None
    source.modified = source.modified or iso_date(heads.get("last-modified"))
    return source


_SOURCE_LINE = re.compile(r"\A\s*Source:\s*(https?://\S+)\s*\n")


def _read_text(data: bytes, source: Source) -> None:
    if is_binary(data):
        raise SourceError(
            source.name, "it is a binary file, not a text guide (save it as .txt, .md, .html or .pdf)"
        )
    decoded = decode(data, source.name)
    source.warnings.extend(decoded.warnings)
    text = decoded.text
    # scraped guides record their page as a first line "Source: <url>"
    if match := _SOURCE_LINE.match(text):
        source.url = match.group(1)
        text = text[match.end() :].lstrip("\n")
    source.text = unwrap(text)  # a hard-wrapped file's line breaks inside sentences are layout


def _read_html(data: bytes, source: Source, headers: Mapping[str, str]) -> None:
    decoded = _decode_html(data, source.name, headers.get("content-type", ""))
    source.warnings.extend(decoded.warnings)
    try:
        root = parse_html(decoded.text)
        meta = _html_metadata(root, source.url)  # before main_text: that drops <script> (JSON-LD) and more
        source.url, source.site = meta["url"], meta["site"]
        host = urlsplit(source.url).hostname if source.url else None
        text, h1 = main_text(root, source.site, host)
    except NoContentError:
        raise SourceError(source.name, NO_CONTENT) from None
    title = meta["title"]
    source.title = h1 or (clean_title(title, source.site, host) if title else None)
    if h1 is None and source.title:
        text = f"# {source.title}\n\n{text}"
    source.text = text
    source.modified = iso_date(meta["modified"])


def _decode_html(data: bytes, name: str, content_type: str) -> Decoded:
    """The charset the server or the page declares, else UTF-8, else Windows-1252 with a warning."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16"))
    declared = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I) or re.search(
        rb"<meta[^>]+charset=[\"']?([\w.:-]+)", data[:4096], re.I
    )
    if declared:
        charset = declared.group(1)
        charset = (charset.decode("ascii") if isinstance(charset, bytes) else charset).lower()
        # browsers read latin-1 and ascii labels as Windows-1252 (WHATWG Encoding)
        charset = "cp1252" if charset in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else charset
        try:
            return Decoded(data.decode("utf-8-sig" if charset in ("utf-8", "utf8") else charset))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, name)


# --- metadata ---------------------------------------------------------------------------


def _html_metadata(root: etree._Element, url: str | None) -> dict[str, str | None]:
    """url (canonical, og:url, else the fetched one), site, <title> and the modification date as written."""
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = (meta.get("content") or "").strip()
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key and content:
                metas.setdefault(key, content)
    canonical = next(
        (ln.get("href") for ln in root.iter("link") if "canonical" in (ln.get("rel") or "").lower().split()),
        None,
    )
    own = url or _absolute(metas.get("og:url"), url)
    if canonical and own and not _same_site(_absolute(canonical, url) or "", own):
        canonical = None  # a canonical link to another site would make that site the citation
    page_url = _absolute(canonical, url) or _absolute(metas.get("og:url"), url) or url
    host = urlsplit(page_url).hostname if page_url else None
    modified = (
        metas.get("article:modified_time")
        or metas.get("og:updated_time")
        or metas.get("last-modified")
        or metas.get("datemodified")
        or _json_ld_modified(root)
        or next(iter(root.xpath('//time[@itemprop="dateModified"]/@datetime')), None)
    )
    return {
        "url": page_url,
        "site": metas.get("og:site_name") or (host.removeprefix("www.") if host else None),
        "title": " ".join(root.findtext(".//title", "").split()) or metas.get("og:title"),
        "modified": modified,
    }


def _same_site(a: str, b: str) -> bool:
    """Whether two addresses are on one site (the same host, "www." aside, or one a subdomain of the other)."""
    ha = (urlsplit(a).hostname or "").removeprefix("www.")
    hb = (urlsplit(b).hostname or "").removeprefix("www.")
    return bool(ha) and bool(hb) and (ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha))


def _json_ld_modified(root: etree._Element) -> str | None:
    """The first `dateModified` in the page's JSON-LD (inside @graph or lists too)."""

    def find(data: object) -> str | None:
        if isinstance(data, dict):
            if isinstance(data.get("dateModified"), str):
                return str(data["dateModified"])
            data = list(data.values())
        if isinstance(data, list):
            return next((d for d in map(find, data) if d), None)
        return None

    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            found = find(json.loads(script.text or ""))
        except ValueError:
            continue
        if found:
            return found
    return None


def _absolute(href: str | None, base: str | None) -> str | None:
    if not href:
        return None
    url = urljoin(base or "", href.strip())
    return url if urlsplit(url).scheme in ("http", "https") else None


_TITLE_PARTS = re.compile(r"\s+(?:\||:|-|—|–|·)\s+")


def clean_title(title: str, site: str | None, host: str | None) -> str:
    """'Registered Nurses : Occupational Outlook Handbook : U.S. Bureau of Labor Statistics' -> 'Registered Nurses'.

    Parts naming the site go; of the rest the first is the page's own (section and publication names follow it).
    """
    parts = [p.strip() for p in _TITLE_PARTS.split(title) if p.strip()]
    kept = [p for p in parts if not same_site(p, site, host)]
    return (kept or parts or [title.strip()])[0]


def iso_date(value: str | datetime | None) -> str | None:
    """'2024-04-17T10:00:00Z', 'Wed, 17 Apr 2024 10:00:00 GMT' or a datetime -> '2024-04-17'; None if unreadable."""
    if value is None or isinstance(value, datetime):
        return value.date().isoformat() if value else None
    text = value.strip()
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    match = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    try:
        return date(*map(int, match.groups())).isoformat() if match else None
    except ValueError:
        return None


def too_big(size: int, limit: int) -> str:
    """The one-line reason a guide file over the size cap is skipped, naming the setting."""
    return (
        f"the file is {human_bytes(size)}, over the {human_bytes(limit)} limit for one guide "
        "(COACH_MAX_GUIDE_BYTES): split it into smaller guides or raise the limit"
    )


def human_bytes(n: int) -> str:
    """5_000_000 -> '5 MB' (decimal units, as the setting is written)."""
    for unit, size in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= size:
            return f"{n / size:g} {unit}"
    return f"{n} bytes"
