"""Held-out documents of session 20 (fields14), written with their expectations before the parsers read them.

Round 1: disclosure pages of provinces' and ministries' CMSs not measured before (北京's [名称] list, 江苏's 分类 table, 山东's
spans with a 文号 in square brackets, 河南's GB2312 table with 公开日期, 湖北's <strong> labels, 湖南's <th> cells, 云南's
函 whose 文号 in round brackets is printed only in the body above a cited 请示's number, 新疆's signature dated in Chinese
numerals, 财政部 and 人社部's joint bodies, 自然资源部's 生成日期, 海关总署's 公告 numbered within its year, 辽宁's GB18030
信息名称 card). Pages: tests/fixtures/heldout20/fields14/.

Every expectation is what a person reads on the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.parsers import Capture, parse
from gongkai.settings import load_settings

HERE = Path(__file__).parent / "fixtures" / "heldout20" / "fields14"

# --- round 1: pages ---------------------------------------------------------------------------------------------------

# file -> (its URL, the fields a person reads on it)
PAGES: dict[str, tuple[str, dict[str, str]]] = {
    "a01_beijing_ol_li_span_mingcheng.html": (
        "https://www.beijing.gov.cn/zhengce/zhengcefagui/202405/t20240528_3695123.html",
        {
            "title": "北京市人民政府办公厅关于进一步加强老旧小区综合整治工作的实施意见",
            "doc_number": "京政办发〔2024〕15号",
            "issuer": "北京市人民政府办公厅",
            "written_date": "2024-05-20",
            "publish_date": "2024-05-28",
            "topic": "城乡建设、环境保护/城市规划",
        },
    ),
    "a02_jiangsu_xxgk_table_fenlei.html": (
        "http://www.jiangsu.gov.cn/art/2024/4/30/art_46144_11234567.html",
        {
            "title": "省政府办公厅关于印发江苏省推进数字贸易高质量发展行动方案的通知",
            "doc_number": "苏政办发〔2024〕19号",
            "index_number": "014000319/2024-00085",
            "issuer": "江苏省人民政府办公厅",
            "written_date": "2024-04-25",
            "publish_date": "2024-04-30",
            "topic": "商贸、海关、旅游\\通知",
        },
    ),
    "a03_shandong_square_brackets_number.html": (
        "http://www.shandong.gov.cn/art/2024/7/15/art_107851_128765.html",
        {
            "title": "山东省人民政府办公厅关于加快推进新型储能高质量发展的若干措施",
            "doc_number": "鲁政办字〔2024〕88号",
            "index_number": "11370000004609325A/2024-00217",
            "issuer": "山东省人民政府办公厅",
            "written_date": "2024-07-08",
            "publish_date": "2024-07-15",
            "topic": "工业、交通/能源",
        },
    ),
    "a04_henan_gb2312_table_gongkai_riqi.html": (
        "https://www.henan.gov.cn/2024/06-11/2987654.html",
        {
            "title": "河南省人民政府关于公布第二批省级文物保护单位名单的通知",
            "doc_number": "豫政〔2024〕21号",
            "index_number": "11410000005184863J/2024-00312",
            "issuer": "河南省人民政府",
            "written_date": "2024-06-03",
            "publish_date": "2024-06-11",
            "topic": "文化、广电、新闻出版",
        },
    ),
    "a05_hubei_spans_in_one_div.html": (
        "https://www.hubei.gov.cn/zfwj/ezbf/202405/t20240516_5198765.shtml",
        {
            "title": "省人民政府办公厅关于印发湖北省支持文旅产业发展若干措施的通知",
            "doc_number": "鄂政办发〔2024〕20号",
            "index_number": "011043199/2024-09876",
            "issuer": "湖北省人民政府办公厅",
            "written_date": "2024-05-09",
            "publish_date": "2024-05-16",
            "topic": "文化、广电、新闻出版\\其他",
        },
    ),
    "a06_hunan_th_labels_youxiaoxing.html": (
        "http://www.hunan.gov.cn/hnszf/xxgk/wjk/szfbgt/202404/t20240402_33287654.html",
        {
            "title": "湖南省人民政府办公厅关于加强县域商业体系建设的实施意见",
            "doc_number": "湘政办发〔2024〕18号",
            "index_number": "4300000010/2024-00456",
            "issuer": "湖南省人民政府办公厅",
            "written_date": "2024-03-26",
            "publish_date": "2024-04-02",
        },
    ),
    "a07_yunnan_number_round_brackets_body_only.html": (
        "https://www.yn.gov.cn/zwgk/zcwj/yzfb/202407/t20240712_298765.html",
        {
            "title": "云南省人民政府办公厅关于同意设立云南大理经济技术开发区综合保税区的函",
            "doc_number": "云政办函〔2024〕33号",  # printed 云政办函（2024）33号; the 请示's 大政请〔2024〕5号 is cited
            "issuer": "云南省人民政府办公厅",
            "written_date": "2024-07-09",
            "publish_date": "2024-07-12",
        },
    ),
    "a08_xinjiang_chinese_numeral_signature_only.html": (
        "https://www.xinjiang.gov.cn/xinjiang/gfxwj/202408/a1b2c3d4e5f6.shtml",
        {
            "title": "新疆维吾尔自治区人民政府关于加快发展现代畜牧业的意见",
            "doc_number": "新政发〔2024〕35号",
            "issuer": "新疆维吾尔自治区人民政府",
            "written_date": "2024-08-02",
            "publish_date": "2024-08-09",
        },
    ),
    "a09_mof_joint_signature_two_bodies.html": (
        "http://szs.mof.gov.cn/zhengcefabu/202402/t20240223_3928765.htm",
        {
            "title": "财政部 税务总局关于延续实施支持文化企业发展增值税政策的公告",
            "doc_number": "财政部税务总局公告2024年第5号",
            "issuer": "财政部、税务总局",
            "written_date": "2024-02-19",
            "publish_date": "2024-02-23",
        },
    ),
    "a10_mnr_table_shengcheng_riqi.html": (
        "https://gi.mnr.gov.cn/202409/t20240910_2865432.html",
        {
            "title": "自然资源部关于加强和规范规划实施监督管理工作的通知",
            "doc_number": "自然资发〔2024〕62号",
            "index_number": "000019174/2024-00345",
            "issuer": "自然资源部",
            "written_date": "2024-09-03",
            "publish_date": "2024-09-10",
            "topic": "国土资源、能源\\其他",
        },
    ),
    "a11_customs_announcement_year_number.html": (
        "http://www.customs.gov.cn/customs/302249/2480148/5871234/index.html",
        {
            "title": "关于公布《中华人民共和国海关进出口货物减免税管理办法》配套格式文书的公告",
            "doc_number": "海关总署公告2024年第56号",
            "issuer": "海关总署",
            "written_date": "2024-04-26",
            "publish_date": "2024-04-29",
        },
    ),
    "a12_liaoning_gb18030_xinxi_mingcheng.html": (
        "https://www.ln.gov.cn/web/zwgkx/zfwj/szfwj/zfwj2011_154321/2024012208765432.shtml",
        {
            "title": "辽宁省人民政府关于印发辽宁省全面振兴新突破三年行动方案的通知",
            "doc_number": "辽政发〔2024〕2号",
            "index_number": "LN00100-0100-2024-00021",
            "issuer": "辽宁省人民政府",
            "written_date": "2024-01-17",
            "publish_date": "2024-01-22",
            "topic": "综合政务",
        },
    ),
    "a13_mohrss_insmessage_subject_words.html": (
        "https://www.mohrss.gov.cn/xxgk2020/fdzdgknr/zcfg/gfxwj/shbx/202406/t20240621_520123.html",
        {
            "title": "人力资源社会保障部 财政部关于调整失业保险金标准的通知",
            "doc_number": "人社部发〔2024〕40号",
            "issuer": "人力资源社会保障部、财政部",
            "written_date": "2024-06-14",
            "publish_date": "2024-06-21",
            "topic": "劳动、人事、监察\\社会保障",
        },
    ),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_a_held_out_page_gives_its_printed_fields(name: str) -> None:
    url, expected = PAGES[name]
    record = parse(Capture((HERE / name).read_bytes(), url=url), load_settings().parsers)
    got = {field: str(getattr(record, field) or "") for field in expected}
    assert got == expected
