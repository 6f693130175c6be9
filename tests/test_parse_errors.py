"""Bad input: every failure is one clear ParseError, the capture's bytes untouched, never a crash."""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import sys
import zipfile
from pathlib import Path

import pytest

from gongkai.parsers import (
    Capture,
    CorruptFile,
    EmptyDocument,
    EncodingError,
    FileTooLarge,
    ParseError,
    UnsupportedFormat,
    parse,
    parse_records,
)
from gongkai.settings import ParserSettings
from tests.hostile_cases import encrypted_pdf

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
REAL_DOCX = CORPUS / "pdf_docx" / "govcn_as_files" / "govcn-5338761.docx"
REAL_PDF = CORPUS / "pdf_docx" / "govcn_as_files" / "govcn-5339579.pdf"


def test_encrypted_pdf() -> None:
    with pytest.raises(CorruptFile) as caught:
        parse(Capture(data=encrypted_pdf(), filename="secret.pdf"))
    assert "encrypted" in caught.value.reason and "secret.pdf" in caught.value.reason


@pytest.mark.parametrize("cut", [800, 5000, 20000])
def test_truncated_pdf(cut: int) -> None:
    data = REAL_PDF.read_bytes()[:cut]
    with pytest.raises(ParseError) as caught:
        parse(Capture(data=data, filename="cut.pdf"))
    assert isinstance(caught.value, (CorruptFile, EmptyDocument))
    assert "cut.pdf" in caught.value.reason


def test_pdf_header_then_garbage() -> None:
    with pytest.raises(CorruptFile):
        parse(Capture(data=b"%PDF-1.7\n" + b"\x00garbage\xff" * 200, filename="g.pdf"))


def test_docx_that_is_not_a_zip() -> None:
    with pytest.raises(CorruptFile) as caught:
        parse(Capture(data=b"PK\x03\x04 this is not really a zip archive", filename="fake.docx"))
    assert "cut short" in caught.value.reason  # a zip's start without its end (doors8: a DOCX cut in transfer)
    with pytest.raises(CorruptFile) as caught:
        parse(Capture(data=b"MZ this is no zip at all, named .docx", filename="fake.docx"))
    assert "not a valid zip" in caught.value.reason


def test_zip_without_word_document() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(CorruptFile) as caught:
        parse(Capture(data=buffer.getvalue(), filename="x.docx"))
    assert "word/document.xml" in caught.value.reason


def test_docx_zip_bomb_is_refused_before_inflating() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(REAL_DOCX) as real:
            for item in real.infolist():
                archive.writestr(item.filename, real.read(item.filename))
        archive.writestr("word/media/bomb.bin", bytes(30 * 1024 * 1024))  # 30 MB of zeros -> ~30 KB
    data = bytearray(buffer.getvalue())
    assert len(data) < 200_000
    # Garble the middle of the bomb's compressed bytes: inflating them would fail (bad data or CRC), so a
    # "zip bomb" verdict shows the refusal came from the declared sizes in the directory, not from inflating.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        bomb = archive.getinfo("word/media/bomb.bin")
    start = bomb.header_offset + 30 + len(bomb.filename.encode()) + len(bomb.extra)
    middle = start + bomb.compress_size // 2
    data[middle : middle + 64] = bytes(range(64))
    with pytest.raises(CorruptFile) as caught:
        parse(Capture(data=bytes(data), filename="bomb.docx"))
    assert "zip bomb refused" in caught.value.reason and "word/media/bomb.bin" in caught.value.reason


def test_docx_over_the_uncompressed_limit() -> None:
    with pytest.raises(FileTooLarge) as caught:
        parse(Capture(data=REAL_DOCX.read_bytes(), filename="a.docx"), ParserSettings(max_uncompressed_bytes=2048))
    assert "max_uncompressed_bytes" in caught.value.reason


_opened_paths: list[str] | None = None


def _record_opens(event: str, args: tuple) -> None:
    # The interpreter's "open" audit event fires for every file opened (open(), Path.read_bytes, os.open).
    if event == "open" and _opened_paths is not None and isinstance(args[0], (str, bytes, os.PathLike)):
        _opened_paths.append(os.fsdecode(args[0]))


sys.addaudithook(_record_opens)  # audit hooks cannot be removed; it records only inside files_opened()


@contextlib.contextmanager
def files_opened():
    """The paths of the files opened inside the block."""
    global _opened_paths
    _opened_paths = opened = []
    try:
        yield opened
    finally:
        _opened_paths = None


def test_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024 * 1024)  # sparse 3 GB: reading it would take long and take memory
    from gongkai.parsers import parse_file

    with files_opened() as opened:
        with pytest.raises(FileTooLarge) as caught:
            Capture.from_path(huge, max_bytes=ParserSettings().max_file_bytes)
        with pytest.raises(FileTooLarge):
            parse_file(huge)
    assert "huge.pdf" in caught.value.reason
    assert str(huge) not in opened, "the file over the limit was never opened: its size came from stat()"
    with pytest.raises(FileTooLarge):
        parse(Capture(data=REAL_PDF.read_bytes(), filename="b.pdf"), ParserSettings(max_file_bytes=2048))
    assert parse_file(REAL_PDF).doc_number == "国办函〔2018〕74号"


def test_empty_inputs() -> None:
    with pytest.raises(EmptyDocument):
        parse(Capture(data=b"", filename="nothing"))
    with pytest.raises(EmptyDocument):
        parse(Capture(data=b"   \n\n  ", filename="blank.txt"))
    with pytest.raises(EmptyDocument):
        parse(Capture(data=b"<html><body><div></div></body></html>"))


def test_unknown_binary_and_unknown_encoding() -> None:
    noise = bytes((i * 97 + 13) % 256 for i in range(4096))
    with pytest.raises(UnsupportedFormat) as caught:
        parse(Capture(data=noise))
    assert caught.value.reason.startswith("unsupported format: unknown")
    with pytest.raises(EncodingError):
        parse(Capture(data=noise.replace(b"\x00", b"\x01"), filename="notes.txt"))


def test_broken_sidecar_is_a_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("标题\n正文", encoding="utf-8")
    (tmp_path / "a.txt.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CorruptFile) as caught:
        Capture.from_path(path)
    assert "sidecar" in caught.value.reason
    (tmp_path / "a.txt.json").write_text('{"publish_date": "2014年13月45日"}', encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        parse(Capture.from_path(path))
    assert "publish_date" in caught.value.reason


def test_jsonl_records_one_bad_line_stops_nothing() -> None:
    lines = [
        '{"title": "厦门市人民政府关于公布第一批市级非物质文化遗产名录的通知", "doc_number": "厦府[2017]327号"}',
        "{broken",
        '{"title": "", "doc_number": "x"}',
        '{"title": "第二条", "kind": "notice", "notice_type": "outage"}',
    ]
    results = list(parse_records(Capture(data="\n".join(lines).encode("utf-8"), filename="r.jsonl")))
    assert [type(r).__name__ for r in results] == ["Record", "CorruptFile", "CorruptFile", "Record"]
    assert results[0].doc_number == "厦府〔2017〕327号"
    assert "line 2" in results[1].reason and "line 3" in results[2].reason and "title" in results[2].reason


def test_parse_errors_survive_pickling_with_their_reason() -> None:
    for error in (CorruptFile("pdf is encrypted"), UnsupportedFormat("unsupported format: doc"), ParseError("x")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and copy.reason == error.reason
    assert CorruptFile("x").kind == "corrupt_file"


def test_random_bytes_with_every_declared_type_never_crash() -> None:
    seeds = [bytes((i * s) % 251 for i in range(600)) for s in (3, 7, 11, 13)]
    names = ["a.pdf", "a.docx", "a.html", "a.txt", "a.doc", "a.jsonl", "a"]
    for data in seeds:
        for prefix in (b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf"):
            for name in names:
                try:
                    parse(Capture(data=prefix + data, filename=name))
                except ParseError as error:
                    assert error.reason
