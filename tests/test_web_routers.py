"""The server refuses to start half (issue 17): a router of the app that fails to import stops `gongkai serve`
with a message naming it, instead of serving the search without feeds, push, admin or alerts."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gongkai.web.app import NEIGHBOUR_ROUTERS

# Runs `gongkai serve` in a fresh interpreter in which importing one router fails: a None entry in
# sys.modules makes `import` raise ImportError, as a module broken by a bad edit or a missing dependency does.
SERVE_WITH_A_BROKEN_ROUTER = textwrap.dedent(
    """
    import sys
    broken, data_dir, port = sys.argv[1], sys.argv[2], sys.argv[3]
    sys.modules[broken] = None
    from gongkai.cli.main import app
    app(["--data-dir", data_dir, "serve", "--port", port, "--no-access-log"], prog_name="gongkai")
    """
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("broken", NEIGHBOUR_ROUTERS)
def test_serve_refuses_to_start_when_a_router_fails_to_import(tmp_path: Path, broken: str) -> None:
    port = _free_port()
    done = subprocess.run([sys.executable, "-c", SERVE_WITH_A_BROKEN_ROUTER, broken, str(tmp_path / "data"), str(port)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert f"error: the web app does not start: its router {broken} failed to import" in done.stderr
    assert "Traceback" not in done.stderr
    with pytest.raises(OSError):  # and nothing was left listening
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()


def test_create_app_raises_naming_the_router(tmp_path: Path) -> None:
    code = textwrap.dedent(
        f"""
        import sys

        class Broken:  # the router's module raises while it is imported (not only an ImportError)
            def find_spec(self, name, path=None, target=None):
                if name == "gongkai.web.routes_feeds":
                    raise RuntimeError("boom while importing")

        sys.meta_path.insert(0, Broken())
        from gongkai.engine import Engine
        from gongkai.settings import load_settings
        from gongkai.web.app import RouterImportError, create_app
        engine = Engine(load_settings(data_dir={str(tmp_path / "data")!r}))
        try:
            create_app(engine)
        except RouterImportError as exc:
            print("refused:", exc)
        else:
            print("started")
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "refused: the web app does not start: its router gongkai.web.routes_feeds failed to import (RuntimeError: boom while importing)" in done.stdout, done.stderr
