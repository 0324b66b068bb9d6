"""The few special functions the interval methods need, in pure Python (no SciPy).

The regularized incomplete beta function ``I_x(a, b)`` gives the binomial tail
(``P(X >= k) = I_p(k, n - k + 1)``) and its inverse gives the Clopper–Pearson and Jeffreys
bounds. The tests compare them with SciPy values recorded in ``tests/data/proportion_vectors.json``,
for arguments up to about 10**7 (and, by hand, up to 10**12).

Large arguments need care: ``a·log x + b·log(1 - x) - log B(a, b)`` subtracts numbers of size
``a`` to get one of size 1, which loses ``a · 1e-16`` (1e-9 at a = 10**7). The factor
``x**a (1-x)**b / B(a, b)`` is therefore computed as Loader (2000) computes binomial
probabilities: Stirling's series for the remainders of ``log Γ`` and the deviance ``bd0``,
both free of that cancellation. The hypergeometric probabilities of Fisher's test use the same
pieces.

>>> round(betainc(2.0, 3.0, 0.4), 12)   # 1 - P(Bin(4, 0.4) <= 1)
0.5248
>>> round(betaincinv(2.0, 3.0, 0.5248), 12)
0.4
"""

from __future__ import annotations

import math
import sys
from statistics import NormalDist

__all__ = ["MAX_ARGUMENT", "betainc", "betaincc", "betaincinv", "hypergeom_logpmf", "hypergeom_two_sided_p"]

#: The largest ``a + b`` the incomplete beta accepts (n + 1 for n = 10**12). The continued fraction
#: needs about 4·(a + b)**(1/3) terms at the mean (44,000 terms, 15 ms, at 10**12); the results
#: stay within a few 1e-15 of SciPy's there.
MAX_ARGUMENT = 1e12 + 1

_EPS = 1e-15
_LN_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)
_LN_2PI = math.log(2.0 * math.pi)
# Stirling's series for log Γ(z) - [(z - ½) log z - z + ½ log 2π]: B_2k / (2k (2k - 1)).
_STIRLING = (1.0 / 12.0, -1.0 / 360.0, 1.0 / 1260.0, -1.0 / 1680.0, 1.0 / 1188.0, -691.0 / 360360.0, 1.0 / 156.0)
_STANDARD_NORMAL = NormalDist()


def _stirlerr(z: float) -> float:
    """``δ(z) = log Γ(z) - (z - ½) log z + z - ½ log 2π`` (the remainder of Stirling's formula), z > 0."""
    # Below 15 the series is not accurate enough; the recurrence δ(z) = δ(z + 1) + (z + ½)·log1p(1/z) - 1
    # climbs there, each step adding a small term without cancellation.
    shift = 0.0
    while z < 15.0:
        shift += (z + 0.5) * math.log1p(1.0 / z) - 1.0
        z += 1.0
    inv2 = 1.0 / (z * z)
    series = 0.0
    for c in reversed(_STIRLING):
        series = series * inv2 + c
    return shift + series / z


def _bd0(x: float, m: float) -> float:
    """The deviance term ``x·log(x/m) + m - x`` (≥ 0), accurate when x and m are close (Loader 2000)."""
    if abs(x - m) < 0.1 * (x + m):
        # The series in v = (x - m)/(x + m) avoids subtracting two nearly equal numbers.
        v = (x - m) / (x + m)
        s = (x - m) * v
        term = 2.0 * x * v
        v2 = v * v
        j = 3.0
        while True:
            term *= v2
            nxt = s + term / j
            if nxt == s:
                return s
            s = nxt
            j += 2.0
    ratio = x / m if m > 0.0 else math.inf
    log_ratio = math.log(ratio) if 0.0 < ratio < math.inf else math.log(x) - math.log(m)
    return x * log_ratio + m - x


def _log_front(a: float, b: float, x: float, y: float) -> float:
    """``log(x**a · y**b / B(a, b))`` with y = 1 - x, without cancellation for large a and b.

    From Stirling's formula with exact remainders δ: the result is
    ``½ log(ab / 2π(a+b)) - bd0(a, x(a+b)) - bd0(b, y(a+b)) - δ(a) - δ(b) + δ(a+b)``.
    """
    s = a + b
    return (
        0.5 * math.log(a / s * b)
        - _LN_SQRT_2PI
        - (_bd0(a, x * s) + _bd0(b, y * s))
        - (_stirlerr(a) + _stirlerr(b) - _stirlerr(s))
    )


def _continued_fraction(a: float, b: float, x: float, y: float, lam: float) -> float:
    """``I_x(a, b) / (x**a y**b / B(a, b))`` by the continued fraction of DiDonato & Morris (1992, BFRAC).

    ``lam = a - (a + b)·x >= 0`` (x at or below the mean) is passed in, computed by the caller
    without cancellation. The textbook fraction (Numerical Recipes' betacf) starts from
    ``1 - (a + b)·x / (a + 1)``, which near the mean loses all but a few digits when a is large
    (1e-10 at a = 7.6e6, b = 44); this form carries ``lam`` instead. It needs a few dozen terms
    in the tails and about 4·(a + b)**(1/3) at the mean.
    """
    c = 1.0 + lam
    c0, c1 = b / a, 1.0 + 1.0 / a
    yp1 = y + 1.0
    n, p, s = 0.0, 1.0, a + 1.0
    an, bn, anp1, bnp1 = 0.0, 1.0, 1.0, c / c1
    r = c1 / c
    for _ in range(1_000 + 50 * int((a + b) ** (1.0 / 3.0))):
        n += 1.0
        t = n / a
        w = n * (b - n) * x
        e = a / s
        alpha = (p * (p + c0) * e * e) * (w * x)
        e = (1.0 + t) / (c1 + t + t)
        beta = n + w / s + e * (c + n * yp1)
        p = 1.0 + t
        s += 2.0
        an, anp1 = anp1, alpha * an + beta * anp1
        bn, bnp1 = bnp1, alpha * bn + beta * bnp1
        previous, r = r, anp1 / bnp1
        if abs(r - previous) <= _EPS * r:
            return r
        # Rescale so that the recurrence neither overflows nor underflows.
        an, bn, anp1, bnp1 = an / bnp1, bn / bnp1, r, 1.0
    raise ArithmeticError(f"incomplete beta did not converge for a={a}, b={b}, x={x}")  # pragma: no cover


def _log_beta(a: float, b: float) -> float:
    """``log B(a, b)``; for a large parameter, ``log Γ(b) - log Γ(a + b)`` comes from Stirling's
    remainders, not as a difference of two large logarithms (which loses ~1e-13 at b ≈ 800)."""
    small, big = min(a, b), max(a, b)
    if big < 10.0:
        return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    s = small + big
    difference = -small * math.log(big) - (s - 0.5) * math.log1p(small / big) + small + _stirlerr(big) - _stirlerr(s)
    return math.lgamma(small) + difference


def _power_series(a: float, b: float, x: float) -> float:
    """``I_x(a, b)`` by its power series in x (DiDonato & Morris's BPSER), for small x.

    ``x**a / (a·B(a, b)) · (1 + a·Σ_j (1-b)(2-b)…(j-b)/j! · x**j/(a+j))``. The fraction above
    needs thousands of terms when one parameter is tiny and x is near 1 (a stratified share of
    almost 100 % gives b ≈ 1e-4); there the symmetric tail has x ≈ 1e-4 and this series needs a
    handful.
    """
    log_front = a * math.log(x) - math.log(a) - _log_beta(a, b)
    total, coefficient = 0.0, 1.0
    for j in range(1, 10_000):
        coefficient *= (j - b) / j * x
        term = coefficient / (a + j)
        total += term
        if abs(term) <= _EPS * abs(total):
            break
    return math.exp(log_front) * (1.0 + a * total)


def _check(a: float, b: float, name: str) -> None:
    if not (a > 0 and b > 0):
        raise ValueError(f"{name} needs a > 0 and b > 0, got a={a}, b={b}")
    if a + b > MAX_ARGUMENT:
        raise ValueError(f"{name} supports a + b <= {MAX_ARGUMENT:.0e}, got a={a}, b={b}")


def _betainc_pair(a: float, b: float, x: float) -> tuple[float, float]:
    """``(I_x(a, b), 1 - I_x(a, b))``; the one on x's side of the mean is computed directly, with full
    relative accuracy (a tiny tail keeps its digits), the other as 1 minus it. With a parameter
    below 1 and x near an end, the short side's series decides which is direct; the other keeps
    its absolute accuracy (~1e-15) but not always its relative one (integer counts never go there)."""
    _check(a, b, "betainc")
    if not 0.0 <= x <= 1.0:
        raise ValueError(f"betainc needs 0 <= x <= 1, got {x}")
    if x == 0.0:
        return 0.0, 1.0
    if x == 1.0:
        return 1.0, 0.0
    y = 1.0 - x
    # λ = a - (a + b)·x, written (as DiDonato & Morris do) so that the larger parameter multiplies y
    # or x exactly where the subtraction is small. λ >= 0: x is at or below the mean, where the
    # fraction for I_x(a, b) converges; otherwise use the symmetry I_x(a, b) = 1 - I_{1-x}(b, a).
    lam = (a + b) * y - b if a > b else a - (a + b) * x
    if min(a, b) < 1.0:
        # A parameter below 1 with x near an end: the series on the short side converges at once
        # (its terms shrink like (b·x)**j / j!, so only where b·x is small).
        if x <= y and b * x <= 0.5:
            low = _power_series(a, b, x)
            return low, 1.0 - low
        if y < x and a * y <= 0.5:
            high = _power_series(b, a, y)
            return 1.0 - high, high
    if lam >= 0.0:
        low = math.exp(_log_front(a, b, x, y)) * _continued_fraction(a, b, x, y, lam)
        return low, 1.0 - low
    high = math.exp(_log_front(b, a, y, x)) * _continued_fraction(b, a, y, x, -lam)
    return 1.0 - high, high


def betainc(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function ``I_x(a, b)`` for ``a, b > 0`` and ``0 <= x <= 1``."""
    return _betainc_pair(a, b, x)[0]


def betaincc(a: float, b: float, x: float) -> float:
    """``1 - I_x(a, b)``, computed without the subtraction where it is small (upper binomial tails)."""
    return _betainc_pair(a, b, x)[1]


def betaincinv(a: float, b: float, p: float) -> float:
    """The ``x`` with ``I_x(a, b) = p``: the ``p`` quantile of the Beta(a, b) distribution.

    Newton steps on ``log I_x - log p`` for small p (on ``I_x - p`` otherwise): in a tail the
    plain function is nearly flat on a log scale and Newton would crawl. Steps are kept inside a
    shrinking bracket (bisected geometrically while it spans orders of magnitude), so every step
    makes progress; a quantile below the smallest normal double is returned as 0.0. Raises
    ``ArithmeticError`` rather than return an unconverged value.
    """
    _check(a, b, "betaincinv")
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"betaincinv needs 0 <= p <= 1, got {p}")
    if p == 0.0 or p == 1.0:
        return p
    if betainc(a, b, sys.float_info.min) >= p:
        return 0.0  # the quantile lies below every normal double
    use_log = p < 1e-3
    log_p = math.log(p)
    low, high = 0.0, 1.0
    # Start from the normal approximation: near the answer for large a + b, where each
    # evaluation is costly; inside (0, 1) always.
    s = a + b
    mean, sd = a / s, math.sqrt(a * b / (s * s * (s + 1.0)))
    x = mean + _STANDARD_NORMAL.inv_cdf(p) * sd
    if not 0.0 < x < 1.0:
        x = mean
    for _ in range(300):
        value = betainc(a, b, x)
        f = (math.log(value) - log_p if value > 0.0 else -math.inf) if use_log else value - p
        if f == 0.0:
            return x
        if f < 0.0:
            low = x
        else:
            high = x
        y = 1.0 - x
        if y <= 0.0:  # the quantile is within one double of 1
            return high
        log_density = _log_front(a, b, x, y) - math.log(x) - math.log(y)
        # f / (d f / dx), without overflow: a huge density (near 0 for a < 1) just makes a tiny step.
        if use_log:
            log_density -= math.log(value) if value > 0.0 else -math.inf
        step = f * math.exp(-log_density) if -700.0 < log_density < math.inf else math.copysign(math.inf, f)
        candidate = x - step
        # Fall back to bisection when Newton would leave the bracket: geometric while the bracket
        # spans orders of magnitude (a quantile of 1e-60 is 200 halvings away from 1, but a few
        # dozen square roots), by halves once it is narrow.
        if low < candidate < high:
            x_new = candidate
        elif low == 0.0:
            x_new = high * 1e-16 if high > 1e-290 else high / 2.0
        elif high > 4.0 * low:
            x_new = math.sqrt(low * high)
        else:
            x_new = (low + high) / 2.0
        if abs(x_new - x) <= 4e-17 * max(x, 1e-300) or high - low <= 4e-17 * max(high, 1e-300):
            return x_new
        x = x_new
    raise ArithmeticError(f"betaincinv did not converge for a={a}, b={b}, p={p}")  # pragma: no cover


def _log_binom_pmf(k: int, n: int, p: float, q: float) -> float:
    """``log P(X = k)`` for X ~ Bin(n, p), q = 1 - p, in Loader's saddle-point form."""
    if k < 0 or k > n:
        return -math.inf
    if p == 0.0:
        return 0.0 if k == 0 else -math.inf
    if q == 0.0:
        return 0.0 if k == n else -math.inf
    if k == 0:
        return 0.0 if n == 0 else (-_bd0(n, n * q) - n * p if p < 0.1 else n * math.log(q))
    if k == n:
        return -_bd0(n, n * p) - n * q if q < 0.1 else n * math.log(p)
    lc = _stirlerr(n) - _stirlerr(k) - _stirlerr(n - k) - _bd0(k, n * p) - _bd0(n - k, n * q)
    return lc - 0.5 * (_LN_2PI + math.log(k) + math.log1p(-k / n))


def hypergeom_logpmf(k: int, total: int, successes: int, draws: int) -> float:
    """``log P(K = k)`` for ``K`` hypergeometric: ``draws`` taken from ``total`` holding ``successes``.

    Written as three binomial probabilities at ``p = draws / total`` (as R's ``dhyper`` does), so
    that no large log-factorials are subtracted.
    """
    if k < max(0, draws - (total - successes)) or k > min(draws, successes):
        return -math.inf
    p = draws / total
    q = (total - draws) / total
    return (
        _log_binom_pmf(k, successes, p, q)
        + _log_binom_pmf(draws - k, total - successes, p, q)
        - _log_binom_pmf(draws, total, p, q)
    )


def hypergeom_two_sided_p(k: int, total: int, successes: int, draws: int) -> float:
    """Fisher's two-sided p-value: the probability of every table no more likely than the observed one.

    "No more likely" allows a relative 1e-7, as SciPy does, so that tables tied with the observed
    one stay in the sum despite rounding. The hypergeometric distribution is log-concave, so the
    tables kept form the two outer ends of the support; each end is summed outward from its
    inner edge until the rest is provably below 1e-17 of the sum, whatever the size of the table.
    """
    lo, hi = max(0, draws - (total - successes)), min(draws, successes)
    mode = (draws + 1) * (successes + 1) // (total + 2)
    mode = min(max(mode, lo), hi)

    def logpmf(j: int) -> float:
        return hypergeom_logpmf(j, total, successes, draws)

    limit = logpmf(k) + math.log1p(1e-7)
    if logpmf(mode) <= limit:
        return 1.0  # every table is as likely as the observed one or less: all of them count
    terms: list[float] = []
    # Left end: the largest j < mode with logpmf(j) <= limit (logpmf rises up to the mode).
    if lo < mode and logpmf(lo) <= limit:
        first, last = lo, mode - 1
        while first < last:
            mid = (first + last + 1) // 2
            first, last = (mid, last) if logpmf(mid) <= limit else (first, mid - 1)
        terms += _outward(first, lo, -1, total, successes, draws)
    # Right end: the smallest j > mode with logpmf(j) <= limit (logpmf falls after the mode).
    if mode < hi and logpmf(hi) <= limit:
        first, last = mode + 1, hi
        while first < last:
            mid = (first + last) // 2
            first, last = (first, mid) if logpmf(mid) <= limit else (mid + 1, last)
        terms += _outward(first, hi, 1, total, successes, draws)
    return min(1.0, math.fsum(terms))


def _outward(start: int, end: int, step: int, total: int, successes: int, draws: int) -> list[float]:
    """Hypergeometric probabilities from ``start`` to ``end`` (moving away from the mode) while they matter."""
    terms: list[float] = []
    running = 0.0
    j = start
    term = 0.0
    while True:
        # Neighbours follow by the ratio of consecutive probabilities; an exact value every 32 steps
        # keeps the rounding of the products from building up.
        if (j - start) % 32 == 0:
            term = math.exp(hypergeom_logpmf(j, total, successes, draws))
        terms.append(term)
        running += term
        if j == end or term == 0.0:
            return terms
        # The ratio shrinks moving away from the mode (log-concavity), so the rest is at most
        # term * r / (1 - r) with r the current ratio.
        if step > 0:
            r = (successes - j) * (draws - j) / ((j + 1) * (total - successes - draws + j + 1))
        else:
            r = j * (total - successes - draws + j) / ((successes - j + 1) * (draws - j + 1))
        if r < 1.0 and term * r / (1.0 - r) < 1e-17 * running:
            return terms
        term *= r
        j += step
