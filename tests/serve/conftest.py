"""Browser fixtures shared by the UI and widget tests: one Playwright and one headless Debian chromium per module."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / ".cache/axe/node_modules/axe-core/axe.min.js"


@pytest.fixture(scope="module")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright):
    b = playwright.chromium.launch(
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


def axe_violations(page: Any, within: str | None = None) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the page (or inside the `within` selector)."""
    if not AXE.exists():
        pytest.skip("axe-core missing: npm install --prefix .cache/axe axe-core")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (within) => { const r = await axe.run(within ? {include: [[within]]} : document,
        {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)})); }""",
        within,
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="session")
def postgres():
    """One real PostgreSQL server for the whole run (tests/serve/pg_server.py), started on first use."""
    from tests.serve.pg_server import INITDB, MISSING, PostgresServer

    if not INITDB:
        pytest.skip(MISSING)
    pytest.importorskip("psycopg", reason="psycopg missing: pip install 'careercoach[postgres]'")
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request) -> str:
    """COACH_DATABASE_URL of a fresh conversation store: empty (the default SQLite file in COACH_HOME), then a
    new database on the test PostgreSQL server."""
    if request.param == "sqlite":
        return ""
    return str(request.getfixturevalue("postgres").database())
