"""Held-out inputs of the session 16 review: what the session's changes (and session 15's unreviewed ones) read worse."""

from __future__ import annotations

import json

from gongkai.engine import Engine
from gongkai.settings import load_settings


def _ingest_file(tmp_path, name: str, data: bytes) -> list[tuple[str, str, str | None]]:
    path = tmp_path / name
    path.write_bytes(data)
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        results = []
        engine.ingest_paths([path], on_item=lambda r: results.append((r.input.rsplit("/", 1)[-1], r.status, r.id)))
        return results
    finally:
        engine.close()


def _pretty(elements: list[dict]) -> str:
    return "[\n" + ",\n".join("\n".join("  " + line for line in json.dumps(e, ensure_ascii=False, indent=2).split("\n"))
                              for e in elements) + "\n]\n"


_ATTACHMENTS = [{"name": "附件1.pdf", "url": "https://czj.xm.gov.cn/1.pdf"}, {"name": "附件2.xlsx", "url": "https://czj.xm.gov.cn/2.xlsx"}]


def _record(n: int) -> dict:
    return {"id": f"czj-2027-{n:03d}", "title": f"厦门市财政局关于2027年第{n}批专项资金拨付的公示", "issuer": "厦门市财政局",
            "publish_date": "2027-03-0" + str(n), "attachments": _ATTACHMENTS}


def test_a_pretty_printed_element_refused_for_a_missing_comma_is_one_entry_and_the_rest_keep_their_numbers(tmp_path):
    # 86240a5 (doors6) re-read a refused element from its lines' `{`: an element indented as json.dumps(indent=2) writes it,
    # refused for a missing comma (no quote left open), was cut at its own attachments' objects, three entries (one
    # "title: Field required; name: Extra inputs") for one element, and the elements after it numbered two too far
    # (目录.json[5] was the third element).
    text = _pretty([_record(1), _record(2), _record(3), _record(4)])
    broken = text.replace('"厦门市财政局关于2027年第2批专项资金拨付的公示",', '"厦门市财政局关于2027年第2批专项资金拨付的公示"', 1)
    assert broken != text
    results = _ingest_file(tmp_path, "目录.json", broken.encode())
    assert [(ref, status) for ref, status, _ in results] == [
        ("目录.json[1]", "new"), ("目录.json[2]", "quarantined"), ("目录.json[3]", "new"), ("目录.json[4]", "new")]
    assert [rid for _, _, rid in results] == ["czj-2027-001", None, "czj-2027-003", "czj-2027-004"]


def test_a_quote_left_open_in_a_pretty_printed_element_with_attachments_still_frees_the_elements_after_it(tmp_path):
    # what 86240a5 fixed stays fixed when the elements hold nested objects of their own
    text = _pretty([_record(1), _record(2), _record(3), _record(4)])
    broken = text.replace('"厦门市财政局关于2027年第2批专项资金拨付的公示"', '"厦门市财政局关于2027年第2批专项资金拨付的公示', 1)
    results = _ingest_file(tmp_path, "目录.json", broken.encode())
    assert [(status, rid) for _, status, rid in results] == [
        ("new", "czj-2027-001"), ("quarantined", None), ("new", "czj-2027-003"), ("new", "czj-2027-004")]
