"""Check motcua's incomplete beta function and its inverse against SciPy on random arguments.

Run from the project root (needs SciPy, which motcua itself does not use)::

    python bench/check_special.py                  # 200,000 betainc and 20,000 betaincinv cases
    python bench/check_special.py --quick          # a tenth of that

``betainc(a, b, x)`` is compared with ``scipy.special.betainc`` for a and b log-uniform in
[1e-4, 1e3] and x near 0, near 1 or uniform; the largest absolute difference is printed.
``betaincinv(a, b, p)`` is judged by its own definition rather than by SciPy (whose quantiles
are the less accurate ones in the far tails): an answer x is right when p lies between
``betainc`` at the doubles on either side of x (to 1e-9 relative), or when x is 0.0 and the
quantile lies below the smallest normal double. p ranges down to 1e-300; a and b over
[1e-4, 1e4]. The script exits 1 if any inverse is wrong or fails to converge.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time

import scipy.special as sp  # type: ignore[import-untyped]  # a check-time tool, not a dependency

from motcua._special import betainc, betaincinv


def _x(rng: random.Random) -> float:
    return rng.choice([10 ** rng.uniform(-8, -1), 1 - 10 ** rng.uniform(-8, -1), rng.random()])


def check_betainc(samples: int, rng: random.Random) -> float:
    worst = 0.0
    for _ in range(samples):
        a, b, x = 10 ** rng.uniform(-4, 3), 10 ** rng.uniform(-4, 3), _x(rng)
        if 0.0 < x < 1.0:
            worst = max(worst, abs(betainc(a, b, x) - float(sp.betainc(a, b, x))))
    return worst


def inverse_is_right(a: float, b: float, p: float, x: float) -> bool:
    if x == 0.0:
        return betainc(a, b, sys.float_info.min) >= p
    below, above = betainc(a, b, math.nextafter(x, 0.0)), betainc(a, b, math.nextafter(x, 1.0))
    return (below <= p * (1 + 1e-9) and above >= p * (1 - 1e-9)) or abs(betainc(a, b, x) - p) <= 1e-12 * p


def check_betaincinv(samples: int, rng: random.Random) -> tuple[int, int]:
    wrong = failed = 0
    for _ in range(samples):
        a, b = 10 ** rng.uniform(-4, 4), 10 ** rng.uniform(-4, 4)
        p = rng.choice([10 ** rng.uniform(-300, -1), rng.random(), 1 - 10 ** rng.uniform(-15, -1)])
        if not 0.0 < p < 1.0:
            continue
        try:
            x = betaincinv(a, b, p)
        except ArithmeticError:
            failed += 1
            continue
        if not inverse_is_right(a, b, p, x):
            wrong += 1
    return wrong, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the cases")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    scale = 10 if args.quick else 1
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    worst = check_betainc(200_000 // scale, rng)
    print(f"betainc: {200_000 // scale:,} cases, largest |motcua - SciPy| = {worst:.2e}")
    wrong, failed = check_betaincinv(20_000 // scale, rng)
    print(f"betaincinv: {20_000 // scale:,} cases, {wrong} wrong, {failed} not converged")
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 1 if wrong or failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
