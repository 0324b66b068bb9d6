"""Survey tallies: counts by channel and level, shares, strata, criteria, display."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua import (
    Channel,
    CriteriaTally,
    MotcuaError,
    NoResponsesError,
    Proportion,
    SmallSampleWarning,
    SurveyTally,
    UncertainDataWarning,
    UnknownLevelError,
    scale,
)
from motcua.errors import InvalidArgumentError, InvalidCountError
from motcua.surveys import UndefinedIndexError

SEED = {Channel.ONLINE: {"Hài lòng": 415}, Channel.IN_PERSON: {"Hài lòng": 102}}


def test_the_seed_ward_survey_in_three_lines() -> None:
    survey = SurveyTally.from_counts(SEED)
    text = str(survey.summary())
    assert survey.total == 517
    assert survey.satisfaction() == Proportion(517, 517)
    assert survey.satisfaction().interval() == pytest.approx((0.9926245141287484, 1.0), abs=1e-12)
    assert survey.satisfaction(Channel.ONLINE).interval() == pytest.approx((0.9908283701629962, 1.0), abs=1e-12)
    assert survey.satisfaction("in_person").interval() == pytest.approx((0.9637055378535367, 1.0), abs=1e-12)
    assert survey.satisfaction("in_person").interval()[1] == 1.0
    assert "Tổng cộng   517" in text
    # Bounds round outward (99.26 % down to 99,2; 96.37 % down to 96,3), in Vietnamese number format.
    assert "99,2–100,0 %" in text
    assert "96,3–100,0 %" in text
    assert "KTC 95 % (wilson)" in text
    assert "Phiếu tự nguyện" in text
    assert "“Rất hài lòng” (0,0 %)" in text  # the 3-level scale's middle level is flagged
    # surveys_kpi.md §5.7: no form below "satisfied", so the shares rest on fewer than 5 on one side.
    assert "Trực tiếp, Trực tuyến, Tổng cộng: dưới 5 phiếu ở một phía" in text


def test_counts_and_channels() -> None:
    t = SurveyTally.from_counts({"trực tuyến": {"rat hai long": 3, "Hài lòng": 2}, "bưu chính": {"Chưa hài lòng": 1}})
    assert t.channels == (Channel.POSTAL, Channel.ONLINE)
    assert t.counts == {
        Channel.POSTAL: {"Rất hài lòng": 0, "Hài lòng": 0, "Chưa hài lòng": 1},
        Channel.ONLINE: {"Rất hài lòng": 3, "Hài lòng": 2, "Chưa hài lòng": 0},
    }
    assert t.level_counts() == {"Rất hài lòng": 3, "Hài lòng": 2, "Chưa hài lòng": 1}
    assert t.channel("online").total == 5
    assert set(t.by_channel()) == {Channel.POSTAL, Channel.ONLINE}
    assert repr(t) == "<SurveyTally online-3: 6 responses (postal: 1, online: 5)>"
    assert SurveyTally.empty().total == 0
    assert SurveyTally.empty().channels == ()


def test_shares() -> None:
    t = SurveyTally.from_counts({Channel.ONLINE: {"Rất hài lòng": 300, "Hài lòng": 200, "Chưa hài lòng": 17}})
    assert t.satisfaction() == Proportion(500, 517)
    assert t.top_box() == Proportion(300, 517)
    assert t.top2_box() == Proportion(500, 517)
    assert t.satisfaction().interval() == pytest.approx((0.947975, 0.979370), abs=5e-7)
    dist = t.distribution()
    assert [p.successes for p in dist.values()] == [300, 200, 17]
    assert sum(p.successes for p in dist.values()) == t.total
    goodman = t.distribution_intervals()
    assert goodman["Chưa hài lòng"] == pytest.approx((0.01864141, 0.05736543), abs=5e-8)
    five = SurveyTally.from_counts({"online": {"Rất hài lòng": 10, "Hài lòng": 20, "Bình thường": 5}}, "likert-5")
    assert five.satisfaction() == Proportion(30, 35)
    assert five.top_box() == Proportion(10, 35)
    with pytest.raises(ValueError, match="at least three levels"):
        SurveyTally.from_counts({"online": {"Thích": 40}}, "like-dislike").top2_box()


def test_mean_score_only_with_declared_scores() -> None:
    counts = {Channel.ONLINE: {"Rất hài lòng": 300, "Hài lòng": 200, "Chưa hài lòng": 17}}
    t = SurveyTally.from_counts(counts)
    with pytest.raises(ValueError, match="declares no scores"):
        t.mean_score()
    m = t.mean_score({"Rất hài lòng": 2, "Hài lòng": 1, "Chưa hài lòng": 0})
    assert (m.mean, m.sd, m.se) == pytest.approx((1.547389, 0.560469, 0.024649), abs=5e-7)
    assert m.interval() == pytest.approx((1.499077, 1.595701), abs=5e-7)
    declared = SurveyTally.from_counts(
        counts, scale("online-3").with_scores({"Rất hài lòng": 2, "Hài lòng": 1, "Chưa hài lòng": 0})
    )
    assert declared.mean_score() == m
    with pytest.raises(ValueError, match="strictly between"):
        m.interval(1.0)
    with pytest.raises(ValueError, match="at least two responses"):
        SurveyTally.from_counts({"online": {"Hài lòng": 1}}).mean_score(
            {"Rất hài lòng": 2, "Hài lòng": 1, "Chưa hài lòng": 0}
        )


def test_stratified_by_population_shares() -> None:
    t = SurveyTally.from_counts(
        {"online": {"Hài lòng": 400, "Chưa hài lòng": 15}, "in_person": {"Hài lòng": 95, "Chưa hài lòng": 7}}
    )
    s = t.stratified({Channel.ONLINE: 0.2, Channel.IN_PERSON: 0.8})
    assert s.value == pytest.approx(0.937869, abs=5e-7)
    assert s.n_eff == pytest.approx(156.96, abs=5e-3)
    assert s.interval() == pytest.approx((0.888661, 0.966157), abs=5e-7)
    pooled = t.stratified()
    assert pooled.value == pytest.approx(t.satisfaction().value, abs=1e-15)
    assert pooled.n_eff == pytest.approx(517)
    # Dossier counts work as weights (they are normalised).
    assert t.stratified({"online": 1, "in_person": 4}).value == pytest.approx(s.value, abs=1e-15)
    with pytest.raises(NoResponsesError, match="postal"):
        t.stratified({"online": 1, "in_person": 1, "postal": 1})
    with pytest.raises(ValueError, match="same strata"):
        t.stratified({"online": 1})
    with pytest.raises(ValueError, match="weighted twice"):
        t.stratified({"trực tuyến": 1, Channel.ONLINE: 2, "in_person": 1})
    assert "n hiệu dụng 157,0" in str(t.summary(weights={"online": 0.2, "in_person": 0.8}))


def test_adding_tallies() -> None:
    a = SurveyTally.from_counts({"online": {"Hài lòng": 415}})
    b = SurveyTally.from_counts({"in_person": {"Hài lòng": 102}})
    assert a + b == SurveyTally.from_counts(SEED)
    assert sum([b], a) == a + b
    with pytest.raises(ValueError, match="different scales"):
        a + SurveyTally.from_counts({"online": {"Hài lòng": 1}}, "likert-5")
    with pytest.raises(TypeError):
        a + 1  # type: ignore[operator]


def test_small_samples_warn_and_empty_tallies_refuse() -> None:
    small = SurveyTally.from_counts({"online": {"Hài lòng": 400}, "postal": {"Hài lòng": 12}})
    with pytest.warns(SmallSampleWarning, match="12 responses") as caught:
        small.satisfaction("postal")
    assert caught[0].filename == __file__  # the warning points at the caller's line
    with pytest.warns(SmallSampleWarning) as caught:
        small.channel("postal").mean_score({"Rất hài lòng": 2, "Hài lòng": 1, "Chưa hài lòng": 0})
    assert caught[0].filename == __file__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        small.satisfaction()  # 412 responses: no warning
    with pytest.warns(SmallSampleWarning, match="Dịch vụ bưu chính"):
        summary = small.summary()
    assert any("chỉ 12 phiếu" in note for note in summary.notes)
    with pytest.raises(NoResponsesError, match="no responses"):
        SurveyTally.empty().satisfaction()
    with pytest.raises(NoResponsesError, match="no responses"):
        small.satisfaction("in_person")
    empty = SurveyTally.empty().summary()
    assert empty.rows[-1].satisfied is None
    assert "không có phiếu" in str(empty)


def test_not_self_selected_has_no_such_note() -> None:
    t = SurveyTally.from_counts(SEED, self_selected=False)
    assert not any("tự nguyện" in n for n in t.summary().notes)
    assert any("Self-selected" in n for n in SurveyTally.from_counts(SEED).summary().notes_en)


def test_records_html_and_frame() -> None:
    t = SurveyTally.from_counts(SEED)
    records = t.to_records()
    assert len(records) == 9  # 3 channels x 3 levels
    assert {"channel": "online", "level": "Hài lòng", "count": 415} in records
    summary = t.summary(confidence=0.9, method="clopper-pearson").to_records()
    assert [r["row"] for r in summary] == ["in_person", "online", "total"]
    assert summary[-1]["n"] == 517
    assert summary[-1]["satisfied_pct"] == 100.0
    assert summary[-1]["ci_low"] == 0.05 ** (1 / 517)  # two-sided 90 % Clopper–Pearson at 517/517: (α/2)^(1/n)
    html = t._repr_html_()
    assert "<table>" in html
    assert "99,2–100,0 %" in html
    hostile = SurveyTally.from_counts({"online": {"<b>&": 30, "Kém": 1}}, scale_("<b>&", "Kém"))
    assert "<b>&" not in hostile._repr_html_()
    assert "&lt;b&gt;&amp;" in hostile._repr_html_()
    pd = pytest.importorskip("pandas")
    frame = t.summary().to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["n"]) == [102, 415, 517]
    assert t.to_frame()["count"].sum() == 517


def scale_(*levels: str) -> Any:
    from motcua import Scale

    return Scale("test", list(levels), satisfied=1)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: SurveyTally.from_counts({"fax": {"Hài lòng": 1}}), UnknownLevelError, "unknown channel 'fax'"),
        (lambda: SurveyTally.from_counts({"online": {"Hài lòng lắm": 1}}), UnknownLevelError, "did you mean"),
        (lambda: SurveyTally.from_counts({"online": {"Hài lòng": -1}}), ValueError, "must not be negative"),
        (lambda: SurveyTally.from_counts({"online": {"Hài lòng": 1.5}}), TypeError, "must be an int"),
        (lambda: SurveyTally.from_counts({"online": {"Hài lòng": 1.5}}), InvalidCountError, "must be an int"),
        (lambda: SurveyTally.from_counts({"online": {"Hài lòng": True}}), TypeError, "must be an int"),
        (lambda: SurveyTally.from_counts({"online": {"Hài lòng": True}}), ValueError, "must be an int"),
        (lambda: SurveyTally.from_counts({"online": {"Hài lòng": -1}}), InvalidCountError, "must not be negative"),
        (lambda: SurveyTally.from_counts({"fax": {"Hài lòng": 1}}), ValueError, "unknown channel 'fax'"),
        (lambda: SurveyTally.from_counts({"online": {"Hài lòng": 1, "hai long": 2}}), ValueError, "given twice"),
        (lambda: SurveyTally.from_counts({"trực tuyến": {}, Channel.ONLINE: {}}), ValueError, "given twice"),
        (lambda: SurveyTally.from_counts([("online", 3)]), TypeError, "must be a mapping"),  # type: ignore[arg-type]
        (lambda: SurveyTally.from_counts({"online": 3}), TypeError, "must map level to count"),  # type: ignore[dict-item]
        (lambda: SurveyTally.from_counts({"online": {"Hài lòng": 1}}, "seven"), UnknownLevelError, "scale 'seven'"),
        (lambda: SurveyTally.from_responses([("online",)]), TypeError, "response 0 must be"),  # type: ignore[list-item]
        (lambda: SurveyTally(scale("online-3"), [[1, 2, 3]]), ValueError, "one row per channel"),
        (lambda: SurveyTally("online-3", [[0] * 3] * 3), TypeError, "must be a Scale"),  # type: ignore[arg-type]
        (lambda: SurveyTally.from_counts(SEED).satisfaction("fax"), UnknownLevelError, "unknown channel"),
    ],
)
def test_bad_input(make: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        make()


responses = st.lists(
    st.tuples(st.sampled_from(["online", "in_person", "postal"]), st.sampled_from(scale("online-3").levels)),
    max_size=60,
)


@given(responses, responses)
def test_tally_laws(first: list[tuple[str, str]], second: list[tuple[str, str]]) -> None:
    a, b = SurveyTally.from_responses(first), SurveyTally.from_responses(second)
    assert a.total == len(first)
    assert a + b == b + a == SurveyTally.from_responses(first + second)
    assert (a + b).total == a.total + b.total
    assert SurveyTally.from_counts(a.counts) == a
    assert sum(t.total for t in a.by_channel().values()) == a.total
    if a.total:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SmallSampleWarning)
            share = a.satisfaction()
        low, high = share.interval()
        assert low <= share.value <= high


# --------------------------------------------------------------------------- criteria


def test_criteria_tallies_for_sipas() -> None:
    forms = [
        ("in_person", {"tiep-can": "Hài lòng", "cong-chuc": "Rất hài lòng", "ket-qua": "Bình thường"}),
        ("in_person", {"Tiếp cận dịch vụ hành chính công": "Rất hài lòng", "cong-chuc": "Không hài lòng"}),
        ("online", {"tiep-can": "Hài lòng"}),
    ]
    t = CriteriaTally.from_responses(forms, criteria="sipas")
    assert t.criterion("tiep-can").total == 3
    with pytest.warns(SmallSampleWarning):
        assert t.criterion("cong-chuc").satisfaction() == Proportion(1, 2)
    shares = t.satisfaction()
    assert shares["thu-tuc"] is None
    assert shares["tiep-can"] == Proportion(3, 3)
    with pytest.warns(UncertainDataWarning, match="not verified"), pytest.raises(NoResponsesError, match="thu-tuc"):
        t.index()
    with pytest.warns(UncertainDataWarning):
        index = t.index({"tiep-can": 1, "cong-chuc": 1, "ket-qua": 2})
    assert index == pytest.approx((1.0 + 0.5 + 0.0) / 4)
    assert t + t == CriteriaTally.from_responses(forms + forms, criteria="sipas")
    with pytest.warns(SmallSampleWarning):
        summary = t.summary()
    assert [r.key for r in summary.rows] == ["tiep-can", "thu-tuc", "cong-chuc", "ket-qua", "gop-y"]  # no pooled row
    assert "Tiếp cận dịch vụ hành chính công" in str(summary)
    assert len(t.to_records()) == 5 * 3 * 5
    assert repr(t) == "<CriteriaTally sipas on likert-5: [3, 0, 2, 1, 0]>"


def test_criteria_from_counts_decree_118() -> None:
    t = CriteriaTally.from_counts(
        {"a": {"online": {"Rất hài lòng": 40}}, "dd": {"online": {"Hài lòng": 30, "Chưa hài lòng": 10}}},
        criteria="nd-118-2025",
        scale="online-3",
    )
    assert t.criterion("dd").satisfaction() == Proportion(30, 40)
    # The decree lists what citizens evaluate and defines no index: no silent average.
    with pytest.raises(UndefinedIndexError, match="defines no overall index") as caught:
        t.index()
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, MotcuaError)
    assert t.index({"a": 1, "dd": 1}) == pytest.approx(0.875)  # the caller's own declared weights
    with pytest.raises(ValueError, match="given twice"):
        CriteriaTally.from_counts({"a": {}, "A": {}}, criteria="nd-118-2025")
    with pytest.raises(UnknownLevelError, match="criterion 'z'"):
        CriteriaTally.from_counts({"z": {}}, criteria="nd-118-2025")
    with pytest.raises(ValueError, match="different criteria sets"):
        t + CriteriaTally.from_counts({}, criteria="sipas", scale="online-3")
    with pytest.raises(ValueError, match="not all zero"):
        t.index({"a": 0})


# --------------------------------------------------------------------------- display: language, levels, notes


def test_english_summary() -> None:
    text = str(SurveyTally.from_counts(SEED).summary(language="en"))
    assert text.splitlines()[0] == (
        "Satisfaction survey: 517 responses; scale online-3 "
        "(Very satisfied / Satisfied / Not yet satisfied; satisfied = top 2 levels)"
    )
    assert "Channel" in text
    assert "95 % CI (wilson)" in text
    assert "Total      517" in text
    assert "99.2–100.0 %" in text
    assert "Notes:" in text
    assert "Self-selected forms" in text
    assert "KTC" not in text
    assert "Tổng cộng" not in text
    summary = SurveyTally.from_counts(SEED).summary()
    assert summary.in_language("en").language == "en"
    assert str(summary.in_language("en")) == text
    assert "lang='en'" in summary.in_language("en")._repr_html_()
    with pytest.raises(InvalidArgumentError, match="'vi' or 'en'"):
        SurveyTally.from_counts(SEED).summary(language="fr")  # type: ignore[arg-type]


def test_vietnamese_numbers_group_thousands() -> None:
    big = SurveyTally.from_counts({"online": {"Hài lòng": 9000, "Chưa hài lòng": 158}})
    text = str(big.summary())
    assert "Khảo sát mức độ hài lòng: 9.158 phiếu" in text
    assert "Tổng cộng   9.158" in text
    assert "98,3 %" in text  # 9000/9158 = 98.27 %
    assert "9,158" in str(big.summary(language="en"))


@pytest.mark.parametrize(
    ("confidence", "vi", "en"),
    [(0.95, "KTC 95 %", "95 % CI"), (0.999, "KTC 99,9 %", "99.9 % CI"), (0.995, "KTC 99,5 %", "99.5 % CI")],
)
def test_confidence_is_labelled_exactly(confidence: float, vi: str, en: str) -> None:
    t = SurveyTally.from_counts(SEED)
    assert f"{vi} (wilson)" in str(t.summary(confidence))
    assert f"{en} (wilson)" in str(t.summary(confidence, language="en"))
    assert "100 %" not in str(t.summary(confidence)).splitlines()[1]


def test_stratified_line_uses_the_summary_confidence_and_method() -> None:
    t = SurveyTally.from_counts({"online": {"Hài lòng": 400, "Chưa hài lòng": 15}, "in_person": {"Hài lòng": 95}})
    weights = {"online": 0.2, "in_person": 0.8}
    s = t.stratified(weights)
    low, high = s.interval(0.99, "clopper-pearson")
    text = str(t.summary(0.99, "clopper-pearson", weights))
    line = next(x for x in text.splitlines() if x.startswith("Ước lượng phân tầng"))
    shown = [str(motcua_shown(b, r)).replace(".", ",") for b, r in ((low, "down"), (high, "up"))]
    assert line.endswith(f"KTC 99 % {shown[0]}–{shown[1]} %)")
    wilson_low, wilson_high = s.interval()
    assert low < wilson_low  # wider than the 95 % Wilson it used to print
    assert wilson_high < high


def motcua_shown(share: float, rounding: Any) -> Any:
    from motcua import shown_percent

    return shown_percent(share, rounding=rounding)


def test_one_small_sample_warning_per_channel_with_weights() -> None:
    t = SurveyTally.from_counts({"online": {"Hài lòng": 415}, "postal": {"Hài lòng": 12}})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t.summary(weights={"online": 1, "postal": 1})
    small = [w for w in caught if issubclass(w.category, SmallSampleWarning)]
    assert len(small) == 1
    assert "Dịch vụ bưu chính" in str(small[0].message)
    assert small[0].filename == __file__


def test_population_gives_the_response_rate() -> None:
    t = SurveyTally.from_counts(SEED)
    assert "Tỷ lệ phản hồi: 517 phiếu / 9.158 hồ sơ = 5,6 %." in t.summary(population=9158).notes
    assert "Response rate: 517 forms / 9,158 dossiers = 5.6 %." in t.summary(population=9158).notes_en
    assert "5.6 %" in str(t.summary(population=9158, language="en"))
    assert t.summary(population=9158).population == 9158
    assert not any("phản hồi" in n for n in t.summary().notes)
    with pytest.raises(InvalidCountError, match="smaller than the number of responses"):
        t.summary(population=500)
    with pytest.raises(ValueError, match="must be an int"):
        t.summary(population=9158.0)  # type: ignore[arg-type]


def test_few_on_one_side_is_noted_only_when_true() -> None:
    mixed = SurveyTally.from_counts({"online": {"Hài lòng": 400, "Chưa hài lòng": 17}})
    assert not any("một phía" in n for n in mixed.summary().notes)
    four = SurveyTally.from_counts({"online": {"Hài lòng": 400, "Chưa hài lòng": 4}})
    assert any(n.startswith("Trực tuyến, Tổng cộng: dưới 5 phiếu ở một phía") for n in four.summary().notes)
    assert any(n.startswith("Online, Total: fewer than 5") for n in four.summary().notes_en)


def test_records_carry_the_exact_share() -> None:
    t = SurveyTally.from_counts({"online": {"Hài lòng": 99_999, "Chưa hài lòng": 1}})
    total = t.summary().to_records()[-1]
    assert total["satisfied_pct"] == 99_999 * 100 / 100_000 != 100.0
    assert total["top_box_pct"] == 0.0
    assert "99,999 %" in str(t.summary())  # the table and the records agree: not 100


def test_numpy_counts_are_accepted() -> None:
    np = pytest.importorskip("numpy")
    t = SurveyTally.from_counts({"online": {"Hài lòng": np.int64(415)}, "in_person": {"Hài lòng": np.int64(102)}})
    assert t == SurveyTally.from_counts(SEED)
    assert all(type(c) is int for row in t.cells for c in row)
    direct = SurveyTally(scale("online-3"), [[np.int64(0)] * 3, [np.int64(0)] * 3, [np.int64(1), np.int64(2), 3]])
    assert direct.total == 6
    assert all(type(c) is int for row in direct.cells for c in row)
