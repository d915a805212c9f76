"""The permit outlook's model (openvth.rules.forecast): seasonality recovered, bands that cover near their level
out of sample, and the order-statistics band at its boundaries."""

import random
from datetime import date

import pytest

from openvth.rules import forecast

PATTERN = (12.0, -6.0, 3.0, -9.0)


def seasonal(n: int, seed: int = 7, noise: float = 4.0) -> list[float]:
    rng = random.Random(seed)
    return [60 + 0.15 * t + PATTERN[t % 4] + rng.gauss(0, noise) for t in range(n)]


@pytest.fixture(scope="module")
def tested():
    return forecast.backtest(seasonal(120), 8)


def test_the_bands_cover_near_their_level_out_of_sample(tested):
    judged = [h for h in tested.horizons if h.judged >= 60]
    assert len(judged) == 8
    for level, low, high in ((0.8, 0.72, 0.9), (0.95, 0.88, 1.0)):
        mean = sum(h.coverage[level] for h in judged) / len(judged)
        assert low <= mean <= high, (level, mean)


def test_the_model_beats_same_quarter_last_year_on_a_seasonal_series(tested):
    assert all(h.mase < 1 for h in tested.horizons[:4])
    assert tested.horizons[0].mae < tested.horizons[-1].mae + 1  # no better far ahead than close by, within noise


def test_the_forecast_follows_the_season_and_the_trend():
    series = seasonal(80, noise=1.0)
    points = forecast.forecast(series, 80, 8)
    means = [p.mean for p in points]
    # quarter 80 is season 0 (the peak), 83 the trough
    assert max(means[:4]) == means[0] and min(means[:4]) == means[3]
    assert means[4] > means[0]  # the trend goes on a year later
    assert all(p.bands[0.95][0] <= p.bands[0.8][0] <= p.mean <= p.bands[0.8][1] <= p.bands[0.95][1] for p in points)


def test_a_band_without_errors_of_its_own_is_borrowed_and_widened():
    series = seasonal(24)
    points = forecast.forecast(series, 24, 20)
    own = [p for p in points if not p.borrowed]
    borrowed = [p for p in points if p.borrowed]
    assert own and borrowed and points.index(borrowed[0]) == len(own)
    width = [p.bands[0.8][1] - p.bands[0.8][0] for p in points]
    assert width[-1] > width[len(own) - 1]


def test_counts_are_never_negative():
    points = forecast.forecast([0, 0, 1, 0, 0, 0, 2, 0, 0, 1, 0, 0], 12, 8)
    assert all(p.mean >= 0 and p.bands[0.95][0] >= 0 for p in points)


def test_a_short_series_gets_its_mean_flat():
    fitted = forecast.fit([2.0, 4.0, 6.0])
    assert fitted.flat and fitted.predict(3) == [4.0, 4.0, 4.0]


def test_the_band_takes_order_statistics():
    errors = [float(e) for e in range(1, 10)]  # n = 9: k = floor(10 * 0.1) = 1
    assert forecast.band(errors, 0.8) == (1.0, 9.0)
    errors = [float(e) for e in range(1, 20)]  # n = 19: k = floor(20 * 0.1) = 2
    assert forecast.band(errors, 0.8) == (2.0, 18.0)
    assert forecast.band(errors, 0.95) == (1.0, 19.0)  # k = floor(0.5) cut to 1


def test_quarters():
    assert forecast.quarter_index(date(2026, 11, 18)) == 2026 * 4 + 3
    assert forecast.quarter_label(2026 * 4 + 3) == "2026-K4"
    quarters = list(range(2027 * 4 - 1, 2027 * 4 + 5))
    assert forecast.spread_over_quarters(2027, 10, quarters) == {2027 * 4 + q: 2.5 for q in range(4)}
