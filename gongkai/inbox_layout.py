"""Where the drop folder keeps its files: the inbox, the archive, an agency's folder name, and where a failed
input now lies. Below both the drop folder (feeds/inbox.py, which files them) and quarantine retry
(gongkai/inputs.py, which reads them again), so the core never imports a feed (tests/test_layers.py)."""

from __future__ import annotations

import glob
from pathlib import Path

from gongkai.settings import Settings

ROOT_AGENCY = ""  # files straight in the inbox
ROOT_DIRNAME = "@root"  # their folder in the archive


def inbox_dir(settings: Settings) -> Path:
    return Path(settings.feeds.inbox_dir or settings.data_dir / "inbox")


def archive_dir(settings: Settings) -> Path:
    return Path(settings.feeds.archive_dir or settings.data_dir / "inbox-archive")


def agency_dirname(agency: str) -> str:
    return ROOT_DIRNAME if agency == ROOT_AGENCY else agency


def agency_from_dirname(name: str) -> str:
    return ROOT_AGENCY if name == ROOT_DIRNAME else name


def archived_input(settings: Settings, ref: str) -> Path | None:
    """Where a drop-folder input quarantined as a whole file (`inbox:AGENCY/NAME`, no bytes kept with the
    entry) now lies: the newest copy under archive/failed/, so `gongkai quarantine retry` can read it again
    (e.g. a JSON Lines export refused as over parsers.max_file_bytes before record files were streamed)."""
    if not ref.startswith("inbox:") or "#" in ref:
        return None
    shown = ref[len("inbox:"):]
    agency, name = shown.split("/", 1) if "/" in shown else (ROOT_AGENCY, shown)
    if not name or ".." in Path(name).parts or (agency and agency.startswith(".")):
        return None
    pattern = f"*/*/{glob.escape(agency_dirname(agency))}/{glob.escape(name)}"
    found = sorted((archive_dir(settings) / "failed").glob(pattern), reverse=True)  # day/run names sort by time
    return next((path for path in found if path.is_file() and not path.is_symlink()), None)
