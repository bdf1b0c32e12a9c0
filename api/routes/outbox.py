"""The hear-back outbox, for the bot's side only (service token)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from api.deps import SessionDep, require_service_token
from api.errors import NotFound, error_responses
from api.models import OutboxFailure, OutboxMessage, OutboxMessagePublic, OutboxMessageState
from api.services.outbox import lease_messages, mark_delivered, mark_failed

router = APIRouter(
    prefix="/internal/outbox",
    tags=["internal"],
    dependencies=[Depends(require_service_token)],
)

MessageId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The message's id.", examples=[31])]


def _state(message: OutboxMessage | None) -> OutboxMessageState:
    if message is None:
        raise NotFound("There is no outbox message with that id.")
    assert message.id is not None
    return OutboxMessageState(id=message.id, status=message.status, attempts=message.attempts)


@router.get("", response_model=list[OutboxMessagePublic], responses=error_responses(401, 422))
def read_outbox(
    session: SessionDep,
    limit: Annotated[
        int, Query(ge=1, le=500, description="At most this many messages.", examples=[50])
    ] = 50,
) -> list[OutboxMessagePublic]:
    """List messages waiting to be sent, oldest first, holding them for you for 5 minutes."""
    return [
        OutboxMessagePublic.model_validate(message, update={"forum": forum, "theme": theme})
        for message, forum, theme in lease_messages(session=session, limit=limit)
    ]


@router.post(
    "/{message_id}/delivered",
    response_model=OutboxMessageState,
    responses=error_responses(401, 404, 422),
)
def message_delivered(session: SessionDep, message_id: MessageId) -> OutboxMessageState:
    """Say a message was delivered (saying it again changes nothing)."""
    return _state(mark_delivered(session=session, message_id=message_id))


@router.post(
    "/{message_id}/failed",
    response_model=OutboxMessageState,
    responses=error_responses(401, 404, 422),
)
def message_failed(
    session: SessionDep, message_id: MessageId, body: OutboxFailure
) -> OutboxMessageState:
    """Say a message could not be delivered, and whether to try again later."""
    return _state(
        mark_failed(session=session, message_id=message_id, reason=body.reason, retry=body.retry)
    )
