"""The operators' page on a phone (probe5): at 375 px the jobs table made the whole /admin page 680 px wide, so every
line of it scrolled sideways (the table's caption centred off the screen). A table scrolls on its own now. Real
Chromium (headless, Debian's), a served app on 127.0.0.1, the real store; the citizens' pages are checked likewise."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.engine import Engine
from gongkai.ops.auth import hash_password
from gongkai.record import Record
from gongkai.settings import load_settings
from gongkai.web.app import create_app
from gongkai.web.server import serve_in_thread
from tests.conftest import govcn_records

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (./dev test installs it as root)")


def test_the_admin_page_and_a_long_record_fit_a_375_px_screen(tmp_path):
    from playwright.sync_api import sync_playwright

    engine = Engine(load_settings(data_dir=tmp_path / "data",
                                  scheduler={"admin_user": "ops", "admin_password_hash": hash_password("pw", iterations=10_000)}))
    records = [Record.model_validate(r) for r in govcn_records()[:5]]
    engine.ingest_records(records)
    assert engine.withdraw(records[0].id, "核查中", operator="ops")  # a takedown row in its table too
    try:
        with serve_in_thread(create_app(engine)) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
            try:
                context = browser.new_context(viewport={"width": 375, "height": 800},
                                              http_credentials={"username": "ops", "password": "pw"})
                page = context.new_page()
                for path in ("/admin", f"/documents/{records[1].id}", "/search?q=国务院办公厅关于"):
                    page.goto(base + path)
                    assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
                page.goto(base + "/admin")
                # the jobs table is all there, scrolled within itself
                assert page.evaluate("Math.max(...[...document.querySelectorAll('main table')].map(t => t.scrollWidth))") > 375
            finally:
                browser.close()
    finally:
        engine.close()
