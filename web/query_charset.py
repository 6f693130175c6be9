"""Query strings percent-encoded in GBK, as older Chinese sites and systems still link (`?q=%CD%A3%B5%E7`, 停电).

The server reads every query as UTF-8 and puts U+FFFD where it cannot: `q=%CD%A3%B5%E7` became `ͣ��`, which the query
cleaning emptied, so /api/search and the search feed answered every record to a question about 停电 (clients4, session
14). A value that is not UTF-8 but reads as GB18030 (GBK's superset) is taken in it, the query passed on re-encoded in
UTF-8 (so a feed's self link and id name it as UTF-8); one that reads as neither is refused (400) by the routes that read
a text query or filter (and declare a 400); elsewhere it goes on as before (OAI-PMH answers its own badArgument).
Cost: one UTF-8 check of the query's bytes when it holds a `%`. An issuer feed's path is read the same way (a name in
GBK), checked only when the server's reading of it holds U+FFFD.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote, unquote_to_bytes

from starlette.types import ASGIApp, Receive, Scope, Send

#: The routes that read text from the query and declare a 400 (OpenAPI).
_REFUSING = ("/api/search", "/api/suggest", "/api/lookup", "/api/notices/", "/feeds/search.atom", "/feeds/outages.")
#: The route that reads text from its path: an issuer's name (/feeds/issuer/厦门市人民政府.atom).
_TEXT_PATH = "/feeds/issuer/"


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"


def _gbk_possible(text: str) -> bool:
    """Whether a query that is UTF-8 may still be GBK read wrong: no Chinese in it, and a character of UTF-8's two-byte
    forms (U+0080-U+07FF), which many GBK characters spell (停 CD A3 is U+0363, 水 CB AE U+02EE)."""
    return not any(_cjk(char) for char in text) and any("\x80" <= char <= "\u07ff" for char in text)


def _rather_gbk(raw: bytes) -> bool:
    """Whether a value whose bytes are UTF-8 is GBK all the same (clients9, session 19): `?q=%CD%A3%CB%AE` (停水 from an
    older site's link) is also UTF-8, a combining mark and a modifier letter, and was searched as that. Taken as GBK when
    its UTF-8 reading holds no Chinese and no accented Latin letters inside an ASCII word (café, Zürich stay UTF-8), and its
    GB18030 reading is all GB2312 (the 6,763 common hanzi and their punctuation: what a Chinese site's link holds) with at
    least one hanzi, and not the letters of one alphabet (_one_alphabets_letters)."""
    text = raw.decode("utf-8")
    if not _gbk_possible(text) or _one_alphabets_letters(text):
        return False
    for run in _LATIN_RUN.finditer(text):
        around = text[run.start() - 1 : run.start()] + text[run.end() : run.end() + 1]
        if any(char.isascii() and char.isalpha() for char in around):
            return False
    if _symbol_typed_with_ascii(text):
        return False
    try:
        chinese = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    if not any("\u4e00" <= char <= "\u9fff" for char in chinese):
        return False
    try:
        return all(char.isascii() or len(char.encode("gb2312")) == 2 for char in chinese)
    except UnicodeEncodeError:
        return False


#: The alphabets whose letters' two UTF-8 bytes also spell GB2312 hanzi, their everyday letters only: Latin with accents,
#: modern Greek (Ά-ώ; 系统 spells the archaic ϵͳ), Russian and its neighbours' Cyrillic.
_ALPHABETS = (("\u00c0", "\u017f"), ("\u0386", "\u03ce"), ("\u0400", "\u045f"))


def _one_alphabets_letters(text: str) -> bool:
    """Whether the text is words of one alphabet's letters (`α`, `Ωμέγα`, `ü`, `Москва`, `ДНК 检测` has hanzi and is
    UTF-8 anyway): typed in it and sent in UTF-8, where the bytes also spell hanzi (α CE B1 is 伪, ü C3 BC 眉; the lead,
    session 20: they were read as those). A word glued to ASCII letters or digits stays GBK's to claim: 9位 from an
    older site's link spells 9λ, and the QBQTC queries and titles hold such (tests/test_query_charset_gbk_as_utf8.py)."""
    letters = [char for char in text if not char.isascii()]
    if not letters or not all(char.isalpha() for char in letters):
        return False
    words = text.split()
    if any(any(char.isascii() for char in word) and any(not char.isascii() for char in word) for word in words):
        return False
    return any(all(low <= char <= high for char in letters) for low, high in _ALPHABETS)


#: Latin-1's signs typed after a number or a unit's letter (25°, 100m², 10µg): UTF-8 C2 B0-B5, GBK's 掳虏鲁碌 …
_UNIT_MARKS = frozenset("°¹²³µ")


def _symbol_typed_with_ascii(text: str) -> bool:
    """Whether a Latin-1 sign (U+00A0-U+00BF: · ° ± ² µ …) stands between two ASCII letters or digits (3·15, 37°C, 5±2), or a
    unit's mark after one (100m², 25°): typed so, as a browser sends it in UTF-8. Its bytes (C2 A1-BF) also spell GBK's 隆…戮,
    and 3·15 was searched as 3路15, 37°C as 37掳C (review19). A sign alone or at a word's edge still reads as GBK: 路 (C2 B7)
    or 37路 from an older site's link; left: 3鲁 in GBK reads as 3³."""
    for index, char in enumerate(text):
        if not "\u00a0" <= char <= "\u00bf" or index == 0 or not _ascii_alnum(text[index - 1]):
            continue
        if char in _UNIT_MARKS or (index + 1 < len(text) and _ascii_alnum(text[index + 1])):
            return True
    return False


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


#: Latin letters beyond ASCII (À-ɏ, not × ÷): inside an ASCII word they are a European word's (café), not GBK's.
_LATIN_RUN = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")


def repaired_query(query: bytes) -> bytes | None:
    """`query` itself when it is UTF-8; re-encoded in UTF-8 when its other names and values read as GB18030; None when
    one reads as neither."""
    if b"%" not in query:
        return query
    whole = unquote_to_bytes(query)
    if _utf8(whole) and not _gbk_possible(whole.decode("utf-8")):
        return query
    parts = []
    for piece in query.split(b"&"):
        name, equals, value = piece.partition(b"=")
        fixed = []
        for item in (name, value):
            raw = unquote_to_bytes(item.replace(b"+", b" "))
            if _utf8(raw) and not _rather_gbk(raw):
                fixed.append(item)
                continue
            try:
                text = raw.decode("gb18030")
            except UnicodeDecodeError:
                return None
            fixed.append(quote(text, safe="").encode("ascii"))
        parts.append(fixed[0] + equals + fixed[1])
    return b"&".join(parts)


def repaired_path(raw_path: bytes) -> str | None:
    """The path of `raw_path` (percent-encoded bytes) read as GB18030 when it is not UTF-8; None when it is neither."""
    raw = unquote_to_bytes(raw_path)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return None


def _refuse(status: int, message: str) -> list[dict[str, object]]:
    body = json.dumps({"error": "invalid_parameter", "message": message}, ensure_ascii=False).encode()
    return [{"type": "http.response.start", "status": status,
             "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]},
            {"type": "http.response.body", "body": body}]


class QueryCharsetMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # An issuer's name in the path percent-encoded in GBK (/feeds/issuer/%CF%C3%C3%C5%CA%D0.atom) was read with U+FFFD, the
        # feed of an issuer "\ufffd…" that no record has, its self link %EF%BF%BD: read as GB18030 as a query is, or refused.
        if scope["type"] == "http" and "\ufffd" in scope.get("path", "") and scope["path"].startswith(_TEXT_PATH):
            raw_path = scope.get("raw_path") or b""
            if not _utf8(unquote_to_bytes(raw_path)):
                path = repaired_path(raw_path)
                if path is None:
                    for message in _refuse(422, "发布机构名称不是 UTF-8（也不是 GBK）编码 / the issuer name in the path is neither "
                                                "UTF-8 nor GBK: percent-encode it in UTF-8"):
                        await send(message)
                    return
                scope = {**scope, "path": path, "raw_path": quote(path, safe="/").encode("ascii")}
        if scope["type"] == "http" and b"%" in scope.get("query_string", b""):
            query = repaired_query(scope["query_string"])
            if query is None and scope.get("path", "").startswith(_REFUSING):
                body = json.dumps({"error": "invalid_parameter", "message": "查询参数不是 UTF-8（也不是 GBK）编码 / a query "
                                   "parameter is neither UTF-8 nor GBK: percent-encode it in UTF-8"}, ensure_ascii=False).encode()
                await send({"type": "http.response.start", "status": 400,
                            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
            if query is not None and query is not scope["query_string"]:
                scope = {**scope, "query_string": query}
        await self.app(scope, receive, send)
