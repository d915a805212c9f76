"""Quarterly forecasts of permit applications with an empirical uncertainty band (issue 21, item 8). Pure Python.

The model: additive Holt-Winters with a damped trend and a season of four quarters, in the component form of
Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed. (2021), §8.3 ("Holt-Winters' additive
method") with the damping of §8.2 ("Damped trend methods"):

    level    l_t = a (y_t - s_{t-m}) + (1 - a)(l_{t-1} + p b_{t-1})
    trend    b_t = b (l_t - l_{t-1}) + (1 - b) p b_{t-1}
    season   s_t = g (y_t - l_{t-1} - p b_{t-1}) + (1 - g) s_{t-m}
    forecast y_{t+h|t} = l_t + (p + p^2 + ... + p^h) b_t + s_{t+h-m(k+1)}

with the smoothing parameters (a, b, g, p) taken from a small grid by the least one-step squared error on the
training part, and the initial state from the first two seasons (FPP3 §8.3: level the mean of the first season,
trend the mean change per quarter between the first two seasons, seasonal indices the first season minus its mean).

How good it is, is measured as FPP3 §5.10 prescribes ("time series cross-validation", a rolling forecasting origin):
every quarter from `min_train` on is an origin, the model is fitted on the quarters before it and forecasts 1 to H
quarters ahead. The errors per horizon give

- the MASE (Hyndman & Koehler 2006, "Another look at measures of forecast accuracy", International Journal of
  Forecasting 22(4), 679-688): the mean absolute error scaled by the in-sample mean absolute error of the seasonal
  naive forecast (m = 4) of the training part; below 1 is better than "same quarter last year";
- the prediction interval: order statistics of the h-step errors (FPP3 §5.5: intervals from the distribution of
  the forecast errors rather than a normal assumption; `band` says which ones). The backtest's own coverage is
  honest: at each origin the band is made only from errors whose target quarter had passed before that origin, so
  no error is judged by itself.

A horizon with too few errors borrows the band of the longest horizon that has enough, widened by sqrt(h / h')
(the growth of the error of a random walk); the forecast says so (`borrowed`). Counts are never negative: the
forecast and the lower bounds are cut at zero.
"""

import math
from dataclasses import dataclass, field
from datetime import date
from itertools import product

SEASON = 4  # quarters
LEVELS = (0.8, 0.95)
MIN_ERRORS = 8  # errors a horizon needs for its own band
GRID = tuple(product((0.1, 0.2, 0.4, 0.6), (0.02, 0.1), (0.05, 0.2), (0.8, 0.95)))  # (alpha, beta, gamma, phi)


# --- quarters -----------------------------------------------------------------------------------------------------


def quarter_index(day: date) -> int:
    """A quarter as one number: 4 * year + (quarter - 1)."""
    return day.year * 4 + (day.month - 1) // 3


def quarter_label(index: int) -> str:
    return f"{index // 4}-K{index % 4 + 1}"


def quarter_year(index: int) -> int:
    return index // 4


# --- the model ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fitted:
    level: float
    trend: float
    seasonals: tuple[float, ...]  # the seasonal index of the next quarter first
    params: tuple[float, float, float, float]
    flat: bool = False  # too short for a seasonal model: the mean, flat

    def predict(self, horizon: int) -> list[float]:
        if self.flat:
            return [self.level] * horizon
        _alpha, _beta, _gamma, phi = self.params
        out, damped = [], 0.0
        for h in range(1, horizon + 1):
            damped += phi**h
            out.append(self.level + damped * self.trend + self.seasonals[(h - 1) % len(self.seasonals)])
        return out


def _run(series: list[float], params: tuple[float, float, float, float], season: int) -> tuple[float, Fitted]:
    alpha, beta, gamma, phi = params
    first = series[:season]
    level = sum(first) / season
    trend = (sum(series[season : 2 * season]) / season - level) / season
    seasonals = [value - level for value in first]
    sse = 0.0
    for t in range(season, len(series)):
        s = seasonals[t % season]
        predicted = level + phi * trend + s
        sse += (series[t] - predicted) ** 2
        previous, previous_trend = level, trend
        level = alpha * (series[t] - s) + (1 - alpha) * (previous + phi * previous_trend)
        trend = beta * (level - previous) + (1 - beta) * phi * previous_trend
        seasonals[t % season] = gamma * (series[t] - previous - phi * previous_trend) + (1 - gamma) * s
    n = len(series)
    ahead = tuple(seasonals[(n + k) % season] for k in range(season))
    return sse, Fitted(level, trend, ahead, params)


def fit(series: list[float], season: int = SEASON) -> Fitted:
    """Holt-Winters on the series with the grid's best parameters; the mean, flat, below two seasons."""
    if len(series) < 2 * season:
        mean = sum(series) / len(series) if series else 0.0
        return Fitted(mean, 0.0, (0.0,) * season, (0.0, 0.0, 0.0, 1.0), flat=True)
    return min((_run(series, params, season) for params in GRID), key=lambda found: found[0])[1]


# --- rolling origin -----------------------------------------------------------------------------------------------


def band(errors: list[float], level: float) -> tuple[float, float]:
    """The k-th smallest and the k-th largest error, k = floor((n + 1)(1 - level) / 2) but at least 1: for
    exchangeable errors the next one falls between them with probability (n + 1 - 2k) / (n + 1) >= level where k is
    not cut to 1 (order statistics, Wilks 1941; the split conformal interval of Lei et al. 2018, JASA 113(523)).
    Unlike a plain quantile it does not shrink the band when few errors are known."""
    ordered = sorted(errors)
    n = len(ordered)
    k = max(1, math.floor((n + 1) * (1 - level) / 2 + 1e-9))  # 1e-9: 0.1 * 20 is 1.999… in floating point
    return ordered[k - 1], ordered[n - k]


def _naive_scale(series: list[float], season: int) -> float:
    diffs = [abs(series[t] - series[t - season]) for t in range(season, len(series))]
    return sum(diffs) / len(diffs) if diffs else 0.0


@dataclass(frozen=True)
class Horizon:
    h: int
    forecasts: int  # forecasts made at this horizon
    mae: float
    mase: float | None
    mape: float | None  # over the quarters with applications only (a zero has no percentage error)
    coverage: dict[float, float | None]  # level -> share of actuals inside the band (out of sample)
    judged: int  # forecasts whose band could be judged (enough earlier errors)


@dataclass
class Backtest:
    horizon: int
    length: int
    errors: dict[int, list[float]] = field(default_factory=dict)  # h -> actual - forecast, by origin
    horizons: list[Horizon] = field(default_factory=list)


def backtest(
    series: list[float],
    horizon: int,
    *,
    min_train: int = 2 * SEASON,
    season: int = SEASON,
    levels: tuple[float, ...] = LEVELS,
) -> Backtest:
    """Rolling-origin evaluation: every origin from `min_train` on, forecasts of 1..horizon quarters (FPP3 §5.10)."""
    n = len(series)
    result = Backtest(horizon, n)
    rows: dict[int, list[tuple[int, float, float, float]]] = {h: [] for h in range(1, horizon + 1)}
    for origin in range(min_train, n):
        train = series[:origin]
        scale = _naive_scale(train, season)
        predicted = fit(train, season).predict(min(horizon, n - origin))
        for h, value in enumerate(predicted, start=1):
            rows[h].append((origin, value, series[origin + h - 1], scale))
    for h in range(1, horizon + 1):
        found = rows[h]
        result.errors[h] = [actual - value for _origin, value, actual, _scale in found]
        if not found:
            continue
        absolute = [abs(actual - value) for _origin, value, actual, _scale in found]
        scaled = [abs(actual - value) / scale for _origin, value, actual, scale in found if scale > 0]
        percentages = [abs(actual - value) / actual for _origin, value, actual, _scale in found if actual > 0]
        coverage: dict[float, float | None] = {}
        judged = 0
        for level in levels:
            inside = total = 0
            for origin, value, actual, _scale in found:
                # errors known at this origin: their target quarter (origin' + h - 1) lies before it
                known = [actual2 - value2 for origin2, value2, actual2, _s in found if origin2 + h - 1 < origin]
                if len(known) < MIN_ERRORS:
                    continue
                low, high = band(known, level)
                total += 1
                inside += max(0.0, value + low) <= actual <= max(0.0, value + high)
            coverage[level] = inside / total if total else None
            judged = total
        result.horizons.append(
            Horizon(
                h=h,
                forecasts=len(found),
                mae=sum(absolute) / len(absolute),
                mase=sum(scaled) / len(scaled) if scaled else None,
                mape=sum(percentages) / len(percentages) if percentages else None,
                coverage=coverage,
                judged=judged,
            )
        )
    return result


# --- the forecast -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    quarter: int  # quarter_index
    mean: float
    bands: dict[float, tuple[float, float]]  # level -> (low, high)
    borrowed: bool  # the band came from a shorter horizon, widened by sqrt(h / h')


def forecast(
    series: list[float], first_quarter: int, horizon: int, *, errors: dict[int, list[float]] | None = None,
    season: int = SEASON, levels: tuple[float, ...] = LEVELS,
) -> list[Point]:  # fmt: skip
    """The next `horizon` quarters after the series (the first of them is `first_quarter`) with bands per level from
    the backtest errors (`errors`, else a backtest of the series itself)."""
    if errors is None:
        errors = backtest(series, horizon, season=season, levels=()).errors
    means = fit(series, season).predict(horizon) if series else [0.0] * horizon
    usable = [h for h in sorted(errors) if len(errors[h]) >= MIN_ERRORS]
    points = []
    for h, mean in enumerate(means, start=1):
        own = h in usable
        source = h if own else max((u for u in usable if u < h), default=usable[-1] if usable else None)
        bands = {}
        for level in levels:
            if source is None:
                low = high = 0.0
            else:
                low, high = band(errors[source], level)
                widen = 1.0 if own else math.sqrt(h / source)
                low, high = low * widen, high * widen
            bands[level] = (max(0.0, mean + low), max(0.0, mean + high))
        points.append(Point(first_quarter + h - 1, max(0.0, mean), bands, borrowed=not own))
    return points


def spread_over_quarters(year: int, count: float, quarters: list[int]) -> dict[int, float]:
    """An expected yearly number spread evenly over that year's quarters (of those in `quarters`)."""
    return {q: count / SEASON for q in quarters if quarter_year(q) == year}
