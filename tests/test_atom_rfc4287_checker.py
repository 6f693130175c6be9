"""The RFC 4287 checker of the tests (tests/atom_rfc4287.py) finds what it says it checks: a feed keeping every rule
gives nothing, and each feed below breaking one rule of the RFC is named by that rule's section. Hand-written
documents, as other feeds in the wild get them wrong (two alternates, a lower-case z, a relative id, no author)."""

from __future__ import annotations

import pytest

from tests.atom_rfc4287 import is_date_time, is_iri, problems

GOOD = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:at="http://purl.org/atompub/tombstones/1.0" xml:lang="zh-CN">
  <id>tag:gongkai.example,2024:/feeds/notices/lost.atom</id>
  <title>遗失声明</title>
  <updated>2026-12-05T08:00:00Z</updated>
  <author><name>厦门日报</name></author>
  <link rel="self" type="application/atom+xml" href="https://gongkai.example/feeds/notices/lost.atom"/>
  <link rel="next" href="https://gongkai.example/feeds/notices/lost.atom?before=x"/>
  {entry}
  <at:deleted-entry ref="tag:gongkai.example,2024:record/9" when="2026-12-04T10:00:00+08:00"/>
</feed>"""
ENTRY = """<entry>
    <id>tag:gongkai.example,2024:record/1</id>
    <title type="html">遗失声明 &lt;b&gt;某某商行&lt;/b&gt;</title>
    <updated>2026-12-05T08:00:00.125+08:00</updated>
    <link rel="alternate" type="text/html" href="https://gongkai.example/documents/1"/>
    <link rel="related" href="http://www.xmnn.cn/%E5%85%AC%E5%91%8A"/>
    <category term="lost" label="遗失声明"/>
    <summary>厦门市思明区某某商行遗失营业执照正本，声明作废。</summary>
  </entry>"""


def feed(entry: str = ENTRY) -> bytes:
    return GOOD.replace("{entry}", entry).encode("utf-8")


def test_a_feed_keeping_every_rule_has_no_problem():
    assert problems(feed()) == []
    assert problems(feed(ENTRY + ENTRY.replace("08:00:00.125", "09:00:00"))) == []  # one id twice, updated apart


@pytest.mark.parametrize(("document", "section"), [
    (feed(ENTRY.replace('<link rel="alternate" type="text/html"', '<link rel="alternate" type="text/html" href="/x"/><link rel="alternate" type="text/html"')), "§4.1: entry 1"),
    (feed(ENTRY.replace('<link rel="alternate" type="text/html" href="https://gongkai.example/documents/1"/>', "")), "§4.1.2: entry 1 (tag:gongkai.example,2024:record/1) has no atom:content and no alternate link"),
    (feed(ENTRY.replace("2026-12-05T08:00:00.125+08:00", "2026-12-05t08:00:00z")), "§3.3"),
    (feed(ENTRY.replace("2026-12-05T08:00:00.125+08:00", "2026-02-30T08:00:00Z")), "§3.3"),
    (feed(ENTRY.replace("2026-12-05T08:00:00.125+08:00", "Sat, 05 Dec 2026 08:00:00 GMT")), "§3.3"),
    (feed(ENTRY.replace("tag:gongkai.example,2024:record/1", "/documents/1")), "§4.2.6"),
    (feed(ENTRY.replace("tag:gongkai.example,2024:record/1", "tag:gongkai.example,2024:record/a b")), "§4.2.6"),
    (feed().replace(b"<author><name>\xe5\x8e\xa6\xe9\x97\xa8\xe6\x97\xa5\xe6\x8a\xa5</name></author>", b""), "§4.1.1: the feed has no atom:author"),
    (feed(ENTRY.replace("<summary>", '<summary type="text"><b>x</b>')), "§3.1"),
    (feed(ENTRY.replace("<summary>", '<summary type="markdown">')), "§3.1.1"),
    (feed(ENTRY.replace("<title type=\"html\">", '<title type="xhtml">')), "§3.1.1.3"),
    (feed(ENTRY.replace("</entry>", "<title>again</title></entry>")), "atom:title (exactly one)"),
    (feed(ENTRY.replace("</entry>", '<content src="https://gongkai.example/1.pdf" type="application/pdf"/></entry>').replace("<summary>厦门市思明区某某商行遗失营业执照正本，声明作废。</summary>", "")), "no atom:summary"),
    (feed(ENTRY.replace("</entry>", '<content type="multipart/mixed">x</content></entry>')), "§4.1.3.1"),
    (feed(ENTRY.replace('<category term="lost"', '<category')), "§4.2.2.1"),
    (feed(ENTRY.replace('<link rel="related"', '<link rel="related" length="12kB"')), "§4.2.7.6"),
    (feed(ENTRY.replace('<link rel="related"', '<link rel="related" hreflang="zh_CN"')), "§4.2.7.4"),
    (feed(ENTRY.replace('<link rel="related"', '<link rel="related" type="html"')), "§4.2.7.3"),
    (feed(ENTRY.replace('<link rel="related" href="http://www.xmnn.cn/%E5%85%AC%E5%91%8A"', '<link rel="related" href="http://www.xmnn.cn/公告 1.htm"')), "§4.2.7.1"),
    (feed(ENTRY.replace("</entry>", "<author><uri>x</uri></author></entry>")), "§3.2.1"),
    (feed(ENTRY.replace("</entry>", "<author><name>a</name><email>厦门日报</email></author></entry>")), "§3.2.3"),
    (feed(ENTRY.replace("</entry>", "<modified>2026-12-05T08:00:00Z</modified></entry>")), "§6.2"),
    (feed(ENTRY + ENTRY), "(SHOULD): 2 entries"),
    (feed().replace(b'<link rel="self" type="application/atom+xml" href="https://gongkai.example/feeds/notices/lost.atom"/>', b""), "rel=\"self\""),
    (feed().replace(b"<updated>2026-12-05T08:00:00Z</updated>", b"", 1), "the feed has 0 atom:updated"),
    (feed().replace(b"</title>", b"</title><subtitle>a</subtitle><subtitle>b</subtitle>", 1), "atom:subtitle (at most one)"),
    (b"<rss version='2.0'/>", "§4.1.1: the root"),
])
def test_each_broken_rule_is_named(document, section):
    found = problems(document)
    assert any(section in problem for problem in found), found


def test_iri_and_date_time_alone():
    assert is_iri("tag:gongkai.localhost,2024:record/厦门", absolute=True) and is_iri("urn:uuid:1", absolute=True)
    assert not is_iri("record/1", absolute=True) and not is_iri("http://x/%zz", absolute=False) and not is_iri("", absolute=True)
    assert is_date_time("2026-12-31T23:59:60Z") and not is_date_time("2026-12-31T24:00:00Z") and not is_date_time("2026-12-31")
