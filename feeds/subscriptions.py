"""Citizens' email subscriptions (issue 22): a search or a street's outages, by email, with double opt-in.

A street's subscription (the outage page's form: filter `area` alone) is an outage alert: it is sent the
outage notices whose events name the place, by the outage lookup's own rule (feeds/alert_match.py), not
the notices that print the street's name somewhere.

1. `subscribe`: the search is checked as /api/search checks it; a pending row keeps the address and the
   sha256 of a token; a confirmation email carries the link /subscriptions/confirm?id=ID&key=TOKEN.
2. `confirm` (the link's page posts it): the subscription becomes an email alert (feeds/alerts.py) made
   at that moment, so it sends what arrives from then on.
3. Every alert email carries a one-click unsubscribe link and `List-Unsubscribe` / `List-Unsubscribe-Post`
   headers (RFC 8058); `unsubscribe` removes the alert and erases the address: addresses are stored only
   while a subscription is pending or active. A pending one expires after PENDING_DAYS (its address erased
   by the next subscribe or the alerts run).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import unicodedata
from datetime import timedelta
from email.utils import parseaddr
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from sqlalchemy import and_, func, insert, select, update

from gongkai.feeds import alert_store
from gongkai.feeds.alert_delivery import describe_search
from gongkai.feeds.alerts import AlertError, add_alert, check_search
from gongkai.store.outbox import sql_engine
from gongkai.store.schema import subscriptions
from gongkai.store.timeutil import to_db, utc_now

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from gongkai.engine import Engine

PENDING_DAYS = 7
MAX_PENDING_PER_ADDRESS = 5  # one address cannot be flooded with confirmation mails


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def expire_pending(engine: Engine) -> int:
    """Erase the addresses of subscriptions never confirmed within PENDING_DAYS."""
    limit = to_db(utc_now() - timedelta(days=PENDING_DAYS))
    with sql_engine(engine.store).begin() as conn:
        return conn.execute(update(subscriptions).where(subscriptions.c.status == "pending", subscriptions.c.created_at < limit)
                            .values(status="expired", email="", ended_at=to_db(utc_now()))).rowcount


def typed_address(raw: str) -> str:
    """An address as a Chinese keyboard may type it: full-width letters, digits and ＠ (NFKC), 。 for the dot,
    spaces around, and the 。 a sentence ends with (`lisi@example.cn。`: a trailing dot is no part of a domain one mails).
    It was refused as not an address (`lisi＠example。cn`). A `mailto:` copied from a page's link is no part of it (alerts3)."""
    typed = unicodedata.normalize("NFKC", raw).replace("。", ".").strip().rstrip(".").rstrip()
    return typed[len("mailto:"):].strip() if typed.lower().startswith("mailto:") else typed


def _domain_unicode(domain: str) -> str:
    """A domain as one form: lower case, an IDNA label (xn--…) in its Chinese form (例子.中国)."""
    lowered = domain.lower()
    try:
        return lowered.encode("ascii").decode("idna") if "xn--" in lowered else lowered
    except UnicodeError:
        return lowered


def stored_address(address: str) -> str:
    """The address kept for a subscription: its domain lower case and in Unicode (a phone's `EXAMPLE.CN`, an IDN pasted
    as `xn--fsqu00a.xn--fiqs8s`), so that one mailbox typed two ways is one address (the pending cap, the join below)."""
    local, _, domain = address.rpartition("@")
    return f"{local}@{_domain_unicode(domain)}"


def mailbox_key(address: str) -> str:
    """Which mailbox an address reaches, for joining subscriptions: the local part too without case (every mail service
    a citizen here uses, QQ, 163, Gmail, reads it so; both addresses were confirmed, so either reaches the subscriber)."""
    return stored_address(address).lower()


def place_asked(engine: Engine, query: str) -> str | None:
    """The one place an outage question asks about (厦禾路851号附近会停电吗: 厦禾路851号), as the search page reads it for
    its form; None for any other query. A subscription sent with the question's words (a page saved before its form
    carried the place, a client posting q) subscribes the place, as the page's form does: no notice holds the words
    (alerts6: it became a word search that never matched)."""
    from gongkai.outage_question import answer_outage_question

    answer = answer_outage_question(engine, query)
    areas = answer.question.areas if answer is not None else ()
    return areas[0] if len(areas) == 1 and areas[0] else None


def subscribe(engine: Engine, email: str, query: str, filters: dict[str, str | None]) -> str:
    """Store a pending subscription and mail the confirmation link; returns its id. AlertError says what is wrong."""
    from gongkai.feeds.alert_delivery import NO_SMTPUTF8, DeliveryError, send_message

    if not engine.settings.alerts.smtp_host:
        raise AlertError("邮件订阅未开通 / email subscriptions are not enabled (alerts.smtp_host)")
    typed = typed_address(email)
    address = parseaddr(typed)[1]
    if "@" not in address or len(address) > 200 or address != typed:
        raise AlertError("请填写有效的电子邮箱 / not a valid email address")
    address = stored_address(address)
    if query and not any(filters.values()) and (place := place_asked(engine, query)):
        query, filters = "", {"area": place}
    q, kept = check_search(engine, query, filters)
    expire_pending(engine)
    with engine.store.read_engine.connect() as conn:
        pending = conn.execute(select(func.count()).select_from(subscriptions).where(
            and_(subscriptions.c.email == address, subscriptions.c.status == "pending"))).scalar_one()
    if pending >= MAX_PENDING_PER_ADDRESS:
        raise AlertError("此邮箱已有多个待确认的订阅，请先查收确认邮件 / too many unconfirmed subscriptions for this address")
    sub_id, token = "s" + secrets.token_hex(8), secrets.token_urlsafe(24)
    with sql_engine(engine.store).begin() as conn:
        conn.execute(insert(subscriptions).values(
            id=sub_id, email=address, query=q, filters=json.dumps(kept, ensure_ascii=False), token_hash=_hash(token),
            status="pending", created_at=to_db(utc_now())))
    link = engine.settings.feeds.public_base() + "/subscriptions/confirm?" + urlencode({"id": sub_id, "key": token})
    what = describe_search(q, kept)
    watched = f"“{what}”的新通知" if kept.get("area") else f"搜索“{what}”的新结果"
    text = (f"您好！有人（希望是您）在 gongkai 公开 订阅了{watched}。\n\n"
            f"确认订阅请打开：\n{link}\n\n如果不是您本人操作，请忽略本邮件，{PENDING_DAYS} 天后您的邮箱将被删除。\n")
    try:
        send_message(engine.settings.alerts, address, f"请确认订阅：“{what}”", text, {})
    except DeliveryError as exc:
        with sql_engine(engine.store).begin() as conn:  # nothing was sent: keep no address
            conn.execute(update(subscriptions).where(subscriptions.c.id == sub_id).values(status="failed", email="", ended_at=to_db(utc_now())))
        # The page is public: the mail server's address and error are for the operators' log only.
        log.warning("subscription %s: the confirmation email could not be sent: %s", sub_id, exc)
        if exc.permanent:  # 550 no such mailbox: a typo, most often; trying later does not help (alerts5)
            raise AlertError("邮件服务器拒收此邮箱地址，请检查后重新填写 / the mail server refused this address: please check it") from None
        if str(exc).startswith(NO_SMTPUTF8):  # trying later does not help: another address does
            raise AlertError("本站的邮件服务器无法投递到 @ 前含中文的邮箱，请换用英文字母的邮箱地址 / this site's mail server cannot "
                             "deliver to an address with Chinese before the @: please use another address") from None
        raise AlertError("确认邮件发送失败，请稍后再试 / the confirmation email could not be sent; please try again later") from None
    return sub_id


def _row(engine: Engine, sub_id: str) -> Any:
    with engine.store.read_engine.connect() as conn:
        return conn.execute(select(subscriptions).where(subscriptions.c.id == sub_id[:64])).first()


def pending_ok(engine: Engine, sub_id: str, token: str) -> bool:
    """Whether the confirmation link is good (a pending subscription, the right token, not expired)."""
    row = _row(engine, sub_id)
    return bool(row is not None and row.status == "pending" and hmac.compare_digest(row.token_hash, _hash(token))
                and row.created_at >= to_db(utc_now() - timedelta(days=PENDING_DAYS)))


def link_state(engine: Engine, sub_id: str, token: str) -> str:
    """What a confirmation link opens: `pending` (the button), `confirmed` (clicked before: a second click from the mail, a
    second tab), `expired` (after PENDING_DAYS), `ended` (unsubscribed since) or `invalid` (no such link). alerts4: every
    state but the first was one page, 链接无效 (404), so a citizen opening the link again was told it was invalid."""
    row = _row(engine, sub_id)
    if row is None or not hmac.compare_digest(row.token_hash, _hash(token)):
        return "invalid"
    if row.status == "pending":
        return "pending" if pending_ok(engine, sub_id, token) else "expired"
    return {"active": "confirmed", "expired": "expired", "unsubscribed": "ended"}.get(row.status, "invalid")


#: What a confirmation link that confirms nothing says (the page and the refused POST alike).
LINK_SAYS = {
    "confirmed": "此订阅已确认，无需再次确认 / this subscription is confirmed already",
    "expired": f"确认链接已过期（{PENDING_DAYS} 天内有效），请重新订阅 / the confirmation link has expired (it is valid for "
               f"{PENDING_DAYS} days): please subscribe again",
    "ended": "此订阅已退订，如需提醒请重新订阅 / this subscription was unsubscribed: subscribe again to be told",
    "invalid": "确认链接无效 / the confirmation link is invalid",
}


def confirm(engine: Engine, sub_id: str, token: str) -> str:
    """Activate: the subscription becomes an email alert from now on. Returns the alert id (the same on a second click)."""
    row = _row(engine, sub_id)
    if row is not None and row.status == "active" and hmac.compare_digest(row.token_hash, _hash(token)):
        return row.alert_id
    if not pending_ok(engine, sub_id, token):
        raise AlertError(LINK_SAYS[link_state(engine, sub_id, token)])
    same = _active_alert(engine, row)
    if same:  # the form sent twice (two clicks, a reload): one alert, or each notice came two or three times (alerts4)
        with sql_engine(engine.store).begin() as conn:
            conn.execute(update(subscriptions).where(subscriptions.c.id == row.id, subscriptions.c.status == "pending")
                         .values(status="active", confirmed_at=to_db(utc_now()), alert_id=same))
        return _row(engine, sub_id).alert_id
    alert = add_alert(engine, row.query, json.loads(row.filters), "email", row.email)
    with sql_engine(engine.store).begin() as conn:
        done = conn.execute(update(subscriptions).where(subscriptions.c.id == row.id, subscriptions.c.status == "pending")
                            .values(status="active", confirmed_at=to_db(utc_now()), alert_id=alert.id)).rowcount
    if not done:  # confirmed twice at once: keep one alert
        alert_store.remove_alert(engine.store, alert.id)
        return _row(engine, sub_id).alert_id
    return alert.id


def _active_alert(engine: Engine, row: Any) -> str:
    """The alert of an active subscription of the same address to the same search or place ("" when none is left)."""
    with engine.store.read_engine.connect() as conn:
        rows = conn.execute(select(subscriptions.c.alert_id, subscriptions.c.filters, subscriptions.c.email).where(
            subscriptions.c.query == row.query, subscriptions.c.status == "active")).all()
    wanted, mailbox = json.loads(row.filters), mailbox_key(row.email)
    for alert_id, filters, address in rows:  # the same mailbox typed otherwise (Zhao@, zhao@) is the same subscriber (alerts5)
        if alert_id and mailbox_key(address) == mailbox and json.loads(filters) == wanted and alert_store.get_alerts(engine.store, [alert_id]):
            return str(alert_id)
    return ""


def unsubscribed_already(engine: Engine, alert_id: str) -> bool:
    """The link's alert is gone and its subscription ended (unsubscribed, or removed by the operator): the link opened
    again (an older mail, a second click) says so instead of offering a button that does nothing (alerts8, session 22)."""
    if alert_store.get_alerts(engine.store, [alert_id[:64]]):
        return False
    with engine.store.read_engine.connect() as conn:
        return conn.execute(select(subscriptions.c.id).where(
            subscriptions.c.alert_id == alert_id[:64], subscriptions.c.status == "unsubscribed")).first() is not None


def unsubscribe(engine: Engine, alert_id: str, key: str) -> bool:
    """One click: the alert goes and the address is erased. True also when it was already done."""
    found = alert_store.get_alerts(engine.store, [alert_id[:64]])
    if not found:
        return unsubscribed_already(engine, alert_id)
    if not hmac.compare_digest(found[0].secret.encode(), key.encode()):
        return False
    _leave_a_trace(engine, found[0])
    alert_store.remove_alert(engine.store, alert_id)  # ends its subscriptions and erases their addresses
    return True


def _leave_a_trace(engine: Engine, alert: alert_store.Alert) -> None:
    """An alert the operator made (`alerts add --email`) has no subscription row, so once removed its link said 链接无效
    (404) at the second click (alerts8, session 22): an ended row with no address records that it was unsubscribed."""
    with sql_engine(engine.store).begin() as conn:
        if conn.execute(select(subscriptions.c.id).where(subscriptions.c.alert_id == alert.id)).first() is not None:
            return
        now = to_db(utc_now())
        conn.execute(insert(subscriptions).values(
            id="s" + secrets.token_hex(8), email="", query=alert.query, filters=json.dumps(alert.filters, ensure_ascii=False),
            token_hash="", status="unsubscribed", created_at=now, ended_at=now, alert_id=alert.id))
