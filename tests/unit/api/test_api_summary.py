"""Themed summaries: counts, k-suppression (with complementary cells), change, quotes."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.both_databases

AddView = Callable[..., int]
Call = Callable[..., httpx.Response]
JAN = datetime(2025, 1, 15, 10, 0, tzinfo=timezone.utc)
FEB = datetime(2025, 2, 15, 10, 0, tzinfo=timezone.utc)
MAR = datetime(2025, 3, 15, 10, 0, tzinfo=timezone.utc)
NOV = datetime(2024, 11, 15, 10, 0, tzinfo=timezone.utc)
PERIOD = {"from": "2025-01", "to": "2025-03"}


def summary(call: Call, key: str, **params: Any) -> dict[str, Any]:
    response = call("GET", "/api/v1/themes/summary", key, params={**PERIOD, **params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def theme(body: dict[str, Any], code: str) -> dict[str, Any]:
    (found,) = [item for item in body["themes"] if item["code"] == code]
    return found


def cells(breakdown: list[dict[str, Any]]) -> dict[str, int | None]:
    return {cell["value"]: cell["views"] for cell in breakdown}


def people(add_view: AddView, count: int, *, first: int = 1, **fields: Any) -> list[int]:
    """One view each from `count` different parents."""
    return [add_view(who=first + n, **fields) for n in range(count)]


def test_each_theme_shows_its_views_distinct_contributors_and_average_sentiment(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(add_view, 6, themes=["transport"], sentiment=-0.5, when=FEB)
    add_view(who=1, themes=["transport"], sentiment=0.5, when=MAR)  # a parent's second view
    add_view(who=2, themes=["transport"], when=JAN)  # no sentiment

    body = summary(call, make_key(role="reader"))

    transport = theme(body, "transport")
    assert transport["views"] == 8
    assert transport["contributors"] == 6
    assert transport["sentiment"] == round((-0.5 * 6 + 0.5) / 7, 2)
    assert transport["suppressed"] is False
    assert transport["label"] == "Travel to school"
    assert body["period"] == {"from": "2025-01-01", "to": "2025-03-31", "months": 3}
    assert body["previous_period"] == {"from": "2024-10-01", "to": "2024-12-31", "months": 3}
    assert body["themes"][0]["code"] == "transport"  # most views first


def test_a_theme_from_fewer_than_k_parents_is_suppressed_with_no_breakdown_or_quote(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    for _ in range(5):  # 20 views, but only 4 parents
        people(add_view, 4, themes=["short_breaks"], sentiment=-1.0, when=FEB)
    add_view(who=1, themes=["short_breaks"], quote="approved", text="A quote to keep back.")
    people(add_view, 12, first=50, themes=["transport"], when=FEB)
    people(add_view, 6, first=80, themes=["ehcp_process"], when=FEB)

    body = summary(call, make_key(role="reader"))

    short_breaks = theme(body, "short_breaks")
    assert short_breaks["suppressed"] is True
    assert short_breaks["views"] is None and short_breaks["contributors"] is None
    assert short_breaks["sentiment"] is None
    assert short_breaks["breakdowns"] is None
    assert short_breaks["quotes"] == []
    assert "A quote to keep back." not in str(body)
    # The suppressed theme is listed after the shown ones, not ranked by its size.
    codes = [item["code"] for item in body["themes"]]
    assert codes.index("transport") < codes.index("short_breaks")


def test_a_breakdown_cell_under_k_is_suppressed_with_another_so_it_cannot_be_subtracted(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(add_view, 9, themes=["transport"], channel="webchat", when=FEB)
    people(add_view, 3, first=100, themes=["transport"], channel="sms", when=FEB)
    people(add_view, 6, first=200, themes=["transport"], channel="telegram", when=FEB)

    transport = theme(summary(call, make_key(role="reader")), "transport")

    assert transport["views"] == 18  # the theme itself is shown
    channel = cells(transport["breakdowns"]["channel"])
    assert channel["sms"] is None  # 3 parents: under k
    # Showing webchat (9) and telegram (6) beside the total of 18 would give sms away.
    assert channel["telegram"] is None
    assert channel["webchat"] == 9
    assert channel["rest"] == 0
    shown_sum = sum(value for value in channel.values() if value is not None)
    hidden = [c for c in transport["breakdowns"]["channel"] if c["suppressed"]]
    assert len(hidden) >= 2 and transport["views"] - shown_sum == 9


def test_age_bands_are_broken_down_with_unknown_for_views_without_one(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(add_view, 6, themes=["school_support"], age_band="5-10", when=JAN)
    people(add_view, 5, first=20, themes=["school_support"], age_band="11-15", when=JAN)
    people(add_view, 5, first=40, themes=["school_support"], when=JAN)

    breakdowns = theme(summary(call, make_key(role="reader")), "school_support")["breakdowns"]

    assert cells(breakdowns["age_band"]) == {
        "0-4": 0,
        "5-10": 6,
        "11-15": 5,
        "16-25": 0,
        "unknown": 5,
    }


def test_languages_of_fewer_than_k_parents_are_grouped_as_other_and_never_named(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(add_view, 10, themes=["communication"], language="en", when=FEB)
    people(add_view, 3, first=30, themes=["communication"], language="pl", when=FEB)
    people(add_view, 3, first=40, themes=["communication"], language="ur", when=FEB)
    people(add_view, 2, first=50, themes=["transport"], language="ar", when=FEB)
    people(add_view, 8, first=60, themes=["transport"], language="en", when=FEB)

    body = summary(call, make_key(role="reader"))

    communication = cells(theme(body, "communication")["breakdowns"]["language"])
    assert communication == {"en": 10, "other": 6}  # pl and ur, 6 parents together
    transport = cells(theme(body, "transport")["breakdowns"]["language"])
    assert transport == {"en": None, "other": None}  # ar alone is 2 parents
    assert '"ar"' not in str(body).replace("'", '"')


def test_one_small_theme_cannot_be_worked_out_from_the_total_and_the_other_themes(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(add_view, 20, themes=["ehcp_process"], when=FEB)
    people(add_view, 7, first=100, themes=["transport"], when=FEB)
    people(add_view, 2, first=200, themes=["mental_health"], when=FEB)

    body = summary(call, make_key(role="reader"))

    assert body["provenance"]["views"] == 29
    assert theme(body, "mental_health")["views"] is None
    assert theme(body, "transport")["views"] is None  # suppressed to protect mental_health
    assert theme(body, "ehcp_process")["views"] == 20


def test_change_is_against_the_previous_period_of_the_same_length(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(add_view, 10, themes=["transport"], sentiment=-0.8, when=NOV)
    people(add_view, 15, first=100, themes=["transport"], sentiment=-0.2, when=FEB)
    people(
        add_view,
        5,
        first=300,
        themes=["transport"],
        when=datetime(2024, 9, 30, tzinfo=timezone.utc),
    )

    transport = theme(summary(call, make_key(role="reader")), "transport")

    assert transport["previous"] == {
        "views": 10,
        "contributors": 10,
        "sentiment": -0.8,
        "suppressed": False,
    }
    assert transport["change"] == {
        "views": 5,
        "views_percent": 50.0,
        "contributors": 5,
        "sentiment": 0.6,
    }


def test_no_change_is_shown_against_a_suppressed_previous_period(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(add_view, 3, themes=["transport"], when=NOV)
    people(add_view, 12, first=100, themes=["transport"], when=FEB)
    people(add_view, 9, first=200, themes=["ehcp_process"], when=NOV)

    transport = theme(summary(call, make_key(role="reader")), "transport")

    assert transport["views"] == 12
    assert transport["previous"]["suppressed"] is True
    assert transport["previous"]["views"] is None
    assert transport["change"] == {
        "views": None,
        "views_percent": None,
        "contributors": None,
        "sentiment": None,
    }


def test_a_forum_with_a_larger_k_suppresses_more(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(add_view, 7, themes=["transport"], when=FEB)

    at_five = theme(summary(call, make_key(role="reader")), "transport")
    at_ten = theme(summary(call, make_key(role="reader", k=10)), "transport")

    assert at_five["views"] == 7
    assert at_ten["views"] is None


def test_only_approved_quotes_appear_and_their_ids_are_in_the_provenance(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(add_view, 6, first=10, themes=["transport"], when=JAN)
    approved = add_view(who=1, themes=["transport"], quote="approved", text="Approved.", when=MAR)
    add_view(who=2, themes=["transport"], quote="rejected", text="Rejected.", when=MAR)
    add_view(who=3, themes=["transport"], text="Pending.", when=MAR)
    add_view(who=4, themes=["transport"], quote="approved", text="Too old.", when=NOV)

    body = summary(call, make_key(role="reader"))

    quotes = theme(body, "transport")["quotes"]
    assert [quote["text"] for quote in quotes] == ["Approved."]
    assert quotes[0] == {
        "id": approved,
        "text": "Approved.",
        "text_en": None,
        "language": "en",
        "month": "2025-03",
    }
    assert body["provenance"]["quote_ids"] == [approved]


def test_a_moderator_approves_a_view_and_it_appears_as_a_quote(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(add_view, 6, first=10, themes=["transport"], when=JAN)
    view_id = add_view(who=1, themes=["transport"], text="The bus never came.", when=FEB)
    reader = make_key(role="reader")
    assert theme(summary(call, reader), "transport")["quotes"] == []

    decided = call(
        "PUT",
        f"/api/v1/views/{view_id}/quote",
        make_key(role="moderator"),
        json={"status": "approved"},
    )

    assert decided.status_code == 200
    assert decided.json()["status"] == "approved"
    assert decided.json()["decided_at"] is not None
    assert [q["id"] for q in theme(summary(call, reader), "transport")["quotes"]] == [view_id]


def test_the_provenance_names_the_period_channel_mix_contributors_and_versions(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(
        add_view,
        6,
        themes=["transport"],
        channel="sms",
        anonymiser_version="anon-1.2",
        theme_model_version="themes-7",
        when=JAN,
    )
    people(
        add_view,
        7,
        first=50,
        themes=["transport"],
        channel="webchat",
        anonymiser_version="anon-1.3",
        when=FEB,
    )

    provenance = summary(call, make_key(role="reader"))["provenance"]

    assert provenance["forum"] == "local"
    assert provenance["k"] == 5
    assert provenance["period"]["from"] == "2025-01-01"
    assert provenance["views"] == 13
    assert provenance["contributors"] == 13
    assert cells(provenance["channel_mix"]) == {"rest": 0, "webchat": 7, "sms": 6, "telegram": 0}
    assert provenance["anonymiser_versions"] == ["anon-1.2", "anon-1.3"]
    assert provenance["theme_model_versions"] == ["themes-7"]
    assert "k contributors" in provenance["rules"]


def test_you_said_we_did_changes_are_counted_per_theme(
    add_view: AddView, call: Call, make_key: Callable[..., str], client: Any
) -> None:
    admin = make_key(role="admin")
    change = {
        "theme": "transport",
        "you_said": "The helpline never answers.",
        "we_did": "A named officer now answers.",
        "views_from": "2025-01-01",
        "views_to": "2025-03-31",
    }
    assert call("POST", "/api/v1/actions", admin, json=change).status_code == 201

    body = summary(call, make_key(role="reader"), **{"from": None, "to": None})  # this month

    assert theme(body, "transport")["you_said_we_did"] == 1
    assert theme(body, "ehcp_process")["you_said_we_did"] == 0


def test_a_date_stands_for_its_whole_month(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(add_view, 5, themes=["transport"], when=datetime(2025, 1, 2, tzinfo=timezone.utc))
    people(
        add_view, 5, first=10, themes=["transport"], when=datetime(2025, 4, 1, tzinfo=timezone.utc)
    )

    body = summary(
        call, make_key(role="reader"), **{"from": "2025-01-20", "to": "2025-03-05T12:00:00Z"}
    )

    assert body["period"]["from"] == "2025-01-01"
    assert theme(body, "transport")["views"] == 5


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"from": "2025-13"}, id="no such month"),
        pytest.param({"from": "2025-04", "to": "2025-03"}, id="from after to"),
        pytest.param({"from": "2015-01", "to": "2025-03"}, id="too long"),
        pytest.param({"quotes": 11}, id="too many quotes"),
    ],
)
def test_a_period_that_does_not_fit_gets_422(
    call: Call, make_key: Callable[..., str], params: dict[str, Any]
) -> None:
    response = call(
        "GET", "/api/v1/themes/summary", make_key(role="reader"), params={**PERIOD, **params}
    )

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_the_csv_has_a_row_per_theme_with_withheld_numbers_as_c(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(add_view, 9, themes=["transport"], channel="webchat", when=FEB)
    people(add_view, 3, first=100, themes=["transport"], channel="sms", when=FEB)
    people(add_view, 2, first=200, themes=["mental_health"], when=FEB)
    people(add_view, 6, first=300, themes=["early_years"], when=FEB)  # its complement

    response = call("GET", "/api/v1/themes/summary.csv", make_key(role="reader"), params=PERIOD)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "summary-local-2025-01-to-2025-03.csv" in response.headers["content-disposition"]
    rows = {row["theme"]: row for row in csv.DictReader(io.StringIO(response.text))}
    assert len(rows) == 18
    assert rows["transport"]["views"] == "12"
    assert rows["transport"]["channel_sms_views"] == "[c]"
    assert rows["transport"]["channel_webchat_views"] == "[c]"
    assert rows["transport"]["channel_rest_views"] == "0"
    assert rows["mental_health"]["views"] == "[c]"
    assert rows["early_years"]["views"] == "[c]"
    assert rows["other"]["views"] == "0"
    assert rows["transport"]["period_from"] == "2025-01-01"


def test_the_trend_shows_each_month_and_protects_small_months(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    people(add_view, 8, themes=["transport"], when=JAN)
    people(add_view, 2, first=100, themes=["transport"], when=FEB)
    people(add_view, 6, first=200, themes=["transport"], when=MAR)

    response = call("GET", "/api/v1/themes/trend", make_key(role="reader"), params=PERIOD)

    assert response.status_code == 200
    (transport,) = [t for t in response.json()["themes"] if t["code"] == "transport"]
    assert transport["views"] == 16
    months = {m["month"]: m["views"] for m in transport["months"]}
    # February (2 parents) is withheld, and so is March, else 16 - 8 - 6 gives February.
    assert months == {"2025-01": 8, "2025-02": None, "2025-03": None}
    assert response.json()["provenance"]["views"] == 16


def test_a_suppressed_theme_shows_no_month_in_its_trend(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    for month in (JAN, FEB, MAR):
        people(add_view, 1, first=month.month, themes=["social_care"], when=month)

    response = call("GET", "/api/v1/themes/trend", make_key(role="reader"), params=PERIOD)

    (social_care,) = [t for t in response.json()["themes"] if t["code"] == "social_care"]
    assert social_care["views"] is None
    assert all(month["views"] is None for month in social_care["months"])


def test_the_listened_to_average_needs_k_parents_and_is_compared_with_before(
    add_view: AddView, call: Call, make_key: Callable[..., str], client: Any
) -> None:
    service = {"Authorization": "Bearer test-service-token-0123456789"}
    for number, score in enumerate([2, 3, 4, 4, 5, 2]):
        response = client.post(
            "/api/v1/internal/listened-scores",
            json={
                "client_ref": f"listened-{number}",
                "contributor": f"{number + 1:064x}",
                "channel": "sms",
                "score": score,
            },
            headers=service,
        )
        assert response.status_code == 201

    listened = summary(call, make_key(role="reader"), **{"from": None, "to": None})["listened"]

    assert listened["average"] == round(20 / 6, 2)
    assert listened["responses"] == 6
    assert listened["contributors"] == 6
    assert listened["previous_average"] is None  # nobody scored before
    assert listened["change"] is None
    assert listened["monthly"][-1]["average"] == round(20 / 6, 2)
    assert len(listened["monthly"]) == 3


def test_the_listened_to_average_of_fewer_than_k_parents_is_withheld(
    call: Call, make_key: Callable[..., str], client: Any
) -> None:
    service = {"Authorization": "Bearer test-service-token-0123456789"}
    for number in range(4):
        client.post(
            "/api/v1/internal/listened-scores",
            json={
                "client_ref": f"few-{number}",
                "contributor": f"{number + 1:064x}",
                "channel": "sms",
                "score": 1,
            },
            headers=service,
        )

    listened = summary(call, make_key(role="reader"), **{"from": None, "to": None})["listened"]

    assert listened["average"] is None
    assert listened["responses"] is None
    assert all(month["average"] is None for month in listened["monthly"])
