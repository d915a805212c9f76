"""The forecast chart as inline SVG drawn on the server (as openvth.monitoring.charts, which has bars only): the
observed quarters as a line, the forecast as a line with its 80 % and 95 % band as shaded areas. Presentation
attributes only (no style attribute: the CSP forbids inline styles)."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 240, 44, 22, 10


def _points(values: list[tuple[int, float]], x, y) -> str:
    return " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in values)


def band_chart(title: str, observed: list[float], means: list[float], bands: dict[float, list[tuple[float, float]]],
               labels: list[str]) -> SafeString:  # fmt: skip
    """`observed` then `means` on one time axis; `bands` per level the (low, high) of each forecast quarter;
    `labels` one per quarter of the whole axis (every fourth is printed)."""
    count = len(observed) + len(means)
    top = max([1.0, *observed, *means, *(high for band in bands.values() for _low, high in band)])
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP

    def x(i: int) -> float:
        return LEFT + plot_w * i / max(1, count - 1)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - v / top)

    start = len(observed)
    areas = []
    for level, band in sorted(bands.items(), reverse=True):  # the wide band first, the narrow one over it
        upper = [(start + i, high) for i, (_low, high) in enumerate(band)]
        lower = [(start + i, low) for i, (low, _high) in reversed(list(enumerate(band)))]
        areas.append((_points(upper + lower, x, y), "#9cc3dd" if level > 0.9 else "#5b9bc4", f"{round(level * 100)} %"))
    ticks = [(x(i), labels[i]) for i in range(0, count, 4) if i < len(labels)]
    grid = [(y(top * k / 4), f"{top * k / 4:.0f}") for k in range(5)]
    forecast_line = [(start - 1, observed[-1])] if observed else []
    forecast_line += [(start + i, v) for i, v in enumerate(means)]
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}" '
        'xmlns="http://www.w3.org/2000/svg" font-size="10" font-family="sans-serif"><title>{}</title>'
        "{}{}{}"
        '<polyline points="{}" fill="none" stroke="#222" stroke-width="1.5"></polyline>'
        '<polyline points="{}" fill="none" stroke="#1f5f8b" stroke-width="2" stroke-dasharray="5 3"></polyline>'
        "</svg>",
        title, WIDTH, HEIGHT, WIDTH, HEIGHT, title,
        format_html_join("", '<polygon points="{}" fill="{}"><title>{}</title></polygon>', areas),
        format_html_join(
            "",
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#ddd"></line>'
            '<text x="{}" y="{}" text-anchor="end">{}</text>',
            ((LEFT, WIDTH - 8, gy, gy, LEFT - 4, gy + 3, text) for gy, text in grid),
        ),
        format_html_join("", '<text x="{}" y="{}" text-anchor="middle">{}</text>',
                         ((tx, HEIGHT - 6, text) for tx, text in ticks)),
        _points(list(enumerate(observed)), x, y),
        _points(forecast_line, x, y),
    )  # fmt: skip
