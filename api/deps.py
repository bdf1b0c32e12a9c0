"""Dependencies for routes, as `Annotated` aliases: `SessionDep`, `SettingsDep`, role checks."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated

import httpx
from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from api.errors import Forbidden, Unauthorized
from api.middleware import audit_slot
from api.models import Forum, Role, utc_now
from api.services.keys import find_active_key, record_key_use
from api.services.periods import Period, resolve_period
from api.settings import Settings


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """A database session for one request, closed when the request ends."""
    with Session(request.app.state.engine) as session:
        yield session


def get_http_client(request: Request) -> httpx.AsyncClient:
    """The app's shared HTTP client (for talking to the assistant)."""
    client: httpx.AsyncClient = request.app.state.http_client
    return client


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
HttpClientDep = Annotated[httpx.AsyncClient, Depends(get_http_client)]

forum_key_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="ForumKey",
    description="A forum key (`sv_...`), made with `make forum-key`.",
)
service_token_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="ServiceToken",
    description="The API_SERVICE_TOKEN shared with the bot's action server.",
)
BearerCredentials = HTTPAuthorizationCredentials | None


def require_service_token(
    settings: SettingsDep,
    credentials: Annotated[BearerCredentials, Depends(service_token_scheme)],
) -> None:
    """Let through only the bot's action server, which holds the service token."""
    sent = credentials.credentials if credentials is not None else ""
    if not sent or not hmac.compare_digest(
        sent.encode("utf-8"), settings.service_token.encode("utf-8")
    ):
        raise Unauthorized("Please send the service token in the Authorization header.")


@dataclass(frozen=True)
class Caller:
    """Who is calling: a forum, through one of its keys."""

    forum: Forum
    role: Role
    key_id: int

    @property
    def forum_id(self) -> int:
        """The caller's forum's id."""
        assert self.forum.id is not None
        return self.forum.id


def get_caller(
    request: Request,
    session: SessionDep,
    credentials: Annotated[BearerCredentials, Depends(forum_key_scheme)],
) -> Caller:
    """The forum and role of the key in the Authorization header (noted for the audit log)."""
    if credentials is None or not credentials.credentials:
        raise Unauthorized()
    api_key = find_active_key(session=session, key=credentials.credentials)
    if api_key is None or api_key.id is None:
        raise Unauthorized(
            "We do not recognise that key. It may have been revoked. "
            "Ask your forum's admin for a new one."
        )
    record_key_use(session=session, api_key=api_key)
    forum = session.get(Forum, api_key.forum_id)
    if forum is None:
        raise Unauthorized()
    slot = audit_slot(request)
    if slot is not None:
        slot.forum_id, slot.key_id = forum.id, api_key.id
    return Caller(forum=forum, role=api_key.role, key_id=api_key.id)


def require_role(minimum: Role) -> Callable[[Caller], Caller]:
    """A dependency that lets through keys with `minimum` role or a higher one."""

    def check_role(caller: Annotated[Caller, Depends(get_caller)]) -> Caller:
        if not caller.role.includes(minimum):
            raise Forbidden(
                f"This needs a {minimum.value} key, and yours is a {caller.role.value} key. "
                "Ask your forum's admin if you need more access."
            )
        return caller

    return check_role


ReaderDep = Annotated[Caller, Depends(require_role(Role.reader))]
ModeratorDep = Annotated[Caller, Depends(require_role(Role.moderator))]
AdminDep = Annotated[Caller, Depends(require_role(Role.admin))]


def get_period(
    from_: Annotated[
        str | None,
        Query(
            alias="from",
            max_length=40,
            description="First month of the period, `YYYY-MM`; a date or time in it stands for "
            "the whole month. Left out: two months before `to`.",
            examples=["2025-01"],
        ),
    ] = None,
    to: Annotated[
        str | None,
        Query(
            max_length=40,
            description="Last month of the period (included), `YYYY-MM`; a date or time in it "
            "stands for the whole month. Left out: this month.",
            examples=["2025-03"],
        ),
    ] = None,
) -> Period:
    """The whole months a summary covers, from the `from` and `to` query parameters."""
    return resolve_period(from_=from_, to=to, today=utc_now().date())


PeriodDep = Annotated[Period, Depends(get_period)]
