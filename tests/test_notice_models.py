"""Notice fields are typed (gongkai/notices.py): every ingest path refuses a key no model has, and every
field has a Chinese label on the detail page."""

from __future__ import annotations

import json
from pathlib import Path

from gongkai.labels import NOTICE_FIELD_LABELS, NOTICE_FIELDS_NOT_ROWS
from gongkai.notices import NOTICE_MODELS
from gongkai.record import NOTICE_TYPES

REPO = Path(__file__).resolve().parents[1]


def test_every_field_of_every_notice_model_has_a_chinese_label() -> None:
    assert set(NOTICE_MODELS) == set(NOTICE_TYPES)
    for name, model in NOTICE_MODELS.items():
        for field in model.model_fields:
            if field in NOTICE_FIELDS_NOT_ROWS and field != "events":
                continue
            label = NOTICE_FIELD_LABELS.get(field, "")
            assert label and all("\u4e00" <= ch <= "\u9fff" or ch in "/（）" for ch in label), (name, field, label)


def _chinese(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" or ch in "/（）" for ch in text)


def test_a_notice_type_is_declared_once_with_its_model() -> None:
    # A notice type is its model in gongkai/notices.py, registered with @notice_type (README: What a change
    # touches); every other list is derived from the registry, and these hold the declarations complete.
    import re

    from gongkai.labels import NOTICE_TYPE_LABELS
    from gongkai.notices import notice_submodels
    from gongkai.parsers.notices.classify import rules

    assert tuple(NOTICE_MODELS) == tuple(NOTICE_TYPES) and list(NOTICE_MODELS)[-1] == "other"
    for name, model in NOTICE_MODELS.items():
        assert model.model_fields["type"].default == name
        assert _chinese(model.type_label) and NOTICE_TYPE_LABELS[name] == model.type_label
        assert model.example, f"{name}: declare a printed example"
        for rule in (model.title_rule, model.body_rule):
            re.compile(rule)
    for model in notice_submodels():
        for field_name, field in model.model_fields.items():
            assert field_name == "type" or _chinese(field.title or ""), (model.__name__, field_name, field.title)
    # Every type but the fallback has a rule, tried in the order the types are registered.
    assert [name for name, _, _ in rules()] == [name for name in NOTICE_MODELS if name != "other"]


def test_each_declared_example_is_parsed_back_into_its_type() -> None:
    # The example on each model is a printed notice: the real column parser (split, classify, read the fields)
    # makes one record of that type from it, with the fields the example prints.
    from gongkai.parsers import Capture
    from gongkai.parsers.notices import parse_notice_column
    from gongkai.settings import ParserSettings

    for name, model in NOTICE_MODELS.items():
        capture = Capture(data=model.example.encode("utf-8"), source="xmrb", filename=f"{name}.txt")
        records = parse_notice_column(capture, ParserSettings())
        assert [r.notice_type for r in records] == [name], (name, [r.title for r in records])
        assert isinstance(records[0].notice, model)
        filled = records[0].notice.model_dump(exclude_defaults=True, exclude={"type"})
        assert filled, f"{name}: the example fills no field"


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


def test_records_stored_before_the_models_are_still_read(tmp_path) -> None:
    """Rows written by earlier releases (the old demo's lost/traffic/outage notices, as stored then) read
    as the models: the store upgrades them on read; the current and the version history both."""
    import sqlite3

    from gongkai.engine import Engine
    from gongkai.record import Record
    from gongkai.settings import load_settings

    old_lines = (REPO / "tests" / "fixtures" / "outages" / "stored_before_models.jsonl").read_text(encoding="utf-8").splitlines()
    old = [json.loads(line) for line in old_lines]
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        # Stored as they are today, then their JSON replaced by the old text, as an old release left it.
        current = [Record.model_validate(upgraded(r)) for r in old]
        engine.ingest_records(current)
        with sqlite3.connect(tmp_path / "data" / "gongkai.sqlite3") as db:
            for line, record in zip(old_lines, current):
                db.execute("UPDATE records SET data = ? WHERE id = ?", (line, record.id))
                db.execute("UPDATE record_versions SET data = ? WHERE record_id = ?", (line, record.id))
        lost, traffic, outage = (engine.get(r["id"]) for r in old)
        assert lost.notice.credit_codes == ["913502031B6HB2L87D"] and lost.notice.declared_void
        assert traffic.notice.type == "other" and traffic.body  # the old invented keys were copies of the body
        assert [e.start.isoformat() for e in outage.notice.events] == ["2016-05-29T09:00:00", "2016-05-31T13:00:00"]
        assert engine.versions(outage.id)[0].notice.events[0].areas[0].name == "仙岳路"
    finally:
        engine.close()


def upgraded(raw: dict) -> dict:
    from gongkai.notices import upgrade_stored

    return {**raw, "notice": upgrade_stored(raw["notice_type"], raw["notice"])}
