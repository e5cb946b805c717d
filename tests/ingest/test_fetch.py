"""Fetching guides over HTTP from a real server on 127.0.0.1: formats, limits, robots.txt and sitemaps."""

from __future__ import annotations

import asyncio
import gzip
import time
import tracemalloc
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from coach.errors import SourceError
from coach.ingest import fetch
from coach.ingest.fetch import expand_sitemap, fetch_all, fetch_url, make_client, source_name
from coach.settings import Settings
from tests.ingest.test_loaders import GUIDE_PAGES, GUIDE_TEXT, NURSES_TEXT, SOURCES, make_pdf
from tests.servers import free_port, live_server

pytestmark = pytest.mark.server

CHUNK = 64 * 1024
HUGE = 50_000_000
hits: Counter[str] = Counter()


def _urlset(urls: list[str]) -> bytes:
    locs = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode()


def _index(urls: list[str]) -> bytes:
    locs = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</sitemapindex>'.encode()


def _app() -> Starlette:
    nurses = (SOURCES / "bls-registered-nurses.html").read_bytes()
    pdf = make_pdf(GUIDE_PAGES, title="Registered Nurse Career Guide")
    xml = "application/xml"

    async def robots(request: Request) -> Response:
        hits["robots"] += 1
        return PlainTextResponse("User-agent: *\nDisallow: /private/\n")

    async def page(request: Request) -> Response:
        return Response(
            nurses,
            media_type="text/html; charset=utf-8",
            headers={"Last-Modified": "Tue, 02 Jan 2024 08:00:00 GMT"},
        )

    async def plain(request: Request) -> Response:
        return PlainTextResponse("Baker Guide\n\nBakers bake bread before dawn.\n")

    async def markdown(request: Request) -> Response:
        return Response(b"# Pilot Guide\n\nPilots fly planes.\n", media_type="text/markdown")

    async def huge(request: Request) -> Response:
        async def body() -> AsyncIterator[bytes]:
            for _ in range(HUGE // CHUNK):
                yield b"<p>" + b"x" * (CHUNK - 3)

        return StreamingResponse(body(), media_type="text/html")

    async def dribble(request: Request) -> Response:
        async def body() -> AsyncIterator[bytes]:
            for _ in range(100):  # 20 s in all, a byte at a time: no single read ever waits long
                await asyncio.sleep(0.2)
                yield b"x"

        return StreamingResponse(body(), media_type="text/html")

    async def slow(request: Request) -> Response:
        await asyncio.sleep(3)
        return Response(nurses, media_type="text/html")

    base = "http://{host}"

    async def sitemap(request: Request) -> Response:
        root = base.format(host=request.headers["host"])
        return Response(_urlset([f"{root}/pages/{i}.html" for i in range(10_000)]), media_type=xml)

    async def sitemap_index(request: Request) -> Response:
        root = base.format(host=request.headers["host"])
        children = ["/sitemaps/a.xml", "/sitemaps/inner-index.xml", "/sitemaps/missing.xml"]
        return Response(_index([root + c for c in children]), media_type=xml)

    async def child(request: Request) -> Response:
        root = base.format(host=request.headers["host"])
        name = request.path_params["name"]
        if name == "a.xml":
            return Response(_urlset([f"{root}/guide.html", f"{root}/notes.md"]), media_type=xml)
        if name == "inner-index.xml":
            return Response(_index([f"{root}/sitemaps/b.xml.gz"]), media_type=xml)
        if name == "b.xml.gz":  # gzipped file, not gzip transfer encoding
            body = gzip.compress(_urlset([f"{root}/notes.md", f"{root}/guide.pdf"]))
            return Response(body, media_type="application/gzip")
        return PlainTextResponse("not found", status_code=404)

    async def feed(request: Request) -> Response:  # a sitemap at a URL that does not say so
        root = base.format(host=request.headers["host"])
        return Response(_urlset([f"{root}/guide.txt", f"{root}/missing"]), media_type="text/xml")

    routes = [
        Route("/robots.txt", robots),
        Route("/guide.html", page),
        Route("/private/guide.html", page),
        Route("/guide.txt", plain),
        Route("/notes.md", markdown),
        Route("/guide.pdf", lambda r: Response(pdf, media_type="application/pdf")),
        Route("/download", lambda r: Response(pdf, media_type="application/octet-stream")),
        Route("/logo.png", lambda r: Response(b"\x89PNG\r\n", media_type="image/png")),
        Route("/old", lambda r: RedirectResponse("/guide.html", status_code=301)),
        Route("/loop", lambda r: RedirectResponse("/loop", status_code=302)),
        Route("/missing", lambda r: PlainTextResponse("gone", status_code=404)),
        Route("/broken", lambda r: PlainTextResponse("oops", status_code=500)),
        Route("/empty", lambda r: Response(b"", media_type="text/html")),
        Route(
            "/shell", lambda r: Response(b"<div id=root></div><script>x()</script>", media_type="text/html")
        ),
        Route("/huge", huge),
        Route("/declared-huge", lambda r: Response(b"x" * 2_000_000, media_type="text/html")),
        Route("/dribble", dribble),
        Route("/slow", slow),
        Route("/sitemap.xml", sitemap),
        Route("/sitemap_index.xml", sitemap_index),
        Route("/sitemaps/{name}", child),
        Route("/feeds/pages", feed),
    ]
    return Starlette(routes=routes)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with live_server(_app()) as url:
        yield url


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path, max_source_bytes=1_000_000, fetch_timeout_s=1.0)


def _reason(url: str, settings: Settings) -> str:
    with pytest.raises(SourceError) as err:
        fetch_url(url, settings)
    assert err.value.source == url
    return err.value.reason


# --- pages ------------------------------------------------------------------------------


def test_html_page(server: str, settings: Settings) -> None:
    source = fetch_url(f"{server}/guide.html", settings)
    assert source.text == NURSES_TEXT
    assert source.format == "html"
    assert source.title == "Registered Nurses"
    # its canonical link names another site than the one it was fetched from: the fetched address is cited
    assert source.url == f"{server}/guide.html"
    assert source.name == f"127.0.0.1-{server.rsplit(':', 1)[1]}-guide.html"
    assert source.modified == "2024-04-17"  # the page's own date wins over Last-Modified


def test_redirect_is_followed_and_named_by_where_it_ends(server: str, settings: Settings) -> None:
    assert fetch_url(f"{server}/old", settings).name.endswith("-guide.html")


def test_pdf_text_and_markdown_by_content_type(server: str, settings: Settings) -> None:
    pdf = fetch_url(f"{server}/guide.pdf", settings)
    assert (pdf.format, pdf.text, pdf.title, pdf.url) == (
        "pdf",
        GUIDE_TEXT,
        "Registered Nurse Career Guide",
        f"{server}/guide.pdf",
    )
    assert fetch_url(f"{server}/download", settings).format == "pdf"  # octet-stream: sniffed from %PDF
    text = fetch_url(f"{server}/guide.txt", settings)
    assert (text.format, text.text, text.name) == (
        "txt",
        "Baker Guide\n\nBakers bake bread before dawn.\n",
        text.name,
    )
    assert text.name.endswith("-guide.txt")
    assert fetch_url(f"{server}/notes.md", settings).format == "md"


def test_last_modified_header_dates_a_page_without_its_own_date(server: str, settings: Settings) -> None:
    assert fetch_url(f"{server}/guide.txt", settings).modified is None
    page = fetch_url(f"{server}/private/guide.html", Settings(home=settings.home, respect_robots=False))
    assert page.modified == "2024-04-17"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/loop", "too many redirects (more than 5)"),
        ("/empty", "the file is empty"),
        ("/logo.png", "image/png is not a guide format: use an HTML page, a PDF, or plain text/Markdown"),
        (
            "/shell",
            "no readable main content (the page may need JavaScript; save the rendered page or use its text)",
        ),
    ],
)
def test_errors(server: str, settings: Settings, path: str, reason: str) -> None:
    assert _reason(server + path, settings) == reason


def test_slow_response_times_out(server: str, settings: Settings) -> None:
    started = time.monotonic()
    assert _reason(f"{server}/slow", settings) == "timed out after 1 s (COACH_FETCH_TIMEOUT_S)"
    assert time.monotonic() - started < 2.5


def test_trickling_body_is_cut_at_the_timeout(server: str, settings: Settings) -> None:
    started = time.monotonic()
    assert _reason(f"{server}/dribble", settings) == "timed out after 1 s (COACH_FETCH_TIMEOUT_S)"
    assert time.monotonic() - started < 2.5


def test_huge_body_is_abandoned_while_streaming(server: str, settings: Settings) -> None:
    tracemalloc.start()
    try:
        reason = _reason(f"{server}/huge", settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reason == "the response is over 1 MB (COACH_MAX_SOURCE_BYTES)"
    assert peak < 8_000_000  # holding the 50 MB body, or even its first half, would show here


def test_declared_length_over_the_cap_is_refused_before_reading(server: str, settings: Settings) -> None:
    assert (
        _reason(f"{server}/declared-huge", settings) == "the response is over 1 MB (COACH_MAX_SOURCE_BYTES)"
    )


def test_connection_refused(settings: Settings) -> None:
    url = f"http://127.0.0.1:{free_port()}/guide.html"
    assert _reason(url, settings).startswith("cannot connect")


def test_not_a_web_address(settings: Settings) -> None:
    assert (
        _reason("ftp://example.org/guide.txt", settings)
        == "not a web address: use an http:// or https:// URL"
    )


# --- robots.txt -------------------------------------------------------------------------


def test_robots_disallow(server: str, settings: Settings) -> None:
    reason = _reason(f"{server}/private/guide.html", settings)
    assert reason.startswith("robots.txt disallows it")
    assert fetch_url(f"{server}/private/guide.html", Settings(home=settings.home, respect_robots=False)).title


def test_robots_read_once_per_host(server: str, settings: Settings) -> None:
    fetch._robots.clear()
    before = hits["robots"]
    with make_client(settings) as client:
        for path in ("/guide.html", "/guide.txt", "/notes.md"):
            fetch_url(server + path, settings, client)
    assert hits["robots"] - before == 1


def test_missing_robots_allows_everything(tmp_path: Path) -> None:
    app = Starlette(routes=[Route("/private/a.txt", lambda r: PlainTextResponse("Private guide text."))])
    with live_server(app) as url:  # /robots.txt answers 404
        assert fetch_url(f"{url}/private/a.txt", Settings(home=tmp_path)).text == "Private guide text."


def test_robots_server_error_disallows_for_now(tmp_path: Path) -> None:
    app = Starlette(
        routes=[
            Route("/robots.txt", lambda r: PlainTextResponse("down", status_code=503)),
            Route("/a.txt", lambda r: PlainTextResponse("Guide.")),
        ]
    )
    with (
        live_server(app) as url,
        pytest.raises(SourceError, match="robots.txt answered HTTP 503: try again later"),
    ):
        fetch_url(f"{url}/a.txt", Settings(home=tmp_path))


# --- sitemaps ---------------------------------------------------------------------------


def test_big_sitemap_is_capped_with_a_warning(server: str, settings: Settings) -> None:
    urls, warnings = expand_sitemap(
        f"{server}/sitemap.xml", settings.model_copy(update={"max_sitemap_urls": 200})
    )
    assert urls == [f"{server}/pages/{i}.html" for i in range(200)]
    assert warnings == [
        f"sitemap {server}/sitemap.xml lists 10,000 URLs; reading the first 200 "
        "(raise COACH_MAX_SITEMAP_URLS to read more)"
    ]


def test_nested_sitemap_index(server: str, settings: Settings) -> None:
    urls, warnings = expand_sitemap(f"{server}/sitemap_index.xml", settings)
    assert urls == [f"{server}/guide.html", f"{server}/notes.md", f"{server}/guide.pdf"]  # deduplicated
    assert warnings == [f"{server}/sitemaps/missing.xml: HTTP 404 Not Found; skipped"]


def test_cap_spans_nested_sitemaps(server: str, settings: Settings) -> None:
    capped = settings.model_copy(update={"max_sitemap_urls": 2})
    urls, warnings = expand_sitemap(f"{server}/sitemap_index.xml", capped)
    assert urls == [f"{server}/guide.html", f"{server}/notes.md"]
    assert warnings == [
        f"sitemap index {server}/sitemap_index.xml lists 3 sitemaps; stopped after 1, at 2 URLs "
        "(raise COACH_MAX_SITEMAP_URLS to read more)"
    ]


def test_a_sitemap_is_not_a_page(server: str, settings: Settings) -> None:
    reason = _reason(f"{server}/feeds/pages", settings)
    assert reason == "it is a sitemap, not a guide page: expand it with expand_sitemap or fetch_all"


def test_a_page_is_not_a_sitemap(server: str, settings: Settings) -> None:
    with pytest.raises(SourceError, match=r"not a sitemap \(expected an XML <urlset> or <sitemapindex>\)"):
        expand_sitemap(f"{server}/guide.html", settings)


def test_fetch_all_expands_sitemaps_and_skips_failures(server: str, settings: Settings) -> None:
    sources, warnings = fetch_all(
        [f"{server}/feeds/pages", f"{server}/guide.pdf", f"{server}/broken"], settings
    )
    assert [s.format for s in sources] == ["txt", "pdf"]
    assert warnings == [
        f"{server}/missing: HTTP 404 Not Found; skipped",
        f"{server}/broken: HTTP 500 Internal Server Error; skipped",
    ]


@pytest.mark.parametrize(
    ("url", "fmt", "name"),
    [
        (
            "https://www.bls.gov/ooh/healthcare/registered-nurses.htm",
            "html",
            "www.bls.gov-ooh-healthcare-registered-nurses.html",
        ),
        ("https://example.org/", "html", "example.org.html"),
        (
            "https://example.org/Guides/Nurse?id=7&lang=en",
            "html",
            "example.org-guides-nurse-id-7-lang-en.html",
        ),
        ("http://127.0.0.1:8000/files/rn.pdf", "pdf", "127.0.0.1-8000-files-rn.pdf"),
    ],
)
def test_source_name(url: str, fmt: str, name: str) -> None:
    assert source_name(url, fmt) == name
