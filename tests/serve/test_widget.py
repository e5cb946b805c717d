"""The careers-page widget in a real browser (Playwright + Debian chromium) on desktop and phone descriptors, inside
a hostile host page that overflows sideways; plus the session-restore API it relies on."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest

from coach.serve.web import create_app
from tests.conftest import make_settings
from tests.serve.conftest import CHROMIUM, axe_violations
from tests.servers import live_server

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Debian's chromium: apt-get install -y chromium"
)
QUESTION = "What does a customer support team lead earn?"
# A careers page that does everything wrong: resets every element, hides buttons, shrinks text, wins z-index
# wars with a fixed overlay, and is 2000px wide so a phone's layout viewport is wider than its screen.
HOSTILE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Careers (hostile)</title>
<style>
* { all: unset; }
head, style, script, title, meta { display: none !important; }
html, body, main, div, p, h1 { display: block; }
button { display: none !important; }
div { font-size: 2px !important; }
textarea, input, mark { background: red !important; visibility: hidden; }
[role], [aria-label] { transform: rotate(3deg); }
.wide { width: 2000px; height: 240px; background: #fde; }
.overlay { position: fixed; left: 0; right: 0; bottom: 0; height: 90px; z-index: 2147483647; background: rgba(0,0,0,.08); }
</style></head><body><main><h1>Careers at Hostile Co</h1>
<div class="wide"><p>This content is 2000px wide.</p></div><div class="overlay"></div></main>
<script src="/widget.js" DATA></script></body></html>"""
DEVICES = ["desktop", "iPhone 13", "Pixel 7"]


def host_page(data: str = 'data-title="Ask our career coach" data-accent="#0a66c2"') -> str:
    return HOSTILE.replace("DATA", data)


@pytest.fixture(scope="module")
def site(coach, tmp_path_factory):
    home = tmp_path_factory.mktemp("widget-home")
    with live_server(create_app(coach, make_settings(home, rate_limit_per_minute=1000), ui=False)) as url:
        yield url, home


@pytest.fixture(scope="module")
def playwright_devices(playwright):
    return {name: dict(playwright.devices[name]) for name in DEVICES if name != "desktop"}


def open_page(browser, url: str, device: str, devices: dict[str, Any], html: str) -> tuple[Any, list[str]]:
    """A fresh context on `device` showing `html` at url/careers; page errors are collected."""
    options: dict[str, Any] = {"viewport": {"width": 1280, "height": 860}}
    if device != "desktop":
        options = {k: v for k, v in devices[device].items() if k != "default_browser_type"}
    context = browser.new_context(**options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(url + "/careers", lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto(url + "/careers", wait_until="load")
    page.locator("careercoach-widget .bubble").wait_for(timeout=15_000)
    return page, errors


def inside_screen(page, selector: str) -> None:
    """The element's box lies within what the screen shows (the visual viewport), not just the page."""
    box = page.locator(selector).bounding_box()
    screen = page.evaluate("[visualViewport.width, visualViewport.height]")
    assert box, selector
    assert box["x"] >= -1 and box["y"] >= -1, (selector, box)
    assert box["x"] + box["width"] <= screen[0] + 1 and box["y"] + box["height"] <= screen[1] + 1, (
        selector,
        box,
        screen,
    )


def widget_state(page) -> dict[str, Any]:
    return page.evaluate(
        """() => { const r = document.querySelector('careercoach-widget').shadowRoot;
        return {open: !r.querySelector('.panel').hidden, focus: r.activeElement && r.activeElement.className,
                input: r.querySelector('textarea').value}; }"""
    )


@pytest.mark.parametrize("device", DEVICES)
@needs_chromium
@pytest.mark.browser
@pytest.mark.slow
def test_widget_streams_cites_rates_restores_and_closes(browser, site, playwright_devices, device, artifacts):
    url, home = site
    page, errors = open_page(browser, url, device, playwright_devices, host_page())
    inside_screen(page, ".bubble")
    page.locator(".bubble").click()
    for part in (".panel", ".panel form button", ".panel header .close", ".panel header .new"):
        inside_screen(page, part)
    assert widget_state(page)["focus"] == ""  # the question box (a textarea has no class)
    with page.expect_request(lambda r: r.url.endswith("/api/chat/stream")):
        page.locator(".panel textarea").fill(QUESTION)
        page.keyboard.press("Enter")
    answer = page.locator(".msg.bot .rate").last
    answer.wait_for(timeout=30_000)
    bot = page.locator(".msg.bot").last
    assert "$67k" in bot.inner_text()
    # a [n] marker opens its passage with the quoted span marked
    marker = bot.locator("button.cite").first
    marker.click()
    assert marker.get_attribute("aria-expanded") == "true"
    passage = bot.locator(".passage").first
    marks = passage.locator("mark")
    assert marks.count() >= 1
    mark_text = marks.first.inner_text()
    assert mark_text.strip() and mark_text in passage.inner_text()
    inside_screen(page, ".panel")
    assert page.locator(".chips .chip").count() >= 1  # suggested follow-ups
    name = device.split()[0].lower()
    page.screenshot(path=str(artifacts / f"widget-{name}.png"))
    if device != "desktop":  # the on-screen keyboard shrinks the visible area: Send stays reachable
        size = page.viewport_size or {"width": 390, "height": 664}
        page.set_viewport_size({"width": size["width"], "height": size["height"] - 300})
        page.wait_for_timeout(200)
        inside_screen(page, ".panel form button")
        page.set_viewport_size(size)
    assert axe_violations(page, "careercoach-widget") == []
    # feedback with a reason lands in SQLite
    reason = f"wanted more detail ({device})"
    bot.get_by_role("button", name="Not helpful").click()
    bot.locator(".rate input").fill(reason)
    page.keyboard.press("Enter")
    bot.get_by_text("Thanks for the feedback.").wait_for(timeout=10_000)
    with sqlite3.connect(home / "coach.sqlite3") as db:
        assert ("down", reason) in db.execute("SELECT rating, reason FROM feedback").fetchall()
    # Escape closes and gives focus back to the bubble
    page.locator(".panel textarea").focus()
    page.keyboard.press("Escape")
    state = widget_state(page)
    assert state["open"] is False and state["focus"] == "bubble"
    # a reload brings the conversation back from the server
    page.reload(wait_until="load")
    page.locator(".bubble").click()
    page.locator(".msg.user", has_text=QUESTION).wait_for(timeout=15_000)
    assert "$67k" in page.locator(".msg.bot").last.inner_text()
    assert page.locator(".msg.bot button.cite").count() >= 1
    assert errors == []
    page.context.close()


@pytest.mark.parametrize("case", ["wrong-api", "server-down", "429", "500", "stream-cut"])
@needs_chromium
@pytest.mark.browser
@pytest.mark.slow
def test_bad_input_shows_a_message_and_retry_and_keeps_the_question(browser, site, playwright_devices, case):
    url, _ = site
    data = 'data-api="http://127.0.0.1:9"' if case == "wrong-api" else ""
    page, errors = open_page(browser, url, "Pixel 7", playwright_devices, host_page(data))
    fakes = {
        "server-down": lambda route: route.abort("connectionrefused"),
        "429": lambda route: route.fulfill(
            status=429, content_type="application/json", body=json.dumps({"error": "rate limit"})
        ),
        "500": lambda route: route.fulfill(
            status=500, content_type="text/plain", body="Internal Server Error"
        ),
        "stream-cut": lambda route: route.fulfill(
            status=200,
            content_type="text/event-stream",
            body='event: token\ndata: {"text": "Customer support team leads ea"}\n\n',
        ),
    }
    if case in fakes:
        page.route("**/api/chat/stream", fakes[case])
    page.locator(".bubble").click()
    page.locator(".panel textarea").fill(QUESTION)
    page.locator(".panel form button").click()
    error = page.locator(".msg.error")
    error.wait_for(timeout=15_000)
    expected = {
        "wrong-api": "not reachable",
        "server-down": "not reachable",
        "429": "Too many questions",
        "500": "had a problem",
        "stream-cut": "cut off",
    }[case]
    assert expected in error.inner_text()
    assert widget_state(page)["input"] == QUESTION  # what the person typed is kept
    assert error.get_by_role("button", name="Retry").is_visible()
    if case in fakes:  # the server recovers: Retry gets the answer
        page.unroute("**/api/chat/stream")
        error.get_by_role("button", name="Retry").click()
        page.locator(".msg.bot .rate").last.wait_for(timeout=30_000)
        assert page.locator(".msg.error").count() == 0
        assert "$67k" in page.locator(".msg.bot").last.inner_text()
    assert errors == []
    page.context.close()


@needs_chromium
@pytest.mark.browser
@pytest.mark.slow
def test_a_faked_stream_renders_tokens_banner_marked_spans_and_only_text(browser, site, playwright_devices):
    url, _ = site
    evil = '<img src=x onerror="window.__xss=1">'
    text = f"Intro line. Bakers earn $35k {evil} a year. Outro."
    done = {
        "answer": f"Bakers earn $35k {evil}. [1] Unknown marker [7].",
        "refused": False,
        "low_relevance": True,
        "suggestions": [f"And head bakers? {evil}"],
        "citations": [
            {"n": 1, "guide": f"Baker {evil}", "section": "Pay", "text": text, "spans": [[12, 46], [40, 99]]}
        ],
        "session_id": "s1",
        "message_id": "m1",
    }
    body = (
        "".join(f"event: token\ndata: {json.dumps({'text': t})}\n\n" for t in ("Bakers ", "earn ", "$35k"))
        + f"event: done\ndata: {json.dumps(done)}\n\n"
    )
    page, errors = open_page(browser, url, "desktop", playwright_devices, host_page())
    page.route(
        "**/api/chat/stream",
        lambda route: route.fulfill(status=200, content_type="text/event-stream", body=body),
    )
    page.evaluate("CareerCoach.ask('What do bakers earn?')")
    bot = page.locator(".msg.bot").last
    bot.locator(".rate").wait_for(timeout=10_000)
    assert bot.locator(".banner").inner_text().startswith("These passages are only loosely related")
    assert bot.locator("button.cite").all_inner_texts() == ["[1]"]  # [7] cites nothing: left as text
    assert "Unknown marker [7]." in bot.inner_text() and evil in bot.inner_text()
    bot.locator("button.cite").click()
    marks = bot.locator(".passage mark").all_inner_texts()
    assert marks == [text[12:]]  # overlapping spans merge, the end is clamped to the passage
    assert page.locator(".chips .chip").all_inner_texts() == [f"And head bakers? {evil}"]
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("localStorage.getItem('careercoach-session:' + location.origin)") == "s1"
    assert errors == []
    page.context.close()


@needs_chromium
@pytest.mark.browser
@pytest.mark.slow
def test_keyboard_only_options_js_api_and_answer_event(browser, site, playwright_devices, artifacts):
    url, _ = site
    data = (
        'data-position="left" data-accent="#7a1f5c" data-title="Talk to Hostile Co" '
        'data-button-label="Career help" data-greeting="Hello from Hostile Co." '
        'data-starters="What does a customer support manager earn?|Is remote work common?" data-max-messages="1"'
    )
    page, errors = open_page(browser, url, "desktop", playwright_devices, host_page(data))
    page.evaluate(
        "window.__answers = []; document.addEventListener('careercoach:answer', e => __answers.push(e.detail))"
    )
    bubble = page.locator(".bubble")
    assert bubble.get_attribute("aria-label") == "Career help"
    assert bubble.locator("svg").count() == 1
    assert bubble.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(122, 31, 92)"
    assert bubble.bounding_box()["x"] < 100  # type: ignore[index]  # left side
    # keyboard only: Tab reaches the bubble, Enter opens, focus stays inside while open
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "CAREERCOACH-WIDGET":
            break
    page.keyboard.press("Enter")
    assert widget_state(page)["open"] is True
    assert page.get_by_role("dialog", name="Talk to Hostile Co").is_visible()
    assert "Hello from Hostile Co." in page.locator(".log").inner_text()
    assert page.locator(".chips .chip").all_inner_texts() == [
        "What does a customer support manager earn?",
        "Is remote work common?",
    ]
    for _ in range(12):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.tagName") == "CAREERCOACH-WIDGET"
    page.evaluate("CareerCoach.ask('What does a customer support manager earn?')")
    page.locator(".msg.bot .rate").last.wait_for(timeout=30_000)
    answers = page.evaluate("window.__answers")
    assert len(answers) == 1
    assert answers[0]["question"] == "What does a customer support manager earn?"
    assert answers[0]["refused"] is False and answers[0]["citations"] >= 1 and answers[0]["message_id"]
    assert page.locator(".panel textarea").is_disabled()  # data-max-messages="1"
    assert "reached its limit of 1 question" in page.locator(".log").inner_text()
    assert page.locator(".chips").count() == 0
    page.screenshot(path=str(artifacts / "widget-options.png"))
    page.evaluate("CareerCoach.close()")
    assert widget_state(page)["open"] is False
    page.evaluate("CareerCoach.open()")
    assert widget_state(page)["open"] is True
    assert errors == []
    page.context.close()


@needs_chromium
@pytest.mark.browser
@pytest.mark.slow
def test_phone_page_without_a_viewport_tag_zoomed_out_still_gets_a_full_screen_panel(
    browser, site, playwright_devices
):
    url, _ = site
    html = host_page().replace('<meta name="viewport" content="width=device-width,initial-scale=1">', "")
    page, errors = open_page(browser, url, "iPhone 13", playwright_devices, html)
    scale = page.evaluate("visualViewport.scale")
    assert scale < 0.5  # the phone shows the whole 2000px page, zoomed out
    page.locator(".bubble").click()
    box = page.locator(".panel").bounding_box()
    assert box and round(box["width"] * scale) == 390 and round(box["height"] * scale) == 664
    inside_screen(page, ".panel form button")
    assert errors == []
    page.context.close()


@needs_chromium
@pytest.mark.browser
@pytest.mark.slow
def test_a_session_the_server_no_longer_has_starts_a_new_one(browser, site, playwright_devices):
    url, _ = site
    key = f"careercoach-session:{url}"
    context = browser.new_context()
    context.add_init_script(f"localStorage.setItem({json.dumps(key)}, 'gone-session')")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(
        url + "/careers", lambda route: route.fulfill(status=200, content_type="text/html", body=host_page())
    )
    with page.expect_response(lambda r: "/api/sessions/gone-session" in r.url) as restore:
        page.goto(url + "/careers", wait_until="load")
    assert restore.value.status == 404
    page.locator(".bubble").click()
    page.locator(".chips .chip").first.wait_for(timeout=10_000)  # the greeting and starters of a new chat
    assert page.locator(".msg.user").count() == 0
    assert page.evaluate(f"localStorage.getItem({json.dumps(key)})") is None
    assert errors == []
    context.close()


@pytest.mark.slow
def test_session_messages_api(site):
    url, _ = site
    assert httpx.get(f"{url}/api/sessions/no-such-session").status_code == 404
    assert httpx.get(f"{url}/api/sessions/bad%20id!").status_code == 422
    assert httpx.get(f"{url}/api/sessions/{'a' * 65}").status_code == 422
    first = httpx.post(f"{url}/api/chat", json={"message": QUESTION}, timeout=30).json()
    r = httpx.get(f"{url}/api/sessions/{first['session_id']}")
    assert r.status_code == 200
    data = r.json()
    assert data["session_id"] == first["session_id"]
    assert [m["role"] for m in data["messages"]] == ["user", "assistant"]
    assert data["messages"][0] == {"role": "user", "content": QUESTION}
    reply = data["messages"][1]
    assert reply["message_id"] == first["message_id"] and reply["content"] == first["answer"]
    assert reply["result"]["citations"] == first["citations"]
