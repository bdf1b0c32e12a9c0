"""Themed summaries, monthly trends and the summary as CSV, for any forum key."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import PeriodDep, ReaderDep, SessionDep
from api.errors import error_responses
from api.models.summary import Summary, Trend
from api.services.summary import build_summary, build_trend, summary_csv

router = APIRouter(prefix="/themes", tags=["summaries"])

QuotesPerTheme = Annotated[
    int,
    Query(ge=0, le=10, description="At most this many approved quotes per theme.", examples=[3]),
]


@router.get("/summary", response_model=Summary, responses=error_responses(401, 422))
def read_summary(
    caller: ReaderDep, session: SessionDep, period: PeriodDep, quotes: QuotesPerTheme = 3
) -> Summary:
    """Summarise each theme for a period of whole months, with k-suppression."""
    return build_summary(
        session=session, forum=caller.forum, period=period, quotes_per_theme=quotes
    )


@router.get(
    "/summary.csv",
    response_class=Response,
    responses={
        200: {
            "content": {"text/csv": {"example": "period_from,period_to,theme,label,views,...\r\n"}},
            "description": "One row per theme; withheld numbers are `[c]`.",
        },
        **error_responses(401, 422),
    },
)
def read_summary_csv(caller: ReaderDep, session: SessionDep, period: PeriodDep) -> Response:
    """Download the summary for a period as CSV, one row per theme."""
    summary = build_summary(session=session, forum=caller.forum, period=period)
    name = f"summary-{caller.forum.slug}-{summary.period.from_:%Y-%m}-to-{summary.period.to:%Y-%m}"
    return Response(
        content=summary_csv(summary),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/trend", response_model=Trend, responses=error_responses(401, 422))
def read_trend(caller: ReaderDep, session: SessionDep, period: PeriodDep) -> Trend:
    """Show each theme month by month over a period, with k-suppression."""
    return build_trend(session=session, forum=caller.forum, period=period)
