"""Benchmark the forums API's summaries on a million views (not part of the test suite).

    .venvs/api/bin/python bench/forum_summaries.py                 # SQLite and PostgreSQL
    .venvs/api/bin/python bench/forum_summaries.py --database sqlite --views 100000
    .venvs/api/bin/python bench/forum_summaries.py demo            # a demo database for the report

`run` seeds VIEWS views over 24 months across 3 forums (about three views per parent),
measures ingestion through `POST /api/v1/internal/views/batch` (batches of 500) and through
the storage service, then times `GET /api/v1/themes/summary`, `GET /api/v1/themes/trend`
and `GET /api/v1/themes/summary.csv` for the 12 months to the end of the last month, through
the whole app in process (auth, audit log, JSON), and prints a Markdown table.

SQLite goes to var/bench/, PostgreSQL to a new database on the local server (dropped at the
end unless --keep). `demo` fills var/demo.db with one forum's year of views, quotes and
changes, and prints a reader key, for looking at the HTML report.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import psycopg  # noqa: E402
from psycopg import sql  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import Session  # noqa: E402

from api.db import create_db_engine, run_migrations  # noqa: E402
from api.models import AgeBand, Channel, QuoteStatus, Role  # noqa: E402
from api.services.forums import ensure_forum  # noqa: E402
from api.services.keys import create_api_key  # noqa: E402
from api.services.views import insert_rows  # noqa: E402
from api.themes import load_themes  # noqa: E402

POSTGRES_ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
SERVICE_TOKEN = "bench-service-token-0123456789"
FORUMS = ["north", "south", "east"]
SEED_BATCH = 5000  # views per transaction while seeding
THEME_CODES = [theme.code for theme in load_themes()]
THEME_WEIGHTS = [14, 16, 12, 8, 6, 9, 11, 8, 5, 7, 5, 4, 3, 4, 6, 5, 3, 2]
CHANNELS = [Channel.webchat, Channel.sms, Channel.telegram, Channel.rest]
CHANNEL_WEIGHTS = [45, 35, 15, 5]
LANGUAGES = ["en", "pl", "ur", "ar", "pa", "ro", "so"]
LANGUAGE_WEIGHTS = [84, 5, 4, 3, 2, 1, 1]
AGE_BANDS: list[AgeBand | None] = [*AgeBand, None]
AGE_WEIGHTS = [10, 35, 30, 15, 10]
SAMPLE_TEXTS = [
    "We waited 40 weeks for the plan and nobody rang back. [phone]",
    "The taxi comes at different times and my son is anxious all morning.",
    "School says they cannot meet his needs but there is no other place.",
    "The SENCo is great but the annual review was cancelled twice.",
    "Nobody told us about short breaks until a friend mentioned it.",
    "CAMHS said he is not unwell enough. We are at breaking point.",
]


def month_start(moment: datetime) -> datetime:
    return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def add_months(moment: datetime, count: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 + count
    return moment.replace(year=index // 12, month=index % 12 + 1)


def fake_views(
    *, rng: random.Random, forum_ids: list[int], count: int, start: datetime, end: datetime
) -> Iterator[dict[str, Any]]:
    """Views (as `views` rows) spread evenly over [start, end), about three per parent, in
    time order. Plain rows, not `View` objects: building a million ORM objects took a
    quarter of the seeding time."""
    span = (end - start).total_seconds()
    per_forum_people = max(count // (3 * len(forum_ids)), 1)
    for number in range(count):
        when = start + timedelta(seconds=span * number / count + rng.random())
        forum_id = forum_ids[number % len(forum_ids)]
        version = "anon-1.0" if when < start + timedelta(seconds=span / 2) else "anon-1.1"
        yield {
            "forum_id": forum_id,
            "client_ref": f"bench-{number}-{rng.getrandbits(32):08x}",
            "text": rng.choice(SAMPLE_TEXTS),
            "text_en": None,
            "themes": list(
                dict.fromkeys(rng.choices(THEME_CODES, THEME_WEIGHTS, k=rng.choice([1, 1, 2, 3])))
            ),
            "sentiment": round(rng.uniform(-1, 0.6), 2) if rng.random() < 0.9 else None,
            "language": rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0],
            "channel": rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0],
            "age_band": rng.choices(AGE_BANDS, AGE_WEIGHTS)[0],
            "contributor": f"{forum_id:04x}{rng.randrange(per_forum_people):060x}",
            "hear_back": rng.random() < 0.3,
            "recipient_ref": None,
            "anonymiser_version": version,
            "theme_model_version": "themes-2025.11",
            "quote_status": QuoteStatus.pending,
            "quote_decided_at": None,
            "quote_decided_by": None,
            "created_at": when,
        }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def client_for(database_url: str) -> Any:
    os.environ.update(
        ENVIRONMENT="test",
        DATABASE_URL=database_url,
        API_SERVICE_TOKEN=SERVICE_TOKEN,
        DEFAULT_FORUM=FORUMS[0],
        LOG_LEVEL="WARNING",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from api.main import create_app

    return TestClient(create_app())


def new_database(kind: str) -> tuple[str, Callable[[], None]]:
    """A fresh, migrated database and a function that removes it."""
    if kind == "sqlite":
        folder = REPO_ROOT / "var" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "bench.db"
        for leftover in folder.glob("bench.db*"):
            leftover.unlink()
        url = f"sqlite:///{path}"
        run_migrations(url)

        def delete() -> None:
            for leftover in folder.glob("bench.db*"):
                leftover.unlink()

        return url, delete
    admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True)
    name = f"bench_{secrets.token_hex(4)}"
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = make_url(POSTGRES_ADMIN_URL).set(drivername="postgresql+psycopg", database=name)
    rendered = url.render_as_string(hide_password=False)
    run_migrations(rendered)

    def drop() -> None:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.close()

    return rendered, drop


def as_payload(view: dict[str, Any]) -> dict[str, Any]:
    """The body the bot would send for this view."""
    return {
        "client_ref": view["client_ref"],
        "text": view["text"],
        "language": view["language"],
        "channel": view["channel"].value,
        "contributor": view["contributor"],
        "themes": view["themes"],
        "sentiment": view["sentiment"],
        "hear_back": view["hear_back"],
        "age_band": view["age_band"].value if view["age_band"] else None,
        "anonymiser_version": view["anonymiser_version"],
        "theme_model_version": view["theme_model_version"],
    }


def run(kind: str, *, views: int, repeat: int, keep: bool) -> dict[str, Any]:
    """Seed, measure ingestion and reads on one database; return the figures."""
    url, remove = new_database(kind)
    # Other work on the machine changes every figure: say how busy it was.
    print(f"\n== {kind}: {url.split('@')[-1]} (load average {os.getloadavg()[0]:.1f})", flush=True)
    rng = random.Random(20251124)
    now = datetime.now(timezone.utc)
    end = month_start(now)
    start = add_months(end, -24)
    results: dict[str, Any] = {"database": kind, "views": views}
    engine = create_db_engine(url)
    try:
        with Session(engine) as session:
            forum_ids = []
            for slug in FORUMS:
                forum, _ = ensure_forum(session=session, slug=slug)
                assert forum.id is not None
                forum_ids.append(forum.id)
            _, reader = create_api_key(session=session, forum=forum, role=Role.reader)
            reader_forum = forum.slug

        def ingest_over_http(count: int, seed: int) -> float:
            """Send `count` views (stored as now) through the batch endpoint; views/s."""
            stream = fake_views(
                rng=random.Random(seed), forum_ids=forum_ids[:1], count=count, start=start, end=end
            )
            payloads = [as_payload(view) for view in stream]
            for payload in payloads:
                payload["client_ref"] = f"http-{seed}-{payload['client_ref']}"
            with client_for(url) as client:
                headers = {"Authorization": f"Bearer {SERVICE_TOKEN}"}
                began = time.perf_counter()
                for first in range(0, count, 500):
                    response = client.post(
                        "/api/v1/internal/views/batch",
                        json={"views": payloads[first : first + 500]},
                        headers=headers,
                    )
                    assert response.status_code == 200, response.text
                return count / (time.perf_counter() - began)

        # Ingestion through the HTTP endpoint into the empty database, as a backlog arrives.
        http_views = min(10_000, views // 10)
        results["ingest_http_empty_per_s"] = ingest_over_http(http_views, seed=1)
        print(
            "ingestion over HTTP, empty database: "
            f"{results['ingest_http_empty_per_s']:,.0f} views/s"
        )

        # The bulk straight through the storage service (the same INSERT and running
        # totals as the endpoint, without HTTP), spread over the three forums.
        remaining = views - 2 * http_views
        stream = fake_views(rng=rng, forum_ids=forum_ids, count=remaining, start=start, end=end)
        began = time.perf_counter()
        stored = 0
        with Session(engine) as session:
            chunk: list[dict[str, Any]] = []
            for view in stream:
                chunk.append(view)
                if len(chunk) == SEED_BATCH:
                    insert_rows(session=session, rows=chunk)
                    stored += len(chunk)
                    chunk = []
                    if stored % 100_000 == 0:
                        rate = stored / (time.perf_counter() - began)
                        print(f"  seeded {stored:,} ({rate:,.0f} views/s)", flush=True)
            insert_rows(session=session, rows=chunk)
            stored += len(chunk)
        seed_rate = stored / (time.perf_counter() - began)
        results["ingest_service_per_s"] = seed_rate
        print(f"ingestion through the service: {stored:,} views, {seed_rate:,.0f} views/s")

        if kind == "postgresql":
            # What autovacuum does by itself on a production server (the local test server
            # runs with autovacuum off): without statistics the planner guesses badly.
            with engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")

        # And through the HTTP endpoint again, now that the database holds the rest.
        results["ingest_http_full_per_s"] = ingest_over_http(http_views, seed=2)
        print(
            f"ingestion over HTTP, full database: {results['ingest_http_full_per_s']:,.0f} views/s"
        )

        last_month = add_months(end, -1)
        period = {"from": f"{add_months(end, -12):%Y-%m}", "to": f"{last_month:%Y-%m}"}
        results["period"] = period
        with client_for(url) as client:
            headers = {"Authorization": f"Bearer {reader}"}
            for name, path in [
                ("summary", "/api/v1/themes/summary"),
                ("trend", "/api/v1/themes/trend"),
                ("csv", "/api/v1/themes/summary.csv"),
            ]:
                timings = []
                for _ in range(repeat):
                    began = time.perf_counter()
                    response = client.get(path, params=period, headers=headers)
                    timings.append((time.perf_counter() - began) * 1000)
                    assert response.status_code == 200, response.text
                results[name] = {
                    "p50": statistics.median(timings),
                    "p95": percentile(timings, 0.95),
                    "max": max(timings),
                    "first": timings[0],
                }
                print(
                    f"{name} ({reader_forum}, {period['from']} to {period['to']}): "
                    f"p50 {results[name]['p50']:.1f} ms, p95 {results[name]['p95']:.1f} ms, "
                    f"max {results[name]['max']:.1f} ms, first {timings[0]:.1f} ms",
                    flush=True,
                )
            body = client.get("/api/v1/themes/summary", params=period, headers=headers).json()
            results["forum_views_in_period"] = body["provenance"]["views"]
        print(f"load average at the end: {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        engine.dispose()
        if not keep:
            remove()
    return results


def demo() -> None:
    """Fill var/demo.db with one forum's year of views, quotes and changes; print a key."""
    path = REPO_ROOT / "var" / "demo.db"
    for leftover in path.parent.glob("demo.db*"):
        leftover.unlink()
    url = f"sqlite:///{path}"
    run_migrations(url)
    rng = random.Random(7)
    end = month_start(datetime.now(timezone.utc))
    engine = create_db_engine(url)
    with Session(engine) as session:
        forum, _ = ensure_forum(session=session, slug="local", name="Anyshire Parent Carer Forum")
        assert forum.id is not None
        views = list(
            fake_views(
                rng=rng,
                forum_ids=[forum.id],
                count=6000,
                start=add_months(end, -12),
                end=end + timedelta(days=20),
            )
        )
        for view in views[-400:]:
            if rng.random() < 0.02:
                view["quote_status"] = QuoteStatus.approved
        insert_rows(session=session, rows=views)
        _, key = create_api_key(session=session, forum=forum, role=Role.reader, label="demo")
        _, admin = create_api_key(session=session, forum=forum, role=Role.admin, label="demo")
    engine.dispose()
    print(f"DATABASE_URL={url}")
    print(f"admin key: {admin}")
    print(key)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", nargs="?", default="run", choices=["run", "demo"])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--views", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=50, help="Timed requests per endpoint.")
    parser.add_argument("--keep", action="store_true", help="Keep the seeded databases.")
    args = parser.parse_args()
    if args.command == "demo":
        demo()
        return 0
    kinds = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    all_results = [
        run(kind, views=args.views, repeat=args.repeat, keep=args.keep) for kind in kinds
    ]
    print(
        "\n| database | ingest over HTTP, batches of 500, empty / full database (views/s) | "
        "ingest, service (views/s) | summary p50 / p95 (ms) | trend p50 / p95 (ms) | "
        "CSV p50 / p95 (ms) |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for r in all_results:
        print(
            f"| {r['database']} | {r['ingest_http_empty_per_s']:,.0f} / "
            f"{r['ingest_http_full_per_s']:,.0f} | "
            f"{r['ingest_service_per_s']:,.0f} | "
            f"{r['summary']['p50']:.1f} / {r['summary']['p95']:.1f} | "
            f"{r['trend']['p50']:.1f} / {r['trend']['p95']:.1f} | "
            f"{r['csv']['p50']:.1f} / {r['csv']['p95']:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
