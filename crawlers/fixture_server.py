"""Realistic fixture sites served on 127.0.0.1, for the tests, the benchmark and `gongkai demo`.

Each site is a folder under tests/fixtures/sites/<name>/:
  pages/      the files as first published (paths as on the real site)
  changes/    files that replace pages/ ones after `switch("changed")` (a page edited between crawls)
  removed.txt paths that answer 404 (or "410 /path") after the switch (pages taken down)
  fixture.toml  how the server behaves: charset, etag, last_modified, slow paths, flaky paths (503 twice
              before they answer), robots.txt, redirects (path -> path, 301), statuses (path -> HTTP status
              answered every time, e.g. 500), no_validators (paths sent without ETag/Last-Modified)
  site.toml   the site definition the crawler uses (base_url is filled in with the port)

Every site gets its own threaded server (its own port, its own robots.txt). The server answers
conditional requests as real CMSs do: If-None-Match with the body's ETag, If-Modified-Since with
the phase's Last-Modified, -> 304 without a body. `GET /__fixture__/phase/<name>` switches every
site (for the demo); tests call `FixtureSites.switch`. Every request is logged for tests.
"""

from __future__ import annotations

import hashlib
import mimetypes
import socket
import threading
import time
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import unquote, urlsplit

from gongkai.parsers.registry import formats

DEFAULT_ROOT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "sites"
PHASES = ("initial", "changed")
FLAKY_FAILURES = 2
# Pages are dated by when the server first served their current bytes, not by the checkout's file times:
# everything starts as published on this day, and every phase switch is a day later than the one before.
FIRST_PUBLISHED = datetime(2024, 5, 10, 8, 0, tzinfo=UTC)


@dataclass
class Page:
    body: bytes
    content_type: str
    last_modified: datetime


@dataclass
class LoggedRequest:
    site: str
    path: str
    status: int
    bytes: int
    conditional: bool


class SiteContent:
    """What one site serves: pages by path, in the current phase."""

    name = "site"
    charset = "utf-8"
    etag = True
    last_modified = True
    slow_paths: frozenset[str] = frozenset()
    flaky_paths: frozenset[str] = frozenset()  # answer 503 to the first FLAKY_FAILURES requests
    # read-only defaults: a mutable class-level dict would be shared by every site that changed it
    redirects: Mapping[str, str] = MappingProxyType({})  # path -> where a 301 sends it
    statuses: Mapping[str, int] = MappingProxyType({})  # path -> a status answered every time (a broken page: 500)
    no_validators: frozenset[str] = frozenset()  # paths answered without ETag/Last-Modified (never a 304)
    robots_txt = "User-agent: *\nDisallow:\n"
    documented_port = 0  # the port of the site definition's base_url: where `gongkai demo` serves the site

    def lookup(self, path: str, phase: str) -> Page | int:
        raise NotImplementedError


class FolderSite(SiteContent):
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.name = folder.name
        options = tomllib.loads((folder / "fixture.toml").read_text(encoding="utf-8")) if (folder / "fixture.toml").is_file() else {}
        self.charset = options.get("charset", "utf-8")
        self.etag = options.get("etag", True)
        self.last_modified = options.get("last_modified", True)
        self.slow_paths = frozenset(options.get("slow", []))
        self.flaky_paths = frozenset(options.get("flaky", []))
        self.redirects = dict(options.get("redirects", {}))
        self.statuses = {path: int(code) for path, code in options.get("statuses", {}).items()}
        self.no_validators = frozenset(options.get("no_validators", []))
        self.robots_txt = options.get("robots_txt", SiteContent.robots_txt)
        self.documented_port = _documented_port(folder / "site.toml")
        self.removed: dict[str, int] = {}
        removed_file = folder / "removed.txt"
        if removed_file.is_file():
            for line in removed_file.read_text(encoding="utf-8").splitlines():
                parts = line.split()
                if len(parts) == 2:
                    self.removed[parts[1]] = int(parts[0])
                elif len(parts) == 1:
                    self.removed[parts[0]] = 404

    def _file(self, base: Path, path: str) -> Path | None:
        candidate = (base / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(base.resolve()):
            return None
        if candidate.is_dir():
            for index in ("index.htm", "index.html"):
                if (candidate / index).is_file():
                    return candidate / index
            return None
        return candidate if candidate.is_file() else None

    def lookup(self, path: str, phase: str) -> Page | int:
        if phase == "changed":
            if path in self.removed:
                return self.removed[path]
            changed = self._file(self.folder / "changes", path)
            if changed:
                return Page(changed.read_bytes(), self._type(changed), FIRST_PUBLISHED)
        found = self._file(self.folder / "pages", path)
        if found is None:
            return 404
        return Page(found.read_bytes(), self._type(found), FIRST_PUBLISHED)

    def _type(self, file: Path) -> str:
        guessed = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        # The content type the parser registry declares for the extension, as a real site would send it.
        spec = next((spec for spec in formats() if file.suffix.lower() in spec.extensions and spec.mime_types), None)
        if spec is not None and spec.name == "html":
            return f"text/html; charset={self.charset}"
        return spec.mime_types[0] if spec is not None else guessed


@dataclass
class ServerState:
    phase: str = "initial"
    slow_seconds: float = 1.5
    log: list[LoggedRequest] = field(default_factory=list)
    failures: dict[tuple[str, str], int] = field(default_factory=dict)  # (site, path) -> 503s already sent
    lock: threading.Lock = field(default_factory=threading.Lock)
    phase_started: datetime = FIRST_PUBLISHED
    # (site, path) -> (sha1 of the bytes last served, when they were first served): the Last-Modified
    # a real CMS would send, so that a page reverted to older bytes still gets a newer date.
    served: dict[tuple[str, str], tuple[str, datetime]] = field(default_factory=dict)

    def switch(self, phase: str) -> None:
        with self.lock:
            self.phase = phase
            self.phase_started += timedelta(days=1)

    def modified(self, site: str, path: str, digest: str, published: datetime) -> datetime:
        with self.lock:
            known = self.served.get((site, path))
            if known is None or known[0] != digest:
                known = (digest, max(published, self.phase_started) if known else published)
                self.served[(site, path)] = known
            return known[1]


def _handler_for(site: SiteContent, state: ServerState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "FixtureCMS/1.0"
        protocol_version = "HTTP/1.1"
        # TCP_NODELAY, as real web servers set it (nginx's tcp_nodelay is on by default): the headers and the
        # body go out in two writes, and with Nagle's algorithm the body waited for the client's delayed ACK
        # (up to 40 ms) on every keep-alive 200 answer; crawls of this server measured that wait, not the crawler.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: object) -> None:  # quiet: tests read state.log
            return

        def do_HEAD(self) -> None:
            self._serve(head=True)

        def do_GET(self) -> None:
            self._serve(head=False)

        def _serve(self, head: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            if path.startswith("/__fixture__/phase/"):
                phase = path.rsplit("/", 1)[-1]
                if phase in PHASES:
                    state.switch(phase)
                    return self._send(200, f"phase {phase}\n".encode(), "text/plain; charset=utf-8", head=head, path=path)
                return self._send(400, b"unknown phase\n", "text/plain", head=head, path=path)
            if path == "/robots.txt":
                return self._send(200, site.robots_txt.encode("utf-8"), "text/plain; charset=utf-8", head=head, path=path)
            if path in site.redirects:
                return self._send(301, b"", "text/html; charset=utf-8", head=head, path=path,
                                  headers={"Location": site.redirects[path]})
            if path in site.statuses:
                code = site.statuses[path]
                return self._send(code, f"<html><body><h1>{code}</h1></body></html>".encode(), "text/html; charset=utf-8",
                                  head=head, path=path)
            if path in site.slow_paths:
                time.sleep(state.slow_seconds)
            if path in site.flaky_paths:
                with state.lock:
                    sent = state.failures.get((site.name, path), 0)
                    state.failures[(site.name, path)] = sent + 1
                if sent < FLAKY_FAILURES:
                    return self._send(503, b"<html><body>503 Service Unavailable</body></html>", "text/html", head=head, path=path,
                                      headers={"Retry-After": "1"})
            found = site.lookup(path, state.phase)
            if isinstance(found, int):
                body = f"<html><body><h1>{found}</h1></body></html>".encode()
                return self._send(found, body, "text/html; charset=utf-8", head=head, path=path)
            headers: dict[str, str] = {}
            digest = hashlib.sha1(found.body).hexdigest()
            tag = '"' + digest[:16] + '"'
            modified = state.modified(site.name, path, digest, found.last_modified)
            validators = path not in site.no_validators
            if site.etag and validators:
                headers["ETag"] = tag
            if site.last_modified and validators:
                headers["Last-Modified"] = format_datetime(modified, usegmt=True)
            if validators and self._not_modified(tag, modified):
                return self._send(304, b"", None, head=True, path=path, headers=headers, conditional=True)
            self._send(200, found.body, found.content_type, head=head, path=path, headers=headers)

        def _not_modified(self, tag: str, modified: datetime) -> bool:
            if_none_match = self.headers.get("If-None-Match")
            if site.etag and if_none_match:
                return tag in [t.strip() for t in if_none_match.split(",")] or if_none_match.strip() == "*"
            since = self.headers.get("If-Modified-Since")
            if site.last_modified and since:
                try:
                    return modified <= parsedate_to_datetime(since)
                except (TypeError, ValueError):
                    return False
            return False

        def _send(self, status: int, body: bytes, content_type: str | None, *, head: bool, path: str,
                  headers: dict[str, str] | None = None, conditional: bool = False) -> None:
            # Logged before the answer goes out: a client that reads the log right after its response must
            # find the request there (logged after the write, a fast client could look first).
            with state.lock:
                state.log.append(LoggedRequest(site.name, path, status, 0 if head or status == 304 else len(body),
                                               conditional or bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))))
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(0 if status == 304 else len(body)))
            self.end_headers()
            if not head and status != 304:
                self.wfile.write(body)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        # A client that gave up (a crawler's timeout) resets the connection: expected here, not worth a traceback.
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


class FixtureSites:
    """Serves several sites, one port each, from background threads."""

    def __init__(self, sites: list[SiteContent], slow_seconds: float = 1.5) -> None:
        self.sites = sites
        self.state = ServerState(slow_seconds=slow_seconds)
        self._servers: list[ThreadingHTTPServer] = []
        self.base_urls: dict[str, str] = {}
        self.moved: list[str] = []  # sites whose documented port was taken (see start)

    @classmethod
    def from_folder(cls, root: Path = DEFAULT_ROOT, names: list[str] | None = None, slow_seconds: float = 1.5) -> FixtureSites:
        folders = sorted(p for p in Path(root).iterdir() if (p / "pages").is_dir())
        if names:
            folders = [p for p in folders if p.name in names]
        return cls([FolderSite(p) for p in folders], slow_seconds)

    def start(self, documented_ports: bool = False) -> dict[str, str]:
        """Serve every site on a free port, or (documented_ports) on the port of its site.toml's base_url, so
        that crawled URLs, and the ids derived from them, are the same on every run (`gongkai demo`); a
        documented port that is taken falls back to a free one (listed in `self.moved`)."""
        for site in self.sites:
            server = None
            if documented_ports and site.documented_port:
                try:
                    server = _QuietServer(("127.0.0.1", site.documented_port), _handler_for(site, self.state))
                except OSError:
                    self.moved.append(site.name)
            if server is None:
                server = _QuietServer(("127.0.0.1", 0), _handler_for(site, self.state))
            threading.Thread(target=server.serve_forever, name=f"fixture-{site.name}", daemon=True).start()
            self._servers.append(server)
            self.base_urls[site.name] = f"http://127.0.0.1:{server.server_address[1]}"
        return dict(self.base_urls)

    def switch(self, phase: str) -> None:
        if phase not in PHASES:
            raise ValueError(f"phase must be one of {PHASES}")
        self.state.switch(phase)

    def requests(self, site: str | None = None) -> list[LoggedRequest]:
        with self.state.lock:
            return [r for r in self.state.log if site is None or r.site == site]

    def clear_log(self) -> None:
        with self.state.lock:
            self.state.log.clear()

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
        self._servers.clear()

    def __enter__(self) -> FixtureSites:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def start_fixture_sites(root: Path | None = None, slow_seconds: float = 1.5) -> tuple[dict[str, str], Callable[[], None]]:
    """Start every fixture site; returns ({site name: base URL}, stop). For `gongkai demo` and tests."""
    sites = FixtureSites.from_folder(root or DEFAULT_ROOT, slow_seconds=slow_seconds)
    return sites.start(), sites.stop


def fixture_sites_dir() -> Path:
    """Where the fixture sites (and their site.toml definitions) live: pass it as --sites-dir."""
    return DEFAULT_ROOT


def _documented_port(definition: Path) -> int:
    """The port of a site definition's base_url (http://127.0.0.1:8804 -> 8804), 0 when none is given."""
    if not definition.is_file():
        return 0
    base_url = tomllib.loads(definition.read_text(encoding="utf-8")).get("base_url", "")
    try:
        return urlsplit(base_url).port or 0
    except ValueError:
        return 0


def main() -> None:
    """Serve the fixture sites on their documented ports until Ctrl+C: the source links of the records that
    `gongkai demo` crawled (http://127.0.0.1:8801-8804/...) work again."""
    sites = FixtureSites.from_folder(DEFAULT_ROOT, slow_seconds=0.5)
    base_urls = sites.start(documented_ports=True)
    for name, url in base_urls.items():
        print(f"{name}: {url}" + ("  (documented port taken: moved)" if name in sites.moved else ""), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        sites.stop()


if __name__ == "__main__":
    main()
