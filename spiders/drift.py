"""The layout drift alarm: the site changed its pages and the parser no longer finds what a
question page must show. Better to stop early and say which fields and where than to
store thousands of broken records (or none, silently)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

#: Share of fetched question pages missing a required field that stops a crawl.
DRIFT_THRESHOLD = 0.05
#: Pages read before the alarm may ring (one odd page out of three is not a drift).
DRIFT_MIN_PAGES = 20


@dataclass
class DriftAlarm:
    threshold: float = DRIFT_THRESHOLD
    min_pages: int = DRIFT_MIN_PAGES
    pages: int = 0  # question pages read (parsed or not)
    broken: int = 0  # … of which missed a required field
    fields: Counter[str] = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)
    max_samples: int = 5

    def parsed(self) -> None:
        self.pages += 1

    def missing(self, fields: tuple[str, ...] | list[str], url: str) -> None:
        self.pages += 1
        self.broken += 1
        self.fields.update(fields)
        if len(self.samples) < self.max_samples:
            self.samples.append(url)

    @property
    def rate(self) -> float:
        return self.broken / self.pages if self.pages else 0.0

    @property
    def tripped(self) -> bool:
        return self.pages >= self.min_pages and self.rate > self.threshold

    def summary(self) -> str:
        """``layout drift: 9 of 40 question pages (22.5 %) miss required fields:
        texte_question_html (9), date_publication (2); e.g. URL, URL``."""
        fields = ", ".join(f"{name} ({count})" for name, count in self.fields.most_common())
        return (
            f"layout drift: {self.broken} of {self.pages} question pages ({self.rate:.1%}) "
            f"miss required fields: {fields}; e.g. {', '.join(self.samples)}"
        )
