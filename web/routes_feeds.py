"""Routes of the feeds package: POST /api/ingest, Atom feeds, OAI-PMH at /oai, sitemaps.

    app.include_router(router)     # the app must carry the engine: app.state.engine, or app.state.ctx.engine

Thin shells: the documents are built and the pushes read behind the feeds facade (Facades.of(engine).feeds,
gongkai/facades/feeds.py), which delegates to gongkai.feeds; no module of gongkai.feeds is imported here
(tests/test_layers.py). Blocking work (SQLite, parsing, search) runs in the thread pool so the event loop
keeps serving.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import AsyncGenerator
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote_to_bytes

from fastapi import APIRouter, Request, Security
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.security import HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from gongkai.facades import Facades
from gongkai.facades.feeds import (
    OAI_SCHEMA_FILE,
    SITEMAP_MAX_PAGE,
    ClientJSONError,
    CursorError,
    PushRateLimiter,
    PushRequestError,
    PushResult,
    Refusal,
)
from gongkai.labels import NOTICE_TYPE_LABELS
from gongkai.record import NOTICE_TYPES
from gongkai.search_params import ParameterError, SearchParams, build_params
from gongkai.search_types import SearchResponse
from gongkai.web.conditional import STARTED, last_modified
from gongkai.web.schemas import ErrorResponse

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine

router = APIRouter()

ATOM_TYPE = "application/atom+xml; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"
#: /feeds/search.atom takes the /api/search filters; `from`/`to` are accepted for date_from/date_to.
SEARCH_FEED_PARAMS = ("q", "kind", "issuer", "notice_type", "topic", "year", "date_from", "date_to", "validity")
#: What makes one search feed (its id, the base of its paging links), in this order: `?kind=notice&q=停电` and
#: `?q=停电&kind=notice&utm_source=wechat` are the same feed; `date_from`/`date_to` (/api/search's names) are `from`/`to`.
SEARCH_FEED_IDENTITY = ("q", "kind", "issuer", "notice_type", "topic", "year", "from", "to", "validity")


def _identity_as_read(params: SearchParams) -> list[tuple[str, str]]:
    """A search feed's filters as build_params read them, by SEARCH_FEED_IDENTITY's names: kind=便民公告 and kind=notice,
    year=2014年 and 2014, from=2024年5月1日 and 2024-05-01 are one feed with one id (review20: each spelling was a feed of
    its own, so a reader subscribed by the page's link and by another client's showed every entry twice)."""
    read = {"q": params.q, "kind": params.kind, "issuer": params.issuer, "notice_type": params.notice_type,
            "topic": params.topic, "year": str(params.year) if params.year is not None else None,
            "from": params.date_from.isoformat() if params.date_from else None,
            "to": params.date_to.isoformat() if params.date_to else None, "validity": params.validity}
    return [(name, value) for name, value in read.items() if value]


def _one_value_each(request: Request, names: tuple[str, ...]) -> None:
    """Each of `names` given once, as /api/search requires (400 repeated_parameter): of `q=停电&q=停水` the feed searched
    the last and dropped the first unsaid, while its id and self link named both (clients4, session 14)."""
    from gongkai.web.api import UnknownParameters

    given = [name for name, _ in request.query_params.multi_items() if name in names]
    repeated = [name for name in dict.fromkeys(given) if given.count(name) > 1]
    if repeated:
        raise UnknownParameters(repeated, list(names), repeated=True)

# ------------------------------------------------------------------ OpenAPI declarations
# The routes return Response objects of their real media type; the OpenAPI document says so (not the
# application/json FastAPI assumes), and names every error status, each a JSON ErrorResponse.

_ERROR_DESCRIPTIONS = {
    400: "the request body or query cannot be read",
    401: "no valid agency token (Authorization: Bearer gk_…)",
    403: "the agency may not change this record",
    404: "no such feed, page or notice type",
    413: "the body is too large or holds too many records",
    415: "unsupported Content-Type or Content-Encoding (Accept-Encoding names the codings read)",
    422: "a parameter or a record is invalid",
    429: "too many requests; see Retry-After",
}
_ERROR_RESPONSE = {"model": ErrorResponse, "description": "error"}
_JSON_OBJECT = {"application/json": {"schema": {"type": "object"}}}


def _xml_responses(media_type: str, *errors: int, description: str = "the document") -> dict[int | str, dict[str, Any]]:
    """200 with `media_type` (a string body), and each error status as JSON."""
    responses: dict[int | str, dict[str, Any]] = {200: {"description": description, "content": {media_type.split(";")[0]: {"schema": {"type": "string"}}}}}
    for status in errors:
        responses[status] = {"model": ErrorResponse, "description": _ERROR_DESCRIPTIONS[status]}
    return responses


def _engine(request: Request) -> Any:
    state = request.app.state
    engine = getattr(state, "engine", None)
    if engine is None and getattr(state, "ctx", None) is not None:
        engine = state.ctx.engine
    if engine is None:
        raise RuntimeError("the app has no engine: set app.state.engine")
    return engine


def _self_url(request: Request, engine: Engine) -> str:
    """The URL the client asked for, on the public base (never the request's Host), percent-encoded."""
    return Facades.of(engine).feeds.self_url(request.url.path, request.url.query)


def _store_clock(engine: Engine) -> tuple[datetime, datetime | None]:
    """(now, the store's newest change), read before a document built from the store alone: its Last-Modified
    (gongkai.web.conditional.last_modified); read after, a change made meanwhile would be dated but not in it."""
    now = datetime.now(UTC)
    return now, Facades.of(engine).feeds.latest_change()


def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Bearer realm="gongkai ingest"'} if status == 401 else None
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status, headers=headers)


# ------------------------------------------------------------------------------------ push


_INGEST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "every item stored (or unchanged): {agency, counts, results}", "content": _JSON_OBJECT},
    201: {"description": "one new record stored", "content": _JSON_OBJECT},
    202: {"description": "a catalogue of the agency's files (index.jsonl, manifest.csv, 目录.xlsx): its lines applied to the files "
               "pushed before, the others waiting for theirs", "content": _JSON_OBJECT},
    207: {"description": "a batch of which some items were rejected: see results", "content": _JSON_OBJECT},
    **{status: {"model": ErrorResponse, "description": text} for status, text in _ERROR_DESCRIPTIONS.items() if status != 404},
}


#: The body the route reads itself (JSON, JSON Lines or multipart), described for clients and the API fuzzer.
_PUSHED_RECORD: dict[str, Any] = {
    "type": "object",
    "description": "record fields (the record format in the README); source and issuer default to the token's agency",
    "properties": {
        "id": {"type": "string"}, "kind": {"type": "string", "enum": ["disclosure", "notice"]}, "title": {"type": "string"},
        "doc_number": {"type": "string"}, "index_number": {"type": "string"}, "issuer": {"type": "string"},
        "publish_date": {"type": "string"}, "keywords": {"type": "array", "items": {"type": "string"}},
        "body": {"type": "string"}, "url": {"type": "string"}, "notice": {"type": "object"},
        "withdrawn": {"type": "boolean", "description": "true: the agency withdraws its own record (by id, 索引号 or url)"},
    },
}
_INGEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": {"anyOf": [_PUSHED_RECORD, {"type": "array", "items": _PUSHED_RECORD}]}},
        "application/x-ndjson": {"schema": {"type": "string", "description": "one record object per line"}},
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["file"], "additionalProperties": False,  # another part is refused (422)
            "properties": {"file": {"type": "string", "format": "binary"},
                           "metadata": {"type": "string", "description": "a JSON object of record fields that win over the extracted ones"}},
        }},
    },
}


# The agency's token, declared so that API clients and generated SDKs send it (the OpenAPI document had no security
# scheme: Redocly's "security-defined"); auto_error=False: it never answers for the route, which checks the token itself.
_AGENCY_TOKEN = HTTPBearer(auto_error=False, scheme_name="agencyToken", description="an agency's push token (gongkai tokens create AGENCY)")


@router.post("/api/ingest", tags=["ingest"], summary="Push records (JSON, JSON array, JSON Lines) or a document with metadata", response_class=Response, responses=_INGEST_RESPONSES, openapi_extra={"requestBody": _INGEST_BODY}, dependencies=[Security(_AGENCY_TOKEN)])
async def ingest(request: Request) -> Response:
    engine = _engine(request)
    limits = engine.settings.feeds
    rate_limiter = _rate_limiter(request)
    address = request.client.host if request.client else ""
    blocked = rate_limiter.blocked_address(address, limits)
    if blocked is not None:  # refused before the token is looked up: guessing stays slow
        return _rate_limited(blocked, f"too many requests without a valid token from {address}")
    agency = await run_in_threadpool(_agency_of, request, engine)
    if agency is None:
        rate_limiter.count_bad_token(address, limits)
        return _error(401, "unauthorized", "请提供有效的机构令牌 / send a valid agency token: Authorization: Bearer gk_…")
    over = rate_limiter.check_agency(agency, limits)
    if over is not None:
        return _rate_limited(over, f"too many requests for agency {agency}")
    encoding, refused = _body_coding(request)  # (a gzip body was read as text: 400 "neither UTF-8 nor GB18030 text")
    if refused is not None:
        return refused
    content_type = request.headers.get("content-type", "").lower()
    body_limit = max(limits.push_max_bytes, engine.settings.parsers.max_file_bytes) if content_type.startswith("multipart/") else limits.push_max_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > body_limit:
        return _error(413, "too_large", f"请求体过大 / the body is {declared} bytes; at most {body_limit} are accepted")
    body = await _read_limited(request, body_limit)
    if body is None:
        return _error(413, "too_large", f"请求体过大 / the body is over {body_limit} bytes")
    if encoding in _GZIP_ENCODINGS:
        try:
            body = await run_in_threadpool(_gunzipped_body, body, body_limit)
        except _BadGzipBody as exc:
            return _error(exc.status, exc.code, exc.message)

    if content_type.startswith("multipart/form-data"):
        return await _ingest_document(request, engine, agency, body)
    if not (content_type.startswith(("application/json", "application/x-ndjson", "application/jsonl", "application/json-seq", "text/plain")) or not content_type):
        return _error(415, "unsupported_media_type", "不支持的内容类型：请发送 JSON、JSON Lines 或文件表单 / send application/json, application/x-ndjson or multipart/form-data")
    feeds = Facades.of(engine).feeds
    try:
        items = feeds.split_push_body(body, content_type)
    except PushRequestError as exc:
        return _error(exc.status, exc.code, exc.message)
    results = await run_in_threadpool(feeds.push_records, agency, items)
    single = _opens_object(body) and len(items) == 1 and "ndjson" not in content_type
    return _results_response(engine, agency, results, single)


def _opens_object(body: bytes) -> bool:
    """The body is one JSON object (answered 201/200 alone, not as a batch), after a byte-order mark: Windows tools
    write one (Notepad, PowerShell), and such a record was answered as a batch of one (200 with results)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if body.startswith(bom):
            return body[len(bom):len(bom) + 400].decode(encoding, "ignore").lstrip()[:1] == "{"
    return body.lstrip()[:1] == b"{"


_MULTIPART_PARTS = ("file", "metadata")
_FILE_PART = re.compile(rb'(?im)^content-disposition:[ \t]*form-data;[ \t]*name="?file"?(?=[;\r\n])(?P<rest>[^\r\n]*)')
_PLAIN_FILENAME = re.compile(rb"(?i)(?:^|;)[ \t]*filename[ \t]*=")
_STAR_FILENAME = re.compile(rb"(?i)(?:^|;)[ \t]*filename\*[ \t]*=[ \t]*([^;\r\n]*)")


def _named_file_part(body: bytes) -> bytes:
    """The body with its `file` part named by a plain `filename=`: one named only RFC 2231's way (`filename*=utf-8''%E9%80%9A
    %E7%9F%A5.pdf`, as urllib3 1.x, older `requests` and some Java clients write a Chinese name), or not named at all
    (`curl -F "file=<通知.html"`), was read as a text field: 400 `no_file` ("need a 'file' part", which was there), or over
    1 MiB "Part exceeded maximum size" (doors6). The name's bytes are given as sent (_part_text reads them); none: upload."""
    found = _FILE_PART.search(body, 0, 2 * 1024 * 1024)  # the part's headers: after a metadata part of at most 1 MiB
    if found is None or _PLAIN_FILENAME.search(found.group("rest")):
        return body
    star = _STAR_FILENAME.search(found.group("rest"))
    name = b"upload"
    if star:
        _charset, _, rest = star.group(1).strip().strip(b'"').partition(b"'")
        name = unquote_to_bytes(rest.partition(b"'")[2]) or name
    name = bytes(c for c in name if c not in b'"\\\r\n\x00') or b"upload"
    return body[: found.end()] + b'; filename="' + name + b'"' + body[found.end():]


async def _ingest_document(request: Request, engine: Engine, agency: str, body: bytes) -> Response:
    async def stream() -> AsyncGenerator[bytes, None]:  # what MultiPartParser asks for
        yield body

    body = _named_file_part(body)
    headers, declared = _bytes_as_latin1(request.headers)
    parser = MultiPartParser(headers, stream(), max_files=1, max_fields=10, max_part_size=1024 * 1024)
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        return _error(400, "bad_multipart", f"文件表单无法读取 / the multipart body cannot be read: {exc.message}")
    feeds = Facades.of(engine).feeds
    try:
        # A part the push does not read is refused, not ignored: a misspelt `metadta` lost the agency's metadata
        # silently (schemathesis: "schema-violating request accepted").
        unknown = sorted({_part_text(name, declared) or name for name in form if name not in _MULTIPART_PARTS})
        if unknown:
            names = ", ".join(repr(name[:40]) for name in unknown[:5])
            return _error(422, "unknown_part", f"未知的表单字段 {names}：只读 file 和 metadata / unknown multipart part(s) {names}: send 'file' and optionally 'metadata'",
                          detail=[{"parameter": name[:40], "message": "未知的表单字段 / unknown part"} for name in unknown[:5]])
        # Two metadata parts: the form kept the last and the first was lost without a word (doors2); two files are
        # refused by the parser (max_files=1) already
        repeated = sorted({name for name, _ in form.multi_items() if len(form.getlist(name)) > 1})
        if repeated:
            names = ", ".join(repr(_part_text(name, declared) or name) for name in repeated)
            return _error(422, "repeated_part", f"表单字段 {names} 重复：每个字段只能发送一次 / multipart part(s) {names} sent more than once: send each once",
                          detail=[{"parameter": name[:40], "message": "重复的表单字段 / repeated part"} for name in repeated])
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            return _error(400, "no_file", "文件表单缺少 file 字段（要推送的文件） / multipart requests need a 'file' part (the document)")
        metadata: dict[str, Any] = {}
        raw = form.get("metadata")
        if raw is not None:
            text = _part_text(raw.encode("latin-1") if isinstance(raw, str) else await raw.read(), declared)
            if text is None:
                return _error(400, "bad_metadata", "元数据既不是 UTF-8 也不是 GB18030 编码的文字（metadata 字段） / metadata: neither UTF-8 nor GB18030 text")
            try:
                metadata = feeds.read_push_metadata(text)
            except ClientJSONError as exc:  # a huge number or deep nesting too, not only a syntax error
                return _error(exc.status, "bad_metadata", str(exc))  # Chinese first (feeds.push.read_metadata)
        data = await upload.read()
        result = await run_in_threadpool(
            feeds.push_document, agency, data, _part_text(upload.filename or "", declared) or "upload", upload.content_type or "", metadata
        )
    finally:
        await form.close()
    return _results_response(engine, agency, [result], single=True)


def _bytes_as_latin1(headers: Headers) -> tuple[Headers, str | None]:
    """The request's headers with the multipart body's charset set to latin-1, and the charset the client declared.
    Starlette decodes a part's name, file name and value as UTF-8, else as latin-1: a Windows client's GBK metadata
    (`{"索引号": …}`) arrived as `{"Ë÷ÒýºÅ": …}`, refused as a field a record does not have, and a GBK file name was
    stored as mojibake. Read as latin-1 every text keeps its bytes, which _part_text decodes by the record files' rule."""
    content_type = headers.get("content-type", "")
    params = [part.strip() for part in content_type.split(";")]
    declared = next((part.partition("=")[2].strip('"') for part in params[1:] if part.lower().startswith("charset=")), None)
    kept = [part for part in params if not part.lower().startswith("charset=")]
    raw = [(key, value) for key, value in headers.raw if key.lower() != b"content-type"]
    return Headers(raw=[*raw, (b"content-type", "; ".join([*kept, "charset=latin-1"]).encode("latin-1"))]), declared


def _part_text(value: str | bytes, declared: str | None) -> str | None:
    """A multipart text (read as latin-1: _bytes_as_latin1) as the client wrote it: the charset it declared, else UTF-8,
    else GB18030 (the record files' rule); None when it is none of them."""
    data = value.encode("latin-1") if isinstance(value, str) else value
    bom = ["utf-16"] if data.startswith((b"\xff\xfe", b"\xfe\xff")) else []  # Notepad's "Unicode"
    for encoding in ([declared] if declared else []) + bom + ["utf-8-sig", "gb18030"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _results_response(engine: Engine, agency: str, results: list[PushResult], single: bool) -> JSONResponse:
    status, payload = Facades.of(engine).feeds.push_answer(agency, results, single)
    return JSONResponse(payload, status_code=status)


def _rate_limiter(request: Request) -> PushRateLimiter:
    """The app's push limiter, made on first use (counts are per server process)."""
    state = request.app.state
    limiter = getattr(state, "push_rate_limiter", None)
    if limiter is None:  # no await since the lookup: no other request can make a second one meanwhile
        limiter = state.push_rate_limiter = PushRateLimiter()
    return limiter


def _rate_limited(refusal: Refusal, what: str) -> JSONResponse:
    message = f"请求过于频繁，请 {refusal.retry_after} 秒后重试 / {what}; retry after {refusal.retry_after} s (settings feeds.{refusal.limit})"
    response = _error(429, "rate_limited", message, retry_after=refusal.retry_after)
    response.headers["Retry-After"] = str(refusal.retry_after)
    return response


def _agency_of(request: Request, engine: Engine) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return Facades.of(engine).feeds.agency_of_token(token)


#: the body compressions the push and the OAI-PMH form read (`Content-Encoding`); another (br, deflate, zstd) is 415,
#: naming it, with `Accept-Encoding: gzip` saying what would be read (RFC 9110 §15.5.16)
_GZIP_ENCODINGS = ("gzip", "x-gzip")


def _body_coding(request: Request) -> tuple[str, JSONResponse | None]:
    """The request body's content coding, and the 415 for one not read here (else None). The OAI-PMH form read its
    coded bytes as the form (a gzip body was `badVerb`), and the push's 415 named no coding it reads (clients12)."""
    encoding = request.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity", *_GZIP_ENCODINGS):
        return encoding, None
    refused = _error(415, "unsupported_encoding", f"不支持的请求体压缩方式 {encoding[:30]}：请用 gzip 或不压缩 / Content-Encoding "
                     f"{encoding[:30]} is not accepted: send the body gzip-compressed or uncompressed")
    refused.headers["Accept-Encoding"] = "gzip"
    return encoding, refused


class _BadGzipBody(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _gunzipped_body(body: bytes, limit: int) -> bytes:
    """A `Content-Encoding: gzip` body inflated (each member: a client may concatenate them), at most `limit` bytes,
    the limit the body itself has uncompressed: more is a 413 before more is inflated (a bomb is never held whole); a
    stream cut short or damaged is a 400. It was a 415 "send the body uncompressed" (doors7's leftover): a Java
    HttpClient's GZIPOutputStream, a requests hook or a proxy compressing the agency's upload were all refused."""
    out: list[bytes] = []
    size, rest = 0, body
    try:
        while rest:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            chunk = inflater.decompress(rest, limit + 1 - size)
            while True:
                size += len(chunk)
                if size > limit:
                    raise _BadGzipBody(413, "too_large", f"请求体解压后过大 / the gzip body inflates to more than {limit} bytes, the body's limit")
                out.append(chunk)
                if inflater.eof or not inflater.unconsumed_tail:
                    break
                chunk = inflater.decompress(inflater.unconsumed_tail, limit + 1 - size)
            if not inflater.eof:
                raise zlib.error("the stream ends before its gzip trailer")
            rest = inflater.unused_data.lstrip(b"\x00")  # (gzip pads with zeros at times: as gzip -d reads)
    except zlib.error as exc:
        raise _BadGzipBody(400, "bad_gzip", f"gzip 压缩的请求体不完整或已损坏 / the gzip body is cut short or damaged: {exc}") from None
    return b"".join(out)


async def _read_limited(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it grows past `limit` (chunked bodies have no Content-Length)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


# ------------------------------------------------------------------------------------ Atom

#: The search feed's pages are whole publish days (gongkai.feeds.atom_pages): its `next` link's parameter, declared.
_SEARCH_PAGED = {"parameters": [{"name": "until", "in": "query", "required": False,
                                 "schema": {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "enum": ["undated"]}]},
                                 "description": "the page of matches published on this day or before, or `undated`: the matches "
                                                "with no publish day, after the last dated page (a `next` link's)"}]}


@router.get("/feeds/search.atom", tags=["feeds"], summary="Atom feed of a search (same filters as /api/search), paged by publish day (RFC 5005)", response_class=Response, responses=_xml_responses(ATOM_TYPE, 400, 422, description="an Atom feed"), openapi_extra=_SEARCH_PAGED)
def search_feed(request: Request) -> Response:
    engine = _engine(request)
    _one_value_each(request, (*SEARCH_FEED_PARAMS, "from", "to", "until"))
    raw = {name: request.query_params.get(name) for name in SEARCH_FEED_PARAMS}
    raw["date_from"] = raw["date_from"] or request.query_params.get("from")
    raw["date_to"] = raw["date_to"] or request.query_params.get("to")
    try:
        params = build_params(raw, engine.settings.search, strict=True)
    except ParameterError as exc:
        return _error(422, "invalid_parameter", str(exc), detail=[{"parameter": exc.name, "message": exc.message}])
    except ValueError as exc:  # build_params lets some out, e.g. int() of a year of more than 4300 digits
        return _error(422, "invalid_parameter", f"参数无法读取 / a parameter could not be read: {str(exc)[:200]}")
    params = replace(params, sort="date", page=1, facets=False)
    feeds = Facades.of(engine).feeds

    def search(day_to: date | None, day_from: date | None, limit: int, offset: int) -> Any:
        # the page's days within the client's own from/to
        bounded = replace(params, page_size=limit, date_to=min((d for d in (params.date_to, day_to) if d), default=None),
                          date_from=max((d for d in (params.date_from, day_from) if d), default=None))
        if bounded.date_from and bounded.date_to and bounded.date_from > bounded.date_to:
            return SearchResponse(total=0)
        answer = engine.search(replace(bounded.to_request(), offset=offset))
        answered.append(answer)
        return answer

    answered: list[Any] = []  # the searches run, the first page's first: was its answer relaxed, dropping which words

    try:
        items = [*_identity_as_read(params), *((name, value) for name, value in request.query_params.multi_items() if name == "until")]
        hits, first, pages = feeds.search_feed_page(items, search, lambda query: feeds.self_url(request.url.path, query), reads=SEARCH_FEED_IDENTITY)
    except CursorError as exc:
        return _error(422, "invalid_parameter", str(exc))
    except ValueError as exc:
        return _error(400, "bad_query", f"the query could not be run: {exc}")
    records = [record for record in (engine.get(hit.id) for hit in hits) if record and not record.withdrawn]
    times = feeds.change_times([r.id for r in records])
    # The first page (what a reader polls) says which records it matched were withdrawn lately, as RFC 6721 tombstones:
    # the index holds live ones only, so such a record left the feed unsaid and readers kept showing it (session 17).
    # A relaxed answer (no record held every word) lists records holding the words it did not drop, so the withdrawn
    # ones are matched on those words: matched on every word, a record the feed showed relaxed got no tombstone.
    asked = params.q
    for word in answered[0].dropped if answered and answered[0].relaxed else []:
        asked = asked.replace(word, " ")
    nothing = bool(answered) and answered[0].nothing_searchable  # 。。: no entry, and no withdrawn record's tombstone either
    gone = [] if "until" in request.query_params or nothing else feeds.withdrawn_matching_search(
        asked, {name: value for name, value in raw.items() if value and name != "q"})
    described = " ".join(f"{k}={v}" for k, v in params.query_items()) or "全部"
    if nothing:  # the subscriber is told why the feed stays empty
        described += f"；“{params.q}”没有可检索的文字（只有标点或符号），不会列出任何记录"
    body = feeds.atom_feed(  # issue 19: repealed entries are marked
        title=f"公开 gongkai 检索订阅: {params.q or '全部'}",
        subtitle=f"最新发布的记录 ({described})",
        feed_url=_self_url(request, engine),
        entries=[*((r, times[r.id]) for r in records if r.id in times), *gone],
        id_url=first, pages=pages,
        # with no entry: the store's last change, not now (its bytes, and so its ETag, changed every second)
        updated_if_empty=None if records else feeds.latest_change() or STARTED,
    )
    return Response(body, media_type=ATOM_TYPE)


# {name:path}: an issuer's name may hold "/" (厦门市发展和改革委员会/厦门市粮食局), which the server decodes from %2F
# before routing: with {name} such a feed was a 404.
#: RFC 5005 paging of the store's feeds (gongkai.feeds.atom_pages), declared: the routes read the query themselves.
_PAGED = {"parameters": [
    {"name": "before", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "the page of entries older than this cursor (a `next` link's); at most one of before and after"},
    {"name": "after", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "the page of entries newer than this cursor (a `previous` link's), or `start`: the oldest page (`last`)"},
]}


@router.get("/feeds/issuer/{name:path}.atom", tags=["feeds"], summary="Atom feed of one issuing body (发布机构), paged (RFC 5005)", response_class=Response, responses=_xml_responses(ATOM_TYPE, 422, description="an Atom feed"), openapi_extra=_PAGED)
def issuer_feed(request: Request, name: str) -> Response:
    engine = _engine(request)
    name = name.strip()
    if not name or len(name) > 200:
        return _error(422, "invalid_parameter", "发布机构名称应为1至200个字符 / issuer name must be 1-200 characters")
    if any(ord(ch) < 0x20 or ch in "\x7f\ufffe\uffff" for ch in name):  # no issuer has them; XML could not carry most
        return _error(422, "invalid_parameter", "发布机构名称不能含控制字符 / issuer name must not contain control characters")
    feeds = Facades.of(engine).feeds
    now, changed = _store_clock(engine)
    # The feed's URL (its id) spells a "/" in the name as %2F, however the client wrote it: one feed, one id.
    try:
        latest, first, pages = feeds.feed_page(list(request.query_params.multi_items()), lambda query: feeds.issuer_feed_url(name, query), issuer=name)
    except CursorError as exc:
        return _error(422, "invalid_parameter", str(exc))
    body = feeds.atom_feed(
        title=f"{name} — 公开 gongkai",
        subtitle=f"{name} 发布的政府信息与公告",
        feed_url=feeds.issuer_feed_url(name, request.url.query),
        entries=[(item.record, item.changed_at) for item in latest],
        updated_if_empty=changed or STARTED, id_url=first, pages=pages,
    )
    return Response(body, media_type=ATOM_TYPE, headers=last_modified(changed, now))


@router.get("/feeds/notices/{notice_type}.atom", tags=["feeds"], summary="Atom feed of one notice type (停电, 遗失声明 …), paged (RFC 5005)", response_class=Response, responses=_xml_responses(ATOM_TYPE, 404, 422, description="an Atom feed"), openapi_extra=_PAGED)
def notice_feed(request: Request, notice_type: str) -> Response:
    engine = _engine(request)
    if notice_type not in NOTICE_TYPES:
        return _error(404, "not_found", f"没有这种公告类型 / no notice type {notice_type[:40]!r}; one of {', '.join(NOTICE_TYPES)}")
    feeds = Facades.of(engine).feeds
    now, changed = _store_clock(engine)
    try:
        latest, first, pages = feeds.feed_page(list(request.query_params.multi_items()), lambda query: feeds.self_url(request.url.path, query),
                                               kind="notice", notice_type=notice_type)
    except CursorError as exc:
        return _error(422, "invalid_parameter", str(exc))
    label = NOTICE_TYPE_LABELS.get(notice_type, notice_type)
    body = feeds.atom_feed(
        title=f"{label} — 公开 gongkai 便民公告",
        subtitle=f"最新的{label}",
        feed_url=_self_url(request, engine),
        entries=[(item.record, item.changed_at) for item in latest],
        updated_if_empty=changed or STARTED, id_url=first, pages=pages,
    )
    return Response(body, media_type=ATOM_TYPE, headers=last_modified(changed, now))


# ------------------------------------------------------------------- outage calendar per street

ICS_TYPE = "text/calendar; charset=utf-8"


def _outages_of(request: Request) -> tuple[Any, str, list[Any]] | JSONResponse:
    """The engine, the area asked for and (record, its events naming the area) pairs, any day; or a 422."""
    from gongkai.errors import QueryError
    from gongkai.search_params import clean_query

    engine = _engine(request)
    _one_value_each(request, ("area",))
    area = clean_query(request.query_params.get("area") or "")
    if not area or len(area) > 100:
        return _error(422, "invalid_parameter", "请填写街道或小区（1至100个字符）/ area must be 1-100 characters (a street, community or building)",
                      detail=[{"parameter": "area", "message": "应为1至100个字符 / must be 1-100 characters"}])
    try:
        return engine, area, engine.outages(area, None)
    except QueryError as exc:
        said = f"请填写街道、小区或路名 / {exc}"
        return _error(422, "invalid_parameter", said, detail=[{"parameter": "area", "message": said}])


@router.get("/feeds/outages.ics", tags=["feeds"], summary="iCalendar of the outage windows naming a street (one event per window)", response_class=Response, responses=_xml_responses(ICS_TYPE, 400, 422, description="an iCalendar document"))
def outage_calendar(request: Request) -> Response:
    found = _outages_of(request)
    if isinstance(found, JSONResponse):
        return found
    engine, area, pairs = found
    called_off = engine.outages(area, None, called_off=True)  # kept as cancelled events (the lookup's answer leaves them out)
    return Response(Facades.of(engine).feeds.outage_calendar(area, pairs, _self_url(request, engine), called_off), media_type=ICS_TYPE)


@router.get("/feeds/outages.atom", tags=["feeds"], summary="Atom feed of the outage notices naming a street", response_class=Response, responses=_xml_responses(ATOM_TYPE, 400, 422, description="an Atom feed"))
def outage_atom(request: Request) -> Response:
    found = _outages_of(request)
    if isinstance(found, JSONResponse):
        return found
    engine, area, pairs = found
    # the notices calling off a window of the street too (停电取消): left out, a reader subscribed to it never heard of them
    # (a street's alert tells them; feeds/alerts.py), and a notice whose every window was called off left the feed unsaid
    notices = {record.id: (record, events) for record, events in [*pairs, *engine.outages(area, None, called_off=True)]}
    pairs = sorted(notices.values(), key=lambda pair: (pair[0].publish_date or date.min, pair[0].id), reverse=True)
    feeds = Facades.of(engine).feeds  # with no entry `updated` is the store's last change, not now (a new ETag each second)
    # notices of the street withdrawn lately, as RFC 6721 tombstones (the lookup answers live ones only: session 17)
    gone = feeds.withdrawn_matching_area(area)
    return Response(feeds.outage_atom(area, pairs, _self_url(request, engine), None if pairs or gone else feeds.latest_change() or STARTED, gone=gone),
                    media_type=ATOM_TYPE)


# ---------------------------------------------------------------------------------- OAI-PMH


#: The largest OAI-PMH POST body read here (a resumption token is at most 8,192 characters; 10,000 arguments about 90 kB).
_OAI_FORM_BYTES = 1024 * 1024
_OAI_RESPONSES = _xml_responses(XML_TYPE, description="an OAI-PMH response; protocol errors are <error> elements in it (OAI-PMH §3.6)")
#: a POST's body may also be unreadable (a damaged gzip), too large, or in a coding not read (`_body_coding`)
_OAI_POST_RESPONSES = _xml_responses(XML_TYPE, 400, 413, 415, description=_OAI_RESPONSES[200]["description"])


#: The protocol's arguments (OAI-PMH §3.1.1), declared for API clients (the route reads them itself: an unknown verb or
#: argument is the protocol's own error in a 200 answer, so none is required or an enum here, nor a POST body).
_OAI_ARGUMENTS = {
    "verb": "Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords or GetRecord",
    "metadataPrefix": "oai_dc or gongkai", "identifier": "oai:<repository>:<record id> (GetRecord, ListMetadataFormats)",
    "from": "UTC datestamp, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ", "until": "UTC datestamp, same granularity as from",
    "set": "a setSpec of ListSets", "resumptionToken": "from the previous answer; exclusive",
}
_OAI_GET = {"parameters": [{"name": name, "in": "query", "required": False, "schema": {"type": "string"}, "description": said}
                           for name, said in _OAI_ARGUMENTS.items()]}
_OAI_POST = {"requestBody": {"required": False, "content": {"application/x-www-form-urlencoded": {"schema": {
    "type": "object", "properties": {name: {"type": "string", "description": said} for name, said in _OAI_ARGUMENTS.items()}}}}}}


@router.get("/oai", tags=["feeds"], summary="OAI-PMH 2.0 provider (oai_dc, gongkai)", operation_id="oai_get", response_class=Response, responses=_OAI_RESPONSES, openapi_extra=_OAI_GET)
@router.post("/oai", tags=["feeds"], summary="OAI-PMH 2.0 provider (oai_dc, gongkai), arguments form-encoded", operation_id="oai_post", response_class=Response, responses=_OAI_POST_RESPONSES, openapi_extra=_OAI_POST)
async def oai(request: Request) -> Response:
    engine = _engine(request)
    items = list(request.query_params.multi_items())
    if request.method == "POST":
        # a media type is case-insensitive (RFC 9110 §8.3.1): "Application/X-WWW-Form-URLEncoded" was a badVerb
        if not request.headers.get("content-type", "").lower().startswith("application/x-www-form-urlencoded"):
            items = [("verb", "")]  # answered as badVerb: POST must carry form-encoded arguments
        else:
            # read as a GET's query string is (Starlette's own reading): its form parser stops at 1,000 fields with a JSON
            # 400, no OAI-PMH answer; a harvester sends a few arguments, and the provider answers too many a badArgument.
            # A body past a megabyte is no harvester's: Starlette's parser answers it with its limits (a field over 1 MB).
            encoding, refused = _body_coding(request)
            if refused is not None:
                return refused
            body = await request.body()
            if encoding in _GZIP_ENCODINGS:  # inflated up to the same megabyte (a bomb is never held whole)
                try:
                    body = await run_in_threadpool(_gunzipped_body, body, _OAI_FORM_BYTES)
                except _BadGzipBody as exc:
                    return _error(exc.status, exc.code, exc.message)
            if len(body) > _OAI_FORM_BYTES:
                form = await request.form()  # reads the body kept above
                items = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
            else:
                items = parse_qsl(body.decode("latin-1"), keep_blank_values=True)
    feeds = Facades.of(engine).feeds
    base = feeds.public_base() + "/oai"
    provider = feeds.oai_provider()
    body = await run_in_threadpool(provider.respond, items, base)
    return Response(body, media_type=XML_TYPE)


@router.get(f"/oai/{OAI_SCHEMA_FILE}", tags=["feeds"], summary="XML Schema of the OAI-PMH `gongkai` metadata format", response_class=Response, responses=_xml_responses(XML_TYPE, description="an XML Schema"))
def oai_gongkai_schema(request: Request) -> Response:
    # A static file of the package; a day of caching: the schema only changes with a new namespace version.
    headers = {"Cache-Control": "public, max-age=86400", **last_modified(None, datetime.now(UTC))}  # the server's start
    return Response(Facades.of(_engine(request)).feeds.oai_schema(), media_type=XML_TYPE, headers=headers)


# --------------------------------------------------------------------------------- sitemaps


def _xml_or_404(body: bytes | None, message: str, headers: dict[str, str]) -> Response:
    # An empty <urlset/> is invalid against the sitemaps.org schema: nothing to list is a 404.
    return Response(body, media_type=XML_TYPE, headers=headers) if body is not None else _error(404, "not_found", message)


@router.get("/sitemap.xml", tags=["feeds"], summary="Sitemap (or sitemap index) of the record pages", response_class=Response, responses=_xml_responses(XML_TYPE, 404))
def sitemap_xml(request: Request) -> Response:
    engine = _engine(request)
    now, changed = _store_clock(engine)
    body = Facades.of(engine).feeds.sitemap_root()
    return _xml_or_404(body, "尚无已发布的记录，站点地图为空 / no published record yet: the sitemap is empty", last_modified(changed, now))


@router.get("/sitemap-{number}.xml", tags=["feeds"], summary="One page of a sitemap split by feeds.sitemap_page_size", response_class=Response, responses=_xml_responses(XML_TYPE, 404, 422))
def sitemap_page(request: Request, number: str) -> Response:
    # One address a page: `sitemap-01.xml` answered page 1 too, a second URL of it.
    page = int(number) if number.isascii() and number.isdigit() and len(number) <= 10 and not number.startswith("0") else 0
    if not 1 <= page <= SITEMAP_MAX_PAGE:
        return _error(404, "not_found", f"没有这一页站点地图 / sitemap pages are /sitemap-N.xml, N from 1 to {SITEMAP_MAX_PAGE}")
    engine = _engine(request)
    now, changed = _store_clock(engine)
    body = Facades.of(engine).feeds.sitemap_page(page)
    return _xml_or_404(body, f"没有第 {page} 页站点地图 / there is no sitemap page {page}: see /sitemap.xml", last_modified(changed, now))


@router.get("/sitemaps/{number}.xml", tags=["feeds"], summary="Old address of a sitemap page: moved to /sitemap-N.xml", responses={301: {"description": "moved to /sitemap-N.xml"}, 404: _ERROR_RESPONSE, 422: _ERROR_RESPONSE})
def old_sitemap_page(request: Request, number: str) -> Response:
    # A sitemap may only list URLs below its own folder, so pages moved to the root; old links are redirected.
    if not (number.isascii() and number.isdigit() and len(number) <= 10 and 1 <= int(number) <= SITEMAP_MAX_PAGE):
        return _error(404, "not_found", "没有这一页站点地图 / sitemap pages are /sitemap-N.xml, N a positive number")
    return RedirectResponse(Facades.of(_engine(request)).feeds.sitemap_page_url(int(number)), status_code=301)


@router.get("/robots.txt", tags=["feeds"], summary="robots.txt naming the sitemap", response_class=PlainTextResponse)
def robots_txt(request: Request) -> Response:
    return PlainTextResponse(Facades.of(_engine(request)).feeds.robots_txt(), headers=last_modified(None, datetime.now(UTC)))  # settings only
