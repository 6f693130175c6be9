"""`gongkai reparse` parses a record with the metadata of the sending it came from (probe4's first defect, session 9).

An agency sends a PDF with a sidecar, then sends the same bytes again with the sidecar corrected. The capture row keeps
its first sending's metadata (the bytes are one capture), so a routine reparse after a parser fix parsed with the
first sidecar and undid the correction (a title back to （测试）, an 索引号 and a publish date lost). The record's link
to its capture keeps the sending's metadata now (record_captures.meta, revision 0005)."""

from __future__ import annotations

from datetime import date

from gongkai.engine import Engine
from gongkai.parsers import Capture

INDEX_NUMBER = "000014349/2019-00099"


def _sending(pdf: bytes, title: str, published: str) -> Capture:
    return Capture(data=pdf, filename="govcn-5339579.pdf", source="国务院办公厅",
                   sidecar={"title": title, "index_number": INDEX_NUMBER, "publish_date": published})


def test_reparse_keeps_the_corrected_sidecar_of_a_file_sent_again(settings, corpus):
    pdf = (corpus / "pdf_docx" / "govcn_as_files" / "govcn-5339579.pdf").read_bytes()
    engine = Engine(settings)
    results = []
    engine.ingest_captures([_sending(pdf, "关于调整领导小组组成人员的通知（测试）", "2019-01-02")], parallel=False, on_item=results.append)
    engine.ingest_captures([_sending(pdf, "关于调整领导小组组成人员的通知（更正）", "2019-01-03")], parallel=False, on_item=results.append)
    [record_id] = {result.id for result in results}
    corrected = engine.get(record_id)
    assert (corrected.title, corrected.publish_date) == ("关于调整领导小组组成人员的通知（更正）", date(2019, 1, 3))

    report, skipped = engine.reparse([record_id])
    assert skipped == [] and report.as_dict()["quarantined"] == 0
    again = engine.get(record_id)
    assert (again.title, again.index_number, again.publish_date) == (corrected.title, INDEX_NUMBER, date(2019, 1, 3))
    # The capture itself still holds its first sending's metadata: the correction is the link's.
    [sha] = engine.store.captures_of(record_id)
    assert engine.store.get_capture(sha)[1]["meta"]["sidecar"]["title"].endswith("（测试）")
    assert engine.store.sending_meta(record_id, sha)["sidecar"]["title"].endswith("（更正）")
    engine.close()
