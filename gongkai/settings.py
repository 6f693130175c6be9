"""The one settings object: defaults, then an optional TOML file, then GONGKAI_* environment variables.

The TOML file is `gongkai.toml` in the working directory, or the file named by GONGKAI_CONFIG.
Nested sections are overridden with a double underscore: GONGKAI_SEARCH__MAX_PAGE_SIZE=50.
A bad value stops the program at start with a message that names the setting.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource


class SettingsError(Exception):
    """A setting has a bad value; the message names it."""


class StoreSettings(BaseModel):
    # 1,000 (ingest22, session 22; 200 before): each batch's inserts land all over the random-order indexes
    # (validity_keys, the edges' keys), so a commit writes most of those indexes' pages again whatever the batch's
    # size: fewer, larger batches write them fewer times (with store/database.SQLITE_CACHE_KIB holding a batch's
    # dirty pages). Whole ingests of 40,000 bench records, alternated: main thread 243-258 -> 198-207 us a record.
    # (Session 4 measured indexing CPU rising past 200 when the index read records validated a batch earlier; the
    # index is fed prepared documents since, and tantivy's threads did not rise: 312-366 -> 296-314 us.)
    batch_size: int = Field(1000, ge=1, le=100_000, description="records per store transaction during ingest")
    blob_dir: str = Field("", description="raw captures' folder; empty: data_dir/raw. Several nodes: one shared folder (NFS)")
    # issue 20: or an S3-compatible bucket; wins over blob_dir when set (credentials: AWS_* variables)
    blob_url: str = Field("", description="raw captures' store: a folder path, file://… or s3://bucket/prefix; empty: blob_dir")
    blob_endpoint_url: str = Field("", description="the S3 API's address for a non-AWS server (MinIO, Ceph, …); empty: AWS")

    @field_validator("blob_url")
    @classmethod
    def _blob_url_scheme(cls, value: str) -> str:
        if value and "://" in value and not value.startswith(("file://", "s3://")):
            raise ValueError("a folder path, file://… or s3://bucket/prefix")
        if value.startswith("s3://") and not value[len("s3://"):].strip("/"):
            raise ValueError("s3:// needs a bucket: s3://bucket/prefix")
        return value


class IndexSettings(BaseModel):
    writer_heap_mb: int = Field(256, ge=16, le=4096)
    writer_threads: int = Field(0, ge=0, le=64, description="0: one per core")
    keep_generations: int = Field(2, ge=1, le=10, description="old index generations kept after a reindex")
    # Several nodes on one database (issue 20): each node's index follows the store's change feed by itself.
    follow: bool = Field(True, description="gongkai serve runs the index follower in its process (every node of a several-machine install follows the store by itself)")
    follow_interval_seconds: float = Field(2.0, gt=0, le=3600, description="the follower looks for store changes this often (PostgreSQL NOTIFY wakes it at once)")
    rebuild_on_open: bool = Field(True, description="an index this gongkai cannot search (another schema version, or damaged) is rebuilt from the store when a process opens it, as an old database is upgraded")


#: Words people use for the same thing in government services; each group is applied at query time
#: (a query word in a group also matches every other word of it). Editable: [search] synonyms = [[…], …].
DEFAULT_SYNONYMS: list[list[str]] = [
    ["社保卡", "社会保障卡", "社保IC卡"],
    ["公积金", "住房公积金"],
    ["身份证", "居民身份证", "身分证"],
    ["营业执照", "营业证照", "工商执照"],
    ["医保", "医疗保险", "基本医疗保险"],
    ["社保", "社会保险"],
    ["户口本", "户口簿", "居民户口簿"],
    ["驾照", "驾驶证", "机动车驾驶证", "驾驶本", "车本"],  # 车本, 驾驶本: what people call it (search9: 车本丢了 was relaxed)
    ["行驶证", "机动车行驶证", "行车证"],
    ["税务登记证", "税务登记"],
    ["个体户", "个体工商户"],  # search9: 工商局个体户登记 was a relaxed answer dropping 个体户
    # The everyday names of what 遗失声明 print by their official ones (房产证 丢了: 房屋所有权证, 不动产权证书).
    ["房产证", "房屋所有权证", "不动产权证书", "不动产权证", "房本"],
    ["出生证", "出生证明", "出生医学证明"],
    ["教师证", "教师资格证"],
    ["财务章", "财务专用章"],
    ["发票章", "发票专用章"],
    ["合同章", "合同专用章"],
    ["法人章", "法人私章", "法定代表人私章", "法定代表人章"],
    ["专票", "增值税专用发票"],
    ["普票", "增值税普通发票"],
    ["退休金", "养老金", "基本养老金"],
    ["低保", "最低生活保障"],
    # The short names of government bodies, the same in every city (市监局 个体工商户登记, 发改委, 北京市卫健委 确有专长):
    # records print the full name in the issuer and the text, so the short name was dropped from a relaxed answer.
    # A body's old name, which people still type, is the body that took its work over (search9: 工商局 商事主体登记, 物价局
    # 天然气价格 and 计委 重点建设项目 were relaxed answers dropping it): 工商, 质监 and 食药监 became 市场监督管理局 (2018-19),
    # 计委 and 物价局 the 发展和改革委员会.
    ["市监局", "市场监督管理局", "市场监管局", "工商局", "工商行政管理局", "质监局", "质量技术监督局", "食药监局",
     "食品药品监督管理局"],
    ["发改委", "发展和改革委员会", "发展改革委", "计委", "发展计划委员会", "物价局"],
    ["卫健委", "卫生健康委员会", "卫生健康委", "卫计委", "卫生和计划生育委员会", "卫生计生委"],  # 卫计委: its name 2013-18
    ["教委", "教育委员会", "教育局"],  # a city's education body is either (北京市教育委员会, 厦门市教育局)
    ["人社局", "人力资源和社会保障局", "人力资源社会保障局"],
    ["人社部", "人力资源和社会保障部", "人力资源社会保障部"],
    ["住建局", "住房和城乡建设局", "住房城乡建设局"],
    ["住建部", "住房和城乡建设部", "住房城乡建设部"],
    ["资规局", "自然资源和规划局", "自然资源局", "国土局", "国土资源局", "国土资源和房产管理局"],
    ["环保局", "环境保护局", "生态环境局"],
    ["城管局", "城市管理局", "城市管理行政执法局"],
    ["医保局", "医疗保障局"],
    ["市府办", "市政府办公厅", "市人民政府办公厅"],
    ["供电局", "供电公司", "电业局"],
    ["自来水公司", "水务集团", "供水公司"],
    ["封路", "交通管制", "道路封闭", "封闭交通"],  # what the police's 交通管制 notice is called (search9: 厦门封路通知 dropped 封路)  # the water company by its old name (自来水公司停水)
    ["煤气公司", "燃气公司", "燃气有限公司"],
    ["国家电网", "国网"],
    ["交警", "交通警察"],
    # 拆迁 is what people still say; notices since the 2011 regulation print 房屋征收 / 集体土地征收 (翔安拆迁补偿).
    ["拆迁", "房屋征收", "土地征收"],
    # Short forms of policy words that documents print in full (个税专项附加扣除, 自贸区改革, 职教, 网约车).
    ["个税", "个人所得税"],
    ["自贸区", "自由贸易试验区", "自贸试验区"],
    ["职教", "职业教育"],
    ["义教", "义务教育"],
    ["公租房", "公共租赁住房"],
    ["廉租房", "廉租住房"],
    ["经适房", "经济适用住房", "经济适用房"],
    ["网约车", "网络预约出租汽车"],
    ["新冠", "新型冠状病毒", "新冠肺炎"],
    ["残疾证", "残疾人证"],
    ["准生证", "生育服务证"],
    ["环评", "环境影响评价"],  # 环评 alone found the 厦环评〔2009〕4号 documents, not the 环境影响评价 plan
    ["控规", "控制性详细规划"],  # search12: 资规局控规 was a relaxed answer 未包含“控规” (land sales first)
    ["总规", "城市总体规划"],  # the planners' short form as 控规 is
    ["规培", "规范化培训"],  # 中医住院医师规培
    ["科技奖", "科学技术奖"],  # search13: 2018年度国家科技奖 (国务院关于2018年度国家科学技术奖励的决定) held 科技奖 by 科技 + 奖 only
    ["固废", "固体废物"], ["危废", "危险废物"], ["医废", "医疗废物"],  # search8: 固废污染 listed 噪声 and 大气污染防治 reports
    ["噪声", "噪音"],  # search10: documents print 噪声 (the law's word); 噪音污染防治 was a relaxed answer 未包含“噪音”
    # search11: what parents say for the enrolment notices print (小学招生政策 found a 职业教育 document; search10 left
    # 孩子上小学怎么报名)
    # search12: how a parent says the child starts school (上小学, 上一年级: 孩子上小学怎么报名 listed 中小学校园安全 first)
    ["义务教育阶段学校招生", "义务教育招生", "小学招生", "初中招生", "小学入学", "小升初", "幼升小", "上小学", "读小学", "上初中",
     "读初中", "上一年级", "读一年级", "小学报名", "初中报名", "一年级报名", "入学报名"],
    ["药店", "药品零售企业"],  # 药店检查: 关于印发厦门市药品零售企业检查实施方案的通知
    # 卖地 (a land sale, said colloquially) is what a land notice prints as 国有建设用地使用权 (…挂牌出让); not 土地出让,
    # which the group would keep whole where 土地 + 出让 apart find the notices (国有建设用地使用权挂牌出让)
    ["卖地", "国有建设用地使用权"],
    # The everyday ways to say a document is lost (营业执照丢了); 丢 alone is no member: 丢弃, 丢人 are not 遗失. 挂失 (登报挂失,
    # 社保卡挂失) is what one does of it: a 遗失声明 answers (search8: 登报挂失 found a 传统医学师承 notice printing 登).
    ["遗失", "丢失", "丢了", "弄丢", "掉了", "不见了", "弄丢了", "挂失"],
    # Outage notices print 暂停供电/暂停供水 as often as 停电/停水, which are not substrings of them.
    ["停电", "暂停供电"],
    ["停水", "暂停供水"],
]
#: The everyday words of the 遗失 group above that mean 遗失 only beside a thing one declares lost (身份证掉了,
#: 营业执照不见了): 井盖不见了 or 钱包掉了 is no lost-document declaration. 丢失 is as formal as 遗失: always.
DEFAULT_LOOSE_LOST_WORDS: list[str] = ["丢了", "弄丢", "掉了", "不见了", "弄丢了"]
#: What one declares lost in a newspaper 遗失声明: a query word ending in one of these (身份证, 营业执照正本, 社保卡).
DEFAULT_LOST_ITEMS: list[str] = [
    "证", "证件", "证书", "证明", "执照", "牌照", "驾照", "护照", "卡", "章", "公章", "印章", "发票", "收据", "票据",
    "合同", "存折", "车牌", "号牌", "户口本", "户口簿", "房本", "正本", "副本", "保单", "提单", "单据", "许可证", "登记表", "车本", "驾驶本",
]
#: The request a query may open with (我想查一下…, 帮我找找…, 看看…, 请帮忙查…): at the start of a query these
#: never decide a match; elsewhere they are words like any other (京东帮, 搜查官, 看视频). jieba keeps runs of them as
#: one word (我想查, 查查): a leading segment made of these and stop words is filler (indexer.understand).
DEFAULT_REQUEST_WORDS: list[str] = [
    "我", "想", "要", "帮", "帮忙", "请", "给", "查", "查查", "找", "找找", "搜", "搜搜", "看", "看看", "问", "问问", "一下", "下",
    # a greeting and "I want to know" (你好，麻烦问一下…, 我想知道…): the outage question reads this list too
    "你好", "您好", "麻烦", "你", "您", "知道", "了解",
]
#: Particles, question words and filler that never decide whether a record matches.
DEFAULT_STOP_WORDS: list[str] = [
    "的", "了", "吗", "呢", "啊", "吧", "呀", "么", "嘛", "是", "在", "和", "与", "及", "或", "有", "个", "之",
    "怎么", "怎样", "怎么样", "如何", "什么", "哪里", "哪些", "哪个", "多少", "是否", "是不是", "有没有", "能否", "可否",
    "请问", "请教", "咨询", "查询", "查找", "搜索", "想", "想要", "要", "我", "我们", "你", "您", "一下",
    "内容", "文件", "全文", "有关", "相关", "关于", "方面", "问题", "最新",
    # what one does with a notice, never printed in it (公司注销登报, 登报挂失, 营业执照丢了怎么登报)
    "登报",
    # Days said from today and 这/会 of a question (明天湖滨南路会停电吗, 这周末停水吗): records print dates, not 明天.
    "这", "会", "今天", "明天", "后天", "昨天", "今晚", "明晚", "今日", "明日",
    # and the part of the day (明天上午湖滨南路停电吗): notices print hours, and the outage answer reads the day
    "上午", "下午", "晚上", "早上", "中午", "傍晚", "夜里",
]


class RankingSettings(BaseModel):
    """Ranking factors (README: Search → Ranking). Scores are tantivy BM25 units unless said otherwise."""

    title_boost: float = Field(5.0, ge=0, le=100, description="a query word in the title scores this many times a match elsewhere")
    whole_query_boost: float = Field(2.0, ge=0, le=100, description="bonus factor when the query occurs as typed (all its segments in a row)")
    proximity_weight: float = Field(0.3, ge=0, le=10, description="share of the score added when the segments stand close together and in order")
    coverage_weight: float = Field(1.0, ge=0, le=10, description="relaxed answers: weight of the share of query segments (by rarity) a hit holds")
    recency_weight: float = Field(0.5, ge=0, le=10, description="notices: share of the score added for a recent notice (halves every half-life)")
    recency_half_life_days: float = Field(365.0, gt=0, le=36500)
    entity_boost: float = Field(20.0, ge=0, le=1000, description="a query that names a street, community or company: notices naming it rank above passing mentions")
    rerank_window: int = Field(50, ge=0, le=1000, description="the best hits by BM25 that the factors above re-rank (0: BM25 order only)")
    settle_ties: bool = Field(
        True, description="records scoring alike at the re-ranked window's edge chosen by id, not by index address (one answer "
        "whatever the build: indexer/ties.py; the window's search asks for ties.TIE_MARGIN hits more, a deeper search only "
        "when the tie runs past them); off: tantivy's order of ties (by address)",
    )
    repealed_factor: float = Field(
        0.5, gt=0, le=1, description="issue 19: a repealed (已废止), expired (已失效) or suspended (暂停执行) document's score is multiplied by this: below one in force with the same match, never hidden"
    )
    part_credit: float = Field(
        0.5, gt=0, le=1, description="relaxed answers and partial matches: a compound word held only by some of the dictionary words it "
        "is made of (作息时间 by 时间) counts this much times their share, and its parts score this much of a match",
    )


class SearchSettings(BaseModel):
    max_query_length: int = Field(500, ge=10, le=10_000)
    default_page_size: int = Field(10, ge=1, le=100)
    max_page_size: int = Field(100, ge=1, le=1000)
    max_offset: int = Field(10_000, ge=0, description="deepest result a page may start at")
    snippet_chars: int = Field(120, ge=20, le=1000)
    outage_lookback_days: int = Field(
        180, ge=1, le=3650, description="outage lookup: notices published this many days before the day asked for are read"
    )
    outage_recent_days: int = Field(
        7, ge=1, le=60, description="an outage question saying 近期/最近/这几天 asks about today and this many days after it"
    )
    cache_entries: int = Field(
        2048, ge=0, le=1_000_000, description="search results kept in memory per process, dropped on each index commit (0: off)"
    )
    segment: bool = Field(True, description="split queries typed without spaces into words (rjieba) that may stand apart")
    relax: bool = Field(True, description="when no record holds every query word, answer with those holding most of them")
    exact_count_limit: int = Field(
        5000, ge=0, le=100_000_000,
        description="a query of words of 3+ characters whose candidates (records holding every word's character pairs) "
        "are more than this: its total and facets are the candidates' (an upper bound, the answer says approximate)",
    )
    sample_counts_above: int = Field(
        100_000, ge=0, le=100_000_000,
        description="issue 20: a query expected to match more than this many records (the term dictionary says so) has its "
        "total and facets estimated from the records of one sample slot in 16, when those come to more than this too "
        "(the answer says approximate; the hits are exact); 0: always counted exactly",
    )
    sample_counts_work: int = Field(
        500_000, ge=0, le=10_000_000_000,
        description="issue 20: a query whose counts are the candidates' anyway (more than exact_count_limit expected) and "
        "whose candidates' count would read more than this many postings (expected matches times the pair terms "
        "intersected, from the term dictionary) is estimated from one sample slot in 16 instead, when that slot holds "
        "at least 500 of them (about 4.5%; the answer says approximate); 0: never",
    )
    exact_count_work: int = Field(
        100_000, ge=0, le=100_000_000,
        description="issue 20: candidates within exact_count_limit are counted again exactly only when checking their "
        "words' phrases reads at most this many records' positions (each phrase: the records holding its rarest "
        "character, as the term dictionary says); above it their counts stand (an upper bound, approximate); 0: always exact",
    )
    relaxed_exact_count_limit: int = Field(
        100, ge=0, le=100_000_000,
        description="issue 14 (qspeed2): a relaxed answer (records holding at least k of the query's words) whose candidates "
        "(records holding k words' character pairs) are more than this: its total and facets are the candidates' (an "
        "upper bound, the answer says approximate); counting it exactly walks every record holding any of its words with "
        "each word's phrase checked. At most exact_count_limit counts",
    )
    synonyms: list[list[str]] = Field(default_factory=lambda: [list(g) for g in DEFAULT_SYNONYMS])
    loose_lost_words: list[str] = Field(
        default_factory=lambda: list(DEFAULT_LOOSE_LOST_WORDS),
        description="everyday words of the 遗失 synonym group (掉了, 不见了) that mean 遗失 only beside a thing one declares lost (lost_items)",
    )
    lost_items: list[str] = Field(
        default_factory=lambda: list(DEFAULT_LOST_ITEMS),
        description="what one declares lost (证, 执照, 卡, 公章, 发票 …): a query word ending in one lets loose_lost_words mean 遗失",
    )
    stop_words: list[str] = Field(default_factory=lambda: list(DEFAULT_STOP_WORDS))
    request_words: list[str] = Field(default_factory=lambda: list(DEFAULT_REQUEST_WORDS),
                                     description="words of a request a query opens with (我想查一下, 帮我找): filler there only")
    vocabulary_refresh_seconds: float = Field(
        60.0, ge=0, le=86_400, description="the domain word list (issuers, streets, 文号 prefixes) is rebuilt at most this often after the store changed"
    )
    ranking: RankingSettings = RankingSettings()


class OcrSettings(BaseModel):
    """OCR of scanned PDF pages and images with Tesseract (issue 21; gongkai.parsers.formats.ocr)."""

    enabled: bool = True
    tesseract_cmd: str = Field("tesseract", description="the tesseract program; missing: records get ocr 'unavailable'")
    languages: str = Field("chi_sim", description="Tesseract models, '+'-joined (chi_sim+eng)")
    psm: int = Field(6, ge=0, le=13, description="Tesseract page segmentation mode; 6 (one block) measured best")
    dpi: int = Field(300, ge=72, le=600, description="scanned PDF pages are rendered at this resolution")
    page_timeout_seconds: float = Field(30.0, gt=0, description="one page's OCR; over it the page is left out and quarantined")
    low_confidence: float = Field(
        60.0, ge=0, le=100, description="a page read with a lower mean confidence is quarantined for a person to look at"
    )
    cache_dir: str = Field("", description="OCR results by capture sha256; empty: DATA_DIR/ocr")
    detect_orientation: bool = Field(
        True, description="a page read below low_confidence has its orientation detected (Tesseract OSD) and, scanned "
        "turned 90/180/270 degrees, is read again upright; the better reading is kept"
    )
    max_skew_degrees: float = Field(
        15.0, ge=0, le=45, description="a page whose lines lean by 1 to this many degrees (scanned or photographed at an "
        "angle) is straightened before it is read; 0: never"
    )
    even_out_lighting: bool = Field(
        True, description="a page still read below low_confidence is read again with a local threshold (Sauvola): a "
        "photographed page, darker at one side, read as noise; the better reading is kept"
    )
    flatten_photographed_pages: bool = Field(
        True, description="a page photographed on a darker ground from the side (a four-sided sheet, narrower at the "
        "far edge) is found and mapped back to a rectangle before it is read; a scan is left as it is"
    )
    drop_red_ink: bool = Field(
        True, description="red ink of a colour scan (the red 版头 and the seal over the issuer and date) is made white "
        "before the page is read: its text is not read (see README, Scanned documents)"
    )


class ParserSettings(BaseModel):
    max_file_bytes: int = Field(50 * 1024 * 1024, ge=1024)
    max_pdf_pages: int = Field(1000, ge=1)
    timeout_seconds: float = Field(60.0, gt=0)
    max_uncompressed_bytes: int = Field(200 * 1024 * 1024, ge=1024, description="zip-based formats (DOCX): total unzipped size limit (zip bombs)")
    max_compression_ratio: int = Field(200, ge=10, description="zip-based formats: largest uncompressed/compressed ratio of a member and of the whole")
    max_zip_members: int = Field(5000, ge=10, description="zip-based formats: most members an archive may hold (a real DOCX has tens)")
    issuer_aliases: dict[str, str] = Field(
        default_factory=dict, description="short or old issuer names -> canonical name (市政府办 -> 厦门市人民政府办公厅)"
    )
    # Parsing rules belong to the parsers (issue 17): a crawl, `gongkai reparse` and `gongkai quarantine retry`
    # add each site definition's label_overrides here for its source "site:NAME", so a fixed definition
    # reaches records parsed again.
    label_overrides: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="record source -> {label an HTML page prints: Record field} (公开单位 -> issuer)"
    )
    ocr: OcrSettings = OcrSettings()


class RecordFileSettings(BaseModel):
    """Record files (JSON Lines, JSON, XML) as every entry point reads them (gongkai.recordfiles)."""

    # 16 MiB: room for the full text of a very long document, while one record (read whole, then
    # parsed) stays far from straining memory: a 60 MB line cost about 1 GB of RSS before this limit.
    max_record_bytes: int = Field(16 * 1024 * 1024, ge=1024, description="largest single record (a line, an array element); larger ones are quarantined unread")
    max_depth: int = Field(32, ge=4, le=500, description="deepest nesting of objects and arrays in a record; deeper ones are quarantined")


class CrawlSettings(BaseModel):
    """Crawlers (gongkai.crawlers); each site's own politeness lives in its definition file."""

    user_agent: str = Field(
        "gongkai/0.1 (government information disclosure collector; obeys robots.txt)",
        pattern=r"^[ -~]+$", description="ASCII only (an HTTP header); name your library and a contact",
    )
    sites_dirs: list[Path] = Field(default_factory=list, description="extra folders of site definitions (*.toml or */site.toml)")


class ServerSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)


class ExtraJobSettings(BaseModel):
    """An operator-defined job: any `module:function` run on a schedule (see gongkai.ops.jobs)."""

    model_config = {"extra": "forbid"}
    target: str = Field(description="import path 'package.module:function', resolved when the job runs")
    schedule: str = Field(description="crontab '30 2 * * *', 'every 90s' / 'every 5m' / 'every 1h', or 'off'")
    kwargs: dict[str, Any] = Field(default_factory=dict, description="keyword arguments passed to the function")


class SchedulerSettings(BaseModel):
    """Unattended operation (gongkai.ops). Schedules: crontab (5 fields), 'every N s|m|h', or 'off'."""

    timezone: str = Field("Asia/Shanghai", description="cron expressions are read in this zone")
    jobstore_url: str = Field("", description="APScheduler job store URL; empty: the store's database")
    misfire_grace_seconds: int = Field(6 * 3600, ge=1, description="a run missed by less than this still runs, once")
    max_workers: int = Field(2, ge=1, le=32, description="jobs running at the same time (different jobs only)")
    lease_seconds: int = Field(120, ge=2, description="a job lock not renewed for this long is taken over")
    crawl: str = Field("site", description="'site': each site's own cron; a schedule for all sites; 'off'")
    newspaper: str = Field("site", description="newspaper sites: 'site' (their own cron), a schedule, or 'off'")
    inbox: str = "every 5m"
    feeds_poll: str = "every 15m"
    sync_push: str = "5 * * * *"
    maintenance: str = "30 2 * * *"
    alerts: str = Field("every 5m", description="saved-search alerts run (issue 22)")
    validity: str = Field("5 0 * * *", description="daily validity statuses (issue 19): effective dates coming, periods ending")
    crawl_target: str = "gongkai.ops.crawl_jobs:crawl_site"
    newspaper_target: str = "gongkai.ops.crawl_jobs:crawl_newspaper"
    inbox_target: str = "gongkai.feeds:process_inbox"
    feeds_poll_target: str = "gongkai.feeds:poll_feeds"
    sync_push_target: str = "gongkai.feeds:sync_push"
    sites_target: str = Field("gongkai.crawlers.sitedef:load_sites", description="returns the site definitions (name, schedule)")
    backups_keep: int = Field(7, ge=0, le=1000, description="nightly store backups kept in data_dir/backups")
    kept_inputs_days: int = Field(0, ge=0, le=36_500, description="kept standard input (data_dir/stdin) and drop-folder archive files older than this are deleted nightly, unless a quarantine entry names them; 0: kept for ever, as raw captures")
    maintenance_reindex: bool = Field(True, description="nightly full reindex (compacts deletes); off: index catch-up only")
    maintenance_reparse: bool = Field(True, description="nightly: when the parsing rules changed since the stored records were "
                                      "parsed (an upgrade), parse them again from their kept raw bytes")
    maintenance_reparse_seconds: float = Field(3600, gt=0, description="at most this long a night (the other jobs wait); the next "
                                               "night goes on where it stopped")
    extra_jobs: dict[str, ExtraJobSettings] = Field(default_factory=dict)
    admin_user: str = "admin"
    admin_password_hash: str = Field("", description="pbkdf2 hash from `python -m gongkai.ops.auth`; empty: admin page closed")
    # Login throttle (web/login_throttle.py): over a limit the login answers 429 + Retry-After before any PBKDF2 work.
    admin_login_max_failures: int = Field(5, ge=0, description="failed admin logins per client address within admin_login_window_seconds; 0: off")
    admin_login_user_max_failures: int = Field(20, ge=0, description="failed admin logins per user name, from any address, within the window; 0: off")
    admin_login_window_seconds: int = Field(300, ge=1, le=86_400, description="the moving window the admin login failures count over")

    @field_validator("admin_password_hash")
    @classmethod
    def _one_password_hash(cls, value: str) -> str:
        """One hash as gongkai.ops.auth prints it: anything else (two lines captured by $(…), a password typed in clear)
        made every admin login a 500 with a base64 traceback."""
        value = value.strip()
        if value and not _PASSWORD_HASH_RE.fullmatch(value):
            raise ValueError("not a password hash: put the one line `python -m gongkai.ops.auth` prints "
                             "(pbkdf2_sha256$ITERATIONS$SALT$DIGEST), never the password itself")
        return value


#: pbkdf2_sha256$200000$<salt, base64 without padding>$<digest, base64 without padding> (gongkai.ops.auth.hash_password)
_PASSWORD_HASH_RE = re.compile(r"pbkdf2_sha256\$[1-9]\d*\$[A-Za-z0-9+/]{16,}\$[A-Za-z0-9+/]{40,}")


class AgencyFeed(BaseModel):
    """An agency's RSS/Atom feed to poll; each entry's linked page or file is fetched and ingested."""

    name: str = Field(min_length=1, description="agency name, recorded as source feed:NAME")
    url: str = Field(pattern=r"^https?://", description="feed URL")
    notices: bool = Field(False, description="linked pages are notice columns (one record per notice)")


#: Base of feed, OAI-PMH and sitemap links when feeds.public_base_url is empty (stable, never the Host header).
DEFAULT_PUBLIC_BASE_URL = "http://localhost:8000"


class FeedsSettings(BaseModel):
    """Receivers (drop folder, HTTP push, feed polling), outgoing feeds (Atom, OAI-PMH, sitemap) and sync."""

    inbox_dir: Path | None = Field(None, description="drop folder; empty: data_dir/inbox")
    archive_dir: Path | None = Field(None, description="processed drop-folder files; empty: data_dir/inbox-archive")
    inbox_min_age_seconds: float = Field(5.0, ge=0, description="files modified more recently are still being written")
    inbox_sidecar_wait_seconds: float = Field(
        3600.0, ge=0, description="a sidecar (report.pdf.json) alone waits this long for its document before it is read as a record file")
    agency_feeds: list[AgencyFeed] = Field(default_factory=list)
    poll_timeout_seconds: float = Field(30.0, gt=0)
    push_max_bytes: int = Field(20 * 1024 * 1024, ge=1024, description="largest POST /api/ingest body")
    push_max_items: int = Field(10_000, ge=1, description="most records in one POST /api/ingest batch")
    # Rate limits of POST /api/ingest are kept in memory, per server process: with `--workers N` the
    # effective limits are N times these.
    push_rate_limit: int = Field(120, ge=0, description="POST /api/ingest requests per agency within push_rate_window_seconds; 0: off")
    push_rate_window_seconds: int = Field(60, ge=1, le=86_400, description="the moving window the push limits count over")
    push_rate_burst: int = Field(20, ge=0, description="requests per agency within any one second; 0: no per-second cap")
    push_bad_token_limit: int = Field(20, ge=0, description="requests with a missing or wrong token per client address within the window; 0: off")
    sync_url: str = Field("", description="national platform endpoint; empty: sync disabled")
    sync_token: str = Field("", description="bearer token for sync_url")
    sync_batch_size: int = Field(100, ge=1, le=10_000)
    sync_max_attempts: int = Field(8, ge=1, le=1000, description="failures before an outbox entry is parked")
    sync_timeout_seconds: float = Field(30.0, gt=0)
    sync_backoff_seconds: float = Field(1.0, ge=0, description="first retry delay; doubles each retry")
    sync_backoff_max_seconds: float = Field(60.0, ge=0)
    # Feeds, OAI-PMH and sitemaps never build links or ids from the request's Host header (anyone can send
    # one); with public_base_url empty they use DEFAULT_PUBLIC_BASE_URL and the server says so at start.
    public_base_url: str = Field("", pattern=r"^(https?://[^\s/?#]+(/[^\s?#]*)?)?$", description="absolute base of links and ids in feeds, OAI-PMH and sitemaps; empty: http://localhost:8000")
    record_page_path: str = Field("/documents/{id}", pattern=r"^/.*\{id\}", description="path of a record's web page in feeds and sitemap")
    atom_entries: int = Field(50, ge=1, le=1000)
    oai_page_size: int = Field(100, ge=1, le=10_000)
    oai_repository_name: str = "gongkai 公开 政府信息公开与便民公告"
    oai_admin_email: str = "admin@example.org"
    oai_repository_identifier: str = Field(
        "gongkai.localhost",
        pattern=r"^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+$",
        description="domain name of the repository (oai-identifier.xsd): oai:NAME:ID identifiers, and the authority of Atom tag: ids",
    )
    sitemap_page_size: int = Field(50_000, ge=1, le=50_000)

    def public_base(self) -> str:
        """The absolute base of outgoing links, without a trailing slash."""
        return (self.public_base_url or DEFAULT_PUBLIC_BASE_URL).rstrip("/")


class AlertSettings(BaseModel):
    """Saved-search alerts (issue 22, gongkai/feeds/alerts.py): delivery retries and the SMTP server."""

    max_attempts: int = Field(8, ge=1, le=100, description="tries of one delivery before it is given up (status failed)")
    backoff_seconds: float = Field(60.0, ge=0, description="wait before the 2nd try; doubles each try (runs in between skip it)")
    backoff_max_seconds: float = Field(6 * 3600.0, ge=0)
    timeout_seconds: float = Field(15.0, gt=0, description="one webhook POST or SMTP conversation")
    parallel_deliveries: int = Field(8, ge=1, le=64, description="alerts delivered side by side (each alert's deliveries stay in order)")
    batch_records: int = Field(2000, ge=10, le=10_000, description="store changes matched per step of a run")
    max_records_per_delivery: int = Field(200, ge=1, le=10_000)
    smtp_host: str = Field("", description="empty: email alerts cannot be added")
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    mail_from: str = "gongkai@localhost"


class FreshnessSettings(BaseModel):
    """Freshness watch over every source (issue 22, ops/freshness.py)."""

    overdue_factor: float = Field(2.0, ge=1.0, le=100, description="overdue after this many expected gaps without a new record or a finished run")
    cadence_days: dict[str, float] = Field(default_factory=dict, description="expected days between new records, by source name (else learned)")
    notify_alert: str = Field("", description="id of an alert (webhook or email) that also carries 'source overdue' notices to operators; empty: none")
    days_off: list[date] = Field(default_factory=list, description="days offices are shut besides the State Council's holiday notices (a local holiday): no agency source is overdue for them")
    working_days: list[date] = Field(default_factory=list, description="days offices work though a weekend or holiday (a make-up day no stored notice gives): they run the agency sources' clock")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="GONGKAI_",
        env_nested_delimiter="__",
        extra="forbid",
        validate_default=True,
    )

    data_dir: Path = Field(Path("index_data"), description="store file, index, raw captures, quarantine")
    database_url: str = Field("", description="SQLAlchemy URL; empty: SQLite file in data_dir")
    store: StoreSettings = StoreSettings()
    index: IndexSettings = IndexSettings()
    search: SearchSettings = SearchSettings()
    parsers: ParserSettings = ParserSettings()
    records: RecordFileSettings = RecordFileSettings()
    server: ServerSettings = ServerSettings()
    crawl: CrawlSettings = CrawlSettings()
    feeds: FeedsSettings = FeedsSettings()
    scheduler: SchedulerSettings = SchedulerSettings()
    alerts: AlertSettings = AlertSettings()
    freshness: FreshnessSettings = FreshnessSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = os.environ.get("GONGKAI_CONFIG", "gongkai.toml")
        # Precedence, strongest first: explicit arguments (CLI flags), environment, TOML file.
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=toml_file)

    @model_validator(mode="after")
    def _ocr_cache_dir(self) -> Settings:
        # The parser workers only see ParserSettings: the OCR cache's place under data_dir is fixed here.
        if not self.parsers.ocr.cache_dir:
            self.parsers.ocr.cache_dir = str(self.data_dir / "ocr")
        return self

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'gongkai.sqlite3').resolve()}"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def raw_dir(self) -> Path:
        # store.blob_dir: a folder shared by every node (an NFS mount) when several machines share the database
        return Path(self.store.blob_dir) if self.store.blob_dir else self.data_dir / "raw"

    @property
    def blob_location(self) -> str:
        """Where raw captures live: store.blob_url, else the folder raw_dir (gongkai.store.blobs.open_blobs)."""
        return self.store.blob_url or str(self.raw_dir)

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"


def _is_secret(setting: str) -> bool:
    """Settings whose values are credentials (scheduler.admin_password_hash, feeds.sync_token, alerts.smtp_password …)."""
    leaf = setting.rsplit(".", 1)[-1]
    return any(word in leaf for word in ("password", "token", "secret"))


def load_settings(**overrides: Any) -> Settings:
    """Build the settings, turning a validation error into one readable SettingsError."""
    config = os.environ.get("GONGKAI_CONFIG")
    if config and not Path(config).is_file():
        raise SettingsError(f"GONGKAI_CONFIG names {config!r}, which is not a file")
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        problems = []
        for item in exc.errors():
            name = ".".join(str(p) for p in item["loc"])
            # a secret's value is never echoed (a password typed where its hash belongs would land in a log)
            got = "(not shown: a secret)" if _is_secret(name) else f"(got {item.get('input')!r})"
            problems.append(f"setting {name!r}: {item['msg']} {got}")
        raise SettingsError("; ".join(problems)) from None
    except ValueError as exc:  # e.g. a TOML file that does not parse
        raise SettingsError(f"cannot read settings: {exc}") from None
