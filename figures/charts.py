"""Where each mark of a chart goes: the geometry the SVG templates draw.

Small SVG drawn on the server, scaled by its viewBox to any width (320 px included), in the
Government Analysis Function's way: the value axis starts at zero, lines and bars are
labelled directly, and each line has its own dash pattern and marker shape as well as its
colour, so colour is never the only signal. Colours and line styles are presentation
attributes (the CSP allows no style attribute); the site's CSS sets the type.
"""

import math
from dataclasses import dataclass

WIDTH = 360
LINE_HEIGHT = 220
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 44, 104, 14, 34
BAR_HEIGHT, BAR_GAP, BAR_LABEL = 16, 8, 19

# One style per line: colour (dark enough on white), dash pattern, marker shape.
STYLES = [
    ("#00325c", "", "circle"),
    ("#a3480f", "6 3", "square"),
    ("#4c2c92", "2 3", "triangle"),
]


def nice_step(value):
    """A round step (1, 2, 2.5 or 5 times a power of ten) at or above `value`."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value and float(step * magnitude).is_integer():
            return int(step * magnitude)
    return int(10 * magnitude)


def value_axis(largest, steps=4):
    """The value axis's ticks, from zero to a round top at or above `largest`."""
    step = nice_step(largest / steps)
    count = max(1, math.ceil(largest / step))
    return [step * i for i in range(count + 1)]


def fmt(value):
    return f"{value:,}" if isinstance(value, int) else str(value)


def _r(number):
    return round(number, 1)


@dataclass
class Mark:
    x: float
    y: float
    value: object
    label: str

    @property
    def corner_x(self):
        return _r(self.x - 3)

    @property
    def corner_y(self):
        return _r(self.y - 3)

    @property
    def apex_y(self):
        return _r(self.y - 4)


def line_geometry(chart):
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = LINE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    periods = list(dict.fromkeys(p for line in chart.lines for p, _ in line.points))
    axis = value_axis(max((v for line in chart.lines for _, v in line.points), default=0))
    top = axis[-1]
    step = plot_w / max(len(periods) - 1, 1)
    x_of = {period: _r(MARGIN_LEFT + i * step) for i, period in enumerate(periods)}
    baseline = MARGIN_TOP + plot_h

    def y_of(value):
        return _r(baseline - plot_h * value / top)

    ticks = [{"y": y_of(v), "text_y": _r(y_of(v) + 4), "label": fmt(v)} for v in axis]
    # Year labels under each year's first quarter shown (every other year when crowded).
    years = []
    for period in periods:
        year = period.split(" ")[0]
        if not years or years[-1]["label"] != year:
            years.append({"x": x_of[period], "label": year})
    if len(years) > 6:
        years = years[::2]
    lines, ends = [], []
    for index, line in enumerate(chart.lines):
        colour, dash, shape = STYLES[index % len(STYLES)]
        marks = [Mark(x_of[p], y_of(v), v, p) for p, v in line.points]
        path = " ".join(f"{'M' if i == 0 else 'L'}{m.x} {m.y}" for i, m in enumerate(marks))
        lines.append(
            {
                "label": line.label,
                "colour": colour,
                "dash": dash,
                "shape": shape,
                "marks": marks,
                "path": path,
            }
        )
        if marks:
            ends.append([marks[-1].y, index])
    # Direct labels at the end of each line (its name above its latest figure when there
    # are several lines), pushed apart so that they never overlap.
    named = len(lines) > 1
    gap = 28 if named else 14
    ends.sort()
    for i in range(1, len(ends)):
        ends[i][0] = max(ends[i][0], ends[i - 1][0] + gap)
    for y, index in ends:
        last = lines[index]["marks"][-1]
        lines[index]["end"] = {
            "x": _r(last.x + 8),
            "y": _r(y + (0 if named else 4)),
            "name": lines[index]["label"] if named else "",
            "value": fmt(last.value),
        }
    return {
        "width": WIDTH,
        "height": LINE_HEIGHT,
        "left": MARGIN_LEFT,
        "tick_x": MARGIN_LEFT - 4,
        "right": WIDTH - MARGIN_RIGHT,
        "baseline": baseline,
        "ticks": ticks,
        "years": years,
        "year_y": baseline + 20,
        "lines": lines,
    }


def bar_geometry(chart):
    """Horizontal bars, each with its label above and its value at its end: readable on a
    narrow screen whatever the labels are."""
    left, right = 8, WIDTH - 56
    top = value_axis(max((v for _, v in chart.bars), default=0))[-1]
    row = BAR_LABEL + BAR_HEIGHT + BAR_GAP
    bars = []
    for i, (label, value) in enumerate(chart.bars):
        y = MARGIN_TOP + i * row
        width = _r((right - left) * value / top)
        bars.append(
            {
                "label": label,
                "value": fmt(value),
                "x": left,
                "y": y + BAR_LABEL,
                "width": width,
                "height": BAR_HEIGHT,
                "label_y": y + BAR_LABEL - 4,
                "value_x": _r(left + width + 4),
                "value_y": y + BAR_LABEL + BAR_HEIGHT - 4,
            }
        )
    baseline = MARGIN_TOP + len(chart.bars) * row
    return {
        "width": WIDTH,
        "height": baseline + 24,
        "zero_x": left,
        "top": MARGIN_TOP,
        "baseline": baseline,
        "axis_label_y": baseline + 16,
        "axis_end_x": right,
        "axis_end": fmt(top),
        "bars": bars,
    }
