"""Record the reference values that tests/test_stats.py checks motcua's pure-Python statistics against.

Run offline, by hand, when the cases change (it needs SciPy and statsmodels, which motcua does
not depend on):  python tests/data/make_proportion_vectors.py > tests/data/proportion_vectors.json
"""

from __future__ import annotations

import json
import random
import sys

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
]
METHODS = {"wilson": "wilson", "clopper-pearson": "beta", "jeffreys": "jeffreys", "agresti-coull": "agresti_coull"}
CONFIDENCES = [0.95, 0.9, 0.99, 0.8]
PAIRS = [
    ((517, 517), (480, 500)),
    ((517, 517), (500, 500)),
    ((415, 415), (102, 102)),
    ((40, 50), (30, 50)),
    ((3, 10), (7, 12)),
    ((0, 20), (0, 15)),
    ((9158, 9158), (8000, 8500)),
    ((1, 2), (2, 2)),
]


def interval(x: int, n: int, conf: float, method: str) -> list[float]:
    low, high = (float(v) for v in proportion_confint(x, n, 1 - conf, METHODS[method]))
    return [low, high]


def main() -> None:
    out: dict[str, object] = {
        "generated_with": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__},
        "note": "statsmodels does not set Jeffreys bounds to 0/1 at x=0/x=n nor Wilson's upper bound to exactly 1; "
        "the tests apply those documented adjustments before comparing.",
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
        for t in (0.5, 0.9, 0.95)
        for a in ("greater", "less")
    ]
    comparisons = []
    for (x1, n1), (x2, n2) in PAIRS:
        row: dict[str, object] = {"first": [x1, n1], "second": [x2, n2]}
        row["newcombe"] = [float(v) for v in confint_proportions_2indep(x1, n1, x2, n2, method="newcomb")]
        row["agresti_caffo"] = [float(v) for v in confint_proportions_2indep(x1, n1, x2, n2, method="agresti-caffo")]
        test = test_proportions_2indep(x1, n1, x2, n2, method="agresti-caffo")
        row["z"], row["p_value"] = float(test.statistic), float(test.pvalue)
        row["fisher_p_value"] = float(stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]]).pvalue)
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
    out["beta"] = beta
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
