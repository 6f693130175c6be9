"""Downloader middlewares: retries that back off exponentially instead of hammering a struggling server."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urldefrag

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry (5xx, 408, 429, timeouts, refused connections) plus a delay before each retry:
    RETRY_BACKOFF_BASE * 2**(attempt-1) seconds, at most RETRY_BACKOFF_MAX."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    def _retry(self, request: Any, reason: Any) -> Any:
        retry = super()._retry(request, reason)
        if retry is not None:
            attempt = retry.meta.get("retry_times", 1)
            retry.meta["backoff_delay"] = min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1))
        return retry


class BackoffDelayMiddleware:
    """Waits a retried request's backoff_delay before it goes to the downloader (asyncio reactor)."""

    async def process_request(self, request: Any) -> None:
        delay = request.meta.pop("backoff_delay", 0)
        if delay:
            await asyncio.sleep(delay)
        return None


class BodyMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's <meta http-equiv="refresh"> redirect, not looked for in an answer without a body (a 304):
    Scrapy decodes the empty text and resolves its base URL for every HTML-typed answer, a few per cent of
    a re-crawl of 304s (issue 17). An empty body holds no tag: the result is the same."""

    def process_response(self, request: Any, response: Any) -> Any:  # type: ignore[override]
        if not response.body:
            return response
        return super().process_response(request, response)


class LoopStoppingRedirectMiddleware(RedirectMiddleware):
    """Scrapy's 3xx redirect, stopped at the first URL the chain already passed (a CMS sending a page to itself with a
    marker and back, `/a.html` -> `/a/` -> `/a.html`). Scrapy followed such a loop to its 20-redirect limit: the
    server asked 21 times and each pass noted again. The request ends as IgnoreRequest("redirect loop ..."), which the
    spiders record as failed (error kind `redirect_loop`), each URL of the loop asked once."""

    def _redirect(self, redirected: Any, request: Any, reason: Any) -> Any:
        # The URL itself, scheme and trailing slash kept (review21b): the crawl state's url_key drops both, which
        # stopped http:// -> https:// and /xxgk -> /xxgk/, a government site's commonest redirects, as loops.
        passed = {urldefrag(url).url for url in (*request.meta.get("redirect_urls", ()), request.url)}
        if urldefrag(redirected.url).url in passed:
            raise IgnoreRequest(f"redirect loop: {request.url} redirects back to {redirected.url}")
        return super()._redirect(redirected, request, reason)
