"""Short-lived signed links to a report, so a reader can open it in a browser.

A link reads `1.<key id>.<forum id>.<first month>.<last month>.<expiry>.<signature>`:
nothing secret is in it but the signature (HMAC-SHA256 with the settings' report link key).
It works only until it expires and only while the key that made it is not revoked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timezone

from api.services.periods import Period

VERSION = "1"
_TOKEN = re.compile(
    r"^1\.(\d{1,12})\.(\d{1,12})\.(\d{6})\.(\d{6})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$"
)


class BadReportLink(Exception):
    """The link was not made by this API, or was changed."""


class ExpiredReportLink(Exception):
    """The link was good, but its time is up."""


@dataclass(frozen=True)
class ReportLinkClaims:
    """What a good link allows: one forum's report for one period, made by one key."""

    key_id: int
    forum_id: int
    period: Period
    expires_at: datetime


def _signature(secret: bytes, payload: str) -> str:
    digest = hmac.new(secret, payload.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def sign_report_link(
    *, secret: bytes, key_id: int, forum_id: int, period: Period, expires_at: datetime
) -> str:
    """The token for a link to `period`'s report, good until `expires_at`."""
    expiry = int(expires_at.timestamp())
    payload = f"{VERSION}.{key_id}.{forum_id}.{period.first}.{period.last}.{expiry}"
    return f"{payload}.{_signature(secret, payload)}"


def read_report_link(*, secret: bytes, token: str, now: datetime) -> ReportLinkClaims:
    """Check a link's token.

    Raises:
        BadReportLink: The token is malformed or its signature does not match.
        ExpiredReportLink: It is past its expiry.
    """
    match = _TOKEN.fullmatch(token)
    if match is None:
        raise BadReportLink
    payload = token.rsplit(".", 1)[0]
    if not hmac.compare_digest(_signature(secret, payload), match.group(6)):
        raise BadReportLink
    key_id, forum_id, first, last, expiry = (int(match.group(i)) for i in range(1, 6))
    expires_at = datetime.fromtimestamp(expiry, timezone.utc)
    if now >= expires_at:
        raise ExpiredReportLink
    return ReportLinkClaims(
        key_id=key_id,
        forum_id=forum_id,
        period=Period(first=first, last=last),
        expires_at=expires_at,
    )
