"""The hostile inputs of issue 16 and the entry points they are sent through: one table of each.

    for case in CASES:                      # what an attacker or a careless agency sends
        for entry in entries_for(case):     # gongkai ingest, drop folder, push, polling, crawl, reparse, quarantine retry
            outcome = entry.run(case, tmp_path)
            check(case, entry, outcome)     # stored / quarantined with its reason / left in place; nothing lost

Used by tests/test_hostile_inputs.py (each pair a test) and bench/hostile.py (the README table, with the
peak memory of each pair). To add a case, add a `Case` to CASES: its files, how many records it holds, and
a fragment of the reason each refused item must be quarantined (or, on push, answered) with.

The conservation law every pair is checked for: the items of the case = stored + quarantined (+ refused with
a 4xx answer to the sender, on push) + left in place (drop-folder files not taken: symlinks, hidden names).
"""

from __future__ import annotations

import io
import json
import os
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
HTML = CORPUS / "govcn_state_council_policies" / "html"
FILES = CORPUS / "pdf_docx" / "govcn_as_files"
AGENCY = "厦门市财政局"

# ------------------------------------------------------------------------------------- the cases


@cache
def govcn() -> list[dict]:
    records = []
    for raw in map(json.loads, (CORPUS / "govcn_state_council_policies" / "records.jsonl").read_text(encoding="utf-8").splitlines()):
        records.append({"title": raw["title"], "doc_number": raw["doc_no"], "index_number": raw["index_no"],
                        "issuer": AGENCY, "written_date": raw["written_date"], "body": raw["body_text"][:2000]})
    return records


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def _lines(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)


def encrypted_pdf() -> bytes:
    """A PDF whose standard security handler needs a user password (the empty one does not open it)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> "
            b"<0123456789abcdef0123456789abcdef>] >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return bytes(out)


def zip_bomb_docx() -> bytes:
    """A real DOCX plus 30 MB of zeros that deflate to ~30 KB (ratio ~1000)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive, zipfile.ZipFile(FILES / "govcn-5338761.docx") as real:
        for item in real.infolist():
            archive.writestr(item.filename, real.read(item.filename))
        archive.writestr("word/media/bomb.bin", bytes(30 * 1024 * 1024))
    return buffer.getvalue()


def gbk_page() -> bytes:
    text = (HTML / "govcn-5343366.html").read_text(encoding="utf-8")
    return ('<meta http-equiv="Content-Type" content="text/html; charset=gbk">\n' + text).encode("gbk", "replace")


HUGE = "9" * 5000
DEEP = "[" * 3000 + "]" * 3000
BILLION_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE records [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>\n<records><record><title>&lol3;</title></record></records>\n')


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], dict[str, bytes]]  # file name -> bytes
    stored: int  # records that must be stored
    reasons: tuple[str, ...] = ()  # one fragment per refused item, of its quarantine reason (or 4xx answer)
    kind: str = "records"  # "records" (record files) or "documents" (HTML, PDF, DOCX, text)
    titles: tuple[str, ...] = ()  # titles that must be stored exactly (encodings)
    #: entry points whose rule differs for this case: entry name -> (stored, reasons, left in place)
    differs: dict[str, tuple[int, tuple[str, ...], int]] = field(default_factory=dict)
    only: tuple[str, ...] = ()  # when set, the entry points this case is sent through
    bench_only: bool = False  # too big for the test suite (the 500 MB file)

    @property
    def items(self) -> int:
        return self.stored + len(self.reasons)


def _records(n: int) -> list[dict]:
    return govcn()[:n]


GB18030_TITLE = "厦门市𠮷祥路（䶮）地块征收公告"  # 𠮷 and 䶮 are outside GBK: four-byte GB18030
CASES: list[Case] = [
    Case("control: clean JSON Lines", lambda: {"good.jsonl": _lines(*map(_line, _records(3)))}, 3),
    Case("GBK JSON Lines", lambda: {"gbk.jsonl": _lines(*map(_line, _records(2)), encoding="gbk")}, 2, titles=(govcn()[0]["title"],)),
    Case("GB18030 JSON Lines", lambda: {"gb18030.jsonl": _lines(_line({**govcn()[4], "title": GB18030_TITLE}), encoding="gb18030")}, 1, titles=(GB18030_TITLE,)),
    Case("invalid bytes in a line", lambda: {"bytes.jsonl": b"\x80\x80\xff{\"title\": \"x\"}\n" + _lines(_line(govcn()[5]))}, 1, ("neither UTF-8 nor GB18030",)),
    Case("a 5,000-digit number", lambda: {"huge.jsonl": _lines(_line(govcn()[6]), '{"title": "巨大数字", "version": ' + HUGE + "}", _line(govcn()[7]))}, 2, ("4300 digits",)),
    Case("JSON nested 3,000 deep", lambda: {"deep.jsonl": _lines(DEEP, _line(govcn()[8]))}, 1, ("nested",)),
    Case("NUL bytes", lambda: {"nul.jsonl": _lines('{"title": "含\x00空字符"}', json.dumps({**govcn()[9], "title": govcn()[9]["title"] + "\u0000"}, ensure_ascii=False))}, 1, ("control character",)),
    Case("a tombstone (withdrawn: true)", lambda: {"tomb.jsonl": _lines(_line({**govcn()[10], "withdrawn": True}), _line(govcn()[11]))}, 1, ("withdraw",)),
    Case("DTD and entities in XML", lambda: {"records.xml": BILLION_LAUGHS}, 0, ("DTD",)),
    Case("a tombstone in XML records", lambda: {"tomb.xml": ('<?xml version="1.0" encoding="UTF-8"?><records><record><title>撤回的记录</title>'
                                                              "<url>https://www.gov.cn/t.htm</url><withdrawn>true</withdrawn></record></records>").encode()}, 0, ("withdraw",)),
    Case("a 20 MB record (over records.max_record_bytes)", lambda: {"big.jsonl": _lines(_line(govcn()[12]), '{"title": "巨大", "body": "' + "字" * (20 * 1024 * 1024 // 3) + '"}')},
         1, ("max_record_bytes",), only=("ingest", "inbox", "push", "retry")),
    Case("truncated PDF", lambda: {"cut.pdf": (FILES / "govcn-5339579.pdf").read_bytes()[:5000]}, 0, ("corrupt",), kind="documents"),
    Case("encrypted PDF", lambda: {"secret.pdf": encrypted_pdf()}, 0, ("encrypted",), kind="documents"),
    Case("zip bomb DOCX", lambda: {"bomb.docx": zip_bomb_docx()}, 0, ("zip bomb",), kind="documents"),
    Case("GBK HTML page", lambda: {"gbk.html": gbk_page()}, 1, kind="documents", titles=("国务院办公厅关于对国务院第五次大督查发现的典型经验做法给予表扬的通报",)),
    # (not crawled: a discovery crawl keeps only pages with a metadata block or a 文号 header, by design)
    Case("NUL bytes in a text document", lambda: {"nul.txt": "厦门市人民政府关于停电检修的通知\x00\n各区人民政府：\x00本市将于五月六日停电检修。\n".encode() * 3}, 1, kind="documents",
         only=("ingest", "inbox", "push", "poll", "reparse", "retry")),
    Case("a name with ..\\..\\ (hidden: starts with a dot)", lambda: {"..\\..\\evil.html": (HTML / "govcn-5339579.html").read_bytes()}, 1, kind="documents",
         differs={"ingest": (0, (), 1), "inbox": (0, (), 1)}, only=("ingest", "inbox", "push")),
    Case("a symlink to a file outside", lambda: {"@link.html": str(HTML / "govcn-5342665.html").encode()}, 1, kind="documents",
         differs={"inbox": (0, (), 1)}, only=("ingest", "inbox")),
    # (doors, session 10) an export written as one JSON array but named .jsonl (or pushed as application/x-ndjson):
    # its records, each judged alone; it was one entry "a record must be a JSON object, got list" (the array whole), or,
    # pretty-printed, one "not valid JSON" entry per line of it
    Case("a JSON array in a .jsonl file", lambda: {"array.jsonl": _lines(json.dumps([govcn()[13], govcn()[14]], ensure_ascii=False))}, 2),
    Case("a pretty-printed JSON array in a .jsonl file", lambda: {"pretty.jsonl": json.dumps([govcn()[15], {"title": ""}, govcn()[16]], ensure_ascii=False, indent=2).encode()},
         2, ("at least 1 character",)),
    Case("a 500 MB JSON Lines line", lambda: {"big.jsonl": b""}, 0, ("max_record_bytes",), bench_only=True, only=("ingest", "inbox")),
]

BIG_BYTES = 500 * 1024 * 1024


def write_case(case: Case, folder: Path) -> list[Path]:
    """The case's files in `folder` ("@name": a symlink to the path its bytes name; the 500 MB file streamed)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in case.make().items():
        if name.startswith("@"):
            path = folder / name[1:]
            os.symlink(data.decode(), path)
        elif case.bench_only and name == "big.jsonl":
            path = folder / name
            with path.open("wb") as handle:  # one line of 500 MB: a record as big as that is refused unread
                handle.write('{"title": "巨大", "body": "'.encode())
                chunk = "字".encode() * (1024 * 1024 // 3)
                for _ in range(BIG_BYTES // len(chunk)):
                    handle.write(chunk)
                handle.write(b'"}\n')
        else:
            path = folder / name
            path.write_bytes(data)
        written.append(path)
    return written


# ------------------------------------------------------------------------------------- outcomes


@dataclass
class Outcome:
    stored: int = 0
    quarantined: list[str] = field(default_factory=list)  # reasons of the new quarantine entries
    refused: list[str] = field(default_factory=list)  # push: messages of items answered 4xx, not kept
    left: int = 0  # input files left where they were, not taken
    titles: list[str] = field(default_factory=list)

    @property
    def accounted(self) -> int:
        return self.stored + len(self.quarantined) + len(self.refused) + self.left


def expected(case: Case, entry: str) -> tuple[int, tuple[str, ...], int]:
    return case.differs.get(entry, (case.stored, case.reasons, 0))


def check(case: Case, entry: str, outcome: Outcome) -> list[str]:
    """What is wrong with an outcome ([] when the case went through the entry point as it must)."""
    stored, reasons, left = expected(case, entry)
    problems = []
    if outcome.stored != stored:
        problems.append(f"stored {outcome.stored}, expected {stored}")
    said = outcome.quarantined + outcome.refused
    for fragment in reasons:
        if not any(fragment in reason for reason in said):
            problems.append(f"no reason says {fragment!r}: {said}")
    if outcome.left != left:
        problems.append(f"left in place {outcome.left}, expected {left}")
    if outcome.accounted != stored + len(reasons) + left:
        problems.append(f"lost: {stored + len(reasons) + left} items, {outcome.accounted} accounted for ({outcome})")
    for title in case.titles:
        if stored and title not in outcome.titles:
            problems.append(f"title not stored exactly: {title!r} (stored: {outcome.titles})")
    return problems


# ------------------------------------------------------------------------------------- entry points


def _engine(data: Path, **overrides: Any) -> Any:
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    return Engine(load_settings(data_dir=data, **overrides))


def _outcome(engine: Any, before: int = 0, left: int = 0, refused: list[str] | None = None) -> Outcome:
    reasons = [entry["reason"] for entry in engine.store.quarantine_list(None, limit=100_000)]
    records = list(engine.export())
    return Outcome(stored=len(records), quarantined=reasons[: len(reasons) - before] if before else reasons,
                   refused=refused or [], left=left, titles=[r.title for r in records])


def run_ingest(case: Case, tmp: Path) -> Outcome:
    """`gongkai ingest FOLDER` (the CLI's own code, in this process)."""
    from typer.testing import CliRunner

    from gongkai.cli.context import state
    from gongkai.cli.main import app

    folder = tmp / "given"
    paths = write_case(case, folder)
    state._settings = state._engine = None
    try:
        result = CliRunner().invoke(app, ["--data-dir", str(tmp / "data"), "ingest", "--json", str(folder)], catch_exceptions=False)
    finally:
        if state._engine is not None:
            state._engine.close()
        state._settings = state._engine = None
    assert result.exit_code in (0, 1), result.stdout  # 1: something was quarantined
    taken = {Path(json.loads(line)["input"].split(":")[0].split("[")[0]).name for line in result.stdout.splitlines() if line.startswith('{"input"')}
    engine = _engine(tmp / "data")
    try:
        return _outcome(engine, left=sum(1 for p in paths if p.name not in taken))
    finally:
        engine.close()


def run_inbox(case: Case, tmp: Path) -> Outcome:
    """The drop folder (`gongkai inbox process`): the case's files in the agency's folder."""
    from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox

    engine = _engine(tmp / "data")
    try:
        given = write_case(case, inbox_dir(engine) / AGENCY)
        process_inbox(engine, now=time.time() + 3600)
        archived = {p.name for p in archive_dir(engine).rglob("*") if p.is_file()} if archive_dir(engine).exists() else set()
        left = [p for p in given if p.is_symlink() or p.exists()]
        assert all(p.name in archived for p in given if p not in left), "a file is neither archived nor left in the inbox"
        return _outcome(engine, left=len(left))
    finally:
        engine.close()


def run_push(case: Case, tmp: Path) -> Outcome:
    """POST /api/ingest over a real socket with an agency token: record files as their body, documents as multipart."""
    import httpx

    from gongkai.feeds.tokens import TokenStore
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    engine = _engine(tmp / "data", feeds={"push_rate_limit": 0, "push_rate_burst": 0, "push_max_bytes": 60 * 1024 * 1024})
    token, _ = TokenStore(engine.store).create(AGENCY)
    refused: list[str] = []
    try:
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=120) as client:
            headers = {"Authorization": f"Bearer {token}"}
            for name, data in case.make().items():
                if case.kind == "records" and name.endswith(".jsonl"):
                    response = client.post("/api/ingest", content=data, headers={**headers, "Content-Type": "application/x-ndjson"})
                else:
                    pushed = "../../etc/" + name.replace("\\", "/").split("/")[-1] if ".." in name else name
                    response = client.post("/api/ingest", files={"file": (pushed, data)}, headers=headers)
                assert response.status_code < 500, response.text
                for result in response.json().get("results", []):
                    if result["http_status"] in (400, 403, 413, 415):  # answered, not kept: the sender has it
                        refused.append(result.get("error") or "")
        return _outcome(engine, refused=refused)
    finally:
        engine.close()


class StaticSite:
    """Files served on 127.0.0.1 (the agency's web site or feed host)."""

    def __init__(self, routes: dict[str, tuple[str, bytes]]) -> None:
        self.routes = routes

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_GET(self) -> None:
                content_type, body = routes.get(self.path.split("?")[0], ("text/plain", b""))
                self.send_response(200 if self.path.split("?")[0] in routes else 404)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def __enter__(self) -> StaticSite:
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


_TYPES = {".pdf": "application/pdf", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          ".html": "text/html", ".txt": "text/plain", ".xml": "application/xml", ".jsonl": "application/x-ndjson"}


def _type_of(name: str) -> str:
    return _TYPES.get(Path(name).suffix, "application/octet-stream")


def run_poll(case: Case, tmp: Path) -> Outcome:
    """An agency's RSS feed (polling) whose entries link to the case's files."""
    from gongkai.feeds.poll import FeedPoller
    from gongkai.settings import AgencyFeed

    files = case.make()
    routes = {f"/files/{n}": (_type_of(name), data) for n, (name, data) in enumerate(files.items())}
    with StaticSite(routes) as site:
        items = "".join(
            # no <title>: the feed's title would win over the document's, and the document's is what is checked
            f"<item><description>{escape(name)}</description><link>{site.base}{path}</link><guid>{site.base}{path}</guid>"
            "<pubDate>Sat, 10 Nov 2018 08:00:00 +0800</pubDate></item>"
            for path, name in zip(routes, files)
        )
        routes["/rss.xml"] = ("application/rss+xml", f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{AGENCY}</title>'
                              f"<link>{site.base}/</link><description>文件</description>{items}</channel></rss>".encode())
        engine = _engine(tmp / "data")
        try:
            with FeedPoller(engine) as poller:
                poller.poll(AgencyFeed(name=AGENCY, url=f"{site.base}/rss.xml"))
            return _outcome(engine)
        finally:
            engine.close()


def run_crawl(case: Case, tmp: Path) -> Outcome:
    """A discovery crawl (`gongkai crawl --start-url`) in its child process: a real 政府信息公开 page links the
    case's PDF/DOCX as its attachments; HTML and text files are pages linked from the start page."""
    from gongkai.crawlers.child_process import run_in_subprocess

    files = case.make()
    carrier = (HTML / "govcn-5338761.html").read_text(encoding="utf-8")
    attachments = {f"/xxgk/fj{n}{Path(name).suffix}": (name, data) for n, (name, data) in enumerate(files.items()) if Path(name).suffix in (".pdf", ".docx")}
    pages = {f"/xxgk/p{n}{Path(name).suffix}": (name, data) for n, (name, data) in enumerate(files.items()) if (f"/xxgk/fj{n}{Path(name).suffix}") not in attachments}
    links = "".join(f'<p><a href="{path}">附件{n}：{escape(Path(name).stem)}{Path(name).suffix}</a></p>' for n, (path, (name, _)) in enumerate(attachments.items(), 1))
    routes = {"/robots.txt": ("text/plain", b"")}
    routes["/xxgk/carrier.html"] = ("text/html; charset=utf-8", (carrier + links).encode())
    routes.update({path: (_type_of(name), data) for path, (name, data) in {**attachments, **pages}.items()})
    home = '<html><body><a href="/xxgk/carrier.html">通知</a>' + "".join(f'<a href="{p}">页</a>' for p in pages) + "</body></html>"
    routes["/"] = ("text/html; charset=utf-8", home.encode())
    with StaticSite(routes) as site:
        run_in_subprocess(["--start-url", site.base + "/", "--max-depth", "3", "--backoff", "0.1", "--fast"], tmp / "data")
    engine = _engine(tmp / "data")
    try:
        outcome = _outcome(engine)
        outcome.stored -= 1  # the carrier page is not one of the case's items
        return outcome
    finally:
        engine.close()


def run_reparse(case: Case, tmp: Path) -> Outcome:
    """`gongkai ingest`, then `gongkai reparse` of everything: the same records, nothing new quarantined or lost."""
    first = run_ingest(case, tmp)
    engine = _engine(tmp / "data")
    try:
        engine.reparse()
        again = _outcome(engine, left=first.left)
        assert sorted(again.titles) == sorted(first.titles), "reparse changed what is stored"
        return again
    finally:
        engine.close()


def run_retry(case: Case, tmp: Path) -> Outcome:
    """`gongkai ingest`, then `gongkai quarantine retry` of every open item: each fails again with its reason,
    stays in the quarantine (open, or retried beside a new entry), and nothing is stored twice or lost."""
    first = run_ingest(case, tmp)
    engine = _engine(tmp / "data")
    try:
        open_items = engine.store.quarantine_list("open", limit=100_000)
        for item in open_items:
            engine.retry_quarantined(item["id"])
        after = engine.store.quarantine_list(None, limit=100_000)
        # the original entries are kept: retried when the retry failed another way (a new entry says the new reason), or
        # still the item's one open entry when it failed the same way (tests/test_quarantine_once.py), or resolved
        originals = [entry for entry in after if entry["id"] in {item["id"] for item in open_items}]
        assert len(originals) == len(open_items) and all(entry["status"] in ("retried", "resolved", "open") for entry in originals)
        records = list(engine.export())
        return Outcome(stored=len(records), quarantined=[entry["reason"] for entry in originals], left=first.left, titles=[r.title for r in records])
    finally:
        engine.close()


@dataclass(frozen=True)
class Entry:
    name: str
    run: Callable[[Case, Path], Outcome]
    kinds: tuple[str, ...]  # the case kinds it takes


ENTRIES: list[Entry] = [
    Entry("ingest", run_ingest, ("records", "documents")),
    Entry("inbox", run_inbox, ("records", "documents")),
    Entry("push", run_push, ("records", "documents")),
    Entry("poll", run_poll, ("documents",)),
    Entry("crawl", run_crawl, ("documents",)),
    Entry("reparse", run_reparse, ("documents",)),
    Entry("retry", run_retry, ("records", "documents")),
]


def entries_for(case: Case) -> list[Entry]:
    return [entry for entry in ENTRIES if case.kind in entry.kinds and (not case.only or entry.name in case.only)]


def pairs(include_bench_only: bool = False) -> list[tuple[Case, Entry]]:
    return [(case, entry) for case in CASES if include_bench_only or not case.bench_only for entry in entries_for(case)]
