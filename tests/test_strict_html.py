"""The served pages (search, filtered search, detail, outages, admin, 404, 410) checked by the Nu Html Checker
(npm vnu-jar on Debian's Java: one run for every page) and by axe-core in headless Chromium (zero WCAG 2.2
A/AA violations, and no best-practice heading failures). The checkers live in tests/validators/ and are
installed by `./dev test`; where they are missing the tests are skipped with a message saying so."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from gongkai.ops.auth import hash_password
from gongkai.record import Record
from tests.conftest import govcn_records
from tests.support import sample_records, served_engine

VALIDATORS = Path(__file__).resolve().parent / "validators" / "node_modules"
VNU_JAR = VALIDATORS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = VALIDATORS / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
ADMIN = ("ops", "运维-检查-2026")
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
HEADING_RULES = ["page-has-heading-one", "heading-order", "empty-heading"]  # axe best-practice rules about headings
OUTAGE = Record(
    kind="notice", notice_type="outage", title="思明区部分区域停电检修通知", issuer="国网厦门供电公司", publish_date="2024-03-10",
    body="因线路检修，2024年3月12日8:00至17:00，思明区莲前西路、湖滨南路部分区域停电。",
    # Its window with its streets: the detail page's windows table and the outage answer are checked too.
    notice={"utility": "power", "events": [{"utility": "power", "start": "2024-03-12T08:00", "end": "2024-03-12T17:00",
            "text": "2024年3月12日8:00至17:00", "areas": [{"name": "莲前西路", "district": "思明区", "text": "思明区莲前西路"},
                                                      {"name": "湖滨南路", "text": "湖滨南路部分区域"}]}]},
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    records = sample_records()[:120] + [Record(**r) for r in govcn_records()[:10]] + [OUTAGE]
    admin = {"admin_user": ADMIN[0], "admin_password_hash": hash_password(ADMIN[1], iterations=10_000)}
    with served_engine(tmp_path_factory.mktemp("strict_html") / "data", records, scheduler=admin) as (engine, base):

        withdrawn = records[3]
        engine.withdraw(withdrawn.id, "撤销")
        live = next(r for r in records[10:] if r.issuer and r.kind == "disclosure")
        yield {"engine": engine, "base": base, "pages": {
            "home": "/",
            "search": "/search?q=通知",
            "filtered search": f"/search?q=通知&kind=disclosure&issuer={live.issuer}&from=2000-01-01",
            "no result": "/search?q=没有这样的词语组合",
            "detail": f"/documents/{live.id}?q=通知",
            "outage notice": f"/documents/{OUTAGE.id}",
            "outages": "/outages?area=莲前西路&date=2024-03-12",
            "outage question": "/search?q=2024年3月12日莲前西路停电吗",  # the search page answering it (outage_question)
            "admin": "/admin",
            "404": "/documents/nope",
            "410": f"/documents/{withdrawn.id}",
        }}


def fetch_pages(site) -> dict[str, tuple[int, str]]:
    pages = {}
    with httpx.Client(base_url=site["base"], timeout=10) as client:
        for name, path in site["pages"].items():
            response = client.get(path, auth=ADMIN if path.startswith("/admin") else None)
            assert response.headers["content-type"].startswith("text/html"), (name, response.status_code)
            pages[name] = (response.status_code, response.text)
    assert pages["404"][0] == 404 and pages["410"][0] == 410
    assert all(status == 200 for name, (status, _) in pages.items() if name not in ("404", "410")), {n: s for n, (s, _) in pages.items()}
    assert 'class="chip"' in pages["filtered search"][1] and 'aria-current="true"' in pages["filtered search"][1]  # the filter chips are there
    assert 'class="notice-box outage-answer"' in pages["outage question"][1] and "有 1 条停电通知" in pages["outage question"][1]
    return pages


def nu_errors(pages: dict[str, str], workdir: Path) -> list[str]:
    """The Nu Html Checker's errors on `pages` (name -> HTML), one line each; one JVM for all (a start costs seconds)."""
    files = {}
    for name, html in pages.items():
        path = workdir / (name.replace(" ", "-").replace("/", "_") + ".html")
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    run = subprocess.run([shutil.which("java") or "java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *[str(workdir / f) for f in files]],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr)["messages"]  # JSON on stderr, one message per problem
    return [f"{files.get(m.get('url', '').rsplit('/', 1)[-1])} line {m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]


def axe_violations(base: str, paths: dict[str, str]) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations and heading best-practice failures on each page, one line each."""
    from playwright.sync_api import sync_playwright

    axe = AXE_JS.read_text(encoding="utf-8")
    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            # bypass_csp: the pages forbid injected scripts (rightly); axe is the test's, not the page's.
            context = browser.new_context(locale="zh-CN", bypass_csp=True, http_credentials={"username": ADMIN[0], "password": ADMIN[1]})
            page = context.new_page()
            for name, path in paths.items():
                page.goto(base + path)
                page.evaluate(axe)
                for options in ({"runOnly": {"type": "tag", "values": WCAG_22_AA}}, {"runOnly": {"type": "rule", "values": HEADING_RULES}}):
                    result = page.evaluate("options => axe.run(document, options)", options)
                    problems += [f"{name}: {v['id']} ({v['impact']}) {v['help']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]
            context.close()
        finally:
            browser.close()
    return problems


def test_every_page_passes_the_nu_html_checker(site, tmp_path):
    if not shutil.which("java") or not VNU_JAR.is_file():
        pytest.skip(f"the Nu Html Checker needs Debian's Java and {VNU_JAR} (npm vnu-jar): run ./dev test as root to install them")
    pages = {name: html for name, (_status, html) in fetch_pages(site).items()}
    assert nu_errors(pages, tmp_path) == []


def test_every_page_has_no_axe_violations(site):
    if not CHROMIUM.exists() or not AXE_JS.is_file():
        pytest.skip(f"axe-core needs /usr/bin/chromium and {AXE_JS} (npm axe-core): run ./dev test as root to install them")
    assert axe_violations(site["base"], site["pages"]) == []
