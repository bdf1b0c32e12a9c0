"""The web chat page and its bridge to the assistant."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import HttpClientDep, SettingsDep
from api.errors import ApiError, error_responses
from api.limits import TOO_FAST
from api.models import ChatMessage
from api.services.assistant import send_to_assistant

router = APIRouter(tags=["chat"])

# The page loads only its own script and style sheet, and talks only to this server.
CHAT_PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'; "
        # Trusted Types: the browser refuses any script that writes HTML from a string.
        "require-trusted-types-for 'script'; trusted-types 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
    # The page needs none of these, so no script (ours or anyone's) may ask for them.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
PAGES = ("chat.html", "chat-privacy.html")


@lru_cache(maxsize=len(PAGES))
def _page(name: str) -> str:
    page = resources.files("api").joinpath("pages").joinpath(name)
    return page.read_text(encoding="utf-8")


@router.get("/chat", response_class=HTMLResponse)
def chat_page() -> HTMLResponse:
    """Show the web chat page."""
    return HTMLResponse(_page("chat.html"), headers=CHAT_PAGE_HEADERS)


@router.get("/chat/privacy", response_class=HTMLResponse)
def chat_privacy_page() -> HTMLResponse:
    """Show the web chat's privacy notice: how what people tell us is used."""
    return HTMLResponse(_page("chat-privacy.html"), headers=CHAT_PAGE_HEADERS)


class TooManyMessages(ApiError):
    """A sender, or a client address, sent more web chat messages a minute than allowed."""

    status_code = 429
    code = "too_many_requests"
    message = TOO_FAST


def _check_rate(request: Request, sender: str) -> None:
    state = request.app.state
    client = request.client.host if request.client else "unknown"
    if not state.chat_client_limiter.allow(client) or not state.chat_sender_limiter.allow(sender):
        raise TooManyMessages(headers={"Retry-After": "60"})


@router.post(
    "/chat/messages",
    response_model=list[dict[str, Any]],
    responses=error_responses(422, 429, 502, 503),
)
async def send_chat_message(
    body: ChatMessage, request: Request, client: HttpClientDep, settings: SettingsDep
) -> list[dict[str, Any]]:
    """Pass a web chat message to the assistant and return its replies."""
    _check_rate(request, body.sender)
    return await send_to_assistant(
        client=client,
        rasa_url=settings.RASA_URL,
        sender=body.sender,
        message=body.message,
        metadata=body.assistant_metadata(),
    )
