"""Real-browser tests: Playwright driving Debian's /usr/bin/chromium, headless, against a live server on 127.0.0.1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coach.ask.coach import Coach
from coach.backends import get_store
from coach.index.generation import open_index
from coach.ingest.pipeline import ingest
from coach.serve.web import create_app
from tests.conftest import make_settings
from tests.servers import live_server

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="needs Debian's chromium: apt-get install -y chromium"
    ),
]
EVIL = '<img src=x onerror="window.__xss=1">'
XSS_GUIDE = """Complete Barista Career Guide
Baristas prepare espresso drinks and serve customers in cafes, and the job rewards speed and care. <script>window.__xss=1</script>
Salary & Outlook
Baristas earn a median of $28,000 a year in the United States. <script>window.__xss=1</script> <img src=x onerror="window.__xss=1">
"""


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--headless",
                "--disable-background-networking",
                "--disable-gpu",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(coach, tmp_path_factory):
    home = tmp_path_factory.mktemp("browser-home")
    with live_server(create_app(coach, make_settings(home, rate_limit_per_minute=1000))) as url:
        yield url, home


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory, embedder, guides_dir_module):
    home = tmp_path_factory.mktemp("xss-home")
    (guides_dir_module / "barista.txt").write_text(XSS_GUIDE, encoding="utf-8")
    settings = make_settings(home, rate_limit_per_minute=1000)
    ingest([guides_dir_module], settings, embedder=embedder)
    coach = Coach(settings, open_index(settings), get_store(settings), embedder)
    with live_server(create_app(coach, settings)) as url:
        yield url


@pytest.fixture(scope="module")
def guides_dir_module(tmp_path_factory):
    from tests.conftest import BAKER

    d = tmp_path_factory.mktemp("xss-guides")
    (d / "baker.txt").write_text(BAKER, encoding="utf-8")
    return d


def _page(browser, url, width=1280, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if not (r.url.startswith(url) or r.url.startswith(("data:", "blob:")))
            else None
        ),
    )
    return page, outside


def _ask_ui(page, url, question):
    page.goto(url + "/", wait_until="load")
    page.wait_for_selector("#question textarea", timeout=30_000)
    page.fill("#question textarea", question)
    page.click("#ask")


def _ask_widget(page, url, question):
    page.goto(url + "/demo", wait_until="load")
    page.wait_for_selector("[data-careercoach]", state="attached", timeout=30_000)
    page.locator(".bubble").click()
    page.locator("textarea").fill(question)
    page.locator("form button").click()


def test_ui_answer_with_marker_and_source_passage(browser, site, artifacts):
    url, _ = site
    page, outside = _page(browser, url)
    _ask_ui(page, url, "What does a customer support manager earn?")
    page.wait_for_selector("#sources details", timeout=30_000)
    chat = page.inner_text("#chat")
    assert "[1]" in chat and "$82k" in chat
    sources = page.text_content("#sources") or ""  # closed <details> too
    assert "Customer Support Manager | $82k USD" in sources
    page.screenshot(path=str(artifacts / "ui-answer.png"), full_page=True)
    assert outside == []
    page.close()


def test_widget_on_demo_page_answers_with_citation(browser, site, artifacts):
    url, _ = site
    page, outside = _page(browser, url, 390, 800)  # a phone-width screen
    _ask_widget(page, url, "What does a customer support team lead earn?")
    answer = page.locator(".msg.bot").last
    answer.locator("details").first.wait_for(timeout=30_000)
    assert "$67k" in answer.inner_text() and "[1]" in answer.inner_text()
    answer.locator("summary").first.click()
    assert "$67k USD" in answer.locator(".passage").first.inner_text()
    box = page.locator(".panel").bounding_box()
    assert box and box["width"] <= 390
    assert page.evaluate("localStorage.length") == 1  # the session is kept for the next visit
    page.screenshot(path=str(artifacts / "widget-demo.png"))
    assert outside == []
    page.close()


def test_widget_is_isolated_from_page_css(browser, site):
    url, _ = site
    page, _ = _page(browser, url)
    page.goto(url + "/demo", wait_until="load")
    page.wait_for_selector("[data-careercoach]", state="attached")
    color = page.locator(".bubble").evaluate("e => getComputedStyle(e).backgroundColor")
    assert color == "rgb(10, 102, 194)"  # data-accent, not the page's hotpink button rule
    page.close()


def test_script_injection_never_runs_in_ui_or_widget(browser, xss_site, artifacts):
    for where, ask in (("ui", _ask_ui), ("widget", _ask_widget)):
        page, _ = _page(browser, xss_site)
        ask(page, xss_site, f"What does a barista earn? {EVIL}")
        if where == "ui":
            page.wait_for_selector("#sources details", timeout=30_000)
            assert "<script>window.__xss=1</script>" in page.inner_text("#sources")  # shown as text
        else:
            page.locator(".msg.bot details").first.wait_for(timeout=30_000)
            page.locator(".msg.bot summary").first.click()
            assert "<script>" in page.locator(".passage").first.inner_text()
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__xss") == "undefined", where
        page.screenshot(path=str(artifacts / f"xss-{where}.png"), full_page=True)
        page.close()


def test_thumbs_down_in_the_ui_lands_in_the_feedback_table(browser, site, artifacts):
    url, home = site
    page, _ = _page(browser, url)
    _ask_ui(page, url, "Is remote work common in customer support?")
    page.wait_for_selector("#sources details", timeout=30_000)
    page.fill("#feedback-reason textarea", "wanted numbers")
    page.locator("#chat button[aria-label='Dislike']").last.click()
    page.wait_for_function(
        "document.querySelector('#feedback-status').innerText.includes('recorded')", timeout=15_000
    )
    page.screenshot(path=str(artifacts / "ui-feedback.png"), full_page=True)
    with sqlite3.connect(home / "coach.sqlite3") as db:
        rows = db.execute("SELECT rating, reason FROM feedback").fetchall()
    assert ("down", "wanted numbers") in rows
    page.close()
