"""Throttle of the admin login (HTTP Basic): failed attempts per client address and per user name.

Settings (gongkai.settings.SchedulerSettings, read at each request):

    admin_login_max_failures        failed logins per client address within admin_login_window_seconds (5; 0: off)
    admin_login_user_max_failures   failed logins per user name, from any address, within the window (20; 0: off)
    admin_login_window_seconds      the moving window both count over (300)

Over either limit the login answers 429 with Retry-After, checked before the password: a throttled
guesser costs no PBKDF2 work and cannot tell a right guess from a wrong one (a right password is refused
too until the window frees a slot). A successful login counts nothing, so an operator working on the
page (Basic sends the password with every request) never trips it.

A user name other than the configured admin user counts under one shared name, so that made-up names
can neither fill the memory nor each get a fresh allowance. As the push limits (feeds.ratelimit), the
counts live in the memory of one server process (with --workers N each worker counts alone).
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from gongkai.facades.feeds import Refusal

if TYPE_CHECKING:
    from gongkai.settings import SchedulerSettings

OTHER_USER = "\0other"  # not a name anyone can log in with


class LoginThrottle:
    """The login failure counts of one server process (keep one per app: app.state)."""

    def __init__(self) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def refusal(self, address: str, user: str, settings: SchedulerSettings) -> Refusal | None:
        """A Refusal when the address or the user has used up its failures (nothing is counted here)."""
        over = [
            (self._retry_after(item, kind, key), name)
            for item, kind, key, name in self._limits(address, user, settings)
            if not self._limiter.test(item, kind, key)
        ]
        return Refusal(*max(over)) if over else None

    def failed(self, address: str, user: str, settings: SchedulerSettings) -> None:
        """Count one failed login of `user` from `address`."""
        for item, kind, key, _ in self._limits(address, user, settings):
            self._limiter.hit(item, kind, key)

    def _limits(self, address: str, user: str, settings: SchedulerSettings) -> list[tuple[RateLimitItem, str, str, str]]:
        window = settings.admin_login_window_seconds
        limits: list[tuple[RateLimitItem, str, str, str]] = []
        if settings.admin_login_max_failures:
            limits.append((RateLimitItemPerSecond(settings.admin_login_max_failures, window), "login-address", address, "admin_login_max_failures"))
        if settings.admin_login_user_max_failures:
            key = user if user == settings.admin_user else OTHER_USER
            limits.append((RateLimitItemPerSecond(settings.admin_login_user_max_failures, window), "login-user", key, "admin_login_user_max_failures"))
        return limits

    def _retry_after(self, item: RateLimitItem, *identifiers: str) -> int:
        # A moving window frees its oldest slot `window` seconds after that attempt: reset_time is then.
        reset_time = self._limiter.get_window_stats(item, *identifiers).reset_time
        return max(1, math.ceil(reset_time - time.time()))
