"""The FastAPI application: `uvicorn api.main:app` from the repository root."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from api.db import create_db_engine, run_migrations
from api.errors import register_error_handlers
from api.limits import RateLimiter, RequestSizeLimit
from api.middleware import AuditMiddleware
from api.redaction import install_log_redaction
from api.routes import (
    actions,
    audit,
    chat,
    forums,
    health,
    internal,
    internal_data_rights,
    keys,
    outbox,
    quick_views,
    quotes,
    reports,
    safeguarding,
    themes,
    views,
)
from api.services.forums import ensure_forum
from api.settings import Settings

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
API_DESCRIPTION = """\
Parent carer forums read what parents tell the SEND Voices assistant, as themed summaries
that never show a group smaller than the forum's k.

**Keys.** Send a forum key as `Authorization: Bearer sv_...`. Roles: `reader` (summaries,
trends, CSV, reports, report links, recorded changes), `moderator` (also individual views
and quote approval), `admin` (also forums, keys, quick views, recording changes, the audit
log). Every
request made with a key is written to the forum's audit log. A key only ever sees its own
forum.

**Internal.** `/api/v1/internal/*` is for the bot's action server, with the service token.

**Errors** all look like `{"error": {"code", "message", "details"}}`.
"""
STATIC_DIR = Path(__file__).with_name("static")


def _configure_logging(settings: Settings) -> None:
    """Send the API's own log lines to stderr, unless something already set up logging.

    Every log record of the process (uvicorn's too) is cleaned of personal data when it is
    made (api/redaction.py).
    """
    install_log_redaction()
    api_logger = logging.getLogger("api")
    api_logger.setLevel(settings.LOG_LEVEL)
    if not logging.getLogger().handlers and not api_logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
        api_logger.addHandler(handler)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start up: migrate, open the database and HTTP client; shut down: close them."""
    settings: Settings = app.state.settings
    await run_in_threadpool(run_migrations, settings.DATABASE_URL)
    engine = create_db_engine(settings.DATABASE_URL)
    with Session(engine) as session:
        _, created = ensure_forum(
            session=session, slug=settings.DEFAULT_FORUM, k=settings.DEFAULT_K
        )
    app.state.engine = engine
    app.state.http_client = httpx.AsyncClient()
    logger.info(
        "Forums API started (environment %s, database %s, default forum '%s'%s)",
        settings.ENVIRONMENT,
        engine.dialect.name,
        settings.DEFAULT_FORUM,
        ", just created" if created else "",
    )
    try:
        yield
    finally:
        await app.state.http_client.aclose()
        engine.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application.

    Args:
        settings: The configuration; read from the environment when not given.

    Returns:
        The app. Migrations run, and the database is opened, when it starts.
    """
    settings = settings or Settings()
    _configure_logging(settings)
    app = FastAPI(
        title="SEND Voices forums API",
        summary="Anonymised parent views about SEND services, for parent carer forums.",
        version="0.2.0",
        description=API_DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.chat_sender_limiter = RateLimiter(settings.CHAT_RATE_LIMIT_PER_MINUTE)
    app.state.chat_client_limiter = RateLimiter(settings.CHAT_IP_RATE_LIMIT_PER_MINUTE)
    register_error_handlers(app)
    if settings.CHAT_ORIGIN:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=[settings.CHAT_ORIGIN],
            allow_methods=["POST"],
            allow_headers=["Content-Type"],
        )
    app.include_router(health.router)
    app.include_router(chat.router)
    app.add_middleware(AuditMiddleware)
    app.include_router(safeguarding.internal_router, prefix=API_PREFIX)
    app.include_router(internal_data_rights.router, prefix=API_PREFIX)
    for module in (
        internal,
        outbox,
        views,
        quotes,
        themes,
        reports,
        actions,
        quick_views,
        forums,
        keys,
        audit,
        safeguarding,
    ):
        app.include_router(module.router, prefix=API_PREFIX)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # Outermost, so an over-large body is refused before anything reads it.
    app.add_middleware(
        RequestSizeLimit,
        max_bytes=settings.MAX_REQUEST_BYTES,
        max_batch_bytes=settings.MAX_BATCH_REQUEST_BYTES,
    )
    return app


app = create_app()
