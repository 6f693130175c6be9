"""Issue 19, the ingest cost: statements are read ahead (in the JSON Lines worker), a body without any statement
word skips the regex passes, and records new to the store skip the deletes and the status re-read. None of it
may change what is derived: these tests compare the fast paths with the plain ones on real texts."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest

import gongkai.inputs
import gongkai.jsonl_worker as jsonl_worker
import gongkai.parsers.validity as parser
from gongkai.engine import Engine
from gongkai.record import Record
from gongkai.store.store import Store
from gongkai.validity import read_record
from tests.test_validity_store import _old_and_new, regulation
from tests.validity_truth import CORPUS, cases

NOW = datetime(2024, 6, 1, 4, 0)  # naive UTC: 2024-06-01 in Beijing


def _texts() -> list[tuple[str, str, object]]:
    out = [(c.title, c.body, c.publish_date) for c in cases()]
    with (CORPUS / "beijing_tcm_bureau_notices" / "records.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            body = re.sub(r"<[^>]+>", "\n", raw.get("article_html") or "")
            out.append((raw["title"], body, None))
    # notices as 厦门日报 prints them: nothing in them is a statement
    out += [("遗失声明", "厦门某某贸易有限公司遗失公章一枚，声明作废。", None),
            ("停电通知", "因线路检修，2024年6月3日8:00至17:00思明区部分区域停电，敬请谅解。", None),
            # each holding one statement word only, so that a word left out of the pre-check shows
            ("关于调整收费标准的通知", "本通知自2024年1月1日起执行。", None),
            ("关于调整收费标准的通知", "本通知自2024年1月1日起生效。", None),
            ("关于调整收费标准的通知", "本通知自2024年1月1日起实施。", None),
            ("关于调整收费标准的通知", "本通知自2024年1月1日起\u3000施行。", None),
            ("某某条例", "某某条例\n2015年1月1日施行\n第一条 为了……", None),
            ("关于试点工作的通知", "本通知试行2年。", None),
            # common words that are no statement: 组织实施, 执行中, 停止营业 — read from the title alone
            ("关于开展安全检查的通知", "请各单位认真组织实施。执行中遇到的问题，请及时反映。检查期间停止营业。", None)]
    return out


def _plain_trigger_sentences(text: str) -> list[str]:
    """The definition: split at every sentence end mark, keep (once, in order) each sentence holding a trigger."""
    out, start = [], 0
    for position, char in enumerate(text + "\n"):
        if char in parser._SENTENCE_MARKS or position == len(text):
            piece = text[start:position + 1]
            if parser._TRIGGER_RE.search(piece) and piece.strip():
                out.append(piece.strip())
            start = position + 1
    return out


def test_trigger_sentences_are_the_sentences_that_hold_a_trigger():
    texts = [parser.normalise_text(body) for _, body, _ in _texts()]
    texts += ["《甲》同时废止。", "无标点《甲》", "一。二；《三》！四《五》？六\n废止", "。。《》。", ""]
    for text in texts:
        assert parser._trigger_sentences(text) == _plain_trigger_sentences(text)


def _plain_hits(text: str) -> parser.Hits:
    """The definition of read_statements' one scan: each statement regex alone, over the normalised text."""
    return parser.Hits([m.span() for m in parser._EFFECTIVE_END_RE.finditer(text)],
                       [m.span() for m in parser._PERIOD_ANCHOR_RE.finditer(text)],
                       [m.start() for m in parser._TRIGGER_RE.finditer(text)],
                       # validity3: a suspension's words (暂停, 恢复, 继续执行 …), a group of their own
                       [m.start() for m in re.finditer("|".join(parser._SUSPENSION_SCAN), text)])


def test_the_one_scan_finds_what_each_statement_regex_finds_alone():
    bodies = [body for _, body, _ in _texts()]
    # words that touch or hold each other: a match of one kind must never hide one of another
    bodies += ["起施行《", "停止施行起\u3000施行有效期试行", "起起施行", "不一致《》失效废止以下：", "试行有效期至", "起 \n 生效",
               "２０１５年１月１日起施行", "施行", "停止执行不再执行", "", "无",
               "暂停执行《甲》恢复执行中止执行起继续执行", "暂缓实施起施行《", "继续执行至起施行", "自2024年1月1日起继续施行"]
    for body in bodies:
        text = parser.normalise_text(body)
        plain = _plain_hits(text)
        anything = bool(plain.ends or plain.anchors or plain.triggers or plain.suspensions or parser._HEADER_WORD_RE.search(text))
        # the raw body gives the normalised text's positions (the width normalisation keeps offsets)
        assert parser.scan(body) == (plain if anything else None), body[:40]
    # the header line's word and the list of repeals' word are among the scanned ones
    assert parser._HEADER_WORD_RE.pattern in parser._HEADER_EFFECTIVE_RE.pattern
    assert parser._HEADER_WORD_RE.pattern in parser._SCAN_RE.pattern.split("|")
    assert parser._LIST_REPEAL_RE.pattern.startswith("废止") and "废止" in parser._TRIGGERS


def test_the_one_scan_and_the_pre_check_change_no_reading_of_a_real_text(monkeypatch):
    texts = _texts()
    fast = [parser.read_statements(title, body, day) for title, body, day in texts]
    skipped = sum(1 for _, body, _ in texts if parser.scan(body) is None)
    # every body normalised and read in full, each regex searched alone
    monkeypatch.setattr(parser, "scan", lambda body: _plain_hits(parser.normalise_text(body)))
    full = [parser.read_statements(title, body, day) for title, body, day in texts]
    assert fast == full
    assert skipped >= 3  # the pre-check is exercised (the three notices at least)
    assert sum(1 for st in full if st.any_statement) > 50  # and so is the full reading


def _views(store: Store, ids: list[str]) -> dict[str, dict]:
    out = {}
    for record_id in ids:
        view = store.validity(record_id)
        view["validity"].pop("status_on", None)
        out[record_id] = view
    return out


def _records() -> list[Record]:
    old, new = _old_and_new()
    extra = [
        regulation("人类遗传资源管理条例(2019-05-28).md", "rlyc-2019", "国令第717号"),
        Record(id="cite-1", kind="disclosure", title="关于做好人类遗传资源管理工作的通知", publish_date="2024-01-05",
               body="根据《人类遗传资源管理条例》（国令第717号），现就有关事项通知如下。本通知自印发之日起施行，有效期3年。"),
        Record(id="lost-1", kind="notice", title="遗失声明", publish_date="2024-02-01", body="某某公司遗失公章一枚，声明作废。"),
    ]
    return [new, *extra, old]  # the repealing document first: its edge resolves when the repealed one arrives


def test_reads_made_in_the_worker_derive_what_the_store_derives_alone(tmp_path, settings, monkeypatch):
    records = _records()
    ids = [r.id for r in records]
    alone = Store(f"sqlite:///{tmp_path / 'alone.db'}", tmp_path / "raw-alone")
    for record in records:  # one batch each, read in the store's transaction
        alone.write_batch([record], now=NOW)
    expected = _views(alone, ids)
    alone.close()
    assert expected["yljx-2014"]["validity"]["status"] == "repealed"
    assert expected["cite-1"]["cites"][0]["id"] == "rlyc-2019"

    monkeypatch.setattr(gongkai.inputs, "WORKER_MIN_BYTES", 0)
    monkeypatch.setattr(jsonl_worker, "CHUNK_LINES", 2)
    carried = []
    real = jsonl_worker.iter_jsonl_in_worker

    def counted(*args):
        for item in real(*args):
            carried.append(item.validity is not None and item.validity == read_record(item.record))
            yield item

    monkeypatch.setattr(jsonl_worker, "iter_jsonl_in_worker", counted)
    path = tmp_path / "records.jsonl"
    path.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")
    engine = Engine(settings)
    import gongkai.store.validity as store_validity

    day = store_validity.beijing_day(NOW)
    monkeypatch.setattr(store_validity, "beijing_day", lambda moment=None: day)
    engine.ingest_paths([path])
    assert carried == [True] * len(records)  # every record came with its read, equal to a read made here
    assert _views(engine.store, ids) == expected


def test_a_read_of_another_text_is_not_used(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}", tmp_path / "raw")
    old, new = _old_and_new()
    stale = read_record(old.model_copy(update={"id": new.id}))  # names nothing: 2014's text
    store.write_batch([old, new], now=NOW, validity_reads={new.id: stale})
    assert store.validity(old.id)["validity"]["status"] == "repealed"
    assert store.validity(new.id)["validity"]["repeals"][0]["id"] == old.id


@pytest.mark.parametrize("batches", [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3]])
def test_records_new_and_stored_again_derive_the_same(tmp_path, batches):
    """Fresh ids take the fast path (no delete, status derived before insertion); storing new versions of the
    same records takes the full one. Both end in the same views, whatever the order."""
    records = _records()
    ids = [r.id for r in records]
    store = Store(f"sqlite:///{tmp_path / 's.db'}", tmp_path / "raw")
    for i in batches:
        store.write_batch([records[i]], now=NOW)
    first = _views(store, ids)
    for i in batches:  # every record again, changed: no longer fresh
        store.write_batch([records[i].model_copy(update={"summary": "第二版"})], now=NOW)
    assert _views(store, ids) == first
    store.close()


def test_a_citation_derives_no_status_again_a_repeal_does(tmp_path, monkeypatch):
    """A status depends on incoming repeals and amendments only (store/validity.STATUS_KINDS): a batch whose
    documents cite a law already held leaves that law out of the statuses derived again (the ingest cost of
    a law cited by thousands); a batch that repeals it derives it again and repeals it."""
    import gongkai.store.validity as store_validity

    derived: list[list[str]] = []
    real = store_validity.recompute_statuses

    def counted(conn, today, ids=None, now=None):
        derived.append(list(ids or []))
        return real(conn, today, ids, now)

    monkeypatch.setattr(store_validity, "recompute_statuses", counted)
    store = Store(f"sqlite:///{tmp_path / 's.db'}", tmp_path / "raw")
    law = Record(id="law", title="厦门市城市道路管理办法", doc_number="厦府〔2010〕12号", publish_date=date(2010, 2, 1),
                 body="本办法自2010年3月1日起施行。")
    store.write_batch([law], now=NOW)
    citing = [Record(id=f"c{n}", title=f"关于道路占用审批的通知{n}", publish_date=date(2020, 1, n + 1),
                     body="根据《厦门市城市道路管理办法》（厦府〔2010〕12号），现将有关事项通知如下。") for n in range(3)]
    derived.clear()
    store.write_batch(citing, now=NOW)
    assert all("law" not in ids for ids in derived), derived
    assert store.validity("law")["cited_by_total"] == 3 and store.validity("law")["validity"]["status"] == "in_force"
    repealing = Record(id="new", title="厦门市城市道路管理办法", doc_number="厦府〔2024〕3号", publish_date=date(2024, 3, 20),
                       body="本办法自2024年4月1日起施行。《厦门市城市道路管理办法》（厦府〔2010〕12号）同时废止。")
    derived.clear()
    store.write_batch([repealing], now=NOW)
    assert any("law" in ids for ids in derived)
    assert store.validity("law")["validity"]["status"] == "repealed"
    store.close()
