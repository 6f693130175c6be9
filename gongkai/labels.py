"""Chinese labels for the codes the record type uses (kind, notice type, facet names, notice fields).

Below the web page and the feeds (Atom, OAI-PMH), which both show them, so feeds never import web."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from gongkai.notices import NOTICE_MODELS, notice_submodels, registry_version

KIND_LABELS: dict[str, str] = {"disclosure": "政府信息公开", "notice": "便民公告"}


class _FromRegistry(Mapping[str, str]):
    """A table derived from the notice registry (gongkai/notices.py), made again when a type is registered:
    a notice type added after import (a plug-in) is labelled too."""

    def __init__(self, make: Callable[[], dict[str, str]]) -> None:
        self._make = make
        self._made: tuple[int, dict[str, str]] = (-1, {})

    def _table(self) -> dict[str, str]:
        version = registry_version()
        if self._made[0] != version:
            self._made = (version, self._make())
        return self._made[1]

    def __getitem__(self, key: str) -> str:
        return self._table()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


#: The notice types' Chinese names, declared on their models (gongkai/notices.py).
NOTICE_TYPE_LABELS: Mapping[str, str] = _FromRegistry(lambda: {name: model.type_label for name, model in NOTICE_MODELS.items()})

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


def _field_labels() -> dict[str, str]:
    """Field name -> Chinese label, from the models' `Field(title=…)` (a name first labelled by a notice model
    keeps that label: `numbers` is 证照编号 of a lost notice, not an outage area's 门牌号)."""
    labels: dict[str, str] = {}
    for model in notice_submodels():
        for name, field in model.model_fields.items():
            if field.title:
                labels.setdefault(name, field.title)
    return labels


#: Every field of the notice models has its Chinese label, declared on the model (tests/test_notice_models.py
#: checks it): the detail page shows no raw key.
NOTICE_FIELD_LABELS: Mapping[str, str] = _FromRegistry(_field_labels)

#: Fields of one notice model not listed as rows: `type` is the tag above them, `events` has its own table.
NOTICE_FIELDS_NOT_ROWS = frozenset({"type", "events"})

EFFECT_LABELS: dict[str, str] = {"cut": "停止供应", "reduced_pressure": "降压供水", "cancelled": "已取消"}


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
