"""Guides from the web: a URL -> a `Source`, a sitemap -> its page URLs.

Polite (robots.txt read once per host, our own user agent) and bounded: a timeout for the whole download, a
redirect limit, and the size cap enforced while the body streams in, so a huge response is cut off, not held.
"""

from __future__ import annotations

import gzip
import io
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx
from lxml import etree

from coach.errors import SourceError
from coach.ingest.loaders import FORMATS, Source, human_bytes, load_bytes
from coach.settings import Settings

CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
}
_ROBOTS_CAP = 500_000  # RFC 9309: crawlers may ignore robots.txt content past 500 KiB
_robots: dict[str, RobotFileParser] = {}  # by origin and user agent: one robots.txt read per host per run


@dataclass
class _Response:
    url: str  # after redirects
    status: int
    headers: httpx.Headers
    body: bytes


def make_client(settings: Settings) -> httpx.Client:
    """An httpx client with the fetch settings (timeout, user agent, redirect limit); close it when done."""
    return httpx.Client(
        timeout=settings.fetch_timeout_s,
        follow_redirects=True,
        max_redirects=settings.fetch_max_redirects,
        headers={"User-Agent": settings.fetch_user_agent},
    )


def fetch_url(url: str, settings: Settings, client: httpx.Client | None = None) -> Source:
    """Download one guide page or file and load it; raises SourceError naming the URL and the reason."""
    with _client(settings, client) as http:
        response = _get(url, settings, http)
        if _sitemap_root(response, settings) is not None:
            raise SourceError(
                url, "it is a sitemap, not a guide page: expand it with expand_sitemap or fetch_all"
            )
        return _load(url, response)


def expand_sitemap(
    url: str, settings: Settings, client: httpx.Client | None = None
) -> tuple[list[str], list[str]]:
    """A sitemap (or sitemap index, nested) -> (its page URLs, capped at max_sitemap_urls; warnings)."""
    with _client(settings, client) as http:
        response = _get(url, settings, http)
        root = _sitemap_root(response, settings)
        if root is None:
            raise SourceError(url, "not a sitemap (expected an XML <urlset> or <sitemapindex>)")
        urls: list[str] = []
        warnings: list[str] = []
        _expand(url, root, settings, http, urls, warnings, {url})
        return urls, warnings


def fetch_all(
    urls: list[str], settings: Settings, client: httpx.Client | None = None
) -> tuple[list[Source], list[str]]:
    """Fetch the pages among `urls` and those their sitemaps list; a URL that fails is a warning, not an abort."""
    sources: list[Source] = []
    warnings: list[str] = []
    with _client(settings, client) as http:
        for url in urls:
            try:
                response = _get(url, settings, http)
                root = _sitemap_root(response, settings)
                if root is None:
                    sources.append(_load(url, response))
                    continue
                pages: list[str] = []
                _expand(url, root, settings, http, pages, warnings, {url})
            except SourceError as exc:
                warnings.append(f"{exc}; skipped")
                continue
            for page in pages:
                try:
                    sources.append(_load(page, _get(page, settings, http)))
                except SourceError as exc:
                    warnings.append(f"{exc}; skipped")
    return sources, warnings


def source_name(url: str, fmt: str) -> str:
    """'https://www.bls.gov/ooh/healthcare/registered-nurses.htm' -> 'www.bls.gov-ooh-healthcare-registered-nurses.html'."""
    parts = urlsplit(url)
    path = re.sub(r"\.(?:s?html?|php|aspx?|jsp|pdf|txt|md|markdown)$", "", parts.path, flags=re.I)
    raw = f"{parts.netloc.rsplit('@', 1)[-1]}{path}" + (f"-{parts.query}" if parts.query else "")
    slug = re.sub(r"[^a-z0-9.]+", "-", raw.lower()).strip("-.")
    return f"{slug}.{fmt}"


# --- downloading ------------------------------------------------------------------------


@contextmanager
def _client(settings: Settings, client: httpx.Client | None) -> Iterator[httpx.Client]:
    """The caller's client, or one of our own that is closed afterwards."""
    if client is not None:
        yield client
        return
    with make_client(settings) as own:
        yield own


def _get(url: str, settings: Settings, client: httpx.Client) -> _Response:
    """GET a URL that robots.txt allows; HTTP errors become SourceErrors."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(url, "not a web address: use an http:// or https:// URL")
    if settings.respect_robots and not _robots_allow(url, settings, client):
        raise SourceError(url, "robots.txt disallows it (COACH_RESPECT_ROBOTS=false is for your own site)")
    response = _download(url, settings, client, settings.max_source_bytes)
    if response.status >= 400:
        reason = httpx.codes.get_reason_phrase(response.status)
        raise SourceError(url, f"HTTP {response.status} {reason}".strip())
    return response


def _download(url: str, settings: Settings, client: httpx.Client, cap: int) -> _Response:
    """Stream a body, stopping as soon as it passes `cap` bytes or the whole download passes the timeout."""
    timeout = f"timed out after {settings.fetch_timeout_s:g} s (COACH_FETCH_TIMEOUT_S)"
    too_big = f"the response is over {human_bytes(cap)} (COACH_MAX_SOURCE_BYTES)"
    deadline = time.monotonic() + settings.fetch_timeout_s
    try:
        with client.stream("GET", url, headers={"User-Agent": settings.fetch_user_agent}) as response:
            chunks: list[bytes] = []
            if response.status_code < 400:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    raise SourceError(url, too_big)
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise SourceError(url, too_big)
                    if time.monotonic() > deadline:
                        raise SourceError(url, timeout)
                    chunks.append(chunk)
            return _Response(str(response.url), response.status_code, response.headers, b"".join(chunks))
    except httpx.TimeoutException:
        raise SourceError(url, timeout) from None
    except httpx.TooManyRedirects:
        raise SourceError(url, f"too many redirects (more than {settings.fetch_max_redirects})") from None
    except httpx.ConnectError as exc:
        reason = re.sub(r"^\[Errno -?\d+\]\s*", "", str(exc)).lower() or "no answer"
        raise SourceError(url, f"cannot connect ({reason})") from None
    except httpx.HTTPError as exc:
        raise SourceError(url, f"download failed ({type(exc).__name__}: {exc})") from None


def _robots_allow(url: str, settings: Settings, client: httpx.Client) -> bool:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    key = f"{origin} {settings.fetch_user_agent}"
    parser = _robots.get(key)
    if parser is None:
        try:
            response = _download(f"{origin}/robots.txt", settings, client, _ROBOTS_CAP)
        except SourceError as exc:
            raise SourceError(url, f"{exc.reason} (while reading robots.txt)") from None
        if response.status >= 500:
            # RFC 9309: an unreachable robots.txt means "assume everything is disallowed", so ask again later
            raise SourceError(url, f"robots.txt answered HTTP {response.status}: try again later")
        if response.status in (401, 403):
            rules = ["User-agent: *", "Disallow: /"]
        elif response.status >= 400:
            rules = []  # no robots.txt: everything is allowed
        else:
            rules = response.body.decode("utf-8", errors="replace").splitlines()
        parser = RobotFileParser()
        parser.parse(rules)
        _robots[key] = parser
    return parser.can_fetch(settings.fetch_user_agent, url)


def _load(url: str, response: _Response) -> Source:
    fmt = _format(response)
    if fmt is None:
        kind = response.headers.get("content-type", "").split(";")[0].strip() or "no content type"
        raise SourceError(
            url, f"{kind} is not a guide format: use an HTML page, a PDF, or plain text/Markdown"
        )
    try:
        return load_bytes(
            response.body, source_name(response.url, fmt), fmt, url=response.url, headers=response.headers
        )
    except SourceError as exc:
        raise SourceError(url, exc.reason) from None


def _format(response: _Response) -> str | None:
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in CONTENT_TYPES:
        return CONTENT_TYPES[kind]
    # servers that say application/octet-stream, or nothing: the bytes, then the URL, tell
    head = response.body[:512].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return FORMATS.get(PurePosixPath(urlsplit(response.url).path).suffix.lower())


# --- sitemaps ---------------------------------------------------------------------------


def _sitemap_root(response: _Response, settings: Settings) -> etree._Element | None:
    """The <urlset>/<sitemapindex> root of a response that is a sitemap (gzipped too), else None."""
    body = response.body
    if body[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as unzipped:
                body = unzipped.read(settings.max_source_bytes + 1)  # bounded: a small .gz can unpack huge
        except (OSError, EOFError) as exc:
            raise SourceError(response.url, f"not a readable gzip file ({exc})") from None
        if len(body) > settings.max_source_bytes:
            limit = human_bytes(settings.max_source_bytes)
            raise SourceError(response.url, f"the sitemap unpacks to over {limit} (COACH_MAX_SOURCE_BYTES)")
    if not body.lstrip()[:100].startswith(b"<") or b"<html" in body[:1024].lower():
        return None
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        return None
    return root if etree.QName(root).localname in ("urlset", "sitemapindex") else None


def _expand(
    url: str,
    root: etree._Element,
    settings: Settings,
    client: httpx.Client,
    urls: list[str],
    warnings: list[str],
    seen: set[str],
) -> None:
    """Add the page URLs of one sitemap to `urls` (up to the cap), reading nested sitemaps depth first."""
    cap = settings.max_sitemap_urls
    more = " (raise COACH_MAX_SITEMAP_URLS to read more)"
    if etree.QName(root).localname == "sitemapindex":
        children = [
            loc.strip() for loc in root.xpath("./*[local-name()='sitemap']/*[local-name()='loc']/text()")
        ]
        for i, child in enumerate(children):
            if len(urls) >= cap:
                warnings.append(
                    f"sitemap index {url} lists {len(children):,} sitemaps; stopped after {i}, "
                    f"at {cap:,} URLs{more}"
                )
                return
            if child in seen:
                continue
            seen.add(child)
            try:
                response = _get(child, settings, client)
                child_root = _sitemap_root(response, settings)
                if child_root is None:
                    raise SourceError(child, "not a sitemap (expected an XML <urlset> or <sitemapindex>)")
                _expand(child, child_root, settings, client, urls, warnings, seen)
            except SourceError as exc:  # one broken child sitemap should not lose the others
                warnings.append(f"{exc}; skipped")
        return
    listed = root.xpath("./*[local-name()='url']/*[local-name()='loc']/text()")
    known = set(urls)
    pages = [
        u for u in dict.fromkeys(loc.strip() for loc in listed) if u.startswith("http") and u not in known
    ]
    room = cap - len(urls)
    if len(pages) > room:
        warnings.append(f"sitemap {url} lists {len(pages):,} URLs; reading the first {room}{more}")
    urls.extend(pages[:room])
