"""doors6's held-out deliveries (tests/doors6_cases.py) through the drop folder, the push over a socket and `gongkai
ingest`: each stored, quarantined with its reason, refused with a 4xx, or left in place; never lost."""

from __future__ import annotations

import json
import time

import pytest

from tests.doors6_cases import CASES, line, lines, rec
from tests.support import assert_delivered, delivery_pairs

PAIRS = delivery_pairs(CASES, ("ingest", "inbox", "push"))


@pytest.mark.parametrize("case, entry", PAIRS, ids=[f"{entry.name}-{case.name}" for case, entry in PAIRS])
def test_delivery_is_stored_quarantined_or_left_never_lost(case, entry, tmp_path, monkeypatch):
    assert_delivered(case, entry, tmp_path, monkeypatch)


# ------------------------------------------------------------------ the push: labels that lie, ids that collide
# Expectations written before the run: a body is read by its bytes (UTF-8, else GB18030) whatever charset its label
# claims, so a title is stored exactly or the request is refused with a 4xx, never as mojibake; another agency's id is
# 403 and its record untouched; a wrong Content-Type is a 4xx naming what to send, nothing stored, never a 500.

OTHER = "厦门市自然资源和规划局"


def _pushing(tmp_path):
    from gongkai.feeds.tokens import TokenStore
    from tests.support import served_engine

    class Pushing:
        def __enter__(self):
            self.context = served_engine(tmp_path / "data", [])
            self.engine, self.base = self.context.__enter__()
            self.tokens = {agency: TokenStore(self.engine.store).create(agency)[0] for agency in ("厦门市财政局", OTHER)}
            return self

        def __exit__(self, *exc):
            return self.context.__exit__(*exc)

        def post(self, body: bytes, content_type: str | None, agency: str = "厦门市财政局", **kwargs):
            import httpx

            headers = {"Authorization": f"Bearer {self.tokens[agency]}"}
            if content_type is not None:
                headers["Content-Type"] = content_type
            answer = httpx.post(self.base + "/api/ingest", content=body, headers=headers, timeout=60, **kwargs)
            assert answer.status_code < 500, answer.text
            return answer

    return Pushing()


_R = {"title": "厦门市财政局关于2027年市级部门预算公开的公告", "index_number": "XM00104-0300-2027-77001", "publish_date": "2027-02-01"}
LABELS = [
    ("application/json; charset=utf-8", "gbk"),  # says UTF-8, is GBK (a Windows client on the system code page)
    ("application/json; charset=gbk", "utf-8"),  # says GBK, is UTF-8 (a template's stale header)
    ("application/json; charset=iso-8859-1", "utf-8"),  # requests' old default label
    ("application/json; charset=gb2312", "gb18030"),  # GB18030 beyond GB2312 (𠮷)
    ("text/plain; charset=utf-8", "gbk"),
    ("application/x-ndjson; charset=utf-16", "utf-8"),
    ("application/json;charset=\"UTF-8\"", "gbk"),
]


@pytest.mark.parametrize("content_type, encoding", LABELS, ids=[f"{c}-is-{e}" for c, e in LABELS])
def test_a_charset_label_that_lies_is_read_by_the_bytes(tmp_path, content_type, encoding):
    record = {**_R, "title": _R["title"] + ("（𠮷）" if encoding == "gb18030" else "")}
    with _pushing(tmp_path) as push:
        answer = push.post(json.dumps(record, ensure_ascii=False).encode(encoding), content_type)
        assert answer.status_code == (200 if "ndjson" in content_type else 201), answer.text  # (JSON Lines: a batch of one)
        [stored] = list(push.engine.export())
        assert stored.title == record["title"], stored.title


CONTENT_TYPES = ["application/x-www-form-urlencoded", "application/octet-stream", "application/xml", "text/html; charset=utf-8", "image/jpeg"]


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
def test_a_wrong_content_type_is_a_4xx_saying_what_to_send(tmp_path, content_type):
    with _pushing(tmp_path) as push:
        answer = push.post(json.dumps(_R, ensure_ascii=False).encode(), content_type)
        assert 400 <= answer.status_code < 500 and "application/json" in answer.json()["message"], answer.text
        assert " / " in answer.json()["message"]  # Chinese first
        assert list(push.engine.export()) == []


def test_no_content_type_at_all_is_read_as_json(tmp_path):
    with _pushing(tmp_path) as push:
        answer = push.post(json.dumps(_R, ensure_ascii=False).encode(), None)
        assert answer.status_code == 201, answer.text


def test_a_record_id_of_another_agency_is_refused_and_its_record_kept(tmp_path):
    """厦门市自然资源和规划局 pushed record `xm-gk-2027-0001`; 厦门市财政局 pushes a record with the same id (a shared CMS
    numbering, or a malicious overwrite): 403, the other agency's record unchanged; in a batch, the agency's other
    records still go in; through its drop folder, the record is quarantined with why."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    theirs = {"id": "xm-gk-2027-0001", "title": "厦门市自然资源和规划局关于2027年度国有建设用地供应计划的公告", "publish_date": "2027-01-20"}
    mine = {"id": "xm-gk-2027-0001", "title": "厦门市财政局关于2027年度政府采购意向公开的公告", "publish_date": "2027-01-21"}
    with _pushing(tmp_path) as push:
        assert push.post(json.dumps(theirs, ensure_ascii=False).encode(), "application/json", agency=OTHER).status_code == 201
        refused = push.post(json.dumps(mine, ensure_ascii=False).encode(), "application/json")
        assert refused.status_code == 403, refused.text
        batch = push.post(lines(line(mine), line(_R)), "application/x-ndjson")
        assert batch.status_code == 207 and [r["http_status"] for r in batch.json()["results"]] == [403, 201], batch.text
        withdraw = push.post(json.dumps({"id": theirs["id"], "withdrawn": True}).encode(), "application/json")
        assert withdraw.status_code == 403, withdraw.text
        folder = inbox_dir(push.engine) / "厦门市财政局"
        folder.mkdir(parents=True)
        (folder / "目录.jsonl").write_bytes(lines(line(mine)))
        process_inbox(push.engine, now=time.time() + 3600)
        kept = push.engine.store.get(theirs["id"])
        assert kept is not None and kept.title == theirs["title"] and not kept.withdrawn and kept.version == 1
        assert any("xm-gk-2027-0001" in e["reason"] or "belongs" in e["reason"] for e in push.engine.store.quarantine_list(None, limit=10))


def test_a_multipart_file_part_whose_type_lies(tmp_path):
    """`curl -F file=@目录.json;type=application/pdf`, and a page sent as image/png: read by the bytes and the name."""
    import httpx

    with _pushing(tmp_path) as push:
        headers = {"Authorization": f"Bearer {push.tokens['厦门市财政局']}"}
        first = httpx.post(push.base + "/api/ingest", headers=headers, files={"file": ("目录.json", json.dumps(_R, ensure_ascii=False).encode(), "application/pdf")})
        assert first.status_code == 201, first.text
        page = ("<html><head><meta charset='gbk'><title>厦门市财政局关于2027年度财政专项资金清理的通知</title></head><body><h1>厦门市财政局关于2027年度"
                "财政专项资金清理的通知</h1><p>各区财政局：现将有关事项通知如下。</p></body></html>").encode("gbk")
        second = httpx.post(push.base + "/api/ingest", headers=headers, files={"file": ("通知.html", page, "image/png; charset=utf-8")})
        assert second.status_code == 201, second.text
        titles = {r.title for r in push.engine.export()}
        assert titles == {_R["title"], "厦门市财政局关于2027年度财政专项资金清理的通知"}, titles


# ------------------------------------------------------------------ `gongkai ingest` given odd names


@pytest.mark.usefixtures("fresh_cli_state")
def test_gongkai_ingest_takes_names_with_leading_dashes_newlines_and_dots(tmp_path):
    from tests.cli_run import run

    given = tmp_path / "given"
    given.mkdir()
    names = ["-rf.jsonl", "--json.jsonl", "目录\n2027.jsonl", "..目录.jsonl", "目录.jsonl."]
    for n, name in enumerate(names):
        (given / name).write_bytes(lines(line(rec(200 + n))))
    result = run(tmp_path / "data", "ingest", "--json", "--", *(str(given / name) for name in names))
    said = [json.loads(out) for out in result.stdout.splitlines() if out.startswith("{")]
    assert sorted(s["status"] for s in said) == ["new"] * len(names), result.stdout + result.stderr
    bare = run(tmp_path / "data2", "ingest", "--json", str(given / "-rf.jsonl"))  # a path, not an option: it opens with /
    assert [json.loads(out)["status"] for out in bare.stdout.splitlines() if out.startswith("{")] == ["new"], bare.stdout


@pytest.mark.usefixtures("fresh_cli_state")
def test_gongkai_ingest_of_a_folder_whose_file_is_deleted_after_listing(tmp_path, monkeypatch):
    """A file listed, then deleted (the agency took it back) before it is read: its own entry saying it is gone; the
    files after it go in."""
    import gongkai.inputs as inputs
    from tests.cli_run import run

    given = tmp_path / "given"
    given.mkdir()
    for n in range(3):
        (given / f"{n}.jsonl").write_bytes(lines(line(rec(300 + n))))
    real = inputs.iter_files

    def listing(*args, **kwargs):
        for path in real(*args, **kwargs):
            if path.name == "0.jsonl":
                (given / "1.jsonl").unlink()
            yield path

    monkeypatch.setattr(inputs, "iter_files", listing)
    result = run(tmp_path / "data", "ingest", "--json", str(given))
    said = [json.loads(out) for out in result.stdout.splitlines() if out.startswith("{")]
    assert sorted(s["status"] for s in said) == ["error", "new", "new"] or sorted(s["status"] for s in said) == ["new", "new", "quarantined"], said
    gone = next(s for s in said if s["status"] != "new")
    assert "1.jsonl" in gone["input"] and gone.get("error_code") in ("no_such_file", "input_gone"), gone


def _multipart(disposition: bytes, data: bytes, content_type: bytes = b"application/octet-stream") -> bytes:
    return (b'--XX\r\nContent-Disposition: form-data; name="file"' + disposition + b"\r\nContent-Type: " + content_type + b"\r\n\r\n"
            + data + b"\r\n--XX--\r\n")


def test_a_file_part_named_only_the_rfc_2231_way_or_not_named(tmp_path):
    """urllib3 1.x (older `requests`) and some Java clients name a Chinese file only as `filename*=utf-8''%E7%9B%AE…`;
    `curl -F "file=<通知.html"` names none. Such a part was read as a text field: 400 no_file ("need a 'file' part"), or,
    over 1 MiB, 400 "Part exceeded maximum size". Now it is the file, named as sent (a .json name makes it a record file)."""
    with _pushing(tmp_path) as push:
        record = json.dumps({**_R, "title": "厦门市财政局关于以RFC2231文件名推送的公告"}, ensure_ascii=False).encode()
        named = push.post(_multipart(b"; filename*=utf-8''%E7%9B%AE%E5%BD%95.json", record), "multipart/form-data; boundary=XX")
        assert named.status_code == 201, named.text
        page = ("<html><head><title>通知</title></head><body><h1>厦门市财政局关于未命名文件推送的通知</h1><p>各单位：现将有关事项通知如下。</p>"
                + "<p>附表内容。</p>" * 60000 + "</body></html>").encode()
        assert len(page) > 1024 * 1024
        unnamed = push.post(_multipart(b"", page, b"text/html"), "multipart/form-data; boundary=XX")
        assert unnamed.status_code == 201, unnamed.text
        titles = {r.title for r in push.engine.export()}
        assert titles == {"厦门市财政局关于以RFC2231文件名推送的公告", "厦门市财政局关于未命名文件推送的通知"}, titles
