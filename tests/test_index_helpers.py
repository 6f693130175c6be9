"""Real records for the index tests (read from ../shared/corpus, never copied), and tests that the
Python-side tokenizer (used by the query parser and snippets) agrees with the one tantivy indexes with."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from gongkai.indexer.analysis import analyzer, bigram_text, index_text, positioned_tokens, query_tokens
from gongkai.record import Record
from gongkai.settings import IndexSettings, SearchSettings
from gongkai.textnorm import fold

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _jsonl(relative: str) -> list[dict]:
    path = CORPUS / relative
    if not path.is_file():
        pytest.fail(f"the shared corpus is missing: expected {path}")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def govcn_records() -> list[Record]:
    """The 40 国务院 policy documents (long titles, 文号, 索引号, topics)."""
    return [
        Record(
            id=raw["id"],
            title=raw["title"],
            doc_number=raw["doc_no"],
            index_number=raw["index_no"],
            issuer=raw["issuer"],
            topic=raw["topic_category"],
            keywords=raw.get("keywords") or [],
            written_date=raw["written_date"],
            publish_date=raw["publish_date"],
            body=raw["body_text"],
            url=raw["source_url"],
        )
        for raw in _jsonl("govcn_state_council_policies/records.jsonl")
    ]


def notice_records() -> list[Record]:
    """The 7 real public notices, one of them in Traditional characters (web-notice-008)."""
    records = []
    for raw in _jsonl("web_page_excerpts/public_notices.jsonl"):
        first_line = next(line for line in raw["text"].split("\n") if line.strip())
        outage = raw["category"] in ("停电通知", "停水通知")
        records.append(
            Record(
                id=raw["id"],
                kind="notice",
                notice_type="outage" if outage else "other",
                title=f"{raw['category']} {first_line[:40]}",
                body=raw["text"],
                url=raw["source_url"],
            )
        )
    return records


def beijing_records() -> list[Record]:
    """70 通知公告 of 北京市中医管理局 (some without body text)."""
    return [
        Record(
            id=raw["id"],
            kind="notice",
            notice_type="other",
            title=raw["title"],
            issuer=(raw.get("publisher") or "北京市中医管理局").strip(),
            publish_date=raw["publish_date"],
            body=raw.get("article_text") or "",
            url=raw["source_url"],
        )
        for raw in _jsonl("beijing_tcm_bureau_notices/records.jsonl")
    ]


def xiamen_records() -> list[Record]:
    """Records made for identifier and ranking tests (Xiamen-style, 厦府〔2014〕12号)."""
    return [
        Record(
            id="xm-doc-12",
            title="厦门市人民政府关于加强城市道路停车管理的通知",
            doc_number="厦府〔2014〕12号",
            index_number="XM00100-0200-2014-00012",
            issuer="厦门市人民政府",
            topic="城乡建设",
            publish_date=date(2014, 5, 6),
            body="各区人民政府，市直各委、办、局：为加强城市道路停车管理，现通知如下。",
            url="http://www.xm.gov.cn/zwgk/flfg/sfwj/201405/t20140506_1.htm",
        ),
        Record(
            id="xm-mention-12",
            title="厦门市交通运输局关于贯彻落实有关文件的通知",
            issuer="厦门市交通运输局",
            publish_date=date(2014, 7, 1),
            body="根据《厦门市人民政府关于加强城市道路停车管理的通知》（厦府〔2014〕12号）精神，结合我局实际，通知如下。"
            "停车设施建设要统筹规划。停车设施应当与主体工程同步设计。停车设施的运营管理按照有关规定执行。",
            url="http://jtj.xm.gov.cn/zwgk/201407/t20140701_2.htm",
        ),
        Record(
            id="xm-parking-title",
            title="厦门市建设项目停车设施配建标准（2020版）",
            issuer="厦门市自然资源和规划局",
            publish_date=date(2020, 9, 1),
            body="第一条 为规范本市建设项目配建要求，根据有关法律法规，结合本市实际，制定本标准。",
            url="http://zygh.xm.gov.cn/zwgk/202009/t20200901_3.htm",
        ),
        Record(
            id="xm-script",
            kind="notice",
            notice_type="lost",
            title="遗失声明",
            body='厦门某某贸易有限公司遗失公章一枚，声明作废。<script>alert("x")</script> & 其他',
            publish_date=date(2025, 3, 3),
            url="http://epaper.xmnn.cn/xmrb/20250303/lost-1.html",
        ),
        Record(
            id="xm-pairs-apart",
            kind="notice",
            notice_type="business_tax",
            title="关于调整办事大厅营业时间的公告",
            # 营业, 业执 and 执照 all occur, 营业执照 does not: the pairs alone would be a false match.
            body="即日起调整营业时间。各窗口按业执行新标准。驾驶执照业务照常办理。",
            publish_date=date(2024, 6, 1),
            url="http://www.xm.gov.cn/zwgk/tzgg/202406/t20240601_5.htm",
        ),
    ]


def all_records() -> list[Record]:
    return govcn_records() + notice_records() + beijing_records() + xiamen_records()


def searchable_text(record: Record) -> str:
    """What the text fields of the index hold for a record (folded), to compute expected answers."""
    parts = [record.title, record.summary, " ".join(record.keywords), record.issuer, record.doc_number,
             record.index_number, record.body]
    return "\n".join(fold(part) for part in parts)


def default_settings() -> tuple[IndexSettings, SearchSettings]:
    return IndexSettings(writer_heap_mb=32, writer_threads=1), SearchSettings()


def test_corpus_records_load() -> None:
    records = all_records()
    assert len(records) == 40 + 7 + 70 + 5
    assert len({r.id for r in records}) == len(records)
    assert any("廈門" in r.body for r in records)  # the Traditional-character notice is there


def test_python_tokens_agree_with_tantivy_tokens_on_the_corpus() -> None:
    # The query parser and snippets tokenize in Python; the index tokenizes in tantivy. Terms AND
    # positions (the punctuation gaps) must agree, or phrase queries would miss.
    for record in all_records():
        text = record.title + "\n" + record.body
        tantivy_tokens = analyzer().pre_tokenize(index_text(text)).tokens
        assert tantivy_tokens, record.id
        first = tantivy_tokens[0].position
        assert positioned_tokens(text) == [(t.position - first, t.text) for t in tantivy_tokens], record.id


def _bigram_text_by_definition(parts: list[str]) -> str:
    """bigram_text as its docstring defines it, the slow plain way: spaces out, each other non-Han run one mark."""
    joined = "|".join(part for part in parts if part).replace(" ", "")
    return re.sub(r"[0-9a-z|]+", "|", joined)


def test_bigram_text_is_its_definition_on_the_corpus_and_edge_cases() -> None:
    # bigram_text works on UTF-8 bytes for speed (ingest cost, issue 17): the pairs field must hold the same text.
    edge = ["", "abc", "a b|c", "停电 a1 | 2 停", "|", "||x", "ab\n停", "停\t电", "𠀀停𠀁 😀 停", "２０１４年Ｘ号", "\udcff停"]
    texts = [index_text(record.title + "\n" + record.body) for record in all_records()] + [index_text(e) for e in edge]
    for text in texts:
        assert bigram_text([text]) == _bigram_text_by_definition([text]), text[:40]
        assert bigram_text([text, "", "x9"]) == _bigram_text_by_definition([text, "", "x9"])
    assert bigram_text([index_text("厦府〔2014〕12号 停电")]) == "厦府|号停电"  # whitespace is no gap


def test_tokens_are_single_han_characters_and_ascii_runs() -> None:
    assert query_tokens("厦府〔２０１４〕12号 COVID-19 停電") == ["厦", "府", "2014", "12", "号", "covid", "19", "停", "电"]


def test_the_payload_cut_from_the_records_json_is_encode_payloads():
    """The JSON Lines worker serialises a record once (store.codec.record_json) and cuts the index payload from
    it: byte for byte what encode_payload writes, for real records and for values that spell the keys it cuts at."""
    from gongkai.indexer.schema import encode_payload, payload_from_record_json
    from gongkai.store.codec import data_head, record_json, record_to_data

    tricky = [
        Record(title='a,"keywords":"b', summary=',"publish_date":', issuer="\\", keywords=[',"source":', '"'],
               url='x\\"', attachments=[{"name": ',"notice":'}], publish_date="2024-05-08"),
        Record(title="停电", kind="notice", notice_type="outage", body='引号"与,"source":,"notice":', source=',"url":',
               notice={"reason": ',"notice":"x"', "events": [{"text": "8:00", "areas": [{"name": "湖滨南路", "text": ',"keywords":'}]}]}),
        Record(title="无日期", ocr="unavailable"),
    ]
    records = [*all_records(), *tricky]
    for record in records:
        own = record_json(record)
        assert payload_from_record_json(own) == encode_payload(record)
        stamp = {"content_hash": record.content_hash, "version": 3, "first_seen": datetime(2024, 1, 1, 8), "last_seen": datetime(2024, 1, 2, 9),
                 "withdrawn": False}
        assert record_to_data(record, head=data_head(own), **stamp) == record_to_data(record, **stamp)


def test_a_payload_is_decoded_alike_whether_orjson_reads_it_or_not() -> None:
    """decode_payload reads payloads with orjson (2x json's speed; a search decodes some 60); a payload orjson refuses
    (a lone surrogate json.dumps wrote as an escape) is read by json, to the same values."""
    from gongkai.indexer.schema import decode_payload

    plain = decode_payload('{"id":"a","title":"厦门市通知","publish_date":"2024-05-01"}'.encode())
    assert plain["title"] == "厦门市通知" and plain["publish_date"].isoformat() == "2024-05-01" and plain["validity"] == "unknown"
    odd = decode_payload(b'{"id":"b","title":"x\\ud800y","publish_date":null,"validity":"effective"}')
    assert odd["title"] == "x\ud800y" and odd["publish_date"] is None and odd["validity"] == "effective"
