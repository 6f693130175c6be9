"""Records in the interchange format (one Record JSON object per line)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from pydantic import ValidationError

from gongkai.parsers.capture import Capture, CorruptFile, ParseError
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.registry import FormatSpec
from gongkai.record import Record, describe_validation_error
from gongkai.recordfiles import DERIVED_KEYS, LINE_SUFFIXES
from gongkai.settings import ParserSettings


def sniff(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{"):
        return False
    first = head.split(b"\n", 1)[0]
    try:
        value = json.loads(first)
    except ValueError:
        return False
    return isinstance(value, dict) and "title" in value


def iter_records(capture: Capture) -> Iterator[Record | ParseError]:
    """Each line as a Record, or a ParseError naming the line and the bad fields; one bad line stops nothing.
    A line's derived keys (DERIVED_KEYS: the `validity` of `gongkai export --validity`) are dropped, as the
    record-file reader drops them: the store derives its own validity from the text (issue 19)."""
    text = capture.data.decode("utf-8-sig", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            yield CorruptFile(f"line {number} of {capture.describe()} is not valid JSON")
            continue
        if isinstance(value, dict):
            for key in DERIVED_KEYS:
                value.pop(key, None)
        try:
            yield Record.model_validate(value)
        except ValidationError as exc:
            yield CorruptFile(f"line {number} of {capture.describe()}: {describe_validation_error(exc)}")
        except RecursionError:
            yield CorruptFile(f"line {number} of {capture.describe()}: nested too deeply to validate")


def extract(capture: Capture, settings: ParserSettings) -> ExtractedDocument:
    raise CorruptFile(f"{capture.describe()} holds records (JSONL): read it with parse_records, not parse")


FORMAT = FormatSpec(
    name="jsonl",
    mime_types=("application/jsonl", "application/x-ndjson", "application/jsonlines", "application/json"),
    extensions=LINE_SUFFIXES,  # the record-file reader's own list (gongkai/recordfiles.py)
    sniff=sniff,
    extract=extract,
    score=30,
    document=False,
)
