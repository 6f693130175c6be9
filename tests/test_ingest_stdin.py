"""`gongkai ingest -`: JSON Lines piped in from another tool (polish, probe3's leftover: it was refused, "no such file
or folder: -"). Nothing lost: the bytes are kept in DATA_DIR/stdin/, so a quarantined line is retried from there.
The real `gongkai` executable in a subprocess with a real pipe; real SQLite and Tantivy."""

from __future__ import annotations

import json
import subprocess
import sys
from os import close as os_close
from pathlib import Path

GONGKAI = Path(sys.executable).parent / "gongkai"
GOOD = {"title": "厦门市人民政府关于印发停车管理办法的通知", "issuer": "厦门市人民政府", "doc_number": "厦府〔2024〕12号",
        "body": "为加强停车管理", "publish_date": "2024-03-01"}
BAD = {"title": "厦门市财政局关于预算公开的通知", "publish_date": "2024-13-01"}


def _gongkai(data: Path, *args: str, stdin: bytes | None = None, **env: str) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([str(GONGKAI), "--data-dir", str(data), *args], input=stdin, capture_output=True,
                          timeout=120, cwd=data.parent, check=False, env={**os.environ, **env})


def _lines(*records: dict) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def test_json_lines_piped_in_go_in_and_a_line_kept_unread_is_retried_from_the_kept_bytes(tmp_path):
    data = tmp_path / "data"
    long = {**GOOD, "title": "厦门市财政局关于预算公开的通知", "doc_number": "厦财〔2024〕3号", "body": "预算公开" * 200}
    piped = _lines(GOOD, BAD, long)
    small = {"GONGKAI_RECORDS__MAX_RECORD_BYTES": "1024"}  # the long line is quarantined unread, without its bytes
    done = _gongkai(data, "ingest", "--json", "-", stdin=piped, **small)
    assert done.returncode == 0, done.stderr.decode()
    statuses = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [s["status"] for s in statuses] == ["new", "quarantined", "quarantined"]
    [kept] = (data / "stdin").iterdir()
    assert kept.suffix == ".jsonl" and kept.read_bytes() == piped  # every byte kept
    assert statuses[2]["input"] == f"{kept}:3" and "over the limit" in statuses[2]["error"]
    assert GOOD["title"] in _gongkai(data, "search", "--json", "停车管理办法").stdout.decode()

    # With the limit raised, a retry reads the line again from the kept bytes: it goes in.
    _gongkai(data, "quarantine", "retry")
    assert "厦财〔2024〕3号" in _gongkai(data, "search", "--json", "预算公开").stdout.decode()


def test_a_terminal_on_standard_input_is_refused_with_a_message(tmp_path):
    import pty

    data = tmp_path / "data"
    primary, secondary = pty.openpty()
    try:
        done = subprocess.run([str(GONGKAI), "--data-dir", str(data), "ingest", "-"], stdin=secondary,
                              capture_output=True, timeout=60, check=False)
    finally:
        os_close(primary), os_close(secondary)
    assert done.returncode == 2 and "standard input is a terminal" in done.stderr.decode()


def test_the_same_input_piped_twice_is_one_kept_file_and_unchanged(tmp_path):
    data = tmp_path / "data"
    assert _gongkai(data, "ingest", "-", stdin=_lines(GOOD)).returncode == 0
    again = _gongkai(data, "ingest", "--json", "-", stdin=_lines(GOOD))
    assert [json.loads(line)["status"] for line in again.stdout.decode().splitlines()] == ["unchanged"]
    assert len(list((data / "stdin").iterdir())) == 1


def test_a_json_array_piped_in_is_read_as_json(tmp_path):
    data = tmp_path / "data"
    done = _gongkai(data, "ingest", "--json", "-", stdin=json.dumps([GOOD], ensure_ascii=False).encode())
    assert done.returncode == 0 and json.loads(done.stdout)["status"] == "new", done.stderr.decode()
    assert [p.suffix for p in (data / "stdin").iterdir()] == [".json"]


def test_a_closed_standard_input_is_refused_with_a_message(tmp_path):
    done = subprocess.run(f"'{GONGKAI}' --data-dir '{tmp_path / 'data'}' ingest - <&-", shell=True, capture_output=True, timeout=60, check=False)
    assert done.returncode == 2 and "standard input is closed" in done.stderr.decode() and b"Traceback" not in done.stderr


def test_a_gzip_or_utf16_export_piped_in_is_kept_under_its_kind_and_goes_in(tmp_path):
    """`… | gzip | gongkai ingest -`: a gzip'd XML export was kept as .jsonl (its first byte is no `<`) and quarantined as not
    JSON; a compact UTF-16 JSON array was kept as JSON Lines. Kept now as what they hold (doors3, session 12)."""
    import gzip

    data = tmp_path / "data"
    xml = '<records><record><title>厦门市湖里区关于道路施工的通告</title><body>施工期间请绕行。</body></record></records>'
    done = _gongkai(data, "ingest", "-", "--json", stdin=gzip.compress(xml.encode("utf-8")))
    assert done.returncode == 0 and json.loads(done.stdout)["status"] == "new", done.stdout + done.stderr
    array = [{"title": "湖里区关于第一批老旧小区改造的公示", "body": "正文"}, {"title": "湖里区关于第二批老旧小区改造的公示", "body": "正文"}]
    done = _gongkai(data, "ingest", "-", "--json", stdin=json.dumps(array, ensure_ascii=False).encode("utf-16"))
    assert [json.loads(line)["status"] for line in done.stdout.splitlines()] == ["new", "new"], done.stdout + done.stderr
    assert sorted(p.name.split(".", 1)[1] for p in (data / "stdin").iterdir()) == ["json", "xml.gz"]


def test_a_gzipped_document_or_a_zip_piped_in_is_read_as_such(tmp_path):
    """`gzip -c 报告.pdf | gongkai ingest -` was kept as `.jsonl.gz` and read as 462 lines of binary, 462 entries; a zip piped
    in as `.jsonl`, one entry a "line" (doors4). Kept now as `.gz` (a document) and `.zip`, read as the drop folder reads them."""
    import gzip
    import io
    import zipfile

    from tests.hostile_cases import FILES

    data = tmp_path / "data"
    pdf = (FILES / "govcn-5339579.pdf").read_bytes()
    done = _gongkai(data, "ingest", "-", "--json", stdin=gzip.compress(pdf))
    assert [json.loads(line)["status"] for line in done.stdout.splitlines()] == ["new"], done.stdout + done.stderr
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("方案.docx", (FILES / "govcn-5342665.docx").read_bytes())
        archive.writestr("目录.jsonl", _lines(GOOD))
    done = _gongkai(data, "ingest", "-", "--json", stdin=buffer.getvalue())
    assert sorted(json.loads(line)["status"] for line in done.stdout.splitlines()) == ["new", "new"], done.stdout + done.stderr
    assert sorted(p.name.split(".", 1)[1] for p in (data / "stdin").iterdir()) == ["gz", "zip"]
