"""`gongkai demo` serves each fixture site on the port of its definition's base_url (stable URLs, so stable ids),
and falls back to a free port, saying so, when that port is taken."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

from gongkai.crawlers.fixture_server import FixtureSites, FolderSite, fixture_sites_dir


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_on(tmp_path: Path, port: int) -> FolderSite:
    folder = tmp_path / "paper"
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "index.htm").write_text("<html><body>便民公告</body></html>", encoding="utf-8")
    (folder / "site.toml").write_text(f'kind = "newspaper"\nbase_url = "http://127.0.0.1:{port}"\n', encoding="utf-8")
    return FolderSite(folder)


def test_the_documented_port_is_used_when_free(tmp_path):
    port = free_port()
    sites = FixtureSites([site_on(tmp_path, port)])
    try:
        assert sites.start(documented_ports=True) == {"paper": f"http://127.0.0.1:{port}"} and sites.moved == []
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.htm", timeout=5) as answer:
            assert "便民公告" in answer.read().decode("utf-8")
    finally:
        sites.stop()


def test_a_taken_port_falls_back_and_says_so(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        sites = FixtureSites([site_on(tmp_path, taken)])
        try:
            [url] = sites.start(documented_ports=True).values()
            assert sites.moved == ["paper"] and url != f"http://127.0.0.1:{taken}"
        finally:
            sites.stop()


def test_the_bundled_sites_document_distinct_ports():
    ports = {site.name: site.documented_port for site in FixtureSites.from_folder(fixture_sites_dir()).sites}
    assert ports == {"sm-gov": 8803, "xm-fgw": 8801, "xm-zrzy": 8802, "xmrb": 8804}
