"""The structured fields of each notice type: the one definition of what lands in Record.notice.

Each model is dumped with `model_dump(mode="json")` into `record.notice` (dates and datetimes as ISO
strings). Every model carries `type` so a stored notice dict says what it is.

| notice_type    | model              | fields |
| -------------- | ------------------ | ------ |
| `lost`         | LostNotice         | holder, items, credit_codes, numbers, declared_void |
| `outage`       | OutageNotice       | utility, windows[{start,end,text}], areas, reason, issuer |
| `business_tax` | BusinessTaxNotice  | company, credit_code, action, claim_period_days, claim_deadline, capital_from, capital_to |
| `land_housing` | LandHousingNotice  | project, location, action, deadlines |
| `other`        | OtherNotice        | issuer |
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _NoticeFields(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IdentifierNumber(_NoticeFields):
    label: str = Field(description="as printed: 证号, 编号, 发票代码, 注册号, 身份证号 ...")
    value: str


class LostNotice(_NoticeFields):
    """遗失声明: someone lost a licence, seal, invoice or certificate and declares it void."""

    type: Literal["lost"] = "lost"
    holder: str = Field("", description="who lost it: company or person (厦门某某贸易有限公司, 张三)")
    items: list[str] = Field(default_factory=list, description="what was lost (营业执照正副本, 公章, 发票 ...)")
    credit_codes: list[str] = Field(default_factory=list, description="统一社会信用代码, 18 characters, upper case")
    numbers: list[IdentifierNumber] = Field(default_factory=list, description="other certificate/invoice numbers")
    declared_void: bool = Field(False, description="the notice declares the items void (声明作废)")


class TimeWindow(_NoticeFields):
    start: datetime | None = Field(None, description="ISO start; None when the date cannot be known")
    end: datetime | None = None
    text: str = Field("", description="the window as printed (7:00至6日18:30)")


class OutageNotice(_NoticeFields):
    """停水/停电/停气 通知."""

    type: Literal["outage"] = "outage"
    utility: Literal["water", "power", "gas", "unknown"] = "unknown"
    windows: list[TimeWindow] = Field(default_factory=list, description="every interruption window, in order")
    areas: list[str] = Field(default_factory=list, description="affected districts, roads, communities, buildings")
    reason: str = Field("", description="因...检修 / 为配合...工程")
    issuer: str = Field("", description="the utility or office that signs the notice")


class BusinessTaxNotice(_NoticeFields):
    """工商、税务公告: 注销、减资、合并、分立、清算、欠税..."""

    type: Literal["business_tax"] = "business_tax"
    company: str = ""
    credit_code: str = Field("", description="统一社会信用代码 when printed")
    action: str = Field("", description="注销 | 减资 | 合并 | 分立 | 清算 | 吊销 | 迁移 | 欠税 | 非正常户 | 其他")
    claim_period_days: int | None = Field(None, description="creditors may declare claims within N days")
    claim_deadline: date | None = Field(None, description="publish date + claim period, or a printed date")
    capital_from: str = Field("", description="减资: registered capital before (1000万元)")
    capital_to: str = Field("", description="减资: registered capital after")


class LandHousingNotice(_NoticeFields):
    """国土资源、房产公告: 征收、拍卖、出让、挂牌、公示..."""

    type: Literal["land_housing"] = "land_housing"
    project: str = Field("", description="parcel number or project name (2025XP03地块, 某某片区旧城改造项目)")
    location: str = Field("", description="where (位于/坐落于/土地位置)")
    action: str = Field("", description="征收 | 拍卖 | 出让 | 挂牌 | 公示 | 预售 | 登记 | 补偿")
    deadlines: list[date] = Field(default_factory=list, description="dates something must be done by (截止, 前)")


class OtherNotice(_NoticeFields):
    type: Literal["other"] = "other"
    issuer: str = ""


NOTICE_MODELS: dict[str, type[_NoticeFields]] = {
    "lost": LostNotice,
    "outage": OutageNotice,
    "business_tax": BusinessTaxNotice,
    "land_housing": LandHousingNotice,
    "other": OtherNotice,
}
