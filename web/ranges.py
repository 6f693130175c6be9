"""Byte ranges (RFC 9110 §14) of a kept original file: `curl -C -`, a download manager resuming, a PDF viewer asking for
the pages it shows. Without them a resumed download was refused (curl: "server doesn't seem to support byte ranges")
and a viewer fetched a whole scan to show its first page.

One range a request (`bytes=0-99`, `bytes=500-`, `bytes=-50`): 206 with Content-Range. A range starting past the end is
416 with `Content-Range: bytes */LENGTH`; an If-Match naming another version 412. Several ranges, another unit or a range that cannot be read are ignored, and
the whole file is the answer (§14.2: a server MAY ignore Range), as it is when If-Range names another version.
The ETag is strong, the file's SHA-256: the bytes are sent as stored, never compressed (web/app.py leaves these types
to GZip's exclusions), so the ranges count the same bytes as the whole answer.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from gongkai.web.conditional import matches, requested


def strong_etag(sha256: str) -> str:
    return f'"{sha256}"'


def _strong_match(if_match: str, etag: str) -> bool:
    """If-Match's comparison (§13.1.1): "*", or a listed tag equal to ours, a weak one never."""
    listed = {tag.strip() for tag in if_match.split(",")}
    return "*" in listed or etag in listed


def file_response(request: Request, data: bytes, sha256: str, media_type: str, headers: dict[str, str]) -> Response:
    """The whole file (200), the part asked for (206), 416, 304 to an If-None-Match naming it, 412 to an If-Match
    naming another."""
    etag = strong_etag(sha256)
    headers = {**headers, "ETag": etag, "Accept-Ranges": "bytes"}
    asked = request.headers
    if "if-match" in asked and not _strong_match(asked["if-match"], etag):
        # §13.1.1: a client assembling parts it holds asks for this version only; another is 412, never its bytes
        return Response(status_code=412, headers=headers)
    if "if-none-match" in asked and matches(asked["if-none-match"], etag):
        return Response(status_code=304, headers={k: v for k, v in headers.items() if k.lower() != "content-disposition"})
    range_header = asked.get("range")
    if range_header is None or ("if-range" in asked and asked["if-range"].strip() != etag):  # §13.1.5: strong match only
        return Response(data, media_type=media_type, headers=headers)
    wanted = requested(range_header, len(data))
    if wanted is None:
        return Response(data, media_type=media_type, headers=headers)
    if wanted is False:
        return Response(status_code=416, headers={**headers, "Content-Range": f"bytes */{len(data)}"})
    first, last = wanted
    return Response(data[first : last + 1], status_code=206, media_type=media_type,
                    headers={**headers, "Content-Range": f"bytes {first}-{last}/{len(data)}"})
