"""The data-state ETags of the pages, the API and OAI-PMH across server processes (clients10, session 20): two real `gongkai
serve` processes over one data directory, as the workers of `serve --workers N` or two servers behind one balancer are.
A client moving between them (a cache, a proxy, a harvester whose requests land on either) holds a tag one gave and asks
the other: the same data state, settings and code give the same tag there, so a 304 (RFC 9110 §13.1.2); a change made
by a third process (an ingest, a withdrawal) gives both a new tag, never a 304 for the old copy; a server started with
other settings (another public address: other links in its answers) never shares a tag. They were per process: every
worker answered another's tag with the whole answer.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from gongkai.record import Record
from tests.support import build_engine, wait_for

pytestmark = pytest.mark.slow

RUN_SERVE = "import sys; from gongkai.cli.main import app; sys.argv[1:1] = ['serve']; app()"
PUBLIC = "https://gongkai.example.gov.cn"
HAICANG = "厦门市海沧区人民政府办公室"
DOCS = [
    Record(id="HC-2026-061", kind="disclosure", title="海沧区人民政府办公室关于印发海沧区2027年为民办实事项目的通知", issuer=HAICANG,
           doc_number="海政办〔2026〕61号", publish_date="2026-12-02", source="clients10",
           body="各街道办事处，区直各单位：《海沧区2027年为民办实事项目》已经区政府研究同意，现印发给你们，请认真组织实施。",
           url="https://www.haicang.gov.cn/xx/zfxxgkzl/qzfxxgkml/zcwj/202612/t20261202_881201.htm"),
    Record(id="HC-2026-064", kind="disclosure", title="海沧区关于新阳街道兴旺社区老旧小区改造项目的公示", issuer=HAICANG,
           doc_number="海政办〔2026〕64号", publish_date="2026-12-04", source="clients10",
           body="根据《厦门市老旧小区改造工作方案》，现将新阳街道兴旺社区老旧小区改造项目有关情况公示如下。",
           url="https://www.haicang.gov.cn/xx/zfxxgkzl/qzfxxgkml/tzgg/202612/t20261204_881266.htm"),
    Record(id="LOST-2026-1205-11", kind="notice", notice_type="lost", issuer="厦门日报", publish_date="2026-12-05", source="clients10",
           title="遗失声明", body="厦门市海沧区鑫源五金商行遗失营业执照副本，统一社会信用代码92350205MA2Y8K7L3X，声明作废。",
           url="https://epaper.xmnn.cn/xmrb/20261205/B06.htm"),
]
LATER = Record(id="HC-2026-070", kind="disclosure", title="海沧区人民政府办公室关于做好2027年元旦春节期间有关工作的通知", issuer=HAICANG,
               doc_number="海政办〔2026〕70号", publish_date="2026-12-06", source="clients10",
               body="各街道办事处，区直各单位：元旦、春节将至，为做好节日期间各项工作，现就有关事项通知如下。",
               url="https://www.haicang.gov.cn/xx/zfxxgkzl/qzfxxgkml/zcwj/202612/t20261206_881302.htm")
ROUTES = ["/", "/search?q=" + quote("海沧 通知"), "/api/search?q=" + quote("海沧区 通知"), "/api/search?q=" + quote("遗失") + "&kind=notice",
          "/documents/HC-2026-061", "/api/documents/HC-2026-064", "/api/suggest?q=" + quote("海沧"),
          "/api/lookup?doc_number=" + quote("海政办[2026]61号"), "/oai?verb=ListRecords&metadataPrefix=oai_dc",
          "/oai?verb=GetRecord&metadataPrefix=gongkai&identifier=" + quote("oai:gongkai.localhost:HC-2026-061")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`gongkai serve` in a process of its own, over `data_dir`, with the public address `public`."""

    def __init__(self, data_dir: Path, public: str, log: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "GONGKAI_DATA_DIR": str(data_dir), "GONGKAI_FEEDS__PUBLIC_BASE_URL": public,
               "GONGKAI_SEARCH__VOCABULARY_REFRESH_SECONDS": "0"}  # the word list follows each change at once (in the background)
        env.pop("GONGKAI_CONFIG", None)
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen([sys.executable, "-c", RUN_SERVE, "--port", str(self.port), "--no-access-log"],
                                            env=env, cwd=data_dir.parent, stdout=out, stderr=subprocess.STDOUT)

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


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    root = tmp_path_factory.mktemp("workers")
    data = root / "data"
    build_engine(data, DOCS).close()
    servers = [Server(data, PUBLIC, root / f"{name}.log") for name in ("a", "b")]
    try:
        for server in servers:
            wait_for(server.up, 60, f"the server on {server.base}")
        yield data, root, *servers
    finally:
        for server in servers:
            server.stop()


def _settled_tag(a: Server, b: Server, path: str) -> str:
    """The tag both give `path` once each has picked up the data state (a word list rebuilt in the background may
    lag on one for a moment: a 200 across them meanwhile, never a 304)."""

    def same() -> str | None:
        first, second = a.get(path), b.get(path)
        assert first.status_code == second.status_code == 200, (path, first.status_code, second.status_code)
        tag = first.headers.get("etag")
        return tag if tag and tag == second.headers.get("etag") else None

    return wait_for(same, 60, f"one tag for {path} on both servers", interval=0.3)


def test_a_tag_from_one_process_is_a_304_on_the_other(two):
    _, _, a, b = two
    for path in ROUTES:
        tag = _settled_tag(a, b, path)
        for asked, held in ((b, tag), (a, tag), (b, tag.removeprefix("W/"))):
            again = asked.get(path, held)
            assert again.status_code == 304 and again.content == b"", (path, asked.base)
            assert again.headers["etag"] == tag, path
        assert b.get(path, 'W/"s' + "0" * 31 + '"').status_code == 200, path


def test_a_change_by_a_third_process_gives_both_a_new_tag_never_a_304(two):
    data, _, a, b = two
    held = {path: _settled_tag(a, b, path) for path in ROUTES}
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    writer = Engine(load_settings(data_dir=data))  # a third process's engine: an ingest run by the scheduler or the CLI
    try:
        writer.ingest_records([LATER])
    finally:
        writer.close()
    for path, tag in held.items():
        for server in (a, b):
            after = server.get(path, tag)
            assert after.status_code == 200 and after.headers.get("etag") != tag, (path, server.base)
    new = _settled_tag(a, b, "/api/search?q=" + quote("海沧区 通知"))
    assert new != held["/api/search?q=" + quote("海沧区 通知")]
    assert "HC-2026-070" in a.get("/api/search?q=" + quote("海沧区 通知")).text
    assert b.get("/api/search?q=" + quote("海沧区 通知"), new).status_code == 304

    # a withdrawal (an operator's takedown elsewhere): no store change number, index commit or tag is kept
    held = {path: _settled_tag(a, b, path) for path in ROUTES}
    writer = Engine(load_settings(data_dir=data))
    try:
        assert writer.withdraw("HC-2026-064", "撤回：项目调整 / withdrawn by the agency")
    finally:
        writer.close()
    for path, tag in held.items():
        for server in (a, b):
            after = server.get(path, tag)  # the withdrawn document's own route: 410 Gone
            assert after.status_code in (200, 410) and after.headers.get("etag") != tag, (path, server.base, after.status_code)


def test_oai_tags_agree_while_one_worker_has_rebuilt_its_word_list_and_the_other_not(two):
    """OAI-PMH uses no query word list: after a change, a worker that served searches (and rebuilt its word list in the
    background) and one that served only harvesters give a harvester the same tag."""
    data, _, a, b = two
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    writer = Engine(load_settings(data_dir=data))
    try:
        writer.ingest_records([LATER.model_copy(update={"id": "HC-2026-071", "title": "海沧区关于海沧湾公园冬季开放时间调整的公告"})])
    finally:
        writer.close()
    search = "/api/search?q=" + quote("海沧湾公园")
    seen: list[str | None] = []

    def a_settled() -> bool:  # only a searches: its word list follows the change, b's does not
        seen.append(a.get(search).headers.get("etag"))
        return len(seen) >= 4 and seen[-1] is not None and seen[-1] == seen[-2]

    wait_for(a_settled, 60, "a's search tag to settle", interval=0.3)
    path = "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc"
    tag = a.get(path).headers["etag"]
    assert b.get(path).headers["etag"] == tag
    assert b.get(path, tag).status_code == 304


def test_a_server_with_other_settings_never_shares_a_tag(two):
    data, root, a, _ = two
    other = Server(data, "https://xxgk.haicang.gov.cn", root / "c.log")  # another public address: other links in OAI-PMH
    try:
        wait_for(other.up, 60, "the third server")
        for path in ("/oai?verb=ListRecords&metadataPrefix=oai_dc", "/api/search?q=" + quote("海沧区 通知")):
            first = a.get(path)
            assert first.status_code == 200 and first.headers.get("etag"), path
            theirs = other.get(path, first.headers["etag"])
            assert theirs.status_code == 200 and theirs.headers.get("etag") != first.headers["etag"], path
    finally:
        other.stop()
