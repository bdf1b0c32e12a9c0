"""Finding and creating forums."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from api.models import Forum, ForumCreate, ForumUpdate


def default_forum_name(slug: str) -> str:
    """A readable name made from a slug: `north-yorkshire` -> `North Yorkshire`."""
    return slug.replace("-", " ").replace("_", " ").title()


def get_forum_by_slug(*, session: Session, slug: str) -> Forum | None:
    """The forum with this slug, or None."""
    return session.exec(select(Forum).where(Forum.slug == slug)).first()


def ensure_forum(
    *, session: Session, slug: str, name: str | None = None, k: int = 5
) -> tuple[Forum, bool]:
    """Return the forum with this slug, creating it first if it is new.

    Args:
        session: An open session; the new forum is committed.
        slug: The forum's short name, e.g. `local`.
        name: Display name for a new forum; made from the slug when not given.
        k: Smallest group size a new forum's summaries may show.

    Returns:
        The forum, and True when this call created it.

    Raises:
        pydantic.ValidationError: The slug, name or k does not fit.
    """
    existing = get_forum_by_slug(session=session, slug=slug)
    if existing is not None:
        return existing, False
    forum = Forum.model_validate(ForumCreate(slug=slug, name=name or default_forum_name(slug), k=k))
    session.add(forum)
    try:
        session.commit()
    except IntegrityError:
        # Another process created it at the same moment: use theirs.
        session.rollback()
        existing = get_forum_by_slug(session=session, slug=slug)
        if existing is None:
            raise
        return existing, False
    session.refresh(forum)
    return forum, True


def create_forum(*, session: Session, data: ForumCreate) -> Forum | None:
    """Create a forum. Commits.

    Returns:
        The new forum, or None when the slug is taken.
    """
    if get_forum_by_slug(session=session, slug=data.slug) is not None:
        return None
    forum = Forum.model_validate(data)
    session.add(forum)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return None
    session.refresh(forum)
    return forum


def update_forum(*, session: Session, forum: Forum, data: ForumUpdate) -> Forum:
    """Change a forum's name or k (fields not sent stay as they are). Commits."""
    forum.sqlmodel_update(data.model_dump(exclude_unset=True, exclude_none=True))
    session.add(forum)
    session.commit()
    session.refresh(forum)
    return forum
