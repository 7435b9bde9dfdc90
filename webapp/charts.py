"""Server-rendered SVG charts (no script, no inline style: colours come from relance.css
classes). Each chart has a title and a description; the page also shows its data as a
table, the text alternative."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 48, 16, 40


#: The usual French abbreviations of the months.
MONTHS_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


def _month_label(month: str) -> str:
    """``"2025-07"`` → ``"juil. 2025"``."""
    return f"{MONTHS_SHORT[int(month[5:7]) - 1]} {month[:4]}"


def monthly_chart(months: Sequence[dict[str, Any]], *, chart_id: str = "graphique") -> Markup:
    """Bars: the answer rate of the questions published each month (left axis, %); line:
    the median delay of their answers (right axis, days)."""
    if not months:
        return Markup("")
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / len(months)
    delays = [m["median_delay_days"] for m in months if m["median_delay_days"] is not None]
    max_delay = max([*delays, 1])
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-titre {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-titre">Taux de réponse et délai médian, par mois de '
        "publication</title>",
        f'<desc id="{chart_id}-desc">Barres : part des questions publiées ce mois-là qui ont '
        "reçu une réponse. Ligne : délai médian de ces réponses, en jours. Les données sont "
        "aussi dans le tableau qui suit.</desc>",
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1):  # left axis: rates
        y = TOP + inner_h * (1 - tick)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{round(tick * 100)} %</text>"
            f'<text class="axis delay" x="{WIDTH - RIGHT + 6}" y="{y + 4:.1f}">'
            f"{round(max_delay * tick)} j</text>"
        )
    points = []
    label_every = max(1, len(months) // 12)
    for i, m in enumerate(months):
        x = LEFT + i * step
        rate = m["answer_rate"] or 0
        bar_h = inner_h * rate
        tip = escape(
            f"{_month_label(m['month'])} : {m['received']} questions, "
            f"{round(rate * 100)} % répondues"
            + (
                f", délai médian {m['median_delay_days']:g} j"
                if m["median_delay_days"] is not None
                else ""
            )
        )
        parts.append(
            f'<rect class="bar" x="{x + step * 0.15:.1f}" y="{TOP + inner_h - bar_h:.1f}" '
            f'width="{step * 0.7:.1f}" height="{bar_h:.1f}"><title>{tip}</title></rect>'
        )
        if m["median_delay_days"] is not None:
            y = TOP + inner_h * (1 - m["median_delay_days"] / max_delay)
            points.append(f"{x + step / 2:.1f},{y:.1f}")
        if i % label_every == 0:
            parts.append(
                f'<text class="axis" x="{x + step / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="middle">{escape(_month_label(m["month"]))}</text>'
            )
    if len(points) > 1:
        parts.append(f'<polyline class="line" points="{" ".join(points)}"/>')
    for point in points:
        x, y = point.split(",")
        parts.append(f'<circle class="dot" cx="{x}" cy="{y}" r="3"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
