"""Fixtures for the API's tests: a fresh app and database for each test.

The database is a temporary SQLite file. Test modules marked `both_databases` also run
every test against the local PostgreSQL server (one database for the session, emptied
before each test); those runs carry the `postgres` mark, and are skipped, saying why,
when no server answers. Set API_TEST_POSTGRES_ADMIN_URL to use another server.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
import tempfile
import warnings
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import psycopg
import pytest
from fastapi import FastAPI
from psycopg import sql
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel

from api.db import create_db_engine, run_migrations
from api.main import create_app
from api.models import AgeBand, Channel, QuoteStatus, Role, View
from api.services.forums import ensure_forum
from api.services.keys import create_api_key
from api.services.views import insert_views

SERVICE_TOKEN = "test-service-token-0123456789"

REPO_ROOT = Path(__file__).resolve().parents[3]

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def quiet_test_client_class() -> type[TestClient]:
    """Starlette's TestClient, imported quietly (it would rather use `httpx2` than `httpx`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    return TestClient


def closed_port() -> int:
    """A local port with nothing listening on it (as far as anyone can tell)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


POSTGRES_ADMIN_URL = os.environ.get(
    "API_TEST_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def pytest_configure(config: pytest.Config) -> None:
    """Register the mark that runs a module on both databases; keep Hypothesis's caches
    (used by the schemathesis test) out of the working tree."""
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(str(Path(tempfile.gettempdir()) / "send-voices-hypothesis"))
    config.addinivalue_line("markers", "both_databases: run each test on SQLite and on PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Give tests in `both_databases` modules a SQLite run and a PostgreSQL run."""
    if "database" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("both_databases") is None:
        return
    params = [
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
    metafunc.parametrize("database", params, indirect=True)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One migrated PostgreSQL database for the test session, dropped at the end."""
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        # CI has the server: there a missing database fails the run instead of hiding it.
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {exc}")
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {exc}")
    name = f"api_unit_{secrets.token_hex(6)}"
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = make_url(POSTGRES_ADMIN_URL).set(drivername="postgresql+psycopg", database=name)
    rendered = url.render_as_string(hide_password=False)
    try:
        run_migrations(rendered)
        yield rendered
    finally:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.close()


def _empty_postgres(url: str) -> None:
    """Remove every row (the schema stays), so each test starts from nothing."""
    import api.models  # noqa: F401  (registers the tables)

    tables = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
    engine = create_db_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()


@pytest.fixture
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The database URL for this test: a new SQLite file, or the emptied PostgreSQL one."""
    if getattr(request, "param", "sqlite") == "postgresql":
        url: str = request.getfixturevalue("postgres_url")
        _empty_postgres(url)
        return url
    return f"sqlite:///{tmp_path / 'data' / 'api.db'}"


@pytest.fixture
def api_env(database: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment variables for an app on the test's database, with Rasa unreachable."""
    env = {
        "ENVIRONMENT": "test",
        "DATABASE_URL": database,
        "API_SERVICE_TOKEN": SERVICE_TOKEN,
        "RASA_URL": f"http://127.0.0.1:{closed_port()}",
        "DEFAULT_FORUM": "local",
        "DEFAULT_K": "5",
        "CHAT_ORIGIN": "",
        "LOG_LEVEL": "INFO",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def app(api_env: dict[str, str]) -> FastAPI:
    """The app, built from the environment as `uvicorn api.main:app` would build it."""
    return create_app()


@pytest.fixture
def client_class() -> type[TestClient]:
    """The TestClient class, for tests that need a client with other options."""
    return quiet_test_client_class()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client for the running app (start-up has run: migrations, default forum)."""
    with quiet_test_client_class()(app) as test_client:
        yield test_client


@pytest.fixture
def session(client: TestClient) -> Iterator[Session]:
    """A session on the running app's database."""
    with Session(client.app.state.engine) as db_session:  # type: ignore[attr-defined]
        yield db_session


@pytest.fixture
def make_key(client: TestClient) -> Callable[..., str]:
    """Make a forum key: `make_key(forum="local", role="moderator")` returns `sv_...`.

    `k=` also sets the forum's k.
    """

    def _make_key(
        *, forum: str = "local", role: Role | str = Role.moderator, k: int | None = None
    ) -> str:
        with Session(client.app.state.engine) as db_session:  # type: ignore[attr-defined]
            forum_row, _ = ensure_forum(session=db_session, slug=forum)
            if k is not None:
                forum_row.k = k
                db_session.add(forum_row)
                db_session.commit()
            _, key = create_api_key(session=db_session, forum=forum_row, role=Role(role))
        return key

    return _make_key


@pytest.fixture
def view_payload() -> Callable[..., dict[str, Any]]:
    """Build an ingestion body; keyword arguments replace or add fields."""
    counter = iter(range(1, 1_000_000))

    def _view_payload(**fields: Any) -> dict[str, Any]:
        number = next(counter)
        body: dict[str, Any] = {
            "client_ref": f"test-{number}",
            "text": f"The annual review was late again ({number}). Call me on [phone].",
            "language": "en",
            "channel": "rest",
            "contributor": "3f9a" * 16,
            "themes": ["ehcp_process"],
            "sentiment": -0.6,
            "text_en": None,
            "hear_back": False,
        }
        body.update(fields)
        return body

    return _view_payload


@pytest.fixture
def post_view(
    client: TestClient, view_payload: Callable[..., dict[str, Any]]
) -> Callable[..., httpx.Response]:
    """Send a view as the bot would: `post_view(text=..., themes=[...])`."""

    def _post_view(*, token: str | None = SERVICE_TOKEN, **fields: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        return client.post("/api/v1/internal/views", json=view_payload(**fields), headers=headers)

    return _post_view


@pytest.fixture
def get_views(client: TestClient) -> Callable[..., httpx.Response]:
    """Read views with a key: `get_views(key, theme="transport", limit=2)`."""

    def _get_views(key: str, **params: Any) -> httpx.Response:
        return client.get(
            "/api/v1/views", params=params, headers={"Authorization": f"Bearer {key}"}
        )

    return _get_views


def person(number: int) -> str:
    """A contributor pseudonym, as the bot makes them (64 hex characters)."""
    return hashlib.sha256(f"parent-{number}".encode()).hexdigest()


@pytest.fixture
def add_view(client: TestClient) -> Callable[..., int]:
    """Store a view directly (as ingestion does, with the summary totals), at any time.

    `add_view(when=datetime(2025, 1, 5), who=3, themes=["transport"], channel="sms")`
    returns the view's id. `who` is a number turned into a pseudonym.
    """
    counter = iter(range(1, 10_000_000))

    def _add_view(
        *,
        forum: str = "local",
        when: datetime = datetime(2025, 2, 10, 12, 0, tzinfo=timezone.utc),
        who: int = 1,
        themes: list[str] | None = None,
        channel: str = "webchat",
        language: str = "en",
        age_band: str | None = None,
        sentiment: float | None = None,
        hear_back: bool = False,
        recipient_ref: str | None = None,
        quote: str = "pending",
        text: str | None = None,
        text_en: str | None = None,
        anonymiser_version: str | None = None,
        theme_model_version: str | None = None,
    ) -> int:
        number = next(counter)
        with Session(client.app.state.engine) as db_session:  # type: ignore[attr-defined]
            forum_row, _ = ensure_forum(session=db_session, slug=forum)
            assert forum_row.id is not None
            view = View(
                forum_id=forum_row.id,
                client_ref=f"direct-{number}",
                text=text or f"View {number} about {', '.join(themes or ['nothing'])}.",
                text_en=text_en,
                themes=["transport"] if themes is None else themes,
                sentiment=sentiment,
                language=language,
                channel=Channel(channel),
                age_band=AgeBand(age_band) if age_band else None,
                contributor=person(who),
                hear_back=hear_back,
                recipient_ref=recipient_ref,
                quote_status=QuoteStatus(quote),
                anonymiser_version=anonymiser_version,
                theme_model_version=theme_model_version,
                created_at=when if when.tzinfo else when.replace(tzinfo=timezone.utc),
            )
            (view_id,) = insert_views(session=db_session, views=[view])
        return view_id

    return _add_view


@pytest.fixture
def call(client: TestClient) -> Callable[..., httpx.Response]:
    """Call the API with a forum key: `call("GET", "/api/v1/forum", key, params=...)`."""

    def _call(method: str, path: str, key: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {key}", **kwargs.pop("headers", {})}
        return client.request(method, path, headers=headers, **kwargs)

    return _call


@pytest.fixture
def pseudonym() -> Callable[[int], str]:
    """The pseudonym `add_view(who=n)` gives parent number n."""
    return person
