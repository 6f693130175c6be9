"""The issuing body implied by a 文号 prefix, for documents that print a 文号 but no issuer.

A 文号 prefix is assigned to one body (国办发 is 国务院办公厅's, 厦府办 is 厦门市人民政府办公厅's),
so this is knowledge, not a guess. It is used last, after the metadata block and the signature.
Names here are canonical; settings.parsers.issuer_aliases still applies afterwards.
"""

from __future__ import annotations

import re

DOC_PREFIX_ISSUERS: dict[str, str] = {
    # 国务院
    "国发": "国务院", "国函": "国务院", "国令": "国务院",
    "国办发": "国务院办公厅", "国办函": "国务院办公厅", "国办发明电": "国务院办公厅",
    # 福建省
    "闽政": "福建省人民政府", "闽政文": "福建省人民政府", "闽政规": "福建省人民政府",
    "闽政办": "福建省人民政府办公厅", "闽政办函": "福建省人民政府办公厅", "闽政办规": "福建省人民政府办公厅",
    # 厦门市
    "厦府": "厦门市人民政府", "厦府规": "厦门市人民政府", "厦府函": "厦门市人民政府", "厦府令": "厦门市人民政府",
    "厦府办": "厦门市人民政府办公厅", "厦府办规": "厦门市人民政府办公厅", "厦府办函": "厦门市人民政府办公厅",
}


def issuer_from_doc_number(doc_number: str) -> str:
    """厦府〔2021〕57号 -> 厦门市人民政府; '' for a prefix not in the table."""
    match = re.match(r"(.+?)〔", doc_number)
    return DOC_PREFIX_ISSUERS.get(match.group(1), "") if match else ""
