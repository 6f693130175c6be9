"""Saved-search alerts and citizens' email subscriptions for the shells (issue 22).

Delegates to gongkai.feeds.alerts, feeds.alert_store and feeds.subscriptions; refusals raise
gongkai.errors.AlertError with a message for the user.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from gongkai.feeds import alert_store, alerts, subscriptions

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.feeds.alert_store import Alert
    from gongkai.feeds.alerts import RunReport
    from gongkai.settings import Settings

__all__ = ["Alerts"]


class Alerts:
    def __init__(self, settings: Settings, engine: Callable[[], Engine]) -> None:
        self.settings = settings
        self._engine = engine

    # -- the operators' alerts (gongkai alerts …, the admin page) ---------------------------------------
    def add(self, query: str, filters: dict[str, str | None], channel: str, target: str = "",
            updates: bool = False) -> Alert:
        """The search checked as /api/search would, then stored from the store's current change number."""
        return alerts.add_alert(self._engine(), query, filters, channel, target, updates)

    def feed_url(self, alert: Alert) -> str:
        """The public address of an atom alert's feed (its secret in the URL)."""
        return self.settings.feeds.public_base() + alerts.feed_path(alert)

    def overview(self) -> list[dict[str, Any]]:
        """Every alert with its last run, deliveries and failures."""
        return alerts.list_alerts(self._engine())

    def remove(self, alert_id: str) -> bool:
        return alerts.remove_alert(self._engine(), alert_id)

    def run(self, ids: list[str] | None = None) -> RunReport:
        """One run over the given alerts (all when None): match what is new, deliver what is due; one run at a time
        across every process of the database (a run under way elsewhere is waited for: ops.alert_runs)."""
        from gongkai.ops.alert_runs import run_alerts_alone

        return run_alerts_alone(self._engine(), ids)

    def retry_failed(self, alert_id: str) -> int:
        """Given-up deliveries queued again; how many."""
        return alert_store.retry_failed(self._engine().store, alert_id)

    # -- an alert's Atom feed -------------------------------------------------------------------------------
    def find(self, alert_id: str) -> Alert | None:
        found = alert_store.get_alerts(self._engine().store, [alert_id[:64]])
        return found[0] if found else None

    def sent_records(self, alert_id: str, limit: int = 50) -> list[tuple[str, datetime]]:
        """(record id, when sent), newest first."""
        return alert_store.sent_records(self._engine().store, alert_id, limit)

    # -- citizens' subscriptions (double opt-in) ----------------------------------------------------------
    def subscribe(self, email: str, query: str, filters: dict[str, str | None]) -> str:
        """A pending subscription stored and its confirmation mailed; its id."""
        return subscriptions.subscribe(self._engine(), email, query, filters)

    @staticmethod
    def typed_address(email: str) -> str:
        """The address a subscription mails, as the form's input reads (full-width ＠, 。 for the dot)."""
        return subscriptions.typed_address(email)

    def pending_ok(self, sub_id: str, token: str) -> bool:
        return subscriptions.pending_ok(self._engine(), sub_id, token)

    def link_state(self, sub_id: str, token: str) -> tuple[str, str]:
        """(pending, confirmed, expired, ended or invalid; what the link's page says of it)."""
        state = subscriptions.link_state(self._engine(), sub_id, token)
        return state, subscriptions.LINK_SAYS.get(state, "")

    def confirm(self, sub_id: str, token: str) -> str:
        """The subscription becomes an email alert; the alert id."""
        return subscriptions.confirm(self._engine(), sub_id, token)

    def unsubscribe(self, alert_id: str, key: str) -> bool:
        return subscriptions.unsubscribe(self._engine(), alert_id, key)

    def unsubscribed_already(self, alert_id: str) -> bool:
        return subscriptions.unsubscribed_already(self._engine(), alert_id)
