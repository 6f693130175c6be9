"""The official XML Schemas vendored in tests/schemas/ (see its README), loaded with lxml and no network.

    OAI_PMH.assertValid(etree.fromstring(response.content))   # OAI-PMH.xsd + oai-identifier + oai_dc + gongkai
    SITEMAP.assertValid(...); SITEINDEX.assertValid(...)

A resolver maps every schemaLocation (a W3C or openarchives.org URL, or a relative name) to the file
of the same name here, so an import never reaches for the internet (there is none on CI).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from gongkai.feeds.oai_native import NAMESPACE as GONGKAI_NS
from gongkai.feeds.oai_native import SCHEMA_PATH as GONGKAI_XSD

SCHEMAS = Path(__file__).resolve().parent / "schemas"
#: schemaLocation names other than the file name: simpledc imports W3C's xml.xsd by a dated URL.
_ALIASES = {"gongkai-record.xsd": GONGKAI_XSD}


class _LocalSchemas(etree.Resolver):
    def resolve(self, url, pubid, context):  # noqa: ANN001 (lxml's signature)
        name = url.rstrip("/").rsplit("/", 1)[-1]
        path = _ALIASES.get(name) or SCHEMAS / name
        if not Path(path).is_file():
            raise LookupError(f"schema {url!r} is not vendored in {SCHEMAS}")
        return self.resolve_filename(str(path), context)


def _schema(imports: dict[str, str]) -> etree.XMLSchema:
    """One schema of several namespaces: a driver document importing each (namespace → file name)."""
    lines = [f'<xs:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in imports.items()]
    driver = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">' + "".join(lines) + "</xs:schema>"
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    document = etree.fromstring(driver.encode(), parser, base_url=(SCHEMAS / "driver.xsd").as_uri())
    return etree.XMLSchema(document)


@cache
def oai_pmh() -> etree.XMLSchema:
    """Responses of every verb and error, with the metadata (processContents=strict) and Identify's description."""
    return _schema(
        {
            "http://www.openarchives.org/OAI/2.0/": "OAI-PMH.xsd",
            "http://www.openarchives.org/OAI/2.0/oai-identifier": "oai-identifier.xsd",
            "http://www.openarchives.org/OAI/2.0/oai_dc/": "oai_dc.xsd",
            GONGKAI_NS: "gongkai-record.xsd",
        }
    )


@cache
def sitemap() -> etree.XMLSchema:
    return _schema({"http://www.sitemaps.org/schemas/sitemap/0.9": "sitemap.xsd"})


@cache
def siteindex() -> etree.XMLSchema:
    return _schema({"http://www.sitemaps.org/schemas/sitemap/0.9": "siteindex.xsd"})


def errors(schema: etree.XMLSchema, xml: bytes) -> list[str]:
    """The schema's complaints about a document ([] when valid), one line each."""
    document = etree.fromstring(xml)
    if schema.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
