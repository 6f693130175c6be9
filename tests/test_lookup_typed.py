"""/api/lookup finds a 文号 as people type it, as the search does (probe4, session 9): 廈府〔2014〕12號 (Traditional) and
厦府2014年12号 (no brackets) found nothing there, though the search box found the document."""

from __future__ import annotations

import httpx
import pytest

from gongkai.identifiers import typed_doc_number
from tests.support import sample_records, served_engine


@pytest.mark.parametrize("typed", ["厦府〔2014〕12号", "廈府〔2014〕12號", "厦府2014年12号", "厦府2014第12号", "厦府[2014]012号", "厦府（2014）12号"])
def test_typed_forms_are_the_canonical_doc_number(typed: str) -> None:
    assert typed_doc_number(typed) == "厦府〔2014〕12号"


def test_other_doc_numbers_and_letters_stay_as_they_are() -> None:
    assert typed_doc_number("国办发明电〔2018〕15号") == "国办发明电〔2018〕15号"
    assert typed_doc_number("ABC-123") == "ABC-123"  # letters keep their case


def test_the_api_lookup_finds_the_typed_forms(tmp_path) -> None:
    with served_engine(tmp_path / "data", sample_records()) as (_, base):
        for typed in ("廈府〔2014〕12號", "厦府2014年12号"):
            answer = httpx.get(f"{base}/api/lookup", params={"doc_number": typed}, timeout=30)
            assert answer.status_code == 200, answer.text
            assert [hit["doc_number"] for hit in answer.json()["records"]] == ["厦府〔2014〕12号"], answer.json()


@pytest.mark.parametrize("typed", ["厦府[2014]12号文件", "厦府〔2014〕12号文", "文号：厦府〔2014〕12号", "发文字号: 厦府2014年12号。",
                                   "“厦府〔2014〕12号”", "《厦府〔2014〕12号》", "厦府〔2014〕12号通知", "“厦府2014年12”",
                                   "（厦府〔2014〕12号）", "(厦府[2014]12号)"])  # review2: copied from a body's 《…》（文号）
def test_the_words_typed_around_a_doc_number_are_left_out(typed: str) -> None:
    """A citizen types 厦府[2014]12号文件 or pastes the label with it; the lookup found nothing (newuser, session 12)."""
    assert typed_doc_number(typed) == "厦府〔2014〕12号"
    assert typed_doc_number("厦文广〔2014〕3号文件") == "厦文广〔2014〕3号"  # a prefix holding 文 keeps it


def test_the_cli_and_api_lookup_find_a_doc_number_typed_with_wenjian(tmp_path) -> None:
    from typer.testing import CliRunner

    from gongkai.cli.main import app

    with served_engine(tmp_path / "data", sample_records()) as (_, base):
        answer = httpx.get(f"{base}/api/lookup", params={"doc_number": "厦府[2014]12号文件"}, timeout=30)
        assert [hit["doc_number"] for hit in answer.json()["records"]] == ["厦府〔2014〕12号"], answer.json()
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "lookup", "厦府[2014]12号文件"])
    assert result.exit_code == 0 and "厦府〔2014〕12号" in result.output, result.output
