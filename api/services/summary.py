"""Themed summaries, monthly trends and their CSV, built from the running totals.

Every number passes through `services.disclosure` before it leaves: see the rules there
and in `models.summary.SUPPRESSION_RULE`.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, tuple_
from sqlmodel import Session, select

from api.models import AgeBand, Channel, ContributorMonth, Forum, View, utc_now
from api.models.summary import (
    SUPPRESSION_RULE,
    Breakdowns,
    Cell,
    Change,
    Figures,
    Provenance,
    Summary,
    SummaryQuote,
    ThemeSummary,
    ThemeTrend,
    Trend,
    TrendMonth,
)
from api.services.actions import count_actions_by_theme
from api.services.disclosure import Count, protect
from api.services.listened import listened_measure
from api.services.periods import Period, month_label, month_of
from api.services.stats import (
    AGE_BAND,
    ALL_THEMES,
    ANONYMISER,
    CHANNEL,
    LANGUAGE,
    THEME,
    THEME_MODEL,
    UNKNOWN_AGE,
    CellKey,
    CellTotals,
    cell_totals,
    monthly_theme_totals,
)
from api.services.views import approved_quotes
from api.themes import load_themes

OTHER_LANGUAGES = "other"
AGE_BANDS = [band.value for band in AgeBand] + [UNKNOWN_AGE]
CHANNELS = [channel.value for channel in Channel]


def _count(totals: CellTotals | None) -> Count:
    if totals is None:
        return Count(views=0, contributors=0)
    return Count(views=totals.views, contributors=totals.contributors)


def _sentiment(totals: CellTotals | None, *, k: int) -> float | None:
    """An average sentiment, shown only when at least k views were scored."""
    if totals is None or totals.sentiment_n < k or totals.sentiment is None:
        return None
    return round(totals.sentiment, 2)


def _cells(counts: dict[str, Count], *, k: int, hide_all: bool = False) -> list[Cell]:
    """A protected table, in the order given."""
    hidden = {key for key, c in counts.items() if c.views} if hide_all else protect(counts, k=k)
    return [
        Cell(
            value=key,
            views=None if key in hidden else count.views,
            contributors=None if key in hidden else count.contributors,
            suppressed=key in hidden,
        )
        for key, count in counts.items()
    ]


def _theme_table(totals: dict[CellKey, CellTotals], codes: Sequence[str], *, k: int) -> set[str]:
    """The themes whose numbers are withheld for a period."""
    return protect({code: _count(totals.get((code, THEME, ""))) for code in codes}, k=k)


def _rare_language_contributors(
    *,
    session: Session,
    forum_id: int,
    period: Period,
    rare: dict[str, list[str]],
) -> dict[str, int]:
    """Per theme, the exact distinct contributors across its rarely used languages.

    Each such language has fewer than k contributors, so this reads only a few rows.
    """
    pairs = [(theme, language) for theme, languages in rare.items() for language in languages]
    if not pairs:
        return {}
    table = ContributorMonth.__table__  # type: ignore[attr-defined]
    rows = session.execute(
        select(table.c.theme, func.count(func.distinct(table.c.contributor_key)))
        .where(
            table.c.forum_id == forum_id,
            table.c.dim == LANGUAGE,
            table.c.month.between(period.first, period.last),
            tuple_(table.c.theme, table.c.value).in_(pairs),
        )
        .group_by(table.c.theme)
    )
    return {theme: int(count) for theme, count in rows}


def _breakdowns(
    code: str,
    totals: dict[CellKey, CellTotals],
    other_languages: dict[str, int],
    *,
    k: int,
) -> Breakdowns:
    channel = {value: _count(totals.get((code, CHANNEL, value))) for value in CHANNELS}
    age = {value: _count(totals.get((code, AGE_BAND, value))) for value in AGE_BANDS}
    languages = {
        value: _count(cell)
        for (theme, dim, value), cell in sorted(totals.items())
        if theme == code and dim == LANGUAGE and cell.views
    }
    named = {value: c for value, c in languages.items() if c.contributors >= k}
    rest = [c for value, c in languages.items() if value not in named]
    language = dict(sorted(named.items(), key=lambda item: (-item[1].views, item[0])))
    if rest:
        language[OTHER_LANGUAGES] = Count(
            views=sum(c.views for c in rest), contributors=other_languages.get(code, 0)
        )
    return Breakdowns(
        channel=_cells(channel, k=k),
        language=_cells(language, k=k),
        age_band=_cells(age, k=k),
    )


def provenance(
    *,
    forum: Forum,
    period: Period,
    totals: dict[CellKey, CellTotals],
    quote_ids: Sequence[int],
    generated_at: datetime,
) -> Provenance:
    """Where a summary's numbers come from: the period, its channel mix, its contributors,
    the quotes shown and the versions of the anonymiser and theme model behind the views."""
    overall = _count(totals.get((ALL_THEMES, THEME, "")))
    shown = overall.contributors == 0 or overall.contributors >= forum.k
    mix = {value: _count(totals.get((ALL_THEMES, CHANNEL, value))) for value in CHANNELS}

    def versions(dim: str) -> list[str]:
        return sorted(
            value
            for (theme, cell_dim, value), cell in totals.items()
            if theme == ALL_THEMES and cell_dim == dim and cell.views
        )

    return Provenance(
        forum=forum.slug,
        k=forum.k,
        period=period.public(),
        previous_period=period.previous().public(),
        generated_at=generated_at,
        views=overall.views if shown else None,
        contributors=overall.contributors if shown else None,
        channel_mix=_cells(mix, k=forum.k, hide_all=not shown),
        quote_ids=sorted(set(quote_ids)),
        anonymiser_versions=versions(ANONYMISER),
        theme_model_versions=versions(THEME_MODEL),
        rules=SUPPRESSION_RULE,
    )


def _quotes_by_theme(quotes: Sequence[View], per_theme: int) -> dict[str, list[SummaryQuote]]:
    by_theme: dict[str, list[SummaryQuote]] = defaultdict(list)
    for view in quotes:
        assert view.id is not None
        for theme in view.themes or []:
            if len(by_theme[theme]) < per_theme:
                by_theme[theme].append(
                    SummaryQuote(
                        id=view.id,
                        text=view.text,
                        text_en=view.text_en,
                        language=view.language,
                        month=month_label(month_of(view.created_at)),
                    )
                )
    return by_theme


def build_summary(
    *,
    session: Session,
    forum: Forum,
    period: Period,
    quotes_per_theme: int = 3,
    now: datetime | None = None,
) -> Summary:
    """Every theme's numbers for a period, against the previous period of the same length.

    Args:
        session: An open session.
        forum: The caller's forum; nothing from any other forum is read.
        period: Whole months to summarise.
        quotes_per_theme: At most this many approved quotes per theme.
        now: When the summary is made (for its provenance).
    """
    assert forum.id is not None
    k = forum.k
    previous = period.previous()
    themes = load_themes()
    codes = [theme.code for theme in themes]
    current = cell_totals(session=session, forum_id=forum.id, first=period.first, last=period.last)
    before = cell_totals(
        session=session, forum_id=forum.id, first=previous.first, last=previous.last, dims=[THEME]
    )
    hidden_now = _theme_table(current, codes, k=k)
    hidden_before = _theme_table(before, codes, k=k)
    rare = {
        code: [
            value
            for (theme, dim, value), cell in current.items()
            if theme == code and dim == LANGUAGE and 0 < cell.contributors < k
        ]
        for code in codes
        if code not in hidden_now
    }
    other_languages = _rare_language_contributors(
        session=session, forum_id=forum.id, period=period, rare=rare
    )
    quotes = _quotes_by_theme(
        approved_quotes(session=session, forum_id=forum.id, start=period.start, end=period.end),
        quotes_per_theme,
    )
    actions = count_actions_by_theme(
        session=session, forum_id=forum.id, start=period.start, end=period.end
    )

    summaries: list[ThemeSummary] = []
    shown_quote_ids: list[int] = []
    for theme in themes:
        now_cell = current.get((theme.code, THEME, ""))
        before_cell = before.get((theme.code, THEME, ""))
        now_count, before_count = _count(now_cell), _count(before_cell)
        shown_now = theme.code not in hidden_now
        shown_before = theme.code not in hidden_before
        sentiment = _sentiment(now_cell, k=k) if shown_now else None
        previous_sentiment = _sentiment(before_cell, k=k) if shown_before else None
        both = shown_now and shown_before
        theme_quotes = quotes.get(theme.code, []) if shown_now and now_count.views else []
        shown_quote_ids += [quote.id for quote in theme_quotes]
        summaries.append(
            ThemeSummary(
                code=theme.code,
                label=theme.label,
                views=now_count.views if shown_now else None,
                contributors=now_count.contributors if shown_now else None,
                sentiment=sentiment,
                suppressed=not shown_now,
                previous=Figures(
                    views=before_count.views if shown_before else None,
                    contributors=before_count.contributors if shown_before else None,
                    sentiment=previous_sentiment,
                    suppressed=not shown_before,
                ),
                change=Change(
                    views=now_count.views - before_count.views if both else None,
                    views_percent=(
                        round(100 * (now_count.views - before_count.views) / before_count.views, 1)
                        if both and before_count.views
                        else None
                    ),
                    contributors=(
                        now_count.contributors - before_count.contributors if both else None
                    ),
                    sentiment=(
                        round(sentiment - previous_sentiment, 2)
                        if sentiment is not None and previous_sentiment is not None
                        else None
                    ),
                ),
                breakdowns=(
                    _breakdowns(theme.code, current, other_languages, k=k)
                    if shown_now and now_count.views
                    else None
                ),
                quotes=theme_quotes,
                you_said_we_did=actions.get(theme.code, 0),
            )
        )

    def order(item: ThemeSummary) -> tuple[int, int]:
        if item.suppressed:
            return (1, 0)
        return (0, -(item.views or 0)) if item.views else (2, 0)

    generated_at = now or utc_now()
    return Summary(
        period=period.public(),
        previous_period=previous.public(),
        k=k,
        themes=sorted(summaries, key=order),
        listened=listened_measure(session=session, forum_id=forum.id, period=period, k=k),
        provenance=provenance(
            forum=forum,
            period=period,
            totals=current,
            quote_ids=shown_quote_ids,
            generated_at=generated_at,
        ),
    )


def build_trend(
    *, session: Session, forum: Forum, period: Period, now: datetime | None = None
) -> Trend:
    """Each theme month by month. A theme withheld for the whole period is withheld in every
    month; otherwise its months form one protected table."""
    assert forum.id is not None
    k = forum.k
    themes = load_themes()
    codes = [theme.code for theme in themes]
    totals = cell_totals(
        session=session,
        forum_id=forum.id,
        first=period.first,
        last=period.last,
        dims=[THEME, CHANNEL, ANONYMISER, THEME_MODEL],
    )
    monthly = monthly_theme_totals(
        session=session, forum_id=forum.id, first=period.first, last=period.last
    )
    hidden_themes = _theme_table(totals, codes, k=k)
    trends = []
    for theme in themes:
        cells = {month: monthly.get((theme.code, month)) for month in period.months}
        counts = {month: _count(cell) for month, cell in cells.items()}
        theme_shown = theme.code not in hidden_themes
        hidden = protect(counts, k=k) if theme_shown else {m for m, c in counts.items() if c.views}
        overall = _count(totals.get((theme.code, THEME, "")))
        trends.append(
            ThemeTrend(
                code=theme.code,
                label=theme.label,
                views=overall.views if theme_shown else None,
                contributors=overall.contributors if theme_shown else None,
                months=[
                    TrendMonth(
                        month=month_label(month),
                        views=None if month in hidden else counts[month].views,
                        contributors=None if month in hidden else counts[month].contributors,
                        sentiment=None if month in hidden else _sentiment(cells[month], k=k),
                        suppressed=month in hidden,
                    )
                    for month in period.months
                ],
            )
        )
    return Trend(
        period=period.public(),
        k=k,
        themes=trends,
        provenance=provenance(
            forum=forum,
            period=period,
            totals=totals,
            quote_ids=[],
            generated_at=now or utc_now(),
        ),
    )


SUPPRESSED = "[c]"  # the Government Statistical Service's symbol for a withheld value
BREAKDOWN_COLUMNS = [
    *[f"channel_{channel}_views" for channel in CHANNELS],
    *[f"age_{band}_views" for band in AGE_BANDS],
]
CSV_COLUMNS = [
    "period_from",
    "period_to",
    "theme",
    "label",
    "views",
    "contributors",
    "average_sentiment",
    "previous_views",
    "previous_contributors",
    "previous_average_sentiment",
    "change_views",
    "change_views_percent",
    "change_contributors",
    "change_sentiment",
    *BREAKDOWN_COLUMNS,
    "languages",
    "approved_quotes",
    "you_said_we_did",
]


def summary_csv(summary: Summary) -> str:
    """The summary as CSV, one row per theme. Withheld numbers are `[c]`; numbers that do
    not apply (a change against a period with no views, say) are empty. `languages` reads
    like `en=40; pl=6; other=[c]`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)

    def number(value: float | None, suppressed: bool) -> str:
        if suppressed:
            return SUPPRESSED
        return "" if value is None else str(value)

    for theme in summary.themes:
        now_hidden, before_hidden = theme.suppressed, theme.previous.suppressed
        change_hidden = now_hidden or before_hidden
        cells: dict[str, Cell] = {}
        if theme.breakdowns is not None:
            cells = {f"channel_{c.value}_views": c for c in theme.breakdowns.channel}
            cells |= {f"age_{c.value}_views": c for c in theme.breakdowns.age_band}
        languages = (
            "; ".join(
                f"{c.value}={number(c.views, c.suppressed)}" for c in theme.breakdowns.language
            )
            if theme.breakdowns is not None
            else (SUPPRESSED if now_hidden else "")
        )
        breakdown_values = []
        for column in BREAKDOWN_COLUMNS:
            cell = cells.get(column)
            if cell is None:
                breakdown_values.append(SUPPRESSED if now_hidden else "0")
            else:
                breakdown_values.append(number(cell.views, cell.suppressed))
        writer.writerow(
            [
                summary.period.from_.isoformat(),
                summary.period.to.isoformat(),
                theme.code,
                theme.label,
                number(theme.views, now_hidden),
                number(theme.contributors, now_hidden),
                number(theme.sentiment, now_hidden),
                number(theme.previous.views, before_hidden),
                number(theme.previous.contributors, before_hidden),
                number(theme.previous.sentiment, before_hidden),
                number(theme.change.views, change_hidden),
                number(theme.change.views_percent, change_hidden),
                number(theme.change.contributors, change_hidden),
                number(theme.change.sentiment, change_hidden),
                *breakdown_values,
                languages,
                number(len(theme.quotes), now_hidden),
                str(theme.you_said_we_did),
            ]
        )
    return buffer.getvalue()
