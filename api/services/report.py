"""The printable HTML report for a period: top themes, trends, quotes and what changed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from sqlmodel import Session

from api.models import Action, Forum
from api.models.summary import Summary, Trend
from api.services.actions import actions_in
from api.services.charts import bar_chart
from api.services.periods import Period, add_months, first_day
from api.services.summary import build_summary, build_trend
from api.themes import load_themes

TOP_THEMES = 6
TREND_MONTHS = 12


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("api", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _month_name(month: str) -> str:
    """`2025-01` -> `Jan 25`."""
    return first_day(int(month.replace("-", ""))).strftime("%b %y")


def period_words(first: date, last: date) -> str:
    """`January to March 2025`, `December 2024 to February 2025` or `June 2025`."""
    if (first.year, first.month) == (last.year, last.month):
        return first.strftime("%B %Y")
    if first.year == last.year:
        return f"{first.strftime('%B')} to {last.strftime('%B %Y')}"
    return f"{first.strftime('%B %Y')} to {last.strftime('%B %Y')}"


def render_report(
    *, forum: Forum, summary: Summary, trend: Trend, actions: Sequence[Action]
) -> str:
    """The report's HTML, from a summary, a trend (12 months to the period's end) and the
    changes recorded in the period."""
    labels = {theme.code: theme.label for theme in load_themes()}
    shown = [theme for theme in summary.themes if not theme.suppressed and theme.views]
    top = shown[:TOP_THEMES]
    trend_by_code = {theme.code: theme for theme in trend.themes}
    charts = {
        theme.code: bar_chart(
            title=f"{theme.label}: views per month",
            points=[
                (_month_name(month.month), None if month.suppressed else month.views)
                for month in trend_by_code[theme.code].months
            ],
        )
        for theme in top
    }
    listened_chart = bar_chart(
        title="Average 'feeling listened to' score per month (1 to 5)",
        points=[
            (_month_name(month.month), None if month.suppressed else month.average)
            for month in summary.listened.monthly
        ],
        y_max=5,
    )
    template = _environment().get_template("report.html")
    return template.render(
        forum=forum,
        summary=summary,
        trend=trend,
        top=top,
        charts=charts,
        listened_chart=listened_chart,
        actions=actions,
        labels=labels,
        period_words=period_words(summary.period.from_, summary.period.to),
        previous_words=period_words(summary.previous_period.from_, summary.previous_period.to),
        trend_words=period_words(trend.period.from_, trend.period.to),
        suppressed_themes=[theme for theme in summary.themes if theme.suppressed],
    )


def build_report(*, session: Session, forum: Forum, period: Period) -> str:
    """Gather everything the report shows for `period`, and render it."""
    assert forum.id is not None
    summary = build_summary(session=session, forum=forum, period=period)
    trend_period = Period(
        first=min(period.first, add_months(period.last, 1 - TREND_MONTHS)), last=period.last
    )
    trend = build_trend(session=session, forum=forum, period=trend_period)
    actions = actions_in(session=session, forum_id=forum.id, start=period.start, end=period.end)
    return render_report(forum=forum, summary=summary, trend=trend, actions=actions)
