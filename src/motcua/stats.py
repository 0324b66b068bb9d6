"""Proportions with honest intervals, comparisons of two periods, and half-up rounding.

A share such as "517 of 517 citizens satisfied" is reported with its interval, never with the
Wald interval (which collapses to [1, 1] at 100 %). Wilson's score interval is the default;
Clopper–Pearson, Jeffreys and Agresti–Coull are available by name. Everything is pure Python:
the beta quantiles come from :mod:`motcua._special`.

>>> from motcua import Proportion
>>> p = Proportion(517, 517)
>>> p.value
1.0
>>> low, high = p.interval()
>>> round(low, 4), high
(0.9926, 1.0)
>>> p.percent()
Decimal('100.0')
>>> [round(b, 6) for b in p.interval(method="clopper-pearson")]
[0.99289, 1.0]
>>> c = Proportion(517, 517).compare(Proportion(480, 500))
>>> [round(b, 6) for b in c.interval()]
[0.024212, 0.060974]
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal, localcontext
from fractions import Fraction
from statistics import NormalDist
from typing import Any, Literal, SupportsIndex, TypeVar

import attrs

from ._special import betainc, betaincc, betaincinv, hypergeom_two_sided_p
from .errors import InvalidArgumentError, InvalidCountError, NoResponsesError

__all__ = [
    "EXACT_MAX_N",
    "INTERVAL_METHODS",
    "Comparison",
    "Proportion",
    "StratifiedProportion",
    "confidence_percent",
    "half_up",
    "multinomial_intervals",
    "shown_percent",
    "stratified_proportion",
]

#: The interval methods :meth:`Proportion.interval` accepts (Wald is deliberately absent).
INTERVAL_METHODS = ("wilson", "clopper-pearson", "jeffreys", "agresti-coull")

#: The largest n (or, for Fisher's test, the largest total) the exact methods accept: Clopper–Pearson,
#: Jeffreys, the binomial test and Fisher's test. Wilson and Agresti–Coull have no limit (and at
#: such sizes agree with the exact intervals far below any shown decimal).
EXACT_MAX_N = 10**12

# Fisher's sum walks about nine standard deviations of the table: 0.4 s at this size.
_FISHER_MAX_TOTAL = 10**10

Side = Literal["lower", "upper"]
Rounding = Literal["nearest", "down", "up"]
K = TypeVar("K")

_STANDARD_NORMAL = NormalDist()


def half_up(value: float | Decimal, decimals: int = 1) -> Decimal:
    """Round half away from zero, as published figures are (Python's round() rounds half to even).

    >>> half_up(12.25), half_up(12.35), round(12.25, 1)
    (Decimal('12.3'), Decimal('12.4'), 12.2)
    """
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


_ROUNDING = {"nearest": ROUND_HALF_UP, "down": ROUND_FLOOR, "up": ROUND_CEILING}
# Enough digits to hold any double exactly (at most 767 significant digits) times 100.
_EXACT = Context(prec=800)


def shown_percent(share: float | Decimal, decimals: int = 1, rounding: Rounding = "nearest") -> Decimal:
    """A share (0 to 1) in per cent for display: a share never shows as 100 or 0 unless it is so.

    Rounding alone turns 9,154 of 9,158 (99.956 %) into "100.0 %", which is the claim a report
    must not make when four dossiers were late; with ``rounding="nearest"`` (half up; for a
    share) this adds decimals until the figure differs. For the bounds of an interval,
    ``"down"`` (a lower bound) and ``"up"`` (an upper bound) round outward only, so that the
    shown interval contains the computed one: an upper bound of 99.99999 % may show as 100.0
    and a lower bound of 1e-60 % as 0.0, which are still bounds. Display with ``f"{x:f}"``:
    a Decimal of 1e-7 prints in exponent form otherwise.

    >>> shown_percent(9154 / 9158), shown_percent(1.0), shown_percent(0.0004), shown_percent(0.5)
    (Decimal('99.96'), Decimal('100.0'), Decimal('0.04'), Decimal('50.0'))
    >>> shown_percent(0.99262, rounding="down"), shown_percent(0.47089, rounding="up")
    (Decimal('99.2'), Decimal('47.1'))
    """
    if isinstance(share, bool) or not isinstance(share, (int, float, Decimal)):
        raise TypeError(f"shown_percent() needs a number between 0 and 1, got {type(share).__name__}")
    if rounding not in _ROUNDING:
        raise InvalidArgumentError(f"rounding must be 'nearest', 'down' or 'up', got {rounding!r}")
    if rounding == "nearest":
        pct = Decimal(str(share)) * 100  # half up on the digits the value prints as
    else:
        with localcontext(_EXACT):
            pct = Decimal(share) * 100  # the exact binary value: a directed bound must contain it
    if pct.is_nan() or not 0 <= pct <= 100:
        raise InvalidArgumentError(f"a share must lie between 0 and 1, got {share!r}")
    shown = _rounded(pct, decimals, rounding)
    while rounding == "nearest" and ((shown == 100 and pct < 100) or (shown == 0 and pct > 0)):
        # Jump to the decimal where the distance from 100 (or 0) shows, then step on if rounding hides it.
        gap = 100 - pct if shown == 100 else pct
        decimals = max(decimals + 1, -gap.adjusted())
        shown = _rounded(pct, decimals, rounding)
    return shown


def _rounded(value: Decimal, decimals: int, rounding: Rounding) -> Decimal:
    """``value`` to ``decimals`` places in the given direction, never a negative zero."""
    shown = value.quantize(Decimal(1).scaleb(-decimals), rounding=_ROUNDING[rounding])
    return shown.copy_abs() if shown == 0 else shown


def _shown_points(value: float | Fraction, rounding: Rounding) -> Decimal:
    """A difference of shares in percentage points, one decimal, signed (``-0.0`` never shows)."""
    if isinstance(value, Fraction):
        with localcontext(_EXACT):
            exact = Decimal(value.numerator) * 100 / Decimal(value.denominator)
    else:
        with localcontext(_EXACT):
            exact = Decimal(value) * 100
    return _rounded(exact, 1, rounding)


def confidence_percent(confidence: float) -> Decimal:
    """The confidence level in per cent exactly as given: 0.95 → 95, 0.999 → 99.9 (never rounded to 100).

    >>> confidence_percent(0.95), confidence_percent(0.999), confidence_percent(0.995)
    (Decimal('95'), Decimal('99.9'), Decimal('99.5'))
    """
    pct = (Decimal(repr(float(_check_confidence(confidence)))) * 100).normalize()
    # normalize() may leave an exponent (95 -> 9.5E+1); quantize back to plain digits.
    return pct.quantize(Decimal(1)) if pct == pct.to_integral_value() else pct


def _check_confidence(confidence: float) -> float:
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
        raise InvalidArgumentError(f"confidence must be strictly between 0 and 1 (e.g. 0.95), got {confidence!r}")
    return float(confidence)


def _check_method(method: str) -> str:
    name = method.lower().replace("_", "-") if isinstance(method, str) else method
    if name not in INTERVAL_METHODS:
        hint = " (Wald is not offered: it collapses to [1, 1] at 100 %)" if name in ("wald", "normal") else ""
        raise InvalidArgumentError(
            f"unknown interval method {method!r}{hint}; available: {', '.join(INTERVAL_METHODS)}"
        )
    return str(name)


def _check_exact_size(n: float, what: str, limit: int = EXACT_MAX_N, instead: str = "method='wilson'") -> None:
    if n > limit:
        raise InvalidArgumentError(f"{what} supports n up to {limit:,}, got {n:,.0f}; use {instead} instead")


def _bound(x: float, n: float, tail: float, method: str, side: Side) -> float:
    """One bound of a ``method`` interval for ``x`` successes in ``n`` (both may be non-integer).

    ``tail`` is the probability left outside on that side (α/2 for a two-sided interval).
    At 0 % the lower bound is exactly 0.0 and at 100 % the upper bound exactly 1.0, for every
    method: nothing lies beyond them, and floating point must not suggest otherwise.
    """
    if side == "lower" and x <= 0:
        return 0.0
    if side == "upper" and x >= n:
        return 1.0
    z = _STANDARD_NORMAL.inv_cdf(1.0 - tail)
    sign = -1.0 if side == "lower" else 1.0
    if method == "wilson":
        p = x / n
        denom = 1.0 + z * z / n
        centre = (p + z * z / (2.0 * n)) / denom
        half = z * math.sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n)) / denom
        return min(1.0, max(0.0, centre + sign * half))
    if method == "agresti-coull":
        n_tilde = n + z * z
        p_tilde = (x + z * z / 2.0) / n_tilde
        return min(1.0, max(0.0, p_tilde + sign * z * math.sqrt(p_tilde * (1.0 - p_tilde) / n_tilde)))
    _check_exact_size(n, method)
    if method == "clopper-pearson":
        # Closed forms at the boundaries (the beta quantile reduces to a power there).
        if side == "lower":
            return tail ** (1.0 / n) if x >= n else betaincinv(x, n - x + 1.0, tail)
        return 1.0 - tail ** (1.0 / n) if x <= 0 else betaincinv(x + 1.0, n - x, 1.0 - tail)
    # Jeffreys: quantiles of Beta(x + 1/2, n - x + 1/2); the boundary adjustment of Brown, Cai &
    # DasGupta (2001) is the early return above (statsmodels does not apply it).
    return betaincinv(x + 0.5, n - x + 0.5, tail if side == "lower" else 1.0 - tail)


def _interval(x: float, n: float, confidence: float, method: str) -> tuple[float, float]:
    tail = (1.0 - _check_confidence(confidence)) / 2.0
    method = _check_method(method)
    return _bound(x, n, tail, method, "lower"), _bound(x, n, tail, method, "upper")


def _one_sided(x: float, n: float, confidence: float, method: str, side: Side) -> float:
    return _bound(x, n, 1.0 - _check_confidence(confidence), _check_method(method), side)


def _as_count(value: object, where: str) -> int:
    """``value`` as an ``int`` if it is a whole count ≥ 0 (numpy integers too), else :class:`InvalidCountError`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidCountError(f"{where} must be an int, got {type(value).__name__} {value!r}")
    count = int(value)
    if count < 0:
        raise InvalidCountError(f"{where} must not be negative, got {count}")
    return count


def _successes(value: SupportsIndex) -> int:
    return _as_count(value, "Proportion.successes")


def _trials(value: SupportsIndex) -> int:
    return _as_count(value, "Proportion.n")


@attrs.frozen
class Proportion:
    """``successes`` out of ``n`` (n ≥ 1), with confidence intervals (never Wald).

    Counts are ints (numpy integers are accepted and stored as ints); anything else, a negative
    count or ``successes > n`` raises :class:`~motcua.errors.InvalidCountError`, a ``ValueError``.

    >>> Proportion(5, 10).interval(method="agresti-coull") == Proportion(5, 10).interval()
    True
    >>> Proportion(0, 10).rule_of_three()
    (0.0, 0.3)
    """

    successes: int = attrs.field(converter=_successes)
    n: int = attrs.field(converter=_trials)

    def __attrs_post_init__(self) -> None:
        if self.n == 0:
            raise InvalidCountError("Proportion needs n >= 1; a rate over nothing is undefined (report it as None)")
        if self.successes > self.n:
            raise InvalidCountError(f"successes ({self.successes}) cannot exceed n ({self.n})")

    @property
    def value(self) -> float:
        """The share as a float, ``successes / n``."""
        return self.successes / self.n

    @property
    def failures(self) -> int:
        """``n - successes``."""
        return self.n - self.successes

    def percent(self, decimals: int = 1) -> Decimal:
        """The share in per cent, rounded half up."""
        return half_up(Decimal(self.successes) * 100 / Decimal(self.n), decimals)

    def interval(self, confidence: float = 0.95, method: str = "wilson") -> tuple[float, float]:
        """A two-sided interval for the true share: ``wilson`` (score interval) by default.

        ``method`` is one of :data:`~motcua.INTERVAL_METHODS`: ``"clopper-pearson"`` guarantees at least
        the nominal coverage (conservative), ``"jeffreys"`` is the Bayesian interval with the
        Brown–Cai–DasGupta boundary adjustment, ``"agresti-coull"`` the "add z²/2" interval.
        At 100 % the upper bound is exactly 1.0, at 0 % the lower bound exactly 0.0.
        """
        return _interval(self.successes, self.n, confidence, method)

    def lower_bound(self, confidence: float = 0.95, method: str = "wilson") -> float:
        """The one-sided lower bound: the share is at least this, with ``confidence``.

        >>> round(Proportion(517, 517).lower_bound(method="clopper-pearson"), 6)   # 0.05 ** (1/517)
        0.994222
        """
        return _one_sided(self.successes, self.n, confidence, method, "lower")

    def upper_bound(self, confidence: float = 0.95, method: str = "wilson") -> float:
        """The one-sided upper bound: the share is at most this, with ``confidence``."""
        return _one_sided(self.successes, self.n, confidence, method, "upper")

    def rule_of_three(self) -> tuple[float, float]:
        """The quick 95 % one-sided bound for 0 % or 100 % (Hanley & Lippman-Hand 1983).

        With no event in ``n`` trials the event rate is at most about ``3/n``; with every trial a
        success, the share is at least ``1 - 3/n``. Returns ``(low, high)`` with the known side at
        0.0 or 1.0. Any other count raises ``ValueError`` (use :meth:`interval`).
        """
        if self.successes == 0:
            return 0.0, min(1.0, 3.0 / self.n)
        if self.successes == self.n:
            return max(0.0, 1.0 - 3.0 / self.n), 1.0
        raise InvalidArgumentError(
            f"the rule of three applies to 0 % or 100 % only, not {self.successes}/{self.n}; use interval()"
        )

    def binomial_test(self, target: float, alternative: Literal["greater", "less"] = "greater") -> float:
        """The exact one-sided p-value for "the true share exceeds (or falls short of) ``target``".

        Use it for "did the unit still meet its target?" rather than comparing two periods.

        >>> round(Proportion(102, 102).binomial_test(0.95), 7)   # 0.95 ** 102
        0.0053433
        """
        if isinstance(target, bool) or not isinstance(target, (int, float)) or not 0 < target < 1:
            raise InvalidArgumentError(f"target must be a share strictly between 0 and 1, got {target!r}")
        if alternative not in ("greater", "less"):
            raise InvalidArgumentError(f"alternative must be 'greater' or 'less', got {alternative!r}")
        x, n = self.successes, self.n
        _check_exact_size(n, "binomial_test", instead="the interval (method='wilson')")
        if alternative == "greater":  # P(X >= x) under the target share
            return 1.0 if x == 0 else betainc(x, n - x + 1, target)
        # P(X <= x) = 1 - I_p(x + 1, n - x), taken without the subtraction so a tiny p keeps its digits.
        return 1.0 if x == n else betaincc(x + 1, n - x, target)

    def compare(self, other: Proportion, confidence: float = 0.95) -> Comparison:
        """This share minus ``other`` (e.g. this year against last year), with interval and tests."""
        if not isinstance(other, Proportion):
            raise TypeError(f"compare() needs another Proportion, got {type(other).__name__}")
        return Comparison(self, other, _check_confidence(confidence))

    def __str__(self) -> str:
        low, high = self.interval()
        shown = shown_percent(Decimal(self.successes) / Decimal(self.n))
        return f"{self.successes}/{self.n} = {shown:f} % (95 % CI {_shown_interval(low, high)} %)"


def _shown_interval(low: float, high: float, decimals: int = 1) -> str:
    """``low–high`` in per cent, rounded outward so the shown interval contains the computed one."""
    return f"{shown_percent(low, decimals, 'down'):f}–{shown_percent(high, decimals, 'up'):f}"


@attrs.frozen
class Comparison:
    """The difference ``first - second`` of two independent shares (two periods, two channels).

    The interval is Newcombe's hybrid score interval (his method 10), built from the two Wilson
    intervals, which stays finite and sensible at 100 % against 100 %. The default test is
    Agresti and Caffo's (add one success and one failure to each group); Fisher's exact test is
    there for small counts. Score and Wald tests are not offered: they return NaN at 100 %.

    >>> c = Proportion(415, 415).compare(Proportion(102, 102))
    >>> [round(b, 6) for b in c.interval()]
    [-0.009172, 0.036294]
    >>> round(c.p_value(), 6), c.fisher_p_value()
    (0.464375, 1.0)
    """

    first: Proportion
    second: Proportion
    confidence: float = 0.95

    @property
    def difference(self) -> float:
        """The observed difference ``first.value - second.value`` (exactly 0.0 when the shares are equal)."""
        return float(self._exact_difference)

    @property
    def _exact_difference(self) -> Fraction:
        a, b = self.first, self.second
        return Fraction(a.successes, a.n) - Fraction(b.successes, b.n)

    def interval(self, method: Literal["newcombe", "agresti-caffo"] = "newcombe") -> tuple[float, float]:
        """The interval for the difference of the two true shares."""
        if method == "agresti-caffo":
            diff, se = self._agresti_caffo()
            z = _STANDARD_NORMAL.inv_cdf(0.5 + self.confidence / 2.0)
            return max(-1.0, diff - z * se), min(1.0, diff + z * se)
        if method != "newcombe":
            raise InvalidArgumentError(
                f"unknown difference interval {method!r}; available: 'newcombe', 'agresti-caffo'"
            )
        p1, p2 = self.first.value, self.second.value
        l1, u1 = self.first.interval(self.confidence)
        l2, u2 = self.second.interval(self.confidence)
        d = p1 - p2
        return d - math.hypot(p1 - l1, u2 - p2), d + math.hypot(u1 - p1, p2 - l2)

    def _agresti_caffo(self) -> tuple[float, float]:
        a, b = self.first, self.second
        p1, p2 = (a.successes + 1) / (a.n + 2), (b.successes + 1) / (b.n + 2)
        return p1 - p2, math.sqrt(p1 * (1 - p1) / (a.n + 2) + p2 * (1 - p2) / (b.n + 2))

    def z(self) -> float:
        """The Agresti–Caffo z statistic for "the two shares are equal"."""
        diff, se = self._agresti_caffo()
        return diff / se

    def p_value(self) -> float:
        """The two-sided Agresti–Caffo p-value for "the two shares are equal"."""
        return 2.0 * _STANDARD_NORMAL.cdf(-abs(self.z()))

    def fisher_p_value(self) -> float:
        """Fisher's exact two-sided p-value (sums every table no more likely than the observed one).

        Meant for small counts; both groups together may hold up to 10**10 responses (beyond,
        the sum takes seconds: use :meth:`p_value`).
        """
        a, b = self.first, self.second
        total = a.n + b.n
        _check_exact_size(total, "fisher_p_value (both groups together)", _FISHER_MAX_TOTAL, "p_value()")
        return hypergeom_two_sided_p(a.successes, total, a.successes + b.successes, a.n)

    def __str__(self) -> str:
        low, high = self.interval()
        diff = _shown_points(self._exact_difference, "nearest")
        return (
            f"{shown_percent(self.first.value):f} % − {shown_percent(self.second.value):f} % = {diff:f} điểm % "
            f"({confidence_percent(self.confidence)} % CI {_shown_points(low, 'down'):f} đến "
            f"{_shown_points(high, 'up'):f}; p = {self.p_value():.3g}, Agresti–Caffo)"
        )


@attrs.frozen
class StratifiedProportion:
    """A share estimated from strata (e.g. channels) weighted by their shares of the population.

    ``n_eff`` is Kish's effective sample size ``1 / Σ(W_h² / n_h)``; intervals apply the chosen
    method to ``(value, n_eff)``, which stays honest when every stratum is at 100 % (a
    linearised variance is then zero and would give the empty interval [1, 1]).
    """

    strata: Mapping[Any, Proportion]
    weights: Mapping[Any, float]

    @property
    def value(self) -> float:
        """The weighted share ``Σ W_h p_h``: exactly 1.0 (0.0) when every stratum is at 100 % (0 %)."""
        shares = [p.value for p in self.strata.values()]
        low, high = min(shares), max(shares)
        if low == high:
            return low  # weights that sum to 1 - 1e-16 must not turn 100 % into 99.99999999999999 %
        # A weighted mean lies between its extremes; rounding must not carry it outside.
        return min(high, max(low, math.fsum(self.weights[k] * p.value for k, p in self.strata.items())))

    @property
    def n_eff(self) -> float:
        """Kish's effective sample size ``1 / Σ(W_h² / n_h)``."""
        return 1.0 / math.fsum(self.weights[k] ** 2 / p.n for k, p in self.strata.items())

    def interval(self, confidence: float = 0.95, method: str = "wilson") -> tuple[float, float]:
        """The ``method`` interval applied to ``(value, n_eff)``."""
        n_eff = self.n_eff
        return _interval(self.value * n_eff, n_eff, confidence, method)

    def percent(self, decimals: int = 1) -> Decimal:
        """The weighted share in per cent, rounded half up."""
        return half_up(self.value * 100, decimals)

    def __str__(self) -> str:
        low, high = self.interval()
        shown = shown_percent(self.value)
        return f"{shown:f} % (n hiệu dụng {self.n_eff:.1f}; 95 % CI {_shown_interval(low, high)} %)"


def stratified_proportion(
    strata: Mapping[K, Proportion], weights: Mapping[K, float] | None = None
) -> StratifiedProportion:
    """Combine per-stratum shares with population ``weights`` (normalised to sum to 1).

    Pass each stratum's share of the *population* (for channels: of the dossiers received), not
    of the responses. Without weights the strata are weighted by their responses, which gives
    the pooled share back.

    >>> s = stratified_proportion({"online": Proportion(400, 415), "counter": Proportion(95, 102)},
    ...                           {"online": 0.2, "counter": 0.8})
    >>> round(s.value, 6), round(s.n_eff, 2), [round(b, 6) for b in s.interval()]
    (0.937869, 156.96, [0.888661, 0.966157])
    """
    if not strata:
        raise InvalidArgumentError("stratified_proportion needs at least one stratum")
    for key, p in strata.items():
        if not isinstance(p, Proportion):
            raise TypeError(f"stratum {key!r} must be a Proportion, got {type(p).__name__}")
    raw: Mapping[K, float] = {k: float(p.n) for k, p in strata.items()} if weights is None else weights
    unknown = set(raw) - set(strata)
    missing = set(strata) - set(raw)
    if unknown or missing:
        raise InvalidArgumentError(
            f"weights and strata must name the same strata; missing weights: {sorted(map(str, missing))}, "
            f"weights without a stratum: {sorted(map(str, unknown))}"
        )
    for key, w in raw.items():
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w) or w < 0:
            raise InvalidArgumentError(f"weight of {key!r} must be a finite number >= 0, got {w!r}")
    total = math.fsum(raw.values())
    if total <= 0:
        raise InvalidArgumentError("weights must not all be zero")
    kept = {k: p for k, p in strata.items() if raw[k] > 0}
    return StratifiedProportion(kept, {k: raw[k] / total for k in kept})


def multinomial_intervals(counts: Mapping[K, int], confidence: float = 0.95) -> dict[K, tuple[float, float]]:
    """Goodman's (1965) simultaneous intervals for every category of a distribution at once.

    Each category's interval uses the chi-square quantile at α/k (k categories), so that all
    of them hold together with about ``confidence``.

    >>> iv = multinomial_intervals({"Rất hài lòng": 300, "Hài lòng": 200, "Chưa hài lòng": 17})
    >>> [round(b, 4) for b in iv["Rất hài lòng"]]
    [0.5277, 0.6311]
    """
    tail = 1.0 - _check_confidence(confidence)
    k = len(counts)
    if k < 2:
        raise InvalidArgumentError(f"a distribution needs at least two categories, got {k}")
    counts = {key: _as_count(c, f"count of {key!r}") for key, c in counts.items()}
    n = sum(counts.values())
    if n == 0:
        raise NoResponsesError("no responses: a distribution over nothing has no interval")
    # The chi-square(1) quantile at 1 - α/k is the squared normal quantile at 1 - α/(2k).
    a = _STANDARD_NORMAL.inv_cdf(1.0 - tail / (2 * k)) ** 2
    out: dict[K, tuple[float, float]] = {}
    for key, c in counts.items():
        half = math.sqrt(a * (a + 4.0 * c * (n - c) / n))
        low = 0.0 if c == 0 else (a + 2.0 * c - half) / (2.0 * (n + a))
        high = 1.0 if c == n else (a + 2.0 * c + half) / (2.0 * (n + a))
        out[key] = (low, high)
    return out
