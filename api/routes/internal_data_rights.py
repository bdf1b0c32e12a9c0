"""Data rights, for the bot's action server (service token): what is held, and erasing it."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Path

from api.deps import SessionDep, require_service_token
from api.errors import error_responses
from api.models.data_rights import ContributorData, ContributorErased
from api.models.view import CONTRIBUTOR_PATTERN
from api.services.data_rights import contributor_data, erase_contributor

logger = logging.getLogger(__name__)

router = APIRouter(
    prefix="/internal/contributors",
    tags=["internal"],
    dependencies=[Depends(require_service_token)],
)

Pseudonym = Annotated[
    str,
    Path(
        pattern=CONTRIBUTOR_PATTERN,
        max_length=128,
        description="The person's keyed pseudonym (HMAC of channel and sender id), hex.",
        examples=["3f9a" * 16],
    ),
]


@router.get("/{pseudonym}", response_model=ContributorData, responses=error_responses(401, 422))
def read_contributor_data(pseudonym: Pseudonym, session: SessionDep) -> ContributorData:
    """Count what is stored under a pseudonym, for the person's "what do you keep about me"."""
    return contributor_data(session=session, pseudonym=pseudonym)


@router.delete(
    "/{pseudonym}", response_model=ContributorErased, responses=error_responses(401, 422)
)
def erase_contributor_data(pseudonym: Pseudonym, session: SessionDep) -> ContributorErased:
    """Erase a person's views and links to their pseudonym, at their request."""
    erased = erase_contributor(session=session, pseudonym=pseudonym)
    logger.info(
        "Erased a contributor's data at their request (%d views)", erased.views_deleted
    )
    return erased
