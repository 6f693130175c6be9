"""Notice fields are typed (gongkai/notices.py): every ingest path refuses a key no model has, and every
field has a Chinese label on the detail page."""

from __future__ import annotations

import json

from gongkai.notices import NOTICE_MODELS
from gongkai.record import NOTICE_TYPES
from gongkai.web.labels import NOTICE_FIELD_LABELS, NOTICE_FIELDS_NOT_ROWS


def test_every_field_of_every_notice_model_has_a_chinese_label() -> None:
    assert set(NOTICE_MODELS) == set(NOTICE_TYPES)
    for name, model in NOTICE_MODELS.items():
        for field in model.model_fields:
            if field in NOTICE_FIELDS_NOT_ROWS and field != "events":
                continue
            label = NOTICE_FIELD_LABELS.get(field, "")
            assert label and all("\u4e00" <= ch <= "\u9fff" or ch in "/（）" for ch in label), (name, field, label)


def test_a_json_lines_notice_with_a_key_no_model_has_is_quarantined_naming_it(tmp_path) -> None:
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    good = {"title": "停水通知", "kind": "notice", "notice_type": "outage", "body": "湖滨南路停水",
            "notice": {"utility": "water", "events": [{"start": "2024-05-06T08:00", "end": "2024-05-06T17:00", "areas": [{"name": "湖滨南路"}]}]}}
    typo = {**good, "title": "另一条", "notice": {"utility": "water", "evnets": []}}
    wrong_type = {**good, "title": "第三条", "notice": {"type": "lost", "holder": "张三"}}
    path = tmp_path / "notices.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (good, typo, wrong_type)), encoding="utf-8")
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        results = []
        engine.ingest_paths([path], on_item=results.append)
        assert [r.status for r in results] == ["new", "quarantined", "quarantined"]
        assert "evnets" in results[1].error and "notice" in results[1].error
        assert "does not match" in results[2].error
        stored = engine.get(results[0].id)
        assert stored.notice.events[0].areas[0].name == "湖滨南路" and stored.notice.type == "outage"
    finally:
        engine.close()
