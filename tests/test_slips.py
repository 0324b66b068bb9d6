"""One-stop slips: form sets by date, and slips filled from real dossiers of the shipped catalogue."""

from __future__ import annotations

import copy
import tomllib
import warnings
from datetime import UTC, date, datetime, time
from importlib import resources
from typing import Any, Literal

import pytest

import motcua
from motcua import (
    Closed,
    Dossier,
    Extended,
    Refused,
    Resolved,
    Returned,
    Supplemented,
    SupplementRequested,
    Transferred,
    TransferReturned,
    Withdrawn,
    WorkingDays,
)
from motcua.errors import DataFileError, UncertainDataWarning
from motcua.letter_examples import CENTRE, VICE_CHAIR, WARD
from motcua.letters import example_fields, render
from motcua.slips import (
    SLIP_TEMPLATES,
    Applicant,
    FormNotInForceError,
    form_set,
    form_sets,
    parse_forms,
    slip_fields,
)

MARITAL = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân: 3 working days
RECEIVED = datetime(2026, 4, 24, 9, 0)  # Friday; 27/4, 30/4 and 1/5 are days off: due Monday 4/5
CODE = "000.00.11.H17-260424-0012"
APPLICANT = Applicant(name="Phạm Văn Bình", address="Tổ 12, phường Hải Đăng", honorific="Ông", phone="0905 000 123")


@pytest.fixture(scope="module")
def cal() -> motcua.WorkingCalendar:
    return motcua.vietnam_calendar().with_office_hours("07:30-11:30, 13:30-17:00")


def dossier(*events: motcua.Event, received: datetime = RECEIVED, **kw: Any) -> Dossier:
    return Dossier(MARITAL, received, code=CODE, events=events, **kw)


def words(text: str) -> str:
    return " ".join(text.split())


def both(name: str, fields: dict[str, Any]) -> tuple[str, str]:
    return words(render(name, **fields)), render(name, "html", **fields)


# --------------------------------------------------------------------------- form sets


def test_two_form_sets_cover_2019_onwards() -> None:
    old, new = form_sets()
    assert old.circular.number == "01/2018/TT-VPCP"
    assert new.circular.number == "03/2025/TT-VPCP"
    assert old.decree.key == "nd-61-2018"
    assert new.decree.key == "nd-118-2025"
    assert old.valid_from == date(2019, 1, 6)
    assert old.valid_until == date(2025, 9, 14)
    assert new.valid_from == date(2025, 9, 15)
    assert new.valid_until is None
    assert new.certainty == "uncertain"
    assert new.note
    assert "FormSet 03/2025/TT-VPCP" in repr(new)


@pytest.mark.parametrize(
    ("day", "key", "doubtful"),
    [
        (date(2019, 1, 6), "2018", False),
        (date(2024, 12, 31), "2018", False),
        (date(2025, 6, 30), "2018", False),
        (date(2025, 7, 1), "2018", True),  # Decree 61/2018 ends; the new circular is not yet issued
        (date(2025, 9, 14), "2018", True),
        (date(2025, 9, 15), "2025", True),  # the circular's issue date, taken as its effective date
        (date(2025, 11, 19), "2025", True),
        (date(2025, 11, 20), "2025", False),  # cited as in force by Hà Nội's centre that day
        (date(2026, 3, 2), "2025", False),
    ],
)
def test_form_set_boundaries(day: date, key: str, doubtful: bool) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chosen = form_set(day)
        at_noon = form_set(datetime.combine(day, time(12, 0)))
    assert chosen.key == key
    assert at_noon is chosen
    assert [type(w.message) for w in caught] == ([UncertainDataWarning] * 2 if doubtful else [])
    if doubtful:
        assert "effective date is not confirmed" in str(caught[0].message)


def test_an_aware_moment_picks_the_set_of_its_vietnam_date() -> None:
    """20:00 UTC on 14/09/2025 is 03:00 on 15/09 in Vietnam, the day the 2025 set applies from."""
    utc_evening = datetime(2025, 9, 14, 20, 0, tzinfo=UTC)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UncertainDataWarning)  # the 2025 set's start is not confirmed
        assert form_set(utc_evening).key == form_set(date(2025, 9, 15)).key == "2025"
        assert form_set(datetime(2025, 9, 14, 20, 0)).key == "2018"  # naive: already Vietnam time
        fields = {**example_fields("phieu-xin-loi"), "ngay": utc_evening}
        text = render("phieu-xin-loi", **fields)
    # The paper's date line and its form agree: both are those of 15/09/2025.
    assert "ngày 15 tháng 9 năm 2025" in text
    assert "Mẫu số 04 – Thông tư 03/2025/TT-VPCP" in text


def test_before_the_first_set_nothing_is_modelled() -> None:
    with pytest.raises(FormNotInForceError, match=r"06/01/2019.*09/2015/QĐ-TTg") as info:
        form_set(date(2019, 1, 5))
    assert isinstance(info.value, LookupError)
    with pytest.raises(TypeError):
        form_set("2026-01-01")  # type: ignore[arg-type]


def test_numbers_and_titles_differ_between_the_sets() -> None:
    old, new = form_set(date(2024, 5, 2)), form_set(date(2026, 3, 2))
    assert old.form("phieu-xin-loi").title == "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
    assert new.form("phieu-xin-loi").title == "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
    assert old.form("phieu-kiem-soat").number == "05"
    assert new.form("phieu-kiem-soat").number == "06"
    assert new.form("thong-bao-dung").number == "05"
    assert [f.number for f in old.forms] == ["01", "02", "03", "04", "05", "06"]
    assert [f.number for f in new.forms] == ["01", "02", "03", "04", "05", "06", "07"]
    assert old.forms[-1].template is None  # the register is a table, not a slip
    assert new.fields("giay-tiep-nhan") == {
        "so": "01",
        "ten": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "thong_tu": "03/2025/TT-VPCP",
        "bo": "2025",
    }
    with pytest.raises(FormNotInForceError, match="introduced by Circular 03/2025/TT-VPCP"):
        old.form("thong-bao-dung")
    with pytest.raises(FormNotInForceError, match="no form 'giay-hen'"):
        new.form("giay-hen")


def test_every_slip_template_is_in_a_set() -> None:
    in_sets = {f.template for s in form_sets() for f in s.forms if f.template}
    assert in_sets == set(SLIP_TEMPLATES)


def test_the_stop_notice_cannot_be_rendered_before_2025() -> None:
    fields = example_fields("thong-bao-dung")
    fields["ngay"] = date(2024, 5, 2)
    with pytest.raises(FormNotInForceError, match=r"Decree 118/2025/NĐ-CP Art\. 21"):
        render("thong-bao-dung", **fields)
    fields["ngay"] = date(2026, 5, 2)
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in render("thong-bao-dung", **fields)


def test_the_apology_follows_the_set_of_its_date() -> None:
    fields = example_fields("phieu-xin-loi")
    text, page = both("phieu-xin-loi", fields)
    assert "Mẫu số 04 – Thông tư 03/2025/TT-VPCP" in text
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "đề nghị gia hạn thời gian giải quyết hồ sơ đến 17 giờ 00 phút, ngày 07 tháng 5 năm 2026" in text
    assert '<h1 class="ten-loai">VĂN BẢN XIN LỖI' in page
    fields["ngay"] = date(2024, 5, 2)
    text, page = both("phieu-xin-loi", fields)
    assert "Mẫu số 04 – Thông tư 01/2018/TT-VPCP" in text
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "hẹn lại thời gian trả kết quả vào 17 giờ 00 phút, ngày 07 tháng 5 năm 2026" in text
    assert "hẹn lại thời gian trả kết quả vào <b>17 giờ 00 phút" in page
    fields["ngay"] = date(2024, 5, 2)
    fields["bieu_mau"] = {"so": "04a", "ten": "Phiếu xin lỗi (mẫu của tỉnh)", "thong_tu": "QĐ 9/2024", "bo": "tinh"}
    assert "PHIẾU XIN LỖI (MẪU CỦA TỈNH)" in render("phieu-xin-loi", **fields)


def _raw() -> dict[str, Any]:
    text = resources.files("motcua").joinpath("data", "forms.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["set"][0].update(decree="nd-0-0000"), "not in sources.toml"),
        (lambda r: r["set"][0].update(certainty="maybe"), "certainty must be one of"),
        (lambda r: r["set"][1].pop("note"), "must say why"),
        (lambda r: r["set"][0]["forms"][0].update(number="1"), "two digits"),
        (lambda r: r["set"][0]["forms"][0].update(template="giay-hen"), "unknown template"),
        (lambda r: r["set"][0]["forms"][1].update(number="01"), "unique"),
        (lambda r: r["set"][1].update(valid_from=r["set"][0]["valid_from"]), "start on the same day"),
        (lambda r: r["set"][1].update(doubtful_until=date(2025, 1, 1)), "doubtful_until is before"),
        (lambda r: r["set"][0].update(circular="tt-0-0000"), "circular 'tt-0-0000' is not in sources.toml"),
        (lambda r: r["set"][0].pop("circular"), "missing key"),
        (lambda r: r["set"][0].update(extra=1), "unknown key"),
        (lambda r: r.update(schema=2), "unsupported schema"),
    ],
)
def test_forms_data_is_checked_strictly(change: Any, message: str) -> None:
    raw = copy.deepcopy(_raw())
    change(raw)
    with pytest.raises(DataFileError, match=message):
        parse_forms(raw, motcua.sources())


def test_the_shipped_forms_data_parses_and_is_nfc() -> None:
    assert parse_forms(_raw(), motcua.sources()) == form_sets()


# --------------------------------------------------------------------------- slips from dossiers


def test_receipt_from_a_dossier(cal: motcua.WorkingCalendar) -> None:
    fields = slip_fields(
        "giay-tiep-nhan",
        dossier(),
        office=CENTRE,
        applicant=APPLICANT,
        officer="Trần Thị Thu",
        documents=[{"ten": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "ban_chinh": 1}],
        calendar=cal,
        so_quyen="02",
    )
    assert fields["ngay"] == date(2026, 4, 24)
    assert fields["ma_ho_so"] == CODE
    assert fields["thoi_gian_giai_quyet"] == "03 ngày làm việc"
    assert fields["thoi_diem_nhan"] == RECEIVED
    assert fields["thoi_diem_tra"] == datetime(2026, 5, 4, 17, 0)
    assert fields["bieu_mau"]["so"] == "01"
    assert fields["so_quyen"] == "02"
    text, page = both("giay-tiep-nhan", fields)
    assert "Mã hồ sơ: 000.00.11.H17-260424-0012" in text
    assert "Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ của: Ông Phạm Văn Bình" in text
    assert "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 24 tháng 04 năm 2026" in text
    assert "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 04 tháng 05 năm 2026" in text
    assert "1) Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (01 bản chính)" in text
    assert "Quyển số: 02, Số thứ tự: ……" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "Trần Thị Thu" in page


def test_without_office_hours_the_appointment_is_a_day() -> None:
    fields = slip_fields(
        "giay-tiep-nhan", dossier(), office=CENTRE, applicant=APPLICANT, officer="Thu", documents=["Tờ khai"]
    )
    assert "5. Thời gian trả kết quả giải quyết hồ sơ: ngày 04 tháng 05 năm 2026" in words(
        render("giay-tiep-nhan", **fields)
    )


def test_a_receipt_in_2024_uses_the_2018_forms(cal: motcua.WorkingCalendar) -> None:
    d = Dossier(MARITAL, datetime(2024, 5, 2, 14, 0), code="X-240502-0001")
    fields = slip_fields(
        "phieu-kiem-soat", d, office=CENTRE, applicant=APPLICANT, calendar=cal, handler="UBND phường Hải Đăng"
    )
    assert fields["bieu_mau"] == form_set(date(2024, 5, 2)).fields("phieu-kiem-soat")
    assert "Mẫu số 05 – Thông tư 01/2018/TT-VPCP" in render("phieu-kiem-soat", **fields)


def test_same_day_and_24_hour_limits_are_labelled() -> None:
    certification = Dossier("2.000815", datetime(2026, 4, 24, 9, 0), code="C-1")
    fields = slip_fields(
        "giay-tiep-nhan", certification, office=CENTRE, applicant=APPLICANT, officer="Thu", documents=["Bản chính"]
    )
    assert fields["thoi_gian_giai_quyet"].startswith("trong ngày")
    birth = Dossier("1.001193", datetime(2027, 3, 2, 9, 0), code="B-1")
    with pytest.warns(UncertainDataWarning, match="24 giờ"):  # the 2026 law's limit awaits its decree
        fields = slip_fields(
            "giay-tiep-nhan", birth, office=CENTRE, applicant=APPLICANT, officer="Thu", documents=["Tờ khai"]
        )
    assert fields["thoi_gian_giai_quyet"] == "24 giờ"
    assert fields["thoi_diem_tra"] == datetime(2027, 3, 3, 9, 0)


def test_supplement_request_from_its_event(cal: motcua.WorkingCalendar) -> None:
    d = dossier(SupplementRequested(datetime(2026, 4, 28, 9, 0), reason="Thiếu giấy tờ chứng minh việc ly hôn"))
    fields = slip_fields(
        "phieu-yeu-cau-bo-sung",
        d,
        office=CENTRE,
        applicant=APPLICANT,
        officer="Trần Thị Thu",
        items=["Bản sao quyết định ly hôn"],
        calendar=cal,
        dien_thoai_huong_dan="0236 3000 111",
    )
    assert fields["ngay"] == date(2026, 4, 28)
    text, _ = both("phieu-yeu-cau-bo-sung", fields)
    assert "1) Bản sao quyết định ly hôn" in text
    assert "Lý do: Thiếu giấy tờ chứng minh việc ly hôn." in text
    assert "Trần Thị Thu, số điện thoại 0236 3000 111 để được hướng dẫn." in text
    assert "NGƯỜI HƯỚNG DẪN" in text
    with pytest.raises(ValueError, match="items="):
        slip_fields("phieu-yeu-cau-bo-sung", d, office=CENTRE, applicant=APPLICANT, officer="Thu")
    with pytest.raises(ValueError, match="no SupplementRequested event"):
        slip_fields("phieu-yeu-cau-bo-sung", dossier(), office=CENTRE, applicant=APPLICANT, officer="Thu", items=["x"])
    silent = dossier(SupplementRequested(datetime(2026, 4, 28, 9, 0)))
    with pytest.raises(ValueError, match="the reason"):
        slip_fields("phieu-yeu-cau-bo-sung", silent, office=CENTRE, applicant=APPLICANT, officer="Thu", items=["x"])
    fields = slip_fields(
        "phieu-yeu-cau-bo-sung", silent, office=CENTRE, applicant=APPLICANT, officer="Thu", items=["x"], reason="Vì"
    )
    assert fields["ly_do"] == "Vì"


def test_refusal_from_its_event() -> None:
    d = dossier(
        SupplementRequested(datetime(2026, 4, 28, 9, 0), reason="Thiếu giấy tờ"),
        Supplemented(datetime(2026, 4, 28, 14, 0)),
        Refused(datetime(2026, 4, 29, 10, 0), reason="Người yêu cầu đang có đăng ký kết hôn chưa chấm dứt"),
    )
    fields = slip_fields("phieu-tu-choi", d, office=CENTRE, applicant=APPLICANT, officer="Trần Thị Thu")
    assert fields["ngay"] == date(2026, 4, 29)
    text, page = both("phieu-tu-choi", fields)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "vì lý do sau: Người yêu cầu đang có đăng ký kết hôn chưa chấm dứt." in text
    assert "Mã hồ sơ: <b>000.00.11.H17-260424-0012</b>" in page
    # A refusal at the counter, with no event: the reason comes as an argument.
    counter = Dossier(MARITAL, RECEIVED)
    fields = slip_fields("phieu-tu-choi", counter, office=CENTRE, applicant=APPLICANT, officer="Thu", reason="Sai nơi")
    assert "ma_ho_so" not in fields
    assert "Mã hồ sơ" not in render("phieu-tu-choi", **fields)
    with pytest.raises(ValueError, match="the reason"):
        slip_fields("phieu-tu-choi", counter, office=CENTRE, applicant=APPLICANT, officer="Thu")
    with pytest.raises(ValueError, match="officer="):
        slip_fields("phieu-tu-choi", d, office=CENTRE, applicant=APPLICANT)


def test_apology_takes_reason_and_new_date_from_the_extension(cal: motcua.WorkingCalendar) -> None:
    d = dossier(
        Extended(
            datetime(2026, 4, 29, 10, 0),
            new_due=datetime(2026, 5, 7, 17, 0),
            reason="Cần xác minh tình trạng hôn nhân tại nơi cư trú trước đây",
        )
    )
    fields = slip_fields(
        "phieu-xin-loi",
        d,
        office=WARD,
        applicant=APPLICANT,
        signer=VICE_CHAIR,
        calendar=cal,
        so=15,
        ky_hieu=WARD.symbol_for() + "-TP",
    )
    assert fields["ngay"] == date(2026, 4, 29)
    assert fields["han_tra_cu"] == datetime(2026, 5, 4, 17, 0)
    assert fields["han_tra_moi"] == datetime(2026, 5, 7, 17, 0)
    text, page = both("phieu-xin-loi", fields)
    assert "Số: 15/UBND-TP" in text
    assert "Kính gửi: Ông Phạm Văn Bình" in text
    # A signed document: its moments write the date as its date line "ngày 29 tháng 4 năm 2026" does
    # (Decree 30/2020 Appendix I §II.4(b)), as the stop notice's do; never "tháng 04" beside "tháng 4".
    assert "được tiếp nhận vào 09 giờ 00 phút, ngày 24 tháng 4 năm 2026, hẹn trả kết quả vào" in text
    assert "hẹn trả kết quả vào 17 giờ 00 phút, ngày 04 tháng 5 năm 2026" in text
    assert "vì lý do: Cần xác minh tình trạng hôn nhân tại nơi cư trú trước đây." in text
    assert "đến 17 giờ 00 phút, ngày 07 tháng 5 năm 2026" in text
    assert "Hải Đăng, ngày 29 tháng 4 năm 2026" in text
    for shown in (text, page):
        assert "tháng 04" not in shown
        assert "tháng 05" not in shown
    assert "đến <b>17 giờ 00 phút, ngày 07 tháng 5 năm 2026</b>" in page
    lines = [line.strip() for line in render("phieu-xin-loi", **fields).splitlines()]
    assert [line for line in lines if line.endswith(("NHÂN DÂN", "CHỦ TỊCH", "Lê Minh Quân"))][-4:] == [
        "Nơi nhận:                                     TM. ỦY BAN NHÂN DÂN",
        "- Như trên;                                       KT. CHỦ TỊCH",
        "- Lưu: VT.                                        PHÓ CHỦ TỊCH",
        "Lê Minh Quân",
    ]
    with pytest.raises(ValueError, match="signer="):
        slip_fields("phieu-xin-loi", d, office=WARD, applicant=APPLICANT, calendar=cal)
    with pytest.raises(ValueError, match="no Extended event"):
        slip_fields("phieu-xin-loi", dossier(), office=WARD, applicant=APPLICANT, signer=VICE_CHAIR)


def test_an_apology_date_picks_the_new_day_at_the_old_hour(cal: motcua.WorkingCalendar) -> None:
    d = dossier(Extended(datetime(2026, 4, 29, 10, 0), new_due=date(2026, 5, 8), reason="Chờ xác minh"))
    fields = slip_fields("phieu-xin-loi", d, office=WARD, applicant=APPLICANT, signer=VICE_CHAIR, calendar=cal)
    assert fields["han_tra_moi"] == datetime(2026, 5, 8, 17, 0)


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (
            Withdrawn(datetime(2026, 4, 28, 14, 0), reason="không còn nhu cầu"),
            "vì lý do: Ông đề nghị dừng giải quyết hồ sơ ngày 28 tháng 4 năm 2026 (không còn nhu cầu).",
        ),
        (
            Withdrawn(datetime(2026, 4, 28, 14, 0)),
            "vì lý do: Ông đề nghị dừng giải quyết hồ sơ ngày 28 tháng 4 năm 2026.",
        ),
    ],
)
def test_stop_notice_from_a_withdrawal(event: motcua.Event, expected: str) -> None:
    fields = slip_fields("thong-bao-dung", dossier(event), office=WARD, applicant=APPLICANT, signer=VICE_CHAIR)
    assert fields["thoi_diem_dung"] == datetime(2026, 4, 28, 14, 0)
    text, page = both("thong-bao-dung", fields)
    assert "Mẫu số 05 – Thông tư 03/2025/TT-VPCP" in text
    # One way of writing a date in the notice, its date line's (Decree 30/2020 Appendix I §II.4(b)).
    assert "thông báo dừng giải quyết hồ sơ nêu trên kể từ 14 giờ 00 phút, ngày 28 tháng 4 năm 2026" in text
    assert "được tiếp nhận vào 09 giờ 00 phút, ngày 24 tháng 4 năm 2026." in text
    assert "tháng 04" not in text
    assert expected in text
    assert "Giai đoạn" not in page


def test_stop_notice_after_a_closure_and_not_before_2025() -> None:
    d = dossier(
        SupplementRequested(datetime(2026, 4, 28, 9, 0), reason="Thiếu giấy tờ"), Closed(datetime(2026, 5, 20, 9, 0))
    )
    fields = slip_fields("thong-bao-dung", d, office=WARD, applicant=APPLICANT, signer=VICE_CHAIR)
    assert "không bổ sung, hoàn thiện hồ sơ trong thời hạn đã thông báo" in words(render("thong-bao-dung", **fields))
    old = Dossier(MARITAL, datetime(2024, 5, 2, 9, 0), code="X-1", events=[Withdrawn(datetime(2024, 5, 3, 9, 0))])
    with pytest.raises(FormNotInForceError, match="no form 'thong-bao-dung'"):
        slip_fields("thong-bao-dung", old, office=WARD, applicant=APPLICANT, signer=VICE_CHAIR)


def test_control_slip_rows_come_from_the_timeline(cal: motcua.WorkingCalendar) -> None:
    d = dossier(
        Transferred(datetime(2026, 4, 24, 10, 0), agency="Công an phường", time_limit=WorkingDays(1)),
        TransferReturned(datetime(2026, 4, 28, 9, 0), agency="Công an phường"),
        Transferred(datetime(2026, 4, 28, 10, 0), agency="UBND xã Sơn Thủy", due=datetime(2026, 4, 28, 17, 0)),
        TransferReturned(datetime(2026, 4, 29, 8, 0), agency="UBND xã Sơn Thủy"),
        Resolved(datetime(2026, 4, 29, 15, 0)),
        Returned(datetime(2026, 4, 30, 8, 0)),
        agency="UBND phường Hải Đăng",
    )
    fields = slip_fields("phieu-kiem-soat", d, office=CENTRE, applicant=APPLICANT, calendar=cal)
    rows = fields["cac_buoc"]
    assert [(r["giao"], r["nhan"]) for r in rows] == [
        ("Trung tâm Phục vụ hành chính công", "UBND phường Hải Đăng"),
        ("UBND phường Hải Đăng", "Công an phường"),
        ("Công an phường", "UBND phường Hải Đăng"),
        ("UBND phường Hải Đăng", "UBND xã Sơn Thủy"),
        ("UBND xã Sơn Thủy", "UBND phường Hải Đăng"),
        ("UBND phường Hải Đăng", "Trung tâm Phục vụ hành chính công"),
        ("Trung tâm Phục vụ hành chính công", "Phạm Văn Bình"),
    ]
    assert [r.get("ket_qua") for r in rows] == [None, None, "Đúng hạn", None, "Quá hạn", "Trước hạn", None]
    assert fields["co_quan_giai_quyet"] == "UBND phường Hải Đăng"
    assert fields["thoi_diem_tra"] == datetime(2026, 5, 4, 17, 0)
    text, page = both("phieu-kiem-soat", fields)
    assert "5. Giao: UBND xã Sơn Thủy Nhận: UBND phường Hải Đăng" in text
    assert "Kết quả giải quyết hồ sơ: Quá hạn" in text
    assert "<td>Quá hạn</td>" in page
    assert "NGƯỜI NỘP HỒ SƠ" not in text  # signed row by row


def test_control_slip_notes_supplements_extensions_and_refusals(cal: motcua.WorkingCalendar) -> None:
    d = dossier(
        SupplementRequested(datetime(2026, 4, 27, 9, 0), reason="Thiếu tờ khai"),
        Supplemented(datetime(2026, 4, 28, 9, 0)),
        Extended(datetime(2026, 4, 29, 9, 0), new_due=datetime(2026, 5, 8, 17, 0), reason="Chờ xác minh"),
        Refused(datetime(2026, 5, 6, 9, 0), reason="Không đủ điều kiện"),
    )
    rows = slip_fields("phieu-kiem-soat", d, office=CENTRE, applicant=APPLICANT, calendar=cal)["cac_buoc"]
    notes = [r.get("ghi_chu", "") for r in rows]
    assert notes[1] == "Yêu cầu bổ sung, hoàn thiện hồ sơ: Thiếu tờ khai"
    # The apology by its title in the control slip's own form set (2025 here), not the 2018 one.
    assert notes[2] == "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết: Chờ xác minh"
    assert notes[3] == "Từ chối giải quyết: Không đủ điều kiện"
    assert rows[0]["nhan"] == "Trung tâm Phục vụ hành chính công"  # no agency: the office handles it


def test_every_slip_renders_from_a_dossier(cal: motcua.WorkingCalendar) -> None:
    events: dict[str, tuple[motcua.Event, ...]] = {
        "phieu-yeu-cau-bo-sung": (SupplementRequested(datetime(2026, 4, 28, 9, 0), reason="Thiếu"),),
        "phieu-tu-choi": (Refused(datetime(2026, 4, 29, 9, 0), reason="Không đủ điều kiện"),),
        "phieu-xin-loi": (Extended(datetime(2026, 4, 29, 9, 0), new_due=date(2026, 5, 7), reason="Chờ"),),
        "thong-bao-dung": (Withdrawn(datetime(2026, 4, 28, 9, 0)),),
    }
    formats: tuple[Literal["text", "html"], ...] = ("text", "html")
    for name in SLIP_TEMPLATES:
        fields = slip_fields(
            name,
            dossier(*events.get(name, ())),
            office=CENTRE,
            applicant=APPLICANT,
            signer=VICE_CHAIR,
            officer="Trần Thị Thu",
            documents=["Tờ khai"],
            items=["Tờ khai"],
            calendar=cal,
        )
        for fmt in formats:
            assert "Phạm Văn Bình" in render(name, fmt, **fields)


def test_slip_fields_refuses_what_it_cannot_fill() -> None:
    with pytest.raises(FormNotInForceError, match="not a one-stop slip"):
        slip_fields("chuc-mung-khai-sinh", dossier(), office=WARD, applicant=APPLICANT)
    with pytest.raises(TypeError, match=r"motcua\.Dossier"):
        slip_fields("giay-tiep-nhan", "1.004873", office=WARD, applicant=APPLICANT)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no code"):
        slip_fields("giay-tiep-nhan", Dossier(MARITAL, RECEIVED), office=WARD, applicant=APPLICANT, officer="Thu")
    with pytest.raises(ValueError, match="documents="):
        slip_fields("giay-tiep-nhan", dossier(), office=WARD, applicant=APPLICANT, officer="Thu")
    with pytest.raises(ValueError, match="officer="):
        slip_fields("giay-tiep-nhan", dossier(), office=WARD, applicant=APPLICANT, documents=["Tờ khai"])


def test_applicant() -> None:
    person = Applicant(name=" Phạm Văn Bình ", address="Tổ 12")
    assert person.honorific == "Ông/Bà"
    assert person.fields()["nguoi_nop"] == "Phạm Văn Bình"
    with pytest.raises(ValueError, match="name must not be empty"):
        Applicant(name="", address="Tổ 12")
    with pytest.raises(ValueError, match="Ông/Bà"):
        Applicant(name="A", address="Tổ 12", honorific=" ")
    with pytest.raises(TypeError):
        Applicant(name=None, address="Tổ 12")


# --------------------------------------------------------------------------- the uncertain change-over


def test_in_the_doubtful_window_the_stop_notice_uses_the_2025_form_with_a_warning() -> None:
    # Decree 118/2025 (in force 1/7/2025) provides the stop (Art. 21) before Circular 03/2025 is
    # known to apply; the 2018 set has no such form, so the 2025 one stands in, with a warning.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summer = form_set(date(2025, 8, 1))
        stop = summer.form("thong-bao-dung")
        fields = summer.fields("thong-bao-dung")
    assert [w.category for w in caught] == [UncertainDataWarning] * 3  # the set, then the form twice
    assert summer.key == "2018"
    assert (stop.number, stop.title) == ("05", "Thông báo dừng giải quyết hồ sơ")
    assert fields == {"so": "05", "ten": "Thông báo dừng giải quyết hồ sơ", "thong_tu": "03/2025/TT-VPCP", "bo": "2025"}
    messages = [str(w.message) for w in caught]
    assert any("Nghị định 118/2025/NĐ-CP" in m and "in force from 01/07/2025" in m for m in messages)
    assert all(w.filename == __file__ for w in caught)  # the warning names the user's line
    # The forms the 2018 set has are still its own.
    with pytest.warns(UncertainDataWarning):
        assert form_set(date(2025, 8, 1)).fields("phieu-xin-loi")["thong_tu"] == "01/2018/TT-VPCP"
    notice = {**example_fields("thong-bao-dung"), "ngay": date(2025, 8, 1)}
    with pytest.warns(UncertainDataWarning):
        text = render("thong-bao-dung", **notice)
    assert "Mẫu số 05 – Thông tư 03/2025/TT-VPCP" in text
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    old = Dossier(MARITAL, datetime(2025, 7, 20, 9, 0), code="X-1", events=[Withdrawn(datetime(2025, 8, 4, 9, 0))])
    with pytest.warns(UncertainDataWarning):
        fields = slip_fields("thong-bao-dung", old, office=WARD, applicant=APPLICANT, signer=VICE_CHAIR)
    assert fields["bieu_mau"]["so"] == "05"


@pytest.mark.parametrize("day", [date(2025, 6, 30), date(2024, 5, 2), date(2019, 1, 6)])
def test_outside_the_window_the_2018_set_still_has_no_stop_notice(day: date) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(FormNotInForceError, match="no form 'thong-bao-dung'"):
            form_set(day).form("thong-bao-dung")


# --------------------------------------------------------------------------- reasons the law requires


def test_the_apology_needs_a_reason_and_reason_overrides_the_event(cal: motcua.WorkingCalendar) -> None:
    silent = dossier(Extended(datetime(2026, 4, 29, 10, 0), new_due=date(2026, 5, 7), reason=""))
    with pytest.raises(ValueError, match="the reason for the delay"):
        slip_fields("phieu-xin-loi", silent, office=WARD, applicant=APPLICANT, signer=VICE_CHAIR, calendar=cal)
    fields = slip_fields(
        "phieu-xin-loi",
        silent,
        office=WARD,
        applicant=APPLICANT,
        signer=VICE_CHAIR,
        calendar=cal,
        reason="Chờ xác minh",
    )
    assert fields["ly_do"] == "Chờ xác minh"
    stated = dossier(Extended(datetime(2026, 4, 29, 10, 0), new_due=date(2026, 5, 7), reason="Chờ"))
    fields = slip_fields(
        "phieu-xin-loi", stated, office=WARD, applicant=APPLICANT, signer=VICE_CHAIR, calendar=cal, reason="Khác"
    )
    assert fields["ly_do"] == "Khác"  # as for the refusal and the supplement request


# --------------------------------------------------------------------------- fields of each form set


def test_the_control_slip_lists_the_co_processing_bodies(cal: motcua.WorkingCalendar) -> None:
    d = dossier(
        Transferred(datetime(2026, 4, 24, 10, 0), agency="Công an phường", time_limit=WorkingDays(1)),
        TransferReturned(datetime(2026, 4, 27, 9, 0), agency="Công an phường"),
        Transferred(datetime(2026, 4, 28, 10, 0), agency="UBND xã Sơn Thủy", due=datetime(2026, 4, 28, 17, 0)),
        TransferReturned(datetime(2026, 4, 28, 16, 0), agency="UBND xã Sơn Thủy"),
        Transferred(datetime(2026, 4, 29, 8, 0), agency="Công an phường", time_limit=WorkingDays(1)),
        agency="UBND phường Hải Đăng",
    )
    fields = slip_fields("phieu-kiem-soat", d, office=CENTRE, applicant=APPLICANT, calendar=cal)
    assert fields["co_quan_phoi_hop"] == ["Công an phường", "UBND xã Sơn Thủy"]  # law.md §2.2, Mẫu 06
    text, page = both("phieu-kiem-soat", fields)
    assert "Cơ quan phối hợp giải quyết hồ sơ: Công an phường; UBND xã Sơn Thủy" in text
    assert "Cơ quan phối hợp giải quyết hồ sơ: Công an phường; UBND xã Sơn Thủy" in page
    alone = slip_fields("phieu-kiem-soat", dossier(), office=CENTRE, applicant=APPLICANT, calendar=cal)
    assert "co_quan_phoi_hop" not in alone


def test_a_2018_control_slip_names_the_apology_by_its_2018_title(cal: motcua.WorkingCalendar) -> None:
    d = Dossier(
        MARITAL,
        datetime(2024, 5, 2, 9, 0),
        code="X-240502-0001",
        events=[Extended(datetime(2024, 5, 3, 9, 0), new_due=date(2024, 5, 10), reason="Chờ xác minh")],
    )
    rows = slip_fields("phieu-kiem-soat", d, office=CENTRE, applicant=APPLICANT, calendar=cal)["cac_buoc"]
    assert rows[1]["ghi_chu"] == "Phiếu xin lỗi và hẹn lại ngày trả kết quả: Chờ xác minh"


ID_LINE = "Số định danh cá nhân: 048090000123"


@pytest.mark.parametrize("name", ["giay-tiep-nhan", "phieu-tu-choi", "phieu-xin-loi"])
def test_the_id_number_is_printed_on_the_2025_forms_only(name: str) -> None:
    # law.md §2.2: the 2025 Mẫu 01, 03 and 04 have the applicant's ID number; the 2018 Mẫu 01
    # has no ID line, nor do the 2018 Mẫu 03 and 04 of letters.md §2.3.
    fields = example_fields(name)
    assert fields["so_giay_to"] == "048090000123"
    new_text, new_page = both(name, fields)
    assert ID_LINE in new_text
    assert ID_LINE in new_page
    fields["ngay"] = date(2024, 5, 2)
    old_text, old_page = both(name, fields)
    assert "Số định danh" not in old_text
    assert "Số định danh" not in old_page


PRINCIPAL = {
    "ho_ten": "Phạm Thị Cúc",
    "dia_chi": "Tổ 3, phường Hải Đăng",
    "so_giay_to": "048190000456",
    "so_dien_thoai": "0905 111 222",
    "email": "cuc@example.org",
    "van_ban": "Văn bản ủy quyền ngày 20/4/2026",
}


def test_the_2025_receipt_prints_the_authorisation_and_the_2018_one_does_not() -> None:
    fields = {**example_fields("giay-tiep-nhan"), "uy_quyen": PRINCIPAL}
    text, page = both("giay-tiep-nhan", fields)
    assert "Trường hợp nộp hồ sơ theo ủy quyền, người ủy quyền: Phạm Thị Cúc" in text
    for line in (
        "Địa chỉ: Tổ 3, phường Hải Đăng",
        "Số định danh cá nhân: 048190000456",
        "Số điện thoại: 0905 111 222",
        "Email: cuc@example.org",
        "Văn bản ủy quyền: Văn bản ủy quyền ngày 20/4/2026",
    ):
        assert line in text
        assert line in page
    only_name = words(render("giay-tiep-nhan", **{**fields, "uy_quyen": {"ho_ten": "Phạm Thị Cúc"}}))
    assert "người ủy quyền: Phạm Thị Cúc Nội dung yêu cầu" in only_name
    assert "ủy quyền" not in words(render("giay-tiep-nhan", **example_fields("giay-tiep-nhan")))
    fields["ngay"] = date(2024, 5, 2)
    text, page = both("giay-tiep-nhan", fields)
    assert "ủy quyền" not in text
    assert "ủy quyền" not in page
    from motcua.letters import FieldTypeError, MissingFieldError

    with pytest.raises(MissingFieldError, match=r"'ho_ten' in uy_quyen"):
        render("giay-tiep-nhan", **{**example_fields("giay-tiep-nhan"), "uy_quyen": {"dia_chi": "Tổ 3"}})
    with pytest.raises(FieldTypeError, match="'uy_quyen' must be a dict"):
        render("giay-tiep-nhan", **{**example_fields("giay-tiep-nhan"), "uy_quyen": "Phạm Thị Cúc"})


def test_the_2018_refusal_ends_with_its_help_line_and_the_2025_one_does_not() -> None:
    # letters.md §2.3 (Mẫu 03, 2018 forms): "Xin thông báo …" plus the help line; law.md §2.2's
    # 2025 Mẫu 03 lists none.
    fields = {**example_fields("phieu-tu-choi"), "dien_thoai_huong_dan": "0236 3000 111"}
    text, page = both("phieu-tu-choi", fields)
    assert "Xin thông báo để Ông được biết và thực hiện./." in text
    assert "Nếu có vướng mắc" not in text
    assert "Nếu có vướng mắc" not in page
    fields["ngay"] = date(2024, 5, 2)
    text, page = both("phieu-tu-choi", fields)
    assert "Xin thông báo để Ông được biết và thực hiện. Nếu có vướng mắc" in text
    assert "Ông liên hệ Trần Thị Thu, số điện thoại 0236 3000 111 để được hướng dẫn./." in text
    assert "số điện thoại 0236 3000 111" in words(page)
