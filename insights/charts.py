"""Geometry for the server-rendered SVG chart of daily searches (bars) and zero-result rate (line).

Only numbers leave this module; the template draws them with SVG presentation attributes, which the
Content-Security-Policy allows (inline style attributes it does not).
"""

from dataclasses import dataclass

from .reports import Day

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 48, 16, 32


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # tooltip


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class DailyChart:
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    bars: list[Bar]
    rate_points: str  # "x,y x,y …" for <polyline points>
    count_ticks: list[Tick]  # left axis, searches
    rate_ticks: list[Tick]  # right axis, zero-result %
    day_ticks: list[Tick]  # x axis
    max_searches: int


def nice_ceiling(value: int) -> int:
    """Axis maximum: 1, 2, 5 × 10ⁿ at or above value (at least 1)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return max(1, step * factor)
        step *= 10


def daily_chart(days: list[Day], *, width: int = WIDTH, height: int = HEIGHT) -> DailyChart:
    plot_width, plot_height = width - LEFT - RIGHT, height - TOP - BOTTOM
    bottom = TOP + plot_height
    slot = plot_width / max(1, len(days))
    top_count = nice_ceiling(max((d.searches for d in days), default=0))
    bars, points = [], []
    for index, day in enumerate(days):
        bar_height = plot_height * day.searches / top_count
        x = LEFT + index * slot
        zero_rate = day.zero_rate
        label = f"{day.day:%m-%d} 검색 {day.searches}회"
        if zero_rate is not None:
            label += f", 결과 없음 {zero_rate:.0%}"
            points.append(f"{x + slot / 2:.1f},{bottom - plot_height * zero_rate:.1f}")
        bars.append(Bar(round(x + slot * 0.1, 1), round(bottom - bar_height, 1), round(slot * 0.8, 1),
                        round(bar_height, 1), label))
    every = max(1, round(len(days) / 8))
    return DailyChart(
        width=width,
        height=height,
        left=LEFT,
        right=width - RIGHT,
        top=TOP,
        bottom=bottom,
        bars=bars,
        rate_points=" ".join(points),
        count_ticks=[Tick(round(bottom - plot_height * f, 1), str(round(top_count * f))) for f in (0, 0.5, 1)],
        rate_ticks=[Tick(round(bottom - plot_height * f, 1), f"{f:.0%}") for f in (0, 0.5, 1)],
        day_ticks=[
            Tick(round(LEFT + i * slot + slot / 2, 1), f"{d.day:%m-%d}") for i, d in enumerate(days) if i % every == 0
        ],
        max_searches=top_count,
    )
