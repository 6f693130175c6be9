"""The typed fields of a notice (`Record.notice`): one pydantic model per notice type.

The models are the list of notice types and their fields (the README's *Notice fields* table shows them).

Every model carries `type` (the notice type), so a notice dict says what it is and `Record.notice`
is the model its `type` names. Unknown keys are refused (a typo or an invented field fails validation on
every ingest path). Older stored outage notices (flat `windows` + `areas`) are converted on read:
each window becomes an event naming every area, which is all the old shape could say.

**A notice type is declared once** (issue 17): one model, a NoticeFields subclass that declares its own
`type_label` (which registers it, in declaration order), carries its code
(`type`), its Chinese name (`type_label`), each field with its Chinese label (`Field(title=…)`, which is also the
label the notice parser reads a printed `标签：值` by), how the notice parser recognises it (`title_rule`,
`body_rule`) and a printed example (`example`). `Record.notice_type` and `Record.notice`, `NOTICE_TYPES` (the
API's, page's, feeds' and alerts' filters, OAI-PMH sets), the labels of `gongkai.labels` and the parser's
classification read the registry when they run, so a type registered later (a plug-in module) is parsed,
stored, indexed, filtered and labelled like the built-in ones. A type whose fields need more than labelled
values gets a reader in parsers/notices/extract.py (`@reads("type")`).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    PlainSerializer,
    SerializeAsAny,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from gongkai.dates import CHINA_STANDARD_TIME

#: Notices print Beijing time. Times are kept naive (local) inside, and written with their offset in
#: JSON: RFC 3339 (OpenAPI `date-time`, iCalendar, harvesters) needs one, and a client abroad must not
#: read 08:00 as its own morning.


def _as_local(value: datetime) -> datetime:
    return value.astimezone(CHINA_STANDARD_TIME).replace(tzinfo=None) if value.tzinfo is not None else value


def with_offset(value: datetime) -> str:
    return value.replace(tzinfo=CHINA_STANDARD_TIME).isoformat()


#: A Beijing local time: accepts naive or offset input, holds a naive datetime, writes `…+08:00`.
LocalTime = Annotated[datetime, AfterValidator(_as_local), PlainSerializer(with_offset, return_type=str, when_used="json")]

Utility = Literal["water", "power", "gas", "unknown"]
Effect = Literal["cut", "reduced_pressure", "cancelled"]  # cancelled: a window a later notice calls off (停电取消, 时间变更)


class NoticeFields(BaseModel):
    """A notice model declares everything about its notice type: its fields, each with its Chinese label
    (`Field(title=…)`, what the detail page shows), and, on the notice types' models, the type's Chinese name
    (`type_label`: declaring it registers the model), the parser's rules and an example. gongkai.labels, gongkai.record,
    the notice parser and the shells derive their lists from here."""

    # In answers every field is written, `type` included: the schema of an answer says so (required), which makes the
    # notice models of Record.notice's oneOf exclusive by their `type` const (Redocly: "Schemas in oneOf must be
    # mutually exclusive"); input may still leave fields and `type` out.
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)
    type_label: ClassVar[str] = ""
    #: Regular expressions the notice parser tries on the folded title (may be broad: a title says what the
    #: notice is), else on the folded text (must be specific), in registration order; no rule: never chosen
    #: by the parser (`other` is what no rule takes).
    title_rule: ClassVar[str] = ""
    body_rule: ClassVar[str] = ""
    #: One printed notice of the type (title line, body, signature): `gongkai demo` loads the examples, and
    #: tests/test_notice_models.py parses each back into its type.
    example: ClassVar[str] = ""

    def headline(self, title: str) -> str:
        """What the notice is about (its party and what happened to it) as a title prints it (张三遗失居民身份证声明), made of
        what `title` does not name already; "" when the title names it all or the type has no party. The index searches it
        as the title (indexer.schema): 厦门日报 prints one 遗失声明 under its holder and items and the next under 遗失声明
        alone, and a notice's layout is no measure of what it is about (search16)."""
        return ""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        # A model that declares its own type_label is a notice type: declaring it registers it.
        super().__pydantic_init_subclass__(**kwargs)
        if "type_label" in cls.__dict__:
            register_notice_type(cls)


# ------------------------------------------------------------------------------------------ the registry
#: notice type -> its model, in the order the parser tries their rules; `other` (no rule) last.
NOTICE_MODELS: dict[str, type[NoticeFields]] = {}
_registry_version = 0


def register_notice_type(model: type[NoticeFields], *, before: str | None = "other") -> None:
    """Add a notice type: `model` declares it (see NoticeFields). Its rules are tried before those of
    `before` (default: just before `other`, the fallback, i.e. after every type registered so far)."""
    global _registry_version
    field = model.model_fields.get("type")
    name = field.default if field is not None else None
    if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", name):
        raise ValueError(f"{model.__name__}: a notice model declares `type: Literal[\"code\"] = \"code\"` (a-z, 0-9, _)")
    if not model.type_label:
        raise ValueError(f"{model.__name__}: a notice model declares its Chinese name as type_label")
    if NOTICE_MODELS.get(name, model) is not model:
        raise ValueError(f"notice type {name!r} is declared twice: {NOTICE_MODELS[name].__name__} and {model.__name__}")
    entries = [(key, value) for key, value in NOTICE_MODELS.items() if key != name]
    at = next((i for i, (key, _) in enumerate(entries) if key == before), len(entries))
    entries.insert(at, (name, model))
    NOTICE_MODELS.clear()
    NOTICE_MODELS.update(entries)
    _registry_version += 1


def unregister_notice_type(name: str) -> None:
    """Take a notice type out again (a plug-in unloaded, a test's own type); records of it no longer validate."""
    global _registry_version
    if name in NOTICE_MODELS:
        del NOTICE_MODELS[name]
        _registry_version += 1


def registry_version() -> int:
    """Changes with every registration: what caches derived from the registry compare."""
    return _registry_version


class _NoticeTypeNames(Sequence[str]):
    """NOTICE_TYPES: the registered types, read when used (a tuple taken at import would miss later ones)."""

    def __getitem__(self, index: Any) -> Any:
        return tuple(NOTICE_MODELS)[index]

    def __len__(self) -> int:
        return len(NOTICE_MODELS)

    def __iter__(self) -> Iterator[str]:
        return iter(tuple(NOTICE_MODELS))

    def __contains__(self, value: object) -> bool:
        return value in NOTICE_MODELS

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return repr(tuple(NOTICE_MODELS))


NOTICE_TYPE_NAMES: Sequence[str] = _NoticeTypeNames()


def notice_submodels(models: Sequence[type[BaseModel]] | None = None) -> list[type[BaseModel]]:
    """The notice models and every model nested in their fields (an outage's events and areas …), once each."""
    found: list[type[BaseModel]] = []

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.append(annotation)
                for field in annotation.model_fields.values():
                    visit(field.annotation)
            return
        for arg in typing.get_args(annotation):
            visit(arg)

    for model in models if models is not None else list(NOTICE_MODELS.values()):
        visit(model)
    return found


# ------------------------------------------------------------------------ what Record's fields accept
def _as_notice(value: Any) -> Any:
    """A notice dict to the model its `type` names (Record.notice_type fills a missing `type`)."""
    if value is None or isinstance(value, NoticeFields):
        return value
    if not isinstance(value, dict):
        raise PydanticCustomError("notice_object", "a notice is an object whose `type` names its model")
    kind = value.get("type")
    model = NOTICE_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise PydanticCustomError("notice_type", "unknown notice type '{kind}': one of {known}",
                                  {"kind": kind, "known": ", ".join(NOTICE_MODELS)})
    return model.model_validate(value)  # its errors name the field: notice.evnets: Extra inputs are not permitted


def _known_notice_type(value: str) -> str:
    if value not in NOTICE_MODELS:
        raise PydanticCustomError("notice_type", "unknown notice type '{kind}': one of {known}",
                                  {"kind": value, "known": ", ".join(NOTICE_MODELS)})
    return value


class _RegistrySchema:
    """The JSON Schema (OpenAPI) of a notice or a notice type, made from the registry when it is asked for."""

    def __init__(self, of: str) -> None:
        self.of = of

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        if self.of == "type":
            return {"type": "string", "enum": list(NOTICE_MODELS)}
        # oneOf without a `discriminator`: the models come inline (no component names for a mapping), and each
        # one's `type` const tells them apart anyway.
        return {"oneOf": [handler(model.__pydantic_core_schema__) for model in NOTICE_MODELS.values()]}


#: What Record.notice holds: the registered model named by the notice's `type` (written as that model).
Notice = Annotated[SerializeAsAny[NoticeFields], BeforeValidator(_as_notice), _RegistrySchema("notice")]
#: What Record.notice_type accepts: a registered notice type.
NoticeType = Annotated[str, AfterValidator(_known_notice_type), _RegistrySchema("type")]


class IdentifierNumber(NoticeFields):
    label: str = Field(description="as printed: 证号, 编号, 发票代码, 注册号, 身份证号 ...", title="证件")
    value: str = Field(title="号码")


class LostNotice(NoticeFields):
    """遗失声明: someone lost a licence, seal, invoice or certificate and declares it void."""

    type_label: ClassVar[str] = "遗失声明"
    title_rule: ClassVar[str] = r"遗失|丢失|遗落|挂失|作废声明"  # 作废声明: a void invoice or seal, printed in the same column
    body_rule: ClassVar[str] = r"(?:遗失|丢失|遗落|被盗).*(?:作废|声明|挂失)"
    example: ClassVar[str] = "厦门市鹭江贸易有限公司不慎遗失公章一枚，声明作废。"  # printed one a line
    type: Literal["lost"] = "lost"
    holder: str = Field("", description="who lost it: company or person (厦门某某贸易有限公司, 张三)", title="遗失人/单位")
    items: list[str] = Field(default_factory=list, description="what was lost (营业执照正副本, 公章, 发票 ...)", title="遗失物品")
    credit_codes: list[str] = Field(default_factory=list, description="统一社会信用代码, 18 characters, upper case", title="统一社会信用代码")
    numbers: list[IdentifierNumber] = Field(default_factory=list, description="other certificate/invoice numbers", title="证照编号")
    declared_void: bool = Field(False, description="the notice declares the items void (声明作废)", title="声明作废")

    def headline(self, title: str) -> str:
        # the fields are cut from the printed notice as the title is, so a plain `in` compares them ("" is in any title)
        holder = "" if self.holder in title else self.holder
        items = [item for item in self.items if item not in title]
        return f"{holder}遗失{'、'.join(items)}声明" if holder or items else ""


class TimeWindow(NoticeFields):
    """A window as the time parser finds it (parsers/notices/timewindows.py); events carry its start/end."""

    start: LocalTime | None = Field(None, description="ISO start; None when the date cannot be known", title="开始时间")
    end: LocalTime | None = Field(None, title="结束时间")
    text: str = Field("", description="the window as printed (7:00至6日18:30)", title="原文")


class OutageArea(NoticeFields):
    """One place as printed, cleaned but not rewritten: 思明区湖滨南路（禾祥西路至湖滨一里段）停电 →
    district 思明区, name 湖滨南路, section 禾祥西路至湖滨一里段."""

    name: str = Field(description="road, community, building or unit (湖滨南路, 高殿社区, 金尚小区)", title="路名/小区")
    district: str = Field("", description="区/县 printed before it (思明区)", title="区")
    subdistrict: str = Field("", description="街道/镇 printed before it (殿前街道)", title="街道/镇")
    section: str = Field("", description="the part of a road (禾祥西路至湖滨一里段, 中段, A1区、A2区)", title="路段")
    numbers: str = Field("", description="house-number range (188号至266号, 1—42号)", title="门牌号")
    text: str = Field("", description="as printed in the notice", title="原文")


class OutageEvent(NoticeFields):
    """One interruption: a window and the places printed with it."""

    utility: Utility = Field("unknown", title="类型")
    effect: Effect = Field("cut", description="cut (停水/停电/停气), reduced_pressure (降压供水) or cancelled (a window called off: 停电取消, 时间变更)", title="影响")
    start: LocalTime | None = Field(None, description="ISO start; None when the date cannot be known", title="开始时间")
    end: LocalTime | None = Field(None, title="结束时间")
    line: str = Field("", description="停电线路 / 检修线路 / 施工管段 when printed (10kV湖滨线)", title="线路/管段")
    areas: list[OutageArea] = Field(default_factory=list, title="影响区域")
    text: str = Field("", description="the window as printed (2024年5月6日8:00-17:00)", title="原文")


class OutageNotice(NoticeFields):
    """停水/停电/停气 通知."""

    type_label: ClassVar[str] = "停水停电通知"
    title_rule: ClassVar[str] = r"停水|停电|停气|停止供|暂停供|检修|(?:供应|供水|供电|供气)暂停"  # 中山路一带部分楼宇食水供应暂停
    # 水压偏低 (a pressure drop printed without 降压供水: 集美区侨英街道部分区域水压偏低) is this notice's too
    body_rule: ClassVar[str] = (r"停水|停电|停气|(?:暂停|停止|中断)(?:供水|供电|供气)|(?:降压|减压)供水|停电检修|水压(?:偏低|降低|下降)|供水压力"
                                r"|(?:供水|供电|供气|供应|食水|冲厕水|自来水)[^。；;\n]{0,12}?暂停")  # …的食水供应，将于W暂停; 住户的食水需要暂停
    example: ClassVar[str] = ("停电通知\n因10kV湖滨线检修，定于2024年5月8日8:00-17:00对湖滨南路（禾祥西路至湖滨一里段）停止供电。\n"
                              "国网厦门供电公司\n2024年5月6日")
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


#: how shares are sold rather than transferred by a company's decision: listed on an exchange, auctioned
_SHARES_SOLD = r"挂牌|拍卖|竞价|产权交易|招商转让"


class BusinessTaxNotice(NoticeFields):
    """工商、税务公告: 注销、减资、合并、分立、清算、欠税..."""

    type_label: ClassVar[str] = "工商税务公告"
    # 股权 a company's own change (股权转让公告), not shares sold by listing or auction (所持…20%股权挂牌转让公告, 产权交易: a sale,
    # no registration matter)
    title_rule: ClassVar[str] = (r"注销|减资|增资|合并|分立|清算|债权|吊销|欠税|税务|纳税|非正常户|迁址|歇业|"
                                 r"^(?!.*(?:" + _SHARES_SOLD + r")).*?股权")
    body_rule: ClassVar[str] = (r"注销|减资|清算组|债权人|吊销|欠税|欠缴税|非正常户|"  # 欠缴税款: a tax office's 公告 to a taxpayer
                                r"(?:^|[。\n])(?![^。\n]*(?:" + _SHARES_SOLD + r"))[^。\n]*?股权转让")
    example: ClassVar[str] = ("注销公告\n厦门市鹭江贸易有限公司经股东会决议，拟向公司登记机关申请注销登记，请债权人自本公告见报之日起"
                              "四十五日内向本公司清算组申报债权。\n厦门市鹭江贸易有限公司清算组\n2024年5月6日")
    type: Literal["business_tax"] = "business_tax"
    company: str = Field("", title="企业名称")
    credit_code: str = Field("", description="统一社会信用代码 when printed", title="统一社会信用代码")
    action: str = Field("", description="注销 | 减资 | 增资 | 合并 | 分立 | 清算 | 吊销 | 迁移 | 欠税 | 非正常户 | 股权出质 | 股权转让 | 其他",
                        title="事项")
    claim_period_days: int | None = Field(None, description="creditors may declare claims within N days", title="申报期限（天）")
    claim_deadline: date | None = Field(None, description="publish date + claim period, or a printed date", title="申报截止日期")
    capital_from: str = Field("", description="减资: registered capital before (1000万元)", title="原注册资本")
    capital_to: str = Field("", description="减资: registered capital after", title="变更后注册资本")

    def headline(self, title: str) -> str:
        company = "" if self.company in title else self.company
        action = "" if self.action in title or self.action == "其他" else self.action
        return f"{company}{action}公告" if company or action else ""


class GraveRelocationNotice(NoticeFields):
    """迁坟公告: graves in the way of a project must be moved by their owners by a day (registered before the land
    notices: a title such as 关于…项目用地范围内坟墓迁移的公告 names 用地 too)."""

    type_label: ClassVar[str] = "迁坟公告"
    title_rule: ClassVar[str] = r"迁坟|坟墓迁移|迁移坟墓|墓地迁移|迁移墓地|坟墓搬迁|迁葬"
    body_rule: ClassVar[str] = r"(?:坟主|墓主|坟墓)[^。\n]{0,40}?(?:迁移|迁出|搬迁|迁坟)"
    example: ClassVar[str] = ("迁坟公告\n因同安区西柯街道美峰片区道路建设需要，请项目红线范围内的坟主于2024年6月30日前自行迁移，逾期按无主坟"
                              "处理。联系电话：0592-7021234。\n厦门市同安区西柯街道办事处\n2024年5月6日")
    type: Literal["grave_relocation"] = "grave_relocation"
    # the land notices' labels (a field's label is one for every notice type: gongkai.labels)
    project: str = Field("", description="the project the graves are in the way of (…道路建设, …项目)", title="项目/地块")
    location: str = Field("", description="where the graves are, as printed (项目红线范围内, 某村某山)", title="位置")
    deadline: date | None = Field(None, description="the day by which owners must move them or register (…前, 至…止)", title="迁移期限")
    contact: str = Field("", description="联系电话 as printed", title="联系电话")
    issuer: str = Field("", title="发布单位")


#: things sold at auction or listed that are no land nor house
_NOT_LAND_SOLD = r"车辆|机动车|汽车|公务用车|船舶|股权|股份|经营权|债权|设备|物资|废旧|苗木|罚没|广告位|收费权"
#: a title naming no thing sold (拍卖公告, 拍卖会公告): the body says what is sold (a flat, or 报废机动车辆 it typed as land)
_BARE_SALE_TITLE = r"(?:拍卖|出让|挂牌|招租)会?(?:公告|通告|公示|启事|预告)"


class LandHousingNotice(NoticeFields):
    """国土资源、房产公告: 征收、拍卖、出让、挂牌、公示..."""

    type_label: ClassVar[str] = "国土房产公告"
    # 拍卖/出让/挂牌 alone are land's only when the title names no other thing sold (公务用车拍卖公告, 股权挂牌转让公告,
    # 公交线路特许经营权出让: no 国土房产公告; a title naming land or a house as well is land's by those words)
    # 招租 (a property let, fields14) as a sale is: a bare 招租公告 is the body's, a 广告位招租 no land's
    title_rule: ClassVar[str] = (r"国有建设用地|土地|征收|征地|拆迁|房产|房屋|厂房|商铺|店面|不动产|地块|宗地|商品房|预售|安置|补偿|棚户区|旧村改造|用地|"
                                 r"^(?!.*(?:" + _NOT_LAND_SOLD + r"))(?!\s*" + _BARE_SALE_TITLE + r"\s*$).*?(?:拍卖|出让|挂牌|招租)")
    body_rule: ClassVar[str] = (r"国有建设用地|土地使用权|房屋征收|征收决定|征地|拆迁|挂牌出让|不动产登记|商品房预售|宗地|棚户区|"
                                r"(?:^|[。\n])(?![^。\n]*(?:" + _NOT_LAND_SOLD + r"))(?!\s*" + _BARE_SALE_TITLE + r"\s*(?:\n|$))[^。\n]*?(?:拍卖(?!(?:有限|股份)?公司|行)|招租)")  # a sentence selling (or letting) no car; no auctioneer's name; not the bare title line
    example: ClassVar[str] = ("国有建设用地使用权挂牌出让公告\n经厦门市人民政府批准，厦门市自然资源和规划局决定以挂牌方式出让2024XP01地块"
                              "国有建设用地使用权，该地块位于湖里区金山街道。\n厦门市自然资源和规划局\n2024年5月6日")
    type: Literal["land_housing"] = "land_housing"
    project: str = Field("", description="parcel number or project name (2025XP03地块, 某某片区旧城改造项目)", title="项目/地块")
    location: str = Field("", description="where (位于/坐落于/土地位置)", title="位置")
    action: str = Field("", description="征收 | 拍卖 | 出让 | 挂牌 | 公示 | 预售 | 登记 | 补偿 (a 挂牌出让 or 拍卖出让: 出让)", title="事项")
    sale_method: str = Field("", description="how land is sold (出让方式): 挂牌 | 拍卖 | 招标 | 协议; \"\" when not a 出让", title="出让方式")
    deadlines: list[date] = Field(default_factory=list, description="dates something must be done by (截止, 前, a 挂牌期's end)", title="期限")
    area: str = Field("", description="the land's or building's 面积 as printed (12345.67平方米, 3.2568公顷); the first one printed",
                      title="面积")


class OtherNotice(NoticeFields):
    type_label: ClassVar[str] = "其他公告"
    example: ClassVar[str] = ("征兵公告\n根据兵役法，2024年征兵工作即日起开始，适龄青年可登录全国征兵网报名。\n厦门市征兵办公室\n"
                              "2024年5月6日")
    type: Literal["other"] = "other"
    issuer: str = Field("", title="发布单位")




_CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
#: Keys of the demo data written before the models (sample records of earlier releases), by type.
_LEGACY_DEMO_KEYS = {"other": ("subject", "location", "start", "end", "reason")}


def examples_column() -> str:
    """A notice column printing the example of every registered type (what `gongkai demo` loads beside its
    sample records, so the demo shows a new type without a new sample record)."""
    return "\n\n".join(model.example for model in NOTICE_MODELS.values() if model.example) + "\n"


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
    for model in notice_submodels():
        keys.update(model.model_fields)
    return keys
