"""A search page past the last one says so and links back, over a real socket (probe, 2026-12-05).

/search?q=停电&page=999 on the demo data said 共 26 条结果 and, below, 没有找到“停电”的相关结果 with the
spelling hints of a search that found nothing.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx

from tests.support import sample_records, served_engine
from tests.test_web_pages import parse


def test_a_page_past_the_last_says_how_many_pages_there_are_and_links_back(tmp_path):
    with served_engine(tmp_path / "data", sample_records()) as (_engine, base_url), httpx.Client(base_url=base_url, timeout=10) as client:
        first = client.get("/api/search", params={"q": "停电", "page_size": 10}).json()
        assert first["total"] > 10
        last = first["pages"]
        response = client.get("/search", params={"q": "停电", "page": 999})
        assert response.status_code == 200
        html = response.text
        assert "没有找到" not in html and "检查错别字" not in html
        assert f"第 999 页没有结果：共 {first['total']} 条结果，{last} 页。" in html
        links = {text: href for href, text in parse(html).links}
        assert parse_qs(urlsplit(links["回到第 1 页"]).query).get("page", ["1"]) == ["1"]
        assert parse_qs(urlsplit(links[f"最后一页（第 {last} 页）"]).query) == {"q": ["停电"], "page": [str(last)]}
        # the last page itself still lists hits, and a search that finds nothing still gives the hints
        assert "第 999 页" not in client.get(links[f"最后一页（第 {last} 页）"]).text
        assert "检查错别字" in client.get("/search", params={"q": "医保报销"}).text
