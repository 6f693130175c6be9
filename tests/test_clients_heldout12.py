"""Held-out round 3 of session 20 (clients10), written with its expectations BEFORE the app was run on it: `gongkai serve
--workers 2` as an operator runs it on two cores (one port, two worker processes taking connections as they come), used by
clients that open a new connection for each request (a harvester without keep-alive, a cache behind a proxy): every
request holding the tag a first answer gave is a 304 (RFC 9110 §13.1.2), whichever worker takes it; after an ingest by
another process, no request holding the old tag is a 304, and the new tags agree again.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from urllib.parse import quote

import httpx
import pytest

from gongkai.record import Record
from tests.support import build_engine, wait_for

pytestmark = pytest.mark.slow

RUN_SERVE = "import sys; from gongkai.cli.main import app; sys.argv[1:1] = ['serve']; app()"
XIANGAN = "厦门市翔安区人民政府办公室"
DOCS = [
    Record(id=f"XA-2026-{n:03d}", kind="disclosure", issuer=XIANGAN, publish_date=f"2026-11-{n + 3:02d}", source="clients10",
           title=title, body=body, doc_number=f"翔政办〔2026〕{n + 70}号")
    for n, (title, body) in enumerate([
        ("翔安区人民政府办公室关于做好2026年冬季农田水利建设工作的通知", "各镇（街道）：为做好今冬明春农田水利基本建设，现就有关事项通知如下。"),
        ("翔安区人民政府办公室关于印发翔安区新店街道控制性详细规划修编方案的通知", "经区政府研究同意，现将新店街道控制性详细规划修编方案印发给你们。"),
        ("翔安区人民政府办公室关于开展大嶝岛环境卫生专项整治的通知", "为改善大嶝岛人居环境，决定于2026年12月开展环境卫生专项整治。"),
    ])
]
LATER = Record(id="XA-2026-090", kind="disclosure", issuer=XIANGAN, publish_date="2026-12-06", source="clients10",
               title="翔安区人民政府办公室关于公布2027年区级为民办实事项目征集结果的通知", body="现将2027年区级为民办实事项目征集结果予以公布。")
PATHS = ["/api/search?q=" + quote("翔安区 通知"), "/oai?verb=ListRecords&metadataPrefix=oai_dc", "/search?q=" + quote("大嶝岛"),
         "/api/documents/XA-2026-001"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(base: str, path: str, tag: str | None = None) -> httpx.Response:
    # a new connection each time: the kernel hands it to whichever worker accepts first
    headers = {"Connection": "close", **({"If-None-Match": tag} if tag else {})}
    return httpx.get(base + path, headers=headers, timeout=60)


@pytest.fixture(scope="module")
def workers(tmp_path_factory):
    root = tmp_path_factory.mktemp("workers2")
    data = root / "data"
    build_engine(data, DOCS).close()
    port = _free_port()
    env = {**os.environ, "GONGKAI_DATA_DIR": str(data), "GONGKAI_SEARCH__VOCABULARY_REFRESH_SECONDS": "0"}
    env.pop("GONGKAI_CONFIG", None)
    env.pop("GONGKAI_FEEDS__PUBLIC_BASE_URL", None)
    log = root / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-c", RUN_SERVE, "--port", str(port), "--workers", "2", "--no-access-log"],
                                   env=env, cwd=root, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        assert process.poll() is None, log.read_text(errors="replace")
        try:
            return _get(base, "/healthz").status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_for(up, 90, "serve --workers 2")
        yield data, base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _agreed_tag(base: str, path: str) -> str:
    """The tag of `path` once 6 answers in a row (new connections: either worker) carry the same one."""

    def agreed() -> str | None:
        tags = {_get(base, path).headers.get("etag") for _ in range(6)}
        return tags.pop() if len(tags) == 1 and None not in tags else None

    return wait_for(agreed, 60, f"the workers to agree on a tag for {path}", interval=0.5)


def test_every_worker_answers_the_tag_with_a_304(workers):
    _, base = workers
    for path in PATHS:
        tag = _agreed_tag(base, path)
        statuses = [_get(base, path, tag).status_code for _ in range(20)]
        assert statuses == [304] * 20, (path, statuses)


def test_after_an_ingest_elsewhere_no_worker_answers_the_old_tag_with_a_304(workers):
    data, base = workers
    held = {path: _agreed_tag(base, path) for path in PATHS}
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    writer = Engine(load_settings(data_dir=data))
    try:
        writer.ingest_records([LATER])
    finally:
        writer.close()
    for path, tag in held.items():
        statuses = [_get(base, path, tag).status_code for _ in range(10)]
        assert 304 not in statuses, (path, statuses)
    path = PATHS[0]
    new = _agreed_tag(base, path)
    assert new != held[path] and "XA-2026-090" in _get(base, path).text
    assert [_get(base, path, new).status_code for _ in range(10)] == [304] * 10
