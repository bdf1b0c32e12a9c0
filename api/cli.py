"""Command line tasks for the forums API.

    python -m api.cli forum-key --forum local --role moderator [--name "Local forum"]
    python -m api.cli migrate
    python -m api.cli rebuild-stats --forum local

`forum-key` prints what it did, then the new key alone on the last line of stdout, so
scripts can take it with `tail -n 1`. It works while the server is running.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Sequence

from pydantic import ValidationError
from sqlmodel import Session

from api.db import create_db_engine, run_migrations
from api.models import Role
from api.services.forums import ensure_forum, get_forum_by_slug
from api.services.keys import create_api_key
from api.services.stats import rebuild_stats
from api.settings import SLUG_PATTERN, Settings

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

ROLES = ", ".join(role.value for role in Role)


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(message, file=sys.stderr)
    return code


def forum_key(*, settings: Settings, forum_slug: str, role_name: str, name: str | None) -> int:
    """Create the forum if it is new, then a key for it; print the key on the last line."""
    try:
        role = Role(role_name.strip().lower())
    except ValueError:
        return _fail(f"'{role_name}' is not a role we know. Use one of: {ROLES}.")
    slug = forum_slug.strip().lower()
    if not re.fullmatch(SLUG_PATTERN, slug):
        return _fail(
            f"'{forum_slug}' cannot be a forum's short name. Use up to 64 lowercase letters, "
            "digits, dashes or underscores, starting with a letter or digit, e.g. 'local'."
        )

    run_migrations(settings.DATABASE_URL)
    engine = create_db_engine(settings.DATABASE_URL)
    try:
        with Session(engine) as session:
            try:
                forum, created = ensure_forum(
                    session=session, slug=slug, name=name, k=settings.DEFAULT_K
                )
            except ValidationError:
                return _fail("The forum's display name must be 1 to 200 characters.")
            _, key = create_api_key(session=session, forum=forum, role=role)
            forum_name = forum.name
    finally:
        engine.dispose()

    if created:
        print(f"Created the forum '{slug}' ({forum_name}).")
    else:
        print(f"The forum '{slug}' ({forum_name}) already exists.")
        if name and name != forum_name:
            print("Its display name was left as it is.")
    print(f"Here is a new {role.value} key for it. Keep it somewhere safe:")
    print("it is shown only this once, and only a hash of it is stored.")
    print(key)
    return EXIT_OK


def migrate(*, settings: Settings) -> int:
    """Bring the database schema up to date."""
    run_migrations(settings.DATABASE_URL)
    print("The database is up to date.")
    return EXIT_OK


def rebuild(*, settings: Settings, forum_slug: str) -> int:
    """Recompute a forum's summary totals from its views (after a repair by hand)."""
    run_migrations(settings.DATABASE_URL)
    engine = create_db_engine(settings.DATABASE_URL)
    try:
        with Session(engine) as session:
            forum = get_forum_by_slug(session=session, slug=forum_slug.strip().lower())
            if forum is None or forum.id is None:
                return _fail(f"There is no forum called '{forum_slug}'.", EXIT_FAILED)
            slug = forum.slug
            counted = rebuild_stats(session=session, forum_id=forum.id)
    finally:
        engine.dispose()
    print(f"Recounted {counted} views for the forum '{slug}'.")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The command line's arguments."""
    parser = argparse.ArgumentParser(
        prog="python -m api.cli", description="Command line tasks for the forums API."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    key_parser = commands.add_parser(
        "forum-key", help="Create a forum (if new) and an API key for it."
    )
    key_parser.add_argument("--forum", required=True, help="The forum's short name, e.g. local.")
    key_parser.add_argument("--role", required=True, help=f"One of: {ROLES}.")
    key_parser.add_argument("--name", help="Display name for a new forum.")

    commands.add_parser("migrate", help="Bring the database schema up to date.")
    rebuild_parser = commands.add_parser(
        "rebuild-stats", help="Recompute a forum's summary totals from its views."
    )
    rebuild_parser.add_argument("--forum", required=True, help="The forum's short name.")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return _fail(f"The configuration does not fit: {problems}", EXIT_FAILED)
    if args.command == "forum-key":
        return forum_key(
            settings=settings, forum_slug=args.forum, role_name=args.role, name=args.name
        )
    if args.command == "rebuild-stats":
        return rebuild(settings=settings, forum_slug=args.forum)
    return migrate(settings=settings)


if __name__ == "__main__":
    sys.exit(main())
