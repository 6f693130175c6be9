"""The public path the pages are served under: a portal's path (`feeds.public_base_url` https://portal/gongkai, its
reverse proxy passing /gongkai/… on with the prefix stripped). The routes stay where they are; what the pages print
(links, forms, scripts, stylesheets), their redirects and the search box's script name their paths under the prefix,
else a reader following /search from https://portal/gongkai/ landed on the portal's /search (clients8, session 18).
With no path in public_base_url (the default) the prefix is empty and every link is as it was."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from gongkai.uris import path_prefix


def request_prefix(request: Request) -> str:
    """The public prefix of the app serving `request` (its settings' feeds.public_base_url)."""
    ctx = getattr(request.app.state, "ctx", None)
    return path_prefix(ctx.settings.feeds.public_base_url) if ctx is not None else ""


def page_context(request: Request) -> dict[str, Any]:
    """The templates' `base`: every root-relative link of a page is written `{{ base }}/…`."""
    return {"base": request_prefix(request)}


def public_path(request: Request, path: str) -> str:
    """`path` (root-relative, "/documents/…") as the reader's browser must ask for it: under the public prefix."""
    return request_prefix(request) + path
