"""gongkai.xml_safety, the one rule for a feed's XML from outside (clients11, session 21), on inputs beside the held-out
round's (tests/test_clients_heldout15.py runs both doors): the encodings expat reads natively or recoded, unparsed entities,
XInclude's older namespace, and entity references a DOCTYPE leaves undeclared (harmless: nothing is expanded)."""

from __future__ import annotations

import httpx
import pytest

from gongkai.xml_safety import unsafe_xml_reason

RSS = '<rss version="2.0"><channel><title>{title}</title><item><title>集美区关于开展冬季消防安全检查的通知</title></item></channel></rss>'


def _feed(prolog: str = "", title: str = "集美区人民政府", declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> str:
    return f"{declaration}\n{prolog}\n{RSS.format(title=title)}"


REFUSED = {
    "utf-16 billion laughs": _feed('<!DOCTYPE rss [<!ENTITY a "哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>', "&b;",
                                   '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16"),
    "unparsed entity with a notation": _feed('<!DOCTYPE rss [<!NOTATION gif SYSTEM "image/gif">'
                                             '<!ENTITY logo SYSTEM "http://127.0.0.1:9/logo.gif" NDATA gif>]>').encode(),
    "XInclude's 2003 namespace": _feed(title='<xi:include xmlns:xi="http://www.w3.org/2003/XInclude" href="/etc/hosts"/>').encode(),
    "GB18030 declared, an external entity": _feed('<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;",
                                                  '<?xml version="1.0" encoding="GB18030"?>').encode("gb18030"),
    "broken, a lower-case declaration": b'<?xml version="1.0"?><!DOCTYPE rss [<!entity x "y">]><rss><channel><title>&x;',
}
READ = {
    "no DOCTYPE": _feed().encode(),
    "an external DTD and &nbsp; it would declare": _feed('<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                                                         '"http://my.netscape.com/publish/formats/rss-0.91.dtd">', "集美区&nbsp;人民政府").encode(),
    "attribute declarations only": _feed('<!DOCTYPE rss [<!ATTLIST rss version CDATA "2.0">]>').encode(),
    "a GBK feed with a comment and a processing instruction": _feed('<!-- 由 Hanweb 生成 --><?xml-stylesheet type="text/xsl" href="rss.xsl"?>',
                                                                     declaration='<?xml version="1.0" encoding="GBK"?>').encode("gbk"),
    "&nbsp; with no DTD (broken, for the lenient reader)": _feed(title="集美区&nbsp;人民政府").encode(),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refused(name):
    reason = unsafe_xml_reason(REFUSED[name])
    assert reason is not None and reason.startswith("unsafe XML refused"), (name, reason)


@pytest.mark.parametrize("name", list(READ))
def test_read(name):
    assert unsafe_xml_reason(READ[name]) is None, name


# ------------------------------------------------------------------ the push: the third door of a feed file, the same rule

AGENCY = "厦门市集美区人民政府办公室"


def _one_item_rss(prolog: str, extra: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}\n<rss version="2.0"><channel><title>{AGENCY}</title>'
            f"<link>http://www.jimei.gov.cn/</link><description>通知公告</description>{extra}<item>"
            "<title>集美区关于开展冬季消防安全检查的通知</title><link>http://www.jimei.gov.cn/xxgk/tzgg/202612/t20261210_1.htm</link>"
            "<description>各街道、各有关单位：现将有关事项通知如下。</description><pubDate>Thu, 10 Dec 2026 09:00:00 +0800</pubDate>"
            "</item></channel></rss>").encode()


@pytest.mark.parametrize(("prolog", "extra", "stored"), [
    ('<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">', "", True),
    ('<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "<copyright>&xxe;</copyright>", False),
], ids=["netscape-doctype", "xxe"])
def test_a_pushed_feed_file_follows_the_rule(tmp_path, prolog, extra, stored):
    from gongkai.feeds.tokens import TokenStore
    from tests.support import served_engine

    with served_engine(tmp_path / "data", []) as (engine, base):
        token, _ = TokenStore(engine.store).create(AGENCY)
        answer = httpx.post(base + "/api/ingest", files={"file": ("rss.xml", _one_item_rss(prolog, extra), "application/rss+xml")},
                            headers={"Authorization": f"Bearer {token}"}, timeout=60)
        titles = [r.title for r in engine.store.iter_records()]
        reasons = [e["reason"] for e in engine.store.quarantine_list(None, limit=10)]
    if stored:
        assert answer.status_code == 201 and titles == ["集美区关于开展冬季消防安全检查的通知"], answer.text
    else:
        assert answer.status_code == 422 and titles == [] and len(reasons) == 1 and "unsafe XML" in reasons[0], (answer.text, reasons)
