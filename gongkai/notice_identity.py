"""The stable id of a notice in a column: what identifies the notice, not where it sits or how it reads.

A column (a newspaper's 便民公告 page) is fetched again, corrected by the paper, or gains a notice; each of
its notices must keep its id so that a corrected text becomes a new version of the same record and not a
duplicate. So the id is made of
  - the column: its canonical URL (else the file name or source), and the issue date when the capture
    states it (sidecar publish_date or a date in the URL; never the fetch time, which moves on a re-fetch);
  - the notice's own identity: its title, its signer (the 发布机构: signature, holder or company) and its
    signature date, folded (full width, Traditional, spacing) so that a re-typeset copy is the same notice;
  - its occurrence among the notices of the column with that same identity (the second "注销公告" of one
    company in one column is #2), not its position: a notice inserted above the others shifts nobody's id
    unless it has exactly their title, signer and date.
The body is not part of the id: a corrected window or area is a new version of the same notice.

In the core, not in the parsers, because a notice record that arrives without an id (JSON Lines, push,
sync) gets its id by the same rule (gongkai.record.derive_id: its URL, publish date, title, issuer and
written date, as the first of its kind): two notices of one column are two records, not two versions of
one, and a crawled notice exported and ingested again without its id gets the id it had (when its column
stated its issue date, as the newspaper spider's columns do).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from gongkai.textnorm import fold

_INSIGNIFICANT = re.compile(r"[\s\u3000·•:：,，、.。()（）\[\]【】《》\"“”'‘’-]+")


def _key_text(text: str) -> str:
    """Traditional -> Simplified, full width -> half width, spacing and punctuation out."""
    return _INSIGNIFICANT.sub("", unicodedata.normalize("NFKC", fold(text or "")))


@dataclass
class ColumnIdentity:
    """Hands out the ids of one column's notices in column order."""

    where: str  # canonical URL, file name or source of the column
    issued: date | None  # the issue date when the capture states it
    _seen: Counter[str] = field(default_factory=Counter)

    def notice_id(self, title: str, signer: str, signed: date | None) -> str:
        own = f"{_key_text(title)}|{_key_text(signer)}|{signed.isoformat() if signed else ''}"
        self._seen[own] += 1
        key = f"notice:v2|{self.where}|{self.issued.isoformat() if self.issued else ''}|{own}|{self._seen[own]}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
