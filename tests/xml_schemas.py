"""The official XML Schemas the strict tests validate against, taken from the package registries that ship
them (installed by `./dev test`, never copied into this repository), loaded with lxml and no network.

    xml_schemas.errors(xml_schemas.oai_pmh(), response.content)   # [] when valid: OAI-PMH.xsd + oai_dc + gongkai
    xml_schemas.errors(xml_schemas.siteindex(), body); xml_schemas.require("oai-identifier.xsd")   # skips, naming it

| schema | published at | package that ships it (where `./dev test` puts it) |
| --- | --- | --- |
| `OAI-PMH.xsd` (2008-12-07) | http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd | PyPI sdist `cubicweb-oaipmh` 1.0.1, `test/data/OAI-PMH.xsd` (tests/validators/pypi/) |
| `oai_dc.xsd` (2002-12-19) | http://www.openarchives.org/OAI/2.0/oai_dc.xsd | PyPI sdist `core-oaipmh-provider-app` 2.23.0, `core_oaipmh_provider_app/static/core_oaipmh_provider_app/xsd/` |
| `simpledc20021212.xsd` | http://dublincore.org/schemas/xmls/simpledc20021212.xsd | the same sdist, same folder |
| `xml.xsd` (2009-01) | http://www.w3.org/2001/xml.xsd | PyPI `xmlschema` (a test dependency), `xmlschema/schemas/XML/xml.xsd` |
| `sitemap.xsd` (2008-03-26) | https://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd | npm `sitemap` 9.0.1, `schema/sitemap.xsd` (tests/validators/node_modules/) |
| `oai-identifier.xsd` (2007-06-07) | http://www.openarchives.org/OAI/2.0/oai-identifier.xsd | none found on PyPI, npm or Debian: the checks that need it skip |
| `siteindex.xsd` (2009-04-08) | https://www.sitemaps.org/schemas/sitemap/0.9/siteindex.xsd | PyPI sdist `invenio-sitemap` 0.1.2, `tests/xsds/siteindex.xsd` (tests/validators/pypi/) |

Searched for oai-identifier.xsd and siteindex.xsd on 2026-12-05, listing every file of each archive (pip download,
npm pack, apt-get download; no Debian file index: `apt-file update` downloads the whole archive's list of file
names, a bulk download of a registry's names that this workplace does not allow):
- PyPI, OAI-PMH: pyoai 2.1.4/2.4.5/2.5.0 (OAI-PMH.xsd only), oaipmh 4.0.0, sickle 0.7.0, oaipmh-scythe 0.16.0,
  invenio-oaipmh-scythe 0.13.0, invenio-oaiserver 1.0.0/1.5.0/6.0.2, invenio-oaiharvester 0.1.1, django-oai-pmh
  0.3.0/0.3.9, oai-repo 0.1/0.3.4/0.5.2, MOAI 1.0/1.1.2/2.0.0, moai-iplweb 2.1.1, cubicweb-oaipmh 0.6.6/0.10.1/1.0.1
  (OAI-PMH.xsd only), core-oaipmh-provider-app 1.0.0/1.21.1/2.0.0/2.23.0 (oai_dc, simpledc only),
  core-oaipmh-harvester-app and core-oaipmh-common-app 1.0.0/2.23.0, core-explore-oaipmh-app 2.23.0,
  collective.oaiintercom 2.1.1, Products.ZOpenArchives 1.7.2, kongin 0.4.0, oaiharvest 3.0.0, oaipmharvest 0.0.7,
  Oxomoc 0.1.0, nr-oaipmh-harvesters 1.0.78, oarepo-oai-pmh-harvester 5.0.11, techlib-nr-oai-pmh-harvester,
  figshare-oai-pmh 1.0.4, oai-pmh-mcp 0.1.2, dltn-checker 0.0.2, finna-crawler, hfpclawer,
  swiss-academic-libraries-mcp, google.foresite-toolkit 1.3.3, data-harvesting 2.0.0, eulxml 1.1.3 (oai_dc only),
  eulfedora 1.7.2, pycsw 2.6.2, geonode-pycsw 3.0.0b2, pyxb-x 1.2.6.4, dcxml, datacite, dojson, ckanext-harvest,
  xmlschema 4.3.2, elementpath 5.1.4. (invenio 2.x, whose sdists pip cannot prepare, not looked into.)
- PyPI, sitemaps: resync 0.9.5/1.0.9/2.0.1, resync-simulator 1.1.0, and the latest of about 85 sitemap packages
  (advertools, ultimate-sitemap-parser, django-sitemaps, django-icv-sitemaps, xml-sitemap-writer, invenio-sitemap,
  flask-sitemap, flask-sitemapper, sphinx-sitemap, pelican-sitemap, checksitemap, crawlidator, cubicweb-seo,
  hugesitemap, localsitemap, sitemapr, asgi-sitemaps, sitemaps, sitemap, sitemap-generator, …). Only
  `sitemap-verify` 0.1.1 ships a `siteindex.xsd`, and it is a loosened rewrite, not the official file (`lastmod`
  any string, `loc` any URI, `<sitemap>` optional, lax wildcards): not used.
- npm: `sitemap` 1.13.0, 2.2.0, every 3.x to 9.x minor (4.0.x also shipped Google's image/video/news/mobile XSDs;
  never siteindex.xsd), oai-pmh 1.1.1/2.0.3, xsd-schema-validator, xsd-validator, xmllint, xmllint-wasm,
  validate-with-xmllint, libxmljs2-xsd, libxml-xsd, sitemaps, sitemapper, sitemap-generator, sitemap-parser,
  sitemap-stream-parser, crawl-sitemap, next-sitemap, @nuxtjs/sitemap, @astrojs/sitemap, @docusaurus/plugin-sitemap,
  gatsby-plugin-sitemap and about 25 more sitemap plugins; vnu-jar's vnu.jar (no sitemap or OAI schema).
- Debian bookworm: libhttp-oai-perl 4.12, libcatmandu-oai-perl 0.19, libdancer-plugin-catmandu-oai-perl 0.0508,
  idzebra-2.0-examples 2.2.7 (its OAI-PMH example), idzebra-2.0-common, yaz 5.34, libmarc4j-java 2.9.2,
  libdublincore-record-perl, libmarc-crosswalk-dublincore-perl, ruby-jekyll-sitemap 1.4.0, python3-sphinx-sitemap 2.2.0.
- Second search, same day: siteindex.xsd found in the sdists of `invenio-sitemap` 0.1.0 and 0.1.2 (its
  tests/xsds/, byte-identical; 0.2.0 and later ship no tests, which is why the first search, which took the
  latest version, missed it): the 2009-04-08 file (targetNamespace http://www.sitemaps.org/schemas/sitemap/0.9,
  `sitemapindex` of `tSitemap`, `loc` anyURI 12..2048, `lastmod` date|dateTime, strict `##other` wildcards),
  equal but for whitespace to an independent copy in another project; its sibling tests/xsds/sitemap.xsd equals
  npm `sitemap`'s schema/sitemap.xsd but for whitespace. oai-identifier.xsd is still in no package: besides the
  above, apt-cache search (oai, oai-pmh, "open archives", "metadata harvesting", "dublin core", harvest, sitemap,
  xsd: no package beyond those listed), the npm registry's search (answers 404 here), and the public-code index:
  the repositories of OAI-PMH tools on the registries (invenio-oaiserver, oai_repo, moai, oaipmh-scythe, pyoai,
  pycsw, the NIST core_oaipmh apps, HTTP::OAI, Catmandu-OAI and its Dancer plugin) hold no oai-identifier.xsd, and
  the code that loads a local copy is in projects published on no reachable registry (Java test suites on Maven,
  an OLAC validation script).
Each packaged file is the published one with only whitespace changed (checked when they were chosen; the three
sdists are pinned by hash in tests/validators/schema-sdists.txt, npm `sitemap` in tests/validators/package-lock.json).
The `gongkai` format's own schema is gongkai/feeds/gongkai-record.xsd (served at /oai/gongkai-record.xsd).

A resolver maps every schemaLocation (a W3C, openarchives.org or dublincore.org URL, or a relative name) to
the file of that name in its package, so an import never reaches for the internet (there is none on CI).
A schema that is not installed raises SchemaMissing; tests turn that into a skip naming it (`require`).
"""

from __future__ import annotations

import tarfile
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from lxml import etree

from gongkai.feeds.oai_native import NAMESPACE as GONGKAI_NS
from gongkai.feeds.oai_native import SCHEMA_PATH as GONGKAI_XSD

VALIDATORS = Path(__file__).resolve().parent / "validators"
SDISTS = VALIDATORS / "pypi"
NODE_MODULES = VALIDATORS / "node_modules"
SETUP = "run ./dev test as root (it installs tests/validators/: npm ci, and pip download of schema-sdists.txt)"

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


class SchemaMissing(LookupError):
    """An official schema is not installed here (or no registry ships it); the message says which and why."""


@dataclass(frozen=True)
class _Source:
    package: str
    where: str  # "sdist:<archive name>:<member>", "npm:<path under node_modules>", "python:<module>:<path>", "none"

    def read(self) -> bytes:
        kind, _, rest = self.where.partition(":")
        if kind == "sdist":
            archive, member = rest.split(":", 1)
            path = SDISTS / archive
            if not path.is_file():
                raise SchemaMissing(f"{self.package} is not downloaded to {SDISTS}: {SETUP}")
            with tarfile.open(path) as tar:
                return tar.extractfile(member).read()
        if kind == "npm":
            path = NODE_MODULES / rest
            if not path.is_file():
                raise SchemaMissing(f"{path} (npm {self.package}) is not installed: {SETUP}")
            return path.read_bytes()
        if kind == "python":
            module, relative = rest.split(":", 1)
            spec = find_spec(module)
            if spec is None or spec.origin is None:
                raise SchemaMissing(f"the Python package {self.package} is not installed (pip install -e '.[test]')")
            return (Path(spec.origin).parent / relative).read_bytes()
        raise SchemaMissing(f"no package on PyPI, npm or Debian was found to ship the official file ({self.package}),"
                            " and none is copied into this repository")


_OAI_DC_DIR = "core_oaipmh_provider_app-2.23.0/core_oaipmh_provider_app/static/core_oaipmh_provider_app/xsd"
#: Every schema by the file name its schemaLocation ends with.
SOURCES: dict[str, _Source] = {
    "OAI-PMH.xsd": _Source("cubicweb-oaipmh 1.0.1 (PyPI sdist)", "sdist:cubicweb-oaipmh-1.0.1.tar.gz:cubicweb-oaipmh-1.0.1/test/data/OAI-PMH.xsd"),
    "oai_dc.xsd": _Source("core-oaipmh-provider-app 2.23.0 (PyPI sdist)", f"sdist:core_oaipmh_provider_app-2.23.0.tar.gz:{_OAI_DC_DIR}/oai_dc.xsd"),
    "simpledc20021212.xsd": _Source("core-oaipmh-provider-app 2.23.0 (PyPI sdist)", f"sdist:core_oaipmh_provider_app-2.23.0.tar.gz:{_OAI_DC_DIR}/simpledc20021212.xsd"),
    "xml.xsd": _Source("xmlschema (PyPI)", "python:xmlschema:schemas/XML/xml.xsd"),
    "sitemap.xsd": _Source("sitemap 9.0.1", "npm:sitemap/schema/sitemap.xsd"),
    "oai-identifier.xsd": _Source("http://www.openarchives.org/OAI/2.0/oai-identifier.xsd", "none"),
    "siteindex.xsd": _Source("invenio-sitemap 0.1.2 (PyPI sdist)", "sdist:invenio_sitemap-0.1.2.tar.gz:invenio_sitemap-0.1.2/tests/xsds/siteindex.xsd"),
}


@cache
def schema_bytes(name: str) -> bytes:
    """The file's bytes from its package; SchemaMissing (naming the schema) where it cannot be had."""
    if name == "gongkai-record.xsd":
        return Path(GONGKAI_XSD).read_bytes()
    source = SOURCES.get(name)
    if source is None:
        raise SchemaMissing(f"{name}: no package is known to ship it")
    try:
        return source.read()
    except SchemaMissing as missing:
        raise SchemaMissing(f"{name}: {missing}") from None


def missing(*names: str) -> list[str]:
    """Why each of these schemas cannot be had ([] when all are here)."""
    reasons = []
    for name in names:
        try:
            schema_bytes(name)
        except SchemaMissing as why:
            reasons.append(str(why))
    return reasons


def require(*names: str) -> None:
    """Skip the calling test, naming each official schema it needs that is not here."""
    import pytest

    if reasons := missing(*names):
        pytest.skip("official XML Schema not available: " + "; ".join(reasons))


class _PackagedSchemas(etree.Resolver):
    def resolve(self, url, pubid, context):  # lxml's signature
        name = url.rstrip("/").rsplit("/", 1)[-1]
        return self.resolve_string(schema_bytes(name), context, base_url=name)


def _schema(imports: dict[str, str]) -> etree.XMLSchema:
    """One schema of several namespaces: a driver document importing each (namespace → file name)."""
    for name in imports.values():
        schema_bytes(name)  # SchemaMissing before lxml's less telling parse error
    lines = [f'<xs:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in imports.items()]
    driver = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">' + "".join(lines) + "</xs:schema>"
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_PackagedSchemas())
    return etree.XMLSchema(etree.fromstring(driver.encode(), parser, base_url="driver.xsd"))


#: What oai_pmh() needs; oai-identifier.xsd only where Identify's description is validated.
OAI_PMH_SCHEMAS = ("OAI-PMH.xsd", "oai_dc.xsd", "simpledc20021212.xsd", "xml.xsd")


@cache
def oai_pmh() -> etree.XMLSchema:
    """Responses of every verb and error, with the metadata (processContents=strict) and, where oai-identifier.xsd
    is installed, Identify's description. Without it an Identify answer fails (its description is strict):
    tests that validate one call require("oai-identifier.xsd") first."""
    imports = {OAI_NS: "OAI-PMH.xsd", OAI_DC_NS: "oai_dc.xsd", GONGKAI_NS: "gongkai-record.xsd"}
    if not missing("oai-identifier.xsd"):
        imports[OAI_IDENTIFIER_NS] = "oai-identifier.xsd"
    return _schema(imports)


@cache
def sitemap() -> etree.XMLSchema:
    return _schema({SITEMAP_NS: "sitemap.xsd"})


@cache
def siteindex() -> etree.XMLSchema:
    return _schema({SITEMAP_NS: "siteindex.xsd"})


def errors(schema: etree.XMLSchema, xml: bytes) -> list[str]:
    """The schema's complaints about a document ([] when valid), one line each."""
    document = etree.fromstring(xml)
    if schema.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
