"""OAI-PMH 2.0 data provider over the store (http://www.openarchives.org/OAI/2.0/openarchivesprotocol.htm).

    xml_bytes = OAIProvider(store, settings.feeds).respond(query_items, base_url)

- Identifiers: oai:<repository identifier>:<record id> (feeds.oai_repository_identifier, a domain name as
  oai-identifier.xsd demands; record ids are URI-safe: A-Z a-z 0-9 . _ : -). Datestamps: the record's last change (new version or
  withdrawal), UTC, seconds granularity; `from`/`until` accept YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.
- Sets: kind:disclosure, kind:notice, kind:notice:<notice type>, issuer:<hash of the issuer name>
  (setSpec allows only ASCII, so issuers get a stable short hash; setName is the Chinese name), and the parents
  `kind` and `issuer` their specs imply (§2.6: a setSpec is the path from the hierarchy's root; harvesting a set
  gives its subsets' records too). A header names the sets below them (kind:notice and kind:notice:lost).
- Formats: oai_dc (simple Dublin Core, lossy) and gongkai (every field of the Record, lossless;
  feeds/oai_native.py, schema at <base>/oai/gongkai-record.xsd).
- Withdrawn records stay harvestable as headers with status="deleted" (deletedRecord=persistent).
- Paging: a resumptionToken holds the request and the (change time, id) of the last record sent,
  so pages stay correct while records change; a record changed mid-harvest is sent again later.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from lxml import etree

from gongkai.feeds import oai_native
from gongkai.feeds.oai_native import is_xml_text, xml_text
from gongkai.labels import KIND_LABELS, NOTICE_TYPE_LABELS
from gongkai.record import NOTICE_TYPES, Record
from gongkai.store import outbox as changes

if TYPE_CHECKING:
    from gongkai.settings import FeedsSettings
    from gongkai.store.store import Store

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
OAI_ID_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"


@dataclass(frozen=True)
class MetadataFormat:
    #: The schema's URL; a relative one is relative to the repository's base URL (…/oai/).
    schema: str
    namespace: str
    #: (record, absolute schema URL) -> the element inside <metadata>
    build: Callable[[Record, str], etree._Element]

    def schema_url(self, base_url: str) -> str:
        return self.schema if "://" in self.schema else f"{base_url.rstrip('/')}/{self.schema}"


METADATA_FORMATS: dict[str, MetadataFormat] = {
    "oai_dc": MetadataFormat("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC_NS, lambda record, _schema: dublin_core(record)),
    "gongkai": MetadataFormat(oai_native.SCHEMA_FILE, oai_native.NAMESPACE, oai_native.gongkai_xml),
}

VERBS: dict[str, tuple[set[str], set[str]]] = {
    # verb: (required arguments, optional arguments); resumptionToken is handled apart (exclusive)
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), set()),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}),
}
PAGED_VERBS = {"ListIdentifiers", "ListRecords"}
_SETS_TOKEN_PREFIX = "sets:"  # a ListSets token: "sets:<position of the next set>:<the last set sent, see _sets_token>"
#: The parent sets (OAI-PMH §2.6) of `kind:…` and `issuer:…`, with their names.
PARENT_SET_NAMES = {"kind": "全部信息（按类别）", "issuer": "有发布机关的信息（按发布机关）"}
#: Tokens issued here are a few hundred characters; anything far longer was not issued here.
MAX_TOKEN_CHARS = 8192
MAX_CURSOR = 2**53  # a cursor counts records sent; beyond this the token was not issued here
#: The syntax of argument values (OAI-PMH.xsd's types): a value outside it is a badArgument (spec §3.6),
#: checked before anything is echoed, so <request> only ever carries values the schema accepts.
_VALUE_SYNTAX = {
    "metadataPrefix": re.compile(r"[A-Za-z0-9\-_.!~*'()]+"),
    "set": re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*"),
    "identifier": re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+"),
}
#: Errors after which <request> carries no attributes (spec §3.2: only the base URL).
_NO_ECHO = {"badVerb", "badArgument"}


class OAIError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Selection:
    """What a List request selects; the resumption token carries it from page to page."""

    prefix: str
    since: datetime | None = None
    before: datetime | None = None  # exclusive
    set_spec: str | None = None
    from_text: str | None = None
    until_text: str | None = None


def issuer_set_spec(issuer: str) -> str:
    return "issuer:" + hashlib.sha256(issuer.encode("utf-8")).hexdigest()[:16]


#: The two granularities of OAI-PMH.xsd's UTCdatetimeType, in ASCII digits: strptime's %Y and %d also take
#: full-width ones (２０２４-01-01), which the schema refuses, so such a `from` was echoed into an invalid <request>.
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SECOND = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
#: The end of time: an `until` of the last day (9999-12-31) has no next day to stop before.
_END_OF_TIME = datetime.max.replace(tzinfo=UTC)


def parse_datestamp(text: str, *, end_of_range: bool) -> tuple[datetime, str]:
    """A `from`/`until` value in either granularity → an aware UTC bound; ('day' | 'seconds')."""
    try:
        if _DAY.fullmatch(text):
            day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
            return (_next(day, timedelta(days=1)) if end_of_range else day), "day"
        if _SECOND.fullmatch(text):
            moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            return (_next(moment, timedelta(seconds=1)) if end_of_range else moment), "seconds"
    except ValueError:
        pass
    raise OAIError("badArgument", f"not a UTC datestamp (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ): {text!r}")


def _next(moment: datetime, step: timedelta) -> datetime:
    """The exclusive bound after an inclusive `until`; past 9999-12-31 (a harvester's "no end") the end of time,
    where the addition overflowed: a 500."""
    try:
        return moment + step
    except OverflowError:
        return _END_OF_TIME


def datestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")



#: Argument names an error message lists at most (a request of 10,000 made-up arguments was answered with all of them).
LISTED_NAMES = 10


def _listed(names: Sequence[str]) -> str:
    shown = ", ".join(name[:100] for name in names[:LISTED_NAMES])
    return shown if len(names) <= LISTED_NAMES else f"{shown} … ({len(names)} in all)"

class OAIProvider:
    def __init__(self, store: Store, settings: FeedsSettings) -> None:
        self.store = store
        self.settings = settings
        self.prefix = f"oai:{settings.oai_repository_identifier}:"

    def identifier(self, record_id: str) -> str:
        return self.prefix + record_id

    # -------------------------------------------------------------------------------- entry point

    def respond(self, items: Sequence[tuple[str, str]], base_url: str) -> bytes:
        """The complete response document for the request's arguments (query or form items)."""
        root = etree.Element(f"{{{OAI_NS}}}OAI-PMH", nsmap={None: OAI_NS, "xsi": XSI_NS})
        root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
        etree.SubElement(root, f"{{{OAI_NS}}}responseDate").text = datestamp(changes.store_clock(self.store))
        request = etree.SubElement(root, f"{{{OAI_NS}}}request")
        request.text = base_url
        try:
            verb, args = self._check_arguments(items)
            for name, value in [("verb", verb), *sorted(args.items())]:
                request.set(name, value)  # the syntax was checked: every echoed value is schema-valid
            body = getattr(self, f"_{verb}")(args, base_url)
            root.append(body)
        except OAIError as error:
            if error.code in _NO_ECHO:  # e.g. from=2024-13-45 found bad by the verb: echo nothing (spec 3.2)
                request.attrib.clear()
            element = etree.SubElement(root, f"{{{OAI_NS}}}error", code=error.code)
            message = error.message  # it may quote what the client sent: unsafe characters as \uXXXX
            element.text = message if is_xml_text(message) else xml_text(message, lossless=True)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def _check_arguments(self, items: Sequence[tuple[str, str]]) -> tuple[str, dict[str, str]]:
        # counted once: names.count() per name was quadratic, seconds of CPU for a form POST of 10,000 arguments
        counts = Counter(name for name, _ in items)
        values = dict(items)
        verb = values.pop("verb", None)
        if counts["verb"] != 1 or verb not in VERBS:
            raise OAIError("badVerb", "missing, repeated or unknown verb" if verb else "no verb given")
        unsafe = sorted(name for name, value in items if not is_xml_text(name) or not is_xml_text(value))
        if unsafe:
            # lxml refuses such characters, and no valid argument holds them: refuse before echoing anything
            raise OAIError("badArgument", f"control characters are not allowed in: {_listed(unsafe)}")
        repeated = sorted(name for name, count in counts.items() if count > 1)
        if repeated:
            raise OAIError("badArgument", f"repeated argument: {_listed(repeated)}")
        required, optional = VERBS[verb]
        if "resumptionToken" in values:
            if verb not in PAGED_VERBS | {"ListSets"}:
                raise OAIError("badArgument", f"{verb} takes no resumptionToken")
            if len(values) > 1:
                raise OAIError("badArgument", "resumptionToken is an exclusive argument")
            return verb, values
        unknown = sorted(set(values) - required - optional)
        if unknown:
            raise OAIError("badArgument", f"illegal argument for {verb}: {_listed(unknown)}")
        missing = sorted(required - set(values))
        if missing:
            raise OAIError("badArgument", f"missing argument for {verb}: {', '.join(missing)}")
        for name in ("from", "until"):
            if name in values:
                parse_datestamp(values[name], end_of_range=False)
        for name, syntax in _VALUE_SYNTAX.items():
            if name in values and not syntax.fullmatch(values[name]):
                raise OAIError("badArgument", f"{name} has an illegal syntax: {values[name]!r}")
        return verb, values

    # ------------------------------------------------------------------------------------- verbs

    def _Identify(self, _args: dict[str, str], base_url: str) -> etree._Element:  # OAI-PMH verb names
        node = etree.Element(f"{{{OAI_NS}}}Identify")
        earliest = changes.earliest_change(self.store) or datetime(1970, 1, 1, tzinfo=UTC)
        for name, value in (
            ("repositoryName", self.settings.oai_repository_name),
            ("baseURL", base_url),
            ("protocolVersion", "2.0"),
            ("adminEmail", self.settings.oai_admin_email),
            ("earliestDatestamp", datestamp(earliest)),
            ("deletedRecord", "persistent"),
            ("granularity", "YYYY-MM-DDThh:mm:ssZ"),
        ):
            etree.SubElement(node, f"{{{OAI_NS}}}{name}").text = value
        description = etree.SubElement(node, f"{{{OAI_NS}}}description")
        ident = etree.SubElement(description, f"{{{OAI_ID_NS}}}oai-identifier", nsmap={None: OAI_ID_NS})
        ident.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_ID_NS} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd")
        for name, value in (
            ("scheme", "oai"),
            ("repositoryIdentifier", self.settings.oai_repository_identifier),
            ("delimiter", ":"),
            ("sampleIdentifier", f"{self.prefix}0b2e3fd31f3cee0c6500"),
        ):
            etree.SubElement(ident, f"{{{OAI_ID_NS}}}{name}").text = value
        return node

    def _ListMetadataFormats(self, args: dict[str, str], base_url: str) -> etree._Element:
        if "identifier" in args:
            self._record_for(args["identifier"])
        node = etree.Element(f"{{{OAI_NS}}}ListMetadataFormats")
        for prefix, metadata_format in METADATA_FORMATS.items():
            fmt = etree.SubElement(node, f"{{{OAI_NS}}}metadataFormat")
            etree.SubElement(fmt, f"{{{OAI_NS}}}metadataPrefix").text = prefix
            etree.SubElement(fmt, f"{{{OAI_NS}}}schema").text = metadata_format.schema_url(base_url)
            etree.SubElement(fmt, f"{{{OAI_NS}}}metadataNamespace").text = metadata_format.namespace
        return node

    def _ListSets(self, args: dict[str, str], _base_url: str) -> etree._Element:
        # Paged like the record lists, oai_page_size sets a response (one per issuer: a platform-wide
        # repository has thousands). The token names the last set sent, and the next page starts after it in
        # the sorted list: by position, an issuer renamed away from its last record between two pages shifted
        # the list, and the harvester skipped a set (clients4, session 14).
        sets = self._sets()
        start = self._decode_sets_token(args["resumptionToken"], sets) if "resumptionToken" in args else 0
        size = self.settings.oai_page_size
        node = etree.Element(f"{{{OAI_NS}}}ListSets")
        for spec, name in sets[start : start + size]:
            entry = etree.SubElement(node, f"{{{OAI_NS}}}set")
            etree.SubElement(entry, f"{{{OAI_NS}}}setSpec").text = spec
            etree.SubElement(entry, f"{{{OAI_NS}}}setName").text = name
        if start > 0 or start + size < len(sets):
            token = etree.SubElement(node, f"{{{OAI_NS}}}resumptionToken", cursor=str(start), completeListSize=str(len(sets)))
            if start + size < len(sets):
                token.text = self._sets_token(start + size, sets[start + size - 1])
        return node

    @staticmethod
    def _sets_token(position: int, last: tuple[str, str]) -> str:
        """`sets:<position>:k<spec>` after a kind's set, `sets:<position>:i<issuer name>` after an issuer's (base64)."""
        spec, name = last
        key = "i" + name if spec.startswith("issuer:") else "k" + spec
        return f"{_SETS_TOKEN_PREFIX}{position}:" + base64.urlsafe_b64encode(key.encode("utf-8")).decode("ascii").rstrip("=")

    @staticmethod
    def _decode_sets_token(token: str, sets: list[tuple[str, str]]) -> int:
        bad = OAIError("badResumptionToken", "the resumptionToken is invalid or was not issued here")
        number, _, key = token.removeprefix(_SETS_TOKEN_PREFIX).partition(":")
        if not token.startswith(_SETS_TOKEN_PREFIX) or not number.isascii() or not number.isdigit() or len(number) > 10:
            raise bad
        start = int(number)
        if key:  # after the set it names, wherever that is now (the issuers are in code point order: _sets)
            try:
                last = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4)).decode("utf-8")
            except (binascii.Error, ValueError):
                raise bad from None
            kinds = [spec for spec, _ in sets if not spec.startswith("issuer:")]
            if last.startswith("k") and last[1:] in kinds:
                start = kinds.index(last[1:]) + 1
            elif last.startswith("i"):
                start = len(kinds) + bisect.bisect_right([name for spec, name in sets[len(kinds):]], last[1:])
            else:
                raise bad
        if not 0 < start < len(sets):
            raise bad
        return start

    def _GetRecord(self, args: dict[str, str], base_url: str) -> etree._Element:
        self._check_prefix(args["metadataPrefix"])
        record, changed_at = self._record_for(args["identifier"])
        node = etree.Element(f"{{{OAI_NS}}}GetRecord")
        node.append(self._record_element(record, changed_at, metadata=(args["metadataPrefix"], base_url)))
        return node

    def _ListIdentifiers(self, args: dict[str, str], base_url: str) -> etree._Element:
        return self._list("ListIdentifiers", args, base_url, with_metadata=False)

    def _ListRecords(self, args: dict[str, str], base_url: str) -> etree._Element:
        return self._list("ListRecords", args, base_url, with_metadata=True)

    # ---------------------------------------------------------------------------------- listing

    def _list(self, verb: str, args: dict[str, str], base_url: str, *, with_metadata: bool) -> etree._Element:
        if "resumptionToken" in args:
            selection, after, cursor = self._decode_token(args["resumptionToken"])
        else:
            selection, after, cursor = self._selection(args), None, 0
        filters = self._set_filters(selection.set_spec)
        size = self.settings.oai_page_size
        page = changes.records_by_change(
            self.store, since=selection.since, before=selection.before, after=after, limit=size + 1, **filters
        )
        if not page and after is None:
            raise OAIError("noRecordsMatch", "no record matches the given from, until and set")
        if not page:
            # A token is only issued while a record follows, but that record can leave the list before the
            # harvester comes back (changed after `until`, or out of the set): a list holding no record is
            # invalid (OAI-PMH.xsd: one record at least), and nothing is missing, so this is the list's end.
            raise OAIError("noRecordsMatch", "no more records: the rest of this list changed since the resumptionToken was issued")
        more = len(page) > size
        page = page[:size]
        node = etree.Element(f"{{{OAI_NS}}}{verb}")
        metadata = (selection.prefix, base_url) if with_metadata else None
        for item in page:
            element = self._record_element(item.record, item.changed_at, metadata=metadata)
            node.append(element if with_metadata else element.find(f"{{{OAI_NS}}}header"))
        if more or after is not None:
            token = etree.SubElement(node, f"{{{OAI_NS}}}resumptionToken", cursor=str(cursor))
            token.set("completeListSize", str(self._count(selection, filters)))
            if more:
                last = page[-1]
                token.text = self._encode_token(selection, last.changed_at, last.record.id, cursor + len(page))
        return node

    def _count(self, selection: Selection, filters: dict[str, Any]) -> int:
        return changes.count_by_change(self.store, since=selection.since, before=selection.before, **filters)

    def _selection(self, args: dict[str, str]) -> Selection:
        self._check_prefix(args["metadataPrefix"])
        since = before = None
        granularities = set()
        if "from" in args:
            since, granularity = parse_datestamp(args["from"], end_of_range=False)
            granularities.add(granularity)
        if "until" in args:
            before, granularity = parse_datestamp(args["until"], end_of_range=True)
            granularities.add(granularity)
        if len(granularities) > 1:
            raise OAIError("badArgument", "from and until must have the same granularity")
        if since and before and since >= before:
            raise OAIError("badArgument", "from is later than until")
        spec = args.get("set")
        if spec is not None:
            self._set_filters(spec)  # an unknown set fails before any paging starts
        return Selection(args["metadataPrefix"], since, before, spec, args.get("from"), args.get("until"))

    def _set_filters(self, spec: str | None) -> dict[str, Any]:
        if spec is None or spec == "kind":  # every record has a kind: the parent set `kind` is the whole repository
            return {}
        if spec == "issuer":  # the parent of every issuer's set: the records holding an issuer
            return {"with_issuer": True}
        if spec in ("kind:disclosure", "kind:notice"):
            return {"kind": spec.split(":")[1]}
        if spec.startswith("kind:notice:") and spec.removeprefix("kind:notice:") in NOTICE_TYPES:
            return {"kind": "notice", "notice_type": spec.removeprefix("kind:notice:")}
        if spec.startswith("issuer:"):
            names = [name for name in changes.distinct_issuers(self.store) if issuer_set_spec(name) == spec]
            if names:
                return {"issuers": names}
        raise OAIError("noRecordsMatch", f"no such set: {spec!r} (see ListSets)")

    def _sets(self) -> list[tuple[str, str]]:
        # The parents first (a harvester asked for `set=kind` after reading `kind:notice`'s spec: noRecordsMatch). The sets
        # before the issuers' are fixed, `issuer` among them (no `issuer:` prefix): _decode_sets_token finds them by name.
        sets = [("kind", PARENT_SET_NAMES["kind"])]
        sets += [(f"kind:{kind}", label) for kind, label in KIND_LABELS.items()]
        sets += [(f"kind:notice:{kind}", label) for kind, label in NOTICE_TYPE_LABELS.items()]
        sets.append(("issuer", PARENT_SET_NAMES["issuer"]))
        # in code point order, whatever the database's collation, so a ListSets token can name its place (_decode_sets_token)
        sets += [(issuer_set_spec(name), name) for name in sorted(changes.distinct_issuers(self.store))]
        return sets

    # ------------------------------------------------------------------------------ tokens

    def _encode_token(self, selection: Selection, changed_at: datetime, record_id: str, cursor: int) -> str:
        state = {
            "p": selection.prefix,
            "f": selection.from_text,
            "u": selection.until_text,
            "s": selection.set_spec,
            "t": changed_at.isoformat(),
            "i": record_id,
            "c": cursor,
        }
        raw = json.dumps(state, separators=(",", ":"), ensure_ascii=True).encode("ascii")
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    def _decode_token(self, token: str) -> tuple[Selection, tuple[datetime, str], int]:
        if len(token) > MAX_TOKEN_CHARS:
            raise OAIError("badResumptionToken", "the resumptionToken is invalid or was not issued here")
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            state = json.loads(raw)
            args = {"metadataPrefix": state["p"]}
            for key, name in (("f", "from"), ("u", "until"), ("s", "set")):
                if state[key] is not None:
                    args[name] = str(state[key])
            after = (datetime.fromisoformat(state["t"]), state["i"])
            cursor = state["c"]
            # Only what _encode_token writes: a record id and a whole count (a JSON true or an object read as
            # one paged from a position no record can hold).
            if not isinstance(after[1], str) or type(cursor) is not int:
                raise ValueError("not a token of ours")
            if after[0].tzinfo is None or not 0 <= cursor <= MAX_CURSOR:
                raise ValueError("bad cursor")
            selection = self._selection(args)
            # Only the bytes we write: base64's other alphabet, padding, blanks, JSON re-ordered or with other keys decoded
            # to a state we never issued, and paged from it (clients6). One encoding a request, cheap against its query.
            if self._encode_token(selection, after[0], after[1], cursor) != token:
                raise ValueError("not a token of ours")
        except OAIError as error:
            if error.code == "noRecordsMatch":  # an issuer's set whose last record moved to another issuer meanwhile
                raise
            raise OAIError("badResumptionToken", "the resumptionToken is invalid or was not issued here") from None
        except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError, OverflowError):
            raise OAIError("badResumptionToken", "the resumptionToken is invalid or was not issued here") from None
        return selection, after, cursor

    # ---------------------------------------------------------------------------- records

    def _check_prefix(self, prefix: str) -> None:
        if prefix not in METADATA_FORMATS:
            offered = " or ".join(METADATA_FORMATS)
            raise OAIError("cannotDisseminateFormat", f"metadataPrefix {prefix!r} is not supported; use {offered}")

    def _record_for(self, identifier: str) -> tuple[Record, datetime]:
        record_id = identifier.removeprefix(self.prefix) if identifier.startswith(self.prefix) else None
        record = self.store.get(record_id) if record_id else None
        times = changes.change_times(self.store, [record.id]) if record else {}
        if record is None or record.id not in times:
            raise OAIError("idDoesNotExist", f"no record with identifier {identifier!r}")
        return record, times[record.id]

    def _record_element(
        self, record: Record, changed_at: datetime, *, metadata: tuple[str, str] | None
    ) -> etree._Element:
        """<record>: its header, and with `metadata` = (metadataPrefix, base URL) its metadata."""
        node = etree.Element(f"{{{OAI_NS}}}record")
        header = etree.SubElement(node, f"{{{OAI_NS}}}header")
        if record.withdrawn:
            header.set("status", "deleted")
        etree.SubElement(header, f"{{{OAI_NS}}}identifier").text = self.identifier(record.id)
        etree.SubElement(header, f"{{{OAI_NS}}}datestamp").text = datestamp(changed_at)
        for spec in self._record_sets(record):
            etree.SubElement(header, f"{{{OAI_NS}}}setSpec").text = spec
        if metadata is not None and not record.withdrawn:
            prefix, base_url = metadata
            metadata_format = METADATA_FORMATS[prefix]
            container = etree.SubElement(node, f"{{{OAI_NS}}}metadata")
            if prefix == "gongkai":  # issue 19: the lossless format also carries the derived validity
                view = self.store.validity(record.id)
                element = oai_native.gongkai_xml(record, metadata_format.schema_url(base_url), validity=view["validity"] if view else None)
            else:
                element = metadata_format.build(record, metadata_format.schema_url(base_url))
            container.append(element)
        return node

    @staticmethod
    def _record_sets(record: Record) -> list[str]:
        specs = [f"kind:{record.kind}"]
        if record.kind == "notice" and record.notice_type:
            specs.append(f"kind:notice:{record.notice_type}")
        if record.issuer:
            specs.append(issuer_set_spec(record.issuer))
        return specs


def dublin_core(record: Record) -> etree._Element:
    """Simple Dublin Core (oai_dc) of a record."""
    dc = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS})
    dc.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")

    def add(name: str, value: Any) -> None:
        if value not in (None, ""):
            etree.SubElement(dc, f"{{{DC_NS}}}{name}").text = xml_text(str(value))  # for display: unsafe characters dropped

    add("title", record.title)
    add("creator", record.issuer)
    add("publisher", record.issuer)
    add("subject", record.topic)
    for keyword in record.keywords:
        add("subject", keyword)
    add("description", record.summary)
    add("date", record.publish_date.isoformat() if record.publish_date else None)
    if record.written_date and record.written_date != record.publish_date:
        add("date", record.written_date.isoformat())
    add("type", KIND_LABELS.get(record.kind, record.kind))
    if record.notice_type:
        add("type", NOTICE_TYPE_LABELS.get(record.notice_type, record.notice_type))
    add("identifier", record.doc_number)
    add("identifier", record.index_number)
    add("identifier", record.url)
    add("source", record.source)
    add("language", "zh")
    return dc

