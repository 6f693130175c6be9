"""A list row on a sibling host of the site's registrable domain is the site's own document (lead, session 21, from
review21b): agencies keep their disclosure documents on another host of their domain (www.x.gov.cn's list leads to
xxgk.x.gov.cn, www.xm.gov.cn's to zfxxgk.xm.gov.cn); crawl8's rule (f3ebf09) skipped them as another host. Another
agency's site (another registrable domain under gov.cn) stays skipped; IPs and single labels are only themselves."""

from __future__ import annotations

import pytest

from gongkai.crawlers.spider_base import GongkaiSpider


class _Site(GongkaiSpider):
    name = "sibling_hosts_probe"


def spider_for(*domains: str) -> GongkaiSpider:
    spider = object.__new__(_Site)  # only the host rule is asked: no crawl settings needed
    spider.allowed_domains = list(domains)
    return spider


@pytest.mark.parametrize(("domains", "url", "on_site"), [
    (("www.x.gov.cn",), "http://xxgk.x.gov.cn/zfxxgk/2026/t1.html", True),
    (("www.xm.gov.cn",), "https://zfxxgk.xm.gov.cn/xxgkml/202612/t20261201_1.htm", True),
    (("www.x.gov.cn",), "http://www.x.gov.cn/a.html", True),
    (("x.gov.cn",), "http://a.b.x.gov.cn/a.html", True),
    (("www.fjnj.gov.cn",), "http://jyt.fujian.gov.cn/xxgk/1.htm", False),  # another agency (crawl8's case)
    (("www.fjnj.gov.cn",), "http://www.gov.cn/zhengce/1.htm", False),
    (("127.0.0.1",), "http://localhost:8000/a.html", False),
    (("localhost",), "http://127.0.0.1/a.html", False),
    ((), "http://anything.example/a.html", True),  # no domains: every host
])
def test_a_sibling_host_of_the_sites_domain_is_on_the_site(domains, url, on_site) -> None:
    assert spider_for(*domains)._on_site(url) is on_site
