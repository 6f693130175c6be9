"""The record type: validation that names the field, normalisation, stable ids, content hashes."""

import pytest
from pydantic import ValidationError

from gongkai.record import Record, describe_validation_error
from tests.conftest import govcn_records


def test_real_records_validate_and_normalise():
    records = [Record.model_validate(raw) for raw in govcn_records()]
    assert len(records) == 40
    first = records[0]
    assert first.doc_number.endswith("号") and "〔" in first.doc_number
    assert first.publish_date is not None and first.written_date is not None
    assert len({r.id for r in records}) == 40  # 索引号-based ids do not collide


def test_id_is_stable_and_comes_from_the_index_number():
    a = Record(title="关于停电的通知", index_number="XM00100-0200-2014-00012", body="一")
    b = Record(title="关于停电的通知（修订）", index_number="ＸＭ00100－0200－2014－00012", body="二")
    assert a.id == b.id  # same 索引号 in another width: same document, a new version
    assert a.content_hash != b.content_hash
    c = Record(title="t", url="http://www.xm.gov.cn/zwgk/a.html")
    d = Record(title="t", url="https://www.xm.gov.cn/zwgk/a.html#top")
    assert c.id == d.id  # http/https and fragments are one document


def test_bookkeeping_does_not_change_the_content_hash():
    a = Record(title="标题", body="正文")
    b = Record(title="标题", body="正文", version=3, withdrawn=True, last_seen="2024-01-01T00:00:00Z")
    assert a.content_hash == b.content_hash


def test_chinese_dates_and_identifier_variants():
    record = Record(title="关于印发方案的通知", written_date="二〇一四年五月六日", publish_date="2014年5月8日", doc_number="厦府（２０１４）12 号")
    assert record.written_date.isoformat() == "2014-05-06"
    assert record.publish_date.isoformat() == "2014-05-08"
    assert record.doc_number == "厦府〔2014〕12号"


def test_errors_name_every_bad_field():
    with pytest.raises(ValidationError) as info:
        Record.model_validate({"title": "", "publish_date": "2014-13-01", "kind": "poster", "colour": "red"})
    message = describe_validation_error(info.value)
    for field in ("title", "publish_date", "kind", "colour"):
        assert field in message


def test_notice_type_rules():
    assert Record(title="停电通知", kind="notice").notice_type == "other"
    with pytest.raises(ValidationError):
        Record(title="通知", kind="disclosure", notice_type="outage")


def test_control_characters_are_removed_from_text_fields():
    record = Record(title="关于\x00停电\x07的通知", body="第一段\x00\n第二段\x1b")
    assert record.title == "关于停电的通知" and record.body == "第一段\n第二段"


def test_current_content_hash_notices_changes_made_after_validation():
    from gongkai.record import compute_content_hash

    record = Record(title="停电通知", kind="notice", notice_type="outage", notice={"events": [{"areas": [{"name": "湖滨南路"}]}]}, keywords=["停电"])
    assert record.current_content_hash() == record.content_hash == compute_content_hash(record)
    copy = record.model_copy(update={"body": "8时至18时"})  # no validation: content_hash is stale
    assert copy.content_hash == record.content_hash
    assert copy.current_content_hash() == compute_content_hash(copy) != record.content_hash
    record.notice.events[0].areas.append(record.notice.events[0].areas[0].model_copy(update={"name": "嘉禾路"}))  # an in-place edit
    assert record.current_content_hash() == compute_content_hash(record) != record.content_hash
    record.keywords.append("检修")
    assert record.current_content_hash() == compute_content_hash(record)


def test_fold_keeps_the_length_and_lower_cases_ascii_even_beside_a_lengthening_character():
    from gongkai.textnorm import fold

    for text in ("廈門ＡＢＣ１２３　停電", "İSTANBUL Ａb"):
        assert len(fold(text)) == len(text)
    assert fold("廈門ＡＢＣ") == "厦门abc"
    assert fold("İSTANBUL") == "İstanbul"  # lower() would lengthen İ: ASCII is lower-cased alone


def test_current_content_hash_notices_changed_attachments():
    from gongkai.record import Attachment, compute_content_hash

    record = Record(title="附件", attachments=[{"name": "a.pdf", "url": "https://x.gov.cn/a.pdf", "size": 10}])
    assert record.current_content_hash() == record.content_hash == compute_content_hash(record)
    record.attachments[0].size = 11  # an in-place edit of an attachment
    assert record.current_content_hash() == compute_content_hash(record) != record.content_hash
    record.attachments[0].size = 10
    assert record.current_content_hash() == record.content_hash
    record.attachments.append(Attachment(name="b.pdf"))
    assert record.current_content_hash() == compute_content_hash(record) != record.content_hash


BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidi_control_characters_are_stripped_from_titles_and_text():
    # A right-to-left override in a title reverses what the page and the feeds show (a spoofing risk):
    # removed where the record's text is cleaned, as NUL is, and not replaced by a space.
    record = Record(title="关于\u202e停电\u202c的通知", issuer="\u2066厦门市财政局\u2069", summary="摘\u200f要",
                    body="第一段\u202d内容\n\n\u2067第二段\u2068\u200e")
    assert record.title == "关于停电的通知" and record.issuer == "厦门市财政局" and record.summary == "摘要"
    assert record.body == "第一段内容\n\n第二段"
    for text in (record.title, record.issuer, record.summary, record.body):
        assert not set(BIDI_CONTROLS) & set(text)
    plain = Record(title="关于停电的通知", issuer="厦门市财政局", summary="摘要", body="第一段内容\n\n第二段")
    assert record.content_hash == plain.content_hash  # the same record as one typed without them
    assert Record(title="a\u200db").title == "a\u200db"  # a zero-width joiner (emoji, Indic scripts) stays


def test_the_clean_body_shortcut_agrees_with_clean_text():
    """Record skips clean_text() for a body it would not change: random texts of the characters that
    matter must never be taken for clean when clean_text() would change them."""
    import random

    from gongkai.record import _UNUSUAL_CHAR, _is_clean_text
    from gongkai.textnorm import clean_text

    whitespace = [chr(code) for code in range(0x110000) if chr(code).isspace()]
    assert all(_UNUSUAL_CHAR.match(char) for char in whitespace if char not in " \n")
    alphabet = [*whitespace, *"停电ab1", "\x00", "\x07", "\x7f", "\u200b", "\ufeff", "\u202e", "\u2066", "\u200f"]
    rng = random.Random(7)
    clean_seen = 0
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) if rng.random() < 0.4 else rng.choice("停电a \n") for _ in range(rng.randint(0, 10)))
        if _is_clean_text(text):
            clean_seen += 1
            assert clean_text(text) == text, repr(text)
        assert Record(title="t", body=text).body == clean_text(text)
    assert clean_seen > 400  # the shortcut is taken, not only refused


def test_the_clean_text_fast_path_never_passes_an_unusual_character():
    """_is_clean_text takes str.isprintable() of the text (line breaks as spaces) for "no unusual character": that
    holds only if isprintable() refuses every character _UNUSUAL_CHAR finds, checked here for each code point (a
    Python whose Unicode tables made one printable would let it through uncleaned). The texts below each hold one
    unusual character (clean_text then runs) in the line-break layouts the fast path and its fallback take."""
    from gongkai.record import _UNUSUAL_CHAR, _is_clean_text
    from gongkai.textnorm import clean_text

    assert not [hex(code) for code in range(0x110000) if _UNUSUAL_CHAR.match(chr(code)) and chr(code).isprintable()]
    for char in ("\t", "\r", "\x0b", "\x85", "\xa0", "\u3000", "\u2028", "\u200b", "\ufeff", "\u202e", "\ufdd0", "\ufffe"):
        for text in (f"停电{char}通知", f"第一段\n停电{char}通知", f"第一段\n\n停电{char}通知"):
            assert not _is_clean_text(text), (repr(char), repr(text))  # clean_text then decides
    for text in ("第一段\n第二段", "第一段\n\n第二段", "a b\nc d", "¡Hola ½ «§»"):  # the fast path and the fallback, clean
        assert _is_clean_text(text) and clean_text(text) == text, repr(text)
    for text in ("a  b", "a \nb", "a\n b", "a\n\n\nb", " a", "a ", "\na", "a\n"):
        assert not _is_clean_text(text) and clean_text(text) != text, repr(text)


def test_the_clean_inline_and_iso_date_shortcuts_agree_with_the_full_functions():
    import random

    from gongkai.dates import parse_date
    from gongkai.record import _is_clean_inline, _iso_date
    from gongkai.textnorm import clean_inline

    rng = random.Random(11)
    alphabet = [*"停电ab1 \n\r\t\u3000\u00a0\u200b\ufeff\x00\x7f\u202a\u2069\u200e", "e\u0301", "\u00e9", "\u212b"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        if _is_clean_inline(text):
            assert clean_inline(text) == text, repr(text)
        assert Record(title="t", issuer=text).issuer == clean_inline(text)
    for text in ("2014-05-06", "1999-12-31", "2014-02-30", "2014-5-06", "1800-01-01", "2014-05-0６", "２014-05-06"):
        fast = _iso_date(text)
        assert fast is None or fast == parse_date(text)
    assert _iso_date("2014-05-06") is not None and _iso_date("2014-02-30") is None
    with pytest.raises(ValidationError, match="not a valid date"):
        Record(title="t", publish_date="2014-02-30")


def test_current_content_hash_tells_equal_values_of_other_json_types_apart():
    from gongkai.record import compute_content_hash

    record = Record(title="注销公告", kind="notice", notice_type="business_tax", notice={"claim_period_days": 45, "company": "某公司"})
    for changed in (45.0, "45"):
        record.notice.claim_period_days = changed  # == 45 for the first, but other JSON (an assignment does not validate)
        assert record.current_content_hash() == compute_content_hash(record) != record.content_hash
    record.notice.claim_period_days = 45
    assert record.current_content_hash() == record.content_hash
    record.notice = record.notice.model_copy()  # another object with the same JSON: computed again, the same hash
    assert record.current_content_hash() == record.content_hash


def test_a_long_outage_body_is_kept_without_reading_its_events_for_minutes():
    # Review s13: reading an outage record's events from its body in validation costs the square of its length (a
    # weekly plan of 1,500 rows: ~50 s in one push request, 16 MB allowed); past the bound it stays as sent, no events.
    import time

    rows = "".join(f"2026年12月{d % 28 + 1}日8:00至17:00，湖里区江头街道台湾街{d}号、吕岭路{d}号部分区域停电。\n" for d in range(1500))
    started = time.process_time()
    record = Record.model_validate({"kind": "notice", "notice_type": "outage", "title": "12月计划停电安排",
                                    "body": "因线路检修，\n" + rows, "publish_date": "2026-11-28"})
    assert time.process_time() - started < 5
    assert record.notice is None and record.body.count("\n") == 1500
    short = Record.model_validate({"kind": "notice", "notice_type": "outage", "title": "停电通知",
                                   "body": "因线路检修，" + rows.splitlines()[0], "publish_date": "2026-11-28"})
    assert short.notice is not None and len(short.notice.events) == 1
