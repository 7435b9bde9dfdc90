"""Jinja filters and globals: French formatting of dates, rates and days, labels of the
closed vocabularies, links that keep the current parameters, the chart."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask

from relance.dates import french_long_date
from webapp.charts import monthly_chart
from webapp.twins import url_with

STATUS_FR = {
    "pending": "en attente",
    "answered": "répondue",
    "withdrawn": "retirée",
    "lapsed": "caduque",
}

EVENT_FR = {
    "published": "Publiée au Journal officiel",
    "attributed": "Attribuée",
    "reattributed": "Réattribuée",
    "signalee": "Signalée (réponse due sous 10 jours)",
    "renewed": "Renouvelée",
    "answered": "Réponse publiée",
    "withdrawn": "Retirée",
    "lapsed": "Caduque (fin de mandat)",
    "corrected": "Erratum publié",
}

#: The scoreboards' column titles.
COLUMN_FR = {
    "key": "Clé",
    "label": "Nom",
    "groupe": "Groupe",
    "received": "Reçues",
    "answered": "Répondues",
    "answer_rate": "Taux de réponse",
    "answered_on_time": "Répondues à temps",
    "on_time_rate": "Taux dans les délais",
    "median_delay_days": "Délai médian",
    "p90_delay_days": "Délai 90ᵉ centile",
    "pending": "En attente",
    "overdue": "En retard",
    "withdrawn": "Retirées",
    "lapsed": "Caduques",
    "oldest_pending": "Plus ancienne en attente",
}

_NNBSP = "\u202f"  # French thousands separator and space before "%"


def date_fr(value: Any) -> str:
    """``"2025-07-20"`` or a date → ``"20 juillet 2025"``; nothing → ``"—"``."""
    if not value:
        return "—"
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return french_long_date(value)


def pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}{_NNBSP}%"


def num(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", _NNBSP)


def jours(value: Any) -> str:
    if value is None:
        return "—"
    return f"{num(value)} jour" if abs(float(value)) < 2 else f"{num(value)} jours"


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        date_fr=date_fr,
        pct=pct,
        num=num,
        jours=jours,
        statut_fr=lambda s: STATUS_FR.get(s or "", s or "—"),
        event_fr=lambda k: EVENT_FR.get(k or "", k or "—"),
        column_fr=lambda c: COLUMN_FR.get(c, c),
    )
    app.jinja_env.globals.update(
        url_with=url_with,
        monthly_chart=monthly_chart,
        STATUS_FR=STATUS_FR,
    )
