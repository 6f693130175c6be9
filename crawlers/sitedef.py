"""Site definitions: what to crawl on one agency site or one newspaper, read from TOML.

Adding an agency site is adding a file `crawlers/sites/<name>.toml` (or one in a folder given with
`--sites-dir`), not code. Each file is validated when it is loaded; a mistake stops the load with a
message naming the file and the key. A site whose layout needs code names a spider class in
`spider = "module:Class"` (a small subclass of DisclosureSpider in one file).

Disclosure site keys (see crawlers/sites/xm-fgw.toml for a commented example):
  name, title, kind = "disclosure", base_url, start_urls, allowed_domains,
  detail_links (CSS selector of <a> on a list page), detail_url_pattern (regex the URL must match),
  next_page (CSS selector of the "next page" <a>), page_url (a list page's URL for a pager script: 'list_{page}.shtml'),
  max_list_pages,
  label_overrides (printed label -> Record field, for a CMS that prints unusual labels),
  attachment_types (file extensions fetched from a detail page; default: the parser registry's), schedule (cron),
  cadence_days (how often the site publishes something new; the freshness watch learns it when absent),
  spider ("module:Class"), politeness (concurrency, delay_seconds, max_delay_seconds, timeout_seconds, retries).
Newspaper keys: kind = "newspaper", issue_url (a template with {date:%Y-%m} style fields),
  page_links, article_links, notice_pages (regex on the page name), notice_titles (regex on the article title).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from gongkai.crawlers.json_lists import JsonList, api_request
from gongkai.errors import SiteDefinitionError  # defined in the core, where the shells catch it (issue 17)
from gongkai.parsers.registry import default_attachment_types
from gongkai.record import Record
from gongkai.settings import ParserSettings

BUILTIN_SITES_DIR = Path(__file__).resolve().parent / "sites"
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
_RECORD_FIELDS = set(Record.model_fields)
_CRON_FIELD = re.compile(r"^[\d*/,\-A-Za-z?LW#]+$")


class Politeness(BaseModel):
    """Per-site limits; the crawl options may loosen them only for 127.0.0.1 benchmarks."""

    model_config = ConfigDict(extra="forbid")

    concurrency: int = Field(2, ge=1, le=32, description="simultaneous requests to this domain")
    delay_seconds: float = Field(1.0, ge=0, le=60, description="start delay; AutoThrottle adapts it")
    max_delay_seconds: float = Field(30.0, ge=0, le=600)
    timeout_seconds: float = Field(30.0, gt=0, le=600)
    retries: int = Field(3, ge=0, le=10)


class SiteBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    title: str = ""
    base_url: str = ""
    allowed_domains: list[str] = Field(default_factory=list)
    schedule: str = Field("0 6 * * *", description="cron: minute hour day month weekday")
    cadence_days: float | None = Field(
        None, gt=0, description="how often the site publishes something new, in days (the freshness watch); none: learned")
    politeness: Politeness = Politeness()
    file: str = Field("", description="where the definition was read from (set by the loader)")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME_RE.fullmatch(value):
            raise ValueError("must be 1-63 characters of a-z 0-9 _ - (it becomes the record source 'site:<name>')")
        return value

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str) -> str:
        parts = value.split()
        if len(parts) != 5 or not all(_CRON_FIELD.fullmatch(p) for p in parts):
            raise ValueError(f"not a cron string of 5 fields (minute hour day month weekday): {value!r}")
        return value

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        if value and urlsplit(value).scheme not in ("http", "https"):
            raise ValueError(f"must be an http(s) URL: {value!r}")
        return value.rstrip("/")

    def absolute(self, url: str) -> str:
        """A start URL may be relative to base_url (fixture sites move port at every start)."""
        if urlsplit(url).scheme:
            return url
        if not self.base_url:
            raise SiteDefinitionError(f"{self.file or self.name}: relative URL {url!r} needs base_url")
        return urljoin(self.base_url + "/", url.lstrip("/"))

    def domains(self, urls: list[str]) -> list[str]:
        """allowed_domains, else the hosts of the given URLs."""
        if self.allowed_domains:
            return self.allowed_domains
        return sorted({urlsplit(u).hostname or "" for u in urls} - {""})

    @property
    def source(self) -> str:
        return f"site:{self.name}"


class DisclosureSite(SiteBase):
    kind: Literal["disclosure"] = "disclosure"
    # Before start_urls: its check reads it (a JSON list's first page is its start).
    json_list: JsonList | None = Field(None, description="the list is a JSON API: where its rows are (crawlers/json_lists.py)")
    start_urls: list[str] = Field(default_factory=list, validate_default=True, description="list pages to start from")
    detail_links: str = Field("a", description="CSS selector of the detail-page links on a list page")
    detail_url_pattern: str = Field("", description="regex a detail URL must match (empty: any link the selector finds)")
    next_page: str = Field("", description="CSS selector of the next-page link (empty: TRS's pager script or a 下一页 link, if any)")
    page_url: str = Field("", description="template of a list page's URL, e.g. 'list_{page}.shtml', for a 下一页 that runs a script "
                                          "(goPage(2)) the spider cannot read (crawlers/list_links.py)")
    max_list_pages: int = Field(200, ge=1, le=100_000)
    label_overrides: dict[str, str] = Field(default_factory=dict, description="printed label -> Record field")
    attachment_types: list[str] = Field(default_factory=default_attachment_types,
                                        description="extensions fetched from a detail page; default: the parser registry's (pdf, docx)")
    spider: str = Field("", description="'module:Class' of a DisclosureSpider subclass for a layout that needs code")

    @field_validator("start_urls")
    @classmethod
    def _starts(cls, value: list[str], info: ValidationInfo) -> list[str]:
        has_api = info.data.get("json_list") is not None
        if not value and not has_api:
            raise ValueError("List should have at least 1 item (a list page to start from), or give a [json_list]")
        if value and has_api:
            raise ValueError("give start_urls or a [json_list], not both (a JSON list starts at its API's first page)")
        return value

    @field_validator("detail_url_pattern")
    @classmethod
    def _regex(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from None
        return value

    @field_validator("label_overrides")
    @classmethod
    def _labels(cls, value: dict[str, str]) -> dict[str, str]:
        for label, field in value.items():
            if field not in _RECORD_FIELDS:
                raise ValueError(f"label {label!r} maps to {field!r}, which is not a Record field")
        return value

    @field_validator("attachment_types")
    @classmethod
    def _types(cls, value: list[str]) -> list[str]:
        return [t.lower().lstrip(".") for t in value]

    @field_validator("spider")
    @classmethod
    def _spider(cls, value: str) -> str:
        if value and not re.fullmatch(r"[\w.]+:\w+", value):
            raise ValueError("must be 'module:Class', e.g. 'gongkai.crawlers.site_xmzf:XmzfSpider'")
        return value

    @property
    def absolute_start_urls(self) -> list[str]:
        """The list pages to start from; for a JSON list, its API's first page."""
        if self.json_list is not None:
            return [api_request(self.json_list, self.base_url, self.json_list.first_page).url]
        return [self.absolute(u) for u in self.start_urls]


class NewspaperSite(SiteBase):
    kind: Literal["newspaper"]
    issue_url: str = Field(description="URL template of an issue's first page, e.g. '/xmrb/html/{date:%Y-%m}/{date:%d}/node_1.htm'")
    page_links: str = Field(description="CSS selector of the links to the issue's pages (版面)")
    article_links: str = Field(description="CSS selector of the article links on a page")
    notice_pages: str = Field("便民|公告|分类|声明|广告", description="regex on a page's name: its articles are notice columns")
    notice_titles: str = Field("声明|公告|通知|通告|公示|启事", description="regex on an article title: a notice column")

    @field_validator("notice_pages", "notice_titles")
    @classmethod
    def _regex(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from None
        return value

    @field_validator("issue_url")
    @classmethod
    def _template(cls, value: str) -> str:
        try:
            value.format(date=date(2024, 1, 2))
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"the template may only use {{date:...}} fields: {exc!r}") from None
        return value

    def issue_url_for(self, day: date) -> str:
        return self.absolute(self.issue_url.format(date=day))


class SiteFile(BaseModel):
    """Only to pick the model by `kind` with one clear error."""

    model_config = ConfigDict(extra="allow")
    kind: Literal["disclosure", "newspaper"] = "disclosure"


AnySite = DisclosureSite | NewspaperSite


def _describe(file: Path, error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        key = ".".join(str(p) for p in item["loc"]) or "(file)"
        message = item["msg"].removeprefix("Value error, ")
        parts.append(f"{file}: key {key!r}: {message}")
    return "; ".join(parts)


def default_name(file: Path) -> str:
    """xm-fgw.toml -> xm-fgw; a fixture site's xm-fgw/site.toml -> xm-fgw."""
    return file.parent.name if file.name == "site.toml" else file.stem


def parse_site(data: dict[str, Any], file: Path, overrides: dict[str, Any] | None = None) -> AnySite:
    """Validate one definition (a TOML table) read from `file`."""
    data = dict(data)
    data.setdefault("name", default_name(file))
    data.update(overrides or {})
    data["file"] = str(file)
    try:
        kind = SiteFile.model_validate(data).kind
        model = NewspaperSite if kind == "newspaper" else DisclosureSite
        return model.model_validate(data)
    except ValidationError as exc:
        raise SiteDefinitionError(_describe(file, exc)) from None


def read_toml(file: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SiteDefinitionError(f"{file}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteDefinitionError(f"{file}: cannot read: {exc}") from None


def load_site_file(file: Path, overrides: dict[str, Any] | None = None) -> AnySite:
    return parse_site(read_toml(file), file, overrides)


def site_files(dirs: list[Path] | None = None) -> list[Path]:
    """Every *.toml definition in the built-in folder and the extra folders, in order."""
    found: list[Path] = []
    for folder in [BUILTIN_SITES_DIR, *(dirs or [])]:
        folder = Path(folder)
        if folder.is_file():
            found.append(folder)
        elif folder.is_dir():
            found.extend(sorted(folder.glob("*.toml")))
            found.extend(sorted(folder.glob("*/site.toml")))  # a fixture site keeps its definition in its folder
        else:
            raise SiteDefinitionError(f"{folder}: no such folder of site definitions")
    return found


def load_sites(dirs: list[Path] | None = None, base_urls: dict[str, str] | None = None) -> dict[str, AnySite]:
    """All definitions by name; a later folder's site replaces a built-in one of the same name.

    `base_urls` overrides base_url per site (fixture sites are served on a new port every time).
    """
    sites: dict[str, AnySite] = {}
    for file in site_files(dirs):
        data = read_toml(file)
        name = str(data.get("name") or default_name(file))
        overrides = {"base_url": base_urls[name]} if base_urls and name in base_urls else None
        site = parse_site(data, file, overrides)
        sites[site.name] = site
    return sites


def label_rules(sites: Iterable[AnySite]) -> dict[str, dict[str, str]]:
    """Record source -> the site's label_overrides, for every disclosure site that has any: the parsing rule
    a crawl, `gongkai reparse`, `gongkai quarantine retry` and `gongkai sources check` hand the HTML parser
    (settings parsers.label_overrides), so the page is read the same way each time, by the definition as it is now."""
    return {site.source: dict(site.label_overrides) for site in sites
            if isinstance(site, DisclosureSite) and site.label_overrides}


def undefined_sources(sites: Iterable[AnySite], stored_sources: Iterable[str]) -> list[str]:
    """The stored records' crawled-site sources (`site:NAME`) that none of `sites` defines: a reparse reads their pages
    without that site's label_overrides, so `gongkai reparse` and the nightly reparse leave those records as they are."""
    defined = {site.source for site in sites}
    return sorted(source for source in stored_sources if source.startswith("site:") and source not in defined)


def parser_settings(parsers: ParserSettings, sites: Iterable[AnySite]) -> ParserSettings:
    """The parsers' settings with the sites' label rules added (a site's rule wins for its own source)."""
    rules = label_rules(sites)
    if not rules:
        return parsers
    return parsers.model_copy(update={"label_overrides": {**parsers.label_overrides, **rules}})
