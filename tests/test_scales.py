"""The shipped satisfaction scales and criteria sets (data/surveys.toml), and user scales."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua import Criteria, MotcuaError, Scale, UnknownLevelError, criteria, criteria_sets, scale, scales, sources
from motcua._data import fold, read_toml
from motcua.errors import InvalidArgumentError
from motcua.sources import EVIDENCE_LEVELS

RAW = read_toml("surveys.toml")


@pytest.mark.parametrize("key", sorted(RAW["scales"]))
def test_every_shipped_scale_loads_with_a_known_source(key: str) -> None:
    s = scales()[key]
    entry = RAW["scales"][key]
    assert s.levels == tuple(entry["levels"])
    assert s.satisfied == tuple(entry["levels"][: entry["satisfied"]])
    assert s.source is not None
    assert s.source is sources()[entry["source"]]
    assert s.evidence in EVIDENCE_LEVELS
    assert s.note
    assert s.levels_en is not None
    assert len(s.levels_en) == len(s.levels)


@pytest.mark.parametrize("key", sorted(RAW["criteria"]))
def test_every_criteria_set_loads_with_a_known_source(key: str) -> None:
    c = criteria_sets()[key]
    entry = RAW["criteria"][key]
    assert c.keys == tuple(item["key"] for item in entry["items"])
    assert c.source is sources()[entry["source"]]
    assert c.evidence in EVIDENCE_LEVELS
    for item in c.items:
        assert item.label
        assert item.label_en
        assert item.clause
        assert c.get(item.key) is item
        assert c.get(fold(item.label)) is item  # labels match without diacritics


def test_the_facts_the_issue_names() -> None:
    assert scale("online-3").levels == ("Rất hài lòng", "Hài lòng", "Chưa hài lòng")
    assert len(scale("likert-5").levels) == 5
    assert scale("like-dislike").satisfied == ("Thích",)
    nd118 = criteria("nd-118-2025")
    assert nd118.article == "Điều 33 khoản 1"
    assert [i.clause for i in nd118.items] == [f"điểm {p}" for p in "abcd"] + ["điểm đ"] + [f"điểm {p}" for p in "eghi"]
    assert nd118.get("dd").label.startswith("Thái độ ứng xử")
    sipas = criteria("sipas")
    assert len(sipas.items) == 5
    assert sipas.aggregation_evidence == "uncertain"
    assert criteria("nd-61-2018").valid_until is not None


def test_the_data_file_is_nfc_and_names_its_copies() -> None:
    text = resources_text("surveys.toml")
    assert unicodedata.is_normalized("NFC", text)
    # "primary" read in an unofficial copy: the note says which copy, and that it is not the gazette.
    nd118 = criteria("nd-118-2025")
    assert nd118.evidence == "primary"
    assert nd118.note is not None
    assert "github.com/neornotl/rightly-beta" in nd118.note
    assert "không phải Công báo" in nd118.note
    assert nd118.aggregation is None  # the decree defines no index: index() refuses without weights
    online = scale("online-3")
    assert online.note is not None
    assert "Bộ pháp điển" in online.note


def resources_text(name: str) -> str:
    from importlib import resources

    return resources.files("motcua").joinpath("data", name).read_text(encoding="utf-8")


def test_unknown_labels_are_lookup_and_value_errors() -> None:
    with pytest.raises(UnknownLevelError) as caught:
        scale("online-3").level("Không hài lòng")
    for kind in (LookupError, ValueError, MotcuaError):
        assert isinstance(caught.value, kind)


def test_bad_scale_definitions_are_motcua_value_errors() -> None:
    with pytest.raises(InvalidArgumentError, match="at least two levels") as caught:
        Scale("x", ["Tốt"])
    assert isinstance(caught.value, ValueError)


def test_labels_are_nfc() -> None:
    for s in scales().values():
        assert all(unicodedata.is_normalized("NFC", label) for label in s.levels)


def test_level_matching() -> None:
    s = scale("likert-5")
    assert s.level("RẤT KHÔNG HÀI LÒNG") == "Rất không hài lòng"
    assert s.level("  binh   thuong ") == "Bình thường"
    assert s.level(unicodedata.normalize("NFD", "Không hài lòng")) == "Không hài lòng"
    assert s.level("Neutral") == "Bình thường"
    assert s.position("Rất hài lòng") == 0
    with pytest.raises(UnknownLevelError, match="did you mean 'Bình thường'"):
        s.level("binh thuon")
    with pytest.raises(TypeError, match="must be a str"):
        s.position(3)  # type: ignore[arg-type]


def test_user_scale() -> None:
    s = Scale("phieu-phuong", ["Tốt", "Khá", "Trung bình", "Kém"], satisfied=2)
    assert s.satisfied == ("Tốt", "Khá")
    assert s.with_satisfied(1).satisfied == ("Tốt",)
    assert s.with_scores({"Tốt": 3, "kha": 2, "Trung bình": 1, "Kém": 0}).scores == (3.0, 2.0, 1.0, 0.0)
    assert repr(s) == "<Scale phieu-phuong: Tốt* > Khá* > Trung bình > Kém>"
    assert scale(s) is s
    assert s != s.with_satisfied(1)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: Scale("x", ["Tốt"]), ValueError, "at least two levels"),
        (lambda: Scale("x", ["Tốt", "Kém"], satisfied=2), ValueError, "1..1"),
        (lambda: Scale("x", ["Tốt", "Kém"], satisfied=0), ValueError, "1..1"),
        (lambda: Scale("x", ["Tốt", "Kém", "Tot"]), ValueError, "same without diacritics"),
        (lambda: Scale("x", ["Tốt", ""]), ValueError, "non-empty strings"),
        (lambda: Scale("", ["Tốt", "Kém"], satisfied=1), ValueError, "non-empty key"),
        (lambda: Scale("x", ["Tốt", "Kém"], satisfied=1, levels_en=["Good"]), ValueError, "levels_en has 1"),
        (lambda: Scale("x", ["Tốt", "Kém"], satisfied=1, scores=(1.0,)), ValueError, "scores has 1"),
        (lambda: scale("online-3").with_scores({"Hài lòng": 1}), ValueError, "missing: Rất hài lòng, Chưa hài lòng"),
        (
            lambda: scale("online-3").with_scores({"Rất hài lòng": "2", "Hài lòng": 1, "Chưa hài lòng": 0}),
            TypeError,
            "number",
        ),
        (lambda: scale("online-5"), UnknownLevelError, "did you mean 'online-3'"),
        (lambda: criteria("sipass"), UnknownLevelError, "did you mean 'sipas'"),
        (lambda: criteria("sipas").get("zzz"), UnknownLevelError, "criterion 'zzz'"),
    ],
)
def test_bad_scales(make: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        make()  # type: ignore[operator]


@given(st.sampled_from(sorted(RAW["scales"])), st.data())
def test_any_spelling_of_a_level_finds_it(key: str, data: st.DataObject) -> None:
    s = scale(key)
    label = data.draw(st.sampled_from(s.levels))
    mangled = data.draw(
        st.sampled_from([label.upper(), label.lower(), fold(label), unicodedata.normalize("NFD", label)])
    )
    assert s.level(mangled) == label


def test_criteria_is_returned_as_is() -> None:
    c = criteria("sipas")
    assert isinstance(c, Criteria)
    assert criteria(c) is c
    assert repr(c) == "<Criteria sipas: 5 items>"
