"""What forums read: themed summaries, monthly trends and their provenance.

Every count comes from the rollups in `api.models.stats` and passes through the disclosure
rules in `api.services.disclosure`: a number is shown only when it comes from at least the
forum's k people, and never when it could be worked out from the numbers around it.
A suppressed number is `null`, with `suppressed: true` beside it.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

SUPPRESSION_RULE = (
    "Counts are shown only when they come from at least k contributors (the forum's k). "
    "Smaller counts are suppressed (null), and so are enough other counts in the same table "
    "that a suppressed count cannot be worked out by subtraction. Changes are shown only "
    "when both periods are shown. Averages are shown only for shown groups with at least k "
    "scored views. Periods are whole calendar months in UTC."
)


class PeriodPublic(BaseModel):
    """A run of whole calendar months (UTC), first and last day included."""

    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(
        alias="from",
        description="First day of the first month.",
        examples=["2025-01-01"],
    )
    to: date = Field(description="Last day of the last month.", examples=["2025-03-31"])
    months: int = Field(description="How many months it spans.", examples=[3])


class Cell(BaseModel):
    """One cell of a breakdown: a channel, language, age band or month."""

    value: str = Field(
        description="The category: a channel, a language code (or `other`), an age band "
        "(or `unknown`), or a month (`YYYY-MM`).",
        examples=["sms"],
    )
    views: int | None = Field(description="Views in the cell; null if suppressed.", examples=[14])
    contributors: int | None = Field(
        description="Distinct contributors in the cell; null if suppressed.", examples=[9]
    )
    suppressed: bool = Field(
        description="True when the cell's numbers are withheld.", examples=[False]
    )


class Breakdowns(BaseModel):
    """A theme's views broken down three ways."""

    channel: list[Cell] = Field(description="By channel (every channel is listed).")
    language: list[Cell] = Field(
        description="By language: languages with at least k contributors by name, the rest "
        "together as `other`."
    )
    age_band: list[Cell] = Field(
        description="By the child's age band (every band is listed, and `unknown`)."
    )


class Figures(BaseModel):
    """A theme's numbers for one period."""

    views: int | None = Field(description="Views; null if suppressed.", examples=[40])
    contributors: int | None = Field(
        description="Distinct contributors; null if suppressed.", examples=[31]
    )
    sentiment: float | None = Field(
        description="Average sentiment, -1 to 1; null if suppressed or too few scored views.",
        examples=[-0.42],
    )
    suppressed: bool = Field(description="True when the numbers are withheld.", examples=[False])


class Change(BaseModel):
    """This period against the previous one of the same length; null unless both are shown."""

    views: int | None = Field(description="Difference in views.", examples=[6])
    views_percent: float | None = Field(
        description="Difference in views as a percentage of the previous period's.",
        examples=[17.6],
    )
    contributors: int | None = Field(description="Difference in contributors.", examples=[4])
    sentiment: float | None = Field(description="Difference in average sentiment.", examples=[0.08])


class SummaryQuote(BaseModel):
    """A view a moderator approved as a quote."""

    id: int = Field(description="The view's id (the quote id).", examples=[12])
    text: str = Field(
        description="The anonymised view.",
        examples=["We waited 40 weeks for the plan and nobody rang back."],
    )
    text_en: str | None = Field(description="An English gloss, if any.", examples=[None])
    language: str = Field(description="Language code of `text`.", examples=["en"])
    month: str = Field(description="The month it was given (`YYYY-MM`).", examples=["2025-02"])


class ThemeSummary(BaseModel):
    """One theme's summary for the period."""

    code: str = Field(description="Theme code from themes.yml.", examples=["transport"])
    label: str = Field(description="The theme's label.", examples=["Travel to school"])
    views: int | None = Field(description="Views this period; null if suppressed.", examples=[40])
    contributors: int | None = Field(
        description="Distinct contributors this period; null if suppressed.", examples=[31]
    )
    sentiment: float | None = Field(
        description="Average sentiment this period, -1 to 1; null if not shown.",
        examples=[-0.42],
    )
    suppressed: bool = Field(
        description="True when this period's numbers are withheld; then no breakdowns or "
        "quotes are shown either.",
        examples=[False],
    )
    previous: Figures = Field(description="The previous period of the same length.")
    change: Change = Field(description="This period against the previous one.")
    breakdowns: Breakdowns | None = Field(
        description="By channel, language and age band; null when the theme is suppressed."
    )
    quotes: list[SummaryQuote] = Field(
        description="Approved quotes from this period, newest first."
    )
    you_said_we_did: int = Field(
        description="Changes recorded against this theme (`POST /api/v1/actions`) this period.",
        examples=[1],
    )


class ListenedMonth(BaseModel):
    """Average "feeling listened to" score for one month."""

    month: str = Field(description="`YYYY-MM`.", examples=["2025-02"])
    average: float | None = Field(
        description="Average score, 1 to 5; null if suppressed.", examples=[2.6]
    )
    responses: int | None = Field(description="Scores given; null if suppressed.", examples=[18])
    suppressed: bool = Field(description="True when the month is withheld.", examples=[False])


class Listened(BaseModel):
    """The co-production measure: how far parents feel listened to (1 to 5)."""

    average: float | None = Field(
        description="Average score this period; null if suppressed.", examples=[2.8]
    )
    responses: int | None = Field(
        description="Scores given this period; null if suppressed.", examples=[55]
    )
    contributors: int | None = Field(
        description="Distinct parents who scored; null if suppressed.", examples=[50]
    )
    previous_average: float | None = Field(
        description="Average score in the previous period; null if suppressed.", examples=[2.5]
    )
    change: float | None = Field(
        description="This period's average minus the previous one; null unless both shown.",
        examples=[0.3],
    )
    monthly: list[ListenedMonth] = Field(description="Month by month, oldest first.")


class Provenance(BaseModel):
    """Where a summary's numbers come from."""

    forum: str = Field(description="The forum's short name.", examples=["local"])
    k: int = Field(description="The forum's smallest shown group.", examples=[5])
    period: PeriodPublic = Field(description="The period summarised.")
    previous_period: PeriodPublic = Field(description="The period compared against.")
    generated_at: datetime = Field(
        description="When the summary was made (UTC).", examples=["2025-04-01T09:00:00Z"]
    )
    views: int | None = Field(
        description="All views in the period; null if suppressed.", examples=[412]
    )
    contributors: int | None = Field(
        description="Distinct contributors in the period; null if suppressed.", examples=[230]
    )
    channel_mix: list[Cell] = Field(description="The period's views by channel.")
    quote_ids: list[int] = Field(description="Ids of the quotes shown.", examples=[[12, 40]])
    anonymiser_versions: list[str] = Field(
        description="Versions of the anonymiser behind the period's views.",
        examples=[["anon-1.2.0"]],
    )
    theme_model_versions: list[str] = Field(
        description="Versions of the theme model behind the period's views.",
        examples=[["themes-2025.11"]],
    )
    rules: str = Field(description="The disclosure rules applied.", examples=[SUPPRESSION_RULE])


class Summary(BaseModel):
    """Per theme: views, contributors, sentiment, change, breakdowns and quotes."""

    period: PeriodPublic = Field(description="The period summarised (whole months).")
    previous_period: PeriodPublic = Field(description="The previous period of the same length.")
    k: int = Field(description="The forum's smallest shown group.", examples=[5])
    themes: list[ThemeSummary] = Field(
        description="Every theme: shown ones by views (most first), then suppressed ones, "
        "then themes with no views."
    )
    listened: Listened = Field(description='"Feeling listened to" scores.')
    provenance: Provenance = Field(description="Where the numbers come from.")


class TrendMonth(BaseModel):
    """One theme's numbers for one month."""

    month: str = Field(description="`YYYY-MM`.", examples=["2025-02"])
    views: int | None = Field(description="Views; null if suppressed.", examples=[14])
    contributors: int | None = Field(
        description="Distinct contributors; null if suppressed.", examples=[11]
    )
    sentiment: float | None = Field(
        description="Average sentiment; null if not shown.", examples=[-0.3]
    )
    suppressed: bool = Field(description="True when the month is withheld.", examples=[False])


class ThemeTrend(BaseModel):
    """One theme, month by month."""

    code: str = Field(description="Theme code.", examples=["transport"])
    label: str = Field(description="Theme label.", examples=["Travel to school"])
    views: int | None = Field(
        description="Views over the whole period; null if suppressed.", examples=[40]
    )
    contributors: int | None = Field(
        description="Distinct contributors over the whole period; null if suppressed.",
        examples=[31],
    )
    months: list[TrendMonth] = Field(description="Month by month, oldest first.")


class Trend(BaseModel):
    """Monthly trend per theme."""

    period: PeriodPublic = Field(description="The months covered.")
    k: int = Field(description="The forum's smallest shown group.", examples=[5])
    themes: list[ThemeTrend] = Field(description="Every theme, in themes.yml order.")
    provenance: Provenance = Field(description="Where the numbers come from.")


class ReportLinkCreate(BaseModel):
    """Ask for a short-lived link that opens a report in a browser without a key."""

    model_config = ConfigDict(populate_by_name=True)

    from_: str | None = Field(
        default=None,
        alias="from",
        max_length=40,
        description="First month of the report, `YYYY-MM` (a date in it also works).",
        examples=["2025-01"],
    )
    to: str | None = Field(
        default=None,
        max_length=40,
        description="Last month of the report, `YYYY-MM` (a date in it also works).",
        examples=["2025-03"],
    )
    minutes: int = Field(
        default=60,
        ge=1,
        le=1440,
        description="How long the link works, 1 to 1440 minutes (a day).",
        examples=[60],
    )


class ReportLink(BaseModel):
    """A signed link to a report. Anyone holding it can open that one report until it expires."""

    url: str = Field(
        description="Open this in a browser.",
        examples=["http://127.0.0.1:8000/api/v1/reports/shared/eyJ...sig"],
    )
    expires_at: datetime = Field(
        description="When it stops working (UTC).", examples=["2025-04-01T10:00:00Z"]
    )
    period: PeriodPublic = Field(description="The report's period.")
