"""Proportions and half-up rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from motcua import Proportion, half_up


def test_value_and_percent() -> None:
    p = Proportion(415, 517)
    assert p.value == pytest.approx(0.8027079303675048, abs=1e-15)
    assert p.percent() == Decimal("80.3")
    assert p.percent(3) == Decimal("80.271")
    assert str(Proportion(1, 8)) == "1/8 = 12.5 % (95 % CI 2.2–47.1 %)"


def test_wilson_bounds_are_exact_at_the_edges() -> None:
    assert Proportion(517, 517).interval()[1] == 1.0
    assert Proportion(0, 30).interval()[0] == 0.0


# Test vectors recorded from statsmodels 0.15.0 and SciPy 1.17.1 (two-sided 95 %).
@pytest.mark.parametrize(
    ("x", "n", "low", "high"),
    [
        (517, 517, 0.9926245141287484, 1.0),
        (415, 415, 0.9908283701629962, 1.0),
        (102, 102, 0.9637055378535367, 1.0),
        (0, 10, 0.0, 0.27753279986288926),
        (5, 10, 0.23659309051256394, 0.7634069094874361),
    ],
)
def test_wilson_test_vectors(x: int, n: int, low: float, high: float) -> None:
    assert Proportion(x, n).interval() == pytest.approx((low, high), abs=1e-12)


def test_half_up_is_not_bankers_rounding() -> None:
    assert half_up(0.125, 2) == Decimal("0.13")
    assert half_up(2.5, 0) == Decimal("3")
    assert round(2.5) == 2


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: Proportion(3, 2), ValueError, "cannot exceed"),
        (lambda: Proportion(-1, 2), ValueError, "must not be negative"),
        (lambda: Proportion(0, 0), ValueError, "n >= 1"),
        (lambda: Proportion(1.0, 2), TypeError, "must be an int"),
        (lambda: Proportion(1, 2).interval(1.0), ValueError, "strictly between 0 and 1"),
        (lambda: Proportion(1, 2).interval(method="wald"), ValueError, "unknown interval method"),
    ],
)
def test_bad_input(make: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        make()  # type: ignore[operator]
