"""Chinese labels for the codes the record type uses (kind, notice type, facet names, notice fields)."""

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
}

UTILITY_LABELS: dict[str, str] = {
    "water": "停水",
    "power": "停电",
    "electricity": "停电",
    "gas": "停气",
    "heat": "停暖",
}

#: Structured notice fields: known keys get a Chinese label, unknown keys are shown by name.
NOTICE_FIELD_LABELS: dict[str, str] = {
    "utility": "类型",
    "windows": "停止时段",
    "areas": "影响区域",
    "reason": "原因",
    "item": "遗失物品",
    "items": "遗失物品",
    "item_type": "物品类别",
    "holder": "遗失人/单位",
    "owner": "遗失人/单位",
    "party": "当事人/单位",
    "company": "企业名称",
    "credit_code": "统一社会信用代码",
    "certificate_numbers": "证照编号",
    "project": "项目",
    "claim_deadline": "申报截止日期",
    "deadlines": "期限",
    "start": "开始时间",
    "end": "结束时间",
    "licence_number": "证照编号",
    "license_number": "证照编号",
    "number": "编号",
    "declared_void": "声明作废",
    "action": "事项",
    "subject": "事项",
    "parcel": "地块",
    "location": "位置",
    "address": "地址",
    "area": "面积",
    "deadline": "截止日期",
    "contact": "联系方式",
    "phone": "联系电话",
    "newspaper": "刊登报纸",
    "edition": "版次",
}


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
    return value
