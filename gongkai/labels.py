"""Chinese labels for the codes the record type uses (kind, notice type, facet names, notice fields).

Below the web page and the feeds (Atom, OAI-PMH), which both show them, so feeds never import web."""

from __future__ import annotations

KIND_LABELS: dict[str, str] = {"disclosure": "政府信息公开", "notice": "便民公告"}

NOTICE_TYPE_LABELS: dict[str, str] = {
    "lost": "遗失声明",
    "outage": "停水停电通知",
    "business_tax": "工商税务公告",
    "land_housing": "国土房产公告",
    "other": "其他公告",
}

#: Facet keys of the engine's SearchResponse, in the order the page shows them.
FACET_LABELS: dict[str, str] = {
    "kind": "类别",
    "notice_type": "公告类型",
    "issuer": "发布机构",
    "year": "年份",
    "topic": "主题分类",
    "validity": "效力",  # issue 19
}

UTILITY_LABELS: dict[str, str] = {
    "water": "停水",
    "power": "停电",
    "electricity": "停电",
    "gas": "停气",
    "heat": "停暖",
    "unknown": "停水停电",
}

#: Every field of the notice models (gongkai/notices.py) has its Chinese label here
#: (tests/test_notice_models.py checks it): the detail page shows no raw key.
NOTICE_FIELD_LABELS: dict[str, str] = {
    # outage
    "utility": "类型",
    "events": "停止时段及范围",
    "reason": "原因",
    "issuer": "发布单位",
    # outage event and area
    "effect": "影响",
    "start": "开始时间",
    "end": "结束时间",
    "line": "线路/管段",
    "areas": "影响区域",
    "text": "原文",
    "name": "路名/小区",
    "district": "区",
    "subdistrict": "街道/镇",
    "section": "路段",
    "numbers": "证照编号",
    # lost
    "holder": "遗失人/单位",
    "items": "遗失物品",
    "credit_codes": "统一社会信用代码",
    "declared_void": "声明作废",
    "label": "证件",
    "value": "号码",
    # business_tax
    "company": "企业名称",
    "credit_code": "统一社会信用代码",
    "action": "事项",
    "claim_period_days": "申报期限（天）",
    "claim_deadline": "申报截止日期",
    "capital_from": "原注册资本",
    "capital_to": "变更后注册资本",
    # land_housing
    "project": "项目/地块",
    "location": "位置",
    "deadlines": "期限",
}

#: Fields of one notice model not listed as rows: `type` is the tag above them, `events` has its own table.
NOTICE_FIELDS_NOT_ROWS = frozenset({"type", "events"})

EFFECT_LABELS: dict[str, str] = {"cut": "停止供应", "reduced_pressure": "降压供水"}


def kind_label(code: str | None) -> str:
    return KIND_LABELS.get(code or "", code or "")


def notice_type_label(code: str | None) -> str:
    return NOTICE_TYPE_LABELS.get(code or "", code or "")


def facet_value_label(facet: str, value: str) -> str:
    """How a facet value reads on the page (codes become Chinese; names and years stay)."""
    if facet == "kind":
        return kind_label(value)
    if facet == "notice_type":
        return notice_type_label(value)
    if facet == "year":
        return f"{value}年"
    if facet == "validity":
        from gongkai.validity import STATUS_LABELS

        return STATUS_LABELS.get(value, value)
    return value
