"""Record the reference values that tests/test_stats.py checks motcua's pure-Python statistics against.

Run offline, by hand, when the cases change (it needs SciPy, statsmodels and mpmath, which motcua
does not depend on):  python tests/data/make_proportion_vectors.py > tests/data/proportion_vectors.json

Fisher's p-values come from mpmath at 50 digits, not from SciPy: at n = 10**7 SciPy's
``fisher_exact`` is off by a relative 1e-9 (its hypergeometric probabilities lose digits), which
is larger than the tolerance the tests hold motcua to.
"""

from __future__ import annotations

import json
import math
import random
import sys

import mpmath
import scipy
import statsmodels
from scipy import special, stats
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    multinomial_proportions_confint,
    proportion_confint,
    test_proportions_2indep,
)

CASES = [
    (517, 517),
    (415, 415),
    (102, 102),
    (0, 10),
    (5, 10),
    (1, 8),
    (3, 7),
    (17, 517),
    (500, 517),
    (9158, 9158),
    (0, 1),
    (1, 1),
    (999, 1000),
    (1, 1000),
    (30, 31),
    (12, 29),
    # Large samples (a province's or the national portal's yearly dossiers), where a naive
    # log-beta loses up to 1e-9.
    (123_456, 1_000_000),
    (999_000, 1_000_000),
    (3_300_000, 10**7),
    (5_000_000, 10**7),
    (9_999_990, 10**7),
    (1, 10**7),
    (10**7, 10**7),
]
METHODS = {"wilson": "wilson", "clopper-pearson": "beta", "jeffreys": "jeffreys", "agresti-coull": "agresti_coull"}
CONFIDENCES = [0.95, 0.9, 0.99, 0.8, 0.5, 0.999]
PAIRS = [
    ((517, 517), (480, 500)),
    ((517, 517), (500, 500)),
    ((415, 415), (102, 102)),
    ((40, 50), (30, 50)),
    ((3, 10), (7, 12)),
    ((0, 20), (0, 15)),
    ((9158, 9158), (8000, 8500)),
    ((1, 2), (2, 2)),
    ((999_000, 1_000_000), (998_500, 1_000_000)),
    ((3, 10**7), (30, 10**7)),
    ((4_990_000, 10**7), (5_000_000, 10**7)),
    ((5_000_000, 10**7), (5_001_000, 10**7)),
]


def interval(x: int, n: int, conf: float, method: str) -> list[float]:
    low, high = (float(v) for v in proportion_confint(x, n, 1 - conf, METHODS[method]))
    return [low, high]


def fisher_exact_mp(x1: int, n1: int, x2: int, n2: int) -> float:
    """Fisher's two-sided p-value at 50 digits: tables no more likely than the observed one (SciPy's 1 + 1e-7)."""
    mpmath.mp.dps = 50
    total, successes, draws = n1 + n2, x1 + x2, n1
    lo, hi = max(0, draws - (total - successes)), min(draws, successes)

    def log_pmf(k: int) -> mpmath.mpf:
        def log_comb(n: int, r: int) -> mpmath.mpf:
            return mpmath.loggamma(n + 1) - mpmath.loggamma(r + 1) - mpmath.loggamma(n - r + 1)

        return log_comb(successes, k) + log_comb(total - successes, draws - k) - log_comb(total, draws)

    def ratio_up(k: int) -> mpmath.mpf:  # pmf(k + 1) / pmf(k)
        return mpmath.mpf((successes - k) * (draws - k)) / ((k + 1) * (total - successes - draws + k + 1))

    mode = min(max((draws + 1) * (successes + 1) // (total + 2), lo), hi)
    limit = mpmath.exp(log_pmf(x1)) * (1 + mpmath.mpf("1e-7"))
    top = mpmath.exp(log_pmf(mode))
    if top <= limit:
        return 1.0
    total_p = mpmath.mpf(0)
    for direction in (1, -1):  # walk from the mode to each end, stopping once terms are negligible
        k, term = mode, top
        while lo <= k + direction <= hi:
            term = term * ratio_up(k) if direction == 1 else term / ratio_up(k - 1)
            k += direction
            if term <= limit:
                total_p += term
            if term < limit * mpmath.mpf("1e-40"):  # the observed table itself is in the sum
                break
    return float(total_p)


def main() -> None:
    out: dict[str, object] = {
        "generated_with": {
            "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__,
            "mpmath": mpmath.__version__,
        },
        "note": "statsmodels does not set Jeffreys bounds to 0/1 at x=0/x=n nor Wilson's upper bound to exactly 1; "
        "the tests apply those documented adjustments before comparing. Fisher p-values: mpmath at 50 digits.",
    }
    out["intervals"] = [
        {"x": x, "n": n, "confidence": c, "method": m, "interval": interval(x, n, c, m)}
        for x, n in CASES
        for c in CONFIDENCES
        for m in METHODS
    ]
    out["one_sided"] = [
        {
            "x": x,
            "n": n,
            "confidence": c,
            "method": m,
            # statsmodels names the alternative hypothesis: "smaller" yields the interval [lower, 1].
            "lower": float(proportion_confint(x, n, 1 - c, METHODS[m], alternative="smaller")[0]),
            "upper": float(proportion_confint(x, n, 1 - c, METHODS[m], alternative="larger")[1]),
        }
        for x, n in CASES
        for c in (0.95, 0.9)
        for m in ("wilson", "clopper-pearson")
    ]
    out["binomial_tests"] = [
        {
            "x": x,
            "n": n,
            "target": t,
            "alternative": a,
            "p_value": float(stats.binomtest(x, n, t, alternative=a).pvalue),
        }
        for x, n in CASES
        for t in sorted({0.5, 0.9, 0.95, *([round(x / n, 4)] if 0 < x < n and round(x / n, 4) not in (0, 1) else [])})
        for a in ("greater", "less")
    ]
    comparisons = []
    for (x1, n1), (x2, n2) in PAIRS:
        row: dict[str, object] = {"first": [x1, n1], "second": [x2, n2]}
        row["newcombe"] = [float(v) for v in confint_proportions_2indep(x1, n1, x2, n2, method="newcomb")]
        row["agresti_caffo"] = [float(v) for v in confint_proportions_2indep(x1, n1, x2, n2, method="agresti-caffo")]
        test = test_proportions_2indep(x1, n1, x2, n2, method="agresti-caffo")
        row["z"], row["p_value"] = float(test.statistic), float(test.pvalue)
        row["fisher_p_value"] = fisher_exact_mp(x1, n1, x2, n2)
        comparisons.append(row)
    out["comparisons"] = comparisons
    out["goodman"] = [
        {
            "counts": counts,
            "confidence": c,
            "intervals": multinomial_proportions_confint(counts, 1 - c, "goodman").tolist(),
        }
        for counts in ([300, 200, 17], [415, 0, 0], [10, 20, 30, 5, 1], [3, 4])
        for c in (0.95, 0.9)
    ]
    # Wilson applied to (p_w * n_eff, n_eff): statsmodels accepts non-integer counts.
    strata = []
    for (x1, n1), (x2, n2), w1 in [
        ((415, 415), (102, 102), 0.5),
        ((400, 415), (95, 102), 0.2),
        ((400, 415), (95, 102), 415 / 517),
        ((415, 415), (102, 102), 0.2),
    ]:
        w2 = 1 - w1
        p = w1 * x1 / n1 + w2 * x2 / n2
        n_eff = 1 / (w1 * w1 / n1 + w2 * w2 / n2)
        low, high = (float(v) for v in proportion_confint(p * n_eff, n_eff, 0.05, "wilson"))
        strata.append(
            {
                "first": [x1, n1],
                "second": [x2, n2],
                "weights": [w1, w2],
                "value": p,
                "n_eff": n_eff,
                "wilson": [low, min(high, 1.0) if p < 1 else 1.0],
            }
        )
    out["stratified"] = strata
    rng = random.Random(20161231)
    beta = []
    for _ in range(300):
        a = rng.choice([rng.uniform(0.5, 5), rng.uniform(1, 600), float(rng.randint(1, 600)) + 0.5])
        b = rng.choice([rng.uniform(0.5, 5), rng.uniform(1, 600), float(rng.randint(1, 600)) + 0.5])
        x = rng.random()
        p = rng.choice([0.005, 0.025, 0.05, 0.95, 0.975, rng.random()])
        beta.append(
            {
                "a": a,
                "b": b,
                "x": x,
                "betainc": float(special.betainc(a, b, x)),
                "p": p,
                "betaincinv": float(special.betaincinv(a, b, p)),
            }
        )
    # Large shape parameters with x within four standard deviations of the mean, where the
    # continued fraction is slowest and a naive log-beta cancels most.
    for _ in range(80):
        a = rng.choice([rng.uniform(1e5, 1e7), float(rng.randint(10**5, 10**7))])
        b = rng.choice([rng.uniform(1e5, 1e7), float(rng.randint(10**5, 10**7)) + 1.0, rng.uniform(0.5, 50)])
        mean, sd = a / (a + b), math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
        x = min(1 - 1e-12, max(1e-12, mean + rng.uniform(-4, 4) * sd))
        p = rng.choice([0.0005, 0.025, 0.25, 0.75, 0.975, 0.9995, rng.random()])
        beta.append(
            {
                "a": a,
                "b": b,
                "x": x,
                "betainc": float(special.betainc(a, b, x)),
                "p": p,
                "betaincinv": float(special.betaincinv(a, b, p)),
            }
        )
    out["beta"] = beta
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
