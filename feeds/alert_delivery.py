"""Sending one alert delivery: a signed webhook POST or an email. Nothing here touches the store.

Webhook: `POST` of the delivery's JSON body (UTF-8) with
    X-Gongkai-Delivery: <delivery id>      the same on every retry: the receiver's idempotency key
    X-Gongkai-Alert: <alert id>
    X-Gongkai-Signature: sha256=<hex>      HMAC-SHA256 of the exact body bytes with the alert's secret
Any 2xx answer is success; anything else (or no answer within alerts.timeout_seconds) is a failed try.
Email: one message over SMTP (settings alerts.smtp_*), Message-ID built from the delivery id, a Date, and the
text as a plain part and an HTML alternative. A failed try's error is Chinese first (what happened, for the
operator), then the SMTP/HTTP details in English.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import re
import smtplib
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, make_msgid, parseaddr
from typing import Any

import httpx

from gongkai.feeds.alert_store import AREA
from gongkai.settings import AlertSettings

SIGNATURE_HEADER = "X-Gongkai-Signature"
DELIVERY_HEADER = "X-Gongkai-Delivery"
ALERT_HEADER = "X-Gongkai-Alert"
BEIJING = timezone(timedelta(hours=8))


class DeliveryError(Exception):
    """A try that did not reach the receiver; the message says why (kept as the receipt's error). `permanent`: trying
    again cannot help (the mail server refused the address with a 5xx: no such mailbox), so it is given up at once."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def refused_for_good(exc: BaseException) -> bool:
    """The mail server refused the recipient with a permanent reply (5xx to RCPT TO: `550 5.1.1 User unknown`). RFC 5321
    says not to repeat such a request; alerts5: it was tried 8 times over four hours, its receipt saying 稍后重试 each time.
    A 4xx (`450 mailbox busy`, greylisting) is tried again; so is a 5xx to the message or the sender, which is the
    operator's to fix (`gongkai alerts retry`), not the address's."""
    if not isinstance(exc, smtplib.SMTPRecipientsRefused) or not exc.recipients:
        return False
    return all(_address_refused(code, message) for code, message in exc.recipients.values())


#: An enhanced status code (RFC 3463) at the head of a reply's text: class.subject.detail.
_ENHANCED = re.compile(rb"\s*([245])\.(\d{1,3})\.(\d{1,3})\b")


def _address_refused(code: int, message: bytes | str) -> bool:
    """A 5xx to RCPT TO that says the address is wrong, not the relay's policy about this server (review s16): an enhanced
    code of subject 1 (5.1.1 no such mailbox, 5.1.2 bad domain …) or 5.2.1 (mailbox disabled) is the address's; X.7.X is
    policy (554 5.7.1 Relay access denied, 553 5.7.1 sender not owned, 530 5.7.0 authentication required): the operator's
    setting, refused for every recipient alike, so the deliveries wait for the fix instead of all being given up. A reply
    without an enhanced code is the address's for 550, 551 and 553 unless it speaks of relaying or authentication."""
    if not 500 <= code < 600:
        return False
    text = message.encode("utf-8", "replace") if isinstance(message, str) else message
    enhanced = _ENHANCED.match(text)
    if enhanced:
        subject, detail = int(enhanced.group(2)), int(enhanced.group(3))
        return subject == 1 or (subject == 2 and detail == 1)
    return code in (550, 551, 553) and not re.search(rb"(?i)relay|auth", text)


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does (documented; the tests use it): constant-time comparison of the signature."""
    return hmac.compare_digest(sign(secret, body), header or "")


def body_bytes(payload_json: str) -> bytes:
    return payload_json.encode("utf-8")


def webhook_client(timeout: float) -> httpx.Client:
    """One client per run: connections kept alive, and the TLS context (20 ms to load) made once."""
    return httpx.Client(timeout=timeout, follow_redirects=False, limits=httpx.Limits(max_connections=16))


def post_webhook(client: httpx.Client, url: str, secret: str, delivery_id: str, alert_id: str, payload_json: str) -> None:
    body = body_bytes(payload_json)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        DELIVERY_HEADER: delivery_id,
        ALERT_HEADER: alert_id,
        SIGNATURE_HEADER: sign(secret, body),
        "User-Agent": "gongkai-alerts/1.0",
    }
    try:
        response = client.post(url, content=body, headers=headers)
    except httpx.TimeoutException as exc:
        raise DeliveryError(f"webhook 无应答（超时），稍后重试 / webhook {url}: {type(exc).__name__}: {exc}") from exc
    except httpx.HTTPError as exc:
        raise DeliveryError(f"webhook 连接失败，稍后重试 / webhook {url}: {type(exc).__name__}: {exc}") from exc
    if not 200 <= response.status_code < 300:
        raise DeliveryError(f"webhook 返回 HTTP {response.status_code}，稍后重试 / webhook {url} answered HTTP {response.status_code}: "
                            f"{response.text[:200]}")


def describe_search(query: str, filters: dict[str, str]) -> str:
    """What an alert watches, in words for its emails: the query, or the place of an outage alert."""
    if filters.get(AREA):
        return f"{filters[AREA]} 停水停电"
    return query or "（全部）"


def window_text(window: dict[str, Any]) -> str:
    """'2026-12-08 08:30 至 17:30 停电', '（已取消）' after a window called off; the printed text when no time is known."""
    from datetime import datetime

    from gongkai.labels import UTILITY_LABELS

    what = UTILITY_LABELS.get(str(window.get("utility") or "unknown"), "停水停电")
    if window.get("effect") == "reduced_pressure":
        what = "降压供水"
    try:
        start, end = (datetime.fromisoformat(window[k]) if window.get(k) else None for k in ("start", "end"))
    except (TypeError, ValueError):
        start = end = None
    if start is None:
        when = str(window.get("text") or "时间未注明")
    elif end is None:
        when = f"{start:%Y-%m-%d %H:%M} 起"
    else:
        when = f"{start:%Y-%m-%d %H:%M} 至 {end:%H:%M}" if end.date() == start.date() else f"{start:%Y-%m-%d %H:%M} 至 {end:%Y-%m-%d %H:%M}"
    return f"{when} {what}" + ("（已取消）" if window.get("effect") == "cancelled" else "")


SOURCE_KINDS = {"site": "网站", "newspaper": "报纸", "feed": "订阅源", "drop-folder": "投递目录", "push": "推送", "other": "其他"}


def _since(iso: Any) -> str:
    """When a source became overdue, Beijing time (the payload keeps the UTC ISO time)."""
    try:
        moment = datetime.fromisoformat(str(iso))
    except ValueError:
        return f"{iso} "
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return f"{aware.astimezone(BEIJING):%Y-%m-%d %H:%M}（北京时间）"


def email_text(payload: dict[str, Any]) -> tuple[str, str]:
    """(subject, plain-text body) of a delivery, in Chinese first."""
    if payload.get("kind") == "sources_overdue":  # an operator notice (ops/freshness.py)
        sources = payload.get("sources", [])
        lines = [f"以下 {len(sources)} 个来源已逾期未更新 / sources overdue:", ""]
        lines += [f"· {s['name']}（{SOURCE_KINDS.get(s['kind'], s['kind'])}），{_since(s.get('overdue_since'))}起逾期：{'；'.join(s.get('reasons', []))}"
                  for s in sources]
        return f"gongkai 运维：{len(sources)} 个来源逾期未更新", "\n".join(lines) + "\n"
    records = payload.get("records", [])
    filters = payload.get("filters") or {}
    what = describe_search(payload.get("query") or "", filters)
    if records and all(record.get("change") == "withdrawn" for record in records):  # feeds/alerts.py _plan_withdrawn
        where = f"地点“{filters[AREA]}”" if filters.get(AREA) else f"搜索“{what}”"
        subject = f"gongkai 提醒：“{filters.get(AREA) or what}”有 {len(records)} 条已发送的结果被撤回"
        lines = [f"此前发给您的{where}的 {len(records)} 条结果已被发布方撤回，请以撤回为准：", ""]
    elif filters.get(AREA):  # a place's outage alert: the notices whose events name it
        subject = f"gongkai 提醒：{filters[AREA]} 有 {len(records)} 条停水停电通知"
        lines = [f"您订阅的地点“{filters[AREA]}”有 {len(records)} 条新的停水停电通知：", ""]
    else:
        subject = f"gongkai 提醒：“{what}”有 {len(records)} 条新结果"
        lines = [f"您订阅的搜索“{what}”有 {len(records)} 条新结果：", ""]
    for record in records:
        date = record.get("publish_date") or ""
        # a notice calling the place's outage off; a record sent before and withdrawn by its source since
        mark = "【已撤回】" if record.get("change") == "withdrawn" else "【已取消】" if record.get("called_off") else ""
        lines.append(f"· {mark}{record.get('title', '')}  {record.get('issuer') or ''} {date}".rstrip())
        lines += [f"  {window_text(window)}" for window in record.get("windows") or []]  # a place's alert: when it is cut
        lines.append(f"  {record.get('url', '')}")
    lines += ["", f"提醒编号 {payload.get('alert_id')}，投递编号 {payload.get('delivery_id')}。"]
    return subject, "\n".join(lines) + "\n"


#: Headers a mail client reads as a URL or an id: never folded. The default policy folds a header longer than 78
#: characters with no space in it as RFC 2047 encoded words (`List-Unsubscribe: =?utf-8?q?=3Chttp...`), which no
#: client reads as a link: the one-click unsubscribe was lost on every real alert email (its URL is ~110 characters).
UNFOLDED = frozenset({"list-unsubscribe", "list-unsubscribe-post", "message-id"})


class _MailPolicy(EmailPolicy):
    """The default policy, except that ASCII values of UNFOLDED headers are written on one line (RFC 5322
    allows 998 characters)."""

    def fold(self, name: str, value: str) -> str:
        if name.lower() in UNFOLDED and str(value).isascii():
            return f"{name}: {value}{self.linesep}"
        return super().fold(name, value)

    def fold_binary(self, name: str, value: str) -> bytes:
        if name.lower() in UNFOLDED and str(value).isascii():
            return f"{name}: {value}{self.linesep}".encode("ascii")
        return super().fold_binary(name, value)


MAIL_POLICY = _MailPolicy()  # policy.default is EmailPolicy() too


def text_to_html(text: str) -> str:
    """The HTML alternative of a plain-text email: the same lines, escaped, links clickable."""
    def line(raw: str) -> str:
        parts = re.split(r"(https?://\S+)", raw)
        return "".join(f'<a href="{html.escape(p)}">{html.escape(p)}</a>' if i % 2 else html.escape(p) for i, p in enumerate(parts))

    body = "<br>\n".join(line(raw) for raw in text.rstrip("\n").split("\n"))
    return f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"></head><body>\n<p>{body}</p>\n</body></html>\n'


#: What smtp_reason says when an address with a Chinese name before the @ meets a server without SMTPUTF8 (RFC 6531).
NO_SMTPUTF8 = "邮件服务器不支持中文邮箱地址（SMTPUTF8）"


def ascii_domain(to: str) -> str:
    """`to` with its address's domain in IDNA (zhangsan@例子.中国 → zhangsan@xn--fsqu00a.xn--fiqs8s): any mail server
    takes that; the Chinese form needs SMTPUTF8, which many lack (alerts3: the confirmation was never sent)."""
    domain = parseaddr(to)[1].rpartition("@")[2]
    if domain.isascii():
        return to
    try:
        return to.replace("@" + domain, "@" + domain.encode("idna").decode("ascii"))
    except UnicodeError:
        return to  # not a domain IDNA can write: the server says what it thinks of it


def smtp_reason(exc: BaseException) -> str:
    """What went wrong with an SMTP conversation, in Chinese, for the operator's receipts."""
    if isinstance(exc, smtplib.SMTPNotSupportedError) and "SMTPUTF8" in str(exc):
        return NO_SMTPUTF8
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({str(code) for code, _ in exc.recipients.values()})
        return f"收件地址被邮件服务器拒收（{'、'.join(codes)}）" if codes else "收件地址被邮件服务器拒收"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "邮件服务器登录失败（检查 alerts.smtp_user / smtp_password）"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"邮件服务器{'暂时' if 400 <= exc.smtp_code < 500 else ''}拒收（{exc.smtp_code}）"
    if isinstance(exc, TimeoutError) or "timed out" in str(exc):
        return "邮件服务器无应答（超时）"
    if isinstance(exc, ConnectionRefusedError):
        return "无法连接邮件服务器（连接被拒绝）"
    return "邮件发送失败"


def send_message(settings: AlertSettings, to: str, subject: str, text: str, headers: dict[str, str]) -> None:
    """One email over SMTP (settings alerts.smtp_*): the text and its HTML alternative, with a Date (Beijing time)
    and a Message-ID; DeliveryError says why it did not go, Chinese first."""
    if not settings.smtp_host:
        raise DeliveryError("邮件服务器未设置 / email: alerts.smtp_host is not set")
    to = ascii_domain(to)
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(BEIJING).replace(microsecond=0))  # smtplib adds none; RFC 5322 needs one
    for name, value in headers.items():
        message[name] = value
    if "Message-ID" not in headers:
        message["Message-ID"] = make_msgid(domain="gongkai")
    message.set_content(text)
    message.add_alternative(text_to_html(text), subtype="html")
    smtp = None
    try:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.timeout_seconds)
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        final = refused_for_good(exc)
        raise DeliveryError(f"{smtp_reason(exc)}，{'不再重试' if final else '稍后重试'} / email to {to} via {settings.smtp_host}:"
                            f"{settings.smtp_port}: {type(exc).__name__}: {exc}", permanent=final) from exc
    finally:
        if smtp is not None:
            _quit(smtp)


def _quit(smtp: smtplib.SMTP) -> None:
    """End the conversation, whatever the server answers: once it took the message (250 to DATA) the mail is sent. `with
    SMTP()` raised on a QUIT answered otherwise than 221 (`421 timeout exceeded`), so a delivered mail counted as a failed
    try and went again at every run (alerts5: twice in two runs)."""
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        pass
    finally:
        smtp.close()


def send_email(settings: AlertSettings, to: str, delivery_id: str, alert_id: str, payload_json: str, unsubscribe_url: str = "") -> None:
    """An alert delivery by email. Every one carries the one-click unsubscribe link (RFC 8058 headers and in the text)."""
    subject, text = email_text(json.loads(payload_json))
    headers = {"Message-ID": make_msgid(idstring=delivery_id, domain="gongkai"), DELIVERY_HEADER: delivery_id, ALERT_HEADER: alert_id}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        text += f"\n不想再收到此提醒？一键退订：{unsubscribe_url}\n"
    send_message(settings, to, subject, text, headers)
