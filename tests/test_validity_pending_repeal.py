"""A repeal that takes effect later is shown where a citizen looks (probe4). A document another held document repeals
from a day still to come keeps its status until then (issue 19: repealed from the day the repealing document takes
effect), and its page said nothing of it: the 有效性 block is drawn only for a known status, so a document whose own
text states nothing (`unknown`, most notices and 通知) showed no word of its coming repeal, and one `in_force` read
“由《X》废止，自 …起” with no date, beside 现行有效. Now the page says 将于 DATE 起废止 (the repealing document's
effective date) with the repealing document linked and its sentence quoted; a repeal in force still reads 已废止."""

from __future__ import annotations

import re

import httpx

from gongkai.record import Record
from tests.support import served_engine

TARGET = Record(title="转发省政府办公厅关于政府采购管理若干措施的通知", doc_number="厦财预〔2026〕6号", issuer="厦门市财政局",
                publish_date="2026-03-14", body="各区财政局：\n现将有关措施转发给你们，请认真贯彻执行。\n厦门市财政局\n2026年3月14日")
LATER = Record(title="厦门市财政局关于印发《厦门市政府采购管理办法》的通知", doc_number="厦财采〔2026〕11号", issuer="厦门市财政局",
               publish_date="2026-12-03",
               body="各有关单位：\n现将《厦门市政府采购管理办法》印发给你们。本办法自2099年1月1日起施行。"
                    "《转发省政府办公厅关于政府采购管理若干措施的通知》（厦财预〔2026〕6号）同时废止。\n厦门市财政局\n2026年12月2日")
OLD = Record(title="厦门市会计信息质量检查管理办法", doc_number="厦财预〔2024〕7号", issuer="厦门市财政局", publish_date="2024-11-22",
             body="第一条 为了加强会计信息质量检查，制定本办法。\n本办法自2024年12月1日起施行。")
NOW = Record(title="厦门市财政局关于印发《厦门市会计信息质量检查管理办法（2026年修订）》的通知", doc_number="厦财会〔2026〕3号",
             issuer="厦门市财政局", publish_date="2026-06-20",
             body="本办法自2026年7月1日起施行。《厦门市会计信息质量检查管理办法》（厦财预〔2024〕7号）同时废止。")


def validity_block(html: str) -> str:
    found = re.search(r'<div class="validity[^"]*">(.*?)</div>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else ""


def test_a_repeal_still_to_come_is_shown_with_its_day(tmp_path):
    with served_engine(tmp_path / "data", [TARGET, LATER, OLD, NOW]) as (engine, base_url):
        assert engine.validity(TARGET.id)["validity"]["status"] == "unknown"
        html = httpx.get(f"{base_url}/documents/{TARGET.id}", timeout=10).text
        block = validity_block(html)
        assert "将于 2099-01-01 起废止" in block, block
        assert f'href="/documents/{LATER.id}"' in html and "同时废止" in block
        assert "已废止" not in block
        # a repeal in force: unchanged wording
        repealed = validity_block(httpx.get(f"{base_url}/documents/{OLD.id}", timeout=10).text)
        assert repealed.startswith("已废止") and "自 2026-07-01 起" in repealed and "将于" not in repealed


def test_gongkai_show_says_the_repeal_is_still_to_come(tmp_path, fresh_cli_state):
    """`gongkai show` printed '废止于 ID 《X》' (repealed by) under 效力 未知 for a repeal not in force yet; it says when."""
    import json

    from tests.cli_run import run

    lines = tmp_path / "records.jsonl"
    lines.write_text("".join(json.dumps(r.model_dump(mode="json", exclude={"content_hash"}), ensure_ascii=False) + "\n"
                             for r in (TARGET, LATER, OLD, NOW)), encoding="utf-8")
    assert run(tmp_path / "data", "ingest", str(lines)).exit_code == 0
    shown = run(tmp_path / "data", "show", TARGET.id).output
    assert "将于 2099-01-01 起废止" in shown and "废止于" not in shown
    shown = run(tmp_path / "data", "show", OLD.id).output
    assert "废止于" in shown and "将于" not in shown
