"""Site definitions: the shipped ones load, bad ones fail with the file and the key named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.crawlers.fixture_server import fixture_sites_dir
from gongkai.crawlers.sitedef import (
    BUILTIN_SITES_DIR,
    DisclosureSite,
    NewspaperSite,
    SiteDefinitionError,
    load_site_file,
    load_sites,
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_definitions_load():
    sites = load_sites()
    assert {"xm-fgw", "xmrb"} <= set(sites)
    fgw = sites["xm-fgw"]
    assert isinstance(fgw, DisclosureSite)
    assert fgw.absolute_start_urls == ["https://fgw.xm.gov.cn/xxgk/zfxxgk/index.htm"]
    assert fgw.domains(fgw.absolute_start_urls) == ["fgw.xm.gov.cn"]
    assert fgw.source == "site:xm-fgw"
    assert fgw.file.endswith("xm-fgw.toml") and Path(fgw.file).parent == BUILTIN_SITES_DIR
    paper = sites["xmrb"]
    assert isinstance(paper, NewspaperSite)
    assert paper.issue_url_for(date(2024, 5, 6)) == "https://epaper.xmnn.cn/xmrb/html/2024-05/06/node_1.htm"


def test_fixture_definitions_replace_builtin_ones_and_take_base_urls():
    sites = load_sites([fixture_sites_dir()], base_urls={"xm-fgw": "http://127.0.0.1:5555"})
    assert {"xm-fgw", "xm-zrzy", "sm-gov", "xmrb"} <= set(sites)
    assert sites["xm-fgw"].absolute_start_urls == ["http://127.0.0.1:5555/xxgk/zfxxgk/index.htm"]
    assert sites["xm-fgw"].file.endswith("xm-fgw/site.toml")
    assert sites["sm-gov"].label_overrides == {"公开单位": "issuer", "成文时间": "written_date", "公开时间": "publish_date"}
    assert sites["xm-zrzy"].attachment_types == ["pdf", "docx", "doc"]


@pytest.mark.parametrize(
    ("text", "key", "message"),
    [
        ('start_urls = ["/a"]\ndetial_links = "a"\n', "detial_links", "Extra inputs are not permitted"),
        ('start_urls = []\n', "start_urls", "at least 1 item"),
        ('start_urls = ["/a"]\ndetail_url_pattern = "t(\\\\d+"\n', "detail_url_pattern", "not a valid regular expression"),
        ('start_urls = ["/a"]\n[label_overrides]\n"公开单位" = "publisher"\n', "label_overrides", "not a Record field"),
        ('start_urls = ["/a"]\nschedule = "every day"\n', "schedule", "not a cron string"),
        ('start_urls = ["/a"]\nbase_url = "ftp://x.gov.cn"\n', "base_url", "http(s) URL"),
        ('start_urls = ["/a"]\n[politeness]\nconcurrency = 0\n', "politeness.concurrency", "greater than or equal to 1"),
        ('kind = "newspaper"\nissue_url = "/{day}"\npage_links = "a"\narticle_links = "a"\n', "issue_url", "{date:...}"),
        ('kind = "radio"\nstart_urls = ["/a"]\n', "kind", "'disclosure' or 'newspaper'"),
    ],
)
def test_a_bad_definition_names_the_file_and_the_key(tmp_path, text, key, message):
    path = write(tmp_path, "xm-bad.toml", text)
    with pytest.raises(SiteDefinitionError) as caught:
        load_site_file(path)
    assert str(path) in str(caught.value)
    assert f"key '{key}'" in str(caught.value)
    assert message in str(caught.value)


def test_toml_syntax_error_names_the_file(tmp_path):
    write(tmp_path, "broken.toml", 'start_urls = ["/a"\n')
    with pytest.raises(SiteDefinitionError, match=r"broken\.toml: not valid TOML"):
        load_sites([tmp_path])


def test_bad_site_name_and_missing_folder(tmp_path):
    path = write(tmp_path, "Bad Name.toml", 'start_urls = ["/a"]\n')
    with pytest.raises(SiteDefinitionError, match="key 'name'"):
        load_site_file(path)
    with pytest.raises(SiteDefinitionError, match="no such folder"):
        load_sites([tmp_path / "missing"])


def test_relative_start_url_needs_a_base_url(tmp_path):
    site = load_site_file(write(tmp_path, "xm-rel.toml", 'start_urls = ["/list.htm"]\n'))
    with pytest.raises(SiteDefinitionError, match="needs base_url"):
        _ = site.absolute_start_urls


def test_a_new_site_is_a_file_not_code(tmp_path):
    write(tmp_path, "xm-jyj.toml", """
title = "厦门市教育局 信息公开"
start_urls = ["https://edu.xm.gov.cn/xxgk/index.htm"]
detail_links = "div.list a"
next_page = "a.next"
[label_overrides]
"公开责任部门" = "issuer"
""")
    site = load_sites([tmp_path])["xm-jyj"]
    assert site.name == "xm-jyj" and site.label_overrides == {"公开责任部门": "issuer"}
    assert site.attachment_types == ["pdf", "docx"] and site.politeness.concurrency == 2
