"""The running totals behind summaries always agree with the views themselves."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from api.models import AgeBand, Channel, Forum, View
from api.services.forums import ensure_forum
from api.services.periods import month_of
from api.services.stats import (
    ALL_THEMES,
    THEME,
    cell_totals,
    contributor_cells,
    monthly_theme_totals,
    rebuild_stats,
)
from api.services.views import insert_views

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.both_databases

THEMES = ["transport", "ehcp_process", "communication", "short_breaks"]
MONTHS = [202411, 202412, 202501, 202502, 202503, 202504]


def random_views(rng: random.Random, forum_id: int, count: int) -> list[View]:
    views = []
    for number in range(count):
        month = rng.choice(MONTHS)
        views.append(
            View(
                forum_id=forum_id,
                client_ref=f"stats-{forum_id}-{number}",
                text="A view.",
                themes=rng.sample(THEMES, rng.randint(0, 2)),
                sentiment=rng.choice([None, -0.5, 0.25, 1.0]),
                language=rng.choice(["en", "en", "pl", "ur"]),
                channel=rng.choice(list(Channel)),
                age_band=rng.choice([None, *AgeBand]),
                contributor=f"{rng.randint(1, 12):064x}",
                created_at=datetime(
                    month // 100, month % 100, rng.randint(1, 28), tzinfo=timezone.utc
                ),
            )
        )
    return views


def brute_force(
    views: list[View], first: int, last: int
) -> dict[tuple[str, str, str], tuple[int, int]]:
    counted: dict[tuple[str, str, str], list[Any]] = defaultdict(lambda: [0, set()])
    for view in views:
        if first <= month_of(view.created_at) <= last:
            for cell in contributor_cells(view.model_dump()):
                counted[cell][0] += 1
                counted[cell][1].add(view.contributor)
    return {cell: (views_, len(people)) for cell, (views_, people) in counted.items()}


def test_totals_match_counting_the_views_whatever_order_they_arrive_in(client: TestClient) -> None:
    rng = random.Random(7)
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        forum, _ = ensure_forum(session=session, slug="stats")
        assert forum.id is not None
        views = random_views(rng, forum.id, 300)
        shuffled = views[:]
        rng.shuffle(shuffled)  # later months often arrive before earlier ones
        for start in range(0, len(shuffled), 37):
            insert_views(session=session, views=shuffled[start : start + 37])
        stored = list(session.exec(select(View).where(View.forum_id == forum.id)).all())

        for first, last in [(202411, 202504), (202501, 202503), (202412, 202412), (202502, 202504)]:
            totals = cell_totals(session=session, forum_id=forum.id, first=first, last=last)
            expected = brute_force(stored, first, last)
            got = {
                cell: (t.views, t.contributors) for cell, t in totals.items() if cell in expected
            }
            assert got == expected, (first, last)


def test_monthly_totals_count_each_months_distinct_contributors(client: TestClient) -> None:
    rng = random.Random(11)
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        forum, _ = ensure_forum(session=session, slug="monthly")
        assert forum.id is not None
        insert_views(session=session, views=random_views(rng, forum.id, 150))
        stored = list(session.exec(select(View).where(View.forum_id == forum.id)).all())

        monthly = monthly_theme_totals(
            session=session, forum_id=forum.id, first=202411, last=202504
        )

        for month in MONTHS:
            expected = brute_force(stored, month, month)
            for theme in [*THEMES, ALL_THEMES]:
                views, people = expected.get((theme, THEME, ""), (0, 0))
                got = monthly.get((theme, month))
                counted = (got.views, got.contributors) if got else (0, 0)
                assert counted == (views, people), (theme, month)


def test_rebuilding_the_totals_gives_the_same_tables(client: TestClient) -> None:
    rng = random.Random(3)
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with Session(engine) as session:
        forum, _ = ensure_forum(session=session, slug="rebuild")
        assert forum.id is not None
        forum_id = forum.id
        views = random_views(rng, forum_id, 120)
        rng.shuffle(views)
        for start in range(0, len(views), 25):
            insert_views(session=session, views=views[start : start + 25])

    def snapshot() -> dict[str, list[Any]]:
        with engine.connect() as connection:
            return {
                table: sorted(
                    tuple(row)
                    for row in connection.execute(
                        text(f"SELECT * FROM {table} WHERE forum_id = :f"),
                        {"f": forum_id},  # noqa: S608
                    )
                    if table != "contributor_firsts" or row[-1] != 0
                )
                for table in ("view_stats", "contributor_months", "contributor_firsts")
            }

    before = snapshot()
    with Session(engine) as session:
        assert rebuild_stats(session=session, forum_id=forum_id, batch=17) == 120

    assert snapshot() == before


def test_one_forums_views_never_count_in_anothers_totals(client: TestClient) -> None:
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        mine, _ = ensure_forum(session=session, slug="mine")
        theirs, _ = ensure_forum(session=session, slug="theirs")
        assert mine.id is not None and theirs.id is not None
        insert_views(session=session, views=random_views(random.Random(1), theirs.id, 40))

        totals = cell_totals(session=session, forum_id=mine.id, first=202411, last=202504)

        assert totals == {}
        assert session.get(Forum, theirs.id) is not None
