"""The typed fields of a notice (`Record.notice`): one pydantic model per notice type.

| notice_type    | model              | fields |
| -------------- | ------------------ | ------ |
| `lost`         | LostNotice         | holder, items, credit_codes, numbers[{label,value}], declared_void |
| `outage`       | OutageNotice       | utility, events[{utility, effect, start, end, line, areas[{name, district, subdistrict, section, numbers, text}], text}], reason, issuer |
| `business_tax` | BusinessTaxNotice  | company, credit_code, action, claim_period_days, claim_deadline, capital_from, capital_to |
| `land_housing` | LandHousingNotice  | project, location, action, deadlines |
| `other`        | OtherNotice        | issuer |

Every model carries `type` (the notice type), so a notice dict says what it is and `Record.notice`
is a discriminated union. Unknown keys are refused (a typo or an invented field fails validation on
every ingest path). Older stored outage notices (flat `windows` + `areas`) are converted on read:
each window becomes an event naming every area, which is all the old shape could say.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, model_validator

#: Notices print Beijing time. Times are kept naive (local) inside, and written with their offset in
#: JSON: RFC 3339 (OpenAPI `date-time`, iCalendar, harvesters) needs one, and a client abroad must not
#: read 08:00 as its own morning.
CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")


def _as_local(value: datetime) -> datetime:
    return value.astimezone(CHINA_STANDARD_TIME).replace(tzinfo=None) if value.tzinfo is not None else value


def with_offset(value: datetime) -> str:
    return value.replace(tzinfo=CHINA_STANDARD_TIME).isoformat()


#: A Beijing local time: accepts naive or offset input, holds a naive datetime, writes `…+08:00`.
LocalTime = Annotated[datetime, AfterValidator(_as_local), PlainSerializer(with_offset, return_type=str, when_used="json")]

Utility = Literal["water", "power", "gas", "unknown"]
Effect = Literal["cut", "reduced_pressure"]


class _NoticeFields(BaseModel):
    """A notice model declares everything about its notice type: its fields, each with its Chinese label
    (`Field(title=…)`, what the detail page shows), and, on the five notice models, the type's Chinese name
    (`type_label`). gongkai.labels, gongkai.record and the shells derive their lists from here."""

    model_config = ConfigDict(extra="forbid")
    type_label: ClassVar[str] = ""


class IdentifierNumber(_NoticeFields):
    label: str = Field(description="as printed: 证号, 编号, 发票代码, 注册号, 身份证号 ...", title="证件")
    value: str = Field(title="号码")


class LostNotice(_NoticeFields):
    """遗失声明: someone lost a licence, seal, invoice or certificate and declares it void."""

    type_label: ClassVar[str] = "遗失声明"
    type: Literal["lost"] = "lost"
    holder: str = Field("", description="who lost it: company or person (厦门某某贸易有限公司, 张三)", title="遗失人/单位")
    items: list[str] = Field(default_factory=list, description="what was lost (营业执照正副本, 公章, 发票 ...)", title="遗失物品")
    credit_codes: list[str] = Field(default_factory=list, description="统一社会信用代码, 18 characters, upper case", title="统一社会信用代码")
    numbers: list[IdentifierNumber] = Field(default_factory=list, description="other certificate/invoice numbers", title="证照编号")
    declared_void: bool = Field(False, description="the notice declares the items void (声明作废)", title="声明作废")


class TimeWindow(_NoticeFields):
    """A window as the time parser finds it (parsers/notices/timewindows.py); events carry its start/end."""

    start: LocalTime | None = Field(None, description="ISO start; None when the date cannot be known", title="开始时间")
    end: LocalTime | None = Field(None, title="结束时间")
    text: str = Field("", description="the window as printed (7:00至6日18:30)", title="原文")


class OutageArea(_NoticeFields):
    """One place as printed, cleaned but not rewritten: 思明区湖滨南路（禾祥西路至湖滨一里段）停电 →
    district 思明区, name 湖滨南路, section 禾祥西路至湖滨一里段."""

    name: str = Field(description="road, community, building or unit (湖滨南路, 高殿社区, 金尚小区)", title="路名/小区")
    district: str = Field("", description="区/县 printed before it (思明区)", title="区")
    subdistrict: str = Field("", description="街道/镇 printed before it (殿前街道)", title="街道/镇")
    section: str = Field("", description="the part of a road (禾祥西路至湖滨一里段, 中段, A1区、A2区)", title="路段")
    numbers: str = Field("", description="house-number range (188号至266号, 1—42号)", title="门牌号")
    text: str = Field("", description="as printed in the notice", title="原文")


class OutageEvent(_NoticeFields):
    """One interruption: a window and the places printed with it."""

    utility: Utility = Field("unknown", title="类型")
    effect: Effect = Field("cut", description="cut (停水/停电/停气) or reduced_pressure (降压供水)", title="影响")
    start: LocalTime | None = Field(None, description="ISO start; None when the date cannot be known", title="开始时间")
    end: LocalTime | None = Field(None, title="结束时间")
    line: str = Field("", description="停电线路 / 检修线路 / 施工管段 when printed (10kV湖滨线)", title="线路/管段")
    areas: list[OutageArea] = Field(default_factory=list, title="影响区域")
    text: str = Field("", description="the window as printed (2024年5月6日8:00-17:00)", title="原文")


class OutageNotice(_NoticeFields):
    """停水/停电/停气 通知."""

    type_label: ClassVar[str] = "停水停电通知"
    type: Literal["outage"] = "outage"
    utility: Utility = Field("unknown", title="类型")
    events: list[OutageEvent] = Field(default_factory=list, description="every interruption, in order", title="停止时段及范围")
    reason: str = Field("", description="因...检修 / 为配合...工程", title="原因")
    issuer: str = Field("", description="the utility or office that signs the notice", title="发布单位")

    @model_validator(mode="before")
    @classmethod
    def _legacy_flat_lists(cls, data: Any) -> Any:
        # Records stored before events existed: {"windows": [{start, end, text}], "areas": ["…"]}.
        if not isinstance(data, dict) or ("windows" not in data and "areas" not in data):
            return data
        from gongkai.outage_areas import clean_area  # late: outage_areas imports this module

        data = dict(data)
        windows = data.pop("windows", None) or []
        cleaned = [clean_area(str(a)) for a in data.pop("areas", None) or []]
        areas = [a.model_dump() for a in cleaned if a is not None]
        utility = data.get("utility") if data.get("utility") in ("water", "power", "gas") else "unknown"
        events = list(data.get("events") or [])
        if not events:
            for window in windows or ([{}] if areas else []):
                window = window if isinstance(window, dict) else {}
                events.append({"utility": utility, "effect": "cut", "start": window.get("start"), "end": window.get("end"),
                               "areas": areas, "text": window.get("text", "")})
        data["events"] = events
        return data

    def windows(self) -> list[OutageEvent]:
        """Events with distinct (start, end): the notice's time windows, in order."""
        seen: dict[tuple[Any, Any, str], OutageEvent] = {}
        for event in self.events:
            seen.setdefault((event.start, event.end, event.effect), event)
        return list(seen.values())

    def area_texts(self) -> list[str]:
        """Every area as printed, once, in order (the old flat list)."""
        return list(dict.fromkeys(area.text or area.name for event in self.events for area in event.areas))


class BusinessTaxNotice(_NoticeFields):
    """工商、税务公告: 注销、减资、合并、分立、清算、欠税..."""

    type_label: ClassVar[str] = "工商税务公告"
    type: Literal["business_tax"] = "business_tax"
    company: str = Field("", title="企业名称")
    credit_code: str = Field("", description="统一社会信用代码 when printed", title="统一社会信用代码")
    action: str = Field("", description="注销 | 减资 | 合并 | 分立 | 清算 | 吊销 | 迁移 | 欠税 | 非正常户 | 其他", title="事项")
    claim_period_days: int | None = Field(None, description="creditors may declare claims within N days", title="申报期限（天）")
    claim_deadline: date | None = Field(None, description="publish date + claim period, or a printed date", title="申报截止日期")
    capital_from: str = Field("", description="减资: registered capital before (1000万元)", title="原注册资本")
    capital_to: str = Field("", description="减资: registered capital after", title="变更后注册资本")


class LandHousingNotice(_NoticeFields):
    """国土资源、房产公告: 征收、拍卖、出让、挂牌、公示..."""

    type_label: ClassVar[str] = "国土房产公告"
    type: Literal["land_housing"] = "land_housing"
    project: str = Field("", description="parcel number or project name (2025XP03地块, 某某片区旧城改造项目)", title="项目/地块")
    location: str = Field("", description="where (位于/坐落于/土地位置)", title="位置")
    action: str = Field("", description="征收 | 拍卖 | 出让 | 挂牌 | 公示 | 预售 | 登记 | 补偿", title="事项")
    deadlines: list[date] = Field(default_factory=list, description="dates something must be done by (截止, 前)", title="期限")


class OtherNotice(_NoticeFields):
    type_label: ClassVar[str] = "其他公告"
    type: Literal["other"] = "other"
    issuer: str = Field("", title="发布单位")


NOTICE_MODELS: dict[str, type[_NoticeFields]] = {
    "lost": LostNotice,
    "outage": OutageNotice,
    "business_tax": BusinessTaxNotice,
    "land_housing": LandHousingNotice,
    "other": OtherNotice,
}

#: The notice types, as `Record.notice_type` accepts them: the keys of NOTICE_MODELS (a test holds them equal;
#: a Literal must be written out for the type checker and pydantic).
NoticeType = Literal["lost", "outage", "business_tax", "land_housing", "other"]

#: What Record.notice holds: the model named by its `type`.
Notice = Annotated[
    LostNotice | OutageNotice | BusinessTaxNotice | LandHousingNotice | OtherNotice, Field(discriminator="type")
]


_CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
#: Keys of the demo data written before the models (sample records of earlier releases), by type.
_LEGACY_DEMO_KEYS = {"other": ("subject", "location", "start", "end", "reason")}


def upgrade_stored(notice_type: str | None, notice: Any) -> Any:
    """A notice dict stored before the models, in the shape the model reads: lost `certificate_numbers`
    become credit codes (18 characters of the code alphabet) or numbers; the invented keys of the old
    demo's traffic notices (subject, location, start, end, reason: all printed in the body) are dropped.
    Used by the store when a stored record does not validate as it is (never on input)."""
    if not isinstance(notice, dict):
        return notice
    notice = dict(notice)
    kind = notice.get("type") or notice_type or "other"
    if kind == "lost" and "certificate_numbers" in notice:
        for number in notice.pop("certificate_numbers") or []:
            text = str(number).upper()
            if _CREDIT_CODE.match(text):
                notice.setdefault("credit_codes", []).append(text)
            else:
                notice.setdefault("numbers", []).append({"label": "编号", "value": text})
    for key in _LEGACY_DEMO_KEYS.get(kind, ()):
        notice.pop(key, None)
    return notice


def model_keys() -> set[str]:
    """Every key any notice model (or a nested one) has: what a notice dict may contain."""
    keys: set[str] = set()
    models: tuple[type[BaseModel], ...] = (*NOTICE_MODELS.values(), IdentifierNumber, OutageEvent, OutageArea)
    for model in models:
        keys.update(model.model_fields)
    return keys
