"""Proportions with honest intervals, and the half-up rounding official reports use.

>>> from motcua import Proportion
>>> p = Proportion(517, 517)
>>> p.value
1.0
>>> low, high = p.interval()
>>> round(low, 4), high
(0.9926, 1.0)
>>> p.percent()
Decimal('100.0')
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from statistics import NormalDist

import attrs

__all__ = ["Proportion", "half_up"]


def half_up(value: float | Decimal, decimals: int = 1) -> Decimal:
    """Round half away from zero, as published figures are (Python's round() rounds half to even).

    >>> half_up(12.25), half_up(12.35), round(12.25, 1)
    (Decimal('12.3'), Decimal('12.4'), 12.2)
    """
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def _count(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"Proportion.{attribute.name} must be an int, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"Proportion.{attribute.name} must not be negative, got {value}")


@attrs.frozen
class Proportion:
    """``successes`` out of ``n`` (n ≥ 1), with confidence intervals (never Wald)."""

    successes: int = attrs.field(validator=_count)
    n: int = attrs.field(validator=_count)

    def __attrs_post_init__(self) -> None:
        if self.n == 0:
            raise ValueError("Proportion needs n >= 1; a rate over nothing is undefined (report it as None)")
        if self.successes > self.n:
            raise ValueError(f"successes ({self.successes}) cannot exceed n ({self.n})")

    @property
    def value(self) -> float:
        return self.successes / self.n

    def percent(self, decimals: int = 1) -> Decimal:
        """The share in per cent, rounded half up."""
        return half_up(Decimal(self.successes) * 100 / Decimal(self.n), decimals)

    def interval(self, confidence: float = 0.95, method: str = "wilson") -> tuple[float, float]:
        """A two-sided interval for the true share; ``wilson`` (score interval) by default.

        At 100 % the upper bound is exactly 1.0, at 0 % the lower bound exactly 0.0.
        """
        if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
            raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
        if method != "wilson":
            raise ValueError(f"unknown interval method {method!r}; available: 'wilson'")
        z = NormalDist().inv_cdf(0.5 + confidence / 2)
        x, n = self.successes, self.n
        p = x / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
        low = 0.0 if x == 0 else max(0.0, centre - half)
        high = 1.0 if x == n else min(1.0, centre + half)
        return low, high

    def __str__(self) -> str:
        low, high = self.interval()
        return f"{self.successes}/{self.n} = {self.percent()} % (95 % CI {half_up(low * 100)}–{half_up(high * 100)} %)"
