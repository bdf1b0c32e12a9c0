"""Small SVG charts drawn on the server, so reports need no script and print as they look."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

BAR_COLOUR = "#1d70b8"  # GOV.UK blue
WITHHELD_COLOUR = "#b1b4b6"
TEXT_COLOUR = "#0b0c0c"


def _number(value: float) -> str:
    return f"{value:.1f}" if value != int(value) else str(int(value))


def bar_chart(
    *,
    title: str,
    points: Sequence[tuple[str, float | None]],
    y_max: float | None = None,
    width: int = 560,
    height: int = 170,
) -> Markup:
    """A bar chart as an inline SVG element.

    Args:
        title: Read by screen readers, and shown as the chart's tooltip.
        points: (label, value) in order; a value of None is a withheld number, drawn as a
            grey stub marked "c".
        y_max: The top of the scale; the largest value when not given.
        width: Width in pixels.
        height: Height in pixels.

    Returns:
        The `<svg>` markup, every text escaped, marked safe for templates.
    """
    left, right, top, bottom = 8, 8, 18, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [value for _, value in points if value is not None]
    scale_top: float = y_max or max(values, default=0) or 1
    slot = plot_w / max(len(points), 1)
    bar_w = max(min(slot * 0.7, 48), 2)
    described = "; ".join(
        f"{label}: {'withheld' if value is None else _number(value)}" for label, value in points
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" class="chart">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(described)}</desc>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{TEXT_COLOUR}" stroke-width="1"/>',
    ]
    for index, (label, value) in enumerate(points):
        x = left + index * slot + (slot - bar_w) / 2
        centre = x + bar_w / 2
        if value is None:
            stub = 6
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - stub}" width="{bar_w:.1f}" '
                f'height="{stub}" fill="{WITHHELD_COLOUR}"/>'
            )
            caption, caption_y = "c", float(top + plot_h - stub - 4)
        else:
            bar_h = plot_h * (value / scale_top) if scale_top else 0
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - bar_h:.1f}" width="{bar_w:.1f}" '
                f'height="{bar_h:.1f}" fill="{BAR_COLOUR}"/>'
            )
            caption, caption_y = _number(value), top + plot_h - bar_h - 4
        parts.append(
            f'<text x="{centre:.1f}" y="{caption_y:.1f}" font-size="11" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">{escape(caption)}</text>'
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{top + plot_h + 14}" font-size="10" '
            f'text-anchor="middle" fill="{TEXT_COLOUR}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it is escaped above
