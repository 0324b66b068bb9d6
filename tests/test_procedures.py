"""The procedure catalogue: lookups by date, search, local limits, what-ifs, and the strict loader."""

from __future__ import annotations

import copy
import itertools
import re
import tomllib
import unicodedata
import warnings
from datetime import date, datetime, time, timedelta
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import motcua
from motcua import NotInForceError, UnknownProcedureError, WorkingDays
from motcua.procedures import fold, parse_catalogue

CAT = motcua.catalogue()
RAW = tomllib.loads(resources.files("motcua").joinpath("data", "procedures.toml").read_text(encoding="utf-8"))


def test_catalogue_is_cached_and_iterates_every_procedure_once() -> None:
    assert motcua.catalogue() is CAT
    codes = [p.code for p in CAT]
    assert codes == CAT.codes
    assert len(codes) == len(set(codes)) == len(CAT)
    assert "1.001193" in CAT
    assert "9.999999" not in CAT


def test_get_picks_the_version_in_force() -> None:
    birth = CAT.get("1.001193", on=date(2026, 11, 27))
    assert birth.time_limit == motcua.SameDay()
    assert birth.valid_until == date(2027, 2, 28)
    after = CAT.get("1.001193", on=date(2027, 3, 1))
    assert after.time_limit == motcua.ClockHours(24)
    assert after.certainty == "uncertain"
    assert CAT.get("1.001193") is CAT.versions("1.001193")[-1]


def test_not_in_force_and_unknown_codes_explain_themselves() -> None:
    with pytest.raises(NotInForceError, match="no version in force on 2010-01-01"):
        CAT.get("1.001193", on=date(2010, 1, 1))
    with pytest.raises(NotInForceError, match=r"Đ\.29 k\.4"):  # why there is no 2027 version
        CAT.get("1.004873", on=date(2027, 3, 1))
    with pytest.raises(UnknownProcedureError, match=r"did you mean 1\.004873") as info:
        CAT.get("1.00487")
    assert isinstance(info.value, LookupError)
    with pytest.raises(UnknownProcedureError, match=r"did you mean 1\.001193"):
        CAT.get("dang ky khai sinh")
    with pytest.raises(TypeError, match="code must be a str"):
        CAT.get(1001193)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"on must be a datetime\.date"):
        CAT.get("1.001193", on=datetime(2026, 1, 1))  # type: ignore[arg-type]


def test_search_with_and_without_diacritics() -> None:
    assert fold("Đăng ký khai sinh") == "dang ky khai sinh"
    assert CAT.search("dang ky khai sinh")[0].code == "1.001193"
    assert CAT.search("Đăng ký khai sinh")[0].code == "1.001193"
    assert CAT.search("  ĐĂNG KÝ   khai SINH ")[0].code == "1.001193"
    assert [p.code for p in CAT.search("1.004873")] == ["1.004873"]
    assert CAT.search("marital status")[0].code == "1.004873"
    assert CAT.search("") == []
    assert CAT.search("không có thủ tục này") == []


def test_procedure_deadline_uses_its_limit_and_cites_its_law() -> None:
    p = CAT.get("1.004873", on=date(2026, 4, 24))
    d = p.deadline(datetime(2026, 4, 24, 9, 0))
    assert d.date == date(2026, 5, 4)
    assert d.legal_basis == p.legal
    assert "Căn cứ: Nghị định 123/2015/NĐ-CP, Đ.22 k.3" in d.explain()
    assert CAT.deadline("1.004873", datetime(2026, 4, 24, 9, 0)).date == date(2026, 5, 4)


def test_versions_refuse_receipts_outside_their_validity() -> None:
    old = CAT.get("1.001193", on=date(2020, 1, 1))
    with pytest.raises(NotInForceError, match=r"use catalogue\(\).get\('1.001193', on=date\(2027, 3, 5\)\)"):
        old.deadline(datetime(2027, 3, 5, 9, 0))


def test_uncertain_versions_warn() -> None:
    with pytest.warns(motcua.UncertainDataWarning, match="uncertain"):
        d = CAT.deadline("1.001193", datetime(2027, 3, 5, 16, 0))
    assert d.due_at == datetime(2027, 3, 6, 16, 0)


def test_verification_limit() -> None:
    with pytest.raises(ValueError, match="no separate time limit for verification"):
        CAT.get("1.001193", on=date(2026, 1, 5)).deadline(date(2026, 1, 5), verification=True)
    with_verification = [v for code in CAT.codes for v in CAT.versions(code) if v.verification_limit is not None]
    assert with_verification
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", motcua.UncertainDataWarning)
        for p in with_verification:
            day = max(p.valid_from, date(2013, 1, 1))
            assert p.deadline(day, verification=True).date >= p.deadline(day).date


def test_province_shortened_limits() -> None:
    local = CAT.with_time_limits(
        {"1.004873": WorkingDays(2)}, source="Quyết định 99/QĐ-UBND", valid_from=date(2026, 1, 1)
    )
    before, after = local.versions("1.004873")[:2]
    assert (before.valid_until, after.valid_from) == (date(2025, 12, 31), date(2026, 1, 1))
    assert after.time_limit == WorkingDays(2)
    assert after.legal[-1].source.title == "Quyết định 99/QĐ-UBND"
    assert local.deadline("1.004873", datetime(2026, 4, 24, 9, 0)).date == date(2026, 4, 29)
    assert CAT.get("1.004873", on=date(2026, 4, 24)).time_limit == WorkingDays(3)  # shipped data untouched
    with pytest.raises(UnknownProcedureError):
        CAT.with_time_limits({"1.00487": WorkingDays(2)}, source="x", valid_from=date(2026, 1, 1))


def test_what_if_every_limit_cut_by_30_percent() -> None:
    cut = CAT.scaled(0.7)
    for code in CAT.codes:
        for old, new in zip(CAT.versions(code), cut.versions(code), strict=True):
            if isinstance(old.time_limit, WorkingDays):
                assert new.time_limit == old.time_limit.scaled(0.7)
            if isinstance(old.time_limit, motcua.SameDay):
                assert new.time_limit == old.time_limit
    only = CAT.scaled(0.5, codes=["1.004884"])
    assert only.get("1.004884", on=date(2026, 1, 5)).time_limit == WorkingDays(2)
    assert only.get("1.004873", on=date(2026, 1, 5)).time_limit == WorkingDays(3)


def test_rules_of_the_one_stop_mechanism() -> None:
    assert CAT.rule("online-acceptance").time_limit == motcua.WorkingHours(8)
    assert CAT.rule("auto-close").time_limit == motcua.CalendarDays(15)
    assert CAT.rule("return-incomplete-dossier", on=date(2020, 1, 1)).legal[0].source.number == "61/2018/NĐ-CP"
    assert CAT.rule("return-incomplete-dossier", on=date(2025, 7, 1)).legal[0].source.number == "118/2025/NĐ-CP"
    with pytest.raises(NotInForceError):
        CAT.rule("online-acceptance", on=date(2025, 6, 30))


# --------------------------------------------------------------------------- every record


def _all_versions() -> list[motcua.Procedure]:
    out = [v for code in CAT.codes for v in CAT.versions(code)]
    out += [v for rule in CAT.rules for v in CAT.rule_versions(rule.code)]
    return out


@pytest.mark.parametrize("version", _all_versions(), ids=lambda p: f"{p.code}@{p.valid_from}")
def test_every_version_is_sourced_and_usable(version: motcua.Procedure) -> None:
    assert version.legal, "every version needs a legal basis"
    assert all(ref.source.key in motcua.sources() for ref in version.legal)
    assert any(ref.article for ref in version.legal), "cite the article"
    assert version.certainty in {"confirmed", "secondary", "uncertain"}
    if version.certainty == "uncertain":
        assert version.note
    for text in (version.name, version.field, version.note or ""):
        assert unicodedata.is_normalized("NFC", text)
    day = max(version.valid_from, date(2013, 1, 1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", motcua.UncertainDataWarning)
        warnings.simplefilter("ignore", motcua.EstimatedCalendarWarning)
        if isinstance(version.time_limit, motcua.WorkingHours):
            cal = motcua.vietnam_calendar().with_office_hours("07:30-11:30, 13:30-17:00")
            assert version.deadline(datetime.combine(day, datetime.min.time()), cal).due_at > datetime.combine(
                day, datetime.min.time()
            )
        else:
            assert version.deadline(day).date >= day
    for step in version.steps:
        assert step.legal
        assert step.agency
        assert step.task


@pytest.mark.parametrize("code", CAT.codes)
def test_versions_are_contiguous_and_codes_well_formed(code: str) -> None:
    versions = CAT.versions(code)
    for before, after in itertools.pairwise(versions):
        assert before.valid_until is not None
        assert before.valid_until + timedelta(days=1) == after.valid_from
    entry = next(e for e in RAW["procedure"] if e["code"] == code)
    assert re.fullmatch(r"\d\.\d{6}", code) or "code_note" in entry, "a non-national code must say why"


# --------------------------------------------------------------------------- strict loader


def _broken(edit: Any) -> dict[str, Any]:
    raw = copy.deepcopy(RAW)
    edit(raw)
    return raw


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r["procedure"][0].update(typo=1), "unknown key"),
        (lambda r: r["procedure"][0]["version"][0].update(typo=1), "unknown key"),
        (lambda r: r["procedure"][0]["version"][0].pop("legal"), "missing key"),
        (lambda r: r["procedure"][0]["version"][0].update(legal=[]), "non-empty list"),
        (lambda r: r["procedure"][0]["version"][0]["legal"][0].update(source="nope"), "not in sources.toml"),
        (lambda r: r["procedure"][0]["version"].reverse(), "sorted by valid_from"),
        (lambda r: r["procedure"][0]["version"][0].update(valid_until=date(2030, 1, 1)), "overlaps"),
        (lambda r: r["procedure"][0]["version"][0].update(time_limit={"working_days": 0}), "meaningless"),
        (lambda r: r["procedure"][0]["version"][0].update(time_limit={"weeks": 2}), "unknown time limit kind"),
        (lambda r: r["procedure"][0]["version"][0].update(time_limit={"same_day": "3pm"}), "same_day takes"),
        (lambda r: r["procedure"][0]["version"][0].update(certainty="sure"), "certainty must be"),
        (lambda r: r["procedure"][0]["version"][-1].pop("note"), "must say why"),
        (lambda r: r["procedure"][0].update(level="galaxy"), "level must be"),
        (lambda r: r["procedure"].append(copy.deepcopy(r["procedure"][0])), "duplicate code"),
        (lambda r: r["procedure"][0]["version"][0].update(fee={"note": "x", "source": "blds-2015", "vnd": -1}), "vnd"),
    ],
)
def test_loader_rejects_malformed_catalogue(edit: Any, message: str) -> None:
    with pytest.raises(motcua.DataFileError, match=message):
        parse_catalogue(_broken(edit), motcua.sources())


def test_loader_rejects_non_nfc_text() -> None:
    from motcua._data import check_nfc

    raw = _broken(lambda r: r["procedure"][0].update(name="Đăng ky\u0301 khai sinh"))
    with pytest.raises(motcua.DataFileError, match="NFC"):
        check_nfc(raw, "procedures.toml")


def test_loader_accepts_the_shipped_file() -> None:
    again = parse_catalogue(RAW, motcua.sources())
    assert [p.code for p in again] == CAT.codes


def test_unknown_code_carries_its_suggestions() -> None:
    with pytest.raises(motcua.UnknownProcedureError) as info:
        motcua.catalogue().get("1.00193")
    assert info.value.code == "1.00193"
    assert "1.001193" in info.value.suggestions
    assert all(s in str(info.value) for s in info.value.suggestions)
    with pytest.raises(motcua.UnknownProcedureError) as nothing:
        motcua.catalogue().get("zzzzzz")
    assert nothing.value.suggestions == ()


@given(
    st.dates(date(2014, 1, 1), date(2029, 12, 31)),
    st.integers(0, 2000),
    st.sampled_from(["1.004873", "1.001193", "2.000815"]),
    st.lists(st.dates(date(2013, 1, 1), date(2030, 12, 31)), min_size=1, max_size=20),
)
def test_local_limits_apply_exactly_inside_their_window(start: date, days: int, code: str, probes: list[date]) -> None:
    end = start + timedelta(days=days)
    local = CAT.with_time_limits(
        {code: WorkingDays(1)}, source="Quyết định 99/QĐ-UBND", valid_from=start, valid_until=end
    )
    versions = local.versions(code)
    for a, b in itertools.pairwise(versions):  # still one version per day, no gap, no overlap
        assert a.valid_until is not None
        assert a.valid_until + timedelta(days=1) == b.valid_from
    for day in probes:
        try:
            shipped = CAT.get(code, on=day).time_limit
        except NotInForceError:
            continue
        expected = WorkingDays(1) if start <= day <= end else shipped
        assert local.get(code, on=day).time_limit == expected


def test_local_limits_window_is_checked() -> None:
    with pytest.raises(ValueError, match="before valid_from"):
        CAT.with_time_limits(
            {"1.004873": WorkingDays(2)}, source="x", valid_from=date(2026, 7, 1), valid_until=date(2026, 6, 30)
        )
    with pytest.raises(TypeError, match="valid_until"):
        CAT.with_time_limits(
            {"1.004873": WorkingDays(2)}, source="x", valid_from=date(2026, 7, 1), valid_until="2026-12-31"
        )  # type: ignore[arg-type]


def test_search_matches_whole_syllables_and_the_diacritics_typed() -> None:
    assert [p.code for p in CAT.search("khai tử")] == ["1.000656", "1.005461"]  # not "tuổi", not "điện tử"
    assert [p.code for p in CAT.search("khai tu")] == ["1.000656", "1.005461"]
    assert CAT.search("khai tự") == []  # a different tone is a different word
    assert [p.code for p in CAT.search("Đang ky ket hon")][:1] == ["1.000894"]  # some marks left out
    assert [p.code for p in CAT.search("1.0011")] == ["1.001193"]  # a code prefix
    assert CAT.search("tuo") == []  # no syllable prefixes
    with pytest.raises(TypeError):
        CAT.search(None)  # type: ignore[arg-type]


@given(st.sampled_from(sorted(CAT.codes)), st.booleans())
def test_every_procedure_is_found_by_its_name(code: str, folded: bool) -> None:
    name = CAT.get(code).name
    found = CAT.search(fold(name) if folded else name)
    assert code in [p.code for p in found]
    # The shortest name starting with the words comes first: the name itself.
    assert fold(found[0].name) == fold(name)


def test_level_follows_competence_by_version() -> None:
    """Marriages with a foreign element and translators' signatures were district work until 30/6/2025."""
    for code in ("2.000806", "2.000992", "2.001008"):
        assert CAT.get(code, on=date(2025, 6, 30)).level == "district"
        assert CAT.get(code, on=date(2025, 7, 1)).level == "commune"
    assert CAT.get("1.001193", on=date(2016, 6, 1)).level == "commune"


def test_a_version_level_is_checked() -> None:
    raw = copy.deepcopy(RAW)
    raw["procedure"][0]["version"][0]["level"] = "village"
    with pytest.raises(motcua.DataFileError, match="level must be one of"):
        parse_catalogue(raw, motcua.sources())


def test_a_procedure_with_a_receipt_cutoff_applies_it_everywhere() -> None:
    """Nghị định 63/2024 Đ.7 k.2: a joined-up birth dossier received after 15:00 counts from the next day."""
    joined = CAT.get("LT-63-2024-01", on=date(2026, 12, 1))
    assert joined.receipt_cutoff == time(15, 0)
    late, early = datetime(2026, 12, 1, 16, 0), datetime(2026, 12, 1, 10, 0)  # a Tuesday
    assert joined.deadline(late).date == date(2026, 12, 7)
    assert joined.deadline(early).date == date(2026, 12, 4)
    assert joined.deadline(datetime(2026, 12, 1, 15, 0)).date == date(2026, 12, 4)  # at 15:00 is not after
    assert motcua.Dossier(joined, late).timeline().due_date == date(2026, 12, 7)
    # A caller's own cut-off wins over the procedure's.
    assert joined.deadline(late, conventions=motcua.Conventions(receipt_cutoff=time(17, 0))).date == date(2026, 12, 4)
    assert CAT.get("1.004873").receipt_cutoff is None


def test_a_receipt_cutoff_in_the_data_is_a_local_time() -> None:
    raw = copy.deepcopy(RAW)
    raw["procedure"][0]["version"][0]["receipt_cutoff"] = "15:00"
    with pytest.raises(motcua.DataFileError, match="receipt_cutoff must be a TOML local time"):
        parse_catalogue(raw, motcua.sources())
