"""The printable HTML report, its charts, and the short-lived signed links that open it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from api.services.charts import bar_chart
from api.services.periods import Period
from api.services.report import period_words
from api.services.report_links import (
    BadReportLink,
    ExpiredReportLink,
    read_report_link,
    sign_report_link,
)

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

Call = Callable[..., httpx.Response]
AddView = Callable[..., int]
FEB = datetime(2025, 2, 10, tzinfo=timezone.utc)
PERIOD = {"from": "2025-01", "to": "2025-03"}
SECRET = b"a-test-secret-for-links"


def report(call: Call, key: str) -> httpx.Response:
    return call("GET", "/api/v1/reports/summary", key, params=PERIOD)


@pytest.mark.both_databases
def test_a_reader_opens_a_report_with_top_themes_charts_quotes_and_changes(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    now = datetime.now(timezone.utc)
    for who in range(1, 9):
        add_view(who=who, themes=["transport"], when=now, sentiment=-0.5)
    add_view(
        who=1, themes=["transport"], when=now, quote="approved", text="The taxi left without him."
    )
    call(
        "POST",
        "/api/v1/actions",
        make_key(role="admin"),
        json={
            "theme": "transport",
            "you_said": "Taxis leave early.",
            "we_did": "Drivers now wait 10 minutes.",
            "views_from": (now - timedelta(days=30)).date().isoformat(),
            "views_to": now.date().isoformat(),
        },
    )

    response = call("GET", "/api/v1/reports/summary", make_key(role="reader"))  # this quarter

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "What parents told us:" in page
    assert "Travel to school" in page
    assert "<svg" in page and "views per month" in page
    assert "The taxi left without him." in page
    assert "Drivers now wait 10 minutes." in page
    assert "<script" not in page


def test_the_report_is_served_with_a_strict_content_security_policy(
    call: Call, make_key: Callable[..., str]
) -> None:
    response = report(call, make_key(role="reader"))

    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"


def test_a_quote_cannot_inject_markup_into_the_report(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    for who in range(1, 7):
        add_view(who=who, themes=["transport"], when=FEB)
    add_view(
        who=1,
        themes=["transport"],
        when=FEB,
        quote="approved",
        text='<img src=x onerror="alert(1)">',
    )

    page = report(call, make_key(role="reader")).text

    assert "<img" not in page
    assert "&lt;img src=x onerror=" in page


def test_the_report_says_so_when_no_theme_can_be_shown(
    call: Call, make_key: Callable[..., str]
) -> None:
    page = report(call, make_key(role="reader")).text

    assert "Not enough parents shared views" in page


def test_a_report_needs_a_key_in_the_authorization_header(client: TestClient) -> None:
    assert client.get("/api/v1/reports/summary").status_code == 401


def test_a_report_link_opens_the_report_in_a_browser_without_a_key(
    add_view: AddView, call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    for who in range(1, 7):
        add_view(who=who, themes=["ehcp_process"], when=FEB)

    made = call(
        "POST", "/api/v1/reports/links", make_key(role="reader"), json={**PERIOD, "minutes": 30}
    )

    assert made.status_code == 201
    link = made.json()
    assert link["period"] == {"from": "2025-01-01", "to": "2025-03-31", "months": 3}
    expires = datetime.fromisoformat(link["expires_at"].replace("Z", "+00:00"))
    assert timedelta(minutes=29) < expires - datetime.now(timezone.utc) <= timedelta(minutes=30)
    assert "sv_" not in link["url"] and "?" not in link["url"]
    page = client.get(link["url"])
    assert page.status_code == 200
    assert "EHC needs assessments and plans" in page.text


def test_a_changed_report_link_is_refused(
    call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    url = call("POST", "/api/v1/reports/links", make_key(role="reader"), json=PERIOD).json()["url"]
    # Ask for another period with the same signature.
    forged = re.sub(r"\.202501\.", ".202401.", url)

    response = client.get(forged)

    assert forged != url
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "link_invalid"


def test_a_report_link_stops_working_when_its_key_is_revoked(
    call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    admin = make_key(role="admin")
    reader = call("POST", "/api/v1/keys", admin, json={"role": "reader"}).json()
    url = call("POST", "/api/v1/reports/links", reader["key"], json=PERIOD).json()["url"]

    call("POST", f"/api/v1/keys/{reader['id']}/revoke", admin)
    response = client.get(url)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "link_revoked"


@pytest.mark.parametrize("minutes", [0, 1441])
def test_a_report_link_lasts_one_minute_to_one_day(
    call: Call, make_key: Callable[..., str], minutes: int
) -> None:
    response = call(
        "POST", "/api/v1/reports/links", make_key(role="reader"), json={"minutes": minutes}
    )

    assert response.status_code == 422


def test_an_expired_link_is_refused_and_a_good_one_is_read_back() -> None:
    period = Period(first=202501, last=202503)
    now = datetime(2025, 4, 1, 12, 0, tzinfo=timezone.utc)
    token = sign_report_link(
        secret=SECRET, key_id=3, forum_id=1, period=period, expires_at=now + timedelta(minutes=5)
    )

    claims = read_report_link(secret=SECRET, token=token, now=now)
    assert (claims.key_id, claims.forum_id, claims.period) == (3, 1, period)
    with pytest.raises(ExpiredReportLink):
        read_report_link(secret=SECRET, token=token, now=now + timedelta(minutes=5))
    with pytest.raises(BadReportLink):
        read_report_link(secret=b"another-secret-entirely", token=token, now=now)
    with pytest.raises(BadReportLink):
        read_report_link(secret=SECRET, token=token.replace("1.3.", "1.4.", 1), now=now)


def test_a_chart_draws_withheld_months_as_grey_stubs_and_escapes_its_labels() -> None:
    svg = bar_chart(title="Views <per> month", points=[("Jan", 8), ("Feb", None), ("Mar", 0)])

    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "Views &lt;per&gt; month" in svg
    assert "Feb: withheld" in svg
    assert ">c</text>" in svg
    assert svg.count("<rect") == 3


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        ((2025, 1), (2025, 3), "January to March 2025"),
        ((2024, 12), (2025, 2), "December 2024 to February 2025"),
        ((2025, 6), (2025, 6), "June 2025"),
    ],
)
def test_periods_are_named_in_plain_words(first: Any, last: Any, words: str) -> None:
    assert period_words(date(*first, 1), date(*last, 28)) == words
