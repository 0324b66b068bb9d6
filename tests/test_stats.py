"""Proportions and half-up rounding."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from motcua import MotcuaError, Proportion, half_up, multinomial_intervals, shown_percent, stratified_proportion
from motcua._special import betainc, betaincc, betaincinv
from motcua.errors import InvalidArgumentError, InvalidCountError
from motcua.stats import EXACT_MAX_N, INTERVAL_METHODS, confidence_percent


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


class TestCounts:
    """Bad counts raise InvalidCountError: a ValueError (the contract), a TypeError, a MotcuaError."""

    @pytest.mark.parametrize(
        ("successes", "n", "message"),
        [
            (3, 2, "cannot exceed"),
            (-1, 2, "must not be negative"),
            (0, 0, "n >= 1"),
            (1.0, 2, "must be an int"),
            (True, 2, "must be an int"),
            (1, 2.0, "must be an int"),
            ("1", 2, "must be an int"),
        ],
    )
    def test_every_bad_count_is_one_error(self, successes: Any, n: Any, message: str) -> None:
        for caught in (InvalidCountError, ValueError, TypeError, MotcuaError):
            with pytest.raises(caught, match=message):
                Proportion(successes, n)

    def test_numpy_integers_are_counts(self) -> None:
        np = pytest.importorskip("numpy")
        p = Proportion(np.int64(415), np.int32(517))
        assert (type(p.successes), type(p.n)) == (int, int)
        assert p == Proportion(415, 517)
        with pytest.raises(InvalidCountError, match="must be an int"):
            Proportion(np.float64(1.0), 2)
        with pytest.raises(InvalidCountError, match="must be an int"):
            Proportion(np.bool_(True), 2)
        assert multinomial_intervals({"a": np.int64(3), "b": np.int64(4)}) == multinomial_intervals({"a": 3, "b": 4})

    def test_other_bad_arguments_are_motcua_value_errors(self) -> None:
        for make in (
            lambda: Proportion(1, 2).interval(1.5),
            lambda: Proportion(1, 2).interval(method="wald"),
            lambda: Proportion(1, 2).binomial_test(2.0),
            lambda: stratified_proportion({"a": Proportion(1, 2)}, {"a": -1.0}),
            lambda: shown_percent(1.5),
        ):
            with pytest.raises(InvalidArgumentError) as caught:
                make()
            assert isinstance(caught.value, ValueError)
            assert isinstance(caught.value, MotcuaError)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: Proportion(3, 2), ValueError, "cannot exceed"),
        (lambda: Proportion(-1, 2), ValueError, "must not be negative"),
        (lambda: Proportion(0, 0), ValueError, "n >= 1"),
        (lambda: Proportion(1.0, 2), TypeError, "must be an int"),
        (lambda: Proportion(1, 2).interval(1.0), ValueError, "strictly between 0 and 1"),
        (lambda: Proportion(1, 2).interval(method="wald"), ValueError, "unknown interval method"),
        (lambda: Proportion(1, 2).interval(method="exact"), ValueError, "available: wilson, clopper-pearson"),
    ],
)
def test_bad_input(make: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        make()  # type: ignore[operator]


# --------------------------------------------------------------------------- recorded reference values

VECTORS = json.loads((Path(__file__).parent / "data" / "proportion_vectors.json").read_text(encoding="utf-8"))


def _adjusted(row: dict[str, Any]) -> tuple[float, float]:
    """statsmodels' interval with the boundary conventions motcua documents (exact 0.0 / 1.0)."""
    low, high = row["interval"]
    if row["x"] == 0 and row["method"] in ("jeffreys", "wilson"):
        low = 0.0
    if row["x"] == row["n"] and row["method"] in ("jeffreys", "wilson"):
        high = 1.0
    return low, high


@pytest.mark.parametrize(
    "row", VECTORS["intervals"], ids=lambda r: f"{r['x']}/{r['n']}-{r['method']}-{r['confidence']}"
)
def test_intervals_match_statsmodels(row: dict[str, Any]) -> None:
    got = Proportion(row["x"], row["n"]).interval(row["confidence"], row["method"])
    assert got == pytest.approx(_adjusted(row), abs=1e-12)


@pytest.mark.parametrize(
    "row", VECTORS["one_sided"], ids=lambda r: f"{r['x']}/{r['n']}-{r['method']}-{r['confidence']}"
)
def test_one_sided_bounds_match_statsmodels(row: dict[str, Any]) -> None:
    p = Proportion(row["x"], row["n"])
    lower = 0.0 if row["x"] == 0 else row["lower"]
    upper = 1.0 if row["x"] == row["n"] else row["upper"]
    assert p.lower_bound(row["confidence"], row["method"]) == pytest.approx(lower, abs=1e-12)
    assert p.upper_bound(row["confidence"], row["method"]) == pytest.approx(upper, abs=1e-12)


def _close_p_value(got: float, expected: float) -> None:
    """A p-value to 1e-12 absolute; below 1e-3 also to 1e-11 relative, so a tiny tail keeps its digits."""
    assert got == pytest.approx(expected, rel=0, abs=1e-12)
    if expected < 1e-3:
        assert got == pytest.approx(expected, rel=1e-11, abs=0)


@pytest.mark.parametrize(
    "row", VECTORS["binomial_tests"], ids=lambda r: f"{r['x']}/{r['n']}-{r['target']}-{r['alternative']}"
)
def test_binomial_test_matches_scipy(row: dict[str, Any]) -> None:
    _close_p_value(Proportion(row["x"], row["n"]).binomial_test(row["target"], row["alternative"]), row["p_value"])


@pytest.mark.parametrize("row", VECTORS["comparisons"], ids=lambda r: f"{r['first']}-vs-{r['second']}")
def test_comparisons_match_statsmodels_and_exact_fisher(row: dict[str, Any]) -> None:
    c = Proportion(*row["first"]).compare(Proportion(*row["second"]))
    assert c.interval() == pytest.approx(tuple(row["newcombe"]), abs=1e-12)
    assert c.interval("agresti-caffo") == pytest.approx(tuple(row["agresti_caffo"]), abs=1e-12)
    assert c.z() == pytest.approx(row["z"], abs=1e-9)
    assert c.p_value() == pytest.approx(row["p_value"], abs=1e-12)
    _close_p_value(c.fisher_p_value(), row["fisher_p_value"])  # the reference is mpmath at 50 digits


@pytest.mark.parametrize("row", VECTORS["goodman"], ids=lambda r: f"{r['counts']}-{r['confidence']}")
def test_goodman_intervals_match_statsmodels(row: dict[str, Any]) -> None:
    counts = {f"level{i}": c for i, c in enumerate(row["counts"])}
    got = multinomial_intervals(counts, row["confidence"])
    n = sum(row["counts"])
    for (key, (low, high)), (ref_low, ref_high), c in zip(got.items(), row["intervals"], row["counts"], strict=True):
        # motcua pins the impossible side exactly: no share below 0 % when nobody chose the level.
        assert low == pytest.approx(0.0 if c == 0 else ref_low, abs=1e-12), key
        assert high == pytest.approx(1.0 if c == n else ref_high, abs=1e-12), key


@pytest.mark.parametrize("row", VECTORS["stratified"], ids=lambda r: f"{r['first']}-{r['second']}-{r['weights']}")
def test_stratified_wilson_on_kish_n_eff(row: dict[str, Any]) -> None:
    s = stratified_proportion(
        {"online": Proportion(*row["first"]), "in_person": Proportion(*row["second"])},
        dict(zip(("online", "in_person"), row["weights"], strict=True)),
    )
    assert s.value == pytest.approx(row["value"], abs=1e-12)
    assert s.n_eff == pytest.approx(row["n_eff"], abs=1e-9)
    assert s.interval() == pytest.approx(tuple(row["wilson"]), abs=1e-12)


@pytest.mark.parametrize("row", VECTORS["beta"], ids=lambda r: f"a{r['a']:.2f}-b{r['b']:.2f}")
def test_special_functions_match_scipy(row: dict[str, Any]) -> None:
    assert betainc(row["a"], row["b"], row["x"]) == pytest.approx(row["betainc"], abs=1e-12)
    assert betaincc(row["a"], row["b"], row["x"]) == pytest.approx(1.0 - row["betainc"], abs=1e-12)
    assert betaincinv(row["a"], row["b"], row["p"]) == pytest.approx(row["betaincinv"], abs=1e-12)


def test_the_vectors_reach_ten_million_and_the_extreme_confidences() -> None:
    assert max(r["n"] for r in VECTORS["intervals"]) == 10**7
    assert {0.5, 0.999} <= {r["confidence"] for r in VECTORS["intervals"]}
    assert max(r["a"] for r in VECTORS["beta"]) > 10**6
    assert max(sum(r["first"]) for r in VECTORS["comparisons"]) > 10**7


class TestHugeSamples:
    def test_ten_to_the_twelve_works_for_every_method(self) -> None:
        p = Proportion(5 * 10**11, 10**12)
        half_width = 1.959963984540054 * math.sqrt(0.25 / 10**12)
        for method in INTERVAL_METHODS:
            low, high = p.interval(method=method)
            assert (low, high) == pytest.approx((0.5 - half_width, 0.5 + half_width), abs=1e-12), method
        assert p.binomial_test(0.5) == pytest.approx(0.5, abs=1e-6)  # P(X >= n/2) = 1/2 + P(X = n/2)/2

    def test_beyond_the_limit_the_exact_methods_say_what_to_use(self) -> None:
        p = Proportion(10**12 + 1, EXACT_MAX_N + 2)
        assert p.interval()[0] > 0.999  # Wilson has no limit
        for method in ("clopper-pearson", "jeffreys"):
            with pytest.raises(InvalidArgumentError, match="method='wilson'"):
                p.interval(method=method)
        with pytest.raises(ValueError, match="supports n up to 1,000,000,000,000"):
            p.binomial_test(0.5)
        with pytest.raises(ValueError, match="p_value"):
            Proportion(1, 10**10).compare(Proportion(1, 10**10)).fisher_p_value()


# ------------------------------------------------------------- the research note's own vectors (surveys_kpi.md §5)


@pytest.mark.parametrize(
    ("x", "n", "method", "low", "high"),
    [
        (517, 517, "agresti-coull", 0.9911066261, 1.0),
        (517, 517, "clopper-pearson", 0.9928902315, 1.0),
        (517, 517, "jeffreys", 0.9951554321, 1.0),  # adjusted: statsmodels gives 0.9999990507
        (0, 10, "jeffreys", 0.0, 0.2171962675),  # adjusted: statsmodels gives 0.0000478904
        (102, 102, "clopper-pearson", 0.9644806733, 1.0),
        (5, 10, "clopper-pearson", 0.1870860284, 0.8129139716),
        (5, 10, "jeffreys", 0.2235286703, 0.7764713297),
        (0, 10, "agresti-coull", 0.0, 0.3208873058),
    ],
)
def test_research_note_vectors(x: int, n: int, method: str, low: float, high: float) -> None:
    assert Proportion(x, n).interval(method=method) == pytest.approx((low, high), abs=1e-10)


def test_agresti_coull_equals_wilson_at_half() -> None:
    for n in (2, 10, 50, 1000):
        assert Proportion(n // 2, n).interval(method="agresti-coull") == pytest.approx(
            Proportion(n // 2, n).interval(), abs=1e-15
        )


def test_exact_bounds_at_the_edges_for_every_method() -> None:
    for method in INTERVAL_METHODS:
        assert Proportion(517, 517).interval(method=method)[1] == 1.0
        assert Proportion(0, 517).interval(method=method)[0] == 0.0
        assert Proportion(517, 517).upper_bound(method=method) == 1.0
        assert Proportion(0, 517).lower_bound(method=method) == 0.0


def test_one_sided_bounds_from_the_note() -> None:
    # Exact one-sided Clopper–Pearson lower bound 0.05 ** (1/n); rule of three 1 - 3/n; one-sided Wilson n/(n + z²).
    for n, cp, three, wilson in [(517, 0.994222, 0.994197, 0.994794), (415, 0.992807, 0.992771, 0.993523)]:
        p = Proportion(n, n)
        assert p.lower_bound(method="clopper-pearson") == pytest.approx(0.05 ** (1 / n), abs=1e-15)
        assert p.lower_bound(method="clopper-pearson") == pytest.approx(cp, abs=5e-7)
        assert p.rule_of_three()[0] == pytest.approx(three, abs=5e-7)
        assert p.lower_bound() == pytest.approx(wilson, abs=5e-7)
    assert Proportion(0, 102).rule_of_three() == (0.0, 3 / 102)
    assert Proportion(0, 2).rule_of_three() == (0.0, 1.0)
    with pytest.raises(ValueError, match="0 % or 100 % only"):
        Proportion(3, 10).rule_of_three()


def test_research_note_comparison_vectors() -> None:
    c = Proportion(517, 517).compare(Proportion(480, 500))
    assert c.interval() == pytest.approx((0.024212, 0.060974), abs=5e-7)
    assert c.interval("agresti-caffo") == pytest.approx((0.021991, 0.057821), abs=5e-7)
    assert (c.z(), c.p_value()) == pytest.approx((4.365764, 1.2668e-05), rel=1e-5)
    assert c.fisher_p_value() == pytest.approx(5.59e-07, rel=1e-2)
    same = Proportion(517, 517).compare(Proportion(500, 500))
    assert same.interval() == pytest.approx((-0.007375, 0.007624), abs=5e-7)
    assert same.fisher_p_value() == 1.0
    assert math.isfinite(same.p_value())
    assert same.p_value() == pytest.approx(0.981198, abs=5e-7)
    assert str(c).startswith("100.0 % − 96.0 % = 4.0 điểm %")


def test_stratified_table_of_the_note() -> None:
    both = {"online": Proportion(415, 415), "in_person": Proportion(102, 102)}
    assert stratified_proportion(both).n_eff == pytest.approx(517.0)
    assert stratified_proportion(both).interval() == pytest.approx((0.992625, 1.0), abs=5e-7)
    half = stratified_proportion(both, {"online": 1, "in_person": 1})
    assert (half.n_eff, half.interval()[0]) == pytest.approx((327.50, 0.988407), abs=5e-3)
    assert half.interval()[1] == 1.0
    assert stratified_proportion(both, {"online": 0.2, "in_person": 0.8}).interval()[0] == pytest.approx(
        0.976111, abs=5e-7
    )


def test_goodman_vector_of_the_note() -> None:
    iv = multinomial_intervals({"Rất hài lòng": 300, "Hài lòng": 200, "Chưa hài lòng": 17})
    assert [tuple(round(b, 4) for b in v) for v in iv.values()] == [
        (0.5277, 0.6311),
        (0.3371, 0.4391),
        (0.0186, 0.0574),
    ]


@given(x=st.integers(0, 2000), extra=st.integers(0, 2000), confidence=st.floats(0.5, 0.999))
def test_interval_laws(x: int, extra: int, confidence: float) -> None:
    n = x + extra
    assume(n > 0)
    p = Proportion(x, n)
    for method in INTERVAL_METHODS:
        low, high = p.interval(confidence, method)
        assert 0.0 <= low <= high <= 1.0
        if method != "agresti-coull":  # Agresti–Coull may exclude the estimate at the very edges
            assert low <= p.value <= high
        wider_low, wider_high = p.interval(min(0.9999, confidence + (1 - confidence) / 2), method)
        assert wider_low <= low + 1e-12
        assert high <= wider_high + 1e-12
    # Clopper–Pearson bounds are where the exact binomial tails equal α/2 (their definition).
    cp_low, cp_high = p.interval(confidence, "clopper-pearson")
    tail = (1 - confidence) / 2
    if x > 0:
        assert Proportion(x, n).binomial_test(cp_low, "greater") == pytest.approx(tail, rel=1e-9)
    if x < n:
        assert Proportion(x, n).binomial_test(cp_high, "less") == pytest.approx(tail, rel=1e-9)


@given(x1=st.integers(0, 300), e1=st.integers(0, 300), x2=st.integers(0, 300), e2=st.integers(0, 300))
def test_comparison_laws(x1: int, e1: int, x2: int, e2: int) -> None:
    assume(x1 + e1 > 0 and x2 + e2 > 0)
    a, b = Proportion(x1, x1 + e1), Proportion(x2, x2 + e2)
    ab, ba = a.compare(b), b.compare(a)
    low, high = ab.interval()
    assert -1.0 <= low <= ab.difference <= high <= 1.0
    assert ba.interval() == pytest.approx((-high, -low), abs=1e-12)
    assert 0.0 <= ab.p_value() <= 1.0
    assert ab.p_value() == pytest.approx(ba.p_value(), abs=1e-12)
    assert 0.0 < ab.fisher_p_value() <= 1.0


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: Proportion(1, 2).interval(method="clopper_pearson"), None, ""),
        (lambda: Proportion(1, 2).interval(0), ValueError, "strictly between 0 and 1"),
        (lambda: Proportion(1, 2).interval(True), ValueError, "strictly between 0 and 1"),
        (lambda: Proportion(1, 2).interval(method="normal"), ValueError, "Wald is not offered"),
        (lambda: Proportion(1, 2).binomial_test(1.0), ValueError, "strictly between 0 and 1"),
        (lambda: Proportion(1, 2).binomial_test(0.5, "two-sided"), ValueError, "'greater' or 'less'"),
        (lambda: Proportion(1, 2).compare(0.5), TypeError, "another Proportion"),
        (lambda: Proportion(1, 2).compare(Proportion(1, 2)).interval("wald"), ValueError, "unknown difference"),
        (lambda: Proportion(1, 2).compare(Proportion(1, 2), confidence=1.5), ValueError, "strictly between"),
        (lambda: stratified_proportion({}), ValueError, "at least one stratum"),
        (lambda: stratified_proportion({"a": 0.5}), TypeError, "must be a Proportion"),
        (lambda: stratified_proportion({"a": Proportion(1, 2)}, {"b": 1.0}), ValueError, "same strata"),
        (lambda: stratified_proportion({"a": Proportion(1, 2)}, {"a": -1.0}), ValueError, "finite number >= 0"),
        (lambda: stratified_proportion({"a": Proportion(1, 2)}, {"a": 0.0}), ValueError, "not all be zero"),
        (lambda: multinomial_intervals({"a": 3}), ValueError, "at least two categories"),
        (lambda: multinomial_intervals({"a": 0, "b": 0}), ValueError, "no responses"),
        (lambda: multinomial_intervals({"a": -1, "b": 2}), ValueError, "must not be negative"),
        (lambda: betainc(0, 1, 0.5), ValueError, "a > 0"),
        (lambda: betaincinv(1, 1, 1.5), ValueError, "0 <= p <= 1"),
    ],
)
def test_more_bad_input(make: Any, error: type[Exception] | None, message: str) -> None:
    if error is None:
        make()  # underscores are accepted for method names
        return
    with pytest.raises(error, match=message):
        make()


class TestShownPercent:
    @pytest.mark.parametrize(
        ("share", "shown"),
        [
            (1.0, "100.0"),
            (0.0, "0.0"),
            (0.5, "50.0"),
            (0.12345, "12.3"),
            (0.99956, "99.96"),
            (9154 / 9158, "99.96"),
            (0.999996, "99.9996"),
            (0.00004, "0.004"),
            (Decimal(1) / Decimal(3), "33.3"),
        ],
    )
    def test_values(self, share: float | Decimal, shown: str) -> None:
        assert str(shown_percent(share)) == shown

    @given(st.integers(1, 10**7).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
    def test_never_claims_all_or_none_falsely(self, counts: tuple[int, int]) -> None:
        x, n = counts
        shown = shown_percent(Decimal(x) / Decimal(n))
        assert (shown == 100) == (x == n)
        assert (shown == 0) == (x == 0)
        assert abs(shown - Decimal(x) * 100 / Decimal(n)) <= Decimal("0.05")

    def test_str_rounds_the_bounds_outward(self) -> None:
        # The Wilson lower bound of 9158/9158 is 99.958 %: shown as 99.9, never rounded up to 99.96.
        assert str(Proportion(9158, 9158)) == "9158/9158 = 100.0 % (95 % CI 99.9–100.0 %)"
        assert str(Proportion(9154, 9158)).startswith("9154/9158 = 99.96 % ")
        assert str(Proportion(517, 517)) == "517/517 = 100.0 % (95 % CI 99.2–100.0 %)"  # 99.26 % rounds down

    @pytest.mark.parametrize(
        ("share", "rounding", "shown"),
        [
            (0.99262, "down", "99.2"),
            (0.99262, "nearest", "99.3"),
            (0.47089, "up", "47.1"),
            (0.47011, "up", "47.1"),
            (0.47011, "down", "47.0"),
            (0.99999, "up", "100.0"),  # a bound only rounds outward: 100.0 still bounds 99.999 %
            (2**-21, "down", "0.0"),  # and 0.0 still bounds 4.8e-5 %
            (0.99999, "nearest", "99.999"),  # a share never shows 100 unless it is
            (2**-21, "nearest", "0.00005"),  # nor 0
            (0.9999999999999999, "nearest", "99.99999999999999"),
            (1.0, "up", "100.0"),
            (0.0, "down", "0.0"),
            (0.5, "down", "50.0"),
        ],
    )
    def test_directed_rounding(self, share: float, rounding: Any, shown: str) -> None:
        assert str(shown_percent(share, rounding=rounding)) == shown

    @given(st.floats(0.0, 1.0), st.integers(0, 4))
    def test_directed_rounding_contains_the_exact_value(self, share: float, decimals: int) -> None:
        exact = Decimal(share) * 100  # the float's exact binary value
        low, high = shown_percent(share, decimals, "down"), shown_percent(share, decimals, "up")
        assert low <= exact <= high
        assert high - low <= Decimal(1).scaleb(-decimals)  # outward by at most one step in all
        shown = shown_percent(share, decimals)
        assert (shown == 100) == (share == 1.0)
        assert (shown == 0) == (share == 0.0)

    def test_bad_rounding(self) -> None:
        with pytest.raises(InvalidArgumentError, match="'nearest', 'down' or 'up'"):
            shown_percent(0.5, rounding="outward")  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
    def test_out_of_range(self, bad: float) -> None:
        with pytest.raises(ValueError, match="between 0 and 1"):
            shown_percent(bad)


class TestConfidenceLabels:
    @pytest.mark.parametrize(
        ("confidence", "shown"),
        [(0.95, "95"), (0.999, "99.9"), (0.995, "99.5"), (0.5, "50"), (0.9999, "99.99"), (0.8, "80")],
    )
    def test_exact_level(self, confidence: float, shown: str) -> None:
        assert str(confidence_percent(confidence)) == shown

    def test_comparison_text(self) -> None:
        c = Proportion(517, 517).compare(Proportion(480, 500), 0.999)
        assert "(99.9 % CI " in str(c)
        assert "100 % CI" not in str(c)

    def test_comparison_never_prints_a_signed_zero(self) -> None:
        for a, b in [((50, 100), (50, 100)), ((1, 3), (2, 6)), ((7, 10), (70, 100)), ((1, 7), (2, 14))]:
            c = Proportion(*a).compare(Proportion(*b))
            assert c.difference == 0.0
            assert " = 0.0 điểm % " in str(c)
            assert "-0.0" not in str(c)

    def test_comparison_bounds_round_outward(self) -> None:
        c = Proportion(517, 517).compare(Proportion(480, 500))
        low, high = c.interval()  # 0.024212, 0.060974
        assert f"CI {shown_percent(low, rounding='down')} đến" in str(c)
        assert "CI 2.4 đến 6.1;" in str(c)  # 2.42 down, 6.097 up
        assert (low * 100, high * 100) == pytest.approx((2.4212, 6.0974), abs=5e-5)


class TestStratifiedAtTheEdges:
    THREE: ClassVar[dict[str, tuple[int, int]]] = {"online": (415, 415), "in_person": (102, 102), "postal": (30, 30)}
    WEIGHTS: ClassVar[dict[str, int]] = {"online": 188, "in_person": 6803, "postal": 5159}

    def test_three_strata_at_100_percent(self) -> None:
        # These weights normalised sum to 0.9999999999999999, which used to leak into the value.
        s = stratified_proportion({k: Proportion(*v) for k, v in self.THREE.items()}, self.WEIGHTS)
        assert s.value == 1.0
        for method in INTERVAL_METHODS:
            assert s.interval(method=method)[1] == 1.0
        assert s.interval(method="clopper-pearson")[0] == pytest.approx(0.025 ** (1 / s.n_eff), abs=1e-15)
        assert str(s) == "100.0 % (n hiệu dụng 110.1; 95 % CI 96.6–100.0 %)"

    @given(
        st.lists(st.tuples(st.integers(1, 5000), st.floats(0.001, 1e4)), min_size=1, max_size=6),
        st.booleans(),
        st.sampled_from(INTERVAL_METHODS),
    )
    def test_all_or_nothing_stays_exact(self, strata: list[tuple[int, float]], full: bool, method: str) -> None:
        props = {i: Proportion(n if full else 0, n) for i, (n, _) in enumerate(strata)}
        s = stratified_proportion(props, {i: w for i, (_, w) in enumerate(strata)})
        assert s.value == (1.0 if full else 0.0)
        low, high = s.interval(method=method)
        assert (high == 1.0) if full else (low == 0.0)
        assert 0.0 <= low <= high <= 1.0

    @given(
        st.lists(
            st.tuples(
                st.integers(1, 3000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))), st.floats(0.01, 1e4)
            ),
            min_size=1,
            max_size=6,
        )
    )
    def test_the_weighted_share_lies_between_the_strata(self, strata: list[tuple[tuple[int, int], float]]) -> None:
        props = {i: Proportion(*counts) for i, (counts, _) in enumerate(strata)}
        s = stratified_proportion(props, {i: w for i, (_, w) in enumerate(strata)})
        shares = [p.value for p in props.values()]
        assert min(shares) <= s.value <= max(shares)
        for method in INTERVAL_METHODS:
            low, high = s.interval(method=method)
            assert 0.0 <= low <= high <= 1.0


class TestTinyParameters:
    """A stratified share of almost 100 % gives beta parameters near 1e-4 (found by Hypothesis)."""

    @pytest.mark.parametrize(
        ("a", "b", "x", "expected"),
        [
            # scipy.special.betainc 1.17.1 (and mpmath at 40 digits agree to 1e-16)
            (2.0001052077830463, 0.00010522992506145634, 0.9999473905729728, 0.0009311301993479317),
            (0.010836785352744996, 777.5917746834416, 3.4584554938681764e-06, 0.9436367759007717),
            (0.5, 3.0, 0.001, 0.05925318951594623),
        ],
    )
    def test_betainc_near_the_ends(self, a: float, b: float, x: float, expected: float) -> None:
        assert betainc(a, b, x) == pytest.approx(expected, abs=1e-14)

    def test_stratified_intervals_with_one_tiny_stratum(self) -> None:
        s = stratified_proportion({0: Proportion(0, 1), 1: Proportion(1, 1)}, {0: 1.0, 1: 11.0})
        for method in INTERVAL_METHODS:
            low, high = s.interval(method=method)
            assert 0.0 <= low <= s.value <= high <= 1.0, method


class TestQuantilesInTheTails:
    """Found in review: tails where the quantile is tiny, or where plain Newton crawls."""

    def test_a_quantile_below_every_normal_double_is_zero(self) -> None:
        assert betaincinv(0.00087, 0.109, 1.8e-23) == 0.0
        assert betainc(0.00087, 0.109, 2.2250738585072014e-308) >= 1.8e-23  # which is why

    @pytest.mark.parametrize(
        ("a", "b", "p"),
        [
            (1009.0887667110596, 0.0007081542422442583, 1.5361617331003423e-144),  # 330 Newton steps before
            (34.03795094961016, 0.12148622880184526, 8.037810137870632e-288),
            (215.1139872215624, 9.801124123970483, 3.8803988264982464e-193),
        ],
    )
    def test_far_tails_converge(self, a: float, b: float, p: float) -> None:
        x = betaincinv(a, b, p)
        assert betainc(a, b, x) == pytest.approx(p, rel=1e-9)

    def test_tiny_shares_print_without_exponents(self) -> None:
        text = str(Proportion(1, 10**9))
        assert "E" not in text
        assert text.startswith("1/1000000000 = 0.0000001 % (95 % CI 0.0–")
