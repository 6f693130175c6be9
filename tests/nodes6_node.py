"""One gongkai node whose clock is off (nodes6, session 17): `python tests/nodes6_node.py OFFSET_SECONDS gongkai-args…`
runs the `gongkai` command line with every time gongkai reads (gongkai.store.timeutil.utc_now: records' first_seen, an
alert's created_at, deliveries' times) moved by OFFSET_SECONDS, as on a machine whose clock jumped (an NTP step, a VM
resumed). Modules that imported the function by name already
(those gongkai.store loads) are given the moved one too."""

from __future__ import annotations

import sys
from datetime import timedelta

from gongkai.store import timeutil

if __name__ == "__main__":
    offset, real = timedelta(seconds=float(sys.argv[1])), timeutil.utc_now
    moved = lambda: real() + offset  # noqa: E731
    for module in list(sys.modules.values()):  # those imported with gongkai.store (by name: `from … import utc_now`)
        if getattr(module, "utc_now", None) is real:
            module.utc_now = moved  # type: ignore[attr-defined]
    from gongkai.cli.main import app

    sys.argv = ["gongkai", *sys.argv[2:]]
    app()
