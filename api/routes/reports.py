"""Printable HTML reports: opened with a reader key, or through a short-lived signed link."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Path, Request, status
from fastapi.responses import HTMLResponse

from api.deps import PeriodDep, ReaderDep, SessionDep, SettingsDep
from api.errors import Forbidden, error_responses
from api.middleware import audit_slot
from api.models import Forum, Role, utc_now
from api.models.summary import ReportLink, ReportLinkCreate
from api.services.keys import get_active_key
from api.services.periods import resolve_period
from api.services.report import build_report
from api.services.report_links import (
    BadReportLink,
    ExpiredReportLink,
    read_report_link,
    sign_report_link,
)

router = APIRouter(prefix="/reports", tags=["reports"])

HTML_HEADERS = {
    # The report has no script, styles of its own and inline SVG only.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}
HTML_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "The report, as HTML."}
}


def _html(content: str) -> HTMLResponse:
    return HTMLResponse(content=content, headers=HTML_HEADERS)


@router.get(
    "/summary",
    response_class=HTMLResponse,
    responses={**HTML_RESPONSE, **error_responses(401, 422)},
)
def read_report(caller: ReaderDep, session: SessionDep, period: PeriodDep) -> HTMLResponse:
    """Open the printable report for a period (send your key in the Authorization header)."""
    return _html(build_report(session=session, forum=caller.forum, period=period))


@router.post(
    "/links",
    response_model=ReportLink,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 422),
)
def make_report_link(
    caller: ReaderDep,
    settings: SettingsDep,
    request: Request,
    body: ReportLinkCreate,
) -> ReportLink:
    """Make a short-lived link that opens a period's report in a browser, without a key."""
    period = resolve_period(from_=body.from_, to=body.to, today=utc_now().date())
    expires_at = (utc_now() + timedelta(minutes=body.minutes)).replace(microsecond=0)
    token = sign_report_link(
        secret=settings.report_link_key,
        key_id=caller.key_id,
        forum_id=caller.forum_id,
        period=period,
        expires_at=expires_at,
    )
    return ReportLink(
        url=str(request.url_for("open_shared_report", token=token)),
        expires_at=expires_at,
        period=period.public(),
    )


@router.get(
    "/shared/{token}",
    response_class=HTMLResponse,
    responses={**HTML_RESPONSE, **error_responses(403, 422)},
)
def open_shared_report(
    session: SessionDep,
    settings: SettingsDep,
    request: Request,
    token: str = Path(
        max_length=200,
        description="The link's signed token, from `POST /api/v1/reports/links`.",
        examples=["1.3.1.202501.202503.1743501600.Zm9vYmFy"],
    ),
) -> HTMLResponse:
    """Open a report through a signed link (no key needed until the link expires)."""
    try:
        claims = read_report_link(secret=settings.report_link_key, token=token, now=utc_now())
    except ExpiredReportLink:
        raise Forbidden(
            "This report link has expired. Ask for a new one.", code="link_expired"
        ) from None
    except BadReportLink:
        raise Forbidden(
            "We could not open that report link. Check it was copied whole, or ask for a new one.",
            code="link_invalid",
        ) from None
    api_key = get_active_key(session=session, key_id=claims.key_id)
    forum = session.get(Forum, claims.forum_id)
    if (
        api_key is None
        or forum is None
        or api_key.forum_id != forum.id
        or not api_key.role.includes(Role.reader)
    ):
        raise Forbidden(
            "This report link no longer works: the key that made it was revoked.",
            code="link_revoked",
        )
    slot = audit_slot(request)
    if slot is not None:
        slot.forum_id, slot.key_id, slot.via_link = forum.id, api_key.id, True
    return _html(build_report(session=session, forum=forum, period=claims.period))
