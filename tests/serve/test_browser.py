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
from tests.serve.conftest import CHROMIUM, axe_violations
from tests.servers import live_server

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


def _visible_group(page) -> str:
    return page.locator("#sources .answer-sources:not([hidden]) .asked").inner_text()


def test_ui_markers_open_the_marked_span_and_every_answer_keeps_its_sources(browser, site, artifacts):
    url, _ = site
    page, outside = _page(browser, url)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    first = "What does a customer support team lead earn?"
    _ask_ui(page, url, first)
    page.wait_for_selector("#chat a[href^='#cite-1-']", timeout=30_000)
    chat = page.inner_text("#chat")
    assert "[1]" in chat and "$67k" in chat
    # suggested follow-ups are chips; one asks the next question
    chip = page.locator("button.suggestion").first
    chip.wait_for(timeout=10_000)
    follow_up = chip.inner_text()
    assert follow_up.endswith("?")
    chip.click()
    page.wait_for_selector("#chat a[href^='#cite-3-']", timeout=30_000)
    assert follow_up in _visible_group(page)  # the latest answer's sources show
    # the first answer's [1] opens its own passage, with the quoted span marked
    page.locator("#chat a[href^='#cite-1-']").first.click()
    assert first in _visible_group(page)
    passage = page.locator("#cite-1-1")
    assert passage.get_attribute("open") is not None
    mark = passage.locator(".passage mark").first.inner_text()
    assert "Customer Support Team Lead" in mark and mark in passage.locator(".passage").inner_text()
    page.screenshot(path=str(artifacts / "ui-answer.png"), full_page=True)
    assert axe_violations(page) == []
    # clicking an answer shows that answer's sources
    page.locator("#chat [data-testid='bot']").last.click(position={"x": 12, "y": 12})
    page.wait_for_function(
        "q => document.querySelector('#sources .answer-sources:not([hidden]) .asked').innerText.includes(q)",
        arg=follow_up,
        timeout=10_000,
    )
    assert errors == [] and outside == []
    page.close()


def test_widget_on_demo_page_answers_with_citation(browser, playwright, site, artifacts):
    url, _ = site
    phone = {k: v for k, v in playwright.devices["iPhone 12"].items() if k != "default_browser_type"}
    context = browser.new_context(**phone)
    page = context.new_page()
    _ask_widget(page, url, "What does a customer support team lead earn?")
    answer = page.locator(".msg.bot").last
    answer.locator(".rate").wait_for(timeout=30_000)
    assert "$67k" in answer.inner_text() and "[1]" in answer.inner_text()
    answer.locator("button.source").first.click()
    assert "$67k USD" in answer.locator(".passage").first.inner_text()
    screen = page.evaluate("innerWidth")
    for part in (".panel", ".panel form button", ".panel .close"):
        box = page.locator(part).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= screen + 1, part
    assert page.evaluate("localStorage.length") == 1  # the session is kept for the next visit
    page.screenshot(path=str(artifacts / "widget-demo.png"))
    context.close()


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
            assert EVIL in page.inner_text("#sources")  # the question, shown as text
        else:
            page.locator(".msg.bot .rate").first.wait_for(timeout=30_000)
            page.locator(".msg.bot button.source").first.click()
            assert EVIL in page.locator(".msg.user").first.inner_text()
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
