"""Turn files and folders given to `gongkai ingest` into ingest items.

JSON Lines files are records already; every other file is a document (HTML, PDF, DOCX, text) whose
type is recognised by its content, kept as a raw capture, and handed to the parsers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from collections.abc import Iterable
from typing import TYPE_CHECKING

from gongkai.ingest import IngestItem, iter_jsonl

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.parsers import Capture

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
SKIPPED_NAMES = {".DS_Store", "Thumbs.db", ".gitkeep"}


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Files under the given paths, folders recursed in a stable (sorted) order, hidden files skipped."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name not in SKIPPED_NAMES:
                        yield Path(root) / name
        else:
            yield path


def _is_jsonl(path: Path) -> bool:
    if path.suffix.lower() in JSONL_SUFFIXES:
        return True
    if path.suffix.lower() not in {"", ".txt", ".json"}:
        return False
    with path.open("rb") as handle:
        head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{")


def iter_path_items(paths: list[Path], engine: Engine, notices: bool = False, source: str = "") -> Iterator[IngestItem]:
    documents: list[Path] = []
    for path in iter_files(paths):
        if not path.exists():
            yield IngestItem(str(path), error=f"{path}: no such file or folder", source=source or "file")
        elif not notices and _is_jsonl(path):
            with path.open("r", encoding="utf-8-sig", errors="replace") as handle:
                yield from iter_jsonl(str(path), handle, source)
        else:
            documents.append(path)
    if documents:
        yield from _document_items(documents, engine, notices, source or "file")


def _document_items(paths: list[Path], engine: Engine, notices: bool, source: str) -> Iterator[IngestItem]:
    """Read each file (refusing one over the size limit without reading it) and hand it on as a capture."""
    from gongkai.parsers import Capture

    limits = engine.settings.parsers

    def captures() -> Iterator[Capture]:
        for path in paths:
            size = path.stat().st_size
            if size > limits.max_file_bytes:
                # Too big to read into memory: the file stays where it is and the quarantine names it.
                engine.store.quarantine(
                    input_ref=str(path),
                    reason=f"file too large: {size} bytes, the limit is {limits.max_file_bytes} (settings parsers.max_file_bytes)",
                    source=source,
                )
                continue
            fetched = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
            yield Capture(data=path.read_bytes(), url=path.resolve().as_uri(), filename=path.name, source=source, fetched_at=fetched)

    yield from capture_items(captures(), engine, notices=notices)


def capture_items(captures: Iterable[Capture], engine: Engine, notices: bool = False) -> Iterator[IngestItem]:
    """Keep each capture's bytes (content-addressed), then parse it into one record, or one per notice."""
    from gongkai.parsers import ParseError, parse, parse_notices

    limits = engine.settings.parsers
    for capture in captures:
        sha = engine.store.put_capture(
            capture.data, url=capture.url, content_type=capture.content_type, source=capture.source,
            fetched_at=capture.fetched_at, meta={"filename": capture.filename, "sidecar": capture.sidecar},
        )
        ref = _capture_ref(capture, sha)
        try:
            if notices:
                for number, record in enumerate(parse_notices(capture, limits), 1):
                    yield IngestItem(f"{ref}#{number}", record=record, source=capture.source, capture_sha256=sha)
            else:
                yield IngestItem(ref, record=parse(capture, limits), source=capture.source, capture_sha256=sha)
        except ParseError as exc:
            yield IngestItem(ref, error=f"{ref}: {exc.reason}", source=capture.source, capture_sha256=sha)


def _capture_ref(capture: Capture, sha: str) -> str:
    if capture.url.startswith("file://"):
        return capture.url.removeprefix("file://")
    return capture.url or capture.filename or f"capture:{sha[:12]}"


def items_from_quarantine(entry: dict, engine: Engine) -> Iterator[IngestItem]:
    """Rebuild the ingest item(s) of a quarantined entry: a JSON line again, or the kept bytes parsed again."""
    ref, source = str(entry.get("input_ref") or entry["id"]), entry.get("source") or ""
    payload = entry.get("payload")
    if entry.get("capture_sha256"):
        kept = engine.store.get_capture(entry["capture_sha256"])
        payload = kept[0] if kept else payload
    if payload is None:
        path = Path(ref)
        if path.is_file():  # e.g. a file that was too large: it stayed where it was
            yield from iter_path_items([path], engine, source=source)
            return
        yield IngestItem(ref, error=f"{ref}: the original input is no longer available", source=source)
        return
    text = payload.decode("utf-8", errors="strict") if isinstance(payload, bytes) and _looks_like_json(payload) else payload
    if isinstance(text, str) and text.lstrip().startswith("{"):
        from gongkai.ingest import record_from_json_line

        yield record_from_json_line(text, ref, source)
        return
    from gongkai.parsers import Capture, ParseError, parse

    try:
        record = parse(Capture(data=payload if isinstance(payload, bytes) else payload.encode("utf-8"), filename=Path(ref.split("#")[0]).name, source=source), engine.settings.parsers)
        yield IngestItem(ref, record=record, source=source, capture_sha256=entry.get("capture_sha256"))
    except ParseError as exc:
        yield IngestItem(ref, error=f"{ref}: {exc}", source=source, capture_sha256=entry.get("capture_sha256"))


def _looks_like_json(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{"
