"""What the parsing rules are now, as one hash: a stored record made by other rules is parsed again from its kept raw
bytes by the nightly maintenance (gongkai.ops.tasks), so that a parser fix reaches the records stored before it, not
only the pages fetched after it (the raw captures are kept for exactly this).

The hash is of the source text of the parsers package and of the core modules whose rules decide what a parse gives
(文号 and dates as read, text cleaning, notice fields, record validation). Code only, not settings: two nodes sharing
a store have their own data directories and paths, and must not take turns parsing everything again.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import gongkai.record

_PARSERS = Path(__file__).resolve().parent
_CORE_DIR = Path(gongkai.record.__file__).resolve().parent
#: Core modules a parse's result depends on (beside gongkai/parsers itself): every one the parsers import, and those they
#: import (tests/test_reparse_after_upgrade.py checks it); outage_areas.py reads an outage notice's places
_CORE = ("identifiers.py", "dates.py", "textnorm.py", "notices.py", "notice_identity.py", "record.py", "holidays.py",
         "outage_areas.py", "place_ends.py", "cp1252_strays.py")


@lru_cache(maxsize=1)
def parsing_fingerprint() -> str:
    """The first 16 hex digits of a SHA-256 over the rules' source files, by their path inside the package."""
    files = [(path.relative_to(_PARSERS).as_posix(), path) for path in sorted(_PARSERS.rglob("*.py"))
             if "__pycache__" not in path.parts]
    files += [(f"core/{name}", _CORE_DIR / name) for name in _CORE if (_CORE_DIR / name).is_file()]
    digest = hashlib.sha256()
    for name, path in files:
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
