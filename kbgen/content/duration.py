"""Review periods written as ``180d``, ``4w``, ``6m`` or ``1y``."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

_PATTERN = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$")


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: str  # d, w, m or y

    @classmethod
    def parse(cls, value: object) -> Duration:
        if isinstance(value, Duration):
            return value
        match = _PATTERN.match(value) if isinstance(value, str) else None
        if not match:
            raise ValueError(f"expected a period such as 180d, 12w, 6m or 1y, got {value!r}")
        return cls(int(match.group(1)), match.group(2))

    def after(self, start: date) -> date:
        return _after(self.amount, self.unit, start)

    def before(self, end: date) -> date:
        return end - (self.after(end) - end)

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


@lru_cache(maxsize=1 << 12)  # a KB's articles share a few periods and review dates, asked by three rules each
def _after(amount: int, unit: str, start: date) -> date:
    if unit == "d":
        return start + timedelta(days=amount)
    if unit == "w":
        return start + timedelta(weeks=amount)
    months = amount * (12 if unit == "y" else 1)
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)
