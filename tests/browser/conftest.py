"""Fixtures shared by the browser tests: one Chromium and one served engine per module."""

from __future__ import annotations

import pytest

from gongkai.record import Record
from tests.browser import CHROMIUM, LAUNCH_ARGS
from tests.conftest import govcn_records
from tests.support import sample_records, served_engine


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The sample records and the gov.cn ones, served on 127.0.0.1 (a module with other records overrides it)."""
    records = sample_records() + [Record(**r) for r in govcn_records()]
    with served_engine(tmp_path_factory.mktemp("browser") / "data", records) as (_, url):
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()
