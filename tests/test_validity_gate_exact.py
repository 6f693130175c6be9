"""The gate before validity's reading is exact on every real text we hold (ingest20, session 20).

parsers/validity.scan is the gate: one pass of the statement regexes' own words (_SCAN_RE); a body with no hit is
neither normalised nor read, and the later steps look only where it found something. tests/test_validity_ingest.py
checks it on the labelled cases and one corpus crawl; here every text of the shared corpus a record's body can be (laws,
work reports, policies, page excerpts, pages with their tags dropped, the JSON Lines crawls' bodies) and every Chinese
text written into the validity tests is read twice, through the gate and with each statement regex searched alone over
the normalised whole text: the same Statements, always.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest

from gongkai.parsers import validity as parser
from tests.validity_truth import CORPUS

TESTS = Path(__file__).resolve().parent
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TAGS = re.compile(r"<[^>]+>")
#: the fields other tools' crawls keep a document's text in (gongkai.recordfiles reads them as the body)
_BODY_KEYS = ("body", "article_html", "content", "text", "body_text", "article_text", "html")


def _bodies_of(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [value[key] for key in _BODY_KEYS if isinstance(value.get(key), str)]
        return found + [text for child in value.values() for text in _bodies_of(child) if isinstance(child, (dict, list))]
    if isinstance(value, list):
        return [text for child in value for text in _bodies_of(child)]
    return []


def corpus_texts() -> list[tuple[str, str]]:
    """(where, text) of every corpus file holding Chinese text a record could carry."""
    out: list[tuple[str, str]] = []
    for path in sorted(CORPUS.rglob("*")):
        suffix = path.suffix.lower()
        if not path.is_file() or suffix not in {".md", ".txt", ".html", ".htm", ".jsonl", ".json", ".xml"}:
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        if suffix in {".jsonl", ".json"}:
            lines = raw.splitlines() if suffix == ".jsonl" else [raw]
            for number, line in enumerate(lines, 1):
                try:
                    value = json.loads(line)
                except ValueError:
                    continue
                out += [(f"{path.name}:{number}", _TAGS.sub("\n", body)) for body in _bodies_of(value)]
        else:
            out.append((path.name, _TAGS.sub("\n", raw) if suffix in {".html", ".htm", ".xml"} else raw))
    return [(where, text) for where, text in out if _CJK.search(text)]


def validity_test_texts() -> list[tuple[str, str]]:
    """(where, text) of every string literal with Chinese in it of the validity tests (their statements, notices, titles)."""
    out: list[tuple[str, str]] = []
    for path in sorted(TESTS.glob("test_validity*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _CJK.search(node.value):
                out.append((f"{path.name}:{node.lineno}", node.value))
    return out



def _full_scan(body: str) -> parser.Hits:
    """No gate: each statement regex alone, over the whole normalised text (as tests/test_validity_ingest.py)."""
    text = parser.normalise_text(body)
    return parser.Hits([m.span() for m in parser._EFFECTIVE_END_RE.finditer(text)],
                       [m.span() for m in parser._PERIOD_ANCHOR_RE.finditer(text)],
                       [m.start() for m in parser._TRIGGER_RE.finditer(text)],
                       [m.start() for m in re.finditer("|".join(parser._SUSPENSION_SCAN), text)])


@pytest.mark.parametrize("source", ["corpus", "tests"])
def test_the_gate_changes_no_reading(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = corpus_texts() if source == "corpus" else validity_test_texts()
    assert len(texts) > (150 if source == "corpus" else 300)  # the material is there (a moved corpus fails here)
    titles = ["", "关于废止《厦门市物业管理办法》的决定"]  # no title, and one that names a document itself
    gated = [parser.read_statements(title, text, None) for _, text in texts for title in titles]
    passed = sum(1 for _, text in texts if parser.scan(text) is None)
    monkeypatch.setattr(parser, "scan", _full_scan)
    full = [parser.read_statements(title, text, None) for _, text in texts for title in titles]
    wrong = [where for (where, _), (a, b) in zip([t for t in texts for _ in titles], zip(gated, full)) if a != b]
    assert not wrong, wrong[:10]
    assert passed > 0 and sum(1 for st in full if st.any_statement) > 20  # both sides of the gate are exercised
