"""The name of what, besides the data, an answer of this server depends on: its settings and its code (clients10).

The data-state ETags of the pages, the API and OAI-PMH (web/conditional.state_etag) carry it, so that the workers of
`serve --workers N`, or two servers over one data directory, running the same code with the same settings give one
answer one tag (a client moving between them gets its 304), while a server started with other settings or after a
deploy gives other tags (a 200, never a 304 for an answer it would build otherwise). It was the process id and start
time: every worker had tags of its own. Settings that only say where a node keeps its files or how it runs are left out
(clients11: two nodes over one database, each with its own data directory, are one deployment).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

#: The packages installed under the name `gongkai` (pyproject.toml's package-dir: in a checkout they are folders of
#: their own; in a wheel, folders of gongkai's). Their files are the code that builds an answer, templates included.
_PACKAGES = ("gongkai", "gongkai.cli", "gongkai.crawlers", "gongkai.feeds", "gongkai.indexer", "gongkai.ops", "gongkai.parsers",
             "gongkai.store", "gongkai.web")
_SKIPPED_DIRS = frozenset({"__pycache__"})
_SKIPPED_ENDINGS = (".pyc", ".pyo")


@cache
def code_digest() -> str:
    """A digest of every file of the packages, as they are on disk when first asked (about 300 files, 4 MB: 50 ms, once a
    process). Files, not a version number: a checkout changes without one."""
    roots = _package_roots()
    digest = hashlib.sha256()
    for root in roots:
        for folder, subfolders, files in os.walk(root):
            # nested roots (a wheel's gongkai/web inside gongkai/) are walked once, as their own root
            subfolders[:] = sorted(d for d in subfolders if d not in _SKIPPED_DIRS and Path(folder, d) not in roots)
            for name in sorted(files):
                if name.endswith(_SKIPPED_ENDINGS):
                    continue
                path = Path(folder, name)
                digest.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape") + b"\0")
                try:
                    digest.update(hashlib.sha256(path.read_bytes()).digest())
                except OSError:  # a file removed while walking: named, not read
                    digest.update(b"\0unreadable")
    return digest.hexdigest()


def _package_roots() -> list[Path]:
    roots: list[Path] = []
    for package in _PACKAGES:
        spec = importlib.util.find_spec(package)
        for location in (spec.submodule_search_locations or []) if spec is not None else []:
            path = Path(location).resolve()
            if path not in roots:
                roots.append(path)
    return roots


#: Settings that differ from node to node of one deployment and shape no answer (clients11): where the node keeps its
#: files (its data directory, drop folder, OCR cache, raw captures' mount), the address it listens on, how it writes and
#: follows its own index, its scheduler. Left out, so that nodes with the same code and the same other settings give one
#: answer one tag. Anything not listed counts: a node-local setting added later and not listed here gives the nodes other
#: tags (a 200 across them), never one tag for two answers. The database counts by its address (below).
_NODE_LOCAL: dict[str, Any] = {
    "data_dir": True,
    "database_url": True,
    "server": True,
    "scheduler": True,
    "store": True,
    "index": {"writer_heap_mb", "writer_threads", "keep_generations", "follow", "follow_interval_seconds", "rebuild_on_open"},
    "parsers": {"ocr": {"cache_dir"}},
    "feeds": {"inbox_dir", "archive_dir"},
}


def app_identity(settings: Any) -> str:
    """Settings and code: equal in every process started with the same settings (node-local ones aside) from the same
    code over the same database. The settings are read at each call (30 µs): a test or an embedding may replace a part of
    them on a running app."""
    answered = settings.model_dump_json(exclude=_NODE_LOCAL).encode("utf-8")
    database = _without_credentials(settings.resolved_database_url).encode("utf-8")
    return hashlib.sha256(answered + b"\0" + database + b"\0" + code_digest().encode("ascii")).hexdigest()


def _without_credentials(url: str) -> str:
    """A database URL without its user and password: the nodes of a deployment may log in differently to one database
    (a SQLite default names the data directory's own file: another database for each data directory)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
