"""Held-out round of session 21 (clients11), written with its expectations BEFORE the app was run on it.

1. XML from outside, one rule at both doors (a feed file handed over to `gongkai ingest`, and a feed polled from an agency's
   CMS): what a careful harvester does. A DOCTYPE that declares nothing is harmless (RSS 0.91's Netscape DOCTYPE, a bare
   `<!DOCTYPE feed>`, an internal subset of element declarations only): the feed is read. Its external DTD is never
   fetched. Entity declarations (internal: billion laughs; external: XXE; parameter entities that would load a DTD) and
   XInclude are refused: nothing stored, the bytes quarantined with an `unsafe XML` reason, nothing fetched. The two doors
   gave different answers: the file door refused any DOCTYPE by regex, the poller only entities (defusedxml).
2. Two nodes of one deployment (each its own data directory and index, one database), behind a balancer: the data-state
   ETag of one answer is the same on both once each has indexed the store's last change, so a client moving between them
   gets its 304 (RFC 9110 §8.8.1: a weak tag names an equivalent answer); a change made on a third node gives both a new tag.
3. Clients no earlier round used: an HTTP/1.0 client (no chunked coding towards it, RFC 9112 §6.1; the answer ends at its
   Content-Length or when the connection closes), curl `--compressed` with `--etag-save`/`--etag-compare` and `-z` (a
   304 and no body for an unchanged copy), and OPTIONS on every GET route the OpenAPI document lists (never a 500; the
   answer names the route's methods in `Allow`, RFC 9110 §9.3.7/§15.5.6).
"""

from __future__ import annotations

import gzip
import os
import signal
import socket
import subprocess
import sys
from collections import Counter
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

import httpx
import pytest

from gongkai.record import Record
from tests.support import cli_ingest_json, engine_at, local_http_server, served_engine, wait_for

AGENCY = "厦门市同安区人民政府办公室"
ITEMS = [("同安区关于2027年元旦期间城区停车收费调整的通告", "2026-12-28"), ("同安区人民政府关于公布第三批区级非物质文化遗产代表性项目名录的通知", "2026-12-30")]
EVIL_DTD = "/evil.dtd"


def _rss_items(base: str) -> str:
    return "".join(f"<item><title>{title}</title><link>{base}/xxgk/t{n}.html</link><guid>{base}/xxgk/t{n}.html</guid>"
                   f"<description>各镇（街）、各有关单位：现将有关事项通知如下。</description>"
                   f"<pubDate>{day}T09:00:00+08:00</pubDate></item>" for n, (title, day) in enumerate(ITEMS))


def _rss(base: str, prolog: str, channel_extra: str = "", encoding: str = "utf-8") -> bytes:
    text = (f'<?xml version="1.0" encoding="{encoding}"?>\n{prolog}\n<rss version="2.0"><channel><title>{AGENCY}</title>'
            f"<link>{base}/</link><description>通知公告</description>{channel_extra}{_rss_items(base)}</channel></rss>")
    return text.encode(encoding)


def _atom(base: str, prolog: str) -> bytes:
    entries = "".join(f"<entry><title>{title}</title><link href=\"{base}/xxgk/a{n}.html\"/><id>{base}/xxgk/a{n}.html</id>"
                      f"<updated>{day}T09:00:00+08:00</updated><summary>现将有关事项通知如下。</summary></entry>"
                      for n, (title, day) in enumerate(ITEMS))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}\n<feed xmlns="http://www.w3.org/2005/Atom"><title>{AGENCY}</title>'
            f'<id>{base}/</id><updated>2026-12-30T09:00:00+08:00</updated><link href="{base}/"/>{entries}</feed>').encode()


#: name -> (bytes given the CMS's base URL, harmless?)
def xml_cases(base: str) -> dict[str, tuple[bytes, bool]]:
    return {
        # harmless: a DOCTYPE declaring nothing (its external DTD, if named, never fetched)
        "rss091-netscape": (_rss(base, '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                                       '"http://my.netscape.com/publish/formats/rss-0.91.dtd">'), True),
        "atom-bare-doctype": (_atom(base, "<!DOCTYPE feed>"), True),
        "rss-element-decls": (_rss(base, "<!DOCTYPE rss [\n  <!ELEMENT rss ANY>\n  <!ATTLIST rss version CDATA #REQUIRED>\n]>"), True),
        "rss-system-dtd-on-our-host": (_rss(base, f'<!DOCTYPE rss SYSTEM "{base}/rss.dtd">'), True),
        "gbk-rss-public-doctype": (_rss(base, '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                                              '"http://my.netscape.com/publish/formats/rss-0.91.dtd">', encoding="gbk"), True),
        # hostile
        "billion-laughs": (_rss(base, "<!DOCTYPE rss [\n" + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "lol"}">\n' for i in range(9)) + "]>",
            "<copyright>&lol8;</copyright>"), False),
        "xxe-file": (_rss(base, '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "<copyright>&xxe;</copyright>"), False),
        "parameter-entity-remote-dtd": (_rss(base, f'<!DOCTYPE rss [<!ENTITY % remote SYSTEM "{base}{EVIL_DTD}"> %remote;]>'), False),
        "xinclude": (_rss(base, "", '<copyright><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" '
                                     'parse="text"/></copyright>'), False),
        "gbk-internal-entity": (_rss(base, '<!DOCTYPE rss [<!ENTITY org "同安区人民政府办公室">]>', "<copyright>&org;</copyright>",
                                     encoding="gbk"), False),
        "broken-with-entity": (_rss(base, '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>',
                                    "<copyright>&xxe;</copyright><item><title>未闭合")[:-20], False),
    }


class Cms:
    """An agency CMS serving one case per path (/case.xml), the items' pages, and counting every request (a DTD asked for)."""

    cases: ClassVar[dict[str, tuple[bytes, bool]]] = {}

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()

    def handler(self) -> type:
        cms = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args):
                pass

            def do_GET(self):
                cms.hits[self.path] += 1
                name = self.path.removeprefix("/").removesuffix(".xml")
                if name in cms.cases:
                    body, kind = cms.cases[name][0], "application/rss+xml"
                elif self.path.startswith("/xxgk/"):
                    title = ITEMS[int(self.path[-6])][0]
                    body, kind = f"<html><head><title>{title}</title></head><body><p>{title}。现将有关事项通知如下。</p></body></html>".encode(), "text/html; charset=utf-8"
                else:
                    body, kind = b"<!ENTITY secret SYSTEM 'file:///etc/passwd'>", "application/xml-dtd"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


@pytest.fixture(scope="module")
def cms():
    site = Cms()
    with local_http_server(site.handler()) as base:
        site.cases = xml_cases(base)
        yield site, base


CASE_NAMES = list(xml_cases("http://x"))


@pytest.mark.parametrize("name", CASE_NAMES)
def test_a_feed_file_handed_over_follows_the_xml_rule(cms, name, tmp_path):
    site, _ = cms
    data, harmless = site.cases[name]
    given = tmp_path / "given"
    given.mkdir()
    (given / f"{name}.xml").write_bytes(data)
    code, out = cli_ingest_json(tmp_path / "data", str(given))
    assert code in (0, 1), out
    engine = engine_at(tmp_path / "data")
    try:
        titles = sorted(r.title for r in engine.export())
        reasons = [e["reason"] for e in engine.store.quarantine_list(None, limit=100)]
    finally:
        engine.close()
    if harmless:
        assert titles == sorted(t for t, _ in ITEMS) and reasons == [], (titles, reasons)
    else:
        assert titles == [] and len(reasons) == 1 and "unsafe XML" in reasons[0], (titles, reasons)
        assert "root:" not in out and "同安区人民政府办公室</" not in out
    assert site.hits[EVIL_DTD] == 0 and site.hits["/rss.dtd"] == 0


@pytest.mark.parametrize("name", CASE_NAMES)
def test_a_polled_feed_follows_the_same_rule(cms, name, tmp_path):
    from gongkai.feeds.poll import FeedPoller
    from gongkai.settings import AgencyFeed

    site, base = cms
    harmless = site.cases[name][1]
    engine = engine_at(tmp_path / "data")
    try:
        with FeedPoller(engine) as poller:
            report = poller.poll(AgencyFeed(name=AGENCY, url=f"{base}/{name}.xml"))
        titles = sorted(r.title for r in engine.store.iter_records())
        reasons = [e["reason"] for e in engine.store.quarantine_list(None, limit=100)]
    finally:
        engine.close()
    if harmless:
        assert titles == sorted(t for t, _ in ITEMS) and not report.errors, (titles, report.as_dict())
    else:
        assert titles == [] and report.counts.get("quarantined") == 1 and "unsafe XML" in reasons[0], (titles, report.as_dict())
    assert site.hits[EVIL_DTD] == 0 and site.hits["/rss.dtd"] == 0


# ------------------------------------------------------------------ two nodes, one database: one tag for one answer

RUN_SERVE = "import sys; from gongkai.cli.main import app; sys.argv[1:1] = ['serve']; app()"
PUBLIC = "https://gongkai.example.gov.cn"
TONGAN = [
    Record(id="TA-2026-118", kind="disclosure", title="同安区人民政府关于公布第三批区级非物质文化遗产代表性项目名录的通知",
           issuer="厦门市同安区人民政府", doc_number="同政〔2026〕118号", publish_date="2026-12-30", source="clients11",
           body="各镇人民政府、街道办事处，区直各单位：区人民政府批准并公布第三批区级非物质文化遗产代表性项目名录，请认真做好保护传承工作。",
           url="http://www.xmta.gov.cn/zwgk/zfxxgkzl/zfxxgkml/zfwj/202612/t20261230_1101118.htm"),
    Record(id="TA-2026-121", kind="disclosure", title="同安区关于2027年元旦期间城区停车收费调整的通告", issuer=AGENCY,
           doc_number="同政办〔2026〕121号", publish_date="2026-12-28", source="clients11",
           body="为方便市民元旦期间出行，现将城区公共停车场收费调整有关事项通告如下。",
           url="http://www.xmta.gov.cn/zwgk/tzgg/202612/t20261228_1101121.htm"),
    Record(id="LOST-2026-1229-03", kind="notice", notice_type="lost", issuer="厦门日报", publish_date="2026-12-29", source="clients11",
           title="遗失声明", body="厦门市同安区祥平街道明辉小吃店遗失食品经营许可证正本，许可证编号JY23502120088888，声明作废。",
           url="https://epaper.xmnn.cn/xmrb/20261229/B07.htm"),
]
LATER = Record(id="TA-2026-125", kind="disclosure", title="同安区人民政府办公室关于做好2027年春节期间安全生产工作的通知", issuer=AGENCY,
               doc_number="同政办〔2026〕125号", publish_date="2026-12-31", source="clients11",
               body="各镇人民政府、街道办事处：春节将至，为做好节日期间安全生产工作，现就有关事项通知如下。",
               url="http://www.xmta.gov.cn/zwgk/tzgg/202612/t20261231_1101125.htm")
NODE_ROUTES = ["/", "/search?q=" + quote("同安 通知"), "/api/search?q=" + quote("同安区 通知"),
               "/api/search?q=" + quote("遗失") + "&kind=notice", "/documents/TA-2026-118", "/api/documents/TA-2026-121",
               "/api/suggest?q=" + quote("同安"), "/api/lookup?doc_number=" + quote("同政[2026]118号"),
               "/oai?verb=ListRecords&metadataPrefix=oai_dc"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Node:
    """`gongkai serve` over its own data directory (its own index, its follower) and the shared database."""

    def __init__(self, data_dir: Path, database_url: str, log: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        data_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "GONGKAI_DATA_DIR": str(data_dir), "GONGKAI_DATABASE_URL": database_url,
               "GONGKAI_FEEDS__PUBLIC_BASE_URL": PUBLIC, "GONGKAI_SEARCH__VOCABULARY_REFRESH_SECONDS": "0",
               "GONGKAI_INDEX__FOLLOW_INTERVAL_SECONDS": "0.5"}
        env.pop("GONGKAI_CONFIG", None)
        self.log, self.env, self.cwd = log, env, data_dir.parent
        self.start()

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen([sys.executable, "-c", RUN_SERVE, "--port", str(self.port), "--no-access-log"],
                                            env=self.env, cwd=self.cwd, stdout=out, stderr=subprocess.STDOUT)

    def up(self) -> bool:
        assert self.process.poll() is None, self.log.read_text(errors="replace")
        try:
            return httpx.get(self.base + "/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def get(self, path: str, tag: str | None = None) -> httpx.Response:
        return httpx.get(self.base + path, headers={"If-None-Match": tag} if tag else {}, timeout=60)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


#: the folders of the code a node runs (pyproject.toml's package-dir)
CODE_DIRS = [Path(__file__).resolve().parents[1] / name for name in ("gongkai", "cli", "crawlers", "feeds", "indexer", "ops", "parsers", "store", "web")]


def _code_stamp() -> float:
    return max((path.stat().st_mtime for folder in CODE_DIRS for path in folder.rglob("*")
                if path.is_file() and "__pycache__" not in path.parts), default=0.0)


def _all_up(nodes: list[Node], stamp: float) -> None:
    """Wait for every node; started again while the code changed under them (a shared checkout others edit): a node names
    its code by the files as it read them at start, so two nodes started a moment apart across an edit rightly give other
    tags, which is no answer of this test's question."""
    for _ in range(3):
        for node in nodes:
            wait_for(node.up, 90, f"the node on {node.base}")
        if (now := _code_stamp()) == stamp:
            return
        stamp = now
        for node in nodes:
            node.stop()
            node.start()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":  # one file outside both data directories: two nodes on one machine
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    else:
        yield request.getfixturevalue("pg_database")


def _one_tag(a: Node, b: Node, path: str) -> str:
    def same() -> str | None:
        first, second = a.get(path), b.get(path)
        assert first.status_code == second.status_code == 200, (path, first.status_code, second.status_code)
        tag = first.headers.get("etag")
        return tag if tag and tag == second.headers.get("etag") else None

    return wait_for(same, 60, f"one tag for {path} on both nodes", interval=0.3)


@pytest.mark.slow
def test_two_nodes_with_their_own_indexes_give_one_answer_one_tag(database, tmp_path):
    from gongkai.settings import load_settings

    writer = engine_at(tmp_path / "node-c", database_url=database)  # a third node (the CLI, a scheduler) stores the records
    try:
        writer.ingest_records(TONGAN)
    finally:
        writer.close()
    stamp = _code_stamp()
    nodes = [Node(tmp_path / f"node-{n}", database, tmp_path / f"{n}.log") for n in ("a", "b")]
    try:
        _all_up(nodes, stamp)
        a, b = nodes
        for path in NODE_ROUTES:
            tag = _one_tag(a, b, path)
            for asked in (a, b):
                again = asked.get(path, tag)
                assert again.status_code == 304 and again.content == b"", (path, asked.base)
        held = {path: _one_tag(a, b, path) for path in NODE_ROUTES}
        from gongkai.engine import Engine

        writer = Engine(load_settings(data_dir=tmp_path / "node-c", database_url=database))
        try:
            writer.ingest_records([LATER])
        finally:
            writer.close()
        for path, tag in held.items():
            for node in nodes:
                after = node.get(path, tag)
                assert after.status_code == 200 and after.headers.get("etag") != tag, (path, node.base)
        search = "/api/search?q=" + quote("同安区 通知")
        wait_for(lambda: all("TA-2026-125" in node.get(search).text for node in nodes), 60, "the new record on both nodes")
        new = _one_tag(a, b, search)
        assert new != held[search] and b.get(search, new).status_code == 304 and a.get(search, new).status_code == 304
    finally:
        for node in nodes:
            node.stop()


# ------------------------------------------------------------------ clients no earlier round used

MACHINE_ROUTES = ["/robots.txt", "/sitemap.xml", "/feeds/issuer/" + quote(AGENCY) + ".atom", "/oai?verb=Identify",
                  "/oai?verb=ListRecords&metadataPrefix=oai_dc", "/api/search?q=" + quote("同安"), "/", "/documents/TA-2026-118",
                  "/feeds/outages.ics?area=" + quote("祥平街道")]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with served_engine(tmp_path_factory.mktemp("clients11") / "data", TONGAN, feeds={"public_base_url": PUBLIC}) as (_, base):
        yield base


def _raw(base: str, request: bytes) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):  # an HTTP/1.0 answer ends when the server closes the connection
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("path", MACHINE_ROUTES)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_an_http_1_0_client(site, path, method):
    answer = _raw(site, f"{method} {path} HTTP/1.0\r\nAccept-Encoding: gzip\r\n\r\n".encode("ascii"))
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    assert status_line.startswith("HTTP/1.") and status_line.split(" ")[1] == "200", status_line
    headers = {line.split(":", 1)[0].strip().lower(): line.split(":", 1)[1].strip() for line in lines}
    assert "chunked" not in headers.get("transfer-encoding", "").lower(), headers  # RFC 9112 §6.1: never towards 1.0
    if method == "HEAD":
        assert body == b""
    else:
        assert body
        if "content-length" in headers:
            assert len(body) == int(headers["content-length"])
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        assert b"\r\n0\r\n\r\n" not in body[-7:]


CURL_ROUTES = ["/robots.txt", "/sitemap.xml", "/feeds/issuer/" + quote(AGENCY) + ".atom",
               "/oai?verb=ListRecords&metadataPrefix=oai_dc", "/api/search?q=" + quote("同安"), "/documents/TA-2026-118"]


@pytest.mark.parametrize("path", CURL_ROUTES)
def test_curl_compressed_with_its_etag_file(site, path, tmp_path):
    etag, out = tmp_path / "etag", tmp_path / "out"
    first = subprocess.run(["curl", "-sS", "--compressed", "--etag-save", str(etag), "-o", str(out), "-w", "%{http_code}",
                            site + path], capture_output=True, text=True, timeout=60)
    assert first.stdout == "200" and out.stat().st_size > 0 and etag.read_text().strip(), (first.stdout, first.stderr)
    out.unlink()
    second = subprocess.run(["curl", "-sS", "--compressed", "--etag-compare", str(etag), "-o", str(out), "-w", "%{http_code}",
                             site + path], capture_output=True, text=True, timeout=60)
    assert second.stdout == "304" and (not out.exists() or out.stat().st_size == 0), (path, second.stdout, second.stderr)


@pytest.mark.parametrize("path", ["/robots.txt", "/sitemap.xml", "/feeds/issuer/" + quote(AGENCY) + ".atom"])
def test_curl_time_condition_on_the_store_documents(site, path, tmp_path):
    """`curl -z FILE` sends If-Modified-Since with the file's date: a copy newer than the store's last change gets a 304
    (the store documents carry Last-Modified once 60 s passed since the change: a date an hour ahead is later either way)."""
    copy = tmp_path / "copy"
    copy.write_bytes(b"held")
    later = __import__("time").time() + 3600
    os.utime(copy, (later, later))
    headers = tmp_path / "headers"
    answer = subprocess.run(["curl", "-sS", "--compressed", "-z", str(copy), "-D", str(headers), "-o", str(tmp_path / "out"),
                             "-w", "%{http_code}", site + path], capture_output=True, text=True, timeout=60)
    # a date in the future is ignored (RFC 9110 §13.1.3): the server sends the whole document. What the server answered is
    # read from its status line: once the document carries Last-Modified (60 s after the store's change: a loaded CI got
    # there) curl itself finds the 200's date not newer than its file's and reports %{http_code} 304 (lead, session 21)
    status = headers.read_text(encoding="latin-1").split("\r\n", 1)[0]
    assert status.split()[1:2] == ["200"], (path, status, answer.stdout, answer.stderr)


def test_options_on_every_get_route(site):
    spec = httpx.get(site + "/openapi.json", timeout=60).json()
    asked = 0
    for template, operations in spec["paths"].items():
        if "get" not in operations:
            continue
        path = template.replace("{record_id}", "TA-2026-118").replace("{id}", "TA-2026-118")
        path = path.replace("{issuer}", quote(AGENCY)).replace("{notice_type}", "lost").replace("{n}", "1")
        answer = httpx.options(site + path, timeout=60)
        asked += 1
        assert answer.status_code < 500, (path, answer.status_code, answer.text[:200])
        allowed = {m.strip() for m in answer.headers.get("allow", "").split(",")}
        assert {"GET", "HEAD"} <= allowed, (path, answer.status_code, answer.headers.get("allow"))
    assert asked >= 15


# ------------------------------------------------------------------ round 2 (written before its run, after round 1's fixes)
# A node whose index is behind (its follower off, as `index.follow = false` on a node of a deployment, or one stalled)
# never gives the tag of a node that is caught up: the answer it would build lacks the new record (RFC 9110 §13.1.2:
# a 304 only for an equivalent answer). HEAD on every GET route the OpenAPI document lists: GET's status, media type
# and tag, no body (RFC 9110 §9.3.2).


@pytest.mark.slow
def test_a_node_behind_never_answers_the_tag_of_a_node_caught_up(tmp_path):
    database = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    writer = engine_at(tmp_path / "node-c", database_url=database)
    try:
        writer.ingest_records(TONGAN)
    finally:
        writer.close()
    behind = engine_at(tmp_path / "node-b", database_url=database)  # node b's index built from the store before it serves
    try:
        behind.catch_up_index()
    finally:
        behind.close()
    stamp = _code_stamp()
    a = Node(tmp_path / "node-a", database, tmp_path / "a.log")
    os.environ["GONGKAI_INDEX__FOLLOW"] = "false"  # read by Node's environment copy, for node b alone
    try:
        b = Node(tmp_path / "node-b", database, tmp_path / "b.log")
    finally:
        del os.environ["GONGKAI_INDEX__FOLLOW"]
    search = "/api/search?q=" + quote("同安区 通知")
    try:
        _all_up([a, b], stamp)
        before = _one_tag(a, b, search)  # both hold the store's last change: one tag
        writer = engine_at(tmp_path / "node-c", database_url=database)
        try:
            writer.ingest_records([LATER])
        finally:
            writer.close()
        wait_for(lambda: "TA-2026-125" in a.get(search).text, 60, "the new record on node a")
        assert "TA-2026-125" not in b.get(search).text  # b does not follow: its index is behind
        caught_up = wait_for(lambda: a.get(search).headers.get("etag"), 30, "a's tag")
        assert caught_up != before
        on_b = b.get(search, caught_up)
        assert on_b.status_code == 200 and on_b.headers.get("etag") != caught_up and "TA-2026-125" not in on_b.text
        assert b.get(search, before).status_code == 200  # the store moved: b's old answer is not the current one either
    finally:
        a.stop()
        b.stop()


def test_head_on_every_get_route(site):
    spec = httpx.get(site + "/openapi.json", timeout=60).json()
    asked = 0
    with httpx.Client(base_url=site, timeout=60) as client:
        for template, operations in spec["paths"].items():
            if "get" not in operations or "{" in template.replace("{record_id}", "").replace("{issuer}", ""):
                continue
            path = template.replace("{record_id}", "TA-2026-118").replace("{issuer}", quote(AGENCY))
            got, head = client.get(path), client.head(path)
            asked += 1
            assert head.status_code == got.status_code and head.status_code < 500, (path, got.status_code, head.status_code)
            assert head.content == b"", path
            assert head.headers.get("content-type") == got.headers.get("content-type"), path
            assert head.headers.get("etag") == got.headers.get("etag"), path
    assert asked >= 15


# ------------------------------------------------------------------ round 3 (written before its run)
# GNU Wget as a mirroring crawler: recursive from the home page two levels deep, obeying robots.txt (it reads it first
# and skips what it disallows: /admin and /api/), page requisites, every link of ours answering (Wget exits 8 on any
# 4xx/5xx it met), no request for a disallowed path.


def test_wget_mirrors_two_levels_obeying_robots_txt(site, tmp_path):
    host = site.removeprefix("http://")
    run = subprocess.run(["wget", "--mirror", "--level=2", "--page-requisites", "--no-parent", "--no-verbose", "-e", "robots=on",
                          f"--domains={host.split(':')[0]}", "--reject-regex", r"[?&](page|offset|sort)=", "-P", str(tmp_path),
                          site + "/"], capture_output=True, text=True, timeout=600)
    fetched = [line.split(" URL:", 1)[1].split(" ", 1)[0] for line in run.stderr.splitlines() if " URL:" in line]
    assert run.returncode == 0, (run.returncode, run.stderr[-3000:])
    assert site + "/robots.txt" in fetched
    assert any("/documents/TA-2026-118" in url for url in fetched), fetched[:50]
    assert not [url for url in fetched if url.removeprefix(site).startswith(("/admin", "/api/"))], fetched


# ------------------------------------------------------------------ round 4 (written before its run)
# An OAI-PMH harvester behind a balancer with no stickiness (the several-machines README: "no stickiness needed"): each
# request of one ListRecords goes to the other node, one record a page, a record added on a third node midway. Every
# record held when the harvest began comes once, no badResumptionToken (§3.5: a token stays usable while the list it
# pages is), every page's tag from one node is a 304 on the other.


@pytest.mark.slow
def test_an_oai_harvest_alternating_between_two_nodes(tmp_path):
    from lxml import etree

    database = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    writer = engine_at(tmp_path / "node-c", database_url=database)
    try:
        writer.ingest_records(TONGAN)
    finally:
        writer.close()
    stamp = _code_stamp()
    os.environ["GONGKAI_FEEDS__OAI_PAGE_SIZE"] = "1"
    try:
        nodes = [Node(tmp_path / f"node-{n}", database, tmp_path / f"{n}.log") for n in ("a", "b")]
    finally:
        del os.environ["GONGKAI_FEEDS__OAI_PAGE_SIZE"]
    ns = {"o": "http://www.openarchives.org/OAI/2.0/"}
    try:
        _all_up(nodes, stamp)
        _one_tag(*nodes, "/oai?verb=ListRecords&metadataPrefix=oai_dc")  # both serve the same state
        path, seen, turn = "/oai?verb=ListRecords&metadataPrefix=oai_dc", [], 0
        while True:
            node, other = nodes[turn % 2], nodes[(turn + 1) % 2]
            page = node.get(path)
            assert page.status_code == 200, (path, page.text[:300])
            tree = etree.fromstring(page.content)
            assert not tree.findall("o:error", ns), page.text[:500]
            seen += [h.findtext("o:identifier", namespaces=ns) for h in tree.iterfind(".//o:header", ns)]
            if tag := page.headers.get("etag"):
                assert other.get(path, tag).status_code in (200, 304)  # 304 unless the store moved between the two asks
            if turn == 0:
                writer = engine_at(tmp_path / "node-c", database_url=database)
                try:
                    writer.ingest_records([LATER])
                finally:
                    writer.close()
            token = tree.findtext(".//o:resumptionToken", namespaces=ns)
            if not token:
                break
            path = "/oai?verb=ListRecords&resumptionToken=" + quote(token, safe="")
            turn += 1
        # (my slip, fixed after the run: an identifier names feeds.oai_repository_identifier, gongkai.localhost by default,
        # not the public address)
        held = {f"oai:gongkai.localhost:{r.id}" for r in TONGAN}
        assert held <= set(seen) and len(seen) == len(set(seen)), seen
    finally:
        for node in nodes:
            node.stop()
