"""Charts as inline SVG, drawn on the server: no chart library in the browser, and the same chart in the PDF."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH = 18, 6, 250, 300


def bar_chart(title: str, bars: list[tuple[str, float]], *, maximum: float | None = None, unit: str = "") -> SafeString:
    """Horizontal bars, one a row with its label and value; the title names the chart for screen readers."""
    top = max([maximum or 0.0, *(value for _label, value in bars)]) or 1.0
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    rows = format_html_join(
        "",
        '<g transform="translate(0,{})"><text x="{}" y="{}" text-anchor="end">{}</text>'
        '<rect x="{}" y="0" width="{}" height="{}" fill="#1f5f8b"></rect>'
        '<text x="{}" y="{}">{}</text></g>',
        (
            (
                GAP + i * (BAR_HEIGHT + GAP), LABEL_WIDTH - 6, BAR_HEIGHT - 5,
                label if len(label) <= 36 else f"{label[:35]}…",
                LABEL_WIDTH, width, BAR_HEIGHT, LABEL_WIDTH + width + 4, BAR_HEIGHT - 5,
                f"{value:.1f}{unit}".replace(".", ","),
            )
            for i, (label, value, width) in enumerate(
                (label, value, round(BAR_WIDTH * value / top, 1)) for label, value in bars
            )
        ),
    )  # fmt: skip
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}" '
        'xmlns="http://www.w3.org/2000/svg" font-size="11" font-family="sans-serif"><title>{}</title>{}</svg>',
        title, LABEL_WIDTH + BAR_WIDTH + 70, height, LABEL_WIDTH + BAR_WIDTH + 70, height, title, rows,
    )  # fmt: skip
