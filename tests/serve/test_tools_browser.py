"""The coaching tools' tabs in a real browser (Debian's chromium, headless), desktop and phone: each renders its
tool's cited result (a ladder with pay bars, a comparison table, a skills gap, interview feedback)."""

from __future__ import annotations

from pathlib import Path

import pytest

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


@pytest.fixture(scope="module")
def site(coach, tmp_path_factory):
    home = tmp_path_factory.mktemp("tools-home")
    with live_server(create_app(coach, make_settings(home, rate_limit_per_minute=1000))) as url:
        yield url


def _open_tab(page, url: str, name: str) -> None:
    page.goto(url + "/", wait_until="load")
    page.get_by_role("tab", name=name).click()


def _pick(page, within: str, value: str) -> None:
    box = page.locator(f"{within} input").first
    box.click()
    box.fill(value)
    box.press("Enter")


@pytest.mark.parametrize(("width", "height", "name"), [(1280, 900, "desktop"), (390, 844, "phone")])
def test_career_path_tab_draws_the_ladder_with_pay_bars(browser, site, artifacts, width, height, name):
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _open_tab(page, site, "Career path")
    _pick(page, "#path-role", "Customer Support Specialist")
    page.click("#path-go")
    page.wait_for_selector("#path-out .ladder .rung", timeout=30_000)
    rungs = page.locator("#path-out .ladder .rung")
    assert rungs.count() >= 2
    assert page.locator("#path-out .ladder .pay .bar").count() >= 1
    assert "[1]" in page.inner_text("#path-out")
    page.screenshot(path=str(artifacts / f"ui-path-{name}.png"), full_page=True)
    assert errors == []
    page.close()


def test_compare_gap_and_interview_tabs(browser, site, artifacts):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _open_tab(page, site, "Compare jobs")
    _pick(page, "#tab-compare", "Customer Support Specialist")
    _pick(page, "#tab-compare", "Customer Support Manager")
    page.click("#compare-go")
    page.wait_for_selector("#compare-out table.compare td", timeout=30_000)
    table = page.inner_text("#compare-out table.compare")
    assert "Customer Support Manager" in table and "[" in table
    page.screenshot(path=str(artifacts / "ui-compare.png"), full_page=True)

    page.get_by_role("tab", name="Skills gap").click()
    _pick(page, "#tab-gap", "Customer Support Specialist")
    page.fill(
        "#gap-text textarea",
        "Two years on a retail checkout. Handled 60 customer tickets a day in Zendesk, stayed calm with "
        "angry customers and wrote clear emails. Call me on 07700 900123.",
    )
    page.click("#gap-go")
    page.wait_for_selector("#gap-out .readiness", timeout=30_000)
    gap = page.inner_text("#gap-out")
    assert "Readiness" in gap and "07700" not in gap
    page.screenshot(path=str(artifacts / "ui-gap.png"), full_page=True)

    page.get_by_role("tab", name="Interview practice").click()
    _pick(page, "#tab-interview", "Customer Support Manager")
    page.click("#interview-go")
    page.wait_for_function(
        "() => document.querySelector('#interview-question').innerText.trim().length > 10", timeout=30_000
    )
    page.fill("#interview-answer textarea", "I would listen to the customer, stay calm and lead my team.")
    page.click("#interview-send")
    page.wait_for_selector("#interview-feedback .model", timeout=30_000)
    assert "Score" in page.inner_text("#interview-feedback")
    page.screenshot(path=str(artifacts / "ui-interview.png"), full_page=True)
    assert axe_violations(page) == []
    assert errors == []
    page.close()
